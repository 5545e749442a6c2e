"""Figures: readable (titles, labelled axes), consistent speaker colours, no figure for no data."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from PIL import Image

from newsnb.presentation import figures

SOURCES = pd.DataFrame([
    {"speaker": "Maria Okafor", "speaker_type": "person", "quotes": 3, "direct": 1, "partial": 0, "indirect": 2,
     "quoted_words": 30, "share_of_words": 0.75, "loaded_cues": 0, "relayed": 1},
    {"speaker": "Dev Patel", "speaker_type": "person", "quotes": 2, "direct": 1, "partial": 1, "indirect": 0,
     "quoted_words": 8, "share_of_words": 0.2, "loaded_cues": 1, "relayed": 0},
    {"speaker": None, "speaker_type": "anonymous", "quotes": 1, "direct": 0, "partial": 1, "indirect": 0,
     "quoted_words": 2, "share_of_words": 0.05, "loaded_cues": 0, "relayed": 0},
])
QUOTES = pd.DataFrame([
    {"start": 0, "end": 10, "text": "“a b”", "kind": "direct", "speaker": "Maria Okafor", "speaker_type": "person", "paragraph": 0, "words": 12},
    {"start": 20, "end": 30, "text": "x", "kind": "indirect", "speaker": "Dev Patel", "speaker_type": "person", "paragraph": 2, "words": 5},
    {"start": 40, "end": 45, "text": "“y”", "kind": "partial", "speaker": None, "speaker_type": "anonymous", "paragraph": 3, "words": 2},
    {"start": 50, "end": 55, "text": "“z”", "kind": "scare", "speaker": None, "speaker_type": "unknown", "paragraph": 4, "words": 1},
])


def _image(chart) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(chart.png(dpi=60))).convert("L"), dtype=float)


def _axes(chart):
    return chart.figure.axes[0]


def test_palette_is_keyed_by_name_and_distinct():
    a = figures.speaker_palette(["Maria Okafor", "Dev Patel", None, float("nan")])
    b = figures.speaker_palette(["Dev Patel", "Maria Okafor", "Someone Else"])
    assert set(a) == {"Maria Okafor", "Dev Patel"}
    assert a["Maria Okafor"] == figures.speaker_colour("Maria Okafor", a)
    many = figures.speaker_palette([f"Person {i}" for i in range(len(figures.SPEAKER_COLOURS))])
    assert len(set(many.values())) == len(figures.SPEAKER_COLOURS)  # no two speakers share a colour
    # the same name gets the same colour when its preferred colour is free
    lone = figures.speaker_palette(["Maria Okafor"])
    assert lone["Maria Okafor"] == figures.speaker_colour("Maria Okafor") == figures.SPEAKER_COLOURS[figures._slot("Maria Okafor")]
    assert b["Dev Patel"] == a["Dev Patel"]
    assert figures.speaker_colour(None, a, "anonymous") == figures.SOURCE_TYPE_COLOURS["anonymous"]


def test_share_of_voice_uses_the_palette_and_labels():
    palette = figures.speaker_palette(SOURCES["speaker"])
    chart = figures.share_of_voice(SOURCES, palette=palette)
    ax = _axes(chart)
    assert ax.get_title() and ax.get_xlabel() == "share of quoted words (%)"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["(anonymous sources)", "Dev Patel", "Maria Okafor"]  # biggest at the top
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == [figures.SOURCE_TYPE_COLOURS["anonymous"], palette["Dev Patel"], palette["Maria Okafor"]]
    widths = [p.get_width() for p in ax.patches]
    assert widths == pytest.approx([5, 20, 75])
    assert _image(chart).std() > 10


def test_share_of_voice_counts_items_without_direct_quotes():
    only_reported = SOURCES.assign(quoted_words=0, share_of_words=0.0)
    ax = _axes(figures.share_of_voice(only_reported))
    assert "reported" in ax.get_xlabel()
    assert [p.get_width() for p in ax.patches] == [1, 2, 3]


@pytest.mark.parametrize("fn", [figures.share_of_voice, figures.quote_map, figures.tone, figures.mentions,
                                figures.top_speakers, figures.cue_verbs, figures.tone_distribution, figures.network,
                                figures.readability_rank, figures.gender_share, figures.tone_bins, figures.outlets,
                                figures.over_time])
def test_no_figure_for_an_empty_table(fn):
    assert fn(pd.DataFrame()) is None
    assert fn(None) is None


def test_quote_map_rows_and_markers():
    palette = figures.speaker_palette(QUOTES["speaker"])
    chart = figures.quote_map(QUOTES, paragraphs=6, palette=palette)
    ax = _axes(chart)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["(anonymous sources)", "Dev Patel", "Maria Okafor"]
    assert ax.get_xlabel().startswith("body paragraph")
    assert ax.get_xlim()[1] >= 5  # all six paragraphs on the axis
    points = sum(len(c.get_offsets()) for c in ax.collections)
    assert points == 3  # the scare quote is not speech
    assert figures.quote_map(QUOTES[QUOTES.kind == "scare"]) is None


def test_labels_with_dollar_signs_do_not_break_mathtext():
    ents = pd.DataFrame([{"entity": "$5 and $6 Corp", "type": "organisation", "count": 2, "first_start": 0}])
    chart = figures.mentions(ents)
    assert chart.png()[:4] == b"\x89PNG"
    assert "$5 and $6 Corp" in [t.get_text().replace("\\$", "$") for t in _axes(chart).get_yticklabels()]


def test_tone_chart_axes():
    s = pd.DataFrame({"sentence": [0, 1, 2], "part": ["headline", "paragraph", "paragraph"],
                      "polarity": [0.0, -0.4, 0.3], "subjectivity": [0.0, 0.5, 0.2]})
    ax = _axes(figures.tone(s))
    assert ax.get_title() == "Tone through the article"
    assert "polarity" in ax.get_ylabel() and "sentence" in ax.get_xlabel()
    assert figures.tone_colour(-1).startswith("rgba(") and figures.tone_colour(-1) != figures.tone_colour(1)


def test_corpus_figures_draw():
    speakers = pd.DataFrame([{"speaker": "A", "speaker_type": "person", "articles": 2, "quotes": 3, "quoted_words": 10,
                              "share_of_voice": 0.6}, {"speaker": None, "speaker_type": "anonymous", "articles": 1,
                                                        "quotes": 1, "quoted_words": 5, "share_of_voice": 0.4}])
    ax = _axes(figures.top_speakers(speakers))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A"]  # unnamed sources are not "people"
    types = pd.DataFrame([{"slug": "a", "headline": "H", "named": 2, "anonymous": 1, "unknown": 0, "relayed": 1, "total": 3}])
    assert figures.source_types(types) is not None
    assert figures.source_types(types.assign(named=0, anonymous=0)) is None
    cues = pd.DataFrame([{"cue": "said", "cue_class": "neutral", "count": 3, "articles": 2},
                         {"cue": "claimed", "cue_class": "loaded", "count": 1, "articles": 1}])
    ax = _axes(figures.cue_verbs(cues))
    assert [to_hex(p.get_facecolor()) for p in ax.patches] == ["#c0392b", "#8c8c8c"]
    edges = pd.DataFrame([{"source": "A", "target": "B", "weight": 2, "articles": 1},
                          {"source": "C", "target": "D", "weight": 1, "articles": 1}])
    nodes = pd.DataFrame([{"entity": n, "type": "person", "mentions": 2, "articles": 1} for n in "ABCD"])
    chart = figures.network(edges, nodes)
    assert {t.get_text() for t in _axes(chart).texts} == {"A", "B", "C", "D"}
    arts = pd.DataFrame([{"headline": "Easy", "flesch_reading_ease": 80.0, "flesch_kincaid_grade": 5.0},
                         {"headline": "Hard", "flesch_reading_ease": 20.0, "flesch_kincaid_grade": 16.0}])
    ax = _axes(figures.readability_rank(arts))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Hard", "Easy"]  # easiest at the top
    sents = pd.DataFrame({"polarity": [-0.5, 0.0, 0.1, 0.2]})
    assert _image(figures.tone_distribution(sents, arts.assign(polarity=[0.1, -0.2]))).std() > 10


def test_tone_bars_coloured_by_polarity_and_described():
    s = pd.DataFrame({"sentence": [0, 1, 2, 3], "part": ["headline", "paragraph", "paragraph", "paragraph"],
                      "polarity": [0.0, -0.4, 0.3, 0.0], "subjectivity": [0.0, 0.5, 0.2, 0.1]})
    chart = figures.tone(s)
    bars = [c for c in _axes(chart).collections if len(c.get_paths()) == 4][0]
    r, g, b, _ = bars.get_facecolors()[1]
    assert r > b  # negative: red
    r, g, b, _ = bars.get_facecolors()[2]
    assert b > r  # positive: blue
    assert chart.alt.startswith("Tone through the article: polarity of 4 sentences")
    assert "1 negative, 1 positive, 2 neutral" in chart.alt


@pytest.mark.parametrize("build", [
    lambda: figures.mentions(pd.DataFrame([{"entity": "<script>alert(1)</script> & Co", "type": "organisation",
                                            "count": 2, "first_start": 0}])),
    lambda: figures.share_of_voice(SOURCES.assign(speaker=["<b>Maria</b>", "Dev Patel", None])),
    lambda: figures.quote_map(QUOTES.assign(speaker=["<i>x</i>", "Dev Patel", None, None])),
])
def test_charts_show_as_deterministic_escaped_svg_with_alt(build):
    data, meta = build()._repr_mimebundle_()
    svg = data["image/svg+xml"]
    assert svg == build()._repr_mimebundle_()[0]["image/svg+xml"]  # same chart, same bytes
    assert "<script" not in svg and "<b>" not in svg and "<i>" not in svg and "&lt;" in svg
    assert "<dc:date>" not in svg
    alt = meta["image/svg+xml"]["alt"]
    assert alt and not alt.startswith("Chart") and ("<" in alt or "Dev Patel" in alt)  # escaped by the template


def test_long_labels_fit_inside_the_figure():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    names = ["The International Association of Very Long Organisation Names", "Bo"]  # cut to 40 characters
    ents = pd.DataFrame([{"entity": n, "type": "organisation", "count": i + 1, "first_start": i} for i, n in enumerate(names)])
    fig = figures.mentions(ents).figure
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    labels = [t for t in ax.get_yticklabels() if t.get_text()]
    assert len(labels) == 2
    for label in labels:
        assert label.get_window_extent(renderer).x0 >= 0, f"{label.get_text()!r} is cut off at the left edge"
    assert ax.title.get_window_extent(renderer).y1 <= fig.bbox.height
    assert ax.xaxis.label.get_window_extent(renderer).y0 >= 0


VOICES = pd.DataFrame([
    {"gender": "female", "sources": 1, "quotes": 2, "quoted_words": 30, "share_of_sources": 0.25, "share_of_quotes": 0.4,
     "share_of_words": 0.75},
    {"gender": "male", "sources": 2, "quotes": 2, "quoted_words": 10, "share_of_sources": 0.5, "share_of_quotes": 0.4,
     "share_of_words": 0.25},
    {"gender": "unknown", "sources": 1, "quotes": 1, "quoted_words": 0, "share_of_sources": 0.25, "share_of_quotes": 0.2,
     "share_of_words": 0.0},
])


def test_gender_share_stacks_women_men_and_unknown():
    chart = figures.gender_share(VOICES)
    ax = _axes(chart)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["quoted words", "quotes", "person sources"]
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == [figures.GENDER_COLOURS[g] for g in ("female", "male", "unknown") for _ in range(3)]
    # each bar sums to 100 %; the sources bar: 25 % women, 50 % men, 25 % unknown (shown, not dropped)
    widths = np.array([p.get_width() for p in ax.patches]).reshape(3, 3)
    assert widths.sum(axis=0) == pytest.approx([100, 100, 100])
    assert widths[:, 2] == pytest.approx([25, 50, 25])
    assert chart.alt.startswith("Share of voice by gender: person sources (n = 4): women 1 (25%), men 2 (50%), "
                                "gender unknown 1 (25%)")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["women", "men", "gender unknown"]


def test_gender_share_by_group_and_nobody_quoted():
    grouped = pd.concat([VOICES.assign(outlet="<b>Daily</b> $ Example"), VOICES.assign(outlet="Weekly", sources=[0, 3, 0])])
    chart = figures.gender_share(grouped, by="outlet", measure="sources")
    ax = _axes(chart)
    assert [t.get_text().replace("\\$", "$") for t in ax.get_yticklabels()] == ["Weekly", "<b>Daily</b> $ Example"]
    assert "by outlet" in ax.get_title() and "Weekly (n = 3): women 0 (0%), men 3 (100%)" in chart.alt
    svg = chart._repr_mimebundle_()[0]["image/svg+xml"]
    assert "<b>" not in svg
    assert figures.gender_share(VOICES.assign(sources=0, quotes=0, quoted_words=0)) is None
    assert figures.gender_share(VOICES, measure="nonsense") is None


# ------------------------------------------------------------------ corpus figures from the store's aggregates


def test_tone_bins_bars_and_article_line():
    bins = pd.DataFrame({"low": [-1.0, -0.5, 0.0, 0.5], "high": [-0.5, 0.0, 0.5, 1.0],
                         "sentences": [2, 5, 9, 1], "articles": [0, 1, 3, 0]})
    chart = figures.tone_bins(bins)
    assert [p.get_height() for p in _axes(chart).patches] == [2, 5, 9, 1]
    assert list(chart.figure.axes[1].lines[0].get_ydata()) == [0, 1, 3, 0]  # articles on their own scale
    assert chart.alt.startswith("Tone across the corpus: 17 body sentences") and "7 below zero, 10 above" in chart.alt
    assert figures.tone_bins(bins.assign(sentences=0)) is None


def test_outlets_stack_source_shares_with_counts_beside():
    table = pd.DataFrame([
        {"outlet": "Gazette", "articles": 3, "quotes": 10, "named": 0.6, "anonymous": 0.3, "unknown": 0.1, "loaded_share": 0.25},
        {"outlet": "Herald", "articles": 1, "quotes": 2, "named": 1.0, "anonymous": 0.0, "unknown": 0.0, "loaded_share": 0.0}])
    chart = figures.outlets(table)
    ax = _axes(chart)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Herald", "Gazette"]  # most articles at the top
    assert sorted(round(p.get_width()) for p in ax.patches) == [0, 0, 10, 30, 60, 100]
    assert "3 articles · 10 quotes · 25% loaded" in [t.get_text() for t in ax.texts]
    assert "Gazette: 60% named, 30% anonymous, 10% unidentified of 10 quotes, 25% loaded verbs" in chart.alt
    assert figures.outlets(table.assign(quotes=0)) is None


def test_over_time_articles_and_first_time_voices():
    months = pd.DataFrame({"month": ["2024-01", "2024-02", "2024-03"], "articles": [4, 9, 2], "first_time": [5, 1, 7]})
    chart = figures.over_time(months)
    assert [p.get_height() for p in _axes(chart).patches] == [4, 9, 2]
    assert list(chart.figure.axes[1].lines[0].get_ydata()) == [5, 1, 7]
    assert "2024-01 to 2024-03" in chart.alt and "most articles in 2024-02 (9)" in chart.alt
    assert "most first-time voices in 2024-03 (7)" in chart.alt
