"""GiNZA's persons, for the words the Japanese recognisers could not explain.

GiNZA's named-entity model costs about 0.5 ms a word (it runs on one core), so reading a whole
article of 2,000 characters would take most of a second. A person it keeps must contain a word
that could be in a name (``names.could_be_in_a_name``). So it reads only a window of words
around each such word that is in no finding yet, which is a small part of most texts. (Windows
after every name found too, for given names the recognisers did not join, cost a third more
time and found nothing more on the development corpus.)
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Iterable
from typing import Any

from suishin.core.choices import MaskKindChoices as Kind
from suishin.core.masking import names
from suishin.core.masking.spans import Morpheme, Span

# Words either side of an unexplained word that the model reads for context.
CONTEXT_WORDS = 4
_PERSON = "Person"
# Digits, kanji numerals and symbols: Sudachi leaves some numbers unknown (12, 3201).
_NOT_A_WORD = re.compile(r"[\d〇一二三四五六七八九十百千万.,:/()\-\s]+|\W+")
# Only the tokens' vectors and the recogniser run; the parser and the rest of GiNZA's
# pipeline are not needed for persons.
_EXCLUDED = ["parser", "morphologizer", "compound_splitter", "bunsetu_recognizer"]
_lock = threading.RLock()  # a spaCy pipeline is not safe to share across threads
_loaded: list[Any] = []


def pipeline() -> Any:
    """GiNZA, loaded once from its installed package: nothing is downloaded (the intranet has
    no internet), and a missing package is an error, never a silent fallback."""
    with _lock:
        if not _loaded:
            import spacy

            _loaded.append(spacy.load("ja_ginza", exclude=_EXCLUDED))
        return _loaded[0]


def windows(morphemes: list[Morpheme], explained: Iterable[Span]) -> list[tuple[int, int]]:
    """Runs of word indexes (start, end) around the words that could be in a name and are in
    no finding yet; overlapping windows are merged."""
    covered = sorted((span.start, span.end) for span in explained)
    runs: list[tuple[int, int]] = []
    for index, word in enumerate(morphemes):
        if not _worth_reading(word) or _inside(word, covered):
            continue
        start = max(0, index - CONTEXT_WORDS)
        end = min(len(morphemes), index + CONTEXT_WORDS + 1)
        if runs and start <= runs[-1][1]:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def _worth_reading(word: Morpheme) -> bool:
    """A word that could be in a name, less those that never are though they look it: numbers
    and symbols Sudachi does not know, era names, and common nouns Sudachi knows in latin
    letters (SNS, DV) or in katakana written as loanwords are (チャット, ナンバー): with a bug
    mended, 2,478 words read on 50 benchmark articles where 14,445 were. Katakana common
    nouns without a loanword's marks stay: Sudachi knows ハヤシ and ユウト as common nouns."""
    if not names.could_be_in_a_name(word) or word.surface in names.ERA_NAMES:
        return False
    if word.unknown:
        return not _NOT_A_WORD.fullmatch(word.surface)
    if word.pos[1] != "普通名詞" or len(word.surface) == 1:  # one character: a surname (林)
        return True
    return names.kana_name_word(word.surface)


def _inside(word: Morpheme, covered: list[tuple[int, int]]) -> bool:
    """Within a finding: ``covered`` holds the findings in order and without overlaps, so
    only the last one starting at or before the word can hold it."""
    index = bisect.bisect_right(covered, (word.start, float("inf"))) - 1
    return index >= 0 and covered[index][1] >= word.end


def ginza_persons(text: str, morphemes: list[Morpheme], *, explained: Iterable[Span]) -> list[Span]:
    """Persons GiNZA finds in the windows, cleaned of honorifics and businesses."""
    from spacy.tokens import Doc

    runs = windows(morphemes, explained)
    if not runs:
        return []
    nlp = pipeline()
    with _lock:  # building a Doc writes to the shared vocabulary too
        docs = [
            Doc(nlp.vocab, words=[m.surface for m in morphemes[a:b]], spaces=[False] * (b - a))
            for a, b in runs
        ]
        for _name, component in nlp.pipeline:
            docs = list(component.pipe(docs))
    found: list[Span] = []
    for (first, _end), doc in zip(runs, docs, strict=True):
        for entity in doc.ents:
            if entity.label_ != _PERSON:
                continue
            start = morphemes[first + entity.start].start
            end = morphemes[first + entity.end - 1].end
            cleaned = names.clean_person_span(text, start, end, morphemes)
            if cleaned:
                found.append(Span(cleaned[0], cleaned[1], Kind.NAME, "GiNZA Person"))
    return found
