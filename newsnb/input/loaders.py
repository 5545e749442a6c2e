"""Loading files: one file's bytes → its articles, through the format registry.

:func:`load_all` reads a file (size-limited, regular files only), chooses its loader from the
registry (:mod:`newsnb.input.registry`: by extension, then by sniffing the first 64 KB) and checks
every article (:func:`newsnb.input.checks.check`). Every problem is an
:class:`~newsnb.input.article.ArticleError` whose ``str()`` is one line, ``<file>: <problem>``:
empty or whitespace-only files, binary files, files over ``config.MAX_ARTICLE_BYTES``,
FIFOs/devices/folders, unreadable files, stories over ``MAX_STORY_WORDS`` words, text with no
sentence outside boilerplate, and text that is not English.

Bad records: :func:`load_all` returns a :class:`Loaded` list of the good articles; for a
JSON/JSONL/CSV file its ``problems`` holds one ArticleError per bad record (``record N: …``),
and the file raises only when no record is good. Callers print ``problems`` and count them.

Known limits: Markdown inline markup (links, emphasis) stays in the analysed text.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..core import config
from . import text as _text  # noqa: F401  (registers the text and Markdown loaders, first)
from . import formats as _formats  # noqa: F401  (registers the HTML/JSON/JSONL/CSV loaders)
from .article import Article, ArticleError
from .checks import check
from .discovery import GLOB_CHARS
from .registry import by_extension, choose

__all__ = ["Loaded", "load", "load_all"]


# --------------------------------------------------------------------------------------------
# Loading files

class Loaded(list):
    """The good articles of one file (a ``list``), plus ``problems``: one :class:`ArticleError`
    per bad record of a multi-record file (JSON/JSONL/CSV), in file order. Print them and count
    them as failures; the good articles are still usable."""

    def __init__(self, articles: Iterable[Article] = (), problems: Iterable[ArticleError] = ()):
        super().__init__(articles)
        self.problems: list[ArticleError] = list(problems)





def _read(path: Path, limit: int) -> bytes:
    try:
        st = path.stat()
    except OSError as exc:
        if GLOB_CHARS.search(str(path)):
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
    by_ext = by_extension(path) if path.suffix.lstrip(".") else None
    limit = (by_ext.max_bytes if by_ext else None) or config.MAX_ARTICLE_BYTES
    raw = _read(path, limit)
    if not raw:
        raise ArticleError(path, "empty file (0 bytes)")
    if not raw.lstrip(b"\xef\xbb\xbf").strip():
        raise ArticleError(path, "empty file (only whitespace)")
    reg = choose(path, raw)
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













