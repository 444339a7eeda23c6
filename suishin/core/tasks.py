"""Background tasks: thin wrappers named after the services they call."""

from django_tasks import task

from suishin.core.services.audit import audit_verify
from suishin.core.services.notifications import notification_send_email


@task()
def notification_send_email_task(notification_id: int) -> bool:
    return notification_send_email(notification_id=notification_id)


@task()
def audit_verify_task() -> dict[str, object]:
    """Verify the audit chain off the request path (for example nightly, from a scheduler)."""
    result = audit_verify()
    broken = result.first_break
    return {
        "ok": result.ok,
        "checked": result.checked,
        "first_break": broken.sequence if broken else None,
    }
