"""Japanese search through the registry: analysis, lexical + dense retrieval, need-to-know."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from suishin.core.choices import ClassificationChoices as C
from suishin.core.models import Notice
from suishin.core.services.notices import notice_update
from suishin.core.tests.factories import make_notice
from suishin.search.analysis import analyze, analyze_query
from suishin.search.models import SearchDocument, SearchTerm
from suishin.search.selectors import search
from suishin.search.services.index import search_embed_pending, search_reindex
from suishin.search.tests.factories import make_search_term
from suishin.testing.personas import World, sign_in


@pytest.mark.parametrize(
    "variant", ["問合せ", "問い合わせ", "お問合わせ", "お問い合わせ", "問合わせ"]
)
def test_spelling_variants_meet_in_one_term(variant: str) -> None:
    assert "問い合わせ" in analyze(variant)


def test_compounds_are_indexed_with_their_parts_and_kana_is_folded() -> None:
    terms = analyze("運転免許証の更新とゴミの出し方")
    assert {"運転免許証", "運転", "免許", "更新", "ごみ"} <= set(terms)
    assert "の" not in terms, "particles are dropped"
    assert "車" in analyze("車"), "single-character content words are kept"
    assert analyze("ＡＢＣ１２３") == analyze("abc123"), "width and case are normalized"


@pytest.fixture
def notices(world: World) -> dict[str, Notice]:
    author = world.users["responder_a"]
    return {
        "lost": make_notice(author=author, title="遺失物の取扱い", organization=world.division_a),
        "license": make_notice(
            author=author, title="運転免許証の更新手続", organization=world.division_a
        ),
        "restricted": make_notice(
            author=author,
            title="遺失物に関する内部照会",
            classification=C.RESTRICTED,
            named_readers=[world.users["officer_b"]],
        ),
        "other_pref": make_notice(
            author=world.users["officer_b"], title="遺失物の保管期間", organization=world.box_b
        ),
    }


def titles(results: object) -> list[str]:
    return [hit.title for hit in results.hits]  # type: ignore[attr-defined]


def test_a_record_is_findable_lexically_the_moment_it_is_saved(
    world: World, notices: dict[str, Notice]
) -> None:
    results = search(world.users["officer_a"], "お問い合わせ 遺失物", mode="bm25")
    assert titles(results) == ["遺失物の取扱い"]


def test_search_never_reveals_what_the_user_cannot_open(
    world: World, notices: dict[str, Notice]
) -> None:
    officer_a = search(world.users["officer_a"], "遺失物", mode="bm25")
    assert set(titles(officer_a)) == {"遺失物の取扱い"}
    assert officer_a.total == 1
    assert [n for _, _, n in officer_a.facets["organization"]] == [1]
    officer_b = search(world.users["officer_b"], "遺失物", mode="bm25")
    assert set(titles(officer_b)) == {"遺失物に関する内部照会", "遺失物の保管期間"}
    assert search(AnonymousUser(), "遺失物", mode="bm25").total == 0


def test_sharing_changes_reach_the_index_in_the_same_transaction(
    world: World, notices: dict[str, Notice]
) -> None:
    notice = notices["lost"]
    notice_update(
        actor=world.users["admin_a"],
        notice=notice,
        title="遺失物の取扱い",
        body="本文",
        classification=C.INTERNAL,
        shared_organizations=[world.pref_b],
    )
    assert "遺失物の取扱い" in titles(search(world.users["officer_b"], "遺失物", mode="bm25"))


def test_synonyms_shipped_and_added_by_an_administrator(world: World) -> None:
    make_notice(author=world.users["responder_a"], title="職務質問の根拠と留意点")
    assert titles(search(world.users["officer_a"], "職質", mode="bm25")) == [
        "職務質問の根拠と留意点"
    ]
    make_notice(author=world.users["responder_a"], title="拾得物件預り書の様式")
    assert search(world.users["officer_a"], "預かり証", mode="bm25").total == 0
    make_search_term("預かり証,預り書")
    assert titles(search(world.users["officer_a"], "預かり証", mode="bm25")) == [
        "拾得物件預り書の様式"
    ]


def test_dense_retrieval_finds_a_paraphrase_within_the_visible_set(
    world: World, notices: dict[str, Notice]
) -> None:
    search_embed_pending()
    results = search(world.users["officer_a"], "落とし物を拾った人への対応", mode="dense")
    assert titles(results)[0] == "遺失物の取扱い"
    assert "遺失物の保管期間" not in titles(results)
    assert "遺失物に関する内部照会" not in titles(results)


def test_snippets_are_escaped_and_highlighted(world: World) -> None:
    make_notice(
        author=world.users["responder_a"],
        title="<b>注意</b>",
        body="前置き<script>x</script> 遺失物の届出は窓口で受け付けます。",
    )
    hit = search(world.users["officer_a"], "遺失物", mode="bm25").hits[0]
    assert "<script>" not in hit.snippet
    assert "<mark>遺失物</mark>" in hit.snippet


def test_reindex_restores_a_lost_index_and_removes_orphans(
    world: World, notices: dict[str, Notice]
) -> None:
    SearchDocument.objects.filter(title="遺失物の取扱い").delete()
    SearchDocument.objects.create(
        type_key="core.notice",
        object_id="999999",
        title="孤児",
        body="",
        url="/",
        organization=world.pref_a,
        created_by=world.users["admin_a"],
        content_hash="x",
    )
    result = search_reindex()
    assert result["core.notice"].removed == 1
    assert SearchDocument.objects.filter(type_key="core.notice").count() == 4
    search_reindex()
    assert SearchDocument.objects.filter(type_key="core.notice").count() == 4, (
        "a second run doubles nothing"
    )


QUERY_FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@QUERY_FUZZ
@given(
    query=st.one_of(
        st.text(max_size=50),
        st.sampled_from(
            [
                '"',
                "*",
                "NEAR(",
                "AND OR",
                "a OR",
                '"unterminated',
                "col:val",
                "^",
                "😀😀",
                "\x00\x01",
                " ",
                "",
                "x" * 10_000,
            ]
        ),
    )
)
def test_no_query_breaks_search(world: World, query: str) -> None:
    results = search(world.users["officer_a"], query, mode="bm25")
    assert results.total >= 0
    assert analyze_query(query) is not None


def test_the_search_api_and_page(world: World, notices: dict[str, Notice]) -> None:
    client = sign_in(Client(), world.users["officer_a"])
    body = client.get("/api/v1/search", {"q": "遺失物", "mode": "bm25"}).json()
    assert [hit["title"] for hit in body["hits"]] == ["遺失物の取扱い"]
    assert client.get("/api/v1/search", {"q": ""}).json()["message"] == "empty"
    # The API takes the page's limit: a longer query is refused in words, not cut.
    too_long = client.get("/api/v1/search", {"q": "あ" * 501})
    assert too_long.status_code == 422
    page = client.get("/search/", {"q": "遺失物"})
    assert page.status_code == 200
    assert "遺失物の取扱い" in page.content.decode()
    assert "遺失物の保管期間" not in page.content.decode()


def test_the_reindex_command_reports_and_refuses_unknown_types(
    world: World, notices: dict[str, Notice]
) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("search", "reindex", "--no-embed", stdout=out)
    assert "core.notice: 4 indexed, 0 removed" in out.getvalue()
    with pytest.raises(CommandError, match="unknown searchable type"):
        call_command("search", "reindex", "--type", "nope")


def test_administrators_extend_the_vocabulary_from_the_page(world: World) -> None:
    make_notice(author=world.users["responder_a"], title="拾得物件預り書の様式")
    admin = sign_in(Client(), world.users["admin_a"])
    refused = admin.post("/search/terms/", {"kind": "synonym", "terms": "預かり証"})
    assert "二つ以上" in refused.content.decode() or "2つ以上" in refused.content.decode()
    admin.post("/search/terms/", {"kind": "synonym", "terms": "預かり証、預り書"})
    assert SearchTerm.objects.get().terms == "預かり証,預り書"
    assert titles(search(world.users["officer_a"], "預かり証", mode="bm25")) == [
        "拾得物件預り書の様式"
    ]


def test_an_interrupted_reindex_finishes_when_run_again(
    world: World, notices: dict[str, Notice], monkeypatch: pytest.MonkeyPatch
) -> None:
    from suishin.search.services import index as services

    SearchDocument.objects.all().delete()
    real = services.search_index_record
    calls = {"n": 0}

    def failing(record: Notice) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("power cut")
        return real(record)

    monkeypatch.setattr(services, "search_index_record", failing)
    with pytest.raises(RuntimeError):
        search_reindex(batch_size=2)
    assert SearchDocument.objects.count() == 2, "the first batch committed"
    monkeypatch.setattr(services, "search_index_record", real)
    search_reindex(batch_size=2)
    assert sorted(SearchDocument.objects.values_list("object_id", flat=True)) == sorted(
        str(n.pk) for n in notices.values()
    )


def test_api_filters_by_type_organization_and_date(
    world: World, notices: dict[str, Notice]
) -> None:
    client = sign_in(Client(), world.users["officer_b"])
    everything = client.get("/api/v1/search", {"q": "遺失物", "mode": "bm25"}).json()
    assert everything["total"] == 2
    by_org = client.get(
        "/api/v1/search", {"q": "遺失物", "mode": "bm25", "organization_id": str(world.box_b.pk)}
    ).json()
    assert [hit["title"] for hit in by_org["hits"]] == ["遺失物の保管期間"]
    future = client.get(
        "/api/v1/search", {"q": "遺失物", "mode": "bm25", "date_from": "2999-01-01"}
    ).json()
    assert future["total"] == 0
    assert (
        client.get("/api/v1/search", {"q": "遺失物", "types": "nope.type", "mode": "bm25"}).json()[
            "total"
        ]
        == 0
    )
    assert (
        client.get("/api/v1/search", {"q": "遺失物", "date_from": "not-a-date"}).status_code == 422
    )


def _model_name() -> str:
    from suishin.search.embeddings import get_embedder

    return get_embedder().name


@pytest.fixture
def ann_dir(settings: Any, tmp_path: Any) -> Any:
    """The approximate index of large collections, switched on for a handful of documents and
    saved in this test's own directory."""
    from suishin.search import vectors

    settings.SUISHIN_ANN_DIR = tmp_path / "ann"
    vectors.clear_cache()
    yield settings.SUISHIN_ANN_DIR
    vectors.clear_cache()


