"""Render reports: run the article notebook for every article, export HTML, build the index.

Layout of the output folder (``reports/`` by default)::

    <slug>.html         the report (code hidden, figures embedded)
    <slug>.ipynb        the executed notebook
    data/<slug>.json    the analysis JSON (same as ``newsnb analyze --format json``)
    manifest.json       one entry per article: source, status, error, timings
    index.html          every article with headline, words, tone, readability, status

Every file is written atomically. An article that fails is reported with a one-line reason; the
others still render, and an earlier good report of a failed article is left in place.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from . import __version__, config
from .executors import Executor, executor as make_executor
from .files import write_atomic
from .index import build_index, read_manifest
from .load import ArticleError, articles_in, load_all

__all__ = ["Job", "Result", "Summary", "plan", "render", "render_one", "html_exporter"]


@dataclass(frozen=True)
class Job:
    """One article to render: ``source`` file, ``index`` within it, output ``slug``."""

    source: Path
    index: int
    slug: str
    headline: str
    sha256: str


@dataclass
class Result:
    slug: str
    source: str
    status: str  # ok | failed
    error: str | None = None
    seconds: float = 0.0
    headline: str = ""
    sha256: str = ""
    html: str | None = None
    ipynb: str | None = None
    data: str | None = None
    rendered_at: str = ""


@dataclass
class Summary:
    results: list[Result] = field(default_factory=list)
    seconds: float = 0.0
    out: Path = config.REPORTS_DIR

    @property
    def ok(self) -> list[Result]:
        return [r for r in self.results if r.status == "ok"]

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.status == "failed"]

    def __str__(self) -> str:
        lines = [
            f"{len(self.ok)} rendered, {len(self.failed)} failed, in {self.seconds:.1f} s → {self.out}",
        ]
        for r in self.failed:
            lines.append(f"  FAILED {r.error}")
        if self.results:
            lines.append(f"  index: {self.out / 'index.html'}")
        return "\n".join(lines)


def _unique(slug: str, taken: set[str]) -> str:
    if slug not in taken and slug not in ("index", "manifest", "data"):
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


def plan(paths: Iterable[str | Path]) -> tuple[list[Job], list[Result]]:
    """Load every input file: jobs for articles, failed results for files that cannot be read."""
    jobs: list[Job] = []
    failures: list[Result] = []
    taken: set[str] = set()
    for path in articles_in(paths):
        try:
            found = load_all(path)
        except ArticleError as exc:
            failures.append(Result(slug=_unique(path.stem or "article", taken), source=str(path), status="failed", error=str(exc)))
            continue
        for i, article in enumerate(found):
            slug = _unique(article.slug, taken)
            taken.add(slug)
            jobs.append(Job(source=path.resolve(), index=i, slug=slug, headline=article.title, sha256=article.sha256))
    for f in failures:
        taken.add(f.slug)
    return jobs, failures


_EXPORTER = None


def html_exporter():
    """The shared nbconvert HTML exporter (code cells and prompts hidden; built once per process)."""
    global _EXPORTER
    if _EXPORTER is None:
        from nbconvert import HTMLExporter

        _EXPORTER = HTMLExporter(
            extra_template_basedirs=[str(Path(__file__).parent / "templates")],
            template_name="newsnb",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )
    return _EXPORTER


def _error_line(job: Job, exc: BaseException) -> str:
    ename = getattr(exc, "ename", None) or type(exc).__name__
    evalue = getattr(exc, "evalue", None) or str(exc)
    evalue = " ".join(str(evalue).split())
    return f"{job.source}: {ename}: {evalue}"[:500]


def render_one(job: Job, *, out: Path, notebook: Path, runner: Executor, timeout: float | None) -> Result:
    """Run the notebook for one article and write its HTML, notebook and data atomically."""
    started = time.perf_counter()
    work = out / ".work"
    work.mkdir(parents=True, exist_ok=True)
    tmp_nb = work / f"{job.slug}.ipynb"
    tmp_data = work / f"{job.slug}.json"
    params = {"article_path": str(job.source), "article_index": job.index, "data_path": str(tmp_data)}
    result = Result(slug=job.slug, source=str(job.source), status="failed", headline=job.headline, sha256=job.sha256)
    try:
        nb = runner.execute(notebook, tmp_nb, params, cwd=notebook.parent, timeout=timeout)
        body, _ = html_exporter().from_notebook_node(nb, resources={"metadata": {"name": job.headline or job.slug}})
        data_dir = out / "data"
        data_dir.mkdir(parents=True, exist_ok=True)
        if tmp_data.exists():
            os.replace(tmp_data, data_dir / f"{job.slug}.json")
            result.data = f"data/{job.slug}.json"
        os.replace(tmp_nb, out / f"{job.slug}.ipynb")
        write_atomic(out / f"{job.slug}.html", body)
        result.status = "ok"
        result.html = f"{job.slug}.html"
        result.ipynb = f"{job.slug}.ipynb"
    except Exception as exc:  # one article's failure must not stop the batch
        result.error = _error_line(job, exc)
    finally:
        for tmp in (tmp_nb, tmp_data):
            tmp.unlink(missing_ok=True)
    result.seconds = round(time.perf_counter() - started, 3)
    result.rendered_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return result


def _write_manifest(out: Path, results: Iterable[Result]) -> None:
    manifest = read_manifest(out)
    articles = manifest.setdefault("articles", {})
    for r in results:
        entry = asdict(r)
        if r.status == "failed" and r.slug in articles and articles[r.slug].get("status") == "ok":
            # keep the earlier good report, but say that the latest run failed
            entry = {**articles[r.slug], "last_error": r.error, "last_failed_at": r.rendered_at}
        articles[r.slug] = entry
    manifest["newsnb"] = __version__
    write_atomic(out / "manifest.json", json.dumps(manifest, indent=1, ensure_ascii=False))


def render(
    paths: Iterable[str | Path] | None = None,
    *,
    out: str | Path | None = None,
    notebook: str | Path | None = None,
    executor: str = "papermill",
    timeout: float | None = 600,
    progress: Callable[[Result], None] | None = None,
) -> Summary:
    """Render a report for every article in ``paths`` (default: ``seeds/``) into ``out``."""
    started = time.perf_counter()
    out = Path(out) if out else config.REPORTS_DIR
    notebook = Path(notebook) if notebook else config.ARTICLE_NOTEBOOK
    out.mkdir(parents=True, exist_ok=True)
    jobs, results = plan(paths if paths is not None else [config.SEEDS_DIR])
    for r in results:
        if progress:
            progress(r)
    with make_executor(executor) as runner:
        for job in jobs:
            r = render_one(job, out=out, notebook=notebook, runner=runner, timeout=timeout)
            results.append(r)
            _write_manifest(out, [r])
            if progress:
                progress(r)
    _write_manifest(out, results)
    shutil.rmtree(out / ".work", ignore_errors=True)
    build_index(out)
    return Summary(results=results, seconds=time.perf_counter() - started, out=out)
