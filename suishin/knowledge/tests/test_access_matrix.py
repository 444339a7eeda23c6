"""Knowledge pages and API for every persona."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.utils import timezone

from suishin.knowledge.models import KnowledgeGap, ManualSection
from suishin.knowledge.services.articles import article_update
from suishin.knowledge.services.flags import article_flag
from suishin.knowledge.services.manuals import manual_import
from suishin.knowledge.services.revisions import proposal_change_section, proposal_create
from suishin.knowledge.tests.access_rows import API, PAGES
from suishin.knowledge.tests.factories import make_article, make_publisher
from suishin.testing.access import matrix_tests
from suishin.testing.personas import World


@pytest.fixture
def objects(world: World) -> SimpleNamespace:
    publisher = make_publisher(world)
    article = make_article(publisher)
    article = article_update(
        actor=publisher,
        article=article,
        expected_version=article.version,
        title=article.title,
        question=article.question,
        answer=article.answer + "\n保管期間は3か月。",
        environment=article.environment,
        basis=article.basis,
        category=article.category,
        search_words=article.search_words,
    )
    flag = article_flag(actor=world.users["officer_a"], article=article, reason="古い。")
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
    gap = KnowledgeGap.objects.create(
        institution=world.pref_a, detected_at=timezone.now(), title="ドローンの飛行許可", size=3
    )
    return SimpleNamespace(
        article=article,
        flag=flag,
        manual=manual,
        proposal=proposal,
        section_key=section.key,
        gap=gap,
    )


test_page_access, test_api_access = matrix_tests(
    PAGES,
    API,
    lambda objects: {"article_id": objects.article.pk, "manual_id": objects.manual.pk},
)
