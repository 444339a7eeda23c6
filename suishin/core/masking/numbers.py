"""Fixed-format personal data: e-mail, telephone, My Number and licence, postal codes, birth
dates and case or reference numbers. All patterns run on normalised text (ASCII digits and
"-", see ``normalize``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from suishin.core.choices import MaskKindChoices as Kind
from suishin.core.masking.spans import HONORIFICS, Span

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
_PHONE = re.compile(
    r"(?<![\d-])(?:"
    r"\+81[ -]?\(?0?\d{1,4}\)?[ -]?\d{1,4}[ -]\d{3,4}"  # +81-90-1234-5678
    r"|\(0\d{1,4}\) ?\d{1,4}[ -]?\d{3,4}"  # (045)123-4567
    r"|0\d{1,4} ?\(\d{1,4}\) ?\d{3,4}"  # 03(3581)4321
    r"|0\d{1,4} ?- ?\d{1,4} ?- ?\d{3,4}"  # 090-1234-5678, 090 - 1234 - 5678
    r"|0\d{1,4} \d{1,4} \d{3,4}"  # 06 6987 6543
    r"|0[5789]0\d{8}|0[1-9]\d{8}"  # 09012345678, 0312345678
    r")(?![\d-])"
)
# Twelve digits grouped one way throughout (20250918-0042 is a date and a serial).
_TWELVE_DIGITS = re.compile(
    r"(?<![\d-])(?:\d{4}( {0,2}|-|\t)\d{4}\1\d{4}"  # a spreadsheet's cells: 5127	0093	8846
    r"|\d{2}([ 、,-])\d{2}\2\d{6}\2\d{2})(?![\d-])"  # a licence as printed: 45 20 115602 90
)
_MY_NUMBER_CUE = re.compile(r"個人番号|マイナンバー|通知カード|my ?number", re.IGNORECASE)
_LICENCE_CUE = re.compile(r"免許")
# What a number is, said in brackets after it (470881257421(運転免許証番号)), is said of it alone.
_KIND_AFTER = re.compile(r" ?\((?:(?P<licence>(?:運転)?免許)|(?P<my_number>個人番号|マイナンバー))")
# A case label right before twelve digits (交付番号 5805-6306-6141) makes them a case number,
# though the document speaks of 個人番号 (個人番号カード交付通知書).
_CASE_LABEL_BEFORE = re.compile(r"(?:交付|受付|受理|到達|申請|整理|管理|照会|事件)番号 ?[:：]? ?$")

# The mark 〒 is masked with the code (it says what the number is, nothing more).
_POSTAL = re.compile(r"(?:(〒 ?)|郵便番号 ?:? ?|郵便 ?)(\d{3}-?\d{4})(?!\d)")

_ERA = r"(?:明治|大正|昭和|平成|令和|[明大昭平令MTSHR]\.?)"
_KANJI_NUMBER = r"[〇一二三四五六七八九十]{1,3}"
_ERA_DATE = (
    rf"{_ERA} ?(?:\d{{1,2}}|元) ?[年./・-] ?\d{{1,2}} ?[月./・-] ?\d{{1,2}}(?: ?日|(?! ?年))"
)
_WESTERN_DATE = (
    r"(?:18|19|20)\d{2}(?: ?年 ?\d{1,2} ?月 ?\d{1,2}日?|([/.・ -])\d{1,2}\1\d{1,2})"
    r"|(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"  # 19850307
)
_KANJI_DATE = (  # 平成三十年一月十日, 二〇〇一年六月十日
    rf"(?:(?:明治|大正|昭和|平成|令和)(?:{_KANJI_NUMBER}|元)|[一二〇][〇一二三四五六七八九]{{3}})"
    rf"年{_KANJI_NUMBER}月{_KANJI_NUMBER}日"
)
_BOTH_CALENDARS = (  # 1960(昭和35)年6月18日, 1982年(昭和57年)12月8日, 2001(H13).7.14
    rf"(?:18|19|20)\d{{2}} ?年? ?\({_ERA} ?\d{{1,2}}年?\) ?"
    r"(?:年? ?\d{1,2} ?月 ?\d{1,2}日?|[./-]\d{1,2}[./-]\d{1,2})"
    # 昭和55年(1980年)8月22日
    rf"|{_ERA} ?(?:\d{{1,2}}|元) ?年 ?\((?:18|19|20)\d{{2}} ?年?\) ?\d{{1,2}} ?月 ?\d{{1,2}} ?日"
)
# As foreign documents write it: 05/09/1998, 14.02.1988, 05-11-1990, March 3, 1986.
_MONTHS = (
    r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY_FIRST = (
    r"\d{1,2}([/.-])\d{1,2}\2(?:18|19|20)\d{2}"
    rf"|{_MONTHS} \d{{1,2}}, ?(?:18|19|20)\d{{2}}|\d{{1,2}} {_MONTHS} (?:18|19|20)\d{{2}}"
)
_DATE = re.compile(
    rf"(?<![\d.])(?:{_BOTH_CALENDARS}|{_ERA_DATE}|{_WESTERN_DATE}|{_KANJI_DATE}|{_DAY_FIRST})"
    r"(?![\d])"
)
# A birthday without its year, after 誕生日 (誕生日：12月25日).
_BIRTHDAY = re.compile(r"(?:誕生日|生まれた日)(?:は|:)? ?(\d{1,2} ?月 ?\d{1,2} ?日)")
# Between a name and its birth date: punctuation or the next cell of a table row, maybe after
# its reading (斎藤 隼人(さいとう はやと) H6.11.3); or a bracket holding what else is said of the
# person first (清水 慎平(元夫、S62.9.9), ERIK Johansson(スウェーデン、9 Sep 2000)).
_BETWEEN_NAME_AND_DATE = re.compile(
    "(?:" + "|".join(HONORIFICS) + ")?"  # 秋山様(S23.10.10), ほのかちゃん(R3.4.10)
    r"(?:\((?:[^()\n、,]{1,20}[、,] ?){1,3}|(?:\([ぁ-んァ-ヶー・ ]{1,20}\))?[ 、,(|:\t]{1,3})"
)
_CHILDREN = "(?:子|長男|長女|次男|次女|三男|三女|児童|男児|女児|乳児|幼児|孫)"
_CHILD_BEFORE = re.compile(rf"{_CHILDREN}(?:の|は|:)? ?$")
# 長女陽菜(R02.03.27), 子 紬(R3-8-31): a relation, a given name, the date alone in brackets.
_CHILD_NAMED = re.compile(rf"{_CHILDREN} ?[一-龥々ぁ-んァ-ヶー]{{1,4}}\($")
_CHILD_HONORIFIC = re.compile(r"ちゃん|くん|君")
_AFTER_BIRTH_DATE = re.compile(r"(?:$|[ 、,)|/。\n\t」』]|生)")
# Dates of the current era (or since it began) are rarely anyone's birth in these records.
_CURRENT_ERA = re.compile(r"^(?:令和|令|R|20(?:19|[2-9]\d))")
# A year alone is a birth date only when 生まれ, or 生 and a bracket or punctuation, follows
# (昭和10年生まれ, 1985年生、) and not a phrase about a generation (平成12年生まれ以降).
_BIRTH_YEAR = re.compile(
    rf"(?<![\d.])(?:(?:明治|大正|昭和|平成|令和) ?(?:\d{{1,2}}|{_KANJI_NUMBER}|元)|(?:18|19|20)\d{{2}}) ?年"
    rf"(?: ?(?:\d{{1,2}}|{_KANJI_NUMBER}) ?月)?"  # 昭和60年5月生
    r"(?= ?(?:頃|ころ)?(?:生まれ(?!以降|以前|以後|の方|の世代|世代)|生(?=[)）、。,の ]))"
    r"|に[^。\n\d、]{1,20}?で生まれ)"  # 昭和37年に大島町で生まれ
)
# 生 after a date means born, unless it begins another word (令和7年4月1日生活安全課).
_BORN = r"(?:生まれ|生(?![活徒命産涯成協鮮物理存育計前息態き]))"
# A date with a two-digit year and no era, right before 生 (06年5月2日生, 09.11.20生, 31.3.3生
# with （昭和） after it): the writer's era is understood, the day is still a birth date.
_SHORT_YEAR_BIRTH = re.compile(
    r"(?<![\d.年/])\d{2}(?: ?年 ?\d{1,2} ?月 ?\d{1,2} ?日|\.\d{1,2}\.\d{1,2}|/\d{1,2}/\d{1,2})"
    r"(?= ?(?:生まれ|生(?=[()（）、。,\s]|$)))"  # not 生じた, 生放送
)
# A year, or a year and month, abbreviated with 生 after it (S46生, S56.10頃生; 生年は昭和58年
# below). Only an era written whole or as S, H, R: 大3生 and M2生 are a university's third-year
# and a master's second-year student, and nobody alive was born in 明治2年.
_BIRTH_YEAR_MONTH = re.compile(
    rf"(?<![\dA-Za-z.])(?:昭和|平成|令和|[SHR]\.?) ?\d{{1,2}}(?:[./]\d{{1,2}})?(?= ?(?:頃|ころ)?{_BORN})"
)
_YEAR_AFTER_BIRTH_CUE = re.compile(
    r"(?<=生年)(?:は|が|:)? ?((?:(?:明治|大正|昭和|平成|令和) ?(?:\d{1,2}|元)|(?:18|19|20)\d{2}) ?年)"
)
_BORN_AFTER = re.compile(
    rf" ?(?:\)|\))? ?(?:頃|ころ)?(?:{_BORN}|誕生)"
    r"|[、,]?(?:(?!年)[^。\n]){1,40}?で生まれ"  # 平成4年3月30日、函館市本町24番1号で生まれました
)
_AGE_AFTER = re.compile(r" ?[(、,]? ?\d{1,3} ?歳")
_BIRTH_CUE = re.compile(
    r"(?<!\[)(?:生年月日|誕生日|出生日|生年|セイネンガッピ|DOB|D\.O\.B\.?|born|date of birth)[^。\n]{0,6}$",
    re.IGNORECASE,
)
# A date in a sentence that speaks of a birth date is one (生年月日を確認したところ、住民票上は
# 平成3年2月28日; 生年月日が「H14.4.9」、申請書では2002年4月9日), unless it is of the current era
# (生年月日の記載漏れを令和7年3月1日に連絡).
_BIRTH_CUE_IN_SENTENCE = re.compile(r"(?<!\[)(?:生年月日|誕生日|出生日|生年)")  # not ［生年月日］
_RANGE_AFTER = re.compile(r" ?(?:～|~|〜|から|まで)")
_RANGE_BEFORE = re.compile(r"(?:～|~|〜|から) ?$")
_EXAMPLE = re.compile(r"(?:例|例えば)[:：]? ?$")
_LISTED_IN_A_SENTENCE = re.compile(r"[ 、,/]{1,3}")
_LISTED = re.compile(r"[\t 、,/]{1,3}")
# 19850307 is a date of birth anywhere in a sentence that speaks of one.
_COMPACT = re.compile(r"\d{8}")
_BIRTH_SENTENCE = re.compile(r"(?<!\[)(?:生年月日|誕生日|生まれ)")  # not ［生年月日］
# A date in brackets (竹内隆(S58.3.4)) is a birth date unless it is in the current era.
_OPEN_BRACKET = re.compile(r"[(（] ?$")

# Words that label a case, file or reference number in police and prefectural work. A
# number after any of these, or after another word ending in 番号 / No., is a case number,
# except where the label says it is something else.
_CASE_LABELS = (
    "事件 事案 受理 受付 照会 報告 報告書 整理 管理 届出 相談 相談票 相談受理 拾得 拾得物 "
    "拾得物件 遺失 遺失物 遺失届 物件 事故 苦情 文書 通報 指令 処理 調書 令状 押収 証拠品 "
    "送致 記録 案件 申請 許可 登録証 防犯登録 決定 通知 通知書 受理簿 照会書 番号 受 交付 補導 到達 収受 台帳"
).split()
_NOT_CASE_LABELS = (
    "電話 携帯 携帯電話 FAX ファクス ファックス 内線 郵便 免許 免許証 運転免許証 個人 "
    "マイ 車両 自動車登録 部屋 口座 会員 社員 職員 座席 番線 車台 型式 旅券 パスポート "
    "在留カード 保険証 被保険者 基礎年金 学籍 代表 直通 発信 着信 連絡先 暗証 店 支店 端末"
).split()
_LABEL = re.compile(
    r"([一-龥ァ-ヶーA-Za-z0-9]{0,10}?)"
    r"(?:番号|No\.?|NO\.?|no\.|№|#)"
    # 事件番号一覧(第1係・8月分):, (防犯登録番号):, but not 許可番号 (般-7)第24683号
    r"(?:一覧|等)?(?: ?\([^()\n]{1,15}\)(?! ?第))?\)?"
    r" ?(?:[:は|\t]|が|を|の)? ?[「『［\[]? ?(?:[#№] ?)?"
)
# A part may carry up to three kanji (R7交-0099, 苦R7-0101), never a connective (…及び…).
_CODE_KANJI = r"(?:(?![及並])[一-龥ァ-ヶ])"
_CODE_PART = (
    rf"(?:[A-Za-z0-9]+(?:{_CODE_KANJI}{{1,3}}(?:[A-Za-z0-9]+|(?=-)))?|{_CODE_KANJI}{{1,4}}[A-Za-z0-9]*"
    r"|[ぁ-ん](?=-))"  # R6-ひ-0008: the kana of a series
)
_CASE_CODE = re.compile(
    r"\d{2,4}(?: {1,2}\d{3,4}){2,3}(?!\d)"  # 2025 483 1407, as some systems print it
    # 生安第45号, 監R7-第031号, 第2025-道-1033号, 三公委(古)第3311号, (般-7)第24683号
    r"|[一-龥ぁ-んA-Za-z0-9-]{0,10}?(?:\([一-龥]{1,3}(?:-\d{1,2})?\) ?)?第 ?\d[\dA-Za-z一-龥-]*号"
    rf"|(?:(?:令和|平成|R|H) ?\d{{1,2}} ?年 ?)?(?:\([ぁ-んァ-ヶ一-龥]{{1,3}}\) ?)?第 ?\d[\dA-Za-z-]*号"
    rf"|第 ?[A-Za-z0-9][A-Za-z0-9-]*号"
    r"|第 ?[A-Za-z0-9〇一-龥]+(?:-[A-Za-z0-9〇一-龥]+)+号"  # 第R4-交-17254号, 第二〇二四-三九一五号
    rf"|(?:No\.? ?)?(?=[^\s、。]*\d){_CODE_PART}(?:-{_CODE_PART})*"
    # 防犯登録 熊本 K-2318841, 宮崎 M12-44019, 愛知 0923-4471, 北海道0482913
    r"|[一-龥]{2,3} ?(?:[A-Z]{1,2}\d{0,2}-\d{4,8}|\d{4}-\d{4}|\d{7,8})(?![\d-])"
)
_COURT_CASE = re.compile(
    r"(?:令和|平成|昭和|R|H) ?(?:\d{1,2}|元) ?年(?:度)? ?"
    r"(?:\([ぁ-んァ-ヶ一-龥]{1,3}\) ?第?|検 ?第)"  # 令和6年(わ)第123号, 平成30年検第4567号
    r" ?\d+ ?号"
)


# Office document numbers written without a label (総第1542号, 県く安第204号), but not the
# numbers of forms, laws, bills and routes.
_DOCUMENT_NUMBER = re.compile(
    r"(?:(?<![一-龥ぁ-んA-Za-z0-9])|(?<=及び)|(?<=並びに)|(?<=と)|(?<=付け)|(?<=日付))"
    r"((?:(?:令和|平成|昭和)?[A-Za-z]?\d{1,4}(?:年 ?)?)?"  # R7送, 令和7年交, 2025交
    # 三公委(古), 許可 第, 福岡県警博多署刑第, 県く安第 — never a label (事件番号四北刑第)
    r"(?:(?!番号)[一-龥]){1,12}[ぁ-ん]?(?:(?!番号)[一-龥]){0,3}(?:\([一-龥]{1,3}\))?-?) ?"
    r"第 ?(?:\d{1,12}(?:-\d{1,4})?|[〇一二三四五六七八九]{2,}-[〇一二三四五六七八九]{2,})号"
)  # 第233号, 第12-4号, 拾得物第二〇二四-三九一五号
# A label word and a colon with no 番号 (新規受理：R7-生安-1401): only a code with letters or
# kanji and digits, joined by "-", is taken (受理：3件 is not one).
_BARE_LABEL = re.compile(
    r"(?:(?:受理|受付|整理|事件|案件|相談|苦情|照会|管理|件名)[:：]|(?:指令|拾得物)(?:[:：]| |は)|防犯登録(?:番号)?(?:[:：]| |は)?) ?"
)
# A number followed by one of these counts something (8桁, 3件, 2025年, 5678円).
_COUNTED = re.compile(r"(?:桁|件|名|人|年|月|日|円|回|台|時|分|参照)")
_INSURED = re.compile(r"被保険者|被扶養者")
# Public short-dial numbers (警察相談 #9110, 救急安心 #7119, 小児救急 #8000).
_SHORT_DIALS = frozenset("9110 7119 8000 7000 8891 189".split())
_ROOM = re.compile(r"法廷|室|館|棟|教室|会議室|車")
# A second number in a range or a list of the same kind (2025-拾-05521～2025-拾-05524).
_NEXT_IN_RANGE = re.compile(
    r"[」』]? ?(?:\([^()]{1,20}\))? ?(?:～|~|〜|から|ないし|及び|および|並びに|、|,|/|・|と) ?[「『]? ?[#№]?"
    r"|[」』] ?[「『]"  # 「K25-0098」「K25-0099」
)
_NOT_DOCUMENT = re.compile(
    r"(?:様式|別記様式|別表|別紙|附則|法律|法|条例|規則|告示|訓令|省令|政令|議案|報告|諮問|答申|請願|"
    r"陳情|発議|認定|承認|同意|選挙|補正|国道|県道|道道|府道|都道|市道|台風|号機|令|条|項|章|節|款|"
    r"報|予算|年度|保険|年金|年|通達)$"
)


def emails(text: str) -> Iterator[Span]:
    for match in _EMAIL.finditer(text):
        yield Span(match.start(), match.end(), Kind.EMAIL, "e-mail pattern")


def phones(text: str) -> Iterator[Span]:
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if not match.group().startswith(("+", "(")) and len(digits) not in (10, 11):
            continue  # a Japanese number has 10 or 11 digits; 05-11-1990 is a date
        yield Span(match.start(), match.end(), Kind.PHONE, "telephone pattern")


def my_number_is_valid(digits: str) -> bool:
    """The check digit of an individual number (行政手続における特定の個人を識別するための番号)."""
    if not re.fullmatch(r"\d{12}", digits):
        return False
    body = [int(c) for c in digits[:11]]
    total = sum(body[11 - n] * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    remainder = total % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return check == int(digits[11])


def twelve_digit_numbers(text: str) -> Iterator[Span]:
    """My Number or driver's-licence number: the words before it decide, then the check digit."""
    for match in _TWELVE_DIGITS.finditer(text):
        if all(re.fullmatch(r"(?:19|20)\d{2}", g) for g in re.split(r"\D+", match.group())):
            continue  # 2023	2024	2025: a row of years
        # The nearest cue in the 200 characters before it decides (個人番号が記載された
        # 書類を誤送付した。対象は A、B、C).
        context = text[max(0, match.start() - 200) : match.start()]
        digits = re.sub(r"\D", "", match.group())
        licence = _last(_LICENCE_CUE, context)
        my_number = _last(_MY_NUMBER_CUE, context)
        if _CASE_LABEL_BEFORE.search(context):
            continue  # the case-number recogniser has it
        said = _KIND_AFTER.match(text, match.end())
        if said:
            kind = Kind.LICENCE if said.group("licence") else Kind.MY_NUMBER
            yield Span(match.start(), match.end(), kind, "12 digits, kind said after them")
            continue
        numbered = text[match.start() - 1 : match.start()] == "第" and text.startswith(
            "号", match.end()
        )
        if numbered and not (licence or my_number):
            continue  # 古物商許可 第551020250033号 is a permit's number
        if not (licence or my_number):
            # Said later in the sentence (福田（6189 0375 2248）…の個人番号が記載されていた).
            rest = text[match.end() : match.end() + 120].split("。", 1)[0]
            licence, my_number = _first(_LICENCE_CUE, rest), _first(_MY_NUMBER_CUE, rest)
            if licence and my_number:
                licence = licence if licence.start() < my_number.start() else None
        if licence and (not my_number or licence.start() > my_number.start()):
            kind, reason = Kind.LICENCE, "12 digits after 免許"
        elif my_number or my_number_is_valid(digits):
            kind, reason = Kind.MY_NUMBER, "12 digits, My Number cue or check digit"
        else:
            kind, reason = Kind.LICENCE, "12 digits without a valid check digit"
        yield Span(match.start(), match.end(), kind, reason)


