"""Matplotlib figures for the report notebooks.

Each function takes a table from :class:`newsnb.Analysis` (or from :mod:`newsnb.store.corpus`) and
returns a :class:`Chart` (a matplotlib ``Figure`` built without pyplot, so nothing is left open in
a kernel, that displays itself as SVG in Jupyter and in the reports), or ``None`` when the table is
empty: the notebook then says so in words instead of drawing an empty chart.

Colours are consistent: one colour per entity type (:data:`TYPE_COLOURS`), one per speaker
(:func:`speaker_palette`, keyed by the speaker's name, so the same person has the same colour in
every figure and in the annotated article), red-to-blue for tone.
"""
from __future__ import annotations

import io
import zlib
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd
from matplotlib import colormaps, rc_context, rcParams
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties
from matplotlib.collections import PolyCollection
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

__all__ = [
    "Chart",
    "TYPE_COLOURS",
    "SOURCE_TYPE_COLOURS",
    "SPEAKER_COLOURS",
    "speaker_palette",
    "speaker_colour",
    "tone_colour",
    "tone",
    "mentions",
    "share_of_voice",
    "quote_map",
    "GENDER_COLOURS",
    "gender_share",
    "top_speakers",
    "source_types",
    "cue_verbs",
    "tone_distribution",
    "tone_bins",
    "network",
    "outlets",
    "over_time",
    "readability_rank",
]


class Chart:
    """A figure that shows itself in Jupyter (SVG by default, see :attr:`FORMAT`) and can be saved.

    ``alt`` describes the chart in words (its title and what it shows); the report uses it as
    the image's alternative text. Default: the chart's title.
    """

    def __init__(self, figure: Figure, alt: str | None = None):
        self.figure = figure
        self._alt = alt

    @property
    def alt(self) -> str:
        if self._alt:
            return self._alt
        titles = [ax.get_title() for ax in self.figure.axes if ax.get_title()]
        return "Chart: " + "; ".join(titles) if titles else "Chart"

    def png(self, *, dpi: int = 110) -> bytes:
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=dpi, facecolor="white")
        return buf.getvalue()

    def svg(self) -> str:
        """The chart as SVG with text kept as text (``svg.fonttype: none``): a third of the
        work of a PNG, half its size, sharp at any zoom. Byte-identical for the same chart
        (fixed id salt, no date)."""
        buf = io.StringIO()
        with rc_context({"svg.fonttype": "none", "svg.hashsalt": "newsnb"}):
            self.figure.savefig(buf, format="svg", facecolor="white", metadata={"Date": None})
        return buf.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:  # noqa: ANN001 - IPython signature
        """Shown in Jupyter as SVG (:attr:`FORMAT` ``"svg"``, the default) or PNG, with the
        description as ``alt`` metadata (the report's image alt text)."""
        if self.FORMAT == "png":
            return {"image/png": self.png()}, {"image/png": {"alt": self.alt}}
        return {"image/svg+xml": self.svg()}, {"image/svg+xml": {"alt": self.alt}}

    #: how charts show themselves in Jupyter and in the reports: ``"svg"`` or ``"png"``
    FORMAT = "svg"

    def save(self, path, **kwargs) -> None:
        self.figure.savefig(path, facecolor="white", **kwargs)


#: One colour per entity type, the same in every figure.
TYPE_COLOURS = {"person": "#1f77b4", "organisation": "#ff7f0e", "place": "#2ca02c"}
#: Colours of unnamed speakers and of the kinds of source.
SOURCE_TYPE_COLOURS = {"named": "#3d5a80", "anonymous": "#8c8c8c", "unknown": "#c7c7c7", "relayed": "#e9a03b"}
#: Speaker colours: distinct, dark enough for white text and for thin lines on white.
SPEAKER_COLOURS = (
    "#1b6ca8", "#c0392b", "#2a9d8f", "#8e44ad", "#d35400", "#5c7d1a",
    "#b83280", "#00798c", "#8a5a00", "#3d5a80", "#a61e4d", "#4c6ef5",
)
_UNNAMED = {"anonymous": SOURCE_TYPE_COLOURS["anonymous"], "unknown": SOURCE_TYPE_COLOURS["unknown"]}
_CMAP = "RdBu"
#: Tone colour scale: news prose scores near 0, so full colour is reached at ±0.5.
_NORM = TwoSlopeNorm(vmin=-0.5, vcenter=0, vmax=0.5)


def _slot(name: str) -> int:
    return zlib.crc32(name.strip().casefold().encode("utf-8")) % len(SPEAKER_COLOURS)


