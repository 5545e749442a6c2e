"""Tests for newsnb.quotes: the seed article, then table-driven cases on small hand-written texts."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from newsnb.core import config
from newsnb.analysis.text.quotation import inner, n_words
from newsnb.input import load, parse_text
from newsnb.analysis.quotes import (
    HEADLINE_COLUMNS,
    QUOTE_COLUMNS,
    SOURCE_COLUMNS,
    headline_check,
    quotes,
    records,
    sources,
)

SEED = config.SEEDS_DIR / "000_042e7d1743e4b445.txt"


def article(body: str, headline: str = "A headline for the test"):
    return parse_text(f"{headline}\n\n{body}\n", slug="t")


def check_offsets(a, df: pd.DataFrame) -> None:
    """Every row's offsets slice the source to its text, speaker mention and cue."""
    for r in df.itertuples(index=False):
        assert a.text[r.start:r.end] == r.text
        if r.speaker_start is not pd.NA and r.speaker_start is not None:
            assert a.text[r.speaker_start:r.speaker_end] == r.speaker_text
        if r.cue_start is not pd.NA and r.cue_start is not None:
            assert a.text[r.cue_start:r.cue_end] == r.cue


def extract(body: str, headline: str = "A headline for the test"):
    a = article(body, headline)
    df = quotes(a)
    check_offsets(a, df)
    return a, df


def row(df: pd.DataFrame, kind: str, contains: str):
    hits = df[(df["kind"] == kind) & df["text"].str.contains(contains, regex=False)]
    assert len(hits) == 1, df[["kind", "text", "speaker"]].to_string()
    return hits.iloc[0]


# ----------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed():
    a = load(SEED)
    df = quotes(a)
    return a, df


def test_seed_offsets(seed):
    a, df = seed
    check_offsets(a, df)
    assert list(df.columns) == QUOTE_COLUMNS


def test_seed_direct_quotes(seed):
    a, df = seed
    direct = df[df["kind"] == "direct"]
    assert len(direct) == 2
    lavrov = row(df, "direct", "cooperation will get stronger")
    assert lavrov["speaker"] == "Sergey Lavrov"
    assert lavrov["speaker_type"] == "person"
    assert lavrov["cue"] == "quoted as saying"
    assert lavrov["relayed_by"] == "Interfax"
    assert a.text[lavrov["speaker_start"]:lavrov["speaker_end"]] == "Lavrov"
    xi = row(df, "direct", "State-to-state relations")
    assert xi["speaker"] == "Xi Jinping"
    assert xi["cue"] == "told" and xi["cue_class"] == "neutral"
    assert bool(xi["hedged"]) is True
    assert xi["relayed_by"] == "CCTV"
    assert bool(lavrov["hedged"]) is False


def test_seed_partial_quotes(seed):
    _, df = seed
    a, _ = seed
    interest = row(df, "mixed", "in no-one’s interest")
    assert interest["speaker"] == "Xi Jinping"
    assert interest["speaker_text"] == "the Chinese president"
    assert interest["text"].startswith("that military conflicts")
    people = row(df, "mixed", "ordinary people")
    assert people["speaker"] == "Xi Jinping"
    assert people["quoted_words"] == 2 and people["words"] > 2
    (ps, pe), = people["parts"]
    assert a.text[ps:pe] == "“ordinary people.”"


def test_seed_indirect_and_loaded_cues(seed):
    _, df = seed
    claimed = row(df, "indirect", "ties with China would only grow stronger")
    assert claimed["speaker"] == "Sergey Lavrov"
    assert claimed["cue"] == "claimed" and claimed["cue_class"] == "loaded"
    warned = row(df, "indirect", "to handle the Taiwan situation")
    assert warned["speaker"] == "Xi Jinping"
    assert warned["cue"] == "warned" and warned["cue_class"] == "loaded"


