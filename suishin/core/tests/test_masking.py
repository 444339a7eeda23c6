"""The personal-data detector: the issue's recall targets, typed placeholders, and masking
that is stable when repeated."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from suishin.core.choices import MaskKindChoices as Kind
from suishin.core.masking import (
    PLACEHOLDERS,
    apply_masks,
    find_personal_data,
    mask,
    my_number_is_valid,
)
from suishin.devtools.core import masking_eval

IDENTIFIERS = (
    Kind.MY_NUMBER,
    Kind.LICENCE,
    Kind.PLATE,
    Kind.CASE_NUMBER,
    Kind.PHONE,
    Kind.EMAIL,
    Kind.BIRTH_DATE,
)
PASSAGES = masking_eval.load_corpus()


def test_the_corpus_is_large_enough_and_labelled() -> None:
    assert len(PASSAGES) >= 200
    kinds = {entity.kind for passage in PASSAGES for entity in passage.entities}
    assert kinds == set(Kind.values)
    for passage in PASSAGES:
        for entity in passage.entities:
            assert passage.text[entity.start : entity.end] == entity.text


def test_the_detector_keeps_its_level_on_the_development_corpus() -> None:
    """A guard against regressions, at the level measured when the last passages were added
    (docs/benchmarks.md): the corpus holds independently written passages whose remaining
    misses have no general rule yet, so identifiers are not all at 1.00 here."""
    report = masking_eval.evaluate(PASSAGES, ner=False)
    for kind in IDENTIFIERS:
        # Case numbers: the fifth independent set writes many only as bare serials far from
        # any label (うち7558459、7558460は…), read at 0.95 on the whole corpus.
        floor = 0.95 if kind == Kind.CASE_NUMBER else 0.97
        assert report.scores[kind].recall >= floor, kind
    assert report.scores[Kind.NAME].recall >= 0.97
    assert report.scores[Kind.ADDRESS].recall >= 0.98
    # Precision: the sixth set's writer labels no block an office names as a place of work
    # (栄町5丁目付近 in a parking-enforcement table), which the detector now masks.
    assert masking_eval.totals(report).precision >= 0.985


def test_each_kind_gets_its_own_placeholder() -> None:
    text = (
        "被疑者山田太郎（昭和58年4月12日生）、住所東京都新宿区西新宿二丁目8番1号、"
        "電話090-1234-5678、メールt.yamada@example.jp、個人番号526018159084、"
        "免許証番号301234567890、車両品川 300 あ 12-34、事件番号R6-刑-0456。"
    )
    assert mask(text) == (
        "被疑者［氏名］（［生年月日］生）、住所［住所］、電話［電話番号］、"
        "メール［メールアドレス］、個人番号［個人番号］、免許証番号［免許証番号］、"
        "車両［車両番号］、事件番号［事件番号］。"
    )


def test_full_width_digits_are_found_at_their_own_offsets() -> None:
    text = "連絡先は０９０－５５５５－６６６６です。"
    [finding] = find_personal_data(text)
    assert finding.kind == Kind.PHONE
    assert text[finding.start : finding.end] == "０９０－５５５５－６６６６"


def test_dates_and_numbers_that_are_not_personal_are_left_alone() -> None:
    text = "令和6年5月3日午後3時頃、道路交通法第72条第1項に基づき110番通報を受理した。内線3201。"
    assert find_personal_data(text) == []


def test_the_my_number_check_digit() -> None:
    assert my_number_is_valid("526018159084")
    assert not my_number_is_valid("526018159085")
    assert not my_number_is_valid("52601815908")


def test_the_editor_can_undo_one_replacement() -> None:
    text = "佐藤花子さんの連絡先は090-1234-5678。"
    findings = find_personal_data(text)
    assert [f.kind for f in findings] == [Kind.NAME, Kind.PHONE]
    kept = [f for f in findings if f.kind != Kind.NAME]
    assert apply_masks(text, kept) == "佐藤花子さんの連絡先は［電話番号］。"


def test_a_finding_for_text_that_changed_is_not_applied() -> None:
    findings = find_personal_data("佐藤花子さん")
    assert apply_masks("別の文章です", findings) == "別の文章です"


def test_placeholders_are_never_detected_again() -> None:
    text = "".join(PLACEHOLDERS.values()) + "さんと［氏名］容疑者、氏名：［氏名］"
    assert find_personal_data(text) == []


def test_masking_any_corpus_passage_twice_changes_nothing() -> None:
    """Every passage, not a sample: a placeholder must never become a cue (［生年月日］) or leave
    half a name for the second pass to find."""
    changed = [p.text for p in PASSAGES if mask(mask(p.text)) != mask(p.text)]
    assert changed == []


def test_a_name_glued_to_an_address_before_it_is_masked_in_the_first_pass() -> None:
    """Found by the property below: the e-mail address took the A, and the katakana name left
    over was dropped, to be found only by a second pass."""
    text = "課 info@police.example.jpAｶﾜｲ様　受付"
    assert mask(text) == "課 ［メールアドレス］［氏名］様　受付"


_fragments = st.sampled_from([passage.text for passage in PASSAGES])


@settings(max_examples=60, deadline=None)
@given(st.lists(_fragments, min_size=1, max_size=3), st.text(max_size=20))
def test_masking_twice_changes_nothing(parts: list[str], noise: str) -> None:
    text = noise.join(parts)
    once = mask(text)
    assert mask(once) == once


def _found(text: str, **options: object) -> list[tuple[str, str]]:
    return [(f.text, f.kind) for f in find_personal_data(text, **options)]  # type: ignore[arg-type]


def test_typed_dashes_and_half_width_kana_are_masked_exactly_as_written() -> None:
    text = "届出人ﾊﾔｼ ﾐﾕｷ、電話０９０ｰ１２３４ー５６７８、〒５１８ｰ０８７３。"
    assert _found(text) == [
        ("ﾊﾔｼ ﾐﾕｷ", Kind.NAME),
        ("０９０ｰ１２３４ー５６７８", Kind.PHONE),
        ("〒５１８ｰ０８７３", Kind.ADDRESS),
    ]
    assert mask(text) == "届出人［氏名］、電話［電話番号］、［住所］。"


def test_names_in_narrative_are_masked_whole() -> None:
    text = "共犯者松尾・入江の両名は、佐々木 ゆうと君と会っていた。口座名義はSato Kenji。"
    assert _found(text) == [
        ("松尾", Kind.NAME),
        ("入江", Kind.NAME),
        ("佐々木 ゆうと", Kind.NAME),
        ("Sato Kenji", Kind.NAME),
    ]


def test_plates_postal_codes_birth_dates_and_case_numbers_in_their_other_forms() -> None:
    text = (
        "車両は袖ケ浦 500 あ 3-45、原付は八王子市 あ 1234。生年月日H9/11/28、"
        "S58.3.4生。相談票番号2025-相-0112、令和7年(家イ)第308号。"
    )
    assert _found(text) == [
        ("袖ケ浦 500 あ 3-45", Kind.PLATE),
        ("八王子市 あ 1234", Kind.PLATE),
        ("H9/11/28", Kind.BIRTH_DATE),
        ("S58.3.4", Kind.BIRTH_DATE),
        ("2025-相-0112", Kind.CASE_NUMBER),
        ("令和7年(家イ)第308号", Kind.CASE_NUMBER),
    ]


def test_words_that_only_look_like_personal_data_are_left_alone() -> None:
    text = (
        "令和7年4月1日生活安全課に配置換えとなり、様式第3号を出した。男性容疑者は逃走し、"
        "新任巡査が追った。森町の佐藤病院に搬送。国道16号の2番窓口。"
    )
    assert _found(text) == []


def test_words_added_by_editors_are_found_next_time() -> None:
    text = "通報は本町交差点から、甲斐田組の者とのことだった。"
    assert _found(text) == []
    assert _found(text, known=[("甲斐田組", Kind.NAME), ("本町交差点", Kind.ADDRESS)]) == [
        ("本町交差点", Kind.ADDRESS),
        ("甲斐田組", Kind.NAME),
    ]


def test_normalisation_maps_every_character_back() -> None:
    from suishin.core.masking.normalize import normalize

    text = "ｶﾞｲﾄﾞ　０３ｰ１２３４"
    normalized = normalize(text)
    assert normalized.text == "ガイド 03-1234"
    start = normalized.text.index("03")
    assert normalized.original_span(start, len(normalized.text)) == (len("ｶﾞｲﾄﾞ　"), len(text))


def test_the_named_entity_model_reads_only_words_no_recogniser_explained() -> None:
    from suishin.core.masking import persons
    from suishin.core.masking.engine import tokenize
    from suishin.core.masking.spans import Span

    text = "本日、山田太郎さんから電話があり、書類を受け取った。その後、窓口で勅使河原と話した。"
    words = tokenize(text)
    nothing_explained = persons.windows(words, [])
    assert nothing_explained, "both names are words the model should read"
    names = [Span(text.index(n), text.index(n) + len(n), Kind.NAME, "") for n in ("山田太郎",)]
    one_left = persons.windows(words, names)
    read = "".join(w.surface for a, b in one_left for w in words[a:b])
    assert "勅使河原" in read
    assert "山田" not in read
    everything = names + [Span(text.index("勅使河原"), text.index("勅使河原") + 4, Kind.NAME, "")]
    assert persons.windows(words, everything) == []


def test_the_model_skips_words_that_only_look_like_names() -> None:
    from suishin.core.masking import persons
    from suishin.core.masking.engine import tokenize

    plain = "令和7年12月10日、SNSのチャットでメールとナンバーの件を 3201 番に伝えた。"
    assert persons.windows(tokenize(plain), []) == []
    # A one-character surname and a katakana name are still read.
    for text, name in (("昨日、林が来た。", "林"), ("相手はハヤシと名乗った。", "ハヤシ")):
        words = tokenize(text)
        read = "".join(w.surface for a, b in persons.windows(words, []) for w in words[a:b])
        assert name in read


def test_surnames_after_words_for_people_and_before_their_data() -> None:
    text = (
        "臨場した巡査が男性松本、女性宇野から聴取した。違反者の岸から申出。委員大川が質問した。"
        "大橋の住民票を確認した。森、林、原、関の4名は同じグループ。"
        "「ケンちゃん」と呼ばれる男がいた。通訳人レ・ティ・ランを介した。"
    )
    assert _found(text) == [
        ("松本", Kind.NAME),
        ("宇野", Kind.NAME),
        ("岸", Kind.NAME),
        ("大川", Kind.NAME),
        ("大橋", Kind.NAME),
        ("森", Kind.NAME),
        ("林", Kind.NAME),
        ("原", Kind.NAME),
        ("関", Kind.NAME),
        ("ケンちゃん", Kind.NAME),
        ("レ・ティ・ラン", Kind.NAME),
    ]


def test_common_words_next_to_people_words_are_not_names() -> None:
    text = "高齢運転者対策を説明した。お疲れ様です。鈴木商店さんに依頼済み。行方不明者届を受理。"
    assert _found(text) == []


def test_numbers_in_the_ways_offices_write_them() -> None:
    text = (
        "免許証の番号は45 20 115602 90。発信番号080-4417-2093。平成三十年一月十日生。"
        "1960(昭和35)年6月18日生まれ。昭和10年生まれ。拾得物件番号2025-拾-05521～2025-拾-05524。"
        "県警本第1234号及び県警交第567号。道路交通法第71条第5号。"
    )
    assert _found(text) == [
        ("45 20 115602 90", Kind.LICENCE),
        ("080-4417-2093", Kind.PHONE),
        ("平成三十年一月十日", Kind.BIRTH_DATE),
        ("1960(昭和35)年6月18日", Kind.BIRTH_DATE),
        ("昭和10年", Kind.BIRTH_DATE),
        ("2025-拾-05521", Kind.CASE_NUMBER),
        ("2025-拾-05524", Kind.CASE_NUMBER),
        ("県警本第1234号", Kind.CASE_NUMBER),
        ("県警交第567号", Kind.CASE_NUMBER),
    ]


def test_rural_and_building_addresses() -> None:
    text = (
        "現場は堺市北区中百舌鳥町2丁112番地。東伊豆町稲取3357先の町道。大字上野5丁118の民家。"
        "美瑛町字美馬牛北2線3357。横浜市西区みなとみらい2丁目3番1号 クイーンズタワーA 15階。"
        "古河市長谷町38番18号 コーポ長谷2階B。原付さいたま市 う 7712。"
    )
    assert _found(text) == [
        ("堺市北区中百舌鳥町2丁112番地", Kind.ADDRESS),
        ("東伊豆町稲取3357", Kind.ADDRESS),
        ("大字上野5丁118", Kind.ADDRESS),
        ("美瑛町字美馬牛北2線3357", Kind.ADDRESS),
        ("横浜市西区みなとみらい2丁目3番1号 クイーンズタワーA 15階", Kind.ADDRESS),
        ("古河市長谷町38番18号 コーポ長谷2階B", Kind.ADDRESS),
        ("さいたま市 う 7712", Kind.PLATE),
    ]


def test_the_named_entity_model_finds_what_the_patterns_cannot() -> None:
    text = "静岡県富士宮市大宮町14-2在住の佐野から、隣家の犬の鳴き声についての相談。"
    assert ("佐野", Kind.NAME) not in _found(text, ner=False)
    found = find_personal_data(text, ner=True)
    assert ("佐野", Kind.NAME, "GiNZA Person") in [(f.text, f.kind, f.reason) for f in found]


def test_a_value_found_in_one_field_is_masked_in_every_field() -> None:
    from suishin.core.masking.fields import mask_fields

    texts = {
        "title": "勝又モデルの展開",
        "summary": "担当の勝又さんが中心となった。",
        "lessons": "",
    }
    assert mask_fields(texts) == {
        "title": "［氏名］モデルの展開",
        "summary": "担当の［氏名］さんが中心となった。",
        "lessons": "",
    }


def test_what_follows_an_address_does_not_unmask_it() -> None:
    text = "大阪市北区梅田1-1-1 で3人が負傷。横浜市西区平沼1-2-3 において10時ころ。"
    assert _found(text) == [
        ("大阪市北区梅田1-1-1", Kind.ADDRESS),
        ("横浜市西区平沼1-2-3", Kind.ADDRESS),
    ]


def test_ordinary_office_phrases_are_left_alone() -> None:
    text = (
        "本市においては2, 3の課題がある。同市内の電柱12付近。バス・タクシー事業者とテロ・ゲリラ対策。"
        "2023年生態系調査。平成12年生まれ以降の世代。秋田・山形・福島の3名。介護保険第1号被保険者。"
        "官報第1234号。受理番号2025-001から3日以内に回答する。"
    )
    assert _found(text) == [("2025-001", Kind.CASE_NUMBER)]


def test_a_name_found_once_is_masked_wherever_it_is_written() -> None:
    text = "勝又と会った。勝又所有の車両、勝又名義の口座。昨日勝又と話した。"
    assert _found(text) == [("勝又", Kind.NAME)] * 4


def test_numbers_joined_by_及び_are_both_masked() -> None:
    text = "拾得物件番号2025-拾-05521及び2025-拾-05522。"
    assert _found(text) == [
        ("2025-拾-05521", Kind.CASE_NUMBER),
        ("2025-拾-05522", Kind.CASE_NUMBER),
    ]


def test_pathological_text_is_read_in_linear_time() -> None:
    """A run of 市 and 町 once took exponential time in the address pattern, a run of name
    particles (de de de …) quadratic time in the romaji one, and every save of a field reads it. Not a speed target: these take about 0.05 s each, backtracking like the
    old pattern's would take hours, and the bound is far from both."""
    import time

    started = time.process_time()
    for text in ("市" * 2000, "町村" * 1000, "市区町村" * 500, "de " * 8000):
        find_personal_data(text)
    assert time.process_time() - started < 5


