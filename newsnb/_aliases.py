"""Old module names, kept importable: ``newsnb.quotes`` is :mod:`newsnb.analysis.quotes` and so on.

Before the layers every module sat directly in ``newsnb/``. Notebooks and scripts written then
(``from newsnb import figures, report``, ``import newsnb.render``) keep working: a meta-path finder
answers an old name with the module at its new home (the same module object, so monkeypatching
either name patches both). New code imports the new names.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
from types import ModuleType

__all__ = ["OLD_NAMES", "install", "resolve"]

#: Old module name (under ``newsnb.``) → its home now.
OLD_NAMES = {
    "config": "newsnb.core.config",
    "files": "newsnb.core.files",
    "imports": "newsnb.core.imports",
    "frames": "newsnb.core.frames",
    "load": "newsnb.input",
    "formats": "newsnb.input.formats",
    "nlp": "newsnb.analysis.nlp",
    "entities": "newsnb.analysis.entities",
    "speakers": "newsnb.analysis.speakers",
    "quotes": "newsnb.analysis.quotes",
    "facts": "newsnb.analysis.facts",
    "language": "newsnb.analysis.language",
    "tone": "newsnb.analysis.tone",
    "readability": "newsnb.analysis.readability",
    "corpus": "newsnb.store.corpus",
    "figures": "newsnb.presentation.figures",
    "report": "newsnb.presentation.report",
    "annotate": "newsnb.presentation.annotate",
    "index": "newsnb.presentation.index",
    "executors": "newsnb.run.executors",
    "engine": "newsnb.run.engine",
    "warm": "newsnb.run.warm",
    "distributed": "newsnb.run.distributed",
    "render": "newsnb.run.batch",
}


def resolve(name: str) -> ModuleType | None:
    """The module an old name (``"quotes"``) stands for, imported; None for other names."""
    target = OLD_NAMES.get(name)
    return importlib.import_module(target) if target else None


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, target: str):
        self.target = target

    def create_module(self, spec):  # noqa: ANN001 - importlib API
        return importlib.import_module(self.target)

    def exec_module(self, module: ModuleType) -> None:
        """The module is already executed under its new name."""


class _AliasFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):  # noqa: ANN001 - importlib API
        prefix, _, name = fullname.partition(".")
        if prefix != "newsnb" or "." in name or name not in OLD_NAMES:
            return None
        return importlib.util.spec_from_loader(fullname, _AliasLoader(OLD_NAMES[name]))


def install() -> None:
    """Put the finder on ``sys.meta_path`` once."""
    if not any(isinstance(f, _AliasFinder) for f in sys.meta_path):
        sys.meta_path.append(_AliasFinder())
