"""What sign-in throttling remembers, shared by every web process."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SignInAddress(models.Model):
    """Failed sign-ins from one client address (an IPv6 /64 counts as one) in the current
    window, whatever user names they tried: password spraying (one password over many names)
    shows here, not per account."""

    ip_address = models.CharField(max_length=45, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()
    # No attempt from this address is read before this moment.
    delayed_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.ip_address}: {self.failures}"


class SignInUnknownName(models.Model):
    """Failed sign-ins under a user name that does not exist, paused exactly as an account
    would be, so that no answer tells whether a name exists. Kept as a keyed hash: people
    type their password into the name field."""

    name_digest = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    delayed_until = models.DateTimeField(null=True, blank=True)
    last_failed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name_digest[:8]}…: {self.failures}"


class SignInKnownAddress(models.Model):
    """An address a person has signed in from: their account's pause does not apply there, so
    that nobody elsewhere can keep them out by guessing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    ip_address = models.CharField(max_length=45)
    last_signed_in_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "ip_address"], name="core_sign_in_known_address_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.ip_address}"
