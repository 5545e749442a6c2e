"""The store writer: batches, the ledger as the commit point, replace-on-rerender, crashes, compaction."""
from __future__ import annotations

import json

import pytest

from newsnb.store import connect
from newsnb.store.tables import TABLES as TABLE_NAMES
from newsnb.store.views import table_files
from newsnb.store.writer import LEDGER, TABLES, StoreWriter, expected_articles, read_ledger, rebuild
from store_helpers import analysis


def speakers(out) -> list[tuple]:
    return connect(out).sql("SELECT slug, speaker FROM quotes ORDER BY slug, speaker").fetchall()


def test_the_writer_keeps_the_tables_of_the_store():
    assert TABLES == TABLE_NAMES


def test_batches_are_visible_only_once_committed_and_on_a_real_duckdb_file(tmp_path):
    out = tmp_path / "reports"
    w = StoreWriter(out, batch_size=2)
    w.add(analysis("a", "Ann Lee"))
    assert speakers(out) == []  # queued, not yet written
    w.add(analysis("b", "Bo Chan", "Cy Dee"))  # the second article fills the batch: written
    assert speakers(out) == [("a", "Ann Lee"), ("b", "Bo Chan"), ("b", "Cy Dee")]
    w.add(analysis("c", "Di Fox"))
    w.close()
    con = connect(out, database=tmp_path / "corpus.duckdb")
    assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 3
    assert con.sql("SELECT DISTINCT outlet, month FROM articles").fetchall() == [("The Gazette", "2019-03")]
    con.close()
    assert (tmp_path / "corpus.duckdb").stat().st_size > 0


def test_a_re_rendered_article_replaces_its_rows(tmp_path):
    out = tmp_path / "reports"
    w = StoreWriter(out, batch_size=10)
    w.add(analysis("a", "Ann Lee", "Bo Chan"))
    w.add(analysis("b", "Cy Dee"))
    w.flush()
    w.add(analysis("a", "Eve Ng"))
    w.flush()
    # before compaction: the old rows are in a file, marked dead, and never read
    assert read_ledger(w.store).batches[next(iter(read_ledger(w.store).batches))]["dead"] == ["a"]
    assert speakers(out) == [("a", "Eve Ng"), ("b", "Cy Dee")]
    w.close()  # compaction rewrites without dead rows; the folder holds only committed files
    assert speakers(out) == [("a", "Eve Ng"), ("b", "Cy Dee")]
    assert not any(i.get("dead") for i in read_ledger(w.store).batches.values())
    assert sorted(p.name for p in (w.store / "quotes").iterdir()) == sorted(p.name for p in table_files(out, "quotes"))


def test_removed_articles_lose_their_rows(tmp_path):
    out = tmp_path / "reports"
    with StoreWriter(out) as w:
        w.add(analysis("a", "Ann Lee"))
        w.add(analysis("b", "Bo Chan"))
    with StoreWriter(out) as w:
        w.remove(["a", "never-stored"])
    assert speakers(out) == [("b", "Bo Chan")]
    assert connect(out).sql("SELECT slug FROM articles").fetchall() == [("b",)]


def test_a_crash_between_writing_a_batch_and_committing_it_leaves_nothing_visible(tmp_path, monkeypatch):
    out = tmp_path / "reports"
    with StoreWriter(out) as w:
        w.add(analysis("a", "Ann Lee"))
    w = StoreWriter(out)
    w.add(analysis("a", "Bo Chan"))

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(StoreWriter, "_commit", killed)
    with pytest.raises(KeyboardInterrupt):
        w.flush()
    monkeypatch.undo()
    assert len(list((w.store / "quotes").glob("*.parquet"))) == 2  # the new file is there, uncommitted
    assert speakers(out) == [("a", "Ann Lee")]  # readers see the committed generation only
    StoreWriter(out)  # the next writer sweeps the uncommitted file
    assert len(list((w.store / "quotes").glob("*.parquet"))) == 1
    assert speakers(out) == [("a", "Ann Lee")]


def test_small_batches_are_compacted_with_the_same_rows(tmp_path):
    out = tmp_path / "reports"
    w = StoreWriter(out, batch_size=1, compact_at=3)
    for i, name in enumerate(["Ann Lee", "Bo Chan", "Cy Dee", "Di Fox", "Eve Ng"]):
        w.add(analysis(f"s{i}", name))
    assert len(read_ledger(w.store).batches) < 5
    w.close()
    assert [s for _, s in speakers(out)] == ["Ann Lee", "Bo Chan", "Cy Dee", "Di Fox", "Eve Ng"]
    assert len(list((w.store / "quotes").glob("*.parquet"))) == len(read_ledger(w.store).batches)


