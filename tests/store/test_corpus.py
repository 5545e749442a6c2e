"""Corpus tables as SQL over the store: every table from a real Parquet store (written from
small analyses of our own) and from the same analyses held in memory — one SQL, two sources."""
from __future__ import annotations

import json

import nbformat
import pandas as pd
import pytest

from newsnb.analysis.corpus import load
from newsnb.core import config
from newsnb.store import corpus, tables

from conftest import PAYLOAD


def write_store(reports):
    """``reports/store/<table>/part-0.parquet`` from ``reports/data/*.json``, as the render writes it."""
    frames = {}
    for d in load(reports):
        for table, df in tables.rows(d).items():
            if len(df.columns) > 1:
                frames.setdefault(table, []).append(df)
    for table, dfs in frames.items():
        (reports / "store" / table).mkdir(parents=True, exist_ok=True)
        pd.concat(dfs, ignore_index=True).to_parquet(reports / "store" / table / "part-0.parquet")
    return reports


@pytest.fixture(params=["store", "memory"])
def source(request):
    """A function turning a reports folder into a source: the folder with its Parquet store, or
    the analyses as a list."""
    if request.param == "store":
        return write_store
    return lambda reports: load(reports)


def test_load_skips_unreadable_files(reports):
    data = load(reports)
    assert [d["_slug"] for d in data] == ["a", "b", "c"]
    assert load(data) is data
    assert corpus.load is load  # the old name still reads the JSON (stories, migration)


def test_articles(reports, source):
    src = source(reports)
    df = corpus.articles(src)
    assert list(df.columns) == corpus.ARTICLE_COLUMNS
    a = df.set_index("slug")
    assert a.loc["a", "quotes"] == 4 and a.loc["a", "named_sources"] == 2  # scare quote left out
    assert a.loc["b", "headline"] == PAYLOAD and a.loc["b", "html"] == "b.html"
    assert a["quotes"].isna()["c"]  # analysed before quotes existed: unknown, not zero


def test_speakers_share_of_voice(reports, source):
    src = source(reports)
    s = corpus.speakers(src)
    assert list(s.columns) == corpus.SPEAKER_COLUMNS
    assert list(s["speaker"][:2]) == ["Ann Lee", None]
    ann = s.iloc[0]
    total = 30 + 10 + 10 + 20  # direct and partial words in the corpus
    assert ann["quoted_words"] == 60 and ann["share_of_voice"] == pytest.approx(60 / total, abs=1e-4)
    assert ann["articles"] == 2 and ann["quotes"] == 3 and ann["direct"] == 2 and ann["partial"] == 1
    bo = s[s["speaker"] == "Bo Chan"].iloc[0]
    assert bo["quoted_words"] == 0 and bo["loaded_cues"] == 1 and bo["relayed"] == 1
    assert s["share_of_voice"].sum() == pytest.approx(1.0, abs=1e-3)


def test_source_types_and_cues(reports, source):
    src = source(reports)
    t = corpus.source_types(src).set_index("slug")
    assert "c" not in t.index
    assert t.loc["a"].to_dict() | {} == {"headline": "Story A", "named": 3, "anonymous": 1, "unknown": 0, "relayed": 1, "total": 4}
    assert t.loc["b", "relayed"] == 1
    c = corpus.cues(src).set_index("cue")
    assert c.loc["said", "count"] == 2 and c.loc["said", "articles"] == 2  # "Said" folded; one verb for two quotes
    assert c.loc["claimed", "cue_class"] == "loaded" and c.loc["warned", "cue_class"] == "loaded"


def test_cooccurrence_by_paragraph(reports, source):
    src = source(reports)
    e = corpus.cooccurrence(src)
    pairs = {(r.source, r.target): r.weight for r in e.itertuples()}
    # headline: Ann Lee + Ruritania; paragraph 0: Ann Lee + Bo Chan; paragraph 1: Ruritania alone; dates ignored
    assert pairs == {("Ann Lee", "Ruritania"): 1, ("Ann Lee", "Bo Chan"): 1}
    g = corpus.graph(e, corpus.entities(src))
    assert g.nodes["Ann Lee"]["mentions"] == 3 and g.nodes["Ann Lee"]["type"] == "person"


