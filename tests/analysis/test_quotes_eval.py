"""Accuracy gates of :mod:`newsnb.analysis.quotes` on PolNeAR dev (issue #13), with the shared
scorers ``quotes_eval.py`` (direct quotations and their speakers) and ``attrib_eval.py`` (every
attribution: content, source, cue). Marked ``shared``: skipped without ``../shared``, run in CI.

The articles are analysed once, in-process; the figures are printed (``pytest -s``). A floor the
issue sets and newsnb does not reach yet is an expected failure (``xfail(strict=True)``: it turns
into a failure the day it passes, so the floor gets its plain test back), with a no-regression
floor at the measured figure minus 0.01 beside it.
"""
from __future__ import annotations

import importlib.util
import sys

import pytest

from newsnb.core import config

EVAL = config.SHARED_DIR / "eval"
DEV = EVAL / "polnear-dev"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not ((DEV / "text").is_dir() and (EVAL / "attrib_eval.py").is_file()
                            and (EVAL / "quotes_eval.py").is_file()),
                       reason="../shared PolNeAR dev or its scorers not present"),
]


def _module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def figures():
    from newsnb.analysis.nlp import parse_many
    from newsnb.analysis.quotes import attributions, quotes, records
    from newsnb.input import parse_text

    sys.path.insert(0, str(EVAL))  # attrib_eval imports quotes_eval
    try:
        qe = _module("quotes_eval", EVAL / "quotes_eval.py")
        ae = _module("attrib_eval", EVAL / "attrib_eval.py")
    finally:
        sys.path.remove(str(EVAL))
    bench = _module("bench_quotes", config.PROJECT_ROOT / "benchmarks" / "quotes.py")

    q_arts = qe.load_split(str(DEV))
    a_arts = ae.load_split(str(DEV))
    articles = {name: parse_text(text) for name, _, text, _ in q_arts}
    rows = {}
    for (name, article), doc in zip(articles.items(), parse_many(articles.values())):
        rows[name] = records(quotes(article, doc=doc))

    q, _ = qe.evaluate(q_arts, lambda name, path, text: {"quotes": bench.scorer_quotes(articles[name], rows[name])},
                       quiet=True)
    a, _ = ae.evaluate(a_arts, lambda art: {"attributions": attributions(rows[art["name"]])}, quiet=True)
    up, ur, _ = a["unquoted_overlap"]
    out = {
        "quote_f1": q["quote_f1"], "speaker_acc": q["speaker_acc"], "e2e_f1": q["e2e_f1"],
        "content_f1_exact": a["content_exact_match"]["f1"], "source_f1_exact": a["source_exact_match"]["f1"],
        "cue_f1_exact": a["cue_exact_match"]["f1"], "attribution_f1": a["content_overlap"][2],
        "unquoted_precision": up, "unquoted_recall": ur,
    }
    print("\nPolNeAR dev: " + " ".join(f"{k}={v:.3f}" for k, v in out.items()))
    return out


def _recall_at_precision(f):
    """Unquoted recall, counted only while unquoted precision holds at 0.80."""
    return f["unquoted_recall"] if f["unquoted_precision"] >= 0.80 else 0.0


#: (figure, issue #13 floor, measured on PolNeAR dev when this table was last updated)
GATES = [
    ("quote_f1", 0.97, 0.981),
    ("speaker_acc", 0.95, 0.927),
    ("e2e_f1", 0.93, 0.909),
    ("content_f1_exact", 0.60, 0.552),
    ("source_f1_exact", 0.70, 0.668),
    ("attribution_f1", 0.75, 0.648),
    ("unquoted_recall_at_p80", 0.60, 0.0),  # measured: recall 0.370 at precision 0.780 (< 0.80)
]


def _value(figures, name):
    return _recall_at_precision(figures) if name == "unquoted_recall_at_p80" else figures[name]


@pytest.mark.parametrize("name, floor", [
    pytest.param(name, floor, marks=() if measured >= floor else pytest.mark.xfail(
        strict=True, reason=f"issue #13: measured {measured:.3f} on PolNeAR dev, floor {floor}"))
    for name, floor, measured in GATES
])
def test_issue_floor(figures, name, floor):
    assert _value(figures, name) >= floor


@pytest.mark.parametrize("name, measured", [(name, measured) for name, _, measured in GATES])
def test_no_regression(figures, name, measured):
    """Below a floor not reached yet, at least what newsnb measured (minus 0.01)."""
    if name == "unquoted_recall_at_p80":
        # precision on unquoted attributions is the constraint: hold it near 0.80, and recall
        assert figures["unquoted_precision"] >= 0.77  # measured 0.780
        assert figures["unquoted_recall"] >= 0.36  # measured 0.370
        return
    assert _value(figures, name) >= measured - 0.01
