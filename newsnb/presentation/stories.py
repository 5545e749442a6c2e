"""HTML pieces for the story page (``notebooks/story.ipynb`` → ``reports/stories/<story>.html``):
one story's outlets side by side. Every article-derived string is escaped here. The tables come
from :mod:`newsnb.analysis.coverage`; links to article reports are relative to ``stories/``.
"""
from __future__ import annotations

from difflib import SequenceMatcher
from html import escape
from typing import Any

import pandas as pd

from ..analysis import coverage as _cov
from .report import HTML, _note, _plural

__all__ = [
    "masthead", "single_outlet", "side_by_side", "voices", "shared_quotes", "word_diff", "verbs", "numbers",
    "labels", "only_one", "texts", "quote_anchor",
]


def _e(v: Any) -> str:
    return "" if v is None or (isinstance(v, float) and v != v) else escape(str(v))


def _link(html: Any, text: str) -> str:
    if isinstance(html, str) and html:
        return f'<a href="../{escape(html, quote=True)}">{escape(text)}</a>'
    return escape(text)


def masthead(arts: pd.DataFrame) -> HTML:
    """The story's earliest headline as the title and one line: articles, outlets, dates."""
    if arts is None or arts.empty:
        return HTML('<h1 class="newsnb-headline">Story</h1>' + _note("No analysed articles found for this story.").html)
    outlets = list(dict.fromkeys(arts["outlet"]))
    dates = sorted(d for d in arts["date"] if isinstance(d, str))
    when = f", {dates[0]}" + (f" to {dates[-1]}" if dates[-1] != dates[0] else "") if dates else ""
    line = f"{_plural(len(arts), 'article')} from {_plural(len(outlets), 'outlet')} ({', '.join(outlets)}){when}."
    return HTML(f'<h1 class="newsnb-headline">{escape(arts["headline"].iloc[0] or "(no headline)")}</h1><p>{escape(line)}</p>')


def single_outlet(arts: pd.DataFrame) -> HTML | None:
    """A note when the story has only one outlet (nothing to compare), else None."""
    outlets = list(dict.fromkeys(arts["outlet"])) if arts is not None and not arts.empty else []
    if len(outlets) >= 2:
        return None
    who = outlets[0] if outlets else "one outlet"
    return HTML(f'<p class="newsnb-single"><b>Only one outlet:</b> every article of this story comes from {escape(who)}, so '
                "there is no other outlet to compare it with. The articles are listed below.</p>")


def _columns(arts: pd.DataFrame) -> list[tuple[str, str]]:
    """(slug, column heading) per article, earliest first."""
    return [(r.slug, f"{r.outlet}" + (f" ({r.date})" if isinstance(r.date, str) else "")) for r in arts.itertuples()]


def side_by_side(arts: pd.DataFrame) -> HTML:
    """The articles as columns: headline (linked to its report), date, length, tone, quotes;
    preceded by :func:`single_outlet`'s note when the story has one outlet."""
    if arts is None or arts.empty:
        return _note("No articles.")
    note = single_outlet(arts)
    head = "".join(f"<th>{escape(r.outlet)}</th>" for r in arts.itertuples())
    rows = [
        ("Headline", [_link(r.html, r.headline or "(no headline)") for r in arts.itertuples()]),
        ("Date", [_e(r.date) for r in arts.itertuples()]),
        ("Words", [f"{int(r.words):,}" if isinstance(r.words, (int, float)) and r.words == r.words else "" for r in arts.itertuples()]),
        ("Tone", [f"{_e(r.tone)} ({r.polarity:+.2f})" if r.polarity == r.polarity else _e(r.tone) for r in arts.itertuples()]),
        ("Quotes", [f"{int(r.quotes)} from {_plural(int(r.named_sources), 'named source')}" for r in arts.itertuples()]),
    ]
    body = "".join(f"<tr><th>{k}</th>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>" for k, cells in rows)
    return HTML((note.html if note else "") + f"<table class='newsnb-table newsnb-side'><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table>")


