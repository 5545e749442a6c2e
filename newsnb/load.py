"""Load article files into :class:`Article` objects.

An :class:`Article` keeps the exact decoded source text and the character offsets of every part
(headline, key points, body paragraphs, boilerplate), so every later analysis item can point back
into the file. Offsets are Python ``str`` indices into :attr:`Article.text`, end exclusive.

Input formats plug in through a small registry (:func:`register_loader`): a loader turns the raw
bytes of one file into one or more articles. Loaders are chosen by file extension, then by
sniffing the content.
"""
from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import config

__all__ = [
    "Article",
    "ArticleError",
    "Part",
    "articles_in",
    "load",
    "load_all",
    "parse_text",
    "register_loader",
    "slugify",
]


class ArticleError(ValueError):
    """An input that cannot be turned into an article; ``str()`` is one line naming the file."""

    def __init__(self, path: str | Path | None, problem: str):
        self.path = str(path) if path is not None else "<text>"
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


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


# --------------------------------------------------------------------------------------------
# Plain text

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
) -> Article:
    """Parse plain text: headline line, optional ``- `` key points, then paragraphs.

    Paragraphs are single lines, or blocks of lines separated by blank lines when the body uses
    blank lines. Boilerplate and ``Also read | …`` lines are set aside, never merged into a
    paragraph. ``headline_pattern`` (with a ``text`` group) strips markup such as Markdown's ``#``.
    """
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lines = [_trim(text, s, e) for s, e in _lines(text)]
    headline = None
    i = 0
    while i < len(lines) and lines[i][0] == lines[i][1]:
        i += 1
    if i < len(lines):
        s, e = lines[i]
        m = headline_pattern.match(text, s, e) if headline_pattern else None
        if m:
            s, e = m.span("text")
        headline = Part("headline", 0, s, e, text[s:e])
        i += 1

    key_points: list[Part] = []
    boilerplate: list[Part] = []
    promos: list[Part] = []
    paragraphs: list[Part] = []
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


# --------------------------------------------------------------------------------------------
# Registry of input formats

Loader = Callable[[bytes, Path], list[Article]]


@dataclass(frozen=True)
class _Registered:
    name: str
    func: Loader
    extensions: tuple[str, ...]
    sniff: Callable[[bytes], bool] | None


_LOADERS: dict[str, _Registered] = {}


def register_loader(
    name: str, *, extensions: Iterable[str] = (), sniff: Callable[[bytes], bool] | None = None
) -> Callable[[Loader], Loader]:
    """Register ``func(raw_bytes, path) -> list[Article]`` as the loader for a format."""

    def deco(func: Loader) -> Loader:
        _LOADERS[name] = _Registered(name, func, tuple(x.lower().lstrip(".") for x in extensions), sniff)
        return func

    return deco


def loaders() -> dict[str, Loader]:
    """The registered loaders by format name."""
    return {name: reg.func for name, reg in _LOADERS.items()}


def slugify(name: str, *, fallback: str = "article") -> str:
    """A file-system- and URL-safe slug: ascii lowercase letters, digits, ``_`` and ``-``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_name.lower()).strip("-_")
    return slug[:80].strip("-_") or fallback


def decode(raw: bytes, path: Path | str | None = None) -> str:
    """Decode article bytes: UTF-8 (BOM allowed), UTF-16 with BOM, else cp1252/latin-1.

    Line endings are kept as they are, so offsets are offsets into the file's decoded text.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ArticleError(path, f"not valid UTF-16 text ({exc.reason})") from None
    if b"\x00" in raw[:4096]:
        raise ArticleError(path, "binary file (contains NUL bytes), not article text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _text_article(raw: bytes, path: Path, *, fmt: str, headline_pattern=None) -> list[Article]:
    text = decode(raw, path)
    article = parse_text(
        text,
        slug=slugify(path.stem),
        sha256=hashlib.sha256(raw).hexdigest(),
        path=path,
        format=fmt,
        headline_pattern=headline_pattern,
    )
    return [article]


@register_loader("text", extensions=("txt", "text", ""))
def load_text(raw: bytes, path: Path) -> list[Article]:
    """Plain text: headline line, optional ``- `` key points, paragraphs."""
    return _text_article(raw, path, fmt="text")


@register_loader("markdown", extensions=("md", "markdown"), sniff=lambda raw: raw.lstrip().startswith(b"# "))
def load_markdown(raw: bytes, path: Path) -> list[Article]:
    """Markdown: ``# headline``, optional ``- `` key points, paragraphs separated by blank lines."""
    return _text_article(raw, path, fmt="markdown", headline_pattern=MARKDOWN_HEADLINE)


def _choose(path: Path, raw: bytes) -> _Registered:
    ext = path.suffix.lower().lstrip(".")
    for reg in _LOADERS.values():
        if ext and ext in reg.extensions:
            return reg
    for reg in _LOADERS.values():
        if reg.sniff and reg.sniff(raw[:65536]):
            return reg
    return _LOADERS["text"]


def load_all(path: str | Path) -> list[Article]:
    """Every article in one file (most formats hold one; record formats may hold many)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ArticleError(path, f"cannot read file ({exc.strerror or exc})") from None
    if not path.is_file():
        raise ArticleError(path, "not a regular file")
    if size > config.MAX_ARTICLE_BYTES:
        raise ArticleError(
            path, f"file is {size:,} bytes; the limit is {config.MAX_ARTICLE_BYTES:,} bytes per article"
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(path, f"cannot read file ({exc.strerror or exc})") from None
    if not raw.strip():
        raise ArticleError(path, "empty file")
    reg = _choose(path, raw)
    found = reg.func(raw, path)
    found = [a for a in found if a.paragraphs or a.key_points]
    if not found:
        raise ArticleError(path, "no article text found (only a headline or boilerplate)")
    return found


def load(path: str | Path) -> Article:
    """The article in ``path``; raises :class:`ArticleError` with a one-line message."""
    found = load_all(path)
    if len(found) != 1:
        raise ArticleError(path, f"holds {len(found)} articles; use load_all()")
    return found[0]


#: File names never taken as articles when a folder is scanned.
_SKIP = re.compile(r"(^\.|~$|\.(ipynb|py|pyc|json\.tmp|tmp|part)$|^(readme|license|provenance)(\.|$))", re.I)


def articles_in(paths: Iterable[str | Path]) -> list[Path]:
    """Article files named by ``paths``: files as given, folders recursively (sorted)."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and not _SKIP.search(f.name)))
        else:
            out.append(p)
    return out
