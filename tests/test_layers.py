"""The layers, read from the source with ``ast`` (nothing is imported): core → input → analysis →
store → presentation → run → cli. No module imports a module of a later layer or the top-level package
(other than ``__version__``), the module import graph has no cycle, and each layer package says
what it holds and what it may import."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest

from newsnb._aliases import OLD_NAMES
from newsnb.core import config

PKG = config.PACKAGE_DIR
LAYERS = {"core": 0, "input": 1, "analysis": 2, "store": 3, "presentation": 4, "run": 5, "cli": 6}
#: The package surface: may import any layer; not in a layer itself.
SURFACE = {"newsnb", "newsnb.__main__", "newsnb._aliases"}
#: What a layer may take from the top-level package (``from .. import __version__``).
ALLOWED_FROM_TOP = {("newsnb", "__version__")}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


FILES = {_module_name(p): p for p in sorted(PKG.rglob("*.py")) if "__pycache__" not in p.parts}
MODULES = set(FILES)
PACKAGES = {name for name, p in FILES.items() if p.name == "__init__.py"}
#: Folders of modules without an ``__init__.py`` (namespace packages, e.g. while one is being made).
PACKAGES |= {_module_name(p.parent / "__init__.py") for p in PKG.rglob("*.py") if "__pycache__" not in p.parts}


def layer(module: str) -> int | None:
    """The layer of ``newsnb.<layer>…``; None for the package surface and old top-level names."""
    parts = module.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


@dataclass(frozen=True)
class Import:
    file: Path
    line: int
    importer: str
    target: str  # a newsnb module (or an old top-level name such as "newsnb.quotes")
    name: str | None = None  # for ``from X import name`` where name is not a module

    def __str__(self) -> str:
        what = f" [{self.name}]" if self.name else ""
        return f"{self.file.relative_to(PKG.parent)}:{self.line} -> {self.target}{what}"


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _absolute(module: str, node: ast.ImportFrom) -> str | None:
    """The absolute module named by a ``from … import`` (relative or not); None outside newsnb."""
    if node.level == 0:
        base = node.module or ""
        return base if base == "newsnb" or base.startswith("newsnb.") else None
    package = module if module in PACKAGES else module.rpartition(".")[0]
    parts = package.split(".")
    assert node.level - 1 < len(parts), f"{module}: relative import beyond the top-level package"
    base = ".".join(parts[: len(parts) - (node.level - 1)])
    return f"{base}.{node.module}" if node.module else base


def _imports(module: str, path: Path, source: str | None = None) -> list[Import]:
    """Every newsnb import in one file: module level, in functions and classes, ``try`` blocks;
    not under ``if TYPE_CHECKING:``. Literal ``__import__("newsnb…")`` and
    ``importlib.import_module("newsnb…")`` count too."""
    found: list[Import] = []

    def add(line: int, target: str, name: str | None = None) -> None:
        found.append(Import(path, line, module, target, name))

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "newsnb" or alias.name.startswith("newsnb."):
                    add(node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, node)
            if base is not None:
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    if sub in MODULES or sub in PACKAGES:
                        add(node.lineno, sub)
                    elif base == "newsnb" and sub in {f"newsnb.{old}" for old in OLD_NAMES}:
                        add(node.lineno, sub)  # an old name through the alias finder
                    else:
                        add(node.lineno, base, alias.name)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func, arg = node.func, node.args[0].value
            fname = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if fname in ("__import__", "import_module") and isinstance(arg, str) and (
                    arg == "newsnb" or arg.startswith("newsnb.")):
                add(node.lineno, arg)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(_parse(path, source))
    return found


def _parse(path: Path, source: str | None = None) -> ast.Module:
    try:
        return ast.parse(path.read_text("utf-8") if source is None else source, filename=str(path))
    except SyntaxError as e:
        pytest.fail(f"{path.relative_to(PKG.parent)}:{e.lineno}: cannot be parsed: {e.msg}", pytrace=False)


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    return [imp for name, path in FILES.items() for imp in _imports(name, path)]


def _real(target: str) -> str:
    """The module an import loads: an old top-level name stands for its new home."""
    old = target.removeprefix("newsnb.")
    return OLD_NAMES[old] if target not in MODULES and old in OLD_NAMES else target


def test_the_scan_sees_the_package(imports):
    """Guards the scanner itself: known imports of each kind are found, TYPE_CHECKING ones are not."""
    assert set(LAYERS) <= {m.split(".")[1] for m in MODULES if m.count(".") >= 1}
    edges = {(i.importer, i.target, i.name) for i in imports}
    assert ("newsnb", "newsnb.input", "Article") in edges  # from .input import Article
    assert ("newsnb.analysis", "newsnb.analysis.result", None) in edges  # from . import result, in a function
    assert ("newsnb.cli.main", "newsnb", "__version__") in edges  # from .. import __version__
    assert any(i.importer.startswith("newsnb.input.") and i.target.startswith("newsnb.core.") for i in imports)
    # what sits under `if TYPE_CHECKING:` is not collected
    guarded = []
    for name, path in FILES.items():
        for node in ast.walk(_parse(path)):
            if isinstance(node, ast.If) and _is_type_checking(node.test):
                guarded += [(name, n.lineno) for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert guarded, "no TYPE_CHECKING imports left to test the filter with"
    assert not {(i.importer, i.line) for i in imports} & set(guarded)


def _violations(imports: list[Import]) -> list[str]:
    """``file:line -> module`` for each import against the layer order."""
    offending = []
    for imp in imports:
        if imp.importer in SURFACE:  # the package surface imports what it likes
            continue
        own = layer(imp.importer)
        if own is None:
            offending.append(f"{imp}  ({imp.importer} is in no layer)")
            continue
        target = layer(imp.target)
        if target is None:  # newsnb itself, newsnb._aliases, newsnb.__main__ or an old name
            if (imp.target, imp.name) not in ALLOWED_FROM_TOP:
                offending.append(f"{imp}  (top-level package from the {imp.importer.split('.')[1]} layer)")
        elif target > own:
            offending.append(f"{imp}  ({imp.importer.split('.')[1]} may not import {imp.target.split('.')[1]})")
    return offending


#: (importing module, its source, the offending targets the check must report)
SYNTHETIC = [
    ("newsnb.core.fake", "from ..run import batch\n", ["newsnb.run.batch"]),
    ("newsnb.core.fake", "from ..input.article import Article\n", ["newsnb.input.article"]),
    ("newsnb.input.fake", "def f():\n    import newsnb.presentation.report\n", ["newsnb.presentation.report"]),
    ("newsnb.analysis.fake", "class C:\n    from newsnb.cli import main\n", ["newsnb.cli.main"]),
    ("newsnb.presentation.fake", "try:\n    from ..run.batch import render\nexcept ImportError:\n    pass\n",
     ["newsnb.run.batch"]),
    ("newsnb.run.fake", "import importlib\nimportlib.import_module('newsnb.cli.main')\n", ["newsnb.cli.main"]),
    ("newsnb.run.fake", "from newsnb import quotes\n", ["newsnb.quotes"]),  # an old top-level name
    ("newsnb.run.fake", "from .. import analyze\n", ["newsnb"]),
    ("newsnb.run.fake", "import newsnb\n", ["newsnb"]),
    ("newsnb.run.fake", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..cli import main\n"
     "else:\n    from ..cli import parser\n", ["newsnb.cli"]),
    ("newsnb.run.fake", "from .. import __version__\nfrom ..presentation import report\nfrom . import batch\n", []),
    ("newsnb.cli.fake", "from ..run import batch\nfrom ..core import config\nimport json\n", []),
    ("newsnb.presentation.fake", "if TYPE_CHECKING:\n    from ..run.batch import Summary\n", []),
]


@pytest.mark.parametrize(("module", "source", "expected"), SYNTHETIC, ids=[f"{m.split('.')[1]}:{s.splitlines()[-1].strip()}" for m, s, _ in SYNTHETIC])
def test_the_check_catches_upward_imports(module, source, expected):
    path = PKG.joinpath(*module.split(".")[1:]).with_suffix(".py")
    found = _violations(_imports(module, path, source))
    assert [line.split(" -> ")[1].split()[0] for line in found] == expected, found


def test_every_module_is_in_a_layer_or_the_package_surface():
    stray = sorted(m for m in MODULES if m not in SURFACE and layer(m) is None)
    assert not stray, f"modules outside the layers: {stray}"


def test_no_module_imports_a_later_layer_or_the_top_level_package(imports):
    offending = _violations(imports)
    assert not offending, "imports against the layer order:\n" + "\n".join(offending)


def _cycles(imports: list[Import]) -> list[str]:
    """Each strongly connected component of the module import graph, with one cycle through it."""
    graph = nx.DiGraph()
    where: dict[tuple[str, str], Import] = {}
    for imp in imports:
        edge = (imp.importer, _real(imp.target))
        if edge[0] != edge[1]:
            graph.add_edge(*edge)
            where.setdefault(edge, imp)
    cycles = []
    for scc in sorted(nx.strongly_connected_components(graph), key=min):
        if len(scc) > 1:
            cycle = nx.find_cycle(graph.subgraph(scc))
            steps = "\n".join(f"    {where[e]}" for e in cycle)
            cycles.append(f"  {sorted(scc)}, e.g.:\n{steps}")
    return cycles


def test_the_cycle_check_finds_a_cycle_within_a_layer():
    def imp(a: str, b: str) -> Import:
        return Import(PKG / "x.py", 1, a, b)

    found = _cycles([imp("newsnb.input.a", "newsnb.input.b"), imp("newsnb.input.b", "newsnb.input.c"),
                     imp("newsnb.input.c", "newsnb.input.a"), imp("newsnb.input.c", "newsnb.core.config"),
                     imp("newsnb.core.config", "newsnb.core.config")])
    assert len(found) == 1 and "['newsnb.input.a', 'newsnb.input.b', 'newsnb.input.c']" in found[0]
    assert found[0].count(" -> ") == 3
    assert _cycles([imp("newsnb.input.a", "newsnb.input.b"), imp("newsnb.input.a", "newsnb.core.config")]) == []


def test_module_import_graph_has_no_cycle(imports):
    cycles = _cycles(imports)
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def _holds(name: str) -> list[str]:
    """The modules and subpackages directly in a layer package."""
    folder = PKG / name
    return sorted({p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
                  | {d.name for d in folder.iterdir() if d.is_dir() and any(d.glob("*.py"))})


@pytest.mark.parametrize("name", LAYERS)
def test_layer_package_says_what_it_holds_and_may_import(name):
    path = PKG / name / "__init__.py"
    assert path.is_file(), f"{name} is not a package"
    doc = ast.get_docstring(_parse(path))
    assert doc, f"{path} has no docstring"
    text = re.sub(r"\s+", " ", doc)
    assert "May import" in text, f"{path}: the docstring does not say what the layer may import ('May import …')"
    # what it holds: each module and subpackage named, as :mod:`.x` or ``x``
    unnamed = [m for m in _holds(name) if not re.search(rf"[`.]{m}`", text)]
    assert not unnamed, f"{path}: the docstring does not name {', '.join(unnamed)}"
