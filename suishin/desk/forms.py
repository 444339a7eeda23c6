"""Forms of the desk: parse and validate input; the services hold the rules."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from suishin.core.choices import ClassificationChoices, ServiceClockChoices
from suishin.core.forms import DateFieldsField, ModelChoiceField, MultipleFileField
from suishin.core.models import Organization, User
from suishin.desk.choices import (
    InquiryStatusChoices,
    InquiryUrgencyChoices,
    MessageKindChoices,
)
from suishin.desk.models import DeskQueue, InquiryCategory

ATTACHMENT_HELP = _("PDF, images, Word, Excel, PowerPoint or text files.")


class InquiryForm(forms.Form):
    category = ModelChoiceField(
        label=_("Category"), queryset=InquiryCategory.objects.none(), empty_label=None
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=InquiryUrgencyChoices.choices,
        initial=InquiryUrgencyChoices.NORMAL,
        widget=forms.RadioSelect,
        help_text=_("Urgent inquiries are answered around the clock, normally within 10 minutes."),
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("In one line: what do you want to know?"),
    )
    body = forms.CharField(
        label=_("Question"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The situation and what you have already checked. Names are not needed."),
    )
    classification = forms.TypedChoiceField(
        label=_("Who may read it"),
        choices=[
            (
                ClassificationChoices.INTERNAL,
                _("Everyone in my organization (answers help colleagues too)"),
            ),
            (ClassificationChoices.RESTRICTED, _("Only me and the responders of the desk")),
        ],
        coerce=int,
        initial=ClassificationChoices.INTERNAL,
        widget=forms.RadioSelect,
    )
    attachments = MultipleFileField(
        label=_("Attachments"), required=False, help_text=ATTACHMENT_HELP
    )

    def __init__(self, *args: Any, categories: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories  # type: ignore[attr-defined]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6})
    )
    attachments = MultipleFileField(
        label=_("Attachments"), required=False, help_text=ATTACHMENT_HELP
    )
    # The newest message on the writer's screen, to show what others posted meanwhile.
    seen = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class ReplyForm(MessageForm):
    ACTIONS = (
        ("answer", _("Send as the answer")),
        ("ask", _("Ask the officer (the clock stops until they reply)")),
        ("note", _("Save as an internal note")),
    )
    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput, initial="answer")

    def kind_and_status(self) -> tuple[str, str | None]:
        action = self.cleaned_data["action"]
        if action == "note":
            return MessageKindChoices.NOTE, None
        if action == "ask":
            return MessageKindChoices.REPLY, InquiryStatusChoices.WAITING
        return MessageKindChoices.REPLY, InquiryStatusChoices.ANSWERED


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=InquiryStatusChoices.choices)


class AssignForm(forms.Form):
    assignee = ModelChoiceField(
        label=_("Assignee"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody"),
    )

    def __init__(self, *args: Any, responders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = responders  # type: ignore[attr-defined]


class MergeForm(forms.Form):
    into = forms.IntegerField(
        label=_("Number of the inquiry to keep"), min_value=1, max_value=2_000_000_000
    )


class ReferenceForm(forms.Form):
    type_key = forms.CharField(max_length=64)
    object_id = forms.CharField(max_length=64)


class QueueFilterForm(forms.Form):
    STATUS_CHOICES = [("open", _("Open")), ("all", _("All")), *InquiryStatusChoices.choices]
    ASSIGNEE_CHOICES = [("", _("Anyone")), ("me", _("Me")), ("none", _("Nobody"))]

    # Queues and categories are plain choices read once by the view: a model choice field
    # would query again to check the value and again to draw the list, on a page the whole
    # desk keeps open.
    queue = forms.TypedChoiceField(label=_("Queue"), coerce=int, empty_value=None, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=[("", _("All")), *InquiryUrgencyChoices.choices],
        required=False,
    )
    category = forms.TypedChoiceField(
        label=_("Category"), coerce=int, empty_value=None, required=False
    )
    assignee = forms.ChoiceField(label=_("Assignee"), choices=ASSIGNEE_CHOICES, required=False)
    text = forms.CharField(label=_("Subject contains"), max_length=100, required=False)

    def __init__(
        self,
        *args: Any,
        queues: Iterable[DeskQueue],
        categories: Iterable[InquiryCategory],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        self.fields["queue"].choices = [everything, *((q.pk, str(q)) for q in queues)]  # type: ignore[attr-defined]
        self.fields["category"].choices = [  # type: ignore[attr-defined]
            everything,
            *((category.pk, str(category)) for category in categories),
        ]


class SavedViewForm(forms.Form):
    name = forms.CharField(label=_("Name of the view"), max_length=50)


class CannedAnswerForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    body = forms.CharField(
        label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )


class TimeField(forms.TimeField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
        kwargs.setdefault("input_formats", ["%H:%M"])
        super().__init__(**kwargs)


class ShiftForm(forms.Form):
    queue = ModelChoiceField(label=_("Queue"), queryset=DeskQueue.objects.none())
    responder = ModelChoiceField(label=_("Responder"), queryset=User.objects.none())
    start_date = DateFieldsField(label=_("First day"))
    start_time = TimeField(label=_("Start time"), initial=time(8, 30))
    end_time = TimeField(
        label=_("End time"),
        initial=time(17, 15),
        help_text=_("An end earlier than the start means the next morning (a night shift)."),
    )
    repeat_days = forms.IntegerField(
        label=_("Repeat for (days)"), min_value=1, max_value=92, initial=1
    )

    def __init__(self, *args: Any, queues: Any, responders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["queue"].queryset = queues  # type: ignore[attr-defined]
        self.fields["responder"].queryset = responders  # type: ignore[attr-defined]

    def period(self) -> tuple[datetime, datetime]:
        tz = timezone.get_current_timezone()
        day = self.cleaned_data["start_date"]
        starts = datetime.combine(day, self.cleaned_data["start_time"], tzinfo=tz)
        ends = datetime.combine(day, self.cleaned_data["end_time"], tzinfo=tz)
        if ends <= starts:
            ends += timedelta(days=1)
        return starts, ends


class RoutingRuleForm(forms.Form):
    category = ModelChoiceField(
        label=_("Category"),
        queryset=InquiryCategory.objects.none(),
        required=False,
        empty_label=_("Any category"),
    )
    source = ModelChoiceField(
        label=_("Asking organization"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Any unit"),
        help_text=_("The rule applies to this unit and the units under it."),
    )
    queue = ModelChoiceField(label=_("Queue"), queryset=DeskQueue.objects.none())

    def __init__(self, *args: Any, categories: Any, units: Any, queues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories  # type: ignore[attr-defined]
        self.fields["source"].queryset = units  # type: ignore[attr-defined]
        self.fields["queue"].queryset = queues  # type: ignore[attr-defined]


class ServiceLevelForm(forms.Form):
    urgency = forms.ChoiceField(label=_("Urgency"), choices=InquiryUrgencyChoices.choices)
    category = ModelChoiceField(
        label=_("Category"),
        queryset=InquiryCategory.objects.none(),
        required=False,
        empty_label=_("Any category"),
    )
    first_response_minutes = forms.IntegerField(
        label=_("First response within (minutes)"), min_value=1, max_value=100_000
    )
    resolution_minutes = forms.IntegerField(
        label=_("Answer within (minutes)"), min_value=1, max_value=1_000_000
    )
    clock = forms.ChoiceField(
        label=_("Clock"), choices=ServiceClockChoices.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, categories: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories  # type: ignore[attr-defined]


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Category name"), max_length=50)
    sort_order = forms.IntegerField(label=_("Display order"), min_value=0, initial=100)


class QueueForm(forms.Form):
    division = ModelChoiceField(label=_("Division"), queryset=Organization.objects.none())
    supervisor = ModelChoiceField(
        label=_("Division supervisor"), queryset=User.objects.none(), required=False
    )
    manager = ModelChoiceField(
        label=_("Desk manager"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, divisions: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = divisions  # type: ignore[attr-defined]
        self.fields["supervisor"].queryset = people  # type: ignore[attr-defined]
        self.fields["manager"].queryset = people  # type: ignore[attr-defined]


class DashboardForm(forms.Form):
    date_from = DateFieldsField(label=_("From"), required=False)
    date_to = DateFieldsField(label=_("To"), required=False)
    institution = ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("All organizations"),
    )

    def __init__(self, *args: Any, institutions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Enter an end date on or after the start date."))
        return cleaned
