"""Real Papermill runs with real kernels."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from newsnb.core import config
from newsnb.run.batch import render

pytestmark = pytest.mark.slow
LIGHT = config.TESTS_DATA_DIR / "notebooks" / "light.ipynb"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, seed_path):
    """`newsnb render` run as a user would, from another folder, with the venv not activated and a
    broken `python3` kernelspec installed: the kernel must still be this environment's Python."""
    tmp = tmp_path_factory.mktemp("render")
    bogus = tmp / "jupyter" / "kernels" / "python3"
    bogus.mkdir(parents=True)
    (bogus / "kernel.json").write_text(json.dumps({"argv": ["/bin/false", "{connection_file}"], "display_name": "broken", "language": "python"}))
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = "/usr/bin:/bin"
    env["JUPYTER_PATH"] = str(tmp / "jupyter")
    env["JUPYTER_DATA_DIR"] = str(tmp / "jupyter")
    out = tmp / "out"
    newsnb_cmd = Path(sys.executable).parent / "newsnb"
    # `--out out`, relative, like `make reports`: the kernel runs in notebooks/, the paths must not
    proc = subprocess.run([str(newsnb_cmd), "render", str(seed_path), "--out", "out"], cwd=tmp, env=env,
                          capture_output=True, text=True, timeout=600)
    return proc, out


def test_render_exit_status_and_files(rendered):
    proc, out = rendered
    assert proc.returncode == 0, proc.stdout + proc.stderr
    slug = "000_042e7d1743e4b445"
    for name in (f"{slug}.html", f"{slug}.ipynb", f"data/{slug}.json", "index.html", "manifest.json"):
        assert (out / name).is_file(), name
    assert not (out / ".work").exists()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["articles"][slug]["status"] == "ok"


def test_report_html_content(rendered, seed):
    _, out = rendered
    html = (out / "000_042e7d1743e4b445.html").read_text("utf-8")
    assert seed.headline.text in html
    for person in ("Sergey Lavrov", "Joe Biden", "Xi Jinping"):
        assert person in html
    assert html.count("data:image/svg+xml;base64") >= 2  # figures embedded, as images
    assert re.search(r"<img src=\"data:image/svg\+xml;base64,[^\"]+\" alt=\"Who and what is mentioned: [^\"]*Sergey Lavrov", html)
    assert not re.search(r"""(src|href)=["']https?://""", html), "report loads something from another host"
    notebook = nbformat.read(config.ARTICLE_NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            for line in cell.source.splitlines():
                if len(line.strip()) > 12:
                    assert line.strip() not in html, f"code shown in report: {line}"


def test_executed_notebook_and_data(rendered, seed):
    _, out = rendered
    nb = nbformat.read(out / "000_042e7d1743e4b445.ipynb", as_version=4)
    assert all(c.get("outputs") is not None for c in nb.cells if c.cell_type == "code")
    assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
    data = json.loads((out / "data" / "000_042e7d1743e4b445.json").read_text("utf-8"))
    assert data["article"]["sha256"] == seed.sha256


def test_relative_out_keeps_everything_in_it(rendered):
    _, out = rendered
    assert (out / "corpus.html").is_file()  # built from out/data/*.json
    assert not (config.NOTEBOOKS_DIR / "out").exists(), "files written relative to the kernel's folder"


def test_index_lists_and_links(rendered, seed):
    _, out = rendered
    index = (out / "index.html").read_text("utf-8")
    assert 'href="000_042e7d1743e4b445.html"' in index
    assert seed.headline.text in index
    assert "http://" not in index and "https://" not in index


def test_batch_goes_on_after_failures(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_ok.txt").write_text("First story\n\nA calm paragraph.", encoding="utf-8")
    (src / "b_fails.txt").write_text("Second story\n\nThis one says FAIL-ME in the body.", encoding="utf-8")
    (src / "c_empty.txt").write_text("", encoding="utf-8")
    (src / "d_ok.txt").write_text("Fourth story\n\nAnother calm paragraph.", encoding="utf-8")
    out = tmp_path / "out"
    summary = render([src], out=out, notebook=LIGHT)
    status = {r.slug: r.status for r in summary.results}
    assert status == {"a_ok": "ok", "b_fails": "failed", "c_empty": "failed", "d_ok": "ok"}
    errors = {r.slug: r.error for r in summary.failed}
    assert errors["c_empty"].startswith(f"{src / 'c_empty.txt'}: empty file")
    assert "b_fails.txt" in errors["b_fails"] and "the test article asked to fail" in errors["b_fails"]
    assert all("\n" not in e for e in errors.values())
    data = json.loads((out / "data" / "a_ok.json").read_text())
    assert data["kernel_python"] == sys.executable
    index = (out / "index.html").read_text("utf-8")
    assert "the test article asked to fail" in index and "empty file" in index

    # An earlier good report survives a later failure of the same article.
    good_html = (out / "a_ok.html").read_bytes()
    (src / "a_ok.txt").write_text("First story\n\nNow it says FAIL-ME.", encoding="utf-8")
    again = render([src / "a_ok.txt"], out=out, notebook=LIGHT)
    assert [r.status for r in again.results] == ["failed"]
    assert (out / "a_ok.html").read_bytes() == good_html
    entry = json.loads((out / "manifest.json").read_text())["articles"]["a_ok"]
    assert entry["status"] == "ok" and "asked to fail" in entry["last_error"]


def test_cli_exit_status_reports_failure(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    proc = subprocess.run([sys.executable, "-m", "newsnb", "render", str(tmp_path / "bad.txt"), "--out", str(tmp_path / "o"),
                           "--notebook", str(LIGHT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "binary file" in proc.stdout + proc.stderr
