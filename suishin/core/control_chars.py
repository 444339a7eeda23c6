"""Characters no one types, refused wherever text enters from outside.

C0 and C1 controls (NUL is refused by PostgreSQL and silently stored by SQLite), DEL, and
lone surrogates, which JSON can carry but no database can store. Text that may run over
several lines keeps tab and line breaks.
"""

from __future__ import annotations

import re

_NOT_IN_A_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_NOT_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def has_control_characters(text: str, *, multiline: bool) -> bool:
    return bool((_NOT_IN_TEXT if multiline else _NOT_IN_A_LINE).search(text))
