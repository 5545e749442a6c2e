"""``newsnb render --dask``: a real LocalCluster (worker processes), warm kernels per worker."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsnb.core import config
from newsnb.run.batch import render

pytestmark = pytest.mark.slow
PROBE = config.TESTS_DATA_DIR / "notebooks" / "probe.ipynb"


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as c:
        yield c


def test_render_on_a_local_cluster(tmp_path, cluster, monkeypatch):
    from newsnb.store import connect
    from newsnb.store.writer import StoreWriter

    made_by_workers = []
    add = StoreWriter.add

    def spy(self, data=None, **kw):
        made_by_workers.append(kw.get("rows") is not None)
        return add(self, data, **kw)

    monkeypatch.setattr(StoreWriter, "add", spy)
    src = tmp_path / "in"
    src.mkdir()
    for i in range(5):
        (src / f"d{i}.txt").write_text(f"Cluster story {i}\n\nParagraph {i} of the story.", encoding="utf-8")
    (src / "dies.txt").write_text("Dying story\n\nThis one says DIE-NOW.", encoding="utf-8")
    out = tmp_path / "out"
    summary = render([src], out=out, notebook=PROBE, dask=cluster.scheduler_address)
    status = {r.slug: r.status for r in summary.results}
    assert status == {**{f"d{i}": "ok" for i in range(5)}, "dies": "failed"}
    assert "kernel died" in next(r.error for r in summary.failed)
    data = [json.loads((out / "data" / f"d{i}.json").read_text()) for i in range(5)]
    assert all(d["kernel_python"] == sys.executable for d in data)
    import os

    from distributed import Client

    with Client(cluster) as client:
        worker_pids = set(client.run(os.getpid).values())
    assert len(worker_pids) == 2
    kernels = {d["pid"] for d in data}
    assert kernels.isdisjoint(worker_pids)  # notebooks ran in kernels, not in the workers
    # warm kernels are reused: 5 good articles on 2 workers, plus at most the replacements of
    # the kernel that died (and its retry)
    assert len(kernels) <= 4
    for i in range(5):
        html = (out / f"d{i}.html").read_text("utf-8")
        assert f"Cluster story {i}" in html and html.rstrip().endswith("</html>")
    manifest = json.loads((out / "manifest.json").read_text())["articles"]
    assert manifest["d0"]["status"] == "ok"
    # the workers sent each article's store rows; this process wrote them
    assert made_by_workers == [True] * 5
    stored = connect(out).sql("SELECT slug, html FROM articles ORDER BY slug").fetchall()
    assert stored == [(f"d{i}", f"d{i}.html") for i in range(5)]

    # incremental on the cluster too: nothing left to do
    again = render([src], out=out, notebook=PROBE, dask=cluster.scheduler_address)
    assert len(again.skipped) == 5 and [r.slug for r in again.results] == ["dies"]


def test_cli_dask_flag(tmp_path, cluster):
    src = tmp_path / "in"
    src.mkdir()
    (src / "one.txt").write_text("One story\n\nOne paragraph.", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "newsnb", "render", str(src), "--out", str(out), "--notebook", str(PROBE),
                           "--dask", cluster.scheduler_address, "-q"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 rendered" in proc.stdout and "Dask cluster" in proc.stdout
    assert (out / "one.html").is_file()
