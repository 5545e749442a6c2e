"""The registry of input formats (:data:`LOADERS`): a loader per format, chosen by extension, then by
sniffing the first 64 KB (a ``.txt`` or extension-less file that is really HTML, JSON or Markdown
is sniffed). Other packages add formats through the ``newsnb.loaders`` entry-point group."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Union

from ..core.registry import Registry
from .article import Article, ArticleError

__all__ = ["LOADERS", "Loader", "LoaderSpec", "article_extensions", "by_extension", "choose", "loaders", "register_loader"]


#: A loader returns the file's articles in order; a bad *record* of a multi-record file is an
#: :class:`ArticleError` object in the list (returned, not raised). Raise for a bad file.
Loader = Callable[[bytes, Path], list[Union[Article, ArticleError]]]


@dataclass(frozen=True)
class LoaderSpec:
    """A registered input format: its loader, the ``extensions`` that choose it, an optional
    ``sniff(first_64k_bytes)`` test and its file size limit (``max_bytes``; None: the default).
    An entry point in the ``newsnb.loaders`` group names one of these."""

    name: str
    func: Loader
    extensions: tuple[str, ...]
    sniff: Callable[[bytes], bool] | None
    max_bytes: int | None = None


#: The input formats, in registration order (plain text first).
LOADERS: Registry[LoaderSpec] = Registry("input format", "newsnb.loaders")


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
        LOADERS.register(name, LoaderSpec(name, func, tuple(x.lower().lstrip(".") for x in extensions), sniff, max_bytes))
        return func

    return deco


def loaders() -> dict[str, Loader]:
    """The registered loaders by format name."""
    return {name: spec.func for name, spec in LOADERS.items()}


def article_extensions() -> set[str]:
    """File extensions (lowercase, no dot) that a folder scan takes as article files."""
    return {x for _, spec in LOADERS.items() for x in spec.extensions if x}


def by_extension(path: Path) -> LoaderSpec | None:
    """The format registered for ``path``'s extension, if any."""
    ext = path.suffix.lower().lstrip(".")
    return next((spec for _, spec in LOADERS.items() if ext in spec.extensions), None)


#: Loaders that a sniffed format overrides (their extensions say little about the content).
_GENERIC = ("text",)


def choose(path: Path, raw: bytes) -> LoaderSpec:
    """The format of a file: by extension, else (unknown, empty or generic extension) by sniffing."""
    by_ext = by_extension(path)
    if by_ext is not None and by_ext.name not in _GENERIC:
        return by_ext
    head = raw[:65536]
    for _, spec in LOADERS.items():
        if spec.sniff and spec.sniff(head):
            return spec
    return by_ext or LOADERS.get("text")
