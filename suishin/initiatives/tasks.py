"""Background tasks of the initiatives: thin wrappers named after their services."""

from django_tasks import task

from suishin.initiatives.services.initiatives import initiative_update_reminders


@task()
def initiative_update_reminders_task() -> list[int]:
    return list(initiative_update_reminders())
