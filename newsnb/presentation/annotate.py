"""The annotated article: the story's full text as HTML with what newsnb found marked in place.

* each sentence is tinted by its tone (red negative … blue positive; untinted = neutral);
* quotes are underlined in their speaker's colour (solid: direct or partial quote, dashed:
  reported speech, grey dots: scare quotes) and followed by a label naming the speaker; hovering
  a quote shows the speaker, the attribution verb, the outlet that relayed it and whether the
  attribution is hedged (a ``title`` attribute: no script);
* loaded attribution verbs ("claimed", "warned") have a red wavy underline;
* people, organisations and places are set in their type's colour;
* a legend explains the marks, and the lines set aside as boilerplate are listed below the text.

Every piece of article text is escaped (:func:`html.escape`); the output holds no script and no
link. Spans that cross each other (a quote running over two sentences) are split into pieces,
so the markup always nests.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any, Mapping

import pandas as pd

from .figures import TYPE_COLOURS, speaker_colour, speaker_palette

if TYPE_CHECKING:  # pragma: no cover
    from ..input.article import Article

__all__ = ["annotate", "CSS", "legend", "quote_title", "sentence_style", "set_aside"]

#: Text colours of entity types (darker than :data:`newsnb.presentation.figures.TYPE_COLOURS`, for text).
ENTITY_TEXT = {"person": "#174f85", "organisation": "#9a4a00", "place": "#1d6b1d"}

CSS = """
.nn-annot{font-family:Georgia,'Times New Roman',serif;font-size:1.05rem;line-height:1.9;max-width:48rem;color:#1d1d1d}
.nn-annot .nn-a-headline{font-size:1.35rem;font-weight:700;line-height:1.5;margin:.2rem 0 .6rem}
.nn-annot ul.nn-a-kp{margin:.2rem 0 .8rem 1.2rem;padding:0;font-style:italic}
.nn-annot p.nn-a-p{margin:0 0 .9rem}
.nn-s{border-radius:3px;-webkit-box-decoration-break:clone;box-decoration-break:clone;padding:.12em 0}
.nn-q{border-bottom:3px solid var(--c,#888);padding-bottom:1px;cursor:help}
.nn-q-indirect,.nn-q-mixed{border-bottom-style:dashed;border-bottom-width:2px}
.nn-q-scare{border-bottom:2px dotted #8c8c8c}
.nn-spk{display:inline-block;font:600 .7rem/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#fff;
  background:var(--c,#888);border-radius:.75em;padding:0 .55em;margin:0 .1em 0 .3em;vertical-align:.12em;white-space:nowrap}
.nn-e{font-weight:600}
.nn-e-person{color:#174f85}.nn-e-organisation{color:#9a4a00}.nn-e-place{color:#1d6b1d}
.nn-cue-loaded{text-decoration:underline wavy #c0392b;text-decoration-thickness:1px;text-underline-offset:3px}
.nn-legend{font:.82rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f7f7f7;border:1px solid #e3e3e3;
  border-radius:6px;padding:.5rem .75rem;margin:.5rem 0 1rem;display:flex;flex-wrap:wrap;gap:.35rem 1.4rem;max-width:48rem}
.nn-legend .nn-lg{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem}
.nn-legend b{font-weight:600;margin-right:.2rem}
.nn-sw{display:inline-block;width:1.6em;height:1em;border-radius:2px;border:1px solid #ccc;vertical-align:-.15em}
.nn-aside{font:.85rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#555;border-top:1px solid #ddd;
  margin-top:1rem;padding-top:.4rem;max-width:48rem}
.nn-aside ul{margin:.2rem 0 0 1.2rem;padding:0}.nn-aside .nn-kind{font-variant:small-caps;color:#888;margin-right:.4em}
"""

_KIND_WORDS = {
    "direct": "Direct quote",
    "partial": "Partial quote",
    "indirect": "Reported speech",
    "mixed": "Reported speech with quoted words",
    "scare": "Scare quote (quotation marks; nobody is said to have said it)",
}


def _get(row: Any, name: str, default: Any = None) -> Any:
    value = getattr(row, name, default)
    try:
        if value is None or pd.isna(value):
            return default
    except (TypeError, ValueError):
        pass
    return value


def _speaker_label(row: Any) -> str:
    name = _get(row, "speaker")
    if isinstance(name, str) and name.strip():
        return name
    return {"anonymous": "anonymous source"}.get(_get(row, "speaker_type", "unknown"), "unidentified speaker")


def quote_title(row: Any) -> str:
    """The hover text of a quote (plain text; escape it for an attribute)."""
    kind = _get(row, "kind", "direct")
    if kind == "scare":
        return _KIND_WORDS["scare"]
    bits = [_KIND_WORDS.get(kind, "Quote")]
    speaker = _speaker_label(row)
    stype = _get(row, "speaker_type")
    bits.append(f"speaker: {speaker}" + (f" ({stype})" if stype and stype not in ("anonymous", "unknown") else ""))
    cue = _get(row, "cue")
    if cue:
        cls = _get(row, "cue_class")
        ctype = _get(row, "cue_type")
        bits.append(f"verb: “{cue}”" + (f" ({', '.join(x for x in (cls, ctype) if x)})" if cls or ctype else ""))
    elif bool(_get(row, "follow_on", False)):
        bits.append("verb: none (continues the previous quote)")
    else:
        bits.append("verb: none found")
    relay = _get(row, "relayed_by")
    bits.append(f"relayed by {relay}" if relay else "not relayed")
    if bool(_get(row, "hedged", False)):
        bits.append("hedged attribution (reportedly, allegedly …)")
    return " · ".join(bits)


def sentence_style(polarity: float) -> str:
    """Background tint for a sentence's polarity (empty for neutral, |p| < 0.05)."""
    p = float(polarity)
    if abs(p) < 0.05:
        return ""
    r, g, b = (214, 84, 70) if p < 0 else (52, 128, 196)
    alpha = min(0.5, 0.16 + 0.5 * abs(p))
    return f"background:rgba({r},{g},{b},{alpha:.2f})"


@dataclass
class _Span:
    start: int
    end: int
    level: int
    open: str
    close: str
    after: str = ""


def _levels(items: list[tuple[int, int, Any]], base: int) -> list[tuple[int, int, Any, int]]:
    """Give overlapping spans of one kind successive levels (``base``, ``base+1`` …), outer
    (earlier, longer) spans first, so spans nest or are split, never interleave."""
    placed: list[list[tuple[int, int]]] = []
    out = []
    for s, e, obj in sorted(items, key=lambda t: (t[0], -t[1])):
        for k, spans in enumerate(placed):
            if all(e <= a or s >= b for a, b in spans):
                spans.append((s, e))
                out.append((s, e, obj, base + k))
                break
        else:
            placed.append([(s, e)])
            out.append((s, e, obj, base + len(placed) - 1))
    return out


def _render(text: str, start: int, end: int, spans: list[_Span]) -> str:
    if not spans:
        return escape(text[start:end])
    top = min(s.level for s in spans)
    tops = sorted((s for s in spans if s.level == top), key=lambda s: (s.start, -s.end))
    rest = [s for s in spans if s.level != top]

    def inner(a: int, b: int) -> str:
        return _render(text, a, b, [r for r in rest if r.start < b and r.end > a])

    out, pos = [], start
    for s in tops:
        a, b = max(s.start, pos), min(s.end, end)
        if a >= b:
            continue
        if a > pos:
            out.append(inner(pos, a))
        out.append(s.open + inner(a, b) + s.close)
        if b == s.end and s.after:
            out.append(s.after)
        pos = b
    if pos < end:
        out.append(inner(pos, end))
    return "".join(out)


def _valid(s: Any, e: Any, n: int) -> bool:
    try:
        return 0 <= int(s) < int(e) <= n
    except (TypeError, ValueError):
        return False


def _spans(article: "Article", sentences, mentions, quotes, palette) -> list[_Span]:
    text, n = article.text, len(article.text)
    spans: list[_Span] = []
    if sentences is not None and not sentences.empty:
        for r in sentences.itertuples(index=False):
            if not _valid(r.start, r.end, n):
                continue
            pol = float(_get(r, "polarity", 0.0) or 0.0)
            subj = _get(r, "subjectivity")
            title = f"sentence {_get(r, 'sentence', '')} · polarity {pol:+.2f}" + (f" · subjectivity {float(subj):.2f}" if subj is not None else "")
            style = sentence_style(pol)
            spans.append(_Span(int(r.start), int(r.end), 0,
                               f'<span class="nn-s" title="{escape(title, quote=True)}"' + (f' style="{style}"' if style else "") + ">",
                               "</span>"))
    quote_ranges: list[tuple[int, int]] = []
    if quotes is not None and not quotes.empty:
        rows = []
        for r in quotes.itertuples(index=False):
            if not _valid(r.start, r.end, n):
                continue
            rows.append((int(r.start), int(r.end), r))
            if _get(r, "kind") == "mixed":  # the quoted words of a reported clause: underlined solid inside it
                rows += [(int(a), int(b), r._replace(kind="partial")) for a, b in (_get(r, "parts") or [])
                         if _valid(a, b, n)]
        for s, e, r, level in _levels(rows, 10):
            quote_ranges.append((s, e))
            kind = _get(r, "kind", "direct")
            colour = speaker_colour(_get(r, "speaker"), palette, _get(r, "speaker_type"))
            after = ""
            same_outer = any(a <= s and e <= b and (a, b) != (s, e) and _speaker_label(o) == _speaker_label(r)
                             for a, b, o in rows if _get(o, "kind") != "scare")
            if kind != "scare" and not same_outer:
                after = f'<span class="nn-spk" style="--c:{colour}">{escape(_speaker_label(r))}</span>'
            spans.append(_Span(s, e, level,
                               f'<span class="nn-q nn-q-{escape(str(kind), quote=True)}" style="--c:{colour}" '
                               f'title="{escape(quote_title(r), quote=True)}">',
                               "</span>", after))
            cs, ce = _get(r, "cue_start"), _get(r, "cue_end")
            if _get(r, "cue_class") == "loaded" and _valid(cs, ce, n):
                spans.append(_Span(int(cs), int(ce), 40,
                                   f'<span class="nn-cue-loaded" title="{escape("loaded attribution verb: " + str(_get(r, "cue", "")), quote=True)}">',
                                   "</span>"))
    # one cue may serve several quotes: keep each cue once
    seen: set[tuple[int, int]] = set()
    spans = [s for s in spans if s.level != 40 or ((s.start, s.end) not in seen and not seen.add((s.start, s.end)))]
    if mentions is not None and not mentions.empty:
        rows = [(int(r.start), int(r.end), r) for r in mentions.itertuples(index=False) if _valid(r.start, r.end, n)]
        for s, e, r, level in _levels(rows, 50):
            etype = str(_get(r, "type", "entity"))
            inside_quote = any(a <= s and e <= b for a, b in quote_ranges)
            name = _get(r, "entity") or text[s:e]
            title = "" if inside_quote else f' title="{escape(f"{name} ({etype})", quote=True)}"'
            spans.append(_Span(s, e, level, f'<span class="nn-e nn-e-{escape(etype, quote=True)}"{title}>', "</span>"))
    return spans


def legend(quotes: pd.DataFrame | None = None, *, palette: Mapping[str, str] | None = None) -> str:
    """The legend of the annotated article (speakers of ``quotes`` with their colours)."""
    tones = "".join(
        f'<span class="nn-sw" title="polarity {p:+.1f}" style="{sentence_style(p) or "background:#fff"}"></span>'
        for p in (-0.6, -0.2, 0.0, 0.2, 0.6)
    )
    parts = [
        f'<span class="nn-lg"><b>Tone</b>negative {tones} positive (no tint = neutral)</span>',
        '<span class="nn-lg"><b>Quotes</b><span class="nn-q" style="--c:#555">direct/partial</span>'
        '<span class="nn-q nn-q-indirect" style="--c:#555">reported</span><span class="nn-q nn-q-scare">scare</span>'
        '<span class="nn-cue-loaded">loaded verb</span></span>',
        '<span class="nn-lg"><b>Named</b>' + "".join(
            f'<span class="nn-e nn-e-{t}">{t}</span>' for t in TYPE_COLOURS) + "</span>",
    ]
    if quotes is not None and not quotes.empty:
        speakers = []
        for r in quotes[quotes["kind"] != "scare"].itertuples(index=False):
            label = _speaker_label(r)
            if label not in [s for s, _ in speakers]:
                speakers.append((label, speaker_colour(_get(r, "speaker"), palette, _get(r, "speaker_type"))))
        if speakers:
            parts.append('<span class="nn-lg"><b>Speakers</b>' + "".join(
                f'<span class="nn-spk" style="--c:{c}">{escape(s)}</span>' for s, c in speakers) + "</span>")
    parts.append('<span class="nn-lg">Hover a quote for its speaker, verb and relay.</span>')
    return '<div class="nn-legend">' + "".join(parts) + "</div>"


def set_aside(article: "Article") -> str:
    """The boilerplate and cross-promotion lines that were not analysed, as a list."""
    items = sorted([p for p in list(article.boilerplate) + list(article.promos) if p.kind != "promo_headline"],
                   key=lambda p: p.start)
    if not items:
        return '<div class="nn-aside"><b>Set aside:</b> nothing (no boilerplate or cross-promotions found).</div>'
    lis = "".join(f'<li><span class="nn-kind">{escape(p.kind)}</span>{escape(p.text)}</li>' for p in items)
    return f'<div class="nn-aside"><b>Set aside, not analysed</b> ({len(items)} line{"s" if len(items) != 1 else ""}):<ul>{lis}</ul></div>'


def annotate(
    article: "Article",
    *,
    sentences: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
    palette: Mapping[str, str] | None = None,
    css: bool = True,
) -> str:
    """The annotated article as an HTML fragment (style, legend, text, set-aside lines).

    ``sentences`` (``start``, ``end``, ``polarity`` …), ``mentions`` (``start``, ``end``,
    ``type``, ``entity``) and ``quotes`` (columns of :func:`newsnb.analysis.quotes.quotes`) are optional;
    their offsets index ``article.text``. ``palette`` maps speaker names to colours (default:
    :func:`newsnb.presentation.figures.speaker_palette` of the quotes' speakers).
    """
    if palette is None:
        palette = speaker_palette(quotes["speaker"]) if quotes is not None and not quotes.empty else {}
    text = article.text
    spans = _spans(article, sentences, mentions, quotes, palette)
    blocks: list[str] = []
    kp_open = False
    for part in article.story_parts:
        inner = _render(text, part.start, part.end, [s for s in spans if s.start < part.end and s.end > part.start])
        if part.kind == "key_point":
            if not kp_open:
                blocks.append('<ul class="nn-a-kp">')
                kp_open = True
            blocks.append(f"<li>{inner}</li>")
            continue
        if kp_open:
            blocks.append("</ul>")
            kp_open = False
        if part.kind == "headline":
            blocks.append(f'<div class="nn-a-headline">{inner}</div>')
        else:
            blocks.append(f'<p class="nn-a-p" data-paragraph="{int(part.index)}">{inner}</p>')
    if kp_open:
        blocks.append("</ul>")
    style = f"<style>{CSS}</style>" if css else ""
    return (style + legend(quotes, palette=palette) + '<div class="nn-annot">' + "".join(blocks) + "</div>"
            + set_aside(article))
