"""Core's periodic jobs: a signed checkpoint of the audit chain every five minutes (nothing is
written when the chain has not grown) and, daily, forgetting sign-in throttling records whose
time is over (both safe to run twice)."""

from suishin.core.scheduler import register_periodic


def _enqueue_audit_checkpoint() -> object:
    from suishin.core.tasks import audit_checkpoint_task

    return audit_checkpoint_task.enqueue()


# At most five minutes of entries can be removed from the end of the chain without a
# checkpoint to show it; the file grows by one short line per five minutes of activity.
register_periodic("core.audit_checkpoint", 300, _enqueue_audit_checkpoint)


def _enqueue_sign_in_purge() -> object:
    from suishin.core.tasks import sign_in_records_purge_task

    return sign_in_records_purge_task.enqueue()


register_periodic("core.sign_in_purge", 24 * 3600, _enqueue_sign_in_purge, first_after=900)
