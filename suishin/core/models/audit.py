from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from suishin.core.models.users import User


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def visible_to(self, user: User | AnonymousUser | None) -> Self:
        """Auditors read the trail of their own institution, and the sign-in events that belong
        to no institution (unknown user names, paused addresses); the national agency reads
        all."""
        from suishin.core.choices import OrganizationKindChoices, RoleChoices

        if user is None or not user.is_authenticated or not user.has_role(RoleChoices.AUDITOR):
            return self.none()
        unit = user.unit
        if unit is None:
            return self.none()
        institution = unit.institution
        if institution is not None and institution.kind == OrganizationKindChoices.NATIONAL_AGENCY:
            return self.all()
        own = models.Q(organization_path__startswith=institution.path if institution else unit.path)
        installation_wide = models.Q(organization_path="", action__startswith="login.")
        return self.filter(own | installation_wide)


class AuditEntry(models.Model):
    """One append-only link of the audit chain: who did what to which record, when and from where.

    Rows are never updated or deleted (PostgreSQL refuses it by trigger); each stores the SHA-256
    of the previous one, so `suishin audit verify` finds any edit, deletion or reordering.
    Text fields hold identifiers and codes only, never personal data or secrets.
    """

    sequence = models.PositiveBigIntegerField(unique=True)
    occurred_at = models.DateTimeField(_("time"), db_index=True)
    # Snapshots, not foreign keys: the trail must outlive any later change to users or units.
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True, db_index=True)
    actor_username = models.CharField(_("user name"), max_length=150, blank=True)
    actor_roles = models.CharField(_("roles"), max_length=300, blank=True)
    organization_id = models.BigIntegerField(null=True, blank=True)
    organization_path = models.CharField(max_length=500, blank=True, db_index=True)
    organization_name = models.CharField(_("organization"), max_length=100, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    classification = models.PositiveSmallIntegerField(_("classification"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    # Text, not an inet column: the hash must see exactly the characters that were stored.
    ip_address = models.CharField(_("IP address"), max_length=45, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action}"


# Documented here so that settings-free code (the verifier) shares the field list with the model.
AUDIT_HASHED_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_username",
    "actor_roles",
    "organization_id",
    "organization_path",
    "organization_name",
    "action",
    "object_type",
    "object_id",
    "classification",
    "detail",
    "ip_address",
    "request_id",
    "prev_hash",
)
