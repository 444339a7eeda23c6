"""Manuals: import with headings kept, bad files refused with nothing left behind, stable
section links, section search, revision through 起案 → 審査 → 決裁, versions in force on their
date, and the comparison table in HTML and PDF."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from suishin.core.errors import AccessDenied, InvalidInput
from suishin.core.models import AuditEntry, Notification, User
from suishin.knowledge.choices import RevisionStatusChoices as Status
from suishin.knowledge.comparison import compare
from suishin.knowledge.manual_import import parse_upload
from suishin.knowledge.models import Manual, ManualSection, ManualVersion
from suishin.knowledge.services.manuals import manual_import, manual_versions_take_effect
from suishin.knowledge.services.revisions import (
    proposal_add_section,
    proposal_change_section,
    proposal_create,
    proposal_decide,
    proposal_delete_section,
    proposal_submit,
)
from suishin.knowledge.tests.factories import make_publisher
from suishin.search.selectors import search
from suishin.testing.documents import embedded_fonts
from suishin.testing.personas import World

RULES = """遺失物取扱要領

第1章　総則
（目的）
第1条　この要領は、遺失物の取扱いに関し必要な事項を定める。
（定義）
第2条　この要領において「拾得物」とは、遺失物法第2条に規定する物件をいう。
第2章　受理
（拾得物の受理）
第3条　拾得物の提出を受けたときは、拾得物件預り書を交付する。
2　現金は、拾得者の面前で数える。
"""


def docx(paragraphs: list[tuple[str, str]]) -> bytes:
    """A minimal Word document: (style id, text) per paragraph, styles named as Word does."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'
        if style
        else f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        for style, text in paragraphs
    )
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="{n}"><w:name w:val="heading {n}"/></w:style>'
        for n in (1, 2)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml", f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'
        )
        archive.writestr("word/styles.xml", f'<w:styles xmlns:w="{w}">{styles}</w:styles>')
    return buffer.getvalue()


def test_plain_text_keeps_the_structure_of_japanese_rules() -> None:
    sections = parse_upload("youryou.txt", RULES.encode("cp932"))
    assert [(s.level, s.label, s.heading) for s in sections] == [
        (1, "", ""),
        (2, "第1章", "総則"),
        (4, "第1条", "目的"),
        (4, "第2条", "定義"),
        (2, "第2章", "受理"),
        (4, "第3条", "拾得物の受理"),
    ]
    assert (
        sections[-1].body
        == "拾得物の提出を受けたときは、拾得物件預り書を交付する。\n2　現金は、拾得者の面前で数える。"
    )


def test_markdown_and_word_headings_become_sections() -> None:
    markdown = "# 第1章　総則\n\n本文です。\n\n## 手続\n\n手続の本文。\n"
    sections = parse_upload("a.md", markdown.encode())
    assert [(s.level, s.label, s.heading, s.body) for s in sections] == [
        (1, "第1章", "総則", "本文です。"),
        (2, "", "手続", "手続の本文。"),
    ]
    word = docx(
        [("1", "第1章 総則"), ("", "総則の本文。"), ("2", "受理の手続"), ("", "受理の本文。")]
    )
    sections = parse_upload("a.docx", word)
    assert [(s.level, s.label, s.heading, s.body) for s in sections] == [
        (1, "第1章", "総則", "総則の本文。"),
        (2, "", "受理の手続", "受理の本文。"),
    ]
    # Written without heading styles: the text's own 第N条 structure is read.
    plain_word = docx([("", "第1条　この要領は試験である。"), ("", "第2条　以上。")])
    assert [s.label for s in parse_upload("b.docx", plain_word)] == ["第1条", "第2条"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("big.docx", b"PK" + b"0" * (20 * 1024 * 1024), "大きすぎます"),
        ("renamed.docx", b"PK\x03\x04 not really a zip", "Word（.docx）文書ではありません"),
        ("archive.docx", None, "Word（.docx）文書ではありません"),
        ("broken.docx", "xml", "壊れている"),
        ("flat.txt", "見出しのない文章です。\n二行目です。".encode(), "見出しが見つかりません"),
        ("empty.md", b"   ", "ファイルが空です"),
        ("photo.png", b"\x89PNG", ".docx"),
    ],
)
def test_bad_files_are_refused_with_a_reason(name: str, data: Any, message: str) -> None:
    if data is None:  # a real zip, but not a Word document
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "hello")
        data = buffer.getvalue()
    elif data == "xml":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", "<w:document><unclosed>")
        data = buffer.getvalue()
    with pytest.raises(InvalidInput, match=message):
        parse_upload(name, data)


