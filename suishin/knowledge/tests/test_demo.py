"""The demo knowledge base: a hundred articles in every state, with the loop visible."""

from __future__ import annotations

from django.core.management import call_command

from suishin.desk.models import InquiryReference
from suishin.knowledge.choices import ArticleStateChoices
from suishin.knowledge.models import Article, ArticleFlag


def test_the_demo_has_a_hundred_articles_in_every_state(db: None) -> None:
    call_command("demo", stdout=None)
    assert Article.objects.count() == 100
    states = set(Article.objects.values_list("state", flat=True))
    assert states == set(ArticleStateChoices.values)
    shared = Article.objects.filter(shared_nationwide=True)
    assert shared.exists()
    assert all(article.masked_version == article.version for article in shared)
    assert ArticleFlag.objects.exists()
    assert InquiryReference.objects.filter(type_key="knowledge.article").exists()
    assert Article.objects.filter(personal_data_found=True).exists()
    call_command("demo", stdout=None)
    assert Article.objects.count() == 100
