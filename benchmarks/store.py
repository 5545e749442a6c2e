"""Benchmark the store: ``analyze --store`` throughput, a scaled store's size and five questions, the JSON path.

    .venv/bin/python benchmarks/store.py [--abp /tmp/abp.jsonl --limit 200 --jobs 2]
        [--analyses /tmp/abp-analyses.jsonl --base N --target 375000 | --scale 10]
        [--json-path 20000] [--corpus-report] [--keep DIR]

(a) ``--abp``: the ABP export (``../shared/corpus/abp/README.md``): its first ``--limit`` records
    through ``newsnb analyze FILE --store DIR --jobs J`` (the whole command: process start, model
    load, parsing, analysis, rows, Parquet): articles/s.
(b) ``--analyses``: one analysis JSON per line (``newsnb analyze --format jsonl`` over ABP; the
    lines present when the benchmark starts, at most ``--base``). Their rows are made once
    (:func:`newsnb.store.tables.records`), then written ``--scale`` times under new slugs (default: the factor
    that reaches ``--target`` articles, 375,000), ~25,000 articles per batch, through
    :meth:`StoreWriter.write_frames`. Prints the store's size per 1,000 articles and the time of
    five questions in DuckDB (each run twice: cold and warm), target ≤ 2 s each.
    ``--corpus-report``: also time ``newsnb.run.corpus_report.render_corpus`` on that store (wall
    time and summed peak RSS of every process it starts).
(c) ``--json-path N``: the path the store replaces, at N articles (copies of the analyses as
    ``data/*.json``): load them with :func:`newsnb.analysis.corpus.load` and build three corpus
    tables (time, peak RSS).

Prints figures only (no timed assertion). Skips what lacks its input, with a line saying so.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _proc import Sampler  # noqa: E402

MB = 2**20


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _timed(*args: str) -> tuple[subprocess.CompletedProcess, float, Sampler]:
    """``python ARGS`` with this checkout on the path: the finished process, its wall time and the
    memory of it and its children, sampled every 0.5 s."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    sampler = Sampler(interval=0.5)
    sampler.start()
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    sampler.stop()
    return proc, wall, sampler


def _run_newsnb(*args: str) -> tuple[subprocess.CompletedProcess, float, Sampler]:
    return _timed("-m", "newsnb", *args)


def bench_analyze(abp: Path, *, limit: int, jobs: int, work: Path) -> None:
    src = work / "abp-sample.jsonl"
    with open(abp, encoding="utf-8") as fh, open(src, "w", encoding="utf-8") as out:
        for i, line in enumerate(fh):
            if i >= limit:
                break
            out.write(line)
    proc, wall, sampler = _run_newsnb("analyze", str(src), "--store", str(work / "analyzed"), "--jobs", str(jobs))
    head = proc.stdout.strip().splitlines()[-1:] or [proc.stderr.strip()[-300:]]
    print(f"(a) newsnb analyze --store --jobs {jobs}, first {limit} ABP records: {wall:.1f} s, "
          f"{limit / wall:.2f} articles/s (whole command), exit {proc.returncode}; {sampler.summary()}")
    print(f"    {head[0]}")


def _base_frames(analyses: Path, base: int):
    """Every table's rows of the first ``base`` analyses, as pyarrow tables (one per table)."""
    from newsnb.store.tables import TABLES, frame, records
    from newsnb.store.writer import _arrow

    parts: dict[str, list] = {t: [] for t in TABLES}
    n = 0
    with open(analyses, encoding="utf-8") as fh:
        for line in fh:
            if n >= base:
                break
            try:
                data = json.loads(line)
            except ValueError:  # a line still being written
                break
            for table, recs in records(data).items():
                parts[table].extend(recs)
            n += 1
    frames = {t: _arrow(frame(t, recs)) for t, recs in parts.items() if recs}
    return frames, n