def speaker_palette(names: Iterable[object]) -> dict[str, str]:
    """A colour for every speaker name in ``names``, keyed by name.

    Each name has a preferred colour derived from the name itself (a CRC of it), so the same
    speaker keeps the same colour in every figure and, usually, in every article; when two
    speakers of one palette want the same colour, the later name (alphabetically) takes the next
    free one. Missing names (``None``/NaN: anonymous or unknown speakers) are left out: see
    :func:`speaker_colour`.
    """
    unique = sorted({str(n) for n in names if isinstance(n, str) and n.strip()}, key=str.casefold)
    palette: dict[str, str] = {}
    taken: set[int] = set()
    for name in unique:
        slot = _slot(name)
        if len(taken) < len(SPEAKER_COLOURS):
            while slot in taken:
                slot = (slot + 1) % len(SPEAKER_COLOURS)
        taken.add(slot)
        palette[name] = SPEAKER_COLOURS[slot]
    return palette


def speaker_colour(name: object, palette: Mapping[str, str] | None = None, speaker_type: str | None = None) -> str:
    """The colour of one speaker: from ``palette`` when given, grey for unnamed speakers."""
    if not isinstance(name, str) or not name.strip():
        return _UNNAMED.get(speaker_type or "unknown", _UNNAMED["unknown"])
    if palette and name in palette:
        return palette[name]
    return SPEAKER_COLOURS[_slot(name)]


def tone_colour(polarity: float, alpha: float = 1.0) -> str:
    """CSS ``rgba()`` colour of a polarity on the report's red (−1) … blue (+1) scale."""
    r, g, b, _ = colormaps[_CMAP](_NORM(max(-1.0, min(1.0, float(polarity)))))
    return f"rgba({round(r * 255)},{round(g * 255)},{round(b * 255)},{alpha:.2f})"


def _label(text: object, limit: int = 40) -> str:
    """Article text made safe as a matplotlib label: ``$`` would start mathtext."""
    s = " ".join(str(text).split())
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    return s.replace("$", r"\$")


_MEASURE: RendererAgg | None = None


def _text_width(texts: Iterable[str], size: object = None) -> float:
    """Width in inches of the widest of ``texts`` in the default font at ``size`` (default: the
    tick-label size)."""
    global _MEASURE
    if _MEASURE is None:
        _MEASURE = RendererAgg(1, 1, 72)  # 72 dpi: widths come out in points
    prop = FontProperties(size=size if size is not None else rcParams["ytick.labelsize"])
    widths = [_MEASURE.get_text_width_height_descent(t, prop, ismath=False)[0] for t in texts if t]
    return max(widths, default=0.0) / 72


def _margins(fig: Figure, *, left: float, right: float = 0.25, bottom: float = 0.62, top: float = 0.42) -> None:
    """Fixed margins in inches (tick labels measured by the caller).

    Every chart is laid out this way rather than with ``layout="constrained"``: constrained
    layout draws every figure twice, which was half the cost of a report.
    """
    w, h = fig.get_size_inches()
    left, right = min(left, w * 0.6), min(right, w * 0.3)
    fig.subplots_adjust(left=left / w, right=1 - right / w, bottom=min(bottom / h, 0.45),
                        top=max(1 - top / h, 0.55))


def _category_axes(labels: list[str], *, width: float, row: float, base: float, right: float = 0.25,
                   top: float = 0.42) -> tuple[Figure, Any]:
    """A figure with one row per label (``row`` inches each, plus ``base``), its left margin
    measured for the labels, and axes showing the labels as y ticks at 0, 1, …"""
    fig = Figure(figsize=(width, row * len(labels) + base))
    _margins(fig, left=_text_width(labels) + 0.2, right=right, top=top)
    ax = fig.subplots()
    ax.set_yticks(range(len(labels)), labels)
    return fig, ax


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _speaker_name(name: object, speaker_type: object) -> str:
    if isinstance(name, str) and name.strip():
        return name
    return {"anonymous": "(anonymous sources)", "unknown": "(unidentified)"}.get(str(speaker_type), "(unidentified)")


