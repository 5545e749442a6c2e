"""The language of the story: hedges, loaded words, framing terms, subjectivity, headline fit.

Methods:

* :func:`hedges` — word lists (module constants below) matched on spaCy lemmas with part-of-
  speech checks ("may" only as a modal, "blast" only as a verb), plus regular-expression
  phrases ("thus far", "so-called", "it is understood"). Each hit says whether it sits inside
  a quotation, so the article's own voice can be told from what it quotes.
* :func:`framing` — patterns for refused labels ("refrained from calling X an “invasion”",
  "declined to describe it as …", "did not call it a …"), reported labels ("what Moscow calls
  a …", "called the vote a “sham”", "so-called …"), short quotations of up to four words, then
  every other use of the same term (unquoted = the article's own voice) and of
  :data:`CONTESTED_TERMS`.
* :func:`subjectivity` — TextBlob polarity/subjectivity per body paragraph with hedge counts.
* :func:`headline_vs_body` — headline content words, entities and quoted words looked up in
  the body paragraphs, and the tone of headline vs body.

Known limits: word lists are English and hand-made, so they miss synonyms and flag some
neutral uses ("could" as plain ability, "regime" in a neutral sense). Quotations are the shared
spans of :mod:`newsnb.analysis.text.quotation` (the same the quotes table reports), and an
unquoted paraphrase ("X, police said, …") still counts as the article's voice. Framing
patterns need the label in the same sentence as the naming verb, and a bare negation ("did
not call …") needs the label introduced by "a/an/as" or quoted. Contested terms are listed on
every use, generic or not. TextBlob's lexicon scores words, not context (negation aside).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

import pandas as pd

from . import nlp
from ..core.frames import frame
from .speakers import attribution, clause_speaker
from .text.lexicon import (
    CONTESTED_TERMS, HEDGE_PHRASES, HEDGE_WORDS, INTENSIFIER_PHRASES, INTENSIFIER_WORDS, LOADED_PHRASES, LOADED_WORDS,
    POS_LIMITS,
)
from .text.quotation import QuoteSpans, headline_segments, inner, quote_spans
from .text.segments import Segment, locate, segments

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..input.article import Article

__all__ = [
    "CONTESTED_TERMS",
    "FRAMING_COLUMNS",
    "HEDGE_COLUMNS",
    "HEDGE_PHRASES",
    "HEDGE_WORDS",
    "INTENSIFIER_PHRASES",
    "INTENSIFIER_WORDS",
    "LOADED_PHRASES",
    "LOADED_WORDS",
    "SUBJECTIVITY_COLUMNS",
    "framing",
    "headline_vs_body",
    "hedges",
    "language",
    "subjectivity",
]

_S = r"[^\S\r\n]+"

_CATEGORY_WORDS = (("hedge", HEDGE_WORDS), ("intensifier", INTENSIFIER_WORDS), ("loaded", LOADED_WORDS))
_CATEGORY_PHRASES = (("hedge", HEDGE_PHRASES), ("intensifier", INTENSIFIER_PHRASES), ("loaded", LOADED_PHRASES))


def _phrase_regex(pattern: str) -> re.Pattern:
    return re.compile(r"\b(?:" + pattern.replace(" ", _S) + r")\b", re.IGNORECASE)


_PHRASE_RES = [(cat, canon, _phrase_regex(p)) for cat, table in _CATEGORY_PHRASES for canon, p in table.items()]

HEDGE_COLUMNS = [
    "start", "end", "text", "category", "lemma", "sentence_start", "sentence_end",
    "part", "paragraph", "in_promo", "in_quote",
]
FRAMING_COLUMNS = [
    "start", "end", "text", "term", "voice", "actor", "object", "found_by", "note", "in_quote",
    "sentence_start", "sentence_end", "part", "paragraph", "in_promo",
]
SUBJECTIVITY_COLUMNS = ["paragraph", "start", "end", "polarity", "subjectivity", "hedges", "intensifiers", "loaded"]

# ---------------------------------------------------------------------------------------------
# Hedges, intensifiers, loaded words


def _hits(seg: Segment) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, category, lemma) in absolute offsets; phrases first, then single words."""
    text, off = seg.text, seg.offset
    taken: list[tuple[int, int]] = []
    for cat, canon, rx in _PHRASE_RES:
        for m in rx.finditer(text):
            s, e = m.start() + off, m.end() + off
            if any(a < e and s < b for a, b in taken):
                continue
            taken.append((s, e))
            yield s, e, cat, canon
    doc = seg.doc
    for tok in doc:
        s, e = tok.idx + off, tok.idx + len(tok.text) + off
        if tok.is_space or any(a < e and s < b for a, b in taken):
            continue
        lemma, low = tok.lemma_.lower(), tok.lower_
        for cat, words in _CATEGORY_WORDS:
            key = lemma if lemma in words else (low if low in words else None)
            if key is None:
                continue
            allowed = POS_LIMITS.get(key)
            if allowed and tok.pos_ not in allowed:
                continue
            if key == "rather" and (
                (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "than")
                or (tok.i > 0 and doc[tok.i - 1].lower_ in ("would", "'d", "’d"))
            ):
                continue  # "rather than", "would rather": not a hedge
            if key in ("may", "might", "could") and tok.tag_ != "MD":
                continue
            yield s, e, cat, key
            break


