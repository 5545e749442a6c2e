"""DuckDB views over the store: the same answers from the Parquet store, from analyses in memory,
from a folder of Parquet files without a ledger, and from Dask over the same files."""
from __future__ import annotations

import shutil

import pytest

from newsnb.store import connect
from newsnb.store.tables import TABLES, empty_columns
from newsnb.store.views import table_files
from newsnb.store.writer import StoreWriter

from store_helpers import analysis

ARTICLES = [
    analysis("a", "Ann Lee", "Bo Chan", outlet="The Gazette", date="2019-03-04"),
    analysis("b", "Ann Lee", outlet="Daily Post", date="2019-04-01"),
    analysis("c", "Ann Lee", "Cy Dee", outlet="The Gazette", date="2019-04-20"),
    analysis("d", outlet="Daily Post", date="2020-01-02"),
]
SPEAKERS = "SELECT speaker, count(*) AS quotes FROM quotes GROUP BY speaker ORDER BY quotes DESC, speaker"


@pytest.fixture
def store(tmp_path):
    out = tmp_path / "reports"
    with StoreWriter(out, batch_size=2) as w:  # two batches, each with quotes
        for a in ARTICLES:
            w.add(a)
    return out


def test_the_store_and_analyses_in_memory_answer_alike(store):
    on_disk = connect(store).sql(SPEAKERS).fetchall()
    assert on_disk == connect(ARTICLES).sql(SPEAKERS).fetchall()
    assert on_disk == [("Ann Lee", 3), ("Bo Chan", 1), ("Cy Dee", 1)]
    months = connect(store).sql("SELECT outlet, month, count(*) FROM articles GROUP BY ALL ORDER BY ALL").fetchall()
    assert months == [("Daily Post", "2019-04", 1), ("Daily Post", "2020-01", 1), ("The Gazette", "2019-03", 1),
                      ("The Gazette", "2019-04", 1)]


def test_an_empty_store_has_every_view_with_its_columns(tmp_path):
    con = connect(tmp_path / "nothing-here")
    for table in TABLES:
        assert [d[0] for d in con.sql(f'SELECT * FROM "{table}"').description] == empty_columns(table)
        assert con.sql(f'SELECT count(*) FROM "{table}"').fetchall() == [(0,)]


def test_parquet_files_without_a_ledger_are_read_by_folder(store, tmp_path):
    bare = tmp_path / "copied"
    for table in ("quotes", "articles"):
        (bare / "store" / table).mkdir(parents=True)
        for f in table_files(store, table):
            shutil.copy(f, bare / "store" / table / f.name)
    assert connect(bare).sql(SPEAKERS).fetchall() == connect(store).sql(SPEAKERS).fetchall()
    assert [str(p.parent.name) for p in table_files(bare, "quotes")] == ["quotes"] * 2


@pytest.mark.slow
def test_dask_read_parquet_over_the_store_gives_the_speakers_table_of_duckdb(store):
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster):
        quotes = dd.read_parquet([str(p) for p in table_files(store, "quotes")])
        by_dask = quotes.groupby("speaker").size().compute()
    by_duckdb = connect(store).sql(SPEAKERS).df().set_index("speaker")["quotes"]
    assert {str(k): int(v) for k, v in by_dask.items()} == {str(k): int(v) for k, v in by_duckdb.items()}
    assert len(by_dask) == 3
