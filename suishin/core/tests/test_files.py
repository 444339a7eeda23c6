"""Uploads: the declared type checked against the content, size limit, storage outside the web
root, guarded download."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from suishin.core import filetypes
from suishin.core.errors import InvalidInput
from suishin.core.models import Notice, StoredFile
from suishin.core.services.files import file_attach, validate_upload
from suishin.core.services.notices import notice_create
from suishin.core.tests.factories import make_notice
from suishin.testing.personas import World, sign_in

OOXML_MAIN = {
    filetypes.DOCX: ("word/document.xml", "wordprocessingml.document.main+xml"),
    filetypes.XLSX: ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
    filetypes.PPTX: ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
}


def ooxml(kind: filetypes.FileKind, main_type: str | None = None) -> bytes:
    """A minimal Office file: [Content_Types].xml naming the main part, and that part."""
    part, suffix = OOXML_MAIN[kind]
    main_type = main_type or f"application/vnd.openxmlformats-officedocument.{suffix}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/{part}" ContentType="{main_type}"/></Types>',
        )
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


def image(format_name: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format=format_name)
    return buffer.getvalue()


def pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    document.drawString(72, 720, "minutes")
    document.save()
    return buffer.getvalue()


def workbook() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active.append(["件名", "担当"])
    book.save(buffer)
    return buffer.getvalue()


SAMPLES: dict[filetypes.FileKind, bytes] = {
    filetypes.PDF: pdf(),
    filetypes.PNG: image("PNG"),
    filetypes.JPEG: image("JPEG"),
    filetypes.GIF: image("GIF"),
    filetypes.DOCX: ooxml(filetypes.DOCX),
    filetypes.XLSX: workbook(),
    filetypes.PPTX: ooxml(filetypes.PPTX),
    filetypes.TEXT: "遺失物の取扱いについて\n".encode("cp932"),
    filetypes.CSV: "件名,担当\n窓口の試行,生活安全企画課\n".encode(),
}
KINDS = sorted(filetypes.DOCUMENT_KINDS, key=lambda kind: kind.media_type)
# Text and CSV are both text: either is a correct file of the other.
TEXT_KINDS = {filetypes.TEXT, filetypes.CSV}


def upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_every_allowed_kind_has_a_sample() -> None:
    assert set(SAMPLES) == filetypes.DOCUMENT_KINDS


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.extensions[0])
def test_a_correct_file_of_each_allowed_type_is_accepted(kind: filetypes.FileKind) -> None:
    for extension in kind.extensions:
        name = f"会議資料{extension.upper() if extension == '.pdf' else extension}"
        assert validate_upload(upload(name, SAMPLES[kind], kind.media_type)) == kind
    # A browser that does not know the type sends none in particular: the name decides.
    name = f"会議資料{kind.extensions[0]}"
    assert validate_upload(upload(name, SAMPLES[kind], "application/octet-stream")) == kind


@pytest.mark.parametrize(
    ("kind", "other"),
    [
        (kind, other)
        for kind in KINDS
        for other in KINDS
        if other != kind and not {kind, other} <= TEXT_KINDS
    ],
    ids=lambda kind: kind.extensions[0],
)
def test_a_file_of_another_type_renamed_to_an_allowed_one_is_refused_by_name(
    kind: filetypes.FileKind, other: filetypes.FileKind
) -> None:
    name = f"会議資料{kind.extensions[0]}"
    # The browser declares the type the name says, so only the content gives it away.
    with pytest.raises(InvalidInput) as refused:
        validate_upload(upload(name, SAMPLES[other], kind.media_type))
    message = refused.value.message
    assert f"「{name}」" in message and "一致しません" in message
    assert refused.value.fields == {"attachments": [message]}


def test_a_png_named_docx_is_not_a_word_file() -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_upload(upload("report.docx", SAMPLES[filetypes.PNG], filetypes.DOCX.media_type))
    assert refused.value.message.startswith("「report.docx」の内容はWordファイルではありません")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.docx", plain_zip()),
        ("report.docx", b"PK\x03\x04 truncated zip"),
        # A macro-enabled document renamed .docx declares another main part.
        (
            "macro.docx",
            ooxml(filetypes.DOCX, "application/vnd.ms-word.document.macroEnabled.main+xml"),
        ),
        ("shot.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
        ("notes.txt", "遺失物について".encode("utf-16")),
        ("notes.txt", b"\x81\x20\xff\xfe broken"),
        ("late-nul.csv", b"a,b\n" * 5000 + b"\x00"),
        ("pdf-inside.txt", b"%PDF-1.4\n%%EOF\n"),
    ],
)
def test_broken_or_disguised_contents_are_refused(name: str, content: bytes) -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_upload(upload(name, content, "application/octet-stream"))
    assert f"「{name}」" in refused.value.message


def test_the_declared_content_type_must_fit_the_content() -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_upload(upload("資料.pdf", SAMPLES[filetypes.PDF], "image/png"))
    assert "「資料.pdf」" in refused.value.message
    # Windows sends Excel's old type for a .csv; that is still a CSV.
    csv = upload("名簿.csv", SAMPLES[filetypes.CSV], "application/vnd.ms-excel")
    assert validate_upload(csv) == filetypes.CSV


@pytest.mark.parametrize("name", ["tool.exe", "passwd", "archive.zip", "page.html"])
def test_a_file_of_a_type_not_allowed_is_refused_by_name(name: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_upload(upload(name, b"MZ\x90\x00" + bytes(range(256)), "application/x-msdownload"))
    message = refused.value.message
    assert message.startswith(f"「{name}」は許可されていないファイル形式です。")
    assert "Word（.docx）" in message and "テキスト（.txt・.text・.md）" in message


@override_settings(SUISHIN_UPLOAD_MAX_BYTES=1024)
def test_too_large_and_empty_files_are_refused_with_the_sizes() -> None:
    with pytest.raises(InvalidInput) as too_large:
        validate_upload(SimpleUploadedFile("big.txt", b"a" * 3000))
    assert too_large.value.message == "選択できるファイルサイズは1.0KBまでです。現在2.9KBです。"
    with pytest.raises(InvalidInput) as empty:
        validate_upload(SimpleUploadedFile("empty.txt", b""))
    assert "空" in empty.value.message


def test_files_are_stored_outside_the_web_root_under_a_generated_name(world: World) -> None:
    notice = make_notice(author=world.users["admin_a"])
    stored = file_attach(
        actor=world.users["admin_a"],
        record=notice,
        upload=SimpleUploadedFile("../../etc/passwd.txt", b"memo"),
    )
    path = Path(stored.file.path)
    assert path.is_file()
    assert "passwd" not in str(path)
    assert not path.is_relative_to(Path(settings.STATIC_ROOT))
    assert stored.original_name == "passwd.txt", (
        "only the base name is kept, as data for the download"
    )


def test_a_refused_attachment_leaves_no_notice_and_no_file(world: World) -> None:
    files_before = StoredFile.objects.count()
    with pytest.raises(InvalidInput):
        notice_create(
            actor=world.users["admin_a"],
            title="件名",
            body="本文",
            classification=2,
            attachments=[
                SimpleUploadedFile("ok.txt", b"ok"),
                SimpleUploadedFile("bad.exe", b"MZ\x90\x00" + bytes(range(256))),
            ],
        )
    assert not Notice.objects.exists()
    assert StoredFile.objects.count() == files_before


def test_download_is_guarded_by_the_record_and_never_rendered_inline(world: World) -> None:
    notice = make_notice(author=world.users["admin_a"])
    stored = file_attach(
        actor=world.users["admin_a"],
        record=notice,
        upload=SimpleUploadedFile("<script>.txt", b"<script>alert(1)</script>"),
    )
    allowed = sign_in(Client(), world.users["officer_a"]).get(stored.get_absolute_url())
    assert allowed.status_code == 200
    assert allowed["Content-Disposition"].startswith("attachment;")
    assert allowed["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in allowed["Content-Security-Policy"]
    content = b"".join(allowed.streaming_content)  # type: ignore[attr-defined]
    assert content == b"<script>alert(1)</script>"
    assert (
        sign_in(Client(), world.users["officer_b"]).get(stored.get_absolute_url()).status_code
        == 404
    )
    assert Client().get(stored.get_absolute_url()).status_code == 302
