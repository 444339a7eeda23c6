from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from suishin.core.models.users import User


class NotificationQuerySet(models.QuerySet["Notification"]):
    def visible_to(self, user: User | AnonymousUser | None) -> Self:
        """A notification is its recipient's alone."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(recipient_id=user.pk)

    def unread(self) -> Self:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message to one person (in the app, and by e-mail when mail is configured)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # What happened, as a code for filtering ("notice.named_reader", "desk.answered" …).
    kind = models.CharField(max_length=64)
    # Short, content-free text: what to open, not what it says (the record may be restricted).
    title = models.CharField(_("title"), max_length=200)
    url = models.CharField(max_length=500)
    # The record it is about ("desk.inquiry", 42): the list shows that record's name to a
    # reader who may still see it, and the record's own changes can settle it.
    target_type = models.CharField(max_length=100, blank=True, default="")
    target_id = models.CharField(max_length=40, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title
