"""HTML pieces for the report notebooks. Every article-derived string is escaped here (or by
:mod:`newsnb.presentation.annotate`), so a headline, quote or name carrying markup is shown as text, never run
as HTML. The notebooks stay thin: each cell calls one function of this module or of
:mod:`newsnb.presentation.figures`.
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

import pandas as pd

from . import annotate as _annotate
from .figures import speaker_colour, speaker_palette
from ..core.files import write_atomic
from ..analysis.readability import explain

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.result import Analysis
    from .figures import Chart

__all__ = [
    "HTML", "bullet_list", "masthead", "glance", "table", "save", "chart", "sections", "grade_words", "tone_words",
    "palette", "headline_fit", "quotes_summary", "sources_table", "quotes_table", "headline_quotes", "tone_sentences",
    "voices_summary", "voices_table", "gender_words",
    "language_table", "framing_table", "facts_summary", "claims_table", "numbers_table", "dates_table",
    "annotated", "readability_table", "corpus_overview", "corpus_summary", "section", "articles_table", "SECTIONS",
]

#: The report's sections, in order: (heading, anchor). Anchors are the ids JupyterLab and
#: nbconvert give a Markdown heading (spaces → hyphens).
SECTIONS = [
    ("At a glance", "At-a-glance"),
    ("Who is in the story", "Who-is-in-the-story"),
    ("Who is quoted", "Who-is-quoted"),
    ("Tone through the article", "Tone-through-the-article"),
    ("Facts to check", "Facts-to-check"),
    ("Annotated article", "Annotated-article"),
]


class HTML:
    """Minimal rich-display object (``_repr_html_``), so the report does not need IPython here."""

    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def _note(text: str) -> HTML:
    return HTML(f'<p class="newsnb-empty"><i>{escape(text)}</i></p>')


def subheading(title: str, text: str | None = None) -> HTML:
    """A sub-section heading (and an optional sentence under it) inside a section's output, so a
    section's tables and charts can come from one notebook cell."""
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in title.lower()).split())
    para = f"<p>{escape(text)}</p>" if text else ""
    return HTML(f'<h3 id="{escape(slug)}">{escape(title)}</h3>{para}')


def bullet_list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def chart(figure: "Chart | None", empty: str) -> "Chart | HTML":
    """The figure, or ``empty`` as a sentence when there was nothing to draw."""
    return figure if figure is not None else _note(empty)


def sections() -> HTML:
    """The table of contents (links to the section headings)."""
    links = "".join(f'<li><a href="#{a}">{escape(h)}</a></li>' for h, a in SECTIONS)
    return HTML(f'<nav class="newsnb-toc" aria-label="Contents"><b>Contents</b><ol>{links}</ol></nav>')


# ------------------------------------------------------------------------ the analysis parts


def _part(result: "Analysis", name: str) -> Any:
    """``result.<name>`` (None when an object lacks it, e.g. a stub in a test)."""
    return getattr(result, name, None)


def palette(result: "Analysis") -> dict[str, str]:
    """Speaker colours for one article (the same in every figure and in the annotated text)."""
    q = _part(result, "quotes")
    return speaker_palette(q["speaker"]) if q is not None and not q.empty else {}


# ------------------------------------------------------------------------------- at a glance


def grade_words(grade: float) -> str:
    """A US school grade in plain words."""
    if grade < 6.5:
        return "primary-school level"
    if grade < 9:
        return "middle-school level"
    if grade < 12.5:
        return "high-school level"
    if grade < 16.5:
        return "university level"
    return "postgraduate level"


def tone_words(label: str) -> str:
    return {
        "negative": "the wording leans negative",
        "positive": "the wording leans positive",
        "neutral": "the wording is neither markedly negative nor positive",
    }.get(label, "")


def masthead(result: "Analysis") -> HTML:
    """The article's headline as the page title, with the table of contents."""
    return HTML(f'<h1 class="newsnb-headline">{escape(result.article.title) or "(no headline)"}</h1>' + sections().html)


