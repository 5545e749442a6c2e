"""Which tables the store holds, and one analysis's rows for each (:func:`rows`).

The store has one table per per-article table of :class:`newsnb.analysis.result.Analysis`, plus
``articles`` (one row per article with its metadata) and ``parts`` (headline, key points,
paragraphs, boilerplate, promos). Every row starts with the article's ``slug``; the other columns
are those of the per-article table (documented in its module and the README's data dictionary),
so a column added to an extractor reaches the store without a schema change here.

Method: :func:`records` (plain dicts; :func:`rows` as DataFrames) reads the analysis dict (``Analysis.to_dict()``, the JSON of
``reports/data/<slug>.json``); list and dict cells (``surface_forms``, ``offsets``, ``entities``
…) are stored as JSON text, and a column holding numbers in one row and text in another is stored as text (per batch
written), so every Parquet file of a table has flat, typed columns that DuckDB
and Dask read without a schema registry. The ``articles`` row lifts the metadata the input
carried (JSON/CSV/HTML fields, front matter) into columns: ``outlet`` (``outlet``, ``source`` or
``site``, as :func:`newsnb.analysis.stories.outlet_from_meta` reads it), ``topic`` (``topic``,
``section`` or ``category``), ``author`` (``author`` or ``authors``; lists joined with ``; ``),
``url`` (``url``, ``link``), ``date`` and its ``month``; every other metadata key stays in
``labels`` (a JSON object).

Known limits: a column whose type changes between newsnb versions (an integer that becomes text)
is read by DuckDB as their common type (usually text); ``labels`` keys are not columns, so asking
by one needs ``json_extract_string(labels, '$.key')``.
"""
from __future__ import annotations

import json
from typing import Any

import pandas as pd

from ..analysis.stories import outlet_from_meta
from ..core.frames import plain

__all__ = ["TABLES", "ARTICLE_COLUMNS", "PART_COLUMNS", "GROUPS", "records", "frame", "rows", "empty_columns"]

#: Per-article tables kept under a group in the analysis dict: table name → (group, key).
GROUPS = {
    "numbers": ("facts", "numbers"), "dates": ("facts", "dates"), "claims": ("facts", "claims"),
    "hedges": ("language", "hedges"), "framing": ("language", "framing"),
    "subjectivity": ("language", "subjectivity"),
}
#: Every table of the store (one folder each under ``reports/store/``); the same tuple as
#: :data:`.writer.TABLES`, which the writer keeps without importing pandas.
TABLES = (
    "articles", "parts", "sentences", "entities", "mentions", "quotes", "sources", "headline_quotes",
    *GROUPS,
)
ARTICLE_COLUMNS = [
    "slug", "headline", "date", "month", "outlet", "topic", "author", "url", "labels", "format", "path",
    "sha256", "chars", "words", "sentences", "paragraphs", "quotes", "named_sources", "polarity",
    "subjectivity", "tone", "flesch_reading_ease", "flesch_kincaid_grade", "reading_time_min", "html",
]
PART_COLUMNS = ["slug", "kind", "index", "start", "end", "text"]

_LIFTED = {
    "outlet": ("outlet", "source", "site"), "topic": ("topic", "section", "category"),
    "author": ("author", "authors", "byline"), "url": ("url", "link"), "date": ("date",),
}
_NOT_LABELS = {k for keys in _LIFTED.values() for k in keys} | {"source_format", "title", "record"}


def _text(v: Any) -> str | None:
    if isinstance(v, (list, tuple)):
        v = "; ".join(str(x).strip() for x in v if str(x).strip())
    if v is None or isinstance(v, (dict, bool)):
        return None
    s = str(v).strip()
    return s or None


def _first(meta: dict, keys: tuple) -> str | None:
    for k in keys:
        v = _text(meta.get(k))
        if v:
            return v
    return None


