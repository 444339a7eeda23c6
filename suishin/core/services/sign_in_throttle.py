"""What slows sign-in guessing, and what keeps that from shutting people out.

- Per typed name: after ``SUISHIN_LOGIN_MAX_FAILURES`` failures in a row, each further one
  pauses the name for twice as long (30 s up to ``SUISHIN_LOGIN_LOCK_MINUTES``). Names that do
  not exist are paused exactly like accounts, so no answer tells whether a name exists.
- An account's pause does not apply at an address its holder has signed in from in the last
  90 days: someone guessing elsewhere cannot keep the holder out.
- Per client address, over every name tried (password spraying): slowed, then refused for a
  while. An IPv6 /64 counts as one address (one household or office holds a whole /64).
While paused, an attempt is refused without its password being read: it neither counts nor
lengthens the pause, and is not written to the audit trail (the pause's start is).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.choices import RoleChoices
from suishin.core.models import SignInAddress, SignInKnownAddress, SignInUnknownName, User
from suishin.core.services.audit import audit_log
from suishin.core.services.permissions import require_role

# The longest pause between two attempts while an address is only slowed.
_LONGEST_SLOWDOWN_SECONDS = 60
KNOWN_ADDRESS_DAYS = 90


def seconds_until(moment: datetime | None) -> int:
    """Whole seconds from now until ``moment`` (0 when it has passed or is not set)."""
    if moment is None:
        return 0
    return max(0, math.ceil((moment - timezone.now()).total_seconds()))


def name_pause_seconds(failures: int) -> int:
    """How long a name pauses after ``failures`` failures in a row: nothing before the limit,
    then 30 s doubling with each further failure, at most the configured minutes."""
    beyond = failures - settings.SUISHIN_LOGIN_MAX_FAILURES
    if beyond < 0:
        return 0
    return int(min(30 * 2**beyond, settings.SUISHIN_LOGIN_LOCK_MINUTES * 60))


def address_key(ip_address: str | None) -> str | None:
    """The address as throttling counts it: IPv4 as it is, IPv6 by its /64 network."""
    if not ip_address:
        return None
    try:
        parsed = ipaddress.ip_address(ip_address)
    except ValueError:
        return None
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


# --- Per address ---------------------------------------------------------------------------


def address_wait_seconds(ip_address: str | None) -> int:
    """Seconds before the next sign-in attempt from this address is read (0: now)."""
    key = address_key(ip_address)
    if key is None:
        return 0
    until = (
        SignInAddress.objects.filter(ip_address=key).values_list("delayed_until", flat=True).first()
    )
    return seconds_until(until)


@transaction.atomic
def address_record_failure(ip_address: str | None) -> None:
    """Count one failed sign-in from the address; from the thresholds on, set its pause."""
    key = address_key(ip_address)
    if key is None:
        return
    now = timezone.now()
    row, _created = SignInAddress.objects.select_for_update().get_or_create(
        ip_address=key, defaults={"window_started_at": now}
    )
    window = timedelta(minutes=settings.SUISHIN_LOGIN_ADDRESS_WINDOW_MINUTES)
    if row.window_started_at < now - window and not seconds_until(row.delayed_until):
        row.failures, row.window_started_at = 0, now
    row.failures += 1
    if row.failures >= settings.SUISHIN_LOGIN_ADDRESS_BLOCK_AFTER:
        minutes = settings.SUISHIN_LOGIN_ADDRESS_BLOCK_MINUTES
        row.delayed_until = now + timedelta(minutes=minutes)
        if row.failures == settings.SUISHIN_LOGIN_ADDRESS_BLOCK_AFTER:
            audit_log(
                actor=None,
                action="login.address_blocked",
                detail={"failures": row.failures, "minutes": minutes},
            )
    elif row.failures >= settings.SUISHIN_LOGIN_ADDRESS_SLOW_AFTER:
        steps = row.failures - settings.SUISHIN_LOGIN_ADDRESS_SLOW_AFTER
        row.delayed_until = now + timedelta(seconds=min(2**steps, _LONGEST_SLOWDOWN_SECONDS))
    row.save()


@transaction.atomic
def address_release(*, actor: User | None, ip_address: str) -> bool:
    """Lift an address's pause at once (an office behind one address, say). True if it had one."""
    message = _("Only system administrators can manage users.")
    require_role(actor, RoleChoices.SYSTEM_ADMIN, message=message, system=True)
    key = address_key(ip_address)
    released = bool(key) and SignInAddress.objects.filter(ip_address=key).delete()[0] > 0
    if released:
        audit_log(actor=actor, action="login.address_released", detail={})
    return released


