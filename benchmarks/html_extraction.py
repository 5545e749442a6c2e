"""How well newsnb's HTML loader extracts article text from real news pages.

Data: ``config.SHARED_DIR / corpus/html`` (development data beside the project, never in the
repository; see its PROVENANCE.md). When it is absent the script says so and exits 0.

* ``newspaper4k/``: pages with the expected article text (``txt/NAME.txt``). Score: token F1
  between the loaded article's story text without the headline (key points + paragraphs) and
  the expected text; tokens are lower-cased ``\\w+`` runs, compared as multisets.
* ``trafilatura/``: pages with snippets a good extraction must contain ("with") and must not
  contain ("without"); there is no full expected text, so no token F1. Score: share of snippet
  checks passed (whitespace-normalised, case-sensitive).

Run: ``python benchmarks/html_extraction.py`` (``-v`` prints failed snippets).
"""
from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from newsnb.core import config
from newsnb.input import ArticleError, load_all


def tokens(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def token_f1(found: str, expected: str) -> tuple[float, float, float]:
    f, e = tokens(found), tokens(expected)
    overlap = sum((f & e).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    p, r = overlap / sum(f.values()), overlap / sum(e.values())
    return 2 * p * r / (p + r), p, r


def story(path: Path) -> str:
    article = load_all(path)[0]
    return "\n".join(p.text for p in article.story_parts if p.kind != "headline")


def norm(text: str) -> str:
    return " ".join(text.split())


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    root = config.SHARED_DIR / "corpus" / "html"
    if not root.is_dir():
        print(f"html_extraction: {root} not present; nothing to measure (skipped)")
        return 0
    started = time.perf_counter()
    f1s: list[float] = []
    n4k = root / "newspaper4k"
    if (n4k / "html").is_dir():
        print("newspaper4k (token F1 against txt/NAME.txt)")
        for page in sorted((n4k / "html").glob("*.html")):
            expected = n4k / "txt" / f"{page.stem}.txt"
            if not expected.is_file():
                continue
            try:
                f1, p, r = token_f1(story(page), expected.read_text(encoding="utf-8"))
            except ArticleError as exc:
                print(f"  {page.name:32} FAILED {exc}")
                f1, p, r = 0.0, 0.0, 0.0
            f1s.append(f1)
            print(f"  {page.name:32} F1 {f1:.3f}  precision {p:.3f}  recall {r:.3f}")
        if f1s:
            print(f"  mean token F1 {sum(f1s) / len(f1s):.3f} over {len(f1s)} pages")
    traf = root / "trafilatura"
    passed = total = 0
    if (traf / "evaldata.selected.json").is_file():
        print("trafilatura (snippet checks: 'with' present, 'without' absent)")
        evaldata = json.loads((traf / "evaldata.selected.json").read_text(encoding="utf-8"))
        for url, item in sorted(evaldata.items(), key=lambda kv: kv[1]["file"]):
            page = traf / "cache" / item["file"]
            if not page.is_file():
                continue
            try:
                text = norm(story(page))
            except ArticleError as exc:
                text = ""
                print(f"  {page.name:44} FAILED {exc}")
            checks = [(s, norm(s) in text) for s in item.get("with", [])]
            checks += [(s, norm(s) not in text) for s in item.get("without", [])]
            ok = sum(c for _, c in checks)
            passed, total = passed + ok, total + len(checks)
            print(f"  {page.name:44} {ok}/{len(checks)} checks")
            if verbose:
                for s, c in checks:
                    if not c:
                        print(f"      failed: {s!r}")
        if total:
            print(f"  snippet checks passed {passed}/{total} = {passed / total:.3f}")
    print(f"summary: newspaper4k mean token F1 {sum(f1s) / len(f1s):.3f} ({len(f1s)} pages)" if f1s else "summary: no newspaper4k pages")
    if total:
        print(f"summary: trafilatura snippet checks {passed / total:.3f} ({passed}/{total})")
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
