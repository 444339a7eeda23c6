"""Background tasks: thin wrappers named after the services they call."""

from django_tasks import task

from suishin.core.services.audit import audit_checkpoint, audit_verify
from suishin.core.services.notifications import notification_send_email
from suishin.core.services.sign_in_throttle import sign_in_records_purge


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


@task()
def audit_checkpoint_task() -> dict[str, object]:
    """Sign the audit chain's length and head into the checkpoint file (see docs/operations.md)."""
    result = audit_checkpoint()
    return {
        "written": result.written,
        "sequence": result.checkpoint.sequence if result.checkpoint else 0,
        "problem": result.problem,
    }


@task()
def sign_in_records_purge_task() -> int:
    """Forget sign-in throttling records whose window and pause are over."""
    return sign_in_records_purge()
