"""Tiny analyses of our own for the store tests (``analysis(slug, *speakers, outlet=, date=)``)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # store_helpers, shared by the tests of this folder
