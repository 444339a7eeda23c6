"""Search's periodic job: keep the shared approximate vector index of a large collection
current (building is idempotent: a build with nothing new to take is skipped)."""

from suishin.core.scheduler import register_periodic


def _enqueue_ann_refresh() -> object:
    from suishin.search.tasks import search_ann_refresh_task

    return search_ann_refresh_task.enqueue()


register_periodic("search.ann_refresh", 600, _enqueue_ann_refresh, first_after=60)
