"""Render reports: run the article notebook for every article, export HTML, build the index.

Layout of the output folder (``reports/`` by default)::

    <slug>.html         the report (code hidden, figures embedded)
    <slug>.ipynb        the executed notebook
    data/<slug>.json    the analysis JSON (same as ``newsnb analyze --format json``)
    manifest.json       one entry per article: source, status, error, timings, render key
    index.html          every article with headline, words, tone, readability, status

How a batch runs:

* **Incremental.** An article is skipped when its report is up to date: the manifest records a
  key made of the sha256 of the article file's bytes, the sha256 of the notebook file, the
  parameters and the newsnb version, and the report files still exist. Deciding that needs
  only file hashes and the manifest (no spaCy, no kernel, no Jupyter import). ``force=True``
  renders everything.
* **Warm kernels, in parallel.** ``jobs`` worker processes each keep a warm kernel
  (:class:`newsnb.executors.WarmExecutor`) and one nbconvert exporter; ``jobs=1`` runs in this
  process. ``executor="papermill"`` gives every article a fresh kernel. ``dask=ADDRESS`` sends the
  articles to a Dask cluster (:mod:`newsnb.distributed`).
* **Safe to kill.** Workers return the executed notebook, the HTML and the data; only this
  process writes into ``out``, every file atomically (temporary file, then rename), and the
  manifest is rewritten (atomically) as each article finishes. A killed run leaves complete
  reports only; the next run does the rest.
* **Robust.** An error in the notebook fails that article with a one-line reason, the others
  still render, and an earlier good report of a failed article is left in place. A kernel that
  dies or runs past ``timeout`` (seconds for the whole notebook) is replaced and the article is
  retried once on a fresh kernel. An output folder that cannot be written (read-only, full disk)
  stops the run with :class:`OutputError` (one line); reports already written stay intact.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from . import __version__, config
from .files import write_atomic
from .imports import defer_iri_grammar
from .index import build_index, read_manifest  # noqa: F401  (build_index: re-exported for the CLI)
from .load import ArticleError, articles_in, load_all, slugify

if TYPE_CHECKING:  # pragma: no cover
    from .executors import Executor

defer_iri_grammar()  # before anything imports nbformat (see newsnb.imports)

__all__ = [
    "Job",
    "OutputError",
    "Outcome",
    "Result",
    "Summary",
    "Task",
    "html_exporter",
    "plan",
    "render",
    "render_key",
    "render_one",
    "run_task",
]


class OutputError(OSError):
    """The output folder cannot be written (read-only, full disk …); ``str()`` is one line."""

    def __init__(self, out: Path, exc: OSError):
        self.out = out
        self.cause = exc
        reason = exc.strerror or str(exc)
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        super().__init__(exc.errno, f"cannot write reports to {out}: {reason}{where}")

    def __str__(self) -> str:
        return self.strerror or ""


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


_RESULT_FIELDS = {f.name for f in fields(Result)}


@dataclass
class Summary:
    results: list[Result] = field(default_factory=list)
    seconds: float = 0.0
    out: Path = config.REPORTS_DIR
    skipped: list[Result] = field(default_factory=list)
    workers: str = ""

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


# --------------------------------------------------------------------------------------------
# Planning: which articles need rendering


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


def _params(index: int, extra: dict | None = None) -> dict:
    return {"article_index": index, **(extra or {})}


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
        if not e or e.get("key") != render_key(file_sha, notebook_sha, _params(i, extra)):
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
    files = articles_in(paths)
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
                skipped.append(Result(**{k: v for k, v in e.items() if k in _RESULT_FIELDS}))
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
            key = render_key(sha, notebook_sha, _params(i, extra_params)) if incremental else ""
            jobs.append(Job(source=path, index=i, slug=slug, headline=article.title, sha256=article.sha256,
                            file_sha256=sha, key=key, articles=len(found)))
    if incremental:
        return jobs, failures, skipped
    return jobs, failures


# --------------------------------------------------------------------------------------------
# Running one article (in a worker process, a Dask worker or this process)


_EXPORTER = None


def _exporter_class():
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        """nbconvert's HTML exporter without its BeautifulSoup pass over the finished page.

        ``HTMLExporter.from_notebook_node`` re-parses the whole page only to give images a
        placeholder ``alt`` and outputs a ``tabindex``; on a report that pass cost as much as the
        rest of the export. The newsnb template writes both itself (a chart's ``alt`` is its
        description), so the page is the same without the second parse.
        """

        def default_filters(self):
            yield from super().default_filters()
            yield ("base64", lambda text: base64.b64encode(str(text).encode("utf-8")).decode("ascii"))

        def from_notebook_node(self, nb, resources=None, **kw):  # noqa: ANN001 - nbconvert signature
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            self.register_filter("highlight_code", self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                                           resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return ReportExporter


def html_exporter():
    """The shared nbconvert HTML exporter (code cells and prompts hidden; built once per process).

    Validation runs once after all preprocessors (``optimistic_validation``), not after each of
    them: the executed notebook was valid when Papermill wrote it.
    """
    global _EXPORTER
    if _EXPORTER is None:
        _EXPORTER = _exporter_class()(
            extra_template_basedirs=[str(Path(__file__).parent / "templates")],
            template_name="newsnb",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            optimistic_validation=True,
        )
    return _EXPORTER


@dataclass
class Task:
    """Everything a worker needs to render one article (picklable)."""

    job: Job
    notebook: str
    timeout: float | None = None
    workdir: str | None = None
    params: dict = field(default_factory=dict)
    notebook_sha256: str = ""
    #: for workers that may not share this machine's files (Dask): the bytes to use when the
    #: paths above are missing there or hold something else
    source_bytes: bytes | None = None
    notebook_bytes: bytes | None = None


@dataclass
class Outcome:
    """What a worker sends back: the report files' contents, or the reason it failed."""

    status: str
    error: str | None = None
    seconds: float = 0.0
    html: str | None = None
    ipynb: str | None = None
    data: str | None = None
    attempts: int = 1
    first_error: str | None = None
    worker: str = ""
    failure: str | None = None


