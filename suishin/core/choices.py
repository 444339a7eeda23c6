"""Choice sets shared by every app: organization kinds, roles, classification, kinds of
personal data."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganizationKindChoices(models.TextChoices):
    NATIONAL_AGENCY = "national_agency", _("National agency")
    REGIONAL_BUREAU = "regional_bureau", _("Regional police bureau")
    PREFECTURAL_POLICE = "prefectural_police", _("Prefectural police")
    POLICE_HEADQUARTERS = "police_headquarters", _("Police headquarters")
    DEPARTMENT = "department", _("Department")
    DIVISION = "division", _("Division")
    POLICE_STATION = "police_station", _("Police station")
    POLICE_BOX = "police_box", _("Police box")
    PREFECTURAL_GOVERNMENT = "prefectural_government", _("Prefectural government")
    BUREAU = "bureau", _("Bureau")
    OFFICE = "office", _("Division or office")


# The kinds that form an institution of their own: classification 2 ("within the organization")
# means within the institution that owns the record, whatever unit inside it wrote it.
INSTITUTION_KINDS = frozenset(
    {
        OrganizationKindChoices.NATIONAL_AGENCY,
        OrganizationKindChoices.REGIONAL_BUREAU,
        OrganizationKindChoices.PREFECTURAL_POLICE,
        OrganizationKindChoices.PREFECTURAL_GOVERNMENT,
    }
)


class RoleChoices(models.TextChoices):
    OFFICER = "officer", _("Officer")
    RESPONDER = "responder", _("Responder")
    KNOWLEDGE_EDITOR = "knowledge_editor", _("Knowledge editor")
    INITIATIVE_OWNER = "initiative_owner", _("Initiative owner")
    SECRETARIAT = "secretariat", _("Secretariat")
    INTEGRITY = "integrity", _("Integrity")
    COMMISSION_STAFF = "commission_staff", _("Commission staff")
    AUDITOR = "auditor", _("Auditor")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


# Roles whose holders must pass a second factor at every login.
PRIVILEGED_ROLES = frozenset(
    {
        RoleChoices.SYSTEM_ADMIN,
        RoleChoices.AUDITOR,
        RoleChoices.SECRETARIAT,
        RoleChoices.INTEGRITY,
        RoleChoices.COMMISSION_STAFF,
    }
)


class ClassificationChoices(models.IntegerChoices):
    PUBLIC = 1, _("Classification 1 (public)")
    INTERNAL = 2, _("Classification 2 (within the organization)")
    RESTRICTED = 3, _("Classification 3 (named people only)")


class DateStyleChoices(models.TextChoices):
    WESTERN = "western", _("Western calendar (2025年6月11日)")
    JAPANESE_ERA = "japanese_era", _("Japanese era (令和7年6月11日)")


class ApiScopeChoices(models.TextChoices):
    READ = "read", _("Read")
    WRITE = "write", _("Read and write")


class ReleaseStateChoices(models.TextChoices):
    """Where a masked copy meant for readers outside its institution stands."""

    PENDING = "pending", _("Awaiting confirmation")
    SHARED = "shared", _("Shared")
    RETURNED = "returned", _("Sent back")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ServiceClockChoices(models.TextChoices):
    """How a clock runs: around the clock, or in business hours (``suishin.core.calendar``)."""

    ALWAYS = "always", _("24 hours a day")
    BUSINESS = "business", _("Business hours (weekdays except holidays)")


# Kinds of personal data the masking module (core/masking) finds and replaces.
class MaskKindChoices(models.TextChoices):
    NAME = "name", pgettext_lazy("personal data", "Name")
    ADDRESS = "address", _("Address")
    PHONE = "phone", _("Phone number")
    EMAIL = "email", _("E-mail address")
    BIRTH_DATE = "birth_date", _("Date of birth")
    MY_NUMBER = "my_number", _("Individual number (My Number)")
    LICENCE = "licence", _("Driver's licence number")
    PLATE = "plate", _("Vehicle registration plate")
    CASE_NUMBER = "case_number", _("Case or report number")
