"""The report's HTML pieces and the annotated article: escaped, well nested, complete."""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pandas as pd
import pytest

from newsnb.presentation import annotate
from newsnb.core import config
from newsnb.presentation import figures
from newsnb.presentation import report
from newsnb.input import load, parse_text

XSS = config.TESTS_DATA_DIR / "xss_payload.txt"
PAYLOADS = ["<script>", "onerror=", "onload=", "javascript:", "<svg", "<iframe", "<style>", "onmouseover="]


class _Tree(HTMLParser):
    """Collects tags, checks nesting, and keeps the text (with the ``title`` attributes)."""

    VOID = {"br", "img", "hr", "meta", "input"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _tree(html: str) -> _Tree:
    t = _Tree()
    t.feed(html)
    t.close()
    assert not t.errors and not t.stack, (t.errors, t.stack)
    return t


def _assert_inert(html: str):
    """Only newsnb's own markup: no script/iframe/svg/img elements, no event handlers, no links
    but to the page's own sections."""
    t = _tree(html)
    bad = [tag for tag, attrs in t.tags if tag in ("script", "iframe", "svg", "img", "object", "embed")
           or (tag == "a" and not (attrs.get("href") or "").startswith("#"))
           or any(k.startswith("on") or "javascript:" in (v or "") for k, v in attrs.items())]
    assert not bad, bad
    return t


@pytest.fixture(scope="module")
def xss():
    return load(XSS)


@pytest.fixture(scope="module")
def xss_analysis(xss):
    from newsnb.analysis import analyze

    return analyze(xss)


def _story(html: str) -> str:
    """The annotated story itself (without style, legend and set-aside list)."""
    inner = html.split('<div class="nn-annot">', 1)[1].split('<div class="nn-aside">', 1)[0]
    assert inner.endswith("</div>")
    return inner[: -len("</div>")]


def _quotes(rows):
    base = {"kind": "direct", "speaker": None, "speaker_type": "unknown", "cue": None, "cue_start": None, "cue_end": None,
            "cue_class": None, "relayed_by": None, "hedged": False, "follow_on": False, "paragraph": 0, "words": 1}
    return pd.DataFrame([{**base, **r} for r in rows])


# ----------------------------------------------------------------------------- annotate


def test_annotated_text_is_the_story_verbatim_and_inert(xss):
    sentences = pd.DataFrame([{"sentence": 0, "start": p.start, "end": p.end, "polarity": -0.5, "subjectivity": 0.2}
                              for p in xss.story_parts])
    html = annotate.annotate(xss, sentences=sentences, css=False)
    body = _story(html)
    _assert_inert(body)
    text = unescape(re.sub(r"<[^>]+>", "", body))
    for part in xss.story_parts:
        assert part.text in text
    # boilerplate and promos are not in the story text, but listed apart, escaped
    aside = html.split('<div class="nn-aside">', 1)[1]
    for part in xss.boilerplate + xss.promos:
        assert part.text not in text or part.kind == "promo_headline"
    assert "&lt;script&gt;alert(&#x27;xss-promo&#x27;)&lt;/script&gt;" in aside
    assert "ADVERTISEMENT" in aside and "promo_headline" not in aside


def test_crossing_spans_nest_and_quotes_carry_their_hover_text():
    article = parse_text("A headline\n\nOne two three. Four five six. Seven eight.\n", slug="t")
    p = article.paragraphs[0]
    t = article.text
    s1, s2 = t.index("One"), t.index("Four")
    sentences = pd.DataFrame([
        {"sentence": 1, "start": s1, "end": t.index("three.") + 6, "polarity": -0.6, "subjectivity": 0.1},
        {"sentence": 2, "start": s2, "end": t.index("six.") + 4, "polarity": 0.6, "subjectivity": 0.1},
    ])
    # a quote running across the sentence boundary, with a nested quote by the same speaker
    quotes = _quotes([
        {"start": t.index("two"), "end": t.index("five") + 4, "speaker": "Ann Lee", "speaker_type": "person",
         "cue": "claimed", "cue_class": "loaded", "cue_start": t.index("Seven"), "cue_end": t.index("Seven") + 5,
         "relayed_by": "Reuters", "hedged": True},
        {"start": t.index("three"), "end": t.index("three") + 5, "kind": "partial", "speaker": "Ann Lee", "speaker_type": "person"},
        {"start": t.index("eight"), "end": t.index("eight") + 5, "kind": "scare"},
    ])
    mentions = pd.DataFrame([{"start": t.index("Four"), "end": t.index("Four") + 4, "type": "person", "entity": "Four Person"},
                             {"start": t.index("six"), "end": t.index("six") + 3, "type": "place", "entity": "Six Town"}])
    html = annotate.annotate(article, sentences=sentences, mentions=mentions, quotes=quotes, css=False)
    tree = _tree(html)
    body_text = unescape(re.sub(r"<[^>]+>", "", _story(html)))
    assert p.text in body_text.replace("Ann Lee", "")  # the text, plus only the speaker label
    assert body_text.count("Ann Lee") == 1  # the nested quote by the same speaker adds no second label
    quote_titles = [a["title"] for tag, a in tree.tags if "nn-q-direct" in a.get("class", "")]
    assert len(quote_titles) == 3  # split at the sentence boundary: sentence 1, the space, sentence 2
    assert len(set(quote_titles)) == 1
    title = quote_titles[0]
    assert "speaker: Ann Lee (person)" in title and "verb: “claimed” (loaded)" in title
    assert "relayed by Reuters" in title and "hedged" in title
    assert any("nn-cue-loaded" in a.get("class", "") for _, a in tree.tags)
    scare = [a for _, a in _tree(_story(html)).tags if "nn-q-scare" in a.get("class", "")]
    assert scare and scare[0]["title"].startswith("Scare quote")
    tints = [a.get("style", "") for _, a in tree.tags if a.get("class") == "nn-s"]
    assert tints[0].startswith("background:rgba(214") and tints[1].startswith("background:rgba(52")
    ents = {a["class"]: a.get("title") for _, a in tree.tags if a.get("class", "").startswith("nn-e ")}
    assert ents["nn-e nn-e-person"] is None  # inside a quote: the quote's hover text wins
    assert ents["nn-e nn-e-place"] == "Six Town (place)"
    assert "Ann Lee" in annotate.legend(quotes)


def test_annotate_without_tables_and_with_bad_offsets(xss):
    html = annotate.annotate(xss, quotes=_quotes([{"start": 5, "end": 10 ** 6}, {"start": 9, "end": 3}]))
    _tree(html)
    assert "nn-q" not in _story(html)


def test_neutral_sentences_are_not_tinted():
    assert annotate.sentence_style(0.01) == ""
    assert annotate.sentence_style(-0.3) != annotate.sentence_style(0.3)


# ------------------------------------------------------------------------------- report


def test_glance_and_masthead_escape_the_headline(xss_analysis, xss):
    for piece in (report.glance(xss_analysis).html, report.masthead(xss_analysis).html):
        t = _assert_inert(piece)
        assert xss.title in "".join(t.text)
    glance = report.glance(xss_analysis, headline=False).html
    assert "<h1" not in glance and "Readability" in glance and "Quotes" in glance and "Facts to check" in glance
    assert "&lt;a href=&quot;javascript:alert" in glance or "&lt;a href=\"javascript:alert" in glance


def test_every_section_piece_of_the_payload_article_is_inert(xss_analysis):
    r = xss_analysis
    colours = report.palette(r)
    pieces = [
        report.quotes_summary(r), report.sources_table(r.sources, palette=colours), report.quotes_table(r.quotes, palette=colours),
        report.headline_quotes(r.headline_quotes), report.tone_sentences(r), report.language_table(r.language),
        report.framing_table(r.language), report.facts_summary(r.facts), report.claims_table(r.facts),
        report.numbers_table(r.facts), report.dates_table(r.facts), report.annotated(r),
        report.table(r.entities), report.readability_table(r), report.voices_summary(r.voices),
        report.voices_table(r.voices),
    ]
    text = ""
    for piece in pieces:
        html = piece.html
        t = _assert_inert(html.replace("<style>", "<x-style>").replace("</style>", "</x-style>"))
        text += "".join(t.text)
    assert "<script>console.log('xss-quote')</script>" in text  # the quote, shown literally
    assert "John Smith" in text


def test_quotes_table_and_sources_with_a_payload_speaker():
    quotes = _quotes([{"start": 0, "end": 5, "text": "“<b onclick=alert(1)>hi</b>”", "speaker": "<img src=x onerror=alert(2)>",
                       "speaker_type": "person", "cue": "said", "cue_class": "neutral", "relayed_by": "<script>x</script>"}])
    html = report.quotes_table(quotes).html
    t = _assert_inert(html)
    assert "<img src=x onerror=alert(2)>" in "".join(t.text) and "<script>x</script>" in "".join(t.text)
    sources = pd.DataFrame([{"speaker": "<svg onload=alert(3)>", "speaker_type": "person", "quotes": 1, "direct": 1, "partial": 0,
                             "indirect": 0, "quoted_words": 3, "share_of_words": 1.0, "loaded_cues": 0, "relayed": 0}])
    t = _assert_inert(report.sources_table(sources).html)
    assert "<svg onload=alert(3)>" in "".join(t.text) and "100%" in "".join(t.text)


def test_empty_tables_say_so_in_words():
    assert "No quotes found" in report.quotes_table(pd.DataFrame()).html
    assert "No quoted sources" in report.sources_table(None).html
    assert "No checkable claims" in report.claims_table({"claims": pd.DataFrame()}).html
    assert "No numbers" in report.numbers_table({}).html
    assert "nothing" in report.chart(None, "nothing to draw").html
    chart = figures.tone(pd.DataFrame({"sentence": [0], "part": ["paragraph"], "polarity": [0.1], "subjectivity": [0.2]}))
    assert report.chart(chart, "x") is chart


def test_claims_are_ordered_by_priority():
    claims = pd.DataFrame([
        {"start": 0, "text": "low one", "check_priority": "low", "attributed": True, "attributed_to": "A", "reason": ""},
        {"start": 5, "text": "high one", "check_priority": "high", "attributed": False, "attributed_to": None, "reason": "numbers"},
        {"start": 9, "text": "medium one", "check_priority": "medium", "attributed": True, "attributed_to": None, "reason": ""},
    ])
    html = report.claims_table({"claims": claims}).html
    assert html.index("high one") < html.index("medium one") < html.index("low one")
    assert "no attribution" in html


def test_table_of_contents_matches_the_notebook_headings():
    import nbformat

    nb = nbformat.read(config.ARTICLE_NOTEBOOK, as_version=4)
    headings = [line[3:].strip() for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
                if line.startswith("## ")]
    assert headings == [h for h, _ in report.SECTIONS]
    assert all(a == h.replace(" ", "-") for h, a in report.SECTIONS)
    assert all(f'href="#{a}"' in report.sections().html for _, a in report.SECTIONS)


def test_grade_words():
    assert report.grade_words(4) == "primary-school level"
    assert report.grade_words(10) == "high-school level"
    assert report.grade_words(19.4) == "postgraduate level"


def test_headline_fit_in_words():
    h = {"headline": "H", "words": [{"text": "a"}, {"text": "b"}, {"text": "c"}], "words_not_in_body": ["c"],
         "quoted": [{"text": "<i>x</i>", "in_body_quote": False}],
         "tone": {"headline": {"polarity": -0.5}, "body": {"polarity": 0.1}}}
    text = report.headline_fit(h)
    assert text.startswith("2 of 3 headline words appear in the body; not: c")
    assert "“<i>x</i>”" in text and "-0.50 (headline) vs +0.10 (body)" in text
    assert report.headline_fit(None) == "" and report.headline_fit({"headline": None}) == ""


def _voices(female=1, male=2, unknown=1, words=(30, 10, 0)):
    rows = []
    for g, n, w in zip(("female", "male", "unknown"), (female, male, unknown), words):
        rows.append({"gender": g, "sources": n, "quotes": n, "quoted_words": w, "share_of_sources": n / max(female + male + unknown, 1),
                     "share_of_quotes": 0.0, "share_of_words": w / max(sum(words), 1)})
    return pd.DataFrame(rows)


def test_voices_summary_counts_unknown_and_says_what_the_figure_is():
    text = unescape(report.voices_summary(_voices()).html)
    assert "4 people are quoted in the story: 1 woman, 2 men and 1 of unknown gender." in text
    assert "Women are 33% of the sources whose gender is known and have 75% of the quoted words." in text
    assert "not a label for any person" in text
    one = unescape(report.voices_summary(_voices(0, 0, 1, (0, 0, 0)), scope="corpus").html)
    assert "1 person is quoted in the corpus (counted once per article): 0 women, 0 men and 1 of unknown gender." in one
    assert "Women are" not in one
    assert "No named person is quoted" in report.voices_summary(_voices(0, 0, 0, (0, 0, 0))).html
    assert "No named person" in report.voices_summary(None).html


def test_voices_table_and_gender_in_the_sources_table():
    grouped = _voices().assign(outlet="<script>x</script>")
    t = _assert_inert(report.voices_table(grouped, by="outlet").html)
    text = "".join(t.text)
    assert "<script>x</script>" in text and "gender unknown" in text and "75%" in text
    assert "No outlet" in report.voices_table(grouped.iloc[0:0], empty="No outlet known.").html
    sources = pd.DataFrame([
        {"speaker": "Ann Lee", "speaker_type": "person", "quotes": 1, "direct": 1, "partial": 0, "indirect": 0,
         "quoted_words": 3, "share_of_words": 1.0, "loaded_cues": 0, "relayed": 0, "gender": "female",
         "gender_evidence": "text", "gender_evidence_text": "<i>Ms</i>"},
        {"speaker": "Bo Chan", "speaker_type": "person", "quotes": 1, "direct": 1, "partial": 0, "indirect": 0,
         "quoted_words": 0, "share_of_words": 0.0, "loaded_cues": 0, "relayed": 0, "gender": "male",
         "gender_evidence": "name", "gender_evidence_text": "Bo"},
        {"speaker": None, "speaker_type": "anonymous", "quotes": 1, "direct": 1, "partial": 0, "indirect": 0,
         "quoted_words": 0, "share_of_words": 0.0, "loaded_cues": 0, "relayed": 0, "gender": None,
         "gender_evidence": None, "gender_evidence_text": None},
    ])
    t = _assert_inert(report.sources_table(sources).html)
    text = "".join(t.text)
    assert "female “<i>Ms</i>”" in text and "male first name" in text


def test_annotate_mixed_row_underlines_its_quoted_parts():
    """One reported clause with quoted words is one row: dashed over the clause, solid under its
    quotation, one speaker label."""
    from newsnb.analysis.quotes import quotes

    a = parse_text("A headline\n\nLena Novak said the plan would hurt “ordinary families” across the city.\n", slug="t")
    q = quotes(a)
    assert list(q["kind"]) == ["mixed"]
    story = _story(annotate.annotate(a, quotes=q))
    mixed = re.search(r'<span class="nn-q nn-q-mixed"[^>]*>the plan would hurt (.*?) across the city</span>', story, re.S)
    assert mixed is not None
    assert re.fullmatch(r'<span class="nn-q nn-q-partial"[^>]*>“ordinary families”</span>', mixed.group(1))
    assert story.count('class="nn-spk"') == 1


def test_corpus_summary_and_conditional_sections():
    o = pd.DataFrame([{"articles": 1200, "words": 640000, "quotes": 5400, "named_sources": 1, "negative": 3, "neutral": 0,
                       "positive": 9, "outlets": 0, "months": 14}])
    html = report.corpus_summary(o).html
    assert "1,200 articles, 640,000 words" in html and "5,400 quotes" in html and "1 named source;" in html
    assert "3 negative, 9 positive" in html and "neutral" not in html and "outlet" not in html and "14 months" in html
    assert "store is empty" in report.corpus_summary(pd.DataFrame()).html
    assert report.section("By <outlet>", "a & b").html == '<h2 id="By-&lt;outlet&gt;">By &lt;outlet&gt;</h2><p>a &amp; b</p>'