def _error_line(job: Job, exc: BaseException) -> str:
    ename = getattr(exc, "ename", None) or type(exc).__name__
    evalue = getattr(exc, "evalue", None) or str(exc)
    evalue = " ".join(str(evalue).split())
    return f"{job.source}: {ename}: {evalue}"[:500]


def _local_copy(path: str, data: bytes | None, sha: str, workdir: Path, folder: str) -> Path:
    """``path`` when it exists here with the expected content, else a copy of ``data`` (same name)."""
    p = Path(path)
    if data is None:
        return p
    try:
        if p.is_file() and (not sha or file_sha256(p) == sha):
            return p
    except OSError:
        pass
    target = workdir / folder / (sha[:16] or hashlib.sha256(data).hexdigest()[:16]) / p.name
    if not target.is_file():
        write_atomic(target, data)
    return target


def run_task(task: Task, runner: Executor) -> Outcome:
    """Run the notebook for one article with ``runner``; return the HTML, notebook and data.

    A kernel failure (died, timed out) gets one more attempt on a fresh kernel.
    """
    import nbformat

    from .executors import KernelFailure

    started = time.perf_counter()
    job = task.job
    # absolute: the paths become parameters of a kernel that runs in another folder
    workdir = (Path(task.workdir) if task.workdir else Path(tempfile.gettempdir()) / "newsnb-work").resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    source = _local_copy(str(job.source), task.source_bytes, job.file_sha256, workdir, "inputs")
    notebook = _local_copy(task.notebook, task.notebook_bytes, task.notebook_sha256, workdir, "notebooks")
    tmp_data = workdir / f"{job.slug}.{os.getpid()}.{uuid.uuid4().hex[:8]}.json"
    params = {"article_path": str(source), "article_index": job.index, "data_path": str(tmp_data), **task.params}
    outcome = Outcome(status="failed", worker=f"{os.uname().nodename}:{os.getpid()}")
    try:
        while True:
            try:
                nb = runner.execute(notebook, None, params, cwd=notebook.parent, timeout=task.timeout,
                                    fresh_kernel=outcome.first_error is not None)
                body, _ = html_exporter().from_notebook_node(nb, resources={"metadata": {"name": job.headline or job.slug}})
                outcome.html = body
                outcome.ipynb = nbformat.writes(nb)
                outcome.data = tmp_data.read_text("utf-8") if tmp_data.exists() else None
                outcome.status = "ok"
                outcome.error = None
            except KernelFailure as exc:
                if outcome.first_error is None:
                    outcome.first_error = _error_line(job, exc)
                    outcome.attempts = 2
                    continue
                outcome.error = _error_line(job, exc) + f" (retried once on a fresh kernel; first attempt: {exc.ename})"
                outcome.failure = "kernel"
            except Exception as exc:  # one article's failure must not stop the batch
                outcome.error = _error_line(job, exc)
                outcome.failure = "notebook"
                if outcome.first_error is not None:
                    outcome.error += " (second attempt, on a fresh kernel)"
            break
    finally:
        tmp_data.unlink(missing_ok=True)
    outcome.seconds = round(time.perf_counter() - started, 3)
    return outcome


