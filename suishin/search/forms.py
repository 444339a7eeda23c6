from django import forms
from django.utils.translation import gettext_lazy as _

from suishin.search import registry
from suishin.search.choices import QUERY_MAX_LENGTH, SearchTermKindChoices


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search words"),
        max_length=QUERY_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    type = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        kind_field = self.fields["type"]
        assert isinstance(kind_field, forms.ChoiceField)  # noqa: S101 - narrows the type for mypy
        kind_field.choices = [
            ("", _("All")),
            *[(key, t.label) for key, t in registry.types().items()],
        ]


class SearchTermForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=SearchTermKindChoices.choices,
        widget=forms.RadioSelect,
        initial=SearchTermKindChoices.SYNONYM,
    )
    terms = forms.CharField(
        label=_("Words"),
        max_length=500,
        help_text=_(
            "Synonyms: words separated by commas (職質,職務質問). Phrase: the phrase as written."
        ),
    )
