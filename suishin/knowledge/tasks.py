"""Background tasks of the knowledge module: thin wrappers named after their services."""

from django_tasks import task

from suishin.knowledge.services.gaps import knowledge_gaps_detect
from suishin.knowledge.services.manuals import manual_versions_take_effect
from suishin.knowledge.services.reviews import article_review_reminders


@task()
def article_review_reminders_task() -> int:
    return article_review_reminders()


@task()
def manual_versions_take_effect_task() -> int:
    return manual_versions_take_effect()


@task()
def knowledge_gaps_detect_task() -> int:
    return knowledge_gaps_detect()