# --------------------------------------------------------------------------------------------
# Writing results (this process only)


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
        params=_params(job.index, extra),
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


class _Manifest:
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
            write_atomic(self.out / "manifest.json", self.dumps())
        except OSError as exc:
            raise OutputError(self.out, exc) from exc


def _write_manifest(out: Path, results: Iterable[Result]) -> None:
    m = _Manifest(out, read_manifest(out))
    for r in results:
        m.record(r)
    m.save()


def render_one(job: Job, *, out: Path, notebook: Path, runner: Executor, timeout: float | None) -> Result:
    """Run the notebook for one article in this process and write its files atomically."""
    task = Task(job=job, notebook=str(notebook), timeout=timeout, workdir=str(out / ".work"))
    return commit(out, job, run_task(task, runner))


# --------------------------------------------------------------------------------------------
# Backends: where the notebooks run


class _InProcess:
    def __init__(self, executor_name: str, options: dict):
        from .executors import executor

        self.runner = executor(executor_name, **options)
        self.description = f"1 {'warm' if executor_name == 'warm' else 'fresh'}-kernel runner (this process)"

    def run(self, tasks: list[Task]) -> Iterator[tuple[Task, Outcome]]:
        for t in tasks:
            yield t, run_task(t, self.runner)

    def corpus(self, out: Path, timeout: float | None) -> Path:
        """The corpus report on this runner's (warm) kernel."""
        from .corpus import render_corpus

        return render_corpus(out, executor=self.runner, timeout=timeout)

    def close(self) -> None:
        self.runner.close()


_WORKER_RUNNER = None


def _close_worker_runner() -> None:
    global _WORKER_RUNNER
    if _WORKER_RUNNER is not None:
        runner, _WORKER_RUNNER = _WORKER_RUNNER, None
        runner.close()


def _worker_term(signum, frame) -> None:  # noqa: ANN001 - signal handler
    runner = _WORKER_RUNNER
    kernel = getattr(runner, "kernel", None)
    if kernel is not None:
        kernel.kill()
    os._exit(128 + signum)


def _worker_init(executor_name: str, options: dict) -> None:
    """Worker process set-up: die with the parent, leave Ctrl-C to the parent, one runner."""
    global _WORKER_RUNNER
    import atexit

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_term)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except OSError:
            pass
    from .executors import executor

    _WORKER_RUNNER = executor(executor_name, **options)
    atexit.register(_close_worker_runner)


def _worker_run(task: Task) -> Outcome:
    return run_task(task, _WORKER_RUNNER)


class CorpusReportError(RuntimeError):
    """The corpus report failed in a worker process (its error name and message, pickle-safe)."""

    def __init__(self, ename: str, evalue: str):
        super().__init__(f"{ename}: {evalue}")
        self.ename, self.evalue = ename, evalue


