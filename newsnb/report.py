"""HTML pieces for the report notebook. Every article-derived string is escaped here, so a
headline or quote carrying markup is shown as text, never run as HTML."""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import pandas as pd

from .files import write_atomic
from .readability import explain

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import Analysis

__all__ = ["HTML", "glance", "table", "save", "bullet_list"]


class HTML:
    """Minimal rich-display object (``_repr_html_``), so the report does not need IPython here."""

    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def bullet_list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def glance(result: "Analysis") -> HTML:
    """Headline, key points, length, reading time, readability and overall tone."""
    a, r, t = result.article, result.readability, result.tone
    people = ", ".join(result.people) or "no named people"
    parts = [f'<h1 class="newsnb-headline">{escape(a.title) or "(no headline)"}</h1>']
    if a.key_points:
        parts.append('<div class="newsnb-keypoints"><b>Key points</b>' + bullet_list(p.text for p in a.key_points) + "</div>")
    parts.append(
        "<table class='newsnb-glance'>"
        f"<tr><th>Words (body)</th><td>{r.words:,} in {r.paragraphs} paragraphs, {r.sentences} sentences</td></tr>"
        f"<tr><th>Reading time</th><td>{r.reading_time_min:.1f} min at 238 words per minute</td></tr>"
        f"<tr><th>Readability</th><td>Flesch reading ease {r.flesch_reading_ease:.0f} — {escape(explain(r.flesch_reading_ease))}; "
        f"US school grade {r.flesch_kincaid_grade:.1f}</td></tr>"
        f"<tr><th>Overall tone</th><td>{escape(t['label'])} (polarity {t['polarity']:+.2f}, subjectivity {t['subjectivity']:.2f})</td></tr>"
        f"<tr><th>People</th><td>{escape(people)}</td></tr>"
        f"<tr><th>Source file</th><td><code>{escape(a.path.name if a.path else a.slug)}</code>, sha256 {a.sha256[:12]}…</td></tr>"
        "</table>"
    )
    return HTML("\n".join(parts))


def table(df: pd.DataFrame, *, columns: list[str] | None = None, max_rows: int | None = None, empty: str = "Nothing found.") -> HTML:
    """An escaped HTML table of ``df`` (selected ``columns``), or a sentence when it is empty."""
    if df.empty:
        return HTML(f"<p><i>{escape(empty)}</i></p>")
    view = df[columns] if columns else df
    if max_rows:
        view = view.head(max_rows)
    view = view.map(lambda v: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    return HTML(view.to_html(index=False, escape=True, border=0, classes="newsnb-table", na_rep=""))


def save(result: "Analysis", path: str | Path) -> Path:
    """Write the analysis JSON to ``path`` atomically."""
    return write_atomic(path, result.to_json(indent=1))
