"""Attribution cues: the one test quotes, facts and language use."""
from __future__ import annotations

import pytest

from newsnb.analysis.nlp import parse
from newsnb.analysis.text.cues import cue_at
from newsnb.analysis.text.tokens import token_at
from newsnb.input import parse_text


def _cue(sentence: str, word: str):
    a = parse_text("Headline\n\n" + sentence)
    doc = parse(a)
    return cue_at(doc, token_at(doc, a.text.index(word, len("Headline\n\n"))))


@pytest.mark.parametrize("sentence, word, key, text", [
    ("The minister said the plan had failed.", "said", "say", "said"),
    ("Critics pointed out that the plan had failed.", "pointed", "point_out", "pointed out"),
    ("According to the ministry, the plan failed.", "According", "according_to", "According to"),
    ("As per the ministry, the plan failed.", "As", "as_per", "As per"),
    ("He was quoted as saying the plan had failed.", "quoted", "quote", "quoted as saying"),
    ("The plan, as Ann Lee put it, had failed.", "put", "put_it", "put it"),
    ("The mayor warned that the bridge was unsafe.", "warned", "warn", "warned"),
    ("The mayor called the vote a sham.", "called", "call", "called"),
])
def test_cues(sentence, word, key, text):
    cue = _cue(sentence, word)
    assert cue is not None and cue[3] == key and cue[2] == text


@pytest.mark.parametrize("sentence, word", [
    ("The so-called reform stalled.", "called"),       # "so-called" is not speech
    ("The bridge reopened on Tuesday.", "reopened"),    # not a speech verb
    ("The plan failed, said the report's summary.", "plan"),  # not a verb at all
])
def test_not_cues(sentence, word):
    assert _cue(sentence, word) is None
