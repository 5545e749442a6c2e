"""Whose voices: the gender of each person quoted, from the text or the first name, and the share
of voice by gender (the count behind the BBC's 50:50 Project and the SFU Gender Gap Tracker).

Only person speakers get a gender; organisations, anonymous and unidentified sources never do.
:func:`speaker_genders` gives one row per person speaker, :func:`with_genders` adds its columns to
the quotes table (and :func:`newsnb.analysis.quotes.sources` carries them), :func:`voices` counts
sources, quotes and quoted words by gender.

Columns (:data:`GENDER_COLUMNS`, the last five of ``quotes`` and ``sources``; None for speakers
that are not persons):

* ``gender`` — ``female``, ``male`` or ``unknown``.
* ``gender_evidence`` — what the label rests on: ``text`` (the article says it), ``name`` (the
  first name, and nothing in the text), ``none`` (neither), or ``conflict`` (the text says both:
  the gender is ``unknown``).
* ``gender_evidence_text``, ``gender_evidence_start``, ``gender_evidence_end`` — the evidence as
  written and its offsets: the first piece of text evidence; for ``conflict`` the first piece that
  contradicts it; for ``name`` the first name where the person is first named; null for ``none``.

Method, in order:

1. **Text evidence**, every piece collected for the person:

   * an honorific right before any mention of the person or opening the speaker mention (Mr, Sir,
     Lord, King, Prince / Mrs, Ms, Miss, Dame, Lady, Baroness, Queen …);
   * a gendered noun describing the person: right before the name ("actress Jane Doe", "his wife
     Jane"), heading its apposition ("Jane Doe, his wife, said") or the noun the name is in
     apposition to ("His wife, Jane Doe, said") — :data:`~newsnb.analysis.text.lexicon.GENDERED_NOUNS`;
   * a pronoun: ``he``/``she`` as the speaker of a quote that speaker resolution gave to the
     person, and ``he``/``she`` as the subject of the sentence right after one whose subject is
     the person (no other person named in that sentence). Either counts only when the person's
     last mention before it (outside quotations) is a subject or a speaker, and nothing from the
     start of that mention's sentence to the pronoun, outside quotations, could be another
     antecedent: no other speaker or person's name (unless known to be of the other gender, by
     their own honorific or noun or a clear first name), no name-like word, no singular noun for
     a person outside the person's own noun phrase ("the minister", "a spokeswoman"), no other
     gendered pronoun (one of the other gender inside the person's own noun phrase excepted: "Her
     colleague Peter Walsh").

   Honorifics and gendered nouns come from :class:`~newsnb.analysis.speakers.SpeakerResolver`,
   which also uses them to resolve pronouns. All evidence of one gender gives that gender; evidence
   of both gives ``unknown`` (``conflict``). Role nouns in -man (chairman, spokesman) are weaker:
   newsrooms have used them for women, so they count only without other text evidence. When all
   the evidence is weak — such roles, or an honorific or noun on a short form that entity folding
   tied to a longer name ("Mrs Clinton" folded into "Bill Clinton") — a clear first name that
   disagrees gives ``conflict``.
2. **First name**, only without text evidence, only for a canonical name of two or more words (a
   surname alone is not a first name), after titles, and not an initial: gender-guesser's
   dictionary of about 48,000 first names in 54 countries and regions (Jörg Michael's ``nam_dict``,
   read once per process, offline). Its codes: ``M``/``1M`` (male as a first name), ``F``/``1F``,
   ``?M``/``?F`` (unisex, mostly male/female), ``?`` (unisex), each with a frequency per country on
   a logarithmic scale (weighted here 2^frequency). A name is labelled with the gender of its
   larger plain entries only when no unisex entry anywhere leans to the other gender and all its
   other entries (the other gender's plain ones, unisex ones) weigh under :data:`MINORITY` of the
   total: John, Mary, George, Jane are labelled; Jordan, Alex, Kim, Chris, Sam, Taylor, Jean,
   Andrea (and Mike, Tony, Ryan) give ``unknown``, never a guess. A hyphenated name the dictionary
   lacks is looked up by its first part.

Known limits: the labels are binary and come from how the story writes about a person; a
non-binary person, a person whose pronouns the story never uses, or one named only by surname is
``unknown`` (or mislabelled, when the story or the dictionary gets it wrong). The dictionary is
European-centred: names from many cultures are missing, and where the family name comes first
(Xi Jinping) the first word is a surname (mostly missing from the dictionary, so ``unknown``).
The figure is for counting voices across articles, not a label for any one person.
"""
from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd

