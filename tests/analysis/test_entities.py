from __future__ import annotations

import pytest

from newsnb.analysis.entities import ENTITY_COLUMNS, MENTION_COLUMNS, entities, mentions
from newsnb.input import parse_text
from newsnb.analysis.nlp import parse


def _by_type(df, etype):
    return set(df[df["type"] == etype]["entity"])


def test_seed_people_exactly(seed_doc):
    assert _by_type(entities(seed_doc), "person") == {"Sergey Lavrov", "Joe Biden", "Xi Jinping"}


def test_seed_folding(seed_doc):
    df = entities(seed_doc).set_index("entity")
    assert {"Xi Jinping", "Xi"} <= set(df.loc["Xi Jinping", "surface_forms"])
    assert "Lavrov" in df.loc["Sergey Lavrov", "surface_forms"]
    assert df.loc["Xi Jinping", "count"] == 4  # key point, two body mentions, "President Xi"


def test_seed_places_and_organisations(seed_doc):
    df = entities(seed_doc)
    assert {"Russia", "China", "Ukraine", "United States", "Taiwan", "Beijing", "Washington"} <= _by_type(df, "place")
    assert {"Interfax", "CCTV"} <= _by_type(df, "organisation")
    us = df.set_index("entity").loc["United States"]
    assert "US" in us["surface_forms"]


def test_seed_promos_and_boilerplate_are_not_entities(seed_doc):
    names = set(entities(seed_doc)["entity"])
    for absent in ("NATO", "Norway", "Hezbollah", "Biden-Xi", "Related Articles", "ADVERTISEMENT"):
        assert absent not in names


def test_offsets_slice_the_source(seed, seed_doc):
    m = mentions(seed_doc)
    assert list(m.columns) == MENTION_COLUMNS
    for row in m.itertuples():
        assert seed.text[row.start:row.end] == row.text
    for row in entities(seed_doc).itertuples():
        assert len(row.offsets) == row.count
        for s, e in row.offsets:
            assert seed.text[s:e] in row.surface_forms


FOLDING = [
    # (text, expected people)
    ("Talks resume\n\nPrime Minister Jane Holloway met Carlos Mendes on Monday. Holloway said the talks went well, and Mendes agreed.",
     {"Jane Holloway", "Carlos Mendes"}),
    ("Court rules\n\nJudge Miriam Okafor ruled on Tuesday. Later, Ms Okafor's clerk read the order.", {"Miriam Okafor"}),
    ("Merger news\n\nThe deal between Acme Corporation and Bolt Industries was announced in Chicago.", set()),
]


@pytest.mark.parametrize("text,people", FOLDING)
def test_people_folding(text, people):
    doc = parse(parse_text(text))
    assert _by_type(entities(doc), "person") == people


def test_empty_story_gives_empty_table():
    doc = parse(parse_text("headline only words\n\nno names at all here, just words."))
    df = entities(doc)
    assert df.empty and list(df.columns) == ENTITY_COLUMNS
