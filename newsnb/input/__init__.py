"""Input layer: from files to :class:`Article` objects.

Holds the Article model (:mod:`.article`), bytes-to-text decoding (:mod:`.decode`), the checks
that make text an analysable article (:mod:`.checks`), the registry of input formats
(:mod:`.registry`) with its loaders (:mod:`.text`: plain text and Markdown; :mod:`.formats`:
HTML, JSON, JSONL, CSV), loading a file (:mod:`.loaders`) and finding article files in folders
and glob patterns (:mod:`.discovery`), and reading a reports folder's manifest back in
(:mod:`.reports`).

May import: :mod:`newsnb.core` and the standard library, trafilatura for HTML. Never analysis,
presentation, run or cli.
"""
from __future__ import annotations

from .article import Article, ArticleError, Part, parse_text, slugify
from .checks import MAX_STORY_WORDS, check, english_score, not_english
from .decode import decode
from .discovery import Discovered, articles_in, discover
from .loaders import Loaded, load, load_all
from .registry import register_loader

__all__ = [
    "Article", "ArticleError", "Discovered", "Loaded", "MAX_STORY_WORDS", "Part", "articles_in", "check", "decode",
    "discover", "english_score", "load", "load_all", "not_english", "parse_text", "register_loader", "slugify",
]
