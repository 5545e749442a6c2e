"""Load article files into :class:`Article` objects.

An :class:`Article` keeps the exact decoded source text and the character offsets of every part
(headline, key points, body paragraphs, boilerplate), so every later analysis item can point back
into the file. Offsets are Python ``str`` indices into :attr:`Article.text`, end exclusive.

Formats plug in through a small registry (:func:`register_loader`), chosen by file extension,
then by sniffing the first 64 KB (a ``.txt`` or extension-less file that is really HTML, JSON or
Markdown is sniffed). Plain text and Markdown (``# headline``, YAML front matter kept as
boilerplate) live here; HTML, JSON, JSONL and CSV in :mod:`newsnb.formats`.

Every problem is an :class:`ArticleError` whose ``str()`` is one line, ``<file>: <problem>``:
empty or whitespace-only files, binary files (known magic numbers, NUL bytes, control
characters), files over ``config.MAX_ARTICLE_BYTES``, FIFOs/devices/folders, unreadable files,
stories over :data:`MAX_STORY_WORDS` words, text with no sentence outside boilerplate, and text
that is not English (:func:`not_english`). Decoding: UTF-8 (BOM allowed), UTF-16/32 with BOM,
BOM-less UTF-16 (every other byte NUL), otherwise UTF-8 with each invalid byte read as cp1252
(so cp1252, latin-1 and UTF-8 with stray cp1252 bytes all decode).

Bad records: :func:`load_all` returns a :class:`Loaded` list of the good articles; for a
JSON/JSONL/CSV file its ``problems`` holds one ArticleError per bad record (``record N: …``),
and the file raises only when no record is good. Callers print ``problems`` and count them.

:func:`articles_in` expands files, folders (recursive, symlink loops cut, hidden and
non-article files skipped) and glob patterns (``**`` included) in a stable order.

Known limits: the English test counts common function words, so texts under 12 words are never
rejected and English with long foreign quotations can be; only German, French, Spanish,
Italian, Portuguese and Dutch have their own word list (others fall to the 50-word English
share test). Markdown inline markup (links, emphasis) stays in the analysed text.
"""
from __future__ import annotations

import bisect
import codecs
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Iterator, Union

from . import config

__all__ = [
    "Article",
    "ArticleError",
    "Loaded",
    "MAX_STORY_WORDS",
    "Part",
    "articles_in",
    "check",
    "decode",
    "english_score",
    "not_english",
    "load",
    "load_all",
    "parse_text",
    "register_loader",
    "slugify",
]

#: Longest story accepted, in words (headline, key points and paragraphs); longer inputs are
#: refused with a clear message so a batch never stalls on one giant file.
MAX_STORY_WORDS = getattr(config, "MAX_STORY_WORDS", 100_000)
#: A body needs one paragraph or key point of this many words or ending like a sentence (menus
#: and link lists have none).
MIN_SENTENCE_WORDS = 4


def _one_line(value: object) -> str:
    """``value`` as one printable line (control characters in file names are escaped)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(value))


class ArticleError(ValueError):
    """An input that cannot be turned into an article; ``str()`` is one line naming the file.

    ``record`` is the 1-based record number for a bad record inside a JSON/JSONL/CSV file.
    """

    def __init__(self, path: str | Path | None, problem: str, record: int | None = None):
        self.path = str(path) if path is not None else "<text>"
        self.problem = " ".join(str(problem).split())
        self.record = record
        super().__init__(f"{_one_line(self.path)}: {_one_line(self.problem)}")

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


# --------------------------------------------------------------------------------------------
# Registry of input formats

#: A loader returns the file's articles in order; a bad *record* of a multi-record file is an
#: :class:`ArticleError` object in the list (returned, not raised). Raise for a bad file.
Loader = Callable[[bytes, Path], list[Union[Article, ArticleError]]]


@dataclass(frozen=True)
class _Registered:
    name: str
    func: Loader
    extensions: tuple[str, ...]
    sniff: Callable[[bytes], bool] | None
    max_bytes: int | None = None


_LOADERS: dict[str, _Registered] = {}


def register_loader(
    name: str,
    *,
    extensions: Iterable[str] = (),
    sniff: Callable[[bytes], bool] | None = None,
    max_bytes: int | None = None,
) -> Callable[[Loader], Loader]:
    """Register ``func(raw_bytes, path) -> list[Article | ArticleError]`` as a format's loader.

    ``extensions`` (without dots) choose the loader by file name; ``sniff(first_64k_bytes)``
    chooses it for files whose extension is unknown, empty or ``.txt``. ``max_bytes``: the file
    size limit for this format when chosen by extension (record files hold many articles;
    default ``config.MAX_ARTICLE_BYTES``).
    """

    def deco(func: Loader) -> Loader:
        _LOADERS[name] = _Registered(name, func, tuple(x.lower().lstrip(".") for x in extensions), sniff, max_bytes)
        return func

    return deco


def loaders() -> dict[str, Loader]:
    """The registered loaders by format name."""
    return {name: reg.func for name, reg in _LOADERS.items()}


def article_extensions() -> set[str]:
    """File extensions (lowercase, no dot) that a folder scan takes as article files."""
    return {x for reg in _LOADERS.values() for x in reg.extensions if x}


def slugify(name: str, *, fallback: str = "article") -> str:
    """A file-system- and URL-safe slug: ascii lowercase letters, digits, ``_`` and ``-``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_name.lower()).strip("-_")
    return slug[:80].strip("-_") or fallback


