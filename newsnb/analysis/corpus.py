"""Reading the analyses of a reports folder: :func:`load` (``reports/data/*.json``).

The corpus-wide tables (speakers, quotes, cues, outlets, the corpus over time …) are SQL over
the store: :mod:`newsnb.store.corpus` (``newsnb.corpus`` is that module). What stays here reads a
*few* articles' JSON — a story's articles (:mod:`.coverage`), a migration into the store — never
the whole corpus for a table.

A JSON file that cannot be read is skipped.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Union

from ..core import config
from ..input.reports import read_manifest

__all__ = ["load", "Source"]

Source = Union[str, Path, None, list]


def load(reports_dir: Source = None, *, slugs: Iterable[str] | None = None) -> list[dict]:
    """Every readable analysis JSON in ``reports_dir/data`` (default ``reports/``), sorted by
    file name (only those of ``slugs`` when given); each dict gains ``_slug`` (the file's stem)
    and ``_html`` (the report's file name, when the manifest lists one)."""
    if isinstance(reports_dir, list):
        return reports_dir if slugs is None else [d for d in reports_dir if d.get("_slug") in set(slugs)]
    out = Path(reports_dir) if reports_dir else config.REPORTS_DIR
    manifest = read_manifest(out).get("articles", {})
    found = []
    paths = (out / "data").glob("*.json") if slugs is None else [out / "data" / f"{s}.json" for s in set(slugs)]
    for path in sorted(paths):
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict) or not isinstance(data.get("article"), dict):
            continue
        data["_slug"] = path.stem
        html = (manifest.get(path.stem) or {}).get("html")
        data["_html"] = html if isinstance(html, str) else None
        found.append(data)
    return found