def _pivot(rows: dict[str, dict[str, str]], outlets: list[str], first: str, flags: dict[str, str] | None = None) -> str:
    head = f"<th>{escape(first)}</th>" + "".join(f"<th>{escape(o)}</th>" for o in outlets)
    body = []
    for key, cells in rows.items():
        flag = (flags or {}).get(key, "")
        body.append(f"<tr><td>{escape(key)}{flag}</td>" + "".join(f"<td>{cells.get(o, '')}</td>" for o in outlets) + "</tr>")
    return f"<table class='newsnb-table'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def voices(df: pd.DataFrame, outlets: list[str]) -> HTML:
    """Share of voice per outlet (speakers as rows), voices only one outlet carries flagged."""
    if df is None or df.empty:
        return _note("No quotes or reported speech in any article of this story.")
    order = df.groupby("speaker")["quoted_words"].sum().sort_values(ascending=False, kind="stable").index
    rows: dict[str, dict[str, str]] = {sp: {} for sp in order}
    flags = {}
    for r in df.itertuples():
        rows[r.speaker][r.outlet] = f"{r.share * 100:.0f}% <small>({_plural(int(r.quotes), 'quote')})</small>"
        if r.only:
            flags[r.speaker] = ' <span class="newsnb-flag" title="only one outlet quotes this source">only ' + escape(r.outlet) + "</span>"
    only = sorted({r.speaker for r in df.itertuples() if r.only})
    note = (f"<p>Voices only one outlet carries: {escape(', '.join(only))}.</p>" if only
            else "<p>Every named source is quoted by more than one outlet.</p>") if len(outlets) > 1 else ""
    return HTML(note + _pivot(rows, outlets, "source") +
                "<p class='newsnb-empty'><small>Share of each outlet's words in quotation marks; reported speech counts as a quote "
                "but adds no words.</small></p>")