def postal_codes(text: str) -> Iterator[Span]:
    for match in _POSTAL.finditer(text):
        start = match.start(1) if match.group(1) else match.start(2)
        yield Span(start, match.end(2), Kind.ADDRESS, "postal code")


def birth_dates(text: str) -> Iterator[Span]:
    """Dates the text says are dates of birth: by a cue before or after, or an age after;
    and the dates listed right after one (生年月日 R2.10.5	R3.1.29	令和元年5月1日)."""
    previous_birth_end = -1
    # A list goes on across tab stops only after a label (生年月日	R2.10.5	R3.1.29); in a table
    # row the next cell holds another column's date (1946/04/23	令和8年6月11日 under 有効期限).
    listed = _LISTED
    for match in _DATE.finditer(text):
        before = text[max(0, match.start() - 20) : match.start()]
        if _BORN_AFTER.match(text, match.end()):
            reason = "date followed by 生"
        elif _BIRTH_CUE.search(before):
            reason = "date after 生年月日"
        elif _COMPACT.fullmatch(match.group()) and _BIRTH_SENTENCE.search(
            _sentence_before(text, match.start())
        ):
            reason = "compact date in a sentence about a birth date"
        elif _AGE_AFTER.match(text, match.end()):
            reason = "date followed by an age"
        elif _OPEN_BRACKET.search(before) and _looks_like_birth_year(match.group()):
            reason = "date in brackets after a person"
        elif _CHILD_NAMED.search(before) and text[match.end() : match.end() + 1] == ")":
            reason = "date in brackets after a child named"
        elif (
            _BIRTH_CUE_IN_SENTENCE.search(_sentence_before(text, match.start()))
            and _looks_like_birth_year(match.group())
            and not _in_a_range(text, match)
            and not _EXAMPLE.search(before)
        ):
            reason = "date in a sentence about a birth date"
        elif (
            previous_birth_end >= 0
            and listed.fullmatch(text, previous_birth_end, match.start())
            and not _in_a_range(text, match)
        ):
            reason = "date listed after a birth date"
        else:
            continue
        previous_birth_end = match.end()
        if reason != "date listed after a birth date":
            listed = _LISTED if reason == "date after 生年月日" else _LISTED_IN_A_SENTENCE
        yield Span(match.start(), match.end(), Kind.BIRTH_DATE, reason)
    for match in _BIRTHDAY.finditer(text):
        yield Span(match.start(1), match.end(1), Kind.BIRTH_DATE, "day after 誕生日")
    for match in _SHORT_YEAR_BIRTH.finditer(text):
        yield Span(match.start(), match.end(), Kind.BIRTH_DATE, "two-digit year followed by 生")
    for match in _BIRTH_YEAR.finditer(text):
        yield Span(match.start(), match.end(), Kind.BIRTH_DATE, "year followed by 生まれ")
    for match in _BIRTH_YEAR_MONTH.finditer(text):
        yield Span(match.start(), match.end(), Kind.BIRTH_DATE, "year and month followed by 生")
    for match in _YEAR_AFTER_BIRTH_CUE.finditer(text):
        yield Span(match.start(1), match.end(1), Kind.BIRTH_DATE, "year after 生年")


