"""The ``newsnb`` command: ``analyze`` articles to JSON/CSV, ``render`` reports, rebuild the ``index``."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__, config

__all__ = ["main"]


def _analyze(args: argparse.Namespace) -> int:
    from .analysis import analyze
    from .load import ArticleError, articles_in, load_all

    failed = 0
    files = articles_in(args.paths)
    if not files:
        print(f"newsnb: no article files in {', '.join(args.paths)}", file=sys.stderr)
        return 1
    results = []
    for path in files:
        try:
            for article in load_all(path):
                results.append(analyze(article))
        except ArticleError as exc:
            print(f"newsnb: {exc}", file=sys.stderr)
            failed += 1
    if args.format == "json":
        if len(results) == 1 and len(files) == 1:
            print(results[0].to_json(indent=args.indent))
        else:
            print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=args.indent))
    elif args.format == "jsonl":
        for r in results:
            print(r.to_json())
    else:  # csv
        for r in results:
            folder = Path(args.out) / r.article.slug if args.out else config.REPORTS_DIR / "data" / r.article.slug
            written = r.to_csv(folder)
            print(f"{r.article.slug}: {len(written)} tables in {folder}")
    return 1 if failed else 0


def _render(args: argparse.Namespace) -> int:
    from .render import render

    def progress(r) -> None:
        mark = "ok " if r.status == "ok" else "FAILED"
        line = f"{mark} {r.slug}  ({r.seconds:.1f} s)" if r.status == "ok" else f"{mark} {r.error}"
        print(line, file=sys.stderr, flush=True)

    summary = render(
        args.paths or None,
        out=args.out,
        notebook=args.notebook,
        executor=args.executor,
        timeout=args.timeout,
        progress=None if args.quiet else progress,
    )
    print(summary)
    if not summary.results:
        print("newsnb: no articles found", file=sys.stderr)
        return 1
    return 1 if summary.failed else 0


def _index(args: argparse.Namespace) -> int:
    from .render import build_index

    print(build_index(args.out))
    return 0


def parser() -> argparse.ArgumentParser:
    from .executors import executors

    p = argparse.ArgumentParser(prog="newsnb", description="Analyse news articles and render shareable reports.")
    p.add_argument("--version", action="version", version=f"newsnb {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    a = sub.add_parser("analyze", help="print the analysis of articles as JSON, or write CSV tables")
    a.add_argument("paths", nargs="+", help="article files or folders")
    a.add_argument("--format", choices=["json", "jsonl", "csv"], default="json", help="output format (default json)")
    a.add_argument("--out", help="folder for --format csv (default reports/data/<slug>/)")
    a.add_argument("--indent", type=int, default=None, help="indent JSON output")
    a.set_defaults(func=_analyze)

    r = sub.add_parser("render", help="render HTML reports with the article notebook")
    r.add_argument("paths", nargs="*", help=f"article files or folders (default {config.SEEDS_DIR})")
    r.add_argument("--out", default=None, help=f"output folder (default {config.REPORTS_DIR})")
    r.add_argument("--notebook", default=None, help="notebook to run per article (default notebooks/article.ipynb)")
    r.add_argument("--executor", default="papermill", choices=executors(), help="how notebooks are run")
    r.add_argument("--timeout", type=float, default=600, help="seconds per notebook cell before the article fails")
    r.add_argument("-q", "--quiet", action="store_true", help="no per-article progress lines")
    r.set_defaults(func=_render)

    i = sub.add_parser("index", help="rebuild reports/index.html from the manifest")
    i.add_argument("--out", default=None, help="reports folder")
    i.set_defaults(func=_index)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("newsnb: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