def glance(result: "Analysis", *, headline: bool = True) -> HTML:
    """Headline (unless ``headline=False``), key points, length, reading time, readability,
    overall tone, and how many quotes and facts were found."""
    a, r, t = result.article, result.readability, result.tone
    people = ", ".join(result.people) or "no named people"
    parts = [f'<h1 class="newsnb-headline">{escape(a.title) or "(no headline)"}</h1>'] if headline else []
    if a.key_points:
        parts.append('<div class="newsnb-keypoints"><b>Key points</b>' + bullet_list(p.text for p in a.key_points) + "</div>")
    rows = [
        ("Words (body)", f"{r.words:,} in {r.paragraphs} paragraph{'s' if r.paragraphs != 1 else ''}, "
                         f"{r.sentences} sentence{'s' if r.sentences != 1 else ''}"),
        ("Reading time", f"{max(r.reading_time_min, 0.1):.1f} min at 238 words per minute"),
        ("Readability", f"<b>{escape(grade_words(r.flesch_kincaid_grade).capitalize())}</b> (US school grade "
                        f"{r.flesch_kincaid_grade:.1f}). Flesch reading ease {r.flesch_reading_ease:.0f} of 100 — "
                        f"{escape(explain(r.flesch_reading_ease))}."),
        ("Overall tone", f"<b>{escape(t['label'])}</b>: {escape(tone_words(t['label']))} (polarity {t['polarity']:+.2f} "
                         f"on −1…+1; subjectivity {t['subjectivity']:.2f} on 0 factual…1 opinion)"),
        ("People", escape(people)),
    ]
    q = _part(result, "quotes")
    if q is not None:
        rows.append(("Quotes", escape(_quote_count_words(q, _part(result, "sources")))))
    f = _part(result, "facts")
    if f is not None:
        rows.append(("Facts to check", escape(_facts_words(f))))
    lang = _part(result, "language")
    fit = headline_fit(lang.get("headline") if isinstance(lang, Mapping) else None)
    if fit:
        rows.append(("Headline vs body", escape(fit)))
    rows.append(("Source file", f"<code>{escape(a.path.name if a.path else a.slug)}</code>, sha256 {escape(a.sha256[:12])}…"))
    parts.append("<table class='newsnb-glance'>" + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows) + "</table>")
    return HTML("\n".join(parts))


def headline_fit(h: Mapping[str, Any] | None) -> str:
    """How well the body bears out the headline, in words ("" when unknown)."""
    if not h or not h.get("headline") or not h.get("words"):
        return ""
    missing = list(dict.fromkeys(h.get("words_not_in_body") or []))
    n = len(h["words"])
    if missing:
        text = f"{n - len(missing)} of {n} headline words appear in the body; not: {', '.join(missing)}"
    else:
        text = f"all {n} headline words appear in the body"
    unquoted = [q["text"] for q in h.get("quoted") or [] if not q.get("in_body_quote")]
    if unquoted:
        text += "; quoted in the headline but not inside a quote in the body: " + ", ".join(f"“{t}”" for t in unquoted)
    tone = h.get("tone") or {}
    if tone.get("headline") and tone.get("body"):
        text += f"; tone {tone['headline']['polarity']:+.2f} (headline) vs {tone['body']['polarity']:+.2f} (body)"
    return text


def readability_table(result: "Analysis") -> HTML:
    """All readability formulas, with what each measures."""
    r = result.readability
    rows = [
        ("Flesch reading ease", f"{r.flesch_reading_ease:.1f}", "0–100, higher is easier"),
        ("Flesch–Kincaid grade", f"{r.flesch_kincaid_grade:.1f}", "US school grade"),
        ("Gunning fog", f"{r.gunning_fog:.1f}", "years of schooling"),
        ("SMOG", f"{r.smog_index:.1f}", "US school grade (rough below 30 sentences)"),
        ("Words · sentences · syllables", f"{r.words} · {r.sentences} · {r.syllables}", f"{r.complex_words} complex words (3+ syllables)"),
    ]
    body = "".join(f"<tr><td>{escape(a)}</td><td class='num'>{escape(b)}</td><td>{escape(c)}</td></tr>" for a, b, c in rows)
    return HTML("<table class='newsnb-table'><thead><tr><th>formula</th><th>value</th><th>meaning</th></tr></thead>"
                f"<tbody>{body}</tbody></table>")


