from __future__ import annotations

import json
import subprocess
import sys

import pytest




def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "newsnb", *args], capture_output=True, text=True, timeout=300, cwd=cwd)


def test_analyze_json_from_another_folder(tmp_path, seed_path, seed):
    proc = run("analyze", str(seed_path), "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["article"]["headline"]["text"] == seed.headline.text
    for q in data["sentences"]:
        assert seed.text[q["start"]:q["end"]] == q["text"]


def test_analyze_csv(tmp_path, seed_path):
    proc = run("analyze", str(seed_path), "--format", "csv", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "000_042e7d1743e4b445" / "entities.csv").exists()


def test_analyze_bad_file_is_one_line_and_others_go_on(tmp_path, seed_path):
    (tmp_path / "a_empty.txt").write_text("")
    (tmp_path / "b_good.txt").write_text(seed_path.read_text("utf-8"), encoding="utf-8")
    proc = run("analyze", str(tmp_path), "--format", "jsonl")
    assert proc.returncode == 1
    lines = [l for l in proc.stdout.splitlines() if l.strip()]
    assert len(lines) == 1 and json.loads(lines[0])["article"]["slug"] == "b_good"
    err = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(err) == 1 and err[0].startswith(f"newsnb: {tmp_path / 'a_empty.txt'}: empty file")


def test_help_lists_commands():
    proc = run("--help")
    assert proc.returncode == 0
    for cmd in ("analyze", "render", "index"):
        assert cmd in proc.stdout


def test_bad_record_in_a_record_file_is_reported(tmp_path):
    from newsnb.run.plan import plan

    f = tmp_path / "wire.jsonl"
    f.write_text(
        json.dumps({"id": "a1", "title": "Council approves budget", "text": "The city council approved the new budget "
                    "on Monday after a long debate among members about road repairs and school funding."}) + "\n"
        + json.dumps({"id": "a2", "title": "A record with no body"}) + "\n",
        encoding="utf-8",
    )
    proc = run("analyze", str(f), "--format", "jsonl")
    assert proc.returncode == 1
    assert len([l for l in proc.stdout.splitlines() if l.strip()]) == 1
    err = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(err) == 1 and str(f) in err[0] and "record 2" in err[0] and "no body" in err[0]
    planned = plan([f])
    jobs, failures = planned[0], planned[1]
    assert [j.index for j in jobs] == [0]
    assert len(failures) == 1 and "record 2" in failures[0].error


def test_executor_choices_come_from_the_registry(monkeypatch):
    """A registered executor (a plug-in) is a valid --executor choice without touching the CLI."""
    from newsnb.cli.main import parser
    from newsnb.run import executors

    class Quiet(executors.Executor):
        pass

    monkeypatch.setitem(executors.EXECUTORS._items, "quiet", Quiet)
    args = parser().parse_args(["render", "--executor", "quiet"])
    assert args.executor == "quiet"
    with pytest.raises(SystemExit):
        parser().parse_args(["render", "--executor", "no-such-executor"])


def test_analyze_names_what_a_folder_walk_skips(tmp_path, seed_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_bytes(seed_path.read_bytes())
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    proc = run("analyze", str(folder), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if "skipped" in line]
    assert lines == [f"newsnb: skipped 1 file, not an article format (.png): {folder / 'photo.png'}"]
