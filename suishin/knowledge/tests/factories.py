"""Articles on the persona world: 県A's 生活安全企画課 (responder_a, a publisher) owns them."""

from __future__ import annotations

from typing import Any

from suishin.core.models import User
from suishin.knowledge.choices import ArticleStateChoices, KnowledgeRoleChoices
from suishin.knowledge.models import Article
from suishin.knowledge.services.articles import article_change_state, article_create
from suishin.knowledge.services.roles import knowledge_role_set
from suishin.testing.personas import World

ANSWER = (
    "拾得者から提出を受けた物件は、遺失物法に基づき警察署長に差し出す。受理番号を付して保管する。"
)


def make_publisher(world: World, name: str = "responder_a") -> User:
    user = world.users[name]
    knowledge_role_set(actor=world.users["admin_a"], user=user, role=KnowledgeRoleChoices.PUBLISHER)
    return User.objects.get(pk=user.pk)  # a fresh instance: roles are cached per object


def make_article(author: User, *, validated: bool = True, **fields: Any) -> Article:
    values = {
        "title": "拾得物を交番で受理したときの手続",
        "question": "交番で財布の拾得届を受理しました。その後の手続を教えてください。",
        "environment": "夜間の交番、拾得者は会社員。",
        "answer": ANSWER,
        "basis": "遺失物法第4条\n遺失物取扱要領第3条",
        "category": "地域",
        "search_words": "拾得 財布 遺失物",
        **fields,
    }
    article = article_create(actor=author, state=ArticleStateChoices.NOT_VALIDATED, **values)
    if validated:
        article = article_change_state(
            actor=author, article=article, state=ArticleStateChoices.VALIDATED
        )
    return article


def make_manual(publisher: User, text: str = "第1条　この要領は遺失物の取扱いを定める。") -> Any:
    """A one-article manual in force for a month, imported by ``publisher``."""
    from datetime import timedelta

    from django.utils import timezone

    from suishin.knowledge.services.manuals import manual_import

    return manual_import(
        actor=publisher,
        title="遺失物取扱要領",
        file_name="youryou.txt",
        data=f"遺失物取扱要領\n{text}\n".encode(),
        effective_date=timezone.localdate() - timedelta(days=30),
    )
