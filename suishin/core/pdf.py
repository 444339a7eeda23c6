"""PDFs fit to file: the Japanese font embedded (IPAex Gothic, shipped under the IPA Font
Licence in ``core/fonts``), so a file renders the same on any machine and can be kept as a
record; a header with the title and 作成日時 in the reader's date style; 「n / N」 page numbers;
Japanese line breaking (禁則処理: no 「（」 at a line's end, no 「。」 or 「）」 at its start — one
such mark may hang in the margin); characters the font lacks shown as 〓, the mark Japanese
typesetting uses for them, rather than an empty box.

Every PDF is built here (today the annual report and the 新旧対照表), so they look alike and
a fix reaches all of them.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from suishin.core.wareki import format_date

FONT_NAME = "IPAexGothic"
FONT_FILE = Path(__file__).resolve().parent / "fonts" / "ipaexg.ttf"
# 〓 (geta): where a character cannot be printed, as Japanese typesetting has always marked it.
MISSING_GLYPH = "〓"
_MARGIN_MM = 15


@cache
def japanese_font() -> str:
    """Register the embedded Japanese font once per process; its name for styles."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE)))
    return FONT_NAME


@cache
def _printable_characters() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    japanese_font()
    face = pdfmetrics.getFont(FONT_NAME).face
    return frozenset(face.charToGlyph)


def printable(text: object) -> str:
    """``text`` with every character the font has no glyph for (emoji, rare symbols) as 〓;
    line breaks and tabs are kept for the layout to handle."""
    glyphs = _printable_characters()
    return "".join(c if ord(c) in glyphs or c in "\n\t" else MISSING_GLYPH for c in str(text))


@dataclass(frozen=True)
class Styles:
    body: Any
    heading: Any
    subheading: Any
    small: Any
    number: Any  # right-aligned, as figures are in Japanese office documents


def styles(size: float = 9.5) -> Styles:
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle(
        "body", fontName=japanese_font(), fontSize=size, leading=size * 1.5, wordWrap="CJK"
    )
    return Styles(
        body=body,
        heading=ParagraphStyle(
            "heading", parent=body, fontSize=size + 5, leading=(size + 5) * 1.45
        ),
        subheading=ParagraphStyle(
            "subheading", parent=body, fontSize=size + 2, leading=(size + 2) * 1.5
        ),
        small=ParagraphStyle("small", parent=body, fontSize=size - 1.5, leading=(size - 1.5) * 1.5),
        number=ParagraphStyle("number", parent=body, alignment=TA_RIGHT),
    )


def paragraph(text: object, style: Any) -> Any:
    """Plain text as a paragraph: escaped, unprintable characters marked."""
    return _japanese_paragraph()(escape(printable(text)).replace("\n", "<br/>"), style)


def markup(html: str, style: Any) -> Any:
    """Text already escaped, with ReportLab's inline tags (<u>, <strike>) where wanted."""
    return _japanese_paragraph()(printable(html), style)