def word_diff(base: str, other: str) -> str:
    """``other`` as escaped HTML with the words it adds to ``base`` in ``<ins>`` and the words of
    ``base`` it leaves out in ``<del>``."""
    a, b = str(base or "").split(), str(other or "").split()
    na, nb = [" ".join(_cov.words(w)) for w in a], [" ".join(_cov.words(w)) for w in b]
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, na, nb, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(b[j1:j2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return " ".join(out)


def quote_anchor(slug: Any, start: Any) -> str:
    """The id of a quotation in the texts section."""
    return "q-" + "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in f"{slug}-{start}")


def shared_quotes(df: pd.DataFrame) -> HTML:
    """Each quotation several outlets carry, as each outlet wrote it, with the wording
    differences from the first outlet's version marked (added words underlined, missing words
    struck through) and a link to the quotation in the texts below."""
    if df is None or df.empty:
        return _note("No quotation appears in more than one outlet's article.")
    parts = []
    for n, g in df.groupby("quote", sort=True):
        first = g.iloc[0]
        speaker = first["speaker"]
        items = []
        for k, r in enumerate(g.itertuples()):
            text = escape(str(r.text)) if k == 0 else word_diff(first["text"], r.text)
            same = " <small>(same words)</small>" if k and r.similarity >= 0.999 else ""
            items.append(f'<li><b>{escape(r.outlet)}</b>: <span class="newsnb-quote">{text}</span>{same} '
                         f'<a href="#{quote_anchor(r.slug, r.start)}">in the text</a></li>')
        parts.append(f'<div class="newsnb-shared" id="shared-{int(n)}"><p><b>Quote {int(n)}</b> — {escape(str(speaker))}</p>'
                     f"<ul>{''.join(items)}</ul></div>")
    return HTML("".join(parts) + "<p class='newsnb-empty'><small>Differences are against the first outlet's version: "
                "<ins>added words</ins>, <del>words left out</del>.</small></p>")


def verbs(df: pd.DataFrame, outlets: list[str]) -> HTML:
    """Attribution verbs per outlet for speakers several outlets quote; loaded verbs flagged."""
    if df is None or df.empty:
        return _note("No speaker is quoted by more than one outlet.")
    rows: dict[str, dict[str, list[str]]] = {}
    for r in df.itertuples():
        verb = escape(r.cue) + (f" ×{int(r.count)}" if r.count > 1 else "")
        if r.cue_class == "loaded":
            verb = f'<b class="newsnb-warn">{verb}</b> <span class="newsnb-flag">loaded</span>'
        rows.setdefault(r.speaker, {}).setdefault(r.outlet, []).append(verb)
    cells = {sp: {o: ", ".join(v) for o, v in by.items()} for sp, by in rows.items()}
    return HTML(_pivot(cells, outlets, "speaker"))


def _value(v: float, unit: Any) -> str:
    s = f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"
    return f"{s} {unit}" if isinstance(unit, str) and unit else s


def numbers(df: pd.DataFrame) -> HTML:
    """Figures that differ between outlets for the same quantity, with each sentence."""
    if df is None or df.empty:
        return _note("No figure differs between the outlets (for quantities newsnb could pair).")
    parts = []
    for q, g in df.groupby("quantity", sort=False):
        items = "".join(f"<li><b>{escape(r.outlet)}</b>: {escape(_value(r.value, r.unit))} — “{escape(str(r.text))}” in "
                        f"<i>{escape(str(r.context or ''))}</i></li>" for r in g.itertuples())
        parts.append(f"<p><b>{escape(str(q))}</b></p><ul>{items}</ul>")
    return HTML("".join(parts))


def labels(df: pd.DataFrame, outlets: list[str]) -> HTML:
    """Framing labels and loaded words per outlet (in the outlet's own voice)."""
    if df is None or df.empty:
        return _note("No outlet uses a contested label or a loaded word in its own voice.")
    cells: dict[str, dict[str, str]] = {}
    for r in df.itertuples():
        cells.setdefault(f"{r.term} ({r.kind})", {})[r.outlet] = f"{int(r.count)}×"
    return HTML(_pivot(cells, outlets, "label"))


def only_one(df: pd.DataFrame) -> HTML:
    """People, organisations and places only one outlet names."""
    if df is None or df.empty:
        return _note("Every person, organisation and place is named by more than one outlet.")
    items = []
    for o, g in df.groupby("outlet", sort=False):
        names = ", ".join(f"{escape(r.entity)} <small>({escape(r.type)})</small>" for r in g.itertuples())
        items.append(f"<li><b>{escape(str(o))}</b>: {names}</li>")
    return HTML(f"<ul>{''.join(items)}</ul>")


def _paragraph_html(text: str, start: int, spans: list[tuple[int, int, int, str]]) -> str:
    """A paragraph's text (at ``start`` in the article) with shared quotations marked and linked."""
    out, pos = [], 0
    for s, e, n, anchor in spans:
        s, e = s - start, e - start
        if s < pos or e > len(text) or s < 0:
            continue
        out.append(escape(text[pos:s]))
        out.append(f'<mark id="{anchor}" class="newsnb-shared-quote"><a href="#shared-{n}">{escape(text[s:e])}</a>'
                   f"<sup>{n}</sup></mark>")
        pos = e
    out.append(escape(text[pos:]))
    return "".join(out)


def texts(data: list[dict], arts: pd.DataFrame, shared: pd.DataFrame | None) -> HTML:
    """The articles' texts side by side (one column each, earliest first), shared quotations
    marked with their number and linked to the comparison above."""
    if not data:
        return _note("No texts.")
    by = {d.get("_slug"): d for d in data}
    marks: dict[str, list[tuple[int, int, int, str]]] = {}
    if shared is not None and not shared.empty:
        for r in shared.itertuples():
            if isinstance(r.start, (int, float)) and isinstance(r.end, (int, float)):
                marks.setdefault(r.slug, []).append((int(r.start), int(r.end), int(r.quote), quote_anchor(r.slug, r.start)))
    cols = []
    for slug, heading in _columns(arts):
        d = by.get(slug)
        if d is None:
            continue
        art = d.get("article") or {}
        spans = sorted(marks.get(slug, []))
        paras = []
        for p in art.get("paragraphs") or []:
            if not isinstance(p, dict) or not isinstance(p.get("text"), str):
                continue
            start = p.get("start") if isinstance(p.get("start"), int) else 0
            inside = [s for s in spans if start <= s[0] and s[1] <= start + len(p["text"])]
            paras.append(f"<p>{_paragraph_html(p['text'], start, inside)}</p>")
        head = (art.get("headline") or {}).get("text") if isinstance(art.get("headline"), dict) else None
        cols.append(f'<div class="newsnb-story-text"><h4>{escape(heading)}</h4><p><b>{escape(head or "(no headline)")}</b></p>'
                    + "".join(paras) + "</div>")
    return HTML(f'<div class="newsnb-story-texts">{"".join(cols)}</div>')