# --------------------------------------------------------------------------------------------
# Bytes → text

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", None),  # checked with the NUL test below (MZ is also a word)
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"ID3", "an MP3 file"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _binary_kind(raw: bytes) -> str | None:
    """What binary format ``raw`` is, or None for text."""
    for magic, kind in _MAGIC:
        if kind and raw.startswith(magic):
            return kind
    if b"\x00" in raw[:8192]:
        return "contains NUL bytes"
    return None


def _bomless_utf16(raw: bytes) -> str | None:
    """``utf-16-le``/``-be`` when ``raw`` looks like mostly-ASCII UTF-16 text without a BOM."""
    sample = raw[:8192]
    if len(sample) < 4 or len(raw) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    share = lambda b: b.count(0) / len(b)  # noqa: E731
    if share(odd) > 0.7 and share(even) < 0.05:
        return "utf-16-le"
    if share(even) > 0.7 and share(odd) < 0.05:
        return "utf-16-be"
    return None


def _utf8_or_cp1252(err: UnicodeError):
    """Decoding error handler: an invalid UTF-8 byte is read as cp1252 (latin-1 if undefined)."""
    bad = err.object[err.start:err.end]
    try:
        return bad.decode("cp1252"), err.end
    except UnicodeDecodeError:
        return bad.decode("latin-1"), err.end


codecs.register_error("newsnb-cp1252", _utf8_or_cp1252)


def decode(raw: bytes, path: Path | str | None = None) -> str:
    """Decode article bytes to text; raises :class:`ArticleError` for binary data.

    UTF-8 (BOM allowed), UTF-32/UTF-16 with BOM (and UTF-16 without BOM when every other byte
    is NUL); otherwise UTF-8 with every invalid byte read as
    cp1252 (latin-1 for the five bytes cp1252 leaves undefined), which decodes cp1252 and
    latin-1 files and UTF-8 files with stray cp1252 bytes. A leading BOM is dropped. Line endings
    are kept as they are, so offsets are offsets into the file's decoded text.
    """
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as exc:
                raise ArticleError(path, f"not valid {codec.upper()} text ({exc.reason})") from None
            break
    else:
        kind = _binary_kind(raw)
        if kind == "contains NUL bytes" and (codec := _bomless_utf16(raw)):
            try:
                return decode(raw.decode(codec).encode("utf-8"), path)
            except UnicodeDecodeError:
                pass
        if kind:
            raise ArticleError(path, f"binary file ({kind}), not article text")
        text = raw.decode("utf-8-sig", errors="newsnb-cp1252")
    text = text.lstrip("\ufeff")
    sample = text[:100_000]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise ArticleError(path, "binary file (many control characters), not article text")
    return text


# --------------------------------------------------------------------------------------------
# Checks on a loaded article

