from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from suishin.core.choices import ClassificationChoices, RoleChoices
from suishin.core.models import (
    BusinessRecord,
    BusinessRecordQuerySet,
    InstitutionCategory,
    MaskedRelease,
)
from suishin.initiatives.choices import (
    KPI_UNIT_SYMBOLS,
    BodyKindChoices,
    HealthChoices,
    InitiativeStatusChoices,
    KpiUnitChoices,
    MeetingStatusChoices,
    MemberRoleChoices,
    PartReadersChoices,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from suishin.core.models import User

# The staff of a body's secretariat unit who run its meetings (an auditor placed there only reads).
SECRETARIAT_STAFF_ROLES = (RoleChoices.OFFICER, RoleChoices.SECRETARIAT, RoleChoices.SYSTEM_ADMIN)


class Post(models.Model):
    """A post (職) in a unit, held by one person at a time: bodies name posts, so a transfer
    changes who sits on them without touching the bodies."""

    unit = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title of the post"), max_length=100)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("holder"),
    )

    class Meta:
        ordering = ["unit__path", "title"]
        constraints = [models.UniqueConstraint(fields=["unit", "title"], name="post_unique")]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return self.title


class PromotionBody(BusinessRecord):
    """A promotion body (委員会・幹事会・WG): its place in the hierarchy, members and secretariat."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=BodyKindChoices.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent body"),
    )
    secretariat = models.ForeignKey(
        "core.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("secretariat unit"),
    )
    purpose = models.TextField(_("purpose"), blank=True)
    # Sensitive work (an integrity WG, a closed session): new meetings start as members only.
    meetings_members_only = models.BooleanField(
        _("meetings for members only by default"), default=False
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("promotion body")
        verbose_name_plural = _("promotion bodies")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("initiatives:body_detail", args=[self.pk])


class BodyMember(models.Model):
    """A seat on a body: a post (whoever holds it) or, where no post fits, a named person."""

    body = models.ForeignKey(PromotionBody, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(_("role"), max_length=16, choices=MemberRoleChoices.choices)
    post = models.ForeignKey(Post, on_delete=models.PROTECT, null=True, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["body", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False, person__isnull=True)
                | Q(post__isnull=True, person__isnull=False),
                name="body_member_post_or_person",
            ),
            models.UniqueConstraint(
                fields=["body", "post"], condition=Q(post__isnull=False), name="body_member_post"
            ),
            models.UniqueConstraint(
                fields=["body", "person"],
                condition=Q(person__isnull=False),
                name="body_member_person",
            ),
        ]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return str(self.post or self.person)

    @property
    def sitting(self) -> object | None:
        """The person in the seat now (None while the post is vacant)."""
        return self.post.holder if self.post is not None else self.person


def body_insiders(user: User | AnonymousUser | None, body: str | None = "body") -> Q:
    """A filter keeping the bodies (reached through the field ``body``; None for a body itself)
    that ``user`` is inside of at this moment: sitting on it (holding a seated post, or seated
    by name) while in its institution, or on the staff of its secretariat unit."""
    unit = getattr(user, "unit", None)
    if user is None or not user.is_authenticated or not user.is_active or unit is None:
        return Q(pk__in=[])

    def field(name: str) -> str:
        return f"{body}__{name}" if body else name

    seated = BodyMember.objects.filter(
        Q(post__holder_id=user.pk) | Q(person_id=user.pk),
        body_id=OuterRef(f"{body}_id" if body else "pk"),
    )
    inside = Exists(seated) & Q(**{field("organization__institution_id"): unit.institution_id})
    if user.has_role(*SECRETARIAT_STAFF_ROLES):
        inside |= Q(**{field("secretariat_id"): unit.pk})
    return inside


class MeetingQuerySet(BusinessRecordQuerySet):
    def visible_to(self, user: User | AnonymousUser | None) -> Self:
        """The core policy, and members-only meetings for their body's insiders.

        A members-only meeting is stored as classification 3, so the core policy alone (and
        anything that copies it, a search document say) lets in only its named readers and its
        author. The body's members and secretariat staff are added here, from the seats, post
        holders and units as they are at the moment of the query, rather than copied into
        named readers and kept in sync: a transfer (a new post holder, or ``user_move`` in
        core, which this app cannot follow) then takes effect on the next request, as
        everywhere else, and no copy can be left stale."""
        members_only = self.filter(
            Q(members_only=True, classification=ClassificationChoices.RESTRICTED),
            body_insiders(user),
        )
        return super().visible_to(user) | members_only


class Meeting(BusinessRecord):
    """A meeting of a body: agenda, materials (files), minutes, decisions and action items."""

    body = models.ForeignKey(PromotionBody, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MeetingStatusChoices.choices,
        default=MeetingStatusChoices.SCHEDULED,
    )
    minutes = models.TextField(_("minutes"), blank=True)
    # Why a meeting was called off (中止), for everyone who may read it.
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    # 構成員限り: read by the body's members and secretariat staff and the named readers.
    members_only = models.BooleanField(_("members only"), default=False)

    objects = MeetingQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(members_only=False)
                | Q(classification=ClassificationChoices.RESTRICTED),
                name="meeting_members_only_restricted",
            )
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:meeting_detail", args=[self.pk])


class AgendaItem(models.Model):
    """An item on a meeting's agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    initiative = models.ForeignKey(
        "Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("initiative"),
    )
    # Stricter than the meeting: hidden, title included, from its other readers.
    readers = models.CharField(
        _("who may read it"),
        max_length=8,
        choices=PartReadersChoices.choices,
        default=PartReadersChoices.MEETING,
    )
    named_readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("named readers")
    )

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class MeetingMaterial(models.Model):
    """A meeting's material (a core file) and who of the meeting's readers may open it; a file
    attached without one is read by everyone who may read the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="materials")
    file = models.OneToOneField(
        "core.StoredFile", on_delete=models.CASCADE, related_name="meeting_material"
    )
    readers = models.CharField(
        _("who may read it"),
        max_length=8,
        choices=PartReadersChoices.choices,
        default=PartReadersChoices.MEETING,
    )
    named_readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("named readers")
    )

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return str(self.file_id)


class Decision(models.Model):
    """What a meeting decided."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "created_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:40]


