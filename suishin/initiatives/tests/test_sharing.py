"""横展開: a case leaves only with personal data masked; other organizations find it, ask,
bookmark and adopt it, and the chain of adoptions can be followed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from suishin.core.choices import ClassificationChoices, ReleaseStateChoices, RoleChoices
from suishin.core.errors import AccessDenied, InvalidInput
from suishin.core.models import AuditEntry, Notification
from suishin.core.services.releases import release_confirm
from suishin.core.services.users import user_create, user_set_roles
from suishin.initiatives.models import Initiative, SharedCase
from suishin.initiatives.services.sharing import (
    adoption_chain,
    case_adopt,
    case_answer,
    case_ask,
    case_publish,
    case_share_stop,
)
from suishin.initiatives.tests.factories import make_initiative, publish_case, secretariat_of_a
from suishin.search.selectors import search
from suishin.testing.personas import PASSWORD, World, sign_in

SUMMARY = "担当の山田太郎さん（090-1234-5678）が中心となり、照会への即日回答を全署に広げた。"


def _publish(world: World, initiative: Initiative, **fields: Any) -> SharedCase:
    """Published by officer_a and confirmed by 県A's secretariat."""
    values = {"title": "相談・照会窓口の全署展開", "summary": SUMMARY, **fields}
    return publish_case(world, initiative, **values)


def test_a_case_is_shared_only_masked_and_confirmed(world: World) -> None:
    initiative = make_initiative(world)
    with pytest.raises(InvalidInput):
        case_publish(
            actor=world.users["officer_a"],
            initiative=initiative,
            title="t",
            summary=SUMMARY,
            confirmed=False,
        )
    assert not SharedCase.objects.exists()
    case = _publish(world, initiative)
    assert (
        case.summary
        == "担当の［氏名］さん（［電話番号］）が中心となり、照会への即日回答を全署に広げた。"
    )
    assert SharedCase.objects.visible_to(world.users["officer_b"]).filter(pk=case.pk).exists()
    secret = make_initiative(
        world, title="秘の取組", classification=ClassificationChoices.RESTRICTED
    )
    with pytest.raises(InvalidInput):
        _publish(world, secret)
    with pytest.raises(AccessDenied):
        case_publish(
            actor=world.users["responder_a"],
            initiative=initiative,
            title="t",
            summary="s",
            confirmed=True,
        )


