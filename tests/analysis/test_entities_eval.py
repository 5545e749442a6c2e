"""Accuracy gate for :mod:`newsnb.analysis.entities` on unseen news: CoNLL++ dev (216 Reuters
documents, gold PER/ORG/LOC) scored by ``../shared/eval/ner_eval.py``, every document included —
one that newsnb refuses counts as having no mentions.

The articles go through newsnb's own loader (so the English check applies) and are parsed in this
process with ``nlp.parse_many`` (about 30-60 s for the 216 documents on one core). Skipped without
``../shared``; in CI (``CI=true``) the data must be there and the test runs."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pytest

from newsnb.core import config

EVAL = config.SHARED_DIR / "eval"
CONLL = EVAL / "conll-dev"
SCORER = EVAL / "ner_eval.py"

#: Exact-span micro F1 over all documents that the suite requires (issue #13).
GATE = 0.75

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(
        not (CONLL.is_dir() and SCORER.is_file()) and os.environ.get("CI", "").lower() != "true",
        reason="../shared/eval/conll-dev or ner_eval.py not present",
    ),
]


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """(figures from the scorer's last lines, number of refused documents, seconds to analyse)."""
    from newsnb.analysis import entities, nlp
    from newsnb.input import load_all
    from newsnb.input.article import ArticleError

    started = time.perf_counter()
    articles, refused = [], []
    for path in sorted(CONLL.glob("*.txt")):
        try:
            loaded = load_all(path)
        except ArticleError as e:
            refused.append(str(e))
            continue
        for a in loaded:
            (refused.append(str(a)) if isinstance(a, ArticleError) else articles.append(a))
    system = tmp_path_factory.mktemp("conll") / "system.jsonl"
    with system.open("w", encoding="utf-8") as out:
        for article, doc in zip(articles, nlp.parse_many(articles)):
            rows = entities.mentions(doc).to_dict("records")
            out.write(json.dumps({"article": {"path": str(article.path)}, "mentions": rows}) + "\n")
    seconds = time.perf_counter() - started
    proc = subprocess.run([sys.executable, str(SCORER), "--data", str(CONLL), "--jsonl", str(system)],
                          capture_output=True, text=True, check=True)
    lines = proc.stdout.strip().splitlines()
    figures = {k: float(v) for k, v in re.findall(r"\b(\w+)=([\d.]+)", proc.stdout)}
    print("\n".join(lines[:7]))
    print(f"CoNLL++ dev: {len(articles)} analysed, {len(refused)} refused, {seconds:.1f} s; "
          f"exact micro F1 {figures['ner_f1_exact']:.4f} (PER {figures['per_f1']:.3f}, ORG {figures['org_f1']:.3f}, "
          f"LOC {figures['loc_f1']:.3f}), overlap F1 {figures['ner_f1_overlap']:.4f}")
    return figures, refused, seconds


def test_conll_dev_exact_micro_f1_over_all_documents(scored):
    figures, _, _ = scored
    assert figures["n_docs"] == 216
    assert figures["ner_f1_exact"] >= GATE, f"exact micro F1 {figures['ner_f1_exact']:.4f} < {GATE}"


def test_conll_dev_english_tables_and_results_are_not_refused(scored):
    _, refused, _ = scored
    assert refused == []
