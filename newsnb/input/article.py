"""The Article model: the exact decoded source text and the character offsets of every part.

An :class:`Article` keeps the text and the offsets of its headline, key points, body paragraphs,
promo lines and boilerplate, so every later analysis item can point back into the file. Offsets
are Python ``str`` indices into :attr:`Article.text`, end exclusive. :func:`parse_text` lays out
plain text (headline line, optional ``- `` key points, paragraphs); every input format ends up
here. :class:`ArticleError` is every input problem, one line naming the file.
"""
from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator

from ..core.errors import NewsnbError, one_line

__all__ = ["Article", "ArticleError", "Part", "STORY_KINDS", "parse_text", "slugify"]


class ArticleError(NewsnbError, ValueError):
    """An input that cannot be turned into an article; ``str()`` is one line naming the file.

    ``record`` is the 1-based record number for a bad record inside a JSON/JSONL/CSV file.
    """

    def __init__(self, path: str | Path | None, problem: str, record: int | None = None):
        self.path = str(path) if path is not None else "<text>"
        self.problem = " ".join(str(problem).split())
        self.record = record
        super().__init__(f"{one_line(self.path)}: {one_line(self.problem)}")

    def __reduce__(self):  # picklable across worker processes
        return (type(self), (self.path, self.problem, self.record))


@dataclass(frozen=True)
class Part:
    """A span of the source text.

    ``kind`` is one of ``headline``, ``key_point``, ``paragraph``, ``promo`` (a cross-promoted
    story line such as ``Also read | …``), ``promo_headline`` (the headline inside a promo line)
    or ``boilerplate`` (``Related Articles``, ``ADVERTISEMENT`` …). ``index`` counts parts of
    the same kind from 0.
    """

    kind: str
    index: int
    start: int
    end: int
    text: str


#: Story parts: the text that is analysed.
STORY_KINDS = ("headline", "key_point", "paragraph")


@dataclass(frozen=True)
class Article:
    """One news article: the exact source text plus the offsets of its parts."""

    text: str
    slug: str
    sha256: str
    headline: Part | None
    key_points: tuple[Part, ...] = ()
    paragraphs: tuple[Part, ...] = ()
    boilerplate: tuple[Part, ...] = ()
    promos: tuple[Part, ...] = ()
    path: Path | None = None
    format: str = "text"
    meta: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.headline.text if self.headline else ""

    @cached_property
    def story_parts(self) -> tuple[Part, ...]:
        """Headline, key points and paragraphs in source order."""
        parts = ([self.headline] if self.headline else []) + list(self.key_points) + list(self.paragraphs)
        return tuple(sorted(parts, key=lambda p: p.start))

    @cached_property
    def _story_starts(self) -> list[int]:
        return [p.start for p in self.story_parts]

    @property
    def body(self) -> str:
        """Body paragraphs joined by blank lines (offsets do not apply to this string)."""
        return "\n\n".join(p.text for p in self.paragraphs)

    def analysis_text(self) -> str:
        """The source text with everything but story parts blanked out.

        Same length as :attr:`text` and with the same newlines, so offsets into it are offsets
        into the source; boilerplate and promos become spaces and are never analysed.
        """
        chars = [c if c in "\n\r" else " " for c in self.text]
        for p in self.story_parts:
            chars[p.start:p.end] = self.text[p.start:p.end]
        return "".join(chars)

    def part_at(self, offset: int) -> Part | None:
        """The story part containing ``offset`` (None for boilerplate or gaps)."""
        parts = self.story_parts
        i = bisect.bisect_right(self._story_starts, offset) - 1
        if i >= 0 and parts[i].start <= offset < parts[i].end:
            return parts[i]
        return None


#: Whole lines that are page furniture, not story (matched case-insensitively).
BOILERPLATE_LINES = re.compile(
    r"^\s*(related articles?|related stories|related|advertisement|advertisment|ad|sponsored|"
    r"story continues below advertisement|continue reading( below)?|scroll to continue|"
    r"share this article|share|subscribe( now)?|sign up for our newsletter.*|"
    r"click here to subscribe.*)\s*$",
    re.IGNORECASE,
)


#: Cross-promotion lines; group ``headline`` is the promoted story's headline.
PROMO_LINE = re.compile(
    r"^\s*(also read|read also|read more|also see|see also|must read|recommended|watch)\s*"
    r"[|:\-–—]\s*(?P<headline>\S.*?)\s*$",
    re.IGNORECASE,
)