def test_seed_scare_quote(seed):
    _, df = seed
    invasion = row(df, "scare", "invasion")
    assert invasion["speaker"] is None or pd.isna(invasion["speaker"])
    assert invasion["cue"] is None or pd.isna(invasion["cue"])


def test_seed_headline_check(seed):
    a, df = seed
    hc = headline_check(a, df)
    assert list(hc.columns) == HEADLINE_COLUMNS
    assert len(hc) == 1
    h = hc.iloc[0]
    assert h["text"] == "get stronger"
    assert a.text[h["start"]:h["end"]] == "get stronger"
    assert bool(h["found"]) is True
    assert a.text[h["body_start"]:h["body_end"]] == "get stronger"
    assert h["speaker"] == "Sergey Lavrov"
    lavrov = row(df, "direct", "cooperation will get stronger")
    assert lavrov["start"] <= h["body_start"] < h["body_end"] <= lavrov["end"]


def test_seed_sources(seed):
    a, df = seed
    src = sources(df).set_index("speaker")
    assert {"Sergey Lavrov", "Xi Jinping"} <= set(src.index)
    # one row per statement: Xi's two reported clauses with quoted words are "mixed" rows that
    # hold their quotations as parts (not a reported row plus a partial row each)
    xi = src.loc["Xi Jinping"]
    assert (xi["quotes"], xi["direct"], xi["mixed"], xi["partial"], xi["indirect"]) == (4, 1, 2, 0, 1)
    assert src.loc["Sergey Lavrov", "loaded_cues"] == 1 and src.loc["Xi Jinping", "loaded_cues"] == 1
    assert src.loc["Sergey Lavrov", "relayed"] == 1
    assert abs(src["share_of_words"].sum() - 1.0) < 1e-3
    lav_words = df[df["speaker"] == "Sergey Lavrov"]["quoted_words"].sum()
    assert src.loc["Sergey Lavrov", "quoted_words"] == lav_words
    # each quoted word counts once: Xi's quoted words are his direct quote's and his parts'
    xi_rows = df[df["speaker"] == "Xi Jinping"]
    assert xi["quoted_words"] == sum(
        n_words(a.text[slice(*inner(a.text, s, e))]) for parts in xi_rows["parts"] for s, e in parts)


def test_seed_records_are_json(seed):
    _, df = seed
    recs = records(df)
    text = json.dumps(recs)
    assert "NaN" not in text
    scare = next(r for r in recs if r["kind"] == "scare")
    assert scare["speaker"] is None and scare["speaker_start"] is None
    assert all(isinstance(r["start"], int) and isinstance(r["hedged"], bool) for r in recs)
    json.dumps(records(sources(df)))


# ------------------------------------------------------------------ direct quotes


@pytest.mark.parametrize(
    "body, quote, speaker, cue",
    [
        # speaker after the quotation
        ("“We will rebuild the harbour before winter,” Maria Lindqvist said.", "rebuild the harbour", "Maria Lindqvist", "said"),
        # inverted attribution
        ("“The budget is simply too small,” said Tomas Brennan, the city treasurer.", "budget is simply", "Tomas Brennan", "said"),
        # speaker before, colon-introduced
        ("Maria Lindqvist said on Monday: “We will rebuild the harbour before winter.”", "rebuild the harbour", "Maria Lindqvist", "said"),
        # speaker before, comma
        ("Tomas Brennan told reporters, “The budget is simply too small.”", "budget is simply", "Tomas Brennan", "told"),
        # straight quotes
        ('"Nobody expected the river to rise so fast," Peter Okafor said.', "Nobody expected", "Peter Okafor", "said"),
        # typewriter double apostrophes
        ("''We are finished with these talks,'' Helen Marsh said.", "finished with these talks", "Helen Marsh", "said"),
        # a loaded verb
        ("“I never saw the letter,” Helen Marsh insisted.", "never saw the letter", "Helen Marsh", "insisted"),
        # a question
        ("“Why would anyone sign that deal?” Peter Okafor asked.", "Why would anyone", "Peter Okafor", "asked"),
    ],
)
def test_direct_quote_speaker_and_cue(body, quote, speaker, cue):
    _, df = extract(body)
    r = row(df, "direct", quote)
    assert r["speaker"] == speaker
    assert r["cue"] == cue
    assert r["speaker_type"] == "person"


