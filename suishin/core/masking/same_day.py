"""A birth date written again in another form (旅券上の表記は 11 Feb 1985。和暦換算 昭和60年2月11日;
「19850307」…正しくは1985年3月7日) is still that person's birth date, though nothing next to the
second writing says so. Dates are compared by the calendar days they can mean."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from suishin.core.choices import MaskKindChoices as Kind
from suishin.core.masking import numbers
from suishin.core.masking.spans import Span

# The year before each era's first: 昭和1年 is 1926.
_ERA_BASE = {
    "明治": 1867, "M": 1867, "大正": 1911, "T": 1911, "昭和": 1925, "S": 1925,
    "平成": 1988, "H": 1988, "令和": 2018, "R": 2018,
}  # fmt: skip
_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_MONTH_NAMES = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_ERA = re.compile(r"(明治|大正|昭和|平成|令和|[MTSHR])\.? ?(\d{1,2}|元)")
_NUMBERS = re.compile(r"\d+")
_MONTH_WORD = re.compile(r"[A-Za-z]{3,}")
_BRACKETED = re.compile(r"\([^()]*\)")

Day = tuple[int, int, int]


def _kanji_number(text: str) -> str:
    """二〇〇一 → 2001, 三十 → 30, 十一 → 11: the numbers of a date written in kanji."""

    def convert(match: re.Match[str]) -> str:
        word = match.group()
        if "十" not in word:
            return "".join(str(_KANJI_DIGITS[c]) for c in word)
        tens, _, ones = word.partition("十")
        return str((_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0))

    return re.sub(r"[〇一二三四五六七八九十]+", convert, text)


def days_meant(written: str) -> set[Day]:
    """Every calendar day ``written`` (a date the masking patterns found) can mean: 05/09/1998
    is 5 September or 9 May; 1960(昭和35)年6月18日 one day. Empty for what is not a date."""
    text = _kanji_number(_BRACKETED.sub("", written).replace("元", "1"))
    era = _ERA.match(text)
    if era:
        year = _ERA_BASE[era.group(1)] + int(era.group(2))
        rest = [int(n) for n in _NUMBERS.findall(text[era.end() :])]
        return _valid({(year, *rest[:2])} if len(rest) >= 2 else set())
    month_word = _MONTH_WORD.search(text)
    parts = [int(n) for n in _NUMBERS.findall(text)]
    if month_word:
        month = _MONTH_NAMES.index(month_word.group()[:3].lower()) + 1
        year = max(parts)
        day = min(parts)
        return _valid({(year, month, day)})
    if len(parts) == 1 and len(written) == 8:  # 19850307
        number = parts[0]
        return _valid({(number // 10000, number // 100 % 100, number % 100)})
    if len(parts) != 3:
        return set()
    if parts[0] > 31:  # the year first
        return _valid({(parts[0], parts[1], parts[2])})
    return _valid({(parts[2], parts[1], parts[0]), (parts[2], parts[0], parts[1])})


def _valid(days: Iterable[tuple[int, ...]]) -> set[Day]:
    return {(y, m, d) for y, m, d in days if 1 <= m <= 12 and 1 <= d <= 31}


def births_restated(text: str, chosen: Iterable[Span]) -> Iterator[Span]:
    """Dates in ``text`` no other finding covers that mean a day a found birth date means."""
    chosen = list(chosen)
    birth_days: set[Day] = set()
    for span in chosen:
        if span.kind == Kind.BIRTH_DATE:
            birth_days |= days_meant(text[span.start : span.end])
    if not birth_days:
        return
    for start, end in numbers.dates_in(text):
        if any(start < s.end and s.start < end for s in chosen):
            continue
        if days_meant(text[start:end]) & birth_days:
            yield Span(start, end, Kind.BIRTH_DATE, "the same day as a birth date")
