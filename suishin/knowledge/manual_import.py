"""Reading a manual from .docx, Markdown or plain text into sections, headings preserved.

Nothing here touches the database: a file is parsed completely (or refused with a reason)
before the services create anything, so a failed import leaves nothing half-made.

Headings are found from the document's own structure: Word's heading styles (見出し 1 …),
Markdown's ``#`` lines, and in plain text (and in Word files written without heading styles)
the structure of Japanese rules: 第N編, 第N章, 第N節, 第N条, with the caption in brackets
on the line before an article (（目的）).
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import PurePath

from defusedxml import ElementTree
from django.utils.translation import gettext as _

from suishin.core.errors import InvalidInput

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# A .docx is a zip: its document part may not unpack to more than this (a zip bomb stops here).
MAX_DOCUMENT_XML_BYTES = 50 * 1024 * 1024
MAX_SECTIONS = 5000
SUFFIXES = (".docx", ".md", ".markdown", ".txt")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NUMBER = r"[0-9０-９一二三四五六七八九十百千〇]+"
_STRUCTURE = [
    (1, re.compile(rf"^(第{_NUMBER}編)[\s　]*(.*)$")),
    (2, re.compile(rf"^(第{_NUMBER}章)[\s　]*(.*)$")),
    (3, re.compile(rf"^(第{_NUMBER}節)[\s　]*(.*)$")),
]
_ARTICLE = re.compile(rf"^(第{_NUMBER}条(?:の{_NUMBER})?)[\s　]*(.*)$")
_CAPTION = re.compile(r"^[（(]([^）)]{1,40})[）)]$")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


@dataclass
class ParsedSection:
    level: int
    label: str
    heading: str
    body_lines: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n".join(self.body_lines).strip()


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(message, fields={"file": [message]})


def too_large() -> InvalidInput:
    return _refuse(
        _("The file is too large (at most %(limit)s MB).")
        % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
    )


def parse_upload(name: str, data: bytes) -> list[ParsedSection]:
    """Sections of an uploaded manual, or InvalidInput saying why it cannot be read."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise _refuse(_("Upload a .docx, Markdown (.md) or plain-text (.txt) file."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise too_large()
    if not data.strip():
        raise _refuse(_("The file is empty."))
    if suffix == ".docx":
        sections = parse_docx(data)
    else:
        text = _decode(data)
        sections = parse_markdown(text) if suffix in (".md", ".markdown") else parse_plain(text)
    if not sections:
        raise _refuse(
            _(
                "No headings were found. Mark headings with Word's heading styles, with # in "
                "Markdown, or write 第1章, 第1条 … at the start of their lines."
            )
        )
    if len(sections) > MAX_SECTIONS:
        raise _refuse(_("The manual has too many sections (at most %(n)s).") % {"n": MAX_SECTIONS})
    return sections


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise _refuse(_("The text could not be read. Save it as UTF-8 or Shift_JIS text."))


def parse_markdown(text: str) -> list[ParsedSection]:
    sections: list[ParsedSection] = []
    for line in text.split("\n"):
        match = _MARKDOWN_HEADING.match(line)
        if match:
            label, heading = _split_label(match.group(2))
            sections.append(ParsedSection(len(match.group(1)), label, heading))
        elif sections:
            sections[-1].body_lines.append(line.rstrip())
        elif line.strip():
            # Text before the first heading becomes an untitled opening section.
            sections.append(ParsedSection(1, "", "", [line.rstrip()]))
    return sections if any(s.heading or s.label for s in sections) else []


def parse_plain(text: str) -> list[ParsedSection]:
    return _structure_from_lines([line.rstrip() for line in text.split("\n")])


def _split_label(text: str) -> tuple[str, str]:
    """「第3条　拾得物の提出」 → ("第3条", "拾得物の提出"); other headings keep their text."""
    text = text.strip()
    for _level, pattern in [*_STRUCTURE, (4, _ARTICLE)]:
        match = pattern.match(text)
        if match:
            return match.group(1), match.group(2).strip()
    return "", text


