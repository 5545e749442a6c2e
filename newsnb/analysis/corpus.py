"""Across all articles: corpus-level tables from ``reports/data/*.json``.

Every table function takes a reports folder (or the list :func:`load` returned, to read the
files once) and returns a DataFrame:

* :func:`articles` — one row per article: headline, date, words, quotes, sources, tone, readability.
* :func:`quotes` — every quote of every article, with the article's ``slug``.
* :func:`speakers` — who is quoted across the corpus, their share of voice and gender.
* :func:`voices_by_gender` — share of voice by gender (sources, quotes, quoted words), overall, by
  outlet or by month (:func:`newsnb.analysis.gender.voices` over every article's quotes).
* :func:`source_types` — per article: quotes from named, anonymous and unidentified sources, relayed.
* :func:`cues` — attribution verbs and how often they are used, loaded ones flagged.
* :func:`sentences` — every body sentence's tone, with the article's ``slug``.
* :func:`entities` / :func:`cooccurrence` — entities across articles and the pairs named in
  the same paragraph (the co-occurrence network; :func:`graph` makes it a networkx graph).
* :func:`readability` — articles ranked from easiest to hardest to read.
* :func:`outlets` — outlets compared: articles, stories, quotes by source type, loaded verbs, tone.

The corpus report itself (``notebooks/corpus.ipynb`` → ``reports/corpus.html``) is run by
:mod:`newsnb.run.corpus_report`. A JSON file that cannot be read is skipped; missing parts (an
article analysed before quotes existed) count as empty, and person speakers analysed before genders
existed count as ``unknown``.
"""
from __future__ import annotations

import bisect
import json
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Union

import pandas as pd

from ..core import config
from ..input.reports import read_manifest
from .gender import voices
from .stories import UNKNOWN_OUTLET, outlet_from_meta, outlet_of, read_stories

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "load", "articles", "quotes", "speakers", "voices_by_gender", "source_types", "cues", "sentences", "entities",
    "cooccurrence", "graph", "readability", "outlets", "GROUPINGS", "OUTLET_COLUMNS",
    "ARTICLE_COLUMNS", "SPEAKER_COLUMNS", "SOURCE_TYPE_COLUMNS", "CUE_COLUMNS", "EDGE_COLUMNS", "ENTITY_COLUMNS",
]

Source = Union[str, Path, None, list]

ARTICLE_COLUMNS = [
    "slug", "headline", "date", "words", "sentences", "paragraphs", "quotes", "named_sources", "polarity",
    "subjectivity", "tone", "flesch_reading_ease", "flesch_kincaid_grade", "reading_time_min", "html",
]
SPEAKER_COLUMNS = [
    "speaker", "speaker_type", "articles", "quotes", "direct", "partial", "mixed", "indirect", "quoted_words",
    "share_of_voice", "loaded_cues", "relayed", "gender", "gender_evidence",
]
#: What :func:`voices_by_gender` can group by: article metadata key(s) → column.
#: How :func:`voices_by_gender` can split the corpus.
GROUPINGS = ("outlet", "month")
SOURCE_TYPE_COLUMNS = ["slug", "headline", "named", "anonymous", "unknown", "relayed", "total"]
CUE_COLUMNS = ["cue", "cue_class", "cue_type", "count", "articles"]
ENTITY_COLUMNS = ["entity", "type", "mentions", "articles"]
EDGE_COLUMNS = ["source", "target", "weight", "articles"]


def load(reports_dir: Source = None, *, slugs: Iterable[str] | None = None) -> list[dict]:
    """Every readable analysis JSON in ``reports_dir/data`` (default ``reports/``), sorted by
    file name (only those of ``slugs`` when given); each dict gains ``_slug`` (the file's stem)
    and ``_html`` (the report's file name, when the manifest lists one)."""
    if isinstance(reports_dir, list):
        return reports_dir if slugs is None else [d for d in reports_dir if d.get("_slug") in set(slugs)]
    out = Path(reports_dir) if reports_dir else config.REPORTS_DIR
    manifest = read_manifest(out).get("articles", {})
    found = []
    paths = (out / "data").glob("*.json") if slugs is None else [out / "data" / f"{s}.json" for s in set(slugs)]
    for path in sorted(paths):
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict) or not isinstance(data.get("article"), dict):
            continue
        data["_slug"] = path.stem
        html = (manifest.get(path.stem) or {}).get("html")
        data["_html"] = html if isinstance(html, str) else None
        found.append(data)
    return found


