"""Values in tables pasted from spreadsheets and ledgers, read by their column's heading.

A table is a header row of cells separated by tabs or bars (氏名	生年月日	住所, 案件番号｜相談者)
followed by rows of the same width, on the same line or the next ones. A value far from its
heading carries no cue of its own (`C-2025-118｜浅野 文香`), so its kind is the heading's. Only
the kinds a cell's shape can confirm are taken: a name without digits, a date, a number
with digits, an address with a house number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from suishin.core.choices import MaskKindChoices as Kind
from suishin.core.masking import numbers
from suishin.core.masking.spans import HONORIFICS, Morpheme, Span, words_between

_SEPARATOR = re.compile(r"[\t|\n]")
# Headings by the kind of their column's values; any other short heading without digits
# (性別, 年齢, 備考, 担当課) is a column whose values are left to the other recognisers.
_NAME_HEADINGS = re.compile(
    r"(?:氏名|名前|姓名|フリガナ|ふりがな|カナ氏名|被害者|被疑者|相談者|申出人|届出人|申請者|通報者|"
    r"拾得者|遺失者|所有者|使用者|運転者|保護者|対象者|当事者|関係者|担当者?|担当官|取扱者?|"
    r"受理者|通訳人|相手方|名義人?|契約者|請求者|来庁者|来訪者|世帯主|本人)(?:氏名|名)?"
)
_BIRTH_HEADINGS = re.compile(r"(?:生年月日|生年|誕生日|DOB|D\.O\.B\.?)")
_ADDRESS_HEADINGS = re.compile(r"(?:(?:現)?住所|住居|居所|本籍|現住地|連絡先住所)")
# A heading ending in 番号 or No. names a case or reference number unless it names
# something another recogniser knows better (電話番号, 免許証番号, 個人番号, 車両番号).
_NUMBER_HEADINGS = re.compile(r"[一-龥ァ-ヶA-Za-z]{0,8}(?:番号|No\.?|NO\.?|№|#)")
# Columns of numbers the other recognisers know better, beyond those ``numbers`` refuses as
# case labels: a vehicle's registration (not 防犯登録番号, a bicycle's crime-prevention number).
_NOT_CASE_HEADINGS = re.compile(r"(?<!防犯)登録番号|ナンバー")
# Other columns' headings: the usual ones, and words ending as headings do (発生日, 連絡先, 品名).
_OTHER_HEADINGS = re.compile(
    r"(?:No\.?|NO\.?|番号|性別|年齢|年令|職業|勤務先|所属|国籍|続柄|学校|学年|備考|摘要|内容|概要|"
    r"電話|メール|E-?mail|TEL|車種|色|種別|区分|状況|結果|処理|対応|経過|品名|品目|物件|数量|金額|"
    r"日時|日付|時刻|場所|罪名|事件名|件名|用件|期限|"
    r"[一-龥ァ-ヶ]{1,6}(?:日|日時|年月日|先|欄|別|名|数|額|場所|地|課|係|署|者|人|状況|内容|区分|種別))"
)
_NEVER_IN_A_HEADING = re.compile(r"[\d\[\]]")
_PLACEHOLDER = re.compile(r"\[[^\[\]]{2,8}\]")  # ［事件番号］, normalised
# A title before the first heading (【案件管理表】案件番号).
_TITLE = re.compile(r"^.*[】」』:]\s*")

_NAME_VALUE = re.compile(
    r"[一-龥々ぁ-んァ-ヶーA-Za-zÀ-ÖØ-öø-ÿ・=]+(?: [一-龥々ぁ-んァ-ヶーA-Za-zÀ-ÖØ-öø-ÿ・=]+){0,3}"
)
_NOT_A_NAME_VALUE = frozenset(
    "不明 不詳 匿名 匿名希望 なし 無し 同上 同人 同 本人 未定 未記入 記載なし 該当なし 男 女 男性 女性 "
    "秘匿 非公開".split()
)
_HONORIFIC = re.compile("(?:" + "|".join(HONORIFICS) + ")$")
_CASE_VALUE = re.compile(r"[A-Za-z0-9一-龥ぁ-んァ-ヶ()#№.\-]{2,30}")
_ADDRESS_WORDS = re.compile(r"[都道府県市区郡町村][^-]*\d+(?:丁目|番|-\d)|丁目|番地|\d番\d")
_ADDRESS_VALUE = re.compile(r".*[一-龥ぁ-んァ-ヶ].*\d|.*番地|.*丁目")


class _Cell(NamedTuple):
    start: int
    end: int
    text: str
    line_start: bool = False
    # Made of common nouns only (有効期間, 罪種, 事案): a heading, never a name.
    common_nouns: bool = False


def table_values(text: str, morphemes: list[Morpheme]) -> Iterator[Span]:
    cells = _cells(text, morphemes)
    index = 0
    while index < len(cells):
        headings, rest = _header_at(cells, index)
        if len(headings) < 2:
            index += 1
            continue
        index += len(headings)
        following = cells[index:]
        if rest is not None:  # the last heading and the first value share a cell
            following.insert(0, rest)
        rows = _data_cells(following, headings)
        for column, cell in rows:
            yield from _value(cell, headings[column])
        # Go on after the last cell read (rows split at a space are more rows than cells).
        read_to = rows[-1][1].end if rows else cells[index - 1].end
        while index < len(cells) and cells[index].end <= read_to:
            index += 1


def _cells(text: str, morphemes: list[Morpheme]) -> list[_Cell]:
    cells = []
    start = 0
    line_start = True
    for separator in [*_SEPARATOR.finditer(text), None]:
        end = separator.start() if separator else len(text)
        raw = text[start:end]
        stripped = raw.strip()
        if stripped:
            offset = start + raw.index(stripped)
            common = _common_nouns(morphemes, offset, offset + len(stripped))
            cells.append(_Cell(offset, offset + len(stripped), stripped, line_start, common))
            line_start = False
        if separator:
            start = separator.end()
            line_start = line_start or separator.group() == "\n"
    return cells


def _header_at(cells: list[_Cell], index: int) -> tuple[list[str], _Cell | None]:
    """The headings of a header row starting at ``cells[index]`` (fewer than two: none), and
    the first value when it shares the last heading's cell (相談者｜担当　C-2025-118)."""
    headings: list[str] = []
    rest = None
    for position in range(index, len(cells)):
        cell = cells[position]
        heading = _TITLE.sub("", cell.text) if position == index else cell.text
        if position > index and cell.line_start:
            break  # a header row is one line
        # Never a value (中3) or a placeholder left by an earlier masking ([生年月日]).
        if not _NEVER_IN_A_HEADING.search(heading) and (
            _is_heading(heading) or (cell.common_nouns and position > index)
        ):
            headings.append(heading)
            continue
        first, space, value = heading.partition(" ")
        if space and headings and _is_heading(first):
            headings.append(first)
            rest = _Cell(cell.end - len(value), cell.end, value)
        break
    if not any(_kind_of(h) for h in headings):
        return [], None
    return headings, rest


