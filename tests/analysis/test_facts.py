"""Tests for newsnb.facts: numbers, dates and claims (seed article, a test article, small sentences)."""
from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from newsnb.core import config
from newsnb.analysis import facts
from newsnb.input import load, parse_text

ARTICLE_DATE = "2022-03-20"  # a Sunday
HARBOUR = config.TESTS_DATA_DIR / "facts_harbour.txt"


def one(sentence: str, **meta) -> object:
    return parse_text(f"Headline\n{sentence}", meta=meta or None)


def assert_offsets(article, df: pd.DataFrame, col: str = "text") -> None:
    for row in df.itertuples():
        assert article.text[row.start : row.end] == getattr(row, col), row


# ---------------------------------------------------------------------------------------------
# seed article


@pytest.fixture(scope="module")
def seed_facts(seed, seed_doc):
    return facts.facts(seed, doc=seed_doc, date=ARTICLE_DATE)


def test_seed_money_conversion(seed, seed_facts):
    nums = seed_facts["numbers"]
    start = seed.text.index("5 million yuan")
    row = nums[nums.start == start].iloc[0]
    assert row.text == "5 million yuan"
    assert (row.kind, row.value, row.unit) == ("money", 5_000_000.0, "CNY")
    assert (row.converted_text, row.converted_value, row.converted_unit) == ("$786,000", 786_000.0, "USD")
    assert seed.text[row.converted_start : row.converted_end] == "$786,000"
    assert abs(row.implied_rate - 0.1572) < 0.001
    assert row.rate_note.endswith("USD per CNY") and row.rate_note.startswith("0.157")
    assert not row.in_promo and row.paragraph == len(seed.paragraphs) - 1
    assert "aid package" in row.context
    # the converted amount is reported in the same row, not as a second number
    assert not (nums.start == seed.text.index("$786,000")).any()


def test_seed_promo_count_kept_apart(seed, seed_facts):
    nums = seed_facts["numbers"]
    promo = seed.promos[0]
    start = seed.text.index("4 US soldiers")
    row = nums[nums.start == start].iloc[0]
    assert (row.text, row.kind, row.value, row.unit) == ("4", "count", 4.0, "soldiers")
    assert bool(row.in_promo) and row.part == "promo" and pd.isna(row.paragraph)
    assert promo.start <= row.start < promo.end
    body = nums[~nums.in_promo]
    assert all(seed.part_at(s) is not None for s in body.start)
    assert not any(promo.start <= s < promo.end for s in body.start)
    # the promo's number is no claim of this story
    assert not any(c.start <= start < c.end for c in seed_facts["claims"].itertuples())


def test_seed_ordinal_and_spelled_count(seed, seed_facts):
    nums = seed_facts["numbers"].set_index("start")
    first = nums.loc[seed.text.index("first such package")]
    assert (first.kind, first.value, first.unit) == ("ordinal", 1.0, "package")
    two = nums.loc[seed.text.index("two great powers")]
    assert (two.text, two.kind, two.value, two.unit) == ("two", "count", 2.0, "powers")


def test_seed_dates(seed, seed_facts):
    d = seed_facts["dates"]
    feb = d[d.text.str.contains("February 24")].iloc[0]
    assert feb.kind == "absolute" and feb.resolved == "2022-02-24" and not feb.in_promo
    assert feb.start <= seed.text.index("February 24") < feb.end
    sat = d[d.text == "on Saturday"]
    assert len(sat) == 2  # key point and first paragraph
    assert set(sat.resolved) == {"2022-03-19"}
    assert sat.iloc[0].resolution == "Saturday before 2022-03-20 (article date)"
    near = d[d.text.str.contains("nearing a month")].iloc[0]
    assert near.kind == "duration" and near.resolved is None
    after = d[d.text == "a day after"]
    assert len(after) == 2 and set(after.kind) == {"relative"} and after.resolved.isna().all()
    # numbers inside dates are not listed as numbers
    assert not (seed_facts["numbers"].text == "24").any()


def test_seed_dates_without_article_date(seed, seed_doc):
    d = facts.dates(seed, doc=seed_doc)
    assert seed.meta.get("date") is None
    feb = d[d.text.str.contains("February 24")].iloc[0]
    assert feb.resolved is None and "no article date" in feb.resolution
    sat = d[d.text == "on Saturday"].iloc[0]
    assert sat.resolved is None and sat.resolution == "no article date: not resolved"


