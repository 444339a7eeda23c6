"""What an uploaded file really is. A file declares a type by its name's extension (and by the
content type the browser sends); the upload is kept only when its content is that type — a PNG
named .docx is refused, not stored as a Word file."""

from __future__ import annotations

import codecs
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class FileKind:
    """A type of file we accept: its media type, its name for people, how a file declares it."""

    media_type: str
    # Not compared: hashing a translated label would translate it at import time.
    label: str | Promise = field(compare=False)
    # The name endings that declare this kind, lower case, the usual one first.
    extensions: tuple[str, ...] = ()
    # Content types a browser may send for such a file besides ``media_type``.
    also_declared_as: frozenset[str] = frozenset()

    @property
    def declared_types(self) -> frozenset[str]:
        return self.also_declared_as | {self.media_type}


_ZIP = frozenset({"application/zip", "application/x-zip-compressed"})

PDF = FileKind("application/pdf", "PDF", (".pdf",), frozenset({"application/x-pdf"}))
PNG = FileKind("image/png", "PNG", (".png",), frozenset({"image/x-png"}))
JPEG = FileKind("image/jpeg", "JPEG", (".jpg", ".jpeg"), frozenset({"image/pjpeg", "image/jpg"}))
GIF = FileKind("image/gif", "GIF", (".gif",))
DOCX = FileKind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word",
    (".docx",),
    _ZIP,
)
XLSX = FileKind(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel", (".xlsx",), _ZIP
)
PPTX = FileKind(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint",
    (".pptx",),
    _ZIP,
)
TEXT = FileKind(
    "text/plain",
    pgettext_lazy("file type", "Text"),
    (".txt", ".text", ".md"),
    frozenset({"text/markdown"}),
)
# Windows names .csv after Excel, so browsers there send Excel's old type for it.
CSV = FileKind(
    "text/csv",
    "CSV",
    (".csv",),
    frozenset(
        {
            "text/plain",
            "application/csv",
            "text/x-csv",
            "text/comma-separated-values",
            "application/vnd.ms-excel",
        }
    ),
)

DOCUMENT_KINDS = frozenset({PDF, PNG, JPEG, GIF, DOCX, XLSX, PPTX, TEXT, CSV})
# The order kinds are listed in for people.
DISPLAY_ORDER = (PDF, DOCX, XLSX, PPTX, PNG, JPEG, GIF, TEXT, CSV)

# What a browser sends when it does not know: the name's extension alone declares the kind.
UNDECLARED = frozenset(
    {"", "application/octet-stream", "binary/octet-stream", "application/unknown"}
)

_SIGNATURES: dict[FileKind, tuple[bytes, ...]] = {
    PDF: (b"%PDF-",),
    PNG: (b"\x89PNG\r\n\x1a\n",),
    JPEG: (b"\xff\xd8\xff",),
    GIF: (b"GIF87a", b"GIF89a"),
}
# Each Office kind: its main part, and the content type [Content_Types].xml gives that part
# (a macro-enabled or template file declares another, and is not this kind).
_OOXML_MAIN_PARTS = {
    DOCX: (
        "word/document.xml",
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    XLSX: (
        "xl/workbook.xml",
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    PPTX: (
        "ppt/presentation.xml",
        b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}
_ZIP_MAGIC = b"PK\x03\x04"
# [Content_Types].xml is a few kilobytes; more than this unpacked is not an Office file.
_CONTENT_TYPES_MAX_BYTES = 1024 * 1024
_TEXT_ENCODINGS = ("utf-8-sig", "cp932")
_CHUNK = 64 * 1024


def kind_for_name(name: str, allowed: frozenset[FileKind] | set[FileKind]) -> FileKind | None:
    """The allowed kind the file's name declares by its extension, or None."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    for kind in allowed:
        if suffix and suffix in kind.extensions:
            return kind
    return None


def declared_type_fits(kind: FileKind, content_type: str | None) -> bool:
    """The content type sent with the file names ``kind``, or nothing in particular."""
    declared = (content_type or "").split(";", 1)[0].strip().lower()
    return declared in UNDECLARED or declared in kind.declared_types


def content_is(kind: FileKind, stream: IO[bytes]) -> bool:
    """Whether the content of ``stream`` (rewound afterwards) is a file of ``kind``."""
    stream.seek(0)
    head = stream.read(8192)
    stream.seek(0)
    try:
        if kind in _OOXML_MAIN_PARTS:
            return head.startswith(_ZIP_MAGIC) and _is_ooxml(stream, kind)
        if kind in (TEXT, CSV):
            return not _has_binary_signature(head) and _is_text(stream)
        if kind == PNG:
            # The signature, then the IHDR chunk every PNG starts with.
            return head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR"
        return any(head.startswith(signature) for signature in _SIGNATURES.get(kind, ()))
    finally:
        stream.seek(0)


def _has_binary_signature(head: bytes) -> bool:
    """Starts like a PDF, an image or a zip: text that begins so is another file renamed."""
    signatures = [
        signature for kind_signatures in _SIGNATURES.values() for signature in kind_signatures
    ]
    return head.startswith((_ZIP_MAGIC, *signatures))


def _is_ooxml(stream: IO[bytes], kind: FileKind) -> bool:
    main_part, main_type = _OOXML_MAIN_PARTS[kind]
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if main_part not in names or "[Content_Types].xml" not in names:
                return False
            if archive.getinfo("[Content_Types].xml").file_size > _CONTENT_TYPES_MAX_BYTES:
                return False
            content_types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError):
        return False
    return main_type in content_types


def _is_text(stream: IO[bytes]) -> bool:
    """The whole file decodes as UTF-8 or Shift_JIS (cp932) and holds no NUL."""
    for encoding in _TEXT_ENCODINGS:
        stream.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            while chunk := stream.read(_CHUNK):
                if b"\x00" in chunk:
                    return False
                decoder.decode(chunk, final=False)
            decoder.decode(b"", final=True)
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
