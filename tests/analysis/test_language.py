"""Tests for newsnb.language: hedges, framing, subjectivity and headline vs body."""
from __future__ import annotations

import pandas as pd
import pytest

from newsnb.core import config
from newsnb.analysis import language
from newsnb.input import load, parse_text

HARBOUR = config.TESTS_DATA_DIR / "facts_harbour.txt"


def one(sentence: str):
    return parse_text(f"Headline\n{sentence}")


def assert_offsets(article, df: pd.DataFrame) -> None:
    for row in df.itertuples():
        assert article.text[row.start : row.end] == row.text, row


@pytest.fixture(scope="module")
def seed_lang(seed, seed_doc):
    return language.language(seed, doc=seed_doc)


# ---------------------------------------------------------------------------------------------
# seed article


@pytest.mark.parametrize(
    "phrase,category,in_quote",
    [("reportedly", "hedge", False), ("thus far", "hedge", False), ("somewhat", "hedge", False),
     ("seems", "hedge", False), ("claimed", "hedge", False), ("blatantly", "intensifier", True),
     ("of course", "intensifier", True), ("sparking fears", "loaded", False)],
)
def test_seed_hedges(seed, seed_lang, phrase, category, in_quote):
    h = seed_lang["hedges"]
    start = seed.text.index(phrase, seed.paragraphs[0].start)
    rows = h[h.start == start]
    assert len(rows) == 1, h[["text", "category"]]
    row = rows.iloc[0]
    assert (row.text, row.category, bool(row.in_quote)) == (phrase, category, in_quote)
    assert row.part == "paragraph" and not row.in_promo


def test_seed_hedges_in_key_points(seed, seed_lang):
    h = seed_lang["hedges"]
    kp = seed.key_points[-1]
    in_kp = h[(h.start >= kp.start) & (h.end <= kp.end)]
    assert set(in_kp.text) == {"rather", "thus far"} and set(in_kp.part) == {"key_point"}
    assert in_kp.paragraph.isna().all()
    assert_offsets(seed, h)
    assert list(h.columns) == language.HEDGE_COLUMNS


def test_seed_framing_invasion(seed, seed_lang):
    f = seed_lang["framing"]
    assert_offsets(seed, f)
    assert list(f.columns) == language.FRAMING_COLUMNS
    inv = f[f.term == "invasion"]
    refused = inv[inv.voice == "refused"]
    assert len(refused) == 1
    r = refused.iloc[0]
    assert r.actor == "China" and r.object == "Russian military actions" and r.found_by == "refusal"
    assert r.start == seed.text.index("invasion")  # the scare-quoted one comes first
    assert r.note.startswith("refused by China: refrained from calling")
    own = inv[inv.voice == "article"]
    assert len(own) == 1
    assert own.iloc[0].start == seed.text.index("invasion on February 24")
    assert not own.iloc[0].in_quote and own.iloc[0].actor is None


def test_seed_framing_other_terms(seed, seed_lang):
    f = seed_lang["framing"]
    war = f[(f.term == "war") & ~f.in_promo]
    assert len(war) == seed.analysis_text().count(" war ")
    assert set(war.voice) == {"article"}
    assert (f[f.term == "war"].in_promo).any()  # "… Russia in war on Ukraine" promo line
    people = f[f.term == "ordinary people"].iloc[0]
    assert people.voice == "reported" and people.found_by == "short quote" and people.in_quote
    stronger = f[f.term == "get stronger"]
    assert set(zip(stronger.part, stronger.voice)) == {
        ("headline", "reported"), ("key_point", "article"), ("paragraph", "reported")}


