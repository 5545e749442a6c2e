"""The wheel: built from the checkout, it holds the notebooks and the report template, and installed
in a fresh venv that cannot see the checkout, ``newsnb render`` makes a report from another folder.

The fresh venv gets the dependencies through a ``.pth`` file naming the project venv's
site-packages; ``.pth`` files *inside* that folder (the editable install's finder among them) are
not processed, so the checkout stays invisible. Dependencies' data files (nbconvert's ``lab``
template) sit under the project venv's prefix: ``JUPYTER_PATH`` points there, as a real install
in one prefix would find them.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from newsnb.core import config

pytestmark = pytest.mark.slow

ROOT = config.PROJECT_ROOT
SEED = config.SEEDS_DIR / "000_042e7d1743e4b445.txt"
#: Files the wheel must carry besides the code.
PACKAGE_DATA = [
    "newsnb/notebooks/article.ipynb",
    "newsnb/notebooks/corpus.ipynb",
    "newsnb/notebooks/explore.ipynb",
    "newsnb/presentation/templates/newsnb/index.html.j2",
    "newsnb/presentation/templates/newsnb/conf.json",
]
#: Not copied into the build folder: caches anywhere; environments, build output and generated
#: reports at the top.
_ANYWHERE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".pytest_cache", ".ipynb_checkpoints")
_AT_TOP = {".venv", ".git", "build", "dist", "reports", "benchmarks"}


def _ignore(folder: str, names: list[str]) -> set[str]:
    return set(_ANYWHERE(folder, names)) | (_AT_TOP & set(names) if Path(folder) == ROOT else set())


def _run(cmd: list, *, timeout: float = 600, **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=timeout, **kw)
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def _site_packages(python: Path | str) -> Path:
    out = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], env=_clean_env())
    return Path(out.stdout.strip())


def _data_dir(python: Path | str) -> Path:
    out = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['data'])"], env=_clean_env())
    return Path(out.stdout.strip())


def _clean_env(**extra: str) -> dict[str, str]:
    """This environment without anything that would point a Python at the checkout or its venv."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "NEWSNB_PROJECT", "JUPYTER_PATH")}
    return {**env, **extra}


def _setuptools_ok() -> bool:
    """Whether this venv's setuptools meets the project's build requirement (then no isolation is needed)."""
    try:
        from importlib.metadata import version

        from packaging.requirements import Requirement
    except ImportError:
        return False
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["build-system"]["requires"]
    for req in map(Requirement, requires):
        try:
            if not req.specifier.contains(version(req.name), prereleases=True):
                return False
        except Exception:  # noqa: BLE001 - not installed
            return False
    return True


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the checkout (so that the build leaves no ``build/`` in it)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, symlinks=True, ignore=_ignore)
    dist = tmp / "dist"
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, src]
    if _setuptools_ok():
        cmd.insert(5, "--no-build-isolation")
    _run(cmd, env=_clean_env(), cwd=tmp)  # with isolation, pip needs an index for setuptools
    [whl] = dist.glob("newsnb-*.whl")
    return whl


@pytest.fixture(scope="module")
def venv(tmp_path_factory, wheel) -> Path:
    """A fresh venv seeing the project venv's packages but not the checkout, with the wheel installed."""
    tmp = tmp_path_factory.mktemp("venv")
    env = tmp / "venv"
    _run([sys.executable, "-m", "venv", env], env=_clean_env())
    python = env / "bin" / "python"
    deps = _site_packages(sys.executable)
    assert deps != _site_packages(python)
    (_site_packages(python) / "project_deps.pth").write_text(f"{deps}\n", "utf-8")

    probe = "import importlib.util as u; s = u.find_spec('newsnb'); print(s.origin if s else '-'); import pandas; print(pandas.__file__)"
    before = _run([python, "-c", probe], env=_clean_env(), cwd=tmp).stdout.splitlines()
    assert before[0] == "-", f"the checkout is visible in the fresh venv: {before[0]}"
    assert Path(before[1]).is_relative_to(deps)  # the dependencies are

    # --ignore-installed: the project venv's newsnb dist-info is visible; never touch it
    _run([python, "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed", wheel], env=_clean_env(), cwd=tmp)
    return env


def test_the_wheel_carries_the_notebooks_and_the_template(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [n for n in PACKAGE_DATA if n not in names]
    assert not missing, f"{wheel.name} lacks {missing}"
    # every module of the checkout it was built from, subpackages without __init__.py too
    src = wheel.parent.parent / "src"
    modules = {p.relative_to(src).as_posix() for p in (src / "newsnb").rglob("*.py") if "__pycache__" not in p.parts}
    assert "newsnb/run/batch.py" in modules and "newsnb/cli/main.py" in modules
    assert sorted(modules - names) == []
    assert not [n for n in names if n.startswith(("tests/", "seeds/", "reports/", "notebooks/"))]


def test_the_installed_newsnb_is_the_wheel_not_the_checkout(venv, tmp_path):
    python = venv / "bin" / "python"
    out = _run([python, "-c", "import json, newsnb; from newsnb.core import config;"
                "print(json.dumps([newsnb.__file__, str(config.NOTEBOOKS_DIR), str(config.TEMPLATES_DIR)]))"],
               env=_clean_env(), cwd=tmp_path).stdout
    module, notebooks, templates = map(Path, json.loads(out))
    site = _site_packages(python)
    for p in (module, notebooks, templates):
        assert p.is_relative_to(site), p
        assert not p.resolve().is_relative_to(ROOT.resolve()), p
    assert (notebooks / "article.ipynb").is_file() and (templates / "newsnb" / "index.html.j2").is_file()


def test_the_installed_command_renders_the_seed_from_another_folder(venv, tmp_path):
    work = tmp_path / "elsewhere"
    work.mkdir()
    out = tmp_path / "out"
    newsnb = venv / "bin" / "newsnb"
    assert newsnb.is_file()
    jupyter = _data_dir(sys.executable) / "share" / "jupyter"  # the dependencies' data files
    env = _clean_env(JUPYTER_PATH=str(jupyter), PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.run([newsnb, "render", SEED.resolve(), "--out", out, "-j", "1", "-q"], capture_output=True,
                          text=True, timeout=600, cwd=work, env=env)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.stdout.startswith("1 rendered, 0 failed"), proc.stdout
    slug = SEED.stem
    for rel in (f"{slug}.html", f"data/{slug}.json", "index.html"):
        assert (out / rel).is_file(), f"{rel} missing; {sorted(p.name for p in out.iterdir())}"
    headline = SEED.read_text("utf-8").splitlines()[0].strip()
    page = (out / f"{slug}.html").read_text("utf-8")
    h1 = re.search(r"<h1[^>]*\bnewsnb-headline\b[^>]*>(.*?)</h1>", page, re.S)
    assert h1, "no headline in the report"
    assert html.unescape(re.sub(r"<[^>]+>", "", h1.group(1))).strip() == headline
    assert json.loads((out / "data" / f"{slug}.json").read_text("utf-8"))["article"]["slug"] == slug
    assert list(work.iterdir()) == []  # nothing written where it ran
