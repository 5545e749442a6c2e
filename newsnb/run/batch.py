"""The batch: run the article notebook for every article, export HTML, build the index and corpus report.

Layout of the output folder (``reports/`` by default)::

    <slug>.html         the report (code hidden, figures embedded)
    <slug>.ipynb        the executed notebook
    data/<slug>.json    the analysis JSON (same as ``newsnb analyze --format json``)
    manifest.json       one entry per article: source, status, error, timings, render key
    index.html          every article with headline, words, tone, readability, status
    store/<table>/      every article's rows as Parquet, queried with DuckDB (:mod:`newsnb.store`)

How a batch runs:

* **Incremental.** An article is skipped when its report is up to date: the manifest records a
  key made of the sha256 of the article file's bytes, the sha256 of the notebook file, the
  parameters and the newsnb version, and the report files still exist. Deciding that needs
  only file hashes and the manifest (no spaCy, no kernel, no Jupyter import). ``force=True``
  renders everything.
* **Warm kernels, in parallel.** ``jobs`` worker processes each keep a warm kernel
  (:class:`newsnb.run.executors.WarmExecutor`) and one nbconvert exporter; ``jobs=1`` runs in this
  process. ``executor="papermill"`` gives every article a fresh kernel. ``dask=ADDRESS`` sends the
  articles to a Dask cluster (:mod:`newsnb.run.distributed`).
* **Safe to kill.** Workers return the executed notebook, the HTML and the data; only this
  process writes into ``out``, every file atomically (temporary file, then rename), and the
  manifest is rewritten (atomically) as each article finishes. A killed run leaves complete
  reports only; the next run does the rest.
* **The store follows the manifest.** Each finished article's rows (:func:`newsnb.store.rows`;
  from a Dask worker, made there) are queued and written every ``store_batch`` articles and at
  the end, before the corpus report (:class:`newsnb.store.writer.StoreWriter`); an article that
  failed without an earlier good report loses its rows. At the start of a run the store is
  repaired against the manifest (articles missing, stored at another version, or gone), so a
  killed run's unwritten batch is written by the next run from ``data/<slug>.json``;
  ``force=True`` rebuilds the store.
* **One run per folder.** The run holds the output folder's lock
  (:func:`newsnb.core.files.folder_lock`); a second render into the same folder waits up to
  ``lock_wait`` seconds, then stops with one line naming the holder.
* **Robust.** An error in the notebook fails that article with a one-line reason, the others
  still render, and an earlier good report of a failed article is left in place. A kernel that
  dies or runs past ``timeout`` (seconds for the whole notebook) is replaced and the article is
  retried once on a fresh kernel. An output folder that cannot be written (read-only, full disk)
  stops the run with :class:`OutputError` (one line); reports already written stay intact.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from ..core import config
from ..core.errors import NewsnbError
from ..core.files import OutputError, folder_lock, write_atomic
from ..core.imports import defer_iri_grammar
from ..input.discovery import discover
from ..input.reports import read_manifest
from .manifest import Manifest, Result, params
from ..store.writer import StoreWriter, expected_articles, token_of
from .plan import Job, plan

if TYPE_CHECKING:  # pragma: no cover
    from .backends import Backend
    from .executors import Executor
    from .tasks import Outcome, Task

defer_iri_grammar()  # before anything imports nbformat (see newsnb.core.imports)

__all__ = ["NotebookMissing", "OutputError", "Summary", "commit", "render", "render_one"]


class NotebookMissing(NewsnbError, FileNotFoundError):
    """The notebook to run per article cannot be read (one line)."""


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


def commit(out: Path, job: Job, outcome: Outcome, *, notebook_sha: str = "", extra: dict | None = None,
           store: StoreWriter | None = None) -> Result:
    """Write an article's files into ``out`` atomically; the manifest entry for it. ``store``: queue
    the article's rows there too (written with the store's next batch)."""
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
    if store is not None and (outcome.data is not None or getattr(outcome, "rows", None)):
        store.add(outcome.data, rows=getattr(outcome, "rows", None), slug=job.slug, html=result.html,
                  token=token_of({"key": result.key, "rendered_at": result.rendered_at}))
    return result


@dataclass
class Summary:
    results: list[Result] = field(default_factory=list)
    seconds: float = 0.0
    out: Path = config.REPORTS_DIR
    skipped: list[Result] = field(default_factory=list)
    workers: str = ""
    #: files a folder scan passed over, one line per reason (images, archives, hidden files …)
    passed_over: list[str] = field(default_factory=list)

    @property
    def ok(self) -> list[Result]:
        return [r for r in self.results if r.status == "ok"]

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.status == "failed"]

    def __str__(self) -> str:
        done = len(self.results)
        rate = f", {done / self.seconds:.2f} articles/s" if done and self.seconds > 0 else ""
        lines = [
            f"{len(self.ok)} rendered, {len(self.failed)} failed, {len(self.skipped)} up to date, "
            f"in {self.seconds:.1f} s{rate}{' on ' + self.workers if self.workers and done else ''} → {self.out}",
        ]
        lines.extend(f"  {line}" for line in self.passed_over)
        still = [r for r in self.skipped if r.status == "failed"]
        if still:
            lines.append(f"  {len(still)} of the up-to-date inputs failed before and are unchanged (--force retries them):")
            lines.extend(f"    {r.error}" for r in still[:5])
            if len(still) > 5:
                lines.append(f"    … and {len(still) - 5} more: see {self.out / 'manifest.json'}")
        retried = [r for r in self.ok if r.attempts > 1]
        if retried:
            lines.append(f"  {len(retried)} rendered on a second attempt (kernel died or timed out the first time)")
        shown = self.failed[:10]
        for r in shown:
            lines.append(f"  FAILED {r.error}")
        if len(self.failed) > len(shown):
            lines.append(f"  … and {len(self.failed) - len(shown)} more failed: see {self.out / 'manifest.json'}")
        if self.results or self.skipped:
            lines.append(f"  index: {self.out / 'index.html'}")
        return "\n".join(lines)














































def render_one(job: Job, *, out: Path, notebook: Path, runner: Executor, timeout: float | None) -> Result:
    """Run the notebook for one article in this process and write its files atomically."""
    from .tasks import Task, run_task  # the Jupyter stack: only when something is rendered

    task = Task(job=job, notebook=str(notebook), timeout=timeout, workdir=str(out / ".work"))
    return commit(out, job, run_task(task, runner))
























# --------------------------------------------------------------------------------------------


def _preload_corpus_stack() -> None:
    """Import the notebook runner and build the HTML exporter (both needed for the corpus report)."""
    try:
        import papermill  # noqa: F401

        from ..presentation.exporter import html_exporter

        html_exporter()
    except Exception:  # noqa: BLE001,S110 - an optimisation only: the corpus step imports them anyway
        pass


def _check_writable(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out, prefix=".newsnb-write-test.", suffix=".tmp")
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise OutputError(out, exc) from exc


def _clean_stale(out: Path) -> None:
    """Temporary files left by a killed run (never a finished report)."""
    shutil.rmtree(out / ".work", ignore_errors=True)
    for folder in (out, out / "data"):
        for tmp in folder.glob(".*.tmp"):
            try:
                if time.time() - tmp.stat().st_mtime > 5:
                    tmp.unlink()
            except OSError:
                pass




def _run_backend(backend: Backend, tasks: list[Task], *, out: Path, notebook_sha: str, extra: dict, manifest: Manifest,
                 results: list[Result], progress: Callable[[Result], None] | None, progress_bar: bool,
                 store: StoreWriter | None = None) -> None:
    """Render ``tasks`` on ``backend``, committing each report and the manifest as it arrives."""
    bar = None
    if progress_bar:
        from tqdm import tqdm

        bar = tqdm(total=len(tasks), unit="article", desc="render", file=sys.stderr, dynamic_ncols=True,
                   smoothing=0.1)
        bar.set_postfix(failed=0, refresh=False)
    n_failed = 0
    stream = backend.run(tasks)
    try:
        for task, outcome in stream:
            r = commit(out, task.job, outcome, notebook_sha=notebook_sha, extra=extra, store=store)
            manifest.record(r)
            manifest.save()
            if store is not None and (manifest.data["articles"].get(r.slug) or {}).get("status") != "ok":
                store.remove([r.slug])
            results.append(r)
            if bar is not None:
                if r.status == "failed":
                    n_failed += 1
                    bar.set_postfix(failed=n_failed, refresh=False)
                    bar.write(f"FAILED {r.error}", file=sys.stderr)
                bar.update(1)
            if progress:
                progress(r)
    finally:
        stream.close()
        if bar is not None:
            bar.close()
    manifest.save()
    shutil.rmtree(out / ".work", ignore_errors=True)


def render(
    paths: Iterable[str | Path] | None = None,
    *,
    out: str | Path | None = None,
    notebook: str | Path | None = None,
    executor: str = "warm",
    timeout: float | None = 600,
    progress: Callable[[Result], None] | None = None,
    jobs: int | None = None,
    force: bool = False,
    dask: str | Any | None = None,
    recycle_after: int = 200,
    progress_bar: bool = False,
    parameters: dict | None = None,
    lock_wait: float = 0,
    store_batch: int = 200,
) -> Summary:
    """Render a report for every article in ``paths`` (default: ``seeds/``) into ``out``.

    ``jobs``: worker processes (default: number of CPUs); ``executor``: ``"warm"`` (reused warm
    kernels) or ``"papermill"`` (a fresh kernel per article); ``force``: render up-to-date
    articles too; ``dask``: a Dask scheduler address (or ``distributed.Client``);
    ``timeout``: seconds for the whole notebook; ``recycle_after``: notebooks per warm kernel
    before it is replaced; ``parameters``: extra notebook parameters (part of the render key);
    ``lock_wait``: seconds to wait for another run holding ``out``; ``store_batch``: articles per
    store batch.
    """
    started = time.perf_counter()
    out = Path(out) if out else config.REPORTS_DIR
    notebook = Path(notebook).resolve() if notebook else config.ARTICLE_NOTEBOOK
    _check_writable(out)
    with folder_lock(out, wait=lock_wait, purpose="newsnb render"):
        return _render_locked(paths, out=out, notebook=notebook, executor=executor, timeout=timeout,
                              progress=progress, jobs=jobs, force=force, dask=dask, recycle_after=recycle_after,
                              progress_bar=progress_bar, parameters=parameters, store_batch=store_batch,
                              started=started)


def _open_store(out: Path, manifest: Manifest, *, force: bool, rendering: Iterable[str], batch: int) -> StoreWriter:
    """The run's store writer, repaired against the manifest (``force``: rebuilt)."""
    try:
        store = StoreWriter(out, batch_size=batch)
        if force:
            store.reset()
        store.sync(expected_articles(out, manifest=manifest.data), skip=rendering)
    except OSError as exc:
        raise OutputError(out, exc) from exc
    return store


