"""Sign-in: password check with throttling, TOTP second factor, and their audit entries.

Messages never say whether a user name exists: names that do not exist are paused exactly as
accounts are. Failed attempts are audited without the typed user name (people sometimes type
their password into that field). Repeated failures pause a name for a growing but bounded time,
never at an address its holder signs in from, and the holder is told at the next sign-in;
failures from one client address, over any names, slow and then refuse that address. The rules
are in ``sign_in_throttle``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import datetime
from typing import cast

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from suishin.core import context
from suishin.core.choices import PRIVILEGED_ROLES, RoleChoices
from suishin.core.errors import AccessDenied, DomainError
from suishin.core.models import User
from suishin.core.services.audit import audit_log
from suishin.core.services.sign_in_throttle import (
    account_record_failure,
    address_record_failure,
    address_wait_seconds,
    is_known_address,
    remember_address,
    seconds_until,
    unknown_name_record_failure,
    unknown_name_wait_seconds,
)

TOTP_INTERVAL = 30


class LoginRefused(DomainError):
    status_code = 401
    code = "login_refused"


def _bad_credentials() -> LoginRefused:
    return LoginRefused(_("The user name or password is incorrect."))


def _wait_text(seconds: int) -> str:
    if seconds < 60:
        return ngettext("%(n)s second", "%(n)s seconds", seconds) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}


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


def _paused_for(user: User, address: str | None) -> int:
    """Seconds the account stays paused for an attempt from ``address`` (0: not paused, or an
    address its holder signs in from)."""
    if not user.is_locked() or is_known_address(user, address):
        return 0
    return seconds_until(user.locked_until)


def auth_check_password(*, username: str, password: str) -> User:
    """First step of sign-in. Returns the user, or raises LoginRefused (and audits it).

    While the client's address or the typed name is paused, the password is not even read
    (see ``sign_in_throttle``)."""
    address = context.current().ip_address
    address_wait = address_wait_seconds(address)
    if address_wait:
        raise _address_paused(address_wait)
    user = User.objects.select_related("unit").filter(username=username).first()
    name_wait = _paused_for(user, address) if user else unknown_name_wait_seconds(username)
    if name_wait:
        raise _locked(name_wait)
    authenticated = authenticate(username=username, password=password)
    if authenticated is None:
        address_record_failure(address)
        if user is None:
            unknown_name_record_failure(username)
            name_wait = unknown_name_wait_seconds(username)
        else:
            account_record_failure(user=user, reason="bad_password", ip_address=address)
            user.refresh_from_db(fields=["locked_until"])
            name_wait = _paused_for(user, address)
        if name_wait:
            raise _locked(name_wait)
        raise _bad_credentials()
    return cast(User, authenticated)


@dataclass(frozen=True)
class FailuresSinceLastSignIn:
    """What the account holder is told after signing in: someone else may have been trying."""

    count: int
    last_at: datetime | None
    last_address: str


@transaction.atomic
def auth_record_login(*, user: User, method: str) -> FailuresSinceLastSignIn | None:
    """The user has passed every factor: clear failures, remember the address and audit the
    sign-in. Returns the failures on the account since its last sign-in, for the holder."""
    before = User.objects.filter(pk=user.pk).values(
        "failed_login_count", "last_failed_login_at", "last_failed_login_ip"
    )[0]
    User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
    user.failed_login_count = 0
    user.locked_until = None
    remember_address(user, context.current().ip_address)
    audit_log(actor=user, action="login.succeeded", target=user, detail={"method": method})
    if not before["failed_login_count"]:
        return None
    return FailuresSinceLastSignIn(
        before["failed_login_count"],
        before["last_failed_login_at"],
        before["last_failed_login_ip"],
    )


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
        account_record_failure(
            user=user, reason="bad_totp_enrollment", ip_address=context.current().ip_address
        )
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
    wait = _paused_for(user, context.current().ip_address)
    if wait:
        raise _locked(wait)
    step = _matching_step(user.totp_secret, code, after_step=user.totp_last_step)
    # The conditional update makes acceptance atomic: of two requests replaying one code,
    # only the first moves the last accepted step forward.
    accepted = step is not None and bool(
        User.objects.filter(pk=user.pk, totp_last_step__lt=step).update(totp_last_step=step)
    )
    if not accepted:
        account_record_failure(
            user=user, reason="bad_totp", ip_address=context.current().ip_address
        )
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
