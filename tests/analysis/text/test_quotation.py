"""Quotation spans: one pairing of quotation marks, shared by quotes, facts and language."""
from __future__ import annotations

import pytest

from newsnb.analysis import language, quotes
from newsnb.analysis.text.quotation import QuoteSpans, body_quotations, headline_segments, inner, quote_spans
from newsnb.input import parse_text


def test_quote_spans_apostrophes():
    text = "The country’s ‘red line’ and “full stop” and 'odd' and Smiths' rules."
    a = parse_text(text)  # one line: the headline, where straight single marks are quotation marks
    spans = [text[s:e] for s, e in quote_spans(a)]
    assert spans == ["‘red line’", "“full stop”", "'odd'"]
    body = parse_text("Headline\n\n" + text)
    assert [body.text[s:e] for s, e in quote_spans(body)] == ["‘red line’", "“full stop”"]  # body: apostrophes


@pytest.mark.parametrize("text, expected", [
    ("H\n\n“One,” she said. “Two.”", ["“One,”", "“Two.”"]),
    ("H\n\n“Runs on\n\n“and ends here,” he said.", ["“Runs on", "“and ends here,”"]),
    ("H\n\nStray closing” mark, then “a quote” here.", ["“a quote”"]),
    ("H\n\n“Never closes", ["“Never closes"]),
    ("H\n\n“Outer ‘inner’ words”", ["“Outer ‘inner’ words”"]),
    ("H\n\n« Guillemets » and ``typewriter''", ["« Guillemets »", "``typewriter''"]),
])
def test_body_quotation_segments(text, expected):
    a = parse_text(text)
    got = [a.text[seg.start:seg.end] for q in body_quotations(a) for seg in q.segs]
    assert got == expected


def test_paragraph_continuation_is_one_quotation():
    a = parse_text("H\n\n“The first paragraph of it\n\n“and the second,” said Ann Lee.")
    qs = body_quotations(a)
    assert len(qs) == 1 and len(qs[0].segs) == 2


def test_headline_segments_and_inner():
    a = parse_text("Minister vows to ‘get stronger’ and 'win'\n\nBody text here.")
    segs = headline_segments(a)
    assert [a.text[slice(*inner(a.text, s.start, s.end))] for s in segs] == ["get stronger", "win"]


def test_quote_spans_lookups():
    spans = QuoteSpans([(10, 20), (15, 25), (40, 50)])
    assert spans.at(10) and spans.at(24) and not spans.at(25) and spans.at(40) and not spans.at(30)
    assert spans.inside(11, 19) and spans.inside(10, 19) and not spans.inside(10, 25)  # not the whole quotation
    assert not spans.inside(20, 45)
    assert spans.blank("x" * 60) == "x" * 10 + " " * 15 + "x" * 15 + " " * 10 + "x" * 10


STORY = """Council backs harbour plan

Mayor Ann Rivers said the plan was “probably the best we could reasonably hope for,” and added
that it would “perhaps” be finished by May.

“It is a very bold step,” said Tom Baker, who leads the opposition. Critics allegedly called it ‘a
shocking waste’.

The so-called reform was reportedly delayed.
"""


def test_quotes_and_language_agree_on_what_is_quoted():
    """The quotation the quotes table reports is the span the language tables mark in_quote."""
    a = parse_text(STORY)
    q = quotes.quotes(a)
    quoted = [(r.start, r.end) for r in q.itertuples() if r.kind != "indirect"]
    assert quoted, "the story has quotations"
    hedges = language.hedges(a)
    assert len(hedges) >= 4
    for h in hedges.itertuples():
        in_table = any(s < h.start and h.end <= e or s <= h.start and h.end < e for s, e in quoted)
        assert h.in_quote == in_table, (h.text, h.in_quote)
    assert set(hedges[hedges.in_quote].text) >= {"probably", "perhaps", "very"}
    assert not hedges[hedges.text.isin(["allegedly", "reportedly", "so-called"])].in_quote.any()
