"""Words an editor masks by hand are remembered for the institution and found next time; the
list is personal data, read only by the institution's editors."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from suishin.core.errors import AccessDenied
from suishin.core.models import AuditEntry
from suishin.knowledge.models import MaskingWord
from suishin.knowledge.services.masking_words import masking_word_remove
from suishin.knowledge.services.sharing import article_findings, article_share_request
from suishin.knowledge.tests.factories import make_article, make_publisher
from suishin.testing.access import body_text
from suishin.testing.personas import World

MISSED = "甲斐田組長"  # a nickname the detector cannot know


def _share_adding_missed_word(world: World) -> MaskingWord:
    publisher = make_publisher(world)
    article = make_article(publisher, environment=f"通報は{MISSED}の知人からだった。")
    assert MISSED not in [item.finding.text for item in article_findings(article)]
    article_share_request(
        actor=publisher,
        article=article,
        expected_version=article.version,
        shared_nationwide=True,
        masked_keys=[item.key for item in article_findings(article)],
        extra_phrases=[(MISSED, "name")],
    )
    return MaskingWord.objects.get(phrase=MISSED)


@pytest.mark.django_db
def test_a_word_added_once_is_found_in_the_next_article(world: World) -> None:
    word = _share_adding_missed_word(world)
    assert word.kind == "name"
    assert word.institution == world.users["responder_a"].unit.owning_institution  # type: ignore[union-attr]
    later = make_article(make_publisher(world), environment=f"{MISSED}がまた来庁した。")
    assert (MISSED, "name") in [
        (item.finding.text, item.finding.kind) for item in article_findings(later)
    ]
    # The audit chain records the kind, never the word.
    entry = AuditEntry.objects.get(action="knowledge.masking_word_add")
    assert MISSED not in str(entry.detail) and entry.detail == {"kind": "name"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("responder_a", True),  # a publisher of the institution
        ("officer_a", False),  # a candidate of the same institution
        ("officer_b", False),  # another prefecture
        ("auditor_a", False),
        ("national_secretariat", False),
    ],
)
def test_only_the_institutions_editors_read_the_list(
    world: World, client_for: Any, persona: str, sees: bool
) -> None:
    _share_adding_missed_word(world)
    if persona == "responder_a":
        make_publisher(world)
    response = client_for(persona).get(reverse("knowledge:masking_words"))
    if sees:
        assert response.status_code == 200
        assert MISSED in body_text(response)
    else:
        assert response.status_code in {403, 404}
        assert MISSED not in body_text(response)


@pytest.mark.django_db
def test_only_a_publisher_removes_a_word(world: World, client_for: Any) -> None:
    word = _share_adding_missed_word(world)
    url = reverse("knowledge:masking_word_remove", args=[word.pk])
    assert client_for("officer_b").post(url).status_code in {403, 404}
    assert client_for("officer_a").post(url).status_code in {403, 404}
    with pytest.raises(AccessDenied):
        masking_word_remove(actor=world.users["officer_a"], word=word)
    assert MaskingWord.objects.filter(pk=word.pk).exists()
    response = client_for("responder_a").post(url, follow=True)
    assert response.status_code == 200
    assert not MaskingWord.objects.filter(pk=word.pk).exists()
    assert MISSED not in body_text(response)
    assert AuditEntry.objects.filter(action="knowledge.masking_word_remove").count() == 1


@pytest.mark.django_db
def test_a_notice_sent_outside_is_checked_for_the_institutions_words(world: World) -> None:
    from suishin.core.choices import ClassificationChoices, RoleChoices
    from suishin.core.errors import InvalidInput
    from suishin.core.models import Notice
    from suishin.core.services.notices import notice_create
    from suishin.core.services.users import user_create
    from suishin.testing.personas import PASSWORD

    _share_adding_missed_word(world)
    body = f"{MISSED}の件は解決しました。"
    with pytest.raises(InvalidInput) as refused:
        notice_create(
            actor=world.users["admin_a"],
            title="お知らせ",
            body=body,
            classification=ClassificationChoices.INTERNAL,
            shared_nationwide=True,
        )
    assert f"「{MISSED}」" in str(refused.value.fields["body"])
    # Another institution's list is its own: 県B's notice is not checked against 県A's words.
    secretariat_b = user_create(
        actor=None,
        username="secretariat_b",
        password=PASSWORD,
        unit=world.pref_b,
        roles=[RoleChoices.OFFICER, RoleChoices.SECRETARIAT],
    )
    notice_create(
        actor=secretariat_b,
        title="お知らせ",
        body=body,
        classification=ClassificationChoices.INTERNAL,
        shared_nationwide=True,
    )
    assert Notice.objects.get().organization.owning_institution == world.pref_b
