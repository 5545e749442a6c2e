"""The shared vocabulary: one list per idea, and the subsets agree with their lists."""
from __future__ import annotations

import pytest

from newsnb.analysis.text import lexicon as lx


def test_attribution_hedges_are_part_of_the_hedge_lexicon():
    for h in lx.ATTRIBUTION_HEDGES:
        assert h in lx.HEDGE_WORDS or h in lx.HEDGE_PHRASES, h


def test_bare_speech_cues_are_cues():
    assert lx.BARE_SPEECH_CUES <= lx.ALL_CUES


@pytest.mark.parametrize("text, hedged", [
    ("Officials reportedly met on Monday.", True),
    ("The minister is said to have resigned.", True),
    ("The minister is said\nto have resigned.", False),  # a hedge phrase never spans a line break
    ("According to media reports, talks failed.", True),
    ("According to the ministry, talks failed.", False),
    ("Reports said the talks had failed.", True),
    ("The talks failed.", False),
])
def test_attribution_hedge_pattern(text, hedged):
    assert bool(lx.HEDGES.search(text)) is hedged


@pytest.mark.parametrize("phrase, media", [
    ("Reuters", True), ("the news agency Xinhua", True), ("state broadcaster NHK", True),
    ("The New York Times", True), ("the ministry", False), ("Ann Rivers", False),
])
def test_is_media(phrase, media):
    assert lx.is_media(phrase) is media


@pytest.mark.parametrize("text, title", [
    ("Prime Minister Jane Doe", "Prime Minister "), ("Dr Ann Lee", "Dr "), ("Former US President X", "Former US President "),
    ("Ann Lee", None),
])
def test_titles(text, title):
    m = lx.TITLES.match(text)
    assert (m.group(0) if m else None) == title
