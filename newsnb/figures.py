"""Matplotlib figures for the report notebook.

Each function takes a table from :class:`newsnb.Analysis` and returns a :class:`Chart` (a
matplotlib ``Figure`` built without pyplot, so nothing is left open in a kernel, that displays
itself as an embedded PNG in Jupyter), or ``None`` when the table is empty: the notebook then says
so in words instead of drawing an empty chart.
"""
from __future__ import annotations

import io

import pandas as pd
from matplotlib import colormaps
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.patches import Patch

__all__ = ["Chart", "TYPE_COLOURS", "tone", "mentions"]


class Chart:
    """A figure that shows itself as PNG in Jupyter (``_repr_png_``) and can be saved."""

    def __init__(self, figure: Figure):
        self.figure = figure

    def png(self, *, dpi: int = 110) -> bytes:
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=dpi, facecolor="white")
        return buf.getvalue()

    def _repr_png_(self) -> bytes:
        return self.png()

    def save(self, path, **kwargs) -> None:
        self.figure.savefig(path, facecolor="white", **kwargs)

#: One colour per entity type, the same in every figure.
TYPE_COLOURS = {"person": "#1f77b4", "organisation": "#ff7f0e", "place": "#2ca02c"}
_CMAP = "RdBu"


def tone(sentences: pd.DataFrame, *, width: float = 9.0) -> Chart | None:
    """Polarity of every sentence in reading order, coloured red (negative) to blue (positive),
    with subjectivity as a grey line and body paragraphs marked."""
    if sentences.empty:
        return None
    fig = Figure(figsize=(width, 3.6), layout="constrained")
    ax = fig.subplots()
    x = sentences["sentence"].to_numpy()
    norm = TwoSlopeNorm(vmin=-1, vcenter=0, vmax=1)
    cmap = colormaps[_CMAP]
    ax.bar(x, sentences["polarity"], color=[cmap(norm(v)) for v in sentences["polarity"]], edgecolor="#555", linewidth=0.4, label="polarity")
    ax.plot(x, sentences["subjectivity"], color="#777", marker="o", markersize=3, linewidth=1, label="subjectivity")
    ax.axhline(0, color="#333", linewidth=0.6)
    for sid, part in zip(x, sentences["part"]):
        if part != "paragraph":
            ax.axvspan(sid - 0.5, sid + 0.5, color="#f2f2f2", zorder=0)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlim(x.min() - 0.6, x.max() + 0.6)
    ax.set_xlabel("sentence (reading order; grey band = headline and key points)")
    ax.set_ylabel("polarity  (−1 negative … +1 positive)")
    ax.set_title("Tone through the article")
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    return Chart(fig)


def mentions(entities: pd.DataFrame, *, top: int = 12, width: float = 7.0) -> Chart | None:
    """Horizontal bars: mentions of the most mentioned people, organisations and places."""
    if entities.empty:
        return None
    df = entities.sort_values(["count", "first_start"], ascending=[False, True]).head(top).iloc[::-1]
    fig = Figure(figsize=(width, 0.35 * len(df) + 1.3), layout="constrained")
    ax = fig.subplots()
    ax.barh(df["entity"], df["count"], color=[TYPE_COLOURS.get(t, "#999") for t in df["type"]])
    ax.set_xlabel("mentions in the story")
    ax.set_title("Who and what is mentioned")
    ax.xaxis.get_major_locator().set_params(integer=True)
    present = [t for t in TYPE_COLOURS if t in set(df["type"])]
    ax.legend(handles=[Patch(color=TYPE_COLOURS[t], label=t) for t in present], loc="lower right", fontsize=8, frameon=False)
    return Chart(fig)