from .speakers import GenderCue, SpeakerResolver, settled_gender, top_cues
from .text.lexicon import GENDERED_PRONOUNS, PERSON_NOUNS, PRONOUN_GENDER, TITLES
from .text.quotation import QuoteSpans
from .text.tokens import tokens_between

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from ..input.article import Article

__all__ = [
    "GENDER_COLUMNS", "GENDERS", "VOICE_COLUMNS", "MINORITY", "first_name_gender", "speaker_genders", "voices",
    "with_genders",
]

GENDER_COLUMNS = ["gender", "gender_evidence", "gender_evidence_text", "gender_evidence_start", "gender_evidence_end"]
#: The gender values, in the order tables and charts show them.
GENDERS = ("female", "male", "unknown")
VOICE_COLUMNS = ["gender", "sources", "quotes", "quoted_words", "share_of_sources", "share_of_quotes", "share_of_words"]
#: A first name is labelled only when its entries other than the plain ones of its gender
#: (the other gender's, and unisex ones) weigh less than this share of all its entries.
MINORITY = 0.10

_LABEL = {"m": "male", "f": "female"}
_SUBJECT_PRONOUNS = {w: g for w, g in PRONOUN_GENDER.items() if w in ("he", "she")}


# ------------------------------------------------------------------------------ first names


#: gender-guesser's codes: plain (``M``, ``1M``: male as a first name; ``F``, ``1F``), unisex
#: leaning one way (``?M``, ``?F``) and unisex (``?``).
_CODES = {"M": "m", "1M": "m", "F": "f", "1F": "f", "?M": "um", "?F": "uf", "?": "u"}