def test_dates_of_birth_as_lists_tables_and_foreign_documents_write_them() -> None:
    text = (
        "①寺田 浩二 S40.2.2 ②寺田 真理子 S42.7.16。被害者東 美咲（2001(H13).7.14）。"
        "born 05-11-1990。生年月日 1978 05 21。誕生日：12月25日。前科照会 野口 誠 S49・3・3 該当なし。"
    )
    births = [text_ for text_, kind in _found(text) if kind == Kind.BIRTH_DATE]
    assert births == [
        "S40.2.2",
        "S42.7.16",
        "2001(H13).7.14",
        "05-11-1990",
        "1978 05 21",
        "12月25日",
        "S49・3・3",
    ]
    # An event date after a name is not a birth date.
    assert _found("山田、令和7年9月1日に来署。") == [("山田", Kind.NAME)]


def test_case_numbers_in_lists_and_quotes() -> None:
    text = (
        "新規受理：R7-生安-1401（DV）、R7-生安-1402（ストーカー）。受付番号「K25-0098」「K25-0099」。"
        "整理番号：監R7-第031号。文書番号 総第12-3号、総第12-4号。令和元年(わ)第16号。"
    )
    assert [t for t, kind in _found(text) if kind == Kind.CASE_NUMBER] == [
        "R7-生安-1401",
        "R7-生安-1402",
        "K25-0098",
        "K25-0099",
        "監R7-第031号",
        "総第12-3号",
        "総第12-4号",
        "令和元年(わ)第16号",
    ]