def table(df: pd.DataFrame, *, columns: list[str] | None = None, max_rows: int | None = None, empty: str = "Nothing found.",
          rename: Mapping[str, str] | None = None) -> HTML:
    """An escaped HTML table of ``df`` (selected ``columns``), or a sentence when it is empty."""
    if df is None or df.empty:
        return _note(empty)
    view = df[columns] if columns else df
    if max_rows:
        view = view.head(max_rows)
    view = view.map(lambda v: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else ("" if v is None else v))
    if rename:
        view = view.rename(columns=dict(rename))
    return HTML(view.to_html(index=False, escape=True, border=0, classes="newsnb-table", na_rep=""))


def save(result: "Analysis", path: str | Path) -> Path:
    """Write the analysis JSON to ``path`` atomically."""
    return write_atomic(path, result.to_json(indent=1))


# ------------------------------------------------------------------------------ who is quoted


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _quote_count_words(q: pd.DataFrame, s: pd.DataFrame | None) -> str:
    speech = q[q["kind"] != "scare"] if not q.empty else q
    if speech.empty:
        return "no quotes or reported speech found"
    named = int(s["speaker"].map(lambda v: isinstance(v, str)).sum()) if s is not None and not s.empty else 0
    direct = int(speech["kind"].isin(["direct", "partial", "mixed"]).sum())
    relayed = int(speech["relayed_by"].map(lambda v: isinstance(v, str)).sum())
    return (f"{_plural(len(speech), 'quote or reported statement', 'quotes and reported statements')} "
            f"({direct} in quotation marks) from {_plural(named, 'named source')}; {relayed} relayed by another outlet")


def _facts_words(f: Mapping[str, pd.DataFrame]) -> str:
    claims, numbers, dates = f.get("claims"), f.get("numbers"), f.get("dates")
    bits = []
    if claims is not None:
        high = int((claims["check_priority"] == "high").sum()) if not claims.empty else 0
        bits.append(f"{_plural(len(claims), 'claim')} ({high} high priority)")
    if numbers is not None:
        story = numbers[~numbers["in_promo"].astype(bool)] if not numbers.empty else numbers
        bits.append(_plural(len(story), "number"))
    if dates is not None:
        story = dates[~dates["in_promo"].astype(bool)] if not dates.empty else dates
        bits.append(_plural(len(story), "date or time expression", "date and time expressions"))
    return ", ".join(bits) or "nothing found"


def quotes_summary(result: "Analysis") -> HTML:
    """One paragraph: how much is quoted, from whom, how attributed."""
    q = _part(result, "quotes")
    if q is None:
        return _note("Quote analysis is not available.")
    speech = q[q["kind"] != "scare"]
    if speech.empty:
        return _note("No quotes or reported speech found.")
    s = _part(result, "sources")
    loaded = speech[speech["cue_class"] == "loaded"]
    anon = int((speech["speaker_type"] == "anonymous").sum())
    unknown = int((speech["speaker_type"] == "unknown").sum())
    hedged = int(speech["hedged"].astype(bool).sum())
    outlets = sorted({o for o in speech["relayed_by"] if isinstance(o, str)})
    bits = [escape(_quote_count_words(q, s)).capitalize() + "."]
    if outlets:
        bits.append("Relayed through: " + escape(", ".join(outlets)) + ".")
    if len(loaded):
        verbs = ", ".join(dict.fromkeys(f"“{c}”" for c in loaded["cue"] if isinstance(c, str)))
        bits.append(f"{_plural(len(loaded), 'attribution uses', 'attributions use')} a loaded verb ({escape(verbs)}): "
                    "such verbs judge the speaker or the statement, where “said” would not.")
    if anon or unknown:
        bits.append(f"{anon} from anonymous sources, {unknown} with no identifiable speaker.")
    if hedged:
        bits.append(f"{_plural(hedged, 'attribution is', 'attributions are')} hedged (reportedly, allegedly …).")
    scare = int((q["kind"] == "scare").sum())
    if scare:
        bits.append(f"{_plural(scare, 'scare quote')} (quotation marks around words nobody is said to have said).")
    return HTML("<p>" + " ".join(bits) + "</p>")


