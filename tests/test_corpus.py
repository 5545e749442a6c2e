"""Corpus tables from reports/data/*.json and the corpus report."""
from __future__ import annotations

import json
import re

import nbformat
import pytest

from newsnb import config, corpus

PAYLOAD = "<script>alert('corpus')</script>"


def _q(kind, speaker, words=0, stype="person", cue=None, cls=None, relay=None, cue_start=None):
    return {"kind": kind, "speaker": speaker, "speaker_type": stype, "words": words, "cue": cue, "cue_class": cls,
            "relayed_by": relay, "cue_start": cue_start, "cue_end": None if cue_start is None else cue_start + 4,
            "hedged": False, "paragraph": 0, "start": 0, "end": 1, "text": "x"}


def _article(slug, headline, *, quotes=None, ease=50.0, polarity=0.0, sentences=None, mentions=None, entities=None):
    return {
        "article": {"slug": slug, "headline": {"text": headline}, "meta": {}},
        "readability": {"words": 100, "sentences": 5, "paragraphs": 3, "flesch_reading_ease": ease,
                        "flesch_kincaid_grade": 10.0, "reading_time_min": 0.4},
        "tone": {"polarity": polarity, "subjectivity": 0.3, "label": "neutral"},
        "sentences": sentences or [], "mentions": mentions or [], "entities": entities or [],
        **({"quotes": quotes} if quotes is not None else {}),
    }


@pytest.fixture
def reports(tmp_path):
    out = tmp_path / "reports"
    (out / "data").mkdir(parents=True)
    a = _article("a", "Story A", ease=70.0, polarity=-0.2, quotes=[
        _q("direct", "Ann Lee", 30, cue="said", cls="neutral", cue_start=10),
        _q("partial", "Ann Lee", 10, cue="said", cls="neutral", cue_start=10),  # same verb, same place: counted once
        _q("indirect", "Bo Chan", 8, cue="claimed", cls="loaded", cue_start=50, relay="Reuters"),
        _q("partial", None, 10, stype="anonymous", cue="told", cls="neutral", cue_start=80),
        _q("scare", None, 1, stype="unknown"),
    ], sentences=[
        {"sentence": 0, "part": "headline", "paragraph": 0, "start": 0, "end": 10, "polarity": 0.0, "subjectivity": 0.0, "text": "h"},
        {"sentence": 1, "part": "paragraph", "paragraph": 0, "start": 11, "end": 50, "polarity": -0.3, "subjectivity": 0.2, "text": "s1"},
        {"sentence": 2, "part": "paragraph", "paragraph": 0, "start": 51, "end": 90, "polarity": 0.1, "subjectivity": 0.2, "text": "s2"},
        {"sentence": 3, "part": "paragraph", "paragraph": 1, "start": 91, "end": 120, "polarity": 0.0, "subjectivity": 0.2, "text": "s3"},
    ], mentions=[
        {"start": 1, "end": 3, "entity": "Ann Lee", "type": "person"},
        {"start": 4, "end": 6, "entity": "Ruritania", "type": "place"},
        {"start": 12, "end": 14, "entity": "Ann Lee", "type": "person"},
        {"start": 60, "end": 64, "entity": "Bo Chan", "type": "person"},  # paragraph 0, second sentence
        {"start": 95, "end": 99, "entity": "Ruritania", "type": "place"},  # paragraph 1: alone
        {"start": 100, "end": 104, "entity": "2020", "type": "date"},
    ], entities=[{"entity": "Ann Lee", "type": "person", "count": 2}, {"entity": "Ruritania", "type": "place", "count": 2},
                 {"entity": "Bo Chan", "type": "person", "count": 1}])
    b = _article("b", PAYLOAD, ease=30.0, polarity=0.1, quotes=[
        _q("direct", "Ann Lee", 20, cue="Said", cls="neutral", cue_start=5),
        _q("indirect", "Cy Dee", 4, cue="warned", cls="loaded", cue_start=40, relay="AP"),
    ], entities=[{"entity": "Ann Lee", "type": "person", "count": 1}])
    c = _article("c", "Old analysis without quotes", ease=90.0)
    for slug, data in (("a", a), ("b", b), ("c", c)):
        (out / "data" / f"{slug}.json").write_text(json.dumps(data))
    (out / "data" / "broken.json").write_text("{")
    (out / "manifest.json").write_text(json.dumps({"articles": {"a": {"html": "a.html"}, "b": {"html": "b.html"}}}))
    return out


def test_load_skips_unreadable_files(reports):
    data = corpus.load(reports)
    assert [d["_slug"] for d in data] == ["a", "b", "c"]
    assert corpus.load(data) is data


