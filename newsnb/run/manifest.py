"""The render manifest (``reports/manifest.json``): one entry per article, written as each finishes.

:class:`Result` is an entry; :class:`Manifest` keeps the manifest in memory and rewrites it
atomically after every article (:func:`newsnb.run.batch.commit` writes an article's report files
and makes its entry). Reading it back is :func:`newsnb.input.reports.read_manifest`.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Iterable

from .. import __version__
from ..core.files import OutputError, write_atomic
from ..input.reports import MANIFEST, read_manifest

__all__ = ["Manifest", "RESULT_FIELDS", "Result", "params", "read_manifest", "write_manifest"]


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
