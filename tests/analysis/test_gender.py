"""Tests for newsnb.analysis.gender: table-driven cases on small hand-written texts, the first-name
dictionary, the gender columns of quotes and sources, and the share of voice by gender."""
from __future__ import annotations

import pandas as pd
import pytest

from newsnb.analysis.gender import GENDER_COLUMNS, VOICE_COLUMNS, first_name_gender, speaker_genders, voices
from newsnb.analysis.nlp import parse
from newsnb.analysis.quotes import QUOTE_COLUMNS, SOURCE_COLUMNS, quotes, sources
from newsnb.input import parse_text


def article(body: str):
    return parse_text(f"A headline for the test\n\n{body}\n", slug="t")


def genders_of(body: str) -> tuple:
    """The article, its quotes and its sources indexed by speaker (None rows left out)."""
    a = article(body)
    q = quotes(a)
    s = sources(q)
    for r in pd.concat([q, s]).itertuples(index=False):
        if pd.notna(r.gender_evidence_start):
            assert a.text[int(r.gender_evidence_start):int(r.gender_evidence_end)] == r.gender_evidence_text
    return a, q, s.set_index("speaker", drop=False)


RK = "Robin Kelso"  # a first name the dictionary marks unisex: only the text can tell
SAID = "Robin Kelso said the plan would work.\n"
# (case, body, speaker, (gender, evidence, evidence text))
CASES = [
    ("a pronoun after the quote", 'Sarah Mitchell opened the meeting.\n"It is a good day," she said.', "Sarah Mitchell",
     ("female", "text", "she")),
    ("he/she subject of the next sentence", "Robin Kelso opened the hearing.\nShe said it would take a year.", RK,
     ("female", "text", "She")),
    ("a pronoun for a different person in between", SAID + 'The mayor thanked him.\n"It will work," she said.', RK,
     ("unknown", "none", None)),
    ("another person's possessive in between", SAID + 'Her colleague Robin Walsh disagreed.\n"No," he said.',
     "Robin Walsh", ("male", "text", "he")),
    ("… gives the first speaker nothing", SAID + 'Her colleague Robin Walsh disagreed.\n"No," he said.', RK,
     ("unknown", "none", None)),
    ("Ms and a surname", "Ms Okafor said the school would reopen in May.", "Okafor", ("female", "text", "Ms")),
    ("Sir", "Sir Robin Kelso said the museum would stay open.", RK, ("male", "text", "Sir")),
    ("an ambiguous name: Jordan", "Jordan Hale said the talks had stalled.", "Jordan Hale", ("unknown", "none", None)),
    ("a first name only", "David Brown, a retired engineer, said the design was sound.", "David Brown",
     ("male", "name", "David")),
    ("an ambiguous name: Alex", "Alex Morgan, a cyclist, said the path was too narrow.", "Alex Morgan",
     ("unknown", "none", None)),
    ("a female first name only", "Mary Kelso said the vote would be close.", "Mary Kelso", ("female", "name", "Mary")),
    ("an ambiguous name: Kim", "Kim Fowler said the vote would be close.", "Kim Fowler", ("unknown", "none", None)),
    ("conflicting evidence in the text", SAID + '"It is fine," she said.\nMr Kelso added that costs were fixed.', RK,
     ("unknown", "conflict", "Mr")),
    ("the text wins over the name", "David Kelso opened the hearing.\nShe said it would take a year.", "David Kelso",
     ("female", "text", "She")),
    ("a gendered title", "Council chairwoman Robin Kelso said the vote would go ahead.", RK,
     ("female", "text", "chairwoman")),
    ("a gendered noun in apposition", "Robin Kelso, his wife, said the family was relieved.", RK, ("female", "text", "wife")),
    ("a role in -man alone", "Party chairman Robin Kelso said the vote would go ahead.", RK, ("male", "text", "chairman")),
    ("a role in -man against a female first name", "Party chairman Mary Kelso said the vote would go ahead.",
     "Mary Kelso", ("unknown", "conflict", "chairman")),
]


@pytest.mark.parametrize("case,body,speaker,expected", CASES, ids=[c[0] for c in CASES])
def test_speaker_gender(case, body, speaker, expected):
    gender, evidence, text = expected
    _, q, s = genders_of(body)
    row = s.loc[speaker]
    assert row["speaker_type"] == "person"
    assert (row["gender"], row["gender_evidence"], row["gender_evidence_text"]) == (gender, evidence, text)
    for r in q[q["speaker"] == speaker].itertuples(index=False):  # every quote of the speaker carries it
        assert (r.gender, r.gender_evidence) == (gender, evidence)


@pytest.mark.parametrize("body,speaker_type", [
    ("The Acme Company said profits rose by a tenth.", "organisation"),
    ("Officials said the budget was fixed.", "anonymous"),
    ("A spokeswoman said the budget was fixed.", "anonymous"),
])
def test_no_gender_for_organisations_and_unnamed_sources(body, speaker_type):
    _, q, s = genders_of(body)
    assert list(q["speaker_type"]) == [speaker_type]
    for df in (q, s):
        assert all(v is None or pd.isna(v) for v in df[GENDER_COLUMNS].to_numpy().ravel())


