"""Command-line layer: the ``newsnb`` command (:mod:`.main`: ``analyze``, ``render``, ``index``).

Its choices (executors, render backends, input formats) come from the registries below it. May
import every other layer; nothing imports it.
"""
from __future__ import annotations

from .main import main, parser

__all__ = ["main", "parser"]
