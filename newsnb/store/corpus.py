"""Across all articles: the corpus tables, as SQL over the store (DuckDB, ``GROUP BY``).

Every table function takes a *source* — a DuckDB connection (:func:`connection`), a reports
folder (its ``store/``, see :func:`newsnb.store.connect`) or a list of analysis dicts (registered
in memory, so the same SQL serves both) — and returns a DataFrame of aggregated rows only:

* :func:`overview` — one row: articles, words, quotes, named sources, tones, outlets, months.
* :func:`articles` — one row per article: headline, date, words, quotes, sources, tone,
  readability, and the metadata the input carried (outlet, topic, author, url, month).
* :func:`quotes` — every quote of every article, with the article's ``slug`` and ``headline``.
* :func:`speakers` — who is quoted across the corpus, their share of voice and gender.
* :func:`voices_by_gender` — share of voice by gender, overall, by outlet or by month.
* :func:`source_types` — per article: quotes from named, anonymous and unidentified sources, relayed.
* :func:`cues` — attribution verbs and how often they are used, loaded ones flagged.
* :func:`sentences` / :func:`tone_bins` — body sentences' tone, and its histogram counted in SQL.
* :func:`entities` / :func:`cooccurrence` — entities across articles and the pairs named in
  the same paragraph (the co-occurrence network; :func:`graph` makes it a networkx graph).
* :func:`readability` — articles ranked from easiest to hardest to read.
* :func:`outlets` — outlets compared: articles, stories, quotes by source type, loaded verbs, tone.
* :func:`months` / :func:`month_speakers` — the corpus over time: per month articles, quotes,
  speakers and first-time voices; the most quoted (or first-time) speakers of each month.

Method: each function is one SQL query over the store's views (``articles``, ``quotes``,
``entities``, ``mentions``, ``sentences``); counting, distinct articles, shares and ranks are
computed by DuckDB, and only the aggregated rows (the ``top`` N where a table could be huge)
reach pandas. Columns that older analyses lack (``gender``, ``cue_start``, ``cue_type`` …) read as
NULL; values are cast with ``TRY_CAST`` so a store whose files disagree on a column's type (or
an empty store, all text) still answers. Quoted words are the words of ``direct``, ``partial``
and ``mixed`` quotes (:data:`QUOTED_KINDS`); scare quotes are never counted as quotes. The
co-occurrence unit of a mention is the sentence that starts at or before it (an ``ASOF JOIN``
on character offsets), its unit the sentence's part and paragraph; pairs are counted in SQL,
per article first, then across the corpus (article keys are 64-bit hashes of the slug).
Outlet and month are the ``articles`` table's (the metadata's ``outlet``/``source``/``site`` and
the date's ``YYYY-MM``).

Migration: :func:`ensure_store` builds ``reports/store/`` from ``reports/data/*.json`` through the
writer when a reports folder has analyses but no store (folders rendered before the store
existed), and adds analyses newer than the store.

Known limits: a named speaker's ``speaker_type`` is ``person`` when any of their quotes says so,
else the first type in alphabetical order; a person given two genders *within one article* counts
once under each in :func:`voices_by_gender`. First-time voices are first *in this corpus*, not
in the world: the first month of an archive makes everyone new. Articles without a date have no
month and are left out of the over-time tables (and without an outlet, out of the outlet tables).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Union

import pandas as pd

from ..analysis.corpus import load
from ..analysis.gender import GENDERS, VOICE_COLUMNS
from ..analysis.stories import read_stories
from ..core import config
from .views import connect, store_dir

if TYPE_CHECKING:  # pragma: no cover
    import duckdb
    import networkx as nx

__all__ = [
    "load", "connection", "ensure_store", "overview", "articles", "quotes", "speakers", "voices_by_gender",
    "source_types", "cues", "sentences", "tone_bins", "entities", "cooccurrence", "graph", "readability", "outlets",
    "months", "month_speakers", "GROUPINGS", "QUOTED_KINDS", "ARTICLE_COLUMNS", "SPEAKER_COLUMNS",
    "SOURCE_TYPE_COLUMNS", "CUE_COLUMNS", "EDGE_COLUMNS", "ENTITY_COLUMNS", "OUTLET_COLUMNS", "MONTH_COLUMNS",
    "MONTH_SPEAKER_COLUMNS", "OVERVIEW_COLUMNS", "TONE_BIN_COLUMNS",
]

Source = Union[str, Path, None, list, "duckdb.DuckDBPyConnection"]

#: Quote kinds whose words are the speaker's own (counted as quoted words, share of voice).
QUOTED_KINDS = ("direct", "partial", "mixed")
#: What :func:`voices_by_gender` can split the corpus by (columns of the ``articles`` table).
GROUPINGS = ("outlet", "month")
#: The metadata columns :func:`articles` adds after the analysis columns.
META_COLUMNS = ["month", "outlet", "topic", "author", "url"]
ARTICLE_COLUMNS = [
    "slug", "headline", "date", "words", "sentences", "paragraphs", "quotes", "named_sources", "polarity",
    "subjectivity", "tone", "flesch_reading_ease", "flesch_kincaid_grade", "reading_time_min", "html", *META_COLUMNS,
]
SPEAKER_COLUMNS = [
    "speaker", "speaker_type", "articles", "quotes", "direct", "partial", "mixed", "indirect", "quoted_words",
    "share_of_voice", "loaded_cues", "relayed", "gender", "gender_evidence",
]
SOURCE_TYPE_COLUMNS = ["slug", "headline", "named", "anonymous", "unknown", "relayed", "total"]
CUE_COLUMNS = ["cue", "cue_class", "count", "articles", "cue_type"]
ENTITY_COLUMNS = ["entity", "type", "mentions", "articles"]
EDGE_COLUMNS = ["source", "target", "weight", "articles"]
OUTLET_COLUMNS = ["outlet", "articles", "stories", "quotes", "named", "anonymous", "unknown", "loaded_cues",
                  "loaded_share", "polarity", "negative", "positive"]
MONTH_COLUMNS = ["month", "articles", "quotes", "speakers", "first_time", "loaded_share", "polarity"]
MONTH_SPEAKER_COLUMNS = ["month", "rank", "speaker", "quotes", "quoted_words", "articles", "first_time"]
OVERVIEW_COLUMNS = ["articles", "words", "quotes", "named_sources", "negative", "neutral", "positive", "outlets",
                    "months"]
TONE_BIN_COLUMNS = ["low", "high", "sentences", "articles"]
SENTENCE_COLUMNS = ["slug", "sentence", "part", "paragraph", "text", "polarity", "subjectivity"]
QUOTE_COLUMNS = ["slug", "headline", "start", "end", "text", "kind", "speaker", "speaker_type", "cue", "cue_class",
                 "relayed_by", "hedged", "paragraph", "words", "gender", "gender_evidence"]

#: DuckDB settings of a connection this module opens: a memory ceiling (larger joins spill to
#: disk) and no insertion order to keep (less memory for big aggregates).
MEMORY_LIMIT = os.environ.get("NEWSNB_DUCKDB_MEMORY", "700MB")


# ------------------------------------------------------------------------------ connection


def connection(src: Source = None) -> "duckdb.DuckDBPyConnection":
    """A DuckDB connection over ``src``: the connection itself when given one; for a list of
    analysis dicts, their rows in memory; for a reports folder (default ``reports/``), its store
    plus a ``story_slugs(story, slug)`` table from ``stories/stories.json`` (for :func:`outlets`)."""
    import duckdb

    if isinstance(src, duckdb.DuckDBPyConnection):
        return src
    con = connect(src)
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute("SET preserve_insertion_order = false")
    # spill to the system's temp folder, never to ``.tmp`` in the working directory (a notebook's folder)
    spill = Path(tempfile.gettempdir()) / "newsnb-duckdb"
    con.execute(f"SET temp_directory = '{str(spill).replace(chr(39), chr(39) * 2)}'")
    try:
        con.execute("SET enable_progress_bar = false")
    except duckdb.Error:  # in Jupyter without ipywidgets DuckDB refuses to change it (and shows none)
        pass
    pairs = [(sid, slug) for sid, e in read_stories(src).items() for slug in e.get("slugs") or []
             if isinstance(slug, str)] if not isinstance(src, list) else []
    con.execute("CREATE OR REPLACE TEMP TABLE story_slugs (story VARCHAR, slug VARCHAR)")
    if pairs:
        con.executemany("INSERT INTO story_slugs VALUES (?, ?)", pairs)
    return con


def _columns(con: "duckdb.DuckDBPyConnection", table: str) -> set[str]:
    return {r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall()}


def _col(cols: set[str], name: str, typ: str = "VARCHAR", alias: str = "") -> str:
    """A column cast to ``typ`` (NULL when the store has no such column), as ``name``."""
    expr = f'TRY_CAST("{name}" AS {typ})' if name in cols else f"NULL::{typ}"
    if typ == "VARCHAR":
        expr = f"NULLIF(TRIM({expr}), '')"
    return f'{expr} AS "{alias or name}"'


def _kinds(kinds: Iterable[str]) -> str:
    return "(" + ", ".join("'" + k.replace("'", "''") + "'" for k in kinds) + ")"


def _quote_rows(con: "duckdb.DuckDBPyConnection") -> str:
    """The quotes table with typed, cleaned columns, scare quotes left out (a subquery)."""
    c = _columns(con, "quotes")
    cols = ", ".join([
        "slug", _col(c, "kind"), _col(c, "speaker"), _col(c, "speaker_type", alias="raw_type"),
        _col(c, "words", "BIGINT"), _col(c, "cue_class"), _col(c, "relayed_by"), _col(c, "gender"),
        _col(c, "gender_evidence"), _col(c, "cue_start", "BIGINT"), _col(c, "cue_end", "BIGINT"), _col(c, "cue_type"),
        _col(c, "cue"), _col(c, "quoted_words", "BIGINT", alias="raw_qwords"),
    ])
    # words inside quotation marks, each once (``quoted_words``); analyses from before that
    # column: the words of direct and partial quotes
    return (f"(SELECT *, COALESCE(raw_type, 'unknown') AS stype, "
            f"COALESCE(raw_qwords, CASE WHEN kind IN {_kinds(QUOTED_KINDS)} THEN COALESCE(words, 0) ELSE 0 END) AS qwords "
            f"FROM (SELECT {cols} FROM quotes) WHERE kind IS DISTINCT FROM 'scare')")


def _article_rows(con: "duckdb.DuckDBPyConnection") -> str:
    c = _columns(con, "articles")
    cols = ", ".join([
        "slug", f"COALESCE({_col(c, 'headline').rsplit(' AS ', 1)[0]}, slug) AS headline", _col(c, "date"),
        *(_col(c, k, "BIGINT") for k in ("words", "sentences", "paragraphs", "quotes", "named_sources")),
        *(_col(c, k, "DOUBLE") for k in ("polarity", "subjectivity")), _col(c, "tone"),
        *(_col(c, k, "DOUBLE") for k in ("flesch_reading_ease", "flesch_kincaid_grade", "reading_time_min")),
        _col(c, "html"), *(_col(c, k) for k in META_COLUMNS),
    ])
    return f"(SELECT {cols} FROM articles)"


def _df(con: "duckdb.DuckDBPyConnection", sql: str, columns: list[str], params: list | None = None,
        ints: Iterable[str] = (), nullable: Iterable[str] = (), floats: Iterable[str] = ()) -> pd.DataFrame:
    df = con.execute(sql, params or []).df()
    if df.empty:
        return pd.DataFrame(columns=columns)
    df = df[columns]
    for col in ints:
        df[col] = df[col].fillna(0).astype("int64")
    for col in nullable:
        df[col] = df[col].astype("Int64")
    for col in floats:
        df[col] = df[col].astype(float)
    for col in df.columns:  # text: Python str or None (not NaN, not a string dtype)
        if not (pd.api.types.is_numeric_dtype(df[col]) or pd.api.types.is_bool_dtype(df[col])):
            df[col] = pd.Series([None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v
                                 for v in df[col]], index=df.index, dtype=object)
    return df.reset_index(drop=True)


def _limit(top: int | None) -> str:
    return f" LIMIT {int(top)}" if top is not None else ""


# ------------------------------------------------------------------------------ migration


def ensure_store(reports_dir: str | Path | None = None) -> Path:
    """The store of a reports folder, brought in line with its analyses when nobody else is writing
    it: a folder rendered before the store existed (``data/*.json``, no store) gets its store
    built once, and analyses newer than the store's ledger are added — through the writer
    (:func:`newsnb.store.writer.rebuild`: the folder lock, the ledger, only what changed). While a
    render holds the folder it keeps the store itself, so this leaves it alone. Returns the
    store's folder."""
    from ..core.files import FolderLocked
    from .writer import LEDGER, rebuild

    out = Path(reports_dir) if reports_dir else config.REPORTS_DIR
    store = store_dir(out)
    data = out / "data"
    files = list(data.glob("*.json")) if data.is_dir() else []
    ledger = store / LEDGER
    if not files or (ledger.exists() and ledger.stat().st_mtime >= max(f.stat().st_mtime for f in files)):
        return store
    try:
        rebuild(out)
    except FolderLocked:  # a render (or analyze --store) is writing it and syncs it when it ends
        pass
    return store


# ------------------------------------------------------------------------------ the tables


def overview(src: Source = None) -> pd.DataFrame:
    """One row (columns :data:`OVERVIEW_COLUMNS`): ``articles``, ``words`` of body text, ``quotes``
    (scare quotes left out; NULL when no article has quote data), distinct ``named_sources``,
    articles by tone (``negative``/``neutral``/``positive``), distinct ``outlets`` and ``months``."""
    con = connection(src)
    sql = f"""
        WITH a AS {_article_rows(con)}, q AS {_quote_rows(con)}
        SELECT count(*) AS articles, COALESCE(sum(words), 0) AS words, sum(quotes) AS quotes,
               (SELECT count(DISTINCT speaker) FROM q) AS named_sources,
               count(*) FILTER (tone = 'negative') AS negative, count(*) FILTER (tone = 'neutral') AS neutral,
               count(*) FILTER (tone = 'positive') AS positive, count(DISTINCT outlet) AS outlets,
               count(DISTINCT month) AS months
        FROM a"""
    df = _df(con, sql, OVERVIEW_COLUMNS, nullable=["quotes"],
             ints=["articles", "words", "named_sources", "negative", "neutral", "positive", "outlets", "months"])
    return df if len(df) and df["articles"].iloc[0] else pd.DataFrame(columns=OVERVIEW_COLUMNS)


def articles(src: Source = None, *, sort: str = "slug", ascending: bool = True, top: int | None = None) -> pd.DataFrame:
    """One row per article (columns :data:`ARTICLE_COLUMNS`; ``quotes`` leaves scare quotes out,
    ``named_sources`` counts distinct named speakers; ``html`` is the report file; ``month``,
    ``outlet``, ``topic``, ``author``, ``url`` from the input's metadata), ordered by ``sort`` (a
    column; then slug), the first ``top`` when given."""
    if sort not in ARTICLE_COLUMNS:
        raise ValueError(f"articles: sort must be one of {', '.join(ARTICLE_COLUMNS)}, not {sort!r}")
    con = connection(src)
    order = f'"{sort}" {"ASC" if ascending else "DESC"} NULLS LAST, slug'
    return _df(con, f"SELECT * FROM {_article_rows(con)} ORDER BY {order}{_limit(top)}", ARTICLE_COLUMNS,
               nullable=["words", "sentences", "paragraphs", "quotes", "named_sources"],
               floats=["polarity", "subjectivity", "flesch_reading_ease", "flesch_kincaid_grade", "reading_time_min"])


def quotes(src: Source = None, *, limit: int | None = None) -> pd.DataFrame:
    """Every quote of every article (the columns of :func:`newsnb.analysis.quotes.quotes`) with
    ``slug`` and ``headline`` first, by article and position; at most ``limit`` rows when given."""
    con = connection(src)
    c = _columns(con, "quotes")
    order = ', TRY_CAST(q."start" AS BIGINT)' if "start" in c else ""
    sql = (f"SELECT q.slug, a.headline, q.* EXCLUDE (slug) FROM quotes AS q "
           f"LEFT JOIN (SELECT slug, headline FROM {_article_rows(con)}) AS a USING (slug) "
           f"ORDER BY q.slug{order}{_limit(limit)}")
    df = con.execute(sql).df()
    if df.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    df["headline"] = df["headline"].where(df["headline"].notna(), df["slug"])
    return df.reset_index(drop=True)


def speakers(src: Source = None, *, top: int | None = None) -> pd.DataFrame:
    """Who is quoted across the corpus, most quoted words first (columns :data:`SPEAKER_COLUMNS`;
    the ``top`` rows when given).

    Scare quotes are left out. Unnamed speakers are one row per type (``speaker`` None).
    ``quoted_words`` counts words inside quotation marks (direct and partial quotes, the quoted parts of
    mixed rows), each once; ``share_of_voice`` is
    that divided by all such words in the corpus (0–1); ``articles`` is how many articles quote
    them. ``gender`` (person speakers only): the gender the articles give them, ``unknown`` when
    none does or two disagree; ``gender_evidence``: the strongest evidence among those articles
    (``text`` over ``name``), ``conflict`` when articles disagree, else ``none``.
    """
    con = connection(src)
    person = "speaker IS NOT NULL AND raw_type = 'person'"
    known = f"{person} AND gender IN ('female', 'male')"
    sql = f"""
        WITH q AS {_quote_rows(con)},
        g AS (
            SELECT speaker, CASE WHEN speaker IS NULL THEN stype END AS unnamed,
                   count(*) AS quotes, count(*) FILTER (kind = 'direct') AS direct,
                   count(*) FILTER (kind = 'partial') AS partial, count(*) FILTER (kind = 'mixed') AS mixed,
                   count(*) FILTER (kind = 'indirect') AS indirect,
                   sum(qwords) AS quoted_words, count(*) FILTER (cue_class = 'loaded') AS loaded_cues,
                   count(*) FILTER (relayed_by IS NOT NULL) AS relayed, count(DISTINCT hash(slug)) AS articles,
                   bool_or(raw_type = 'person') AS any_person, min(stype) AS first_type,
                   count(DISTINCT gender) FILTER ({known}) AS n_known, min(gender) FILTER ({known}) AS known,
                   COALESCE(bool_or(gender_evidence = 'text') FILTER ({known}), false) AS has_text,
                   COALESCE(bool_or(gender_evidence = 'conflict') FILTER ({person}), false) AS has_conflict
            FROM q GROUP BY 1, 2)
        SELECT speaker,
               CASE WHEN speaker IS NULL THEN unnamed WHEN any_person THEN 'person' ELSE first_type END AS speaker_type,
               articles, quotes, direct, partial, mixed, indirect, quoted_words,
               COALESCE(round(quoted_words / NULLIF(sum(quoted_words) OVER (), 0), 4), 0.0) AS share_of_voice,
               loaded_cues, relayed,
               CASE WHEN speaker IS NULL OR NOT any_person THEN NULL WHEN n_known = 1 THEN known ELSE 'unknown' END
                   AS gender,
               CASE WHEN speaker IS NULL OR NOT any_person THEN NULL WHEN n_known > 1 THEN 'conflict'
                    WHEN n_known = 1 THEN (CASE WHEN has_text THEN 'text' ELSE 'name' END)
                    WHEN has_conflict THEN 'conflict' ELSE 'none' END AS gender_evidence
        FROM g
        ORDER BY quoted_words DESC, quotes DESC, articles DESC, speaker NULLS LAST, speaker_type{_limit(top)}"""
    return _df(con, sql, SPEAKER_COLUMNS, floats=["share_of_voice"],
               ints=["articles", "quotes", "direct", "partial", "mixed", "indirect", "quoted_words", "loaded_cues",
                     "relayed"])


def voices_by_gender(src: Source = None, by: str | None = None) -> pd.DataFrame:
    """Share of voice by gender across the corpus: person sources (each counted once per
    article), their quotes and their quoted words for ``female``, ``male`` and ``unknown``, with
    shares of the person total (columns :data:`newsnb.analysis.gender.VOICE_COLUMNS`; the SQL
    form of :func:`newsnb.analysis.gender.voices`).

    ``by``: None for the whole corpus, ``"outlet"`` or ``"month"`` (see :data:`GROUPINGS`) for
    one block of three rows per outlet or month, in order, with the group as the first column;
    articles whose outlet or month is not known are left out of those.
    """
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"voices_by_gender: by must be one of {', '.join(GROUPINGS)} or None, not {by!r}")
    con = connection(src)
    keys = [by] if by else []
    group = f"a.{by}" if by else "''"
    join = f"JOIN {_article_rows(con)} AS a USING (slug)" if by else ""
    genders = ", ".join(f"('{g}', {i})" for i, g in enumerate(GENDERS))
    shares = ", ".join(
        f"COALESCE(round({k} / NULLIF(sum({k}) OVER (PARTITION BY grp), 0), 4), 0.0) AS {name}"
        for k, name in (("sources", "share_of_sources"), ("quotes", "share_of_quotes"),
                        ("quoted_words", "share_of_words")))
    sql = f"""
        WITH q AS (
            SELECT q.slug, q.speaker, q.qwords, {group} AS grp,
                   CASE WHEN q.gender IN {_kinds(GENDERS)} THEN q.gender ELSE 'unknown' END AS gender
            FROM {_quote_rows(con)} AS q {join}
            WHERE q.raw_type = 'person' AND q.speaker IS NOT NULL {f'AND {group} IS NOT NULL' if by else ''}),
        c AS (SELECT grp, gender, count(DISTINCT hash(slug, speaker)) AS sources, count(*) AS quotes,
                     sum(qwords) AS quoted_words FROM q GROUP BY 1, 2),
        f AS (SELECT grp, g.gender, g.o, COALESCE(c.sources, 0) AS sources, COALESCE(c.quotes, 0) AS quotes,
                     COALESCE(c.quoted_words, 0) AS quoted_words
              FROM (SELECT DISTINCT grp FROM q) CROSS JOIN (VALUES {genders}) AS g(gender, o)
              LEFT JOIN c USING (grp, gender))
        SELECT grp AS "{by or '_'}", gender, sources, quotes, quoted_words, {shares}
        FROM f ORDER BY grp, o"""
    return _df(con, sql, keys + VOICE_COLUMNS, ints=["sources", "quotes", "quoted_words"],
               floats=["share_of_sources", "share_of_quotes", "share_of_words"])


def source_types(src: Source = None, *, top: int | None = None) -> pd.DataFrame:
    """Per article: quotes and reported statements from ``named``, ``anonymous`` and ``unknown``
    (unidentified) sources, how many were ``relayed`` by another outlet, and the ``total``;
    articles with most quotes first (the ``top`` when given). Articles without quote data are
    left out."""
    con = connection(src)
    sql = f"""
        WITH c AS (SELECT slug, count(*) AS total, count(*) FILTER (speaker IS NOT NULL) AS named,
                          count(*) FILTER (speaker IS NULL AND raw_type = 'anonymous') AS anonymous,
                          count(*) FILTER (relayed_by IS NOT NULL) AS relayed
                   FROM {_quote_rows(con)} GROUP BY slug)
        SELECT a.slug, a.headline, COALESCE(named, 0) AS named, COALESCE(anonymous, 0) AS anonymous,
               COALESCE(total, 0) - COALESCE(named, 0) - COALESCE(anonymous, 0) AS unknown,
               COALESCE(relayed, 0) AS relayed, COALESCE(total, 0) AS total
        FROM {_article_rows(con)} AS a LEFT JOIN c USING (slug)
        WHERE a.quotes IS NOT NULL
        ORDER BY total DESC, a.slug{_limit(top)}"""
    return _df(con, sql, SOURCE_TYPE_COLUMNS, ints=SOURCE_TYPE_COLUMNS[2:])


def cues(src: Source = None, *, top: int | None = None) -> pd.DataFrame:
    """Attribution verbs (as written, lower case) with their class (``neutral``/``loaded``),
    uses and the number of articles using them, most used first (columns :data:`CUE_COLUMNS`);
    ``cue_type`` (speech, attitude, evidence, noun, preposition, headline) is the verb's most
    frequent type, None for analyses from before cue types. A verb introducing several quotes
    (same ``cue_start``/``cue_end`` in one article) is counted once."""
    con = connection(src)
    sql = f"""
        SELECT lower(cue) AS cue, COALESCE(cue_class, 'neutral') AS cue_class,
               count(DISTINCT hash(slug, cue_start, cue_end)) FILTER (cue_start IS NOT NULL)
                   + count(*) FILTER (cue_start IS NULL) AS count,
               count(DISTINCT hash(slug)) AS articles, mode(cue_type) AS cue_type
        FROM {_quote_rows(con)} WHERE cue IS NOT NULL
        GROUP BY 1, 2 ORDER BY count DESC, cue, cue_class{_limit(top)}"""
    return _df(con, sql, CUE_COLUMNS, ints=["count", "articles"])


def sentences(src: Source = None, *, body_only: bool = True, limit: int | None = None) -> pd.DataFrame:
    """Every sentence's tone with the article's ``slug`` (body sentences only by default; at most
    ``limit`` rows when given). For the corpus-wide distribution use :func:`tone_bins`."""
    con = connection(src)
    c = _columns(con, "sentences")
    where = "WHERE part = 'paragraph'" if body_only and "part" in c else ""
    order = ', TRY_CAST("sentence" AS BIGINT)' if "sentence" in c else ""
    df = con.execute(f"SELECT * FROM sentences {where} ORDER BY slug{order}{_limit(limit)}").df()
    if df.empty:
        return pd.DataFrame(columns=SENTENCE_COLUMNS)
    return df[["slug"] + [col for col in df.columns if col != "slug"]].reset_index(drop=True)


def tone_bins(src: Source = None, *, bins: int = 20) -> pd.DataFrame:
    """The tone histogram, counted in SQL (columns :data:`TONE_BIN_COLUMNS`): ``bins`` equal
    polarity bins from −1 to +1 (``low``, ``high``), how many body ``sentences`` and how many
    ``articles`` (overall polarity) fall in each. Empty when there are no body sentences."""
    con = connection(src)
    c = _columns(con, "sentences")
    part = "AND part = 'paragraph'" if "part" in c else ""
    pol = _col(c, "polarity", "DOUBLE", "p")
    bucket = f"LEAST(GREATEST(CAST(floor((LEAST(GREATEST(p, -1), 1) + 1) / 2 * {bins}) AS BIGINT), 0), {bins - 1})"
    sql = f"""
        WITH s AS (SELECT {bucket} AS b, count(*) AS n FROM (SELECT {pol} FROM sentences WHERE true {part})
                   WHERE p IS NOT NULL GROUP BY 1),
        a AS (SELECT {bucket} AS b, count(*) AS n FROM (SELECT polarity AS p FROM {_article_rows(con)})
              WHERE p IS NOT NULL GROUP BY 1),
        r AS (SELECT range AS b FROM range({bins}))
        SELECT -1 + 2.0 * r.b / {bins} AS low, -1 + 2.0 * (r.b + 1) / {bins} AS high,
               COALESCE(s.n, 0) AS sentences, COALESCE(a.n, 0) AS articles
        FROM r LEFT JOIN s USING (b) LEFT JOIN a USING (b) ORDER BY r.b"""
    df = _df(con, sql, TONE_BIN_COLUMNS, ints=["sentences", "articles"], floats=["low", "high"])
    return df if df["sentences"].sum() else pd.DataFrame(columns=TONE_BIN_COLUMNS)


def entities(src: Source = None, *, top: int | None = None, names: Iterable[str] | None = None) -> pd.DataFrame:
    """Entities across the corpus: ``entity``, ``type``, total ``mentions``, ``articles``
    naming them; most mentioned first (the ``top`` when given; only ``names`` when given, e.g.
    the entities of :func:`cooccurrence`'s pairs)."""
    con = connection(src)
    c = _columns(con, "entities")
    params: list = []
    if names is not None:
        con.execute("CREATE OR REPLACE TEMP TABLE _wanted AS SELECT unnest(?::VARCHAR[]) AS entity", [list(names)])
    sql = f"""
        SELECT entity, COALESCE(type, '') AS type, COALESCE(sum(n), 0) AS mentions, count(DISTINCT hash(slug)) AS articles
        FROM (SELECT slug, {_col(c, 'entity')}, {_col(c, 'type')}, {_col(c, 'count', 'BIGINT', 'n')} FROM entities)
        WHERE entity IS NOT NULL {'AND entity IN (SELECT entity FROM _wanted)' if names is not None else ''}
        GROUP BY 1, 2 ORDER BY mentions DESC, entity, type{_limit(top)}"""
    return _df(con, sql, ENTITY_COLUMNS, params, ints=["mentions", "articles"])


def cooccurrence(src: Source = None, *, types: Iterable[str] = ("person", "organisation", "place"),
                 min_weight: int = 1, top: int | None = None, among: int | None = None) -> pd.DataFrame:
    """Pairs of entities named in the same paragraph (or the same headline or key-point line):
    ``source``, ``target`` (alphabetical), ``weight`` (paragraphs naming both, across the
    corpus) and ``articles``; heaviest first (the ``top`` when given). Only entities of ``types``;
    with ``among``, only pairs of the ``among`` entities mentioned most often (the corpus report's
    network: far less work at hundreds of thousands of articles; a pair with a rarer entity is
    left out even if it would rank)."""
    con = connection(src)
    sc, mc = _columns(con, "sentences"), _columns(con, "mentions")
    wanted = _kinds(types) if list(types) else "(NULL)"
    mentions = (f"(SELECT slug, {_col(mc, 'entity')}, {_col(mc, 'type')}, {_col(mc, 'start', 'BIGINT', 'st')} "
                f"FROM mentions)")
    keep = ""
    if among is not None:  # a small table first: the planner then filters the mentions by a hash join
        con.execute(f"CREATE OR REPLACE TEMP TABLE _among AS SELECT entity FROM {mentions} WHERE type IN {wanted} "
                    f"AND entity IS NOT NULL GROUP BY entity ORDER BY count(*) DESC, entity LIMIT {int(among)}")
        keep = "AND entity IN (SELECT entity FROM _among)"
    sql = f"""
        WITH s AS (SELECT hash(slug) AS k, st, hash(part, para) AS unit
                   FROM (SELECT slug, {_col(sc, 'start', 'BIGINT', 'st')}, {_col(sc, 'part')},
                                {_col(sc, 'paragraph', 'BIGINT', 'para')} FROM sentences) WHERE st IS NOT NULL),
        m AS (SELECT hash(slug) AS k, entity, st FROM {mentions}
              WHERE type IN {wanted} AND entity IS NOT NULL AND st IS NOT NULL {keep}),
        u AS (SELECT DISTINCT m.k, hash(m.k, s.unit) AS g, m.entity FROM m ASOF JOIN s ON m.k = s.k AND m.st >= s.st),
        p AS (SELECT a.k, a.entity AS source, b.entity AS target, count(*) AS w
              FROM u AS a JOIN u AS b ON a.g = b.g AND a.entity < b.entity GROUP BY 1, 2, 3)
        SELECT source, target, sum(w) AS weight, count(*) AS articles FROM p
        GROUP BY 1, 2 HAVING sum(w) >= ? ORDER BY weight DESC, source, target{_limit(top)}"""
    return _df(con, sql, EDGE_COLUMNS, [int(min_weight)], ints=["weight", "articles"])


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


def readability(src: Source = None, *, top: int | None = None, hardest: bool = False) -> pd.DataFrame:
    """Articles ranked from easiest to hardest to read (Flesch reading ease), with ``rank``
    from 1; articles without readability are left out. ``top``: only the first N (with
    ``hardest``, the last N ranks, hardest first)."""
    con = connection(src)
    cols = ["rank", "slug", "headline", "flesch_reading_ease", "flesch_kincaid_grade", "words", "reading_time_min",
            "html"]
    sql = f"""
        SELECT row_number() OVER (ORDER BY flesch_reading_ease DESC, slug) AS rank, {', '.join(cols[1:])}
        FROM {_article_rows(con)} WHERE flesch_reading_ease IS NOT NULL
        ORDER BY rank {'DESC' if hardest else ''}{_limit(top)}"""
    return _df(con, sql, cols, ints=["rank"], nullable=["words"],
               floats=["flesch_reading_ease", "flesch_kincaid_grade", "reading_time_min"])


def outlets(src: Source = None, *, top: int | None = None) -> pd.DataFrame:
    """Outlets compared (columns :data:`OUTLET_COLUMNS`), when the articles' metadata names them
    (``source``/``outlet``/``site``; empty otherwise): ``articles``; ``stories`` covered (from
    ``stories/stories.json`` when ``newsnb render`` wrote it); quotes (scare quotes left out) and
    their share by source type (``named``, ``anonymous``, ``unknown``, 0–1); ``loaded_cues`` and
    ``loaded_share`` of quotes with a cue; mean ``polarity`` and articles whose tone is
    ``negative``/``positive``. Most articles first (the ``top`` when given)."""
    con = connection(src)
    stories = "LEFT JOIN story_slugs AS st USING (slug)" if _has(con, "story_slugs") else ""
    story = "COALESCE(st.story, a.slug)" if stories else "a.slug"
    sql = f"""
        WITH q AS (SELECT slug, count(*) AS quotes, count(*) FILTER (speaker IS NOT NULL) AS named,
                          count(*) FILTER (speaker IS NULL AND raw_type = 'anonymous') AS anonymous,
                          count(*) FILTER (cue IS NOT NULL) AS cues,
                          count(*) FILTER (cue IS NOT NULL AND cue_class = 'loaded') AS loaded
                   FROM {_quote_rows(con)} GROUP BY slug),
        o AS (SELECT a.outlet, count(*) AS articles, count(DISTINCT {story}) AS stories,
                     COALESCE(sum(q.quotes), 0) AS quotes, COALESCE(sum(q.named), 0) AS named,
                     COALESCE(sum(q.anonymous), 0) AS anonymous, COALESCE(sum(q.cues), 0) AS cues,
                     COALESCE(sum(q.loaded), 0) AS loaded_cues, round(avg(a.polarity), 4) AS polarity,
                     count(*) FILTER (a.tone = 'negative') AS negative, count(*) FILTER (a.tone = 'positive') AS positive
              FROM {_article_rows(con)} AS a LEFT JOIN q USING (slug) {stories}
              WHERE a.outlet IS NOT NULL GROUP BY 1)
        SELECT outlet, articles, stories, quotes,
               COALESCE(round(named / NULLIF(quotes, 0), 3), 0.0) AS named,
               COALESCE(round(anonymous / NULLIF(quotes, 0), 3), 0.0) AS anonymous,
               COALESCE(round((quotes - named - anonymous) / NULLIF(quotes, 0), 3), 0.0) AS unknown,
               loaded_cues, COALESCE(round(loaded_cues / NULLIF(cues, 0), 3), 0.0) AS loaded_share,
               polarity, negative, positive
        FROM o ORDER BY articles DESC, outlet{_limit(top)}"""
    return _df(con, sql, OUTLET_COLUMNS, ints=["articles", "stories", "quotes", "loaded_cues", "negative", "positive"],
               floats=["named", "anonymous", "unknown", "loaded_share", "polarity"])


def _has(con: "duckdb.DuckDBPyConnection", table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [table]).fetchone()[0])


def _first_months(con: "duckdb.DuckDBPyConnection") -> str:
    """Named quotes with their article's month, and each speaker's first month (a subquery)."""
    return f"""(WITH d AS (SELECT q.slug, q.speaker, q.qwords, q.cue, q.cue_class, a.month
                           FROM {_quote_rows(con)} AS q JOIN (SELECT slug, month FROM {_article_rows(con)}) AS a USING (slug)
                           WHERE a.month IS NOT NULL),
                 f AS (SELECT speaker, min(month) AS first_month FROM d WHERE speaker IS NOT NULL GROUP BY 1)
                SELECT d.*, f.first_month FROM d LEFT JOIN f USING (speaker))"""


def months(src: Source = None) -> pd.DataFrame:
    """The corpus over time, one row per month of the articles' dates, in order (columns
    :data:`MONTH_COLUMNS`): ``articles``, ``quotes`` (scare quotes left out), distinct named
    ``speakers``, ``first_time`` voices (named speakers whose first quote in the corpus falls in
    that month), ``loaded_share`` of quotes with a cue, mean article ``polarity``. Empty when no
    article has a date."""
    con = connection(src)
    sql = f"""
        WITH a AS (SELECT month, count(*) AS articles, round(avg(polarity), 4) AS polarity
                   FROM {_article_rows(con)} WHERE month IS NOT NULL GROUP BY 1),
        q AS (SELECT month, count(*) AS quotes, count(DISTINCT speaker) AS speakers,
                     count(DISTINCT speaker) FILTER (month = first_month) AS first_time,
                     COALESCE(round(count(*) FILTER (cue IS NOT NULL AND cue_class = 'loaded')
                                    / NULLIF(count(*) FILTER (cue IS NOT NULL), 0), 3), 0.0) AS loaded_share
              FROM {_first_months(con)} GROUP BY 1)
        SELECT month, articles, COALESCE(quotes, 0) AS quotes, COALESCE(speakers, 0) AS speakers,
               COALESCE(first_time, 0) AS first_time, COALESCE(loaded_share, 0.0) AS loaded_share, polarity
        FROM a LEFT JOIN q USING (month) ORDER BY month"""
    return _df(con, sql, MONTH_COLUMNS, ints=["articles", "quotes", "speakers", "first_time"],
               floats=["loaded_share", "polarity"])


def month_speakers(src: Source = None, *, top: int = 3, first_time: bool = False) -> pd.DataFrame:
    """The ``top`` most quoted named speakers of each month (columns :data:`MONTH_SPEAKER_COLUMNS`):
    ``rank`` within the month by quoted words, then quotes; ``first_time`` when the month is the
    speaker's first in the corpus. With ``first_time=True`` only first-time voices are ranked."""
    con = connection(src)
    sql = f"""
        WITH s AS (SELECT month, speaker, count(*) AS quotes, sum(qwords) AS quoted_words,
                          count(DISTINCT hash(slug)) AS articles, bool_or(month = first_month) AS first_time
                   FROM {_first_months(con)} WHERE speaker IS NOT NULL GROUP BY 1, 2),
        r AS (SELECT *, row_number() OVER (PARTITION BY month ORDER BY quoted_words DESC, quotes DESC, speaker) AS rank
              FROM s {'WHERE first_time' if first_time else ''})
        SELECT month, rank, speaker, quotes, quoted_words, articles, first_time FROM r WHERE rank <= ?
        ORDER BY month, rank"""
    df = _df(con, sql, MONTH_SPEAKER_COLUMNS, [int(top)], ints=["rank", "quotes", "quoted_words", "articles"])
    if len(df):
        df["first_time"] = df["first_time"].astype(bool)
    return df
