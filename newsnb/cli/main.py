"""The ``newsnb`` command: ``analyze`` articles to JSON/CSV or into a store, ``render`` reports,
``query`` the store in SQL, bring the ``store`` in line with the reports, group articles into
``stories``, rebuild the ``index``."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .. import __version__
from ..core import config
from ..core.errors import NewsnbError
from ..run.executors import executors

__all__ = ["main"]


#: Articles per chunk handed to a worker by ``newsnb analyze --jobs N`` (a worker holds one
#: chunk's parsed docs at a time).
_ANALYZE_CHUNK = 32


def _units(paths: list, *, size: int = _ANALYZE_CHUNK):
    """The work of ``newsnb analyze``, in input order: ``("articles", [Article, …])`` chunks of at
    most ``size`` articles and ``("error", line)`` for every file or record that cannot be read.
    Files are loaded one at a time as the units are consumed, so a corpus in one big JSONL file
    is spread over the workers like a folder of files, and only the chunks in flight are held."""
    from ..input.article import ArticleError
    from ..input.loaders import load_all

    batch: list = []
    for path in paths:
        try:
            found = load_all(str(path))
        except ArticleError as exc:
            if batch:
                yield ("articles", batch)
                batch = []
            yield ("error", str(exc))
            continue
        for a in found:
            batch.append(a)
            if len(batch) >= size:
                yield ("articles", batch)
                batch = []
        if found.problems:
            if batch:
                yield ("articles", batch)
                batch = []
            for problem in found.problems:
                yield ("error", str(problem))
    if batch:
        yield ("articles", batch)


def _analyses(unit: tuple):
    """``("analysis", Analysis)`` for every article of one unit of :func:`_units` (one
    ``nlp.pipe`` over the chunk), or the unit's ``("error", line)``."""
    kind, value = unit
    if kind == "error":
        yield unit
        return
    from ..analysis.nlp import parse_many
    from ..analysis.result import analyze

    for article, doc in zip(value, parse_many(value, batch_size=_ANALYZE_CHUNK)):
        yield ("analysis", analyze(article, doc=doc))


def _analysis_json(unit: tuple) -> list[tuple[str, str]]:
    """:func:`_analyses` with each analysis as a compact JSON document (a worker's unit)."""
    return [(kind, value.to_json() if kind == "analysis" else value) for kind, value in _analyses(unit)]


def _store_rows(unit: tuple) -> list[tuple[str, object]]:
    """:func:`_analyses` as ``("rows", (slug, token, rows))`` for the store (a worker's unit):
    the rows are made where the article was analysed."""
    from ..store.tables import records

    out = []
    for kind, value in _analyses(unit):
        if kind == "error":
            out.append((kind, value))
            continue
        try:
            out.append(("rows", (value.article.slug, f"sha256:{value.article.sha256}", records(value.to_dict()))))
        except (ValueError, TypeError) as exc:
            out.append(("error", f"{value.article.path or value.article.slug}: cannot be stored: {exc}"))
    return out


def _run_units(work, units, jobs: int):
    """``work(unit)`` for every unit, results in input order; ``jobs`` worker processes, with at
    most three units per worker in flight (bounded memory however long the input)."""
    if jobs <= 1:
        for unit in units:
            yield from work(unit)
        return
    import multiprocessing
    from collections import deque

    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        pending: deque = deque()
        for unit in units:
            pending.append(pool.apply_async(work, (unit,)))
            if len(pending) >= 3 * jobs:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _analyze_into_store(files: list, *, folder: str, jobs: int, wait: float) -> int:
    """``newsnb analyze … --store DIR``: every article's rows into ``DIR/store`` (no notebooks)."""
    import time

    from ..core.files import folder_lock
    from ..store.writer import StoreWriter

    started = time.perf_counter()
    stored = failed = 0
    with folder_lock(folder, wait=wait, purpose="newsnb analyze --store"):
        writer = StoreWriter(folder, batch_size=1000)
        for kind, value in _run_units(_store_rows, _units(files), jobs):
            if kind == "error":
                print(f"newsnb: {value}", file=sys.stderr)
                failed += 1
                continue
            slug, token, rows = value
            writer.add(rows=rows, slug=slug, token=token)
            stored += 1
        writer.close()
    seconds = time.perf_counter() - started
    rate = f", {stored / seconds:.1f} articles/s" if stored and seconds > 0 else ""
    print(f"{stored} articles stored, {failed} not, in {seconds:.1f} s{rate} → {writer.store} "
          f"({len(writer)} articles in the store)")
    return 1 if failed else 0


