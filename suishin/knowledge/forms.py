"""Forms of the knowledge pages: parse and validate input; the services hold the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from suishin.core.choices import ClassificationChoices
from suishin.core.forms import DateFieldsField
from suishin.core.models import Organization
from suishin.knowledge.choices import ArticleStateChoices, MaskKindChoices


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(
        label=_("Question / event"), widget=forms.Textarea(attrs={"rows": 4})
    )
    environment = forms.CharField(
        label=_("Situation / environment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    answer = forms.CharField(label=_("Answer / action"), widget=forms.Textarea(attrs={"rows": 8}))
    cause = forms.CharField(
        label=_("Cause"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where relevant."),
    )
    basis = forms.CharField(
        label=_("Basis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Laws, circulars and manual sections, one per line."),
    )
    category = forms.CharField(label=_("Category"), max_length=100, required=False)
    search_words = forms.CharField(
        label=_("Search words"),
        max_length=500,
        required=False,
        help_text=_("Words people search with, separated by spaces."),
    )
    classification = forms.TypedChoiceField(
        label=_("Classification"),
        choices=ClassificationChoices.choices,
        coerce=int,
        initial=ClassificationChoices.INTERNAL,
    )
    review_due = DateFieldsField(label=_("Review due"), required=False)
    note = forms.CharField(
        label=_("Change note"),
        max_length=200,
        required=False,
        help_text=_("What changed and why, for the version history."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ArticleFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("All"))] + ArticleStateChoices.choices, required=False
    )
    category = forms.CharField(label=_("Category"), max_length=100, required=False)
    mine = forms.BooleanField(label=_("Only my articles"), required=False)
    health = forms.ChoiceField(
        label=_("Health"),
        required=False,
        choices=[
            ("", _("All")),
            ("stale", _("Stale or past review")),
            ("flagged", _("Flagged")),
            ("unused", _("Unused")),
            ("low", _("Low content score")),
        ],
    )


class StateForm(forms.Form):
    state = forms.ChoiceField(choices=ArticleStateChoices.choices)


class FlagForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong or unclear"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResolveFlagForm(forms.Form):
    resolution = forms.CharField(label=_("How it was resolved"), max_length=500, required=False)


class ShareForm(forms.Form):
    """Who beyond the owner may read, and the editor's check of the personal data found."""

    shared_nationwide = forms.BooleanField(label=_("Share nationwide"), required=False)
    shared_organizations = forms.ModelMultipleChoiceField(
        label=_("Share with these organizations"),
        queryset=Organization.objects.filter(is_active=True, parent__isnull=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    keep = forms.MultipleChoiceField(
        label=_("Replacements"), required=False, widget=forms.CheckboxSelectMultiple
    )
    extra = forms.CharField(
        label=_("Other words to mask"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, as it appears in the text."),
    )
    extra_kind = forms.ChoiceField(
        label=_("Kind of the added words"),
        choices=MaskKindChoices.choices,
        initial=MaskKindChoices.NAME,
        required=False,
    )
    confirmed = forms.BooleanField(
        label=_("I checked the replacements and no personal data remains."), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, finding_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep = self.fields["keep"]
        assert isinstance(keep, forms.MultipleChoiceField)  # noqa: S101 — declared above
        keep.choices = finding_choices

    def extra_phrases(self) -> list[tuple[str, str]]:
        kind = self.cleaned_data["extra_kind"] or MaskKindChoices.NAME
        return [
            (line.strip(), kind) for line in self.cleaned_data["extra"].splitlines() if line.strip()
        ]
