from .audit import AuditEntry
from .categories import InstitutionCategory, InstitutionCategoryQuerySet
from .files import StoredFile
from .notices import Notice
from .notifications import Notification
from .organizations import Organization
from .records import BusinessRecord, BusinessRecordQuerySet
from .releases import MaskedRelease, SharedSnapshot
from .sign_in import SignInAddress, SignInKnownAddress, SignInUnknownName
from .tokens import ApiToken
from .users import User, UserRole

__all__ = [
    "ApiToken",
    "AuditEntry",
    "BusinessRecord",
    "BusinessRecordQuerySet",
    "InstitutionCategory",
    "InstitutionCategoryQuerySet",
    "Notice",
    "Notification",
    "MaskedRelease",
    "Organization",
    "SharedSnapshot",
    "SignInAddress",
    "SignInKnownAddress",
    "SignInUnknownName",
    "StoredFile",
    "User",
    "UserRole",
]