@functools.lru_cache(maxsize=1)
def _first_names() -> dict[str, str | None]:
    """gender-guesser's dictionary as ``first name (lower case) → m | f | None (ambiguous)``."""
    from importlib.resources import files

    weights: dict[str, dict[str, int]] = {}
    with (files("gender_guesser") / "data" / "nam_dict.txt").open(encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#=":
                continue
            code, raw = line.split()[:2]
            weight = max(1, sum(2 ** int(c, 16) for c in line[30:-1] if c not in " $"))
            for name in {raw.replace("+", r).lower() for r in ("", " ", "-")}:
                w = weights.setdefault(name, dict.fromkeys(_CODES.values(), 0))
                w[_CODES[code]] += weight
    out: dict[str, str | None] = {}
    for name, w in weights.items():
        g = "m" if w["m"] >= w["f"] else "f"
        leaning_other = w["uf" if g == "m" else "um"]
        out[name] = g if not leaning_other and w[g] >= (1 - MINORITY) * sum(w.values()) else None
    return out


def first_name_gender(name: str) -> str | None:
    """``male`` or ``female`` for a first name the dictionary gives to one gender (see the module
    docstring); None for an ambiguous, unlisted or initial-only name. A hyphenated name that is
    not listed is looked up by its first part ("Hans-Werner" as "Hans")."""
    word = name.strip().rstrip(".")
    if len(word) < 2 or "." in word or not word[0].isalpha():
        return None
    names = _first_names()
    key = word.lower()
    if key not in names and "-" in key:
        key = key.split("-")[0]
    return _LABEL.get(names.get(key) or "")


def _first_name(canonical: str) -> str | None:
    """The first name of a canonical person name of two or more words, after titles."""
    m = TITLES.match(canonical + " ")
    rest = canonical[m.end():] if m and m.end() <= len(canonical) else canonical
    words = rest.split()
    return words[0] if len(words) >= 2 else None


def _name_gender(canonical: str) -> tuple[str | None, str | None]:
    """(first name, ``male``/``female``/None) of a canonical person name."""
    first = _first_name(canonical)
    return first, first_name_gender(first) if first else None


# ------------------------------------------------------------------------------ text evidence


class _Evidence:
    """Collects the text evidence for every person speaker of one article."""

    def __init__(self, doc: "Doc", quotes_df: pd.DataFrame, resolver: SpeakerResolver):
        self.doc = doc
        self.text = resolver.text
        self.resolver = resolver
        self.in_quote = resolver.in_quote
        self.rows = [r for r in quotes_df.itertuples(index=False) if r.kind != "scare"]
        self.people = list(dict.fromkeys(
            r.speaker for r in self.rows if r.speaker_type == "person" and isinstance(r.speaker, str)))
        #: every span referring to someone: entity mentions and quote speaker mentions, in text order
        refs = {(m.start, m.end): _Ref(m.start, m.end, m.entity, m.type, m.subject) for m in resolver.ments}
        for r in self.rows:
            if _given(r.speaker_start):
                s, e = int(r.speaker_start), int(r.speaker_end)
                refs[(s, e)] = _Ref(s, e, r.speaker if isinstance(r.speaker, str) else None, r.speaker_type, True)
        self.refs = sorted(refs.values(), key=lambda x: (x.start, x.end))
        self.cues: dict[str, list[GenderCue]] = {p: list(resolver.gender_cues.get(p, [])) for p in self.people}

    def collect(self) -> dict[str, list[GenderCue]]:
        self._speaker_mentions()
        self._speaker_pronouns()
        self._subject_pronouns()
        return {p: sorted(set(c), key=lambda c: (c.start, c.end)) for p, c in self.cues.items()}

    def _add(self, person: str, cue: GenderCue) -> None:
        if person in self.cues:
            self.cues[person].append(cue)

    def _speaker_mentions(self) -> None:
        """Honorifics and gendered nouns of speaker mentions that are no entity mention ("Mr Smith
        said" where the model found no name)."""
        for r in self.rows:
            if (r.speaker_type == "person" and isinstance(r.speaker_text, str) and _given(r.speaker_start)
                    and r.speaker_text.lower() not in GENDERED_PRONOUNS):
                for cue in self.resolver.gender_cues_at(int(r.speaker_start), int(r.speaker_end), r.speaker):
                    self._add(r.speaker, cue)

    def _speaker_pronouns(self) -> None:
        """"…,” she said": the pronoun speaker of a quote resolved to the person."""
        seen = set()
        for r in self.rows:
            if (r.speaker_type != "person" or not isinstance(r.speaker_text, str) or bool(r.follow_on)
                    or r.speaker_text.lower() not in _SUBJECT_PRONOUNS or not _given(r.speaker_start)):
                continue
            s, e = int(r.speaker_start), int(r.speaker_end)
            if s in seen:
                continue
            seen.add(s)
            if self._clear(r.speaker, s, _SUBJECT_PRONOUNS[r.speaker_text.lower()]):
                self._add(r.speaker, GenderCue(_SUBJECT_PRONOUNS[r.speaker_text.lower()], "pronoun", s, e))

    def _subject_pronouns(self) -> None:
        """"Jane Doe opened the hearing. She said …": he/she subject of the next sentence."""
        doc = self.doc
        for m in self.resolver.ments:
            if m.type != "person" or m.entity not in self.cues or not m.subject or self.in_quote(m.start):
                continue
            head = _root_of(doc, m.start, m.end)
            if head is None or head.dep_ not in ("nsubj", "nsubjpass") or head.head is not head.sent.root:
                continue
            sent = head.sent
            others = [x for x in self.resolver.ments if x.type == "person" and x.entity != m.entity
                      and sent.start_char <= x.start < sent.end_char]
            if others or sent.end >= len(doc):
                continue
            nxt = doc[sent.end].sent
            if nxt.root.is_space and nxt.end < len(doc):
                nxt = doc[nxt.end].sent
            subj = next((c for c in nxt.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or subj.lower_ not in _SUBJECT_PRONOUNS or self.in_quote(subj.idx):
                continue
            if self._clear(m.entity, subj.idx, _SUBJECT_PRONOUNS[subj.lower_]):
                self._add(m.entity, GenderCue(_SUBJECT_PRONOUNS[subj.lower_], "pronoun", subj.idx,
                                              subj.idx + len(subj.text)))

    def _clear(self, person: str, at: int, gender: str) -> bool:
        """Is the person the only antecedent for a pronoun of ``gender`` at ``at``? Their last
        mention before it must be a subject or a speaker, and nothing from the start of that
        mention's sentence to ``at`` (outside quotations and the person's own mentions) may be
        another candidate: another speaker or named person (unless known to be of the other gender:
        by an honorific or gendered noun, or a clear first name), a name-like word, a singular noun
        for a person (except in the person's own noun phrase: "Jane Doe, the firm's chairwoman,")
        or a gendered pronoun (except one of the other gender in the person's own noun phrase, which
        cannot be the person: "Her colleague Peter Walsh" before "he said")."""
        mine = [x for x in self.refs if x.who == person and x.end <= at and not self.in_quote(x.start)]
        if not mine or not mine[-1].salient:
            return False
        last = mine[-1]
        sent = self.doc.char_span(last.start, last.end, alignment_mode="expand")
        lo = sent.sent.start_char if sent is not None and len(sent) else last.start
        own = self._phrase((last.start, last.end))
        inside = [(x.start, x.end) for x in mine]
        others = []  # organisations, places and people of the other gender: no antecedent
        for x in self.refs:
            if not lo <= x.start < at or x.who == person or self.in_quote(x.start):
                continue
            if x.type not in ("organisation", "place") and self._known(x.who) in (None, gender):
                return False
            others.append((x.start, x.end))
        for tok in tokens_between(self.doc, lo, at):
            if self.in_quote(tok.idx) or any(s <= tok.idx < e for s, e in inside):
                continue
            if tok.lower_ in GENDERED_PRONOUNS and not (tok.i in own and GENDERED_PRONOUNS[tok.lower_] != gender):
                return False
            if tok.i in own or any(s <= tok.idx < e for s, e in others):
                continue
            if tok.tag_ == "NN" and (tok.lemma_.lower() in PERSON_NOUNS or tok.lower_ in PERSON_NOUNS):
                return False
            if tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and not tok.ent_type_ and tok.is_title
                                             and not tok.is_sent_start):
                return False
        return True

    def _known(self, who: str | None) -> str | None:
        """``m``/``f`` when a person's gender is plain from honorifics and nouns or the first name."""
        if who is None:
            return None
        if who in self.resolver.gender:
            return self.resolver.gender[who]
        return {v: k for k, v in _LABEL.items()}.get(_name_gender(who)[1] or "")

    def _phrase(self, span: tuple[int, int]) -> set[int]:
        """Token indices of the noun phrase of a mention with its appositions and modifiers ("Jane
        Doe, the firm's chairwoman,"; "His wife, Jane Doe,"), without clauses or conjuncts."""
        root = _root_of(self.doc, *span)
        if root is None:
            return set()
        if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
            root = root.head
        if root.pos_ not in ("NOUN", "PROPN"):
            return set()
        keep, stack = set(), [root]
        while stack:
            t = stack.pop()
            keep.add(t.i)
            stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "advcl", "conj", "cc", "ccomp"))
        return keep