def test_colon_name_label_without_verb():
    _, df = extract("Karin Dahl: “The vote was fair and the count was accurate.”")
    r = row(df, "direct", "vote was fair")
    assert r["speaker"] == "Karin Dahl"


def test_dash_attribution():
    _, df = extract("“Never stop asking questions of the powerful.” ― Amelia Stone")
    r = row(df, "direct", "Never stop asking")
    assert r["speaker"] == "Amelia Stone"


def test_transcript_label():
    _, df = extract('"HARRIS: We will see what the committee decides next week."')
    r = row(df, "direct", "committee decides")
    assert r["speaker"] == "Harris"


def test_multi_paragraph_quote():
    body = (
        "The mayor spoke for twenty minutes.\n\n"
        "“The first thing we will do is fix the roads in the old town.\n\n"
        "“Then we will build the new school, which is long overdue,” Rosa Ferreira said."
    )
    a, df = extract(body)
    direct = df[df["kind"] == "direct"]
    assert len(direct) == 1
    r = direct.iloc[0]
    assert r["text"].startswith("“The first thing") and r["text"].endswith("overdue,”")
    assert r["speaker"] == "Rosa Ferreira"
    assert r["paragraph"] == 1


def test_follow_on_quotes_inherit_the_speaker():
    body = (
        "“The factory will stay open,” Jonas Weber said. “Nobody will lose a job this year.”\n\n"
        "“We owe that much to this town.”"
    )
    _, df = extract(body)
    first = row(df, "direct", "factory will stay open")
    second = row(df, "direct", "Nobody will lose")
    third = row(df, "direct", "We owe that much")
    assert first["speaker"] == second["speaker"] == third["speaker"] == "Jonas Weber"
    assert not first["follow_on"] and second["follow_on"] and third["follow_on"]
    assert pd.isna(second["cue"])


def test_quote_split_by_attribution():
    _, df = extract("“The first half,” Jonas Weber said, “and the second half of the thought.”")
    a = row(df, "direct", "first half")
    b = row(df, "direct", "second half")
    assert a["speaker"] == b["speaker"] == "Jonas Weber"


# ------------------------------------------------------------------ speakers


@pytest.mark.parametrize(
    "body, quote, speaker, speaker_text, stype",
    [
        # pronoun to the nearest compatible person
        ("Greta Holm arrived late to the meeting. “We are ready for the vote,” she said.",
         "ready for the vote", "Greta Holm", "she", "person"),
        # title before the name, then a description
        ("Finance minister Olav Berg met the unions on Tuesday. The finance minister said the deal was "
         "“the best we could get in the circumstances.”", "best we could get", "Olav Berg",
         "The finance minister", "person"),
        # surname only
        ("Olav Berg met the unions on Tuesday. “The deal is done,” Berg said.", "deal is done", "Olav Berg", "Berg",
         "person"),
        # anonymous source
        ("“The talks have stalled again,” a source familiar with the negotiations said.", "talks have stalled",
         None, "a source familiar with the negotiations", "anonymous"),
        ("“There is no plan B,” officials said.", "no plan B", None, "officials", "anonymous"),
        # an organisation
        ("“We reject the report in full,” the World Health Organization said.", "reject the report", "World Health Organization",
         "the World Health Organization", "organisation"),
    ],
)
def test_speaker_resolution(body, quote, speaker, speaker_text, stype):
    _, df = extract(body)
    kind = "mixed" if "best we could" in quote else "direct"
    r = row(df, kind, quote)
    got = r["speaker"] if isinstance(r["speaker"], str) else None
    assert got == speaker
    assert r["speaker_text"] == speaker_text
    assert r["speaker_type"] == stype


