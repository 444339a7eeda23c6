"""KCS articles: the hand-over from the desk, rights by proficiency, versions, sharing only
after masking, flags, reuse, content health and review reminders."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from suishin.core.errors import AccessDenied, InvalidInput
from suishin.core.models import Notification
from suishin.desk.choices import MessageKindChoices
from suishin.desk.services.inquiries import inquiry_link_reference, inquiry_post
from suishin.desk.tests.factories import make_desk, make_inquiry
from suishin.knowledge import selectors
from suishin.knowledge.choices import ArticleStateChoices as State
from suishin.knowledge.choices import KnowledgeRoleChoices
from suishin.knowledge.models import Article, KnowledgeRole
from suishin.knowledge.services.articles import article_change_state, article_update
from suishin.knowledge.services.flags import article_flag, article_flag_resolve
from suishin.knowledge.services.reviews import article_review_reminders
from suishin.knowledge.services.roles import knowledge_role_set
from suishin.knowledge.tests.factories import make_article, make_publisher
from suishin.search.selectors import search
from suishin.testing.personas import World


def _edit(article: Article, actor: Any, **changes: Any) -> Article:
    values = {
        name: getattr(article, name)
        for name in ("title", "question", "environment", "answer", "cause", "basis", "category")
    }
    values["search_words"] = article.search_words
    values.update(changes)
    return article_update(actor=actor, article=article, expected_version=article.version, **values)


def test_an_answer_becomes_a_draft_article_in_one_step(world: World, client_for: Any) -> None:
    desk = make_desk(world)
    responder = world.users["responder_a"]
    inquiry = make_inquiry(world.users["officer_a"], desk, subject="拾得物 権利放棄 手続")
    inquiry_post(
        actor=responder,
        inquiry=inquiry,
        body="拾得者に権利放棄の申出書を書いてもらい、物件は警察署で保管します。",
        kind=MessageKindChoices.REPLY,
    )
    client = client_for("responder_a")
    url = reverse("desk:inquiry_knowledge_draft", args=[inquiry.pk])
    response = client.post(url)
    article = Article.objects.get(source_type="desk.inquiry", source_id=str(inquiry.pk))
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert article.state == State.DRAFT
    assert article.title == "拾得物 権利放棄 手続"
    assert "権利放棄の申出書" in article.answer
    assert inquiry.body in article.environment
    assert {"拾得", "権利", "放棄"} <= set(article.search_word_list)
    assert article.organization == responder.unit
    # Asking again opens the same article instead of a duplicate.
    assert client.post(url)["Location"] == article.get_absolute_url()
    assert Article.objects.count() == 1


def test_an_inquiry_without_an_answer_is_refused_with_a_reason(
    world: World, client_for: Any
) -> None:
    inquiry = make_inquiry(world.users["officer_a"], make_desk(world))
    client = client_for("responder_a")
    response = client.post(reverse("desk:inquiry_knowledge_draft", args=[inquiry.pk]), follow=True)
    assert "質問と回答を入力してください。" in response.content.decode()
    assert not Article.objects.exists()


def test_rights_follow_kcs_proficiency(world: World) -> None:
    officer = world.users["officer_a"]
    article = make_article(officer, validated=False)
    with pytest.raises(AccessDenied):
        article_change_state(actor=officer, article=article, state=State.VALIDATED)
    contributor = world.users["responder_a"]
    knowledge_role_set(
        actor=world.users["admin_a"], user=contributor, role=KnowledgeRoleChoices.CONTRIBUTOR
    )
    article = article_change_state(actor=contributor, article=article, state=State.VALIDATED)
    assert article.validated_at is not None
    assert article.review_due == timezone.localdate() + timedelta(days=365)
    # The author, a candidate, can no longer edit what a contributor validated.
    with pytest.raises(AccessDenied):
        _edit(article, officer, answer="書き換え")
    with pytest.raises(AccessDenied):
        knowledge_role_set(actor=officer, user=officer, role=KnowledgeRoleChoices.PUBLISHER)
    with pytest.raises(AccessDenied):
        knowledge_role_set(
            actor=world.users["admin_a"],
            user=world.users["officer_b"],
            role=KnowledgeRoleChoices.PUBLISHER,
        )


def test_each_save_is_a_version_and_a_stale_edit_is_refused(world: World) -> None:
    publisher = make_publisher(world)
    article = make_article(publisher)
    stale_version = article.version
    article = _edit(
        article, publisher, answer=article.answer + "\n保管期間は3か月。", note="期間追記"
    )
    assert article.version == stale_version + 1
    assert list(article.versions.values_list("number", flat=True)) == [2, 1]
    assert article.versions.get(number=2).note == "期間追記"
    with pytest.raises(InvalidInput, match="第2版"):
        article_update(
            actor=publisher,
            article=article,
            expected_version=stale_version,
            title=article.title,
            question=article.question,
            answer="上書き",
        )
    # Saving without a change of text makes no new version.
    assert _edit(article, publisher).version == 2


def test_the_diff_page_marks_added_and_removed_lines(world: World, client_for: Any) -> None:
    publisher = make_publisher(world)
    article = make_article(publisher)
    _edit(article, publisher, answer="新しい手続です。")
    response = client_for("officer_a").get(
        reverse("knowledge:article_diff", args=[article.pk, 1, 2])
    )
    page = response.content.decode()
    assert '<ins><span class="visually-hidden">追加：</span>新しい手続です。</ins>' in page
    assert "<del>" in page


def test_the_edit_page_keeps_the_text_when_someone_saved_meanwhile(
    world: World, client_for: Any
) -> None:
    publisher = make_publisher(world)
    article = make_article(publisher)
    client = client_for("responder_a")
    form = {
        "title": article.title,
        "question": article.question,
        "answer": "私の書いた新しい回答",
        "classification": "2",
        "version": "1",
    }
    _edit(article, publisher, answer="先に保存された回答")
    response = client.post(reverse("knowledge:article_edit", args=[article.pk]), form)
    assert response.status_code == 200
    page = response.content.decode()
    assert "私の書いた新しい回答" in page
    assert "編集中に他の人がこの記事を保存しました" in page


def test_a_flag_reaches_the_owner_and_its_resolution_the_flagger(world: World) -> None:
    publisher = make_publisher(world)
    article = make_article(publisher)
    officer = world.users["officer_a"]
    with pytest.raises(InvalidInput):
        article_flag(actor=officer, article=article, reason="  ")
    flag = article_flag(actor=officer, article=article, reason="第3条は改正で第4条になった。")
    note = Notification.objects.get(recipient=publisher, kind="knowledge.flagged")
    assert article.number in note.title
    with pytest.raises(AccessDenied):
        article_flag_resolve(actor=officer, flag=flag, resolution="")
    article_flag_resolve(actor=publisher, flag=flag, resolution="条番号を直しました。")
    assert Notification.objects.filter(recipient=officer, kind="knowledge.flag_resolved").exists()
    with pytest.raises(InvalidInput):
        article_flag_resolve(actor=publisher, flag=flag, resolution="")


def test_uses_from_the_desk_count_as_reuse(world: World) -> None:
    publisher = make_publisher(world)
    article = make_article(publisher)
    assert selectors.reuse_of(article).count == 0
    inquiry = make_inquiry(world.users["officer_a"], make_desk(world))
    inquiry_link_reference(
        actor=publisher, inquiry=inquiry, type_key="knowledge.article", object_id=str(article.pk)
    )
    reuse = selectors.reuse_of(article)
    assert reuse.count == 1
    assert reuse.last_used_at is not None


def test_the_health_lists(world: World) -> None:
    publisher = make_publisher(world)
    good = make_article(publisher)
    thin = make_article(
        publisher, title="短い", question="？", answer="参照", basis="", environment=""
    )
    assert good.content_score == 100
    assert thin.content_score < 60
    article_flag(actor=world.users["officer_a"], article=good, reason="誤りがある。")
    Article.objects.filter(pk=thin.pk).update(
        review_due=timezone.localdate() - timedelta(days=1),
        created_at=timezone.now() - timedelta(days=200),
    )

    def listed(health: str) -> set[int]:
        filters = selectors.ArticleFilter(health=health)
        return set(selectors.articles_for(publisher, filters).values_list("pk", flat=True))

    assert listed("low") == {thin.pk}
    assert listed("flagged") == {good.pk}
    assert listed("stale") == {thin.pk}
    assert listed("unused") == {thin.pk}
    assert selectors.health_counts(publisher) == {"stale": 1, "flagged": 1, "unused": 1, "low": 1}


def test_a_review_due_reminds_the_owner_once(world: World) -> None:
    publisher = make_publisher(world)
    article = make_article(publisher)
    Article.objects.filter(pk=article.pk).update(review_due=timezone.localdate())
    assert article_review_reminders() == 1
    assert article_review_reminders() == 0
    assert (
        Notification.objects.filter(kind="knowledge.review_due", recipient=publisher).count() == 1
    )


def test_articles_are_searchable_once_ready_and_only_by_those_who_may_read(
    world: World,
) -> None:
    publisher = make_publisher(world)
    make_article(publisher, title="拾得した財布の保管期間")
    make_article(publisher, title="作成中の財布の記事", validated=False)
    Article.objects.filter(title="作成中の財布の記事").update(state=State.DRAFT)
    draft = Article.objects.get(title="作成中の財布の記事")
    draft.save()  # re-index as a draft: it leaves the index
    titles = [
        hit.title
        for hit in search(world.users["officer_a"], "財布", types=["knowledge.article"]).hits
    ]
    assert titles == ["拾得した財布の保管期間"]
    assert search(world.users["officer_b"], "財布", types=["knowledge.article"]).hits == []


def test_the_list_page_needs_a_bounded_number_of_queries(world: World, client_for: Any) -> None:
    publisher = make_publisher(world)
    client = client_for("officer_a")
    make_article(publisher)
    client.get(reverse("knowledge:article_list"))  # the once-a-minute session write
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("knowledge:article_list"))
    for number in range(10):
        make_article(publisher, title=f"拾得物の手続 その{number}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("knowledge:article_list"))
    assert len(many) == len(few), [q["sql"][:150] for q in many.captured_queries]


def test_the_api_creates_a_draft_and_refuses_bad_input(world: World, client_for: Any) -> None:
    client = client_for("officer_a")
    response = client.post(
        "/api/v1/knowledge/articles",
        data={"title": "迷い犬", "question": "保護した", "answer": "保健所へ"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["state"] == "draft"
    response = client.post(
        "/api/v1/knowledge/articles",
        data={"title": "回答なし", "question": "質問", "answer": ""},
        content_type="application/json",
    )
    assert response.status_code in (400, 422)
    assert set(response.json()) == {"error"}


def test_the_desk_offers_flag_or_fix_where_an_article_is_used(
    world: World, client_for: Any
) -> None:
    publisher = make_publisher(world)
    article = make_article(publisher)
    inquiry = make_inquiry(world.users["officer_a"], make_desk(world))
    inquiry_link_reference(
        actor=publisher, inquiry=inquiry, type_key="knowledge.article", object_id=str(article.pk)
    )
    page = client_for("officer_a").get(inquiry.get_absolute_url()).content.decode()
    assert f'href="{article.get_absolute_url()}#flags"' in page
    assert "指摘・修正" in page


def test_an_administrator_grants_kcs_roles_on_a_page(world: World, client_for: Any) -> None:
    client = client_for("admin_a")
    officer = world.users["officer_a"]
    page = client.get(reverse("knowledge:roles")).content.decode()
    assert "officer_a" in page and "officer_b" not in page
    response = client.post(
        reverse("knowledge:roles"), {"user": officer.pk, "role": KnowledgeRoleChoices.PUBLISHER}
    )
    assert response.status_code == 302
    assert KnowledgeRole.objects.get(user=officer).role == KnowledgeRoleChoices.PUBLISHER
    # Someone of another institution cannot be chosen.
    client.post(
        reverse("knowledge:roles"),
        {"user": world.users["officer_b"].pk, "role": KnowledgeRoleChoices.PUBLISHER},
    )
    assert not KnowledgeRole.objects.filter(user=world.users["officer_b"]).exists()
