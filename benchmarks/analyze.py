"""Benchmark ``newsnb analyze --format jsonl`` against plain spaCy ``nlp.pipe`` with the same model.

    .venv/bin/python benchmarks/analyze.py [--articles N] [--jobs 2] [--jobs 1 …]

* plain: ``nlp.pipe`` over the decoded article texts in this process (batch size 32, the
  newsnb pipeline: ``newsnb.nlp.model()``), model load not counted;
* newsnb: the whole command ``newsnb analyze FOLDER --format jsonl --jobs J`` (process start,
  model load, parsing, the analysis and the JSON output), for each ``--jobs`` given.

Prints articles/s for both and the ratio (target: newsnb ≥ 0.6× plain). The machine is shared:
figures are what this run saw. Exits 0 with a message when ``../shared`` is absent.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsnb import config  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=None, help="first N articles (default: the whole corpus)")
    p.add_argument("--jobs", type=int, action="append", default=None, help="newsnb analyze --jobs (repeatable; default 2)")
    args = p.parse_args(argv)
    corpus = config.SHARED_DIR / "corpus" / "bbc"
    if not corpus.is_dir():
        print(f"skipped: the shared corpus is not here ({corpus})")
        return 0
    files = sorted(corpus.glob("*.txt"))[: args.articles]
    jobs_list = args.jobs or [2]
    print(f"analyze benchmark: {len(files)} articles from {corpus}, {os.cpu_count()} CPUs "
          f"(load average at start {os.getloadavg()[0]:.1f}; the machine is shared)")

    from newsnb.input import decode
    from newsnb.analysis.nlp import model

    nlp = model()
    texts = [decode(f.read_bytes(), f) for f in files]
    t0 = time.perf_counter()
    n_tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
    plain = time.perf_counter() - t0
    rate_plain = len(files) / plain
    print(f"  plain nlp.pipe (1 process, model loaded): {plain:.1f} s, {rate_plain:.2f} articles/s ({n_tokens:,} tokens)")

    with tempfile.TemporaryDirectory(prefix="newsnb-analyze-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for f in files:  # links, not copies: the texts stay in ../shared
            (folder / f.name).symlink_to(f)
        for jobs in jobs_list:
            t0 = time.perf_counter()
            proc = subprocess.run([str(Path(sys.executable).parent / "newsnb"), "analyze", str(folder), "--format", "jsonl",
                                   "--jobs", str(jobs)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            wall = time.perf_counter() - t0
            lines = proc.stdout.count("\n")
            rate = len(files) / wall
            print(f"  newsnb analyze --format jsonl --jobs {jobs} (whole command): {wall:.1f} s, {rate:.2f} articles/s, "
                  f"{lines} JSON lines, exit {proc.returncode}; ratio to plain nlp.pipe {rate / rate_plain:.2f}")
            if proc.returncode not in (0, 1):
                print(proc.stderr[-1500:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
