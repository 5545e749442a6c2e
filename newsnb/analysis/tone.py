"""Tone sentence by sentence: TextBlob's lexicon-based polarity and subjectivity.

Method: sentences come from spaCy (a line break always ends one; boilerplate is never included);
each sentence's ``polarity`` (-1 negative … +1 positive) and ``subjectivity`` (0 factual … 1
opinion) come from TextBlob's default PatternAnalyzer, which works offline.

Known limits: a word-list method. It reads "hostilities" or "war" as neutral and cannot see
irony, negation across clauses or who holds a view; news prose mostly scores near 0, so treat
the numbers as a guide to where the language turns, not as a verdict on the article.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..input.article import Article

__all__ = ["SENTENCE_COLUMNS", "sentences", "summary", "label", "polarity"]

SENTENCE_COLUMNS = ["sentence", "part", "paragraph", "start", "end", "text", "words", "polarity", "subjectivity"]

#: Polarity below -NEUTRAL_BAND is "negative", above +NEUTRAL_BAND "positive".
NEUTRAL_BAND = 0.05


@lru_cache(maxsize=4096)
def polarity(text: str) -> tuple[float, float]:
    """(polarity, subjectivity) of ``text`` from TextBlob's PatternAnalyzer."""
    from textblob import TextBlob

    s = TextBlob(text).sentiment
    return round(float(s.polarity), 4), round(float(s.subjectivity), 4)


def label(value: float) -> str:
    """"negative", "neutral" or "positive" for a polarity value."""
    if value < -NEUTRAL_BAND:
        return "negative"
    if value > NEUTRAL_BAND:
        return "positive"
    return "neutral"


def sentences(doc: "Doc", article: "Article") -> pd.DataFrame:
    """One row per sentence of the story (headline, key points, body).

    Columns: ``sentence`` (number from 0), ``part`` (headline | key_point | paragraph),
    ``paragraph`` (index of the part among parts of its kind: body paragraph 0, 1 …),
    ``start``/``end`` (offsets into the source text), ``text``, ``words`` (word tokens),
    ``polarity`` (-1 … +1), ``subjectivity`` (0 … 1).
    """
    rows = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if not toks:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        part = article.part_at(start)
        if part is None:
            continue
        text = article.text[start:end]
        pol, subj = polarity(text)
        rows.append(
            {
                "sentence": len(rows),
                "part": part.kind,
                "paragraph": part.index,
                "start": start,
                "end": end,
                "text": text,
                "words": sum(1 for t in toks if t.is_alpha or t.like_num),
                "polarity": pol,
                "subjectivity": subj,
            }
        )
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def summary(sentences_df: pd.DataFrame, article: "Article") -> dict:
    """Overall tone of the body and the headline.

    Keys: ``polarity`` and ``subjectivity`` (body sentences, weighted by words), ``label``
    (negative | neutral | positive), ``most_negative``/``most_positive`` (sentence numbers, or
    None), ``headline_polarity``, ``headline_subjectivity``.
    """
    body = sentences_df[sentences_df["part"] == "paragraph"]
    weights = body["words"].clip(lower=1)
    if len(body):
        pol = float((body["polarity"] * weights).sum() / weights.sum())
        subj = float((body["subjectivity"] * weights).sum() / weights.sum())
    else:
        pol = subj = 0.0
    head_pol, head_subj = polarity(article.title) if article.title else (0.0, 0.0)
    return {
        "polarity": round(pol, 4),
        "subjectivity": round(subj, 4),
        "label": label(pol),
        "most_negative": int(body.loc[body["polarity"].idxmin(), "sentence"]) if len(body) and body["polarity"].min() < 0 else None,
        "most_positive": int(body.loc[body["polarity"].idxmax(), "sentence"]) if len(body) and body["polarity"].max() > 0 else None,
        "headline_polarity": head_pol,
        "headline_subjectivity": head_subj,
    }