def _analyze(args: argparse.Namespace) -> int:
    from ..input.discovery import discover

    failed = 0
    found = discover(args.paths)
    for line in found.skipped_lines():  # nothing is passed over without a word
        print(f"newsnb: {line}", file=sys.stderr)
    files = found.files
    if not files:
        print(f"newsnb: no article files in {', '.join(args.paths)}", file=sys.stderr)
        return 1
    jobs = args.jobs if args.jobs is not None else (1 if len(files) <= _ANALYZE_CHUNK else (os.cpu_count() or 1))
    if args.store:
        return _analyze_into_store(files, folder=args.store, jobs=jobs, wait=args.wait)
    if args.format == "jsonl":  # streamed: one line per article as soon as its chunk is done
        for kind, value in _run_units(_analysis_json, _units(files), jobs):
            if kind == "error":
                print(f"newsnb: {value}", file=sys.stderr)
                failed += 1
            else:
                print(value, flush=False)
        sys.stdout.flush()
        return 1 if failed else 0
    results = []
    for kind, value in (item for unit in _units(files) for item in _analyses(unit)):
        if kind == "error":
            print(f"newsnb: {value}", file=sys.stderr)
            failed += 1
        else:
            results.append(value)
    if args.format == "json":
        if len(results) == 1 and len(files) == 1:
            print(results[0].to_json(indent=args.indent))
        else:
            print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=args.indent))
    else:  # csv
        for r in results:
            folder = Path(args.out) / r.article.slug if args.out else config.REPORTS_DIR / "data" / r.article.slug
            written = r.to_csv(folder)
            print(f"{r.article.slug}: {len(written)} tables in {folder}")
    return 1 if failed else 0


def _render(args: argparse.Namespace) -> int:
    from ..core.files import OutputError
    from ..run.batch import render

    executor = "papermill" if args.fresh_kernels else args.executor
    try:
        summary = render(
            args.paths or None,
            out=args.out,
            notebook=args.notebook,
            executor=executor,
            timeout=args.timeout if args.timeout and args.timeout > 0 else None,
            jobs=args.jobs,
            force=args.force,
            dask=args.dask,
            recycle_after=args.recycle_after,
            progress_bar=not args.quiet,
            lock_wait=args.wait,
        )
    except OutputError as exc:
        print(f"newsnb: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"newsnb: {exc}", file=sys.stderr)
        return 2
    print(summary)
    if not summary.results and not summary.skipped:
        print("newsnb: no articles found", file=sys.stderr)
        return 1
    # 1 while any input has no good report, also one that failed in an earlier run and is unchanged
    return 1 if summary.failed or any(r.status == "failed" for r in summary.skipped) else 0


def _query(args: argparse.Namespace) -> int:
    from ..store.views import store_dir

    folder = store_dir(args.out)
    if not folder.is_dir():
        print(f"newsnb: no store in {folder.parent} (make one with: newsnb render --out {folder.parent}, "
              f"or newsnb analyze PATHS --store {folder.parent})", file=sys.stderr)
        return 2
    import duckdb

    from ..store import connect

    con = connect(args.out)
    try:
        rel = con.sql(args.sql)
        if rel is None:  # a statement without a result (CREATE, SET …)
            return 0
        df = rel.df()
    except duckdb.Error as exc:
        first = " ".join(str(exc).splitlines()[:1]) or type(exc).__name__
        print(f"newsnb: the query failed: {first}", file=sys.stderr)
        return 2
    finally:
        con.close()
    if args.format == "csv":
        df.to_csv(sys.stdout, index=False)
    elif args.format == "json":
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, date_format="iso", indent=args.indent))
        sys.stdout.write("\n")
    else:
        import pandas as pd

        with pd.option_context("display.max_colwidth", 80, "display.width", 200):
            print(df.to_string(index=False) if len(df.columns) else "(no columns)")
        print(f"({len(df)} row{'s' if len(df) != 1 else ''})")
    return 0


def _store(args: argparse.Namespace) -> int:
    from ..store.writer import rebuild

    loaded, removed = rebuild(args.out or config.REPORTS_DIR, force=args.force)
    print(f"store of {args.out or config.REPORTS_DIR}: {loaded} articles (re)loaded from data files, {removed} removed")
    return 0


def _stories(args: argparse.Namespace) -> int:
    from ..analysis.stories import load_items, stories

    items, problems = load_items(args.paths, outlet_from_folder=args.outlet_from_folder,
                                 story_from_folder=args.story_from_folder)
    for line in problems:
        print(f"newsnb: {line}", file=sys.stderr)
    if not items:
        print(f"newsnb: no articles in {', '.join(args.paths)}", file=sys.stderr)
        return 1
    df = stories(items)
    if args.format == "json":
        rows = [{k: (None if v != v else v) for k, v in r.items()} for r in df.to_dict("records")]
        print(json.dumps(rows, ensure_ascii=False, indent=args.indent))
    else:
        sys.stdout.write("".join(f"{k}\t{s}\n" for k, s in zip(df["key"], df["story"])))
    return 0


