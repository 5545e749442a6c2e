"""Writing the store: rows as Parquet in batches, a ledger of committed files, compaction, repair.

Layout of ``<reports>/store/``::

    ledger.json                 the committed batches (the commit point; rewritten atomically)
    batches/<batch>.json        one batch's articles: slug → token (what version of the article)
    <table>/part-<batch>.parquet   one file per table per batch (zstd), every row with ``slug``

Method: :class:`StoreWriter` collects each finished article's rows (:func:`.tables.rows`) and
writes them every ``batch_size`` articles (and at :meth:`~StoreWriter.close`) as one *batch*:
each table's file is written to a temporary name and renamed into place, then its slug list,
then ``ledger.json`` is rewritten atomically, naming the batch — only then do readers
(:func:`newsnb.store.connect`) see it, because they read the files the ledger names, never a
folder glob. When a batch holds an article that an older batch holds too (a re-rendered
article), the ledger marks the old rows *dead* (``dead``: slugs per batch) in the same atomic
write, and the views leave dead rows out: readers never see two generations of one slug, nor
half a batch. Removing an article (failed, gone from the manifest) is the same mark without new
rows. Compaction merges batches smaller than ``small`` articles once ``compact_at`` of them have
piled up, and rewrites batches with dead rows without them (DuckDB ``COPY``); the ledger swaps old
batches for the merged one atomically, and the old files are *retired* — deleted when the run
closes the writer (so a connection opened during the run keeps reading) or, after a crash, when
the next writer opens; files of a batch that was never committed (a killed run) are deleted then
too. So after a finished run every table folder holds exactly its committed files with no dead
rows, and any Parquet reader may glob it (``dask.dataframe.read_parquet('…/store/quotes/')``). :meth:`~StoreWriter.sync` makes the store
agree with a manifest (or with ``reports/data/*.json`` when there is none): articles missing
or stored at another version are (re)loaded from their data file, articles no longer there are
removed — the repair after a crash and the migration of a reports folder rendered before the
store existed (:func:`rebuild`). :meth:`~StoreWriter.reset` (``--force``) retires everything.

Each file's rows are sorted by the table's :data:`SORT_KEYS` (speaker, entity, kind/unit/value),
in row groups of :data:`ROW_GROUP` rows, so DuckDB skips the row groups a filter on them rules out.

Only one writer at a time: the callers hold :func:`newsnb.core.files.folder_lock` on the reports
folder (``newsnb render``, ``newsnb analyze --store``).

Known limits: a connection sees the batches committed when it was opened (reconnect to see
later ones); one kept open across the end of a run may find a retired file deleted (reconnect).
During a run, or after a killed one until the next run, a folder glob may see uncommitted or
superseded files: read through :func:`newsnb.store.connect` or :func:`.views.table_files` then.
Between two compactions, a heavily re-rendered store carries dead rows that every query filters.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from ..core.files import write_atomic

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: The store's tables (as :data:`.tables.TABLES`; kept here so that opening a writer with nothing
#: to write imports neither pandas nor the analysis layer — a no-change render stays light).
TABLES = (
    "articles", "parts", "sentences", "entities", "mentions", "quotes", "sources", "headline_quotes",
    "numbers", "dates", "claims", "hedges", "framing", "subjectivity",
)

__all__ = ["LEDGER", "Ledger", "StoreWriter", "expected_articles", "read_ledger", "rebuild", "token_of"]

#: Rows of a table are written sorted by these columns (each file, and each compacted file), so a
#: question that picks a speaker, an entity or a range of figures reads only the row groups whose
#: min/max statistics can hold it. Row groups of :data:`ROW_GROUP` rows keep that pruning fine-grained.
SORT_KEYS = {
    "quotes": ("speaker",), "sources": ("speaker",), "entities": ("entity",), "mentions": ("entity",),
    "numbers": ("kind", "unit", "value"),
}
ROW_GROUP = 100_000

#: The commit point of a store (inside ``<reports>/store/``).
LEDGER = "ledger.json"
BATCHES = "batches"


#: The store's folder inside a reports folder.
STORE = "store"


def _store(reports_dir: str | Path | None) -> Path:
    """``<reports_dir>/store`` (default ``reports/store``)."""
    from ..core import config

    return (Path(reports_dir) if reports_dir else config.REPORTS_DIR) / STORE


@dataclass
class Ledger:
    """``ledger.json``: committed batches (id → tables with a file, articles, dead slugs) and retired files."""

    batches: dict[str, dict] = field(default_factory=dict)
    retired: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps({"version": 1, "batches": self.batches, "retired": self.retired}, ensure_ascii=False)

    def files(self, table: str) -> list[tuple[str, list[str]]]:
        """``(relative file, dead slugs)`` of every committed batch with a file for ``table``."""
        return [(f"{table}/part-{b}.parquet", info.get("dead") or []) for b, info in self.batches.items()
                if table in info.get("tables", ())]


def read_ledger(store: Path) -> Ledger | None:
    """The ledger of a store folder; ``None`` when there is none (a store without one, or no store)."""
    try:
        raw = json.loads((store / LEDGER).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return Ledger(batches=dict(raw.get("batches") or {}), retired=list(raw.get("retired") or []))


def token_of(entry: Mapping[str, Any]) -> str:
    """The version of a rendered article as the manifest records it (render key and time)."""
    return f"{entry.get('key') or ''}@{entry.get('rendered_at') or ''}"


def expected_articles(reports_dir: str | Path, *, manifest: Mapping | None = None) -> dict[str, tuple[Path, str, str | None]]:
    """What the store of a reports folder should hold: slug → (data file, token, html file).

    With a manifest (``manifest``, else ``manifest.json`` is read): its ``ok`` entries that have a
    data file. Without one: every ``data/*.json`` (token: the file's size and modification time)."""
    from ..input.reports import read_manifest

    out = Path(reports_dir)
    manifest = (manifest if manifest is not None else read_manifest(out)).get("articles") or {}
    found: dict[str, tuple[Path, str, str | None]] = {}
    if manifest:
        for slug, e in manifest.items():
            if isinstance(e, dict) and e.get("status") == "ok" and e.get("data"):
                found[slug] = (out / e["data"], token_of(e), e.get("html"))
        return found
    for p in sorted((out / "data").glob("*.json")):
        st = p.stat()
        html = p.stem + ".html" if (out / f"{p.stem}.html").exists() else None
        found[p.stem] = (p, f"file:{st.st_size}:{st.st_mtime_ns}", html)
    return found


def _arrow(df: "pd.DataFrame"):
    """A pyarrow table of ``df``; a column pyarrow cannot type (mixed values) becomes text."""
    import pyarrow as pa

    try:
        return pa.Table.from_pandas(df, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        df = df.copy()
        for col in df.columns:
            try:
                pa.array(df[col], from_pandas=True)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                df[col] = df[col].map(lambda v: None if v is None or (isinstance(v, float) and v != v) else str(v))
        return pa.Table.from_pandas(df, preserve_index=False)


def _sql_list(values: Iterable[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


class StoreWriter:
    """Writes analysed articles into ``<reports_dir>/store`` in batches (see the module docstring).

    ``batch_size``: articles per batch file; ``compact_at``: small batches that trigger a merge;
    ``small``: a batch with fewer articles is small. Hold the folder lock while one is open."""

    def __init__(self, reports_dir: str | Path | None = None, *, batch_size: int = 200, compact_at: int = 16,
                 small: int = 10_000):
        self.store = _store(reports_dir)
        self.batch_size = max(1, int(batch_size))
        self.compact_at = max(2, int(compact_at))
        self.small = int(small)
        self.run = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        self._n = 0
        self._pending: dict[str, tuple[dict[str, pd.DataFrame], str]] = {}
        self._removed: set[str] = set()
        self.store.mkdir(parents=True, exist_ok=True)
        self.ledger = read_ledger(self.store) or Ledger()
        if not (self.store / LEDGER).exists():
            self._adopt_unledgered()
        self._sweep()
        #: slug → (batch, token) of every live article
        self.live: dict[str, tuple[str, str]] = {}
        for b, info in self.ledger.batches.items():
            dead = set(info.get("dead") or ())
            for slug, token in self._slugs(b).items():
                if slug not in dead:
                    self.live[slug] = (b, token)

    # ------------------------------------------------------------------ housekeeping
    def _slugs(self, batch: str) -> dict[str, str]:
        try:
            return json.loads((self.store / BATCHES / f"{batch}.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def _adopt_unledgered(self) -> None:
        """A store written before the ledger (plain ``*.parquet`` per table): retire its files, the
        next :meth:`sync` reloads the articles from their data files."""
        for table in TABLES:
            for p in (self.store / table).glob("*.parquet"):
                self.ledger.retired.append(str(p.relative_to(self.store)))

    def _sweep(self) -> None:
        """Delete retired files and files of batches never committed (a killed run)."""
        keep = {f"part-{b}.parquet" for b in self.ledger.batches}
        for table in TABLES:
            folder = self.store / table
            if not folder.is_dir():
                continue
            for p in folder.iterdir():
                if p.name not in keep:
                    p.unlink(missing_ok=True)
        folder = self.store / BATCHES
        if folder.is_dir():
            for p in folder.iterdir():
                if p.suffix != ".json" or p.stem not in self.ledger.batches:
                    p.unlink(missing_ok=True)
        if self.ledger.retired:
            self.ledger.retired = []
            self._save()

    def _save(self) -> None:
        write_atomic(self.store / LEDGER, self.ledger.to_json())

    def _batch_id(self) -> str:
        self._n += 1
        return f"{self.run}-{self._n:05d}"

    # ------------------------------------------------------------------ adding and removing
    def __len__(self) -> int:
        return len(self.live)

    def add(self, data: dict | str | None = None, *, slug: str | None = None, html: str | None = None,
            token: str = "", rows: dict | None = None) -> None:
        """Queue one article's rows (from its analysis dict/JSON, or ``rows`` made elsewhere — a Dask
        worker: table → records (:func:`.tables.records`) or DataFrame); they replace the article's
        stored rows at the next flush."""
        if rows is None:
            from .tables import records as table_rows

            try:
                if isinstance(data, (str, bytes)):
                    data = json.loads(data)
                rows = table_rows(data, slug=slug, html=html) if isinstance(data, dict) else None
            except ValueError:  # not an analysis (bad JSON, no slug): nothing of it is stored
                rows = None
            if rows is None:
                self.remove([slug] if slug else [])
                return
        if not slug:
            first = rows["articles"]
            slug = str(first[0]["slug"] if isinstance(first, list) else first["slug"].iloc[0])
        self._removed.discard(slug)
        self._pending[slug] = (rows, token)
        if len(self._pending) >= self.batch_size:
            self.flush()

    def remove(self, slugs: Iterable[str]) -> None:
        """Drop these articles' rows at the next flush (a failed or removed article)."""
        for s in slugs:
            self._pending.pop(s, None)
            if s in self.live:
                self._removed.add(s)

    def flush(self) -> None:
        """Write the queued articles as one batch and commit it (with queued removals)."""
        if not self._pending and not self._removed:
            return
        pending, removed = self._pending, self._removed
        self._pending, self._removed = {}, set()
        new: dict[str, dict] = {}
        if pending:
            import pandas as pd

            from .tables import frame

            frames = {}
            for table in TABLES:
                recs: list[dict] = []
                dfs = []
                for r, _ in pending.values():
                    part = r.get(table)
                    if part is None or not len(part):
                        continue
                    if isinstance(part, list):
                        recs.extend(part)
                    else:
                        dfs.append(part)
                if recs:
                    dfs.insert(0, frame(table, recs))
                if dfs:
                    frames[table] = dfs[0] if len(dfs) == 1 else pd.concat(dfs, ignore_index=True, sort=False)
            new = self._write_batch(frames, {s: tok for s, (_, tok) in pending.items()})
        self._commit(new, superseded=set(pending) | removed)
        for b in new:
            for s, tok in self._slugs(b).items():
                self.live[s] = (b, tok)
        for s in removed:
            self.live.pop(s, None)
        if sum(1 for info in self.ledger.batches.values() if self._live_count(info) < self.small) >= self.compact_at:
            self.compact()

    def _write_batch(self, frames: Mapping[str, "pd.DataFrame"], slugs: Mapping[str, str]) -> dict[str, dict]:
        """Write one batch's files (table → rows of the articles ``slugs``: slug → token), not yet committed."""
        import pyarrow.parquet as pq

        batch = self._batch_id()
        tables = []
        for table in TABLES:
            df = frames.get(table)
            if df is None or not len(df):
                continue
            target = self.store / table / f"part-{batch}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            arrow = df if hasattr(df, "schema") and hasattr(df, "num_rows") else _arrow(df)
            keys = [(k, "ascending") for k in SORT_KEYS.get(table, ()) if k in arrow.column_names]
            if keys:
                try:
                    arrow = arrow.sort_by(keys)
                except Exception:  # noqa: BLE001 - a column of a type that cannot be sorted: write unsorted
                    pass
            pq.write_table(arrow, tmp, compression="zstd", row_group_size=ROW_GROUP)
            os.replace(tmp, target)
            tables.append(table)
        write_atomic(self.store / BATCHES / f"{batch}.json", json.dumps(dict(slugs), ensure_ascii=False))
        return {batch: {"tables": tables, "articles": len(slugs)}}

    def write_frames(self, frames: Mapping[str, "pd.DataFrame"], *, tokens: Mapping[str, str] | None = None) -> None:
        """Write and commit many articles' rows at once (table → DataFrame or pyarrow Table with
        ``slug``; bulk loads, benchmarks). ``tokens``: slug → version (default: every slug of ``frames['articles']``, "")."""
        self.flush()
        slugs = dict(tokens) if tokens is not None else {str(s): "" for s in frames["articles"]["slug"]}
        new = self._write_batch(frames, slugs)
        self._commit(new, superseded=set(slugs))
        for b in new:
            for s, tok in slugs.items():
                self.live[s] = (b, tok)

    def _commit(self, new: dict[str, dict], *, superseded: set[str], drop: Iterable[str] = ()) -> None:
        """One atomic ledger write: add ``new`` batches, mark ``superseded`` slugs dead in older
        batches, retire ``drop`` batches (their files stay until the next writer opens)."""
        for s in superseded:
            old = self.live.get(s)
            if old and old[0] in self.ledger.batches:
                info = self.ledger.batches[old[0]]
                info["dead"] = sorted(set(info.get("dead") or ()) | {s})
        for b in drop:
            info = self.ledger.batches.pop(b, None)
            if info:
                self.ledger.retired.extend(f"{t}/part-{b}.parquet" for t in info.get("tables", ()))
                self.ledger.retired.append(f"{BATCHES}/{b}.json")
        self.ledger.batches.update(new)
        self._save()

    @staticmethod
    def _live_count(info: dict) -> int:
        return int(info.get("articles") or 0) - len(info.get("dead") or ())

    # ------------------------------------------------------------------ compaction, repair, reset
    def compact(self, *, all_small: bool = False) -> int:
        """Merge small batches and rewrite batches with dead rows; the number of batches replaced.

        Small batches are merged once ``compact_at`` of them exist (``all_small``: whenever there
        are two or more); a batch with dead rows is always rewritten without them."""
        self.flush_pending_only()
        batches = self.ledger.batches
        small = [b for b, i in batches.items() if self._live_count(i) < self.small]
        dirty = [b for b, i in batches.items() if i.get("dead")]
        merge = set(dirty)
        if len(small) >= (2 if all_small else self.compact_at):
            merge |= set(small)
        merge = [b for b in batches if b in merge]  # in commit order
        if not merge or (len(merge) == 1 and not batches[merge[0]].get("dead")):
            return 0
        import duckdb

        batch = self._batch_id()
        tables = []
        con = duckdb.connect(":memory:")
        try:
            for table in TABLES:
                parts = []
                for b in merge:
                    info = batches[b]
                    if table not in info.get("tables", ()):
                        continue
                    path = str(self.store / table / f"part-{b}.parquet")
                    dead = info.get("dead") or []
                    where = f" WHERE slug NOT IN ({_sql_list(dead)})" if dead else ""
                    parts.append(f"SELECT * FROM read_parquet({_sql_list([path])}){where}")
                if not parts:
                    continue
                target = self.store / table / f"part-{batch}.parquet"
                tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
                query = " UNION ALL BY NAME ".join(parts)
                n = con.execute(f"SELECT count(*) FROM ({query})").fetchall()[0][0]
                if not n:
                    continue
                keys = ", ".join(f'"{k}"' for k in SORT_KEYS.get(table, ()))
                names = {d[0] for d in con.execute(f"DESCRIBE SELECT * FROM ({query})").fetchall()}
                order = f" ORDER BY {keys}" if keys and all(k in names for k in SORT_KEYS[table]) else ""
                con.execute(f"COPY ({query}{order}) TO {_sql_list([str(tmp)])} "
                            f"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP})")
                os.replace(tmp, target)
                tables.append(table)
        finally:
            con.close()
        slugs: dict[str, str] = {}
        for b in merge:
            dead = set(batches[b].get("dead") or ())
            slugs.update({s: t for s, t in self._slugs(b).items() if s not in dead})
        new = {}
        if slugs:
            write_atomic(self.store / BATCHES / f"{batch}.json", json.dumps(slugs, ensure_ascii=False))
            new[batch] = {"tables": tables, "articles": len(slugs)}
        self._commit(new, superseded=set(), drop=merge)
        for s, tok in slugs.items():
            self.live[s] = (batch, tok)
        return len(merge)

    def flush_pending_only(self) -> None:
        """Commit queued articles before a compaction (it rewrites committed batches only)."""
        if self._pending or self._removed:
            pending_compact, self.compact_at = self.compact_at, 10**9
            try:
                self.flush()
            finally:
                self.compact_at = pending_compact

    def sync(self, expected: Mapping[str, tuple[Path, str, str | None]], *, skip: Iterable[str] = ()) -> tuple[int, int]:
        """Make the store hold exactly ``expected`` (slug → (data file, token, html)), e.g.
        :func:`expected_articles`: load the missing or outdated ones from their data files, remove
        the others. ``skip``: slugs about to be written anyway (not loaded now). Returns
        (loaded, removed)."""
        skip = set(skip)
        gone = [s for s in {**self.live, **self._pending} if s not in expected and s not in skip]
        self.remove(gone)
        loaded = 0
        for slug, (path, token, html) in expected.items():
            if slug in skip:
                continue
            queued = self._pending.get(slug)
            if (queued[1] if queued else self.live.get(slug, (None, None))[1]) == token:
                continue
            try:
                data = json.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.remove([slug])
                continue
            self.add(data, slug=slug, html=html, token=token)
            loaded += 1
        self.flush()
        return loaded, len(gone)

    def reset(self) -> None:
        """Retire every batch (``--force``: the run rebuilds the store)."""
        self._pending.clear()
        self._removed.clear()
        self._commit({}, superseded=set(), drop=list(self.ledger.batches))
        self.live.clear()

    def close(self) -> None:
        """Flush, compact what is dirty or piled up, delete retired files: after a finished run each
        table folder holds exactly its committed files, without dead rows (any Parquet reader may
        glob it)."""
        self.flush()
        self.compact()
        self._sweep()

    def __enter__(self) -> "StoreWriter":
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.close()
        # on an error the queued rows are dropped: the manifest says what the next run repairs


def rebuild(reports_dir: str | Path, *, force: bool = False, batch_size: int = 1000) -> tuple[int, int]:
    """Bring ``<reports_dir>/store`` in line with its manifest (or ``data/*.json``): the repair and
    migration path. ``force``: rebuild from scratch. Takes the folder lock. Returns (loaded, removed)."""
    from ..core.files import folder_lock

    with folder_lock(reports_dir, purpose="store rebuild"):
        w = StoreWriter(reports_dir, batch_size=batch_size)
        if force:
            w.reset()
        result = w.sync(expected_articles(reports_dir))
        w.close()
        return result
