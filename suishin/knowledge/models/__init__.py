from suishin.knowledge.models.articles import (
    CONTENT_FIELDS,
    Article,
    ArticleFlag,
    ArticleVersion,
    KnowledgeRole,
)
from suishin.knowledge.models.gaps import KnowledgeGap
from suishin.knowledge.models.manuals import (
    Manual,
    ManualSection,
    ManualVersion,
    ProposedSection,
    RevisionMotivation,
    RevisionProposal,
    RevisionStep,
)
from suishin.knowledge.models.masking_words import MaskingWord

__all__ = [
    "CONTENT_FIELDS",
    "Article",
    "ArticleFlag",
    "ArticleVersion",
    "KnowledgeGap",
    "KnowledgeRole",
    "MaskingWord",
    "Manual",
    "ManualSection",
    "ManualVersion",
    "ProposedSection",
    "RevisionMotivation",
    "RevisionProposal",
    "RevisionStep",
]
