"""The render manifest (``reports/manifest.json``): one entry per article, written as each finishes.

:class:`Result` is an entry; :func:`commit` writes an article's report files atomically and
returns its entry; :class:`Manifest` keeps the manifest in memory and rewrites it atomically
after every article. Reading it back is :func:`newsnb.input.reports.read_manifest`.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .. import __version__
from ..core.files import OutputError, write_atomic
from ..input.reports import MANIFEST, read_manifest

if TYPE_CHECKING:  # pragma: no cover
    from .plan import Job
    from .tasks import Outcome

__all__ = ["Manifest", "RESULT_FIELDS", "Result", "commit", "read_manifest", "write_manifest"]


@dataclass
class Result:
    slug: str
    source: str
    status: str  # ok | failed
    error: str | None = None
    seconds: float = 0.0
    headline: str = ""
    sha256: str = ""
    html: str | None = None
    ipynb: str | None = None
    data: str | None = None
    rendered_at: str = ""
    index: int = 0
    articles: int = 1
    file_sha256: str = ""
    notebook_sha256: str = ""
    params: dict = field(default_factory=dict)
    newsnb: str = __version__
    key: str = ""
    attempts: int = 0
    first_error: str | None = None
    #: why it failed: ``load`` (the input file), ``notebook`` (an error in the notebook) or
    #: ``kernel`` (died, timed out). Load and notebook failures of unchanged inputs are not
    #: retried by a later run (``force=True`` does); kernel failures are.
    failure: str | None = None


RESULT_FIELDS = {f.name for f in fields(Result)}


def params(index: int, extra: dict | None = None) -> dict:
    return {"article_index": index, **(extra or {})}


def _result(job: Job, outcome: Outcome, notebook_sha: str, extra: dict | None) -> Result:
    return Result(
        slug=job.slug,
        source=str(job.source),
        status=outcome.status,
        error=outcome.error,
        seconds=outcome.seconds,
        headline=job.headline,
        sha256=job.sha256,
        rendered_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        index=job.index,
        articles=job.articles,
        file_sha256=job.file_sha256,
        notebook_sha256=notebook_sha,
        params=params(job.index, extra),
        key=job.key,
        attempts=outcome.attempts,
        first_error=outcome.first_error,
        failure=outcome.failure if outcome.status != "ok" else None,
    )


def commit(out: Path, job: Job, outcome: Outcome, *, notebook_sha: str = "", extra: dict | None = None) -> Result:
    """Write an article's files into ``out`` atomically; the manifest entry for it."""
    result = _result(job, outcome, notebook_sha, extra)
    if outcome.status != "ok":
        return result
    try:
        if outcome.data is not None:
            write_atomic(out / "data" / f"{job.slug}.json", outcome.data)
            result.data = f"data/{job.slug}.json"
        write_atomic(out / f"{job.slug}.ipynb", outcome.ipynb or "")
        write_atomic(out / f"{job.slug}.html", outcome.html or "")
    except OSError as exc:
        raise OutputError(out, exc) from exc
    result.html = f"{job.slug}.html"
    result.ipynb = f"{job.slug}.ipynb"
    return result


class Manifest:
    """``manifest.json``, kept in memory and rewritten atomically after every article.

    Written one article per line; each entry's JSON is cached, so rewriting the manifest of a
    corpus of thousands after every article stays cheap (no re-encoding of the others)."""

    def __init__(self, out: Path, data: dict):
        self.out = out
        self.data = data
        self.data.setdefault("articles", {})
        self._encoded: dict[str, str] = {}

    def record(self, r: Result) -> None:
        articles = self.data["articles"]
        entry = asdict(r)
        if r.status == "failed" and r.slug in articles and articles[r.slug].get("status") == "ok":
            # keep the earlier good report, but say that the latest run failed
            entry = {**articles[r.slug], "last_error": r.error, "last_failed_at": r.rendered_at}
        articles[r.slug] = entry
        self._encoded.pop(r.slug, None)

    def dumps(self) -> str:
        self.data["newsnb"] = __version__
        enc = self._encoded
        rows = []
        for slug, entry in self.data["articles"].items():
            line = enc.get(slug)
            if line is None:
                line = enc[slug] = json.dumps(slug, ensure_ascii=False) + ": " + json.dumps(entry, ensure_ascii=False)
            rows.append(line)
        head = {k: v for k, v in self.data.items() if k != "articles"}
        top = json.dumps(head, ensure_ascii=False)[1:-1]
        return "{" + (top + ",\n" if top else "") + '"articles": {\n' + ",\n".join(rows) + "\n}}\n"

    def save(self) -> None:
        try:
            write_atomic(self.out / MANIFEST, self.dumps())
        except OSError as exc:
            raise OutputError(self.out, exc) from exc


def write_manifest(out: Path, results: Iterable[Result]) -> None:
    m = Manifest(out, read_manifest(out))
    for r in results:
        m.record(r)
    m.save()