def tone(sentences: pd.DataFrame, *, width: float = 9.0) -> Chart | None:
    """Polarity of every sentence in reading order, coloured red (negative) to blue (positive),
    with subjectivity as a grey line and body paragraphs marked."""
    if sentences is None or sentences.empty:
        return None
    fig = Figure(figsize=(width, 3.6))
    _margins(fig, left=_text_width(["−1.0"]) + 0.55)
    ax = fig.subplots()
    x = sentences["sentence"].to_numpy()
    cmap = colormaps[_CMAP]
    pol = sentences["polarity"].to_numpy(dtype=float)
    # the bars as one collection: a patch per sentence cost more than drawing them
    ax.add_collection(PolyCollection(
        [((i - 0.4, 0), (i - 0.4, v), (i + 0.4, v), (i + 0.4, 0)) for i, v in zip(x, pol)],
        facecolors=[cmap(_NORM(v)) for v in pol], edgecolors="#555", linewidths=0.4, zorder=2,
    ))
    ax.plot(x, sentences["subjectivity"], color="#777", marker="o", markersize=3, linewidth=1, zorder=3)
    ax.axhline(0, color="#333", linewidth=0.6)
    summary = [i for i, part in zip(x, sentences["part"]) if part != "paragraph"]
    if summary:
        ax.add_collection(PolyCollection(
            [((i - 0.5, -1.05), (i - 0.5, 1.05), (i + 0.5, 1.05), (i + 0.5, -1.05)) for i in summary],
            facecolors="#f2f2f2", edgecolors="none", zorder=0,
        ))
    ax.set_ylim(-1.05, 1.05)
    ax.set_yticks([-1, -0.5, 0, 0.5, 1])
    ax.set_xlim(x.min() - 0.6, x.max() + 0.6)
    ax.xaxis.get_major_locator().set_params(integer=True, nbins=6)  # fewer ticks: each is five artists
    ax.set_xlabel("sentence (reading order; grey band = headline and key points)")
    ax.set_ylabel("polarity  (−1 negative … +1 positive)")
    ax.set_title("Tone through the article")
    ax.legend(handles=[Line2D([], [], color="#777", marker="o", markersize=3, linewidth=1, label="subjectivity"),
                       Patch(facecolor=cmap(_NORM(0.25)), edgecolor="#555", linewidth=0.4, label="polarity")],
              loc="upper right", fontsize=8, frameon=False)
    alt = (f"Tone through the article: polarity of {_plural(len(pol), 'sentence')} in reading order, from "
           f"{pol.min():+.2f} to {pol.max():+.2f}; {int((pol < 0).sum())} negative, {int((pol > 0).sum())} positive, "
           f"{int((pol == 0).sum())} neutral.")
    return Chart(fig, alt)


def mentions(entities: pd.DataFrame, *, top: int = 12, width: float = 7.0) -> Chart | None:
    """Horizontal bars: mentions of the most mentioned people, organisations and places."""
    if entities is None or entities.empty:
        return None
    df = entities.sort_values(["count", "first_start"], ascending=[False, True]).head(top).iloc[::-1]
    fig, ax = _category_axes([_label(e) for e in df["entity"]], width=width, row=0.35, base=1.3)
    ax.barh(range(len(df)), df["count"], color=[TYPE_COLOURS.get(t, "#999") for t in df["type"]])
    ax.set_xlabel("mentions in the story")
    ax.set_title("Who and what is mentioned")
    ax.xaxis.get_major_locator().set_params(integer=True, nbins=6)  # fewer ticks: each is five artists
    present = [t for t in TYPE_COLOURS if t in set(df["type"])]
    ax.legend(handles=[Patch(color=TYPE_COLOURS[t], label=t) for t in present], loc="lower right", fontsize=8, frameon=False)
    listed = ", ".join(f"{e} ({t}) {_plural(int(c), 'mention')}" for e, t, c in zip(df["entity"][::-1], df["type"][::-1], df["count"][::-1]))
    return Chart(fig, f"Who and what is mentioned: {listed}.")


def share_of_voice(sources: pd.DataFrame | None, *, palette: Mapping[str, str] | None = None, top: int = 10,
                   width: float = 7.5) -> Chart | None:
    """Horizontal bars: each source's share of the words quoted in the article (direct and
    partial quotes), labelled with its words and quote counts. When nothing is quoted word for
    word (only reported speech), the bars count quote items instead."""
    if sources is None or sources.empty:
        return None
    df = sources.head(top).iloc[::-1]
    by_words = df["quoted_words"].sum() > 0
    values = df["share_of_words"] * 100 if by_words else df["quotes"]
    names = [_label(_speaker_name(s, t)) for s, t in zip(df["speaker"], df["speaker_type"])]
    colours = [speaker_colour(s, palette, t) for s, t in zip(df["speaker"], df["speaker_type"])]
    fig, ax = _category_axes(names, width=width, row=0.45, base=1.4)
    bars = ax.barh(range(len(df)), values, color=colours)
    notes = [
        f" {_plural(w, 'word')} · {_plural(q, 'item')}" + (f" · {r} relayed" if r else "")
        for w, q, r in zip(df["quoted_words"], df["quotes"], df["relayed"])
    ]
    ax.bar_label(bars, notes, fontsize=8, color="#333")
    ax.set_xlim(0, (max(values.max(), 1)) * 1.45)
    ax.xaxis.get_major_locator().set_params(nbins=6)
    if by_words:
        ax.set_xlabel("share of quoted words (%)")
        ax.set_title("Share of voice: who gets the quoted words")
    else:
        ax.set_xlabel("quotes and reported statements")
        ax.xaxis.get_major_locator().set_params(integer=True, nbins=6)  # fewer ticks: each is five artists
        ax.set_title("Share of voice (no direct quotes: counting reported statements)")
    ax.spines[["top", "right"]].set_visible(False)
    unit = "% of quoted words" if by_words else " quotes or statements"
    listed = ", ".join(f"{n} {v:.0f}{unit}" for n, v in zip(names[::-1], list(values)[::-1]))
    return Chart(fig, f"{ax.get_title()}: {listed}.")


