"""The administrators' vocabulary: synonym groups and phrases that apply to the next query
(no reindex is needed)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from suishin.core.errors import InvalidInput, clean_or_raise
from suishin.core.models import User
from suishin.core.services.audit import audit_log
from suishin.core.services.permissions import require_role
from suishin.search.access import VOCABULARY_ROLES
from suishin.search.choices import SearchTermKindChoices
from suishin.search.models import SearchTerm


def _require_admin(actor: User) -> None:
    message = _("Only system administrators can change the search vocabulary.")
    require_role(actor, *VOCABULARY_ROLES, message=message)


@transaction.atomic
def search_term_create(*, actor: User, kind: str, terms: str) -> SearchTerm:
    """Add a synonym group or a phrase. It applies to the next query: no reindex is needed."""
    _require_admin(actor)
    words = [w.strip() for w in terms.replace("、", ",").split(",") if w.strip()]
    if kind == SearchTermKindChoices.SYNONYM and len(words) < 2:
        raise InvalidInput(
            _("Enter two or more words separated by commas."),
            fields={"terms": [_("Enter two or more words separated by commas.")]},
        )
    term = SearchTerm(
        kind=kind, terms=",".join(words) if kind == SearchTermKindChoices.SYNONYM else terms.strip()
    )
    clean_or_raise(term)
    term.save()
    audit_log(actor=actor, action="search_term.created", target=term, detail={"kind": kind})
    return term


@transaction.atomic
def search_term_delete(*, actor: User, term: SearchTerm) -> None:
    _require_admin(actor)
    audit_log(actor=actor, action="search_term.deleted", target=term, detail={"kind": term.kind})
    term.delete()