class ActionItemQuerySet(models.QuerySet["ActionItem"]):
    def visible_to(self, user: User | AnonymousUser | None) -> Self:
        """An action item is read with its meeting."""
        return self.filter(meeting__in=Meeting.objects.visible_to(user))


class ActionItem(models.Model):
    """Something a meeting asked a person to do by a date; on their home page until done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["owner", "done_at"])]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.title


class InitiativeCategory(InstitutionCategory):
    """A category of initiatives: the circular's items by default, and an institution's
    additions to them (``default_and_own``)."""

    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    # 仕事を減らす: its initiatives report hours eliminated, not only hours saved.
    reduces_work = models.BooleanField(_("reduces work"), default=False)

    class Meta(InstitutionCategory.Meta):
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="initiative_category_code")
        ]
        verbose_name = _("initiative category")
        verbose_name_plural = _("initiative categories")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Initiative(BusinessRecord):
    """A reform measure (取組): owner, goal, KPIs, expected effect, status and health."""

    title = models.CharField(_("title"), max_length=200)
    category = models.ForeignKey(
        InitiativeCategory, on_delete=models.PROTECT, verbose_name=_("category")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_initiatives",
        verbose_name=_("owner"),
    )
    goal = models.TextField(_("goal"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InitiativeStatusChoices.choices,
        default=InitiativeStatusChoices.PLANNED,
    )
    health = models.CharField(
        _("health"), max_length=8, choices=HealthChoices.choices, default=HealthChoices.GREEN
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget_yen = models.PositiveBigIntegerField(_("budget (yen)"), default=0)
    cost_yen_per_year = models.PositiveBigIntegerField(_("running cost (yen a year)"), default=0)
    hours_saved_per_year = models.PositiveIntegerField(_("hours saved a year"), default=0)
    hours_eliminated_per_year = models.PositiveIntegerField(
        _("hours of work eliminated a year"), default=0
    )
    update_every_months = models.PositiveSmallIntegerField(_("update every (months)"), default=1)
    next_update_due = models.DateField(_("next update due"))
    # 横展開: the shared case this initiative adopts, so the chain of adoptions can be followed.
    adopted_from = models.ForeignKey(
        "SharedCase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoptions",
        verbose_name=_("adopted from"),
    )
    # The due date a reminder (and, when overdue, the escalation) was last sent for.
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    escalated_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["status", "next_update_due"])]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:initiative_detail", args=[self.pk])


class Kpi(models.Model):
    """A key performance indicator of an initiative: from a baseline to a target."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=8, choices=KpiUnitChoices.choices)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    baseline_date = models.DateField(_("baseline date"))
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("target date"))

    class Meta:
        ordering = ["initiative", "pk"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")

    def __str__(self) -> str:
        return self.name

    @property
    def unit_symbol(self) -> str:
        return KPI_UNIT_SYMBOLS.get(self.unit, self.unit)

    def progress_percent(self, value: object) -> int | None:
        """How far ``value`` has gone from the baseline toward the target, in whole per cent
        (0 to 200); None with no value or when the target is the baseline. The portfolio and
        the annual report both show this figure."""
        if value is None or self.target == self.baseline:
            return None
        share = (Decimal(str(value)) - self.baseline) / (self.target - self.baseline) * 100
        return max(0, min(200, int(share)))


class ProgressUpdate(models.Model):
    """A periodic report on an initiative: what was done, effects, problems, KPI values."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    period_end = models.DateField(_("as of"))
    done = models.TextField(_("what was done"))
    effects = models.TextField(_("effects seen"), blank=True)
    problems = models.TextField(_("new problems"), blank=True)
    health = models.CharField(_("health"), max_length=8, choices=HealthChoices.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "-period_end", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "period_end"], name="progress_update_one_per_date"
            )
        ]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.period_end}"


class KpiValue(models.Model):
    """A KPI's value as a progress update reported it."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="values")
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["update", "kpi"], name="kpi_value_unique")]
        verbose_name = _("KPI value")
        verbose_name_plural = _("KPI values")

    def __str__(self) -> str:
        return f"{self.kpi_id}={self.value}"