def test_the_approximate_index_ranks_like_the_exact_one(
    world: World, notices: dict[str, Notice], settings: Any, ann_dir: Any
) -> None:
    from suishin.search import vectors

    for title in ("交通事故の届出", "自転車盗難の被害届", "超過勤務の申請手続", "職務質問の根拠"):
        make_notice(author=world.users["responder_a"], title=title)
    search_embed_pending()
    query = "落とし物を拾った人への対応"
    exact = titles(search(world.users["officer_a"], query, mode="dense"))
    settings.SUISHIN_ANN_THRESHOLD = 1
    vectors.clear_cache()
    approximate = titles(search(world.users["officer_a"], query, mode="dense"))
    assert approximate[:3] == exact[:3]
    assert "遺失物の保管期間" not in approximate, "visibility still applies"
    assert (ann_dir / _model_name() / "current.json").exists(), (
        "the build is saved for every process"
    )


def _only_process_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a build would fail the test: processes must use the saved one."""
    from suishin.search import ann

    def refuse(*args: object) -> str:
        raise AssertionError("a process built its own index")

    monkeypatch.setattr(ann, "_build", refuse)


def test_the_approximate_index_takes_new_vectors_without_a_rebuild(
    world: World, settings: Any, monkeypatch: pytest.MonkeyPatch, ann_dir: Any
) -> None:
    from suishin.search import ann, vectors

    settings.SUISHIN_ANN_THRESHOLD = 1
    make_notice(author=world.users["responder_a"], title="交通事故の届出")
    search_embed_pending()
    assert titles(search(world.users["officer_a"], "事故の報告", mode="dense")) == [
        "交通事故の届出"
    ]
    build_before = ann.current_build_id(_model_name())
    _only_process_build(monkeypatch)
    # Another process wrote the new vector: this one only notices at its next check.
    monkeypatch.setattr(vectors, "clear_cache", lambda: None)
    make_notice(author=world.users["responder_a"], title="遺失物の取扱い")
    search_embed_pending()
    vectors._stamps.clear()
    vectors._ann_cache[_model_name()].checked_at = 0.0
    found = titles(search(world.users["officer_a"], "落とし物の扱い", mode="dense"))
    assert found[0] == "遺失物の取扱い"
    assert ann.current_build_id(_model_name()) == build_before, "no rebuild"


def test_a_second_process_maps_the_saved_index_instead_of_building(
    world: World,
    notices: dict[str, Notice],
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    ann_dir: Any,
) -> None:
    from suishin.search import vectors

    settings.SUISHIN_ANN_THRESHOLD = 1
    search_embed_pending()
    first = titles(search(world.users["officer_a"], "落とし物", mode="dense"))
    _only_process_build(monkeypatch)
    vectors._ann_cache.clear()  # as a process that starts now
    assert titles(search(world.users["officer_a"], "落とし物", mode="dense")) == first


def test_a_build_removed_while_being_opened_gives_way_to_the_new_one(
    world: World, settings: Any, monkeypatch: pytest.MonkeyPatch, ann_dir: Any
) -> None:
    from suishin.search import ann

    settings.SUISHIN_ANN_THRESHOLD = 1
    make_notice(author=world.users["responder_a"], title="交通事故の届出")
    search_embed_pending()
    from suishin.search.embeddings import get_embedder

    dim = get_embedder().dim
    first = ann.rebuild(_model_name(), dim)
    real_open = ann.open_build
    opened: list[str] = []

    def worker_swaps_first(model_name: str, build_id: str) -> ann.Build:
        if not opened:
            # Between this process reading the pointer and opening the files, the worker
            # makes a new build current and removes the old one.
            opened.append(ann.rebuild(model_name, dim))
        return real_open(model_name, build_id)

    monkeypatch.setattr(ann, "open_build", worker_swaps_first)
    build = ann.open_current(_model_name(), dim)
    assert build.build_id == opened[0] != first


def test_the_worker_rebuilds_once_the_delta_is_large(
    world: World, settings: Any, monkeypatch: pytest.MonkeyPatch, ann_dir: Any
) -> None:
    from suishin.search import ann, vectors

    make_notice(author=world.users["responder_a"], title="交通事故の届出")
    search_embed_pending()
    assert ann.refresh(_model_name()) is None, "below the threshold no index is built"
    settings.SUISHIN_ANN_THRESHOLD = 1
    first = ann.refresh(_model_name())
    assert first is not None and ann.current_build_id(_model_name()) == first
    assert search(world.users["officer_a"], "事故", mode="dense").hits
    assert ann.refresh(_model_name()) is None, "nothing new: no rebuild"

    assert vectors._ann_cache[_model_name()].build.build_id == first
    # What follows happens in other processes: this one notices at its next check.
    monkeypatch.setattr(vectors, "clear_cache", lambda: None)
    monkeypatch.setattr(ann, "REBUILD_AFTER", 1)
    make_notice(author=world.users["responder_a"], title="遺失物の取扱い")
    search_embed_pending()
    second = ann.refresh(_model_name())
    assert second not in (None, first)
    assert not (ann_dir / _model_name() / first).exists(), "the old build is removed"
    vectors._ann_cache[_model_name()].checked_at = 0.0
    search(world.users["officer_a"], "事故", mode="dense")
    assert vectors._ann_cache[_model_name()].build.build_id == second

    SearchDocument.objects.filter(title="交通事故の届出").delete()
    assert ann.refresh(_model_name()) not in (None, second), "removals count too"
    with freeze_time(timezone.now() + timedelta(days=8)):
        assert ann.refresh(_model_name()) is not None, "and at least weekly"


def test_an_interrupted_build_leaves_nothing_half_written(
    world: World, settings: Any, monkeypatch: pytest.MonkeyPatch, ann_dir: Any
) -> None:
    from suishin.search import ann

    settings.SUISHIN_ANN_THRESHOLD = 1
    make_notice(author=world.users["responder_a"], title="交通事故の届出")
    search_embed_pending()
    real_build_slot = ann._build_slot
    calls: list[str] = []

    def fail_on_second_slot(model_name: str, slot: str, dim: int) -> ann.BuiltSlot:
        calls.append(slot)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_build_slot(model_name, slot, dim)

    monkeypatch.setattr(ann, "_build_slot", fail_on_second_slot)
    with pytest.raises(KeyboardInterrupt):
        ann.refresh(_model_name())
    assert ann.current_build_id(_model_name()) is None
    assert [p.name for p in (ann_dir / _model_name()).iterdir()] == ["build.lock"]
    monkeypatch.setattr(ann, "_build_slot", real_build_slot)
    assert titles(search(world.users["officer_a"], "事故", mode="dense")) == ["交通事故の届出"]


def test_the_command_builds_the_approximate_index(world: World, ann_dir: Any) -> None:
    from django.core.management import CommandError, call_command

    from suishin.search import ann

    with pytest.raises(CommandError, match="no document has a vector"):
        call_command("search", "ann")
    make_notice(author=world.users["responder_a"], title="交通事故の届出")
    search_embed_pending()
    call_command("search", "ann")
    assert ann.current_build_id(_model_name()) is not None


@pytest.mark.django_db
def test_a_search_longer_than_a_url_should_carry_is_refused_with_its_length(
    world: World, client_for: Any
) -> None:
    client = client_for("officer_a")
    page = client.get(reverse("search:search"), {"q": "あ" * 501}).content.decode()
    assert "検索語は500文字以内で入力してください（現在 501 文字）。" in page
    assert 'maxlength="500"' in page, "the browser stops the reader at the limit"
    fragment = client.get(reverse("search:search"), {"q": "あ" * 501}, HTTP_HX_REQUEST="true")
    assert "（現在 501 文字）" in fragment.content.decode()