def in_force(manual: Manual) -> ManualVersion:
    assert manual.current_version is not None
    return manual.current_version


def _import(world: World, publisher: User, **extra: Any) -> Manual:
    return manual_import(
        actor=publisher,
        title="遺失物取扱要領",
        file_name="youryou.txt",
        data=RULES.encode(),
        effective_date=timezone.localdate() - timedelta(days=30),
        **extra,
    )


def test_a_failed_import_leaves_nothing(world: World, client_for: Any) -> None:
    make_publisher(world)
    client = client_for("responder_a")
    response = client.post(
        reverse("knowledge:manual_import"),
        {
            "title": "壊れた要領",
            "file": SimpleUploadedFile("renamed.docx", b"PK\x03\x04 broken"),
            "effective_date_0": "2026",
            "effective_date_1": "4",
            "effective_date_2": "1",
            "classification": "2",
        },
    )
    assert response.status_code == 200
    assert "Word（.docx）文書ではありません" in response.content.decode()
    assert not Manual.objects.exists()
    assert not ManualVersion.objects.exists()


def test_an_import_is_in_force_with_stable_section_links(world: World, client_for: Any) -> None:
    publisher = make_publisher(world)
    manual = _import(world, publisher)
    assert manual.current_version is not None
    assert in_force(manual).sections.count() == 6
    article_3 = in_force(manual).sections.get(label="第3条")
    client = client_for("officer_a")
    response = client.get(reverse("knowledge:manual_section", args=[manual.pk, article_3.key]))
    assert response.status_code == 302
    assert response["Location"] == f"{in_force(manual).get_absolute_url()}#{article_3.key}"
    page = client.get(manual.get_absolute_url()).content.decode()
    assert "拾得物件預り書を交付する" in page
    assert client_for("officer_b").get(manual.get_absolute_url()).status_code == 404


def test_sections_in_force_are_searchable_by_those_who_may_read(world: World) -> None:
    publisher = make_publisher(world)
    manual = _import(world, publisher)
    hits = search(
        world.users["officer_a"], "拾得物件預り書", types=["knowledge.manual_section"]
    ).hits
    assert [hit.title for hit in hits][:1] == ["遺失物取扱要領　第3条　拾得物の受理"]
    assert hits[0].url == in_force(manual).sections.get(label="第3条").get_absolute_url()
    assert (
        search(world.users["officer_b"], "拾得物件預り書", types=["knowledge.manual_section"]).hits
        == []
    )


def _route(world: World) -> tuple[User, User, User]:
    return make_publisher(world), world.users["admin_a"], world.users["auditor_a"]


def revise(world: World, manual: Manual, label: str, body: str, days_ahead: int = 0) -> None:
    """One provision's text changed, through review and approval."""
    drafter, reviewer, approver = _route(world)
    section = in_force(manual).sections.get(label=label)
    proposal = proposal_create(
        actor=drafter,
        manual=manual,
        title=f"{label}の改正",
        reason="明確化。",
        effective_date=timezone.localdate() + timedelta(days=days_ahead),
        reviewer=reviewer,
        approver=approver,
    )
    proposal_change_section(
        actor=drafter,
        proposal=proposal,
        key=section.key,
        label=label,
        heading=section.heading,
        body=body,
    )
    proposal_submit(actor=drafter, proposal=proposal)
    proposal_decide(actor=reviewer, proposal=proposal, approve=True)
    proposal_decide(actor=approver, proposal=proposal, approve=True)