def test_pronoun_skips_a_person_of_the_wrong_gender():
    body = "Mr. Tom Reyes met Ms. Ana Duarte in Lisbon. “It was a useful meeting,” she said."
    _, df = extract(body)
    assert row(df, "direct", "useful meeting")["speaker"] == "Ana Duarte"


# ------------------------------------------------------------------ relays and hedges


@pytest.mark.parametrize(
    "body, quote, kind, outlet, hedged",
    [
        ("“We will not back down,” Hassan Idris told Reuters.", "not back down", "direct", "Reuters", False),
        ("“The border stays closed,” Hassan Idris reportedly said, as per state broadcaster NHK.",
         "border stays closed", "direct", "NHK", True),
        ("“The border stays closed,” Hassan Idris was quoted as saying by the news agency Xinhua.",
         "border stays closed", "direct", "Xinhua", False),
        ("Hassan Idris allegedly told the Associated Press that the border would stay closed.",
         "border would stay closed", "indirect", "Associated Press", True),
    ],
)
def test_relay_and_hedge(body, quote, kind, outlet, hedged):
    _, df = extract(body)
    r = row(df, kind, quote)
    assert r["speaker"] == "Hassan Idris"
    assert r["relayed_by"] == outlet
    assert bool(r["hedged"]) is hedged


def test_no_relay_for_reporters():
    _, df = extract("“We will not back down,” Hassan Idris told reporters.")
    assert row(df, "direct", "not back down")["relayed_by"] is None


# ------------------------------------------------------------------ reported speech


@pytest.mark.parametrize(
    "body, content, speaker, cue, cue_class",
    [
        ("Lena Novak said that the bridge would reopen in May.", "that the bridge would reopen in May", "Lena Novak", "said", "neutral"),
        ("Lena Novak said the bridge would reopen in May.", "the bridge would reopen in May", "Lena Novak", "said", "neutral"),
        ("Lena Novak told the council that the bridge would reopen in May.", "that the bridge would reopen in May",
         "Lena Novak", "told", "neutral"),
        ("Lena Novak claimed that the bridge would reopen in May.", "that the bridge would reopen in May", "Lena Novak",
         "claimed", "loaded"),
        ("Lena Novak warned the council to prepare for more floods.", "the council to prepare for more floods",
         "Lena Novak", "warned", "loaded"),
        ("Lena Novak admitted that the repairs had been delayed.", "that the repairs had been delayed", "Lena Novak",
         "admitted", "loaded"),
        ("According to Lena Novak, the bridge will reopen in May.", "the bridge will reopen in May", "Lena Novak",
         "According to", "neutral"),
        ("The bridge will reopen in May, Lena Novak said.", "The bridge will reopen in May", "Lena Novak", "said", "neutral"),
        ("Lena Novak pointed out that the bridge was built in 1890.", "that the bridge was built in 1890", "Lena Novak",
         "pointed out", "loaded"),
    ],
)
def test_indirect_speech(body, content, speaker, cue, cue_class):
    _, df = extract(body)
    r = row(df, "indirect", content)
    assert r["text"] == content
    assert r["speaker"] == speaker
    assert r["cue"] == cue
    assert r["cue_class"] == cue_class


def test_indirect_anonymous_source():
    _, df = extract("Officials said the bridge would reopen in May.")
    r = row(df, "indirect", "bridge would reopen")
    assert r["speaker_type"] == "anonymous"
    assert r["speaker"] is None or pd.isna(r["speaker"])
    assert r["speaker_text"] == "Officials"


def test_no_speech_no_rows():
    _, df = extract("The bridge was built in 1890 and reopened after repairs in May.")
    assert df.empty
    assert list(df.columns) == QUOTE_COLUMNS


# ------------------------------------------------------------------ partial and scare quotes


