"""改定候補: groups of recent questions that nothing validated answers, and the one-step
actions on them."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from django.urls import reverse
from django.utils import timezone

from suishin.core.choices import ClassificationChoices
from suishin.core.errors import AccessDenied, InvalidInput
from suishin.desk.tests.factories import make_desk, make_inquiry
from suishin.knowledge.choices import GapStatusChoices
from suishin.knowledge.gaps import find_gaps, group_questions
from suishin.knowledge.models import Article, KnowledgeGap, RevisionProposal
from suishin.knowledge.selectors import gap_for
from suishin.knowledge.services.gaps import gap_dismiss, gap_to_article, knowledge_gaps_detect
from suishin.knowledge.services.manuals import manual_import
from suishin.knowledge.tests.factories import make_article, make_publisher
from suishin.testing.personas import World

DRONE_QUESTIONS = [
    (
        "ドローンの飛行許可の確認方法",
        "管内でドローンを飛ばしている人がいます。飛行許可の確認方法を教えてください。",
    ),
    (
        "無人航空機の飛行許可を確認したい",
        "公園の上空で無人航空機が飛んでいます。許可の有無をどう確認すればよいですか。",
    ),
    (
        "ドローン飛行の許可証の見方",
        "ドローンを飛ばしている人から許可証を見せられました。確認すべき点を教えてください。",
    ),
]


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_close_questions_form_a_group_and_far_ones_do_not() -> None:
    questions = np.stack([unit(1, 0.1, 0), unit(1, 0.12, 0), unit(1, 0.08, 0.01), unit(0, 1, 0)])
    groups = group_questions(questions, threshold=0.95)
    assert [group.members for group in groups] == [[0, 1, 2], [3]]


def test_a_group_is_a_gap_only_when_nothing_answers_it() -> None:
    questions = np.stack([unit(1, 0.1, 0), unit(1, 0.12, 0), unit(1, 0.08, 0.01), unit(0, 1, 0)])
    far = np.stack([unit(0, 0, 1)])
    near = np.stack([unit(0, 0, 1), unit(1, 0.1, 0)])
    [gap] = find_gaps(questions, far, same_topic=0.95, answered=0.9)
    assert gap.members == [0, 1, 2] and gap.best_match == 0
    assert find_gaps(questions, near, same_topic=0.95, answered=0.9) == []
    assert find_gaps(questions[:2], far, same_topic=0.95, answered=0.9) == []  # too few


def _drone_questions(world: World) -> None:
    desk = make_desk(world)
    for subject, body in DRONE_QUESTIONS:
        make_inquiry(world.users["officer_a"], desk, subject=subject, body=body)


def test_the_daily_run_finds_unanswered_questions_and_forgets_answered_ones(world: World) -> None:
    publisher = make_publisher(world)
    make_article(publisher)  # about lost property: it does not answer the drone questions
    _drone_questions(world)
    assert knowledge_gaps_detect() == 1
    gap = KnowledgeGap.objects.get()
    assert gap.size == 3
    assert gap.institution == world.pref_a
    title = gap_for(publisher, gap).title
    assert "ドローン" in title or "無人航空機" in title
    make_article(
        publisher,
        title="ドローン（無人航空機）の飛行許可を確認する方法",
        question="管内でドローンを飛ばしている人がいる。飛行許可の有無をどう確認するか。",
        answer="国土交通大臣の許可・承認書の原本又は写しの提示を求め、飛行の日時、場所、方法が許可の範囲内か確認する。",
    )
    assert knowledge_gaps_detect() == 0
    assert not KnowledgeGap.objects.exists()


def test_a_group_becomes_a_draft_article_in_one_step(world: World, client_for: Any) -> None:
    publisher = make_publisher(world)
    _drone_questions(world)
    knowledge_gaps_detect()
    gap = KnowledgeGap.objects.get()
    with pytest.raises(AccessDenied):
        gap_to_article(actor=world.users["officer_a"], gap=gap)
    response = client_for("responder_a").post(reverse("knowledge:gap_article", args=[gap.pk]))
    gap.refresh_from_db()
    assert gap.status == GapStatusChoices.ARTICLE
    assert response.status_code == 302
    assert "/edit/" in response["Location"]
    with pytest.raises(InvalidInput):
        gap_to_article(actor=publisher, gap=gap)
    # Re-running keeps what was acted on.
    knowledge_gaps_detect()
    assert KnowledgeGap.objects.filter(status=GapStatusChoices.ARTICLE).count() == 1


def test_a_group_motivates_a_revision_proposal(world: World, client_for: Any) -> None:
    publisher = make_publisher(world)
    _drone_questions(world)
    manual = manual_import(
        actor=publisher,
        title="地域警察運営要領",
        file_name="a.txt",
        data="第1条　この要領は地域警察の運営を定める。".encode(),
        effective_date=timezone.localdate(),
    )
    knowledge_gaps_detect()
    gap = KnowledgeGap.objects.get()
    client = client_for("responder_a")
    url = reverse("knowledge:proposal_create", args=[manual.pk]) + f"?gap={gap.pk}"
    assert gap_for(publisher, gap).title in client.get(url).content.decode()
    response = client.post(
        reverse("knowledge:proposal_create", args=[manual.pk]),
        {
            "gap": str(gap.pk),
            "title": "ドローン対応の追加",
            "reason": "照会が続いているため。",
            "effective_date_0": "2027",
            "effective_date_1": "4",
            "effective_date_2": "1",
            "reviewer": str(world.users["admin_a"].pk),
            "approver": str(world.users["auditor_a"].pk),
        },
    )
    assert response.status_code == 302
    proposal = RevisionProposal.objects.get()
    assert proposal.motivations.count() == 3
    gap.refresh_from_db()
    assert gap.status == GapStatusChoices.PROPOSAL
    assert gap.result_url == proposal.get_absolute_url()


def test_a_group_can_be_set_aside(world: World) -> None:
    publisher = make_publisher(world)
    _drone_questions(world)
    knowledge_gaps_detect()
    gap = KnowledgeGap.objects.get()
    gap_dismiss(actor=publisher, gap=gap)
    assert KnowledgeGap.objects.get().status == GapStatusChoices.DISMISSED
    assert not Article.objects.filter(source_type="knowledge.gap").exists()


def test_a_candidate_shows_each_reader_only_the_questions_they_may_open(
    world: World, client_for: Any
) -> None:
    """A classification 3 question joins the group; an editor who may not open it sees its
    count, never its subject, body or link — on the list, the proposal form and the draft."""
    publisher = make_publisher(world)
    desk = make_desk(world)
    secret_subject, secret_body = DRONE_QUESTIONS[0][0] + "（秘）", DRONE_QUESTIONS[0][1]
    restricted = make_inquiry(
        world.users["officer_a"],
        desk,
        subject=secret_subject,
        body=secret_body,
        classification=ClassificationChoices.RESTRICTED,
    )
    restricted.named_readers.clear()
    for subject, body in DRONE_QUESTIONS[1:]:
        make_inquiry(world.users["officer_a"], desk, subject=subject, body=body)
    assert knowledge_gaps_detect() == 1
    gap = KnowledgeGap.objects.get()
    assert gap.size == 3 and restricted.pk in gap.inquiry_ids
    view = gap_for(publisher, gap)
    assert view.hidden == 1 and restricted not in view.questions
    assert secret_subject not in view.title
    page = client_for("responder_a").get(reverse("knowledge:gap_list")).content.decode()
    assert secret_subject not in page
    assert "閲覧できない" in page
    assert f"/desk/{restricted.pk}/" not in page
    article = gap_to_article(actor=publisher, gap=gap)
    for text in (article.title, article.question, article.environment, article.answer):
        assert secret_subject not in text
    # The asker, who may open it, sees it.
    assert restricted in gap_for(world.users["officer_a"], gap).questions


def test_the_closest_item_is_shown_only_to_readers_who_may_open_it(world: World) -> None:
    publisher = make_publisher(world)
    restricted = make_article(
        publisher, title="ドローンの飛行の確認（指定者限り）", classification=3
    )
    gap = KnowledgeGap.objects.create(
        institution=world.pref_a,
        detected_at=timezone.now(),
        size=3,
        best_match_key=f"article:{restricted.pk}",
        best_match_score=0.9,
    )
    assert gap_for(publisher, gap).best_match == (restricted.title, restricted.get_absolute_url())
    assert gap_for(world.users["officer_a"], gap).best_match is None


def test_the_candidates_page_reads_a_fixed_number_of_queries(world: World, client_for: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_publisher(world)
    client = client_for("responder_a")
    url = reverse("knowledge:gap_list")
    client.get(url)

    def gap(n: int) -> None:
        KnowledgeGap.objects.create(
            institution=world.pref_a,
            detected_at=timezone.now(),
            size=3,
            best_match_key=f"article:{n}",
        )

    gap(1)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(2, 12):
        gap(n)
    with CaptureQueriesContext(connection) as eleven:
        client.get(url)
    assert len(eleven) == len(one)
