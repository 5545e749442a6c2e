"""Benchmark newsnb.quotes on the PolNeAR dev split with the shared quote-attribution scorer.

    .venv/bin/python benchmarks/quotes.py [--errors N] [--limit N] [-v]

Runs ``../shared/eval/quotes_eval.py --system-module benchmarks/quotes.py:system`` on
``../shared/eval/polnear-dev`` and prints its figures (last line: ``quote_f1=… speaker_acc=…
e2e_f1=… n_gold=… n_sys=…``). Exits 0 with a message when the shared folder is absent (it is
development data, not shipped). The articles are copyrighted: they are read, never copied.

:func:`system` is the scorer's system interface: article text → ``{"quotes": [...]}`` with the
direct quotes and the partial quotes of three or more words (the scorer's definition of a quote:
quoted segments of 3+ words inside attributed content), one record per paragraph piece (the
scorer pairs quotation marks paragraph by paragraph).
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsnb.core import config

#: Minimum words for a partial quote to be reported to the scorer (its gold excludes shorter ones).
MIN_PARTIAL_WORDS = 3


def system(text: str) -> dict:
    """The scorer's system function: quotes of one article as JSON-friendly records."""
    from newsnb.input import parse_text
    from newsnb.analysis.quotes import quotes, records

    article = parse_text(text)
    return {"quotes": scorer_quotes(article, records(quotes(article)))}


def scorer_quotes(article, rows: list[dict]) -> list[dict]:
    """Quotation records for the scorer: direct quotes, and the quoted parts of partial and mixed
    rows of three or more words, each with its row's speaker."""
    from newsnb.analysis.text.quotation import inner, n_words

    out = []
    for q in rows:
        if q["kind"] not in ("direct", "partial", "mixed"):
            continue
        for a, b in q.get("parts") or [[q["start"], q["end"]]]:
            if q["kind"] != "direct" and n_words(article.text[slice(*inner(article.text, a, b))]) < MIN_PARTIAL_WORDS:
                continue
            for s, e in _pieces(article, a, b):
                out.append(
                    {
                        "start": s,
                        "end": e,
                        "speaker": q["speaker"] or q["speaker_text"],
                        "speaker_start": q["speaker_start"],
                        "speaker_end": q["speaker_end"],
                        "kind": q["kind"],
                    }
                )
    return out


def _pieces(article, start: int, end: int) -> list[tuple[int, int]]:
    """A quotation cut at line breaks (the scorer pairs marks line by line), blank pieces dropped."""
    out = []
    pos = start
    for m in re.finditer(r"\s*\n\s*", article.text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return [(s, e) for s, e in out if e > s]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    eval_dir = config.SHARED_DIR / "eval"
    scorer = eval_dir / "quotes_eval.py"
    data = eval_dir / "polnear-dev"
    if not scorer.is_file() or not (data / "text").is_dir():
        print(f"skipped: the shared evaluation data is not here ({eval_dir})")
        return 0
    cmd = [sys.executable, str(scorer), "--data", str(data), "--system-module", f"{Path(__file__).resolve()}:system",
           *argv]
    return subprocess.call(cmd, cwd=str(ROOT))


if __name__ == "__main__":
    sys.exit(main())
