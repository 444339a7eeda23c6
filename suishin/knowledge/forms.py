"""Forms of the knowledge pages: parse and validate input; the services hold the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from suishin.core.choices import ClassificationChoices, MaskKindChoices
from suishin.core.forms import DateFieldsField, ModelChoiceField, ModelMultipleChoiceField
from suishin.core.models import Organization, User
from suishin.knowledge.choices import ArticleStateChoices, KnowledgeRoleChoices


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
    """The request to share beyond the institution: the scope, and the editor's decision on
    every personal-data finding (replace it, or keep it with a reason)."""

    shared_nationwide = forms.BooleanField(label=_("Share nationwide"), required=False)
    shared_organizations = ModelMultipleChoiceField(
        label=_("Share with these institutions"),
        queryset=Organization.objects.none(),
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
        label=_("I checked the replacements and no personal data remains."),
        error_messages={"required": _("Check the replacements and confirm.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    REASON_PREFIX = "reason:"

    def __init__(
        self,
        *args: Any,
        finding_keys: list[str],
        institution_id: int | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        keep = self.fields["keep"]
        assert isinstance(keep, forms.MultipleChoiceField)  # noqa: S101 — declared above
        keep.choices = [(key, key) for key in finding_keys]
        organizations = self.fields["shared_organizations"]
        assert isinstance(organizations, ModelMultipleChoiceField)  # noqa: S101 — declared above
        # Institutions other than the owner's: the owner's own already reads the article.
        outside = Organization.objects.filter(is_active=True, parent__isnull=True)
        if institution_id is not None:
            outside = outside.exclude(pk=institution_id)
        organizations.queryset = outside
        for key in finding_keys:
            self.fields[self.REASON_PREFIX + key] = forms.CharField(
                label=_("Why it may stay"), required=False, max_length=200
            )

    def extra_phrases(self) -> list[tuple[str, str]]:
        kind = self.cleaned_data["extra_kind"] or MaskKindChoices.NAME
        return [
            (line.strip(), kind) for line in self.cleaned_data["extra"].splitlines() if line.strip()
        ]

    def unmasked_reasons(self) -> dict[str, str]:
        return {
            name.removeprefix(self.REASON_PREFIX): value
            for name, value in self.cleaned_data.items()
            if name.startswith(self.REASON_PREFIX) and value.strip()
        }


class ShareReviewForm(forms.Form):
    """The second person's decision on a snapshot awaiting confirmation."""

    decision = forms.ChoiceField(
        choices=[("confirm", _("Confirm and share")), ("return", _("Send back"))]
    )
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    comment = forms.CharField(
        label=_("Comment for the person who prepared it"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ManualImportForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            ".docx, Markdown (.md) or plain text (.txt), at most 20 MB. Headings become sections."
        ),
    )
    effective_date = DateFieldsField(label=_("Effective date"))
    classification = forms.TypedChoiceField(
        label=_("Classification"),
        choices=ClassificationChoices.choices,
        coerce=int,
        initial=ClassificationChoices.INTERNAL,
    )


class PersonChoiceField(ModelChoiceField):
    """A person by name and unit (山田 太郎（生活安全企画課）), as a route picker lists them."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj}（{obj.unit.name}）" if obj.unit_id else str(obj)


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title of the revision"), max_length=200)
    reason = forms.CharField(
        label=_("Reason for the revision"), widget=forms.Textarea(attrs={"rows": 4})
    )
    effective_date = DateFieldsField(label=_("Proposed effective date"))
    inquiries = forms.CharField(
        label=_("Inquiries that led to it"),
        required=False,
        max_length=200,
        help_text=_("Numbers of desk inquiries, separated by spaces (for example 12 45)."),
    )
    reviewer = PersonChoiceField(label=_("Reviewer (審査)"), queryset=User.objects.none())
    approver = PersonChoiceField(label=_("Approver (決裁)"), queryset=User.objects.none())

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        """``people``: who may take a step of the route (``route_candidates``)."""
        super().__init__(*args, **kwargs)
        for name in ("reviewer", "approver"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 — declared above
            field.queryset = people
            # A long list of names is searched by typing (suishin.js adds the box).
            field.widget.attrs.update(
                {
                    "data-filterable": "",
                    "data-filter-label": _("Search %(field)s") % {"field": field.label},
                }
            )

    def clean_inquiries(self) -> list[int]:
        words = self.cleaned_data["inquiries"].replace("、", " ").replace(",", " ").split()
        bad = [word for word in words if not word.isdigit() or len(word) > 9]
        if bad:
            raise forms.ValidationError(
                _("Write inquiry numbers in digits (「%(word)s」 is not one).")
                % {"word": bad[0][:20]}
            )
        return list(dict.fromkeys(int(word) for word in words))[:20]


class SectionChangeForm(forms.Form):
    label = forms.CharField(label=_("Number"), max_length=50, required=False)
    heading = forms.CharField(label=_("Heading"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )


class SectionAddForm(SectionChangeForm):
    after_key = forms.ChoiceField(label=_("Insert after"), required=False)
    level = forms.TypedChoiceField(
        label=_("Level"),
        coerce=int,
        initial=4,
        choices=[
            (1, _("1 (編)")),
            (2, _("2 (章)")),
            (3, _("3 (節)")),
            (4, _("4 (条)")),
            (5, _("5")),
            (6, _("6")),
        ],
    )

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        after = self.fields["after_key"]
        assert isinstance(after, forms.ChoiceField)  # noqa: S101 — declared above
        after.choices = [("", _("At the start")), *sections]


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when sending back."),
    )


class KnowledgeRoleForm(forms.Form):
    user = ModelChoiceField(queryset=User.objects.none())
    role = forms.TypedChoiceField(choices=KnowledgeRoleChoices.choices, coerce=int)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 — declared above
        field.queryset = people