KEY_POINT_LINE = re.compile(r"^\s*(?:[-*•–]\s+)(?P<text>\S.*?)\s*$")


MARKDOWN_HEADLINE = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>\S.*?)\s*#*\s*$")


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, without its line break."""
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        if m.start() == m.end() and m.start() == len(text):
            break
        line = m.group(0)
        stripped = line.rstrip("\r\n")
        yield m.start(), m.start() + len(stripped)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == "\ufeff"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def parse_text(
    text: str,
    *,
    slug: str = "article",
    sha256: str | None = None,
    path: Path | None = None,
    format: str = "text",
    meta: dict | None = None,
    headline_pattern: re.Pattern | None = None,
    has_headline: bool = True,
    skip: int = 0,
) -> Article:
    """Parse plain text: headline line, optional ``- `` key points, then paragraphs.

    Paragraphs are single lines, or blocks of lines separated by blank lines when the body uses
    blank lines. Boilerplate and ``Also read | …`` lines are set aside, never merged into a
    paragraph (also before the headline). ``headline_pattern`` (with a ``text`` group) strips
    markup such as Markdown's ``#``. ``has_headline=False``: every line is body. ``skip``: the
    first ``skip`` characters (e.g. Markdown front matter) are boilerplate.
    """
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lines = [_trim(text, s, e) for s, e in _lines(text)]
    headline = None
    key_points: list[Part] = []
    boilerplate: list[Part] = []
    promos: list[Part] = []
    paragraphs: list[Part] = []
    i = 0
    if skip:
        s0, e0 = _trim(text, 0, min(skip, len(text)))
        if s0 < e0:
            boilerplate.append(Part("boilerplate", 0, s0, e0, text[s0:e0]))
        while i < len(lines) and lines[i][1] <= skip:
            i += 1
    while i < len(lines) and (lines[i][0] == lines[i][1] or BOILERPLATE_LINES.match(text[lines[i][0]:lines[i][1]])):
        if lines[i][0] != lines[i][1]:
            s, e = lines[i]
            boilerplate.append(Part("boilerplate", len(boilerplate), s, e, text[s:e]))
        i += 1
    if i < len(lines) and has_headline:
        s, e = lines[i]
        m = headline_pattern.match(text[s:e]) if headline_pattern else None  # "^" needs a slice
        if m:
            s, e = s + m.start("text"), s + m.end("text")
        headline = Part("headline", 0, s, e, text[s:e])
        i += 1

    body_uses_blank_lines = any(s == e for s, e in lines[i:]) and sum(s != e for s, e in lines[i:]) > 1
    block: list[tuple[int, int]] = []
    in_key_points = True

    def flush() -> None:
        if block:
            s, e = block[0][0], block[-1][1]
            paragraphs.append(Part("paragraph", len(paragraphs), s, e, text[s:e]))
            block.clear()

    for s, e in lines[i:]:
        if s == e:
            flush()
            continue
        line = text[s:e]
        kp = KEY_POINT_LINE.match(line)
        if in_key_points and kp and not paragraphs and not block:
            ks, ke = s + kp.start("text"), s + kp.end("text")
            key_points.append(Part("key_point", len(key_points), ks, ke, text[ks:ke]))
            continue
        in_key_points = False
        promo = PROMO_LINE.match(line)
        if promo or BOILERPLATE_LINES.match(line):
            flush()
            boilerplate.append(Part("promo" if promo else "boilerplate", len(boilerplate), s, e, line))
            if promo:
                hs, he = s + promo.start("headline"), s + promo.end("headline")
                promos.append(Part("promo_headline", len(promos), hs, he, text[hs:he]))
            continue
        block.append((s, e))
        if not body_uses_blank_lines:
            flush()
    flush()
    return Article(
        text=text,
        slug=slug,
        sha256=sha256,
        headline=headline,
        key_points=tuple(key_points),
        paragraphs=tuple(paragraphs),
        boilerplate=tuple(boilerplate),
        promos=tuple(promos),
        path=path,
        format=format,
        meta=dict(meta or {}),
    )


def slugify(name: str, *, fallback: str = "article") -> str:
    """A file-system- and URL-safe slug: ascii lowercase letters, digits, ``_`` and ``-``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_name.lower()).strip("-_")
    return slug[:80].strip("-_") or fallback
