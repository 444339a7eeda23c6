from django_tasks import task

from suishin.search import ann
from suishin.search.services.index import search_embed_pending


@task()
def search_embed_pending_task() -> int:
    return search_embed_pending()


@task()
def search_ann_refresh_task() -> str | None:
    from suishin.search.embeddings import get_embedder

    return ann.refresh(get_embedder().name)
