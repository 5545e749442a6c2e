"""One story across outlets: comparison tables over the analyses of a story's articles.

Every function takes the analysis dicts of one story's articles (``reports/data/<slug>.json``
as :func:`newsnb.analysis.corpus.load` returns them, each with ``_slug`` and ``_html``) and
returns a DataFrame; :func:`story_data` picks a story's dicts out of a reports folder.

* :func:`articles` — per article: outlet, headline, date, words, tone, quotes.
* :func:`voices` — who is quoted by which outlet: quotes, quoted words, share of voice within
  the outlet, how many outlets carry the speaker (``only`` when one does).
* :func:`shared_quotes` — the same quotation carried by several outlets, matched despite small
  wording differences (difflib over words, ratio ≥ :data:`QUOTE_MATCH`).
* :func:`verbs` — the attribution verbs each outlet uses for a speaker quoted by several
  outlets, loaded or neutral (the quotes table's ``cue_class``).
* :func:`numbers` — numbers of one kind and unit whose sentences share words (the same
  quantity) but whose values differ between outlets.
* :func:`labels` — framing labels (contested terms) and loaded words each outlet uses in its
  own voice.
* :func:`only_one` — people, organisations and places that only one outlet names.

An article without an outlet counts as the outlet ``unknown outlet``. Known limits: quotes are
matched on wording, so a paraphrase is a different quote; "the same quantity" is a guess from
kind, unit and shared words (two different vehicle counts in one sentence pair can be paired).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd

from .corpus import Source, load
from .stories import UNKNOWN_OUTLET, components, outlet_of as outlet, read_stories

__all__ = [
    "group_reports", "story_slugs", "read_stories", "pick_story", "UNKNOWN_OUTLET", "QUOTE_MATCH", "outlet", "outlets", "story_data", "articles", "voices", "shared_quotes",
    "verbs", "numbers", "labels", "only_one", "words",
]

#: Word-sequence similarity (difflib ratio) at which two quotes are the same quotation.
QUOTE_MATCH = 0.75
#: Shortest quotation (words) matched across outlets.
MIN_QUOTE_WORDS = 4

_STOP = frozenset(
    "the a an and or but of to in on at for with by from as is are was were be been that this it its "
    "said says say about after before over under than then there their they he she his her we our you "
    "will would could should has have had not no into out up down more most some such also who which".split()
)


def words(text: Any) -> list[str]:
    """Lower-case words of ``text`` (letters, digits, inner apostrophes)."""
    return re.findall(r"[a-z0-9]+(?:['’][a-z]+)?", str(text or "").lower())


def outlets(data: list[dict]) -> list[str]:
    """The story's outlets, in order of first article."""
    return list(dict.fromkeys(outlet(d) for d in data))


def _list(d: dict, *keys: str) -> list[dict]:
    v: Any = d
    for k in keys:
        v = v.get(k) if isinstance(v, dict) else None
    return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []


def _headline(d: dict) -> str:
    h = (d.get("article") or {}).get("headline")
    return (h.get("text") if isinstance(h, dict) else None) or d.get("_slug", "")


def group_reports(src: Source = None) -> pd.DataFrame:
    """The stories of every article in a reports folder (the columns of
    :func:`newsnb.analysis.stories.stories`, ``key`` being the slug)."""
    from .stories import item_from_data, stories

    return stories([item_from_data(d) for d in load(src)])


def story_slugs(src: Source, story: str, grouping: pd.DataFrame | None = None) -> list[str]:
    """The slugs of ``story``'s articles: from ``grouping`` when given, else from the reports
    folder's ``stories/stories.json`` (written by ``newsnb render``), else by grouping the
    folder's articles (:func:`group_reports`)."""
    if grouping is None and (src is None or isinstance(src, (str, Path))):
        listed = read_stories(src).get(story)
        if listed is not None:
            return list(listed.get("slugs") or [])
    g = grouping if grouping is not None else group_reports(src)
    return [s for s, sid in zip(g["slug"], g["story"]) if sid == story]


