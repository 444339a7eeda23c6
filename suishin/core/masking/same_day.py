"""A birth date written again in another form (旅券上の表記は 11 Feb 1985。和暦換算 昭和60年2月11日;
「19850307」…正しくは1985年3月7日) is still that person's birth date, though nothing next to the
second writing says so. Dates are compared by the calendar days they can mean."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from suishin.core.choices import MaskKindChoices as Kind
from suishin.core.masking import numbers
from suishin.core.masking.spans import Span
from suishin.core.wareki import ERAS

# How records abbreviate each era: its first kanji (昭55.7.14) or its letter (S55.7.14).
_LETTERS = {"明治": "M", "大正": "T", "昭和": "S", "平成": "H", "令和": "R"}
# The year before each era's first (昭和1年 is 1926), under every way it is written.
_ERA_BASE = {
    spelling: start.year - 1 for start, name in ERAS for spelling in (name, name[0], _LETTERS[name])
}
_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_MONTH_NAMES = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_ERA = re.compile(r"(明治|大正|昭和|平成|令和|[明大昭平令MTSHR])\.? ?(\d{1,2}|元)")
_NUMBERS = re.compile(r"\d+")
_MONTH_WORD = re.compile(r"[A-Za-z]{3,}")
_BRACKETED = re.compile(r"\([^()]*\)")

Day = tuple[int, int, int]


_KANJI_RUN = re.compile(r"[〇一二三四五六七八九十]+")
# The shapes of a date's number in kanji: digits (二〇〇一), or tens and ones (三十, 十一, 二十五).
_KANJI_DIGIT_RUN = re.compile(r"[〇一二三四五六七八九]+")
_KANJI_TENS = re.compile(r"([一二三四五六七八九]?)十([一二三四五六七八九]?)")


def _kanji_number(text: str) -> str | None:
    """二〇〇一 → 2001, 三十 → 30, 十一 → 11: the numbers of a date written in kanji; None when a
    run is no number (十十, a typo), so that the date is not read at all."""
    converted = []
    position = 0
    for match in _KANJI_RUN.finditer(text):
        word = match.group()
        if _KANJI_DIGIT_RUN.fullmatch(word):
            number = "".join(str(_KANJI_DIGITS[c]) for c in word)
        elif tens_ones := _KANJI_TENS.fullmatch(word):
            tens, ones = tens_ones.groups()
            number = str(
                (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)
            )
        else:
            return None
        converted += [text[position : match.start()], number]
        position = match.end()
    return "".join([*converted, text[position:]])


def days_meant(written: str) -> set[Day]:
    """Every calendar day ``written`` (a date the masking patterns found) can mean: 05/09/1998
    is 5 September or 9 May; 1960(昭和35)年6月18日 one day. Empty for what is not a date: the
    detector reads whatever is typed, and a date it cannot read must never stop it."""
    try:
        return _days_meant(written)
    except (ValueError, KeyError, IndexError):
        return set()


def _days_meant(written: str) -> set[Day]:
    text = _kanji_number(_BRACKETED.sub("", written).replace("元", "1"))
    if text is None:
        return set()
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
