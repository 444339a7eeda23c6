from django.db import models
from django.utils.translation import gettext_lazy as _

from suishin.core.audit_actions import StrOrPromise


class ArticleStateChoices(models.TextChoices):
    """The KCS article states."""

    DRAFT = "draft", _("Work in progress")
    NOT_VALIDATED = "not_validated", _("Not validated")
    VALIDATED = "validated", _("Validated")
    ARCHIVED = "archived", _("Archived")


class KnowledgeRoleChoices(models.IntegerChoices):
    """KCS proficiency: what a person may publish. Ordered, so a publisher can do what a
    contributor can."""

    CANDIDATE = 1, _("Candidate")
    CONTRIBUTOR = 2, _("Contributor")
    PUBLISHER = 3, _("Publisher")


class RevisionStatusChoices(models.TextChoices):
    """A revision proposal's way through 起案 → 審査 → 決裁."""

    DRAFTING = "drafting", _("Drafting")
    IN_REVIEW = "in_review", _("In review")
    IN_APPROVAL = "in_approval", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SectionChangeChoices(models.TextChoices):
    CHANGE = "change", _("Change")
    ADD = "add", _("Add")
    DELETE = "delete", _("Delete")


class RevisionActionChoices(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for review")
    REVIEWED = "reviewed", _("Reviewed")
    APPROVED = "approved", _("Approved")
    SENT_BACK = "sent_back", _("Sent back")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class GapStatusChoices(models.TextChoices):
    OPEN = "open", _("Open")
    ARTICLE = "article", _("Article written")
    PROPOSAL = "proposal", _("Revision proposed")
    DISMISSED = "dismissed", _("Dismissed")


# What the audit trail calls this app's actions (core.audit_actions).
AUDIT_ACTIONS: dict[str, StrOrPromise] = {
    "knowledge.flag_resolved": _("Flag resolved"),
    "knowledge.flagged": _("Article flagged"),
    "knowledge.gap_handled": _("Knowledge gap handled"),
    "knowledge.masking_word_add": _("Masking word added"),
    "knowledge.masking_word_remove": _("Masking word removed"),
    "knowledge.role_granted": _("Knowledge role granted"),
    "knowledge.state_changed": _("Article state changed"),
    "manual.version_in_force": _("Manual version in force"),
    "revision.created": _("Revision proposal created"),
    "revision.submitted": _("Revision proposal submitted"),
    "revision.reviewed": _("Revision proposal reviewed"),
    "revision.approved": _("Revision proposal approved"),
    "revision.sent_back": _("Revision proposal sent back"),
    "revision.withdrawn": _("Revision proposal withdrawn"),
}