def test_columns_keep_their_order_and_gender_comes_last():
    assert QUOTE_COLUMNS[-5:] == GENDER_COLUMNS and SOURCE_COLUMNS[-5:] == GENDER_COLUMNS
    _, q, s = genders_of("Ms Okafor said the school would reopen in May.")
    assert list(q.columns) == QUOTE_COLUMNS and list(s.columns) == SOURCE_COLUMNS
    assert str(q["gender_evidence_start"].dtype) == "Int64"


def test_speaker_genders_without_the_extractor():
    """Built on its own (a new resolver from the doc and the quotes), the same answer."""
    a = article('Council leader Sarah Mitchell opened the meeting.\n"It is a good day," she said.\n'
                "David Brown said the design was sound.\nThe Acme Company said profits rose.")
    q = quotes(a)
    g = speaker_genders(a, parse(a), q)
    assert list(g.columns) == GENDER_COLUMNS
    assert g.loc["Sarah Mitchell", "gender"] == "female" and g.loc["David Brown", "gender_evidence"] == "name"
    assert "Acme Company" not in g.index
    assert speaker_genders(a, parse(a), q.iloc[0:0]).empty


@pytest.mark.parametrize("name,gender", [
    ("John", "male"), ("Mary", "female"), ("Jane", "female"), ("George", "male"), ("Hillary", "female"),
    ("Hans-Werner", "male"), ("Jean-Marie", "male"), ("Anne-Marie", "female"),
    ("Jordan", None), ("Alex", None), ("Kim", None), ("Chris", None), ("Taylor", None), ("Andrea", None),
    ("Jean", None), ("J.", None), ("J.K.", None), ("Zzyzx", None), ("", None),
])
def test_first_names(name, gender):
    assert first_name_gender(name) == gender


def _q(speaker, gender, kind="direct", words=10, stype="person", slug="a"):
    return {"kind": kind, "speaker": speaker, "speaker_type": stype, "words": words, "gender": gender, "slug": slug}


def test_voices_counts_people_once_per_article_and_keeps_unknown():
    q = pd.DataFrame([
        _q("Ann Lee", "female", words=30), _q("Ann Lee", "female", "indirect", 8),
        _q("Bo Chan", "male", "partial", 10), _q("Cy Dee", "unknown", "indirect", 5),
        _q("Ann Lee", "female", words=20, slug="b"),
        _q(None, None, stype="anonymous"), _q("Acme", None, stype="organisation"), _q(None, None, "scare", 1, "unknown"),
    ])
    v = voices(q).set_index("gender")
    assert list(v.index) == ["female", "male", "unknown"] and list(v.columns) == VOICE_COLUMNS[1:]
    assert v["sources"].to_dict() == {"female": 2, "male": 1, "unknown": 1}  # Ann Lee in two articles
    assert v["quotes"].to_dict() == {"female": 3, "male": 1, "unknown": 1}
    assert v["quoted_words"].to_dict() == {"female": 50, "male": 10, "unknown": 0}  # reported speech has no quoted words
    assert v.loc["female", "share_of_sources"] == 0.5 and v.loc["female", "share_of_words"] == pytest.approx(50 / 60, abs=1e-4)
    assert v["share_of_quotes"].sum() == pytest.approx(1.0)


def test_voices_of_old_tables_and_groups():
    old = pd.DataFrame([_q("Ann Lee", None), _q("Bo Chan", None)]).drop(columns="gender")
    v = voices(old).set_index("gender")
    assert v.loc["unknown", "sources"] == 2 and v.loc["female", "sources"] == 0
    grouped = voices(pd.DataFrame([_q("Ann Lee", "female") | {"outlet": "B"}, _q("Bo Chan", "male") | {"outlet": "A"},
                                   _q("Cy Dee", "male") | {"outlet": None}]), by="outlet")
    assert list(grouped.columns) == ["outlet"] + VOICE_COLUMNS
    assert list(grouped["outlet"]) == ["A"] * 3 + ["B"] * 3  # unknown outlet left out, groups in order
    assert voices(None).empty and voices(pd.DataFrame([_q(None, None, stype="anonymous")])).empty


def test_seed_gender(seed_analysis):
    s = seed_analysis.sources.set_index("speaker")
    assert set(s.loc[["Sergey Lavrov", "Xi Jinping"], "speaker_type"]) == {"person"}
    # the seed gives neither man an honorific or a pronoun of his own: Lavrov's first name decides; "Xi" is a
    # family name (written first), missing from the dictionary
    assert s.loc["Sergey Lavrov", "gender"] == "male" and s.loc["Xi Jinping", "gender"] == "unknown"
    v = seed_analysis.voices.set_index("gender")
    assert int(v["sources"].sum()) == int((s["speaker_type"] == "person").sum())
