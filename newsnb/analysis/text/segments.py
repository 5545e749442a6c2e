"""Segments: the parsed stretches of an article — the story doc, plus one small doc per promo line.

Promo lines ("Also read | …") are blanked out of the story parse (:mod:`newsnb.analysis.nlp`) and
parsed on their own, so facts and language can list them apart from the story. A
:class:`Segment` maps its doc's offsets to offsets into ``article.text`` and knows its sentences
and quotations.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import nlp
from .quotation import QuoteSpans, quote_spans
from .tokens import doc_text, token_at

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from ...input.article import Article

__all__ = ["Segment", "locate", "segments"]


@dataclass
class Segment:
    """A parsed stretch of the article: ``doc`` offsets + ``offset`` = offsets into article.text."""

    doc: "Doc"
    offset: int
    in_promo: bool
    sents: list[tuple[int, int]] = field(default_factory=list)  # absolute, whitespace-trimmed
    _starts: list[int] = field(default_factory=list, repr=False)
    text: str = field(default="", repr=False)  # doc.text, built once (spaCy rebuilds it on every access)
    #: quotation spans in this segment's own offsets (the article's for the story doc)
    quoted: QuoteSpans = field(default_factory=lambda: QuoteSpans(()), repr=False)

    def __post_init__(self) -> None:
        self.text = doc_text(self.doc)
        for sent in self.doc.sents:
            toks = [t for t in sent if not t.is_space]
            if toks:
                s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
                self.sents.append((s + self.offset, e + self.offset))
        self._starts = [s for s, _ in self.sents]

    def sentence(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding absolute ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return self.sents[0] if self.sents else (offset, offset)
        return self.sents[i]

    def token_at(self, offset: int) -> "Token | None":
        """The token covering absolute ``offset`` (None between tokens)."""
        return token_at(self.doc, offset - self.offset)

    def span(self, start: int, end: int) -> "Span | None":
        """The doc span covering absolute offsets (expanded to whole tokens)."""
        return self.doc.char_span(start - self.offset, end - self.offset, alignment_mode="expand")


@lru_cache(maxsize=512)
def _promo_doc(text: str) -> "Doc":
    return nlp.model()(text)


def segments(article: "Article", doc: "Doc | None" = None, *, promos: bool = True) -> list[Segment]:
    """The story doc (``nlp.parse``) and, with ``promos``, one parsed doc per promo headline."""
    doc = doc if doc is not None else nlp.parse(article)
    out = [Segment(doc, 0, False, quoted=quote_spans(article))]
    if promos:
        out.extend(Segment(_promo_doc(p.text), p.start, True) for p in article.promos)
    return out


def locate(article: "Article", offset: int, in_promo: bool) -> tuple[str, int | None]:
    """(part kind, body paragraph index or None) for an absolute offset."""
    if in_promo:
        return "promo", None
    part = article.part_at(offset)
    if part is None:
        return "other", None
    return part.kind, (part.index if part.kind == "paragraph" else None)
