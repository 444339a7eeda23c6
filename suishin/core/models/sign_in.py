"""Failed sign-ins per client address, shared by every web process."""

from __future__ import annotations

from django.db import models


class SignInAddress(models.Model):
    """Failed sign-ins from one client address in the current window, whatever user names
    they tried: password spraying (one password over many names) shows here, not per account."""

    ip_address = models.CharField(max_length=45, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()
    # No attempt from this address is read before this moment.
    delayed_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.ip_address}: {self.failures}"
