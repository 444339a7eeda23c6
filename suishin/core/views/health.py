"""/healthz: database and task-queue status for load balancers and operators. Reveals no data."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health check: database unreachable")
        return "error"
    return "ok"


def _task_queue_status() -> dict[str, object]:
    backend = settings.SUISHIN_TASK_BACKEND
    try:
        if backend == "rq":
            import django_rq

            django_rq.get_connection("default").ping()
            return {"backend": backend, "status": "ok"}
        if backend == "database":
            from django_tasks_db.models import DBTaskResult

            pending = DBTaskResult.objects.filter(status="READY").count()
            return {"backend": backend, "status": "ok", "ready": pending}
    except Exception:
        logger.exception("health check: task queue unreachable")
        return {"backend": backend, "status": "error"}
    return {"backend": backend, "status": "ok"}


@never_cache
def healthz_view(request: HttpRequest) -> JsonResponse:
    database = _database_status()
    tasks = _task_queue_status()
    healthy = database == "ok" and tasks["status"] == "ok"
    body = {"status": "ok" if healthy else "error", "database": database, "tasks": tasks}
    return JsonResponse(body, status=200 if healthy else 503)
