from django_tasks import task

from suishin.search.services import search_embed_pending


@task()
def search_embed_pending_task() -> int:
    return search_embed_pending()
