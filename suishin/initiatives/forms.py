"""Forms of the promotion-structure pages; the services hold the rules."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from suishin.core.choices import ClassificationChoices
from suishin.core.forms import DateFieldsField, ModelChoiceField, ModelMultipleChoiceField
from suishin.core.models import Organization, User
from suishin.initiatives.choices import (
    BodyKindChoices,
    HealthChoices,
    InitiativeStatusChoices,
    KpiUnitChoices,
    MeetingAccessChoices,
    MemberRoleChoices,
    PartReadersChoices,
)
from suishin.initiatives.models import Initiative, InitiativeCategory, Post, PromotionBody


def _limit(field: forms.Field, queryset: Any) -> None:
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 — declared as one
    field.queryset = queryset


class BodyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=BodyKindChoices.choices)
    parent = ModelChoiceField(
        label=_("Parent body"), queryset=PromotionBody.objects.none(), required=False
    )
    secretariat = ModelChoiceField(
        label=_("Secretariat unit"), queryset=Organization.objects.none()
    )
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    classification = forms.TypedChoiceField(
        label=_("Classification"),
        choices=ClassificationChoices.choices,
        coerce=int,
        initial=ClassificationChoices.INTERNAL,
    )
    meetings_members_only = forms.BooleanField(
        label=_("Its meetings are for members only by default (構成員限り)"),
        required=False,
        help_text=_(
            "For bodies whose work is sensitive: only the members, the secretariat staff and "
            "the people named read their meetings."
        ),
    )

    def __init__(self, *args: Any, bodies: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["parent"], bodies)
        _limit(self.fields["secretariat"], units)


class MemberForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MemberRoleChoices.choices)
    post = ModelChoiceField(label=_("Post"), queryset=Post.objects.none(), required=False)
    person = ModelChoiceField(
        label=_("Person (when no post fits)"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, posts: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["post"], posts)
        _limit(self.fields["person"], people)


class PostForm(forms.Form):
    unit = ModelChoiceField(label=_("Unit"), queryset=Organization.objects.none())
    title = forms.CharField(label=_("Title of the post"), max_length=100)
    holder = ModelChoiceField(label=_("Holder"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, units: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["unit"], units)
        _limit(self.fields["holder"], people)


class AssignForm(forms.Form):
    holder = ModelChoiceField(label=_("Holder"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["holder"], people)


class NamedPeopleField(forms.CharField):
    """People of the institution named by user name, separated by spaces or new lines."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 4000)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
        super().__init__(**kwargs)
        self.people: Any = User.objects.none()

    def clean(self, value: Any) -> list[User]:
        names = sorted(set(str(super().clean(value) or "").split()))
        found = list(self.people.filter(username__in=names))
        unknown = sorted(set(names) - {person.username for person in found})
        if unknown:
            raise ValidationError(
                _("These user names were not found: %(names)s") % {"names": "、".join(unknown)}
            )
        return found


def _named_people(field: forms.Field, people: Any) -> None:
    assert isinstance(field, NamedPeopleField)  # noqa: S101 — declared as one
    field.people = people


class MeetingAccessForm(forms.Form):
    """Who may read a meeting: the levels its body allows, and people named besides."""

    access = forms.ChoiceField(
        label=_("Who may read the meeting"),
        choices=MeetingAccessChoices.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "The agenda, materials, minutes, decisions and action items follow the meeting. "
            "A meeting cannot be read more widely than its body."
        ),
    )
    named_readers = NamedPeopleField(
        label=_("People named besides the members"),
        help_text=_(
            "Only for a meeting for members only: user names of people of the institution, "
            "separated by spaces or new lines."
        ),
    )

    def __init__(self, *args: Any, levels: list[str], people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["access"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 — declared as one
        field.choices = [(v, label) for v, label in MeetingAccessChoices.choices if v in levels]
        _named_people(self.fields["named_readers"], people)


class MeetingScheduleForm(forms.Form):
    """When and where a meeting is held, and what it is called: set when it is scheduled,
    changed when it is moved."""

    title = forms.CharField(label=_("Title"), max_length=200)
    date = DateFieldsField(label=_("Date"))
    time = forms.TimeField(label=_("Starting time"), help_text=_("For example 13:30."))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    def starts_at(self) -> datetime.datetime:
        """The chosen date and time, in the local time zone (call once the form is valid)."""
        data = self.cleaned_data
        return timezone.make_aware(datetime.datetime.combine(data["date"], data["time"]))


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling (中止)"),
        max_length=500,
        help_text=_("Shown on the meeting page to everyone who may read the meeting."),
    )


class MeetingForm(MeetingScheduleForm, MeetingAccessForm):
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One item per line; the presenter after a ／ if you like (予算の状況／会計課長)."
        ),
    )

    field_order = ["title", "date", "time", "place", "agenda", "access", "named_readers"]