def test_list_markers_do_not_join_the_numbers_they_number() -> None:
    text = "個人番号は次のとおり。①819997605739（本人）②547676274781（配偶者）"
    assert [kind for _, kind in _found(text)] == [Kind.MY_NUMBER, Kind.MY_NUMBER]


def test_names_in_forms_lists_and_introductions() -> None:
    text = (
        "名簿：青山 心、江口 颯。被疑者林 大地について。運転免許センターの古川です。"
        "出席：南委員、東委員長。北署長も出席。通称「ハジメ」。通訳人 ハサン＝アリ。"
        "被疑者Kim Min-jun、PEREIRA DA SILVA Lucas。"
    )
    assert [t for t, kind in _found(text) if kind == Kind.NAME] == [
        "青山 心",
        "江口 颯",
        "林 大地",
        "古川",
        "南",
        "東",
        "ハジメ",
        "ハサン＝アリ",
        "Kim Min-jun",
        "PEREIRA DA SILVA Lucas",
    ]


def test_laws_periods_counts_and_places_in_office_text_are_left_alone() -> None:
    text = (
        "条例（通称「迷惑防止条例」）違反。件数は川口市では計12、越谷市では計8。横浜市では平日8:30から。"
        "文責：田中（令和7年10月1日）。東京生まれの被疑者を2018年3月5日に逮捕した。"
        "生年月日の誤記はH28・29・30年度に各1件。受付:4月-6月。部屋の番号は305です。"
        "この番号は2025年から使用。受付番号(8桁)を入力。受付番号 1205、2025年4月1日付け。"
        "集合場所：東 ゲート、西 ゲート。逃走方向は交差点の北です。次回の会場は、品川です。"
        "「神奈川県警察」というアカウント。木村ら3名で臨場。2025年第10号台風。誕生日訪問は9月15日。"
    )
    assert _found(text) == [("田中", Kind.NAME), ("1205", Kind.CASE_NUMBER), ("木村", Kind.NAME)]


