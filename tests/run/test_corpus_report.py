"""The corpus report: the corpus notebook over a reports folder, and the end of a render."""
from __future__ import annotations

import re

import nbformat
import pytest

from conftest import PAYLOAD
from newsnb.core import config
from newsnb.run import corpus_report
from newsnb.run.corpus_report import finish, render_corpus


def test_empty_reports_folder(tmp_path):
    assert finish(tmp_path) is None  # no analysed articles: index only
    assert (tmp_path / "index.html").is_file() and not (tmp_path / "corpus.html").exists()


@pytest.mark.slow
def test_corpus_report_renders_offline_and_escaped(reports):
    path = render_corpus(reports)
    html = path.read_text("utf-8")
    for heading in ("Most quoted people", "Source types", "Attribution verbs", "Tone", "Who is named together",
                    "Articles by readability"):
        assert f">{heading}" in html
    assert html.count("data:image/svg+xml;base64") >= 5
    assert PAYLOAD not in html
    assert len(re.findall(r"&lt;script&gt;alert\((?:&#x27;|')corpus(?:&#x27;|')\)&lt;/script&gt;", html)) >= 3
    assert not re.search(r"""(src|href)=["']https?://""", html) and "<script" not in html.split("</head>", 1)[1]
    assert 'href="a.html"' in html and "Content-Security-Policy" in html
    assert (reports / "corpus.ipynb").is_file() and not (reports / ".work").exists()


@pytest.mark.slow
def test_finish_keeps_going_when_the_corpus_notebook_fails(reports, tmp_path, monkeypatch):
    broken = tmp_path / "broken.ipynb"
    nb = nbformat.read(config.CORPUS_NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('corpus went wrong')", id="boom"))
    nbformat.write(nb, broken)
    monkeypatch.setattr(config, "CORPUS_NOTEBOOK", broken)
    assert finish(reports) is None
    index = (reports / "index.html").read_text("utf-8")
    assert "The corpus report failed: " in index and "corpus went wrong" in index


@pytest.mark.slow
def test_worker_corpus_failure_comes_back_as_text(tmp_path, monkeypatch, reports):
    """A corpus notebook that fails on a worker: its error name and message, not an exception that
    may not pickle."""
    from newsnb.run import backends
    from newsnb.run.executors import executor

    broken = tmp_path / "broken.ipynb"
    nb = nbformat.read(config.CORPUS_NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise ValueError('corpus went wrong')", id="boom"))
    nbformat.write(nb, broken)
    monkeypatch.setattr(config, "CORPUS_NOTEBOOK", broken)
    with executor("papermill") as runner:
        monkeypatch.setattr(backends, "_WORKER_RUNNER", runner)
        status, message = backends._worker_corpus(str(reports), 120)
    assert status == "ValueError" and "corpus went wrong" in message
    assert not (reports / "corpus.html").exists()



@pytest.mark.slow
def test_corpus_report_by_outlet_and_over_time_when_the_metadata_says(reports):
    """The sections by outlet and over time appear only when the articles name an outlet and a date."""
    import json

    plain = render_corpus(reports).read_text("utf-8")
    assert '<h2 id="By-outlet">' not in plain and '<h2 id="Over-time">' not in plain
    for slug, site, date, speaker in (("m1", "Gazette", "2024-01-10", "Ann Lee"), ("m2", "Herald", "2024-02-03", "Dee Park")):
        (reports / "data" / f"{slug}.json").write_text(json.dumps({
            "article": {"slug": slug, "headline": {"text": f"Dated {slug}"}, "meta": {"site": site, "date": date}},
            "readability": {"words": 50, "flesch_reading_ease": 60.0, "flesch_kincaid_grade": 8.0},
            "tone": {"polarity": 0.1, "label": "neutral"},
            "quotes": [{"kind": "direct", "speaker": speaker, "speaker_type": "person", "words": 5, "cue": "said",
                        "cue_class": "neutral", "start": 0, "end": 5, "text": "x"}]}))
        manifest = json.loads((reports / "manifest.json").read_text())  # as the render records them
        manifest["articles"][slug] = {"status": "ok", "data": f"data/{slug}.json", "sha256": slug}
        (reports / "manifest.json").write_text(json.dumps(manifest))
    html = render_corpus(reports).read_text("utf-8")  # the store is rebuilt: newer analyses than the store
    assert '<h2 id="By-outlet">' in html and '<h2 id="Over-time">' in html and "Gazette" in html and "Herald" in html
    assert "2024-02" in html and "Dee Park" in html  # a first-time voice in February
    assert "stderr" not in (reports / "corpus.ipynb").read_text("utf-8")
