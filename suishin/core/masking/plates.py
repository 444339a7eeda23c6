"""Vehicle registration plates: every 地名 a 運輸支局 or 自動車検査登録事務所 issues (with
the ご当地 names), two-wheelers, and the plates municipalities issue for mopeds."""

from __future__ import annotations

import re
from collections.abc import Iterator

from suishin.core.choices import MaskKindChoices as Kind
from suishin.core.masking.spans import Span

PLATE_REGIONS = (
    # 北海道
    "札幌 函館 旭川 室蘭 苫小牧 釧路 知床 帯広 北見 "
    # 東北
    "青森 八戸 弘前 岩手 盛岡 平泉 宮城 仙台 秋田 山形 庄内 福島 会津 郡山 白河 いわき "
    # 関東
    "水戸 土浦 つくば 宇都宮 栃木 とちぎ 那須 日光 群馬 前橋 高崎 大宮 川口 所沢 川越 熊谷 "
    "春日部 越谷 千葉 成田 習志野 市川 船橋 袖ヶ浦 袖ケ浦 市原 野田 柏 松戸 品川 世田谷 練馬 "
    "杉並 板橋 足立 江東 葛飾 江戸川 八王子 多摩 府中 横浜 川崎 湘南 相模 山梨 富士山 "
    # 北陸信越
    "新潟 長岡 上越 長野 松本 諏訪 富山 石川 金沢 福井 "
    # 中部
    "岐阜 飛騨 静岡 浜松 沼津 伊豆 名古屋 豊橋 三河 岡崎 豊田 尾張小牧 一宮 春日井 三重 鈴鹿 "
    "四日市 伊勢志摩 "
    # 近畿
    "滋賀 京都 大阪 なにわ 和泉 堺 奈良 飛鳥 和歌山 神戸 姫路 "
    # 中国・四国
    "鳥取 島根 出雲 岡山 倉敷 広島 福山 山口 下関 徳島 香川 高松 愛媛 高知 "
    # 九州・沖縄
    "福岡 北九州 久留米 筑豊 佐賀 長崎 佐世保 熊本 大分 宮崎 鹿児島 奄美 沖縄"
).split()
_REGION = "|".join(sorted(map(re.escape, PLATE_REGIONS), key=len, reverse=True))
# 分類番号 (1 to 3 digits, then maybe a letter: 33A), ひらがな, 一連指定番号 (12-34, ・123, ・・・1, 1234).
# Partly read serials are kept (・・-12, 3-3 as a witness read it).
# Typed compactly the dots are left out (練馬300て200 is 練馬 300 て ・200).
_SERIAL = r"(?:\d{1,2} ?- ?\d{1,2}|・{1,3} ?-? ?\d{1,3}|\d{2,4})(?![\d-])"
# Without the class number (two-wheelers, mopeds) a particle is not read as the plate's kana.
# Spaced apart on both sides, even those are the kana (青森 は 51-08, 京都市 は 8806).
_CLASS_AND_KANA = r"(?:\d{1,3}[A-Z]?[ \t]?[あ-ん]|(?<=[ \t])[あ-ん](?=[ \t])|(?![のはがをにでともへや])[あ-んア-ンA-Za-z])"
# Not a house number (かほく市高松ヲ19番地1), a time or a year (長野 に 30分, 宮城 は 2011年).
# A plate pasted from a spreadsheet keeps a tab between its parts (浜松	500	た	20-84).
_GAP = r"[ \t]?"
_PLATE = re.compile(
    rf"(?:{_REGION}){_GAP}{_CLASS_AND_KANA}{_GAP}{_SERIAL}(?!番|丁|号|年|月|日|時|分|秒|人|件|円|歳|回|台|%)"
)
# What a witness read of a plate: the region with the four-digit serial (倉敷 23-80), or
# with parts unread (品川 3** ・・83, 宮城 ・・ 9-12).
_UNREAD = r"[*＊?？・]"
_PARTLY_READ = re.compile(
    rf"(?:{_REGION})(?: (?:\d{{2}} ?- ?\d{{2}}(?![\d-]|日|月|時|年|分|件|名|人|歳|回|%))"
    rf"| ?(?=[^、。\n]{{0,8}}{_UNREAD})(?:[\d*＊?？]{{1,3}} ?)?(?:[あ-ん]|{_UNREAD}{{1,3}})? ?"
    rf"(?:{_UNREAD}{{1,3}} ?-? ?\d{{1,3}}|[\d*＊?？]{{1,2}} ?- ?[\d*＊?？]{{1,2}})(?![\d-]))"
)
# The serial alone after the words for it (ナンバーの4桁は「59-04」, ナンバー末尾4桁「31-26」).
_SERIAL_ONLY = re.compile(
    # the plate's words only: 電話番号の下4桁 is a telephone's
    r"(?:ナンバー|プレート|車両番号)の?(?:下|末尾)?(?:4桁|四桁|一連番号)(?:は|が|:|：)? ?[「『]?"
    r"(?P<serial>\d{2} ?- ?\d{2}|\d{4})(?![\d-])"
)
# Moped plates carry the municipality (八王子市 あ 1234, 豊田市 い 567).
_MUNICIPAL = re.compile(
    # さいたま市 う 7712; the municipality begins the plate (原付安芸郡府中町 ふ 1130)
    rf"(?:(?:(?<=原付)|(?<=自転車)|(?<![一-龥ヶケ]))[一-龥ヶケ]{{1,6}}[市区町村]|(?<![ぁ-ん])[ぁ-ん]{{2,6}}市)"
    rf" ?{_CLASS_AND_KANA} ?(?:{_SERIAL}|\d{{2,3}}(?![\d-]))"
)
# A region not on the list (a new ご当地 name) still has the full shape: 2-3 digit class,
# a plate kana that is not a particle, and the serial.
_ANY_REGION = re.compile(
    rf"(?<![一-龥ぁ-ん])[一-龥]{{2,4}} ?\d{{2,3}} ?(?![とのはがをにでもやへ])[あ-ん] ?{_SERIAL}"
)


def plates(text: str) -> Iterator[Span]:
    listed = []
    for match in _PLATE.finditer(text):
        listed.append((match.start(), match.end()))
        yield Span(match.start(), match.end(), Kind.PLATE, "registration plate")
    for match in _PARTLY_READ.finditer(text):
        yield Span(match.start(), match.end(), Kind.PLATE, "plate partly read")
    for match in _SERIAL_ONLY.finditer(text):
        yield Span(*match.span("serial"), Kind.PLATE, "plate serial")
    for match in _MUNICIPAL.finditer(text):
        yield Span(match.start(), match.end(), Kind.PLATE, "municipal moped plate")
    for match in _ANY_REGION.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in listed):
            continue  # a listed region was found here (車両品川 300 あ …: 品川 is the region)
        yield Span(match.start(), match.end(), Kind.PLATE, "registration plate shape")