def test_a_long_list_of_numbers_is_read_once() -> None:
    """Each number of a list starts no chain of its own (a list of N cost N² before)."""
    from suishin.core.masking.numbers import case_numbers

    text = "文書番号 " + "総第1号、" * 800
    assert len(list(case_numbers(text))) == 800


def test_values_in_tables_are_read_by_their_column() -> None:
    one_line = "【案件管理表】案件番号｜相談者｜担当　C-2025-118｜浅野 文香｜杉浦　C-2025-119｜土屋 秀人｜関口"
    assert _found(one_line) == [
        ("C-2025-118", Kind.CASE_NUMBER),
        ("浅野 文香", Kind.NAME),
        ("杉浦", Kind.NAME),
        ("C-2025-119", Kind.CASE_NUMBER),
        ("土屋 秀人", Kind.NAME),
        ("関口", Kind.NAME),
    ]
    lines = "受付番号\t品名\t拾得日\t拾得者\nA-12\t財布\t3月4日\t山本 勇様\nA-13\t傘\t3月5日\t匿名"
    assert _found(lines) == [
        ("A-12", Kind.CASE_NUMBER),
        ("山本 勇", Kind.NAME),
        ("A-13", Kind.CASE_NUMBER),
    ]
    people = (
        "氏名\t生年月日\t住所\n林太郎\t1980/1/2\t浜松市中区元城町103-2\n森\t昭和50年3月4日\t不明"
    )
    assert [kind for _, kind in _found(people)] == [
        Kind.NAME,
        Kind.BIRTH_DATE,
        Kind.ADDRESS,
        Kind.NAME,
        Kind.BIRTH_DATE,
    ]
    # Columns whose values are not personal data stay as they are.
    assert _found("区分\t件数\t備考\n窃盗\t12\t前年比増\n詐欺\t3\tなし") == []


def test_a_birth_date_after_a_reading_or_later_in_its_sentence() -> None:
    text = "被相談者　斎藤 隼人（さいとう はやと）　H6.11.3　自称会社役員"
    assert ("H6.11.3", Kind.BIRTH_DATE) in _found(text)
    later = "生年月日を確認したところ、住民票上は平成3年2月28日となっていた。"
    assert _found(later) == [("平成3年2月28日", Kind.BIRTH_DATE)]
    # A date of this era after the cue is when something happened.
    assert _found("生年月日の記載漏れについて、令和7年3月1日に連絡した。") == []


def test_given_names_that_are_ordinary_words_are_masked_with_their_surname() -> None:
    text = "課長 須田 英明、子ども（谷 悠人、小4）、名簿：市川 湊斗、現在は岡山という男と同居。"
    assert [t for t, kind in _found(text) if kind == Kind.NAME] == [
        "須田 英明",
        "谷 悠人",
        "市川 湊斗",
        "岡山",
    ]
    assert _found("田中 本人、鈴木 警部補、森 様") == [
        ("田中", Kind.NAME),
        ("鈴木", Kind.NAME),
        ("森", Kind.NAME),
    ]


def test_references_written_without_a_label_or_after_a_tab() -> None:
    text = (
        "行方不明者届（行-R6-0312）を解除。「2024刑-0789の件で」。別件（福山西-R6-0261、福山東-R6-0412）。"
        "件名：児相ケースCA-24-0178。事故番号\tR06-交-1552。受理No.ひ-0704-09。防犯登録 茨-J0482216。"
        "受付番号0000731から0000735まで。"
    )
    assert [t for t, kind in _found(text) if kind == Kind.CASE_NUMBER] == [
        "行-R6-0312",
        "2024刑-0789",
        "福山西-R6-0261",
        "福山東-R6-0412",
        "CA-24-0178",
        "R06-交-1552",
        "ひ-0704-09",
        "茨-J0482216",
        "0000731",
        "0000735",
    ]
    # Rooms, models, routes, the advice line and list rows are not references.
    assert _found("西浦寮A-305の前。B-52型。国道-1234。#9110へ。写真番号1～24。ISO-9001。") == []


def test_buildings_continuations_and_rural_addresses() -> None:
    text = (
        "住所は札幌市中央区北3条西18丁目2-7 サンライズ北3条502、東京都新宿区大久保2丁目18番6号 "
        "第2大久保荘201、愛知県豊田市保見ヶ丘3丁目1番地 保見団地22棟1406号。下地は沖縄県宮古島市"
        "城辺字福里1200番地の3、砂川は同市平良字東仲宗根807番地。長野県諏訪市湖岸通り二丁目6番に住む。"
    )
    assert [t for t, kind in _found(text) if kind == Kind.ADDRESS] == [
        "札幌市中央区北3条西18丁目2-7 サンライズ北3条502",
        "東京都新宿区大久保2丁目18番6号 第2大久保荘201",
        "愛知県豊田市保見ヶ丘3丁目1番地 保見団地22棟1406号",
        "沖縄県宮古島市城辺字福里1200番地の3",
        "同市平良字東仲宗根807番地",
        "長野県諏訪市湖岸通り二丁目6番",
    ]


