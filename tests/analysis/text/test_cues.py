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


def _attribution_cue(sentence: str, word: str):
    from newsnb.analysis.text.cues import attribution_cue_at

    a = parse_text("Headline\n\n" + sentence)
    doc = parse(a)
    return attribution_cue_at(doc, token_at(doc, a.text.index(word, len("Headline\n\n"))))


@pytest.mark.parametrize("sentence, word, key, text, ctype", [
    ("The mayor said the plan had failed.", "said", "say", "said", "speech"),
    ("According to the ministry, the plan failed.", "According", "according_to", "According to", "preposition"),
    ("The mayor believes that the plan has failed.", "believes", "believe", "believes", "attitude"),
    ("New records show that the plan has failed.", "show", "show", "show", "evidence"),
    ("The mayor declined to comment on the plan.", "declined", "decline", "declined", "speech"),
    ("The council called for an inquiry into the plan.", "called", "call_for", "called for", "speech"),
    ("His claim that the plan had failed was denied.", "claim", "noun:claim", "claim", "noun"),
])
def test_attribution_cues_and_types(sentence, word, key, text, ctype):
    from newsnb.analysis.text.cues import cue_type

    cue = _attribution_cue(sentence, word)
    assert cue is not None and cue[3] == key and cue[2] == text
    assert cue_type(cue[3]) == ctype


@pytest.mark.parametrize("sentence, word", [
    ("The mayor called the vote a sham.", "called"),     # naming, not reported speech
    ("The mayor wants to rebuild the bridge.", "wants"),  # reports an intention as often as an act: left out
    ("The bridge reopened on Tuesday.", "reopened"),
])
def test_not_attribution_cues(sentence, word):
    assert _attribution_cue(sentence, word) is None