def _in_a_range(text: str, date: re.Match[str]) -> bool:
    """A date that begins or ends a period (R6.10.1～R7.9.30) is not a birth date."""
    before = _RANGE_BEFORE.search(text, max(0, date.start() - 3), date.start())
    return bool(_RANGE_AFTER.match(text, date.end()) or before)


def is_date(text: str) -> bool:
    return _DATE.fullmatch(text) is not None


def dates_in(text: str) -> Iterator[tuple[int, int]]:
    for match in _DATE.finditer(text):
        yield match.span()


def _first(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return pattern.search(text)


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    return found


def births_after_names(
    text: str, names: Iterable[tuple[int, int]], taken: list[tuple[int, int]]
) -> Iterator[Span]:
    """A date right after a person's name, ending where a table cell or a bracket would, and
    not in the current era, is that person's date of birth (寺田 浩二 S40.2.2, 米山 浩(S56.6.16)).
    A child's is of this era: a date of this era alone in brackets after a child's name is
    one too (ほのかちゃん(R3.4.10), 長女 結菜(R2.10.5)), not after anyone else's (文責：田中
    (令和7年10月1日)). The engine gives the names and what is already found."""
    names = list(names)
    for match in _DATE.finditer(text):
        start, end = match.start(), match.end()
        if any(start < e and s < end for s, e in taken):
            continue
        if not _AFTER_BIRTH_DATE.match(text, end):
            continue
        current_era = _CURRENT_ERA.match(match.group()) is not None
        alone_in_brackets = text[start - 1 : start] == "(" and text[end : end + 1] == ")"
        for name_start, name_end in names:
            between = _BETWEEN_NAME_AND_DATE.fullmatch(text, name_end, start)
            # (The pattern bounds how far the date may stand from the name.)
            if not (start > name_end and between):
                continue
            child = _CHILD_BEFORE.search(text, max(0, name_start - 6), name_start) or (
                _CHILD_HONORIFIC.match(between.group())
            )
            if not current_era or (alone_in_brackets and child):
                yield Span(start, end, Kind.BIRTH_DATE, "date right after a name")
                break


class _Chains:
    """A number and the numbers of the same shape listed after it (R7-生安-1401（DV）、
    R7-生安-1402; 2025-拾-05521～2025-拾-05524). Each place is read once, so a long list costs
    its length, not its square."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.reached: set[int] = set()

    def start(self, code: re.Match[str], reason: str) -> Iterator[Span]:
        if code.start() in self.reached:
            return
        self.reached.add(code.start())
        yield Span(code.start(), code.end(), Kind.CASE_NUMBER, reason)
        shape = _shape(code.group())
        plain = set(shape) == {"9"} and not _ZERO_PADDED.fullmatch(code.group())
        while following := _NEXT_IN_RANGE.match(self.text, code.end()):
            if plain and not _RANGE_MARK.search(following.group()):
                return  # plain numbers are listed with amounts and years: 1205、2025年
            nxt = _CASE_CODE.match(self.text, following.end())
            if nxt is None or nxt.start() in self.reached:
                return
            # 西署長発第22号、第23号及び第24号: the office is written once.
            numbered = _NUMBERED.search(code.group()) and _NUMBERED.fullmatch(nxt.group())
            if _shape(nxt.group()) != shape and not numbered:
                return
            if _COUNTED.match(self.text, nxt.end()):
                return
            self.reached.add(nxt.start())
            yield Span(nxt.start(), nxt.end(), Kind.CASE_NUMBER, "next in a list")
            code = nxt


# A reference written without a label (行-R6-0312, 2024刑-0789, 福山西-R6-0261, CA-24-0178,
# 黒磯-R6-ひ-003): a prefix of letters or kanji (or a year and kanji), then numbers joined by
# "-", one of them three digits or more.
_UNLABELLED_CODE = re.compile(
    # R6生安-00498; a date-stamped register (R61103-0042, JK240915-0412)
    r"(?P<prefix>(?<![A-Za-z0-9-])(?:[A-Z]{1,4}\d{5,8}|[A-Z]{1,4}|[A-Z]\d{1,2}(?:[一-龥]{1,3})?)"
    r"|(?<![一-龥々ァ-ヶA-Za-z0-9-])(?:[一-龥]{1,6}[RH]\d{1,2}|[一-龥]{1,4}\d{0,4}|(?:19|20)\d{2}[一-龥]{1,2})"
    r"|(?<![\dA-Za-z-])\d{2}(?=-[一-龥]{1,2}-\d{3}))"  # 24-物-0311: a year, a kind, a serial
    r"(?:-(?:[A-Z]{1,4}\d{0,2}|[ぁ-ん]|[一-龥]{1,3}|\d{1,8}))*"  # R6-統-021, R7-DV-646, TK-0093318-22
    r"-[A-Z]?\d{1,8}号?(?![A-Za-z0-9-])"
)
# Two numbers joined by "-", the second of four digits or more, standing alone (通報
# 0926-6737、0926-1868; 6-1041を残し6-7987を削除; 報告書(2024-9507); 2025-44898_申請書.pdf):
# a serial in some register. A place before it makes it a house number, a year after it a
# period (2023-2024年度), and 〒 or 郵便 a postal code.
_SERIAL = re.compile(r"(?:^|(?<=[\s、,:(「『・/]))(\d{1,4})-(\d{4,6})(?![\d-]|[A-Za-z])")
_POSTAL_BEFORE = re.compile(r"(?:〒|郵便|番号) ?[:：]? ?$")
_NOT_A_REFERENCE_PREFIX = re.compile(
    r"(?:第|内線|代表|自宅|直通|国道|県道|市道|様式|号|番|階|棟|室|型|式|町|村|通|丁目|番地)$"
    r"|電話|携帯|連絡先|郵便|番号|^(?:ISO|JIS|TEL|FAX)$"  # 受理番号2025-001: a label
)
_BUILDING_WORD = re.compile(
    r"ハイツ|住宅|荘|寮|マンション|コーポ|団地|アパート|レジデンス|ビル|棟|館|ハウス"
)
_NUMBERED = re.compile(r"第 ?\d+号$")
_RANGE_MARK = re.compile(r"～|~|〜|から|ないし")  # 照会番号#33021〜#33025
# A serial written to a fixed width (0000731) is an identifier, never an amount or a year.
_ZERO_PADDED = re.compile(r"0\d{3,}")


def _is_phone(text: str, code: re.Match[str]) -> bool:
    """A telephone number the telephone recogniser will take (10 or 11 digits)."""
    return _is_phone_at(text, code.start())


def _is_phone_at(text: str, start: int) -> bool:
    phone = _PHONE.match(text, start)
    return phone is not None and len(re.sub(r"\D", "", phone.group())) in (10, 11)


def _looks_like_case_code(code: str) -> bool:
    """Letters or kanji and digits joined by "-" (R7-生安-1401), not a date or a phone; or a
    number written 第…号."""
    if re.fullmatch(r"第 ?\d+号", code):
        return True
    return (
        "-" in code
        and re.search(r"\d", code) is not None
        and re.search(r"[A-Za-z一-龥ァ-ヶ]", code) is not None
        and _DATE.fullmatch(code) is None
    )


def same_shape(one: str, other: str) -> bool:
    return _shape(one) == _shape(other)


def _shape(code: str) -> str:
    """2025-拾-05521 and 2025-拾-05524 have one shape; 2025-001 and 3日 do not."""
    return re.sub(r"\d", "9", re.sub(r"[A-Za-z]", "A", code))


def _sentence_around(text: str, at: int) -> str:
    """The sentence (or line) that holds position ``at``."""
    start = max(text.rfind("。", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [e for e in (text.find("。", at), text.find("\n", at)) if e != -1]
    return text[start : min(ends) if ends else len(text)]


def _sentence_before(text: str, at: int) -> str:
    start = max(text.rfind("。", 0, at), text.rfind("\n", 0, at)) + 1
    return text[start:at]


def _looks_like_birth_year(date: str) -> bool:
    return not _CURRENT_ERA.match(date)


def _reads_as_a_reference(text: str, code: re.Match[str]) -> bool:
    """Four digits or more, and either a prefix of two characters or more or two numbers:
    a room (A-305) or a model (B-52) is not a reference; nor a route, an extension, or a
    telephone number or postal code after its label (電話番号090-…, 郵便番号812-0011)."""
    digits = sum(c.isdigit() for c in code.group())
    prefix = code.group("prefix")
    numbers = code.group().count("-")
    number_start = code.start() + len(re.match(r"\D*", code.group()).group())  # type: ignore[union-attr]
    # An office and an era (松東署窃R7-190, 苦R7-12): a register's number however short.
    era_coded = re.search(r"[一-龥][RH]\d{1,2}$", prefix) is not None
    return (
        (digits >= 4 or (era_coded and digits >= 3))
        and (
            era_coded or re.search(r"\d{3}", code.group()) is not None
        )  # 児手-0903-2, not 北-1-2-3
        and (len(prefix) >= 2 or numbers >= 2)
        and not _NOT_A_REFERENCE_PREFIX.search(prefix)
        and not _is_phone_at(text, number_start)
        # ハイツ久居2-105, 島崎住宅3-204: a building's block and room
        and not _BUILDING_WORD.search(text, max(0, code.start() - 6), number_start)
    )


def _reads_as_a_serial(text: str, serial: re.Match[str]) -> bool:
    first, second = serial.group(1), serial.group(2)
    years = all(re.fullmatch(r"(?:19|20)\d{2}", part) for part in (first, second))
    times = all(re.fullmatch(r"(?:[01]\d|2[0-3])[0-5]\d", part) for part in (first, second))
    # Kagoshima 892-0853: a postal code at the end of an address in latin letters.
    postal = (
        len(first) == 3 and len(second) == 4 and re.search(r"[A-Za-z] $", text[: serial.start()])
    )
    return not (
        years
        or times
        or postal
        or _COUNTED.match(text, serial.end())
        or _POSTAL_BEFORE.search(text, max(0, serial.start() - 6), serial.start())
        or _is_phone_at(text, serial.start())
    )


def names_another_number(label: str) -> bool:
    """A label for a number other than a case's (電話番号, 職員番号, 個人番号)."""
    word = re.sub(r"(?:番号|No\.?|NO\.?|no\.|№|#)$", "", label)
    return any(word.endswith(other) for other in _NOT_CASE_LABELS)


# An office's register number right after the word for the record it numbers (盗難届長岡署窃
# R7-0555, 捜索願宇南生R7-0088, 受理小田原署窃0901-3).
_AFTER_RECORD_WORD = re.compile(
    r"(?<=[届願理票])(?:(?!番号)[一-龥]){1,5}(?:[RH]\d{1,2}-\d{2,6}|\d{4}-\d{1,4})(?![\d-])"
)
# A residence card's number (在留カード番号 AB12345678CD): its shape is its own.
_RESIDENCE_CARD = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{8}[A-Z]{2}(?![A-Za-z0-9])")
# A passport's number as most countries print it (TZ4419072, P3817204A, EA9017264): one or
# two letters and seven or eight digits, standing alone in a sentence about travel documents
# or nationality (a product's 型番 RT1234567 has the same shape).
_PASSPORT_SHAPE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d{7,8}[A-Z]?(?![A-Za-z0-9])")
_PASSPORT_SENTENCE = re.compile(r"旅券|パスポート|[Pp]assport|国籍|出入国|在留|入管")
# Any other shape right after the word for a passport (旅券番号C4HJ2R71K, 旅券（19FC48201）).
_PASSPORT_LABELLED = re.compile(
    r"(?:旅券|パスポート|[Pp]assport)(?:番号| ?[Nn]umber| ?No\.?)?(?:は|:|：| is)? ?[(（［\[]? ?"
    r"(?P<number>(?=(?:[A-Z]*\d){3})[A-Z0-9]{7,12})"
    r"(?![A-Za-z0-9])"
)
# A bank account: seven digits (spaced or not) after the word for the account or its kind
# (口座番号4729105, 普通 3301947, 当座預金 口座番号0091827, 口座番号5 3 1 0 9 2 7).
_ACCOUNT = re.compile(
    r"(?:口座番号|口座|(?:普通|当座|貯蓄)(?:預金)?)(?:は|:|：)? ?"
    r"(?P<number>\d{7}|\d(?: \d){6})(?![\d,]|円|万)"
)
# In a sentence about accounts, seven digits standing alone are accounts too (口座凍結一覧
# 3027715 0492281 8810349); an amount carries 円 or a comma, a count its counter. 口座振替
# alone is no such sentence (口座振替の件数は1034567件).
_ACCOUNT_SENTENCE = re.compile(r"口座番号|凍結|預金|振込先|(?:普通|当座)(?:預金)?[ 　]|名義")
_SEVEN_DIGITS = re.compile(r"(?<![\d,.\-/:])\d{7}(?![\d,.\-/:]|円|万)")
# A card numbered by 記号 and 番号 (ゆうちょ 記号14170 番号28391051, 保険証 記号岡北-12
# 番号30517): both parts.
_SIGN_AND_NUMBER = re.compile(
    r"記号 ?(?P<sign>[^\s、。,()（）]{1,10}?) ?番号 ?(?P<number>\d{4,10})(?!\d)"
)
# A bicycle's crime-prevention registration with the one-kanji prefecture its sticker shows
# (岐 3-0417726, 埼 B 308714, 神 12-345678): six or seven digits, more than any house number.
_PREFECTURE_INITIALS = (
    "北青岩宮秋山福茨栃群埼千東神新富石長岐静愛三滋京大兵奈和鳥島岡広徳香高佐熊鹿沖"
)
_BICYCLE_REGISTRATION = re.compile(
    rf"(?:(?<=番号)|(?<=登録)|(?<![一-龥々ァ-ヶA-Za-z0-9]))[{_PREFECTURE_INITIALS}]"
    r" ?(?:[0-9A-Z]{1,2} ?-? ?)?\d{6,7}(?![\d-])"
)
# Those kanji are common words too (新2345678, 担当：東 1234567): only in a sentence about a
# registration or a bicycle.
_REGISTRATION_SENTENCE = re.compile(r"登録|自転車|防犯|registration|bicycle", re.IGNORECASE)


def case_numbers(text: str) -> Iterator[Span]:
    """Numbers after labels, in lists after them, court and document numbers, references
    written without a label; and the same numbers referred to again in short: a serial of
    fixed width wherever another of that width stands (受付番号0000731から0000735まで…うち
    0000733の申請者), the last number of a reference on its own (2024刑-0812 … 0812の件)."""
    found = list(_labelled_and_shaped(text))
    found += [
        Span(m.start(), m.end(), Kind.CASE_NUMBER, "residence card number")
        for m in _RESIDENCE_CARD.finditer(text)
    ]
    found += [
        Span(m.start(), m.end(), Kind.CASE_NUMBER, "register number after 届")
        for m in _AFTER_RECORD_WORD.finditer(text)
    ]
    found += list(_identity_and_account_numbers(text))
    yield from found
    taken = {(span.start, span.end) for span in found}
    widths = {s.end - s.start for s in found if _ZERO_PADDED.fullmatch(text[s.start : s.end])}
    patterns = [rf"0\d{{{width - 1}}}" for width in widths]
    tails = {
        tail.group()
        for span in found
        if (tail := _LAST_NUMBER.search(text, span.start, span.end)) and tail.start() > span.start
    }
    # 第 and 号 go with the number when written with it again (上記のうち第1387号の); a number
    # of two digits is taken only with its 号 (上記03号).
    patterns = [rf"第?{pattern}号?" for pattern in patterns]
    patterns += [
        rf"第?{re.escape(tail)}号" if len(tail) == 2 else rf"第?{re.escape(tail)}号?"
        for tail in tails
    ]
    ranges = list(_ranges(text, found))
    patterns += [rf"第?\d{{{width}}}号?" for width in {len(low) for low, _ in ranges}]
    if not patterns:
        return
    again = re.compile(rf"(?<![\dA-Za-z.-])(?:{'|'.join(patterns)})(?![\d.-])")
    for match in again.finditer(text):
        if match.span() in taken or _COUNTED.match(text, match.end()):
            continue
        if any(s <= match.start() < e for s, e in taken):
            continue
        if not _repeats(match.group(), tails, widths, ranges):
            continue
        yield Span(match.start(), match.end(), Kind.CASE_NUMBER, "number referred to again")


def _identity_and_account_numbers(text: str) -> Iterator[Span]:
    """Passports, bank and postal-savings accounts, cards numbered by 記号 and 番号, and
    bicycles' crime-prevention registrations: numbers that lead to one person."""
    for match in _PASSPORT_SHAPE.finditer(text):
        if _PASSPORT_SENTENCE.search(_sentence_around(text, match.start())):
            yield Span(match.start(), match.end(), Kind.CASE_NUMBER, "passport number")
    for match in _PASSPORT_LABELLED.finditer(text):
        yield Span(*match.span("number"), Kind.CASE_NUMBER, "passport number")
    for match in _ACCOUNT.finditer(text):
        yield Span(*match.span("number"), Kind.CASE_NUMBER, "account number")
    for sentence in re.finditer(r"[^。\n]+", text):
        if _ACCOUNT_SENTENCE.search(sentence.group()):
            for match in _SEVEN_DIGITS.finditer(text, sentence.start(), sentence.end()):
                if not _COUNTED.match(text, match.end()):
                    yield Span(match.start(), match.end(), Kind.CASE_NUMBER, "account number")
    for match in _SIGN_AND_NUMBER.finditer(text):
        if re.search(r"\d", match.group("sign")):  # 記号・番号 names the columns, no card
            yield Span(*match.span("sign"), Kind.CASE_NUMBER, "card sign")
            yield Span(*match.span("number"), Kind.CASE_NUMBER, "card number")
    for match in _BICYCLE_REGISTRATION.finditer(text):
        if _REGISTRATION_SENTENCE.search(_sentence_around(text, match.start())):
            yield Span(
                match.start(), match.end(), Kind.CASE_NUMBER, "crime-prevention registration"
            )


def _ranges(text: str, found: list[Span]) -> Iterator[tuple[str, str]]:
    """The first and last serials of each range of references (受理番号2022-7558456から
    2022-7558463まで … うち7558459、7558460は)."""
    ordered = sorted(found)
    for first, last in zip(ordered, ordered[1:], strict=False):
        if not _RANGE_MARK.search(text, first.end, last.start) or last.start - first.end > 8:
            continue
        low = _LAST_NUMBER.search(text, first.start, first.end)
        high = _LAST_NUMBER.search(text, last.start, last.end)
        if low and high and len(low.group()) == len(high.group()) and low.group() < high.group():
            yield low.group(), high.group()


def _repeats(
    written: str, tails: set[str], widths: set[int], ranges: list[tuple[str, str]]
) -> bool:
    """Whether a number written on its own is one of the references found: its tail, a serial
    of their fixed width, or a serial inside one of their ranges."""
    number = re.sub(r"\D", "", written)
    if len(number) <= 2 and not written.endswith("号"):
        return False  # 上記03号, never a bare 03
    return (
        number in tails
        or (len(written.strip("第号")) in widths and number.startswith("0"))
        or any(len(number) == len(low) and low <= number <= high for low, high in ranges)
    )


# The last number of a reference, three digits or more (2024刑-0812 → 0812), or of a
# document number, two or more (旭署長発第03号 → 03号).
_LAST_NUMBER = re.compile(r"(?<=[-刑])\d{3,}(?=号?$)|(?<=第)\d{2,}(?=号$)")


def _labelled_and_shaped(text: str) -> Iterator[Span]:
    chains = _Chains(text)
    for label in _LABEL.finditer(text):
        word = label.group(1)
        if names_another_number(word):
            continue
        bare = not word and label.group().startswith("番号")
        if not word and not bare and not label.group().startswith(("No", "NO", "no", "№", "#")):
            continue
        if (
            word
            and not any(word.endswith(known) for known in _CASE_LABELS)
            and ("番号" not in label.group())
        ):
            continue
        code = _CASE_CODE.match(text, label.end())
        if code is None or not any(c.isdigit() for c in code.group()) or _is_phone(text, code):
            continue  # 発信番号090-…: the telephone recogniser has it
        if code.group().isdigit() and len(code.group()) <= 2:
            continue  # No.1, 写真番号1～24: the rows of a list
        if label.group().strip().startswith("#") and code.group() in _SHORT_DIALS:
            continue  # #9110: the police advice line
        if bare and not _looks_like_case_code(code.group()):
            continue  # この番号は2025年から: only a code is read after a bare 番号
        if _COUNTED.match(text, code.end()):
            continue  # 受付番号(8桁): a count, not a number
        yield from chains.start(code, "number after a label")
    for label in _BARE_LABEL.finditer(text):
        code = _CASE_CODE.match(text, label.end())
        if code is None or not _looks_like_case_code(code.group()) or _is_phone(text, code):
            continue
        if not _COUNTED.match(text, code.end()):  # 受付:4月-6月 is a period
            yield from chains.start(code, "number after a label")
    for match in _COURT_CASE.finditer(text):
        yield Span(match.start(), match.end(), Kind.CASE_NUMBER, "court case number")
    for match in _UNLABELLED_CODE.finditer(text):
        if _reads_as_a_reference(text, match):
            yield from chains.start(match, "reference code")
    for match in _SERIAL.finditer(text):
        if _reads_as_a_serial(text, match):
            yield from chains.start(match, "serial number")
    for match in _DOCUMENT_NUMBER.finditer(text):
        if _INSURED.match(text, match.end()) or _ROOM.match(text, match.end()):
            continue  # 第1号被保険者 is a class of insured people; 第1007号法廷 a courtroom
        if not _NOT_DOCUMENT.search(match.group(1)):
            yield from chains.start(match, "document number")
