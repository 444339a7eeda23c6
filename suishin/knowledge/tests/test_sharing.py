"""Sharing an article beyond its institution: other institutions read the masked snapshot a
second person confirmed, and nothing else — not the article, its versions, its diffs, its API,
its search document or its suggestions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from suishin.core.choices import ReleaseStateChoices
from suishin.core.errors import AccessDenied, InvalidInput
from suishin.core.models import AuditEntry, SharedSnapshot, User
from suishin.core.services.releases import release_confirm, release_return
from suishin.desk.suggestions import suggest
from suishin.knowledge.models import Article
from suishin.knowledge.services.articles import article_update
from suishin.knowledge.services.sharing import (
    article_findings,
    article_share_request,
    article_share_stop,
)
from suishin.knowledge.tests.factories import make_article, make_publisher
from suishin.knowledge.tests.test_access_matrix import make_second_publisher
from suishin.search.selectors import search
from suishin.testing.access import body_text
from suishin.testing.personas import World

# What the first release let a 隣県 officer read through an article's version history.
PERSONAL = {
    "name": "山田太郎",
    "phone": "090-1234-5678",
    "address": "東京都新宿区西新宿二丁目8番1号",
    "plate": "品川 300 あ 12-34",
    "birth": "昭和60年3月7日生",
    "email": "yamada.taro@example.jp",
}
ENVIRONMENT = (
    f"拾得者は{PERSONAL['name']}さん（{PERSONAL['birth']}、{PERSONAL['phone']}、"
    f"{PERSONAL['email']}）。住所は{PERSONAL['address']}。車両は{PERSONAL['plate']}。"
)


def _edit(article: Article, actor: User, **changes: Any) -> Article:
    values = {
        name: getattr(article, name)
        for name in ("title", "question", "environment", "answer", "cause", "basis", "category")
    }
    values["search_words"] = article.search_words
    values.update(changes)
    return article_update(actor=actor, article=article, expected_version=article.version, **values)


def _request(article: Article, actor: User, **kwargs: Any) -> SharedSnapshot:
    values: dict[str, Any] = {
        "shared_nationwide": True,
        "masked_keys": [item.key for item in article_findings(article)],
        **kwargs,
    }
    return article_share_request(
        actor=actor, article=article, expected_version=article.version, **values
    )


def _confirm(snapshot: SharedSnapshot, actor: User) -> SharedSnapshot:
    return release_confirm(actor=actor, release=snapshot, expected_sha256=snapshot.content_sha256)


@pytest.fixture
def shared(world: World) -> tuple[Article, SharedSnapshot]:
    """The first release's leak, replayed: an answer with personal data, edited once (so it
    has versions and a diff), masked by its author and confirmed by a second publisher."""
    publisher = make_publisher(world)
    article = make_article(publisher, environment="夜間の交番。")
    article = _edit(article, publisher, environment=ENVIRONMENT)
    found = [item.finding.text for item in article_findings(article)]
    for value in PERSONAL.values():
        assert any(text in value or value in text for text in found), value
    snapshot = _confirm(_request(article, publisher), make_second_publisher(world))
    return article, snapshot


def _values_in(text: str) -> list[str]:
    return [value for value in PERSONAL.values() if value in text]


def test_an_outsider_reads_the_snapshot_and_nothing_of_the_article(
    world: World, shared: tuple[Article, SharedSnapshot], client_for: Any
) -> None:
    article, snapshot = shared
    client = client_for("officer_b")
    page = client.get(snapshot.get_absolute_url())
    assert page.status_code == 200
    assert "［氏名］" in body_text(page) and "［電話番号］" in body_text(page)
    assert not _values_in(body_text(page))
    # The article, its version diff and its API are not there for them at all.
    for url in (
        article.get_absolute_url(),
        reverse("knowledge:article_diff", args=[article.pk, 1, 2]),
        f"/api/v1/knowledge/articles/{article.pk}",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert not _values_in(body_text(response))
    api = client.get(f"/api/v1/shared/{snapshot.pk}").json()
    assert not _values_in(str(api))
    assert api["sha256"] == snapshot.content_sha256
    # No author, unit or way back to the source on the outsider's page.
    text = body_text(page)
    assert article.get_absolute_url() not in text
    assert "生活安全企画課" not in text and "responder_a" not in text
    # Search and the desk's suggestions find the snapshot, never the article.
    officer_b = world.users["officer_b"]
    for query in ("拾得 交番 手続", PERSONAL["name"], PERSONAL["phone"]):
        results = search(officer_b, query)
        assert all(hit.type_key != "knowledge.article" for hit in results.hits)
        for hit in results.hits:
            assert not _values_in(hit.title + str(hit.snippet))
    hits = search(officer_b, "拾得物 交番 手続").hits
    assert any(hit.url == snapshot.get_absolute_url() for hit in hits)
    # The owner shown is the institution, never the unit that wrote it.
    assert {hit.organization_name for hit in hits} == {"県A警察"}
    suggestions = suggest(officer_b, "財布の拾得届を交番で受理した", "その後の手続")
    assert suggestions is not None
    assert all(hit.type_key != "knowledge.article" for hit in suggestions.hits)
    # (A query is echoed back in the search box, so the page is read for an ordinary query.)
    listing = body_text(client.get(reverse("search:search"), {"q": "拾得物 交番"}))
    assert snapshot.get_absolute_url() in listing
    assert not _values_in(listing)


def test_the_owning_institution_finds_the_article_not_its_copy(
    world: World, shared: tuple[Article, SharedSnapshot]
) -> None:
    article, snapshot = shared
    hits = search(world.users["officer_a"], "拾得物 交番 手続").hits
    assert any(hit.url == article.get_absolute_url() for hit in hits)
    assert all(hit.type_key != "core.shared_snapshot" for hit in hits)


def test_a_change_withdraws_the_snapshot_until_confirmed_again(
    world: World, shared: tuple[Article, SharedSnapshot], client_for: Any
) -> None:
    article, snapshot = shared
    publisher = make_publisher(world)
    _edit(article, publisher, answer=article.answer + "\n連絡先は山田さん。")
    snapshot.refresh_from_db()
    assert snapshot.release_state == ReleaseStateChoices.WITHDRAWN
    assert client_for("officer_b").get(snapshot.get_absolute_url()).status_code == 404
    assert not search(world.users["officer_b"], "拾得物 交番 手続").hits


def test_the_service_refuses_a_finding_neither_masked_nor_kept_with_a_reason(
    world: World,
) -> None:
    publisher = make_publisher(world)
    article = make_article(publisher, environment=ENVIRONMENT)
    findings = article_findings(article)
    # A crafted request that unticks every finding publishes nothing.
    with pytest.raises(InvalidInput):
        _request(article, publisher, masked_keys=[])
    blank = {item.key: "  " for item in findings}
    with pytest.raises(InvalidInput):
        _request(article, publisher, masked_keys=[], unmasked_reasons=blank)
    # Kept with a reason: allowed, and the reason travels with the snapshot for the reviewer.
    name = next(item for item in findings if item.finding.text == PERSONAL["name"])
    snapshot = _request(
        article,
        publisher,
        masked_keys=[item.key for item in findings if item is not name],
        unmasked_reasons={name.key: "公表済みの署長名"},
    )
    assert snapshot.masking_summary["kept"] == [
        {
            "field": "situation / environment",  # stored untranslated, read in one's language
            "kind": "name",
            "text": PERSONAL["name"],
            "reason": "公表済みの署長名",
        }
    ]
    assert not snapshot.shared_nationwide
    assert snapshot.release_state == ReleaseStateChoices.PENDING


def test_a_second_publisher_who_wrote_nothing_confirms(world: World) -> None:
    publisher = make_publisher(world)
    article = make_article(publisher, environment=ENVIRONMENT)
    snapshot = _request(article, publisher)
    officer_b = world.users["officer_b"]
    assert not SharedSnapshot.objects.visible_to(officer_b).exists()
    # The one who prepared it, a contributor, and an author of a version may not confirm.
    with pytest.raises(AccessDenied):
        _confirm(snapshot, publisher)
    with pytest.raises(AccessDenied):
        _confirm(snapshot, world.users["officer_a"])
    co_author = make_publisher(world, "admin_a")
    article = _edit(article, co_author, answer=article.answer + "\n保管は3か月。")
    snapshot = _request(article, publisher)
    with pytest.raises(AccessDenied):
        _confirm(snapshot, co_author)
    second = make_second_publisher(world)
    with pytest.raises(InvalidInput):
        release_confirm(actor=second, release=snapshot, expected_sha256="0" * 64)
    snapshot = _confirm(snapshot, second)
    assert SharedSnapshot.objects.visible_to(officer_b).filter(pk=snapshot.pk).exists()
    entry = AuditEntry.objects.get(action="sharing.confirmed")
    assert entry.detail["prepared_by"] == "responder_a"
    assert entry.detail["confirmed_by"] == "publisher2_a"
    assert entry.detail["sha256"] == snapshot.content_sha256 == snapshot.compute_sha256()
    assert entry.detail["confirmed_at"]
    assert PERSONAL["name"] not in str(AuditEntry.objects.values_list("detail", flat=True))


def test_a_copy_of_an_older_version_is_never_confirmed(world: World) -> None:
    publisher = make_publisher(world)
    article = make_article(publisher, environment=ENVIRONMENT)
    snapshot = _request(article, publisher)
    _edit(article, publisher, answer=article.answer + "\n追記。")
    snapshot.refresh_from_db()
    # The edit cancelled the request; confirming it anyway is refused.
    assert snapshot.release_state == ReleaseStateChoices.WITHDRAWN
    with pytest.raises(InvalidInput):
        _confirm(snapshot, make_second_publisher(world))


def test_sending_back_and_stopping(world: World, client_for: Any) -> None:
    publisher = make_publisher(world)
    article = make_article(publisher, environment=ENVIRONMENT)
    second = make_second_publisher(world)
    snapshot = _request(article, publisher)
    with pytest.raises(InvalidInput):
        release_return(actor=second, release=snapshot, comment=" ")
    release_return(actor=second, release=snapshot, comment="住所の番地が残っています。")
    snapshot.refresh_from_db()
    assert snapshot.release_state == ReleaseStateChoices.RETURNED
    snapshot = _confirm(_request(article, publisher), second)
    assert article_share_stop(actor=publisher, article=article) == 1
    assert client_for("officer_b").get(snapshot.get_absolute_url()).status_code == 404


def test_the_share_page_says_what_is_needed_before_submission(
    world: World, client_for: Any
) -> None:
    publisher = make_publisher(world)
    article = make_article(publisher, environment=ENVIRONMENT, validated=False)
    client = client_for("responder_a")
    url = reverse("knowledge:article_share", args=[article.pk])
    page = client.get(url).content.decode()
    assert "検証済" in page and "2人目" in page
    assert f"「{PERSONAL['name']}」 → ［氏名］" in page
    response = client.post(url, {"version": article.version, "shared_nationwide": "on"})
    assert response.status_code == 200
    assert "置換を確認し、チェックを入れてください。" in response.content.decode()


def test_the_review_shows_findings_beside_the_snapshot(world: World, client_for: Any) -> None:
    publisher = make_publisher(world)
    article = make_article(publisher, environment=ENVIRONMENT)
    client = client_for("responder_a")
    url = reverse("knowledge:article_share", args=[article.pk])
    keys = [item.key for item in article_findings(article)]
    response = client.post(
        url,
        {"version": article.version, "shared_nationwide": "on", "keep": keys, "confirmed": "on"},
    )
    assert response.status_code == 302
    snapshot = SharedSnapshot.objects.get(release_state=ReleaseStateChoices.PENDING)
    make_second_publisher(world)
    second = client_for("officer_a")
    second.force_login(User.objects.get(username="publisher2_a"))
    review = second.get(url).content.decode()
    assert f'<mark title="［氏名］">{PERSONAL["name"]}</mark>' in review
    assert snapshot.content_sha256 in review
    own = client.get(url).content.decode()
    assert "あなたが準備" in own  # the preparer is told why they cannot confirm
    response = second.post(
        reverse("knowledge:article_share_review", args=[article.pk, snapshot.pk]),
        {"decision": "confirm", "sha256": snapshot.content_sha256},
    )
    assert response.status_code == 302
    snapshot.refresh_from_db()
    assert snapshot.is_shared and snapshot.shared_nationwide


NAMES = st.sampled_from(["佐藤一郎", "鈴木花子", "高橋健太", "田中美咲", "渡辺大輔"])
PHONES = st.builds(
    "0{}-{}-{}".format,
    st.sampled_from(["90", "80", "70", "3", "6"]),
    st.integers(1000, 9999),
    st.integers(1000, 9999),
)
MAILS = st.builds(
    "{}@example.{}".format,
    st.from_regex(r"[a-z]{3,8}", fullmatch=True),
    st.sampled_from(["jp", "com"]),
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=NAMES,
    phone=PHONES,
    mail=MAILS,
    filler=st.text(alphabet="あいうえおかきくけこ、。", max_size=30),
)
def test_an_outsider_never_reads_a_value_the_masker_replaced(
    world: World, client_for: Any, name: str, phone: str, mail: str, filler: str
) -> None:
    publisher = make_publisher(world)
    second = User.objects.filter(username="publisher2_a").first() or make_second_publisher(world)
    article = make_article(
        publisher, environment=f"{filler}相談者は{name}さん、電話{phone}、メール{mail}。{filler}"
    )
    # Values of two characters or more are replaced wherever they stand (a single character
    # only where it was found, being too common to replace everywhere).
    replaced = {item.finding.text for item in article_findings(article)}
    replaced = {value for value in replaced if len(value) >= 2}
    snapshot = _confirm(_request(article, publisher), second)
    client = client_for("officer_b")
    seen = body_text(client.get(snapshot.get_absolute_url()))
    seen += body_text(client.get(f"/api/v1/shared/{snapshot.pk}"))
    seen += body_text(client.get(reverse("core:shared_list")))
    seen += "".join(
        hit.title + str(hit.snippet) for hit in search(world.users["officer_b"], name).hits
    )
    assert replaced, "the generated text carries personal data"
    assert not [value for value in replaced if value in seen]


def test_a_use_of_the_snapshot_by_another_institution_counts_as_a_use_of_the_article(
    world: World, shared: tuple[Article, SharedSnapshot]
) -> None:
    from suishin.desk.models import InquiryCategory
    from suishin.desk.services.inquiries import inquiry_create
    from suishin.knowledge.selectors import reuse_of

    article, snapshot = shared
    # 県B's officer found the answer among the suggestions while typing.
    inquiry_create(
        actor=world.users["officer_b"],
        category=InquiryCategory.objects.filter(institution__isnull=True).first(),  # type: ignore[arg-type]
        urgency="normal",
        subject="財布の拾得届を交番で受理した",
        body="その後の手続",
        solved_by=("core.shared_snapshot", str(snapshot.pk)),
    )
    assert reuse_of(article).count == 1 and reuse_of(article).solved == 1
    # The list's "unused" filter reads the same uses.
    from suishin.knowledge.selectors import ArticleFilter, articles_for

    Article.objects.filter(pk=article.pk).update(created_at=timezone.now() - timedelta(days=200))
    unused = articles_for(world.users["responder_a"], ArticleFilter(health="unused"))
    assert article.pk not in {a.pk for a in unused}


def test_overlapping_replacements_leave_no_character_readable(world: World) -> None:
    publisher = make_publisher(world)
    article = make_article(
        publisher, environment="連絡先は東京都港区芝公園4丁目2番8号東京タワー前。"
    )
    text = article.environment
    # An added phrase that overlaps the detected address on both sides.
    snapshot = _request(article, publisher, extra_phrases=[("連絡先は東京都", "address")])
    environment = next(
        s["text"] for s in snapshot.sections if "連絡先" in s["text"] or "［" in s["text"]
    )
    assert "港区" not in environment and "芝公園" not in environment, environment
    assert text != environment
