"""Choice sets of search: the slots of a document's vectors, the kinds of vocabulary."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from suishin.core.audit_actions import StrOrPromise

# The longest query, on the page and through the API: enough for any question, and still a
# URL every server accepts (a longer one meets the web server's own English 414 page).
QUERY_MAX_LENGTH = 500


class VectorSlotChoices(models.TextChoices):
    # The whole text (title and body), and the title alone: a question in an FAQ-like record
    # is compared with the query directly (query-question similarity).
    FULL = "full", _("Title and body")
    TITLE = "title", _("Title")


class SearchTermKindChoices(models.TextChoices):
    SYNONYM = "synonym", _("Synonyms (searched together)")
    PHRASE = "phrase", _("Phrase (found as one unit)")


# What the audit trail calls this app's actions (core.audit_actions).
AUDIT_ACTIONS: dict[str, StrOrPromise] = {
    "search_term.created": _("Search term added"),
    "search_term.deleted": _("Search term deleted"),
}