def _list(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def article_row(data: dict, *, slug: str, html: str | None = None) -> dict:
    """The ``articles`` row of one analysis dict (columns :data:`ARTICLE_COLUMNS`)."""
    art = data.get("article") or {}
    meta = art.get("meta") if isinstance(art.get("meta"), dict) else {}
    r = data.get("readability") or {}
    t = data.get("tone") or {}
    head = art.get("headline")
    quotes = [q for q in _list(data.get("quotes")) if q.get("kind") != "scare"]
    date = _first(meta, _LIFTED["date"])
    labels = {k: plain(v) for k, v in meta.items() if k not in _NOT_LABELS and v not in (None, "", [], {})}
    return {
        "slug": slug,
        "headline": (head or {}).get("text") if isinstance(head, dict) else None,
        "date": date,
        "month": date[:7] if date and len(date) >= 7 and date[4] == "-" else None,
        "outlet": outlet_from_meta(meta),
        "topic": _first(meta, _LIFTED["topic"]),
        "author": _first(meta, _LIFTED["author"]),
        "url": _first(meta, _LIFTED["url"]),
        "labels": json.dumps(labels, ensure_ascii=False, sort_keys=True) if labels else None,
        "format": art.get("format"), "path": art.get("path"), "sha256": art.get("sha256"), "chars": art.get("chars"),
        "words": r.get("words"), "sentences": r.get("sentences"), "paragraphs": r.get("paragraphs"),
        "quotes": len(quotes) if isinstance(data.get("quotes"), list) else None,
        "named_sources": len({q["speaker"] for q in quotes if _text(q.get("speaker"))}),
        "polarity": t.get("polarity"), "subjectivity": t.get("subjectivity"), "tone": t.get("label"),
        "flesch_reading_ease": r.get("flesch_reading_ease"), "flesch_kincaid_grade": r.get("flesch_kincaid_grade"),
        "reading_time_min": r.get("reading_time_min"), "html": html,
    }


def _records(data: dict, table: str) -> list[dict]:
    if table in GROUPS:
        group, key = GROUPS[table]
        return _list((data.get(group) or {}).get(key))
    if table == "parts":
        art = data.get("article") or {}
        parts = [art.get("headline")] + [p for k in ("key_points", "paragraphs", "boilerplate", "promos")
                                          for p in _list(art.get(k))]
        return [{c: p.get(c) for c in PART_COLUMNS[1:]} for p in parts if isinstance(p, dict)]
    return _list(data.get(table))


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """A column of mixed scalar types (a number here, text there) as text (list and dict cells are
    JSON text already: :func:`records`)."""
    for col in df.columns:
        kinds = {type(v) for v in df[col].dropna()}
        if len(kinds) > 1 and kinds - {int, float, bool}:
            df[col] = df[col].map(lambda v: None if v is None or (isinstance(v, float) and v != v) else str(v))
    return df


def _cell(v: Any) -> Any:
    if isinstance(v, (list, tuple, dict)):
        try:
            return json.dumps(v, ensure_ascii=False)
        except TypeError:
            return json.dumps(plain(v), ensure_ascii=False)
    return v


def records(data: dict, *, slug: str | None = None, html: str | None = None) -> dict[str, list[dict]]:
    """One analysis's rows for every table of :data:`TABLES` as plain records (``slug`` first,
    list/dict cells as JSON text) — what :func:`rows` and the store writer are made of, cheap
    to make and to send between processes. Tables without rows are empty lists."""
    slug = slug or data.get("_slug") or (data.get("article") or {}).get("slug")
    if not slug:
        raise ValueError("an analysis without a slug cannot be stored")
    out = {"articles": [article_row(data, slug=slug, html=html or data.get("_html"))]}
    for table in TABLES[1:]:
        out[table] = [{"slug": slug, **{k: _cell(v) for k, v in r.items() if k != "slug"}} for r in _records(data, table)]
    return out


def frame(table: str, recs: list[dict]) -> pd.DataFrame:
    """A DataFrame of one table's records (:func:`records`), ``slug`` first; a column of mixed
    scalar types (a number here, text there) as text."""
    if table == "articles":
        return pd.DataFrame(recs, columns=ARTICLE_COLUMNS)
    df = _flat(pd.DataFrame(recs)) if recs else pd.DataFrame()
    if "slug" not in df.columns:
        df.insert(0, "slug", pd.Series(dtype=object))
    return df


def rows(data: dict, *, slug: str | None = None, html: str | None = None) -> dict[str, pd.DataFrame]:
    """One analysis's rows for every table of :data:`TABLES` as DataFrames, each with ``slug`` first.

    ``data`` is an analysis dict (``Analysis.to_dict()`` or a ``reports/data/<slug>.json``);
    ``slug`` defaults to the article's own; ``html`` is its report's file name, if any. Tables
    the article has no rows for are empty DataFrames with only ``slug``."""
    return {table: frame(table, recs) for table, recs in records(data, slug=slug, html=html).items()}


def empty_columns(table: str) -> list[str]:
    """The columns of ``table`` as the current newsnb writes them (for a view over no rows)."""
    if table == "articles":
        return list(ARTICLE_COLUMNS)
    if table == "parts":
        return list(PART_COLUMNS)
    from ..analysis import entities, facts, language, quotes, tone

    columns = {
        "sentences": tone.SENTENCE_COLUMNS, "entities": entities.ENTITY_COLUMNS, "mentions": entities.MENTION_COLUMNS,
        "quotes": quotes.QUOTE_COLUMNS, "sources": quotes.SOURCE_COLUMNS, "headline_quotes": quotes.HEADLINE_COLUMNS,
        "numbers": facts.NUMBER_COLUMNS, "dates": facts.DATE_COLUMNS, "claims": facts.CLAIM_COLUMNS,
        "hedges": language.HEDGE_COLUMNS, "framing": language.FRAMING_COLUMNS,
        "subjectivity": language.SUBJECTIVITY_COLUMNS,
    }
    return ["slug", *columns[table]]