def _common_nouns(morphemes: list[Morpheme], start: int, end: int) -> bool:
    words = words_between(morphemes, start, end)
    return (
        0 < end - start <= 8
        and bool(words)
        and all(m.pos[1] == "普通名詞" or m.pos[0] == "接尾辞" for m in words)
        and not any(m.unknown for m in words)
    )


def _is_heading(text: str) -> bool:
    return _kind_of(text) is not None or _OTHER_HEADINGS.fullmatch(text) is not None


def _kind_of(heading: str) -> str | None:
    if _BIRTH_HEADINGS.search(heading):
        return Kind.BIRTH_DATE
    if _ADDRESS_HEADINGS.fullmatch(heading):
        return Kind.ADDRESS
    if _NUMBER_HEADINGS.fullmatch(heading):
        if _NOT_CASE_HEADINGS.search(heading) or numbers.names_another_number(heading):
            return None
        return Kind.CASE_NUMBER
    if _NAME_HEADINGS.fullmatch(heading.rpartition("の")[2]):  # 子の氏名
        return Kind.NAME
    return None


def _data_cells(cells: list[_Cell], headings: list[str]) -> list[tuple[int, _Cell]]:
    """The cells after a header, each with its column. Rows written on one line often end
    with a space instead of a separator (案件番号｜相談者　C-2025-118｜浅野 文香　C-2025-119…):
    a last cell holding a space then a value shaped as the first column's is split there."""
    width = len(headings)
    first_kind = _kind_of(headings[0])
    rows: list[tuple[int, _Cell]] = []
    first_values: list[str] = []
    index = 0
    carried: _Cell | None = None  # the next row's first value, split off the cell before
    while carried is not None or index < len(cells):
        if carried is not None:
            cell, carried = carried, None
        else:
            if len(_header_at(cells, index)[0]) >= 2 and not cells[index].common_nouns:
                break  # another table begins
            cell = cells[index]
            index += 1
        column = len(rows) % width
        if len(cell.text) > 60 or "。" in cell.text:
            break  # a sentence: the table has ended
        if column == 0:
            first_values.append(cell.text)
        if column == width - 1 and " " in cell.text and first_kind is not None and first_values:
            head, _, tail = cell.text.rpartition(" ")
            if _starts_a_row(tail, first_values[-1], first_kind):
                rows.append((column, _Cell(cell.start, cell.start + len(head.rstrip()), head)))
                carried = _Cell(cell.end - len(tail), cell.end, tail)
                continue
        rows.append((column, cell))
    return rows


def _starts_a_row(value: str, first_before: str, kind: str) -> bool:
    """A value shaped as the row before's first (C-2025-119 after C-2025-118), not a licence
    number after 免許証; or, masked once already, the same placeholder (masking twice changes
    nothing)."""
    if _PLACEHOLDER.fullmatch(value):
        return value == first_before
    return _shaped_as(value, kind) and numbers.same_shape(value, first_before)


def _shaped_as(value: str, kind: str) -> bool:
    if kind == Kind.CASE_NUMBER:
        return (
            _CASE_VALUE.fullmatch(value) is not None
            and re.search(r"\d", value) is not None
            and not _ADDRESS_WORDS.search(value)
        )
    if kind == Kind.BIRTH_DATE:
        return numbers.is_date(value)
    return False


def _value(cell: _Cell, heading: str) -> Iterator[Span]:
    kind = _kind_of(heading)
    value = cell.text
    if kind == Kind.NAME:
        name = _HONORIFIC.sub("", re.split(r"[(（]", value, maxsplit=1)[0].strip())
        if name and name not in _NOT_A_NAME_VALUE and _NAME_VALUE.fullmatch(name):
            yield Span(cell.start, cell.start + len(name), Kind.NAME, f"value under {heading}")
    elif kind == Kind.BIRTH_DATE:
        for start, end in numbers.dates_in(value):
            yield Span(cell.start + start, cell.start + end, kind, f"date under {heading}")
    elif kind == Kind.CASE_NUMBER:
        if _shaped_as(value, kind):
            yield Span(cell.start, cell.end, kind, f"number under {heading}")
    elif kind == Kind.ADDRESS and len(value) >= 5 and _ADDRESS_VALUE.match(value):
        yield Span(cell.start, cell.end, kind, f"address under {heading}")
