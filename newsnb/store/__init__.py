"""Store layer: the corpus as a database — every per-article table as Parquet, queried with DuckDB.

A render (or ``newsnb analyze --store``) writes each analysed article's rows under
``reports/store/<table>/`` (one folder per table, every row carrying the article's ``slug``);
:func:`connect` opens an embedded DuckDB connection with one view per table, so the corpus report,
the explore notebook and ``newsnb query`` ask the corpus in SQL instead of reading every
``reports/data/*.json`` into memory.

Modules: :mod:`.tables` (which tables, and one analysis's rows: :func:`rows`), :mod:`.writer`
(:class:`~.writer.StoreWriter`: rows as Parquet in batches committed through a ledger,
compaction, repair against a manifest, :func:`~.writer.rebuild`), :mod:`.views` (:func:`connect`:
DuckDB views over a store's committed files, or over analyses held in memory), :mod:`.corpus`
(the corpus tables — speakers, cues, outlets, the corpus over time … — as SQL over the store).

May import: core, input and analysis. Never presentation, run or cli.
"""
from __future__ import annotations

__all__ = ["TABLES", "connect", "rows"]


def __getattr__(name: str):  # lazy: importing the layer must not load pandas or DuckDB
    if name in ("TABLES", "rows"):
        from . import tables

        return getattr(tables, name)
    if name == "connect":
        from . import views

        return views.connect
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
