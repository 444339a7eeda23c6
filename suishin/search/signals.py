"""Keep search documents in step with their records, inside the record's own transaction.

Connected for every registered model when the app is ready; apps only declare their types.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from suishin.search import registry
from suishin.search.services.index import (
    search_index_record,
    search_remove_record,
    search_sync_sharing,
)


def _saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        search_index_record(instance)


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    search_remove_record(model=sender, pk=instance.pk)


def _sharing_changed(sender: Any, instance: Any, action: str, reverse: bool, **kwargs: Any) -> None:
    if action.startswith("post_") and not reverse:
        search_sync_sharing(record=instance)


def connect() -> None:
    for searchable in registry.types().values():
        model = searchable.model
        uid = f"search:{searchable.key}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid + ":delete")
        for field_name in ("shared_organizations", "named_readers"):
            if not any(f.name == field_name for f in model._meta.get_fields()):
                continue  # sharing borrowed from another record (SearchableType.access_source)
            through = model._meta.get_field(field_name).remote_field.through  # type: ignore[union-attr]
            m2m_changed.connect(
                _sharing_changed, sender=through, dispatch_uid=f"{uid}:{field_name}"
            )
