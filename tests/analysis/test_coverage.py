"""One story across outlets: the comparison tables on the written multi-outlet set."""
from __future__ import annotations

import pytest

from newsnb.analysis import coverage as C
from newsnb.core import config

COVERAGE = config.PROJECT_ROOT / "tests" / "data" / "stories" / "coverage.json"


@pytest.fixture(scope="module")
def analysed():
    """Every article of the set as its analysis dict, as reports/data/*.json holds it."""
    from newsnb.analysis import analyze
    from newsnb.input import load_all

    out = []
    for a in load_all(COVERAGE):
        d = analyze(a).to_dict()
        d["_slug"], d["_html"] = a.slug, f"{a.slug}.html"
        out.append(d)
    return out


def _story(analysed, prefix):
    return [d for d in analysed if d["_slug"].endswith(prefix) or d["_slug"].startswith(prefix)]


def test_grouping_of_report_data_matches_the_cli(analysed):
    from newsnb.analysis import stories as S

    g = C.group_reports(analysed)
    items, _ = S.load_items([COVERAGE])
    cli = dict(zip((it.slug for it in items), S.group(items)))
    assert dict(zip(g["slug"], g["story"])) == cli  # same ids from the loaded files and from report data
    sid = cli["ledger-bridge"]
    assert C.story_slugs(analysed, sid, g) == ["ledger-bridge", "herald-bridge", "wire-bridge"]
    assert C.pick_story(analysed) in set(cli.values())


def test_articles_side_by_side(analysed):
    arts = C.articles(_story(analysed, "-bridge"))
    assert list(arts["outlet"]) == ["Coastal Herald", "Daily Ledger", "Metro Wire"]  # earliest first, then outlet
    assert list(arts["date"]) == ["2031-03-04", "2031-03-04", "2031-03-05"]
    assert arts["words"].gt(100).all() and arts["html"].str.endswith(".html").all()


def test_voices_flag_sources_only_one_outlet_carries(analysed):
    v = C.voices(_story(analysed, "-bridge"))
    only = set(v[v["only"]]["speaker"])
    assert "Lena Varga" in only and "Dana Whitlock" not in only
    herald = v[v["outlet"] == "Coastal Herald"]
    assert herald["share"].sum() == pytest.approx(1.0, abs=0.01)


def test_the_same_quote_matched_despite_wording(analysed):
    q = C.shared_quotes(_story(analysed, "-bridge"))
    bolt = q[q["text"].str.contains("bolt")]
    assert set(bolt["outlet"]) == {"Coastal Herald", "Daily Ledger", "Metro Wire"}
    assert bolt["quote"].nunique() == 1 and bolt["speaker"].eq("Dana Whitlock").all()
    assert (bolt["similarity"] < 1).any()  # "every single bolt" vs "every bolt"
    disaster = q[q["text"].str.contains("disaster")]
    assert set(disaster["outlet"]) == {"Coastal Herald", "Daily Ledger"}


def test_verbs_per_outlet_for_the_same_speaker(analysed):
    v = C.verbs(_story(analysed, "-bridge"))
    whitlock = v[v["speaker"] == "Dana Whitlock"]
    assert ("Coastal Herald", "insisted", "loaded") in set(zip(whitlock["outlet"], whitlock["cue"], whitlock["cue_class"]))
    assert set(whitlock[whitlock["outlet"] == "Metro Wire"]["cue_class"]) == {"neutral"}


def test_numbers_that_differ_for_the_same_quantity(analysed):
    n = C.numbers(_story(analysed, "-bridge"))
    money = n[n["unit"] == "USD"]
    assert set(zip(money["outlet"], money["value"])) == {
        ("Coastal Herald", 15e6), ("Daily Ledger", 12e6), ("Metro Wire", 12e6)}
    cars = n[n["unit"] == "vehicles"]
    assert set(cars["value"]) == {25000.0, 18000.0}
    assert not (n["unit"] == "centimetres").any()  # the same 40 cm everywhere


def test_labels_and_entities_only_one_outlet_names(analysed):
    lab = C.labels(_story(analysed, "-bridge"))
    assert set(lab["outlet"]) == {"Coastal Herald"} and "chaos" in set(lab["term"])
    strike = C.labels(_story(analysed, "-strike"))
    assert ("militant", "framing", "Coastal Herald") in set(zip(strike["term"], strike["kind"], strike["outlet"]))
    only = C.only_one(_story(analysed, "-bridge"))
    assert ("Alan Brisco", "Metro Wire") in set(zip(only["entity"], only["outlet"]))
    assert "Dana Whitlock" not in set(only["entity"])


def test_a_story_from_one_outlet_compares_nothing(analysed):
    lib = [d for d in analysed if d["_slug"].startswith("ledger-library")]
    assert C.outlets(lib) == ["Daily Ledger"]
    assert C.only_one(lib).empty and C.shared_quotes(lib).empty and C.verbs(lib).empty
    assert not C.voices(lib)["only"].any()
