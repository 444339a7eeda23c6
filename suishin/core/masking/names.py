"""Names of people, from what Sudachi knows and from the words police writing puts around them.

Evidence, strongest first: Sudachi tags the word 人名 (姓・名); a word right before a name
(被疑者, 遺失者, 目撃者, 相手方 ...) or right after it (さん, 氏, 巡査部長, 容疑者, 委員 ...)
says a person is meant; a romaji name as on a passport or bank account (Sato Kenji, WANG
Lei). A name found once is then found everywhere else in the same text, with its parts (the
surname alone later in a passage), so a name is masked whole or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from suishin.core.choices import MaskKindChoices as Kind
from suishin.core.masking.addresses import PREFECTURES
from suishin.core.masking.spans import HONORIFICS, Morpheme, Span, word_at, words_between

# Words written right after a name. The first group says a person is meant whatever the
# word before it; after the second (titles that also follow a section or a station: 刑事課長,
# 警察署長, 公安委員会委員) only a word Sudachi knows as a proper noun, or does not know at
# all, counts as a name.
# Police ranks, written after a name and before it (梅田巡査, 巡査梅田 拓).
_RANKS = "巡査部長 巡査長 巡査 警部補 警部 警視正 警視長 警視監 警視".split()
_STRONG_SUFFIXES = (
    _RANKS
    + (
        "容疑者 被疑者 被告人 被告 "
        "弁護士 弁護人 司法書士 行政書士 看護師 医師 記者 教諭 氏 さん 様 君 くん ちゃん 先生 殿"
    ).split()
)
ERA_NAMES = frozenset("明治 大正 昭和 平成 令和".split())
_OFFICE_SUFFIXES = (
    "係長 課長補佐 課長代理 課長 署長 副署長 次長 主任 主査 主事 主幹 係員 委員長 副委員長 委員 "
    "管理官 参事官 理事官 調査官 指導官 補佐 室長 所長 局長 部長 本部長 副本部長 議員 知事 "
    "副知事 市長 町長 村長 校長 教頭 院長 園長 社長 店長 代表"
).split()
# Relations written right before a name, longest first (母親 before 母).
_RELATIONS = (
    "元交際相手 交際相手 母親 父親 長男 長女 次男 次女 三男 三女 祖父 祖母 叔父 叔母 伯父 伯母 息子 "
    "元夫 元妻 夫 妻 父 母 兄 姉 弟 妹 娘 孫"
).split()
# Words written right before a name: people's roles in a case, and relations.
_ROLE_PREFIXES = (
    "被疑者 容疑者 被告人 被告 被害者 申告者 拾得者 通報者 相談者 被相談者 申出人 申出者 届出人 "
    "届出者 運転者 同乗者 歩行者 関係者 遺失者 目撃者 相手方 共犯者 加害者 参考人 保護者 所有者 "
    "使用者 契約者 名義人 代理人 立会人 証人 依頼人 依頼者 発見者 負傷者 死亡者 行方不明者 家出人 "
    "対象者 申請者 請求者 苦情申出人 交際相手 元交際相手 元夫 元妻 夫 妻 長男 長女 次男 次女 "
    "三男 三女 娘 息子 祖父 祖母 父 母 兄 姉 弟 妹 知人 友人 氏名 名義 宛名 担当者 担当 取扱者 "
    "被交付者 受取人 受領者"
).split()
_NOT_NAMES = (
    frozenset(
        "担当 担当者 相手 相手方 本人 家族 職員 運転手 店員 住民 皆 皆様 各位 お客 客 上司 部下 同僚 "
        "警察 警察官 当該 同人 被害者 被疑者 容疑者 関係者 申告者 通報者 相談者 拾得者 運転者 落とし主 "
        "お父 お母 奥 息子 娘 子供 お子 先生 医師 局長 部長 課長 係長 署長 所長 会長 社長 店長 "
        "通訳 刑事課 生活安全課 交通課 地域課 警務課 同課 本部 県警 署 当直 ご本人 利用者 皆さん "
        "男性 女性 男 女 少年 少女 男児 女児 高齢者 若者 新任 新人 若手 大家 家主 管理人 店主 住人 "
        "隣人 友人 知人 元 夫 妻 父 母 兄 姉 弟 妹 祖父 祖母 孫 親 親族 犯人 同氏 両名 各氏 警備員 "
        "配達員 駅員 乗客 患者 生徒 児童 学生 外国人 容疑 委員 議員 代表 補佐 主任 次長 同 両 前 "
        "元同僚 隣家 近所 家 方 者 人 全員 各 本 当 旧 新 現 前任 後任 歴代 同席 出席 欠席 担任 "
        "お疲れ ご苦労 お世話 届 生安 私 僕 自分 本職 当職 副 番号 物件 乗用 普通 付け 付 上記 下記 二輪 原付 普通乗用 軽乗用 数人 数名 何人 住所 連絡先 電話 本籍 職業 年齢 性別 国籍 勤務先 申立人 原判決 原審 マイナ 付近 周辺 方面 仮名 本名 旧姓 自称 匿名 ばあ じい おばあ おじい 車両 車 欄 宅 側 自宅 等 ら 達 たち 両名 名 各位 事務局 事務局長 会計 幹事 会員 相談員 指導員 調査員 支援員 地域 駐在 交番 当番 県 市 町 村 区".split()
    )
    | ERA_NAMES
)
# A person-tagged word followed by one of these names a business or a place (佐藤病院, 森町).
_BUSINESSES = (
    "病院 医院 クリニック 歯科 薬局 商店 商会 運送 建設 工業 産業 工務店 事務所 不動産 興業 電機 "
    "製作所 銀行 株式会社 農園 設計事務所 整形外科 内科 外科 町内会 自治会 地区 運輸 電設 商事 精工 "
    "物流 設備 水産 食品 観光 鉄工 塗装 企画 総業 興産"
).split()
_PLACES_AND_OTHERS = (
    "ビル 荘 ハイツ 会館 駅 通り 橋 川 公園 小学校 中学校 高校 高等学校 学園 幼稚園 保育園 組 屋 "
    "店 町 村 市 区 郡 県 交番 駐在所 署"
).split()
_ORGANIZATION_WORDS = re.compile(
    "(?:" + "|".join(sorted(_BUSINESSES + _PLACES_AND_OTHERS, key=len, reverse=True)) + ")"
)
# A name-like run ending in a business word is the business (鈴木商店さん).
_BUSINESS_AT_END = re.compile("(?:" + "|".join(_BUSINESSES) + ")$")
# Single-character surnames that are also ordinary words: named only when a particle, a
# comma or a middle dot follows (林が, 関は, 南と) and a kanji does not come before.
_SHORT_SURNAMES = frozenset(
    "林 関 辻 堀 岸 原 森 谷 沢 畑 泉 島 杉 柳 楠 菊 王 陳 張 劉 李 朴 呉 黄 郭 孫 楊 徐 朱 南 東 西 北".split()
)
_DIRECTIONS = frozenset("東西南北")
_SHORT_SURNAME_AFTER = re.compile(r"(?:が|は|と|も|、|,|・|=|\)|」)")
_MESSAGE_HEADER = re.compile(
    r"(?:^|(?<=[\n。 】」]))([一-龥々ァ-ヶー]{1,4})(?:から|→) ?([一-龥々ァ-ヶー]{1,4})"
    r"(?:へ(?:連絡|伝達|報告)?[:：]| ?→| (?=了解|お疲れ))"
)
# What follows a name in a chat or a log line, never a given name.
_REPLIES = frozenset(
    "了解 確認 承知 連絡 報告 対応 以上 済 済み 不在 出張 休み 在席 外出 帰庁 帰署".split()
)
_AGED = re.compile(
    r"(?<![一-龥々ぁ-んァ-ヶーA-Za-z])([一-龥々]{1,3}|[ぁ-ん]{2,4}|[ァ-ヶー]{2,6})(?:くん|ちゃん|君)?"
    r"\((?:(\d{1,2}歳?[)、,]|(?:中学?|高校?|小学?)\d|大学)|平成|令和|[HR]\d)"
)
_HONORIFIC_WORD = re.compile("|".join(HONORIFICS))
_OCCUPATIONS = frozenset(
    "無職 会社員 自営業 自営 主婦 パート アルバイト 公務員 学生 生徒 大学生 高校生 中学生 小学生 "
    "園児 店員 従業員 役員 社長 運転手 年金生活者".split()
)
_POST_SPEAKING = re.compile(
    r"([一-龥々]{1,6})\(([一-龥々ぁ-んァ-ヶー]{1,6}(?: [一-龥々ぁ-んァ-ヶー]{1,6})?)\) ?[:：「]"
)
_POSTS = (
    "事務局",
    "局長",
    "会長",
    "議長",
    "委員長",
    "委員",
    "司会",
    "記録",
    "書記",
    "説明者",
    "係長",
    "課長",
    "部長",
    "室長",
    "班長",
    "所長",
    "署長",
    "担当",
    "窓口",
)
_HONORIFICS = frozenset(HONORIFICS)
_ERA_INITIALS = frozenset("明大昭平令")
# What follows a one-character name standing alone (勇は, 蓮。, 翔・葵, 連絡者:湊): a particle,
# an honorific, punctuation or the end of a line. A space too, for a name found elsewhere;
# not for one Sudachi merely tags (写真撮影 済 再交付).
_FOLLOWS_A_NAME = re.compile(
    r"(?:が|は|と|も|の|に|を|へ|から|さん|さま|様|君|くん|ちゃん|氏|、|。|,|・|\(|\)|」|\n|$)"
)
_ALONE_AFTER = re.compile(rf"{_FOLLOWS_A_NAME.pattern}| ")
_SHORT_DIRECTION_AFTER = re.compile(r"(?:が|は|と|も|・)")
# A word of a romaji name: Sato, SATO, Min-jun, MÜLLER; two to four of them make a name
# (Sato Kenji, WANG Lei, PHAM VAN DUC, PEREIRA DA SILVA Lucas, Kim Min-jun).
_UPPER = "A-ZÀ-ÖØ-Þ\u0100-\u024f\u1e00-\u1eff"  # with Vietnamese: TRẦN THỊ HOA
_LOWER = "a-zß-öø-ÿ\u0100-\u024f\u1e00-\u1eff"
_ROMAJI_WORD = (
    rf"(?:[{_UPPER}]'[{_UPPER}]?)?"  # O'Brien, D'Souza
    rf"(?:[{_UPPER}][{_LOWER}]{{1,15}}|[{_UPPER}]{{2,15}})(?:-[{_UPPER}{_LOWER}]{{1,15}})?"
)
# Particles inside European names: Alves da Silva Roberto, van der Berg Thomas, O'Brien.
_NAME_PARTICLE = r"(?:da|de|do|dos|das|del|della|di|du|van|von|der|den|ter|le|la|bin|binti|al)"
_ROMAJI = re.compile(
    rf"(?<![{_UPPER}{_LOWER}'])(?:{_NAME_PARTICLE} ){{0,3}}(?:{_ROMAJI_WORD})"
    rf"(?: (?:{_NAME_PARTICLE} ){{0,3}}{_ROMAJI_WORD}){{1,3}}(?![{_UPPER}{_LOWER}])"
)
_LONE_LATIN_WORD = re.compile(
    rf"(?<![{_UPPER}{_LOWER}0-9@._'-])[{_UPPER}][{_LOWER}]{{2,14}}(?![{_UPPER}{_LOWER}0-9@._'-])"
)
_JAPANESE = re.compile(r"[一-龥々ぁ-んァ-ヶー「」()、。]")
_AFTER_TITLE = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Dr)\.? ({_ROMAJI_WORD}(?: {_ROMAJI_WORD})?)")
# Capitalised words that are not names (software, organisations, months, acronyms).
_NOT_ROMAJI = frozenset(
    "KCS DV PDF CSV URL ID SNS ATM ETC GPS LINE NPO JR PC USB QR FAQ API OCR AI IT HQ NHK CEO "
    "Excel Word Teams Microsoft Google Japan Tokyo Police Office Windows Zoom Outlook Mail "
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday No Yes OK NG The And Of For "
    "Project Team Center Centre Service System Group Network Plan Report Online Support "
    "Station Street City Hotel Park Airport Bank University Hospital Road Avenue Tower "
    "Building Church School Market Mall Shop Store Amazon Apple Android Yahoo Facebook "
    "Instagram Twitter Line Suica Pasmo Visa Mastercard Paypay Uber Airbnb Chrome Safari Edge "
    "Skype Slack Gmail Mac Windows Linux Wifi Bluetooth Dear Mr Mrs Ms Dr Sir Madam Thank "
    "Thanks Please Hello Hi Regards Best Sincerely Subject From To Cc Lost Found Desk Web "
    "Phone Tel Fax Email Safety Seminar Ref Reference Name Address Date Owner Item Counter "
    "Open Closed Koban Community Registration".split()
)
_KANA_GIVEN = re.compile(
    r" ?(?!さん|さま|くん|ちゃん)([ぁ-ゖ]{2,4}|[ァ-ヶー]{2,6})(?=さん|さま|様|君|くん|ちゃん|氏)"
)
_KANA_TAIL = re.compile(r"([ぁ-ゖァ-ヶー]{1,3})(?=さん|さま|様|君|くん|ちゃん|氏)")
_SPACED_KANA_GIVEN = re.compile(r" ([ぁ-ゖ]{2,4}|[ァ-ヶー]{2,6}|[ｦ-ﾟ]{2,8})(?![ぁ-ゖァ-ヶーｦ-ﾟ])")
# Sudachi's classes of common nouns that are actions or adverbs (犯行, 照会, 当日), never names.
_NOT_NAME_CLASSES = frozenset(
    {"サ変可能", "副詞可能", "助数詞可能", "形状詞可能", "サ変形状詞可能"}
)
_SELF_NAMED = re.compile(
    r"(?:と|って)(?:名乗|称し|称す|いう名前|言う名前|呼ばれ|呼んで|いうあだ名|いうアカウント|"
    r"いうハンドルネーム|いうユーザー名|いう(?:男|女|人物|少年|少女|外国人|者))"
)
# 通称「ハジメ」, あだ名は「ケン」: a name someone goes by.
_ALIAS = re.compile(
    r"(?:通称|あだ名|愛称|呼び名|ハンドルネーム)(?:は|:)? ?[「『]([^「『」』]{1,12})[」』]"
)
# What a quoted nickname is not: a law, a campaign, a scheme, an organisation (通称「迷惑防止条例」,
# 「特殊詐欺」と呼ばれる, 「神奈川県警察」というアカウント).
_NOT_A_PERSON_NAME = re.compile(
    r"(?:法|条例|規則|通り|号|事件|作戦|運動|詐欺|キャンペーン|制度|事業|警察|県警|署|役所|庁|省|"
    r"会社|協会|銀行|ベビー|世代)$|県|市役所"
)
_ROLE_IN_TEXT = re.compile(r"者|人|相手|被告|容疑|被疑|さん|氏|様|君|巡査|警部|委員|供述|名乗")
_PERSON_PARTICLE = re.compile(
    r"(?:と(?!して)|は|が|も|、|・)(?![市区町村郡県駅])"
    # what is done with a person: 大河内から押収, 中野に貸した, 東の指示で, 雨宮名義の
    r"|から(?:押収|任意提出|聴取|事情|連絡|電話|相談|借り|受け取|預か|依頼|申告|届出)"
    r"|に(?:貸し|預け|電話|連絡|渡し|返し|暴行|会っ|依頼|謝罪|送金|振り込)"
    r"|の(?:指示|運転|供述|依頼|名義)|名義"
)
# Prefectures and large cities are places, never read as surnames (岡山は, 山口と).
_PREFECTURE_STEMS = frozenset(
    [name if name == "北海道" else name[:-1] for name in PREFECTURES]
    + "札幌 仙台 横浜 川崎 名古屋 神戸 北九州 日本 全国 県内 市内".split()
)
# Prefectures that are common surnames, and what follows one that stands for a person.
_PREFECTURE_SURNAMES = frozenset(
    "千葉 長野 福島 秋田 岡山 宮城 山口 福井 石川 富山 長崎 宮崎 熊本 福岡 青森 岩手 山形 栃木 群馬 新潟 山梨 岐阜 静岡 奈良 鳥取 島根 広島 徳島 香川 愛媛 高知 佐賀 大分".split()
)
_PREFECTURE_AS_PERSON = re.compile(
    r"(?:は|が|に|から|と|も|を|へ)(?![県市駅区町村港空署方面内外発着行産出])"
)
_PERSON_DEEDS = re.compile(
    r"供述|否定|否認|合流|預か|渡し|連絡|送られ|送っ|任せ|証言|認め|話し|述べ|逮捕|殴|知り合|共謀|"
    r"同居|交際|運転|被害|容疑|相談|申告|謝罪|面会|署名"
)
_TRAVEL = re.compile(r"出張|旅行|向か|行っ|行き|移動|帰省|訪れ|観光|転勤|引っ越|住ん|着い|到着")
# Words for people and posts that are not in the role list; and word endings that make one
# (目撃者, 通訳人, 相談員, 雇用主, 調査官).
_PERSON_WORDS = frozenset(
    "男性 女性 少年 少女 男児 女児 同僚 上司 部下 店員 店長 社長 乗客 職員 社員 従業員 "
    "委員 委員長 副委員長 説明者 出席者 当事者 第一当事者 第二当事者 違反者 受け子 出し子 "
    "主犯 主犯格 リーダー 後輩 先輩 隣人 家主 大家 管理人 運転手 配達員 通訳 相談員 担任 住民 "
    "近隣住民".split()
)
# What comes right before a message's first word (（チャット）林です。).
_MESSAGE_START = frozenset({"。", "\n", ")", "」", "】"})
_OFFICE_ENDING = re.compile(r"(?:課|係|署|所|局|室|部|班|センター|交番|事務所|本部|窓口)$")
_PERSON_ENDINGS = ("者", "人", "員", "主", "官", "長", "役", "師", "士")
_KATAKANA_NAME = re.compile(
    r"(?<![ァ-ヶー・=])[ァ-ヶー]{1,7}(?:[・=][ァ-ヶー]{1,7}){1,3}(?![ァ-ヶー・=])"  # ハサン＝アリ (NFKC =)
)
_OWNED = re.compile(
    r"(?:名義(?!変更)|の(?:住所|住居|住民票|現住所|居所|個人番号|マイナンバー|携帯|電話|連絡先|生年月日|免許証?|勤務先|"
    r"自宅|本籍|口座|妻|夫|長男|長女|次男|次女|父|母|兄|姉|弟|妹|車両|車)"
    r"(?!センター|試験|窓口|線|道|庫|種|内|局|会社|番号案内)"  # 鴻巣の免許センター, 〜の車線
    r"|宅(?!配|地)|方(?=[にへでから])|ほか ?\d+ ?名)"
)
_PEOPLE_LIST = re.compile(
    r"(?<![一-龥々ぁ-んァ-ヶ])((?:[一-龥々]{1,3}[、・,]){1,6}[一-龥々]{1,3})"
    r"(?=(?:の|ら)?(?:\d+|[二三四五六七八九十]|両)名)"
)
# A word in katakana or latin letters: at least one letter (a lone space or ・ is no word).
_KATAKANA_OR_LATIN = re.compile(r"[ァ-ヶー・A-Za-z ]*[ァ-ヶA-Za-z][ァ-ヶー・A-Za-z ]*")
_READING = re.compile(
    r" ?[(（] ?(?:ふりがな|フリガナ|読み|よみ)?[:：]? ?"
    r"([ぁ-ゖァ-ヶー]{1,8}(?:[ ・][ぁ-ゖァ-ヶー]{1,8}){0,3}) ?[)）]"
)
# A name written before its spelling in brackets: ワン・リン（WANG LIN）.
_SPELLED_BEFORE = re.compile(r"([ァ-ヶー]{1,8}(?:[ ・][ァ-ヶー]{1,8}){0,3}) ?[(（] ?$")
_ENDS_IN_A_ROLE_WORD = re.compile(
    "(?:" + "|".join(re.escape(word) for word in _ROLE_PREFIXES if len(word) >= 2) + ")$"
)
# Words that follow a name as a particle would (藤堂 颯真ほか2名).
_AFTER_A_NAME = frozenset("ほか 他 ら 外 等".split())
_HANGUL = re.compile(r"[가-힣]{2,5}")
_BRACKET_AFTER = re.compile(r" ?\( ?")
_BRACKET_ITEM = re.compile(r"([^()、,]{2,40}?) ?(?:[、,] ?|(?=\)))")
_KATAKANA_FULL_NAME = re.compile(r"[ァ-ヶー]{1,10}(?:[・=][ァ-ヶー]{1,10}){1,3}")
_LATIN_NAME = re.compile(r"(?=.*[A-Z])[A-Za-z][A-Za-z'’.-]*(?: [A-Za-z][A-Za-z'’.-]*){1,4}")
_BOUNDARY_POS = frozenset({"助詞", "補助記号", "接尾辞", "空白", "助動詞"})
_NAME_MAX = 12


@lru_cache(maxsize=1)
def _suffixes() -> re.Pattern[str]:
    words = sorted(_STRONG_SUFFIXES + _OFFICE_SUFFIXES, key=len, reverse=True)
    # 様式 and 様子 are not 様; さんま is not さん; 氏名 and 源氏名 are not 氏.
    alternatives = ["氏(?!名)" if word == "氏" else re.escape(word) for word in words]
    return re.compile("(?:" + "|".join(alternatives) + r")(?!式|子|相|々)")


@lru_cache(maxsize=1)
def _prefixes() -> re.Pattern[str]:
    words = sorted(_ROLE_PREFIXES, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, words)) + r")(?:の|は|:|、)? ?")


@lru_cache(maxsize=4096)
def could_be_surname(surface: str) -> bool:
    """Sudachi's dictionary has the word as a surname too (梶原 and 勝又 are also places)."""
    from suishin.core.sudachi import dictionary

    return any(
        tuple(m.part_of_speech()[1:4]) == ("固有名詞", "人名", "姓")
        for m in dictionary().lookup(surface)
    )