_KIND_MARKERS = {"direct": "o", "partial": "D", "mixed": "P", "indirect": "s", "scare": "x"}


def quote_map(quotes: pd.DataFrame | None, *, paragraphs: int | None = None, palette: Mapping[str, str] | None = None,
              width: float = 9.0) -> Chart | None:
    """Where each source speaks: one row per speaker, one marker per quote at its body paragraph
    (marker shape = kind of quote, size = words)."""
    if quotes is None or quotes.empty:
        return None
    df = quotes[quotes["kind"] != "scare"]
    if df.empty:
        return None
    names = [_speaker_name(s, t) for s, t in zip(df["speaker"], df["speaker_type"])]
    order = list(dict.fromkeys(sorted(names, key=lambda n: (n.startswith("("), names.index(n)))))
    y = {n: i for i, n in enumerate(order[::-1])}
    present = [k for k in _KIND_MARKERS if k in set(df["kind"])]
    fig, ax = _category_axes([_label(n) for n in order[::-1]], width=width, row=0.45, base=1.5,
                             right=_text_width(present + ["kind"], 8) + 0.55)
    items = list(zip(df[["kind", "paragraph", "words", "speaker", "speaker_type"]].itertuples(index=False), names))
    for kind, marker in _KIND_MARKERS.items():
        rows = [(r, n) for r, n in items if r.kind == kind]
        if not rows:
            continue
        ax.scatter(
            [int(r.paragraph) if pd.notna(r.paragraph) else 0 for r, _ in rows],
            [y[n] for _, n in rows],
            s=[30 + 4 * min(int(r.words), 60) for r, _ in rows],
            c=[speaker_colour(r.speaker, palette, r.speaker_type) for r, _ in rows],
            marker=marker, alpha=0.85, edgecolors="white", linewidths=0.6, zorder=3,
        )
    ax.set_ylim(-0.7, len(order) - 0.3)
    last = max(int(paragraphs or 0) - 1, int(df["paragraph"].max()) if df["paragraph"].notna().any() else 0)
    ax.set_xlim(-0.6, last + 0.6)
    ax.xaxis.get_major_locator().set_params(integer=True, nbins=6)  # fewer ticks: each is five artists
    ax.grid(axis="x", color="#eee", zorder=0)
    ax.set_xlabel("body paragraph (reading order, from 0)")
    ax.set_title("Where each source speaks")
    ax.legend(handles=[Line2D([], [], marker=_KIND_MARKERS[k], linestyle="", color="#555", label=k) for k in present],
              loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False, title="kind", title_fontsize=8)
    where: dict[str, list[int]] = {}
    for r, n in items:
        if pd.notna(r.paragraph):
            where.setdefault(n, []).append(int(r.paragraph))
    listed = "; ".join(f"{n} in paragraph(s) {', '.join(map(str, sorted(set(where[n]))))}" for n in order if n in where)
    return Chart(fig, f"Where each source speaks (body paragraphs from 0): {listed}.")


#: One colour per gender (purple/orange: told apart with any colour vision), grey for unknown.
GENDER_COLOURS = {"female": "#7b3294", "male": "#e08214", "unknown": "#c7c7c7"}
_GENDER_WORDS = {"female": "women", "male": "men", "unknown": "gender unknown"}
_MEASURES = {"sources": "sources", "quotes": "quotes", "quoted_words": "quoted words"}