QUESTIONS = {
    "top speakers per outlet per month": """
        WITH n AS (SELECT a.outlet, a.month, q.speaker, count(*) AS quotes
                   FROM quotes q JOIN articles a USING (slug)
                   WHERE q.speaker IS NOT NULL AND q.kind <> 'scare' AND a.month IS NOT NULL GROUP BY ALL)
        SELECT * FROM n QUALIFY row_number() OVER (PARTITION BY outlet, month ORDER BY quotes DESC, speaker) <= 3
        ORDER BY outlet, month, quotes DESC""",
    "every quote of one person": """
        SELECT a.outlet, a.date, a.headline, q.text FROM quotes q JOIN articles a USING (slug)
        WHERE q.speaker = {person} ORDER BY a.date""",
    "articles naming two given entities": """
        SELECT a.slug, a.outlet, a.date, a.headline FROM articles a
        JOIN (SELECT slug FROM entities WHERE entity IN ({e1}, {e2})
              GROUP BY slug HAVING count(DISTINCT entity) = 2) USING (slug) ORDER BY a.date""",
    "share of loaded verbs per outlet": """
        SELECT a.outlet, count(*) AS cues, avg((q.cue_class = 'loaded')::INT) AS loaded_share
        FROM quotes q JOIN articles a USING (slug) WHERE q.cue IS NOT NULL GROUP BY 1 ORDER BY cues DESC""",
    "money figures above an amount": """
        SELECT a.outlet, a.date, n.text, n.value, n.context FROM numbers n JOIN articles a USING (slug)
        WHERE n.kind = 'money' AND n.unit = 'USD' AND n.value >= {amount} ORDER BY n.value DESC""",
}


def _lit(v: str) -> str:
    return "'" + str(v).replace("'", "''") + "'"


def ask(reports: Path) -> None:
    from newsnb.store import connect

    t0 = time.perf_counter()
    con = connect(reports)
    print(f"    connect: {time.perf_counter() - t0:.2f} s")
    person = con.sql("SELECT speaker FROM quotes WHERE speaker_type = 'person' GROUP BY 1 ORDER BY count(*) DESC "
                     "LIMIT 1 OFFSET 1").fetchall()[0][0]
    pair = con.sql("""SELECT e1.entity, e2.entity FROM entities e1 JOIN entities e2 USING (slug)
                      WHERE e1.entity < e2.entity AND e1.type = 'person' AND e2.type = 'place'
                      GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1 OFFSET 5""").fetchall()[0]
    values = {"person": _lit(person), "e1": _lit(pair[0]), "e2": _lit(pair[1]), "amount": 1_000_000_000}
    print(f"    parameters: person {person!r}, entities {pair!r}, amount $1bn")
    for name, sql in QUESTIONS.items():
        q = sql.format(**values)
        times = []
        for _ in range(2):
            t0 = time.perf_counter()
            n = len(con.sql(q).fetchall())
            times.append(time.perf_counter() - t0)
        print(f"    {name}: {times[0]:.2f} s cold, {times[1]:.2f} s warm ({n:,} rows)")
    con.close()


