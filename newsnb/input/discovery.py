"""Finding article files: files, folders (recursive) and glob patterns, in a stable order.

Method: a file named on the command line is taken as given (loading it says what is wrong with
it). A folder is walked recursively in name order, symlinks followed but never a folder twice;
a file is an article when its extension is one a registered input format takes. A name that does
not exist but holds ``*``, ``?`` or ``[`` is a glob pattern (``**`` spans folders). Nothing is
passed over silently: :func:`discover` returns every file and folder the walk skipped with the
reason (hidden, temporary, notebook or code, project file, not an article format, tool folder),
and :meth:`Discovered.skipped_lines` groups them one line per reason for a summary.

Known limits: the article test is by extension, so a text file named ``story.dat`` is skipped
(name it on the command line to load it anyway); an unreadable folder is passed on as a path so
that loading it reports the error.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..core.errors import one_line
from .registry import article_extensions

__all__ = ["GLOB_CHARS", "Discovered", "articles_in", "discover", "skip_reason"]

#: Characters that make a name a glob pattern.
GLOB_CHARS = re.compile(r"[*?\[]")


#: File names never taken as articles when a folder is scanned, and why (the first match wins).
_SKIP_RULES = (
    (re.compile(r"^\."), "hidden"),
    (re.compile(r"~$|\.(json\.tmp|tmp|part)$", re.I), "temporary or partial file"),
    (re.compile(r"\.(ipynb|py|pyc)$", re.I), "notebook or code"),
    (re.compile(r"^(readme|license|licence|provenance|changelog)(\.|$)", re.I), "project file (README, licence …)"),
)
_SKIP_DIRS = {"__pycache__", "node_modules"}


def skip_reason(name: str, exts: set[str] | None = None) -> str | None:
    """Why a folder scan does not take the file ``name`` as an article, or None when it does."""
    for rx, why in _SKIP_RULES:
        if rx.search(name):
            return why
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in (article_extensions() if exts is None else exts):
        return f"not an article format (.{suffix})" if suffix else "not an article format"
    return None


@dataclass
class Discovered:
    """What a scan found: article ``files`` in order, and ``skipped`` ``(path, reason)`` pairs for
    every file or folder a folder scan passed over (hidden ones, images, archives, notebooks …)."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)

    def skipped_lines(self, *, limit: int = 5) -> list[str]:
        """The skipped files grouped by reason, one line per reason (at most ``limit`` names each)."""
        groups: dict[str, list[Path]] = {}
        for path, why in self.skipped:
            groups.setdefault(why, []).append(path)
        lines = []
        for why, paths in groups.items():
            names = ", ".join(one_line(p) for p in paths[:limit])
            more = f" and {len(paths) - limit} more" if len(paths) > limit else ""
            lines.append(f"skipped {len(paths)} {'file' if len(paths) == 1 else 'files'}, {why}: {names}{more}")
        return lines


def _walk(root: Path, seen_dirs: set[tuple[int, int]], skipped: list[tuple[Path, str]]) -> Iterator[Path]:
    """Article files under ``root``, sorted, following symlinks but never a folder twice; what
    is passed over goes to ``skipped``."""
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
        p = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows symlinks; False for a broken link
        except OSError:
            is_dir = False
        if is_dir:
            if name.startswith(".") or name in _SKIP_DIRS:
                skipped.append((p, "hidden or tool folder"))
            else:
                yield from _walk(p, seen_dirs, skipped)
            continue
        why = skip_reason(name, exts)
        if why is None:
            yield p
        else:
            skipped.append((p, why))


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
    k = next(i for i, part in enumerate(parts) if GLOB_CHARS.search(part))
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
    """Article files named by ``paths``, in order, each once (:func:`discover` without the skipped list)."""
    return discover(paths).files


def discover(paths: Iterable[str | Path]) -> Discovered:
    """Article files named by ``paths``, in order, each once, and what a folder scan skipped.

    A file is taken as given (whatever its name: load_all reports what is wrong with it). A
    folder is searched recursively (sorted; symlinks followed, loops skipped) for files with a
    registered article extension, skipping hidden files and folders, notebooks, READMEs and
    temporary files. A name that does not exist but holds ``*``, ``?`` or ``[`` is a glob
    pattern (``**`` spans folders; hidden names never match; matched files must pass the folder
    scan's filter; matched folders are scanned); a pattern that matches nothing is passed on, so
    that loading it reports "no file matches".
    """
    out: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    seen: set[str] = set()
    seen_dirs: set[tuple[int, int]] = set()

    def add(p: Path) -> None:
        key = os.path.realpath(p) if p.exists() else str(p)
        if key not in seen:
            seen.add(key)
            out.append(p)

    for given in paths:
        given = Path(given)
        if not os.path.lexists(given) and GLOB_CHARS.search(str(given)):
            matched = False
            exts = article_extensions()
            for mp in _glob(str(given)):
                if mp.is_dir():
                    matched = True
                    for f in _walk(mp, seen_dirs, skipped):
                        add(f)
                elif skip_reason(mp.name, exts) is None:
                    matched = True
                    add(mp)
            if not matched:
                add(given)
        elif given.is_dir():
            for f in _walk(given, seen_dirs, skipped):
                add(f)
        else:
            add(given)
    return Discovered(out, skipped)
