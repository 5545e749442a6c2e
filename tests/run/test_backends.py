"""Render backends: one registry, one small protocol, chosen by the batch."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsnb.run.backends import BACKENDS, Backend, InProcess, ProcessPool, backend_for
from newsnb.run.distributed import DaskBackend
from newsnb.run.plan import Job
from newsnb.run.tasks import Task


def _tasks(tmp_path: Path, n: int) -> list[Task]:
    tasks = []
    for i in range(n):
        src = tmp_path / f"a{i}.txt"
        src.write_text(f"Story {i}\n\nParagraph {i}.")
        tasks.append(Task(job=Job(source=src, index=0, slug=f"a{i}", headline=f"Story {i}", sha256=""), notebook="nb.ipynb"))
    return tasks


@pytest.mark.parametrize("name, cls, corpus_here", [
    ("local", InProcess, True), ("processes", ProcessPool, True),
])
def test_registered_backends_follow_the_protocol(name, cls, corpus_here):
    backend = BACKENDS.get(name)(executor_name="papermill", options={}, jobs=2)
    try:
        assert isinstance(backend, cls) and isinstance(backend, Backend)
        assert backend.can_render_corpus is corpus_here and backend.description
    finally:
        backend.close()


def test_dask_backend_follows_the_protocol_without_connecting():
    backend = BACKENDS.get("dask")(executor_name="warm", options={}, address="tcp://127.0.0.1:1")
    assert isinstance(backend, DaskBackend) and isinstance(backend, Backend)
    assert backend.can_render_corpus is False and "127.0.0.1:1" in backend.description


@pytest.mark.parametrize("jobs, n, dask, expected", [
    (1, 5, None, InProcess),
    (4, 1, None, InProcess),
    (2, 5, None, ProcessPool),
    (2, 5, "tcp://127.0.0.1:1", DaskBackend),
])
def test_backend_for_picks_by_jobs_articles_and_cluster(tmp_path, jobs, n, dask, expected):
    tasks = _tasks(tmp_path, n)
    backend = backend_for(tasks, jobs=jobs, dask=dask, executor="papermill", recycle_after=10, notebook_bytes=b"{}")
    try:
        assert type(backend) is expected
        if dask:  # the articles travel with the tasks: workers may not share this machine's files
            assert all(t.source_bytes == t.job.source.read_bytes() and t.notebook_bytes == b"{}" and t.workdir is None
                       for t in tasks)
    finally:
        backend.close()