def gender_share(voices: pd.DataFrame | None, *, by: str | None = None, measure: str = "sources",
                 width: float = 8.0) -> Chart | None:
    """Share of voice by gender as 100 % stacked bars (women, men, gender unknown), each segment
    labelled with its share, each bar with its total.

    ``voices`` is a table of :func:`newsnb.analysis.gender.voices` (or
    :func:`newsnb.store.corpus.voices_by_gender`). Without ``by``: one bar each for person
    sources, quotes and quoted words. With ``by`` (the table's group column, ``outlet`` or
    ``month``): one bar per group for ``measure`` (``sources``, ``quotes`` or ``quoted_words``).
    None when no person is quoted."""
    if voices is None or voices.empty or measure not in _MEASURES:
        return None
    if by:
        groups = list(dict.fromkeys(voices[by]))
        counts = {g: voices[voices[by] == g].set_index("gender")[measure] for g in groups}
        labels = [str(g) for g in groups]
        title = f"Share of {_MEASURES[measure]} by gender, by {by}"
    else:
        table = voices.set_index("gender")
        counts = {m: table[m] for m in _MEASURES}
        labels = [f"person {_MEASURES[m]}" if m == "sources" else _MEASURES[m] for m in _MEASURES]
        title = "Share of voice by gender"
    keys = [k for k in counts if int(counts[k].sum()) > 0]
    if not keys:
        return None
    labels = [labels[list(counts).index(k)] for k in keys]
    fig, ax = _category_axes([_label(x) for x in labels[::-1]], width=width, row=0.42, base=1.7,
                             right=_text_width(["n = 10,000"], 8) + 0.35, top=0.7)
    totals = [int(counts[k].sum()) for k in keys[::-1]]
    left = np.zeros(len(keys))
    for gender in ("female", "male", "unknown"):
        n = np.array([int(counts[k].get(gender, 0)) for k in keys[::-1]])
        share = 100 * n / np.array(totals)
        bars = ax.barh(range(len(keys)), share, left=left, color=GENDER_COLOURS[gender], label=_GENDER_WORDS[gender])
        ax.bar_label(bars, [f"{v:.0f}%" if v >= 8 else "" for v in share], label_type="center", fontsize=8,
                     color="white" if gender != "unknown" else "#333")
        left += share
    for i, total in enumerate(totals):
        ax.annotate(f"n = {total:,}", (100, i), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8,
                    color="#333", annotation_clip=False)
    ax.set_xlim(0, 100)
    ax.set_xlabel("share (%)")
    ax.set_title(title)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0 + 0.3 / (fig.get_size_inches()[1] - 1.3)), ncol=3,
              fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    parts = []
    for k, label in zip(keys, labels):
        c, total = counts[k], int(counts[k].sum())
        parts.append(f"{label} (n = {total}): " + ", ".join(
            f"{_GENDER_WORDS[g]} {int(c.get(g, 0))} ({100 * int(c.get(g, 0)) / total:.0f}%)" for g in ("female", "male", "unknown")))
    return Chart(fig, f"{title}: " + "; ".join(parts) + ".")


# ----------------------------------------------------------------------------------- corpus


def top_speakers(speakers: pd.DataFrame | None, *, palette: Mapping[str, str] | None = None, top: int = 15,
                 width: float = 8.0) -> Chart | None:
    """Most quoted named sources across the corpus: quoted words (bars) with article counts."""
    if speakers is None or speakers.empty:
        return None
    df = speakers[speakers["speaker"].map(lambda s: isinstance(s, str))].head(top).iloc[::-1]
    if df.empty:
        return None
    by_words = df["quoted_words"].sum() > 0
    values = df["share_of_voice"] * 100 if by_words else df["quotes"]
    fig, ax = _category_axes([_label(s) for s in df["speaker"]], width=width, row=0.4, base=1.4)
    bars = ax.barh(range(len(df)), values, color=[speaker_colour(s, palette) for s in df["speaker"]])
    ax.bar_label(bars, [f" {_plural(q, 'quote')} in {_plural(a, 'article')}" for q, a in zip(df["quotes"], df["articles"])],
                 fontsize=8, color="#333")
    ax.set_xlim(0, max(values.max(), 1) * 1.5)
    ax.set_xlabel("share of all quoted words in the corpus (%)" if by_words else "quotes and reported statements")
    ax.set_title("Most quoted sources")
    ax.spines[["top", "right"]].set_visible(False)
    return Chart(fig)


def source_types(types: pd.DataFrame | None, *, width: float = 8.0, top: int = 25) -> Chart | None:
    """Stacked bars per article: quotes from named, anonymous and unidentified sources, and how
    many of them came through another outlet (relayed, hatched outline)."""
    if types is None or types.empty or types[["named", "anonymous", "unknown"]].to_numpy().sum() == 0:
        return None
    df = types.head(top).iloc[::-1]
    # the legend sits right of the axes: room for its longest label, its handles and padding
    fig, ax = _category_axes([_label(h, 45) for h in df["headline"]], width=width, row=0.38, base=1.5,
                             right=_text_width(["relayed by another outlet"], 8) + 0.6)
    left = np.zeros(len(df))
    for col in ("named", "anonymous", "unknown"):
        ax.barh(range(len(df)), df[col], left=left, color=SOURCE_TYPE_COLOURS[col], label=col)
        left += df[col].to_numpy()
    ax.barh(range(len(df)), df["relayed"], fill=False, hatch="///", edgecolor=SOURCE_TYPE_COLOURS["relayed"],
            linewidth=0, label="relayed by another outlet")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("quotes and reported statements")
    ax.set_title("Who the quotes come from, per article")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return Chart(fig)


