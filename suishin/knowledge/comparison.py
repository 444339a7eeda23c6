"""新旧対照表: the comparison table of two versions of a manual.

The standard form: one row per changed provision, 改正後 on the left and 改正前 on the right,
the changed passages underlined on both sides; a provision added or deleted shows 「（新設）」
or 「（削る）」 on the other side. Sections are matched by their stable key. The same rows feed
the HTML page and the PDF.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from suishin.core import pdf
from suishin.core.wareki import format_date
from suishin.knowledge.models import ManualSection, ManualVersion


@dataclass(frozen=True)
class ComparisonRow:
    key: str
    title: str
    after: SafeString  # 改正後, changed passages in <u>
    before: SafeString  # 改正前


def _text(section: ManualSection) -> str:
    head = section.title
    return f"{head}\n{section.body}".strip() if section.body else head


def _marked(text: str, spans: list[tuple[int, int]]) -> SafeString:
    parts: list[str] = []
    position = 0
    for start, end in spans:
        parts.append(escape(text[position:start]))
        if end > start:
            parts.append(f"<u>{escape(text[start:end])}</u>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts).replace("\n", "<br/>"))  # noqa: S308 — every part escaped


def _underlined_pair(before: str, after: str) -> tuple[SafeString, SafeString]:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    before_spans: list[tuple[int, int]] = []
    after_spans: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            before_spans.append((i1, i2))
        if j2 > j1:
            after_spans.append((j1, j2))
    return _marked(after, after_spans), _marked(before, before_spans)


def compare(old: ManualVersion, new: ManualVersion) -> list[ComparisonRow]:
    """The rows of the table, in the order of the new version (deleted provisions where they
    stood in the old one)."""
    old_sections = {s.key: s for s in old.sections.all()}
    new_sections = list(new.sections.all())
    new_keys = {s.key for s in new_sections}
    rows: list[ComparisonRow] = []
    deleted_after: dict[str, list[ManualSection]] = {}
    previous_key = ""
    for section in old.sections.all():
        if section.key not in new_keys:
            deleted_after.setdefault(previous_key, []).append(section)
        else:
            previous_key = section.key

    def add_deleted(anchor: str) -> None:
        for gone in deleted_after.get(anchor, []):
            rows.append(
                ComparisonRow(
                    gone.key,
                    gone.title,
                    mark_safe(escape(_("(deleted)"))),  # noqa: S308 — escaped
                    _marked(_text(gone), [(0, len(_text(gone)))]),
                )
            )

    add_deleted("")
    for section in new_sections:
        before = old_sections.get(section.key)
        after_text = _text(section)
        if before is None:
            rows.append(
                ComparisonRow(
                    section.key,
                    section.title,
                    _marked(after_text, [(0, len(after_text))]),
                    mark_safe(escape(_("(new)"))),  # noqa: S308 — escaped
                )
            )
        elif _text(before) != after_text:
            after_html, before_html = _underlined_pair(_text(before), after_text)
            rows.append(ComparisonRow(section.key, section.title, after_html, before_html))
        add_deleted(section.key)
    return rows


def comparison_pdf(
    *, title: str, old: ManualVersion, new: ManualVersion, date_style: str, created: datetime
) -> bytes:
    """The same table as a PDF: A4 landscape, 改正後 on the left and 改正前 on the right as
    offices print a 新旧対照表, the Japanese font embedded (``core.pdf``)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    style = pdf.styles(size=9.5)
    rows = compare(old, new)
    table_rows = [
        [
            pdf.paragraph(_("After revision"), style.body),
            pdf.paragraph(_("Before revision"), style.body),
        ]
    ]
    for row in rows:
        table_rows.append(
            [pdf.markup(str(row.after), style.body), pdf.markup(str(row.before), style.body)]
        )
    if not rows:
        table_rows.append([pdf.paragraph(_("No provision changed."), style.body), ""])
    width = landscape(A4)[0] - 30 * mm
    caption = _(
        "Version %(old)s (effective %(old_date)s) → version %(new)s (effective %(new_date)s)"
    ) % {
        "old": old.number,
        "old_date": format_date(old.effective_date, date_style),
        "new": new.number,
        "new_date": format_date(new.effective_date, date_style),
    }
    flow = [
        pdf.paragraph(title, style.heading),
        pdf.paragraph(caption, style.body),
        Spacer(1, 5 * mm),
        pdf.grid(table_rows, [width / 2, width / 2]),
    ]
    return pdf.build(flow, title=title, created=created, date_style=date_style, landscape=True)
