"""The demo knowledge base: a hundred articles in every state, with the loop visible."""

from __future__ import annotations

from django.core.management import call_command

from suishin.core.models import SharedSnapshot
from suishin.desk.models import InquiryReference
from suishin.knowledge.choices import ArticleStateChoices
from suishin.knowledge.models import Article, ArticleFlag


def test_the_demo_has_a_hundred_articles_in_every_state(db: None) -> None:
    call_command("demo", stdout=None)
    assert Article.objects.count() == 100
    states = set(Article.objects.values_list("state", flat=True))
    assert states == set(ArticleStateChoices.values)
    # Nothing of an article itself leaves: its confirmed snapshot does, and one awaits a
    # second person.
    assert not Article.objects.filter(shared_nationwide=True).exists()
    snapshots = SharedSnapshot.objects.filter(source_type="knowledge.article")
    assert snapshots.filter(release_state="shared", shared_nationwide=True).count() == 4
    assert snapshots.filter(release_state="pending", shared_nationwide=False).count() == 1
    for snapshot in snapshots.filter(release_state="shared"):
        assert snapshot.confirmed_by_id != snapshot.prepared_by_id
    assert ArticleFlag.objects.exists()
    assert InquiryReference.objects.filter(type_key="knowledge.article").exists()
    assert Article.objects.filter(personal_data_found=True).exists()
    call_command("demo", stdout=None)
    assert Article.objects.count() == 100


def test_the_demo_manual_has_two_versions_and_a_comparison_table(db: None) -> None:
    from suishin.knowledge.comparison import compare
    from suishin.knowledge.models import Manual, RevisionProposal

    call_command("demo", stdout=None)
    manual = Manual.objects.get(title="遺失物取扱要領")
    assert manual.current_version is not None and manual.current_version.number == 2
    old, new = manual.versions.get(number=1), manual.versions.get(number=2)
    rows = compare(old, new)
    assert len(rows) == 4  # three provisions changed, one added
    assert any("（新設）" in row.before for row in rows)
    assert RevisionProposal.objects.filter(status="in_review").exists()
    assert RevisionProposal.objects.get(status="approved").motivations.exists()
