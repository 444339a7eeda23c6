"""Gap detection: recent questions, grouped by topic, that nothing validated answers yet.

Each question of the last weeks is embedded (the search engine's dense model), questions are
grouped greedily (a question joins the group whose centre it is closest to, when close
enough), and a group of several questions is a gap when no validated article and no section
of a manual in force is close to its centre. Pure computation over vectors: the services
(services.gaps) read the records and store the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# Cosine similarity of two questions (e5 query vectors) from which they are one topic, and of
# a topic's centre to an article or a manual section (passage vectors) from which it is
# answered. Measured with the bundled model: paraphrases of one question 0.90-0.94, unrelated
# short questions 0.80-0.83; on the demo desk a question and the articles on its topic score
# 0.949 or more (1st percentile), the best article on another topic 0.921 or less (99th).
SAME_TOPIC = 0.92
ANSWERED = 0.93
MIN_GROUP = 3


@dataclass
class Group:
    leader: np.ndarray  # the first question: the others are compared with it, not with a
    # centre that would drift towards "any question" as a group grows
    members: list[int] = field(default_factory=list)  # indexes into the questions

    def centre(self, vectors: np.ndarray) -> np.ndarray:
        total = vectors[self.members].sum(axis=0)
        return total / np.linalg.norm(total)


def group_questions(vectors: np.ndarray, threshold: float = SAME_TOPIC) -> list[Group]:
    """Greedy grouping in the given order (oldest question first, so groups are stable)."""
    groups: list[Group] = []
    for index, vector in enumerate(vectors):
        if groups:
            scores = np.stack([group.leader for group in groups]) @ vector
            best = int(np.argmax(scores))
            if scores[best] >= threshold:
                groups[best].members.append(index)
                continue
        groups.append(Group(vector, [index]))
    return groups


@dataclass(frozen=True)
class Gap:
    members: list[int]
    representative: int  # the member closest to the centre
    best_match: int | None  # index into the knowledge items, or None when there are none
    best_score: float


def find_gaps(
    questions: np.ndarray,
    knowledge: np.ndarray,
    *,
    min_group: int = MIN_GROUP,
    same_topic: float = SAME_TOPIC,
    answered: float = ANSWERED,
) -> list[Gap]:
    """Groups of at least ``min_group`` questions whose centre no knowledge item answers,
    largest first."""
    gaps: list[Gap] = []
    for group in group_questions(questions, same_topic):
        if len(group.members) < min_group:
            continue
        centre = group.centre(questions)
        member_scores = questions[group.members] @ centre
        representative = group.members[int(np.argmax(member_scores))]
        best_match: int | None = None
        best_score = 0.0
        if len(knowledge):
            scores = knowledge @ centre
            best_match = int(np.argmax(scores))
            best_score = float(scores[best_match])
        if best_score < answered:
            gaps.append(Gap(group.members, representative, best_match, best_score))
    gaps.sort(key=lambda gap: -len(gap.members))
    return gaps
