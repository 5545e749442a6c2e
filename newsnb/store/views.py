"""DuckDB over the store: :func:`connect` gives a connection with one view per table.

    con = newsnb.store.connect("reports/")
    con.sql("SELECT speaker, count(*) AS quotes FROM quotes GROUP BY 1 ORDER BY 2 DESC LIMIT 10").df()

Method: each view is ``read_parquet([<the table's files>], union_by_name = true)`` over the files
the store's ledger names as committed (:mod:`.writer`), so files written by different newsnb
versions (a column more or less) read as one table and a batch being written is never seen; rows
the ledger marks dead (an article re-rendered or removed since) are left out with
``slug NOT IN (…)`` on the files holding them. A store without a ledger (Parquet files put there
by hand) is read by folder glob. A table with no files yet is an empty view with the columns the
current newsnb writes (:func:`.tables.empty_columns`).
``connect`` also takes analyses held in memory (a list of analysis dicts, as
:func:`newsnb.analysis.corpus.load` returns): their rows (:func:`.tables.records`) are registered
as the same views, so one SQL query serves both.

Known limits: the file list is fixed when the connection opens, so a connection opened during a
render sees the batches committed by then (reconnect to see later ones); one kept open across two
runs may find a file retired by a compaction deleted (reconnect). Object storage: point DuckDB at the same layout itself
(``read_parquet('s3://bucket/reports/store/quotes/*.parquet')`` after ``INSTALL httpfs``).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Union

from .tables import TABLES, empty_columns, frame, records
from .writer import STORE, Ledger, _store, read_ledger

if TYPE_CHECKING:  # pragma: no cover
    import duckdb

__all__ = ["STORE", "connect", "store_dir", "table_dir", "table_files"]


Source = Union[str, Path, None, list]


def store_dir(reports_dir: str | Path | None = None) -> Path:
    """``<reports_dir>/store`` (default ``reports/store``)."""
    return _store(reports_dir)


def table_dir(reports_dir: str | Path | None, table: str) -> Path:
    """The folder of one table's Parquet files."""
    if table not in TABLES:
        raise ValueError(f"unknown store table {table!r} (tables: {', '.join(TABLES)})")
    return store_dir(reports_dir) / table


def _quote(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _empty_view(con: "duckdb.DuckDBPyConnection", table: str) -> None:
    cols = ", ".join(f'NULL::VARCHAR AS "{c}"' for c in empty_columns(table))
    con.execute(f'CREATE OR REPLACE VIEW "{table}" AS SELECT {cols} WHERE false')


def _memory(con: "duckdb.DuckDBPyConnection", analyses: Iterable[dict]) -> None:
    """The analyses' records (:func:`.tables.records`), one DataFrame per table for all of them."""
    recs: dict[str, list] = {t: [] for t in TABLES}
    for data in analyses:
        for table, rs in records(data).items():
            recs[table].extend(rs)
    for table, rs in recs.items():
        if rs:
            con.register(f"_{table}_rows", frame(table, rs))
            con.execute(f'CREATE OR REPLACE VIEW "{table}" AS SELECT * FROM "_{table}_rows"')
        else:
            _empty_view(con, table)


def connect(source: Source = None, *, database: str | Path | None = None) -> "duckdb.DuckDBPyConnection":
    """A DuckDB connection with one view per store table (:data:`.tables.TABLES`).

    ``source``: a reports folder (default ``reports/``; its ``store/`` is read) or a list of
    analysis dicts (registered in memory). ``database``: a DuckDB file to keep the views (and
    any tables you create) in; default in memory."""
    import duckdb

    con = duckdb.connect(str(database) if database else ":memory:")
    if isinstance(source, list):
        _memory(con, source)
        return con
    store = store_dir(source)
    ledger = read_ledger(store)
    for table in TABLES:
        sql = _ledger_sql(store, ledger, table) if ledger is not None else _glob_sql(store, table)
        if sql:
            con.execute(f'CREATE OR REPLACE VIEW "{table}" AS {sql}')
        else:
            _empty_view(con, table)
    return con


def table_files(reports_dir: str | Path | None, table: str) -> list[Path]:
    """The committed Parquet files of one table (for Dask, pyarrow …); rows a ledger marks dead
    in them are not filtered here — after a finished run there are none."""
    store = store_dir(reports_dir)
    ledger = read_ledger(store)
    if ledger is None:
        return sorted(table_dir(reports_dir, table).glob("*.parquet"))
    return [store / f for f, _ in ledger.files(table)]


def _glob_sql(store: Path, table: str) -> str | None:
    """A store without a ledger (written by hand or by another tool): every file of the folder."""
    folder = store / table
    if folder.is_dir() and any(folder.glob("*.parquet")):
        return f"SELECT * FROM read_parquet({_quote(str(folder / '*.parquet'))}, union_by_name = true)"
    return None


def _ledger_sql(store: Path, ledger: "Ledger", table: str) -> str | None:
    """The committed files of ``table``; rows of slugs marked dead in a file are left out."""
    files = ledger.files(table)
    clean = [str(store / f) for f, dead in files if not dead]
    parts = []
    if clean:
        parts.append(f"SELECT * FROM read_parquet([{', '.join(map(_quote, clean))}], union_by_name = true)")
    for f, dead in files:
        if dead:
            parts.append(f"SELECT * FROM read_parquet({_quote(str(store / f))}) "
                         f"WHERE slug NOT IN ({', '.join(map(_quote, dead))})")
    return " UNION ALL BY NAME ".join(parts) or None