def test_birth_dates_in_rows_lists_corrections_and_children() -> None:
    row = "世帯主\t河野 正志\tS42.6.3\t妻\t河野 ルミ\tS45.1.21"
    assert [t for t, kind in _found(row) if kind == Kind.BIRTH_DATE] == ["S42.6.3", "S45.1.21"]
    listed = "対象児生年月日\tR2.10.5\tR3.1.29\t令和元年5月1日。有効期間 R6.10.1～R7.9.30"
    assert [t for t, kind in _found(listed) if kind == Kind.BIRTH_DATE] == [
        "R2.10.5",
        "R3.1.29",
        "令和元年5月1日",
    ]
    corrected = "生年月日が昭和39年8月31日、申請書は昭和39年3月31日となっていた。"
    assert [kind for _, kind in _found(corrected)] == [Kind.BIRTH_DATE, Kind.BIRTH_DATE]
    others = "申請者 大谷 芳郎（町内会長、S21.5.5）。ほのかちゃん（R3.4.10）。北条 さくら（二〇〇一年六月十日生）。"
    births = [t for t, kind in _found(others) if kind == Kind.BIRTH_DATE]
    assert births == ["S21.5.5", "R3.4.10", "二〇〇一年六月十日"]
    assert _found("野口 キミさん（昭和十年生）、ﾀｶｼﾏ ｹｲｺ（昭和60年5月生）")[1::2] == [
        ("昭和十年", Kind.BIRTH_DATE),
        ("昭和60年5月", Kind.BIRTH_DATE),
    ]


def test_names_in_other_scripts_and_words_sudachi_misreads() -> None:
    text = "氏名 KIM Minjun（金玟俊）。LEE Seo-yeon（이서연、李瑞妍）韓国籍。Alves da Silva Roberto 来署。"
    assert [t for t, kind in _found(text) if kind == Kind.NAME] == [
        "KIM Minjun",
        "金玟俊",
        "LEE Seo-yeon",
        "이서연",
        "李瑞妍",
        "Alves da Silva Roberto",
    ]
    misread = "申立人 尾崎 京子。原判決 令和5年。四条烏丸付近。マイナ免許証。I lost my wallet at Nagoya Station."
    assert [t for t, kind in _found(misread) if kind == Kind.NAME] == ["尾崎 京子"]
    assert _found("ジェームズ（James O'Brien、アイルランド）")[:2] == [
        ("ジェームズ", Kind.NAME),
        ("James O'Brien", Kind.NAME),
    ]


def test_numbers_in_ranges_permits_and_later_mentions() -> None:
    text = (
        "照会番号#33021〜#33025の回答書。許可番号 三公委（古）第3311号。銃砲所持許可証の番号は第5678号。"
        "児手-0903-2の申請者。受付番号0000731から0000735まで、うち0000733は未成年。騒音苦情 #4471"
    )
    assert [t for t, kind in _found(text) if kind == Kind.CASE_NUMBER] == [
        "33021",
        "33025",
        "三公委（古）第3311号",
        "第5678号",
        "児手-0903-2",
        "0000731",
        "0000735",
        "0000733",
        "4471",
    ]
    assert _found("警察相談専用電話（#9110）。受付番号 1205、2025年4月1日付け。") == [
        ("1205", Kind.CASE_NUMBER)
    ]


def test_surnames_after_ranks_offices_relations_and_before_what_is_done_with_them() -> None:
    text = (
        "当該勤務員は巡査梅田 拓。母岩城 杏奈さんから電話。代替勤務は第3係の小池が担当。生安少年係 丸山へ連絡。"
        "雨宮名義のキャッシュカード。大河内から押収した携帯。中野に貸した金。下地の住居は同市平良字東仲宗根807番地。"
    )
    assert [t for t, kind in _found(text) if kind == Kind.NAME] == [
        "梅田 拓",
        "岩城 杏奈",
        "小池",
        "丸山",
        "雨宮",
        "大河内",
        "中野",
        "下地",
    ]
    assert (
        _found("交通課長が説明した。生活安全課の担当が対応。東京に電話した。名義変更の手続。") == []
    )


def test_names_in_messages_minutes_juvenile_records_and_narrative() -> None:
    assert [t for t, _ in _found("林から森へ：明日の当直、関と交代。平野→加藤 了解")] == [
        "林",
        "森",
        "関",
        "平野",
        "加藤",
    ]
    assert _found("事務局（宮下）：はい。会長（本庄）：では。様式（第3号）：記載例。") == [
        ("宮下", Kind.NAME),
        ("本庄", Kind.NAME),
    ]
    juvenile = "少年補導票　翔太（16）　同行 蓮（15）、少年 りく（中学2年）。傘（1本）、男児（4）、無職（52）"
    assert [t for t, _ in _found(juvenile)] == ["翔太", "蓮", "りく"]
    narrative = "父 菅野 勇（昭和18年2月9日生）。勇は認知症。勇気を出した。HungとTuanは同僚。拾得者 ヤマネ。"
    names = [t for t, kind in _found(narrative) if kind == Kind.NAME]
    assert names == ["菅野 勇", "勇", "Hung", "Tuan", "ヤマネ"]
    places = (
        "福島は秋田から預かった鍵を岡山に渡したと供述。長野へ向かった。I lost it at Nagoya Station."
    )
    assert [t for t, _ in _found(places)] == ["福島", "秋田", "岡山"]


def test_what_follows_a_foreign_name_in_brackets_is_not_always_a_name() -> None:
    text = "Sitti Aminah（インドネシア）、Emily Clarke（英国籍）、SATO Kenji（英字表記）。窓口メモ（島袋）：転入。"
    assert [t for t, _ in _found(text)] == ["Sitti Aminah", "Emily Clarke", "SATO Kenji", "島袋"]
    assert _found(
        "男はリュウ（劉）と名乗った。申請者 荒木 誠一（荒木農園代表）。Kelly（源氏名）"
    ) == [
        ("リュウ", Kind.NAME),
        ("劉", Kind.NAME),
        ("荒木 誠一", Kind.NAME),
        ("Kelly", Kind.NAME),
    ]