def _name_like(m: Morpheme) -> bool:
    if m.surface in _NOT_NAMES or m.pos[0] != "名詞" or m.pos[1] == "数詞":
        return False
    if m.is_person or m.unknown or m.pos[1] == "固有名詞":
        return True
    if m.pos[2] in _NOT_NAME_CLASSES:
        return False
    # Surnames that are also common nouns (原, 森, 関, 東); short, written in kanji or kana;
    # or a word in katakana written as a name, not as a loanword (オオガミ, ヤマネ).
    short = len(m.surface) <= 3 and re.fullmatch(r"[一-龥々ぁ-んァ-ヶー]+", m.surface) is not None
    return short or kana_name_word(m.surface)


def names(text: str, morphemes: list[Morpheme]) -> Iterator[Span]:
    found: list[Span] = []
    found += _tagged(text, morphemes)
    found += _before_suffixes(text, morphemes)
    found += _after_roles(text, morphemes)
    found += _romaji(text)
    found += _short_surnames(text, morphemes)
    found += _self_named(text, morphemes)
    found += _after_person_words(text, morphemes)
    found += _katakana_joined(text, morphemes)
    found += _owners(text, morphemes)
    found += _spaced_full_names(text, morphemes)
    found += _introduced(text, morphemes)
    found += _aliases(text)
    found += _listed_people(text, morphemes)
    found += _message_headers(text)
    found += _with_ages(text, morphemes)
    found += _posts_speaking(text)
    found = [_with_given_name(text, span) for span in found]
    if found or _ROLE_IN_TEXT.search(text):
        # A text about people: a place name that is also a surname, standing where a person
        # stands (梶原とは面識がない, 勝又と合流), is read as the surname.
        found += _surname_places(text, morphemes)
        found += _prefecture_surnames(text, morphemes)
    found += _joined(text, found, morphemes)
    found += _readings(text, found, morphemes)
    found += _other_scripts(text, found, morphemes)
    # Words of an English sentence any rule took for a name (The bank said, Lost and Found).
    found = [
        span
        for span in found
        # A title or a role word before it says a person is meant (Ms. Okabe, 氏名: Smith).
        if span.reason == "romaji name after a title"
        or span.reason.startswith("after ")
        or not _english_words(text, span.start, span.end)
    ]
    yield from found
    yield from _elsewhere(text, found, morphemes)