def _swatch(colour: str) -> str:
    return f'<span class="newsnb-swatch" style="background:{colour}"></span>'


def sources_table(sources: pd.DataFrame | None, *, palette: Mapping[str, str] | None = None) -> HTML:
    """Who is quoted and how much, with each speaker's colour."""
    if sources is None or sources.empty:
        return _note("No quoted sources found.")
    head = ["source", "type", "gender", "items", "direct", "partial", "mixed", "reported", "quoted words", "share of quoted words",
            "loaded verbs", "relayed"]
    rows = []
    for r in sources.itertuples(index=False):
        name = r.speaker if isinstance(r.speaker, str) else {"anonymous": "(anonymous sources)"}.get(r.speaker_type, "(unidentified)")
        rows.append(
            "<tr>"
            f"<td>{_swatch(speaker_colour(r.speaker, palette, r.speaker_type))}{escape(name)}</td><td>{escape(str(r.speaker_type))}</td>"
            f"<td>{gender_words(r)}</td>"
            + "".join(f"<td class='num'>{int(v)}</td>"
                      for v in (r.quotes, r.direct, r.partial, getattr(r, "mixed", 0), r.indirect, r.quoted_words))
            + f"<td class='num'>{float(r.share_of_words) * 100:.0f}%</td>"
            + f"<td class='num'>{int(r.loaded_cues)}</td><td class='num'>{int(r.relayed)}</td></tr>"
        )
    return HTML("<table class='newsnb-table'><thead><tr>" + "".join(f"<th>{h}</th>" for h in head)
                + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


_KIND_LABEL = {"direct": "direct", "partial": "partial", "mixed": "reported, with quoted words", "indirect": "reported",
               "scare": "scare quote"}

_GENDER_WORDS = {"female": "women", "male": "men", "unknown": "gender unknown"}
#: What the voices summary says of the method (the README has the whole of it).
GENDER_METHOD = ("Gender comes from the story itself — he or she for the speaker, Mr or Ms, a gendered noun such as "
                 "“chairwoman” — or, when the story says nothing, from a clearly gendered first name; it is unknown "
                 "when neither tells or the story says both. It counts voices across stories: it is not a label for "
                 "any person, and it cannot see non-binary people.")


def gender_words(row: Any) -> str:
    """A source's gender and its evidence as escaped HTML ("female <small>“Ms”</small>"); empty
    for sources that are not persons."""
    gender = getattr(row, "gender", None)
    if not isinstance(gender, str):
        return ""
    evidence = getattr(row, "gender_evidence", None)
    text = getattr(row, "gender_evidence_text", None)
    why = {"text": f"“{text}”" if isinstance(text, str) else "text", "name": "first name", "conflict": "text says both",
           "none": ""}.get(evidence, "")
    return escape(gender) + (f" <small>{escape(why)}</small>" if why else "")


def voices_summary(voices: pd.DataFrame | None, *, scope: str = "story") -> HTML:
    """One paragraph on the share of voice by gender (a table of
    :func:`newsnb.analysis.gender.voices`), with how gender was found."""
    if voices is None or voices.empty or int(voices["sources"].sum()) == 0:
        return _note(f"No named person is quoted in the {scope}, so there is no share of voice by gender.")
    v = voices.groupby("gender")[["sources", "quotes", "quoted_words"]].sum()
    n = {g: int(v["sources"].get(g, 0)) for g in _GENDER_WORDS}
    people = sum(n.values())
    words = int(v["quoted_words"].sum())
    labelled = n["female"] + n["male"]
    text = (f"{_plural(people, 'person is', 'people are')} quoted in the {scope}"
            + (" (counted once per article)" if scope == "corpus" else "")
            + f": {n['female']} {'woman' if n['female'] == 1 else 'women'}, {n['male']} {'man' if n['male'] == 1 else 'men'}"
            + f" and {n['unknown']} of unknown gender.")
    if labelled:
        text += f" Women are {100 * n['female'] / labelled:.0f}% of the sources whose gender is known"
        if words:
            text += f" and have {100 * int(v['quoted_words'].get('female', 0)) / words:.0f}% of the quoted words"
        text += "."
    return HTML(f"<p>{escape(text)} <small>{escape(GENDER_METHOD)}</small></p>")


def voices_table(voices: pd.DataFrame | None, *, by: str | None = None, empty: str = "No named person is quoted.") -> HTML:
    """Sources, quotes and quoted words by gender with their shares (a table of
    :func:`newsnb.analysis.gender.voices`; with ``by``, one block per group)."""
    if voices is None or voices.empty:
        return _note(empty)
    head = ([by] if by else []) + ["gender", "sources", "share", "quotes", "share", "quoted words", "share"]
    rows = []
    for r in voices.itertuples(index=False):
        cells = [f"<td>{escape(str(getattr(r, by)))}</td>"] if by else []
        cells.append(f"<td>{escape(_GENDER_WORDS.get(r.gender, str(r.gender)))}</td>")
        for count, share in ((r.sources, r.share_of_sources), (r.quotes, r.share_of_quotes), (r.quoted_words, r.share_of_words)):
            cells.append(f"<td class='num'>{int(count):,}</td><td class='num'>{float(share) * 100:.0f}%</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return HTML("<table class='newsnb-table'><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head)
                + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def quotes_table(quotes: pd.DataFrame | None, *, palette: Mapping[str, str] | None = None) -> HTML:
    """Every quote with its speaker, verb, relay and paragraph, in reading order."""
    if quotes is None or quotes.empty:
        return _note("No quotes found.")
    rows = []
    for r in quotes.sort_values("start").itertuples(index=False):
        name = _annotate._speaker_label(r)
        cue = r.cue if isinstance(r.cue, str) else ("(follows on)" if bool(getattr(r, "follow_on", False)) else "")
        cue_html = escape(cue) + (" <span class='newsnb-flag'>loaded</span>" if r.cue_class == "loaded" else "")
        relay = escape(r.relayed_by) if isinstance(r.relayed_by, str) else ""
        if bool(r.hedged):
            relay += (" · " if relay else "") + "hedged"
        para = "" if pd.isna(r.paragraph) else str(int(r.paragraph))
        who = "" if r.kind == "scare" else f"{_swatch(speaker_colour(r.speaker, palette, r.speaker_type))}{escape(name)}"
        rows.append(f"<tr><td>{who}</td><td>{escape(_KIND_LABEL.get(r.kind, str(r.kind)))}</td><td>{cue_html}</td>"
                    f"<td>{relay}</td><td class='num'>{para}</td><td class='newsnb-quote'>{escape(r.text)}</td></tr>")
    return HTML("<table class='newsnb-table newsnb-quotes'><thead><tr><th>speaker</th><th>kind</th><th>verb</th>"
                "<th>relayed / hedged</th><th>¶</th><th>words</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def headline_quotes(df: pd.DataFrame | None) -> HTML:
    """Are the headline's quoted words in the story? One line per headline quote."""
    if df is None:
        return _note("Headline check is not available.")
    if df.empty:
        return _note("The headline quotes nobody.")
    items = []
    for r in df.itertuples(index=False):
        mark = "✔" if bool(r.found) else "✘"
        cls = "ok" if bool(r.found) else "warn"
        items.append(f"<li class='newsnb-{cls}'>{mark} Headline quote “{escape(r.text)}”: {escape(r.note)}</li>")
    return HTML("<ul class='newsnb-checks'>" + "".join(items) + "</ul>")


# ------------------------------------------------------------------------------------ tone


def tone_sentences(result: "Analysis", n: int = 3) -> HTML:
    """The most negative and most positive body sentences."""
    body = result.sentences[result.sentences["part"] == "paragraph"]
    if body.empty:
        return _note("No body sentences.")
    neg = body[body["polarity"] < -0.05].sort_values("polarity").head(n)
    pos = body[body["polarity"] > 0.05].sort_values("polarity", ascending=False).head(n)
    out = []
    for title, df in (("Most negative sentences", neg), ("Most positive sentences", pos)):
        if df.empty:
            out.append(f"<p><b>{title}:</b> <i>none below −0.05</i></p>" if "negative" in title
                       else f"<p><b>{title}:</b> <i>none above +0.05</i></p>")
            continue
        out.append(f"<p><b>{title}</b></p>")
        out.append(table(df.assign(polarity=df["polarity"].round(2), subjectivity=df["subjectivity"].round(2)),
                         columns=["paragraph", "polarity", "subjectivity", "text"]).html)
    return HTML("".join(out))


def _story_rows(language: Mapping[str, Any] | None, name: str, empty: str) -> "tuple[pd.DataFrame | None, HTML | None]":
    """The rows of ``language[name]`` outside promo lines, or the note to show instead (no
    language analysis; ``empty`` when nothing is left)."""
    if language is None:
        return None, _note("Language analysis is not available.")
    df = language.get(name)
    if df is not None and "in_promo" in df:
        df = df[~df["in_promo"].astype(bool)]
    return (None, _note(empty)) if df is None or df.empty else (df, None)


def language_table(language: Mapping[str, Any] | None) -> HTML:
    """Hedges, intensifiers and loaded words: counts in the article's own voice and in quotes."""
    h, note = _story_rows(language, "hedges", "No hedges, intensifiers or loaded words found.")
    if note is not None:
        return note
    meaning = {"hedge": "the text distances itself (reportedly, seems, could …)",
               "intensifier": "the text turns up its certainty (blatantly, of course …)",
               "loaded": "emotive or judging words (slam, regime, sparking fears …)"}
    rows = []
    for cat in ("hedge", "intensifier", "loaded"):
        sub = h[h["category"] == cat]
        if sub.empty:
            continue
        own = sub[~sub["in_quote"].astype(bool)]
        quoted = sub[sub["in_quote"].astype(bool)]
        rows.append(
            f"<tr><td><b>{cat}</b><br><small>{escape(meaning[cat])}</small></td>"
            f"<td class='num'>{len(own)}</td><td>{escape(', '.join(dict.fromkeys(own['text'].str.lower())))}</td>"
            f"<td class='num'>{len(quoted)}</td><td>{escape(', '.join(dict.fromkeys(quoted['text'].str.lower())))}</td></tr>"
        )
    return HTML("<table class='newsnb-table'><thead><tr><th>kind</th><th>in the article's voice</th><th>words</th>"
                "<th>inside quotes</th><th>words</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def framing_table(language: Mapping[str, Any] | None) -> HTML:
    """Labels for contested things (war, invasion …) and who uses or refuses them."""
    f, note = _story_rows(language, "framing", "No contested labels or quoted framing terms found.")
    if note is not None:
        return note
    voice = {"article": "the article's own words", "reported": "someone else's words", "refused": "refused by someone"}
    view = f.assign(voice=f["voice"].map(lambda v: voice.get(v, v)), where=f["part"].astype(str))
    return table(view, columns=["term", "voice", "actor", "where", "note"], rename={"voice": "whose word"})


# ------------------------------------------------------------------------------------ facts

_PRIORITY = {"high": 0, "medium": 1, "low": 2}


def facts_summary(facts: Mapping[str, pd.DataFrame] | None) -> HTML:
    if facts is None:
        return _note("Fact extraction is not available.")
    return HTML(f"<p>{escape(_facts_words(facts)).capitalize()}. Claims are body sentences with a number, a date or a "
                "named actor; unattributed ones with numbers or dates come first. Promo lines are left out.</p>")


def claims_table(facts: Mapping[str, pd.DataFrame] | None) -> HTML:
    """Claims to check, most urgent first."""
    claims = None if facts is None else facts.get("claims")
    if claims is None or claims.empty:
        return _note("No checkable claims found.")
    df = claims.assign(_p=claims["check_priority"].map(_PRIORITY).fillna(3)).sort_values(["_p", "start"])
    df = df.assign(source=df.apply(lambda r: r["attributed_to"] if isinstance(r["attributed_to"], str)
                                   else ("attributed" if r["attributed"] else "no attribution"), axis=1))
    rows = []
    for r in df.itertuples(index=False):
        p = str(r.check_priority)
        rows.append(f"<tr><td><span class='newsnb-prio newsnb-prio-{escape(p, quote=True)}'>{escape(p)}</span></td>"
                    f"<td>{escape(str(r.source))}</td><td>{escape(str(r.text))}</td><td><small>{escape(str(r.reason or ''))}</small></td></tr>")
    return HTML("<table class='newsnb-table'><thead><tr><th>priority</th><th>source</th><th>claim</th><th>why</th></tr></thead>"
                "<tbody>" + "".join(rows) + "</tbody></table>")


def _num(v: Any) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    v = float(v)
    return f"{v:,.0f}" if v.is_integer() else f"{v:,.4g}"


def numbers_table(facts: Mapping[str, pd.DataFrame] | None) -> HTML:
    """Numbers in the story, with units, conversions and the rate a conversion implies."""
    numbers = None if facts is None else facts.get("numbers")
    if numbers is None or numbers.empty:
        return _note("No numbers found.")
    rows = []
    for r in numbers.sort_values("start").itertuples(index=False):
        value = f"{_num(r.value)} {r.unit}" if isinstance(r.unit, str) else _num(r.value)
        conv = ""
        if isinstance(r.converted_text, str):
            conv = f"{r.converted_text} ({_num(r.converted_value)} {r.converted_unit or ''})"
            if isinstance(r.rate_note, str):
                conv += f"; implies {r.rate_note}"
        where = "promo line" if bool(r.in_promo) else ("" if pd.isna(r.paragraph) else f"¶ {int(r.paragraph)}")
        rows.append(f"<tr><td><b>{escape(str(r.text))}</b></td><td>{escape(str(r.kind))}</td><td>{escape(value.strip())}</td>"
                    f"<td>{escape(conv)}</td><td>{escape(where)}</td><td><small>{escape(str(r.context or ''))}</small></td></tr>")
    return HTML("<table class='newsnb-table'><thead><tr><th>number</th><th>kind</th><th>value</th><th>conversion</th>"
                "<th>where</th><th>context</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def dates_table(facts: Mapping[str, pd.DataFrame] | None) -> HTML:
    """Date and time expressions, resolved against the article date where possible."""
    dates = None if facts is None else facts.get("dates")
    if dates is None or dates.empty:
        return _note("No dates found.")
    df = dates.assign(where=dates.apply(lambda r: "promo line" if bool(r["in_promo"]) else str(r["part"]).replace("_", " "), axis=1))
    return table(df.sort_values("start"), columns=["text", "kind", "resolved", "resolution", "where"],
                 rename={"resolution": "how it was read"})


# ------------------------------------------------------------------------------ annotated


def annotated(result: "Analysis") -> HTML:
    """The full text with quotes, speakers, entities and sentence tone marked (see
    :mod:`newsnb.presentation.annotate`), with a legend and the set-aside lines."""
    return HTML(_annotate.annotate(result.article, sentences=result.sentences, mentions=result.mentions,
                                   quotes=_part(result, "quotes"), palette=palette(result)))


# ------------------------------------------------------------------------------- the corpus


def corpus_overview(articles: pd.DataFrame, speakers: pd.DataFrame | None = None) -> HTML:
    """One paragraph: how many articles, words and quotes the corpus report covers."""
    if articles is None or articles.empty:
        return _note("No analysed articles found (reports/data/*.json).")
    n = len(articles)
    words = int(articles["words"].fillna(0).sum())
    bits = [f"{_plural(n, 'article')}, {words:,} words of body text"]
    if articles["quotes"].notna().any():
        bits.append(f"{int(articles['quotes'].fillna(0).sum())} quotes and reported statements")
    if speakers is not None and not speakers.empty:
        named = speakers[speakers["speaker"].map(lambda v: isinstance(v, str))]
        bits.append(f"{_plural(len(named), 'named source')}")
    tones = articles["tone"].dropna().value_counts()
    if len(tones):
        bits.append("tone: " + ", ".join(f"{int(v)} {k}" for k, v in tones.items()))
    return HTML("<p>" + escape("; ".join(bits)) + ".</p>")


def section(title: str, text: str | None = None) -> HTML:
    """A report section's heading (and a sentence under it) from a cell's output, for sections
    shown only when there is something to show (the corpus report's by outlet, over time); its
    anchor is the one nbconvert gives a Markdown heading (spaces → hyphens)."""
    slug = "-".join(title.split())
    para = f"<p>{escape(text)}</p>" if text else ""
    return HTML(f'<h2 id="{escape(slug)}">{escape(title)}</h2>{para}')


def corpus_summary(overview: pd.DataFrame | None) -> HTML:
    """One paragraph from :func:`newsnb.store.corpus.overview`: how many articles, words, quotes,
    named sources, tones, outlets and months the corpus report covers."""
    if overview is None or overview.empty:
        return _note("No analysed articles found (the reports folder's store is empty).")
    o = overview.iloc[0]
    bits = [f"{int(o['articles']):,} article{'s' if int(o['articles']) != 1 else ''}, {int(o['words']):,} words of body text"]
    if pd.notna(o["quotes"]):
        bits.append(f"{int(o['quotes']):,} quotes and reported statements")
    if int(o["named_sources"]):
        bits.append(_plural(int(o["named_sources"]), "named source"))
    tones = [f"{int(o[t]):,} {t}" for t in ("negative", "neutral", "positive") if int(o[t])]
    if tones:
        bits.append("tone: " + ", ".join(tones))
    if int(o["outlets"]):
        bits.append(_plural(int(o["outlets"]), "outlet"))
    if int(o["months"]):
        bits.append(_plural(int(o["months"]), "month"))
    return HTML("<p>" + escape("; ".join(bits)) + ".</p>")


def articles_table(df: pd.DataFrame | None, *, columns: list[str], rename: Mapping[str, str] | None = None,
                   empty: str = "No articles.", digits: int = 2) -> HTML:
    """A table of articles whose ``headline`` links to the article's report (``html``)."""
    if df is None or df.empty:
        return _note(empty)
    names = dict(rename or {})
    head = "".join(f"<th>{escape(names.get(c, c))}</th>" for c in columns)
    rows = []
    for _, r in df.iterrows():
        cells = []
        for c in columns:
            v = r.get(c)
            if c == "headline" and isinstance(r.get("html"), str):
                cells.append(f'<td><a href="{escape(r["html"], quote=True)}">{escape(str(v))}</a></td>')
            elif isinstance(v, float):
                cells.append("<td class='num'></td>" if pd.isna(v) else f"<td class='num'>{v:.{digits}f}</td>")
            elif isinstance(v, (int,)) and not isinstance(v, bool):
                cells.append(f"<td class='num'>{v}</td>")
            else:
                cells.append("<td></td>" if v is None or (not isinstance(v, str) and pd.isna(v)) else f"<td>{escape(str(v))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return HTML(f"<table class='newsnb-table'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
