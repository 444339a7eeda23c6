"""The initiatives' periodic job: remind owners of due updates, escalate overdue ones to the
secretariat (each once per due date, so hourly is safe)."""

from suishin.core.scheduler import register_periodic


def _enqueue_update_reminders() -> object:
    from suishin.initiatives.tasks import initiative_update_reminders_task

    return initiative_update_reminders_task.enqueue()


register_periodic("initiatives.update_reminders", 3600, _enqueue_update_reminders)
