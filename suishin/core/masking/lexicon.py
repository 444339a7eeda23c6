"""Words an institution's editors added by hand when the detector missed them.

The next text is searched for them as written (after the same normalisation), so a name or a
place missed once is found from then on in that institution's texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from suishin.core.choices import MaskKindChoices as Kind
from suishin.core.masking.engine import LANGUAGE
from suishin.core.masking.normalize import normalize


class KnownWordsRecognizer(EntityRecognizer):
    def __init__(self, words: Iterable[tuple[str, str]]) -> None:
        by_kind: dict[str, set[str]] = {}
        for phrase, kind in words:
            folded = normalize(phrase).text.strip()
            if folded and kind in Kind.values:
                by_kind.setdefault(kind, set()).add(folded)
        self._patterns = {
            kind: re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))))
            for kind, phrases in by_kind.items()
        }
        super().__init__(
            supported_entities=list(Kind.values),
            name="known words",
            supported_language=LANGUAGE,
        )

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [
            RecognizerResult(
                kind,
                match.start(),
                match.end(),
                1.0,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: "known words",
                    "reason": "added by an editor before",
                },
            )
            for kind, pattern in self._patterns.items()
            for match in pattern.finditer(text)
        ]
