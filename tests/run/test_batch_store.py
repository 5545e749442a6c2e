"""``newsnb render`` fills the store: rows follow the manifest, re-renders replace, crashes repair,
``--force`` rebuilds, one render per folder. A tiny notebook of our own writes analysis-shaped data
(quotes from ``Q: Name`` lines) without spaCy, so these runs are fast."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from newsnb.core.files import FolderLocked
from newsnb.run.batch import render
from newsnb.store import connect
from newsnb.store.writer import StoreWriter, read_ledger

pytestmark = pytest.mark.slow

SOURCE = textwrap.dedent('''
    import json, pathlib
    from newsnb.load import load_all
    article = load_all(article_path)[article_index]
    if "FAIL-ME" in article.text:
        raise RuntimeError("the test article asked to fail")
    names = [line[3:].strip() for line in article.text.splitlines() if line.startswith("Q: ")]
    data = {"article": {"slug": article.slug, "headline": {"text": article.title}, "meta": {"outlet": "Test Post"}},
            "quotes": [{"kind": "direct", "speaker": n, "start": i, "end": i + 1} for i, n in enumerate(names)]}
    if data_path:
        pathlib.Path(data_path).write_text(json.dumps(data))
''')


@pytest.fixture
def notebook(tmp_path) -> Path:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('article_path = ""\narticle_index = 0\ndata_path = ""', id="params")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(SOURCE, id="work")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "quotes.ipynb"
    nbformat.write(nb, path)
    return path


def _write(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in texts.items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def _quotes(out: Path) -> list[tuple[str, str]]:
    return connect(out).sql("SELECT slug, speaker FROM quotes ORDER BY slug, speaker").fetchall()


def _stored(out: Path) -> list[str]:
    return [s for (s,) in connect(out).sql("SELECT slug FROM articles ORDER BY slug").fetchall()]


def _ok(out: Path) -> list[str]:
    entries = json.loads((out / "manifest.json").read_text())["articles"]
    return sorted(s for s, e in entries.items() if e["status"] == "ok")


STORIES = {
    "one.txt": "Harbour plan\n\nThe council met on Tuesday to decide it.\nQ: Ann Lee\nQ: Bo Chan\n",
    "two.txt": "Bridge vote\n\nThe council met on Tuesday to decide it.\nQ: Cy Dee\n",
    "three.txt": "School budget\n\nThe council met on Tuesday and no one was quoted.\n",
}


def test_render_writes_the_store_and_a_re_render_replaces_rows(tmp_path, notebook):
    src, out = _write(tmp_path / "in", STORIES), tmp_path / "out"
    summary = render([src], out=out, notebook=notebook, jobs=1, store_batch=2)
    assert len(summary.ok) == 3
    assert _stored(out) == _ok(out) == ["one", "three", "two"]
    assert _quotes(out) == [("one", "Ann Lee"), ("one", "Bo Chan"), ("two", "Cy Dee")]
    html = connect(out).sql("SELECT html, outlet FROM articles WHERE slug = 'one'").fetchall()
    assert html == [("one.html", "Test Post")]

    _write(src, {"one.txt": "Harbour plan\n\nThe council met on Tuesday to decide it.\nQ: Eve Ng\n"})
    render([src], out=out, notebook=notebook, jobs=1)
    assert _quotes(out) == [("one", "Eve Ng"), ("two", "Cy Dee")]
    assert _stored(out) == ["one", "three", "two"]

    # a new article that fails has no rows; one that fails after a good report keeps the good rows
    _write(src, {"bad.txt": "Broken\n\nThe council met on Tuesday to decide it.\nFAIL-ME\n", "two.txt": "Bridge vote\n\nThe council met on Tuesday to decide it.\nQ: Cy Dee\nFAIL-ME\n"})
    render([src], out=out, notebook=notebook, jobs=1)
    assert _stored(out) == _ok(out) == ["one", "three", "two"]
    assert ("two", "Cy Dee") in _quotes(out)

    # --force rebuilds: none of the earlier batches remain
    before = set(read_ledger(out / "store").batches)
    render([src], out=out, notebook=notebook, jobs=1, force=True)
    assert not before & set(read_ledger(out / "store").batches)
    assert _stored(out) == _ok(out)


def test_a_run_killed_between_writing_a_batch_and_committing_it_is_repaired_without_duplicates(
        tmp_path, notebook, monkeypatch):
    src, out = _write(tmp_path / "in", STORIES), tmp_path / "out"
    render([src], out=out, notebook=notebook, jobs=1)
    _write(src, {"one.txt": "Harbour plan\n\nThe council met on Tuesday to decide it.\nQ: Eve Ng\n", "two.txt": "Bridge vote\n\nThe council met on Tuesday to decide it.\nQ: Fay Orr\n",
                 "four.txt": "Park opens\n\nThe council met on Tuesday to decide it.\nQ: Gus Pym\n"})
    commits = []
    real = StoreWriter._commit

    def dies_on_the_second_batch(self, *args, **kwargs):
        commits.append(1)
        if len(commits) == 2:  # the batch's files are written, the ledger is not
            raise KeyboardInterrupt
        return real(self, *args, **kwargs)

    monkeypatch.setattr(StoreWriter, "_commit", dies_on_the_second_batch)
    with pytest.raises(KeyboardInterrupt):
        render([src], out=out, notebook=notebook, jobs=1, store_batch=1)
    monkeypatch.undo()
    # what readers see meanwhile: one generation of every slug
    assert connect(out).sql("SELECT count(*) FROM articles GROUP BY slug HAVING count(*) > 1").fetchall() == []

    render([src], out=out, notebook=notebook, jobs=1)
    assert _stored(out) == _ok(out) == ["four", "one", "three", "two"]
    assert _quotes(out) == [("four", "Gus Pym"), ("one", "Eve Ng"), ("two", "Fay Orr")]
    files = {p.name for p in (out / "store" / "articles").iterdir()}
    assert files == {f"part-{b}.parquet" for b, i in read_ledger(out / "store").batches.items() if "articles" in i["tables"]}


def test_a_reports_folder_from_before_the_store_gets_one_on_the_next_run(tmp_path, notebook):
    src, out = _write(tmp_path / "in", STORIES), tmp_path / "out"
    render([src], out=out, notebook=notebook, jobs=1)
    import shutil

    shutil.rmtree(out / "store")
    again = render([src], out=out, notebook=notebook, jobs=1)
    assert len(again.skipped) == 3 and not again.results  # nothing rendered ...
    assert _stored(out) == ["one", "three", "two"]  # ... and the store rebuilt from data/*.json


HOLD = "import sys, time\nfrom newsnb.core.files import folder_lock\n" \
       "with folder_lock(sys.argv[1], purpose='newsnb render'):\n    print('held', flush=True)\n    time.sleep(60)\n"


def test_a_second_render_into_the_same_folder_stops_with_one_line(tmp_path, notebook):
    src, out = _write(tmp_path / "in", STORIES), tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(FolderLocked):
            render([src], out=out, notebook=notebook, jobs=1)
        cli = subprocess.run([sys.executable, "-m", "newsnb", "render", str(src), "--out", str(out), "--notebook",
                              str(notebook), "-q"], capture_output=True, text=True, timeout=120, env=env)
        assert cli.returncode == 2
        assert cli.stderr.count("\n") == 1 and str(out) in cli.stderr and f"pid {holder.pid}" in cli.stderr
        assert not (out / "manifest.json").exists()  # nothing of the second render was written
    finally:
        holder.kill()
        holder.wait()
    assert len(render([src], out=out, notebook=notebook, jobs=1).ok) == 3  # the holder is gone: taken over
