from __future__ import annotations

import pytest

from newsnb.analysis import tone
from newsnb.input import parse_text
from newsnb.analysis.nlp import parse


def test_seed_sentences(seed, seed_doc):
    df = tone.sentences(seed_doc, seed)
    assert list(df.columns) == tone.SENTENCE_COLUMNS
    assert df["part"].tolist()[:4] == ["headline", "key_point", "key_point", "key_point"]
    body = df[df.part == "paragraph"]
    assert sorted(body["paragraph"].unique()) == list(range(len(seed.paragraphs)))
    for row in df.itertuples():
        assert seed.text[row.start:row.end] == row.text
        assert -1 <= row.polarity <= 1 and 0 <= row.subjectivity <= 1
    assert not any("Also read" in t or "ADVERTISEMENT" in t for t in df["text"])


@pytest.mark.parametrize(
    "sentence,label",
    [("The rescue was a wonderful, happy success.", "positive"), ("The terrible attack was a horrible, sad disaster.", "negative"),
     ("The meeting is on Tuesday.", "neutral")],
)
def test_sentence_tone_sign(sentence, label):
    a = parse_text(f"Headline\n\n{sentence}")
    df = tone.sentences(parse(a), a)
    assert tone.label(df.iloc[-1]["polarity"]) == label


def test_each_paragraph_starts_a_sentence():
    a = parse_text("Headline\nfirst line without a full stop\nsecond line also without one")
    df = tone.sentences(parse(a), a)
    assert df["text"].tolist() == ["Headline", "first line without a full stop", "second line also without one"]


def test_summary_weights_body(seed, seed_analysis):
    s = seed_analysis.tone
    body = seed_analysis.sentences.query("part == 'paragraph'")
    assert min(body.polarity) <= s["polarity"] <= max(body.polarity)
    assert s["label"] == tone.label(s["polarity"])
    assert seed_analysis.sentences.loc[s["most_negative"], "polarity"] == body.polarity.min()
