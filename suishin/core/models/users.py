from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from suishin.core.choices import PRIVILEGED_ROLES, DateStyleChoices, RoleChoices
from suishin.core.statements import fetch_all


class User(AbstractUser):
    """A person who signs in: belongs to one unit and holds one or more roles."""

    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    unit = models.ForeignKey(
        "core.Organization",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    date_style = models.CharField(
        _("date style"),
        max_length=16,
        choices=DateStyleChoices.choices,
        default=DateStyleChoices.WESTERN,
    )
    language = models.CharField(
        _("language"), max_length=8, choices=[("ja", "日本語"), ("en", "English")], default="ja"
    )
    totp_secret = models.CharField(max_length=64, blank=True, editable=False)
    totp_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The last TOTP time step accepted, so that an observed code cannot be replayed.
    totp_last_step = models.BigIntegerField(default=0, editable=False)
    failed_login_count = models.PositiveIntegerField(default=0, editable=False)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)
    # The last failed sign-in, told to the holder at their next sign-in.
    last_failed_login_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_failed_login_ip = models.CharField(max_length=45, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username

    @cached_property
    def role_set(self) -> frozenset[str]:
        """The roles of this user, read once per request (every request asks: the second
        factor depends on them) by a fixed statement (see ``suishin.core.statements``)."""
        if not self.pk:
            return frozenset()
        rows = fetch_all(UserRole, "SELECT {role} FROM {table} WHERE {user} = %s", [self.pk])
        return frozenset(role for (role,) in rows)

    def forget_roles(self) -> None:
        """Read the roles again when next asked (they were just changed)."""
        self.__dict__.pop("role_set", None)

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_set.intersection(roles))

    @property
    def requires_mfa(self) -> bool:
        return bool(self.role_set & PRIVILEGED_ROLES) or self.has_totp

    @property
    def has_totp(self) -> bool:
        return self.totp_confirmed_at is not None

    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()


class UserRole(models.Model):
    """One role held by a user."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=32, choices=RoleChoices.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_user_role")]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.get_role_display()
