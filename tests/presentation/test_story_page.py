"""The story page: escaped pieces, the one-outlet note, and the page in a real browser (no script
from an article runs, its text is shown literally, shared quotes link to the texts)."""
from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from newsnb.core import config
from newsnb.presentation import stories as page
from test_browser import DANGEROUS, Page, browser  # noqa: F401  (the browser fixture)

COVERAGE = config.PROJECT_ROOT / "tests" / "data" / "stories" / "coverage.json"


def test_word_diff_marks_added_and_missing_words():
    html = page.word_diff("We will not reopen the bridge until every single bolt", "We will not <b>reopen</b> the bridge until every bolt")
    assert "<del>single</del>" in html and "&lt;b&gt;reopen&lt;/b&gt;" in html and "<b>" not in html


def test_single_outlet_note_and_escaping():
    arts = pd.DataFrame([{"slug": "a", "outlet": "<i>Gazette</i>", "headline": "<script>x()</script>", "date": "2031-01-01",
                          "words": 100, "polarity": 0.0, "tone": "neutral", "quotes": 0, "named_sources": 0, "html": "a.html"},
                         {"slug": "b", "outlet": "<i>Gazette</i>", "headline": "Two", "date": None, "words": 90,
                          "polarity": 0.1, "tone": "positive", "quotes": 1, "named_sources": 1, "html": None}])
    html = page.side_by_side(arts).html + page.masthead(arts).html
    assert "Only one outlet" in html and "&lt;i&gt;Gazette&lt;/i&gt;" in html
    assert "<script>" not in html and "&lt;script&gt;x()&lt;/script&gt;" in html
    assert page.single_outlet(arts.assign(outlet=["A", "B"])) is None


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from newsnb.run.batch import render

    tmp = tmp_path_factory.mktemp("stories")
    (tmp / "in").mkdir()
    shutil.copy(COVERAGE, tmp / "in" / "coverage.json")
    out = tmp / "reports"
    summary = render([tmp / "in"], out=out, jobs=1)
    assert all(r.status == "ok" for r in summary.results)
    return out


@pytest.mark.slow
def test_story_pages_in_the_browser(site, browser):
    stories = json.loads((site / "stories" / "stories.json").read_text())["stories"]
    xss = next(e for e in stories if e["headline"].startswith("<script>"))
    bridge = next(e for e in stories if "bridge" in e["headline"])
    p = Page(browser, site / xss["html"], 1280)
    try:
        p.assert_quiet()
        assert p.js(f"document.querySelectorAll({DANGEROUS!r}).length") == 0
        text = p.js("document.body.innerText")
        assert "<script>alert('story-xss')</script> Lakeside library reopens after flood" in text
        assert "<img src=x onerror=\"alert('story-img')\">" in text
        assert "Only one outlet" in text and "Daily Ledger" in text
    finally:
        p.close()
    p = Page(browser, site / bridge["html"], 1280)
    try:
        p.assert_quiet()
        assert p.js("document.querySelectorAll('script').length") == 0
        assert p.js("document.querySelectorAll('.newsnb-story-text').length") == 3
        # a shared quote links to its place in each text, and back
        target = p.js("document.querySelector('.newsnb-shared a[href^=\"#q-\"]').getAttribute('href')")
        assert p.js(f"document.querySelector('[id=\"{target[1:]}\"] a').getAttribute('href')").startswith("#shared-")
        assert p.js("document.querySelectorAll('.newsnb-quote del, .newsnb-quote ins').length") >= 1
        assert "insisted" in p.js("document.body.innerText")
    finally:
        p.close()
