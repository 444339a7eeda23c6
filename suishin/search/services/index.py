"""Writes to the search index. Lexical terms are written in the caller's transaction; vectors
follow by an idempotent task. ``search_reindex`` rebuilds everything from the database."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import Exists, OuterRef

from suishin.core.choices import ClassificationChoices
from suishin.search import registry
from suishin.search.analysis import analyze
from suishin.search.choices import VectorSlotChoices
from suishin.search.embeddings import cached_passages, get_embedder, to_blob
from suishin.search.models import DocumentVector, SearchDocument
from suishin.search.registry import SearchableType

logger = logging.getLogger(__name__)

# What the dense model reads is cut here: e5-small sees 512 tokens at most anyway.
DENSE_TEXT_CHARS = 1000
BODY_CHARS = 100_000


def _weighted_terms(parts: list[tuple[str, float]]) -> str:
    terms: list[str] = []
    for text, weight in parts:
        analyzed = analyze(text[:BODY_CHARS])
        # A whole-number weight repeats the field's terms, which BM25 reads as more occurrences.
        terms.extend(analyzed * max(1, round(weight)))
    return " ".join(terms)


def _document_fields(searchable: SearchableType, record: Any) -> dict[str, Any]:
    title = searchable.title(record)[:500]
    body_parts = [(text or "", weight) for text, weight in searchable.body(record)]
    body = "\n".join(text for text, _weight in body_parts)
    dense_text = searchable.dense_text(record) if searchable.dense_text else f"{title}\n{body}"
    dense_text = dense_text[:DENSE_TEXT_CHARS]
    return {
        "title": title,
        "body": body[:BODY_CHARS],
        "url": searchable.url(record),
        "facets": searchable.facets(record),
        "record_date": searchable.date(record),
        "title_terms": " ".join(analyze(title)),
        "body_terms": _weighted_terms(body_parts),
        "dense_text": dense_text,
        "content_hash": hashlib.sha256(dense_text.encode("utf-8")).hexdigest(),
    }


@dataclass(frozen=True)
class RawDocument:
    """Text to index that is not a registered record (evaluation corpora, benchmarks)."""

    type_key: str
    object_id: str
    title: str
    body_parts: list[tuple[str, float]]
    organization_id: int
    created_by_id: int
    classification: int
    url: str = ""


def _raw_fields(item: RawDocument) -> dict[str, Any]:
    source = SearchableType(
        model=SearchDocument,
        key=item.type_key,
        label=item.type_key,
        title=lambda _record: item.title,
        body=lambda _record: item.body_parts,
        url=lambda _record: item.url,
        date=lambda _record: None,
    )
    fields = _document_fields(source, item)
    fields.update(
        organization_id=item.organization_id,
        classification=item.classification,
        created_by_id=item.created_by_id,
    )
    return fields


@transaction.atomic
def search_index_raw(items: list[RawDocument]) -> int:
    """Index many raw documents at once (an upsert keyed by type and id, in one transaction)."""
    documents = [
        SearchDocument(type_key=item.type_key, object_id=item.object_id, **_raw_fields(item))
        for item in items
    ]
    update_fields = (
        [name for name in _raw_fields(items[0]) if name not in ("type_key", "object_id")]
        if items
        else []
    )
    SearchDocument.objects.bulk_create(
        documents,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["type_key", "object_id"],
        update_fields=update_fields,
    )
    return len(documents)


@transaction.atomic
def search_index_record(record: models.Model) -> SearchDocument | None:
    """Create or refresh the search document of one record (with its owner and sharing)."""
    searchable = registry.for_model(type(record))
    if searchable is None:
        return None
    if not searchable.indexable(record):
        SearchDocument.objects.filter(type_key=searchable.key, object_id=str(record.pk)).delete()
        return None
    fields = _document_fields(searchable, record)
    owner = searchable.access_source(record)
    inside_only = owner.shared_outside_by_snapshot
    fields.update(
        organization_id=owner.organization_id,
        # A record shared outside through its snapshot is found only inside its institution,
        # even when public or when its own sharing fields say otherwise (the policy's rule).
        classification=max(owner.classification, ClassificationChoices.INTERNAL)
        if inside_only
        else owner.classification,
        shared_nationwide=owner.shared_nationwide and not inside_only,
        created_by_id=owner.created_by_id,
    )
    document, _created = SearchDocument.objects.update_or_create(
        type_key=searchable.key, object_id=str(record.pk), defaults=fields
    )
    search_sync_sharing(record=record, document=document)
    transaction.on_commit(_enqueue_embedding)
    return document


def search_sync_sharing(*, record: models.Model, document: SearchDocument | None = None) -> None:
    searchable = registry.for_model(type(record))
    if searchable is None:
        return
    if document is None:
        document = SearchDocument.objects.filter(
            type_key=searchable.key, object_id=str(record.pk)
        ).first()
        if document is None:
            return
    owner = searchable.access_source(record)
    organizations = owner.shared_organizations.all()
    if owner.shared_outside_by_snapshot:
        organizations = organizations.filter(institution_id=owner.organization.institution_id)
    document.shared_organizations.set(organizations)
    document.named_readers.set(owner.named_readers.all())


@transaction.atomic
def search_remove_record(*, model: type[models.Model], pk: Any) -> None:
    searchable = registry.for_model(model)
    if searchable is not None:
        SearchDocument.objects.filter(type_key=searchable.key, object_id=str(pk)).delete()


@dataclass
class ReindexResult:
    indexed: int = 0
    removed: int = 0


def search_reindex(
    *, type_key: str | None = None, batch_size: int = 500
) -> dict[str, ReindexResult]:
    """Rebuild the documents of every registered type (or one) from the source records.

    Each batch commits on its own and every write is an upsert keyed by (type, id), so an
    interrupted run can simply be started again: it finishes with nothing missing or doubled.
    Documents whose record no longer exists are removed.
    """
    results: dict[str, ReindexResult] = {}
    for key, searchable in registry.types().items():
        if type_key and key != type_key:
            continue
        result = results.setdefault(key, ReindexResult())
        last_pk: Any = None
        while True:
            records = searchable.records().order_by("pk")
            if last_pk is not None:
                records = records.filter(pk__gt=last_pk)
            chunk = list(records[:batch_size])
            if not chunk:
                break
            with transaction.atomic():
                for record in chunk:
                    search_index_record(record)
            result.indexed += len(chunk)
            last_pk = chunk[-1].pk
        existing = {str(pk) for pk in searchable.records().values_list("pk", flat=True)}
        stale = SearchDocument.objects.filter(type_key=key).exclude(object_id__in=existing)
        result.removed, _ = stale.delete()
    return results


def _enqueue_embedding() -> None:
    from suishin.search.tasks import search_embed_pending_task

    try:
        search_embed_pending_task.enqueue()
    except Exception:
        # The vectors catch up at the next enqueue or reindex; lexical search is unaffected.
        logger.exception("could not enqueue the embedding task")


def pending_documents() -> models.QuerySet[SearchDocument]:
    """Documents whose full-text vector is missing or stale (the title vector goes with it)."""
    name = get_embedder().name
    current = DocumentVector.objects.filter(
        document=OuterRef("pk"),
        slot=VectorSlotChoices.FULL,
        model_name=name,
        content_hash=OuterRef("content_hash"),
    )
    return SearchDocument.objects.filter(~Exists(current))


def search_embed_pending(*, batch_size: int = 32, limit: int | None = None) -> int:
    """Embed documents whose vectors are missing or stale. Idempotent: run it again and it finds
    nothing to do; two workers at once at worst embed a document twice, with the same result."""
    embedder = get_embedder()
    done = 0
    while limit is None or done < limit:
        batch = list(
            pending_documents()
            .order_by("pk")
            .values("pk", "title", "dense_text", "content_hash")[:batch_size]
        )
        if not batch:
            break
        full = cached_passages(embedder, [row["dense_text"] or " " for row in batch])
        titles = cached_passages(embedder, [row["title"] or " " for row in batch])
        with transaction.atomic():
            for row, full_vector, title_vector in zip(batch, full, titles, strict=True):
                for slot, vector in (
                    (VectorSlotChoices.FULL, full_vector),
                    (VectorSlotChoices.TITLE, title_vector),
                ):
                    DocumentVector.objects.update_or_create(
                        document_id=row["pk"],
                        slot=slot,
                        defaults={
                            "model_name": embedder.name,
                            "content_hash": row["content_hash"],
                            "vector": to_blob(vector),
                        },
                    )
        done += len(batch)
    if done:
        # This process knows at once; others notice within vectors.REFRESH_SECONDS.
        from suishin.search import vectors

        vectors.clear_cache()
    return done
