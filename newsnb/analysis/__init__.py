"""Analysis layer: from an :class:`~newsnb.input.Article` to DataFrames with character offsets.

Holds the spaCy pipeline (:mod:`.nlp`, loaded once per process); the shared text layer that the
extractors build on (:mod:`.text`: quotation spans, the lexicons of cue verbs, hedges and titles,
token lookup; :mod:`.speakers`: speaker resolution); then the extractors — :mod:`.entities`,
:mod:`.quotes` (with each person speaker's gender from :mod:`.gender`), :mod:`.facts`,
:mod:`.language`, :mod:`.tone`, :mod:`.readability` — the whole
analysis of one article (:mod:`.result`: :func:`analyze`, :class:`Analysis`); reading a few
articles' analysis JSON (:mod:`.corpus`: :func:`~.corpus.load`; the corpus tables are SQL over the
store, :mod:`newsnb.store.corpus`); which articles cover the same story (:mod:`.stories`, without
spaCy) and how one story's outlets compare (:mod:`.coverage`).

May import: core and input. Never presentation, run or cli.
"""
from __future__ import annotations

__all__ = ["Analysis", "analyze"]


def __getattr__(name: str):  # lazy: importing a module of this layer must not load spaCy
    if name in __all__:
        from . import result

        return getattr(result, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