def test_seed_claims(seed, seed_facts):
    c = seed_facts["claims"]
    assert set(c.part) == {"paragraph"}
    last = c[c.start == seed.paragraphs[-1].start].iloc[0]
    assert bool(last.has_number) and bool(last.has_date) and not last.attributed
    assert last.check_priority == "high"
    lavrov = c[c.start == seed.paragraphs[0].start].iloc[0]
    assert bool(lavrov.attributed) and lavrov.attributed_to == "Sergey Lavrov" and lavrov.cue == "claimed"
    assert lavrov.check_priority == "medium"
    xi = c[c.text.str.contains("reportedly told")].iloc[0]
    assert xi.attributed_to == "Xi Jinping" and xi.check_priority == "low"
    # a quotation with no name, number or date is no checkable claim
    assert not c.text.str.startswith("“State-to-state").any()


def test_seed_claims_with_quotes_frame(seed, seed_doc):
    q_start = seed.text.index("“State-to-state")
    q_end = seed.text.index("community,”") + len("community,”")
    quotes = pd.DataFrame([{"start": q_start, "end": q_end, "speaker": "A. Speaker", "kind": "direct"}])
    c = facts.claims(seed, doc=seed_doc, quotes=quotes)
    row = c[c.text.str.startswith("Peace and security")].iloc[0]
    assert row.attributed_to == "A. Speaker" and row.cue == "quote"
    with pytest.raises(ValueError, match="speaker"):
        facts.claims(seed, doc=seed_doc, quotes=pd.DataFrame({"start": [0], "end": [1]}))


def test_offsets_hold_everywhere(seed, seed_facts):
    for name in ("numbers", "dates", "claims"):
        assert_offsets(seed, seed_facts[name])
    nums = seed_facts["numbers"]
    for row in nums.itertuples():
        assert seed.text[row.sentence_start : row.sentence_end] == row.context
        assert row.sentence_start <= row.start and row.end <= row.sentence_end


def test_columns_are_documented(seed, seed_facts):
    assert list(seed_facts["numbers"].columns) == facts.NUMBER_COLUMNS
    assert list(seed_facts["dates"].columns) == facts.DATE_COLUMNS
    assert list(seed_facts["claims"].columns) == facts.CLAIM_COLUMNS


# ---------------------------------------------------------------------------------------------
# hand-written test article


def test_harbour_article():
    a = load(HARBOUR)
    r = facts.facts(a, date="2023-03-09")
    for df in r.values():
        assert_offsets(a, df)
    nums = r["numbers"].set_index("text")
    assert nums.loc["£12m", "converted_text"] == "€14.1m"
    assert abs(nums.loc["£12m", "implied_rate"] - 14.1 / 12) < 1e-9
    assert nums.loc["£12m", "rate_note"] == "1.175 EUR per GBP"
    assert nums.loc["40 per cent", "kind"] == "percent"
    assert (nums.loc["1,800", "kind"], nums.loc["1,800", "unit"]) == ("count", "residents")
    assert bool(nums.loc["3", "in_promo"]) and nums.loc["3", "unit"] == "boats"
    d = r["dates"].set_index("text")
    assert d.loc["on June 14", "resolved"] == "2023-06-14"  # future tense: "will open"
    assert d.loc["last month", "resolved"] == "2023-02"
    assert d.loc["since 2019", "resolved"] == "2019"
    assert d.loc["in June", "resolved"] == "2023-06"  # "would open in June": future in the past
    c = r["claims"]
    figures = c[c.text.str.contains("£24m")].iloc[0]
    assert figures.cue == "according to" and "council" in figures.attributed_to


# ---------------------------------------------------------------------------------------------
# table-driven: numbers


