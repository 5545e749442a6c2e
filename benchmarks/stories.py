"""Benchmark story grouping (``newsnb.analysis.stories``): accuracy on basil-dev, with and without
ABP distractors, and the time and memory to group 100,000 articles.

    .venv/bin/python benchmarks/stories.py [--abp /tmp/abp.jsonl] [--scale N] [--no-scale] [-v]

Runs, scoring each with ``../shared/eval/story_eval.py`` (B-cubed F1, pairwise F1, ARI):

1. ``basil-dev`` alone: 150 articles, 50 events × 3 outlets (loaded through newsnb's loaders).
2. ``+ same-day``: 150 ABP articles dated inside the windows of the basil-dev events that ABP
   covers (2012–2014; a window is the event's first day − 1 to its last day + 1), 5 per event,
   drawn with a fixed seed; each is its own story in the gold. ABP articles that are basil-dev
   articles (same URL or same title; ABP holds some of BASIL's Fox articles verbatim) are left
   out. ABP has no story ids, so a distractor that covers the same event as a basil-dev story
   counts as an error when grouped with it, as the published anchors count it.
3. ``+ later``: 600 ABP articles from 2015–2020 (after every basil-dev event), fixed seed.
4. Scale: ABP's 37,554 articles repeated with each copy's dates shifted by 3,400 days and new
   ids, up to ``--scale`` (100,000) articles, grouped; wall time and peak memory (RSS) printed.
   Undated ABP articles (12 %) are undated in every copy, so their copies, being identical, end
   in one story.

Skips cleanly (exit 0 with a message) without ``../shared`` or without the ABP export; make
the export with ``python3 ../shared/corpus/abp/export_abp.py GIT_DIR /tmp/abp.jsonl`` (see
``../shared/corpus/abp/README.md``). The texts are copyrighted: read, never copied into the repo.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsnb.analysis import stories as S  # noqa: E402
from newsnb.core import config  # noqa: E402

BASIL = config.SHARED_DIR / "corpus" / "basil-dev"
SCORER = config.SHARED_DIR / "eval" / "story_eval.py"
DEFAULT_ABP = Path(os.environ.get("NEWSNB_ABP", "/tmp/abp.jsonl"))
SEED = 16


def basil_items() -> tuple[list[S.Item], dict[str, str]]:
    """basil-dev through newsnb's loaders, and its gold ``name → story``."""
    items, problems = S.load_items([BASIL / "articles"])
    if problems:
        print("problems:", *problems, sep="\n  ", file=sys.stderr)
    gold = {}
    for line in (BASIL / "gold.tsv").read_text("utf-8").splitlines():
        if line.strip():
            name, story = line.split("\t")
            gold[name.removesuffix(".json")] = story
    return items, gold


def _abp_item(rec: dict, *, key: str | None = None, shift: int = 0) -> S.Item:
    d = S._date(rec.get("date"))
    if d and shift:
        d = d + timedelta(days=shift)
    return S.Item(key=key or f"abp-{rec['id']}", title=rec.get("title") or "", text=rec.get("text") or "", date=d,
                  outlet=rec.get("source"), slug=key or f"abp-{rec['id']}")


