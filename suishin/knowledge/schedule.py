"""The knowledge module's periodic job: review-due reminders (idempotent, so hourly is safe)."""

from suishin.core.scheduler import register_periodic


def _enqueue_review_reminders() -> object:
    from suishin.knowledge.tasks import article_review_reminders_task

    return article_review_reminders_task.enqueue()


register_periodic("knowledge.review_reminders", 3600, _enqueue_review_reminders)