def test_seed_subjectivity(seed, seed_lang):
    s = seed_lang["subjectivity"]
    h = seed_lang["hedges"]
    assert list(s.columns) == language.SUBJECTIVITY_COLUMNS
    assert s.paragraph.tolist() == list(range(len(seed.paragraphs)))
    for row in s.itertuples():
        p = seed.paragraphs[row.paragraph]
        assert (row.start, row.end) == (p.start, p.end)
        assert -1 <= row.polarity <= 1 and 0 <= row.subjectivity <= 1
        in_p = h[h.paragraph == row.paragraph]
        assert row.hedges == (in_p.category == "hedge").sum()
        assert row.intensifiers == (in_p.category == "intensifier").sum()
        assert row.loaded == (in_p.category == "loaded").sum()
    last = s.iloc[-1]
    assert last.hedges >= 3  # seems, rather, somewhat


def test_seed_headline_vs_body(seed, seed_lang):
    hv = seed_lang["headline"]
    assert hv["headline"] == seed.headline.text
    q = hv["quoted"]
    assert [x["text"] for x in q] == ["get stronger"]
    assert q[0]["in_body"] and q[0]["in_body_quote"]
    assert seed.text[q[0]["body_start"] : q[0]["body_end"]] == "get stronger"
    assert seed.text[q[0]["start"] : q[0]["end"]] == "get stronger"
    words = {w["text"]: w for w in hv["words"]}
    assert {"Russia", "China", "cooperation", "stronger"} <= set(hv["words_in_body"])
    for w in words.values():
        assert seed.text[w["start"] : w["end"]] == w["text"]
        if w["in_body"]:
            assert any(p.start <= w["body_start"] < p.end for p in seed.paragraphs)
    assert hv["coverage"] == len(hv["words_in_body"]) / len(hv["words"])
    ents = {e["text"]: e for e in hv["entities"]}
    assert ents["China"]["in_body"] and ents["Russia"]["in_body"]
    assert set(hv["tone"]) == {"headline", "body"}
    assert -1 <= hv["tone"]["body"]["polarity"] <= 1


# ---------------------------------------------------------------------------------------------
# table-driven: hedges


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("The minister slammed the shocking decision.", {("slammed", "loaded"), ("shocking", "loaded")}),
        ("It is understood that talks may resume.", {("It is understood", "hedge"), ("may", "hedge")}),
        ("The deal is said to be close, allegedly.", {("is said to", "hedge"), ("allegedly", "hedge")}),
        ("The so-called reforms were extremely popular.", {("so-called", "hedge"), ("extremely", "intensifier")}),
        ("Apparently the plan seems somewhat vague.",
         {("Apparently", "hedge"), ("seems", "hedge"), ("somewhat", "hedge")}),
        ("The regime launched a brutal crackdown.",
         {("regime", "loaded"), ("brutal", "loaded"), ("crackdown", "loaded")}),
        ("He would rather stay than go.", set()),  # preference, not a hedge
        ("She went to the shops in May.", set()),  # the month, not the modal
        ("A blast hit the market.", set()),  # the noun (explosion), not "blasted the plan"
    ],
)
def test_hedges_table(sentence, expected):
    a = one(sentence)
    h = language.hedges(a)
    assert_offsets(a, h)
    assert set(zip(h.text, h.category)) == expected


def test_hedges_in_quote_and_promo():
    a = parse_text("Headline\nShe said the plan was “very, very risky” and reportedly costly.\n"
                   "Also read | Shocking scenes as storm hits coast")
    h = language.hedges(a)
    assert_offsets(a, h)
    very = h[h.text == "very"]
    assert len(very) == 2 and very.in_quote.all()
    assert not h[h.text == "reportedly"].iloc[0].in_quote
    shocking = h[h.text == "Shocking"].iloc[0]
    assert shocking.in_promo and shocking.part == "promo" and pd.isna(shocking.paragraph)


# ---------------------------------------------------------------------------------------------
# table-driven: framing