class SharedCase(MaskedRelease, BusinessRecord):
    """A case study (事例) published from an initiative for other organizations (横展開): its
    masked text is shared once a second person (the institution's secretariat) confirms it."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="cases")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    lessons = models.TextField(_("lessons learned"), blank=True)
    category = models.ForeignKey(InitiativeCategory, on_delete=models.PROTECT)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("shared case")
        verbose_name_plural = _("shared cases")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:case_detail", args=[self.pk])

    @property
    def release_key(self) -> str:
        return "initiatives.case"

    def release_content(self) -> list[tuple[str, str]]:
        return [("title", self.title), ("summary", self.summary), ("lessons", self.lessons)]


class CaseBookmark(models.Model):
    """A reader keeps a case for later."""

    case = models.ForeignKey(SharedCase, on_delete=models.CASCADE, related_name="bookmarks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="case_bookmark_unique")
        ]
        verbose_name = _("bookmark")
        verbose_name_plural = _("bookmarks")

    def __str__(self) -> str:
        return f"{self.case_id} {self.user_id}"


class CaseQuestion(models.Model):
    """A question from another organization to the case's owner, and the answer."""

    case = models.ForeignKey(SharedCase, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("question about a case")
        verbose_name_plural = _("questions about cases")

    def __str__(self) -> str:
        return self.question[:40]


class Milestone(models.Model):
    """A step of an initiative with its planned date, ticked off when reached."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("planned date"))
    done_on = models.DateField(_("reached on"), null=True, blank=True)

    class Meta:
        ordering = ["initiative", "due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title