def _tagged(text: str, ms: list[Morpheme]) -> Iterator[Span]:
    """Runs of Sudachi 人名 words: 姓 + 名, 姓 + space + 名, foreign names joined by ・."""
    i = 0
    count = len(ms)
    while i < count:
        if not ms[i].is_person:
            i += 1
            continue
        j = i
        while j + 1 < count:
            nxt = ms[j + 1]
            if nxt.is_person:
                j += 1
            elif (
                nxt.surface in {"・", " "}
                and j + 2 < count
                and (ms[j + 2].is_person or (_name_like(ms[j + 2]) and _ends_name(ms, j + 2)))
                and ms[j].pos[3] != "名"
            ):
                j += 2
            else:
                break
        # A given name Sudachi does not know as one (陳 建国): after a surname, a short noun
        # followed by a particle, a bracket or a suffix.
        if (
            ms[j].pos[3] == "姓"
            and j + 1 < count
            and (_name_like(ms[j + 1]) or _chinese_given_name(ms, j))
            and len(ms[j + 1].surface) <= 3
            and not _ORGANIZATION_WORDS.fullmatch(ms[j + 1].surface)
            and not _suffixes().match(text, ms[j + 1].start)
            and _ends_name(ms, j + 1)
        ):
            j += 1
        first = i
        glued = None
        # A surname Sudachi does not know as one, before a given name it does (ハヤシ ミユキ).
        if ms[i].pos[3] == "名" and i >= 1:
            before = i - 2 if ms[i - 1].surface == " " and i >= 2 else i - 1
            if _name_like(ms[before]) and not ms[before].is_person:
                first = before
            elif ms[i - 1].surface == " ":
                glued = _surname_after_relation(text, ms[i - 1].start)
        start, end = glued if glued is not None else ms[first].start, ms[j].end
        i = j + 1
        if _ORGANIZATION_WORDS.match(text, end) and not _suffixes().match(text, end):
            continue
        if _misread_as_a_name(text, ms, first, j):
            continue
        # Sudachi keeps some honorifics in the word (関氏).
        tail = _suffixes().search(text, start, end)
        if tail and tail.end() == end and tail.start() > start:
            end = tail.start()
        yield Span(start, end, Kind.NAME, "Sudachi 人名")


