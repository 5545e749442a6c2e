"""newsnb.imports: the IRI grammar jsonschema imports is compiled only when it is used."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(importlib.util.find_spec("rfc3987_syntax") is None,
                                reason="rfc3987_syntax is not installed: nothing to defer")

PROBE = """
import sys, time
import newsnb.run.executors, nbformat, jsonschema
from newsnb.core.imports import _Deferred
deferred = isinstance(sys.modules["rfc3987_syntax"], _Deferred)
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
nbformat.validate(nb)  # notebook validation never needs the grammar
still = isinstance(sys.modules["rfc3987_syntax"], _Deferred)
checker = jsonschema.FormatChecker()
print(deferred, still, checker.conforms("https://example.org/caf\\u00e9", "iri"), checker.conforms("not an iri", "iri"),
      isinstance(sys.modules["rfc3987_syntax"], _Deferred))
"""


def test_grammar_deferred_until_an_iri_is_checked():
    # a fresh interpreter: jsonschema must not have been imported before newsnb
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    deferred, still, good, bad, after = out.stdout.split()
    assert deferred == still == "True"  # nbformat imported and used, the grammar not compiled
    assert (good, bad) == ("True", "False")  # the iri check gives the real module's answers
    assert after == "False"  # and the real module has replaced the stand-in


def test_too_late_is_a_no_op():
    out = subprocess.run([sys.executable, "-c", "import jsonschema, sys; from newsnb.core.imports import defer_iri_grammar; "
                          "print(defer_iri_grammar(), type(sys.modules['rfc3987_syntax']).__name__)"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["False", "module"]
