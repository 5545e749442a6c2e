"""One article's render: a picklable :class:`Task` in, an :class:`Outcome` (report files or a
one-line reason) out, on any runner — this process, a worker process or a Dask worker.

A kernel failure (died, timed out) gets one more attempt on a fresh kernel; an error in the
notebook fails the article with a one-line reason.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..core.files import write_atomic
from ..presentation.exporter import html_exporter
from .executors import Executor
from .kernels import KernelFailure
from .plan import Job, file_sha256

__all__ = ["Outcome", "Task", "error_line", "run_task"]


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
    #: the article's store rows (table → records), when the worker made them (Dask); else the
    #: submitting process makes them from ``data``
    rows: dict | None = None


def error_line(job: Job, exc: BaseException) -> str:
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
                    outcome.first_error = error_line(job, exc)
                    outcome.attempts = 2
                    continue
                outcome.error = error_line(job, exc) + f" (retried once on a fresh kernel; first attempt: {exc.ename})"
                outcome.failure = "kernel"
            except Exception as exc:  # one article's failure must not stop the batch
                outcome.error = error_line(job, exc)
                outcome.failure = "notebook"
                if outcome.first_error is not None:
                    outcome.error += " (second attempt, on a fresh kernel)"
            break
    finally:
        tmp_data.unlink(missing_ok=True)
    outcome.seconds = round(time.perf_counter() - started, 3)
    return outcome