def _list(data: dict, key: str) -> list[dict]:
    value = data.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _headline(data: dict) -> str:
    h = (data.get("article") or {}).get("headline")
    return (h or {}).get("text") if isinstance(h, dict) and h.get("text") else data["_slug"]


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) and v.strip() else None


def articles(src: Source = None) -> pd.DataFrame:
    """One row per article (columns :data:`ARTICLE_COLUMNS`; ``quotes`` leaves scare quotes
    out, ``named_sources`` counts distinct named speakers; ``html`` is the report file)."""
    rows = []
    for d in load(src):
        r = d.get("readability") or {}
        t = d.get("tone") or {}
        q = [x for x in _list(d, "quotes") if x.get("kind") != "scare"]
        has_quotes = isinstance(d.get("quotes"), list)
        meta = (d.get("article") or {}).get("meta") or {}
        rows.append({
            "slug": d["_slug"], "headline": _headline(d), "date": _str(meta.get("date")) if isinstance(meta, dict) else None,
            "words": r.get("words"), "sentences": r.get("sentences"), "paragraphs": r.get("paragraphs"),
            "quotes": len(q) if has_quotes else None,
            "named_sources": len({x["speaker"] for x in q if _str(x.get("speaker"))}) if has_quotes else None,
            "polarity": t.get("polarity"), "subjectivity": t.get("subjectivity"), "tone": t.get("label"),
            "flesch_reading_ease": r.get("flesch_reading_ease"), "flesch_kincaid_grade": r.get("flesch_kincaid_grade"),
            "reading_time_min": r.get("reading_time_min"), "html": d.get("_html"),
        })
    df = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    for col in ("words", "sentences", "paragraphs", "quotes", "named_sources"):
        df[col] = df[col].astype("Int64")
    for col in ("polarity", "subjectivity", "flesch_reading_ease", "flesch_kincaid_grade", "reading_time_min"):
        df[col] = df[col].astype(float)
    return df


def quotes(src: Source = None) -> pd.DataFrame:
    """Every quote of every article (the columns of :func:`newsnb.analysis.quotes.quotes`) with ``slug``
    and ``headline`` first."""
    frames = []
    for d in load(src):
        q = _list(d, "quotes")
        if q:
            frames.append(pd.DataFrame(q).assign(slug=d["_slug"], headline=_headline(d)))
    if not frames:
        return pd.DataFrame(columns=["slug", "headline", "start", "end", "text", "kind", "speaker", "speaker_type", "cue",
                                     "cue_class", "relayed_by", "hedged", "paragraph", "words", "gender",
                                     "gender_evidence"])
    df = pd.concat(frames, ignore_index=True)
    return df[["slug", "headline"] + [c for c in df.columns if c not in ("slug", "headline")]]


def speakers(src: Source = None) -> pd.DataFrame:
    """Who is quoted across the corpus, most quoted words first (columns :data:`SPEAKER_COLUMNS`).

    Scare quotes are left out. Unnamed speakers are one row per type (``speaker`` None).
    ``quoted_words`` counts words inside quotation marks (direct and partial quotes, the quoted
    parts of mixed rows), each once; ``share_of_voice`` is that
    divided by all such words in the corpus (0–1); ``articles`` is how many articles quote them.
    ``gender`` (person speakers only): the gender the articles give them, ``unknown`` when none
    does or two disagree; ``gender_evidence``: the strongest evidence among those articles
    (``text`` over ``name``), ``conflict`` when articles disagree, else ``none``.
    """
    q = quotes(src)
    if q.empty:
        return pd.DataFrame(columns=SPEAKER_COLUMNS)
    q = q[q["kind"] != "scare"]
    if q.empty:
        return pd.DataFrame(columns=SPEAKER_COLUMNS)
    groups: dict[tuple, dict] = {}
    slugs: dict[tuple, set] = defaultdict(set)
    labels: dict[tuple, set] = defaultdict(set)
    total = 0
    for r in q.itertuples(index=False):
        name = _str(r.speaker)
        key = (name, "named") if name else (None, r.speaker_type or "unknown")
        g = groups.setdefault(key, {c: 0 for c in SPEAKER_COLUMNS} | {
            "speaker": name, "speaker_type": r.speaker_type or "unknown", "gender": None, "gender_evidence": None})
        if name and r.speaker_type == "person":  # analyses from before genders: unknown
            labels[key].add((_str(getattr(r, "gender", None)) or "unknown",
                             _str(getattr(r, "gender_evidence", None)) or "none"))
        g["quotes"] += 1
        if r.kind in ("direct", "partial", "mixed", "indirect"):
            g[r.kind] += 1
        qw = getattr(r, "quoted_words", None)
        if qw is not None and not pd.isna(qw):  # words inside quotation marks, each once
            w = int(qw)
        else:  # analyses from before the quoted_words column
            w = int(r.words or 0) if r.kind in ("direct", "partial") else 0
        g["quoted_words"] += w
        total += w
        g["loaded_cues"] += r.cue_class == "loaded"
        g["relayed"] += bool(_str(r.relayed_by))
        slugs[key].add(r.slug)
    for key, g in groups.items():
        g["articles"] = len(slugs[key])
        g["share_of_voice"] = round(g["quoted_words"] / total, 4) if total else 0.0
        if key in labels:
            g["gender"], g["gender_evidence"] = _agreed_gender(labels[key])
    df = pd.DataFrame(list(groups.values()), columns=SPEAKER_COLUMNS)
    for col in ("articles", "quotes", "direct", "partial", "mixed", "indirect", "quoted_words", "loaded_cues", "relayed"):
        df[col] = df[col].astype("int64")
    df["share_of_voice"] = df["share_of_voice"].astype(float)
    for col in ("speaker", "gender", "gender_evidence"):
        df[col] = df[col].astype(object).where(df[col].map(lambda v: isinstance(v, str)), None)
    return df.sort_values(["quoted_words", "quotes", "articles"], ascending=False, kind="stable").reset_index(drop=True)


