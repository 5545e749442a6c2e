"""Attribution cues: is this token a speech verb, "according to", "as per" …, and which one?

:func:`cue_at` is the one test quotes, facts and language use for speech cues; the verbs come from
:mod:`newsnb.analysis.text.lexicon`. :func:`attribution_cue_at` widens it for reported speech
to attitude and evidence verbs, speech acts, verbs with their preposition ("called for") and
attribution nouns ("claim"); :func:`cue_type` classes a cue key (``speech``, ``attitude``,
``evidence``, ``noun``, ``preposition``, ``headline``).

Known limits: a verb is a cue by its lemma and part of speech; the small model's tagging errors
("says" tagged a noun) cost a cue; a word's sense is not checked ("shows" of a television show
is a noun and no cue, but "the film shows a city" is an evidence cue).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import (
    ALL_CUES, ATTITUDE_CUES, ATTRIBUTION_NOUNS, EVIDENCE_CUES, NAMING_CUES, PHRASAL_CUES, PREPOSITION_CUES,
    SPEECH_ACT_CUES,
)
from .tokens import doc_text

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["Cue", "attribution_cue_at", "cue_at", "cue_type"]

#: A cue: (start, end, text as written, key) — key is the lemma, ``point_out``, ``according_to`` …
Cue = tuple[int, int, str, str]


def cue_at(doc: "Doc", tok: "Token") -> Cue | None:
    """(start, end, text, key) of the speech cue starting at ``tok``, if it is one."""
    low = tok.lower_
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if low == "according" and nxt is not None and nxt.lower_ == "to":
        return tok.idx, nxt.idx + len(nxt.text), doc_text(doc)[tok.idx:nxt.idx + len(nxt.text)], "according_to"
    if low == "as" and nxt is not None and nxt.lower_ == "per":
        return tok.idx, nxt.idx + len(nxt.text), doc_text(doc)[tok.idx:nxt.idx + len(nxt.text)], "as_per"
    if not (tok.pos_ == "VERB" or tok.tag_.startswith("VB")) or tok.pos_ == "AUX":
        return None
    lemma = tok.lemma_.lower()
    end_tok = tok
    key = lemma
    if lemma in PHRASAL_CUES:
        prt = next((c for c in tok.children if c.dep_ == "prt" and c.lower_ == PHRASAL_CUES[lemma]), None)
        if prt is None:
            return None
        key, end_tok = f"{lemma}_{prt.lower_}", max(prt, tok, key=lambda t: t.i)
    if key not in ALL_CUES and key not in NAMING_CUES and lemma != "put":
        return None
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "so":
        return None  # "so-called"
    if lemma == "quote":  # "was quoted as saying"
        if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "as" and doc[tok.i + 2].lemma_.lower() in ("say", "tell"):
            end_tok = doc[tok.i + 2]
    if lemma == "put":  # "as Smith put it"
        it = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ == "it"), None)
        if it is None:
            return None
        end_tok, key = it, "put_it"
    if lemma == "tell" and not any(c.dep_ in ("dobj", "dative", "ccomp", "xcomp", "nsubjpass", "nsubj") for c in tok.children):
        return None
    s, e = tok.idx, end_tok.idx + len(end_tok.text)
    return s, e, doc_text(doc)[s:e], key


def cue_type(key: str | None) -> str | None:
    """The ``cue_type`` of a cue key: ``speech``, ``attitude``, ``evidence``, ``noun``,
    ``preposition`` (according to, as per) or ``headline`` (a headline's "Source: …")."""
    if key is None:
        return None
    if key in ("according_to", "as_per"):
        return "preposition"
    if key == "headline_colon":
        return "headline"
    if key.startswith("noun:"):
        return "noun"
    lemma = key.split("_", 1)[0]
    if lemma in EVIDENCE_CUES:
        return "evidence"
    if lemma in ATTITUDE_CUES and lemma not in ALL_CUES:
        return "attitude"
    return "speech"


def attribution_cue_at(doc: "Doc", tok: "Token") -> Cue | None:
    """A cue of any attribution type starting at ``tok``: a speech cue (:func:`cue_at`), a verb
    of attitude, evidence or a speech act (:data:`ATTITUDE_CUES`, :data:`EVIDENCE_CUES`,
    :data:`SPEECH_ACT_CUES`), a verb with its preposition ("called for", key ``call_for``), or an
    attribution noun ("claim", key ``noun:claim``). :func:`cue_type` classes the key."""
    if tok.pos_ in ("VERB",) or tok.tag_.startswith("VB") and tok.pos_ != "AUX":
        lemma = tok.lemma_.lower()
        if lemma in PREPOSITION_CUES:
            prep = next((c for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ in PREPOSITION_CUES[lemma]
                         and c.i == tok.i + 1), None)
            if prep is not None:
                s, e = tok.idx, prep.idx + len(prep.text)
                return s, e, doc_text(doc)[s:e], f"{lemma}_{prep.lower_}"
    c = cue_at(doc, tok)
    if c is not None:
        return c if c[3] not in NAMING_CUES else None
    if tok.pos_ == "AUX":
        return None
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" or tok.tag_.startswith("VB"):
        if lemma in ATTITUDE_CUES or lemma in EVIDENCE_CUES or lemma in SPEECH_ACT_CUES:
            return tok.idx, tok.idx + len(tok.text), tok.text, lemma
        return None
    if tok.pos_ == "NOUN" and lemma in ATTRIBUTION_NOUNS:
        return tok.idx, tok.idx + len(tok.text), tok.text, f"noun:{lemma}"
    return None