def abp_records(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _norm_title(t: str) -> str:
    return re.sub(r"\W+", " ", (t or "").lower()).strip()


def _windows(basil: list[S.Item], gold: dict[str, str]) -> list[tuple[date, date]]:
    """Each basil-dev event's window: its first day − 1 to its last day + 1, in story-id order."""
    events: dict[str, list[date]] = {}
    for it in basil:
        events.setdefault(gold[Path(it.key).stem], []).append(it.date)
    return [(min(d) - timedelta(days=1), max(d) + timedelta(days=1)) for _, d in sorted(events.items())]


def _usable(basil: list[S.Item]):
    titles = {_norm_title(it.title) for it in basil}
    texts = {" ".join(it.text.split())[:200] for it in basil}
    urls = {it.extra.get("url") for it in basil if it.extra.get("url")}

    def usable(rec: dict) -> bool:
        return (_norm_title(rec.get("title")) not in titles and rec.get("url") not in urls
                and " ".join((rec.get("text") or "").split())[:200] not in texts)

    return usable


def distractors(basil: list[S.Item], gold: dict[str, str], abp: list[dict], n_same: int = 150,
                n_later: int = 600) -> dict[str, list[S.Item]]:
    """Distractor sets drawn with a fixed seed (see the module docstring):

    * ``same-day``: real ABP articles dated inside the basil-dev event windows ABP covers, as
      evenly over the events as the pools allow; some cover the basil event itself.
    * ``other-event``: ABP articles of 2012–2014 dated 3+ weeks from every basil-dev event,
      re-dated to a day inside an event window (each window's articles from different months),
      so they are of the same era and the same days but certainly of other events.
    * ``later``: ABP articles of 2015–2020.
    """
    rng = random.Random(SEED)
    usable = _usable(basil)
    windows = _windows(basil, gold)
    dated = sorted((r for r in abp if S._date(r.get("date")) and usable(r)), key=lambda r: r["id"])
    # same-day: round robin over the windows with articles in ABP
    pools = []
    for lo, hi in windows:
        pool = [r for r in dated if lo <= S._date(r["date"]) <= hi]
        rng.shuffle(pool)
        if pool:
            pools.append(pool)
    same_day, taken = [], set()
    while len(same_day) < n_same and any(pools):
        for pool in pools:
            while pool and pool[-1]["id"] in taken:
                pool.pop()
            if pool and len(same_day) < n_same:
                rec = pool.pop()
                taken.add(rec["id"])
                same_day.append(_abp_item(rec))
    # other events of the same era, moved into the windows
    far = [r for r in dated if 2012 <= S._date(r["date"]).year <= 2014
           and all(abs((S._date(r["date"]) - lo).days) > 21 and abs((S._date(r["date"]) - hi).days) > 21 for lo, hi in windows)]
    rng.shuffle(far)
    other = []
    per_window = -(-n_same // len(windows))
    for lo, hi in windows:
        months: set[tuple[int, int]] = set()
        for rec in list(far):
            if len([o for o in other if o.extra.get("window") == lo]) >= per_window or len(other) >= n_same:
                break
            d = S._date(rec["date"])
            if (d.year, d.month) in months:
                continue
            months.add((d.year, d.month))
            far.remove(rec)
            item = _abp_item(rec)
            item.date = lo + timedelta(days=rng.randrange((hi - lo).days + 1))
            item.extra["window"] = lo
            other.append(item)
    later_pool = [r for r in dated if S._date(r["date"]).year >= 2015]
    later = [_abp_item(r) for r in rng.sample(later_pool, n_later)]
    return {"same-day": same_day, "other-event": other, "later": later}


def score(items: list[S.Item], gold: dict[str, str], label: str, verbose: bool = False) -> str:
    t0 = time.perf_counter()
    df = S.stories(items)
    seconds = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        g, s = Path(tmp) / "gold.tsv", Path(tmp) / "system.tsv"
        names = [Path(it.key).name.removesuffix(".json") for it in items]
        g.write_text("".join(f"{n}\t{gold.get(n, 'single-' + n)}\n" for n in names))
        s.write_text("".join(f"{n}\t{sid}\n" for n, sid in zip(names, df["story"])))
        cmd = [sys.executable, str(SCORER), str(g), str(s)] + (["-v", "--errors", "5"] if verbose else [])
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    if verbose:
        print(out)
    last = out.splitlines()[-1]
    print(f"{label:<28} {last}  ({len(items)} articles, {seconds:.2f} s)")
    return last


def scale_run(abp: list[dict], n: int) -> None:
    items, copy = [], 0
    while len(items) < n:
        for rec in abp:
            if len(items) >= n:
                break
            items.append(_abp_item(rec, key=f"abp{copy}-{rec['id']}", shift=3400 * copy))
        copy += 1
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    ids = S.group(items)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sizes: dict[str, int] = {}
    for sid in ids:
        sizes[sid] = sizes.get(sid, 0) + 1
    multi = sum(1 for v in sizes.values() if v >= 2)
    print(f"scale: {len(items):,} articles ({copy} copies of ABP, dates shifted) grouped in {wall:.1f} s wall; "
          f"{len(sizes):,} stories, {multi:,} with 2+ articles, largest {max(sizes.values())}; "
          f"peak RSS {peak:,.0f} MB (before grouping {rss0:,.0f} MB, the articles loaded)")
    print(f"scale_seconds={wall:.1f} scale_articles={len(items)} peak_rss_mb={peak:.0f}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--abp", type=Path, default=DEFAULT_ABP, help="the ABP export (JSON lines)")
    p.add_argument("--scale", type=int, default=100_000, help="articles for the scale run")
    p.add_argument("--no-scale", action="store_true", help="skip the scale run")
    p.add_argument("-v", "--verbose", action="store_true", help="the scorer's error lists")
    args = p.parse_args(argv)
    if not BASIL.is_dir() or not SCORER.is_file():
        print(f"skipped: {BASIL} or {SCORER} not present (development data, not shipped)")
        return 0
    basil, gold = basil_items()
    score(basil, gold, "basil-dev", args.verbose)
    if not args.abp.is_file():
        print(f"skipped the ABP runs: {args.abp} not present; make it with "
              f"python3 {config.SHARED_DIR}/corpus/abp/export_abp.py GIT_DIR {args.abp} "
              f"(see {config.SHARED_DIR}/corpus/abp/README.md)")
        return 0
    abp = abp_records(args.abp)
    sets = distractors(basil, gold, abp)
    for name, extra in sets.items():
        score(basil + extra, gold, f"+ {len(extra)} {name}", args.verbose)
    if not args.no_scale:
        scale_run(abp, args.scale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