def _index(args: argparse.Namespace) -> int:
    from ..run.corpus_report import write_index

    print(write_index(args.out))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsnb", description="Analyse news articles and render shareable reports.")
    p.add_argument("--version", action="version", version=f"newsnb {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    a = sub.add_parser("analyze", help="print the analysis of articles as JSON, or write CSV tables")
    a.add_argument("paths", nargs="+", help="article files or folders")
    a.add_argument("--format", choices=["json", "jsonl", "csv"], default="json", help="output format (default json)")
    a.add_argument("--out", help="folder for --format csv (default reports/data/<slug>/)")
    a.add_argument("--indent", type=int, default=None, help="indent JSON output")
    a.add_argument("-j", "--jobs", type=int, default=None,
                   help="worker processes for --format jsonl and --store (default: number of CPUs for more than 32 files)")
    a.add_argument("--store", metavar="DIR", default=None,
                   help="write every article's rows into DIR/store (Parquet, for newsnb query) instead of printing")
    a.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                   help="with --store: wait this long for another run holding DIR (default: stop at once)")
    a.set_defaults(func=_analyze)

    r = sub.add_parser("render", help="render HTML reports with the article notebook")
    r.add_argument("paths", nargs="*", help=f"article files or folders (default {config.SEEDS_DIR})")
    r.add_argument("--out", default=None, help=f"output folder (default {config.REPORTS_DIR})")
    r.add_argument("--notebook", default=None, help="notebook to run per article (default notebooks/article.ipynb)")
    r.add_argument("-j", "--jobs", type=int, default=None,
                   help="notebooks run in parallel, one worker process and warm kernel each (default: number of CPUs)")
    r.add_argument("--fresh-kernels", action="store_true",
                   help="start a fresh kernel for every article (strict isolation, much slower)")
    r.add_argument("--executor", default="warm", choices=executors(),
                   help="how notebooks run: warm = reused warm kernels (default); papermill = a fresh kernel "
                        "per article, same as --fresh-kernels; others from installed plug-ins")
    r.add_argument("--force", action="store_true", help="render every article, also those whose report is up to date")
    r.add_argument("--timeout", type=float, default=600,
                   help="seconds for the whole notebook before the article fails (0: no limit; default 600)")
    r.add_argument("--recycle-after", type=int, default=200, metavar="N",
                   help="replace a warm kernel after N notebooks (default 200)")
    r.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="render on a Dask distributed cluster (scheduler address, e.g. tcp://host:8786)")
    r.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    r.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                   help="wait this long for another render into the same folder (default: stop at once)")
    r.set_defaults(func=_render)

    q = sub.add_parser("query", help="ask the corpus store in SQL (DuckDB; one view per table)")
    q.add_argument("sql", help='the query, e.g. "SELECT speaker, count(*) FROM quotes GROUP BY 1 ORDER BY 2 DESC"')
    q.add_argument("--out", default=None, help=f"reports folder holding store/ (default {config.REPORTS_DIR})")
    q.add_argument("--format", choices=["table", "csv", "json"], default="table", help="output format (default table)")
    q.add_argument("--indent", type=int, default=None, help="indent JSON output")
    q.set_defaults(func=_query)

    st = sub.add_parser("store", help="bring reports/store in line with the manifest or data/*.json (repair, migration)")
    st.add_argument("--out", default=None, help=f"reports folder (default {config.REPORTS_DIR})")
    st.add_argument("--force", action="store_true", help="rebuild the store from scratch")
    st.set_defaults(func=_store)

    s = sub.add_parser("stories", help="group articles into stories (the same event in several outlets)")
    s.add_argument("paths", nargs="+", help="article files, folders or globs")
    s.add_argument("--format", choices=["tsv", "json"], default="tsv",
                   help="tsv: one 'path<TAB>story' line per article (default); json: a record per article")
    s.add_argument("--story-from-folder", action="store_true",
                   help="the folder holding each file is its story id (over automatic grouping)")
    s.add_argument("--outlet-from-folder", action="store_true",
                   help="the folder holding each file is its outlet (over the file's metadata)")
    s.add_argument("--indent", type=int, default=None, help="indent JSON output")
    s.set_defaults(func=_stories)

    i = sub.add_parser("index", help="rebuild reports/index.html from the manifest")
    i.add_argument("--out", default=None, help="reports folder")
    i.set_defaults(func=_index)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except NewsnbError as exc:  # every user-facing failure is one line
        print(f"newsnb: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsnb: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