def cue_verbs(cues: pd.DataFrame | None, *, top: int = 15, width: float = 7.0) -> Chart | None:
    """Attribution verbs by how often they are used; loaded verbs (claimed, admitted, warned …)
    in red, neutral ones in grey."""
    if cues is None or cues.empty:
        return None
    df = cues.head(top).iloc[::-1]
    fig, ax = _category_axes([_label(c) for c in df["cue"]], width=width, row=0.35, base=1.4)
    colours = ["#c0392b" if c == "loaded" else "#8c8c8c" for c in df["cue_class"]]
    ax.barh(range(len(df)), df["count"], color=colours)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("uses across the corpus")
    ax.set_title("Attribution verbs (red = loaded)")
    ax.legend(handles=[Patch(color="#c0392b", label="loaded"), Patch(color="#8c8c8c", label="neutral")],
              loc="lower right", fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return Chart(fig)


def tone_distribution(sentences: pd.DataFrame | None, articles: pd.DataFrame | None = None, *,
                      width: float = 9.0) -> Chart | None:
    """Histogram of body-sentence polarity across the corpus, with the articles' overall polarity
    per bin: the sentences' and articles' ``polarity`` columns counted into 20 bins and drawn by
    :func:`tone_bins` (one picture however the counts were made)."""
    if sentences is None or sentences.empty:
        return None
    edges = np.linspace(-1, 1, 21)
    counts, _ = np.histogram(sentences["polarity"].clip(-1, 1), bins=edges)
    arts = np.zeros(len(counts), dtype=int)
    if articles is not None and not articles.empty and "polarity" in articles:
        arts, _ = np.histogram(articles["polarity"].dropna().clip(-1, 1), bins=edges)
    bins = pd.DataFrame({"low": edges[:-1], "high": edges[1:], "sentences": counts, "articles": arts})
    return tone_bins(bins, width=width)


def tone_bins(bins: pd.DataFrame | None, *, width: float = 9.0) -> Chart | None:
    """The tone histogram counted by the store (:func:`newsnb.store.corpus.tone_bins`): body
    sentences per polarity bin (bars, red to blue), and the articles' overall polarity per bin
    (a line on its own scale). The same picture at any corpus size: only the bin counts reach
    the figure (:func:`tone_distribution` counts them from DataFrames)."""
    if bins is None or bins.empty or int(bins["sentences"].sum()) == 0:
        return None
    centres = ((bins["low"] + bins["high"]) / 2).to_numpy()
    counts = bins["sentences"].to_numpy()
    step = float((bins["high"] - bins["low"]).iloc[0])
    fig = Figure(figsize=(width, 3.6))
    _margins(fig, left=_text_width([f"{int(counts.max()) * 10:,}"]) + 0.45, right=0.9)
    ax = fig.subplots()
    cmap = colormaps[_CMAP]
    ax.bar(centres, counts, width=step, color=[cmap(_NORM(c)) for c in centres], edgecolor="#555", linewidth=0.4)
    ax.axvline(0, color="#333", linewidth=0.6)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("polarity  (−1 negative … +1 positive)")
    ax.set_ylabel("sentences")
    ax.set_title("Tone across the corpus")
    handles = [Patch(facecolor="#ddd", edgecolor="#555", linewidth=0.4, label="body sentences (bars)")]
    arts = bins["articles"].to_numpy()
    if arts.sum():
        ax2 = ax.twinx()
        ax2.plot(centres, arts, color="#222", marker="o", markersize=3, linewidth=1)
        ax2.set_ylabel("articles")
        ax2.set_ylim(0, max(arts.max(), 1) * 1.15)
        ax2.spines[["top"]].set_visible(False)
        handles.append(Line2D([], [], marker="o", markersize=3, color="#222", label="articles (overall polarity, line)"))
    ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=False)
    ax.spines[["top"]].set_visible(False)
    peak = centres[int(np.argmax(counts))]
    neg, pos = int(counts[centres < 0].sum()), int(counts[centres > 0].sum())
    return Chart(fig, f"Tone across the corpus: {int(counts.sum()):,} body sentences by polarity, most near {peak:+.2f}; "
                      f"{neg:,} below zero, {pos:,} above; {int(arts.sum()):,} articles by overall polarity.")


