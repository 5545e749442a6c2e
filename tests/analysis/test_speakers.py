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


# ------------------------------------------------------------------ canonical speakers (gold set)
#
# A small gold set of invented sentences: the quote's speaker must resolve to exactly this
# canonical name (None: anonymous or unresolvable), not merely share a word with it.

SPEAKER_GOLD = [
    # surname with an apostrophe, introduced with a title
    ("Coach Rod Brind'Amour praised the team. “We played hard tonight,” Brind'Amour said.", "played hard",
     "Rod Brind'Amour", "person"),
    # "the newspaper" → the outlet named earlier
    ("The Daily Ledger published the leaked memo on Monday. “We stand by our reporting,” the newspaper said.",
     "stand by our reporting", "Daily Ledger", "organisation"),
    # "one of her aides" → anonymous, never the senator
    ("Senator Maria Vance left the hearing early. “This inquiry is a farce,” said one of her aides.",
     "inquiry is a farce", None, "anonymous"),
    # a description → the person the story ties it to by a title
    ("Prime Minister Tomas Varga met the unions. “The deal is fair,” the prime minister said.", "deal is fair",
     "Tomas Varga", "person"),
    ("The rookie defenceman Jonas Lind scored twice. “I just tried to shoot low,” the rookie defenceman said.",
     "shoot low", "Jonas Lind", "person"),
    # an appositive title and a relative clause between the name and the cue
    ("Dr. Priya Nair, the hospital's chief risk officer, warned that “the wards are full tonight.”",
     "wards are full", "Priya Nair", "person"),
    ("Ana Duarte, who chairs the committee, said: “We will publish the report next week.”", "publish the report",
     "Ana Duarte", "person"),
    # pronouns only to a compatible person: honorifics, then first names
    ("Mr. Tom Reyes met Ms. Ana Duarte in Lisbon. “It was a useful meeting,” she said.", "useful meeting",
     "Ana Duarte", "person"),
    ("Maria Lopez greeted John Smith at the airport. “I am glad to be home,” he said.", "glad to be home",
     "John Smith", "person"),
    ("John Smith greeted Maria Lopez at the airport. “I am glad to be home,” she said.", "glad to be home",
     "Maria Lopez", "person"),
    # a plural pronoun is no single person
    ("Ana Duarte and Tom Reyes spoke after the vote. “We lost, but we will be back,” they said.",
     "we will be back", None, None),
    # surname only, after a titled full name
    ("Finance minister Olav Berg met the unions. Berg told reporters: “The budget is balanced.”",
     "budget is balanced", "Olav Berg", "person"),
]


@pytest.mark.parametrize("body, quote, speaker, stype", SPEAKER_GOLD)
def test_canonical_speaker_gold(body, quote, speaker, stype):
    from newsnb.analysis.quotes import quotes

    df = quotes(parse_text(f"A headline\n\n{body}\n", slug="t"))
    hit = df[df["text"].str.contains(quote, regex=False)]
    assert len(hit) == 1, df[["kind", "text", "speaker"]].to_string()
    r = hit.iloc[0]
    assert (r["speaker"] if isinstance(r["speaker"], str) else None) == speaker
    if stype is not None:
        assert r["speaker_type"] == stype