def test_plates_buildings_and_municipal_words() -> None:
    text = (
        "二輪 青森 は 51-08、原付 京都市 は 8806。福岡市博多区博多駅南四丁目3番8号、サンシャイン博多南502号室。"
        "河井町18部42番地 応急仮設住宅5号棟3号。同市字北吸1044番地の2か所。平成の大合併で市町村数が71から30に。"
    )
    assert [(t, kind) for t, kind in _found(text)] == [
        ("青森 は 51-08", Kind.PLATE),
        ("京都市 は 8806", Kind.PLATE),
        ("福岡市博多区博多駅南四丁目3番8号、サンシャイン博多南502号室", Kind.ADDRESS),
        ("河井町18部42番地 応急仮設住宅5号棟3号", Kind.ADDRESS),  # 輪島's 部, with its block
        ("同市字北吸1044番地", Kind.ADDRESS),
    ]


def test_a_birth_told_later_in_the_sentence_and_references_with_an_era_and_office() -> None:
    text = "私、安西 光は、平成4年3月30日、北海道函館市本町24番1号で生まれました。同人は昭和37年に大島町で生まれ、"
    assert [t for t, kind in _found(text) if kind == Kind.BIRTH_DATE] == [
        "平成4年3月30日",
        "昭和37年",
    ]
    assert _found("平成4年3月30日に受理した。") == []
    assert _found("受理番号 R6生安-00551、関連事件 R6生安-00498。") == [
        ("R6生安-00551", Kind.CASE_NUMBER),
        ("R6生安-00498", Kind.CASE_NUMBER),
    ]


def test_compact_plates_document_lists_and_children_in_brackets() -> None:
    text = (
        "車両（練馬300て200）と二輪（郡山ひ101）、豊橋33Aち6304。住所 石川県かほく市高松ヲ19番地1。"
        "令和5年8月7日付け新田署長発第156号。旭署長発第02号及び旭署長発第03号、上記03号の対象者。"
        "長女陽菜（R02.03.27）。相談者中川沙織（昭和55年（1980年）8月22日）。免許No.2387  6335  9130"
    )
    assert [(t, kind) for t, kind in _found(text) if kind != Kind.NAME] == [
        ("練馬300て200", Kind.PLATE),
        ("郡山ひ101", Kind.PLATE),
        ("豊橋33Aち6304", Kind.PLATE),
        ("石川県かほく市高松ヲ19番地1", Kind.ADDRESS),
        ("新田署長発第156号", Kind.CASE_NUMBER),
        ("旭署長発第02号", Kind.CASE_NUMBER),
        ("旭署長発第03号", Kind.CASE_NUMBER),
        ("03号", Kind.CASE_NUMBER),
        ("R02.03.27", Kind.BIRTH_DATE),
        ("昭和55年（1980年）8月22日", Kind.BIRTH_DATE),
        ("2387  6335  9130", Kind.LICENCE),
    ]
    # In a table row the next date is another column's (有効期限), not a second birth date.
    row = "氏名\t生年月日\t有効期限\n林 一郎\t1946/04/23\t令和8年6月11日"
    assert [t for t, kind in _found(row) if kind == Kind.BIRTH_DATE] == ["1946/04/23"]


def test_nothing_that_loses_an_overlap_is_left_readable() -> None:
    """Found in a review: an address whose room was read as a number, one-character names at
    the end of a sentence, a given name that is also a word, and a table masked twice."""
    text = "神戸市中央区港島1-1 #1205に居住。通報してきたのは蓮。現場には翔・葵がいた。連絡者:湊"
    masked = mask(text)
    for value in ("港島", "蓮", "翔", "葵", "湊"):
        assert value not in masked
    assert mask(masked) == masked
    assert [t for t, _ in _found("佐藤 准は否認。巡査長 木村 准。")] == ["佐藤 准", "木村 准"]
    table = "案件番号｜相談者｜備考　C-2025-118｜浅野 文香｜再来 C-2025-119｜森 光｜初回"
    assert mask(mask(table)) == mask(table)
    assert "初回" in mask(table)
    # Not a plate: a time and a year after a place.
    assert Kind.PLATE not in [k for _, k in _found("長野 に 30分遅れた。宮城 は 2011年に。")]


def test_a_birth_date_written_again_in_another_form_is_masked_too() -> None:
    text = "Date of birth: 11/02/1985。旅券上は 11 Feb 1985、和暦換算 昭和60年2月11日。来庁日 2025年2月11日。"
    found = [t for t, kind in _found(text) if kind == Kind.BIRTH_DATE]
    assert found == ["11/02/1985", "11 Feb 1985", "昭和60年2月11日"]  # not the visit, same day
    assert _found("生年月日が「19850307」と入力されていた。正しくは1985年3月7日。") == [
        ("19850307", Kind.BIRTH_DATE),
        ("1985年3月7日", Kind.BIRTH_DATE),
    ]


def test_twelve_digits_take_the_kind_said_after_them_or_the_case_label_before() -> None:
    text = "注意：5391-0586-6506（個人番号）と4621 3316 8180（運転免許証番号）。"
    assert _found(text) == [
        ("5391-0586-6506", Kind.MY_NUMBER),
        ("4621 3316 8180", Kind.LICENCE),
    ]
    notice = "個人番号カード交付通知書　交付番号 5805-6306-6141　交付場所 市民課窓口"
    assert ("5805-6306-6141", Kind.CASE_NUMBER) in _found(notice)


def test_serials_ranges_and_numbered_codes_written_without_a_label() -> None:
    cases = [
        (
            "以下の通報を確認：0926-6737、0926-1868。6737の方で処理。",
            ["0926-6737", "0926-1868", "6737"],
        ),
        ("報告書（2024-9507）中、誤記あり。", ["2024-9507"]),
        ("添付：2025-44898_申請書.pdf", ["2025-44898"]),
        (
            "受理番号2022-7558456から2022-7558463までは一括提出分。うち7558459、7558460は判明。",
            ["2022-7558456", "2022-7558463", "7558459", "7558460"],
        ),
        ("事故番号 第R4-交-17254号　発生", ["第R4-交-17254号"]),
        ("拾得物第二〇二四－三九一五号の権利を放棄します。", ["拾得物第二〇二四－三九一五号"]),
        ("許可番号 （般-7）第24683号（更新）", ["（般-7）第24683号"]),
        ("管理番号 2025 483 1407（スペース入り）", ["2025 483 1407"]),
    ]
    for text, expected in cases:
        assert [t for t, kind in _found(text) if kind == Kind.CASE_NUMBER] == expected, text
    # Not serials: a period of years, a postal code, a count.
    for text in ("2023-2024年度の計画", "郵便番号 518-0873", "1-1000件を処理"):
        assert Kind.CASE_NUMBER not in [kind for _, kind in _found(text)], text


