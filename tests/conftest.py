"""Shared fixtures. Tests never depend on the working directory: paths come from newsnb.config."""
from __future__ import annotations

import pytest

from newsnb import config
from newsnb.load import load

SEED = config.SEEDS_DIR / "000_042e7d1743e4b445.txt"

requires_shared = pytest.mark.skipif(not config.SHARED_DIR.is_dir(), reason=f"{config.SHARED_DIR} not present")


@pytest.fixture(scope="session")
def seed_path():
    return SEED


@pytest.fixture(scope="session")
def seed():
    return load(SEED)


@pytest.fixture(scope="session")
def seed_doc(seed):
    from newsnb.nlp import parse

    return parse(seed)


@pytest.fixture(scope="session")
def seed_analysis(seed, seed_doc):
    from newsnb.analysis import analyze

    return analyze(seed, doc=seed_doc)