# --- Per name: accounts and names that do not exist ----------------------------------------


def _digest(username: str) -> str:
    key = str(settings.SECRET_KEY).encode()
    return hmac.new(key, username.strip().casefold().encode(), hashlib.sha256).hexdigest()


def unknown_name_wait_seconds(username: str) -> int:
    until = (
        SignInUnknownName.objects.filter(name_digest=_digest(username))
        .values_list("delayed_until", flat=True)
        .first()
    )
    return seconds_until(until)


@transaction.atomic
def unknown_name_record_failure(username: str) -> None:
    now = timezone.now()
    row, _created = SignInUnknownName.objects.select_for_update().get_or_create(
        name_digest=_digest(username), defaults={"last_failed_at": now}
    )
    row.failures += 1
    row.last_failed_at = now
    pause = name_pause_seconds(row.failures)
    if pause:
        row.delayed_until = now + timedelta(seconds=pause)
    row.save()
    detail: dict[str, object] = {"reason": "unknown_user"}
    if pause:
        detail["paused_seconds"] = pause
        audit_log(actor=None, action="login.locked", detail=detail)
    audit_log(actor=None, action="login.failed", detail=detail)


@transaction.atomic
def account_record_failure(*, user: User, reason: str, ip_address: str | None) -> None:
    User.objects.filter(pk=user.pk).update(
        failed_login_count=F("failed_login_count") + 1,
        last_failed_login_at=timezone.now(),
        last_failed_login_ip=address_key(ip_address) or "",
    )
    user.refresh_from_db(fields=["failed_login_count"])
    detail: dict[str, object] = {"reason": reason, "failures": user.failed_login_count}
    pause = name_pause_seconds(user.failed_login_count)
    if pause:
        User.objects.filter(pk=user.pk).update(
            locked_until=timezone.now() + timedelta(seconds=pause)
        )
        detail["paused_seconds"] = pause
        audit_log(
            actor=None, action="login.locked", target=user, detail=detail, organization=user.unit
        )
    audit_log(actor=None, action="login.failed", target=user, detail=detail, organization=user.unit)


def is_known_address(user: User, ip_address: str | None) -> bool:
    key = address_key(ip_address)
    if key is None:
        return False
    since = timezone.now() - timedelta(days=KNOWN_ADDRESS_DAYS)
    return SignInKnownAddress.objects.filter(
        user=user, ip_address=key, last_signed_in_at__gte=since
    ).exists()


def remember_address(user: User, ip_address: str | None) -> None:
    key = address_key(ip_address)
    if key is not None:
        SignInKnownAddress.objects.update_or_create(
            user=user, ip_address=key, defaults={"last_signed_in_at": timezone.now()}
        )


def sign_in_records_purge() -> int:
    """Forget throttling rows whose window and pause are over (run daily)."""
    now = timezone.now()
    window = timedelta(minutes=settings.SUISHIN_LOGIN_ADDRESS_WINDOW_MINUTES)
    quiet = timedelta(days=1)
    removed = (
        SignInAddress.objects.filter(window_started_at__lt=now - window)
        .exclude(delayed_until__gt=now)
        .delete()[0]
    )
    removed += (
        SignInUnknownName.objects.filter(last_failed_at__lt=now - quiet)
        .exclude(delayed_until__gt=now)
        .delete()[0]
    )
    known_for = timedelta(days=KNOWN_ADDRESS_DAYS)
    removed += SignInKnownAddress.objects.filter(last_signed_in_at__lt=now - known_for).delete()[0]
    return removed