def bench_store(analyses: Path, *, base: int, scale: int | None, target: int, work: Path, corpus_report: bool) -> Path:
    import pyarrow as pa
    import pyarrow.compute as pc

    from newsnb.store.writer import StoreWriter

    t0 = time.perf_counter()
    frames, n = _base_frames(analyses, base)
    made = time.perf_counter() - t0
    if not n:
        print(f"(b) skipped: no analyses in {analyses}")
        return work
    scale = scale or max(1, round(target / n))
    print(f"(b) store from {n:,} analyses ({analyses}), rows made in {made:.1f} s ({n / made:.0f} articles/s); "
          f"scaled ×{scale} → {n * scale:,} articles")
    base_dir = work / "base"
    with StoreWriter(base_dir) as w:  # one copy: the size without the copies' repeated values
        w.write_frames(frames, tokens={s: "" for s in frames["articles"].column("slug").to_pylist()})
    base_size = _du(base_dir / "store")
    print(f"    the base alone (no copies): {base_size / MB:,.1f} MB = {base_size / MB / n * 1000:.1f} MB per 1,000 articles")
    shutil.rmtree(base_dir, ignore_errors=True)
    reports = work / "scaled"
    per_batch = max(1, 25_000 // n)
    t0 = time.perf_counter()
    w = StoreWriter(reports, small=1)
    copy = 0
    while copy < scale:
        group = range(copy, min(scale, copy + per_batch))
        batch = {}
        for table, tab in frames.items():
            copies = []
            for k in group:
                slug = tab.column("slug") if k == 0 else pc.binary_join_element_wise(tab.column("slug"), pa.scalar(f"~{k}", tab.column("slug").type), pa.scalar("", tab.column("slug").type))
                copies.append(tab.set_column(tab.schema.get_field_index("slug"), "slug", slug))
            batch[table] = pa.concat_tables(copies)
        tokens = {s: "" for s in batch["articles"].column("slug").to_pylist()}
        w.write_frames(batch, tokens=tokens)
        copy += len(group)
    w.close()
    wrote = time.perf_counter() - t0
    size = _du(reports / "store")
    articles = n * scale
    print(f"    written in {wrote:.1f} s ({articles / wrote:,.0f} articles/s); store {size / MB:,.0f} MB = "
          f"{size / MB / articles * 1000:.1f} MB per 1,000 articles (copies share Parquet dictionary pages: "
          "see the base's figure for new articles)")
    by_table = sorted(((_du(reports / "store" / t), t) for t in frames), reverse=True)
    print("    by table: " + ", ".join(f"{t} {b / MB:,.0f} MB" for b, t in by_table))
    ask(reports)
    if corpus_report:
        run_corpus_report(reports)
    return reports


def run_corpus_report(reports: Path) -> None:
    """The corpus report over the scaled store: wall time and summed peak RSS of its processes."""
    code = ("import sys; from newsnb.run.corpus_report import render_corpus; "
            "print(render_corpus(sys.argv[1], timeout=None))")
    proc, wall, sampler = _timed("-c", code, str(reports))
    print(f"    corpus report: {wall:.1f} s, exit {proc.returncode}; {sampler.summary()}")
    if proc.returncode:
        print("    " + (proc.stderr.strip().splitlines() or ["?"])[-1][:300])


def bench_json(analyses: Path, *, n: int, work: Path) -> None:
    """The JSON path at ``n`` articles: copies of the analyses as data/*.json, loaded and tabulated."""
    lines = []
    with open(analyses, encoding="utf-8") as fh:
        for line in fh:
            if len(lines) >= n:
                break
            lines.append(line)
    if not lines:
        print(f"(c) skipped: no analyses in {analyses}")
        return
    reports = work / "json"
    (reports / "data").mkdir(parents=True, exist_ok=True)
    for i in range(n):
        data = json.loads(lines[i % len(lines)])
        slug = f"{data['article']['slug']}~{i // len(lines)}"
        data["article"]["slug"] = slug
        (reports / "data" / f"{slug}.json").write_text(json.dumps(data), encoding="utf-8")
    size = _du(reports / "data")
    code = ("import sys, time; from newsnb.analysis import corpus as c; t0 = time.perf_counter(); "
            "items = c.load(sys.argv[1]); t1 = time.perf_counter(); "
            "tables = [f(items) for f in (c.articles, c.speakers, c.entities)]; "
            "print(f'{len(items)} loaded in {t1 - t0:.1f} s, three tables in {time.perf_counter() - t1:.1f} s')")
    proc, wall, sampler = _timed("-c", code, str(reports))
    out = proc.stdout.strip() or (proc.stderr.strip().splitlines() or ["?"])[-1][:300]
    print(f"(c) JSON path, {n:,} analyses ({size / MB:,.0f} MB of JSON): {wall:.1f} s, {out}; {sampler.summary()}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--abp", type=Path, default=None, help="the ABP export JSONL, for (a)")
    p.add_argument("--limit", type=int, default=200, help="(a): ABP records to analyse (default 200)")
    p.add_argument("--jobs", type=int, default=2, help="(a): newsnb analyze --jobs (default 2)")
    p.add_argument("--analyses", type=Path, default=Path("/tmp/abp-analyses.jsonl"), help="(b), (c): analyses JSONL")
    p.add_argument("--base", type=int, default=37_554, help="(b): at most this many analyses as the base")
    p.add_argument("--scale", type=int, default=None, help="(b): copies of the base (default: reach --target)")
    p.add_argument("--target", type=int, default=375_000, help="(b): articles to reach (default 375,000)")
    p.add_argument("--corpus-report", action="store_true", help="(b): also time the corpus report on the scaled store")
    p.add_argument("--json-path", type=int, default=0, metavar="N", help="(c): the JSON path at N articles (0: skip)")
    p.add_argument("--keep", type=Path, default=None, help="work folder to keep (default: a temporary one, removed)")
    args = p.parse_args(argv)
    print(f"store benchmark: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (the machine is shared)")
    work = args.keep or Path(tempfile.mkdtemp(prefix="newsnb-store-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.abp and args.abp.is_file():
            bench_analyze(args.abp, limit=args.limit, jobs=args.jobs, work=work)
        else:
            print(f"(a) skipped: no ABP export (--abp {args.abp or 'PATH'}; see ../shared/corpus/abp/README.md)")
        if args.analyses.is_file():
            bench_store(args.analyses, base=args.base, scale=args.scale, target=args.target, work=work,
                        corpus_report=args.corpus_report)
            if args.json_path:
                bench_json(args.analyses, n=args.json_path, work=work)
        else:
            print(f"(b), (c) skipped: no analyses file {args.analyses}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
