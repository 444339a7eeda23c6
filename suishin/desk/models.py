from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from suishin.core.choices import ServiceClockChoices
from suishin.core.models import BusinessRecord, InstitutionCategory
from suishin.desk.choices import (
    OPEN_STATUSES,
    EscalationLevelChoices,
    InquiryStatusChoices,
    InquiryUrgencyChoices,
    MessageKindChoices,
    ReferenceKindChoices,
)


class InquiryCategory(InstitutionCategory):
    """A subject area officers choose when asking; an institution may keep its own list,
    which then replaces the default one (``own_or_default_list``)."""

    name = models.CharField(_("name"), max_length=50)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta(InstitutionCategory.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "name"], name="desk_category_unique_name"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(institution__isnull=True),
                name="desk_category_unique_default_name",
            ),
        ]
        verbose_name = _("inquiry category")
        verbose_name_plural = _("inquiry categories")

    def __str__(self) -> str:
        return self.name


class DeskQueue(models.Model):
    """The inquiries an HQ division answers, and the people its escalations go to."""

    division = models.OneToOneField(
        "core.Organization",
        verbose_name=_("division"),
        on_delete=models.PROTECT,
        related_name="desk_queue",
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("division supervisor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("desk manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["division__path"]
        verbose_name = _("desk queue")
        verbose_name_plural = _("desk queues")

    def __str__(self) -> str:
        return self.division.name


class RoutingRule(models.Model):
    """Category × asking organization → the queue that answers (the most specific rule wins)."""

    institution = models.ForeignKey(
        "core.Organization",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Empty: any category.
    category = models.ForeignKey(
        InquiryCategory,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # Empty: any unit of the institution; otherwise this unit and the units under it.
    source = models.ForeignKey(
        "core.Organization",
        verbose_name=_("asking organization"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    queue = models.ForeignKey(
        DeskQueue, verbose_name=_("queue"), on_delete=models.CASCADE, related_name="rules"
    )

    class Meta:
        ordering = ["institution", "category", "source__path"]
        constraints = [
            # "Any" is stored as NULL, and NULLs never collide in a plain unique index.
            models.UniqueConstraint(
                Coalesce("institution", Value(0)),
                Coalesce("category", Value(0)),
                Coalesce("source", Value(0)),
                name="desk_routing_rule_unique",
            ),
        ]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return f"{self.category or '*'} / {self.source or '*'} → {self.queue}"


class DutyShift(models.Model):
    """One responder on duty for a queue from a start to an end time (当番), nights included."""

    queue = models.ForeignKey(
        DeskQueue, verbose_name=_("queue"), on_delete=models.CASCADE, related_name="shifts"
    )
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responder"),
        on_delete=models.CASCADE,
        related_name="duty_shifts",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["queue", "starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="desk_shift_ends_after_start"
            )
        ]
        verbose_name = _("duty shift")
        verbose_name_plural = _("duty shifts")

    def __str__(self) -> str:
        return f"{self.responder} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"


class ServiceLevel(models.Model):
    """First-response and resolution targets for one urgency (and optionally one category)."""

    # Empty for the defaults every institution starts with.
    institution = models.ForeignKey(
        "core.Organization",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    urgency = models.CharField(_("urgency"), max_length=16, choices=InquiryUrgencyChoices.choices)
    category = models.ForeignKey(
        InquiryCategory,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    first_response_minutes = models.PositiveIntegerField(_("first response within (minutes)"))
    resolution_minutes = models.PositiveIntegerField(_("answer within (minutes)"))
    clock = models.CharField(_("clock"), max_length=16, choices=ServiceClockChoices.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Coalesce("institution", Value(0)),
                F("urgency"),
                Coalesce("category", Value(0)),
                name="desk_service_level_unique",
            ),
            models.CheckConstraint(
                condition=Q(first_response_minutes__gt=0)
                & Q(resolution_minutes__gte=models.F("first_response_minutes")),
                name="desk_service_level_positive",
            ),
        ]
        verbose_name = _("service level")
        verbose_name_plural = _("service levels")

    def __str__(self) -> str:
        return f"{self.get_urgency_display()} {self.category or ''}".strip()


class Inquiry(BusinessRecord):
    """A question from the front line to headquarters (相談・照会) and its handling."""

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("question"), max_length=10000)
    category = models.ForeignKey(
        InquiryCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    urgency = models.CharField(
        _("urgency"),
        max_length=16,
        choices=InquiryUrgencyChoices.choices,
        default=InquiryUrgencyChoices.NORMAL,
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InquiryStatusChoices.choices,
        default=InquiryStatusChoices.NEW,
    )
    queue = models.ForeignKey(
        DeskQueue,
        verbose_name=_("queue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inquiries",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_inquiries",
    )
    assigned_at = models.DateTimeField(null=True, blank=True, editable=False)
    clock = models.CharField(
        max_length=16, choices=ServiceClockChoices.choices, default=ServiceClockChoices.ALWAYS
    )
    # When the resolution clock last started: at submission, and again at a reopening.
    clock_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    first_response_due = models.DateTimeField(_("first response due"), null=True, blank=True)
    resolution_due = models.DateTimeField(_("answer due"), null=True, blank=True)
    first_responded_at = models.DateTimeField(_("first responded at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    # While the desk waits for the officer the clock stops; the due time moves on when it resumes.
    waiting_since = models.DateTimeField(null=True, blank=True, editable=False)
    first_response_escalation = models.PositiveSmallIntegerField(
        choices=EscalationLevelChoices.choices, default=EscalationLevelChoices.NONE
    )
    resolution_escalation = models.PositiveSmallIntegerField(
        choices=EscalationLevelChoices.choices, default=EscalationLevelChoices.NONE
    )
    self_resolved = models.BooleanField(_("self-resolved"), default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
    )
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["queue", "status", "resolution_due"]),
            models.Index(fields=["created_by", "-created_at"]),
            models.Index(fields=["status", "first_response_due"]),
            models.Index(fields=["organization", "created_at"]),
            # The queue's change check reads the latest update.
            models.Index(fields=["updated_at"]),
        ]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("desk:inquiry_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def first_response_met(self) -> bool | None:
        if self.first_responded_at is None or self.first_response_due is None:
            return None
        return self.first_responded_at <= self.first_response_due

    @property
    def resolution_met(self) -> bool | None:
        if self.answered_at is None or self.resolution_due is None:
            return None
        return self.answered_at <= self.resolution_due


class InquiryMessage(models.Model):
    """One entry in an inquiry's thread: a reply, the officer's message, a note or a change."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=16, choices=MessageKindChoices.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(_("message"), max_length=10000)
    created_at = models.DateTimeField(_("posted at"), db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["inquiry", "created_at"])]
        verbose_name = _("inquiry message")
        verbose_name_plural = _("inquiry messages")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"


class InquiryAttachment(models.Model):
    """A file posted with one message; readable by whoever may read that message."""

    message = models.ForeignKey(
        InquiryMessage, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.OneToOneField(
        "core.StoredFile", on_delete=models.CASCADE, related_name="inquiry_attachment"
    )

    class Meta:
        verbose_name = _("inquiry attachment")
        verbose_name_plural = _("inquiry attachments")

    def __str__(self) -> str:
        return str(self.file)


class InquiryReference(models.Model):
    """A knowledge item tied to an inquiry: linked in the answer, or the one that solved it."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="references")
    kind = models.CharField(_("kind"), max_length=16, choices=ReferenceKindChoices.choices)
    # A search document's type and record id: knowledge articles, manual sections, inquiries.
    type_key = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    title = models.CharField(_("title"), max_length=500)
    url = models.CharField(max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("linked at"))

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["type_key", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["inquiry", "kind", "type_key", "object_id"],
                name="desk_reference_unique",
            )
        ]
        verbose_name = _("knowledge reference")
        verbose_name_plural = _("knowledge references")

    def __str__(self) -> str:
        return self.title


class CannedAnswer(models.Model):
    """A standard answer text (定型文) that responders insert and adapt."""

    institution = models.ForeignKey(
        "core.Organization",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("text"), max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("canned answer")
        verbose_name_plural = _("canned answers")

    def __str__(self) -> str:
        return self.title


class SavedQueueView(models.Model):
    """A responder's named set of queue filters."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_queue_views"
    )
    name = models.CharField(_("name"), max_length=50)
    query = models.CharField(max_length=500)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="desk_saved_view_unique")
        ]
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")

    def __str__(self) -> str:
        return self.name
