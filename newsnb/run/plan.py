"""Planning a render: which articles need a report, under which slug, with which render key.

An article is skipped when its report is up to date: the manifest records a key made of the
sha256 of the article file's bytes, the sha256 of the notebook file, the parameters and the
newsnb version, and the report files still exist. Deciding that needs only file hashes and the
manifest (no spaCy, no kernel, no Jupyter import).
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .. import __version__
from ..input.article import ArticleError, slugify
from ..input.discovery import discover
from ..input.loaders import load_all
from .manifest import RESULT_FIELDS, Result, params

__all__ = ["Job", "file_sha256", "params", "plan", "render_key"]


@dataclass(frozen=True)
class Job:
    """One article to render: ``source`` file, ``index`` within it, output ``slug``."""

    source: Path
    index: int
    slug: str
    headline: str
    sha256: str
    file_sha256: str = ""
    key: str = ""
    articles: int = 1


def _unique(slug: str, taken: set[str]) -> str:
    if slug not in taken and slug not in ("index", "manifest", "data"):
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


def file_sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def render_key(file_sha: str, notebook_sha: str, params: dict, version: str = __version__) -> str:
    """What a report depends on: article bytes, notebook, parameters, newsnb version."""
    blob = json.dumps({"article": file_sha, "notebook": notebook_sha, "params": params, "newsnb": version},
                      sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def _load_key(file_sha: str) -> str:
    return render_key(file_sha, "", {"load": True})


def _up_to_date(out: Path, entries: dict[int, dict], file_sha: str, notebook_sha: str, extra: dict | None) -> bool:
    """Whether every article of a file has a current report (or a failure that would repeat)."""
    if not entries:
        return False
    first = entries.get(0, next(iter(entries.values())))
    if first.get("failure") == "load":
        return first.get("status") == "failed" and first.get("key") == _load_key(file_sha)
    n = first.get("articles", 1)
    for i in range(n):
        e = entries.get(i)
        if not e or e.get("key") != render_key(file_sha, notebook_sha, params(i, extra)):
            return False
        if e.get("status") == "failed":
            if e.get("failure") != "notebook":  # a kernel that died or timed out: try again
                return False
            continue
        if e.get("status") != "ok":
            return False
        for name in ("html", "ipynb", "data"):
            if e.get(name) and not os.path.exists(out / e[name]):
                return False
    return True


def plan(
    paths: Iterable[str | Path],
    *,
    manifest: dict | None = None,
    out: Path | None = None,
    notebook_sha: str = "",
    extra_params: dict | None = None,
    force: bool = False,
) -> tuple[list[Job], list[Result]] | tuple[list[Job], list[Result], list[Result]]:
    """Load the input files: jobs for articles, failed results for files that cannot be read.

    With ``manifest`` (and ``out``) it also returns the results of articles whose reports are up
    to date (``(jobs, failures, skipped)``): those files are hashed, not parsed. Slugs recorded
    in the manifest for a source file are kept, so a re-run never renames or duplicates reports.
    """
    incremental = manifest is not None
    entries = (manifest or {}).get("articles", {})
    by_source: dict[str, dict[int, dict]] = {}
    for slug, e in entries.items():
        by_source.setdefault(e.get("source", ""), {})[int(e.get("index", 0))] = {**e, "slug": slug}
    files = discover(paths).files
    jobs: list[Job] = []
    failures: list[Result] = []
    skipped: list[Result] = []
    # slugs the manifest gives to the sources of this batch are reserved for them
    resolved = [p.resolve() if p.exists() else p for p in files]
    taken: set[str] = set()
    for p in resolved:
        for e in by_source.get(str(p), {}).values():
            taken.add(e["slug"])
    for path in resolved:
        previous = by_source.get(str(path), {})
        try:
            sha = file_sha256(path) if incremental else ""
        except OSError:
            sha = ""
        if incremental and sha and not force and out is not None and _up_to_date(out, previous, sha, notebook_sha, extra_params):
            for i in sorted(previous):
                e = previous[i]
                skipped.append(Result(**{k: v for k, v in e.items() if k in RESULT_FIELDS}))
            continue

        def failed(slug: str, error: ArticleError) -> None:
            taken.add(slug)
            failures.append(Result(slug=slug, source=str(path), status="failed", error=str(error), file_sha256=sha,
                                   failure="load", key=_load_key(sha) if sha else ""))

        try:
            found = load_all(path)
        except ArticleError as exc:
            failed(previous[0]["slug"] if 0 in previous else _unique(slugify(path.stem), taken), exc)
            continue
        for problem in found.problems:  # bad records of a record file (JSON, CSV …)
            failed(_unique(slugify(f"{path.stem}-record-{problem.record or 0}"), taken), problem)
        for i, article in enumerate(found):
            slug = previous[i]["slug"] if i in previous else _unique(article.slug, taken)
            taken.add(slug)
            key = render_key(sha, notebook_sha, params(i, extra_params)) if incremental else ""
            jobs.append(Job(source=path, index=i, slug=slug, headline=article.title, sha256=article.sha256,
                            file_sha256=sha, key=key, articles=len(found)))
    if incremental:
        return jobs, failures, skipped
    return jobs, failures
