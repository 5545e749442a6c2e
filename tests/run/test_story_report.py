"""Story pages at the end of `newsnb render`: one page per story of two or more articles, the index's
Stories section, pages kept while up to date and removed when their story is gone."""
from __future__ import annotations

import json
import shutil

import pytest

from newsnb.core import config

pytestmark = pytest.mark.slow

COVERAGE = config.PROJECT_ROOT / "tests" / "data" / "stories" / "coverage.json"


def _render_coverage(tmp_path, jobs):
    """``newsnb render`` of the written 9-article, 3-outlet set; the reports folder and its stories."""
    from newsnb.run.batch import render

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(COVERAGE, src / "coverage.json")
    out = tmp_path / "reports"
    summary = render([src], out=out, jobs=jobs)
    assert [r.status for r in summary.results] == ["ok"] * 9
    return out, json.loads((out / "stories" / "stories.json").read_text())["stories"]


def test_render_writes_story_pages_and_the_index_links_them(tmp_path):
    from newsnb.run.story_report import render_stories

    out, listed = _render_coverage(tmp_path, jobs=1)
    multi = {e["story"]: e for e in listed if e["articles"] > 1}
    assert len(listed) == 4 and len(multi) == 3
    for sid, e in multi.items():
        assert e["html"] == f"stories/{sid}.html" and (out / e["html"]).is_file() and "error" not in e
    assert not [p for p in (out / "stories").glob("kite-*")]  # a one-article story gets no page
    index = (out / "index.html").read_text()
    assert "<h2 id='stories'>Stories</h2>" in index
    for sid in multi:
        assert f'href="stories/{sid}.html"' in index
    assert "Daily Ledger <small>(one outlet)</small>" in index
    bridge = next(e for e in multi.values() if len(e["outlets"]) == 3 and "bridge" in e["headline"])
    page = (out / bridge["html"]).read_text()
    for heading in ("Outlets side by side", "Who is quoted", "The same quote in several outlets", "Attribution verbs",
                    "Numbers that differ", "Labels", "Named by one outlet only", "The texts side by side"):
        assert heading in page
    assert "<del>single</del>" in page and 'href="../ledger-bridge.html"' in page
    # up to date: nothing re-rendered; a story that is gone loses its page
    stamp = (out / bridge["html"]).stat().st_mtime_ns
    (out / "stories" / "old-story-abcdef.html").write_text("old")
    render_stories(out, executor="papermill")
    assert (out / bridge["html"]).stat().st_mtime_ns == stamp
    assert not (out / "stories" / "old-story-abcdef.html").exists()


def test_pooled_render_writes_story_pages_on_the_workers(tmp_path, monkeypatch):
    """With worker processes, this process starts no kernel: the story pages (and the corpus report)
    run on the workers' warm kernels after the articles, and say so in stories.json."""
    from newsnb.run import kernels

    def refuse(self, *args, **kwargs):
        raise RuntimeError("a kernel was started in the main process")

    monkeypatch.setattr(kernels.WarmKernel, "start", refuse)
    out, listed = _render_coverage(tmp_path, jobs=2)
    multi = [e for e in listed if e["articles"] > 1]
    assert len(multi) == 3
    for e in multi:
        assert "error" not in e and e["html"] == f"stories/{e['story']}.html" and (out / e["html"]).is_file()
    assert (out / "corpus.html").is_file()
