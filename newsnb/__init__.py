"""newsnb: per-article analysis of news text for Jupyter and Papermill reports.

The public surface is small on purpose::

    import newsnb
    article = newsnb.load("seeds/story.txt")
    result = newsnb.analyze(article)      # an Analysis: DataFrames + summaries
    result.sentences, result.entities, result.readability

The code is in layers, each a subpackage that imports only the ones before it: ``core`` (paths,
errors, registries) → ``input`` (articles, formats) → ``analysis`` (spaCy, quotes, facts,
language …) → ``store`` (Parquet tables, DuckDB) → ``presentation`` (figures, HTML) → ``run`` (kernels, executors, the batch) →
``cli``. Module names from before the layers (``newsnb.quotes``, ``newsnb.render`` …) still
import: :mod:`newsnb._aliases` maps them to their new homes.
"""
from __future__ import annotations

from . import _aliases
from .input import Article, ArticleError, load, load_all

__version__ = "0.1.0"
__all__ = ["Article", "ArticleError", "Analysis", "analyze", "load", "load_all", "__version__"]

_aliases.install()


def __getattr__(name: str):  # lazy: importing newsnb must not load pandas/spaCy
    if name in ("analyze", "Analysis"):
        from .analysis import result

        return getattr(result, name)
    module = _aliases.resolve(name)
    if module is not None:
        return module
    raise AttributeError(f"module 'newsnb' has no attribute {name!r}")
