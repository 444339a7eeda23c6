"""Who may do what in knowledge, from the KCS roles an institution grants (candidate,
contributor, publisher; see services/roles.py for granting them). Below the services, the
selectors and the views, which all ask here; the functions read no request and write nothing.
"""

from __future__ import annotations

from suishin.core.choices import RoleChoices
from suishin.core.models import User
from suishin.knowledge.choices import ArticleStateChoices as State
from suishin.knowledge.choices import KnowledgeRoleChoices as Role
from suishin.knowledge.choices import RevisionStatusChoices
from suishin.knowledge.models import Article, KnowledgeRole, RevisionProposal


def knowledge_role(user: User, institution_id: int | None) -> int:
    """The user's KCS role in ``institution_id``; 0 when they belong elsewhere."""
    if not user.is_authenticated or user.unit is None or institution_id is None:
        return 0
    if user.unit.institution_id != institution_id:
        return 0
    granted = getattr(user, "_knowledge_roles", None)
    if granted is None:
        granted = dict(
            KnowledgeRole.objects.filter(user=user).values_list("institution_id", "role")
        )
        user._knowledge_roles = granted  # type: ignore[attr-defined]
    return max(granted.get(institution_id, 0), Role.CANDIDATE)


def can_grant_roles(user: User) -> bool:
    return user.is_authenticated and user.has_role(RoleChoices.SYSTEM_ADMIN)


def own_institution_id(user: User) -> int | None:
    """The institution whose list the user may work on: their own."""
    unit = user.unit if user.is_authenticated else None
    return unit.owning_institution.pk if unit is not None else None


def can_read_words(user: User, institution_id: int | None) -> bool:
    return knowledge_role(user, institution_id) >= Role.CONTRIBUTOR


def can_remove_words(user: User, institution_id: int | None) -> bool:
    return knowledge_role(user, institution_id) >= Role.PUBLISHER


def can_edit_manuals(user: User, institution_id: int | None) -> bool:
    return knowledge_role(user, institution_id) >= Role.CONTRIBUTOR


# The states in which an article's author may still edit it without a KCS role.
AUTHOR_STATES = (State.DRAFT, State.NOT_VALIDATED)


def article_role(user: User, article: Article) -> int:
    """The user's KCS role in the institution that owns ``article``."""
    return knowledge_role(user, article.organization.institution_id)


def can_edit(user: User, article: Article) -> bool:
    role = article_role(user, article)
    if role == 0 or article.state == State.ARCHIVED:
        return False
    if article.state in AUTHOR_STATES and article.created_by_id == user.pk:
        return True
    return role >= Role.CONTRIBUTOR


def can_share(user: User, article: Article) -> bool:
    """Prepare a snapshot and ask for its confirmation."""
    return article_role(user, article) >= Role.CONTRIBUTOR


def can_draft(user: User, proposal: RevisionProposal) -> bool:
    return (
        proposal.status == RevisionStatusChoices.DRAFTING
        and proposal.created_by_id == user.pk
        and can_edit_manuals(user, proposal.manual.organization.institution_id)
    )


def can_handle_gaps(user: User) -> bool:
    return user.unit is not None and can_edit_manuals(user, user.unit.institution_id)


# state -> states it may move to, and the role the move needs (the author of a draft or an
# unvalidated article may move it between those two and archive it themselves).
TRANSITIONS: dict[str, dict[str, int]] = {
    State.DRAFT: {State.NOT_VALIDATED: Role.CANDIDATE, State.ARCHIVED: Role.CANDIDATE},
    State.NOT_VALIDATED: {
        State.DRAFT: Role.CANDIDATE,
        State.VALIDATED: Role.CONTRIBUTOR,
        State.ARCHIVED: Role.CANDIDATE,
    },
    State.VALIDATED: {State.NOT_VALIDATED: Role.CONTRIBUTOR, State.ARCHIVED: Role.CONTRIBUTOR},
    State.ARCHIVED: {State.NOT_VALIDATED: Role.CONTRIBUTOR},
}


def allowed_states(user: User, article: Article) -> list[str]:
    role = article_role(user, article)
    if role == 0:
        return []
    is_author = article.created_by_id == user.pk
    return [
        target
        for target, needed in TRANSITIONS[article.state].items()
        if role >= max(needed, Role.CANDIDATE)
        and (needed > Role.CANDIDATE or is_author or role >= Role.CONTRIBUTOR)
    ]
