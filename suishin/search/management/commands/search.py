"""`suishin search reindex [--type T]`, `suishin search embed` and `suishin search ann`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from suishin.search import registry
from suishin.search.services.index import search_embed_pending, search_reindex


class Command(BaseCommand):
    help = "Rebuild the search index from the database, or bring its vectors up to date."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        reindex = sub.add_parser(
            "reindex", help="rebuild documents (safe to interrupt and run again)"
        )
        reindex.add_argument(
            "--type", dest="type_key", help="one searchable type, e.g. core.notice"
        )
        reindex.add_argument(
            "--no-embed", action="store_true", help="leave the vectors to the worker"
        )
        sub.add_parser("embed", help="embed documents whose vectors are missing or stale")
        sub.add_parser(
            "ann",
            help="build the shared approximate vector index now (the worker does it by itself "
            "when the collection is large and its index out of date)",
        )

    def handle(self, *args: object, **options: Any) -> None:
        if options["action"] == "embed":
            self.stdout.write(f"embedded {search_embed_pending()} documents")
            return
        if options["action"] == "ann":
            self._build_ann()
            return
        type_key = options["type_key"]
        if type_key and registry.get(type_key) is None:
            known = ", ".join(sorted(registry.types()))
            raise CommandError(f"unknown searchable type {type_key!r}; known: {known}")
        for key, result in search_reindex(type_key=type_key).items():
            self.stdout.write(f"{key}: {result.indexed} indexed, {result.removed} removed")
        if not options["no_embed"]:
            self.stdout.write(f"embedded {search_embed_pending()} documents")

    def _build_ann(self) -> None:
        from suishin.search import ann
        from suishin.search.embeddings import get_embedder

        embedder = get_embedder()
        documents = ann.delta_size(embedder.name, None)
        if not documents:
            raise CommandError("no document has a vector yet: run `suishin search embed` first")
        build_id = ann.rebuild(embedder.name, embedder.dim)
        self.stdout.write(f"approximate index of {documents} documents built ({build_id})")
