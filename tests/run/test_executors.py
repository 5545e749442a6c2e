"""Warm kernels and the ``newsnb`` Papermill engine, with real kernels."""
from __future__ import annotations

import json
import os
import sys

import pytest

from newsnb.core import config
from newsnb.run.executors import PapermillExecutor, WarmExecutor, executor, executors

pytestmark = pytest.mark.slow
NOTEBOOKS = config.TESTS_DATA_DIR / "notebooks"


def _fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def _rss(pid: int | str = "self") -> int:
    """Resident set size in bytes."""
    with open(f"/proc/{pid}/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_registry_and_engine_entry_point():
    assert {"warm", "papermill"} <= set(executors())
    assert isinstance(executor(), WarmExecutor)  # the default
    from importlib.metadata import entry_points

    names = {ep.name: ep.value for ep in entry_points(group="papermill.engine")}
    assert names.get("newsnb") == "newsnb.run.engine:WarmEngine"
    from papermill.engines import papermill_engines

    from newsnb.run.engine import WarmEngine

    assert papermill_engines.get_engine("newsnb") is WarmEngine


def test_isolation_between_notebooks_on_one_kernel(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    with WarmExecutor(preload="none") as ex:
        ex.execute(NOTEBOOKS / "isolation_set.ipynb", None, {"data_path": str(tmp_path / "set.json")}, cwd=work)
        ex.execute(NOTEBOOKS / "isolation_check.ipynb", None, {"data_path": str(tmp_path / "check.json")}, cwd=work)
        assert ex.kernels_started == 1
    first = json.loads((tmp_path / "set.json").read_text())
    seen = json.loads((tmp_path / "check.json").read_text())
    assert first["figures"] == 1
    assert seen["pid"] == first["pid"], "the second notebook did not run on the same kernel"
    assert seen["variable"] is False
    assert seen["alias"] is False
    assert seen["linewidth"] != 9.5
    assert seen["figures"] == 0
    assert seen["environ"] is False
    assert seen["sys_path"] is False
    assert seen["pandas_max_rows"] == 60
    assert seen["cwd"] == str(work)


def test_isolation_with_the_full_stack_preloaded(tmp_path):
    """As in a real render: pandas and matplotlib loaded at warm-up; their settings are put back."""
    with WarmExecutor() as ex:
        ex.execute(NOTEBOOKS / "isolation_set.ipynb", None, {"data_path": str(tmp_path / "set.json")}, cwd=tmp_path)
        ex.execute(NOTEBOOKS / "isolation_check.ipynb", None, {"data_path": str(tmp_path / "check.json")}, cwd=tmp_path)
    first = json.loads((tmp_path / "set.json").read_text())
    seen = json.loads((tmp_path / "check.json").read_text())
    assert seen["pid"] == first["pid"]
    assert (seen["variable"], seen["alias"], seen["environ"], seen["sys_path"]) == (False, False, False, False)
    assert seen["linewidth"] != 9.5 and seen["figures"] == 0
    assert seen["pandas_max_rows"] == 60
    assert seen["cwd"] == str(tmp_path)


def test_warm_kernel_has_the_stack_loaded_and_runs_this_python(tmp_path, seed_path, seed):
    data = tmp_path / "d.json"
    with WarmExecutor() as ex:
        nb = ex.execute(NOTEBOOKS / "probe.ipynb", None, {"article_path": str(seed_path), "data_path": str(data)},
                        cwd=tmp_path)
        from jupyter_core.utils import run_sync

        from newsnb.run.kernels import _run_code

        async def loaded():
            kc = ex.kernel.km.client()
            kc.start_channels()
            try:
                await kc._async_wait_for_ready(timeout=60)
                code = ("import sys; assert all(m in sys.modules for m in "
                        "('pandas', 'matplotlib', 'spacy', 'newsnb.analysis')); "
                        "from newsnb import nlp; assert nlp._MODEL is not None")
                return await _run_code(kc, code, 60)
            finally:
                kc.stop_channels()

        assert run_sync(loaded)()["status"] == "ok"
    assert json.loads(data.read_text())["kernel_python"] == sys.executable
    assert nb.cells[-1].outputs[0]["text"].strip() == seed.title


def test_fds_and_memory_stay_flat_over_200_notebooks():
    tiny = NOTEBOOKS / "tiny.ipynb"
    fds, rss, kernel_rss = [], [], []
    with WarmExecutor(preload="none", recycle_after=10_000) as ex:
        for i in range(200):
            nb = ex.execute(tiny, None, {"n": i}, cwd=NOTEBOOKS)
            assert nb.cells[-1].outputs[0]["text"].strip() == str(10 * i)
            fds.append(_fds())
            rss.append(_rss())
            kernel_rss.append(_rss(ex.kernel.pid))
        assert ex.kernels_started == 1
    q = len(fds) // 4

    def mean(xs):
        return sum(xs) / len(xs)

    # first quarter after the first few notebooks (lazy imports, caches) vs the last quarter
    assert max(fds[-q:]) <= max(fds[5:q]) + 1, (fds[5:q], fds[-q:])
    assert mean(rss[-q:]) <= mean(rss[5:q]) + 12 * 2**20, (mean(rss[5:q]), mean(rss[-q:]))
    assert mean(kernel_rss[-q:]) <= mean(kernel_rss[5:q]) + 12 * 2**20


def test_dead_kernel_is_replaced(tmp_path):
    from newsnb.run.kernels import KernelDied

    src = tmp_path / "die.txt"
    src.write_text("Dying story\n\nThis one says DIE-NOW.", encoding="utf-8")
    ok = tmp_path / "ok.txt"
    ok.write_text("Calm story\n\nNothing happens.", encoding="utf-8")
    probe = NOTEBOOKS / "probe.ipynb"
    with WarmExecutor(preload="none") as ex:
        ex.execute(probe, None, {"article_path": str(ok), "data_path": str(tmp_path / "1.json")}, cwd=tmp_path)
        first_pid = ex.kernel.pid
        with pytest.raises(KernelDied, match="kernel died"):
            ex.execute(probe, None, {"article_path": str(src), "data_path": str(tmp_path / "2.json")}, cwd=tmp_path)
        ex.execute(probe, None, {"article_path": str(ok), "data_path": str(tmp_path / "3.json")}, cwd=tmp_path)
        assert ex.kernels_started == 2
    assert json.loads((tmp_path / "3.json").read_text())["pid"] != first_pid


def test_recycle_after(tmp_path):
    tiny = NOTEBOOKS / "tiny.ipynb"
    with WarmExecutor(preload="none", recycle_after=2) as ex:
        pids = []
        for i in range(5):
            ex.execute(tiny, None, {"n": i}, cwd=tmp_path)
            pids.append(ex.kernel.pid)
        assert ex.kernels_started == 3
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4]


def test_papermill_engine_without_km_reuses_its_kernel(tmp_path, seed_path):
    """Plain Papermill with ``engine_name="newsnb"``: a process-wide warm kernel, reset between runs."""
    import subprocess

    script = f"""
import json, papermill
for i in (1, 2):
    papermill.execute_notebook({str(NOTEBOOKS / 'probe.ipynb')!r}, {str(tmp_path)!r} + f"/out{{i}}.ipynb",
        parameters={{"article_path": {str(seed_path)!r}, "data_path": {str(tmp_path)!r} + f"/d{{i}}.json"}},
        engine_name="newsnb", progress_bar=False, cwd={str(tmp_path)!r})
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    d1, d2 = (json.loads((tmp_path / f"d{i}.json").read_text()) for i in (1, 2))
    assert d1["pid"] == d2["pid"]
    assert d1["cwd"] == d2["cwd"] == str(tmp_path)
    assert (tmp_path / "out2.ipynb").is_file()


def test_fresh_kernel_executor_timeout(tmp_path):
    from newsnb.run.kernels import NotebookTimeout

    src = tmp_path / "hang.txt"
    src.write_text("Hanging story\n\nThis one says HANG-ALWAYS.", encoding="utf-8")
    with PapermillExecutor() as ex, pytest.raises(NotebookTimeout, match="timed out after 3 s"):
        ex.execute(NOTEBOOKS / "probe.ipynb", None, {"article_path": str(src), "data_path": str(tmp_path / "d.json")},
                   cwd=tmp_path, timeout=3)