def _agreed_gender(labels: set[tuple[str, str]]) -> tuple[str, str]:
    """One person's gender across articles, from the (gender, evidence) pairs the articles give."""
    known = {g for g, _ in labels if g in ("female", "male")}
    if len(known) > 1:
        return "unknown", "conflict"
    if known:
        gender = known.pop()
        return gender, "text" if (gender, "text") in labels else "name"
    return "unknown", "conflict" if any(e == "conflict" for _, e in labels) else "none"


def _group(meta: Any, by: str) -> str | None:
    """An article's outlet (as for stories: :func:`~newsnb.analysis.stories.outlet_from_meta`) or
    month (``YYYY-MM`` of its date), None when not known."""
    if not isinstance(meta, dict):
        return None
    if by == "outlet":
        return outlet_from_meta(meta)
    value = _str(meta.get("date"))
    return value[:7] if value and len(value) >= 7 and value[:4].isdigit() and value[4] == "-" else None


def voices_by_gender(src: Source = None, by: str | None = None) -> pd.DataFrame:
    """Share of voice by gender across the corpus: person sources (each counted once per
    article), their quotes and their quoted words for ``female``, ``male`` and ``unknown``, with
    shares of the person total (columns :data:`newsnb.analysis.gender.VOICE_COLUMNS`).

    ``by``: None for the whole corpus, ``"outlet"`` or ``"month"`` (see :data:`GROUPINGS`) for
    one block of three rows per outlet or month, in order, with the group as the first column;
    articles whose outlet or month is not known are left out of those.
    """
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"voices_by_gender: by must be one of {', '.join(GROUPINGS)} or None, not {by!r}")
    data = load(src)
    q = quotes(data)
    if by is not None and not q.empty:
        groups = {d["_slug"]: _group((d.get("article") or {}).get("meta"), by) for d in data}
        q = q.assign(**{by: q["slug"].map(groups)})
    elif by is not None:
        q = q.assign(**{by: None})
    return voices(q, by)


def source_types(src: Source = None) -> pd.DataFrame:
    """Per article: quotes and reported statements from ``named``, ``anonymous`` and ``unknown``
    (unidentified) sources, how many were ``relayed`` by another outlet, and the ``total``;
    articles with most quotes first. Articles without quote data are left out."""
    rows = []
    for d in load(src):
        if not isinstance(d.get("quotes"), list):
            continue
        q = [x for x in _list(d, "quotes") if x.get("kind") != "scare"]
        named = sum(1 for x in q if _str(x.get("speaker")))
        anon = sum(1 for x in q if not _str(x.get("speaker")) and x.get("speaker_type") == "anonymous")
        rows.append({"slug": d["_slug"], "headline": _headline(d), "named": named, "anonymous": anon,
                     "unknown": len(q) - named - anon, "relayed": sum(1 for x in q if _str(x.get("relayed_by"))), "total": len(q)})
    df = pd.DataFrame(rows, columns=SOURCE_TYPE_COLUMNS)
    for col in SOURCE_TYPE_COLUMNS[2:]:
        df[col] = df[col].astype("int64")
    return df.sort_values(["total", "slug"], ascending=[False, True], kind="stable").reset_index(drop=True)


