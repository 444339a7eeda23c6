"""Japanese text analysis for indexing and queries.

Text is normalized (NFKC: full/half width; lower case; katakana folded to hiragana so that
ゴミ and ごみ meet), segmented with Sudachi (split mode C), and each content word is indexed by
its Sudachi normalized form (問合せ / 問い合わせ / お問合わせ → 問い合わせ) together with the
normalized forms of its short units (運転免許証 → 運転免許証, 運転, 免許, 証), so that a query for
a compound or for its parts finds the same documents. Particles, auxiliaries and symbols are
dropped; single-character content words (車, 犬, 鍵) are kept. Administrators add synonyms and
phrases that must be found as one unit (see models.SearchTerm); they apply at query time, so no
reindex is needed when they change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sudachipy import SplitMode

from suishin.core.sudachi import tokenizer

# Parts of speech that carry no meaning for retrieval.
_DROPPED_POS = {"助詞", "助動詞", "補助記号", "空白", "記号"}
# Stop words that are content words to Sudachi but match nearly every document.
_STOP_FORMS = {
    "為る",
    "居る",
    "成る",
    "有る",
    "言う",
    "こと",
    "もの",
    "よう",
    "ため",
    "の",
    "さん",
    "方",
    "御",
}
_MAX_QUERY_CHARS = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_KATAKANA = re.compile(r"[\u30a1-\u30f6]")


def normalize(text: str) -> str:
    """NFKC, control characters removed, lower case, whitespace folded."""
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub(" ", text)
    return " ".join(text.lower().split())


def fold_kana(text: str) -> str:
    return _KATAKANA.sub(lambda match: chr(ord(match.group()) - 0x60), text)


def analyze(text: str, *, limit: int | None = None) -> list[str]:
    """Index terms of ``text``, in order (with repeats, which BM25 counts)."""
    text = normalize(text)
    if limit is not None:
        text = text[:limit]
    if not text:
        return []
    terms: list[str] = []
    # Sudachi refuses inputs above ~49 KB; long bodies are analyzed in pieces.
    for piece in _pieces(text, 10_000):
        for morpheme in tokenizer().tokenize(piece):
            if morpheme.part_of_speech()[0] in _DROPPED_POS:
                continue
            form = fold_kana(morpheme.normalized_form())
            if form in _STOP_FORMS or not form.strip():
                continue
            terms.append(form)
            units = morpheme.split(SplitMode.A)
            if len(units) > 1:
                for unit in units:
                    if unit.part_of_speech()[0] in _DROPPED_POS:
                        continue
                    unit_form = fold_kana(unit.normalized_form())
                    if unit_form != form and unit_form not in _STOP_FORMS:
                        terms.append(unit_form)
    return terms


def analyze_query(text: str) -> list[str]:
    """Distinct query terms, in first-seen order; long queries are cut, not refused."""
    return list(dict.fromkeys(analyze(text, limit=_MAX_QUERY_CHARS)))


def _pieces(text: str, size: int) -> Iterable[str]:
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            # Prefer to cut after a sentence end or a space.
            cut = max(text.rfind("。", start, end), text.rfind(" ", start, end))
            if cut > start:
                end = cut + 1
        yield text[start:end]
        start = end
