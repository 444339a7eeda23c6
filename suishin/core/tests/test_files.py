"""Uploads: type from content, size limit, storage outside the web root, guarded download."""

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


def ooxml(marker: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(marker, "<x/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n...", filetypes.PDF),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, filetypes.PNG),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, filetypes.JPEG),
        (ooxml("word/document.xml"), filetypes.DOCX),
        (ooxml("xl/workbook.xml"), filetypes.XLSX),
        ("遺失物の取扱いについて\n".encode(), filetypes.TEXT),
        ("遺失物の取扱いについて\n".encode("cp932"), filetypes.TEXT),
        (plain_zip(), None),
        (b"MZ\x90\x00\x03" + bytes(range(256)), None),
        (b"PK\x03\x04 truncated zip", None),
    ],
)
def test_the_type_comes_from_the_content(content: bytes, kind: filetypes.FileKind | None) -> None:
    assert filetypes.sniff(io.BytesIO(content)) == kind


def test_a_renamed_file_is_judged_by_its_content() -> None:
    disguised = SimpleUploadedFile("report.docx", plain_zip())
    with pytest.raises(InvalidInput) as refused:
        validate_upload(disguised)
    assert refused.value.fields == {"attachments": ["許可されていないファイル形式です。"]}


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
        upload=SimpleUploadedFile("../../etc/passwd", b"memo"),
    )
    path = Path(stored.file.path)
    assert path.is_file()
    assert "passwd" not in str(path)
    assert not path.is_relative_to(Path(settings.STATIC_ROOT))
    assert stored.original_name == "passwd", "only the base name is kept, as data for the download"


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
