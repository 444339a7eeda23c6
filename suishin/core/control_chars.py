"""Characters no one types, refused wherever text enters from outside.

C0 and C1 controls (NUL is refused by PostgreSQL and silently stored by SQLite), DEL, lone
surrogates (JSON can carry them, no database can store them) and the marks that reverse the
direction of text (they make a title display as something else than it is). Text that may
run over several lines keeps tab and line breaks; one line also refuses the line and
paragraph separators.
"""

from __future__ import annotations

import re

_DIRECTION_MARKS = r"\u202a-\u202e\u2066-\u2069"
_NOT_IN_A_LINE = re.compile(rf"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{_DIRECTION_MARKS}]")
_NOT_IN_TEXT = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_DIRECTION_MARKS}]")


def has_control_characters(text: str, *, multiline: bool) -> bool:
    return bool((_NOT_IN_TEXT if multiline else _NOT_IN_A_LINE).search(text))
