"""Token lookup by character offset."""
from __future__ import annotations

from newsnb.analysis.nlp import parse
from newsnb.analysis.text.tokens import doc_text, phrase_head, token_at, tokens_between
from newsnb.input import parse_text


def test_token_at_and_between():
    a = parse_text("Headline here\n\nThe news agency Xinhua said so.")
    doc = parse(a)
    i = a.text.index("agency")
    assert token_at(doc, i).text == "agency" and token_at(doc, i + 3).text == "agency"
    assert token_at(doc, i - 1) is None  # the space between two tokens
    assert token_at(doc, len(a.text) + 5) is None
    assert [t.text for t in tokens_between(doc, i, a.text.index("said"))] == ["agency", "Xinhua"]
    assert doc_text(doc) == a.text and doc_text(doc) is doc_text(doc)  # built once
    assert phrase_head(token_at(doc, a.text.index("news"))).text in ("agency", "Xinhua")
