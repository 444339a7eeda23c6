"""PDFs fit to file, read back as a reader's PDF viewer would: the Japanese font embedded, the
header with 作成日時 in the reader's date style, 「n / N」 on every page, Japanese line
breaking, and a visible mark for characters the font lacks."""

from __future__ import annotations

import datetime
import io
from typing import Any

from pypdf import PdfReader

from suishin.core import pdf
from suishin.core.choices import DateStyleChoices
from suishin.testing.documents import embedded_fonts

MOMENT = datetime.datetime(2025, 12, 1, 9, 30, tzinfo=datetime.UTC)  # 18:30 in Tokyo


def _document(paragraphs: int = 1, text: str = "本文") -> PdfReader:
    style = pdf.styles()
    flow = [pdf.paragraph(f"{text}{n}", style.body) for n in range(paragraphs)]
    data = pdf.build(
        flow, title="試験の文書", created=MOMENT, date_style=DateStyleChoices.JAPANESE_ERA
    )
    return PdfReader(io.BytesIO(data))


def test_the_japanese_font_travels_inside_the_file() -> None:
    reader = _document()
    fonts = embedded_fonts(reader)
    assert fonts and all("IPAexGothic" in name for name in fonts)
    assert reader.metadata is not None and reader.metadata.title == "試験の文書"


def test_every_page_has_the_header_and_its_number_of_the_whole() -> None:
    reader = _document(paragraphs=140)
    total = len(reader.pages)
    assert total >= 2
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "試験の文書" in text
        assert "作成日時 令和7年12月1日 18:30" in text
        assert f"{number} / {total}" in text
    western = pdf.created_label(MOMENT, DateStyleChoices.WESTERN)
    assert western == "作成日時 2025年12月1日 18:30"


def _lines(text: str, width: float) -> list[str]:
    paragraph: Any = pdf.paragraph(text, pdf.styles().body)
    paragraph.wrap(width, 1000)
    return ["".join(word.text for word in line.words) for line in paragraph.blPara.lines]


def test_lines_never_end_with_an_opening_bracket_or_start_with_a_full_stop() -> None:
    """Each width below puts 「（」 or 「。」 exactly at a line's edge without the rules."""
    for width in range(60, 200, 3):
        text = (
            "拾得物の提出を受けたときは直ちに預り書（様式第1号）を交付する。次に現金を数える。" * 2
        )
        lines = _lines(text, width)
        assert len(lines) > 1 and "".join(lines) == text, "nothing lost or doubled"
        for line in lines:
            assert not line.endswith(("（", "「")), (width, lines)
            assert not line.startswith(("。", "、", "）", "」")), (width, lines)


def test_a_latin_word_goes_down_whole_and_a_line_break_is_kept() -> None:
    lines = _lines("照会はExcelFileで提出すること。", 60)
    assert any("ExcelFile" in line for line in lines), lines
    assert _lines("一行目\n二行目", 400) == ["一行目", "二行目"]


def test_a_character_the_font_lacks_is_marked_not_dropped() -> None:
    assert pdf.printable("完了👍しました") == "完了〓しました"
    assert pdf.printable("髙橋・﨑") == "髙橋・﨑", "JIS X 0213 characters the font has"
    text = _document(text="確認😀済み").pages[0].extract_text()
    assert "確認〓済み" in text