@pytest.mark.parametrize(
    "sentence,term,voice,actor,obj,found_by",
    [
        ("The government has refused to call the killings a genocide.", "genocide", "refused", "government", "killings", "refusal"),
        ("Ministers stopped short of calling the strike an “act of war”.", "act of war", "refused", "Ministers", "strike", "refusal"),
        ("The Kremlin did not describe the operation as an invasion.", "invasion", "refused", "Kremlin", "operation", "refusal"),
        ("The council declined to label the group terrorists.", "terrorists", "refused", "council", "group", "refusal"),
        ("Troops massed near what Moscow calls a “special military operation”.", "special military operation", "reported", "Moscow", None, "reported label"),
        ("Residents fled what the army calls a security operation in the north.", "security operation", "reported", "army", None, "reported label"),
        ("The opposition called the vote a “sham” on Tuesday.", "sham", "reported", "opposition", "the vote", "called quoted"),
        ("Critics attacked the so-called reforms.", "reforms", "reported", None, None, "so-called"),
        ("Officials spoke of “regrettable incidents” in the camp.", "regrettable incidents", "reported", None, None, "short quote"),
    ],
)
def test_framing_table(sentence, term, voice, actor, obj, found_by):
    a = one(sentence)
    f = language.framing(a)
    assert_offsets(a, f)
    rows = f[f.found_by == found_by]
    assert len(rows) == 1, f[["text", "voice", "found_by"]]
    row = rows.iloc[0]
    assert (row.term, row.voice, row.actor, row.object) == (term, voice, actor, obj)


def test_framing_same_term_in_article_voice():
    a = parse_text("Headline\nThe council refused to call the flooding a “disaster”.\n"
                   "Residents said the disaster had ruined them. The disaster, the mayor said, was “a disaster”.")
    f = language.framing(a)
    assert_offsets(a, f)
    d = f[f.term == "disaster"]
    assert d.voice.tolist() == ["refused", "article", "article", "reported"]
    assert d.found_by.tolist() == ["refusal", "same term", "same term", "short quote"]
    assert d.text.tolist()[-1] == "a disaster" and d.actor.tolist()[-1] == "mayor"


@pytest.mark.parametrize(
    "sentence",
    ["She did not call for calm and called her brother.",  # "call for", phoning
     "The parties are not calling people on the opt-out list."],  # a bare negation needs "a/an/as"
)
def test_framing_calls_that_are_not_labels(sentence):
    f = language.framing(one(sentence))
    assert f.empty and list(f.columns) == language.FRAMING_COLUMNS


# ---------------------------------------------------------------------------------------------
# edge cases and the test article


@pytest.mark.parametrize("text", ["", "Only a headline", "Headline\nPlain words with nothing to report."])
def test_empty_results_keep_columns(text):
    a = parse_text(text)
    r = language.language(a)
    assert set(r) == {"hedges", "framing", "subjectivity", "headline"}
    assert r["hedges"].empty and list(r["hedges"].columns) == language.HEDGE_COLUMNS
    assert r["framing"].empty and list(r["framing"].columns) == language.FRAMING_COLUMNS
    assert list(r["subjectivity"].columns) == language.SUBJECTIVITY_COLUMNS
    assert len(r["subjectivity"]) == len(a.paragraphs)
    assert r["headline"]["quoted"] == [] and r["headline"]["entities"] == []


def test_harbour_article():
    a = load(HARBOUR)
    r = language.language(a)
    assert_offsets(a, r["hedges"])
    assert_offsets(a, r["framing"])
    hv = r["headline"]
    assert [q["text"] for q in hv["quoted"]] == ["nearly finished"]
    assert hv["quoted"][0]["in_body"] and not hv["quoted"][0]["in_body_quote"]  # nobody is quoted saying it
    assert "Port" in hv["words_not_in_body"]
    f = r["framing"].set_index("term")
    assert (f.loc["failure", "voice"], f.loc["failure", "actor"]) == ("refused", "mayor")
    assert (f.loc["scandal", "voice"], f.loc["scandal", "found_by"]) == ("reported", "called quoted")