def test_a_year_of_birth_with_頃_or_after_生年() -> None:
    text = "工藤（自称会社員・S56.10頃生）、大塚（無職・昭和30年頃生）。萩原の生年は昭和58年。"
    assert [t for t, kind in _found(text) if kind == Kind.BIRTH_DATE] == [
        "S56.10",
        "昭和30年",
        "昭和58年",
    ]
    for student in ("大3生の息子", "M2生として在籍", "S4生産ライン"):
        assert Kind.BIRTH_DATE not in [kind for _, kind in _found(student)], student


def test_addresses_as_the_sixth_writer_typed_them() -> None:
    cases = [
        ("鎌倉市雪ノ下2丁目周辺を警ら", "鎌倉市雪ノ下2丁目"),
        ("土地所在千葉県八街市八街ほ235番地、所有者", "千葉県八街市八街ほ235番地"),
        (
            "被災住家岩手県下閉伊郡山田町織笠第10地割37番地　避難先",
            "岩手県下閉伊郡山田町織笠第10地割37番地",
        ),
        ("石川県輪島市河井町2部198番地　坂下", "石川県輪島市河井町2部198番地"),
        ("大阪府堺市南区茶山台1丁3番2-405号　池田", "大阪府堺市南区茶山台1丁3番2-405号"),
        ("旭川市3条通8丁目左2号　鎌田", "旭川市3条通8丁目左2号"),
        ("ｼﾞｭｳｼｮ:ｻｲﾀﾏｹﾝ ｸﾏｶﾞﾔｼ ｶｺﾞﾊﾗ312-5 ｼｬﾘｮｳ", "ｻｲﾀﾏｹﾝ ｸﾏｶﾞﾔｼ ｶｺﾞﾊﾗ312-5"),
        (
            "本国住所Flat 12B, Sector 21, Dwarka, New Delhi 110075, India",
            "Flat 12B, Sector 21, Dwarka, New Delhi 110075, India",
        ),
        (
            "「1420 Elm Avenue, Portland, OR 97205, USAです」",
            "1420 Elm Avenue, Portland, OR 97205, USA",
        ),
    ]
    for text, address in cases:
        assert (address, Kind.ADDRESS) in _found(text), text
    for text in ("手順はネットワーク ケーブル 2-3 を参照", "チェック 3-2 の項目", "本国は未確認"):
        assert Kind.ADDRESS not in [kind for _, kind in _found(text)], text
    # A building read after a space does not swallow the next address's block.
    two = "使用の本拠の位置千葉県袖ケ浦市長浦駅前1-12-5　保管場所の位置同市蔵波台4丁目3番地7"
    assert [t for t, kind in _found(two) if kind == Kind.ADDRESS] == [
        "千葉県袖ケ浦市長浦駅前1-12-5",
        "同市蔵波台4丁目3番地7",
    ]


def test_register_numbers_of_offices_and_residence_cards() -> None:
    cases = [
        ("盗難届長岡署窃R7-0555　星", "長岡署窃R7-0555"),
        ("家出人捜索願宇南生R7-0088", "宇南生R7-0088"),
        ("苦情処理票　苦R7-12　申出者", "苦R7-12"),
        ("在留カードCN55012398KJ　川口市", "CN55012398KJ"),
        ("防犯登録宮崎 M12-44019、所有者", "宮崎 M12-44019"),
    ]
    for text, number in cases:
        assert (number, Kind.CASE_NUMBER) in _found(text), text
    # A place and a house number are not a reference (池ノ内1182-6, 小杉町3-441).
    for text in ("宮崎市大塚町池ノ内1182-6", "川崎市中原区小杉町3-441のタワマン"):
        assert Kind.CASE_NUMBER not in [kind for _, kind in _found(text)], text


_DATE_LIKE = st.text(
    alphabet="〇一二三四五六七八九十元年月日生昭和平成令S.H/-0123456789 ", max_size=30
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_DATE_LIKE, _fragments), min_size=1, max_size=4))
def test_the_detector_never_fails_on_what_is_typed(parts: list[str]) -> None:
    """Found in a review: 平成十十年一月一日 beside a birth date stopped the detector."""
    text = "生年月日 平成十十年一月一日、".join(parts)
    assert isinstance(mask(text), str)  # (masking twice is the property above)


def test_a_birth_date_written_with_an_era_kanji_is_the_same_day_again() -> None:
    found = _found(
        "生年月日 昭55.7.14。和暦換算のとおり1980年7月14日生まれ扱い。平成十十年一月一日"
    )
    assert [t for t, kind in found if kind == Kind.BIRTH_DATE][:2] == ["昭55.7.14", "1980年7月14日"]


def test_passports_accounts_cards_and_bicycle_registrations_are_masked() -> None:
    cases = [
        ("旅券番号はTK5520381、携帯は", "TK5520381"),
        ("旅券（P4418203B）を所持", "P4418203B"),
        ("旅券番号H7QW20K93を確認", "H7QW20K93"),
        ("振込先は普通預金 口座番号3318204、名義", "3318204"),
        ("当座 0077215 名義 ｶﾄｳ", "0077215"),
        ("口座番号 4 4 0 1 9 2 8 に振り込んだ", "4 4 0 1 9 2 8"),
        ("ゆうちょ銀行 記号13360 番号20418837 へ送金", "13360"),
        ("ゆうちょ銀行 記号13360 番号20418837 へ送金", "20418837"),
        ("被保険者証（記号盛南-08 番号41207）を拾得", "盛南-08"),
        ("防犯登録番号秋 2-0418833の自転車", "秋 2-0418833"),
        ("登録は群 A 551902、色は黒", "群 A 551902"),
        ("事故番号　25-人-0417　発生日", "25-人-0417"),
        ("受理番号　R70315-0021　時刻", "R70315-0021"),
        ("保険証券番号［KM-0081127-03］により", "KM-0081127-03"),
    ]
    for text, number in cases:
        assert (number, Kind.CASE_NUMBER) in _found(text), text
    # Seven-digit accounts listed in a sentence about accounts; an amount is not one.
    listed = "凍結した口座は 2210938　0039917 の2口座、被害額は3000000円。"
    found = _found(listed)
    assert ("2210938", Kind.CASE_NUMBER) in found and ("0039917", Kind.CASE_NUMBER) in found
    assert "3000000" not in [text for text, _ in found]
    for text in ("○○銀行の店番号214は統合で変わる", "警察本部長通達第31号により改める"):
        assert Kind.CASE_NUMBER not in [kind for _, kind in _found(text)], text


