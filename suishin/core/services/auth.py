"""Sign-in: password check with throttling, TOTP second factor, and their audit entries.

Messages never say whether a user name exists. Failed attempts are audited without the typed
user name (people sometimes type their password into that field). Repeated failures pause an
account for a growing but bounded time (never a lock nobody but an administrator can lift),
and the account holder is told at the next sign-in; failures from one client address, over
any names, slow and then refuse that address (``sign_in_throttle``).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core import context
from suishin.core.choices import PRIVILEGED_ROLES, RoleChoices
from suishin.core.errors import AccessDenied, DomainError
from suishin.core.models import AuditEntry, User
from suishin.core.services.audit import audit_log
from suishin.core.services.sign_in_throttle import address_record_failure, address_wait_seconds

TOTP_INTERVAL = 30


class LoginRefused(DomainError):
    status_code = 401
    code = "login_refused"


def _bad_credentials() -> LoginRefused:
    return LoginRefused(_("The user name or password is incorrect."))


def _wait_text(seconds: int) -> str:
    if seconds < 60:
        return _("%(n)s seconds") % {"n": seconds}
    return _("%(n)s minutes") % {"n": math.ceil(seconds / 60)}


def _locked(seconds: int) -> LoginRefused:
    return LoginRefused(
        _("Sign-in to this account is paused after repeated failures. Try again in %(wait)s.")
        % {"wait": _wait_text(seconds)},
        code="locked",
    )


def _address_paused(seconds: int) -> LoginRefused:
    return LoginRefused(
        _("Sign-in from this computer is paused after repeated failures. Try again in %(wait)s.")
        % {"wait": _wait_text(seconds)},
        code="throttled",
    )


def account_delay_seconds(failures: int) -> int:
    """How long the account pauses after ``failures`` wrong passwords in a row: nothing before
    the limit, then 30 s doubling with each further failure, at most the configured minutes."""
    beyond = failures - settings.SUISHIN_LOGIN_MAX_FAILURES
    if beyond < 0:
        return 0
    return int(min(30 * 2**beyond, settings.SUISHIN_LOGIN_LOCK_MINUTES * 60))


def _seconds_until(moment: datetime | None) -> int:
    if moment is None:
        return 0
    return max(0, math.ceil((moment - timezone.now()).total_seconds()))


def auth_check_password(*, username: str, password: str) -> User:
    """First step of sign-in. Returns the user, or raises LoginRefused (and audits it).

    While the client's address or the account is paused, the password is not even read:
    attempts then neither count nor lengthen the pause."""
    address = context.current().ip_address
    address_wait = address_wait_seconds(address)
    if address_wait:
        audit_log(actor=None, action="login.throttled", detail={"reason": "address"})
        raise _address_paused(address_wait)
    user = User.objects.select_related("unit").filter(username=username).first()
    if user is not None and user.is_locked():
        audit_log(actor=None, action="login.throttled", target=user, detail={"reason": "account"})
        raise _locked(_seconds_until(user.locked_until))
    authenticated = authenticate(username=username, password=password)
    if authenticated is None:
        address_record_failure(address)
        if user is None:
            audit_log(actor=None, action="login.failed", detail={"reason": "unknown_user"})
        else:
            _record_failure(user=user, reason="bad_password")
            user.refresh_from_db(fields=["locked_until"])
            if user.is_locked():
                raise _locked(_seconds_until(user.locked_until))
        raise _bad_credentials()
    return cast(User, authenticated)


@transaction.atomic
def _record_failure(*, user: User, reason: str) -> None:
    User.objects.filter(pk=user.pk).update(failed_login_count=F("failed_login_count") + 1)
    user.refresh_from_db(fields=["failed_login_count"])
    detail: dict[str, object] = {"reason": reason, "failures": user.failed_login_count}
    delay = account_delay_seconds(user.failed_login_count)
    if delay:
        User.objects.filter(pk=user.pk).update(
            locked_until=timezone.now() + timedelta(seconds=delay)
        )
        detail["paused_seconds"] = delay
        audit_log(actor=None, action="login.locked", target=user, detail=detail)
    audit_log(actor=None, action="login.failed", target=user, detail=detail)


@dataclass(frozen=True)
class FailuresSinceLastSignIn:
    """What the account holder is told after signing in: someone else may have been trying."""

    count: int
    last_at: datetime | None
    last_address: str


def _failures_since_last_sign_in(user: User, count: int) -> FailuresSinceLastSignIn | None:
    if count <= 0:
        return None
    last = (
        AuditEntry.objects.filter(
            action="login.failed", object_type="core.user", object_id=str(user.pk)
        )
        .order_by("-sequence")
        .values("occurred_at", "ip_address")
        .first()
    )
    if last is None:
        return FailuresSinceLastSignIn(count, None, "")
    return FailuresSinceLastSignIn(count, last["occurred_at"], last["ip_address"])


@transaction.atomic
def auth_record_login(*, user: User, method: str) -> FailuresSinceLastSignIn | None:
    """The user has passed every factor: clear failures and audit the sign-in. Returns the
    failed attempts on the account since its last sign-in, for the holder to be told."""
    count = User.objects.filter(pk=user.pk).values_list("failed_login_count", flat=True).get()
    failures = _failures_since_last_sign_in(user, count)
    User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
    user.failed_login_count = 0
    user.locked_until = None
    audit_log(actor=user, action="login.succeeded", target=user, detail={"method": method})
    return failures


def auth_record_logout(*, user: User) -> None:
    audit_log(actor=user, action="logout", target=user)


def totp_new_secret() -> str:
    return pyotp.random_base32()


def totp_provisioning_uri(*, user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(
        name=user.get_username(), issuer_name=settings.SUISHIN_TOTP_ISSUER
    )


def _matching_step(secret: str, code: str, after_step: int) -> int | None:
    """The time step whose code equals ``code`` (±1 step for clock drift), newer than after_step."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now_step = int(time.time()) // TOTP_INTERVAL
    for step in (now_step - 1, now_step, now_step + 1):
        if step > after_step and totp.at(step * TOTP_INTERVAL) == code:
            return step
    return None


