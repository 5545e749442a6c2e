from __future__ import annotations

import pytest
import textstat

from newsnb.core import config
from newsnb.input import parse_text
from newsnb.analysis.nlp import parse
from newsnb.analysis.readability import explain, readability

SIMPLE = "Short words\n\nThe cat sat on the mat. The dog ran to the park. We all had fun in the sun."
HARD = ("Dense prose\n\nInternational organisations consistently emphasise the considerable administrative "
        "complexity associated with multilateral institutional cooperation.")


def test_seed_counts(seed, seed_analysis):
    r = seed_analysis.readability
    assert r.paragraphs == 7
    assert r.sentences == len(seed_analysis.sentences.query("part == 'paragraph'"))
    assert r.reading_time_min == round(r.words / config.WORDS_PER_MINUTE, 2)
    assert 250 < r.words < 400  # the body, without headline, key points or promos


@pytest.mark.parametrize("text", [SIMPLE, HARD])
def test_formulas_agree_with_textstat(text):
    a = parse_text(text)
    r = readability(parse(a), a)
    body = a.body
    assert r.flesch_reading_ease == pytest.approx(textstat.flesch_reading_ease(body), abs=8)
    assert r.flesch_kincaid_grade == pytest.approx(textstat.flesch_kincaid_grade(body), abs=2)


def test_harder_text_scores_harder():
    easy, hard = (readability(parse(a), a) for a in map(parse_text, (SIMPLE, HARD)))
    assert easy.flesch_reading_ease > hard.flesch_reading_ease
    assert easy.gunning_fog < hard.gunning_fog and easy.smog_index < hard.smog_index
    assert hard.complex_words >= 8 and easy.complex_words == 0


@pytest.mark.parametrize("score,word", [(95, "very easy"), (65, "standard"), (40, "difficult"), (10, "very difficult")])
def test_explain(score, word):
    assert explain(score).startswith(word)


# words from the CMU dictionary, alternates ("a(2)"), possessives and contractions (kept
# apostrophes), curly and stray quotes, hyphens, capitals, numbers, and words only pyphen knows
SYLLABLE_WORDS = [
    "a", "the", "cat", "fire", "every", "interesting", "international", "organisations", "readability",
    "Africa's", "Alzheimer's", "don't", "couldn't", "'slowing'", "'stronger", "o'clock", "rock'n'roll",
    "Africa’s", "‘quoted’", "well-known", "cost-of-living", "NHS", "BBC", "COVID-19", "2025", "3rd", "1,200",
    "Zelenskyy", "Kellmouth", "zzzxq", "McDonald's", "naïve", "café", "U.S.", "e-mail", "",
]


@pytest.mark.parametrize("word", SYLLABLE_WORDS)
def test_syllables_match_textstat(word):
    # newsnb reads the CMU dictionary itself (faster); the counts must be textstat's
    from newsnb.analysis.readability import _syllables

    assert _syllables(word) == max(1, int(textstat.syllable_count(word)))
