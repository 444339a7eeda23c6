"""The knowledge module's periodic jobs: review-due reminders, manual versions taking effect
on their date, and the daily search for revision candidates (all safe to run again)."""

from suishin.core.scheduler import register_periodic


def _enqueue_review_reminders() -> object:
    from suishin.knowledge.tasks import article_review_reminders_task

    return article_review_reminders_task.enqueue()


register_periodic("knowledge.review_reminders", 3600, _enqueue_review_reminders)


def _enqueue_versions_take_effect() -> object:
    from suishin.knowledge.tasks import manual_versions_take_effect_task

    return manual_versions_take_effect_task.enqueue()


# A version approved for a future date comes into force within ten minutes of its date beginning.
register_periodic("knowledge.manual_versions", 600, _enqueue_versions_take_effect)


def _enqueue_gap_detection() -> object:
    from suishin.knowledge.tasks import knowledge_gaps_detect_task

    return knowledge_gaps_detect_task.enqueue()


# Daily; first ten minutes after the scheduler starts, out of the way of a restart's first pages.
register_periodic("knowledge.gaps", 24 * 3600, _enqueue_gap_detection, first_after=600)
