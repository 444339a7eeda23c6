"""Core's periodic job: a signed checkpoint of the audit chain every five minutes (idempotent:
nothing is written when the chain has not grown)."""

from suishin.core.scheduler import register_periodic


def _enqueue_audit_checkpoint() -> object:
    from suishin.core.tasks import audit_checkpoint_task

    return audit_checkpoint_task.enqueue()


# At most five minutes of entries can be removed from the end of the chain without a
# checkpoint to show it; the file grows by one short line per five minutes of activity.
register_periodic("core.audit_checkpoint", 300, _enqueue_audit_checkpoint)
