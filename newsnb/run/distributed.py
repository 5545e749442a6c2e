"""Render on a Dask distributed cluster: ``newsnb render --dask tcp://scheduler:8786``.

Each Dask worker gets a :class:`WarmKernelPlugin`: it keeps one warm kernel per worker thread
(started on first use, with newsnb, pandas, matplotlib and the spaCy model loaded, reset between
notebooks, replaced when it dies, recycled after ``recycle_after`` notebooks) and shuts them
down when the worker closes. One task renders one article and returns the HTML, the executed
notebook, the analysis JSON and the article's store rows (:func:`with_rows`); the client process
writes them into the reports folder (atomically, manifest updated per article, rows into the
store in batches), so workers need no access to it.

Workers need the same newsnb, notebook dependencies and spaCy model installed. Articles and the
notebook travel with each task: a worker uses the path it is given when that file exists there
with the same sha256 (a shared filesystem), else a copy in its temporary folder.
"""
from __future__ import annotations

import json
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Iterator

from distributed import Client, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from ..core.errors import NewsnbError
from .executors import executor
from .tasks import Outcome, Task, error_line, run_task

__all__ = ["DaskBackend", "WarmKernelPlugin", "render_on_worker", "with_rows"]

PLUGIN_NAME = "newsnb-warm-kernels"


class _Slot:
    """A runner with the one thread that talks to its kernel."""

    def __init__(self, executor_name: str, options: dict):
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsnb-kernel")
        self.runner = self.thread.submit(executor, executor_name, **options).result()

    def run(self, task: Task) -> Outcome:
        return self.thread.submit(run_task, task, self.runner).result()

    def close(self) -> None:
        try:
            self.thread.submit(self.runner.close).result(timeout=60)
        finally:
            self.thread.shutdown(wait=False)


class WarmKernelPlugin(WorkerPlugin):
    """Keeps warm kernels in a Dask worker (one per worker thread, started on first use)."""

    name = PLUGIN_NAME

    def __init__(self, executor_name: str = "warm", options: dict | None = None):
        self.executor_name = executor_name
        self.options = dict(options or {})
        self._free: queue.SimpleQueue | None = None
        self._slots: list[_Slot] = []
        self._lock: threading.Lock | None = None

    def __getstate__(self) -> dict:  # only the configuration travels to the workers
        return {"executor_name": self.executor_name, "options": self.options}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["executor_name"], state["options"])

    def setup(self, worker: Any = None) -> None:
        self._free = queue.SimpleQueue()
        self._slots = []
        self._lock = threading.Lock()

    def teardown(self, worker: Any = None) -> None:
        for slot in self._slots:
            try:
                slot.close()
            except Exception:  # noqa: BLE001,S112 - shutting down anyway
                continue
        self._slots = []

    def run(self, task: Task) -> Outcome:
        if self._free is None or self._lock is None:
            self.setup()
        try:
            slot = self._free.get_nowait()
        except queue.Empty:
            slot = _Slot(self.executor_name, self.options)
            with self._lock:
                self._slots.append(slot)
        try:
            return slot.run(task)
        finally:
            self._free.put(slot)


def with_rows(task: Task, outcome: Outcome) -> Outcome:
    """The outcome with the article's store rows made here (:func:`newsnb.store.tables.records`),
    so the submitting process only writes them."""
    if outcome.status == "ok" and outcome.data and outcome.rows is None:
        from ..store.tables import records

        try:
            outcome.rows = records(json.loads(outcome.data), slug=task.job.slug, html=f"{task.job.slug}.html")
        except (ValueError, TypeError):  # the submitting process makes them, or reports the bad data
            outcome.rows = None
    return outcome


def render_on_worker(task: Task, executor_name: str = "warm", options: dict | None = None) -> Outcome:
    """The Dask task: render one article on this worker's warm kernel; its store rows with it."""
    worker = get_worker()
    plugin = worker.plugins.get(PLUGIN_NAME)
    if plugin is None:  # a worker that joined before the plugin was registered
        plugin = WarmKernelPlugin(executor_name, options)
        plugin.setup(worker)
        worker.plugins[PLUGIN_NAME] = plugin
    return with_rows(task, plugin.run(task))


class DaskBackend:
    """Send render tasks to a Dask cluster; yield (task, outcome) as they finish."""

    #: the corpus report runs in the submitting process (its data is there)
    can_render_corpus = False

    def __init__(self, address: str | Client, executor_name: str = "warm", options: dict | None = None):
        self.address = address
        self.executor_name = executor_name
        self.options = dict(options or {})
        where = address if isinstance(address, str) else getattr(address, "scheduler", None) and address.scheduler.address
        self.description = f"Dask cluster {where}"

    def run(self, tasks: list[Task]) -> Iterator[tuple[Task, Outcome]]:
        own = isinstance(self.address, str)
        client = Client(self.address, timeout="60s") if own else self.address
        futures = []
        try:
            client.register_plugin(WarmKernelPlugin(self.executor_name, self.options), name=PLUGIN_NAME)
            by_key = {}
            for t in tasks:
                f = client.submit(render_on_worker, t, self.executor_name, self.options, pure=False,
                                  key=f"newsnb-render-{t.job.slug}-{id(t):x}")
                by_key[f.key] = t
                futures.append(f)
            for f in as_completed(futures):
                t = by_key[f.key]
                try:
                    outcome = f.result()
                except Exception as exc:  # noqa: BLE001 - the task itself failed on the worker
                    outcome = Outcome(status="failed", error=error_line(t.job, exc), failure="kernel")
                f.release()
                yield t, outcome
        finally:
            if futures:
                try:
                    client.cancel([f for f in futures if not f.done()])
                except Exception:  # noqa: BLE001,S110
                    pass
            if own:
                client.close()

    def corpus(self, out, timeout):  # noqa: ANN001 - Backend protocol
        raise NewsnbError("the Dask backend does not render the corpus report; it runs in the submitting process")

    def story_pages(self, out, stories, timeout):  # noqa: ANN001 - Backend protocol
        raise NewsnbError("the Dask backend does not render story pages; they run in the submitting process")

    def close(self) -> None:
        """Nothing to free: the client of each run is closed when the run ends."""