def test_a_revision_goes_through_review_and_approval_to_a_new_version(world: World) -> None:
    drafter, reviewer, approver = _route(world)
    manual = _import(world, drafter)
    manual.followers.add(world.users["officer_a"])
    base = in_force(manual)
    article_3 = base.sections.get(label="第3条")
    article_2 = base.sections.get(label="第2条")
    proposal = proposal_create(
        actor=drafter,
        manual=manual,
        title="現金の取扱いの明確化",
        reason="窓口への照会が多いため。",
        effective_date=timezone.localdate(),
        reviewer=reviewer,
        approver=approver,
        motivations=[("desk.inquiry", "12", "現金の拾得物の数え方", "/desk/12/")],
    )
    with pytest.raises(InvalidInput):
        proposal_submit(actor=drafter, proposal=proposal)
    proposal_change_section(
        actor=drafter,
        proposal=proposal,
        key=article_3.key,
        label="第3条",
        heading="拾得物の受理",
        body="拾得物の提出を受けたときは、速やかに拾得物件預り書を交付する。\n2　現金は、拾得者の面前で二人で数える。",
    )
    proposal_delete_section(actor=drafter, proposal=proposal, key=article_2.key)
    added = proposal_add_section(
        actor=drafter,
        proposal=proposal,
        after_key=article_3.key,
        level=4,
        label="第4条",
        heading="保管",
        body="拾得物は施錠できる保管庫で保管する。",
    )
    proposal_submit(actor=drafter, proposal=proposal)
    with pytest.raises(AccessDenied):
        proposal_decide(actor=approver, proposal=proposal, approve=True)
    with pytest.raises(InvalidInput):
        proposal_decide(actor=reviewer, proposal=proposal, approve=False, comment="")
    proposal = proposal_decide(
        actor=reviewer, proposal=proposal, approve=False, comment="第4条の文言を確認"
    )
    assert proposal.status == Status.DRAFTING
    assert Notification.objects.filter(recipient=drafter, kind="manual.revision").exists()
    proposal_submit(actor=drafter, proposal=proposal)
    proposal = proposal_decide(actor=reviewer, proposal=proposal, approve=True)
    assert proposal.status == Status.IN_APPROVAL
    proposal = proposal_decide(actor=approver, proposal=proposal, approve=True, comment="決裁")
    assert proposal.status == Status.APPROVED
    manual.refresh_from_db()
    new = in_force(manual)
    assert new == proposal.resulting_version and new.number == 2
    assert [s.label for s in new.sections.all()] == [
        "",
        "第1章",
        "第1条",
        "第2章",
        "第3条",
        "第4条",
    ]
    assert new.sections.get(key=added.key).heading == "保管"
    # The old version stays readable, and the stable link now finds the new text.
    assert base.sections.get(key=article_3.key).body.startswith("拾得物の提出を受けたときは、拾得")
    assert list(proposal.steps.values_list("action", flat=True)) == [
        "submitted",
        "sent_back",
        "submitted",
        "reviewed",
        "approved",
    ]
    assert AuditEntry.objects.filter(action="revision.approved").exists()
    assert Notification.objects.filter(
        recipient=world.users["officer_a"], kind="manual.revised"
    ).exists()
    titles = [
        hit.title for hit in search(drafter, "保管庫", types=["knowledge.manual_section"]).hits
    ]
    assert titles == ["遺失物取扱要領　第4条　保管"]


def test_a_version_for_a_later_date_comes_into_force_on_that_date(world: World) -> None:
    drafter, reviewer, approver = _route(world)
    manual = _import(world, drafter)
    revise(world, manual, "第1条", "新しい目的。", days_ahead=10)
    manual.refresh_from_db()
    assert in_force(manual).number == 1
    assert manual_versions_take_effect() == 0
    ManualVersion.objects.filter(manual=manual, number=2).update(
        effective_date=timezone.localdate()
    )
    assert manual_versions_take_effect() == 1
    assert manual_versions_take_effect() == 0
    manual.refresh_from_db()
    assert in_force(manual).number == 2


