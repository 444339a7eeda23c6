"""Finding personal data in Japanese text and replacing it with typed placeholders.

Used before an article leaves its organization (KCS sharing). Each kind has its own detector:
fixed-format numbers by pattern (with the My Number check digit and context words to tell a
My Number from a driver's-licence number), dates of birth only where the text says it is a
birth date, plates from the list of registration offices, addresses from a place name followed
by a house number, and names from Sudachi's 人名 tags and from the words that surround names in
police writing (氏, さん, 容疑者, 巡査部長, 被害者 ...). Where two findings overlap, the more
specific kind wins.

The detector works on a same-length copy of the text in which full-width digits, letters and
dashes are folded to ASCII, so every offset found is an offset in the original text. A
placeholder is never detected again, so masking twice changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from suishin.knowledge.choices import MaskKindChoices as Kind

PLACEHOLDERS: dict[str, str] = {
    Kind.NAME: "［氏名］",
    Kind.ADDRESS: "［住所］",
    Kind.PHONE: "［電話番号］",
    Kind.EMAIL: "［メールアドレス］",
    Kind.BIRTH_DATE: "［生年月日］",
    Kind.MY_NUMBER: "［個人番号］",
    Kind.LICENCE: "［免許証番号］",
    Kind.PLATE: "［車両番号］",
    Kind.CASE_NUMBER: "［事件番号］",
}
# More specific kinds win an overlap; a name inside an address is part of the address.
_PRIORITY: dict[str, int] = {
    Kind.EMAIL: 9,
    Kind.MY_NUMBER: 8,
    Kind.LICENCE: 8,
    Kind.PLATE: 8,
    Kind.CASE_NUMBER: 7,
    Kind.BIRTH_DATE: 6,
    Kind.PHONE: 6,
    Kind.ADDRESS: 5,
    Kind.NAME: 3,
}
_PLACEHOLDER = re.compile("|".join(re.escape(text) for text in PLACEHOLDERS.values()))


@dataclass(frozen=True, order=True)
class Finding:
    """One piece of personal data: where it is, what kind, and the text found."""

    start: int
    end: int
    kind: str
    text: str

    @property
    def placeholder(self) -> str:
        return PLACEHOLDERS[self.kind]

    def overlaps(self, other: Finding) -> bool:
        return self.start < other.end and other.start < self.end


# --- Same-length folding -------------------------------------------------------------------

_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "－": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "―": "-",
        "–": "-",
        "—": "-",
        "＠": "@",
        "．": ".",
        "（": "(",
        "）": ")",
        "：": ":",
        "＋": "+",
        "／": "/",
        "\u3000": " ",
        "･": "・",
    }
)


def _fold(text: str) -> str:
    # Every entry of _FOLD maps one character to one character: offsets stay valid.
    return text.translate(_FOLD)


# --- Fixed formats ---------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
_TWELVE_DIGITS = re.compile(r"(?<![\d-])\d{4}[ -]?\d{4}[ -]?\d{4}(?![\d-])")
_PHONE = re.compile(
    r"(?<![\d-])(?:"
    r"\+81[ -]?\d{1,4}[ -]\d{1,4}[ -]\d{3,4}"  # +81-90-1234-5678
    r"|\(0\d{1,4}\) ?\d{1,4}-\d{3,4}"  # (045)123-4567
    r"|0\d{1,4}\(\d{1,4}\)\d{3,4}"  # 03(3581)4321
    r"|0\d{1,4}[ -]\d{1,4}[ -]\d{3,4}"  # 090-1234-5678, 06 6987 6543, 0120-123-456
    r"|0[5789]0\d{8}|0[1-9]\d{8}"  # 09012345678, 0312345678
    r")(?![\d-])"
)
_MY_NUMBER_CUE = re.compile(r"個人番号|マイナンバー|通知カード")
_LICENCE_CUE = re.compile(r"免許")

_ERA_DATE = r"(?:昭和|平成|令和|大正|[STHR]) ?(?:\d{1,2}|元)[年.] ?\d{1,2}[月.] ?\d{1,2}日?"
_WESTERN_DATE = r"(?:19|20)\d{2}(?:年\d{1,2}月\d{1,2}日?|[/.-]\d{1,2}[/.-]\d{1,2})"
_DATE = re.compile(rf"(?<!\d)(?:{_ERA_DATE}|{_WESTERN_DATE})(?!\d)")
_BIRTH_AFTER = re.compile(r"\s?(?:生まれ|生)")
_BIRTH_BEFORE = re.compile(r"(?:生年月日|誕生日|出生日)\s*(?:は|:)?\s*$")

_CASE_CUE = re.compile(
    r"(?:事件|事案|受理|受付|照会|報告書?|整理|管理|届出|事件受理)番号\s*(?:は|:)?\s*"
)
_CODE_PART = r"(?:[A-Za-z0-9]+|[一-龥]{1,3})"
_CASE_CODE = re.compile(
    rf"(?:令和|平成)\d{{1,2}}年\s?(?:\([ぁ-んァ-ヶ一-龥]{{1,2}}\)\s?)?第\d+号"  # 令和6年(わ)第123号
    rf"|第\s?[A-Za-z0-9][A-Za-z0-9-]*号"  # 第2024-00123号
    rf"|(?=[^\s]*\d){_CODE_PART}(?:-{_CODE_PART})*"  # R6-刑-0456, 2024-遺-00981
)
_COURT_CASE = re.compile(r"(?:令和|平成)\d{1,2}年\s?\([ぁ-んァ-ヶ]{1,2}\)\s?第\d+号")

# 運輸支局・自動車検査登録事務所の表示 (plate regions).
_PLATE_REGIONS = (
    "札幌 函館 旭川 室蘭 苫小牧 釧路 知床 帯広 北見 青森 八戸 弘前 岩手 盛岡 平泉 宮城 仙台 "
    "秋田 山形 庄内 福島 会津 郡山 白河 いわき 水戸 土浦 つくば 宇都宮 とちぎ 那須 群馬 前橋 "
    "高崎 大宮 川口 所沢 川越 熊谷 春日部 越谷 千葉 成田 習志野 市川 船橋 袖ヶ浦 市原 野田 柏 "
    "松戸 品川 世田谷 練馬 杉並 板橋 足立 江東 葛飾 江戸川 八王子 多摩 横浜 川崎 湘南 相模 "
    "山梨 富士山 新潟 長岡 上越 長野 松本 諏訪 富山 石川 金沢 福井 岐阜 飛騨 静岡 浜松 沼津 "
    "伊豆 名古屋 豊橋 三河 岡崎 豊田 尾張小牧 一宮 春日井 三重 鈴鹿 四日市 伊勢志摩 滋賀 京都 "
    "大阪 なにわ 和泉 堺 奈良 飛鳥 和歌山 神戸 姫路 鳥取 島根 岡山 倉敷 広島 福山 山口 下関 "
    "徳島 香川 高松 愛媛 高知 福岡 北九州 久留米 筑豊 佐賀 長崎 佐世保 熊本 大分 宮崎 鹿児島 "
    "奄美 沖縄"
).split()
_PLATE = re.compile(
    "(?:"
    + "|".join(sorted(map(re.escape, _PLATE_REGIONS), key=len, reverse=True))
    + r") ?\d{1,3} ?[ぁ-ん] ?(?:\d{1,2}-\d{2}|・{1,3} ?\d{1,3}|\d{4})(?!\d)"
)

# --- Addresses -------------------------------------------------------------------------------

_PREFECTURES = (
    "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 "
    "神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 "
    "大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 "
    "福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県"
).split()
_KANJI_NUMBER = "一二三四五六七八九十〇"
_PLACE_CHAR = r"[一-龥々ヶケぁ-んァ-ヶー]"
_HOUSE_NUMBER = (
    rf"(?:(?:\d+|[{_KANJI_NUMBER}]+)丁目 ?)?"
    r"\d+(?:"
    r"番地?(?:の?\d+(?:号)?)?"  # 8番1号, 50番地の1, 692番地2
    r"|-\d+(?:-\d+)?"  # 1-2-3
    r"|号"
    r")"
)
_ADDRESS = re.compile(
    rf"(?:{'|'.join(_PREFECTURES)})?"
    rf"(?:{_PLACE_CHAR}{{1,6}}?[市区郡])+"
    rf"(?:{_PLACE_CHAR}|\d+条)*?"
    rf"{_HOUSE_NUMBER}"
    r"(?: ?[ァ-ヶー一-龥A-Za-z]{1,12}\d{1,4}号室)?"
    r"(?![\d-])"
)
_ADDRESS_LEAD = re.compile(r"(?:現?住所|住居|居所|自宅|所在地|本籍|在住)(?:は|:)?")
# A house number after an address cue, for places written without a city (山下町11番1号).
_PREFECTURE_INSIDE = re.compile("|".join(_PREFECTURES))

# --- Names -----------------------------------------------------------------------------------

# Words written right after a name: honorifics, and the roles and ranks of police writing.
_NAME_SUFFIXES = (
    "巡査部長 巡査長 巡査 警部補 警部 警視正 警視 係長 課長 署長 次長 主任 "
    "容疑者 被疑者 被告人 被告 弁護士 氏 さん 様 君 くん ちゃん"
).split()
_STRONG_SUFFIXES = frozenset(_NAME_SUFFIXES[:16])
# Words written right before a name.
_NAME_PREFIXES = (
    "被疑者 容疑者 被告人 被害者 申告者 拾得者 通報者 相談者 申出人 運転者 関係者 氏名 長男 長女 "
    "次男 次女 娘 息子"
).split()
# Titles that also follow the name of a section or a station (刑事課長, 警察署長): after these,
# only a word Sudachi knows as a proper noun counts as a name.
_OFFICE_SUFFIXES = frozenset("係長 課長 署長 次長 主任".split())
# Nouns that take the same honorifics and ranks but are not names.
_NOT_NAMES = frozenset(
    "担当 担当者 相手 相手方 本人 家族 職員 運転手 店員 住民 皆 皆様 各位 お客 客 上司 部下 同僚 "
    "警察 警察官 当該 同人 被害者 被疑者 容疑者 関係者 申告者 通報者 相談者 拾得者 運転者 落とし主 "
    "お父 お母 奥 息子 娘 子供 お子 先生 医師 局長 部長 課長 係長 署長 所長 会長 社長 店長 "
    "通訳 刑事課 生活安全課 交通課 地域課 警務課 同課 本部 県警 署 当直 ご本人 利用者 皆さん".split()
)
_NAME_TOKEN_MAX = 8


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, _NAME_SUFFIXES), key=len, reverse=True)))


_Token = tuple[int, int, str, tuple[str, ...], bool]  # begin, end, surface, POS, unknown word


def _tokens(text: str) -> list[_Token]:
    from sudachipy import SplitMode

    from suishin.search.analysis import _tokenizer

    return [
        (m.begin(), m.end(), m.surface(), tuple(m.part_of_speech()), m.is_oov())
        for m in _tokenizer().tokenize(text, SplitMode.C)
    ]


def _is_person(pos: tuple[str, ...]) -> bool:
    return pos[0] == "名詞" and pos[2] == "人名"


def _is_name_like(surface: str, pos: tuple[str, ...], oov: bool) -> bool:
    if surface in _NOT_NAMES or pos[0] != "名詞" or pos[1] == "数詞":
        return False
    if _is_person(pos) or oov or pos[1] == "固有名詞":
        return True
    # Surnames that are also common nouns (原, 森, 関, 東); short, written in kanji or kana.
    return len(surface) <= 3 and re.fullmatch(r"[一-龥々ぁ-んァ-ヶー]+", surface) is not None


def _name_findings(text: str, tokens: list[_Token]) -> Iterator[tuple[int, int]]:
    suffix = _suffix_pattern()
    count = len(tokens)
    i = 0
    while i < count:
        start, end, surface, pos, oov = tokens[i]
        if _is_person(pos):
            j = i
            # 姓 + 名, and foreign names joined by ・
            while j + 1 < count and (
                _is_person(tokens[j + 1][3])
                or (
                    tokens[j + 1][2] == "・"
                    and j + 2 < count
                    and _is_name_like(tokens[j + 2][2], tokens[j + 2][3], tokens[j + 2][4])
                )
            ):
                j += 2 if tokens[j + 1][2] == "・" else 1
            # A given name Sudachi does not know as one (陳 建国): after a surname, a short
            # noun that is followed by a particle, a bracket or a suffix.
            if (
                tokens[j][3][3] == "姓"
                and j + 1 < count
                and tokens[j + 1][3][0] == "名詞"
                and _is_name_like(tokens[j + 1][2], tokens[j + 1][3], tokens[j + 1][4])
                and not suffix.match(text, tokens[j + 1][0])
                and len(tokens[j + 1][2]) <= 3
                and (j + 2 >= count or tokens[j + 2][3][0] in {"助詞", "補助記号", "接尾辞"})
            ):
                j += 1
            name_end = tokens[j][1]
            # Sudachi keeps some honorifics in the token (関氏).
            tail = suffix.search(text, start, name_end)
            if tail and tail.end() == name_end and tail.start() > start:
                name_end = tail.start()
            yield start, name_end
            i = j + 1
            continue
        i += 1
    # Names told by the words around them.
    for match in suffix.finditer(text):
        yield from _name_before(tokens, text, match.start(), match.group())
    for prefix in _NAME_PREFIXES:
        for match in re.finditer(re.escape(prefix) + r"(?:の|:)?\s?", text):
            yield from _name_after(tokens, text, match.end())


def _name_before(
    tokens: list[_Token], text: str, at: int, suffix: str
) -> Iterator[tuple[int, int]]:
    """The name-like tokens ending right before a suffix (佐藤さん, 原被告人)."""
    strong = suffix in _STRONG_SUFFIXES
    run: list[_Token] = []
    for token in tokens:
        if token[1] <= at:
            run.append(token)
        elif token[0] < at < token[1]:
            # The suffix is glued into a token (原被告): the part before it is the candidate.
            head = text[token[0] : at]
            if strong and 1 <= len(head) <= 3 and head not in _NOT_NAMES:
                run.append((token[0], at, head, ("名詞", "固有名詞", "人名", "姓"), True))
            break
        else:
            break
    if not run or run[-1][1] != at:
        return
    picked: list[_Token] = []
    for token in reversed(run):
        if token[2] == "・" and picked:
            picked.append(token)
            continue
        if not _is_name_like(token[2], token[3], token[4]) or len(picked) >= 4:
            break
        picked.append(token)
    while picked and picked[-1][2] == "・":
        picked.pop()
    if not picked:
        return
    start, end = picked[-1][0], picked[0][1]
    if end - start > _NAME_TOKEN_MAX or text[start:end] in _NOT_NAMES:
        return
    if suffix in _OFFICE_SUFFIXES and not any(
        token[3][1] == "固有名詞" or token[4] for token in picked
    ):
        return
    if not strong and not any(
        _is_person(token[3]) or token[4] or len(token[2]) <= 2 for token in picked
    ):
        return
    yield start, end


def _name_after(tokens: list[_Token], text: str, at: int) -> Iterator[tuple[int, int]]:
    """The name-like tokens right after a word that introduces a person (被疑者 山田)."""
    picked: list[_Token] = []
    for token in tokens:
        if token[1] <= at:
            continue
        if token[0] < at:
            return
        if _is_name_like(token[2], token[3], token[4]) and len(picked) < 3:
            picked.append(token)
            continue
        break
    if picked and any(token[3][1] == "固有名詞" or token[4] for token in picked):
        start, end = picked[0][0], picked[-1][1]
        if end - start <= _NAME_TOKEN_MAX:
            yield start, end


# --- Putting it together ---------------------------------------------------------------------


def _twelve_digit_kind(folded: str, start: int, digits: str) -> str:
    context = folded[max(0, start - 16) : start]
    if _LICENCE_CUE.search(context):
        return Kind.LICENCE
    if _MY_NUMBER_CUE.search(context) or my_number_is_valid(digits):
        return Kind.MY_NUMBER
    return Kind.LICENCE


def my_number_is_valid(digits: str) -> bool:
    """The check digit of an individual number (行政手続における特定の個人を識別するための番号)."""
    if not re.fullmatch(r"\d{12}", digits):
        return False
    body = [int(c) for c in digits[:11]]
    total = sum(body[11 - n] * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    remainder = total % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return check == int(digits[11])


def _address_start(match: re.Match[str], folded: str, tokens: list[_Token]) -> int:
    """The pattern cannot tell where a place name begins (荒木さんは熊本市...); Sudachi can."""
    start = match.start()
    prefecture = _PREFECTURE_INSIDE.search(folded, start, match.end())
    if prefecture:
        return prefecture.start()
    for token in tokens:
        if token[0] >= match.end():
            break
        if token[0] >= start and token[3][2] == "地名":
            return token[0]
    lead = _ADDRESS_LEAD.match(folded, start, match.end())
    return lead.end() if lead else start


def _candidates(text: str) -> Iterator[Finding]:
    folded = _fold(text)

    def found(start: int, end: int, kind: str) -> Finding:
        return Finding(start, end, kind, text[start:end])

    for match in _EMAIL.finditer(folded):
        yield found(match.start(), match.end(), Kind.EMAIL)
    for match in _TWELVE_DIGITS.finditer(folded):
        digits = re.sub(r"\D", "", match.group())
        yield found(match.start(), match.end(), _twelve_digit_kind(folded, match.start(), digits))
    for match in _PLATE.finditer(folded):
        yield found(match.start(), match.end(), Kind.PLATE)
    for match in _PHONE.finditer(folded):
        yield found(match.start(), match.end(), Kind.PHONE)
    for match in _DATE.finditer(folded):
        if _BIRTH_AFTER.match(folded, match.end()) or _BIRTH_BEFORE.search(
            folded[max(0, match.start() - 12) : match.start()]
        ):
            yield found(match.start(), match.end(), Kind.BIRTH_DATE)
    for cue in _CASE_CUE.finditer(folded):
        code = _CASE_CODE.match(folded, cue.end())
        if code and any(c.isdigit() for c in code.group()):
            yield found(code.start(), code.end(), Kind.CASE_NUMBER)
    for match in _COURT_CASE.finditer(folded):
        yield found(match.start(), match.end(), Kind.CASE_NUMBER)
    tokens = _tokens(text)
    for match in _ADDRESS.finditer(folded):
        yield found(_address_start(match, folded, tokens), match.end(), Kind.ADDRESS)
    for start, end in _name_findings(text, tokens):
        if end > start:
            yield found(start, end, Kind.NAME)


def find_personal_data(text: str) -> list[Finding]:
    """Every piece of personal data in ``text``, in order, without overlaps."""
    protected = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
    chosen: list[Finding] = []
    ranked = sorted(
        set(_candidates(text)),
        key=lambda f: (-_PRIORITY[f.kind], -(f.end - f.start), f.start),
    )
    for candidate in ranked:
        if any(candidate.start < end and start < candidate.end for start, end in protected):
            continue
        if any(candidate.overlaps(other) for other in chosen):
            continue
        chosen.append(candidate)
    return sorted(chosen)


def apply_masks(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with each finding replaced by its placeholder."""
    parts: list[str] = []
    position = 0
    for finding in sorted(findings):
        if finding.start < position or text[finding.start : finding.end] != finding.text:
            continue  # stale or overlapping: the text changed since it was found
        parts.append(text[position : finding.start])
        parts.append(finding.placeholder)
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


def mask(text: str) -> str:
    return apply_masks(text, find_personal_data(text))
