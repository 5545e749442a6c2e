"""Loaders for plain text and Markdown files."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .article import MARKDOWN_HEADLINE, Article, parse_text, slugify
from .decode import decode
from .registry import register_loader

__all__ = ["load_markdown", "load_text"]


def _text_article(raw: bytes, path: Path, *, fmt: str, headline_pattern=None, skip_front_matter=False) -> list[Article]:
    text = decode(raw, path)
    skip = 0
    if skip_front_matter:
        m = re.match(r"\A[ \t]*---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", text, re.S)
        skip = m.end() if m else 0
    article = parse_text(
        text,
        slug=slugify(path.stem),
        sha256=hashlib.sha256(raw).hexdigest(),
        path=path,
        format=fmt,
        headline_pattern=headline_pattern,
        skip=skip,
        meta={"source_format": fmt},
    )
    return [article]


@register_loader("text", extensions=("txt", "text", ""))
def load_text(raw: bytes, path: Path) -> list[Article]:
    """Plain text: headline line, optional ``- `` key points, paragraphs."""
    return _text_article(raw, path, fmt="text")


@register_loader("markdown", extensions=("md", "markdown"), sniff=lambda raw: raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"# "))
def load_markdown(raw: bytes, path: Path) -> list[Article]:
    """Markdown: optional YAML front matter (kept as boilerplate), ``# headline``, optional
    ``- `` key points, paragraphs separated by blank lines."""
    return _text_article(raw, path, fmt="markdown", headline_pattern=MARKDOWN_HEADLINE, skip_front_matter=True)
