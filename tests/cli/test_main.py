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


# ---------------------------------------------------------------- the store: query, analyze --store, store

def _tiny_store(out):
    from newsnb.store.writer import StoreWriter

    with StoreWriter(out) as w:
        for slug, outlet, speakers in (("a", "The Gazette", ["Ann Lee", "Bo Chan"]), ("b", "Daily Post", ["Ann Lee"])):
            w.add({"article": {"slug": slug, "meta": {"outlet": outlet}},
                   "quotes": [{"speaker": s, "start": i, "end": i + 1} for i, s in enumerate(speakers)]})


SPEAKERS = "SELECT speaker, count(*) AS quotes FROM quotes GROUP BY 1 ORDER BY 2 DESC, 1"


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_prints_the_result_in_each_format(tmp_path, fmt):
    _tiny_store(tmp_path)
    proc = run("query", SPEAKERS, "--out", str(tmp_path), "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    if fmt == "json":
        assert json.loads(proc.stdout) == [{"speaker": "Ann Lee", "quotes": 2}, {"speaker": "Bo Chan", "quotes": 1}]
    elif fmt == "csv":
        assert proc.stdout.splitlines() == ["speaker,quotes", "Ann Lee,2", "Bo Chan,1"]
    else:
        lines = proc.stdout.splitlines()
        assert lines[0].split() == ["speaker", "quotes"] and lines[1].split() == ["Ann", "Lee", "2"]
        assert lines[-1] == "(2 rows)"


@pytest.mark.parametrize("sql, words", [
    ("SELEC speaker FROM quotes", ["query failed", "syntax error"]),
    ("SELECT nope FROM quotes", ["query failed", "nope"]),
    ("SELECT * FROM no_such_table", ["query failed", "no_such_table"]),
])
def test_a_bad_query_is_one_line_naming_the_problem(tmp_path, sql, words):
    _tiny_store(tmp_path)
    proc = run("query", sql, "--out", str(tmp_path))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and all(w in proc.stderr for w in words), proc.stderr


def test_query_without_a_store_names_the_folder(tmp_path):
    proc = run("query", "SELECT 1", "--out", str(tmp_path / "empty"))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "no store in" in proc.stderr and str(tmp_path / "empty") in proc.stderr


def test_analyze_into_a_store_then_query_it(tmp_path):
    wire = tmp_path / "in" / "wire.jsonl"
    wire.parent.mkdir()
    body = ("The city council approved the new harbour budget on Monday. \"We have waited long enough,\" said "
            "Mayor Ann Lee. Opposition leader Bo Chan said the plan would cost $12 million more than promised.")
    records = [{"id": f"w{i}", "title": f"Harbour budget {i}", "text": body, "outlet": outlet, "date": date,
                "author": "Cy Dee"} for i, (outlet, date) in enumerate([("The Gazette", "2019-03-04"),
                                                                         ("Daily Post", "2019-04-01")])]
    wire.write_text("\n".join(json.dumps(r) for r in records) + "\n" + json.dumps({"id": "w9", "title": "No body"}) + "\n")
    proc = run("analyze", str(wire.parent), "--store", str(tmp_path / "db"))
    assert proc.returncode == 1  # one record could not be read ...
    err = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(err) == 1 and "record 3" in err[0]  # ... and says so on one line
    assert proc.stdout.startswith("2 articles stored, 1 not")
    again = run("analyze", str(wire.parent), "--store", str(tmp_path / "db"))  # analysed again: replaced
    assert "(2 articles in the store)" in again.stdout
    q = run("query", "SELECT outlet, month, author FROM articles ORDER BY 1", "--out", str(tmp_path / "db"),
            "--format", "json")
    assert json.loads(q.stdout) == [{"outlet": "Daily Post", "month": "2019-04", "author": "Cy Dee"},
                                    {"outlet": "The Gazette", "month": "2019-03", "author": "Cy Dee"}]
    speakers = run("query", "SELECT DISTINCT speaker FROM quotes ORDER BY 1", "--out", str(tmp_path / "db"),
                   "--format", "csv")
    assert "Ann Lee" in speakers.stdout.splitlines()


def test_analyze_store_and_render_share_the_folder_lock(tmp_path, seed_path):
    from newsnb.core.files import folder_lock

    with folder_lock(tmp_path / "db", purpose="newsnb render"):
        proc = run("analyze", str(seed_path), "--store", str(tmp_path / "db"))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "is in use by newsnb render" in proc.stderr and str(tmp_path / "db") in proc.stderr


def test_store_command_rebuilds_from_data_files(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "x.json").write_text(json.dumps({"article": {"slug": "x"}, "quotes": [{"speaker": "Ann Lee"}]}))
    proc = run("store", "--out", str(tmp_path))
    assert proc.returncode == 0 and "1 articles (re)loaded" in proc.stdout, proc.stderr
    assert run("query", "SELECT speaker FROM quotes", "--out", str(tmp_path), "--format", "csv").stdout.split() == \
        ["speaker", "Ann", "Lee"]


def test_one_big_record_file_is_split_into_article_chunks(tmp_path):
    """`analyze --jobs` spreads one JSONL of many articles over the workers: the work units are
    chunks of articles (files loaded one at a time), with every unreadable record in its place."""
    from newsnb.cli.main import _ANALYZE_CHUNK, _units

    body = "The harbour board met on Monday and approved the budget for the new pier."
    lines = [json.dumps({"id": f"r{i}", "title": f"Pier {i}", "text": body}) for i in range(2 * _ANALYZE_CHUNK + 5)]
    lines.insert(40, json.dumps({"id": "broken", "title": "No body"}))
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    units = list(_units([big, tmp_path / "bad.json"]))
    assert [k for k, _ in units] == ["articles", "articles", "articles", "error", "error"]
    assert [len(v) for k, v in units if k == "articles"] == [_ANALYZE_CHUNK, _ANALYZE_CHUNK, 5]
    assert [a.slug for k, v in units if k == "articles" for a in v] == [f"r{i}" for i in range(2 * _ANALYZE_CHUNK + 5)]
    assert "record 41" in units[3][1] and "bad.json" in units[4][1]


def test_analyze_jsonl_with_jobs_keeps_input_order(tmp_path):
    body = "The harbour board met on Monday. \"We will build it,\" said chair Ann Lee."
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(json.dumps({"id": f"r{i}", "title": f"Pier {i}", "text": body}) for i in range(70)) + "\n")
    proc = run("analyze", str(big), "--format", "jsonl", "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(l)["article"]["slug"] for l in proc.stdout.splitlines()] == [f"r{i}" for i in range(70)]