class _Ref(NamedTuple):
    """A span referring to someone: ``who`` (canonical name or None), ``type``, and whether it is
    ``salient`` (a subject or a quote's speaker)."""

    start: int
    end: int
    who: str | None
    type: str
    salient: bool


def _given(v) -> bool:
    """Is an offset cell filled (not None, NaN or NA)?"""
    return v is not None and not pd.isna(v)


def _root_of(doc: "Doc", start: int, end: int) -> "Token | None":
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    while root.dep_ in ("compound", "flat") and root.head is not root:
        root = root.head
    return root


# ------------------------------------------------------------------------------ the decision


def _decide(person: str, cues: list[GenderCue], text: str, refs: list[tuple[int, int]]) -> dict:
    first, by_name = _name_gender(person)
    if cues:
        use = top_cues(cues)
        g = settled_gender(use)
        if g and not (all(c.weak for c in use) and by_name and by_name != _LABEL[g]):
            return _row(_LABEL[g], "text", text, use[0])
        against = next((c for c in use if c.gender != use[0].gender), use[0])
        return _row("unknown", "conflict", text, against)
    row = dict.fromkeys(GENDER_COLUMNS)
    if by_name:
        pattern = re.compile(r"\b" + re.escape(first) + r"\b")
        hit = next((m for s, e in refs for m in [pattern.search(text, s, e)] if m), None)
        row.update(gender=by_name, gender_evidence="name", gender_evidence_text=first)
        if hit:
            row.update(gender_evidence_start=hit.start(), gender_evidence_end=hit.end())
        return row
    row.update(gender="unknown", gender_evidence="none")
    return row


def _row(gender: str, evidence: str, text: str, cue: GenderCue) -> dict:
    return {"gender": gender, "gender_evidence": evidence, "gender_evidence_text": text[cue.start:cue.end],
            "gender_evidence_start": cue.start, "gender_evidence_end": cue.end}


# ------------------------------------------------------------------------------ public API


