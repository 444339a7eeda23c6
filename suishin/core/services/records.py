"""Rules shared by every business record: who may own it, and how it is classified and shared."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from suishin.core.choices import ClassificationChoices
from suishin.core.errors import AccessDenied, InvalidInput
from suishin.core.models import Organization, User

if TYPE_CHECKING:
    from suishin.core.models import BusinessRecord


def check_owner(*, actor: User, organization: Organization) -> None:
    """A record may be owned by the actor's unit or a unit of the actor's institution."""
    unit = actor.unit
    if unit is None or organization.institution_id != unit.institution_id:
        raise AccessDenied(_("You cannot create records for an organization outside your own."))


def apply_sharing(
    *,
    record: BusinessRecord,
    shared_organizations: Iterable[Organization] = (),
    named_readers: Iterable[User] = (),
) -> None:
    """Set the explicit sharing of a saved record, checking it fits the classification."""
    organizations = list(shared_organizations)
    readers = list(named_readers)
    if record.classification == ClassificationChoices.RESTRICTED:
        if organizations or record.shared_nationwide:
            raise InvalidInput(
                _("A classification 3 record can only be shared with named people."),
                fields={
                    "shared_organizations": [
                        _("Remove the organizations or lower the classification.")
                    ]
                },
            )
    elif readers:
        raise InvalidInput(
            _("Named readers apply only to classification 3 records."),
            fields={"named_readers": [_("Remove the named readers or choose classification 3.")]},
        )
    record.shared_organizations.set(organizations)
    record.named_readers.set(readers)


def sharing_summary(record: BusinessRecord) -> dict[str, object]:
    """Identifiers only, for the audit entry."""
    return {
        "classification": record.classification,
        "shared_nationwide": record.shared_nationwide,
        "shared_organizations": sorted(record.shared_organizations.values_list("pk", flat=True)),
        "named_readers": sorted(record.named_readers.values_list("pk", flat=True)),
    }