def _english_words(text: str, start: int, end: int) -> bool:
    """Words in latin letters Sudachi took for a name (June, bank said, Lost) are judged as
    the romaji rules judge them: every word capitalised and none a common word, and one word
    alone only where Japanese touches it."""
    value = text[start:end]
    if not re.fullmatch(r"[A-Za-z'’. -]+", value):
        return False
    words = value.split()
    lower = [w for w in words if not w[:1].isupper() and not re.fullmatch(_NAME_PARTICLE, w)]
    if lower or any(word in _NOT_ROMAJI for word in words):
        return True
    if len(words) > 1:
        return False
    before, after = text[start - 1 : start], text[end : end + 1]
    return not (_JAPANESE.match(before) or _JAPANESE.match(after))


def _surname_after_relation(text: str, space: int) -> int | None:
    """Where a surname begins that Sudachi cut together with the relation before it (母岩|城
    杏奈: 母 and 岩城): the kanji before the space, less a leading relation word."""
    run = re.search(r"[一-龥々]{2,6}$", text[:space])
    if run is None:
        return None
    for relation in _RELATIONS:
        if run.group().startswith(relation):
            surname = run.group()[len(relation) :]
            if 1 <= len(surname) <= 3 and _surname_text(surname):
                return run.start() + len(relation)
    return None


def _misread_as_a_name(text: str, ms: list[Morpheme], first: int, last: int) -> bool:
    """Words Sudachi tags as names that are not: a compound it splits (申|立人, 原|判決), a
    lower-case English word (lost), a place's part right after a place (四条|烏丸)."""
    surface = text[ms[first].start : ms[last].end]
    if surface in _NOT_NAMES or surface in _ROLE_PREFIXES or surface in _PERSON_WORDS:
        return True  # 元夫, read as the given name Motoo before 谷 和弘
    if _ENDS_IN_A_ROLE_WORD.search(surface.split(" ")[0]):
        return True  # 振込|先名|義: the end of 名義 read as a name
    if re.fullmatch(r"[a-z][a-z']*", surface):
        return True
    if first > 0 and ms[first - 1].is_place and ms[first - 1].end == ms[first].start:
        return True
    # One character Sudachi calls a name, not followed as a name is (写真撮影 済, 正：, 1当務):
    # a word of a form.
    if surface in _ERA_INITIALS and "・" in text[ms[first].start - 1 : ms[last].end + 1]:
        return True  # 元号は「昭・平・令」: eras, not people
    if first == last and len(surface) == 1 and surface not in _SHORT_SURNAMES:
        before = first - 2 if first >= 2 and ms[first - 1].surface == " " else first - 1
        introduced = before >= 0 and (
            ms[before].is_person  # 望月 正
            or ms[before].surface in _ROLE_PREFIXES  # 世帯主 勇
            or ms[before].surface in _RELATIONS  # 孫 隼
            or _is_person_word(ms[before])
        )
        if not introduced and not _FOLLOWS_A_NAME.match(text, ms[last].end):
            return True
    # A one-character "surname" glued to a common noun is a prefix (原判決, 元夫, 新任).
    glued = first == last and len(surface) == 1 and last + 1 < len(ms)
    return (
        glued
        and ms[last + 1].pos[1] == "普通名詞"
        and re.match(r"[一-龥]", ms[last + 1].surface) is not None
    )


def _chinese_given_name(ms: list[Morpheme], j: int) -> bool:
    """After a one-character surname (陳, 王, 李) a short noun is the given name (陳建国)."""
    given = ms[j + 1]
    return (
        len(ms[j].surface) == 1
        and given.pos[0] == "名詞"
        and len(given.surface) <= 2
        and re.fullmatch(r"[一-龥]+", given.surface) is not None
    )


def _ends_name(ms: list[Morpheme], j: int) -> bool:
    return j + 1 >= len(ms) or ms[j + 1].pos[0] in _BOUNDARY_POS