def cues(src: Source = None) -> pd.DataFrame:
    """Attribution verbs (as written, lower case) with their class (``neutral``/``loaded``), their
    type (``speech``, ``attitude``, ``evidence``, ``noun``, ``preposition``: "said" apart from
    "believes"), uses and the number of articles using them; most used first."""
    q = quotes(src)
    if q.empty or "cue" not in q:
        return pd.DataFrame(columns=CUE_COLUMNS)
    q = q[q["cue"].map(lambda c: bool(_str(c)))]
    if q.empty:
        return pd.DataFrame(columns=CUE_COLUMNS)
    ctype = q["cue_type"].fillna("speech") if "cue_type" in q else "speech"  # older analyses: speech verbs only
    q = q.assign(cue=q["cue"].str.lower().str.strip(), cue_class=q["cue_class"].fillna("neutral"), cue_type=ctype)
    # one cue may introduce several quotes: count each verb occurrence once
    q = q.drop_duplicates(subset=["slug", "cue_start", "cue_end"] if "cue_start" in q else None)
    df = q.groupby(["cue", "cue_class", "cue_type"]).agg(count=("slug", "size"), articles=("slug", "nunique")).reset_index()
    df = df[CUE_COLUMNS].astype({"count": "int64", "articles": "int64"})
    return df.sort_values(["count", "cue"], ascending=[False, True], kind="stable").reset_index(drop=True)


def sentences(src: Source = None, *, body_only: bool = True) -> pd.DataFrame:
    """Every sentence's tone with the article's ``slug`` (body sentences only by default)."""
    frames = []
    for d in load(src):
        s = _list(d, "sentences")
        if s:
            frames.append(pd.DataFrame(s).assign(slug=d["_slug"]))
    if not frames:
        return pd.DataFrame(columns=["slug", "sentence", "part", "paragraph", "text", "polarity", "subjectivity"])
    df = pd.concat(frames, ignore_index=True)
    if body_only and "part" in df:
        df = df[df["part"] == "paragraph"]
    return df[["slug"] + [c for c in df.columns if c != "slug"]].reset_index(drop=True)


