"""Story pages: ``notebooks/story.ipynb`` for every story of a reports folder with two or more
articles, and the end of a render.

:func:`write_stories` groups the articles of ``reports/data/*.json`` into stories
(:func:`newsnb.analysis.coverage.group_reports`) and writes ``reports/stories/stories.json``;
:func:`render_stories` then runs the story notebook for each story of two or more articles into
``reports/stories/<story>.html`` (code hidden) and ``.ipynb``, skipping pages whose key — the
sha256 of the notebook, the story's slugs and their data files — is unchanged, and removing
pages of stories that no longer exist. A failed story page is reported and never fails the
render (the stories.json entry says why).
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Callable

from ..analysis.coverage import group_reports, read_stories
from ..core import config
from ..core.files import write_atomic
from ..presentation.exporter import html_exporter
from .corpus_report import error_parts
from .executors import Executor, executor as make_executor

__all__ = ["pages_on", "write_stories", "render_stories", "render_story", "story_page"]


def _key(out: Path, notebook_sha: str, slugs: list[str]) -> str:
    h = hashlib.sha256(notebook_sha.encode())
    for slug in slugs:
        h.update(slug.encode() + b"\0")
        try:
            h.update(hashlib.sha256((out / "data" / f"{slug}.json").read_bytes()).digest())
        except OSError:
            h.update(b"missing")
    return h.hexdigest()


def write_stories(out: str | Path | None = None, *, notebook: str | Path | None = None) -> list[dict]:
    """Group the folder's articles and write ``stories/stories.json``; returns its entries
    (earliest story first), each with ``story``, ``headline``, ``date``, ``outlets``, ``slugs``,
    ``articles``, ``key``, and ``html``/``error`` kept from the last run when its key is unchanged."""
    out = Path(out) if out else config.REPORTS_DIR
    notebook = Path(notebook) if notebook else config.STORY_NOTEBOOK
    nb_sha = hashlib.sha256(notebook.read_bytes()).hexdigest()
    g = group_reports(out)
    before = read_stories(out)
    entries = []
    for story, rows in g.groupby("story", sort=False):
        rows = rows.sort_values(["date", "slug"], na_position="last", kind="stable")
        slugs = list(rows["slug"])
        entry = {"story": story, "headline": rows["title"].iloc[0], "date": rows["date"].iloc[0],
                 "outlets": list(dict.fromkeys(o for o in rows["outlet"] if isinstance(o, str))),
                 "slugs": slugs, "articles": len(slugs), "key": _key(out, nb_sha, slugs) if len(slugs) > 1 else None}
        old = before.get(story) or {}
        if entry["key"] and old.get("key") == entry["key"]:
            for k in ("html", "error"):
                if old.get(k):
                    entry[k] = old[k]
        entries.append(entry)
    entries.sort(key=lambda e: (e["date"] or "9999", e["story"]))
    (out / "stories").mkdir(parents=True, exist_ok=True)
    write_atomic(out / "stories" / "stories.json", json.dumps({"stories": entries}, ensure_ascii=False, indent=1))
    return entries


def render_story(out: Path, story: str, runner: Executor, *, notebook: Path, timeout: float | None = 600) -> Path:
    """One story page: ``out/stories/<story>.html`` and ``.ipynb``, atomically."""
    folder = out / "stories"
    work = out / ".work"
    work.mkdir(parents=True, exist_ok=True)
    tmp_nb = work / f"story-{story}.ipynb"
    try:
        nb = runner.execute(notebook, tmp_nb, {"story": story, "reports_dir": str(out.resolve())},
                            cwd=notebook.parent, timeout=timeout)
        body, _ = html_exporter().from_notebook_node(nb, resources={"metadata": {"name": f"newsnb: story {story}"}})
        write_atomic(folder / f"{story}.html", body)
        os.replace(tmp_nb, folder / f"{story}.ipynb")
    finally:
        tmp_nb.unlink(missing_ok=True)
    return folder / f"{story}.html"


def story_page(out: Path, story: str, runner: Executor, *, notebook: Path | None = None,
               timeout: float | None = 600) -> str | None:
    """:func:`render_story`, its failure as one line (None when the page was written)."""
    try:
        render_story(out, story, runner, notebook=notebook or config.STORY_NOTEBOOK, timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - the article reports stand; a story page is extra
        return "{}: {}".format(*error_parts(exc))[:500]
    return None


def pages_on(runner: Executor, out: Path, stories: list[str], *, notebook: Path | None = None,
             timeout: float | None = 600) -> dict[str, str | None]:
    """Story pages one after another on ``runner``: each story's error line, or None."""
    return {s: story_page(out, s, runner, notebook=notebook, timeout=timeout) for s in stories}


def _render_here(out: Path, stories: list[str], executor: str | Executor, notebook: Path,
                 timeout: float | None) -> dict[str, str | None]:
    if isinstance(executor, Executor):
        return pages_on(executor, out, stories, notebook=notebook, timeout=timeout)
    with make_executor(executor, **({"preload": "none"} if executor == "warm" else {})) as runner:
        return pages_on(runner, out, stories, notebook=notebook, timeout=timeout)


def render_stories(out: str | Path | None = None, *, executor: str | Executor = "papermill",
                   notebook: str | Path | None = None, timeout: float | None = 600, force: bool = False,
                   pages: Callable[[list[str]], dict[str, str | None]] | None = None) -> list[dict]:
    """Write ``stories.json`` and a page for every story of two or more articles whose page is
    missing or out of date; returns the entries. Failures are printed and recorded, never raised.

    ``pages(story_ids)``, when given, renders those pages elsewhere — on the warm kernels a render
    already has (:meth:`newsnb.run.backends.ProcessPool.story_pages`) — and returns each story's
    error line or None; otherwise they run here, one at a time, on ``executor``."""
    out = Path(out) if out else config.REPORTS_DIR
    notebook = Path(notebook) if notebook else config.STORY_NOTEBOOK
    entries = write_stories(out, notebook=notebook)
    wanted = {f"{e['story']}.html" for e in entries if e["articles"] > 1}
    for stale in (out / "stories").glob("*.html"):
        if stale.name not in wanted:
            stale.unlink(missing_ok=True)
            stale.with_suffix(".ipynb").unlink(missing_ok=True)
    todo = [e for e in entries if e["articles"] > 1 and (force or not e.get("html") or e.get("error")
                                                         or not (out / "stories" / f"{e['story']}.html").exists())]
    if todo:
        ids = [e["story"] for e in todo]
        errors = pages(ids) if pages is not None else _render_here(out, ids, executor, notebook, timeout)
        for e in todo:
            e.pop("error", None)
            e.pop("html", None)
            error = errors.get(e["story"], "StoryPageError: not rendered")
            if error is None:
                e["html"] = f"stories/{e['story']}.html"
            else:
                e["error"] = error
                print(f"newsnb: story page {e['story']} failed: {error}", file=sys.stderr)
        write_atomic(out / "stories" / "stories.json", json.dumps({"stories": entries}, ensure_ascii=False, indent=1))
    try:
        (out / ".work").rmdir()
    except OSError:
        pass
    return entries
