"""newsnb: per-article analysis of news text for Jupyter and Papermill reports.

The public surface is small on purpose::

    import newsnb
    article = newsnb.load("seeds/story.txt")
    result = newsnb.analyze(article)      # an Analysis: DataFrames + summaries
    result.sentences, result.entities, result.readability

Everything else lives in modules named for what they do (``newsnb.quotes``, ``newsnb.tone`` …).
"""
from __future__ import annotations

from .load import Article, ArticleError, load, load_all

__version__ = "0.1.0"
__all__ = ["Article", "ArticleError", "Analysis", "analyze", "load", "load_all", "__version__"]


def __getattr__(name: str):  # lazy: importing newsnb must not load pandas/spaCy
    if name in ("analyze", "Analysis"):
        from . import analysis as _analysis

        return getattr(_analysis, name)
    raise AttributeError(f"module 'newsnb' has no attribute {name!r}")