@pytest.mark.parametrize(
    "sentence,text,kind,value,unit,conv_text,conv_value,conv_unit",
    [
        ("The EU pledged €2bn (£1.7bn) to the fund.", "€2bn", "money", 2e9, "EUR", "£1.7bn", 1.7e9, "GBP"),
        ("He paid 300 euros (roughly 255 pounds) for it.", "300 euros", "money", 300, "EUR", "255 pounds", 255, "GBP"),
        ("A grant of 5 million yuan ($786,000) was made.", "5 million yuan", "money", 5e6, "CNY", "$786,000", 786000, "USD"),
        ("The plan costs $5 million.", "$5 million", "money", 5e6, "USD", None, None, None),
        ("A ₹50 lakh fine was imposed.", "₹50 lakh", "money", 5e6, "INR", None, None, None),
        ("The firm earned two million dollars.", "two million dollars", "money", 2e6, "USD", None, None, None),
        ("Prices rose 15% this spring.", "15%", "percent", 15, "%", None, None, None),
        ("Turnout fell 3 per cent.", "3 per cent", "percent", 3, "%", None, None, None),
        ("Support rose five percent.", "five percent", "percent", 5, "%", None, None, None),
        ("Rates rose 0.25 percentage points.", "0.25 percentage points", "percent", 0.25, "percentage points", None, None, None),
        ("Police said 12 people were hurt.", "12", "count", 12, "people", None, None, None),
        ("Twenty-five soldiers were hurt.", "Twenty-five", "count", 25, "soldiers", None, None, None),
        ("The town has 1,800 residents.", "1,800", "count", 1800, "residents", None, None, None),
        ("Thousands of people marched.", "Thousands", "count", None, "people", None, None, None),
        ("The road is 50 km long.", "50", "quantity", 50, "km", None, None, None),
        ("A 19-year-old man was hurt.", "19-year-old", "quantity", 19, "years old", None, None, None),
        ("It was the second time the bridge closed.", "second", "ordinal", 2, "time", None, None, None),
        ("The twenty-first summit opened.", "twenty-first", "ordinal", 21, "summit", None, None, None),
        ("She finished 3rd in the race.", "3rd", "ordinal", 3, None, None, None, None),
    ],
)
def test_numbers_table(sentence, text, kind, value, unit, conv_text, conv_value, conv_unit):
    a = one(sentence)
    df = facts.numbers(a)
    assert_offsets(a, df)
    assert list(df.columns) == facts.NUMBER_COLUMNS
    rows = df[df.text == text]
    assert len(rows) == 1, df[["text", "kind"]]
    row = rows.iloc[0]
    assert row.kind == kind
    assert (math.isnan(row.value) if value is None else row.value == pytest.approx(value))
    assert row.unit == unit
    assert row.converted_text == conv_text
    if conv_value is None:
        assert pd.isna(row.converted_value) and pd.isna(row.implied_rate) and row.rate_note is None
    else:
        assert row.converted_value == pytest.approx(conv_value)
        assert row.converted_unit == conv_unit
        assert row.implied_rate == pytest.approx(conv_value / value)
        assert row.rate_note == f"{conv_value / value:.4g} {conv_unit} per {unit}"


@pytest.mark.parametrize(
    "sentence",
    [
        "No figures appear in this sentence at all.",
        "The 1990s gave us 5G, COVID-19 and the F-16.",  # decade, names with digits
        "The talks were held on 3 March 2021 at 10:30am.",  # all date/time
        "The war has lasted 24 hours and two days.",  # durations are dates, not numbers
        "No-one knows which one of them left.",  # pronoun "one"
    ],
)
def test_numbers_none(sentence):
    df = facts.numbers(one(sentence))
    assert df.empty and list(df.columns) == facts.NUMBER_COLUMNS


def test_numbers_same_currency_is_no_conversion():
    df = facts.numbers(one("It cost $5m ($4m after tax)."))
    assert df.converted_text.isna().all() and len(df) == 2


# ---------------------------------------------------------------------------------------------
# table-driven: dates with a fixed article date


