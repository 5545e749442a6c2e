"""DuckDB over the store: :func:`connect` gives a connection with one view per table.

    con = newsnb.store.connect("reports/")
    con.sql("SELECT speaker, count(*) AS quotes FROM quotes GROUP BY 1 ORDER BY 2 DESC LIMIT 10").df()

Method: each view is ``read_parquet('<store>/<table>/*.parquet', union_by_name = true)``, so files
written by different newsnb versions (a column more or less) read as one table; a table with no
files yet is an empty view with the columns the current newsnb writes (:func:`.tables.empty_columns`).
``connect`` also takes analyses held in memory (a list of analysis dicts, as
:func:`newsnb.analysis.corpus.load` returns): their rows (:func:`.tables.rows`) are registered
as the same views, so one SQL query serves both.

Known limits: the views are read when a query runs, so a connection opened before a render sees
its new files at the next query, but a file being compacted at that moment can fail the query
(run it again). Object storage: point DuckDB at the same layout itself
(``read_parquet('s3://bucket/reports/store/quotes/*.parquet')`` after ``INSTALL httpfs``).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Union

from ..core import config
from .tables import TABLES, empty_columns, rows

if TYPE_CHECKING:  # pragma: no cover
    import duckdb

__all__ = ["STORE", "connect", "store_dir", "table_dir"]

#: The store's folder inside a reports folder.
STORE = "store"

Source = Union[str, Path, None, list]


def store_dir(reports_dir: str | Path | None = None) -> Path:
    """``<reports_dir>/store`` (default ``reports/store``)."""
    return (Path(reports_dir) if reports_dir else config.REPORTS_DIR) / STORE


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
    import pandas as pd

    frames: dict[str, list] = {t: [] for t in TABLES}
    for data in analyses:
        for table, df in rows(data).items():
            if len(df):
                frames[table].append(df)
    for table, dfs in frames.items():
        if dfs:
            con.register(f"_{table}_rows", pd.concat(dfs, ignore_index=True))
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
    for table in TABLES:
        folder = table_dir(source, table)
        if folder.is_dir() and any(folder.glob("*.parquet")):
            glob = _quote(str(folder / "*.parquet"))
            con.execute(f'CREATE OR REPLACE VIEW "{table}" AS SELECT * FROM read_parquet({glob}, union_by_name = true)')
        else:
            _empty_view(con, table)
    return con