def _render_locked(paths, *, out: Path, notebook: Path, executor: str, timeout: float | None, progress, jobs,
                   force: bool, dask, recycle_after: int, progress_bar: bool, parameters: dict | None,
                   store_batch: int, started: float) -> Summary:
    _clean_stale(out)
    extra = dict(parameters or {})
    try:
        notebook_bytes = notebook.read_bytes()
    except OSError as exc:
        raise NotebookMissing(f"cannot read the notebook {notebook}: {exc.strerror or exc}") from None
    notebook_sha = hashlib.sha256(notebook_bytes).hexdigest()
    manifest = Manifest(out, read_manifest(out))
    found = discover(paths if paths is not None else [config.SEEDS_DIR])
    jobs_list, results, skipped = plan(found.files, manifest=manifest.data,
                                       out=out, notebook_sha=notebook_sha, extra_params=extra, force=force)
    for r in results:
        manifest.record(r)
        if progress:
            progress(r)
    store = _open_store(out, manifest, force=force, rendering=[j.slug for j in jobs_list], batch=store_batch)
    workers = ""
    backend = None
    try:
        if jobs_list:
            from .backends import backend_for  # the Jupyter stack: only when something is rendered
            from .tasks import Task

            if results:
                manifest.save()
            tasks = [Task(job=j, notebook=str(notebook), timeout=timeout, workdir=str(out / ".work"), params=extra,
                          notebook_sha256=notebook_sha) for j in jobs_list]
            backend = backend_for(tasks, jobs=jobs, dask=dask, executor=executor, recycle_after=recycle_after,
                               notebook_bytes=notebook_bytes)
            workers = backend.description
            if not backend.can_render_corpus:
                # the corpus report will run in this process after the articles; while they render,
                # load what it needs (Papermill, nbconvert: a second or two of imports) in the background
                threading.Thread(target=_preload_corpus_stack, name="newsnb-preload", daemon=True).start()
            _run_backend(backend, tasks, out=out, notebook_sha=notebook_sha, extra=extra, manifest=manifest,
                         results=results, progress=progress, progress_bar=progress_bar, store=store)
        elif results:
            manifest.save()
        try:  # the corpus report reads the store: in line with the manifest before it runs
            store.sync(expected_articles(out, manifest=manifest.data))  # e.g. a failed re-render kept its earlier report
            store.close()
        except OSError as exc:
            raise OutputError(out, exc) from exc
        if results or not (out / "index.html").exists():
            from .corpus_report import finish
            from .story_report import render_stories

            # index, story pages, then reports/corpus.html: on the warm kernels of the run when there are some
            on_backend = backend is not None and backend.can_render_corpus
            warm = backend.corpus if on_backend else None
            pages = (lambda ids: backend.story_pages(out, ids, timeout)) if on_backend else None
            finish(out, executor=executor, timeout=timeout, run=warm,
                   stories=lambda o, ex, t: render_stories(o, executor=ex, timeout=t, pages=pages))
    finally:
        if backend is not None:
            backend.close()
    return Summary(results=results, seconds=time.perf_counter() - started, out=out, skipped=skipped, workers=workers,
                   passed_over=found.skipped_lines())
