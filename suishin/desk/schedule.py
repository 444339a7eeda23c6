"""The desk's periodic job: check service levels every minute (escalation is idempotent)."""

from suishin.core.scheduler import register_periodic


def _enqueue_escalation() -> object:
    from suishin.desk.tasks import sla_escalate_task

    return sla_escalate_task.enqueue()


register_periodic("desk.sla_escalate", 60, _enqueue_escalation)