@cache
def _japanese_paragraph() -> type:
    """ReportLab's paragraph with Japanese line breaking. ReportLab hangs a closing mark in the
    margin but may end a line with an opening bracket (…預り書（ / 様式第1号）); lines are
    broken here instead, by the rules below, from ReportLab's per-character units."""
    from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
    from reportlab.platypus.paragraph import Paragraph, ParaLines, cjkU, makeCJKParaLine

    def is_word(unit: str) -> bool:
        """Part of a latin word, a number (1,500,000) or an address: broken only if it must."""
        return unit.isascii() and bool(unit) and not unit.isspace()

    def break_at(units: list[Any], start: int, overflow: int) -> int:
        """Where the line that ``units[overflow]`` does not fit on ends."""
        end = overflow
        if units[end] in ALL_CANNOT_START and (
            end + 1 >= len(units) or units[end + 1] not in ALL_CANNOT_START
        ):
            return end + 1  # one closing mark hangs in the margin (ぶら下げ)
        while end - 1 > start and (
            units[end - 1] in ALL_CANNOT_END or units[end] in ALL_CANNOT_START
        ):
            end -= 1
        if is_word(units[end - 1]) and is_word(units[end]):
            word_start = end - 1
            while word_start > start and is_word(units[word_start - 1]):
                word_start -= 1
            if word_start > start:
                end = word_start  # a latin word goes down whole
        return end

    def split(frags: list[Any], max_widths: list[float], bounds: bool) -> Any:
        # A frag without text still counts: it is a <br/> or an image.
        units = [
            cjkU(c, frag, "utf8") for frag in frags for c in (getattr(frag, "text", "") or [""])
        ]
        lines: list[Any] = []

        def width_of(line: int) -> float:
            return max_widths[min(line, len(max_widths) - 1)]

        start = index = 0
        used = 0.0
        while index < len(units):
            unit = units[index]
            limit = width_of(len(lines))
            if hasattr(unit.frag, "lineBreak"):
                used += unit.width
                lines.append(
                    makeCJKParaLine(
                        units[start : index + 1], limit, used, limit - used, True, bounds
                    )
                )
                start = index = index + 1
                used = 0.0
                continue
            if used + unit.width > limit + 1e-8 and index > start:
                end = break_at(units, start, index)
                width = sum(u.width for u in units[start:end])
                lines.append(
                    makeCJKParaLine(units[start:end], limit, width, limit - width, False, bounds)
                )
                start = index = end
                used = 0.0
                continue
            used += unit.width
            index += 1
        if start < len(units):
            limit = width_of(len(lines))
            width = sum(u.width for u in units[start:])
            lines.append(makeCJKParaLine(units[start:], limit, width, limit - width, False, bounds))
        return ParaLines(kind=1, lines=lines)

    class JapaneseParagraph(Paragraph):
        def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803 - ReportLab's names
            if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
                return self.blPara
            widths = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
            bounds = getattr(self, "autoLeading", getattr(self.style, "autoLeading", "")) not in (
                "",
                "off",
            )
            return split(self.frags, widths, bounds)

    return JapaneseParagraph


def grid(rows: Sequence[Sequence[Any]], widths: Sequence[float]) -> Any:
    """A table with a shaded header row repeated on every page. A cell aligns itself: give a
    figure's paragraph ``Styles.number`` to right-align it."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table([list(row) for row in rows], colWidths=list(widths), repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
    ]
    table.setStyle(TableStyle(commands))
    return table


def created_label(moment: datetime.datetime, date_style: str) -> str:
    """作成日時 令和7年12月1日 18:30 (or 2025年12月1日), in the reader's date style."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return _("Created %(when)s") % {
        "when": f"{format_date(local.date(), date_style)} {local:%H:%M}"
    }


def build(
    flow: list[Any],
    *,
    title: str,
    created: datetime.datetime,
    date_style: str,
    landscape: bool = False,
) -> bytes:
    """The PDF of ``flow`` on A4 with the header and 「n / N」 page numbers on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as turned
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    pagesize = turned(A4) if landscape else A4
    header_right = created_label(created, date_style)
    header_left = printable(title)

    def decorate(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(japanese_font(), 8)
        top = pagesize[1] - 9 * mm
        canvas.drawString(_MARGIN_MM * mm, top, header_left[:80])
        canvas.drawRightString(pagesize[0] - _MARGIN_MM * mm, top, header_right)
        canvas.restoreState()

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=_MARGIN_MM * mm,
        rightMargin=_MARGIN_MM * mm,
        topMargin=(_MARGIN_MM + 3) * mm,
        bottomMargin=(_MARGIN_MM + 2) * mm,
        title=title,
        creator="Suishin",
        subject=title,
        lang="ja-JP",
    )
    document.build(
        flow, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=_numbered_canvas()
    )
    return buffer.getvalue()


def _numbered_canvas() -> type:
    """A canvas that holds each page until the last is drawn, then writes 「n / N」 on all."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                width = self._pagesize[0]
                self.setFont(japanese_font(), 8)
                self.drawCentredString(width / 2, 8 * mm, f"{number} / {total}")
                super().showPage()
            super().save()

    return NumberedCanvas
