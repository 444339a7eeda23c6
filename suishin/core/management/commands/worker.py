"""Start the background-task worker for the configured task backend."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the task worker (database queue by default, RQ when SUISHIN_TASK_BACKEND=rq)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--burst", action="store_true", help="Process what is queued, then exit."
        )

    def handle(self, *args: object, **options: object) -> None:
        if settings.SUISHIN_TASK_BACKEND == "rq":
            # Tasks need django-tasks-rq's job class to run and to record their results.
            call_command(
                "rqworker", "default", job_class="django_tasks_rq.Job", burst=bool(options["burst"])
            )
        else:
            extra = {"batch": True} if options["burst"] else {}
            call_command("db_worker", **extra)