@pytest.mark.parametrize(
    "body, quote, kind, speaker",
    [
        ("Lena Novak said the plan was “a recipe for disaster.”", "recipe for disaster", "mixed", "Lena Novak"),
        ("Lena Novak said the plan would hurt “ordinary families.”", "ordinary families", "mixed", "Lena Novak"),
        ("Lena Novak called the plan “a recipe for disaster.”", "recipe for disaster", "partial", "Lena Novak"),
        ("Critics of the so-called “reform” gathered outside the hall.", "reform", "scare", None),
        ("The army refrained from calling the operation a “war,” officially.", "war", "scare", None),
        ("She appeared on “Meet the Press” on Sunday.", "Meet the Press", "scare", None),
    ],
)
def test_partial_and_scare_quotes(body, quote, kind, speaker):
    _, df = extract(body)
    r = row(df, kind, quote)
    got = r["speaker"] if isinstance(r["speaker"], str) else None
    assert got == speaker
    if kind == "scare":
        assert r["speaker_type"] == "unknown" and pd.isna(r["cue"])
    a = article(body)
    s = a.text.index(quote)
    assert any(ps < s < pe for ps, pe in r["parts"])  # the quotation is the row's part
    if kind == "mixed":  # one row: the reported clause, its quotation a part of it
        assert not (df["kind"] == "partial").any()
        ps, pe = r["parts"][0]
        assert r["text"].startswith("the plan") and r["quoted_words"] == n_words(a.text[slice(*inner(a.text, ps, pe))])


# ------------------------------------------------------------------ robustness


@pytest.mark.parametrize(
    "body",
    [
        "“This quote never closes, Rosa Ferreira said.",
        "He said ”backwards” and “mixed\" marks in one line.",
        "Stray closing mark” at the start, then “a proper quote,” she said.",
        '"""Three straight marks""" and a lone " here.',
        "‘Single quotes inside’ and an apostrophe’s use, ‘unclosed.",
        "“Nested ‘inner’ quote with “double inside” too,” said Anna Berg.",
        "“”",
        "« Guillemets à la française », a dit Anna Berg.",
        "''",
        "“\n\n”",
    ],
)
def test_unbalanced_and_odd_marks_do_not_crash(body):
    a, df = extract(body)
    assert list(df.columns) == QUOTE_COLUMNS
    for r in df.itertuples(index=False):
        assert 0 <= r.start < r.end <= len(a.text)


def test_unclosed_quote_runs_to_paragraph_end():
    a, df = extract("“This quote never closes, Rosa Ferreira said.\n\nThe next paragraph is narrative.")
    r = df[df["kind"] != "indirect"].iloc[0]
    assert r["text"] == "“This quote never closes, Rosa Ferreira said."
    assert not (df["text"].str.contains("next paragraph")).any()


def test_empty_inputs():
    a = parse_text("Only a headline here")
    df = quotes(a)
    assert df.empty and list(df.columns) == QUOTE_COLUMNS
    assert list(sources(df).columns) == SOURCE_COLUMNS and sources(df).empty
    hc = headline_check(a, df)
    assert hc.empty and list(hc.columns) == HEADLINE_COLUMNS
    assert records(df) == []


def test_headline_check_not_found_and_unquoted():
    body = "Lena Novak said the repairs were finished.\n\n“The bridge is safe,” Lena Novak said."
    a = article(body, headline="Engineer says bridge ‘totally safe’ and repairs ‘were finished’")
    df = quotes(a)
    hc = headline_check(a, df).set_index("text")
    assert not hc.loc["totally safe", "found"]
    assert "not found" in hc.loc["totally safe", "note"]
    assert hc.loc["were finished", "found"]
    assert hc.loc["were finished", "speaker"] is None
    assert "not inside quotation marks" in hc.loc["were finished", "note"]