def _worker_corpus(out: str, timeout: float | None) -> tuple[str, str]:
    """The corpus report on this worker's warm kernel: ("ok", path) or (error name, message)."""
    from .corpus import error_parts, render_corpus

    try:
        return "ok", str(render_corpus(Path(out), executor=_WORKER_RUNNER, timeout=timeout))
    except Exception as exc:  # noqa: BLE001 - sent back as text: not every error pickles
        return error_parts(exc)


def _stop_now(pool: Any) -> None:
    """Terminate a process pool's workers (their kernels die with them)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=10)


class _ProcessPool:
    def __init__(self, jobs: int, executor_name: str, options: dict):
        self.jobs = jobs
        self.executor_name = executor_name
        self.options = options
        kind = "warm kernel" if executor_name == "warm" else "fresh kernels"
        self.description = f"{jobs} worker processes ({kind} each)"
        self._pool = None  # kept open after the articles for the corpus report

    def corpus(self, out: Path, timeout: float | None) -> Path:
        """The corpus report on a worker's warm kernel (newsnb, pandas, matplotlib already loaded)."""
        from concurrent.futures.process import BrokenProcessPool

        pool, self._pool = self._pool, None  # run() leaves it open when every article went through
        future = pool.submit(_worker_corpus, str(out), timeout)
        pool.shutdown(wait=False)  # the other workers close their kernels while this one runs the report
        try:
            status, value = future.result()
        except BrokenProcessPool:
            raise CorpusReportError("WorkerDied", "the worker process died while rendering the corpus report") from None
        except BaseException:  # interrupted: stop now, the kernels go with their workers
            _stop_now(pool)
            raise
        finally:
            pool.shutdown(wait=True)
        if status != "ok":
            raise CorpusReportError(status, value)
        return Path(value)

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)

    def run(self, tasks: list[Task]) -> Iterator[tuple[Task, Outcome]]:
        import multiprocessing
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool

        ctx = multiprocessing.get_context("spawn")
        pending = list(tasks)
        lost: dict[str, int] = {}
        while pending:
            pool = ProcessPoolExecutor(max_workers=min(self.jobs, len(pending)), mp_context=ctx,
                                       initializer=_worker_init, initargs=(self.executor_name, self.options))
            clean = False
            try:
                # keep a few tasks queued per worker, not the whole corpus
                queue = iter(pending)
                pending = []
                running: dict[Any, Task] = {}

                def top_up() -> None:
                    while len(running) < 2 * self.jobs:
                        t = next(queue, None)
                        if t is None:
                            return
                        running[pool.submit(_worker_run, t)] = t

                top_up()
                broken = False
                while running:
                    done, _ = wait(list(running), return_when=FIRST_COMPLETED)
                    for f in done:
                        t = running.pop(f)
                        try:
                            outcome = f.result()
                        except BrokenProcessPool:
                            broken = True
                            lost[t.job.slug] = lost.get(t.job.slug, 0) + 1
                            if lost[t.job.slug] > 1:
                                yield t, Outcome(status="failed", failure="kernel",
                                                 error=f"{t.job.source}: WorkerDied: the worker process died (twice); "
                                                       "calling newsnb.render(jobs>1) from a script? put the call "
                                                       "under `if __name__ == '__main__':`")
                            else:
                                pending.append(t)
                            continue
                        except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable error
                            outcome = Outcome(status="failed", error=_error_line(t.job, exc), failure="kernel")
                        yield t, outcome
                    if not broken:
                        top_up()
                if broken:
                    pending.extend(queue)
                clean = True
            finally:
                if clean and not pending:
                    self._pool = pool  # warm kernels for the corpus report; close() shuts it down
                elif clean:
                    pool.shutdown(wait=True)
                else:  # interrupted or an output error: stop now, kernels go with their workers
                    _stop_now(pool)


# --------------------------------------------------------------------------------------------


def _preload_corpus_stack() -> None:
    """Import the notebook runner and build the HTML exporter (both needed for the corpus report)."""
    try:
        from . import corpus, executors  # noqa: F401
        import papermill  # noqa: F401

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


