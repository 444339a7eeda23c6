"""Knowledge pages and API for every persona."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.utils import timezone

from suishin.core.choices import ClassificationChoices, RoleChoices
from suishin.core.models import SharedSnapshot, User
from suishin.core.services.releases import release_confirm
from suishin.core.services.users import user_create
from suishin.desk.tests.factories import make_desk, make_inquiry
from suishin.knowledge.choices import KnowledgeRoleChoices
from suishin.knowledge.models import Article, KnowledgeGap, ManualSection, MaskingWord
from suishin.knowledge.services.articles import article_update
from suishin.knowledge.services.flags import article_flag
from suishin.knowledge.services.manuals import manual_import
from suishin.knowledge.services.masking_words import masking_words_remember
from suishin.knowledge.services.revisions import proposal_change_section, proposal_create
from suishin.knowledge.services.roles import knowledge_role_set
from suishin.knowledge.services.sharing import article_findings, article_share_request
from suishin.knowledge.tests.access_rows import API, PAGES
from suishin.knowledge.tests.factories import make_article, make_publisher
from suishin.search.services.index import search_index_record
from suishin.testing.access import Markers, matrix_tests
from suishin.testing.personas import PASSWORD, World

OUTSIDERS = ("officer_b", "national_secretariat", "anonymous")
INSIDE_A = ("officer_a", "responder_a", "auditor_a", "admin_a")


def build_objects(world: World) -> SimpleNamespace:
    """The records this matrix reads, and the markers hidden in them from each persona (the
    cross-app content test builds every app's together)."""
    markers = Markers()
    publisher = make_publisher(world)
    second = make_second_publisher(world)
    # The article other institutions read through its confirmed snapshot: the personal data
    # masked away, its earlier version and its flag stay inside 県A.
    article = make_article(
        publisher,
        environment="遺失者は"
        + markers.hide("山田花子", readers=INSIDE_A)
        + "さん（"
        + markers.hide("090-8765-4321", readers=INSIDE_A)
        + "）。",
        cause=markers.hide("旧版だけの記述KN1", readers=INSIDE_A),
    )
    article = article_update(
        actor=publisher,
        article=article,
        expected_version=article.version,
        title=article.title,
        question=article.question,
        answer=article.answer + "\n保管期間は3か月。",
        environment=article.environment,
        cause="",
        basis=article.basis,
        category=article.category,
        search_words=article.search_words,
    )
    snapshot = share_confirmed(article, publisher, second)
    flag = article_flag(
        actor=world.users["officer_a"],
        article=article,
        reason=markers.hide("指摘の内容KNF", readers=INSIDE_A),
    )
    # A second request, awaiting confirmation, for the review page: it would leave the name
    # readable (kept with a reason), so a pending copy reaching anyone outside shows.
    findings = article_findings(article)
    name = next(item for item in findings if item.finding.text == "山田花子")
    pending = article_share_request(
        actor=publisher,
        article=article,
        expected_version=article.version,
        shared_nationwide=True,
        masked_keys=[item.key for item in findings if item is not name],
        unmasked_reasons={name.key: "本人の同意あり"},
    )
    # An article flagged nationwide the first release's way, on the record itself: the policy
    # keeps it inside all the same (and its search document with it).
    legacy = make_article(
        publisher,
        title=markers.hide("旧方式で全国共有された遺失物の記事KNL", readers=INSIDE_A),
    )
    Article.objects.filter(pk=legacy.pk).update(shared_nationwide=True)
    search_index_record(Article.objects.get(pk=legacy.pk))
    make_article(
        second,
        title=markers.hide("指定者限りの記事KN3"),
        classification=ClassificationChoices.RESTRICTED,
    )
    manual = manual_import(
        actor=publisher,
        title="遺失物取扱要領",
        file_name="youryou.txt",
        data="第1条　拾得物は速やかに提出する。\n第2条　以上。".encode(),
        effective_date=timezone.localdate(),
    )
    section = ManualSection.objects.get(version__manual=manual, label="第1条")
    proposal = proposal_create(
        actor=publisher,
        manual=manual,
        title="第1条の改正",
        reason="照会が多いため。",
        effective_date=timezone.localdate(),
        reviewer=world.users["admin_a"],
        approver=world.users["auditor_a"],
    )
    proposal_change_section(
        actor=publisher,
        proposal=proposal,
        key=section.key,
        label="第1条",
        heading="",
        body="拾得物は直ちに提出する。",
    )
    gap = make_gap_with_hidden_question(world, markers)
    # A word an editor masked by hand: personal data only the institution's editors read.
    institution = world.hq_a.owning_institution
    masking_words_remember(
        actor=publisher,
        institution=institution,
        phrases=[(markers.hide("手入力の秘匿語KN9", readers=("responder_a",)), "name")],
    )
    masking_word = MaskingWord.objects.get(institution=institution)
    return SimpleNamespace(
        masking_word=masking_word,
        article=article,
        snapshot=snapshot,
        pending=pending,
        flag=flag,
        manual=manual,
        proposal=proposal,
        section_key=section.key,
        gap=gap,
        markers=markers,
    )


def make_second_publisher(world: World) -> User:
    """A publisher of 県A who is none of the personas: they confirm what responder_a shares."""
    existing = User.objects.filter(username="publisher2_a").first()
    if existing is not None:
        return existing
    user = user_create(
        actor=None,
        username="publisher2_a",
        password=PASSWORD,
        unit=world.division_a,
        roles=[RoleChoices.OFFICER],
    )
    knowledge_role_set(actor=world.users["admin_a"], user=user, role=KnowledgeRoleChoices.PUBLISHER)
    return User.objects.get(pk=user.pk)


def share_confirmed(article: Article, publisher: User, second: User) -> SharedSnapshot:
    snapshot = article_share_request(
        actor=publisher,
        article=article,
        expected_version=article.version,
        shared_nationwide=True,
        masked_keys=[item.key for item in article_findings(article)],
    )
    return release_confirm(actor=second, release=snapshot, expected_sha256=snapshot.content_sha256)


def make_gap_with_hidden_question(world: World, markers: Markers) -> KnowledgeGap:
    """A revision candidate whose questions include one the publisher may not read."""
    desk = make_desk(world)
    officer = world.users["officer_a"]
    readable = [
        make_inquiry(officer, desk, subject=f"ドローンの飛行許可について{n}") for n in range(2)
    ]
    restricted = make_inquiry(
        officer,
        desk,
        subject=markers.hide("指定者限りの照会GAP3", readers=("officer_a",)),
        classification=ClassificationChoices.RESTRICTED,
    )
    # Only the asker: the queue's responders are taken off for this test.
    restricted.named_readers.clear()
    return KnowledgeGap.objects.create(
        institution=world.pref_a,
        detected_at=timezone.now(),
        size=3,
        inquiry_ids=[restricted.pk, *(inquiry.pk for inquiry in readable)],
    )


@pytest.fixture
def objects(world: World) -> SimpleNamespace:
    return build_objects(world)


test_page_access, test_api_access = matrix_tests(
    PAGES,
    API,
    lambda objects: {
        "article_id": objects.article.pk,
        "manual_id": objects.manual.pk,
        "snapshot_id": objects.snapshot.pk,
    },
)
