"""Background tasks: thin wrappers named after the services they call."""

from django_tasks import task

from suishin.core.services.notifications import notification_send_email


@task()
def notification_send_email_task(notification_id: int) -> bool:
    return notification_send_email(notification_id=notification_id)
