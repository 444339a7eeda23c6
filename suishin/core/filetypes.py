"""Decide what an uploaded file really is from its first bytes, never from its name."""

from __future__ import annotations

import codecs
import zipfile
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True)
class FileKind:
    media_type: str
    label: str


PDF = FileKind("application/pdf", "PDF")
PNG = FileKind("image/png", "PNG")
JPEG = FileKind("image/jpeg", "JPEG")
GIF = FileKind("image/gif", "GIF")
DOCX = FileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word")
XLSX = FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel")
PPTX = FileKind(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint"
)
TEXT = FileKind("text/plain", "テキスト")

DOCUMENT_KINDS = frozenset({PDF, PNG, JPEG, GIF, DOCX, XLSX, PPTX, TEXT})

_SIGNATURES: list[tuple[bytes, FileKind]] = [
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
]
_OOXML_MARKERS = [
    ("word/document.xml", DOCX),
    ("xl/workbook.xml", XLSX),
    ("ppt/presentation.xml", PPTX),
]
_ZIP_MAGIC = b"PK\x03\x04"


def sniff(stream: IO[bytes]) -> FileKind | None:
    """The kind of the file in ``stream`` (rewound afterwards), or None if it is not one we know."""
    stream.seek(0)
    head = stream.read(8192)
    stream.seek(0)
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(_ZIP_MAGIC):
        return _sniff_ooxml(stream)
    if _looks_like_text(head):
        return TEXT
    return None


def _sniff_ooxml(stream: IO[bytes]) -> FileKind | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        stream.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for marker, kind in _OOXML_MARKERS:
        if marker in names:
            return kind
    return None


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp932"):
        # Incremental, because the sample may end in the middle of a multi-byte character.
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            decoder.decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f}{unit}" if unit == "B" else f"{value:.1f}{unit}"
        value /= 1024
    return f"{size}B"
