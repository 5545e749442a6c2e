"""The corpus report: ``notebooks/corpus.ipynb`` over a reports folder, and the end of a render.

:func:`render_corpus` runs the corpus notebook over the reports folder's store
(``reports/store/``, DuckDB SQL; built once from ``reports/data/*.json`` by
:func:`newsnb.store.corpus.ensure_store` when a folder has none yet) into ``reports/corpus.html``; :func:`finish` (called by ``newsnb render`` after the articles) builds
the index and then the corpus report. A failed corpus report never fails the render: the index
shows why, and an earlier ``corpus.html`` is kept.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable

from ..core import config
from ..core.errors import NewsnbError
from ..core.files import write_atomic
from ..presentation.exporter import html_exporter
from ..presentation.index import build_index
from ..store.corpus import connection, ensure_store
from .executors import Executor, executor as make_executor
from .manifest import read_manifest

__all__ = ["CorpusReportError", "error_parts", "finish", "render_corpus", "write_index"]


class CorpusReportError(NewsnbError, RuntimeError):
    """The corpus report failed in a worker process (its error name and message, pickle-safe)."""

    def __init__(self, ename: str, evalue: str):
        super().__init__(f"{ename}: {evalue}")
        self.ename, self.evalue = ename, evalue

    def __reduce__(self):
        return (type(self), (self.ename, self.evalue))


def write_index(out: str | Path | None = None, *, corpus_error: str | None = None) -> Path:
    """``index.html`` of a reports folder, from its manifest."""
    out = Path(out) if out else config.REPORTS_DIR
    return build_index(out, read_manifest(out).get("articles", {}), corpus_error=corpus_error)


def render_corpus(out: str | Path | None = None, *, executor: str | Executor = "papermill",
                  notebook: str | Path | None = None, timeout: float | None = 600) -> Path:
    """Run the corpus notebook over ``out/store/`` and write ``out/corpus.html`` (code hidden)
    and ``out/corpus.ipynb``, atomically. Raises when the notebook fails."""
    out = Path(out) if out else config.REPORTS_DIR
    ensure_store(out)
    notebook = Path(notebook) if notebook else config.CORPUS_NOTEBOOK
    work = out / ".work"
    work.mkdir(parents=True, exist_ok=True)
    tmp_nb = work / "corpus.ipynb"
    params = {"reports_dir": str(out.resolve())}
    try:
        if isinstance(executor, Executor):
            nb = executor.execute(notebook, tmp_nb, params, cwd=notebook.parent, timeout=timeout)
        else:
            # the corpus notebook needs no spaCy model: a warm kernel without the model preloaded
            # starts in half the time
            options = {"preload": "none"} if executor == "warm" else {}
            with make_executor(executor, **options) as runner:
                nb = runner.execute(notebook, tmp_nb, params, cwd=notebook.parent, timeout=timeout)
        body, _ = html_exporter().from_notebook_node(nb, resources={"metadata": {"name": "newsnb: across all articles"}})
        write_atomic(out / "corpus.html", body)
        os.replace(tmp_nb, out / "corpus.ipynb")
    finally:
        tmp_nb.unlink(missing_ok=True)
        try:
            work.rmdir()
        except OSError:
            pass
    return out / "corpus.html"


def error_parts(exc: BaseException) -> tuple[str, str]:
    """(error name, one-line message) of an exception, a notebook's error (``ename``/``evalue``) included."""
    return getattr(exc, "ename", None) or type(exc).__name__, " ".join(str(getattr(exc, "evalue", None) or exc).split())


def _error_line(exc: BaseException) -> str:
    return "{}: {}".format(*error_parts(exc))[:500]


def _analysed(out: Path) -> bool:
    """Whether the store (built from ``data/*.json`` if missing) has an article with readability."""
    ensure_store(out)
    con = connection(out)
    try:
        return bool(con.execute("SELECT count(*) FROM articles WHERE TRY_CAST(words AS BIGINT) IS NOT NULL").fetchone()[0])
    finally:
        con.close()


def finish(out: str | Path | None = None, *, executor: str | Executor = "papermill", timeout: float | None = 600,
           corpus: bool = True, run: Callable[[Path, float | None], Path] | None = None,
           stories: Callable[[Path, str, float | None], object] | None = None) -> Path | None:
    """After a render: build ``index.html``, then ``stories(out, executor, timeout)`` when given
    (``newsnb render`` passes :func:`newsnb.run.story_report.render_stories`; a failure is printed,
    never raised) and the corpus report (when any article has analysis data), then the index again so it links the corpus report or shows why it failed.
    A failed corpus report never fails the render: the earlier ``corpus.html`` (if any) is kept.
    ``run(out, timeout)``, when given, renders the corpus report instead of :func:`render_corpus`
    with ``executor`` (``newsnb render`` passes one that uses a kernel that is already warm).
    Returns the corpus report's path, or None."""
    out = Path(out) if out else config.REPORTS_DIR
    write_index(out)
    if not corpus or not _analysed(out):
        return None
    if stories is not None:
        try:
            stories(out, executor if isinstance(executor, str) else "papermill", timeout)
        except Exception as exc:  # noqa: BLE001 - the articles are rendered; story pages are extra
            print(f"newsnb: story pages failed: {_error_line(exc)}", file=sys.stderr)
    try:
        path = run(out, timeout) if run else render_corpus(out, executor=executor, timeout=timeout)
    except Exception as exc:  # the articles are rendered; the corpus report is extra
        error = _error_line(exc)
        print(f"newsnb: corpus report failed: {error}", file=sys.stderr)
        write_index(out, corpus_error=error)
        return None
    write_index(out)
    return path
