"""Addresses: a place name down to the house number and the room, and postal codes.

A pattern finds a municipality (市・区・郡・町・村, with the prefecture if written) followed
by a house number in any of the ways people write one (8番1号, 50番地の1, 1-2-3-1208,
三丁目五番十二号, 5丁118, a rural 稲取3357) and the building or room after it (B棟202, 6階,
コーポ山田201号室). Sudachi's 地名 tags tell where the place name begins; the words before a
house number that are not addresses (国道16号, 2番窓口) are refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from suishin.core.choices import MaskKindChoices as Kind
from suishin.core.masking.spans import Morpheme, Span

PREFECTURES = (
    "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 "
    "神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 "
    "大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 "
    "福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県"
).split()
_N = r"(?:\d+|[一二三四五六七八九十〇百千]+)"
_PLACE_CHAR = r"[一-龥々〆ヶケぁ-んァ-ヶー]"
_HOUSE_NUMBER = (
    rf"(?:(?:{_N} ?丁目 ?[東西南北左右]?)?"  # 札幌: 本郷通3丁目南1-15; 旭川: 8丁目左2号
    rf"(?:{_N}(?:"
    rf" ?番地?(?!町)(?: ?の? ?{_N}(?:-\d+){{0,2}}(?: ?号)?)?"  # 8番1号, 50番地の1, 三番十二号, 9番16-104
    r"|(?:-\d+){1,3}"  # 1-2-3, 1-2-3-1208
    r"|丁 ?\d+(?: ?番地?(?: ?の? ?\d+(?: ?号)?)?)?"  # 5丁118, 2丁112番地, 2丁3番4号
    r"|線 ?\d+"  # 北海道: 北2線3357
    r"|号"
    r")"
    r"|(?<=丁目)\d{1,3}(?=付近|地?先)"  # 岐山通1丁目1付近
    r"|\d{3,5}(?=地?先|付近|地内)"  # 稲取3357先 (a rural number has three digits or more)
    r"|\d+(?![\d一-龥々]))"  # 稲取3357 (but not 北1条)
    # A block with no house number (鎌倉市雪ノ下2丁目周辺, 北見市北5条東1丁目先): where a
    # person lives or was, as near as many records say.
    rf"|{_N} ?丁目(?! ?[東西南北]?(?:\d|[一二三四五六七八九十]+番)))"
)
# A building and room: コーポ山田201, B棟202, (space) 6階, (space) 山田荘201号室.
# The name may hold digits before a word (第2大久保荘, サンライズ北3条); the room is a number,
# a block and a number (B棟202, 22棟1406号), #402, A-305 or a floor (6階, 2F-B).
# (Never a label or a conjunction: 8-22 事件番号四北刑第1187号, 804及び.)
# (Nor the next address of a list: …6街区21号 宮崎県都城市上町13街区12号.)
_NOT_A_PREFECTURE = rf"(?!{'|'.join(PREFECTURES)})"
_BUILDING_NAME = (
    rf"(?:(?!番号|及び|並びに){_NOT_A_PREFECTURE}[ァ-ヶーA-Za-z一-龥々\d・がの]){{0,16}}(?<!\d)"
)
# A building named with no room after it (ホテル萩の屋, 津駅前第一ビル): only after a space,
# and only when its name says it is a building.
_NAMED_BUILDING = (
    rf" (?:{_BUILDING_NAME}(?:ビル|ハイツ|荘|マンション|コーポ|レジデンス|アパート|団地|寮|ハウス|タワー)"
    r"|ホテル[ァ-ヶーA-Za-z一-龥々・]{1,10}(?:[のが][ァ-ヶー一-龥々]{1,4})?)(?![ァ-ヶー一-龥々\d])"
)
_BUILDING = (
    # after a space, or a comma before a named building (…3番8号、サンシャイン博多南502号室)
    rf"(?:(?:(?: |、)?[ァ-ヶーA-Za-z]{_BUILDING_NAME}| {_NOT_A_PREFECTURE}[一-龥々]{_BUILDING_NAME}"
    rf"| [ぁ-ん]{{1,6}}[一-龥々ァ-ヶー]{_BUILDING_NAME}| )?"  # なんばパークスタワー1708, におの浜レジデンス
    # B棟202, 5号棟3号 (before 5号), ニセコビューロッジ2号棟
    r" ?(?:(?:[A-Z]|\d{1,3}号?)棟(?: ?\d{1,4}(?:号室|号)?)?"
    r"|\d{1,4}(?:-\d{1,4}|-[A-Z])?(?:号室|号|階|F(?:-[A-Z])?)?"  # 3-B, 2F-B
    r"|[一二三四五六七八九十]{1,3}階"  # 蒲田第三ビル二階
    r"|#\d{1,4}|[A-Z]-\d{1,4}(?:号室)?)(?:[A-Z](?![A-Za-z]))?"
    rf"|-\d{{1,4}}(?:号室|号)?|{_NAMED_BUILDING})?"  # 24番11号-609, 茶山台1丁3番2-405号
)
# After the municipality, the only kana in a place name are が and の (霞が関, 緑の丘), and
# Kyoto's directions.
_PLACE_PART = (
    r"(?:[一-龥々〆ヶケァ-ヶーがの]|[上下入][るル]|通り"  # 京都: 烏丸通七条下る; 湖岸通り
    r"|[ぁ-ん]{2,8}(?=[一-龥]{0,3}\d{1,3}(?:丁目|-\d|番))"  # みなとみらい2丁目, みどり野1-19
    r"|[ぁ-ん]{1,6}[がの](?=[一-龥々]{1,4}\d)"  # つつじが丘北3番町, 陽だまりの丘3丁目
    r"|[いろはにほへとちりぬるを](?=\d))"  # a lot in いろは order: 八街ほ235番地, 上座い1204
)
# Atomic: once a municipality is read it is not read again another way (a run of 市 and 町
# would otherwise be tried in exponentially many splits).
_MUNICIPALITY = rf"(?>{_PLACE_CHAR}{{1,6}}?[市区郡町村])"
_ADDRESS_START = (
    rf"(?:{'|'.join(PREFECTURES)})?"
    # 大字上野5丁118 and 字稲取3357, written without the town; 同市平良… after an address
    rf"(?:{_MUNICIPALITY}{{1,4}}|大字|(?<![一-龥々])字|同[市区町村])"
    # Bounded: a town, not the rest of the text; 北3条, 第10地割 (岩手), 河井町2部198 (輪島).
    rf"(?:{_PLACE_PART}|第?\d+(?:条|番町|街区|線|地割|部(?=\d))){{0,24}}?"
    rf"{_HOUSE_NUMBER}"
)
# What a building's number is never followed by: the block of the next address, which a
# building read after a space would swallow (…1-12-5　保管場所の位置同市蔵波台4丁目3番地7).
_ADDRESS = re.compile(rf"{_ADDRESS_START}{_BUILDING}(?![\d-]|丁目|丁|番|条|地割)")
_ADDRESS_WITHOUT_BUILDING = re.compile(rf"{_ADDRESS_START}(?![\d-])")
# A house number after an address word, for places written without a municipality.
_LEAD = re.compile(r"(?:現?住所|住居|居所|自宅|所在地|本籍|在住|方)(?:は|:|地)? ?")
_LED_ADDRESS = re.compile(rf"{_PLACE_CHAR}{{1,8}}?{_HOUSE_NUMBER}{_BUILDING}(?![\d-])")
_PREFECTURE_INSIDE = re.compile("|".join(PREFECTURES))
_SAME_PLACE = re.compile("同[市区町村]")  # 同市平良…: the city of the address before
# Numbers that follow a place but are not house numbers.
_NOT_HOUSE_BEFORE = re.compile(r"(?:国道|県道|道道|府道|都道|市道|町道|村道|様式|第|線|号線)$")
_NOT_HOUSE_AFTER = re.compile(
    r"(?:窓口|番線|号線|号車|番目|番札|番ホーム|号館|号棟|系統|条|項|回|人|名|件|台|分|歳|円|時|度|月|日|年"
    r"|個|本|枚|通|泊|冊|つ|%|割|倍|km|m|キロ|メートル|か所|箇所|カ所|ヶ所)"
)


# An address abroad, in latin letters, after the word for it (本国住所 45 Tran Phu Street, Ha
# Dong District, Hanoi) or shaped like one (1420 Elm Avenue, Portland, OR 97205, USA).
_ABROAD_LEAD = re.compile(r"(?:本国住所|本国の住所|本国|国外住所|海外住所|現地住所)(?:は|:)? ?")
_LATIN_ADDRESS = re.compile(r"[A-Za-z0-9#][A-Za-z0-9 ,.#'/-]{6,}[A-Za-z0-9]")
_STREET = re.compile(
    r"(?<![A-Za-z0-9])(?:No\. ?)?\d{1,5}[A-Za-z]? [A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)* "
    r"(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Lane|Boulevard|Blvd\.?|Drive|Dr\.)"
    r"(?:, ?[A-Za-z0-9][A-Za-z0-9 .'-]*[A-Za-z0-9])*"
)
# A Japanese address in latin letters, as foreign residents write it (Room 402, Sakura
# Heights, 2-14-6 Minami-Aoyama, Minato-ku, Tokyo): a house number of two or three numbers
# and the town, then comma by comma the ward or city, the prefecture, a postal code, a
# building or a room; before it, up to two parts that name a building or a room.
_ROMAN_WORD = r"[A-Z0-9][A-Za-z0-9'#-]*(?:\.(?= \d))?"  # Bldg. 1F, but not Tokyo. My
_ROMAN_PART = rf"{_ROMAN_WORD}(?: {_ROMAN_WORD}){{0,4}}"
_ROMAN_NOT_ADDRESS = r"(?!(?:Tel|TEL|Phone|Fax|FAX|E-?mail|Name|Date|Mobile)\b)"
_ROMANIZED_ADDRESS = re.compile(
    rf"(?<![A-Za-z0-9-])(?P<before>(?:{_ROMAN_PART}, ){{0,2}})"
    r"\d{1,4}-\d{1,4}(?:-\d{1,4})?,? [A-Z][A-Za-z]+(?:-[A-Za-z]+)*(?: [A-Z][a-z]+)?"
    rf"(?:, ?{_ROMAN_NOT_ADDRESS}{_ROMAN_PART}){{1,5}}"
)
_ROMAN_BUILDING = re.compile(
    r"\d|Room|Flat|Apartment|Apt|Unit|Heights|Court|Mansion|Tower|Bldg|Building|Hotel|House"
    r"|Residence|Villa|Palace|Corpo|Haitsu|Hall|Dormitory|Plaza"
)
# A ward, city or town word (Minato-ku, Kagoshima City); a city's name alone (10-12 June,
# Tokyo) says nothing of a house.
_ROMAN_MUNICIPALITY = re.compile(
    r"-(?:ku|shi|cho|machi|gun|mura)\b| (?:City|Ward|Prefecture|Town|Village)\b"
)


# An address from an old system in katakana (トウキョウト オオタク カマタ4-11-3): a city or
# ward word, more words, and a house number of two numbers or more.
# A prefecture or three numbers, and a word after the city's: ネットワーク 2-3 is no address.
_KATAKANA_ADDRESS = re.compile(
    r"(?<![ァ-ヶー])(?P<prefecture>[ァ-ヶー]{2,6}(?:ケン|ト|フ|ドウ) )?"
    r"[ァ-ヶー]{1,8}(?:シ|ク|グン|チョウ|マチ|ムラ)"
    r"(?: [ァ-ヶー]{1,12}){1,2} ?\d{1,4}(?P<numbers>(?:-\d{1,4}){1,3})(?![\d-])"
)


def addresses(text: str, morphemes: list[Morpheme]) -> Iterator[Span]:
    yield from _written_abroad_or_in_katakana(text)
    position = 0
    while match := _ADDRESS.search(text, position):
        end = match.end()
        if _refused(text, match):
            # What followed was not a building (梅田1-1-1 で3人が): the address without it;
            # nor the last number (1044番地の2か所): the address without that.
            bare = _ADDRESS_WITHOUT_BUILDING.match(text, match.start())
            if bare is not None and not _refused(text, bare):
                end = bare.end()
            else:
                shorter = _without_counted_tail(text, bare or match)
                if shorter is None:
                    position = match.start() + 1  # a later start may still be an address
                    continue
                end = shorter
        position = end
        yield Span(_start(match, text, morphemes), end, Kind.ADDRESS, "place and number")
    for lead in _LEAD.finditer(text):
        match = _LED_ADDRESS.match(text, lead.end())
        if match and not _refused(text, match):
            yield Span(match.start(), match.end(), Kind.ADDRESS, "number after 住所")


def _without_counted_tail(text: str, match: re.Match[str]) -> int | None:
    """Where the address ends without its last number, when that number counts something
    (同市字北吸1044番地の2か所): None if nothing of an address is left."""
    tail = re.search(r" ?の ?\d+$", match.group())
    if tail is None:
        return None
    end = match.start() + tail.start()
    if _NOT_HOUSE_AFTER.match(text, end) or not re.search(r"\d", text[match.start() : end]):
        return None
    return end


def _refused(text: str, match: re.Match[str]) -> bool:
    around = text[max(0, match.start() - 2) : match.end()]
    if "市町村" in around or "市区町村" in around:
        return True  # 平成の大合併で市町村数が71: the word for municipalities
    number = re.search(r"\d|[一二三四五六七八九十〇]+(?:丁目|番)", match.group())
    if number is None:
        return True
    at = match.start() + number.start()
    allotment = re.match(r"\d+地割", text[at:])  # 織笠第10地割: 第 numbers the allotment
    if _NOT_HOUSE_BEFORE.search(text, max(0, at - 3), at) and not allotment:
        return True
    return bool(_NOT_HOUSE_AFTER.match(text, match.end()))


def _start(match: re.Match[str], text: str, morphemes: list[Morpheme]) -> int:
    """The pattern cannot tell where a place name begins (荒木さんは熊本市...); Sudachi can."""
    start = match.start()
    if text.startswith(("大字", "字"), start):
        return start
    prefecture = _PREFECTURE_INSIDE.search(text, start, match.end()) or _SAME_PLACE.search(
        text, start, match.end()
    )
    if prefecture:
        return prefecture.start()
    for morpheme in morphemes:
        if morpheme.start >= match.end():
            break
        # A place, or a proper noun Sudachi read whole (名古屋市中村区名駅), but not a person.
        proper = morpheme.pos[1] == "固有名詞" and morpheme.pos[2] not in {"人名", "組織名"}
        if morpheme.start >= start and (morpheme.is_place or proper):
            return morpheme.start
    lead = _LEAD.match(text, start, match.end())
    return lead.end() if lead else start


def _written_abroad_or_in_katakana(text: str) -> Iterator[Span]:
    for lead in _ABROAD_LEAD.finditer(text):
        if abroad := _LATIN_ADDRESS.match(text, lead.end()):
            yield Span(abroad.start(), abroad.end(), Kind.ADDRESS, "address abroad after 本国住所")
    for street in _STREET.finditer(text):
        yield Span(street.start(), street.end(), Kind.ADDRESS, "street address")
    for match in _ROMANIZED_ADDRESS.finditer(text):
        if _ROMAN_MUNICIPALITY.search(match.group()):
            yield Span(
                _romanized_start(match), match.end(), Kind.ADDRESS, "address in latin letters"
            )
    for match in _KATAKANA_ADDRESS.finditer(text):
        if match.group("prefecture") or match.group("numbers").count("-") >= 2:
            yield Span(match.start(), match.end(), Kind.ADDRESS, "address in katakana")


def _romanized_start(match: re.Match[str]) -> int:
    """The parts before the house number belong to the address only from the first that
    names a building or a room (not a person's name written before it)."""
    start = match.start("before")
    for part in re.finditer(r"[^,]+, ", match.group("before")):
        if _ROMAN_BUILDING.search(part.group()):
            return start + part.start()
    return match.end("before")