def pick_story(src: Source, story: str = "") -> str:
    """``story``, or when empty the earliest story with two or more articles ("" if none)."""
    if story:
        return story
    listed = [sid for sid, e in read_stories(src).items() if int(e.get("articles") or 0) > 1]
    if listed:
        return listed[0]
    g = group_reports(src)
    sizes = g["story"].value_counts()
    multi = [sid for sid in dict.fromkeys(g.sort_values("date", na_position="last", kind="stable")["story"]) if sizes[sid] > 1]
    return multi[0] if multi else ""


def story_data(src: Source, slugs: list[str]) -> list[dict]:
    """The analysis dicts of ``slugs`` (in that order) from a reports folder or loaded list."""
    by = {d["_slug"]: d for d in load(src, slugs=slugs)}
    return [by[s] for s in slugs if s in by]


ARTICLE_COLUMNS = ["slug", "outlet", "headline", "date", "words", "polarity", "tone", "quotes", "named_sources", "html"]


def articles(data: list[dict]) -> pd.DataFrame:
    """One row per article, earliest first (columns :data:`ARTICLE_COLUMNS`)."""
    rows = []
    for d in data:
        meta = (d.get("article") or {}).get("meta") or {}
        q = [x for x in _list(d, "quotes") if x.get("kind") != "scare"]
        rows.append({
            "slug": d.get("_slug"), "outlet": outlet(d), "headline": _headline(d),
            "date": str(meta.get("date"))[:10] if meta.get("date") else None,
            "words": (d.get("readability") or {}).get("words"), "polarity": (d.get("tone") or {}).get("polarity"),
            "tone": (d.get("tone") or {}).get("label"), "quotes": len(q),
            "named_sources": len({x["speaker"] for x in q if x.get("speaker")}), "html": d.get("_html"),
        })
    df = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    df["polarity"] = df["polarity"].astype(float)
    return df.sort_values(["date", "outlet"], na_position="last", kind="stable").reset_index(drop=True)


VOICE_COLUMNS = ["outlet", "speaker", "speaker_type", "quotes", "quoted_words", "share", "outlets", "only"]


def _speaker(q: dict) -> str:
    return q.get("speaker") or {"anonymous": "(anonymous sources)"}.get(q.get("speaker_type"), "(unidentified)")


def voices(data: list[dict]) -> pd.DataFrame:
    """Per outlet and speaker (columns :data:`VOICE_COLUMNS`): quotes, words in direct and partial
    quotes, ``share`` of the outlet's quoted words (0–1), ``outlets`` carrying the speaker,
    ``only`` (a named speaker only this outlet quotes, when the story has several outlets)."""
    stats: dict[tuple[str, str], dict] = {}
    for d in data:
        o = outlet(d)
        for q in _list(d, "quotes"):
            if q.get("kind") == "scare":
                continue
            s = stats.setdefault((o, _speaker(q)), {"outlet": o, "speaker": _speaker(q), "speaker_type": q.get("speaker_type"),
                                                     "quotes": 0, "quoted_words": 0})
            s["quotes"] += 1
            if "quoted_words" in q:  # words inside quotation marks, each once (mixed rows' parts too)
                s["quoted_words"] += int(q.get("quoted_words") or 0)
            elif q.get("kind") in ("direct", "partial"):
                s["quoted_words"] += int(q.get("words") or 0)
    by_speaker: dict[str, set] = defaultdict(set)
    totals: Counter = Counter()
    for (o, sp), s in stats.items():
        by_speaker[sp].add(o)
        totals[o] += s["quoted_words"]
    several = len(outlets(data)) > 1
    rows = []
    for (o, sp), s in stats.items():
        named = not sp.startswith("(")
        rows.append(s | {"share": round(s["quoted_words"] / totals[o], 4) if totals[o] else 0.0,
                         "outlets": len(by_speaker[sp]), "only": several and named and len(by_speaker[sp]) == 1})
    df = pd.DataFrame(rows, columns=VOICE_COLUMNS)
    return df.sort_values(["outlet", "quoted_words", "quotes"], ascending=[True, False, False], kind="stable").reset_index(drop=True)