def hedges(article: "Article", *, doc: "Doc | None" = None) -> pd.DataFrame:
    """Hedges, intensifiers and loaded words in the story and promo lines.

    Word lists: :data:`HEDGE_WORDS`/:data:`HEDGE_PHRASES` (reportedly, thus far, somewhat,
    so-called, claimed, it is understood …), :data:`INTENSIFIER_WORDS`/
    :data:`INTENSIFIER_PHRASES` (blatantly, very, of course …), :data:`LOADED_WORDS`/
    :data:`LOADED_PHRASES` (slammed, shocking, regime, sparking fears …).

    Columns: ``start``, ``end``, ``text`` (as written), ``category`` (``hedge``,
    ``intensifier`` or ``loaded``), ``lemma`` (list entry matched), ``sentence_start``,
    ``sentence_end``, ``part`` (headline, key_point, paragraph, promo), ``paragraph`` (body
    paragraph index or <NA>), ``in_promo`` and ``in_quote`` (inside a quotation: the source's
    words, not the article's).
    """
    quotes = quote_spans(article)
    rows = []
    for seg in segments(article, doc):
        for s, e, cat, lemma in _hits(seg):
            ss, se = seg.sentence(s)
            part, para = locate(article, s, seg.in_promo)
            rows.append({
                "start": s, "end": e, "text": article.text[s:e], "category": cat, "lemma": lemma,
                "sentence_start": ss, "sentence_end": se, "part": part, "paragraph": para,
                "in_promo": seg.in_promo, "in_quote": quotes.inside(s, e),
            })
    return frame(rows, HEDGE_COLUMNS, {
        "start": "int64", "end": "int64", "sentence_start": "int64", "sentence_end": "int64",
        "paragraph": "Int64", "in_promo": "bool", "in_quote": "bool",
    })


# ---------------------------------------------------------------------------------------------
# Framing

_NAMING_VERB = (
    r"call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|label(?:s|led|ed|ling|ing)?|term(?:s|ed|ing)?|"
    r"brand(?:s|ed|ing)?|characteri[sz](?:e|es|ed|ing)|refer(?:s|red|ring)?" + _S + "to"
)
REFUSAL = re.compile(
    rf"\b(?P<trigger>(?i:refrain(?:s|ed|ing)?{_S}from|refus(?:e|es|ed|ing){_S}to|"
    rf"declin(?:e|es|ed|ing){_S}to|avoid(?:s|ed|ing)?|stop(?:s|ped|ping)?{_S}short{_S}of|"
    rf"sh(?:y|ies|ied|ying){_S}away{_S}from|"
    rf"(?:will|would|did|does|do|could|can|has|have|had|is|are|was|were)(?:{_S}not|n['’]t)|"
    rf"won['’]t|can['’]t|cannot|never))"
    rf"(?:{_S}(?i:yet|even|explicitly|publicly|officially|directly|formally|so{_S}far|thus{_S}far))*"
    rf"{_S}(?:(?i:to){_S})?(?P<verb>(?i:{_NAMING_VERB}))\b(?!{_S}(?i:for|on|off|up|back|in|out)\b)"
)
#: Negations that need the label introduced by "a/an/as" or quoted to count as a refusal.
_WEAK_TRIGGER = re.compile(r"(?i)(?:will|would|did|does|do|could|can|has|have|had|is|are|was|were|won|cannot|never)\b")
_LABEL_INTRO = re.compile(r"(?i)\b(?:an?|as)\s+$")
REPORTED_LABEL = re.compile(
    rf"\b(?i:what|which|whom?){_S}(?P<actor>[^,.;:“”\"\n]{{1,60}}?){_S}"
    rf"(?P<verb>(?i:calls?|called|describes?{_S}as|described{_S}as|terms?|termed|labels?(?:{_S}as)?|"
    rf"label(?:l)?ed(?:{_S}as)?|brands?(?:{_S}as)?|branded(?:{_S}as)?|refers?{_S}to{_S}as|"
    rf"referred{_S}to{_S}as|dubs?|dubbed))(?:{_S}(?i:it|them))?(?:{_S}(?i:as))?{_S}"
)
CALLED_QUOTED = re.compile(
    rf"(?<![-\w])(?P<verb>(?i:call(?:s|ed|ing)?|describ(?:es|ed|ing)|brand(?:s|ed|ing)?|"
    rf"label(?:s|led|ed|ling|ing)?|term(?:s|ed|ing)?|dub(?:s|bed|bing)?))\b"
    rf"(?P<obj>[^“”\"‘’\n.;:]{{0,60}}?)(?:{_S}(?i:as))?(?:{_S}(?i:an?|the))?{_S}(?=[“\"‘])"
)
SO_CALLED = re.compile(rf"\b(?i:so[- ]?called){_S}")
_QUOTED_TERM = re.compile(r"(?P<open>[“\"‘'])(?P<body>[^“”\"‘’\n]{1,80}?)(?P<close>[”\"’'])(?!\w)")
_TRAILING_PUNCT = " ,.;:!?"


