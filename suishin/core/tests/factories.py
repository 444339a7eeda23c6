"""Business records for tests, created through the services like real ones."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from suishin.core.choices import ClassificationChoices, RoleChoices
from suishin.core.models import Notice, Organization, User
from suishin.core.services.records import apply_sharing

_counter = iter(range(1, 10**9))


def make_notice(
    *,
    author: User,
    classification: int = ClassificationChoices.INTERNAL,
    organization: Organization | None = None,
    shared_nationwide: bool = False,
    shared_organizations: Iterable[Organization] = (),
    named_readers: Iterable[User] = (),
    title: str | None = None,
    body: str = "本文",
) -> Notice:
    """A notice owned by ``organization`` (default: the author's unit). Written directly so that
    tests can place records anywhere, whatever the author's own rights; sharing goes through the
    same service helper as real notices."""
    notice = Notice.objects.create(
        title=title or f"お知らせ{next(_counter)}",
        body=body,
        classification=classification,
        organization=organization or author.unit,  # type: ignore[misc]
        shared_nationwide=shared_nationwide,
        created_by=author,
        created_at=timezone.now(),
    )
    apply_sharing(
        record=notice, shared_organizations=shared_organizations, named_readers=named_readers
    )
    return notice


def grant(user: User, *roles: str) -> User:
    from suishin.core.models import UserRole

    for role in roles:
        UserRole.objects.get_or_create(user=user, role=role)
    user.forget_roles()
    return user


NOTICE_AUTHOR = RoleChoices.SECRETARIAT