def speaker_genders(article: "Article", doc: "Doc", quotes_df: pd.DataFrame, mentions_df: pd.DataFrame | None = None,
                    *, resolver: SpeakerResolver | None = None) -> pd.DataFrame:
    """One row per person speaker of ``quotes_df`` (index ``speaker``, the canonical name), columns
    :data:`GENDER_COLUMNS`. ``resolver`` is the quote extractor's speaker resolver when at hand;
    otherwise one is built on ``doc`` (with ``mentions_df`` when given) and the quotations of
    ``quotes_df``."""
    if quotes_df is None or quotes_df.empty:
        return _gender_frame([])
    if resolver is None:
        spans = [(int(a), int(b)) for r in quotes_df.itertuples(index=False)
                 for a, b in (getattr(r, "parts", None) or ([] if r.kind == "indirect" else [(r.start, r.end)]))]
        resolver = SpeakerResolver(doc, QuoteSpans(spans), mentions_df)
    ev = _Evidence(doc, quotes_df, resolver)
    cues = ev.collect()
    rows = []
    for person in ev.people:
        refs = [(x.start, x.end) for x in ev.refs if x.who == person]
        rows.append({"speaker": person} | _decide(person, cues[person], article.text, refs))
    return _gender_frame(rows)


def _gender_frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["speaker"] + GENDER_COLUMNS).set_index("speaker")
    for col in ("gender_evidence_start", "gender_evidence_end"):
        df[col] = df[col].astype("Int64")
    return df


def with_genders(quotes_df: pd.DataFrame, genders: pd.DataFrame) -> pd.DataFrame:
    """``quotes_df`` with :data:`GENDER_COLUMNS` filled from ``genders`` for person speakers
    (None elsewhere)."""
    df = quotes_df.copy()
    named = df["speaker"].map(lambda v: isinstance(v, str))
    person = (df["speaker_type"] == "person") & named & (df["kind"] != "scare")
    for col in GENDER_COLUMNS:
        values = df["speaker"].map(genders[col]) if not genders.empty else pd.Series(None, index=df.index)
        values = values.where(person, None)
        if col.endswith(("_start", "_end")):
            df[col] = values.astype("Int64")
        else:
            df[col] = values.astype(object).where(values.notna(), None)
    return df


def voices(quotes_df: pd.DataFrame | None, by: str | None = None) -> pd.DataFrame:
    """Share of voice by gender: person sources, their quotes and quoted words, for each gender
    (:data:`GENDERS`, ``unknown`` kept), with shares of the person total (0–1).

    Takes a quotes table (one article's, or the corpus's with ``slug``) and counts only person
    speakers (organisations, anonymous and unidentified sources are left out; scare quotes too).
    ``sources`` counts each person once per article (``slug``), ``quotes`` every quote and
    reported statement, ``quoted_words`` the words inside quotation marks (direct and partial quotes and the quoted parts of mixed rows, each word once). A table
    without gender columns (analysed before genders existed) counts as ``unknown``. ``by`` names a
    column to group by (``outlet``, ``month``): one block of three rows per value, in order.
    Columns: ``by`` (when given) and :data:`VOICE_COLUMNS`.
    """
    keys = [by] if by else []
    columns = keys + VOICE_COLUMNS
    if quotes_df is None or quotes_df.empty:
        return pd.DataFrame(columns=columns)
    q = quotes_df[(quotes_df["kind"] != "scare") & (quotes_df["speaker_type"] == "person")
                  & quotes_df["speaker"].map(lambda v: isinstance(v, str))]
    if by:
        q = q[q[by].map(lambda v: isinstance(v, str) and bool(v))]
    if q.empty:
        return pd.DataFrame(columns=columns)
    gender = q["gender"] if "gender" in q else pd.Series("unknown", index=q.index)
    q = q.assign(
        gender=gender.where(gender.isin(GENDERS), "unknown"),
        _slug=q["slug"] if "slug" in q else "",
        _words=(q["quoted_words"].fillna(0).astype("int64") if "quoted_words" in q.columns
                else q["words"].fillna(0).astype("int64").where(q["kind"].isin(["direct", "partial"]), 0)),
    )
    rows = []
    for key, g in (q.groupby(keys, sort=True) if keys else [((), q)]):
        counts = {
            "sources": g.drop_duplicates(["_slug", "speaker"]).groupby("gender").size(),
            "quotes": g.groupby("gender").size(),
            "quoted_words": g.groupby("gender")["_words"].sum(),
        }
        totals = {k: int(v.sum()) for k, v in counts.items()}
        group = dict(zip(keys, key if isinstance(key, tuple) else (key,)))
        for gen in GENDERS:
            row = group | {"gender": gen} | {k: int(v.get(gen, 0)) for k, v in counts.items()}
            for k, share in (("sources", "share_of_sources"), ("quotes", "share_of_quotes"),
                             ("quoted_words", "share_of_words")):
                row[share] = round(row[k] / totals[k], 4) if totals[k] else 0.0
            rows.append(row)
    df = pd.DataFrame(rows, columns=columns)
    for col in ("sources", "quotes", "quoted_words"):
        df[col] = df[col].astype("int64")
    return df
