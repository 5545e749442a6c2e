"""The whole analysis of one article, as DataFrames and JSON.

:func:`analyze` runs every analysis step on one parsed article and returns an :class:`Analysis`;
``Analysis.to_dict()`` is what ``newsnb analyze --format json`` prints and what the report
notebook saves beside each report (``reports/data/<slug>.json``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import entities as _entities
from . import facts as _facts
from . import gender as _gender
from . import language as _language
from . import nlp
from . import quotes as _quotes
from . import readability as _readability
from . import tone as _tone
from ..core.frames import plain, records
from ..input.article import Article, Part
from ..input.loaders import load

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["Analysis", "analyze", "records"]

SCHEMA_VERSION = 1


def _part(p: Part | None) -> dict | None:
    if p is None:
        return None
    return {"kind": p.kind, "index": p.index, "start": p.start, "end": p.end, "text": p.text}


@dataclass
class Analysis:
    """Everything newsnb finds in one article.

    Tables (DataFrames, columns documented in their modules and the README): ``sentences``,
    ``mentions``, ``entities``, ``quotes``, ``sources``, ``headline_quotes``, ``voices`` (share of
    voice by gender, derived from ``quotes``). Groups of tables:
    ``facts`` (numbers, dates, claims) and ``language`` (hedges, framing, subjectivity, plus the
    ``headline`` dict). Summaries: ``readability`` (a :class:`~newsnb.analysis.readability.Readability`),
    ``tone`` (dict from :func:`newsnb.analysis.tone.summary`).
    """

    article: Article
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    readability: _readability.Readability
    tone: dict
    quotes: pd.DataFrame
    sources: pd.DataFrame
    headline_quotes: pd.DataFrame
    facts: dict[str, pd.DataFrame] = field(default_factory=dict)
    language: dict[str, Any] = field(default_factory=dict)

    @property
    def voices(self) -> pd.DataFrame:
        """Share of voice by gender: person sources, quotes and quoted words for ``female``,
        ``male`` and ``unknown`` (:func:`newsnb.analysis.gender.voices`)."""
        return _gender.voices(self.quotes)

    @property
    def people(self) -> list[str]:
        df = self.entities
        return list(df[df["type"] == "person"]["entity"])

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table, by name (the CSV files of ``--format csv``)."""
        tables = {"sentences": self.sentences, "entities": self.entities, "mentions": self.mentions}
        tables["parts"] = pd.DataFrame(
            [_part(p) for p in self.article.story_parts + self.article.boilerplate + self.article.promos],
            columns=["kind", "index", "start", "end", "text"],
        )
        tables.update(quotes=self.quotes, sources=self.sources, headline_quotes=self.headline_quotes, voices=self.voices)
        tables.update(self.facts)
        tables.update({k: v for k, v in self.language.items() if isinstance(v, pd.DataFrame)})
        return tables

    def to_dict(self) -> dict:
        a = self.article
        out: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "article": {
                "slug": a.slug,
                "path": str(a.path) if a.path else None,
                "sha256": a.sha256,
                "format": a.format,
                "meta": plain(a.meta),
                "chars": len(a.text),
                "headline": _part(a.headline),
                "key_points": [_part(p) for p in a.key_points],
                "paragraphs": [_part(p) for p in a.paragraphs],
                "boilerplate": [_part(p) for p in a.boilerplate],
                "promos": [_part(p) for p in a.promos],
            },
            "readability": self.readability.to_dict(),
            "tone": plain(self.tone),
            "sentences": records(self.sentences),
            "entities": records(self.entities),
            "mentions": records(self.mentions),
            "quotes": records(self.quotes),
            "attributions": _quotes.attributions(self.quotes),
            "sources": records(self.sources),
            "headline_quotes": records(self.headline_quotes),
            "voices": records(self.voices),
            "facts": {k: records(v) for k, v in self.facts.items()},
            "language": {k: records(v) if isinstance(v, pd.DataFrame) else plain(v) for k, v in self.language.items()},
        }
        return out

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_csv(self, folder: str | Path) -> list[Path]:
        """Write one CSV per table into ``folder``; list/dict cells are written as JSON."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, df in self.tables().items():
            df = df.copy()
            for col in df.columns:
                if df[col].map(lambda v: isinstance(v, (list, dict, tuple))).any():
                    df[col] = df[col].map(lambda v: json.dumps(plain(v), ensure_ascii=False))
            path = folder / f"{name}.csv"
            df.to_csv(path, index=False)
            written.append(path)
        return written


def analyze(article: Article | str | Path, *, doc: "Doc | None" = None, date: str | None = None) -> Analysis:
    """Analyse an article (or the article file at a path).

    ``date`` (ISO ``YYYY-MM-DD``) is the article's publication date, used to resolve relative
    dates; it defaults to the date in the article's metadata, if any.
    """
    if not isinstance(article, Article):
        article = load(article)
    if doc is None:
        doc = nlp.parse(article)
    sentences = _tone.sentences(doc, article)
    quotes = _quotes.quotes(article, doc=doc)
    return Analysis(
        article=article,
        sentences=sentences,
        mentions=_entities.mentions(doc),
        entities=_entities.entities(doc),
        readability=_readability.readability(doc, article),
        tone=_tone.summary(sentences, article),
        quotes=quotes,
        sources=_quotes.sources(quotes),
        headline_quotes=_quotes.headline_check(article, quotes),
        facts=_facts.facts(article, doc=doc, date=date, quotes=quotes),
        language=_language.language(article, doc=doc),
    )
