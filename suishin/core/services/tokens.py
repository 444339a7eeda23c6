"""API tokens: created once (the secret is shown once), stored as a hash, scoped, expiring."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.choices import ApiScopeChoices
from suishin.core.errors import AccessDenied, InvalidInput
from suishin.core.models import ApiToken, User
from suishin.core.services.audit import audit_log

TOKEN_PREFIX = "ssn_"  # noqa: S105 - a public marker that makes leaked tokens easy to scan for


def _hash(raw: str) -> str:
    # The secret has 256 bits of entropy, so a plain SHA-256 cannot be brute-forced.
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(
    *, actor: User, name: str, scopes: Iterable[str], days: int
) -> tuple[ApiToken, str]:
    """Return the token row and the raw secret, which is never stored or shown again."""
    errors: dict[str, list[str]] = {}
    name = name.strip()
    scope_list = sorted(set(scopes))
    if not name:
        errors["name"] = [_("Enter a name.")]
    if not scope_list or not set(scope_list) <= set(ApiScopeChoices.values):
        errors["scopes"] = [_("Choose the scope of the token.")]
    if not 1 <= days <= settings.SUISHIN_API_TOKEN_MAX_DAYS:
        errors["days"] = [
            _("Enter a validity between 1 and %(max)d days.")
            % {"max": settings.SUISHIN_API_TOKEN_MAX_DAYS}
        ]
    if errors:
        raise InvalidInput(
            _("The input has errors. Correct the fields shown and try again."), fields=errors
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        key_hash=_hash(raw),
        scopes=scope_list,
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit_log(
        actor=actor,
        action="api_token.created",
        target=token,
        detail={"scopes": scope_list, "days": days},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    if token.user_id != actor.pk:
        raise AccessDenied(_("You can revoke only your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(actor=actor, action="api_token.revoked", target=token)


def api_token_authenticate(raw: str) -> ApiToken | None:
    """The usable token for ``raw``, with its user loaded, or None."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__unit")
        .filter(key_hash=_hash(raw), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    # Touch at most once a minute so that API traffic does not turn every read into a write.
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
