"""Throttling of sign-in per client address: slowed, then refused for a while.

Per-account delays (in ``auth``) stop guessing one person's password; they do not see one
password tried over many user names from one machine. This counts every failure from an
address within a window, whatever name was typed (unknown names too).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from suishin.core.models import SignInAddress

# The longest pause between two attempts while an address is only slowed.
_LONGEST_SLOWDOWN_SECONDS = 60


def address_wait_seconds(ip_address: str | None) -> int:
    """Seconds before the next sign-in attempt from this address is read (0: now)."""
    if not ip_address:
        return 0
    until = (
        SignInAddress.objects.filter(ip_address=ip_address)
        .values_list("delayed_until", flat=True)
        .first()
    )
    if until is None:
        return 0
    return max(0, math.ceil((until - timezone.now()).total_seconds()))


@transaction.atomic
def address_record_failure(ip_address: str | None) -> None:
    """Count one failed sign-in from the address; from the thresholds on, set its pause."""
    if not ip_address:
        return
    now = timezone.now()
    row, _created = SignInAddress.objects.select_for_update().get_or_create(
        ip_address=ip_address, defaults={"window_started_at": now}
    )
    window = timedelta(minutes=settings.SUISHIN_LOGIN_ADDRESS_WINDOW_MINUTES)
    if row.window_started_at < now - window and not _paused(row, now):
        row.failures, row.window_started_at = 0, now
    row.failures += 1
    if row.failures >= settings.SUISHIN_LOGIN_ADDRESS_BLOCK_AFTER:
        row.delayed_until = now + timedelta(minutes=settings.SUISHIN_LOGIN_ADDRESS_BLOCK_MINUTES)
    elif row.failures >= settings.SUISHIN_LOGIN_ADDRESS_SLOW_AFTER:
        steps = row.failures - settings.SUISHIN_LOGIN_ADDRESS_SLOW_AFTER
        row.delayed_until = now + timedelta(seconds=min(2**steps, _LONGEST_SLOWDOWN_SECONDS))
    row.save()


def _paused(row: SignInAddress, now: datetime) -> bool:
    return row.delayed_until is not None and row.delayed_until > now
