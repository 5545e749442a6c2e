"""``newsnb render`` over a batch: parallel workers, incremental runs, kills, timeouts, dead kernels,
output errors. Real processes and real kernels; no timed assertions."""
from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from newsnb.core import config
from newsnb.core.files import OutputError
from newsnb.run.batch import render

pytestmark = pytest.mark.slow
NOTEBOOKS = config.TESTS_DATA_DIR / "notebooks"
LIGHT = NOTEBOOKS / "light.ipynb"
PROBE = NOTEBOOKS / "probe.ipynb"


def _articles(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in texts.items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def _newsnb(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsnb", *args], capture_output=True, text=True, timeout=600, **kw)


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text("utf-8"))["articles"]


def _complete_reports(out: Path) -> set[str]:
    """Slugs with a complete, valid HTML report and notebook (asserting none is truncated)."""
    slugs = set()
    for html in out.glob("*.html"):
        text = html.read_text("utf-8")
        assert text.rstrip().endswith("</html>"), f"truncated report {html}"
        if html.stem in ("index", "corpus"):  # the batch's own pages
            continue
        nbformat.validate(nbformat.read(out / f"{html.stem}.ipynb", as_version=4))
        slugs.add(html.stem)
    return slugs


def test_dead_kernel_fails_that_article_and_the_batch_goes_on(tmp_path):
    src = _articles(tmp_path / "in", {
        "a.txt": "First story\n\nA calm paragraph.",
        "b.txt": "Second story\n\nThis one says DIE-NOW in the body.",
        "c.txt": "Third story\n\nAnother calm paragraph.",
    })
    out = tmp_path / "out"
    summary = render([src], out=out, notebook=PROBE, jobs=1, executor="warm")
    status = {r.slug: r for r in summary.results}
    assert status["a"].status == "ok" and status["c"].status == "ok"
    b = status["b"]
    assert b.status == "failed"
    assert "b.txt" in b.error and "kernel died" in b.error and "retried once on a fresh kernel" in b.error
    assert "\n" not in b.error
    assert _manifest(out)["b"]["status"] == "failed"
    # the next article ran on a new kernel (the one started for the retry, or after it)
    pid_a = json.loads((out / "data" / "a.json").read_text())["pid"]
    pid_c = json.loads((out / "data" / "c.json").read_text())["pid"]
    assert pid_a != pid_c
    assert _complete_reports(out) == {"a", "c"}


def test_hang_times_out_and_is_retried_once_on_a_fresh_kernel(tmp_path):
    src = _articles(tmp_path / "in", {
        "once.txt": "Hangs once\n\nThis one says HANG-ONCE: the first attempt hangs.",
        "always.txt": "Hangs always\n\nThis one says HANG-ALWAYS.",
        "fine.txt": "Fine story\n\nNothing to see.",
    })
    out = tmp_path / "out"
    summary = render([src], out=out, notebook=PROBE, jobs=1, timeout=4)
    r = {x.slug: x for x in summary.results}
    assert r["fine"].status == "ok" and r["fine"].attempts == 1
    assert r["once"].status == "ok" and r["once"].attempts == 2
    assert "timed out after 4 s" in r["once"].first_error
    assert r["always"].status == "failed"
    assert "timed out after 4 s" in r["always"].error and "retried once" in r["always"].error
    entry = _manifest(out)["once"]
    assert entry["status"] == "ok" and entry["attempts"] == 2 and "timed out" in entry["first_error"]
    assert "rendered on a second attempt" in str(summary)


def test_jobs_1_and_jobs_2_give_the_same_analysis(tmp_path, seed_path):
    """The real article notebook: same data JSON whichever the number of workers."""
    src = _articles(tmp_path / "in", {
        "harbour.txt": "Harbour reopens after storm\n\nThe harbour in Portvale reopened on Tuesday, "
                       "the council said. Mayor Ann Rivers thanked the crews.\n\nShips returned by evening.",
        "school.txt": "New school opens in Eastfield\n\nPupils arrived at the new Eastfield Academy on Monday. "
                      "Head teacher Tom Baker said it was a proud day.",
        "rail.txt": "Rail strike called off\n\nThe union said talks with Northline Trains had gone well. "
                    "Passengers were relieved.",
    })
    outs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        proc = _newsnb("render", str(src), "--out", str(out), "--jobs", str(jobs), "-q")
        assert proc.returncode == 0, proc.stdout + proc.stderr
        outs[jobs] = out
    names = sorted(p.name for p in (outs[1] / "data").glob("*.json"))
    assert names == ["harbour.json", "rail.json", "school.json"]
    for name in names:
        assert (outs[1] / "data" / name).read_bytes() == (outs[2] / "data" / name).read_bytes(), name
    assert _complete_reports(outs[1]) == _complete_reports(outs[2]) == {"harbour", "rail", "school"}
    # the corpus report: on the one warm kernel (--jobs 1) or on a worker's (--jobs 2), the same page
    # (the only difference allowed: the random id Papermill gives its injected-parameters cell)
    pages = [re.sub(r"cell-id=[0-9a-f]{8}\b", "cell-id=…", (o / "corpus.html").read_text("utf-8")) for o in (outs[1], outs[2])]
    assert "Harbour reopens after storm" in pages[0]
    assert pages[0] == pages[1]


def test_pooled_render_runs_the_corpus_report_on_a_worker_kernel(tmp_path, monkeypatch):
    """With worker processes, this process starts no kernel: the corpus report runs on a worker's
    warm kernel after the articles."""
    from newsnb.run import kernels

    started = []

    def refuse(self, *args, **kwargs):
        started.append(self)
        raise RuntimeError("a kernel was started in the main process")

    monkeypatch.setattr(kernels.WarmKernel, "start", refuse)
    src = _articles(tmp_path / "in", {
        "ferry.txt": "Ferry service resumes\n\nThe ferry to Holm Island sailed again on Friday, the operator said.",
        "bridge.txt": "Bridge repairs finish early\n\nEngineer Lena Novak said the bridge was safe.",
    })
    out = tmp_path / "out"
    summary = render([src], out=out, jobs=2)
    assert len(summary.ok) == 2, summary.failed
    assert not started
    assert (out / "corpus.html").is_file() and (out / "corpus.ipynb").is_file()
    index = (out / "index.html").read_text("utf-8")
    assert "href='corpus.html'" in index and "corpus report failed" not in index.lower()


def test_incremental_skip_force_and_no_heavy_imports(tmp_path):
    src = _articles(tmp_path / "in", {f"s{i}.txt": f"Story {i}\n\nParagraph number {i}." for i in range(4)})
    out = tmp_path / "out"
    nb = tmp_path / "light.ipynb"
    nb.write_bytes(LIGHT.read_bytes())
    first = _newsnb("render", str(src), "--out", str(out), "--notebook", str(nb), "--jobs", "2", "-q")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "4 rendered" in first.stdout
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.html")}
    rendered_at = {k: v["rendered_at"] for k, v in _manifest(out).items()}

    # nothing changed: nothing rendered, no kernel, no heavy import
    again = subprocess.run([sys.executable, "-X", "importtime", "-m", "newsnb", "render", str(src), "--out", str(out),
                            "--notebook", str(nb), "-q"], capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "0 rendered, 0 failed, 4 up to date" in again.stdout
    imported = {line.split("|")[-1].strip() for line in again.stderr.splitlines() if line.startswith("import time:")}
    for heavy in ("spacy", "pandas", "papermill", "nbconvert", "nbclient", "matplotlib", "jupyter_client", "tqdm"):
        assert heavy not in imported, f"{heavy} imported on a no-change run"
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.html")} == stamps

    # one article changed: only it is rendered
    (src / "s2.txt").write_text("Story 2, revised\n\nA new paragraph.", encoding="utf-8")
    changed = _newsnb("render", str(src), "--out", str(out), "--notebook", str(nb), "-q")
    assert "1 rendered, 0 failed, 3 up to date" in changed.stdout, changed.stdout + changed.stderr
    after = _manifest(out)
    assert after["s2"]["headline"] == "Story 2, revised"
    assert all(after[s]["rendered_at"] == rendered_at[s] for s in ("s0", "s1", "s3"))

    # the notebook changed: everything is rendered again
    book = nbformat.read(nb, as_version=4)
    book.cells.append(nbformat.v4.new_markdown_cell("A new note.", id="note-0"))
    nbformat.write(book, nb)
    renb = _newsnb("render", str(src), "--out", str(out), "--notebook", str(nb), "-q")
    assert "4 rendered, 0 failed, 0 up to date" in renb.stdout, renb.stdout + renb.stderr

    # --force renders everything although it is up to date
    forced = _newsnb("render", str(src), "--out", str(out), "--notebook", str(nb), "-q", "--force")
    assert "4 rendered, 0 failed, 0 up to date" in forced.stdout, forced.stdout + forced.stderr
    assert len(_manifest(out)) == 4 and _complete_reports(out) == {"s0", "s1", "s2", "s3"}


def _session_pids(sid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.getsid(int(entry)) == sid:
                    pids.append(int(entry))
            except (ProcessLookupError, PermissionError):
                continue
    return pids


def test_sigkill_halfway_then_rerun(tmp_path):
    n = 14
    src = _articles(tmp_path / "in", {f"k{i:02d}.txt": f"Story {i}\n\nThis story is SLOW, number {i}." for i in range(n)})
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "newsnb", "render", str(src), "--out", str(out), "--notebook", str(PROBE),
           "--jobs", "2", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                done = [e for e in _manifest(out).values() if e["status"] == "ok"]
            except (OSError, ValueError, KeyError):
                done = []
            if len(done) >= 4:
                break
            assert proc.poll() is None, "the render finished before it could be killed"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)  # the main process only, as `kill -9 PID` would
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    # workers and kernels notice that their parent is gone and exit
    deadline = time.monotonic() + 60
    while _session_pids(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _session_pids(proc.pid), "processes left behind by the killed render"

    finished = {s: e["rendered_at"] for s, e in _manifest(out).items() if e["status"] == "ok"}
    assert 4 <= len(finished) < n
    complete = _complete_reports(out)
    assert set(finished) <= complete  # the manifest never lists a report that is not there

    rerun = _newsnb("render", str(src), "--out", str(out), "--notebook", str(PROBE), "--jobs", "2", "-q")
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{len(finished)} up to date" in rerun.stdout
    manifest = _manifest(out)
    assert sorted(manifest) == [f"k{i:02d}" for i in range(n)]  # none duplicated, none missing
    assert all(e["status"] == "ok" for e in manifest.values())
    assert all(manifest[s]["rendered_at"] == t for s, t in finished.items())  # finished ones not redone
    assert _complete_reports(out) == set(manifest)
    assert not (out / ".work").exists() and not list(out.glob(".*.tmp"))
    # the store: every article once, as the manifest says (the killed run's queued rows repaired)
    from newsnb.store import connect

    stored = connect(out).sql("SELECT slug, count(*) FROM articles GROUP BY slug ORDER BY slug").fetchall()
    assert stored == [(s, 1) for s in sorted(manifest)]


def test_unwritable_output_is_one_clear_line(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    src = _articles(tmp_path / "in", {"a.txt": "Story\n\nText."})
    proc = _newsnb("render", str(src), "--out", str(blocker / "reports"), "--notebook", str(LIGHT))
    assert proc.returncode == 2
    err = proc.stderr.strip()
    assert err.startswith("newsnb: cannot write reports to") and "\n" not in err, err


def test_full_disk_midway_stops_with_earlier_reports_intact(tmp_path, monkeypatch):
    import newsnb.run.batch as render_mod

    src = _articles(tmp_path / "in", {f"f{i}.txt": f"Story {i}\n\nParagraph {i}." for i in range(4)})
    out = tmp_path / "out"
    real = render_mod.write_atomic
    calls = {"n": 0}

    def filling_up(path, data):
        if Path(path).suffix == ".html" and Path(path).name != "index.html":
            calls["n"] += 1
            if calls["n"] > 2:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(path, data)

    monkeypatch.setattr(render_mod, "write_atomic", filling_up)
    with pytest.raises(OutputError) as info:
        render([src], out=out, notebook=LIGHT, jobs=1)
    assert "No space left on device" in str(info.value) and "\n" not in str(info.value)
    assert _complete_reports(out) == {"f0", "f1"}
    assert {s for s, e in _manifest(out).items() if e["status"] == "ok"} == {"f0", "f1"}
    monkeypatch.setattr(render_mod, "write_atomic", real)
    summary = render([src], out=out, notebook=LIGHT, jobs=1)
    assert len(summary.ok) == 2 and len(summary.skipped) == 2
    assert _complete_reports(out) == {"f0", "f1", "f2", "f3"}


def test_analyze_jsonl_batched_and_parallel_match_one_by_one(tmp_path):
    from newsnb.analysis import analyze

    src = tmp_path / "in"
    src.mkdir()
    people = ["Ann Rivers", "Tom Baker", "Sara Lind", "Omar Haddad", "Li Wei"]
    for i in range(40):
        (src / f"a{i:02d}.txt").write_text(
            f"Council story {i}\n\n{people[i % 5]} of the Portvale council said on Monday that "
            f"the bridge would cost {i} million pounds.\n\nCritics called it a bad plan.", encoding="utf-8")
    (src / "zz_empty.txt").write_text("", encoding="utf-8")
    runs = {}
    for jobs in ("1", "2"):
        proc = _newsnb("analyze", str(src), "--format", "jsonl", "--jobs", jobs)
        assert proc.returncode == 1  # the empty file
        assert proc.stderr.count("empty file") == 1
        runs[jobs] = proc.stdout.splitlines()
    assert runs["1"] == runs["2"]
    assert len(runs["1"]) == 40
    assert [json.loads(x)["article"]["slug"] for x in runs["1"]] == [f"a{i:02d}" for i in range(40)]
    for i in (0, 17, 39):
        assert json.loads(runs["1"][i]) == json.loads(analyze(src / f"a{i:02d}.txt").to_json())


def test_unchanged_failures_are_not_retried_but_force_does(tmp_path):
    src = _articles(tmp_path / "in", {
        "good.txt": "Good story\n\nA calm paragraph.",
        "bad.txt": "Bad story\n\nThis one says FAIL-ME.",
        "empty.txt": "",
    })
    out = tmp_path / "out"
    first = render([src], out=out, notebook=LIGHT, jobs=1)
    assert {r.slug: (r.status, r.failure) for r in first.results} == {
        "good": ("ok", None), "bad": ("failed", "notebook"), "empty": ("failed", "load")}
    again = render([src], out=out, notebook=LIGHT, jobs=1)
    assert again.results == [] and len(again.skipped) == 3
    assert "2 of the up-to-date inputs failed before" in str(again)
    proc = _newsnb("render", str(src), "--out", str(out), "--notebook", str(LIGHT), "-q")
    assert proc.returncode == 1 and "0 rendered, 0 failed, 3 up to date" in proc.stdout  # failures still reported
    forced = render([src], out=out, notebook=LIGHT, jobs=1, force=True)
    assert sorted(r.slug for r in forced.results) == ["bad", "empty", "good"]


def test_render_summary_names_the_skipped_image_on_one_line(tmp_path):
    src = _articles(tmp_path / "in", {"story.txt": "A story\n\nA calm paragraph."})
    (src / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    out = tmp_path / "out"
    proc = _newsnb("render", str(src), "--out", str(out), "--notebook", str(LIGHT), "-j", "1", "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("1 rendered, 0 failed, 0 up to date"), proc.stdout
    [line] = [line for line in lines if "photo.png" in line]
    assert re.fullmatch(r"\s*skipped 1 file, not an article format \(\.png\): .*[/\\]photo\.png", line), line
    assert "story.txt" not in line
    assert _complete_reports(out) == {"story"}