def _before_suffixes(text: str, ms: list[Morpheme]) -> Iterator[Span]:
    """The name-like words ending right before a suffix (佐藤さん, 原被告人, 山口委員)."""
    for match in _suffixes().finditer(text):
        at = match.start()
        strong = match.group() in _STRONG_SUFFIXES
        run: list[Morpheme] = []
        for m in ms:
            if m.end <= at:
                run.append(m)
            elif m.start < at < m.end:
                # The suffix is glued into a word (原被告): the part before it is the candidate.
                head = text[m.start : at]
                if strong and 1 <= len(head) <= 3 and head not in _NOT_NAMES:
                    run.append(
                        Morpheme(m.start, at, head, ("名詞", "固有名詞", "人名", "姓"), True)
                    )
                break
            else:
                break
        if not run or run[-1].end != at:
            continue
        picked: list[Morpheme] = []
        for m in reversed(run):
            if m.surface in {"・", " "} and picked:
                picked.append(m)
                continue
            if not _name_like(m) or len(picked) >= 5 or _is_person_word(m):
                break  # 安田 浩二 弁護人 島田弁護士: the name before 弁護士 is 島田
            if _suffixes().fullmatch(m.surface):
                break
            picked.append(m)
        while picked and picked[-1].surface in {"・", " "}:
            picked.pop()
        if not picked:
            continue
        start, end = picked[-1].start, picked[0].end
        candidate = text[start:end]
        if end - start > _NAME_MAX or candidate in _NOT_NAMES or candidate in _ROLE_PREFIXES:
            continue
        if _BUSINESS_AT_END.search(candidate):
            continue  # 鈴木商店さん
        profession = strong and match.group() not in _HONORIFICS
        if profession and len(candidate) == 1 and candidate not in _SHORT_SURNAMES:
            if not picked[0].is_person:
                continue  # 准看護師: a grade, not a person
        if len(picked) == 1 and _common_kanji_word(picked[0]):
            continue  # 覚醒剤様の粉末: a thing that looks like something
        alone = len(picked) == 1 and not re.match(r"[一-龥々]", text[start - 1 : start] or "。")
        if not strong and not any(m.pos[1] == "固有名詞" or m.unknown for m in picked):
            if not (alone and _surname_word(picked[0])):
                continue  # 刑事課長 is an office; 南係長, standing alone, a person
            if picked[0].surface in _DIRECTIONS and match.group().startswith("署"):
                continue  # 北署長: the chief of 北署
        if strong or any(m.is_person or m.unknown or len(m.surface) <= 2 for m in picked):
            yield Span(start, end, Kind.NAME, f"before {match.group()}")


def _common_kanji_word(m: Morpheme) -> bool:
    """A word in kanji Sudachi knows only as a common noun, never as a surname."""
    return (
        m.pos[1] == "普通名詞"
        and not m.unknown
        and re.fullmatch(r"[一-龥々]{2,}", m.surface) is not None
        and not could_be_surname(m.surface)
    )


def _after_roles(text: str, ms: list[Morpheme]) -> Iterator[Span]:
    """The name-like words right after a word that introduces a person (遺失者 田村)."""
    for match in _prefixes().finditer(text):
        at = match.end()
        picked: list[Morpheme] = []
        for m in ms:
            if m.end <= at:
                continue
            if m.start < at:
                break
            if not picked and (m.surface in _ROLE_PREFIXES or m.surface in _NOT_NAMES):
                break  # 相手方:元夫 谷 和弘: the next role word introduces the name
            if m.surface == " " and picked and len(picked) < 4:
                picked.append(m)
                continue
            if _name_like(m) and len(picked) < 4 and not _suffixes().fullmatch(m.surface):
                picked.append(m)
                continue
            break
        while picked and picked[-1].surface == " ":
            picked.pop()
        if not picked or all(m.surface.isascii() and len(m.surface) == 1 for m in picked):
            continue  # 担当 C-2025-118: a letter of a number
        start, end = picked[0].start, picked[-1].end
        if end - start > _NAME_MAX or _ORGANIZATION_WORDS.match(text, end):
            continue
        last = ms.index(picked[-1])
        # A word in katakana without a loanword's marks after a role word is a name too (拾得者
        # ヤマネ, 通報者 オオガミ), though Sudachi knows it as a common noun.
        evidence = any(
            m.pos[1] == "固有名詞" or m.unknown or kana_name_word(m.surface) for m in picked
        )
        if not evidence and not (
            could_be_surname(picked[0].surface) or picked[0].surface in _SHORT_SURNAMES
        ):
            continue  # 高齢運転者対策: a common word, not a surname
        bounded = _ends_name(ms, last) or bool(_suffixes().match(text, end))
        # 被害者の車, 容疑者は犯行を: after a particle only a word known as a name will do.
        joined = match.group().rstrip()[-1] in "のは、:"
        short = all(len(m.surface) <= 3 for m in picked if m.surface != " ")
        if evidence or (bounded and short and not joined):
            yield Span(start, end, Kind.NAME, f"after {match.group().strip()}")


def _joined(text: str, found: list[Span], ms: list[Morpheme]) -> list[Span]:
    """A proper noun joined to a name by ・ or と (松尾・入江, 佐藤と勝又) is a name too."""
    ends = {span.end for span in found}
    joined: list[Span] = []
    for index, m in enumerate(ms[:-1]):
        if m.start in ends and m.surface in {"・", "と", "、"}:
            nxt = ms[index + 1]
            evidence = (
                nxt.is_person
                or nxt.unknown
                or nxt.pos[1] == "固有名詞"
                or could_be_surname(nxt.surface)
                or nxt.surface in _SHORT_SURNAMES
            )
            if m.surface == "・" or evidence:
                if (
                    _name_like(nxt)
                    and _ends_name(ms, index + 1)
                    and nxt.surface not in _NOT_NAMES
                    # A country in katakana (英国籍、スウェーデン); kanji places are surnames too.
                    and not (nxt.is_place and _KATAKANA_OR_LATIN.fullmatch(nxt.surface))
                ):
                    # The parts of a foreign name (ラジャ・グルン) are one name, ・ and all;
                    # two people (松尾・入江) stay two.
                    one_name = m.surface == "・" and _KATAKANA_OR_LATIN.fullmatch(
                        text[max(0, m.start - 1) : m.start] + nxt.surface
                    )
                    start = m.start if one_name else nxt.start
                    joined.append(Span(start, nxt.end, Kind.NAME, f"joined by {m.surface}"))
    return joined


def _self_named(text: str, ms: list[Morpheme]) -> Iterator[Span]:
    """The words before と名乗る / と称する (宮内と名乗り, 「キムラ」と名乗る男)."""
    for match in _SELF_NAMED.finditer(text):
        at = match.start()
        quoted = re.search(r"[「『]([^「『」』]{1,12})[」』]$", text[:at])
        if quoted:
            word = quoted.group(1)
            if not _NOT_A_PERSON_NAME.search(word) and word not in _NOT_NAMES:
                yield Span(quoted.start(1), quoted.end(1), Kind.NAME, "name someone gave")
            continue
        picked = [m for m in ms if m.end <= at][-3:]
        run: list[Morpheme] = []
        for m in reversed(picked):
            if not _name_like(m) and not m.surface == " ":
                break
            run.insert(0, m)
        if run and run[-1].end == at:
            yield Span(run[0].start, at, Kind.NAME, "name someone gave")


def _is_person_word(m: Morpheme) -> bool:
    """A word for a person or a post, after which a surname stands (店員原田, 委員大川,
    警務部長岡部, 同僚の松原)."""
    surface = m.surface
    if m.pos[0] == "接尾辞":  # Sudachi cuts some off the noun: 保有|者, 調査|官
        return surface in _PERSON_ENDINGS
    if m.pos[0] != "名詞" or m.pos[1] == "固有名詞" or len(surface) < 2:
        return False
    return (
        surface in _PERSON_WORDS
        or surface in _ROLE_PREFIXES
        or surface in _OFFICE_SUFFIXES
        or surface in _RANKS
        or surface.endswith(_PERSON_ENDINGS)
    )