def test_articles(reports):
    df = corpus.articles(reports)
    assert list(df.columns) == corpus.ARTICLE_COLUMNS
    a = df.set_index("slug")
    assert a.loc["a", "quotes"] == 4 and a.loc["a", "named_sources"] == 2  # scare quote left out
    assert a.loc["b", "headline"] == PAYLOAD and a.loc["b", "html"] == "b.html"
    assert a["quotes"].isna()["c"]  # analysed before quotes existed: unknown, not zero


def test_speakers_share_of_voice(reports):
    s = corpus.speakers(reports)
    assert list(s.columns) == corpus.SPEAKER_COLUMNS
    assert list(s["speaker"][:2]) == ["Ann Lee", None]
    ann = s.iloc[0]
    total = 30 + 10 + 10 + 20  # direct and partial words in the corpus
    assert ann["quoted_words"] == 60 and ann["share_of_voice"] == pytest.approx(60 / total, abs=1e-4)
    assert ann["articles"] == 2 and ann["quotes"] == 3 and ann["direct"] == 2 and ann["partial"] == 1
    bo = s[s["speaker"] == "Bo Chan"].iloc[0]
    assert bo["quoted_words"] == 0 and bo["loaded_cues"] == 1 and bo["relayed"] == 1
    assert s["share_of_voice"].sum() == pytest.approx(1.0, abs=1e-3)


def test_source_types_and_cues(reports):
    t = corpus.source_types(reports).set_index("slug")
    assert "c" not in t.index
    assert t.loc["a"].to_dict() | {} == {"headline": "Story A", "named": 3, "anonymous": 1, "unknown": 0, "relayed": 1, "total": 4}
    assert t.loc["b", "relayed"] == 1
    c = corpus.cues(reports).set_index("cue")
    assert c.loc["said", "count"] == 2 and c.loc["said", "articles"] == 2  # "Said" folded; one verb for two quotes
    assert c.loc["claimed", "cue_class"] == "loaded" and c.loc["warned", "cue_class"] == "loaded"


def test_cooccurrence_by_paragraph(reports):
    e = corpus.cooccurrence(reports)
    pairs = {(r.source, r.target): r.weight for r in e.itertuples()}
    # headline: Ann Lee + Ruritania; paragraph 0: Ann Lee + Bo Chan; paragraph 1: Ruritania alone; dates ignored
    assert pairs == {("Ann Lee", "Ruritania"): 1, ("Ann Lee", "Bo Chan"): 1}
    g = corpus.graph(e, corpus.entities(reports))
    assert g.nodes["Ann Lee"]["mentions"] == 3 and g.nodes["Ann Lee"]["type"] == "person"


def test_readability_ranking_and_sentences(reports):
    r = corpus.readability(reports)
    assert list(r["slug"]) == ["c", "a", "b"] and list(r["rank"]) == [1, 2, 3]
    s = corpus.sentences(reports)
    assert set(s["part"]) == {"paragraph"} and len(s) == 3


def test_empty_reports_folder(tmp_path):
    for fn in (corpus.articles, corpus.quotes, corpus.speakers, corpus.source_types, corpus.cues, corpus.sentences,
               corpus.entities, corpus.cooccurrence, corpus.readability):
        assert fn(tmp_path).empty
    assert corpus.finish(tmp_path) is None  # no analysed articles: index only
    assert (tmp_path / "index.html").is_file() and not (tmp_path / "corpus.html").exists()


def test_corpus_notebook_is_thin_and_parametrised():
    nb = nbformat.read(config.CORPUS_NOTEBOOK, as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and params[0].source.startswith("reports_dir: str = \"\"  # ")
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(len(c.source.splitlines()) <= 8 for c in code)
    assert len({c.id for c in nb.cells}) == len(nb.cells)


@pytest.mark.slow
def test_corpus_report_renders_offline_and_escaped(reports):
    path = corpus.render_corpus(reports)
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
    assert corpus.finish(reports) is None
    index = (reports / "index.html").read_text("utf-8")
    assert "The corpus report failed: " in index and "corpus went wrong" in index


@pytest.mark.slow
def test_worker_corpus_failure_comes_back_as_text(tmp_path, monkeypatch, reports):
    """A corpus notebook that fails on a worker: its error name and message, not an exception that
    may not pickle."""
    from newsnb import render as render_module
    from newsnb.executors import executor

    broken = tmp_path / "broken.ipynb"
    nb = nbformat.read(config.CORPUS_NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise ValueError('corpus went wrong')", id="boom"))
    nbformat.write(nb, broken)
    monkeypatch.setattr(config, "CORPUS_NOTEBOOK", broken)
    with executor("papermill") as runner:
        monkeypatch.setattr(render_module, "_WORKER_RUNNER", runner)
        status, message = render_module._worker_corpus(str(reports), 120)
    assert status == "ValueError" and "corpus went wrong" in message
    assert not (reports / "corpus.html").exists()

