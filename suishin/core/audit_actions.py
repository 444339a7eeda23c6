"""What each audit action and each kind of record is called in the audit trail
(「照会の状態変更」 on 「照会」, not ``inquiry.status_changed`` on ``desk.inquiry``).

Services write an action as a code; the auditor reads it in words. Core names its own; each
app hands core the names of its actions when it starts (``register_audit_actions`` in its
``ready()``), as it hands core its file rules. An action nobody named is shown as its code.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

StrOrPromise = str | Promise

_CORE_ACTIONS: dict[str, StrOrPromise] = {
    "access.denied": _("Access refused"),
    "api_token.created": _("API token issued"),
    "api_token.revoked": _("API token revoked"),
    "audit.checkpoints_started": _("Audit checkpoints started"),
    "audit.exported": _("Audit trail exported"),
    "file.attached": _("File attached"),
    "file.deleted": _("File deleted"),
    "login.address_blocked": _("Sign-in address blocked"),
    "login.address_released": _("Sign-in address released"),
    "login.failed": _("Sign-in failed"),
    "login.locked": _("Account locked"),
    "login.succeeded": _("Signed in"),
    "login.throttled": _("Sign-in attempts limited"),
    "mfa.disabled": _("Second factor removed"),
    "mfa.enrolled": _("Second factor enrolled"),
    "organization.created": _("Organization created"),
    "post.assigned": _("Post assigned"),
    "post.created": _("Post created"),
    "record.created": _("Record created"),
    "record.deleted": _("Record deleted"),
    "record.updated": _("Record updated"),
    "record.viewed": _("Record read"),
    "sharing.confirmed": _("Sharing confirmed"),
    "sharing.returned": _("Sharing sent back"),
    "sharing.submitted": _("Sharing submitted"),
    "sharing.withdrawn": _("Sharing withdrawn"),
    "user.created": _("User created"),
    "user.moved": _("User transferred"),
    "user.preferences_changed": _("Preferences changed"),
    "user.roles_changed": _("Roles changed"),
    "user.unlocked": _("Account unlocked"),
}
_ACTIONS: dict[str, StrOrPromise] = dict(_CORE_ACTIONS)


def register_audit_actions(actions: dict[str, StrOrPromise]) -> None:
    _ACTIONS.update(actions)


def action_label(action: str) -> str:
    return str(_ACTIONS.get(action, action))


def action_choices() -> list[tuple[str, str]]:
    """Every named action, in the order of its name, for the audit trail's filter."""
    return sorted(((code, str(label)) for code, label in _ACTIONS.items()), key=lambda c: c[1])


def object_type_label(object_type: str) -> str:
    """A record's kind by its model's name (desk.inquiry → 照会)."""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def object_type_choices() -> list[tuple[str, str]]:
    """The kinds of record of the product's apps, for the audit trail's filter."""
    models = [m for m in apps.get_models() if m.__module__.startswith("suishin.")]
    choices = {m._meta.label_lower: str(m._meta.verbose_name) for m in models}
    return sorted(choices.items(), key=lambda choice: choice[1])
