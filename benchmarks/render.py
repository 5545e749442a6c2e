"""Benchmark ``newsnb render`` against the naive Papermill loop, side by side in one run.

    .venv/bin/python benchmarks/render.py [--articles 40] [--jobs 2] [--full] [--skip-naive]

On the first N articles of ``../shared/corpus/bbc/`` (default 40), with the same notebook
(``notebooks/article.ipynb``) and the same number of processes (``--jobs``, default 2):

* naive: per article ``papermill`` CLI then ``jupyter nbconvert --to html --no-input``, ``jobs``
  articles at a time;
* newsnb: ``newsnb render FILES --jobs N --force`` (warm kernels) just before and just after the
  naive loop — the shared machine's speed drifts, so the two runs bracket the naive one and the
  speed-up uses their mean — then a no-change re-run.

``--full`` also renders the whole corpus with ``newsnb render --jobs N`` and samples the summed
RSS of every process of the run. Prints figures (wall time, articles/s, speed-up, memory); the
machine is shared, so the figures are what this run saw, not a bound. Exits 0 with a message when
``../shared`` is absent.
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _proc import Sampler  # noqa: E402

from newsnb import config  # noqa: E402

BIN = Path(sys.executable).parent


def _env() -> dict:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def naive(articles: list[Path], work: Path, jobs: int) -> float:
    """papermill CLI + nbconvert CLI per article, ``jobs`` at a time; wall seconds."""
    (work / "data").mkdir(parents=True)
    env = _env()

    def one(path: Path) -> int:
        nb = work / f"{path.stem}.ipynb"
        a = subprocess.run([str(BIN / "papermill"), str(config.ARTICLE_NOTEBOOK), str(nb), "-p", "article_path", str(path),
                            "-p", "data_path", str(work / "data" / f"{path.stem}.json"), "--cwd", str(config.NOTEBOOKS_DIR)],
                           env=env, capture_output=True, text=True)
        if a.returncode:
            print(f"  naive papermill failed on {path.name}: {a.stderr.strip().splitlines()[-1:]}")
            return 1
        b = subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb)], env=env,
                           capture_output=True, text=True)
        return b.returncode

    t0 = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        failures = sum(pool.map(one, articles))
    wall = time.perf_counter() - t0
    html = len(list(work.glob("*.html")))
    print(f"  naive: {html}/{len(articles)} HTML reports ({failures} failed) in {wall:.1f} s")
    return wall


def newsnb_render(paths: list[Path], out: Path, jobs: int, *, force: bool = True, sample: bool = False,
                  notebook: str | None = None):
    cmd = [str(BIN / "newsnb"), "render", *map(str, paths), "--out", str(out), "--jobs", str(jobs), "-q"]
    if notebook:
        cmd += ["--notebook", notebook]
    if force:
        cmd.append("--force")
    sampler = Sampler(1.0) if sample else None
    if sampler:
        sampler.start()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # watch the manifest: when was the last article report written (before index/corpus pages)
    last_report = first_report = None
    total = None
    while proc.poll() is None:
        time.sleep(0.5)
        try:
            m = json.loads((out / "manifest.json").read_text())["articles"]
        except (OSError, ValueError, KeyError):
            continue
        done = sum(1 for e in m.values() if e.get("rendered_at") and e.get("status") in ("ok", "failed"))
        if total is None or done > total:
            total, last_report = done, time.perf_counter() - t0
            if first_report is None and done:
                first_report = (last_report, done)
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t0
    if sampler:
        sampler.stop()
    if proc.returncode not in (0, 1):
        print(stderr[-2000:])
    steady = None
    if first_report and total and last_report and total > first_report[1] and last_report > first_report[0]:
        steady = (total - first_report[1]) / (last_report - first_report[0])
    return wall, last_report, stdout.strip(), sampler, (first_report[0] if first_report else None, steady)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=40, help="articles for the side-by-side run (default 40)")
    p.add_argument("--jobs", type=int, default=2, help="processes for both (default 2)")
    p.add_argument("--full", action="store_true", help="also render the whole corpus with newsnb")
    p.add_argument("--full-limit", type=int, default=None, metavar="N",
                   help="with --full: only the first N articles of the corpus (a shorter run)")
    p.add_argument("--full-notebook", default=None,
                   help="with --full: another notebook (e.g. tests/data/notebooks/light.ipynb, to time the "
                        "machinery and the no-change re-run of the whole corpus quickly)")
    p.add_argument("--skip-naive", action="store_true", help="do not run the naive loop")
    p.add_argument("--skip-side-by-side", action="store_true", help="only the --full run")
    args = p.parse_args(argv)
    corpus = config.SHARED_DIR / "corpus" / "bbc"
    if not corpus.is_dir():
        print(f"skipped: the shared corpus is not here ({corpus})")
        return 0
    all_articles = sorted(corpus.glob("*.txt"))
    articles = all_articles[: args.articles]
    load = os.getloadavg()
    print(f"render benchmark: {len(articles)} articles from {corpus}, {args.jobs} processes each, "
          f"{os.cpu_count()} CPUs (load average at start {load[0]:.1f}; the machine is shared)")
    work = Path(tempfile.mkdtemp(prefix="newsnb-bench-"))
    try:
        if not args.skip_side_by_side:
            side_by_side(articles, work, args)
        if args.full:
            full = all_articles[: args.full_limit] if args.full_limit else all_articles
            # the articles as a glob pattern (newsnb expands it): the folder also holds INDEX.csv
            inputs = [str(corpus / "*.txt")] if len(full) == len(all_articles) else full
            nb = f" with {args.full_notebook}" if args.full_notebook else ""
            print(f"full corpus: {len(full)} of {len(all_articles)} articles, newsnb render --jobs {args.jobs}{nb}")
            wall, last, out, sampler, _ = newsnb_render(inputs, work / "full", args.jobs, sample=True, notebook=args.full_notebook)
            print(f"  {wall:.1f} s in all ({wall / 60:.1f} min), last article report at {last:.1f} s; "
                  f"{len(full) / wall:.2f} articles/s")
            print("    " + out.replace("\n", "\n    ")[:3000])
            print(f"    memory (all processes): {sampler.summary()}")
            wall2, _, out2, _, _ = newsnb_render(inputs, work / "full", args.jobs, force=False, notebook=args.full_notebook)
            print(f"  no-change re-run: {wall2:.2f} s ({out2.splitlines()[0]})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _newsnb_run(label: str, articles: list[Path], out: Path, jobs: int) -> tuple:
    """One forced ``newsnb render`` of ``articles``; prints its figures, returns (wall seconds,
    seconds to the last article report, articles/s once warm)."""
    wall, last, out_text, sampler, (first, steady) = newsnb_render(articles, out, jobs, sample=True)
    print(f"  newsnb render --jobs {jobs} ({label}): {wall:.1f} s in all, first article report at {first or 0:.1f} s "
          f"(start-up: workers, kernels, model), last at {last:.1f} s"
          + (f"; between them {steady:.2f} articles/s" if steady else ""))
    print("    " + out_text.replace("\n", "\n    "))
    print(f"    memory (all processes): {sampler.summary()}")
    return wall, last, steady


def side_by_side(articles: list[Path], work: Path, args: argparse.Namespace) -> None:
    """newsnb render just before and just after the naive loop (the machine is shared and its speed
    drifts: the two runs bracket the naive one), then a no-change re-run."""
    n = len(articles)
    runs = [_newsnb_run("before the naive loop", articles, work / "newsnb-1", args.jobs)]
    wall_naive = None
    if not args.skip_naive:
        wall_naive = naive(articles, work / "naive", args.jobs)
        runs.append(_newsnb_run("after the naive loop", articles, work / "newsnb-2", args.jobs))
    wall2, _, out2, _, _ = newsnb_render(articles, work / "newsnb-1", args.jobs, force=False)
    print(f"  no-change re-run: {wall2:.2f} s ({out2.splitlines()[0]})")
    wall = sum(r[0] for r in runs) / len(runs)
    last = sum(r[1] for r in runs) / len(runs)
    steadies = [r[2] for r in runs if r[2]]
    steady = sum(steadies) / len(steadies) if steadies else None
    print(f"  throughput: newsnb {n / wall:.2f} articles/s (mean of {len(runs)} run(s): "
          + ", ".join(f"{r[0]:.1f} s" for r in runs) + f"; articles only: {n / last:.2f}/s)")
    if wall_naive:
        rate_naive = n / wall_naive
        print(f"  throughput: naive {rate_naive:.3f} articles/s ({wall_naive / n * args.jobs:.1f} s per article per process)")
        each = ", ".join(f"{wall_naive / r[0]:.1f}x" for r in runs)
        print(f"  speed-up: {(n / wall) / rate_naive:.1f}x whole command (before, after: {each}), "
              f"{(n / last) / rate_naive:.1f}x article reports only"
              + (f", {steady / rate_naive:.1f}x once the kernels are warm" if steady else ""))


if __name__ == "__main__":
    sys.exit(main())