#: Very common English function words: their share of a text's word tokens is ~40-50 % for
#: English prose and a few percent for other languages written in Latin letters.
ENGLISH_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers him his how i if in into is it its itself
    just me more most my no nor not now of off on once only or other our out over own said same
    she should so some such than that the their them then there these they this those through
    to too under until up very was we were what when where which while who whom why will with
    would you your""".split()
)
#: Very common function words of other languages written in Latin letters (German, French,
#: Spanish, Italian, Portuguese, Dutch), minus words that are also English.
OTHER_WORDS = frozenset(
    """der das und ist nicht ein eine einen dem den des mit von zu auf für sich auch als wird werden
    hat sind wurde oder aber bei nach wie noch nur dass über le la les des est et une un du pour
    dans que qui sur pas par au avec ce sont été cette mais ont ses aux elle il ils nous vous
    leur el los las del y en por con para una es se al lo como más pero sus fue ha su también
    entre sin sobre este esta muy di che è della delle degli gli sono nel nella alla alle dal
    anche più come questo ma ci ha da il em um uma para com não são na nos dos das ao mais foi
    pelo pela seu sua também het een van dat op te zijn niet met voor ook aan er maar bij naar
    werd wordt dit deze""".split()
) - ENGLISH_WORDS
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: Minimum share of :data:`ENGLISH_WORDS` among word tokens for a text of 50+ words.
ENGLISH_MIN_SHARE = 0.12
#: Texts with fewer words than this are not language-checked.
ENGLISH_MIN_WORDS = 12


def english_score(text: str) -> tuple[float, float, int, float]:
    """(share of English function words, share of other languages' function words, number of
    words, share of Latin-script letters) for ``text``."""
    words = _WORD.findall(text)
    letters = sum(len(w) for w in words)
    latin = sum(1 for w in words for c in w if c < "\u0250") / letters if letters else 1.0
    if not words:
        return 0.0, 0.0, 0, latin
    low = [w.lower().replace("’", "'") for w in words]
    english = sum(1 for w in low if w in ENGLISH_WORDS) / len(words)
    other = sum(1 for w in low if w in OTHER_WORDS) / len(words)
    return english, other, len(words), latin


def not_english(text: str) -> str | None:
    """Why ``text`` is not English (a short phrase), or None when it is or cannot be told.

    Method: non-Latin script (under half the letters Latin); or, with 12+ words, more function
    words of German/French/Spanish/Italian/Portuguese/Dutch than of English (and 10 %+ of
    them); or, with 50+ words, under 12 % English function words (English news prose has
    ~40 %, lists of sports results ~17 %)."""
    english, other, n, latin = english_score(text)
    if latin < 0.5 and len(text.strip()) >= 20:
        return f"only {latin:.0%} of its letters are Latin script"
    if n >= ENGLISH_MIN_WORDS and other >= 0.10 and other > english:
        return f"{other:.0%} common German/French/Spanish/Italian/Portuguese/Dutch words, {english:.0%} common English words among {n:,} words"
    if n >= 50 and english < ENGLISH_MIN_SHARE:
        return f"{english:.0%} common English words among {n:,} words, need {ENGLISH_MIN_SHARE:.0%}"
    return None


def _story_text(article: Article) -> str:
    return "\n".join(p.text for p in article.story_parts)


def check(article: Article, *, english: bool = True) -> None:
    """Raise :class:`ArticleError` when ``article`` has no body, is too long or is not English."""
    where = article.path
    if not (article.paragraphs or article.key_points):
        raise ArticleError(where, "no article text found (only a headline or boilerplate)")
    body = [p for p in article.key_points + article.paragraphs]
    if not any(len(p.text.split()) >= MIN_SENTENCE_WORDS or re.search(r"[.!?…][\"'”’)\]]*$", p.text) for p in body):
        raise ArticleError(
            where,
            f"no article text found (only {len(body)} short line(s) like {body[0].text[:40]!r}, "
            f"none a sentence or {MIN_SENTENCE_WORDS}+ words long)",
        )
    story = _story_text(article)
    n_words = len(story.split())
    if n_words > MAX_STORY_WORDS:
        raise ArticleError(
            where, f"story has {n_words:,} words; the limit is {MAX_STORY_WORDS:,} words per article"
        )
    if english:
        why = not_english(story)
        if why:
            raise ArticleError(where, f"text is not English ({why}); newsnb analyses English only")


# --------------------------------------------------------------------------------------------
# Plain text and Markdown

def _text_article(raw: bytes, path: Path, *, fmt: str, headline_pattern=None, skip_front_matter=False) -> list[Article]:
    text = decode(raw, path)
    skip = 0
    if skip_front_matter:
        m = re.match(r"\A[ \t]*---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", text, re.S)
        skip = m.end() if m else 0
    article = parse_text(
        text,
        slug=slugify(path.stem),
        sha256=hashlib.sha256(raw).hexdigest(),
        path=path,
        format=fmt,
        headline_pattern=headline_pattern,
        skip=skip,
        meta={"source_format": fmt},
    )
    return [article]


@register_loader("text", extensions=("txt", "text", ""))
def load_text(raw: bytes, path: Path) -> list[Article]:
    """Plain text: headline line, optional ``- `` key points, paragraphs."""
    return _text_article(raw, path, fmt="text")


@register_loader("markdown", extensions=("md", "markdown"), sniff=lambda raw: raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"# "))
def load_markdown(raw: bytes, path: Path) -> list[Article]:
    """Markdown: optional YAML front matter (kept as boilerplate), ``# headline``, optional
    ``- `` key points, paragraphs separated by blank lines."""
    return _text_article(raw, path, fmt="markdown", headline_pattern=MARKDOWN_HEADLINE, skip_front_matter=True)


#: Loaders that a sniffed format overrides (their extensions say little about the content).
_GENERIC = ("text",)


def _choose(path: Path, raw: bytes) -> _Registered:
    ext = path.suffix.lower().lstrip(".")
    by_ext = next((reg for reg in _LOADERS.values() if ext in reg.extensions), None)
    if by_ext is not None and by_ext.name not in _GENERIC:
        return by_ext
    head = raw[:65536]
    for reg in _LOADERS.values():
        if reg.sniff and reg.sniff(head):
            return reg
    return by_ext or _LOADERS["text"]


# --------------------------------------------------------------------------------------------
# Loading files

class Loaded(list):
    """The good articles of one file (a ``list``), plus ``problems``: one :class:`ArticleError`
    per bad record of a multi-record file (JSON/JSONL/CSV), in file order. Print them and count
    them as failures; the good articles are still usable."""

    def __init__(self, articles: Iterable[Article] = (), problems: Iterable[ArticleError] = ()):
        super().__init__(articles)
        self.problems: list[ArticleError] = list(problems)


_GLOB_CHARS = re.compile(r"[*?\[]")


def _read(path: Path, limit: int) -> bytes:
    try:
        st = path.stat()
    except OSError as exc:
        if _GLOB_CHARS.search(str(path)):
            raise ArticleError(path, "no file matches this name or pattern") from None
        raise ArticleError(path, f"cannot read file ({exc.strerror or exc})") from None
    import stat as _stat

    if _stat.S_ISDIR(st.st_mode):
        raise ArticleError(path, "is a folder, not an article file")
    if not _stat.S_ISREG(st.st_mode):
        raise ArticleError(path, "not a regular file (a FIFO, socket or device)")
    if st.st_size > limit:
        raise ArticleError(path, f"file is {st.st_size:,} bytes; the limit is {limit:,} bytes per article")
    try:
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise ArticleError(path, f"cannot read file ({exc.strerror or exc})") from None
    if len(raw) > limit:
        raise ArticleError(path, f"file is over {limit:,} bytes; the limit is {limit:,} bytes per article")
    return raw


def load_all(path: str | Path, *, english: bool = True) -> Loaded:
    """Every article in one file (most formats hold one; record formats may hold many).

    Raises :class:`ArticleError` (one line naming the file) when the file yields no article.
    Otherwise returns a :class:`Loaded` list of the good articles; for a multi-record file, bad
    records are left out and described in ``.problems``. ``english=False`` skips the check that
    the text is English.
    """
    path = Path(path)
    ext = path.suffix.lower().lstrip(".")
    by_ext = next((reg for reg in _LOADERS.values() if ext and ext in reg.extensions), None)
    limit = (by_ext.max_bytes if by_ext else None) or config.MAX_ARTICLE_BYTES
    raw = _read(path, limit)
    if not raw:
        raise ArticleError(path, "empty file (0 bytes)")
    if not raw.lstrip(b"\xef\xbb\xbf").strip():
        raise ArticleError(path, "empty file (only whitespace)")
    reg = _choose(path, raw)
    if len(raw) > (reg.max_bytes or config.MAX_ARTICLE_BYTES):
        raise ArticleError(path, f"file is {len(raw):,} bytes; the limit is {config.MAX_ARTICLE_BYTES:,} bytes per article")
    items = reg.func(raw, path)
    good: list[Article] = []
    problems: list[ArticleError] = []
    many = len(items) > 1 or any(isinstance(x, ArticleError) for x in items)
    for n, item in enumerate(items, 1):
        if isinstance(item, ArticleError):
            problems.append(item)
            continue
        try:
            if many and len(item.text) > config.MAX_ARTICLE_BYTES:
                raise ArticleError(path, f"record is {len(item.text):,} characters; the limit is {config.MAX_ARTICLE_BYTES:,} per article")
            check(item, english=english)
        except ArticleError as exc:
            if not many:
                raise
            rec = item.meta.get("record", n)
            problems.append(ArticleError(path, f"record {rec}: {exc.problem}", record=rec))
            continue
        good.append(item)
    if not good:
        if len(problems) == 1 and not many:
            raise problems[0]
        if not problems:
            raise ArticleError(path, "no article text found")
        first = problems[0].problem
        raise ArticleError(path, f"no usable article in {len(problems)} record(s) (first: {first})")
    return Loaded(good, problems)


def load(path: str | Path) -> Article:
    """The article in ``path``; raises :class:`ArticleError` with a one-line message."""
    found = load_all(path)
    if len(found) != 1 or found.problems:
        raise ArticleError(path, f"holds {len(found) + len(found.problems)} articles; use load_all()")
    return found[0]


# --------------------------------------------------------------------------------------------
# Finding article files

#: File names never taken as articles when a folder is scanned.
_SKIP = re.compile(r"(^\.|~$|\.(ipynb|py|pyc|json\.tmp|tmp|part)$|^(readme|license|licence|provenance|changelog)(\.|$))", re.I)
_SKIP_DIRS = {"__pycache__", "node_modules"}


def _walk(root: Path, seen_dirs: set[tuple[int, int]]) -> Iterator[Path]:
    """Article files under ``root``, sorted, following symlinks but never a folder twice."""
    try:
        st = root.stat()
    except OSError:
        return
    key = (st.st_dev, st.st_ino)
    if key in seen_dirs:
        return
    seen_dirs.add(key)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        yield root  # an unreadable folder: load_all reports it
        return
    exts = article_extensions()
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name in _SKIP_DIRS:
            continue
        p = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows symlinks; False for a broken link
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(p, seen_dirs)
        elif not _SKIP.search(name) and Path(name).suffix.lower().lstrip(".") in exts:
            yield p


def _pattern_regex(pattern: str) -> re.Pattern:
    """A regex for a relative glob pattern: ``*``, ``?``, ``[…]`` within a name, ``**`` across folders."""
    out = []
    for part in pattern.split("/"):
        if part == "**":
            out.append("(?:[^/]+/)*")
            continue
        rx, j = "", 0
        while j < len(part):
            c = part[j]
            k = part.find("]", j + 2) if c == "[" else -1
            if c == "*":
                rx += "[^/]*"
            elif c == "?":
                rx += "[^/]"
            elif k > 0:
                body = part[j + 1:k]
                rx += "[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]"
                j = k
            else:
                rx += re.escape(c)
            j += 1
        out.append(rx + "/")
    joined = "".join(out)
    if pattern.endswith("**"):
        return re.compile(joined + r"[^/]+\Z", re.S)
    return re.compile(joined[:-1] + r"\Z", re.S)


def _glob(pattern: str) -> Iterator[Path]:
    """Paths matching ``pattern``, sorted; never enters a folder twice (symlink loops)."""
    parts = Path(pattern).parts
    k = next(i for i, part in enumerate(parts) if _GLOB_CHARS.search(part))
    base = Path(*parts[:k]) if k else Path(".")
    rx = _pattern_regex("/".join(parts[k:]))
    seen: set[tuple[int, int]] = set()

    def walk(folder: Path, rel: str) -> Iterator[Path]:
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in seen:
                return
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            name = rel + entry.name
            if rx.match(name):
                yield Path(entry.path)
            try:
                if entry.is_dir():
                    yield from walk(Path(entry.path), name + "/")
            except OSError:
                continue

    if base.is_dir():
        yield from walk(base, "")


def articles_in(paths: Iterable[str | Path]) -> list[Path]:
    """Article files named by ``paths``, in order, each once.

    A file is taken as given (whatever its name: load_all reports what is wrong with it). A
    folder is searched recursively (sorted; symlinks followed, loops skipped) for files with a
    registered article extension, skipping hidden files and folders, notebooks, READMEs and
    temporary files. A name that does not exist but holds ``*``, ``?`` or ``[`` is a glob
    pattern (``**`` spans folders; hidden names never match; matched files must pass the folder
    scan's filter; matched folders are scanned); a pattern that matches nothing is passed on, so
    that loading it reports "no file matches".
    """
    out: list[Path] = []
    seen: set[str] = set()
    seen_dirs: set[tuple[int, int]] = set()

    def add(p: Path) -> None:
        key = os.path.realpath(p) if p.exists() else str(p)
        if key not in seen:
            seen.add(key)
            out.append(p)

    for given in paths:
        given = Path(given)
        if not os.path.lexists(given) and _GLOB_CHARS.search(str(given)):
            matched = False
            exts = article_extensions()
            for mp in _glob(str(given)):
                if mp.is_dir():
                    matched = True
                    for f in _walk(mp, seen_dirs):
                        add(f)
                elif not _SKIP.search(mp.name) and mp.suffix.lower().lstrip(".") in exts:
                    matched = True
                    add(mp)
            if not matched:
                add(given)
        elif given.is_dir():
            for f in _walk(given, seen_dirs):
                add(f)
        else:
            add(given)
    return out


from . import formats as _formats  # noqa: E402,F401  (registers the HTML/JSON/JSONL/CSV loaders)