def outlets(table: pd.DataFrame | None, *, top: int = 15, width: float = 8.0) -> Chart | None:
    """Outlets compared (:func:`newsnb.store.corpus.outlets`): per outlet, the share of its quotes
    from named, anonymous and unidentified sources (100 % stacked bars), with its articles,
    quotes and share of loaded attribution verbs written beside the bar. The ``top`` outlets by
    articles."""
    if table is None or table.empty or int(table["quotes"].sum()) == 0:
        return None
    df = table.head(top).iloc[::-1]
    fig, ax = _category_axes([_label(o) for o in df["outlet"]], width=width, row=0.4, base=1.7,
                             right=_text_width(["100 articles · 1,000 quotes · 10% loaded"], 8) + 0.3, top=0.7)
    left = np.zeros(len(df))
    for col, label in (("named", "named"), ("anonymous", "anonymous"), ("unknown", "unidentified")):
        share = df[col].to_numpy() * 100
        ax.barh(range(len(df)), share, left=left, color=SOURCE_TYPE_COLOURS[col], label=label)
        left += share
    for i, r in enumerate(df.itertuples(index=False)):
        ax.annotate(f"{_plural(int(r.articles), 'article')} · {_plural(int(r.quotes), 'quote')} · "
                    f"{r.loaded_share * 100:.0f}% loaded", (100, i), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=8, color="#333", annotation_clip=False)
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of the outlet's quotes (%)")
    ax.set_title("Who the quotes come from, by outlet")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0 + 0.3 / (fig.get_size_inches()[1] - 1.3)), ncol=3,
              fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    parts = [f"{r.outlet}: {r.named * 100:.0f}% named, {r.anonymous * 100:.0f}% anonymous, "
             f"{r.unknown * 100:.0f}% unidentified of {int(r.quotes)} quotes, {r.loaded_share * 100:.0f}% loaded verbs"
             for r in table.head(top).itertuples(index=False)]
    return Chart(fig, "Who the quotes come from, by outlet: " + "; ".join(parts) + ".")


