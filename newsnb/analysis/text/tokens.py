"""Token lookup by character offset, shared by every extractor.

spaCy finds a token from a character offset only through ``Doc.char_span``, which builds a span
each time; the extractors ask thousands of times per article. Here the token starts of a doc are
computed once (kept in ``doc.user_data``) and looked up by bisection.
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["doc_text", "phrase_head", "token_at", "tokens_between"]


def doc_text(doc: "Doc") -> str:
    """``doc.text``, computed once per Doc (spaCy rebuilds the string on every access)."""
    text = doc.user_data.get("newsnb_text")
    if text is None:
        text = doc.text
        doc.user_data["newsnb_text"] = text
    return text


def _starts(doc: "Doc") -> list[int]:
    starts = doc.user_data.get("newsnb_token_starts")
    if starts is None or len(starts) != len(doc):
        starts = [t.idx for t in doc]
        doc.user_data["newsnb_token_starts"] = starts
    return starts


def token_at(doc: "Doc", offset: int) -> "Token | None":
    """The token whose text covers character ``offset`` of ``doc`` (None between tokens)."""
    i = bisect.bisect_right(_starts(doc), offset) - 1
    if i >= 0 and offset < doc[i].idx + len(doc[i].text):
        return doc[i]
    return None


def tokens_between(doc: "Doc", lo: int, hi: int) -> list["Token"]:
    """The tokens starting in ``[lo, hi)``, spaces left out."""
    starts = _starts(doc)
    i = bisect.bisect_left(starts, lo)
    j = bisect.bisect_left(starts, hi)
    return [t for t in doc[i:j] if not t.is_space]


def phrase_head(tok: "Token") -> "Token":
    """Climb from a token to the head of the noun phrase it starts ("the | news agency" → agency)."""
    t = tok
    while t.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod", "case") and t.head.i > t.i:
        t = t.head
    return t
