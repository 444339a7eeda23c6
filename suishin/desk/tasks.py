"""Background tasks of the desk: thin wrappers named after the services they call."""

from django_tasks import task

from suishin.desk.services.sla import sla_escalate


@task()
def sla_escalate_task() -> int:
    return sla_escalate()