@pytest.mark.parametrize(
    "sentence,text,kind,resolved,why",
    [
        ("The talks took place on Saturday.", "on Saturday", "weekday", "2022-03-19", "Saturday before 2022-03-20"),
        ("The talks take place on Sunday.", "on Sunday", "weekday", "2022-03-20", "article date itself"),
        ("The vote will be held on Monday.", "on Monday", "weekday", "2022-03-21", "Monday after 2022-03-20"),
        ("The plant closed last Sunday.", "last Sunday", "weekday", "2022-03-13", "before"),
        ("Troops crossed the border on February 24.", "on February 24", "absolute", "2022-02-24", "year of the article date"),
        ("The summit was held on December 5.", "on December 5", "absolute", "2021-12-05", "previous year"),
        ("It opened on 3 March 2019.", "on 3 March 2019", "absolute", "2019-03-03", "explicit date"),
        ("The law passed in 2021.", "in 2021", "absolute", "2021", "explicit year"),
        ("Work began in May 2020.", "in May 2020", "absolute", "2020-05", "explicit month and year"),
        ("Sales slowed in February.", "in February", "absolute", "2022-02", "on or before"),
        ("The report was filed on 2022-01-31.", "on 2022-01-31", "absolute", "2022-01-31", "explicit date"),
        ("He resigned yesterday.", "yesterday", "relative", "2022-03-19", "yesterday"),
        ("Prices rose last week.", "last week", "relative", "2022-W10", "ISO week"),
        ("They met last month.", "last month", "relative", "2022-02", "last month"),
        ("The plant closed two days ago.", "two days ago", "relative", "2022-03-18", "2 day(s) before"),
        ("It came a day after the vote.", "a day after", "relative", None, "another event"),
        ("The firm recently moved.", "recently", "relative", None, "vague"),
        ("The war is nearing a month now.", "nearing a month now", "duration", None, "duration"),
        ("The siege lasted for three years.", "for three years", "duration", None, "duration"),
        ("The meeting starts at 10.30am.", "10.30am", "time", None, "time of day"),
    ],
)
def test_dates_table(sentence, text, kind, resolved, why):
    a = one(sentence)
    df = facts.dates(a, date=dt.date(2022, 3, 20))
    assert_offsets(a, df)
    rows = df[df.text == text]
    assert len(rows) == 1, df[["text", "kind", "resolved"]]
    row = rows.iloc[0]
    assert (row.kind, row.resolved) == (kind, resolved)
    assert why in row.resolution


def test_dates_use_meta_date_and_string_dates():
    a = one("He resigned on Saturday.", date="2022-03-20T09:30:00+00:00")
    assert facts.dates(a).iloc[0].resolved == "2022-03-19"
    assert facts.dates(a, date="2022-03-27").iloc[0].resolved == "2022-03-26"
    with pytest.raises(ValueError, match="article date"):
        facts.dates(a, date="next tuesday-ish")


def test_dates_weekday_mismatch_is_noted():
    df = facts.dates(one("It happened on Friday, March 19, 2022."), date=ARTICLE_DATE)
    row = df.iloc[0]
    assert row.resolved == "2022-03-19" and "is a Saturday, not a Friday" in row.resolution


def test_dates_none():
    df = facts.dates(one("Nothing here says when."), date=ARTICLE_DATE)
    assert df.empty and list(df.columns) == facts.DATE_COLUMNS


# ---------------------------------------------------------------------------------------------
# table-driven: claims


@pytest.mark.parametrize(
    "sentence,attributed,speaker,priority",
    [
        ("Forty people were hurt in the blast on Monday.", False, None, "high"),
        ("The ministry said 40 people were hurt.", True, "ministry", "medium"),
        ("According to the United Nations, 3,000 homes were destroyed.", True, "United Nations", "medium"),
        ("The French government criticised the plan.", False, None, "medium"),
        ("“We will rebuild,” Greta Lindqvist told reporters.", True, "Greta Lindqvist", "low"),
        ("The plan was backed by Tony Blair, who said 40 schools would close.", True, "Tony Blair", "medium"),
    ],
)
def test_claims_table(sentence, attributed, speaker, priority):
    a = one(sentence)
    df = facts.claims(a)
    assert_offsets(a, df)
    assert len(df) == 1, df
    row = df.iloc[0]
    assert (bool(row.attributed), row.attributed_to, row.check_priority) == (attributed, speaker, priority)


@pytest.mark.parametrize("sentence", ["Is this the end of the road for Greta Lindqvist?", "Peace is precious.", ""])
def test_claims_none(sentence):
    df = facts.claims(one(sentence))
    assert df.empty and list(df.columns) == facts.CLAIM_COLUMNS


def test_claims_summary_parts_optional(seed, seed_doc):
    body = facts.claims(seed, doc=seed_doc)
    more = facts.claims(seed, doc=seed_doc, include_summary=True)
    assert set(more.part) >= {"key_point", "paragraph"}
    assert len(more) > len(body)


def test_words_to_number():
    assert facts.words_to_number(["two", "hundred", "and", "five"]) == 205
    assert facts.words_to_number(["three", "million"]) == 3_000_000
    assert facts.words_to_number(["a", "dozen"]) == 12
    assert facts.words_to_number(["many"]) is None