def _after_person_words(text: str, ms: list[Morpheme]) -> Iterator[Span]:
    """A surname right after a word for a person (男性松本, 雇用主平野, 相談員三宅, 巡査梅田), or
    after it and の (違反者の岸から, 店長の宮地が), or after an office and の or a space (第3係の
    小池が, 少年係 丸山へ), with its given name if one follows; the name must end at a particle,
    a punctuation mark or a title."""
    for index, m in enumerate(ms[:-1]):
        office = _OFFICE_ENDING.search(m.surface) is not None and m.pos[0] == "名詞"
        if not (_is_person_word(m) or office):
            continue
        at = index + 1
        if ms[at].surface == "の" and at + 1 < len(ms):
            at += 1
        elif office and ms[at].surface != " ":
            continue  # 交通課長, 生活安全課員: the office is part of a word
        if ms[at].surface == " " and at + 1 < len(ms):
            at += 1
        surname = ms[at]
        if not _surname_word(surname):
            continue
        last = at
        if at + 1 < len(ms) and ms[at + 1].is_person and ms[at + 1].pos[3] == "名":
            last = at + 1
        end = ms[last].end
        given_end = _kanji_given_name_after(ms, at, tagged=False)
        if given_end and last == at:
            end = given_end
        elif not (_ends_name(ms, last) or _suffixes().match(text, end)):
            continue
        if _ORGANIZATION_WORDS.match(text, end):
            continue
        yield Span(surname.start, end, Kind.NAME, f"after {m.surface}")


def _katakana_joined(text: str, ms: list[Morpheme]) -> Iterator[Span]:
    """A foreign name written in katakana with middle dots (トラン・ヴァン・ハイ): two to
    four short katakana parts, one of them a name Sudachi knows or a word it does not, or three
    parts or more with a short one."""
    for match in _KATAKANA_NAME.finditer(text):
        inside = [m for m in ms if match.start() <= m.start and m.end <= match.end()]
        parts = re.split("[・=]", match.group())
        known = any(m.is_person or m.unknown for m in inside if m.surface != "・")
        # バス・タクシー and テロ・ゲリラ are lists of words; a name of three parts or more
        # with a short one (レ・ティ・ラン) is not.
        if known or (len(parts) >= 3 and any(len(part) <= 2 for part in parts)):
            yield Span(match.start(), match.end(), Kind.NAME, "katakana name with middle dots")


def _spaced_full_names(text: str, ms: list[Morpheme]) -> Iterator[Span]:
    """A surname, one space and a short given name, as forms and lists write them (青山 心,
    林 大地, 江口 颯): the surname must be one, and the name must end at a boundary."""
    for index in range(len(ms) - 2):
        surname, space, given = ms[index], ms[index + 1], ms[index + 2]
        if space.surface != " " or not _surname_word(surname):
            continue
        if index > 0 and ms[index - 1].pos[0] == "名詞" and not _is_person_word(ms[index - 1]):
            continue  # part of a longer noun phrase
        if given.pos[0] in _BOUNDARY_POS or given.surface in _NOT_NAMES:
            continue
        if given.surface in _ROLE_PREFIXES or _suffixes().fullmatch(given.surface):
            continue
        if kanji_end := _kanji_given_name_after(ms, index):
            yield Span(surname.start, kanji_end, Kind.NAME, "surname and given name in kanji")
            continue
        hiragana = re.fullmatch(r"[ぁ-ん]{2,4}", given.surface) is not None
        katakana = re.fullmatch(r"[ァ-ヶー]{2,5}", given.surface) is not None
        kanji = re.fullmatch(r"[一-龥々]{1,2}", given.surface) is not None
        if surname.surface in _DIRECTIONS and not given.is_person:
            continue  # 東 ゲート, 北 部: a direction and a place
        if katakana and not (given.is_person or given.unknown):
            continue
        if not (
            given.is_person or hiragana or katakana or (kanji and not _common_kanji_word(given))
        ):
            continue
        if _ends_name(ms, index + 2):
            yield Span(surname.start, given.end, Kind.NAME, "surname and given name")


def _kanji_given_name_after(ms: list[Morpheme], index: int, *, tagged: bool = True) -> int | None:
    """After a surname (by default one Sudachi tags as one) and one space: one to three kanji
    ending the name, whatever Sudachi makes of them (須田 英明, 谷 悠|人, 市川 湊|斗) — given
    names are often ordinary words or pieces of them. Returns where the given name ends."""
    surname = ms[index]
    if tagged and not (surname.is_person and surname.pos[3] == "姓"):
        return None
    if index + 2 >= len(ms) or ms[index + 1].surface != " ":
        return None
    j = index + 2
    while j < len(ms) and j < index + 4 and re.fullmatch(r"[一-龥々]+", ms[j].surface):
        if _suffixes().match(ms[j].surface):
            break  # 山本 勇|様: the name ends before a title or an honorific
        j += 1
    given = "".join(m.surface for m in ms[index + 2 : j])
    after = _surface_at(ms, j)
    if not 1 <= len(given) <= 3 or not (
        _ends_name(ms, j - 1) or _suffixes().match(after) or after in _AFTER_A_NAME
    ):
        return None
    # One character after a surname and a space is the given name (佐藤 准, 木村 元), whatever
    # else it means; a longer word may be a word for something else (佐藤 本人).
    if len(given) > 1 and (ms[index + 2].surface in _NOT_NAMES or given in _NOT_NAMES):
        return None
    if _suffixes().fullmatch(given):
        return None
    if given in _REPLIES:
        return None  # 加藤 了解, 林 確認: a reply, not a given name (勝利 and 大悟 are names)
    return ms[j - 1].end


def _surface_at(ms: list[Morpheme], j: int) -> str:
    return ms[j].surface if j < len(ms) else ""


def _surname_word(m: Morpheme) -> bool:
    """A word that is a surname; Sudachi cuts some off the word before as a suffix
    (被疑者|林)."""
    if len(m.surface) > 1:
        if m.pos[0] not in {"名詞", "接尾辞"} or m.pos[2] in _NOT_NAME_CLASSES:
            return False
        if m.is_person:
            return m.pos[3] != "名" and m.surface not in _NOT_NAMES | _PREFECTURE_STEMS
    return _surname_text(m.surface)


def _surname_text(surface: str) -> bool:
    """Written characters that are a surname (a one-character one only from the list), not a
    prefecture nor a common word."""
    if surface in _NOT_NAMES or surface in _PREFECTURE_STEMS:
        return False
    if len(surface) == 1:
        return surface in _SHORT_SURNAMES
    return could_be_surname(surface)


def _introduced(text: str, ms: list[Morpheme]) -> Iterator[Span]:
    """A surname introducing its writer: at the start of a message (林です。) or after the
    office it belongs to (運転免許センターの古川です)."""
    for index, m in enumerate(ms[:-1]):
        if not ms[index + 1].surface.startswith("です") or not _surname_word(m):
            continue
        if m.surface in _DIRECTIONS:
            continue  # 交差点の北です
        before = ms[index - 1] if index > 0 else None
        at_start = before is None or before.surface in _MESSAGE_START
        office = (
            before is not None
            and before.surface == "の"
            and index >= 2
            and _OFFICE_ENDING.search(ms[index - 2].surface) is not None
        )
        if at_start or office:
            yield Span(m.start, m.end, Kind.NAME, "writer introducing themselves")


def _aliases(text: str) -> Iterator[Span]:
    for match in _ALIAS.finditer(text):
        if not _NOT_A_PERSON_NAME.search(match.group(1)):
            yield Span(match.start(1), match.end(1), Kind.NAME, "name someone goes by")