class PartReadersForm(forms.Form):
    """Who of the meeting's readers may read an agenda item or a material."""

    readers = forms.ChoiceField(
        label=_("Who may read it"),
        choices=PartReadersChoices.choices,
        initial=PartReadersChoices.MEETING,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Others who may read the meeting do not see it, nor its title."),
    )
    named_readers = NamedPeopleField(
        label=_("People named"),
        help_text=_(
            "User names of people of the institution, separated by spaces or new lines: "
            "required for named people only."
        ),
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _named_people(self.fields["named_readers"], people)

    def clean_readers(self) -> str:
        return self.cleaned_data.get("readers") or PartReadersChoices.MEETING


class BodyMeetingsDefaultForm(forms.Form):
    meetings_members_only = forms.BooleanField(
        label=_("Its meetings are for members only by default (構成員限り)"), required=False
    )


class AgendaForm(PartReadersForm):
    title = forms.CharField(label=_("Agenda item"), max_length=200)
    presenter = forms.CharField(label=_("Presenter"), max_length=200, required=False)
    initiative = ModelChoiceField(
        label=_("Initiative discussed"), queryset=Initiative.objects.none(), required=False
    )

    field_order = ["title", "presenter", "initiative", "readers", "named_readers"]

    def __init__(self, *args: Any, initiatives: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["initiative"], initiatives)


class AgendaEditForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=200)
    presenter = forms.CharField(label=_("Presenter"), max_length=200, required=False)


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}))


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Action item"), max_length=300)
    owner = ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_date = DateFieldsField(label=_("Due date"))

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["owner"], people)


class MaterialForm(PartReadersForm):
    file = forms.FileField(label=_("Material"), help_text=_("PDF, Office documents or images."))

    field_order = ["file", "readers", "named_readers"]


class InitiativeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    category = ModelChoiceField(label=_("Category"), queryset=InitiativeCategory.objects.none())
    owner = ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 3}))
    start_date = DateFieldsField(label=_("Start date"))
    end_date = DateFieldsField(label=_("End date"), required=False)
    budget_yen = forms.IntegerField(label=_("Budget (yen)"), min_value=0, initial=0)
    cost_yen_per_year = forms.IntegerField(
        label=_("Running cost (yen a year)"), min_value=0, initial=0
    )
    hours_saved_per_year = forms.IntegerField(label=_("Hours saved a year"), min_value=0, initial=0)
    hours_eliminated_per_year = forms.IntegerField(
        label=_("Hours of work eliminated a year"),
        min_value=0,
        initial=0,
        help_text=_("Only for initiatives that reduce work (仕事を減らす)."),
    )
    update_every_months = forms.IntegerField(
        label=_("Update every (months)"), min_value=1, max_value=12, initial=1
    )
    classification = forms.TypedChoiceField(
        label=_("Classification"),
        choices=ClassificationChoices.choices,
        coerce=int,
        initial=ClassificationChoices.INTERNAL,
    )

    def __init__(self, *args: Any, categories: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["category"], categories)
        _limit(self.fields["owner"], people)


class KpiForm(forms.Form):
    name = forms.CharField(label=_("KPI"), max_length=200)
    unit = forms.ChoiceField(
        label=pgettext_lazy("unit of measure", "Unit"), choices=KpiUnitChoices.choices
    )
    baseline = forms.DecimalField(label=_("Baseline"), max_digits=14, decimal_places=2)
    baseline_date = DateFieldsField(label=_("Baseline date"))
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2)
    target_date = DateFieldsField(label=_("Target date"))


class ProgressForm(forms.Form):
    period_end = DateFieldsField(label=_("As of"))
    done = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    effects = forms.CharField(
        label=_("Effects seen"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    problems = forms.CharField(
        label=_("New problems"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    health = forms.ChoiceField(label=_("Health"), choices=HealthChoices.choices)

    def __init__(self, *args: Any, kpis: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kpi in kpis:
            self.fields[f"kpi_{kpi.pk}"] = forms.DecimalField(
                label=f"{kpi.name}（{kpi.unit_symbol}）",
                max_digits=14,
                decimal_places=2,
                required=False,
            )

    def kpi_values(self) -> dict[int, Any]:
        return {
            int(name[4:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("kpi_") and value is not None
        }


class InitiativeFilterForm(forms.Form):
    category = ModelChoiceField(
        label=_("Category"), queryset=InitiativeCategory.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *InitiativeStatusChoices.choices],
        required=False,
    )
    health = forms.ChoiceField(
        label=_("Health"), choices=[("", _("All")), *HealthChoices.choices], required=False
    )
    overdue = forms.BooleanField(label=_("Only overdue updates"), required=False)
    sort = forms.ChoiceField(
        label=_("Order"),
        choices=[
            ("priority", _("Priority score")),
            ("title", _("Title")),
            ("due", _("Next update due")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, categories: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["category"], categories)


class ConfirmationField(forms.BooleanField):
    """A box that must be ticked to finish but not to look: the form is read without it to
    show the masked text first, so the service, not the form, refuses a missing tick. It is
    marked required all the same (``shown_required``), never 「※任意」."""

    shown_required = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)


class CasePublishForm(forms.Form):
    title = forms.CharField(label=_("Title of the case"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}))
    lessons = forms.CharField(
        label=_("Lessons learned"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    shared_nationwide = forms.BooleanField(
        label=_("Share nationwide"), required=False, initial=True
    )
    shared_organizations = ModelMultipleChoiceField(
        label=_("Or share with these organizations"),
        queryset=Organization.objects.filter(parent__isnull=True, is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    confirmed = ConfirmationField(
        label=_("I checked the text below, with personal data replaced, and it may be shared."),
    )


class CaseQuestionForm(forms.Form):
    question = forms.CharField(
        label=_("Question to the owner"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CaseAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8 or Shift_JIS) or Excel (.xlsx), at most 5 MB and 2,000 rows, with the "
            "columns 件名, 分類, 担当者, 目標, 開始日 and optionally 終了予定日, 予算, 運用経費, "
            "削減時間, 廃止時間."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file (import nothing)"), required=False, initial=True
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_date = DateFieldsField(label=_("Planned date"))


class CategoryForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=100)
    reduces_work = forms.BooleanField(
        label=_("Its initiatives reduce work (report hours eliminated)"), required=False
    )