def entities(src: Source = None) -> pd.DataFrame:
    """Entities across the corpus: ``entity``, ``type``, total ``mentions``, ``articles``
    naming them; most mentioned first."""
    mentions: Counter = Counter()
    arts: dict[tuple, set] = defaultdict(set)
    for d in load(src):
        for e in _list(d, "entities"):
            if _str(e.get("entity")):
                key = (e["entity"], e.get("type") or "")
                mentions[key] += int(e.get("count") or 0)
                arts[key].add(d["_slug"])
    rows = [{"entity": k[0], "type": k[1], "mentions": n, "articles": len(arts[k])} for k, n in mentions.items()]
    df = pd.DataFrame(rows, columns=ENTITY_COLUMNS)
    df[["mentions", "articles"]] = df[["mentions", "articles"]].astype("int64")
    return df.sort_values(["mentions", "entity"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _units(d: dict) -> list[tuple[int, str]]:
    """Sentence starts → the story unit (headline, key point n, paragraph n) they belong to."""
    units = []
    for s in _list(d, "sentences"):
        if isinstance(s.get("start"), int):
            units.append((s["start"], f"{s.get('part')}:{s.get('paragraph')}"))
    return sorted(units)


def cooccurrence(src: Source = None, *, types: Iterable[str] = ("person", "organisation", "place"),
                 min_weight: int = 1) -> pd.DataFrame:
    """Pairs of entities named in the same paragraph (or the same headline or key-point line):
    ``source``, ``target`` (alphabetical), ``weight`` (paragraphs naming both, across the
    corpus) and ``articles``; heaviest first. Only entities of ``types``."""
    wanted = set(types)
    weight: Counter = Counter()
    arts: dict[tuple, set] = defaultdict(set)
    for d in load(src):
        units = _units(d)
        starts = [u[0] for u in units]
        if not starts:
            continue
        by_unit: dict[str, set] = defaultdict(set)
        for m in _list(d, "mentions"):
            if m.get("type") not in wanted or not _str(m.get("entity")) or not isinstance(m.get("start"), int):
                continue
            i = bisect.bisect_right(starts, m["start"]) - 1
            if i >= 0:
                by_unit[units[i][1]].add(m["entity"])
        for names in by_unit.values():
            for a, b in combinations(sorted(names), 2):
                weight[(a, b)] += 1
                arts[(a, b)].add(d["_slug"])
    rows = [{"source": a, "target": b, "weight": w, "articles": len(arts[(a, b)])}
            for (a, b), w in weight.items() if w >= min_weight]
    df = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    df[["weight", "articles"]] = df[["weight", "articles"]].astype("int64")
    return df.sort_values(["weight", "source", "target"], ascending=[False, True, True], kind="stable").reset_index(drop=True)


def graph(edges: pd.DataFrame, nodes: pd.DataFrame | None = None) -> "nx.Graph":
    """The co-occurrence network as a networkx graph (edge ``weight``; node ``type`` and
    ``mentions`` from :func:`entities` when given)."""
    import networkx as nx

    g = nx.Graph()
    for r in edges.itertuples(index=False):
        g.add_edge(r.source, r.target, weight=int(r.weight), articles=int(r.articles))
    if nodes is not None:
        for r in nodes.itertuples(index=False):
            if r.entity in g:
                g.nodes[r.entity].update(type=r.type, mentions=int(r.mentions))
    return g


OUTLET_COLUMNS = ["outlet", "articles", "stories", "quotes", "named", "anonymous", "unknown", "loaded_cues", "loaded_share",
                  "polarity", "negative", "positive"]


def outlets(src: Source = None) -> pd.DataFrame:
    """Outlets compared (columns :data:`OUTLET_COLUMNS`), when the articles' metadata names them
    (``source``/``outlet``/``site``; empty otherwise): ``articles``; ``stories`` covered (from
    ``stories/stories.json`` when ``newsnb render`` wrote it); quotes (scare quotes left out) and
    their share by source type (``named``, ``anonymous``, ``unknown``, 0–1); ``loaded_cues`` and
    ``loaded_share`` of quotes with a cue; mean ``polarity`` and articles whose tone is
    ``negative``/``positive``. Most articles first."""

    data = load(src)
    story_of = {slug: sid for sid, e in read_stories(src).items() for slug in e.get("slugs") or []}
    rows: dict[str, dict] = {}
    for d in data:
        o = outlet_of(d)
        if o == UNKNOWN_OUTLET:
            continue
        r = rows.setdefault(o, {"outlet": o, "articles": 0, "stories": set(), "quotes": 0, "named": 0, "anonymous": 0,
                                "unknown": 0, "loaded_cues": 0, "cues": 0, "polarity": [], "negative": 0, "positive": 0})
        r["articles"] += 1
        r["stories"].add(story_of.get(d["_slug"], d["_slug"]))
        for q in _list(d, "quotes"):
            if q.get("kind") == "scare":
                continue
            r["quotes"] += 1
            kind = "named" if _str(q.get("speaker")) else ("anonymous" if q.get("speaker_type") == "anonymous" else "unknown")
            r[kind] += 1
            if _str(q.get("cue")):
                r["cues"] += 1
                r["loaded_cues"] += q.get("cue_class") == "loaded"
        t = d.get("tone") or {}
        if isinstance(t.get("polarity"), (int, float)):
            r["polarity"].append(float(t["polarity"]))
        r["negative"] += t.get("label") == "negative"
        r["positive"] += t.get("label") == "positive"
    out = []
    for r in rows.values():
        n = r["quotes"]
        out.append({**{k: r[k] for k in ("outlet", "articles", "quotes", "loaded_cues", "negative", "positive")},
                    "stories": len(r["stories"]),
                    **{k: round(r[k] / n, 3) if n else 0.0 for k in ("named", "anonymous", "unknown")},
                    "loaded_share": round(r["loaded_cues"] / r["cues"], 3) if r["cues"] else 0.0,
                    "polarity": round(sum(r["polarity"]) / len(r["polarity"]), 4) if r["polarity"] else float("nan")})
    df = pd.DataFrame(out, columns=OUTLET_COLUMNS)
    return df.sort_values(["articles", "outlet"], ascending=[False, True], kind="stable").reset_index(drop=True)


def readability(src: Source = None) -> pd.DataFrame:
    """Articles ranked from easiest to hardest to read (Flesch reading ease), with ``rank``
    from 1; articles without readability are left out."""
    df = articles(src).dropna(subset=["flesch_reading_ease"])
    df = df.sort_values(["flesch_reading_ease", "slug"], ascending=[False, True], kind="stable").reset_index(drop=True)
    df.insert(0, "rank", range(1, len(df) + 1))
    return df[["rank", "slug", "headline", "flesch_reading_ease", "flesch_kincaid_grade", "words", "reading_time_min", "html"]]