def _owners(text: str, ms: list[Morpheme]) -> Iterator[Span]:
    """A surname whose personal data or home follows (大橋の住民票, 渋谷の個人番号, 沼田宅,
    安田ほか2名)."""
    for index, m in enumerate(ms):
        if len(m.surface) < 2 or m.pos[0] != "名詞" or m.surface in _NOT_NAMES:
            continue
        if m.surface in _PREFECTURE_STEMS or (index > 0 and ms[index - 1].pos[0] == "名詞"):
            continue
        if _OWNED.match(text, m.end) and (m.is_person or could_be_surname(m.surface)):
            yield Span(m.start, m.end, Kind.NAME, "surname before its personal data")


def _with_ages(text: str, ms: list[Morpheme]) -> Iterator[Span]:
    """A given name followed by the person's age or school year in brackets, as juvenile and
    missing-person records write children (同行 蓮（15）, 少年 りく（中学2年）, 陽向（平成30年…))."""
    for match in _AGED.finditer(text):
        word = match.group(1)
        if word in _NOT_NAMES or word in _PERSON_WORDS or word in _ROLE_PREFIXES:
            continue
        if _HONORIFIC_WORD.fullmatch(word) or text[match.start(1) - 1 : match.start(1)] == "]":
            continue  # ［氏名］ちゃん（3）: what an earlier masking left
        if word.endswith(_PERSON_ENDINGS) or word in _OCCUPATIONS:
            continue
        if re.fullmatch(r"[一-龥々]+", word):
            inside = words_between(ms, match.start(1), match.end(1))
            known = any(m.is_person or m.unknown for m in inside)
            single = len(inside) == 1 and _common_kanji_word(inside[0])
            aged = match.group(2) is not None
            if not known and (len(word) == 1 or single or not aged):
                continue  # 傘（1本）, 犯行時（令和6年…）: things and times, not children
        yield Span(match.start(1), match.end(1), Kind.NAME, "given name before an age")


def kana_name_word(surface: str) -> bool:
    """A word in katakana written as a name, not as a loanword is (ヤマネ, not チャット)."""
    return re.fullmatch(r"[ァ-ヶ]{2,8}", surface) is not None and not re.search(
        r"[ーッァィゥェォヴ]", surface
    )


def _posts_speaking(text: str) -> Iterator[Span]:
    """The person behind a post in minutes and records (事務局（宮下）：, 会長（本庄）：)."""
    for match in _POST_SPEAKING.finditer(text):
        post, name = match.group(1), match.group(2)
        if name in _NOT_NAMES or name in _PERSON_WORDS or _OFFICE_ENDING.search(name):
            continue
        if post.endswith(_POSTS) or post in _PERSON_WORDS or _suffixes().fullmatch(post):
            yield Span(match.start(2), match.end(2), Kind.NAME, f"person behind {post}")


def _message_headers(text: str) -> Iterator[Span]:
    """The writer and the reader at the head of a message (林から森へ：…, 平野→加藤 了解)."""
    for match in _MESSAGE_HEADER.finditer(text):
        for group in (1, 2):
            word = match.group(group)
            if word in _NOT_NAMES or _OFFICE_ENDING.search(word) or _suffixes().search(word):
                continue  # 担当係長から各係へ
            if not word.endswith(_PERSON_ENDINGS):
                yield Span(match.start(group), match.end(group), Kind.NAME, "head of a message")


def _listed_people(text: str, ms: list[Morpheme]) -> Iterator[Span]:
    """Surnames listed before a count of people (森、林、原、関の4名; 王・関の両名)."""
    for match in _PEOPLE_LIST.finditer(text):
        for part in re.finditer(r"[^、・,]+", match.group(1)):
            surface = part.group()
            if not _surname_text(surface):
                continue  # 秋田・山形・福島の3名: where they come from
            start = match.start(1) + part.start()
            yield Span(start, start + len(surface), Kind.NAME, "listed before a count of people")


def _surname_places(text: str, ms: list[Morpheme]) -> Iterator[Span]:
    for index, m in enumerate(ms):
        if not m.is_place or not 2 <= len(m.surface) <= 3 or m.surface in _PREFECTURE_STEMS:
            continue
        if index > 0 and ms[index - 1].pos[0] == "名詞":
            continue  # part of a longer place (熊本市梶原)
        if _PERSON_PARTICLE.match(text, m.end) and could_be_surname(m.surface):
            yield Span(m.start, m.end, Kind.NAME, "surname that is also a place")


def _prefecture_surnames(text: str, ms: list[Morpheme]) -> Iterator[Span]:
    """A prefecture's name used as a surname (福島は秋田から預かった鍵を岡山に渡したと供述): a
    word of its own, before a particle and not a place word, in a sentence that says what a
    person did."""
    for index, m in enumerate(ms):
        if m.surface not in _PREFECTURE_SURNAMES:
            continue
        before = ms[index - 1] if index > 0 else None
        if before and before.pos[0] in {"名詞", "接頭辞"} and before.pos[2] != "副詞可能":
            continue  # 千葉県千葉市, 新千葉 (but 翌朝長野と)
        particle = _PREFECTURE_AS_PERSON.match(text, m.end)
        if not particle:
            continue
        # What the clause after it says: a deed of a person, not a trip (長野に出張, 長野へ向かう).
        clause = re.match(r"[^、。\n]*", text[m.end :]).group()  # type: ignore[union-attr]
        if not _PERSON_DEEDS.search(clause):
            continue
        if particle.group() in {"に", "へ"} and _TRAVEL.search(clause):
            continue
        yield Span(m.start, m.end, Kind.NAME, "prefecture's name used as a surname")


def _known_common_noun(ms: list[Morpheme], start: int, end: int) -> bool:
    word = word_at(ms, start)
    return word is not None and (word.start, word.end) == (start, end) and word.pos[1] == "普通名詞"


def _readings(text: str, found: list[Span], ms: list[Morpheme]) -> list[Span]:
    """A reading in brackets after a name (早川 里美（ふりがな：はやかわ さとみ）), and a name in
    katakana before its spelling in brackets (ワン・リン（WANG LIN））."""
    readings = []
    for span in found:
        latin = re.fullmatch(r"[^一-龥ぁ-んァ-ヶ]+", text[span.start : span.end]) is not None
        match = _READING.match(text, span.end)
        # After a name in Latin letters, one katakana word in brackets is where the person is
        # from (Sitti Aminah（インドネシア）); a reading of it has two parts (シッティ・アミナ).
        if match and not (latin and not re.search(r"[ ・]", match.group(1))):
            readings.append(Span(match.start(1), match.end(1), Kind.NAME, "reading of a name"))
        # The name in katakana, then in brackets its spelling (ワン・リン（WANG LIN）, チョウ（張）);
        # not a word Sudachi knows before a name (窓口メモ（島袋）).
        before = _SPELLED_BEFORE.search(text, max(0, span.start - 40), span.start)
        if before and not latin and _known_common_noun(ms, before.start(1), before.end(1)):
            before = None
        if before:
            readings.append(
                Span(before.start(1), before.end(1), Kind.NAME, "name before its spelling")
            )
    return readings


