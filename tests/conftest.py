"""Shared fixtures. Tests never depend on the working directory: paths come from newsnb.config."""
from __future__ import annotations

import json

import pytest

from newsnb.core import config
from newsnb.input import load

SEED = config.SEEDS_DIR / "000_042e7d1743e4b445.txt"

requires_shared = pytest.mark.skipif(not config.SHARED_DIR.is_dir(), reason=f"{config.SHARED_DIR} not present")


@pytest.fixture(scope="session")
def seed_path():
    return SEED


@pytest.fixture(scope="session")
def seed():
    return load(SEED)


@pytest.fixture(scope="session")
def seed_doc(seed):
    from newsnb.analysis.nlp import parse

    return parse(seed)


@pytest.fixture(scope="session")
def seed_analysis(seed, seed_doc):
    from newsnb.analysis import analyze

    return analyze(seed, doc=seed_doc)


# ---------------------------------------------------------------- a reports folder for the corpus tables

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
    (out / "manifest.json").write_text(json.dumps({"articles": {  # as a render writes it ("c": rendered without HTML)
        "a": {"status": "ok", "data": "data/a.json", "html": "a.html"},
        "b": {"status": "ok", "data": "data/b.json", "html": "b.html"},
        "c": {"status": "ok", "data": "data/c.json"}}}))
    return out
