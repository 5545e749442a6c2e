"""Faster imports of the Jupyter stack (nbformat, Papermill, nbconvert) in newsnb's own processes.

nbformat imports jsonschema, whose format checkers import ``rfc3987_syntax`` when it is installed
(it comes with ``jsonschema[format-nongpl]``, which Jupyter Server asks for). That module compiles
~35 Earley grammars with Lark at import time: about 1.2 CPU-s in every process that touches a
notebook file — the CLI, each render worker, each Dask worker — before anything useful happens
(python-jsonschema/jsonschema#1428). Notebook validation never checks the ``iri`` format, so the
grammar is almost never needed. :func:`defer_iri_grammar` puts a stand-in module in its place whose
``is_valid_syntax`` imports the real module on first call: same results, paid only when used.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import types

__all__ = ["defer_iri_grammar"]

_NAME = "rfc3987_syntax"


class _Deferred(types.ModuleType):
    """Stands in for ``rfc3987_syntax`` until something in it is used."""

    def _real(self) -> types.ModuleType:
        if sys.modules.get(_NAME) is self:
            del sys.modules[_NAME]
        try:
            return importlib.import_module(_NAME)
        except BaseException:
            sys.modules.setdefault(_NAME, self)
            raise

    def is_valid_syntax(self, term: str, value: str) -> bool:
        return self._real().is_valid_syntax(term, value)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._real(), name)


def defer_iri_grammar() -> bool:
    """Install the stand-in if jsonschema has not loaded its format checkers yet; True if it did."""
    if _NAME in sys.modules or "jsonschema._format" in sys.modules:
        return False
    try:
        spec = importlib.util.find_spec(_NAME)
    except (ImportError, ValueError):
        return False
    if spec is None:
        return False
    stand_in = _Deferred(_NAME, __doc__)
    stand_in.__spec__ = spec  # find_spec() on the name keeps answering as for the real module
    sys.modules[_NAME] = stand_in
    return True
