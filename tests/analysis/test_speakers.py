"""Speaker resolution and sentence attribution, shared by quotes, facts and language."""
from __future__ import annotations

import pytest

from newsnb.analysis.nlp import parse
from newsnb.analysis.speakers import attribution, clause_speaker, cue_subject
from newsnb.analysis.text.cues import cue_at
from newsnb.analysis.text.segments import segments
from newsnb.input import parse_text


def _seg(body: str):
    a = parse_text("Headline\n\n" + body)
    return a, segments(a, parse(a), promos=False)[0]


@pytest.mark.parametrize("body, word, expected", [
    ("The ministry said 40 people were hurt.", "ministry", (True, "ministry", "said")),
    ("According to the United Nations, 3,000 homes were destroyed.", "homes", (True, "United Nations", "According to")),
    ("Mayor Ann Rivers opened the bridge. She said it was safe.", "She", (True, "Ann Rivers", "said")),  # pronoun resolved
    ("Officials warned that the dam could fail.", "dam", (True, "Officials", "warned")),
    ("The minister announced an aid package.", "aid", (False, None, None)),   # no clause, no quotation
    ("The minister announced that aid would come.", "aid", (True, "minister", "announced")),
    ("The paper reported that a man had been arrested, citing police sources.", "man", (True, "paper", "reported")),
    ("A second man was arrested, according to police sources.", "man", (True, "police sources", "according to")),
    ("The bridge reopened on Tuesday.", "bridge", (False, None, None)),
])
def test_attribution(body, word, expected):
    a, seg = _seg(body)
    assert attribution(seg, *seg.sentence(a.text.index(word, len("Headline")))) == expected


@pytest.mark.parametrize("body, verb, actor", [
    ("China refrained from calling the operation an invasion.", "refrained", "China"),
    ("The council did not call it a war.", "did", "council"),
    ("Lena Novak, the union leader, described the offer as an insult.", "described", "Lena Novak"),
])
def test_clause_speaker(body, verb, actor):
    a, seg = _seg(body)
    assert clause_speaker(seg, seg.token_at(a.text.index(verb))) == actor


def test_cue_subject_of_a_passive_is_its_agent():
    a, seg = _seg("The plan was criticised by the union.")
    tok = seg.token_at(a.text.index("criticised"))
    cue = cue_at(seg.doc, tok)
    assert cue is not None and cue_subject(tok, cue[3]).text == "union"
