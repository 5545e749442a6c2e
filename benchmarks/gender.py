"""Coverage of speaker gender on the shared corpora (there is no gold gender in them).

    .venv/bin/python benchmarks/gender.py [--bbc-limit N] [--skip-polnear] [--skip-bbc] [--show N] [--check N]

For the PolNeAR dev split (``../shared/eval/polnear-dev/text``, 84 US political articles) and the
BBC corpus (``../shared/corpus/bbc``, 2,225 articles; ``--bbc-limit`` takes the first N), prints:
articles, person sources (a person quoted in an article, counted once per article), the share of
them labelled female or male, the share by evidence (``text`` — split into pronoun, honorific and
noun — ``name``, ``none``, ``conflict``), and the share of women among person sources, among
labelled sources and of the quoted words. ``--show N`` prints N labelled sources at random (fixed
seed) with the sentence holding the evidence, for checking by hand; ``--check N`` prints N BBC
articles at random (fixed seeds) that quote a person, with every person speaker, its label and
evidence, for the README's hand check. Exits 0 with a message when ``../shared`` is absent. The
articles are copyrighted: they are read, never copied.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsnb.core import config  # noqa: E402


def _kind(text: str | None) -> str:
    """Which kind of text evidence: pronoun, honorific or noun."""
    from newsnb.analysis.text.lexicon import FEMALE_HONORIFICS, GENDERED_PRONOUNS, MALE_HONORIFICS

    low = (text or "").lower().rstrip(".")
    if low in GENDERED_PRONOUNS:
        return "pronoun"
    return "honorific" if low in MALE_HONORIFICS + FEMALE_HONORIFICS else "noun"


def measure(name: str, files: list[Path], show: int = 0) -> dict:
    import pandas as pd

    from newsnb.analysis.gender import voices
    from newsnb.analysis.nlp import parse_many
    from newsnb.analysis.quotes import quotes
    from newsnb.input import load

    t0 = time.perf_counter()
    articles = [load(f) for f in files]
    sources, frames, examples = [], [], []
    for article, doc in zip(articles, parse_many(articles)):
        q = quotes(article, doc=doc)
        frames.append(q.assign(slug=article.slug))
        person = q[(q["speaker_type"] == "person") & (q["kind"] != "scare")].drop_duplicates("speaker")
        for r in person.itertuples(index=False):
            sources.append((r.gender, r.gender_evidence, r.gender_evidence_text))
            if r.gender in ("female", "male") and pd.notna(r.gender_evidence_start):
                examples.append((article, r))
    seconds = time.perf_counter() - t0
    n = len(sources)
    evidence = Counter(e for _, e, _ in sources)
    kinds = Counter(_kind(t) for _, e, t in sources if e == "text")
    genders = Counter(g for g, _, _ in sources)
    labelled = genders["female"] + genders["male"]
    table = voices(pd.concat(frames, ignore_index=True)).set_index("gender")
    words = table["quoted_words"]

    def pct(k: int, total: int) -> str:
        return f"{k / total:.1%}" if total else "–"

    print(f"{name}: {len(files)} articles, {n} person sources ({seconds:.0f} s)")
    print(f"  labelled {labelled} = {pct(labelled, n)}  (female {genders['female']}, male {genders['male']}, "
          f"unknown {genders['unknown']})")
    print("  by evidence: " + ", ".join(f"{e} {evidence[e]} ({pct(evidence[e], n)})" for e in ("text", "name", "none", "conflict")))
    print("  text evidence: " + ", ".join(f"{k} {kinds[k]}" for k in ("pronoun", "honorific", "noun")))
    print(f"  share of women: {pct(genders['female'], n)} of person sources, {pct(genders['female'], labelled)} of "
          f"labelled sources; {pct(int(words['female']), int(words.sum()))} of quoted words "
          f"({pct(int(words['female']), int(words['female'] + words['male']))} of labelled quoted words)")
    if show:
        rng = random.Random(14)
        for article, r in rng.sample(examples, min(show, len(examples))):
            text = article.text
            context = _context(text, int(r.gender_evidence_start), int(r.gender_evidence_end))
            print(f"  - {article.slug}: {r.speaker} → {r.gender} ({r.gender_evidence}: {r.gender_evidence_text!r}) "
                  f"…{context}…")
    return {"sources": n, "labelled": labelled, "evidence": evidence, "genders": genders}


def _context(text: str, start: int, end: int) -> str:
    """The line around ``text[start:end]``, cut to about 240 characters."""
    lo, hi = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    return text[max(lo, start - 160):min(hi if hi >= 0 else len(text), end + 80)].replace("\n", " ")


def check(files: list[Path], n: int) -> None:
    """Every person speaker of ``n`` random articles that quote a person (half from each of two
    fixed seeds), for checking by hand."""
    import pandas as pd

    from newsnb.analysis.quotes import quotes
    from newsnb.input import load

    for seed in (50, 7):
        shown = 0
        for f in random.Random(seed).sample(files, min(60, len(files))):
            if shown >= (n + 1) // 2:
                break
            article = load(f)
            q = quotes(article)
            people = q[(q["speaker_type"] == "person") & (q["kind"] != "scare")].drop_duplicates("speaker")
            if people.empty:
                continue
            shown += 1
            print(f"=== {f.name}: {article.title}")
            for r in people.itertuples(index=False):
                where = _context(article.text, int(r.gender_evidence_start), int(r.gender_evidence_end)) \
                    if pd.notna(r.gender_evidence_start) else ""
                print(f"  {r.speaker!r:32} {r.gender:8} {r.gender_evidence:9} {r.gender_evidence_text or ''!s:12} | {where}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bbc-limit", type=int, default=None, help="first N BBC articles (default: all)")
    p.add_argument("--skip-polnear", action="store_true")
    p.add_argument("--skip-bbc", action="store_true")
    p.add_argument("--show", type=int, default=0, help="print N labelled sources with their evidence")
    p.add_argument("--check", type=int, default=0, help="print every person speaker of N random BBC articles")
    args = p.parse_args(argv)
    polnear = config.SHARED_DIR / "eval" / "polnear-dev" / "text"
    bbc = config.SHARED_DIR / "corpus" / "bbc"
    if not polnear.is_dir() and not bbc.is_dir():
        print(f"skipped: the shared data is not here ({config.SHARED_DIR})")
        return 0
    if args.check:
        if bbc.is_dir():
            check(sorted(bbc.glob("*.txt")), args.check)
        return 0
    if polnear.is_dir() and not args.skip_polnear:
        measure("PolNeAR dev", sorted(polnear.glob("*.txt")), args.show)
    if bbc.is_dir() and not args.skip_bbc:
        measure("BBC", sorted(bbc.glob("*.txt"))[: args.bbc_limit], args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