def _term_from_quote(text: str, pos: int, limit: int) -> tuple[int, int, int] | None:
    """(start, end) of the words inside the first quotation at/after ``pos`` (before ``limit``),
    and the end of the quotation including its closing mark."""
    m = _QUOTED_TERM.search(text, pos, limit)
    if not m or m.start() - pos > 100:
        return None
    s, e = m.start("body"), m.end("body")
    while e > s and text[e - 1] in _TRAILING_PUNCT:
        e -= 1
    return (s, e, m.end()) if e > s else None


def _noun_chunks(seg: Segment) -> list:
    try:
        return list(seg.doc.noun_chunks)
    except ValueError:  # pragma: no cover - parser missing
        return []


def _term_from_chunks(
    seg: Segment, start: int, stop: int, *, with_object: bool
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(object, term) offsets from the noun chunks between ``start`` and ``stop`` (absolute).

    With ``with_object`` ("call X a Y") the label is after "as", else the last chunk, and a
    lone chunk "the group terrorists" splits into object "group" and label "terrorists";
    without it ("what X calls Y") the label is the first chunk.
    """
    chunks, roots = [], []
    for ch in _noun_chunks(seg):
        s, e = ch.start_char + seg.offset, ch.end_char + seg.offset
        if s >= start and e <= stop:
            body = [t for t in ch if t.pos_ not in ("DET",) and t.dep_ != "poss"]
            if body:
                chunks.append((body[0].idx + seg.offset, body[-1].idx + len(body[-1].text) + seg.offset))
                roots.append((ch.root, body))
    if not chunks:
        return None, None
    if not with_object:
        return None, chunks[0]
    seg_text = seg.text[start - seg.offset : stop - seg.offset]
    as_m = re.search(rf"{_S}as{_S}", seg_text)
    if as_m:
        split = start + as_m.start()
        before = [c for c in chunks if c[1] <= split]
        after = [c for c in chunks if c[0] >= split]
        if after:
            return (before[0] if before else None), after[0]
    if len(chunks) >= 2:
        return chunks[0], chunks[-1]
    root, body = roots[0]
    nouns = [t for t in body if t.pos_ in ("NOUN", "PROPN")]
    if len(nouns) >= 2 and root.i == body[-1].i:
        return (chunks[0][0], body[-2].idx + len(body[-2].text) + seg.offset), (root.idx + seg.offset, chunks[0][1])
    return None, chunks[0]


def _chunk_from(seg: Segment, start: int) -> tuple[int, int] | None:
    """From ``start`` to the end of the noun chunk holding the token there ("so-called X")."""
    tok = seg.token_at(start)
    if tok is None:
        return None
    for ch in _noun_chunks(seg):
        if ch.start <= tok.i < ch.end:
            return start, ch.end_char + seg.offset
    return (start, tok.idx + len(tok.text) + seg.offset) if tok.pos_ in ("NOUN", "PROPN") else None


def _norm(term: str) -> str:
    """Lower-case label without quote marks or a leading article: “A disaster,” → disaster."""
    term = re.sub(r"\s+", " ", term.strip(_TRAILING_PUNCT + "“”\"‘’'")).lower()
    return re.sub(r"^(?:a|an|the) ", "", term)


def _is_verb(seg: Segment, offset: int) -> bool:
    tok = seg.token_at(offset)
    return tok is not None and tok.pos_ in ("VERB", "AUX")


def _actor_for(seg: Segment, offset: int) -> str | None:
    tok = seg.token_at(offset)
    return clause_speaker(seg, tok) if tok is not None else None


def _segment_at(segs: list[Segment], offset: int, article: "Article") -> Segment | None:
    """The segment whose text covers ``offset`` (story parts or a promo headline)."""
    for seg in segs:
        if seg.in_promo:
            if seg.offset <= offset < seg.offset + len(seg.text):
                return seg
        elif article.part_at(offset) is not None:
            return seg
    return None


_CLAUSE_END = re.compile(r"[;:.!?]|\s(?:but|while|although|though|because)\s")


def _clause_stop(text: str, pos: int, limit: int) -> int:
    m = _CLAUSE_END.search(text, pos, limit)
    return m.start() if m else limit


@dataclass
class _Label:
    start: int  # absolute offsets of the label's words
    end: int
    voice: str
    found_by: str
    actor: str | None = None
    obj: str | None = None
    note: str | None = None


def _naming_verbs(seg: Segment, pattern: re.Pattern) -> Iterator[tuple[re.Match, int, tuple[int, int, int] | None]]:
    """Matches of ``pattern`` whose ``verb`` group is a verb in the parse, with the end of their
    sentence and the first quotation after them in it (offsets local to the segment)."""
    local, off = seg.text, seg.offset
    for m in pattern.finditer(local):
        if _is_verb(seg, m.start("verb") + off):
            sent_end = seg.sentence(m.start() + off)[1] - off
            yield m, sent_end, _term_from_quote(local, m.end(), max(m.end(), sent_end))


def _term_in_clause(seg: Segment, m: re.Match, sent_end: int, *, with_object: bool):
    """(object, label) spans from the noun chunks of the clause after a naming verb match."""
    local, off = seg.text, seg.offset
    stop = _clause_stop(local, m.end(), max(m.end(), sent_end))
    return _term_from_chunks(seg, m.end() + off, stop + off, with_object=with_object)


def _refused_labels(seg: Segment, text: str) -> Iterator[_Label]:
    """"refrained from calling X an “invasion”", "did not describe it as a war" …"""
    local, off = seg.text, seg.offset
    for m, sent_end, q in _naming_verbs(seg, REFUSAL):
        if q:
            ts, te, phrase_end = q[0] + off, q[1] + off, q[2] + off
            # the object: words between the naming verb and the quotation, minus "as a(n)/the"
            obj = re.sub(r"(?i)(?:\s+(?:as|an?|the))+\s*$", "", " " + local[m.end() : q[0] - 1]).strip()
            obj = re.sub(r"(?i)^(?:the|an?|its|their|his|her)\s+", "", obj) or None
        else:
            obj_span, t_span = _term_in_clause(seg, m, sent_end, with_object=True)
            if t_span is None:
                continue
            (ts, te), phrase_end = t_span, t_span[1]
            if _WEAK_TRIGGER.match(m.group("trigger")) and not _LABEL_INTRO.search(text, 0, ts):
                continue  # "are not calling people …" (phoning): a bare negation needs "a/an/as"
            obj = text[obj_span[0] : obj_span[1]] if obj_span else None
        actor = _actor_for(seg, m.start() + off)
        phrase = text[m.start() + off : phrase_end]
        yield _Label(ts, te, "refused", "refusal", actor, obj,
                     f"refused by {actor}: {phrase}" if actor else f"refused: {phrase}")


def _reported_labels(seg: Segment, text: str) -> Iterator[_Label]:
    """"what Moscow calls a “special military operation”", "which critics describe as …"."""
    off = seg.offset
    for m, sent_end, q in _naming_verbs(seg, REPORTED_LABEL):
        if q and q[0] - m.end() <= 12:
            ts, te, note_end = q[0] + off, q[1] + off, q[2] + off
        else:
            _, t_span = _term_in_clause(seg, m, sent_end, with_object=False)
            if t_span is None:
                continue
            (ts, te), note_end = t_span, t_span[1]
        actor = _actor_for(seg, m.start("verb") + off)
        if actor is None or actor.lower() in ("what", "which", "who", "whom", "that"):
            actor = m.group("actor").strip()
        if actor.lower() in ("is", "are", "was", "were", "be", "been", "is now", "are now"):
            actor = None  # passive: "what are called …"
        yield _Label(ts, te, "reported", "reported label", actor, None,
                     f"label used by {actor or 'unnamed sources'}: {text[m.start() + off : note_end]}")


def _so_called(seg: Segment, text: str) -> Iterator[_Label]:
    """"the so-called reforms": the label after "so-called"."""
    local, off = seg.text, seg.offset
    for m in SO_CALLED.finditer(local):
        q = _term_from_quote(local, m.end(), min(len(local), m.end() + 80))
        span = (q[0] + off, q[1] + off) if q and q[0] - m.end() <= 1 else _chunk_from(seg, m.end() + off)
        if span is not None:
            yield _Label(span[0], span[1], "reported", "so-called",
                         note=f"distanced with 'so-called': {text[m.start() + off : span[1]]}")


def _called_quoted(seg: Segment, text: str) -> Iterator[_Label]:
    """"called the vote a “sham”": a naming verb followed by a quoted label."""
    local, off = seg.text, seg.offset
    for m in CALLED_QUOTED.finditer(local):
        if not _is_verb(seg, m.start("verb") + off):
            continue
        q = _term_from_quote(local, m.end(), min(len(local), m.end() + 90))
        if q:
            actor = _actor_for(seg, m.start() + off)
            obj = re.sub(r"(?i)\s+(?:his|her|its|their|our|my)$", "", m.group("obj").strip()) or None
            yield _Label(q[0] + off, q[1] + off, "reported", "called quoted", actor, obj,
                         f"label used by {actor or 'a source'}: {text[m.start() + off : q[2] + off]}")


def _short_quotes(article: "Article", segs: list[Segment], quotes: QuoteSpans) -> Iterator[_Label]:
    """Quotations of up to four words (scare quotes, partial quotes), with the sentence's speaker."""
    text = article.text
    for qs, qe in quotes:
        seg = _segment_at(segs, qs, article)
        if seg is None:
            continue
        s, e = inner(text, qs, qe)
        if not 1 <= len(re.findall(r"[\w’'-]+", text[s:e])) <= 4:
            continue
        while e > s and text[e - 1] in _TRAILING_PUNCT:
            e -= 1
        if e > s:
            _, speaker, _ = attribution(seg, *seg.sentence(s))
            yield _Label(s, e, "reported", "short quote", speaker, None,
                         f"short quotation{' attributed to ' + speaker if speaker else ''}: {text[qs:qe]}")


def _term_uses(segs: list[Segment], terms: list[str], found_by: str, quotes: QuoteSpans) -> Iterator[_Label]:
    """Every use of ``terms`` (plural -s/-es too): unquoted = article voice, quoted = reported."""
    for term in terms:
        rx = re.compile(
            r"(?<![\w-])" + _S.join(re.escape(w) for w in term.split()) + r"(?:s|es)?(?![\w-])", re.IGNORECASE
        )
        for seg in segs:
            for m in rx.finditer(seg.text):
                s, e = m.start() + seg.offset, m.end() + seg.offset
                inq = quotes.inside(s, e)
                yield _Label(s, e, "reported" if inq else "article", found_by,
                             note="inside a quotation" if inq else "the article's own words")


def framing(article: "Article", *, doc: "Doc | None" = None) -> pd.DataFrame:
    """Framing terms: labels the article uses for contested things, and labels it reports others
    using or refusing.

    Columns:

    ``start``, ``end``, ``text``
        the label as written (quote marks excluded).
    ``term``
        the label, lower-cased ("invasion").
    ``voice``
        ``refused`` (someone refrains from / refuses / declines / stops short of using it),
        ``reported`` (a source's word: "what Moscow calls …", "called it a “sham”", "so-called
        …", a short quotation, or the term inside a quotation) or ``article`` (the article's own words,
        unquoted).
    ``actor``
        who refuses or uses the label (the clause subject, e.g. "China"), else None.
    ``object``
        what is (not) being given the label ("Russian military actions"), else None.
    ``found_by``
        ``refusal``, ``reported label``, ``so-called``, ``called quoted``, ``short quote``,
        ``same term`` or ``contested term`` (:data:`CONTESTED_TERMS`).
    ``note``
        a readable summary ("refused by China: refrained from calling Russian military actions
        an “invasion”").
    ``in_quote``, ``sentence_start``, ``sentence_end``, ``part``, ``paragraph``, ``in_promo``
        as in :func:`hedges`.
    """
    text = article.text
    quotes = quote_spans(article)
    segs = segments(article, doc)
    rows: list[dict] = []

    def add_all(labels: Iterator[_Label]) -> None:
        for lab in labels:
            if any(r["start"] < lab.end and lab.start < r["end"] for r in rows):
                continue  # an earlier, more specific pattern already has these words
            seg = _segment_at(segs, lab.start, article)
            if seg is None:
                continue
            ss, se = seg.sentence(lab.start)
            part, para = locate(article, lab.start, seg.in_promo)
            rows.append({
                "start": lab.start, "end": lab.end, "text": text[lab.start : lab.end],
                "term": _norm(text[lab.start : lab.end]), "voice": lab.voice, "actor": lab.actor,
                "object": lab.obj, "found_by": lab.found_by, "note": lab.note,
                "in_quote": quotes.inside(lab.start, lab.end), "sentence_start": ss,
                "sentence_end": se, "part": part, "paragraph": para, "in_promo": seg.in_promo,
            })

    for finder in (_refused_labels, _reported_labels, _so_called, _called_quoted):
        for seg in segs:
            add_all(finder(seg, text))
    add_all(_short_quotes(article, segs, quotes))
    add_all(_term_uses(segs, list(dict.fromkeys(r["term"] for r in rows if r["term"])), "same term", quotes))
    add_all(_term_uses(segs, sorted(CONTESTED_TERMS, key=len, reverse=True), "contested term", quotes))
    return frame(rows, FRAMING_COLUMNS, {
        "start": "int64", "end": "int64", "sentence_start": "int64", "sentence_end": "int64",
        "paragraph": "Int64", "in_promo": "bool", "in_quote": "bool",
    })


# ---------------------------------------------------------------------------------------------
# Subjectivity and headline


def _tone(text: str) -> dict[str, float]:
    from textblob import TextBlob

    s = TextBlob(text).sentiment
    return {"polarity": float(s.polarity), "subjectivity": float(s.subjectivity)}


def subjectivity(
    article: "Article", *, doc: "Doc | None" = None, hedge_rows: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Tone per body paragraph.

    Columns: ``paragraph`` (index), ``start``, ``end`` (offsets of the paragraph),
    ``polarity`` (-1 … 1) and ``subjectivity`` (0 … 1) from TextBlob's pattern lexicon on the
    paragraph text, and ``hedges``, ``intensifiers``, ``loaded``: counts of :func:`hedges` rows
    in the paragraph. ``hedge_rows`` reuses an already computed :func:`hedges` frame.
    """
    h = hedge_rows if hedge_rows is not None else hedges(article, doc=doc)
    rows = []
    for p in article.paragraphs:
        in_p = h[(h.start >= p.start) & (h.start < p.end) & ~h.in_promo]
        counts = in_p.category.value_counts()
        rows.append({
            "paragraph": p.index, "start": p.start, "end": p.end, **_tone(p.text),
            "hedges": int(counts.get("hedge", 0)), "intensifiers": int(counts.get("intensifier", 0)),
            "loaded": int(counts.get("loaded", 0)),
        })
    df = pd.DataFrame(rows, columns=SUBJECTIVITY_COLUMNS)
    return df.astype({"paragraph": "int64", "start": "int64", "end": "int64", "polarity": "float64",
                      "subjectivity": "float64", "hedges": "int64", "intensifiers": "int64", "loaded": "int64"})


_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"}


def headline_vs_body(article: "Article", *, doc: "Doc | None" = None) -> dict[str, Any]:
    """How well the headline is borne out by the body paragraphs.

    Returns a dict:

    ``headline``, ``start``, ``end``
        the headline text and offsets (None when the article has no headline).
    ``words``
        one dict per headline content word (noun, proper noun, verb, adjective, adverb,
        number; stop words skipped): ``text``, ``lemma``, ``start``, ``end``, ``in_body``,
        ``body_start``/``body_end`` (first body occurrence, matched by lemma or form).
    ``words_in_body``, ``words_not_in_body``, ``coverage``
        the words as two lists and the share found.
    ``entities``
        headline entities: ``text``, ``label``, ``start``, ``end``, ``in_body`` (the name, or
        one of its words, appears in the body), ``body_start``.
    ``quoted``
        words the headline puts in quote marks (‘get stronger’): ``text``, ``start``, ``end``,
        ``in_body``, ``body_start``, ``body_end`` and ``in_body_quote`` (found inside a quotation
        in the body, i.e. someone did say it).
    ``tone``
        ``{"headline": {polarity, subjectivity}, "body": {…}}`` from TextBlob.
    """
    doc = doc if doc is not None else nlp.parse(article)
    text = article.text
    body_parts = article.paragraphs
    out: dict[str, Any] = {
        "headline": None, "start": None, "end": None, "words": [], "words_in_body": [],
        "words_not_in_body": [], "coverage": None, "entities": [], "quoted": [],
        "tone": {"headline": None, "body": _tone(article.body) if body_parts else None},
    }
    h = article.headline
    if h is None:
        return out
    out.update(headline=h.text, start=h.start, end=h.end)
    out["tone"]["headline"] = _tone(h.text)

    def in_body(tok_start: int) -> bool:
        return any(p.start <= tok_start < p.end for p in body_parts)

    first_lemma: dict[str, tuple[int, int]] = {}
    first_form: dict[str, tuple[int, int]] = {}
    for tok in doc:
        if (tok.is_alpha or tok.like_num) and in_body(tok.idx):
            span = (tok.idx, tok.idx + len(tok.text))
            first_lemma.setdefault(tok.lemma_.lower(), span)
            first_form.setdefault(tok.lower_, span)

    hspan = doc.char_span(h.start, h.end, alignment_mode="expand")
    if hspan is None:
        return out
    for tok in hspan:
        if tok.pos_ not in _CONTENT_POS or tok.is_stop or not (tok.is_alpha or tok.like_num):
            continue
        hit = first_lemma.get(tok.lemma_.lower()) or first_form.get(tok.lower_)
        out["words"].append({
            "text": tok.text, "lemma": tok.lemma_.lower(), "start": tok.idx, "end": tok.idx + len(tok.text),
            "in_body": hit is not None, "body_start": hit[0] if hit else None, "body_end": hit[1] if hit else None,
        })
    out["words_in_body"] = [w["text"] for w in out["words"] if w["in_body"]]
    out["words_not_in_body"] = [w["text"] for w in out["words"] if not w["in_body"]]
    out["coverage"] = (len(out["words_in_body"]) / len(out["words"])) if out["words"] else None

    body_text_spans = [(p.start, p.end) for p in body_parts]

    def find_in_body(phrase: str) -> tuple[int, int] | None:
        words = [re.escape(w) for w in phrase.split()]
        if not words:
            return None
        rx = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
        for s, e in body_text_spans:
            m = rx.search(text, s, e)
            if m:
                return m.start(), m.end()
        return None

    for ent in hspan.ents:
        hit = find_in_body(ent.text)
        if hit is None:
            for part in re.findall(r"[A-Z][\w’']+", ent.text):
                hit = find_in_body(part)
                if hit:
                    break
        out["entities"].append({
            "text": ent.text, "label": ent.label_, "start": ent.start_char, "end": ent.end_char,
            "in_body": hit is not None, "body_start": hit[0] if hit else None,
        })

    quotes = quote_spans(article)
    for seg in headline_segments(article):
        s, e = inner(text, seg.start, seg.end)
        hit = find_in_body(text[s:e].strip(_TRAILING_PUNCT))
        out["quoted"].append({
            "text": text[s:e], "start": s, "end": e, "in_body": hit is not None,
            "body_start": hit[0] if hit else None, "body_end": hit[1] if hit else None,
            "in_body_quote": bool(hit) and quotes.inside(hit[0], hit[1]),
        })
    return out


def language(article: "Article", *, doc: "Doc | None" = None) -> dict[str, Any]:
    """``{"hedges", "framing", "subjectivity", "headline"}`` from one parse (see each function)."""
    doc = doc if doc is not None else nlp.parse(article)
    h = hedges(article, doc=doc)
    return {
        "hedges": h,
        "framing": framing(article, doc=doc),
        "subjectivity": subjectivity(article, doc=doc, hedge_rows=h),
        "headline": headline_vs_body(article, doc=doc),
    }