def test_readability_ranking_and_sentences(reports, source):
    src = source(reports)
    r = corpus.readability(src)
    assert list(r["slug"]) == ["c", "a", "b"] and list(r["rank"]) == [1, 2, 3]
    s = corpus.sentences(src)
    assert set(s["part"]) == {"paragraph"} and len(s) == 3


def test_empty_reports_folder(tmp_path):
    for fn in (corpus.articles, corpus.quotes, corpus.speakers, corpus.source_types, corpus.cues, corpus.sentences,
               corpus.entities, corpus.cooccurrence, corpus.readability):
        assert fn(tmp_path).empty


def test_corpus_notebook_is_thin_and_parametrised():
    nb = nbformat.read(config.CORPUS_NOTEBOOK, as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and params[0].source.startswith("reports_dir: str = \"\"  # ")
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(len(c.source.splitlines()) <= 8 for c in code)
    assert len({c.id for c in nb.cells}) == len(nb.cells)


# ------------------------------------------------------------------------------ share of voice by gender


def _gq(speaker, gender, evidence, words=10, kind="direct", stype="person"):
    return {"kind": kind, "speaker": speaker, "speaker_type": stype, "words": words, "gender": gender,
            "gender_evidence": evidence, "start": 0, "end": 1, "text": "x", "cue": None, "cue_class": None,
            "relayed_by": None, "hedged": False, "paragraph": 0}


@pytest.fixture
def gendered(reports):
    """The ``reports`` folder (old analyses without gender) plus three with gender, outlet and date."""
    articles = {
        "g1": ({"site": "Daily Example", "date": "2024-03-05"}, [
            _gq("Ann Lee", "female", "text", 30), _gq("Dan Roe", "male", "name", 10),
            _gq("Eve Fox", "unknown", "none", 0, "indirect"), _gq(None, None, None, 5, stype="anonymous")]),
        "g2": ({"source": "Weekly Example", "date": "2024-04-20"}, [
            _gq("Ann Lee", "female", "name", 20), _gq("Dan Roe", "female", "text", 5)]),
        "g3": ({}, [_gq("Dan Roe", "male", "text", 5), _gq("Acme", None, None, 5, stype="organisation")]),
    }
    for slug, (meta, quotes) in articles.items():
        data = {"article": {"slug": slug, "headline": {"text": slug}, "meta": meta}, "quotes": quotes}
        (reports / "data" / f"{slug}.json").write_text(json.dumps(data))
    return reports


def test_voices_by_gender_across_the_corpus(gendered, source):
    src = source(gendered)
    v = corpus.voices_by_gender(src).set_index("gender")
    # old analyses (a, b) count as unknown: Ann Lee, Bo Chan in a; Ann Lee, Cy Dee in b
    assert v["sources"].to_dict() == {"female": 3, "male": 2, "unknown": 5}
    assert v.loc["female", "quoted_words"] == 30 + 20 + 5
    assert v["share_of_sources"].sum() == pytest.approx(1.0)


def test_voices_by_outlet_and_month(gendered, source):
    src = source(gendered)
    by_outlet = corpus.voices_by_gender(src, by="outlet")
    assert list(dict.fromkeys(by_outlet["outlet"])) == ["Daily Example", "Weekly Example"]  # unknown outlets left out
    daily = by_outlet[by_outlet["outlet"] == "Daily Example"].set_index("gender")
    assert daily["sources"].to_dict() == {"female": 1, "male": 1, "unknown": 1}
    by_month = corpus.voices_by_gender(src, by="month")
    assert list(dict.fromkeys(by_month["month"])) == ["2024-03", "2024-04"]
    with pytest.raises(ValueError, match="outlet, month"):
        corpus.voices_by_gender(src, by="author")
    assert corpus.voices_by_gender(gendered.parent / "nowhere", by="month").empty


def test_speakers_gender_agreed_across_articles(gendered, source):
    src = source(gendered)
    s = corpus.speakers(src).set_index("speaker")
    assert list(corpus.speakers(src).columns) == corpus.SPEAKER_COLUMNS
    assert (s.loc["Ann Lee", "gender"], s.loc["Ann Lee", "gender_evidence"]) == ("female", "text")  # text over name
    assert (s.loc["Dan Roe", "gender"], s.loc["Dan Roe", "gender_evidence"]) == ("unknown", "conflict")  # articles disagree
    assert (s.loc["Eve Fox", "gender"], s.loc["Eve Fox", "gender_evidence"]) == ("unknown", "none")
    assert (s.loc["Bo Chan", "gender"], s.loc["Bo Chan", "gender_evidence"]) == ("unknown", "none")  # old analysis
    assert s.loc["Acme", "gender"] is None


def test_outlets_compared(tmp_path, source):
    import json

    out = tmp_path / "reports"
    (out / "data").mkdir(parents=True)
    q = [{"kind": "direct", "speaker": "Ann Lee", "speaker_type": "person", "cue": "claimed", "cue_class": "loaded"},
         {"kind": "indirect", "speaker": None, "speaker_type": "anonymous", "cue": "said", "cue_class": "neutral"},
         {"kind": "scare", "speaker": None, "speaker_type": "unknown"}]
    for slug, site, pol, label in (("a", "Gazette", -0.2, "negative"), ("b", "Gazette", 0.1, "positive"), ("c", None, 0.0, "neutral")):
        (out / "data" / f"{slug}.json").write_text(json.dumps({
            "article": {"slug": slug, "headline": {"text": slug}, "meta": {"site": site}},
            "tone": {"polarity": pol, "label": label}, "quotes": q}))
    df = corpus.outlets(source(out))
    assert list(df["outlet"]) == ["Gazette"]  # articles without an outlet are left out
    r = df.iloc[0]
    assert (r["articles"], r["stories"], r["quotes"], r["named"], r["anonymous"]) == (2, 2, 4, 0.5, 0.5)
    assert (r["loaded_cues"], r["loaded_share"], r["negative"], r["positive"]) == (2, 0.5, 1, 1)
    assert r["polarity"] == pytest.approx(-0.05)
    assert corpus.outlets(tmp_path / "none").empty


# ------------------------------------------------------------------------------ outlets, months, new tables


def _mq(kind, speaker, words=0, cue="said", cls="neutral", cue_type=None, stype="person", start=0):
    q = {"kind": kind, "speaker": speaker, "speaker_type": stype, "words": words, "cue": cue, "cue_class": cls,
         "relayed_by": None, "start": start, "end": start + 5, "text": "x", "cue_start": start + 6, "cue_end": start + 10}
    return q | ({"cue_type": cue_type} if cue_type else {})


@pytest.fixture
def dated(tmp_path):
    """Five articles of two outlets over three months (one without outlet or date), with a mixed
    quote and cue types."""
    out = tmp_path / "reports"
    (out / "data").mkdir(parents=True)
    arts = {
        "d1": ({"site": "Gazette", "date": "2024-01-05", "author": ["Ann", "Bo"], "desk": "city"}, -0.6, [
            _mq("direct", "Ann Lee", 10, cue_type="speech"), _mq("indirect", "Bo Chan", 0, "claimed", "loaded", "attitude", start=20)]),
        "d2": ({"site": "Gazette", "date": "2024-02-11"}, 0.1, [
            _mq("mixed", "Ann Lee", 4, cue_type="speech"), _mq("direct", "Cy Dee", 6, cue_type="speech", start=20),
            _mq("direct", "Cy Dee", 2, cue_type="speech", start=40)]),
        "d3": ({"source": "Herald", "date": "2024-02-20"}, 0.55, [
            _mq("partial", "Dee Park", 3, "insisted", "loaded"), _mq("scare", None, 1, stype="unknown", start=30)]),
        "d4": ({"source": "Herald", "date": "2024-03-01"}, 0.0, [_mq("direct", "Bo Chan", 5, start=0)]),
        "d5": ({}, 0.2, [_mq("direct", "Eve Fox", 1)]),
    }
    for slug, (meta, pol, quotes) in arts.items():
        (out / "data" / f"{slug}.json").write_text(json.dumps({
            "article": {"slug": slug, "headline": {"text": f"Story {slug}"}, "meta": meta},
            "readability": {"words": 100, "flesch_reading_ease": 50.0 + pol * 10, "flesch_kincaid_grade": 9.0},
            "tone": {"polarity": pol, "label": "negative" if pol < -0.1 else "positive" if pol > 0.1 else "neutral"},
            "sentences": [{"sentence": 0, "part": "paragraph", "paragraph": 0, "start": 0, "end": 9, "polarity": pol, "text": "s"},
                          {"sentence": 1, "part": "headline", "paragraph": 0, "start": 10, "end": 19, "polarity": 1.0, "text": "h"}],
            "quotes": quotes}))
    return out


def test_overview_and_article_metadata(dated, source):
    src = source(dated)
    o = corpus.overview(src).iloc[0]
    assert (o["articles"], o["words"], o["quotes"], o["named_sources"]) == (5, 500, 8, 5)  # scare quote left out
    assert (o["negative"], o["neutral"], o["positive"], o["outlets"], o["months"]) == (1, 2, 2, 2, 3)
    a = corpus.articles(src).set_index("slug")
    assert list(corpus.articles(src).columns) == corpus.ARTICLE_COLUMNS
    assert a.loc["d1", ["outlet", "month", "author"]].tolist() == ["Gazette", "2024-01", "Ann; Bo"]
    assert a.loc["d5", "outlet"] is None and a.loc["d5", "month"] is None
    assert list(corpus.articles(src, sort="polarity", ascending=False, top=2)["slug"]) == ["d3", "d5"]
    with pytest.raises(ValueError, match="sort must be one of"):
        corpus.articles(src, sort="polarity; DROP TABLE quotes")
    assert corpus.overview(dated.parent / "nowhere").empty


def test_mixed_quotes_count_as_quoted_words(dated, source):
    s = corpus.speakers(source(dated)).set_index("speaker")
    assert s.loc["Ann Lee", "quoted_words"] == 10 + 4 and s.loc["Ann Lee", "quotes"] == 2
    assert s.loc["Bo Chan", "quoted_words"] == 5 and s.loc["Bo Chan", "loaded_cues"] == 1
    assert list(corpus.speakers(source(dated), top=2)["speaker"]) == ["Ann Lee", "Cy Dee"]


@pytest.mark.parametrize("cue, count, articles, cue_class, cue_type", [
    ("said", 6, 4, "neutral", "speech"),  # d1, d2 (3 verbs), d4, d5; cue_type where the analysis has it
    ("claimed", 1, 1, "loaded", "attitude"),
    ("insisted", 1, 1, "loaded", None),  # analysed before cue types
])
def test_cues_with_their_type(dated, source, cue, count, articles, cue_class, cue_type):
    c = corpus.cues(source(dated)).set_index("cue")
    assert (c.loc[cue, "count"], c.loc[cue, "articles"], c.loc[cue, "cue_class"]) == (count, articles, cue_class)
    assert c.loc[cue, "cue_type"] == cue_type


def test_outlets_with_stories(dated, source):
    (dated / "stories").mkdir()
    (dated / "stories" / "stories.json").write_text(json.dumps({"stories": [{"story": "s1", "slugs": ["d1", "d2"]}]}))
    o = corpus.outlets(source(dated)).set_index("outlet")
    assert list(o.index) == ["Gazette", "Herald"]  # most articles first, then by name; d5 has no outlet
    stories = 1 if source is write_store else 2  # stories.json is a reports folder's: not in analyses held in memory
    assert o.loc["Gazette", ["articles", "stories", "quotes", "loaded_cues"]].tolist() == [2, stories, 5, 1]
    assert o.loc["Gazette", "loaded_share"] == pytest.approx(0.2) and o.loc["Herald", "polarity"] == pytest.approx(0.275)
    assert len(corpus.outlets(source(dated), top=1)) == 1


def test_months_and_first_time_voices(dated, source):
    src = source(dated)
    m = corpus.months(src).set_index("month")
    assert list(m.index) == ["2024-01", "2024-02", "2024-03"]  # d5 has no date
    assert m["articles"].tolist() == [1, 2, 1] and m["quotes"].tolist() == [2, 4, 1]
    # Jan: Ann, Bo new; Feb: Ann again, Cy and Dee new; Mar: Bo again
    assert m["speakers"].tolist() == [2, 3, 1] and m["first_time"].tolist() == [2, 2, 0]
    assert m.loc["2024-01", "loaded_share"] == pytest.approx(0.5)
    top = corpus.month_speakers(src, top=1)
    assert top[["month", "speaker", "first_time"]].values.tolist() == [
        ["2024-01", "Ann Lee", True], ["2024-02", "Cy Dee", True], ["2024-03", "Bo Chan", False]]
    new = corpus.month_speakers(src, top=5, first_time=True)
    assert new.groupby("month")["speaker"].apply(list).to_dict() == {
        "2024-01": ["Ann Lee", "Bo Chan"], "2024-02": ["Cy Dee", "Dee Park"]}
    assert corpus.months(dated.parent / "nowhere").empty


def test_tone_bins_count_body_sentences_and_articles(dated, source):
    b = corpus.tone_bins(source(dated), bins=4)
    assert b[["low", "high"]].values.tolist() == [[-1, -0.5], [-0.5, 0], [0, 0.5], [0.5, 1]]
    assert b["sentences"].tolist() == [1, 0, 3, 1]  # headline sentences (+1.0) left out
    assert b["articles"].tolist() == b["sentences"].tolist()  # one body sentence per article, same polarity
    assert corpus.tone_bins(dated.parent / "nowhere").empty


def test_entities_names_and_readability_ends(reports, source):
    src = source(reports)
    assert set(corpus.entities(src, names=["Ruritania", "Nobody"])["entity"]) == {"Ruritania"}
    assert list(corpus.entities(src, top=1)["entity"]) == ["Ann Lee"]
    assert list(corpus.readability(src, top=1, hardest=True)[["rank", "slug"]].iloc[0]) == [3, "b"]
    assert corpus.cooccurrence(src, min_weight=2).empty and len(corpus.cooccurrence(src, top=1)) == 1
    among = corpus.cooccurrence(src, among=2)  # the two most mentioned: Ann Lee (3), Ruritania (2)
    assert list(zip(among["source"], among["target"])) == [("Ann Lee", "Ruritania")]
    q = corpus.quotes(src)
    assert len(q) == 7 and list(q.columns[:2]) == ["slug", "headline"] and len(corpus.quotes(src, limit=2)) == 2


def test_ensure_store_builds_once_and_again_when_analyses_are_newer(reports):
    from newsnb.store import connect

    store = corpus.ensure_store(reports)
    assert sorted(p.name for p in store.iterdir() if p.name in tables.TABLES) == sorted(
        t for t in tables.TABLES if any((store / t).glob("*.parquet")))
    files = {p: p.stat().st_mtime for p in store.rglob("*.parquet")}
    assert corpus.ensure_store(reports) == store and {p: p.stat().st_mtime for p in store.rglob("*.parquet")} == files
    pd.testing.assert_frame_equal(corpus.speakers(reports), corpus.speakers(load(reports)))
    def add(slug):  # a new analysis and its manifest entry, as a render leaves them
        (reports / "data" / f"{slug}.json").write_text(json.dumps({"article": {"slug": slug, "headline": {"text": "New"}}}))
        manifest = json.loads((reports / "manifest.json").read_text())
        manifest["articles"][slug] = {"status": "ok", "data": f"data/{slug}.json", "sha256": slug}
        (reports / "manifest.json").write_text(json.dumps(manifest))

    add("d")
    corpus.ensure_store(reports)
    assert connect(reports).execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    from newsnb.core.files import folder_lock

    add("e")
    with folder_lock(reports, purpose="a render"):  # someone is writing the folder: left to them
        assert corpus.ensure_store(reports) == store
    assert connect(reports).execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    assert corpus.ensure_store(reports.parent / "empty") == reports.parent / "empty" / "store"


def test_ensure_store_of_unreadable_analyses_is_empty(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "broken.json").write_text("{")
    assert corpus.ensure_store(tmp_path).is_dir()
    assert corpus.overview(tmp_path).empty and corpus.speakers(tmp_path).empty


def test_connection_spills_to_the_system_temp_folder(tmp_path, monkeypatch):
    """Never a ``.tmp`` folder in the working directory (a notebook's folder, the package)."""
    import tempfile

    monkeypatch.chdir(tmp_path)
    con = corpus.connection(tmp_path)
    assert con.execute("SELECT current_setting('temp_directory')").fetchone()[0].startswith(tempfile.gettempdir())
    assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] != ""