def _structure_from_lines(lines: list[str]) -> list[ParsedSection]:
    sections: list[ParsedSection] = []
    preamble: list[str] = []
    pending_caption = ""
    for raw in lines:
        line = raw.strip()
        normalized = unicodedata.normalize("NFKC", line)
        caption = _CAPTION.match(normalized)
        if caption and len(line) <= 42:
            if pending_caption:
                _append(sections, preamble, f"（{pending_caption}）")
            pending_caption = caption.group(1)
            continue
        for level, pattern in _STRUCTURE:
            match = pattern.match(line)
            if match:
                if pending_caption:
                    _append(sections, preamble, f"（{pending_caption}）")
                    pending_caption = ""
                sections.append(ParsedSection(level, match.group(1), match.group(2).strip()))
                break
        else:
            match = _ARTICLE.match(line)
            if match:
                section = ParsedSection(4, match.group(1), pending_caption)
                if match.group(2).strip():
                    section.body_lines.append(match.group(2).strip())
                sections.append(section)
                pending_caption = ""
                continue
            if pending_caption:
                _append(sections, preamble, f"（{pending_caption}）")
                pending_caption = ""
            _append(sections, preamble, raw)
    if pending_caption:
        _append(sections, preamble, f"（{pending_caption}）")
    if not sections:
        return []
    if any(line.strip() for line in preamble):
        sections.insert(0, ParsedSection(1, "", "", preamble))
    return sections


def _append(sections: list[ParsedSection], preamble: list[str], line: str) -> None:
    (sections[-1].body_lines if sections else preamble).append(line)


def parse_docx(data: bytes) -> list[ParsedSection]:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        info = archive.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise _refuse(
            _("This is not a Word (.docx) document. Open it in Word and save it as .docx.")
        ) from error
    if info.file_size > MAX_DOCUMENT_XML_BYTES:
        raise _refuse(_("The document is too large to read."))
    try:
        document = ElementTree.fromstring(archive.read(info))
        styles = _heading_styles(archive)
    except Exception as error:  # malformed XML of any kind: one message to the user
        raise _refuse(_("The Word document is damaged and cannot be read.")) from error
    paragraphs: list[tuple[int, str]] = []
    for paragraph in document.iter(f"{_W}p"):
        text = "".join(node.text or "" for node in paragraph.iter(f"{_W}t"))
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        style_id = style.get(f"{_W}val", "") if style is not None else ""
        paragraphs.append((styles.get(style_id, 0), text))
    if any(level for level, _text in paragraphs):
        sections: list[ParsedSection] = []
        for level, text in paragraphs:
            if level and text.strip():
                label, heading = _split_label(text)
                sections.append(ParsedSection(level, label, heading))
            elif sections:
                sections[-1].body_lines.append(text)
            elif text.strip():
                sections.append(ParsedSection(1, "", "", [text]))
        return sections
    # Written without heading styles: read the structure of the text itself.
    return _structure_from_lines([text for _level, text in paragraphs])


def _heading_styles(archive: zipfile.ZipFile) -> dict[str, int]:
    """Style id → heading level, from the styles' names (Japanese Word names them 見出し 1 but
    stores "heading 1")."""
    levels: dict[str, int] = {}
    try:
        info = archive.getinfo("word/styles.xml")
    except KeyError:
        info = None
    if info is not None and info.file_size <= MAX_DOCUMENT_XML_BYTES:
        root = ElementTree.fromstring(archive.read(info))
        for style in root.iter(f"{_W}style"):
            name = style.find(f"{_W}name")
            match = re.fullmatch(
                r"(?:heading|見出し)\s*([1-9])",
                (name.get(f"{_W}val", "") if name is not None else "").lower(),
            )
            if match:
                levels[style.get(f"{_W}styleId", "")] = int(match.group(1))
    for number in range(1, 10):
        levels.setdefault(f"Heading{number}", number)
    return levels