SHARED_COLUMNS = ["quote", "outlet", "slug", "speaker", "text", "start", "end", "similarity"]


def _quote_words(text: str) -> list[str]:
    return words(text)


def shared_quotes(data: list[dict], *, ratio: float = QUOTE_MATCH) -> pd.DataFrame:
    """Quotations carried by two or more outlets (columns :data:`SHARED_COLUMNS`): ``quote``
    numbers the matched quotation (1, 2 …); ``similarity`` is the difflib ratio of the row's
    words to the first row of its quotation (1.0 for that row)."""
    cands = []
    for d in data:
        for q in _list(d, "quotes"):
            if q.get("kind") in ("direct", "partial") and len(_quote_words(q.get("text"))) >= MIN_QUOTE_WORDS:
                cands.append((outlet(d), d.get("_slug"), q))
    toks = [_quote_words(q.get("text")) for _, _, q in cands]
    edges = [(i, j) for i, j in combinations(range(len(cands)), 2)
             if cands[i][0] != cands[j][0] and set(toks[i]) & set(toks[j])
             and SequenceMatcher(None, toks[i], toks[j], autojunk=False).ratio() >= ratio]
    rows, n = [], 0
    for members in components(len(cands), edges):
        if len({cands[k][0] for k in members}) < 2:
            continue
        n += 1
        first = toks[members[0]]
        for k in members:
            o, slug, q = cands[k]
            rows.append({"quote": n, "outlet": o, "slug": slug, "speaker": _speaker(q), "text": q.get("text"),
                         "start": q.get("start"), "end": q.get("end"),
                         "similarity": round(SequenceMatcher(None, first, toks[k], autojunk=False).ratio(), 3)})
    return pd.DataFrame(rows, columns=SHARED_COLUMNS)


VERB_COLUMNS = ["speaker", "outlet", "cue", "cue_class", "count"]


def verbs(data: list[dict]) -> pd.DataFrame:
    """Attribution verbs per outlet for each named speaker quoted by two or more outlets
    (columns :data:`VERB_COLUMNS`; ``cue`` lower-cased, ``cue_class`` loaded or neutral)."""
    counts: Counter = Counter()
    seen: dict[str, set] = defaultdict(set)
    for d in data:
        o = outlet(d)
        cue_seen = set()
        for q in _list(d, "quotes"):
            sp, cue = q.get("speaker"), (q.get("cue") or "").strip().lower()
            if not sp or not cue or q.get("kind") == "scare":
                continue
            seen[sp].add(o)
            where = (q.get("cue_start"), q.get("cue_end"))
            if where != (None, None) and where in cue_seen:
                continue  # one verb introducing two quotes counts once
            cue_seen.add(where)
            counts[(sp, o, cue, q.get("cue_class") or "neutral")] += 1
    rows = [{"speaker": sp, "outlet": o, "cue": c, "cue_class": k, "count": n}
            for (sp, o, c, k), n in counts.items() if len(seen[sp]) > 1]
    df = pd.DataFrame(rows, columns=VERB_COLUMNS)
    return df.sort_values(["speaker", "outlet", "count"], ascending=[True, True, False], kind="stable").reset_index(drop=True)


NUMBER_COLUMNS = ["quantity", "kind", "unit", "outlet", "slug", "value", "text", "context"]


def _content(text: str) -> set[str]:
    return {w for w in words(text) if len(w) > 3 and w not in _STOP and not w.isdigit()}


