"""Release rules: what each kind of masked copy needs from the app that owns its source.

Core runs the one confirmation flow (``services/releases.py``); the app that owns the source
registers, from its own module at start-up, who may confirm a copy, whether the copy still
matches its source, and which earlier copies a confirmed one replaces.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from suishin.core.models import MaskedRelease, User


@dataclass(frozen=True)
class ReleaseRule:
    key: str
    label: Any
    # Whether the user has the role that confirms copies of this kind (a KCS publisher, the
    # secretariat): the second person is checked by core on top of this.
    may_confirm: Callable[[User, Any], bool]
    # Whether the copy was made from the source as it is now: an older copy is never confirmed.
    is_current: Callable[[Any], bool]
    # The people to ask for the confirmation.
    confirmers: Callable[[Any], Iterable[User]]
    # Where the people of the owning institution review the copy (findings beside the copy).
    review_url: Callable[[Any], str]
    # Earlier copies of the same source that a confirmed one replaces.
    replaced_by: Callable[[Any], Iterable[MaskedRelease]] = lambda release: ()


_RULES: dict[str, ReleaseRule] = {}


def register(rule: ReleaseRule) -> ReleaseRule:
    if rule.key in _RULES and _RULES[rule.key] is not rule:
        raise ValueError(f"release rule {rule.key!r} is registered twice")
    _RULES[rule.key] = rule
    return rule


def rule_for(release: MaskedRelease) -> ReleaseRule:
    try:
        return _RULES[release.release_key]
    except KeyError as error:
        raise LookupError(f"no release rule for {release.release_key!r}") from error


def get(key: str) -> ReleaseRule | None:
    return _RULES.get(key)
