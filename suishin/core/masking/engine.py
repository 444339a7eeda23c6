"""The detector, assembled in Microsoft Presidio.

Presidio's ``AnalyzerEngine`` runs a registry of recognisers over the artefacts of one NLP
pass. Ours: the NLP pass is Sudachi (the dictionary search already uses); the recognisers are
the Japanese ones in this package (numbers, plates, addresses, names) and, per call, the words
an institution's editors added by hand. Where findings overlap, the more specific kind wins,
then the longer. Where enabled, GiNZA's named-entity model then reads the words the findings
left unexplained (``persons``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from types import SimpleNamespace

from django.conf import settings
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine

from suishin.core.choices import MaskKindChoices as Kind
from suishin.core.masking import addresses, names, numbers, plates, same_day, tables
from suishin.core.masking.spans import Morpheme, Span

LANGUAGE = "ja"
# More specific kinds win an overlap; a name inside an address is part of the address.
PRIORITY: dict[str, int] = {
    Kind.EMAIL: 9,
    Kind.MY_NUMBER: 8,
    Kind.LICENCE: 8,
    Kind.PLATE: 8,
    Kind.CASE_NUMBER: 7,
    Kind.BIRTH_DATE: 6,
    Kind.PHONE: 6,
    Kind.ADDRESS: 5,
    Kind.NAME: 3,
}


class SudachiNlpEngine(SpacyNlpEngine):
    """One Sudachi pass, turned into a spaCy ``Doc`` the recognisers read their words from."""

    def __init__(self) -> None:
        super().__init__(
            models=[{"lang_code": LANGUAGE, "model_name": "sudachi"}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping={},
                labels_to_ignore=[],
                low_score_entity_names=[],
            ),
        )

    def load(self) -> None:
        from spacy.vocab import Vocab

        # Presidio reads ``nlp[language].vocab`` for stop words; the words come from Sudachi.
        self.nlp = {LANGUAGE: SimpleNamespace(vocab=Vocab())}  # type: ignore[assignment]

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        from spacy.tokens import Doc

        morphemes = tokenize(text)
        doc = Doc(
            self.nlp[LANGUAGE].vocab,  # type: ignore[index]
            words=[m.surface for m in morphemes] or [""],
            spaces=[False] * max(1, len(morphemes)),
        )
        for token, morpheme in zip(doc, morphemes, strict=False):
            token.tag_ = "-".join(part for part in morpheme.pos[:4] if part != "*")
        doc.user_data["morphemes"] = morphemes
        return self._doc_to_nlp_artifact(doc, language)


def tokenize(text: str) -> list[Morpheme]:
    from sudachipy import SplitMode

    from suishin.core.sudachi import tokenizer

    return [
        Morpheme(m.begin(), m.end(), m.surface(), tuple(m.part_of_speech()), m.is_oov())
        for m in tokenizer().tokenize(text, SplitMode.C)
    ]


Detector = Callable[[str, list[Morpheme]], Iterable[Span]]


class JapaneseRecognizer(EntityRecognizer):
    """A recogniser of this package inside Presidio: a function of the text and its words."""

    def __init__(self, name: str, kinds: list[str], detect: Detector, score: float) -> None:
        self._detect = detect
        self._score = score
        self._label = name
        super().__init__(supported_entities=kinds, name=name, supported_language=LANGUAGE)

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        morphemes = nlp_artifacts.tokens.user_data["morphemes"] if nlp_artifacts else []
        return [
            RecognizerResult(
                span.kind,
                span.start,
                span.end,
                self._score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self._label,
                    "reason": span.reason,
                },
            )
            for span in self._detect(text, morphemes)
            if span.end > span.start
        ]


def _recognizers() -> list[EntityRecognizer]:
    def only_text(function: Callable[[str], Iterable[Span]]) -> Detector:
        return lambda text, _morphemes: function(text)

    recognizers: list[EntityRecognizer] = [
        JapaneseRecognizer("e-mail", [Kind.EMAIL], only_text(numbers.emails), 1.0),
        JapaneseRecognizer("telephone", [Kind.PHONE], only_text(numbers.phones), 0.9),
        JapaneseRecognizer(
            "My Number and licence",
            [Kind.MY_NUMBER, Kind.LICENCE],
            only_text(numbers.twelve_digit_numbers),
            0.95,
        ),
        JapaneseRecognizer("postal code", [Kind.ADDRESS], only_text(numbers.postal_codes), 0.9),
        JapaneseRecognizer("birth date", [Kind.BIRTH_DATE], only_text(numbers.birth_dates), 0.85),
        JapaneseRecognizer("case number", [Kind.CASE_NUMBER], only_text(numbers.case_numbers), 0.8),
        JapaneseRecognizer("plate", [Kind.PLATE], only_text(plates.plates), 0.9),
        JapaneseRecognizer("address", [Kind.ADDRESS], addresses.addresses, 0.8),
        JapaneseRecognizer("name", [Kind.NAME], names.names, 0.7),
        JapaneseRecognizer(
            "table column",
            [Kind.NAME, Kind.BIRTH_DATE, Kind.ADDRESS, Kind.CASE_NUMBER],
            tables.table_values,
            0.75,
        ),
    ]
    return recognizers


def ner_enabled() -> bool:
    return bool(getattr(settings, "SUISHIN_MASKING_NER", False))


class _OwnContext(ContextAwareEnhancer):
    """The recognisers read their own cue words (番号, 生年月日, 免許 …); Presidio's lemma-based
    enhancer has no context words of ours to find, and looking took about a seventh of the
    detector's time (profiled on the benchmark's articles)."""

    def __init__(self) -> None:
        super().__init__(0.0, 0.0, 0, 0)

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        return raw_results


@lru_cache(maxsize=1)
def analyzer() -> AnalyzerEngine:
    registry = RecognizerRegistry(recognizers=_recognizers(), supported_languages=[LANGUAGE])
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=SudachiNlpEngine(),
        supported_languages=[LANGUAGE],
        context_aware_enhancer=_OwnContext(),
    )


def analyze(text: str, *, extra: Iterable[EntityRecognizer] = (), ner: bool = False) -> list[Span]:
    """Every span the recognisers find in normalised ``text``, overlaps resolved.

    With ``ner``, GiNZA then reads the words the recognisers left unexplained (``persons``).
    """
    engine = analyzer()
    artifacts = engine.nlp_engine.process_text(text, LANGUAGE)
    results = engine.analyze(
        text, language=LANGUAGE, nlp_artifacts=artifacts, ad_hoc_recognizers=list(extra) or None
    )
    candidates = {
        Span(
            r.start,
            r.end,
            r.entity_type,
            (r.recognition_metadata or {}).get("reason", ""),
        )
        for r in results
    }
    morphemes = artifacts.tokens.user_data["morphemes"]
    chosen = _resolve(candidates, text, morphemes)
    # A date right after a name is that person's birth date (numbers.births_after_names).
    births = numbers.births_after_names(
        text,
        [(span.start, span.end) for span in chosen if span.kind == Kind.NAME],
        # A date a name was read into (3 Jun 1991) is still a date.
        [(span.start, span.end) for span in chosen if span.kind != Kind.NAME],
    )
    chosen = _resolve(set(chosen) | set(births), text, morphemes)
    restated = list(same_day.births_restated(text, chosen))
    if restated:
        chosen = _resolve(set(chosen) | set(restated), text, morphemes)
    if ner:
        from suishin.core.masking.persons import ginza_persons

        persons = ginza_persons(text, morphemes, explained=chosen)
        if persons:
            chosen = _resolve(set(chosen) | set(persons), text, morphemes)
    return chosen


def _resolve(candidates: Iterable[Span], text: str, morphemes: list[Morpheme]) -> list[Span]:
    """No overlaps: the more specific kind wins, then the longer span. A name or an address
    that loses keeps what of it no other finding covers (鈴木 光 原付 read into the plate after
    it; 港島1-1 #1205 whose room is read as a number): dropped whole, it would be left
    readable."""
    chosen: list[Span] = []
    for span in sorted(candidates, key=lambda s: (-PRIORITY[s.kind], -(s.end - s.start), s.start)):
        overlapping = [o for o in chosen if span.start < o.end and o.start < span.end]
        if not overlapping:
            chosen.append(span)
        elif span.kind in (Kind.NAME, Kind.ADDRESS):
            chosen.extend(_uncovered_parts(span, overlapping, text, morphemes))
    return _touching_names_joined(sorted(chosen))


def _touching_names_joined(spans: list[Span]) -> list[Span]:
    """Parts of one name found apart (ラジャ and ・グルン) are masked as one name."""
    joined: list[Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if last and last.kind == span.kind == Kind.NAME and last.end == span.start:
            joined[-1] = last._replace(end=span.end)
        else:
            joined.append(span)
    return joined


def _uncovered_parts(
    span: Span, covering: list[Span], text: str, morphemes: list[Morpheme]
) -> list[Span]:
    parts = []
    position = span.start
    for other in sorted(covering):
        if other.start > position:
            parts.append(span._replace(start=position, end=other.start))
        position = max(position, other.end)
    if position < span.end:
        parts.append(span._replace(start=position, end=span.end))
    if span.kind == Kind.ADDRESS:  # a place and its house number, not a stray space
        return [p for p in parts if re.search(r"[一-龥].*\d", text[p.start : p.end])]
    # Only a part that is still a name by itself (鈴木 光, not 番号 of 照会番号 照-交-1189).
    return [p for p in parts if names.is_a_name_by_itself(text, p.start, p.end, morphemes)]