def test_a_case_waits_unshared_for_the_secretariat_of_its_institution(
    world: World, client_for: Any
) -> None:
    initiative = make_initiative(world)
    case = case_publish(
        actor=world.users["officer_a"],
        initiative=initiative,
        title="相談・照会窓口の全署展開",
        summary=SUMMARY,
        confirmed=True,
    )
    officer_b = world.users["officer_b"]
    assert case.release_state == ReleaseStateChoices.PENDING and not case.shared_nationwide
    assert not SharedCase.objects.visible_to(officer_b).filter(pk=case.pk).exists()
    assert not search(officer_b, "即日回答", types=["initiatives.case"]).hits
    assert client_for("officer_b").get(case.get_absolute_url()).status_code == 404
    with pytest.raises(InvalidInput):
        case_ask(actor=world.users["auditor_a"], case=case, question="まだ共有前では？")
    # The one who prepared it (and owns the initiative), an administrator, and a secretariat
    # of another institution may not confirm; the secretariat of 県A does, on the copy it saw.
    for person in (world.users["officer_a"], world.users["admin_a"], officer_b):
        with pytest.raises(AccessDenied):
            release_confirm(actor=person, release=case, expected_sha256=case.content_sha256)
    secretariat = secretariat_of_a(world)
    page = sign_in(Client(), secretariat)  # a privileged role: signed in with both factors
    catalogue = page.get(reverse("initiatives:case_catalogue")).content.decode()
    assert "確認待ちの自機関の事例" in catalogue and case.get_absolute_url() in catalogue
    assert (
        case.get_absolute_url()
        not in client_for("officer_b").get(reverse("initiatives:case_catalogue")).content.decode()
    )
    review = page.get(case.get_absolute_url()).content.decode()
    assert case.content_sha256 in review and "［氏名］" in review
    response = page.post(
        reverse("initiatives:case_action", args=[case.pk, "confirm"]),
        {"sha256": case.content_sha256},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.is_shared and case.shared_nationwide
    entry = AuditEntry.objects.get(action="sharing.confirmed")
    assert entry.detail["prepared_by"] == "officer_a"
    assert entry.detail["confirmed_by"] == "secretariat_a"
    assert entry.detail["sha256"] == case.content_sha256
    assert client_for("officer_b").get(case.get_absolute_url()).status_code == 200


def test_a_case_and_an_answer_mask_the_words_the_institutions_editors_added(
    world: World,
) -> None:
    from suishin.knowledge.models import MaskingWord

    missed = "甲斐田組長"  # a nickname the detector cannot know
    text = f"{missed}の協力で、照会への即日回答を全署に広げた。"
    # 県B's list is 県B's: it does not change what 県A shares.
    MaskingWord.objects.create(
        institution=world.pref_b, phrase=missed, kind="name", added_by=world.users["officer_b"]
    )
    initiative = make_initiative(world)
    assert missed in _publish(world, initiative, summary=text).summary
    MaskingWord.objects.create(
        institution=world.pref_a, phrase=missed, kind="name", added_by=world.users["officer_a"]
    )
    case = _publish(world, make_initiative(world, title="二件目"), summary=text)
    assert case.summary == "［氏名］の協力で、照会への即日回答を全署に広げた。"
    question = case_ask(
        actor=world.users["officer_b"],
        case=case,
        question="当県の担当の山田太郎さん（090-1234-5678）にも教えてください。",
    )
    # The question left 県B: its personal data was replaced too.
    assert question.question == "当県の担当の［氏名］さん（［電話番号］）にも教えてください。"
    answered = case_answer(
        actor=world.users["officer_a"], question=question, answer=f"{missed}に聞いてください。"
    )
    assert answered.answer == "［氏名］に聞いてください。"


def test_an_answer_to_another_institution_is_masked(world: World) -> None:
    case = _publish(world, make_initiative(world))
    question = case_ask(actor=world.users["officer_b"], case=case, question="担当はどなたですか。")
    answered = case_answer(
        actor=world.users["officer_a"], question=question, answer="山田太郎（090-1234-5678）です。"
    )
    assert "山田" not in answered.answer and "090-1234-5678" not in answered.answer


def test_another_organization_finds_asks_and_adopts_a_case(world: World, client_for: Any) -> None:
    case = _publish(world, make_initiative(world))
    officer_b = world.users["officer_b"]
    hits = search(officer_b, "即日回答", types=["initiatives.case"]).hits
    assert [hit.title for hit in hits] == ["相談・照会窓口の全署展開"]
    question = case_ask(actor=officer_b, case=case, question="何人体制で始めましたか。")
    assert Notification.objects.filter(
        recipient=world.users["officer_a"], kind="initiative.case_question"
    ).exists()
    with pytest.raises(AccessDenied):
        case_answer(actor=officer_b, question=question, answer="自分で答える")
    case_answer(actor=world.users["officer_a"], question=question, answer="3人で始めました。")
    assert Notification.objects.filter(recipient=officer_b, kind="initiative.case_answer").exists()
    with pytest.raises(AccessDenied):
        case_adopt(actor=officer_b, case=case)  # an officer, not an initiative owner
    user_set_roles(
        actor=None, user=officer_b, roles=[RoleChoices.OFFICER, RoleChoices.INITIATIVE_OWNER]
    )
    adopted = case_adopt(actor=officer_b, case=case, confirmed=True)
    assert adopted.organization == officer_b.unit and adopted.adopted_from == case
    with pytest.raises(InvalidInput):
        case_adopt(
            actor=world.users["admin_a"], case=case, confirmed=True
        )  # its own institution's case
    # The adopter shares its own version; the chain leads back to the first case.
    second = case_publish(
        actor=officer_b,
        initiative=adopted,
        title="北署での窓口展開",
        summary="県Aの事例を採り入れた。",
        confirmed=True,
    )
    secretariat_b = user_create(
        actor=None,
        username="secretariat_b",
        password=PASSWORD,
        unit=world.box_b,
        roles=[RoleChoices.OFFICER, RoleChoices.SECRETARIAT],
    )
    second = release_confirm(
        actor=secretariat_b, release=second, expected_sha256=second.content_sha256
    )
    assert adoption_chain(second) == [case]
    page = client_for("officer_a").get(second.get_absolute_url()).content.decode()
    assert "相談・照会窓口の全署展開" in page
    assert (
        client_for("officer_a")
        .get(case.get_absolute_url())
        .content.decode()
        .count("3人で始めました。")
        == 1
    )


def test_the_national_secretariat_sees_which_institutions_run_what(
    world: World, client_for: Any
) -> None:
    make_initiative(world)
    url = reverse("initiatives:case_catalogue")
    national = client_for("national_secretariat").get(url).content.decode()
    assert "県A警察" in national and "相談・照会体制" in national
    assert "どの機関がどの分類の取組を" not in client_for("officer_a").get(url).content.decode()


def test_the_owner_stops_sharing_a_case(world: World, client_for: Any) -> None:
    case = _publish(world, make_initiative(world))
    with pytest.raises(AccessDenied):
        case_share_stop(actor=world.users["officer_b"], case=case)
    response = client_for("officer_a").post(
        reverse("initiatives:case_action", args=[case.pk, "withdraw"])
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.release_state == ReleaseStateChoices.WITHDRAWN and not case.shared_nationwide
    assert client_for("officer_b").get(case.get_absolute_url()).status_code == 404
    assert not search(world.users["officer_b"], "即日回答", types=["initiatives.case"]).hits


def test_adopting_asks_for_confirmation_and_who_may_not_is_told_why(
    world: World, client_for: Any
) -> None:
    case = _publish(world, make_initiative(world))
    officer_b = world.users["officer_b"]
    page = client_for("officer_b").get(case.get_absolute_url()).content.decode()
    assert "事例を採用できるのは、推進事務局と取組の担当者です" in page, (
        "told why, not left guessing"
    )
    assert 'name="confirm"' not in page
    user_set_roles(
        actor=None, user=officer_b, roles=[RoleChoices.OFFICER, RoleChoices.INITIATIVE_OWNER]
    )
    client = client_for("officer_b")
    page = client.get(case.get_absolute_url()).content.decode()
    assert "北口交番の取組（計画中）として" in page
    adopt = reverse("initiatives:case_action", args=[case.pk, "adopt"])
    refused = client.post(adopt, follow=True).content.decode()
    assert "採用の確認欄にチェックを入れてから" in refused
    assert not Initiative.objects.filter(adopted_from=case).exists(), "nothing by one click"
    client.post(adopt, {"confirm": "1"})
    assert Initiative.objects.filter(adopted_from=case, owner=officer_b).exists()
    catalogue = client.get(reverse("initiatives:case_catalogue")).content.decode()
    assert "県A警察" in catalogue, "the institution"
    unit = case.initiative.organization.name
    assert f"<td>{unit}</td>" not in catalogue, "not the unit: it is not in the confirmed text"
    mine = client_for("officer_a").get(case.get_absolute_url()).content.decode()
    assert "自機関の事例は採用できません" in mine