def over_time(months: pd.DataFrame | None, *, width: float = 9.0) -> Chart | None:
    """The corpus over time (:func:`newsnb.store.corpus.months`): articles per month (bars) and
    first-time voices — named speakers quoted for the first time in the corpus — per month (line)."""
    if months is None or months.empty:
        return None
    x = np.arange(len(months))
    fig = Figure(figsize=(width, 3.6))
    _margins(fig, left=_text_width([f"{int(months['articles'].max()) * 10:,}"]) + 0.45, right=0.9, bottom=0.95)
    ax = fig.subplots()
    ax.bar(x, months["articles"], color="#9aa5b1", label="articles (bars)")
    ax.set_ylabel("articles")
    ax2 = ax.twinx()
    ax2.plot(x, months["first_time"], color="#c0392b", marker="o", markersize=3, linewidth=1.2)
    ax2.set_ylabel("first-time voices")
    ax2.set_ylim(0, max(int(months["first_time"].max()), 1) * 1.15)
    step = max(1, len(months) // 12)
    ax.set_xticks(x[::step], [str(m) for m in months["month"]][::step], rotation=45, ha="right", fontsize=8)
    ax.set_title("Articles and first-time voices per month")
    ax.legend(handles=[Patch(color="#9aa5b1", label="articles (bars)"),
                       Line2D([], [], color="#c0392b", marker="o", markersize=3, label="first-time voices (line)")],
              loc="upper left", fontsize=8, frameon=False)
    ax.spines[["top"]].set_visible(False)
    ax2.spines[["top"]].set_visible(False)
    busiest = months.loc[months["articles"].idxmax()]
    newest = months.loc[months["first_time"].idxmax()]
    return Chart(fig, f"Articles and first-time voices per month, {months['month'].iloc[0]} to {months['month'].iloc[-1]}: "
                      f"most articles in {busiest['month']} ({int(busiest['articles'])}), most first-time voices in "
                      f"{newest['month']} ({int(newest['first_time'])}).")


def network(edges: pd.DataFrame | None, nodes: pd.DataFrame | None = None, *, top: int = 30,
            width: float = 9.0) -> Chart | None:
    """Entity co-occurrence network: entities named in the same paragraph are linked (line width
    = how many paragraphs), node size = mentions, colour = entity type."""
    if edges is None or edges.empty:
        return None
    import networkx as nx

    graph = nx.Graph()
    for r in edges.itertuples(index=False):
        graph.add_edge(r.source, r.target, weight=int(r.weight))
    info = {}
    if nodes is not None and not nodes.empty:
        info = {r.entity: r for r in nodes.itertuples(index=False)}
    if graph.number_of_nodes() > top:
        keep = sorted(graph.nodes, key=lambda n: (-graph.degree(n, weight="weight"), str(n)))[:top]
        graph = graph.subgraph(keep).copy()
        if graph.number_of_edges() == 0:
            return None
    pos = _component_layout(graph)
    fig = Figure(figsize=(width, width * 0.62))
    _margins(fig, left=0.1, right=0.1, bottom=0.1)  # no axes drawn: the title needs the room
    ax = fig.subplots()
    weights = [graph[u][v]["weight"] for u, v in graph.edges]
    wmax = max(weights)
    for (u, v), w in zip(graph.edges, weights):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        ax.plot([x1, x2], [y1, y2], color="#9aa5b1", linewidth=0.6 + 3.4 * w / wmax, alpha=0.7, zorder=1)
    for n in graph.nodes:
        row = info.get(n)
        mentions_n = int(getattr(row, "mentions", 1) or 1)
        colour = TYPE_COLOURS.get(getattr(row, "type", ""), "#999")
        x, y = pos[n]
        ax.scatter([x], [y], s=60 + 25 * min(mentions_n, 40), color=colour, edgecolors="white", linewidths=1, zorder=2)
        ax.annotate(_label(n, 28), (x, y), xytext=(0, 7 + min(mentions_n, 40) ** 0.5 * 2), textcoords="offset points",
                    ha="center", fontsize=8, zorder=3,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
    ax.set_axis_off()
    ax.margins(0.12)
    ax.set_title("Who is named together (same paragraph)")
    present = [t for t in TYPE_COLOURS if any(getattr(info.get(n), "type", None) == t for n in graph.nodes)]
    if present:
        ax.legend(handles=[Patch(color=TYPE_COLOURS[t], label=t) for t in present], loc="lower left", fontsize=8, frameon=False)
    return Chart(fig)


def _component_layout(graph) -> dict:
    """Spring layout of each connected component, packed left to right in rows (a plain spring
    layout throws small components to the far corners)."""
    import networkx as nx

    comps = sorted((graph.subgraph(c) for c in nx.connected_components(graph)), key=lambda g: (-len(g), sorted(map(str, g))[0]))
    biggest = len(comps[0])
    row_width = 2.6 * max(1.0, biggest ** 0.5)
    pos, x, y, row_h = {}, 0.0, 0.0, 0.0
    for comp in comps:
        size = max(0.9, (len(comp) ** 0.5) * 1.1)
        if len(comp) == 1:
            local = {next(iter(comp)): np.array([0.5, 0.5])}
        else:
            raw = nx.spring_layout(comp, seed=7, weight="weight", k=1.5 / len(comp) ** 0.5)
            pts = np.array(list(raw.values()))
            lo, span = pts.min(axis=0), np.ptp(pts, axis=0)
            span[span == 0] = 1
            local = {n: (p - lo) / span for n, p in raw.items()}
        if x > 0 and x + size > row_width:
            x, y, row_h = 0.0, y - row_h - 0.6, 0.0
        for n, p in local.items():
            pos[n] = np.array([x + p[0] * size, y - (1 - p[1]) * size])
        x += size + 1.0
        row_h = max(row_h, size)
    return pos


def readability_rank(articles: pd.DataFrame | None, *, top: int = 30, width: float = 8.0) -> Chart | None:
    """Articles ranked by Flesch reading ease (easiest at the top), bars coloured by band."""
    if articles is None or articles.empty or articles["flesch_reading_ease"].dropna().empty:
        return None
    df = articles.dropna(subset=["flesch_reading_ease"]).sort_values("flesch_reading_ease", ascending=False).head(top).iloc[::-1]
    fig, ax = _category_axes([_label(h, 45) for h in df["headline"]], width=width, row=0.38, base=1.5)
    cmap = colormaps["viridis"]
    ease = df["flesch_reading_ease"].clip(0, 100)
    bars = ax.barh(range(len(df)), ease, color=[cmap(v / 100) for v in ease])
    ax.bar_label(bars, [f" {v:.0f} · grade {g:.1f}" for v, g in zip(df["flesch_reading_ease"], df["flesch_kincaid_grade"])],
                 fontsize=8)
    ax.set_xlim(0, 118)
    for bound in (30, 50, 60, 70):
        ax.axvline(bound, color="#ddd", linewidth=0.8, zorder=0)
    ax.set_xlabel("Flesch reading ease (0 very difficult … 100 very easy)")
    ax.set_title("Articles by readability")
    ax.spines[["top", "right"]].set_visible(False)
    return Chart(fig)
