"""Personal data in core's own records that leave an institution (a notice shared outside or
public). The detector is core's masking (``core/masking``), but what it must also find are
the words each institution's editors added to their list, which knowledge keeps; so knowledge
registers the detector with its words at start-up (``knowledge/releases.py``), and core only
asks."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from suishin.core.errors import InvalidInput

# (text, owning institution's id) -> [(found text, kind label)]; the institution's own words
# to mask are looked for too.
Detector = Callable[[str, int], list[tuple[str, str]]]
_detectors: list[Detector] = []


def register_detector(detector: Detector) -> None:
    if detector not in _detectors:
        _detectors.append(detector)


def personal_data_in(text: str, institution_id: int) -> list[tuple[str, str]]:
    return [found for detector in _detectors for found in detector(text, institution_id)]


def refuse_personal_data(*, institution_id: int, fields: Iterable[tuple[str, str]]) -> None:
    """Refuse text that leaves the institution while it holds personal data: a notice is
    written for its readers, so the author replaces what was found (nothing is masked for
    them behind their back)."""
    problems: dict[str, list[str]] = {}
    for name, text in fields:
        found = personal_data_in(text, institution_id)
        if found:
            listed = "、".join(f"「{value}」（{kind}）" for value, kind in found[:10])
            problems[name] = [
                _(
                    "This is shared outside your institution and seems to contain personal "
                    "data: %(found)s. Remove or replace it, or share within the institution only."
                )
                % {"found": listed}
            ]
    if problems:
        raise InvalidInput(
            _("Personal data cannot be shared outside your institution."), fields=problems
        )
