"""The desk's pages: asking with suggestions, the thread, the queue and the dashboard."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from suishin.core.choices import ClassificationChoices, DateStyleChoices
from suishin.core.models import StoredFile
from suishin.core.wareki import format_japanese_era, format_western
from suishin.desk.choices import InquiryStatusChoices, MessageKindChoices
from suishin.desk.models import Inquiry, InquiryMessage
from suishin.desk.selectors import categories_for
from suishin.desk.services.configuration import duty_shift_create, queue_create
from suishin.desk.services.inquiries import inquiry_post
from suishin.desk.tests.factories import make_desk, make_inquiry
from suishin.testing.personas import World

pytestmark = pytest.mark.django_db


def ask_data(desk: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "category": desk.category.pk,
        "urgency": "normal",
        "subject": "遺失物の保管期間",
        "body": "現金の遺失物の保管期間を教えてください。",
        "classification": "2",
    }
    data.update(overrides)
    return data


def test_a_question_without_a_subject_is_refused_in_japanese_and_nothing_is_saved(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    response = client_for("officer_a").post(
        reverse("desk:inquiry_create"), ask_data(desk, subject="")
    )
    assert response.status_code == 200
    assert "件名を入力してください。" in response.content.decode()
    assert "現金の遺失物の保管期間を教えてください。" in response.content.decode(), "text kept"
    assert not Inquiry.objects.exists()


def test_a_disallowed_attachment_is_refused_and_nothing_is_saved(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    upload = SimpleUploadedFile(
        "tool.exe", b"MZ\x90\x00binary", content_type="application/octet-stream"
    )
    response = client_for("officer_a").post(
        reverse("desk:inquiry_create"), {**ask_data(desk), "attachments": upload}
    )
    assert "許可されていないファイル形式です。" in response.content.decode()
    assert not Inquiry.objects.exists() and not StoredFile.objects.exists()


def test_asking_sends_the_question_to_the_desk(world: World, client_for: Any) -> None:
    desk = make_desk(world)
    response = client_for("officer_a").post(reverse("desk:inquiry_create"), ask_data(desk))
    inquiry = Inquiry.objects.get()
    assert response["Location"] == inquiry.get_absolute_url()
    assert inquiry.assignee == world.users["responder_a"]


def answered(world: World, desk: Any) -> Inquiry:
    inquiry = make_inquiry(world.users["officer_a"], desk, subject="遺失物の保管期間が過ぎた現金")
    inquiry_post(
        actor=world.users["responder_a"],
        inquiry=inquiry,
        body="保管期間経過後は拾得者に通知します。",
        kind=MessageKindChoices.REPLY,
    )
    return inquiry


def test_suggestions_show_answers_only_to_those_who_may_read_them(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    earlier = answered(world, desk)
    url = reverse("desk:suggest") + "?context=ask"
    typed = {"subject": "遺失物の保管期間"}
    mine = client_for("officer_a").post(url, typed, HTTP_HX_REQUEST="true").content.decode()
    assert earlier.subject in mine and "これで解決" in mine
    other = client_for("officer_b").post(url, typed, HTTP_HX_REQUEST="true").content.decode()
    assert earlier.subject not in other
    # Asked by POST only: what an officer types never travels in a URL or an access log.
    assert client_for("officer_a").get(url, typed).status_code == 405


def test_solved_with_a_suggestion_closes_the_question_at_once(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    earlier = answered(world, desk)
    client_for("officer_a").post(
        reverse("desk:inquiry_create"), {**ask_data(desk), "solved": f"desk.inquiry|{earlier.pk}"}
    )
    inquiry = Inquiry.objects.exclude(pk=earlier.pk).get()
    assert inquiry.self_resolved and inquiry.status == InquiryStatusChoices.RESOLVED
    assert inquiry.references.get().object_id == str(earlier.pk)


def test_the_officer_never_sees_internal_notes_or_their_files(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    inquiry = make_inquiry(world.users["officer_a"], desk)
    note = SimpleUploadedFile("memo.txt", "内部の検討メモ".encode(), content_type="text/plain")
    inquiry_post(
        actor=world.users["responder_a"],
        inquiry=inquiry,
        body="課長と協議中（内部）",
        kind=MessageKindChoices.NOTE,
        attachments=[note],
    )
    stored = StoredFile.objects.get()
    officer, responder = client_for("officer_a"), client_for("responder_a")
    page = officer.get(inquiry.get_absolute_url()).content.decode()
    assert "課長と協議中" not in page and "memo.txt" not in page
    assert officer.get(stored.get_absolute_url()).status_code == 404
    assert "課長と協議中" in responder.get(inquiry.get_absolute_url()).content.decode()
    assert responder.get(stored.get_absolute_url()).status_code == 200


def test_a_reply_posted_meanwhile_is_shown_to_the_second_writer(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    inquiry = make_inquiry(world.users["officer_a"], desk)
    second = world.users["admin_a"]
    second.roles.create(role="responder")
    inquiry_post(
        actor=world.users["responder_a"],
        inquiry=inquiry,
        body="一人目の回答です。",
        kind=MessageKindChoices.REPLY,
    )
    response = client_for("admin_a").post(
        reverse("desk:inquiry_post", args=[inquiry.pk]),
        {"body": "二人目の回答です。", "action": "answer", "seen": "0"},
        follow=True,
    )
    page = response.content.decode()
    assert "も投稿しました" in page
    assert "一人目の回答です。" in page and "二人目の回答です。" in page
    assert InquiryMessage.objects.filter(kind=MessageKindChoices.REPLY).count() == 2


def test_an_empty_reply_is_refused_and_the_page_keeps_the_form(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    inquiry = make_inquiry(world.users["officer_a"], desk)
    response = client_for("responder_a").post(
        reverse("desk:inquiry_post", args=[inquiry.pk]), {"body": "", "action": "answer"}
    )
    assert response.status_code == 400
    assert "メッセージを入力してください。" in response.content.decode()
    assert not InquiryMessage.objects.exists()


def test_the_queue_reads_in_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    desk = make_desk(world)
    client = client_for("responder_a")
    for number in range(3):
        make_inquiry(world.users["officer_a"], desk, subject=f"質問{number}")
    client.get(reverse("desk:queue"))
    cache.clear()  # the rows are rendered again, not taken from the cache
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("desk:queue"))
    for number in range(20):
        make_inquiry(world.users["officer_a"], desk, subject=f"追加{number}", urgency="urgent")
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("desk:queue"))
    rows = response.content.decode()
    assert rows.index("追加0") < rows.index("質問0"), "urgent and due first"


def test_the_queue_filters_by_queue_and_category_and_ignores_foreign_values(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    other_category = categories_for(world.pref_a.pk).get(name="交通")
    make_inquiry(world.users["officer_a"], desk, subject="生活安全の照会")
    make_inquiry(world.users["officer_a"], desk, subject="交通の照会", category=other_category)
    client = client_for("responder_a")
    url = reverse("desk:queue")
    content = client.get(url, {"category": other_category.pk, "status": "open"}).content.decode()
    assert "交通の照会" in content and "生活安全の照会" not in content
    assert f'<option value="{other_category.pk}" selected>' in content
    content = client.get(url, {"queue": desk.queue.pk, "status": "open"}).content.decode()
    assert "交通の照会" in content and "生活安全の照会" in content
    for foreign in ("999999", "abc"):
        response = client.get(url, {"queue": foreign, "status": "open"})
        assert response.status_code == 200
        assert (
            f"「{foreign}」は一覧にありません。一覧から選んでください。"
            in response.content.decode()
        )


def test_the_queue_refreshes_as_a_fragment(world: World, client_for: Any) -> None:
    desk = make_desk(world)
    make_inquiry(world.users["officer_a"], desk, subject="至急の照会", urgency="urgent")
    response = client_for("responder_a").get(reverse("desk:queue"), HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "至急の照会" in content and "<html" not in content


def test_the_dashboard_counts_and_exports(world: World, client_for: Any) -> None:
    desk = make_desk(world)
    answered(world, desk)
    make_inquiry(world.users["officer_a"], desk, subject="未回答")
    client = client_for("responder_a")
    page = client.get(reverse("desk:dashboard")).content.decode()
    assert "生活安全" in page
    # The weekly chart's axis is its table's first column: in the reader's calendar.
    week = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    assert f'<time datetime="{week.isoformat()}">{format_western(week)}</time>' in page
    responder = world.users["responder_a"]
    responder.date_style = DateStyleChoices.JAPANESE_ERA
    responder.save(update_fields=["date_style"])
    era_page = client_for("responder_a").get(reverse("desk:dashboard")).content.decode()
    assert f">{format_japanese_era(week)}</time>" in era_page
    csv = client.get(reverse("desk:dashboard_export") + "?table=category").getvalue().decode()
    assert csv.lstrip("\ufeff").splitlines() == ["分類,照会件数", "生活安全,2"]
    bad = client.get(reverse("desk:dashboard") + "?date_from_0=2026&date_from_1=13&date_from_2=1")
    assert (
        bad.status_code == 200 and "月は1から12までの数で入力してください。" in bad.content.decode()
    )


def test_the_same_question_answered_twice_is_suggested_once(world: World, client_for: Any) -> None:
    desk = make_desk(world)
    answered(world, desk)
    answered(world, desk)
    url = reverse("desk:suggest") + "?context=ask"
    typed = {"subject": "遺失物の保管期間"}
    page = client_for("officer_a").post(url, typed, HTTP_HX_REQUEST="true").content.decode()
    assert page.count("遺失物の保管期間が過ぎた現金") == 1


def test_the_self_refreshing_queue_answers_no_content_until_something_changes(
    world: World, client_for: Any
) -> None:
    import re

    desk = make_desk(world)
    make_inquiry(world.users["officer_a"], desk, subject="最初の照会")
    client = client_for("responder_a")
    first = client.get(reverse("desk:queue"), HTTP_HX_REQUEST="true").content.decode()
    since = re.search(r'name="since" value="([^"]+)"', first).group(1)  # type: ignore[union-attr]
    unchanged = client.get(reverse("desk:queue"), {"since": since}, HTTP_HX_REQUEST="true")
    assert unchanged.status_code == 204
    make_inquiry(world.users["officer_a"], desk, subject="新しい至急の照会", urgency="urgent")
    changed = client.get(reverse("desk:queue"), {"since": since}, HTTP_HX_REQUEST="true")
    assert changed.status_code == 200 and "新しい至急の照会" in changed.content.decode()


def test_the_dashboard_refuses_a_year_outside_its_range(world: World, client_for: Any) -> None:
    make_desk(world)
    client = client_for("responder_a")
    for year in ("9999", "1899"):
        query = f"?date_to_0={year}&date_to_1=12&date_to_2=31"
        page = client.get(reverse("desk:dashboard") + query)
        text = page.content.decode()
        assert page.status_code == 200 and "1900年1月1日から2200年12月31日までの日付" in text
        assert client.get(reverse("desk:dashboard_export") + query).status_code == 200


def test_personal_data_typed_into_a_question_is_warned_about_but_never_blocks(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    officer = client_for("officer_a")
    body = "遺失者の山田太郎さん（090-1234-5678）から問い合わせがありました。"
    url = reverse("desk:privacy_check")
    assert officer.get(url, {"body": body}).status_code == 405, "never in a URL"
    warning = officer.post(url, {"subject": "遺失物", "body": body}).content.decode()
    assert "個人情報と思われる記載があります" in warning
    assert "氏名：「山田太郎」" in warning and "電話番号：「090-1234-5678」" in warning
    assert "自分と窓口の回答担当者のみ" in warning, "says how to limit who reads it"
    plain = officer.post(url, {"subject": "遺失物", "body": "保管期間を教えてください。"})
    assert "個人情報" not in plain.content.decode()
    # A refused form keeps the warning beside what was typed; a valid one is sent as it is.
    refused = officer.post(reverse("desk:inquiry_create"), ask_data(desk, subject="", body=body))
    assert "氏名：「山田太郎」" in refused.content.decode()
    officer.post(reverse("desk:inquiry_create"), ask_data(desk, body=body))
    assert Inquiry.objects.get().body == body


def test_the_warning_reads_what_the_form_accepts_and_no_more(world: World, client_for: Any) -> None:
    """Subject and body are each read up to their limits: a phone number within the body's
    10,000 characters is found even after a subject that is too long, and one past the limit
    is not read at all."""
    make_desk(world)
    officer = client_for("officer_a")
    url = reverse("desk:privacy_check")
    within = officer.post(url, {"subject": "件" * 500, "body": "あ" * 9_900 + " 090-1234-5678"})
    assert "電話番号：「090-1234-5678」" in within.content.decode()
    past = officer.post(url, {"body": "あ" * 10_300 + "090-1234-5678"})
    assert past.status_code == 200 and "090-1234-5678" not in past.content.decode()


def test_the_officer_says_solved_or_not_and_never_sees_the_desks_status_moves(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    inquiry = make_inquiry(world.users["officer_a"], desk)
    url = reverse("desk:inquiry_detail", args=[inquiry.pk])
    officer = client_for("officer_a").get(url).content.decode()
    assert "解決した（照会を閉じる）" in officer
    assert "「対応中」にする" not in officer and "「回答済み」にする" not in officer
    responder = client_for("responder_a").get(url).content.decode()
    assert "「対応中」にする" in responder and "解決した（照会を閉じる）" not in responder
    inquiry_post(actor=world.users["responder_a"], inquiry=inquiry, body="回答です。", kind="reply")
    answered_page = client_for("officer_a").get(url).content.decode()
    assert "解決していない（窓口に戻す）" in answered_page
    client_for("officer_a").post(
        reverse("desk:inquiry_status", args=[inquiry.pk]), {"status": "in_progress"}
    )
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatusChoices.IN_PROGRESS


def test_the_home_panel_lists_open_questions_apart_from_answers_to_confirm(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world)
    officer = world.users["officer_a"]
    make_inquiry(officer, desk, subject="まだ回答のない照会")
    answered = make_inquiry(officer, desk, subject="回答が届いた照会")
    inquiry_post(
        actor=world.users["responder_a"],
        inquiry=answered,
        body="保管期間は3か月です。",
        kind=MessageKindChoices.REPLY,
        next_status=InquiryStatusChoices.ANSWERED,
    )
    closed = make_inquiry(officer, desk, subject="解決済みの照会")
    Inquiry.objects.filter(pk=closed.pk).update(status=InquiryStatusChoices.RESOLVED)
    page = client_for("officer_a").get(reverse("core:home")).content.decode()
    open_part, _, rest = page.partition("解決の確認待ちの照会")
    assert "まだ回答のない照会" in open_part and "回答が届いた照会" not in open_part
    assert "回答が届いた照会" in rest
    assert "解決済みの照会" not in page
    listed = client_for("officer_a").get(reverse("core:notification_list")).content.decode()
    assert "「回答が届いた照会」" in listed, "the notification names the inquiry"


def test_a_night_shift_is_listed_once_and_a_person_on_two_desks_once(
    world: World, client_for: Any
) -> None:
    desk = make_desk(world, on_duty=False)
    other = queue_create(
        actor=None,
        division=world.station_a,
        supervisor=world.users["admin_a"],
        manager=world.users["admin_a"],
    )
    now = timezone.localtime()
    evening = now.replace(hour=17, minute=15, second=0, microsecond=0) - timedelta(days=1)
    for queue in (desk.queue, other):
        duty_shift_create(
            actor=None,
            queue=queue,
            responder=world.users["responder_a"],
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(hours=1),
        )
    world.users["admin_a"].roles.create(role="responder")
    duty_shift_create(
        actor=None,
        queue=desk.queue,
        responder=world.users["admin_a"],
        starts_at=evening,
        ends_at=evening + timedelta(hours=15, minutes=15),
    )
    responder = client_for("responder_a")
    week = (evening.date() - timedelta(days=evening.weekday())).isoformat()
    roster = responder.get(reverse("desk:roster"), {"week": week}).content.decode()
    assert roster.count("17:15–翌08:30") == 1
    queue_page = responder.get(reverse("desk:queue")).content.decode()
    on_duty = queue_page.split("現在の当番", 1)[1].split("</p>", 1)[0]
    assert on_duty.count(str(world.users["responder_a"])) == 1


def test_a_revision_names_the_inquiries_behind_it_only_to_those_who_may_read_them(
    world: World, client_for: Any
) -> None:
    """A restricted inquiry's subject never reaches a reader of the manual through the
    proposal it motivated; the reader learns only that there is one more."""
    from suishin.knowledge.services.revisions import (
        proposal_change_section,
        proposal_create,
        proposal_decide,
        proposal_submit,
    )
    from suishin.knowledge.tests.factories import make_manual, make_publisher

    desk = make_desk(world)
    secret = make_inquiry(
        world.users["officer_a"],
        desk,
        subject="職員の不祥事に関する相談（秘）",
        classification=ClassificationChoices.RESTRICTED,
    )
    drafter = make_publisher(world)
    manual = make_manual(drafter)
    proposal = proposal_create(
        actor=drafter,
        manual=manual,
        title="第1条の改正",
        reason="照会が多いため。",
        effective_date=timezone.localdate(),
        reviewer=world.users["admin_a"],
        approver=world.users["auditor_a"],
        motivations=[("desk.inquiry", str(secret.pk), secret.subject, secret.get_absolute_url())],
    )
    staff = client_for("responder_a").get(proposal.get_absolute_url()).content.decode()
    assert "職員の不祥事に関する相談（秘）" in staff
    approver = client_for("auditor_a").get(proposal.get_absolute_url())
    assert approver.status_code == 200
    page = approver.content.decode()
    assert "職員の不祥事" not in page, "the stored subject is never shown"
    assert "閲覧できない照会・記事が1件" in page
    # Approved, the revision is told on the section it changed, the same way.
    in_force = manual.current_version
    assert in_force is not None
    section = in_force.sections.get(label="第1条")
    proposal_change_section(
        actor=drafter,
        proposal=proposal,
        key=section.key,
        label="第1条",
        heading=section.heading,
        body="この要領は、遺失物の取扱いの手順を定める。",
    )
    proposal_submit(actor=drafter, proposal=proposal)
    proposal_decide(actor=world.users["admin_a"], proposal=proposal, approve=True)
    proposal_decide(actor=world.users["auditor_a"], proposal=proposal, approve=True)
    staff_manual = client_for("responder_a").get(manual.get_absolute_url()).content.decode()
    assert "改訂のきっかけ：" in staff_manual and "職員の不祥事に関する相談（秘）" in staff_manual
    other = client_for("auditor_a").get(manual.get_absolute_url()).content.decode()
    assert "改訂のきっかけ：" in other and "職員の不祥事" not in other


def test_the_drafter_names_the_inquiries_behind_a_revision_by_number(
    world: World, client_for: Any
) -> None:
    from suishin.knowledge.tests.factories import make_manual, make_publisher

    desk = make_desk(world)
    asked = make_inquiry(world.users["officer_a"], desk, subject="現金の拾得物の数え方")
    drafter = make_publisher(world)
    manual = make_manual(drafter)
    url = reverse("knowledge:proposal_create", args=[manual.pk])
    data = {
        "title": "第1条の改正",
        "reason": "照会が多いため。",
        "effective_date_era": "western",
        "effective_date_0": str(timezone.localdate().year),
        "effective_date_1": str(timezone.localdate().month),
        "effective_date_2": str(timezone.localdate().day),
        "reviewer": world.users["admin_a"].pk,
        "approver": world.users["auditor_a"].pk,
    }
    client = client_for("responder_a")
    refused = client.post(url, {**data, "inquiries": f"{asked.pk} 999999"})
    page = refused.content.decode()
    assert "照会999999は見つからないか、閲覧できません。" in page
    assert f'value="{asked.pk} 999999"' in page, "what was typed is kept"
    client.post(url, {**data, "inquiries": str(asked.pk)})
    from suishin.knowledge.models import RevisionProposal

    proposal = RevisionProposal.objects.get(manual=manual)
    assert list(proposal.motivations.values_list("object_id", flat=True)) == [str(asked.pk)]