def _data_folder(out, analyses: dict) -> None:
    (out / "data").mkdir(parents=True, exist_ok=True)
    for slug, data in analyses.items():
        (out / "data" / f"{slug}.json").write_text(json.dumps(data))


def test_sync_with_the_manifest_loads_missing_and_outdated_and_drops_the_rest(tmp_path):
    out = tmp_path / "reports"
    _data_folder(out, {"a": analysis("a", "Ann Lee"), "b": analysis("b", "Bo Chan"), "c": analysis("c", "Cy Dee")})
    manifest = {"articles": {
        "a": {"status": "ok", "data": "data/a.json", "key": "k1", "rendered_at": "t1"},
        "b": {"status": "ok", "data": "data/b.json", "key": "k1", "rendered_at": "t1"},
        "c": {"status": "failed", "data": None},
    }}
    (out / "manifest.json").write_text(json.dumps(manifest))
    with StoreWriter(out) as w:
        assert w.sync(expected_articles(out)) == (2, 0)
        assert w.sync(expected_articles(out)) == (0, 0)  # in step: nothing to do
    assert speakers(out) == [("a", "Ann Lee"), ("b", "Bo Chan")]
    # b re-rendered (new token, new data) but the store missed it; a is gone from the manifest
    _data_folder(out, {"b": analysis("b", "Eve Ng")})
    manifest["articles"]["b"]["rendered_at"] = "t2"
    del manifest["articles"]["a"]
    (out / "manifest.json").write_text(json.dumps(manifest))
    with StoreWriter(out) as w:
        assert w.sync(expected_articles(out)) == (1, 1)
    assert speakers(out) == [("b", "Eve Ng")]


def test_rebuild_from_a_reports_folder_without_manifest_or_store(tmp_path):
    out = tmp_path / "reports"
    _data_folder(out, {"a": analysis("a", "Ann Lee"), "b": analysis("b", "Bo Chan")})
    (out / "data" / "broken.json").write_text("{")
    assert rebuild(out) == (2, 0)
    assert speakers(out) == [("a", "Ann Lee"), ("b", "Bo Chan")]
    assert rebuild(out) == (0, 0)
    assert rebuild(out, force=True) == (2, 0)
    assert speakers(out) == [("a", "Ann Lee"), ("b", "Bo Chan")]
    assert (out / "store" / LEDGER).is_file()


def test_reset_then_close_leaves_an_empty_store(tmp_path):
    out = tmp_path / "reports"
    with StoreWriter(out) as w:
        w.add(analysis("a", "Ann Lee"))
    with StoreWriter(out) as w:
        w.reset()
    assert speakers(out) == []
    assert not list((out / "store" / "quotes").glob("*"))


def test_mixed_value_types_across_articles_of_one_batch_are_written(tmp_path):
    out = tmp_path / "reports"
    a, b = analysis("a", "Ann Lee"), analysis("b", "Bo Chan")
    a["facts"] = {"numbers": [{"start": 1, "end": 3, "value": 12, "unit": "dollars"}]}
    b["facts"] = {"numbers": [{"start": 1, "end": 3, "value": "twelve", "unit": None}]}
    with StoreWriter(out) as w:
        w.add(a)
        w.add(b)
        w.add("not json", slug="c")
    assert sorted(connect(out).sql("SELECT slug, value FROM numbers").fetchall()) == [("a", "12"), ("b", "twelve")]


def test_sync_counts_queued_articles_as_stored(tmp_path):
    out = tmp_path / "reports"
    _data_folder(out, {"a": analysis("a", "Ann Lee")})
    (out / "manifest.json").write_text(json.dumps({"articles": {
        "a": {"status": "ok", "data": "data/a.json", "key": "k", "rendered_at": "t"}}}))
    with StoreWriter(out) as w:
        w.add(analysis("a", "Ann Lee"), token="k@t")  # queued, not yet flushed
        w.add(analysis("z", "Zed Zee"), token="k@t")  # queued, but not in the manifest
        assert w.sync(expected_articles(out)) == (0, 1)
    assert speakers(out) == [("a", "Ann Lee")]