def test_sources_groups_anonymous_and_excludes_scare():
    body = (
        "“There is no plan B,” officials said. “We are out of time,” a senior official said.\n\n"
        "“We have a plan,” Lena Novak said. Her critics mocked the so-called “crisis.”"
    )
    _, df = extract(body)
    src = sources(df)
    assert src["quotes"].sum() == len(df[df["kind"] != "scare"])
    anon = src[src["speaker_type"] == "anonymous"]
    assert len(anon) == 1 and anon.iloc[0]["direct"] == 2 and anon.iloc[0]["speaker"] is None
    novak = src[src["speaker"] == "Lena Novak"].iloc[0]
    assert novak["quoted_words"] == 4
    total = df[df["kind"].isin(["direct", "partial"])]["words"].sum()
    assert novak["share_of_words"] == pytest.approx(4 / total, abs=1e-4)


# ------------------------------------------------------------------ attributions beyond speech verbs


@pytest.mark.parametrize("body, content, speaker, cue, cue_type", [
    ("Lena Novak believes that the bridge will reopen in May.", "that the bridge will reopen in May", "Lena Novak",
     "believes", "attitude"),
    ("New council records show that the bridge cost twice its budget.", "that the bridge cost twice its budget", None,
     "show", "evidence"),
    ("Lena Novak declined to comment on the closure.", "to comment on the closure", "Lena Novak", "declined",
     "speech"),
    ("Lena Novak called for an inquiry into the closure.", "an inquiry into the closure", "Lena Novak", "called for",
     "speech"),
    ("Lena Novak accused the contractor of hiding the cracks.", "the contractor of hiding the cracks", "Lena Novak",
     "accused", "speech"),
    # both halves of "A, but B"
    ("Lena Novak said the bridge was safe, but the council wants a second survey.",
     "the bridge was safe, but the council wants a second survey", "Lena Novak", "said", "speech"),
])
def test_reported_attributions(body, content, speaker, cue, cue_type):
    _, df = extract(body)
    r = row(df, "indirect", content)
    assert r["text"] == content
    assert (r["speaker"] if isinstance(r["speaker"], str) else None) == speaker
    assert r["cue"] == cue and r["cue_type"] == cue_type


def test_first_person_attitude_is_no_attribution():
    _, df = extract("We believe that the bridge will reopen in May.")
    assert df.empty


def test_attributions_export():
    from newsnb.analysis.quotes import attributions

    a, df = extract("Ana Duarte, who chairs the council, has also said that repairs are “far behind schedule.” "
                    "“We will not reopen it this year,” she said. “The money is gone.”")
    events = attributions(df)
    assert [e["kind"] for e in events] == ["mixed", "direct"]
    mixed, direct = events
    (cs, ce), = mixed["content"]
    assert a.text[cs:ce].startswith("that repairs are")
    (ps, pe), = mixed["parts"]
    assert a.text[ps:pe] == "“far behind schedule.”"
    (ss, se), = mixed["source"]
    assert a.text[ss:se] == "Ana Duarte, who chairs the council,"
    (us, ue), = mixed["cue"]
    assert a.text[us:ue] == "has also said"
    assert len(direct["content"]) == 2  # the follow-on quotation is a second span of the same event
    assert mixed["speaker"] == direct["speaker"] == "Ana Duarte"


@pytest.mark.parametrize("headline, content, source", [
    ("Novak: The bridge will not reopen this year.", "The bridge will not reopen this year", "Novak"),
    ("City council: Repairs are far behind schedule", "Repairs are far behind schedule", "City council"),
    ("Analysis: The bridge that nobody wanted", None, None),        # a section label, not a source
    ("The bridge will not reopen this year", None, None),           # no colon
    ("Why the mayor says: repairs take time", None, None),          # a clause before the colon
])
def test_headline_colon(headline, content, source):
    a, df = extract("The council met on Tuesday.", headline=headline)
    rows = df[df["cue_type"] == "headline"]
    if content is None:
        assert rows.empty
        return
    assert len(rows) == 1
    r = rows.iloc[0]
    assert r["text"] == content and r["cue"] == ":"
    assert a.text[r["source_start"]:r["source_end"]] == source