def totp_confirm_enrollment(*, user: User, secret: str, code: str) -> None:
    step = _matching_step(secret, code, after_step=0)
    if step is None:
        # Recorded in its own transaction: the refusal must not roll the failure back.
        _record_failure(user=user, reason="bad_totp_enrollment")
        raise LoginRefused(_("The code is incorrect. Enter the 6-digit code shown in the app."))
    _save_enrollment(user=user, secret=secret, step=step)


@transaction.atomic
def _save_enrollment(*, user: User, secret: str, step: int) -> None:
    user.totp_secret = secret
    user.totp_confirmed_at = timezone.now()
    user.totp_last_step = step
    user.save(update_fields=["totp_secret", "totp_confirmed_at", "totp_last_step"])
    audit_log(actor=user, action="mfa.enrolled", target=user)


def totp_verify(*, user: User, code: str) -> None:
    """Second factor at sign-in; a code is accepted once only."""
    user.refresh_from_db(fields=["locked_until", "totp_secret", "totp_last_step"])
    if user.is_locked():
        raise _locked(_seconds_until(user.locked_until))
    step = _matching_step(user.totp_secret, code, after_step=user.totp_last_step)
    # The conditional update makes acceptance atomic: of two requests replaying one code,
    # only the first moves the last accepted step forward.
    accepted = step is not None and bool(
        User.objects.filter(pk=user.pk, totp_last_step__lt=step).update(totp_last_step=step)
    )
    if not accepted:
        _record_failure(user=user, reason="bad_totp")
        raise LoginRefused(_("The code is incorrect. Enter the 6-digit code shown in the app."))
    user.totp_last_step = step or 0


@transaction.atomic
def totp_disable(*, actor: User, user: User) -> None:
    if actor.pk != user.pk and not actor.has_role(RoleChoices.SYSTEM_ADMIN):
        raise AccessDenied(
            _("Only system administrators can change another user's sign-in settings.")
        )
    if user.role_set & PRIVILEGED_ROLES:
        raise DomainError(_("Your roles require two-step verification; it cannot be turned off."))
    user.totp_secret = ""
    user.totp_confirmed_at = None
    user.save(update_fields=["totp_secret", "totp_confirmed_at"])
    audit_log(actor=actor, action="mfa.disabled", target=user)
