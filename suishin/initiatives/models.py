from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from suishin.core.models import BusinessRecord
from suishin.initiatives.choices import BodyKindChoices, MeetingStatusChoices, MemberRoleChoices


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

    class Meta:
        ordering = ["-starts_at", "-pk"]
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

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


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

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["owner", "done_at"])]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.title