def test_the_comparison_table_underlines_what_changed(world: World, client_for: Any) -> None:
    drafter, reviewer, approver = _route(world)
    manual = _import(world, drafter)
    revise(
        world,
        manual,
        "第3条",
        "拾得物の提出を受けたときは、直ちに拾得物件預り書を交付する。\n2　現金は、拾得者の面前で数える。",
    )
    old, new = ManualVersion.objects.get(number=1), ManualVersion.objects.get(number=2)
    [row] = compare(old, new)
    assert "<u>直ちに</u>" in row.after
    assert "<u>" not in row.before or "直ちに" not in row.before
    client = client_for("officer_a")
    page = client.get(reverse("knowledge:manual_compare", args=[manual.pk]) + "?old=1&new=2")
    assert "<u>直ちに</u>" in page.content.decode()
    pdf = client.get(reverse("knowledge:manual_compare_pdf", args=[manual.pk]) + "?old=1&new=2")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf.content))
    assert embedded_fonts(reader) and all("IPAexGothic" in f for f in embedded_fonts(reader))
    text = reader.pages[0].extract_text()
    assert "改正後" in text and "直ちに" in text and "作成日時" in text and "1 / 1" in text


def test_only_the_named_people_act_on_a_proposal(world: World, client_for: Any) -> None:
    drafter, reviewer, approver = _route(world)
    manual = _import(world, drafter)
    with pytest.raises(InvalidInput):
        proposal_create(
            actor=drafter,
            manual=manual,
            title="t",
            reason="r",
            effective_date=timezone.localdate(),
            reviewer=reviewer,
            approver=reviewer,
        )
    with pytest.raises(InvalidInput):
        proposal_create(
            actor=drafter,
            manual=manual,
            title="t",
            reason="r",
            effective_date=timezone.localdate(),
            reviewer=reviewer,
            approver=world.users["officer_b"],
        )
    with pytest.raises(AccessDenied):
        proposal_create(
            actor=world.users["officer_a"],
            manual=manual,
            title="t",
            reason="r",
            effective_date=timezone.localdate(),
            reviewer=reviewer,
            approver=approver,
        )
    with pytest.raises(InvalidInput) as refused:
        proposal_create(
            actor=drafter,
            manual=manual,
            title="t",
            reason="r",
            effective_date=timezone.localdate(),
            reviewer=reviewer,
            approver=drafter,
        )
    assert refused.value.fields["approver"] == [
        "起案者本人を審査者・決裁者にすることはできません。"
    ]
    assert not ManualSection.objects.filter(version__number=2).exists()


def test_the_route_pickers_list_the_institution_by_unit_without_the_drafter(
    world: World, client_for: Any
) -> None:
    drafter, _reviewer, _approver = _route(world)
    manual = _import(world, drafter)
    page = (
        client_for(drafter.username)
        .get(reverse("knowledge:proposal_create", args=[manual.pk]))
        .content.decode()
    )
    approver_list = page.split('name="approver"', 1)[1].split("</select>", 1)[0]
    assert f'value="{drafter.pk}"' not in approver_list, "never one's own approver"
    assert "（駅前交番）" in approver_list, "each person with their unit"
    assert str(world.users["officer_b"]) not in approver_list, "only the manual's institution"
    assert "data-filterable" in page and "決裁者を名前で絞り込む" in page


def test_a_50_mb_upload_is_refused_before_it_is_read(world: World, client_for: Any) -> None:
    make_publisher(world)
    huge = SimpleUploadedFile("huge.docx", b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024))
    response = client_for("responder_a").post(
        reverse("knowledge:manual_import"),
        {
            "title": "大きな要領",
            "file": huge,
            "effective_date_0": "2026",
            "effective_date_1": "4",
            "effective_date_2": "1",
            "classification": "2",
        },
    )
    assert response.status_code == 200
    assert "ファイルが大きすぎます（上限20MB）" in response.content.decode()
    assert not Manual.objects.exists()


def test_the_text_before_the_first_heading_is_called_the_preamble(
    world: World, client_for: Any
) -> None:
    """「前文」 in the section's title (which the page, its table of contents, search and the
    comparison table all show), never the section's internal key."""
    publisher = make_publisher(world)
    manual = _import(world, publisher)
    preamble = in_force(manual).sections.order_by("position").first()
    assert preamble is not None and not preamble.label and not preamble.heading
    assert preamble.title == "前文"
    page = client_for("officer_a").get(manual.get_absolute_url()).content.decode()
    assert f'<a href="#{preamble.key}">前文</a>' in page
    assert f">{preamble.key}<" not in page and "(untitled)" not in page and "（無題）" not in page
