"""Where the notebooks of a render run: render backends behind one small protocol, in one registry.

A backend takes :class:`~newsnb.run.tasks.Task` objects and yields ``(task, outcome)`` pairs as
they finish (:class:`Backend`). Built in: ``local`` (one warm runner in this process),
``processes`` (a pool of worker processes, one warm kernel each) and ``dask`` (a Dask cluster,
:mod:`newsnb.run.distributed`). A backend that can also render the corpus report on one of its
warm kernels says so with :attr:`Backend.can_render_corpus`.
"""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any, Iterator, Protocol, runtime_checkable

from ..core.registry import Registry
from .corpus_report import CorpusReportError, error_parts, render_corpus
from .executors import executor
from .story_report import pages_on, story_page
from .tasks import Outcome, Task, error_line, run_task

__all__ = ["BACKENDS", "Backend", "InProcess", "ProcessPool", "backend_for"]


@runtime_checkable
class Backend(Protocol):
    """Where a render's notebooks run.

    ``run(tasks)`` yields ``(task, outcome)`` for every task as it finishes (a generator the
    caller may close early); ``close()`` frees workers and kernels. ``corpus(out, timeout)``
    renders the corpus report on a kernel the backend already has warm, when
    ``can_render_corpus`` is true (otherwise the caller renders it in this process), and so does
    ``story_pages(out, stories, timeout)`` for story pages (each story's error line, or None).
    ``description`` says where the notebooks ran, for the summary line.
    """

    description: str
    can_render_corpus: bool

    def run(self, tasks: list[Task]) -> Iterator[tuple[Task, Outcome]]: ...

    def corpus(self, out: Path, timeout: float | None) -> Path: ...

    def story_pages(self, out: Path, stories: list[str], timeout: float | None) -> dict[str, str | None]: ...

    def close(self) -> None: ...


#: Render backends by name: classes taking ``executor_name``, ``options``, ``jobs``, ``address``.
BACKENDS: Registry[type[Backend]] = Registry("render backend", "newsnb.backends")


@BACKENDS.register("local")
class InProcess:
    """One runner in this process (``--jobs 1``, or a single article)."""

    can_render_corpus = True

    def __init__(self, *, executor_name: str, options: dict, jobs: int = 1, address: Any = None):
        self.runner = executor(executor_name, **options)
        self.description = f"1 {'warm' if executor_name == 'warm' else 'fresh'}-kernel runner (this process)"

    def run(self, tasks: list[Task]) -> Iterator[tuple[Task, Outcome]]:
        for t in tasks:
            yield t, run_task(t, self.runner)

    def corpus(self, out: Path, timeout: float | None) -> Path:
        """The corpus report on this runner's (warm) kernel."""
        return render_corpus(out, executor=self.runner, timeout=timeout)

    def story_pages(self, out: Path, stories: list[str], timeout: float | None) -> dict[str, str | None]:
        """Story pages on this runner's (warm) kernel."""
        return pages_on(self.runner, out, stories, timeout=timeout)

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
    _WORKER_RUNNER = executor(executor_name, **options)
    atexit.register(_close_worker_runner)


def _worker_run(task: Task) -> Outcome:
    return run_task(task, _WORKER_RUNNER)


def _worker_corpus(out: str, timeout: float | None) -> tuple[str, str]:
    """The corpus report on this worker's warm kernel: ("ok", path) or (error name, message)."""
    try:
        return "ok", str(render_corpus(Path(out), executor=_WORKER_RUNNER, timeout=timeout))
    except Exception as exc:  # noqa: BLE001 - sent back as text: not every error pickles
        return error_parts(exc)


def _worker_story(out: str, story: str, timeout: float | None) -> str | None:
    """One story page on this worker's warm kernel: None, or its failure as one line."""
    return story_page(Path(out), story, _WORKER_RUNNER, timeout=timeout)


def _stop_now(pool: Any) -> None:
    """Terminate a process pool's workers (their kernels die with them)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=10)


@BACKENDS.register("processes")
class ProcessPool:
    """A pool of ``jobs`` worker processes, each with one runner (a warm kernel); kept open after
    the articles so that the warm workers render the story pages and one of them the corpus report."""

    can_render_corpus = True

    def __init__(self, *, executor_name: str, options: dict, jobs: int = 1, address: Any = None):
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

    def story_pages(self, out: Path, stories: list[str], timeout: float | None) -> dict[str, str | None]:
        """Story pages on the workers' warm kernels, in parallel (before the corpus report)."""
        from concurrent.futures.process import BrokenProcessPool

        pool = self._pool
        if pool is None:  # the pool did not survive the articles: one runner here
            with executor(self.executor_name, **self.options) as runner:
                return pages_on(runner, out, stories, timeout=timeout)
        futures = [(s, pool.submit(_worker_story, str(out), s, timeout)) for s in stories]
        errors: dict[str, str | None] = {}
        try:
            for s, f in futures:
                try:
                    errors[s] = f.result()
                except BrokenProcessPool:
                    errors[s] = "WorkerDied: the worker process died while rendering the story page"
        except BaseException:  # interrupted: stop now, the kernels go with their workers
            self._pool = None
            _stop_now(pool)
            raise
        return errors

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
                            outcome = Outcome(status="failed", error=error_line(t.job, exc), failure="kernel")
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


@BACKENDS.register("dask")
def _dask_backend(*, executor_name: str, options: dict, jobs: int = 1, address: Any = None) -> Backend:
    """A Dask cluster at ``address`` (a scheduler address or a ``distributed.Client``)."""
    from .distributed import DaskBackend  # distributed is imported only when a cluster is used

    return DaskBackend(address, executor_name, options)


def backend_for(tasks: list[Task], *, jobs: int | None, dask: Any, executor: str, recycle_after: int,
                notebook_bytes: bytes) -> Backend:
    """Where the notebooks run: a Dask cluster (``dask``), a pool of worker processes (``jobs`` > 1
    and several articles) or this process."""
    n = max(1, int(jobs or os.cpu_count() or 1))
    options = {"recycle_after": recycle_after} if executor == "warm" else {}
    if dask is not None:
        for t in tasks:  # the workers may not share this machine's files
            t.source_bytes = t.job.source.read_bytes()
            t.notebook_bytes = notebook_bytes
            t.workdir = None  # the worker's own temporary folder
        name = "dask"
    else:
        name = "local" if n == 1 or len(tasks) == 1 else "processes"
    return BACKENDS.get(name)(executor_name=executor, options=options, jobs=min(n, len(tasks)), address=dask)
