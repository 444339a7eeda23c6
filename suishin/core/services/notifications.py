"""Notifying people: an in-app notification, and an e-mail sent by a background task."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from suishin.core.errors import AccessDenied
from suishin.core.models import Notification

if TYPE_CHECKING:
    from django.db.models import Model

    from suishin.core.models import User


def mail_configured() -> bool:
    return bool(settings.EMAIL_HOST)


@transaction.atomic
def notification_create(
    *, recipient: User, kind: str, title: str, about: Model, url: str | None = None
) -> Notification:
    """Tell ``recipient`` about the record ``about``; ``url`` opens it (its own page unless
    a place on another page is meant)."""
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        title=title[:200],
        url=url or about.get_absolute_url(),  # type: ignore[attr-defined]
        target_type=about._meta.label_lower,
        target_id=str(about.pk),
    )
    if mail_configured() and recipient.email:
        from suishin.core.tasks import notification_send_email_task

        # Enqueued only once the notification is committed, so the worker always finds it.
        transaction.on_commit(lambda: notification_send_email_task.enqueue(notification.pk))
    return notification


@transaction.atomic
def notification_mark_read(*, actor: User, notification: Notification) -> None:
    if notification.recipient_id != actor.pk:
        raise AccessDenied(_("You can change only your own notifications."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


@transaction.atomic
def notifications_settled(*, about: Model) -> int:
    """Everyone's unread notifications about a record that no longer asks anything of them
    (an action item done) are marked read."""
    return (
        Notification.objects.filter(target_type=about._meta.label_lower, target_id=str(about.pk))
        .unread()
        .update(read_at=timezone.now())
    )


@transaction.atomic
def notification_mark_all_read(*, actor: User) -> int:
    return Notification.objects.visible_to(actor).unread().update(read_at=timezone.now())


@transaction.atomic
def notification_send_email(*, notification_id: int) -> bool:
    """Send the e-mail for one notification once. Safe to run again: a sent one is skipped, and
    the row lock keeps two workers from sending the same message."""
    notification = (
        Notification.objects.select_for_update()
        .select_related("recipient")
        .filter(pk=notification_id)
        .first()
    )
    if (
        notification is None
        or notification.emailed_at is not None
        or not notification.recipient.email
    ):
        return False
    body = _("%(title)s\n\nOpen Suishin to read it: %(url)s") % {
        "title": notification.title,
        "url": f"{settings.SUISHIN_BASE_URL}{notification.url}",
    }
    send_mail(notification.title, body, None, [notification.recipient.email])
    notification.emailed_at = timezone.now()
    notification.save(update_fields=["emailed_at"])
    return True
