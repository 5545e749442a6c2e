"""Quotation spans: the one place where quotation marks are paired.

Quotes, facts and language all ask this module where the quotations are, so the quotation the
quotes table reports is exactly the span the language tables mark ``in_quote``.

Method: marks are paired line by line: curly, straight, typewriter ``''`` and guillemet double
marks (a mark's direction comes from its neighbours, then its glyph, then alternation), plus
curly single marks that pair cleanly (straight single marks only in the headline). In the body, a
paragraph that ends inside a quotation continues into the next paragraph when that one opens
with a mark (the newspaper convention); a mark that never closes ends at the line end, and stray
closing marks are ignored, so unbalanced text never raises. A quotation nested in another is
part of the outer one.

Known limits: straight single marks in the body are apostrophes more often than quotation marks,
so ‘…’ is paired there but '…' only in the headline.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ...input.article import Part

if TYPE_CHECKING:  # pragma: no cover
    from ...input.article import Article

__all__ = [
    "MARK_CHARS", "SPEAKER_LABEL", "QuoteSegment", "QuoteSpans", "Quotation", "body_quotations", "first_char", "headline_segments",
    "inner", "lines", "n_words", "quote_spans",
]


#: Double quotation marks (typewriter pairs included) and their direction by glyph ("?": either).
_DOUBLE = re.compile(r"''|‘‘|’’|``|[“”\"«»„‟]")
_GLYPH = {"“": "open", "‘‘": "open", "``": "open", "«": "open", "„": "open", "‟": "open",
          "”": "close", "’’": "close", "»": "close", '"': "?", "''": "?"}

#: Every character that can be (part of) a quotation mark.
MARK_CHARS = set("“”\"'‘’«»„‟`")
_LEFT_BOUNDARY = set("([{<—–-/") | MARK_CHARS
_RIGHT_BOUNDARY = set(".,;:!?)]}>—–-…/") | MARK_CHARS
_WORD = re.compile(r"\w")


def _role(text: str, s: int, e: int) -> str:
    prev = text[s - 1] if s > 0 else "\n"
    nxt = text[e] if e < len(text) else "\n"
    left = prev.isspace() or prev in _LEFT_BOUNDARY
    right = nxt.isspace() or nxt in _RIGHT_BOUNDARY
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return _GLYPH[text[s:e]]


@dataclass
class QuoteSegment:
    """One quoted stretch inside one line: ``[start, end)`` with its marks, ``closed`` when the
    closing mark was found, ``marks`` ``double`` or ``single``."""

    start: int
    end: int
    part: "Part"
    closed: bool
    marks: str = "double"


def _double_segments(text: str, part: "Part", continuing: bool = False) -> list[QuoteSegment]:
    """Quoted segments of one paragraph (double marks), nested quotations inside the outer one.

    With ``continuing`` the paragraph carries on a quotation left open by the previous one: its
    first segment starts at the paragraph start (or at the re-opening mark there).
    """
    segs: list[QuoteSegment] = []
    depth, cur = 0, None
    first = first_char(text, part)
    skip = -1
    if continuing:
        depth, cur = 1, first
        m = _DOUBLE.match(text, first)
        if m and _role(text, *m.span()) != "close":
            skip = m.start()
    for m in _DOUBLE.finditer(text, part.start, part.end):
        s, e = m.span()
        if s == skip:
            continue
        role = "open" if s == first and not continuing else _role(text, s, e)
        if depth == 0:
            if role == "close":
                continue  # a stray closing mark: unbalanced, ignored
            depth, cur = 1, s
        elif role == "open":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                segs.append(QuoteSegment(cur, e, part, True))
    if depth > 0 and cur is not None:
        end = part.end
        while end > cur and text[end - 1].isspace():
            end -= 1
        if end > cur + 1:
            segs.append(QuoteSegment(cur, end, part, False))
    return segs


def _continues(text: str, part: "Part") -> bool:
    """Does this paragraph carry on a quotation left open by the previous one?

    Yes when it opens with a quotation mark (the newspaper convention), or when its first mark is
    a closing one (the opening mark was left out)."""
    m = _DOUBLE.search(text, part.start, part.end)
    if m is None:
        return False
    if m.start() == first_char(text, part):
        # a new speaker label ("PENCE: …") starts a new quotation, not a continued one
        return SPEAKER_LABEL.match(text, m.end(), part.end) is None
    return _role(text, *m.span()) == "close"


def _single_segments(text: str, part: "Part", taken: list[QuoteSegment], straight: bool) -> list[QuoteSegment]:
    """Cleanly paired single-mark quotations (‘…’; also '…' when ``straight``) outside ``taken``."""
    opens = "‘'" if straight else "‘"
    closes = "’'" if straight else "’"
    out: list[QuoteSegment] = []
    i = part.start
    while i < part.end:
        c = text[i]
        if c in opens and (i == part.start or text[i - 1].isspace() or text[i - 1] in "([{—–-/\"“") \
                and i + 1 < part.end and not text[i + 1].isspace() \
                and not any(s.start <= i < s.end for s in taken):
            j = i + 1
            found = None
            while j < min(part.end, i + 300):
                d = text[j]
                if d in "“”\"":
                    break
                if d in closes and not text[j - 1].isspace() and (j + 1 >= part.end or not text[j + 1].isalnum()):
                    found = j
                    break
                j += 1
            if found is not None and _WORD.search(text[i + 1:found]):
                out.append(QuoteSegment(i, found + 1, part, True, "single"))
                i = found + 1
                continue
        i += 1
    return out


@dataclass
class Quotation:
    """A quotation in the body: one segment, or several when it runs on over paragraphs."""

    segs: list[QuoteSegment]

    @property
    def start(self) -> int:
        return self.segs[0].start

    @property
    def end(self) -> int:
        return self.segs[-1].end


def body_quotations(article: "Article") -> list[Quotation]:
    """Every quotation in the body paragraphs, in text order (see the module docstring)."""
    text = article.text
    out: list[Quotation] = []
    pending: Quotation | None = None  # a quotation still open at the end of the previous paragraph
    for part in lines(article):
        continuing = pending is not None and _continues(text, part)
        segs = _double_segments(text, part, continuing)
        doubles = list(segs)
        segs = sorted(segs + _single_segments(text, part, segs, straight=False), key=lambda s: s.start)
        for seg in segs:
            if continuing and seg is doubles[0]:
                pending.segs.append(seg)
            else:
                out.append(Quotation([seg]))
        last = out[-1] if out else None
        pending = last if (doubles and not doubles[-1].closed and last is not None
                           and last.segs[-1] is doubles[-1]) else None
    return out


def lines(article: "Article") -> list[Part]:
    """Body paragraphs cut into lines: quotation marks are paired line by line."""
    out = []
    for p in article.paragraphs:
        pos = p.start
        for line in re.split(r"(\r\n|\r|\n)", article.text[p.start:p.end]):
            if line and line not in ("\n", "\r", "\r\n") and line.strip():
                s = pos + (len(line) - len(line.lstrip()))
                e = pos + len(line.rstrip())
                out.append(Part(p.kind, p.index, s, e, article.text[s:e]))
            pos += len(line)
    return out


def first_char(text: str, part: "Part") -> int:
    """Offset of the first non-space character of ``part``."""
    i = part.start
    while i < part.end and text[i].isspace():
        i += 1
    return i


def _starts_with_mark(text: str, part: "Part") -> bool:
    i = first_char(text, part)
    return bool(_DOUBLE.match(text, i)) and _role(text, i, _DOUBLE.match(text, i).end()) != "close"


def inner(text: str, s: int, e: int) -> tuple[int, int]:
    """The quoted words of ``text[s:e]``: quotation marks and spaces at either end trimmed."""
    while s < e and (text[s] in MARK_CHARS or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in MARK_CHARS or text[e - 1].isspace()):
        e -= 1
    return s, e


def n_words(text: str) -> int:
    """Words with at least one letter or digit (quote marks and dashes are not words)."""
    return sum(1 for w in text.split() if _WORD.search(w))


#: "PENCE: …" — a transcript speaker label opening a quotation (two or more capitals).
SPEAKER_LABEL = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s")


def headline_segments(article: "Article") -> list[QuoteSegment]:
    """Quotations in the headline (straight single marks count there: 'Headline' style)."""
    h = article.headline
    return [] if h is None else _line_segments(article.text, h, straight=True)


def _line_segments(text: str, part: Part, *, straight: bool) -> list[QuoteSegment]:
    segs = _double_segments(text, part)
    return sorted(segs + _single_segments(text, part, segs, straight=straight), key=lambda s: s.start)


class QuoteSpans:
    """Where the quotations of an article are: sorted ``spans`` (marks included) and fast lookups."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans: list[tuple[int, int]] = sorted(set(spans))
        merged: list[list[int]] = []
        for qs, qe in self.spans:
            if merged and qs <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], qe)
            else:
                merged.append([qs, qe])
        self._starts = [m[0] for m in merged]
        self._ends = [m[1] for m in merged]

    def __iter__(self):
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def at(self, offset: int) -> bool:
        """Is ``offset`` inside a quotation (its marks included)?"""
        i = bisect.bisect_right(self._starts, offset) - 1
        return i >= 0 and offset < self._ends[i]

    def blank(self, text: str) -> str:
        """``text`` with every quotation replaced by spaces (same length, same offsets)."""
        chars = list(text)
        for qs, qe in zip(self._starts, self._ends):
            chars[qs:qe] = " " * (qe - qs)
        return "".join(chars)

    def inside(self, start: int, end: int) -> bool:
        """Is ``[start, end)`` quoted words: within one quotation and not the whole quotation?"""
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0 or end > self._ends[i]:
            return False
        return self._starts[i] < start or end < self._ends[i]


def quote_spans(article: "Article") -> QuoteSpans:
    """Every quotation of the article: the body's (:func:`body_quotations`, segment by segment),
    the headline's (:func:`headline_segments`) and those in key points and promo lines (paired like
    body lines)."""
    text = article.text
    spans = [(seg.start, seg.end) for q in body_quotations(article) for seg in q.segs]
    spans += [(seg.start, seg.end) for seg in headline_segments(article)]
    for part in list(article.key_points) + list(article.promos):
        spans += [(seg.start, seg.end) for seg in _line_segments(text, part, straight=False)]
    return QuoteSpans(spans)
