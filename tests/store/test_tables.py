"""One analysis's store rows: slug first, flat cells, metadata lifted into article columns."""
from __future__ import annotations

import json

import pytest

from newsnb.store.tables import ARTICLE_COLUMNS, TABLES, records, rows

DATA = {
    "article": {"slug": "harbour", "headline": {"text": "Harbour plan", "start": 0, "end": 12},
                "paragraphs": [{"kind": "paragraph", "index": 0, "start": 14, "end": 60, "text": "The council met."}],
                "meta": {"site": "The Gazette", "authors": ["Ann Lee", "Bo Chan"], "date": "2019-03-04",
                         "section": "Local", "link": "https://example.org/h", "bias": "center"}},
    "quotes": [{"speaker": "Ann Lee", "start": 1, "end": 5, "offsets": [[1, 5]]},
               {"speaker": "Bo Chan", "start": 7, "end": 9, "offsets": None}],
    "facts": {"numbers": [{"start": 3, "end": 5, "value": 12, "kind": "money"},
                          {"start": 8, "end": 9, "value": "twelve", "kind": "number"}]},
}


def test_records_lift_metadata_and_keep_other_labels():
    art = records(DATA)["articles"][0]
    assert list(art) == ARTICLE_COLUMNS
    assert (art["outlet"], art["author"], art["topic"], art["url"], art["month"]) == \
        ("The Gazette", "Ann Lee; Bo Chan", "Local", "https://example.org/h", "2019-03")
    assert json.loads(art["labels"]) == {"bias": "center"}
    assert (art["headline"], art["quotes"], art["named_sources"]) == ("Harbour plan", 2, 2)


@pytest.mark.parametrize("table", TABLES)
def test_every_row_starts_with_the_slug_and_has_flat_cells(table):
    for r in records(DATA)[table]:
        assert next(iter(r)) == "slug" and r["slug"] == "harbour"
        assert not any(isinstance(v, (list, dict, tuple)) for v in r.values())


def test_rows_are_the_records_as_frames_with_mixed_columns_as_text():
    frames = rows(DATA, slug="other", html="other.html")
    assert list(frames) == list(TABLES)
    assert frames["articles"].loc[0, "html"] == "other.html"
    assert json.loads(frames["quotes"].loc[0, "offsets"]) == [[1, 5]]
    assert frames["numbers"]["value"].tolist() == ["12", "twelve"]
    assert frames["parts"]["text"].tolist() == ["Harbour plan", "The council met."]
    assert frames["sentences"].columns.tolist() == ["slug"] and frames["sentences"].empty


def test_an_analysis_without_a_slug_is_refused():
    with pytest.raises(ValueError):
        records({"article": {}})