def _other_scripts(text: str, found: list[Span], ms: list[Morpheme]) -> list[Span]:
    """The same person in other scripts, in brackets after the name (KIM Minjun（金玟俊）,
    LEE Seo-yeon（이서연、李瑞妍）, 李 娜（リ・ナ、1994/10/21）); and any word in Hangul, which in
    these records is a name. Items are read until one is not a name (a nationality, a date)."""
    spans = [Span(m.start(), m.end(), Kind.NAME, "name in Hangul") for m in _HANGUL.finditer(text)]
    for name in found:
        bracket = _BRACKET_AFTER.match(text, name.end)
        if not bracket:
            continue
        position = bracket.end()
        # Kanji after a name in Latin letters or Hangul only (KIM Minjun（金玟俊）): after a
        # kanji name, kanji in brackets are its description (丸井 亮（学年主任）).
        kanji_allowed = not re.search(r"[一-龥]", text[name.start : name.end])
        while item := _BRACKET_ITEM.match(text, position):
            value = item.group(1)
            if not _written_name(value, ms, position, kanji_allowed=kanji_allowed):
                break
            spans.append(Span(item.start(1), item.end(1), Kind.NAME, "name in another script"))
            position = item.end()
    return spans


def _written_name(value: str, ms: list[Morpheme], at: int, *, kanji_allowed: bool) -> bool:
    if value in _NOT_NAMES or value in _PERSON_WORDS or _OFFICE_ENDING.search(value):
        return False
    if value.endswith(_PERSON_ENDINGS):  # 町内会長, 代理人
        return False
    if _HANGUL.fullmatch(value) or _KATAKANA_FULL_NAME.fullmatch(value):
        return True
    if _LATIN_NAME.fullmatch(value):
        return not any(word in _NOT_ROMAJI for word in value.split())
    if not kanji_allowed or not re.fullmatch(r"[一-龥]{2,4}", value):
        return False
    if re.search(r"国|籍|表記|語|出身|代表", value):
        return False  # 米国籍, 英字表記: what the person is, not their name
    # One word Sudachi knows as a common noun, a place or an organisation is not a name.
    words = words_between(ms, at, at + len(value))
    return not (
        len(words) == 1 and (words[0].pos[1] == "普通名詞" or words[0].pos[2] in {"地名", "組織名"})
    )


def _romaji(text: str) -> Iterator[Span]:
    for match in _ROMAJI.finditer(text):
        words = match.group().split()
        if any(word in _NOT_ROMAJI for word in words):
            continue
        yield Span(match.start(), match.end(), Kind.NAME, "romaji name")
    # After an English title (Dear Ms. Okabe, Mr. Tanaka Kenji) one word or two are a name.
    for match in _AFTER_TITLE.finditer(text):
        yield Span(match.start(1), match.end(1), Kind.NAME, "romaji name after a title")
    # One capitalised word inside Japanese text is a name (Hungと, Kumarは); in an English
    # sentence it may be anything (at Nagoya Station), so Japanese must touch it.
    for match in _LONE_LATIN_WORD.finditer(text):
        if match.group() in _NOT_ROMAJI:
            continue
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        if _JAPANESE.match(before) or _JAPANESE.match(after):
            yield Span(match.start(), match.end(), Kind.NAME, "capitalised word in Japanese text")


def _short_surnames(text: str, ms: list[Morpheme]) -> Iterator[Span]:
    for m in ms:
        if m.surface not in _SHORT_SURNAMES:
            continue
        if m.start > 0 and re.match(r"[一-龥々]", text[m.start - 1]):
            continue
        after = _SHORT_DIRECTION_AFTER if m.surface in _DIRECTIONS else _SHORT_SURNAME_AFTER
        if after.match(text, m.end):
            yield Span(m.start, m.end, Kind.NAME, "one-character surname before a particle")


def _with_given_name(text: str, span: Span) -> Span:
    """A surname followed by a given name in kana (佐藤 みゆき, 佐々木ゆうと君) is one name."""
    tail = _KANA_TAIL.match(text, span.end)
    if tail and re.match(r"[ぁ-ゖァ-ヶー]", text[span.end - 1]):
        return span._replace(end=tail.end(1))  # ゆう|と君: Sudachi cut the name short
    for pattern in (_KANA_GIVEN, _SPACED_KANA_GIVEN):
        match = pattern.match(text, span.end)
        if match and not _suffixes().match(match.group(1)):
            return span._replace(end=match.end(1))
    return span


def _elsewhere(text: str, found: list[Span], ms: list[Morpheme]) -> Iterator[Span]:
    """Every other place the same name, or one of its parts, is written."""
    parts: set[str] = set()
    for span in found:
        name = text[span.start : span.end]
        parts.add(name)
        parts.update(piece for piece in re.split(r"[ ・]", name) if piece)
        parts.update(m.surface for m in words_between(ms, span.start, span.end) if m.is_person)
    for part in sorted(parts, key=len, reverse=True):
        if not part or part in _NOT_NAMES:
            continue
        for match in re.finditer(re.escape(part), text):
            if _ORGANIZATION_WORDS.match(text, match.end()):
                continue
            if _inside_a_longer_word(ms, match.start(), match.end()):
                continue  # a longer word that holds it: a place or an office, not the person
            if len(part) == 1 and not _standing_alone(text, match.start(), match.end()):
                continue  # 勇 of 菅野 勇 is 勇 in 勇は, not in 勇気
            yield Span(match.start(), match.end(), Kind.NAME, "name found elsewhere in the text")


def _standing_alone(text: str, start: int, end: int) -> bool:
    """A one-character name written as a word of its own: no kanji before it, a particle or a
    punctuation mark after it."""
    if start > 0 and re.match(r"[一-龥々]", text[start - 1]):
        return False
    return _ALONE_AFTER.match(text, end) is not None


def _inside_a_longer_word(ms: list[Morpheme], start: int, end: int) -> bool:
    """The characters are part of one longer word (岡山中央署 read as one, 宇都宮今市線)."""
    word = word_at(ms, start)
    return word is not None and end <= word.end and word.end - word.start > end - start


def clean_person_span(
    text: str, start: int, end: int, ms: list[Morpheme]
) -> tuple[int, int] | None:
    """A person span from a model, without a trailing honorific; None if it names a business
    or a role rather than a person, or is only common words (the model reads 電話 as a
    person at times): one of its words must be a proper noun, unknown to Sudachi, in katakana
    or latin letters, or a one-character surname."""
    tail = _suffixes().search(text, start, end)
    if tail and tail.end() == end and tail.start() > start:
        end = tail.start()
    name = text[start:end].strip()
    if not name or name in _NOT_NAMES or _ORGANIZATION_WORDS.match(text, end):
        return None
    if _ORGANIZATION_WORDS.search(name) or not re.search(r"[一-龥々ぁ-んァ-ヶA-Za-z]", name):
        return None
    if not any(could_be_in_a_name(m) for m in ms if start <= m.start and m.end <= end):
        return None
    return start, end


def is_a_name_by_itself(text: str, start: int, end: int, ms: list[Morpheme]) -> bool:
    """What is left of a name another finding took part of: still a name if a word of it is
    one Sudachi tags as a person or does not know, a single character (光 of 佐藤 光) or a
    name in katakana (カワイ of jpAｶﾜｲ様 after an e-mail address that took the A), and it is
    not a word for something else (番号 of 照会番号, 来署 after Roberto)."""
    left = text[start:end].strip()
    if left in _NOT_NAMES:
        return False
    words = [m for m in words_between(ms, start, end) if m.surface.strip()]
    single = len(left) == 1 and re.fullmatch(r"[一-龥々]", left) is not None
    katakana = re.fullmatch(r"[ァ-ヺ][ァ-ヺー・ 　]+", left) is not None
    return (
        single
        or katakana
        or any((m.is_person or m.unknown) and m.surface not in _NOT_NAMES for m in words)
    )


def could_be_in_a_name(m: Morpheme) -> bool:
    """A word a person's name could be made of: a proper noun, a word Sudachi does not know,
    katakana or latin letters, or a one-character surname."""
    return (
        m.pos[1] == "固有名詞"
        or m.unknown
        or _KATAKANA_OR_LATIN.fullmatch(m.surface) is not None
        or m.surface in _SHORT_SURNAMES
    )
