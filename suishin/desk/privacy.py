"""The warning an officer sees while typing a question: what in it looks like personal data,
which the form asks them not to write. A warning only; sending is never blocked."""

from __future__ import annotations

from suishin.core.choices import MaskKindChoices
from suishin.core.masking import find_personal_data
from suishin.desk.forms import InquiryForm


def _limit(name: str) -> int:
    field = InquiryForm.base_fields[name]
    return int(getattr(field, "max_length", 0) or 0)


def personal_data_typed(subject: str, body: str) -> list[tuple[str, str]]:
    """(kind, words) for each piece of personal data in the subject and body. Each is read up
    to what the form accepts, so a long subject cannot push the body out of the check. The
    fast detector without the institution's own word list: typing a name must not tell the
    officer whether the institution has masked it before."""
    text = f"{subject[: _limit('subject')]}\n{body[: _limit('body')]}"
    if not text.strip():
        return []
    return [(str(MaskKindChoices(f.kind).label), f.text) for f in find_personal_data(text)]
