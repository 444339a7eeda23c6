"""The institution's own words to mask: its editors read the list, its publishers remove a word
added by mistake."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from suishin.core.errors import DomainError
from suishin.core.typing import AuthenticatedRequest
from suishin.core.views.common import message_domain_error, paginate, require
from suishin.knowledge import selectors
from suishin.knowledge.access import can_read_words, can_remove_words, own_institution_id
from suishin.knowledge.services.masking_words import masking_word_remove


@require_GET
def masking_words_view(request: AuthenticatedRequest) -> HttpResponse:
    institution_id = own_institution_id(request.user)
    require(can_read_words(request.user, institution_id))
    context = {
        "page": paginate(request, selectors.masking_words_for(request.user)),
        "can_remove": can_remove_words(request.user, institution_id),
    }
    return render(request, "knowledge/masking_words.html", context)


@require_POST
def masking_word_remove_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    word = selectors.masking_words_for(request.user).filter(pk=pk).first()
    require(word is not None)
    assert word is not None  # noqa: S101 — required above
    require(can_remove_words(request.user, word.institution_id))
    try:
        masking_word_remove(actor=request.user, word=word)
    except DomainError as error:
        message_domain_error(request, error)
    else:
        messages.success(request, _("The word was removed from the list."))
    return redirect("knowledge:masking_words")