def numbers(data: list[dict], *, min_shared: int = 2) -> pd.DataFrame:
    """Numbers that differ between outlets for what looks like the same quantity (columns
    :data:`NUMBER_COLUMNS`): same ``kind`` and ``unit``, sentences sharing at least
    ``min_shared`` content words, different values. ``quantity`` names it by the unit and the
    shared words; each differing figure is one row."""
    found = []
    for d in data:
        for x in _list(d, "facts", "numbers"):
            v = x.get("value")
            if x.get("in_promo") or not isinstance(v, (int, float)) or v != v or x.get("kind") in ("ordinal", None):
                continue
            found.append((outlet(d), d.get("_slug"), x, _content(x.get("context") or "")))
    shared_words: dict[tuple[int, int], set] = {}
    for i, j in combinations(range(len(found)), 2):
        (oi, _, xi, ci), (oj, _, xj, cj) = found[i], found[j]
        if oi == oj or xi.get("kind") != xj.get("kind") or (xi.get("unit") or "") != (xj.get("unit") or ""):
            continue
        if len(ci & cj) >= min_shared:
            shared_words[(i, j)] = ci & cj
    rows = []
    for members in components(len(found), shared_words):
        if len(members) < 2 or len({found[k][2]["value"] for k in members}) < 2 or len({found[k][0] for k in members}) < 2:
            continue
        x0 = found[members[0]][2]
        ctx = words(x0.get("context"))
        at = next((k for k, w in enumerate(ctx) if w in words(x0.get("text"))), 0)

        def near(w: str) -> int:  # distance from the number in the first sentence
            return min((abs(k - at) for k, v in enumerate(ctx) if v == w), default=99)

        inside = set(members)
        pooled = set().union(*(w for (i, j), w in shared_words.items() if i in inside))
        common = sorted(pooled, key=lambda w: (-sum(w in found[k][3] for k in members), near(w), w))[:3]
        label = f"{x0.get('unit') or x0.get('kind')}: {' '.join(common)}".strip()
        for k in members:
            o, slug, x, _ = found[k]
            rows.append({"quantity": label, "kind": x.get("kind"), "unit": x.get("unit"), "outlet": o, "slug": slug,
                         "value": float(x["value"]), "text": x.get("text"), "context": x.get("context")})
    return pd.DataFrame(rows, columns=NUMBER_COLUMNS)


LABEL_COLUMNS = ["term", "kind", "outlet", "count", "outlets"]


def labels(data: list[dict]) -> pd.DataFrame:
    """Labels each outlet uses in its own voice (columns :data:`LABEL_COLUMNS`): ``kind`` is
    ``framing`` (a contested term, from the ``framing`` table, voice ``article``) or ``loaded``
    (a loaded word outside quotations, from the ``hedges`` table); ``outlets`` using the term."""
    counts: Counter = Counter()
    for d in data:
        o = outlet(d)
        for f in _list(d, "language", "framing"):
            if f.get("voice") == "article" and not f.get("in_quote") and not f.get("in_promo") and f.get("term"):
                counts[(str(f["term"]).lower(), "framing", o)] += 1
        for h in _list(d, "language", "hedges"):
            if h.get("category") == "loaded" and not h.get("in_quote") and not h.get("in_promo"):
                counts[(str(h.get("lemma") or h.get("text") or "").lower(), "loaded", o)] += 1
    users: dict[tuple, set] = defaultdict(set)
    for t, k, o in counts:
        users[(t, k)].add(o)
    rows = [{"term": t, "kind": k, "outlet": o, "count": n, "outlets": len(users[(t, k)])} for (t, k, o), n in counts.items() if t]
    df = pd.DataFrame(rows, columns=LABEL_COLUMNS)
    return df.sort_values(["kind", "term", "outlet"], kind="stable").reset_index(drop=True)


ONLY_COLUMNS = ["entity", "type", "outlet", "mentions"]


def only_one(data: list[dict]) -> pd.DataFrame:
    """People, organisations and places only one outlet names (columns :data:`ONLY_COLUMNS`),
    when the story has two or more outlets; most mentioned first."""
    if len(outlets(data)) < 2:
        return pd.DataFrame(columns=ONLY_COLUMNS)
    named: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for d in data:
        for e in _list(d, "entities"):
            if e.get("entity"):
                named[(e["entity"], e.get("type") or "")][outlet(d)] += int(e.get("count") or 0)
    rows = [{"entity": e, "type": t, "outlet": next(iter(c)), "mentions": sum(c.values())}
            for (e, t), c in named.items() if len(c) == 1]
    df = pd.DataFrame(rows, columns=ONLY_COLUMNS)
    return df.sort_values(["outlet", "mentions", "entity"], ascending=[True, False, True], kind="stable").reset_index(drop=True)