def test_addresses_in_latin_letters_and_buildings_named_without_a_room() -> None:
    cases = [
        (
            "I live at Flat 12, Maple House, 3-4-18 Higashi-Ueno, Taito-ku, Tokyo. Please",
            "Flat 12, Maple House, 3-4-18 Higashi-Ueno, Taito-ku, Tokyo",
        ),
        (
            "Address: 2-6-1 Tenma, Kita-ku, Osaka 530-0043. Name: Anna",
            "2-6-1 Tenma, Kita-ku, Osaka 530-0043",
        ),
        (
            "以前は大阪府堺市堺区大町東2丁3番4号 ホテル大町に滞在",
            "大阪府堺市堺区大町東2丁3番4号 ホテル大町",
        ),
        (
            "長野県松本市中央1丁目4番20号 中央第二ビル三階の事務所",
            "長野県松本市中央1丁目4番20号 中央第二ビル三階",
        ),
        (
            "北海道帯広市西3条南8丁目12番地 ひばりロッジ3号棟に",
            "北海道帯広市西3条南8丁目12番地 ひばりロッジ3号棟",
        ),
    ]
    for text, address in cases:
        assert (address, Kind.ADDRESS) in _found(text), text
    listed = "送付先　静岡県沼津市大手町3街区5号　静岡県三島市一番町12街区4号 一番町ハイツ2F"
    assert [t for t, kind in _found(listed) if kind == Kind.ADDRESS] == [
        "静岡県沼津市大手町3街区5号",
        "静岡県三島市一番町12街区4号 一番町ハイツ2F",
    ]
    english = "The card was lost on June 4. The bank said so. Lost and Found Desk, Web form."
    assert Kind.NAME not in [kind for _, kind in _found(english)]
    assert ("Okabe", Kind.NAME) in _found("Dear Ms. Okabe, thank you for your email.")


def test_partly_read_plates_short_year_births_and_numbers_said_later() -> None:
    assert ("横浜 5** ・・72", Kind.PLATE) in _found("目撃者は「横浜 5** ・・72」と記憶")
    assert ("那須 ・・ 4-07", Kind.PLATE) in _found("ナンバーは那須 ・・ 4-07まで読めた")
    assert ("18-33", Kind.PLATE) in _found("ナンバーの4桁は「18-33」だった")
    assert ("福山\t300\tへ\t61-02", Kind.PLATE) in _found("車両\t福山\t300\tへ\t61-02\t使用者")
    assert ("07年3月9日", Kind.BIRTH_DATE) in _found("少年（07年3月9日生）は17歳")
    assert ("33.8.1", Kind.BIRTH_DATE) in _found("高齢者　33.8.1生（昭和）　91歳")
    said_later = "手帳に松井 早苗（5183 0375 2248）の個人番号が書かれていた。"
    assert ("5183 0375 2248", Kind.MY_NUMBER) in _found(said_later)
    cells = "個人番号\t氏名\t3302\t8841\t7719\t松井 早苗"
    assert ("3302\t8841\t7719", Kind.MY_NUMBER) in _found(cells)
    foreign = "申出人ラジャ・タパは通訳を介して"
    assert ("ラジャ・タパ", Kind.NAME) in _found(foreign)


def test_the_new_number_rules_leave_ordinary_text_alone() -> None:
    ordinary = [
        "研修日程：大阪 17-19日、会場は本部",
        "県税の口座振替件数は令和6年度に1034567件となった。",
        "旧1234567→新2345678に改番した。",
        "担当：東 1234567",
        "ルータの型番 RT1234567 を交換した。",
        "24年1月1日生じた能登半島地震の対応",
        "06年5月2日生放送の番組で紹介された。",
        "Training: 10-12 June, Tokyo, Japan",
        "Japan beat Korea 3-1, Tokyo Dome, Sunday",
        "文書の記号・番号 1234 を記入する。",
        "年度\t2023\t2024\t2025\t個人番号カード交付率",
        "電話番号の下4桁は1234です。",
    ]
    for text in ordinary:
        assert _found(text) == [], text


def test_each_new_rule_catches_what_it_is_for() -> None:
    cases = [
        ("国籍：ベトナム、旅券 K20418839 を確認", "K20418839", Kind.CASE_NUMBER),
        ("防犯登録は東 4-1180273 の自転車", "東 4-1180273", Kind.CASE_NUMBER),
        ("原付安芸郡府中町 ふ 2241を運転中", "安芸郡府中町 ふ 2241", Kind.PLATE),
        ("被交付者ｺﾏﾂ ﾕｳﾄ（H17.4.2生）", "ｺﾏﾂ ﾕｳﾄ", Kind.NAME),
        ("受取人 Garcia が来署した。", "Garcia", Kind.NAME),
        ("氏名: Smith", "Smith", Kind.NAME),
        ("Dear Mr. Tanaka Kenji, thank you.", "Tanaka Kenji", Kind.NAME),
    ]
    for text, value, kind in cases:
        assert (value, kind) in _found(text), text
    # Branch and terminal numbers are not a person's.
    for text in ("○○銀行の支店番号204", "照会端末番号T-09で照会した"):
        assert Kind.CASE_NUMBER not in [k for _, k in _found(text)], text
    # What twelve digits are, said after them in the sentence.
    later = "免許証（4403 2210 7781）を拾得した旨の届出があった。"
    assert ("4403 2210 7781", Kind.LICENCE) in _found(later)
