"""Reading a reports folder back in: the render manifest that ``newsnb render`` writes.

The manifest (``reports/manifest.json``) is written by :mod:`newsnb.run.manifest`; the index, the
corpus tables and the next render read it through :func:`read_manifest`.
"""
from __future__ import annotations

import json
from pathlib import Path

__all__ = ["MANIFEST", "read_manifest"]

#: The manifest's file name inside a reports folder.
MANIFEST = "manifest.json"


def read_manifest(out: str | Path) -> dict:
    """The render manifest of a reports folder (empty when there is none or it is unreadable)."""
    try:
        return json.loads((Path(out) / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {"articles": {}}