def _backend(tasks: list[Task], *, jobs: int | None, dask: Any, executor: str, recycle_after: int,
             notebook_bytes: bytes):
    """Where the notebooks run: this process, a pool of worker processes, or a Dask cluster."""
    n = max(1, int(jobs or os.cpu_count() or 1))
    options = {"recycle_after": recycle_after} if executor == "warm" else {}
    if dask is not None:
        from .distributed import DaskBackend

        for t in tasks:
            t.source_bytes = t.job.source.read_bytes()
            t.notebook_bytes = notebook_bytes
            t.workdir = None  # the worker's own temporary folder
        return DaskBackend(dask, executor, options)
    if n == 1 or len(tasks) == 1:
        return _InProcess(executor, options)
    return _ProcessPool(min(n, len(tasks)), executor, options)


def _run_backend(backend: Any, tasks: list[Task], *, out: Path, notebook_sha: str, extra: dict, manifest: "_Manifest",
                 results: list[Result], progress: Callable[[Result], None] | None, progress_bar: bool) -> None:
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
            r = commit(out, task.job, outcome, notebook_sha=notebook_sha, extra=extra)
            manifest.record(r)
            manifest.save()
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
) -> Summary:
    """Render a report for every article in ``paths`` (default: ``seeds/``) into ``out``.

    ``jobs``: worker processes (default: number of CPUs); ``executor``: ``"warm"`` (reused warm
    kernels) or ``"papermill"`` (a fresh kernel per article); ``force``: render up-to-date
    articles too; ``dask``: a Dask scheduler address (or ``distributed.Client``);
    ``timeout``: seconds for the whole notebook; ``recycle_after``: notebooks per warm kernel
    before it is replaced; ``parameters``: extra notebook parameters (part of the render key).
    """
    started = time.perf_counter()
    out = Path(out) if out else config.REPORTS_DIR
    notebook = Path(notebook).resolve() if notebook else config.ARTICLE_NOTEBOOK
    _check_writable(out)
    _clean_stale(out)
    extra = dict(parameters or {})
    try:
        notebook_bytes = notebook.read_bytes()
    except OSError as exc:
        raise FileNotFoundError(f"cannot read the notebook {notebook}: {exc.strerror or exc}") from None
    notebook_sha = hashlib.sha256(notebook_bytes).hexdigest()
    manifest = _Manifest(out, read_manifest(out))
    jobs_list, results, skipped = plan(paths if paths is not None else [config.SEEDS_DIR], manifest=manifest.data,
                                       out=out, notebook_sha=notebook_sha, extra_params=extra, force=force)
    for r in results:
        manifest.record(r)
        if progress:
            progress(r)
    workers = ""
    backend = None
    try:
        if jobs_list:
            if results:
                manifest.save()
            tasks = [Task(job=j, notebook=str(notebook), timeout=timeout, workdir=str(out / ".work"), params=extra,
                          notebook_sha256=notebook_sha) for j in jobs_list]
            backend = _backend(tasks, jobs=jobs, dask=dask, executor=executor, recycle_after=recycle_after,
                               notebook_bytes=notebook_bytes)
            workers = backend.description
            if not hasattr(backend, "corpus"):
                # the corpus report will run in this process after the articles; while they render,
                # load what it needs (Papermill, nbconvert: a second or two of imports) in the background
                threading.Thread(target=_preload_corpus_stack, name="newsnb-preload", daemon=True).start()
            _run_backend(backend, tasks, out=out, notebook_sha=notebook_sha, extra=extra, manifest=manifest,
                         results=results, progress=progress, progress_bar=progress_bar)
        elif results:
            manifest.save()
        if results or not (out / "index.html").exists():
            from .corpus import finish

            # index, then reports/corpus.html: on a warm kernel of the run when there is one
            finish(out, executor=executor, timeout=timeout, run=getattr(backend, "corpus", None))
    finally:
        if backend is not None and hasattr(backend, "close"):
            backend.close()
    return Summary(results=results, seconds=time.perf_counter() - started, out=out, skipped=skipped, workers=workers)
