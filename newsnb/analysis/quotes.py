"""Who said what: direct, partial and reported speech, speakers, sourcing and attribution verbs.

Method (rules over the spaCy parse; no training data):

* **Quotation marks** are paired line by line in the body: curly, straight, typewriter ``''`` and
  guillemet double marks (a mark's direction comes from its neighbours, then its glyph, then
  alternation), plus curly single marks that pair cleanly (straight single marks only in the
  headline). A paragraph that ends inside a quotation continues into the next paragraph when
  that one opens with a mark (the newspaper convention); a mark that never closes ends at the
  paragraph end, and stray closing marks are ignored, so unbalanced text never raises.
* **Kind**: a quotation standing at a clause boundary (sentence start, after ``,`` ``:`` or a
  speech verb) is *direct*; one embedded in the reporter's sentence is *partial*; one or two
  quoted words that no speech verb governs, and Title Case names ("Meet the Press"), are
  *scare* quotes (not speech). Reported speech
  (*indirect*) is a speech verb with a clausal complement (``X said (that) …``, ``X warned Y to
  …``, ``X told Y …``) or an ``according to X`` / ``as per X`` clause, and beyond speech verbs
  (:func:`~newsnb.analysis.text.cues.attribution_cue_at`, ``cue_type``): attitude verbs
  ("believes that …"), evidence verbs ("polls show …"), speech acts ("declined to comment",
  "cited …", "accused X of …"), verbs with their preposition ("called for …") and attribution
  nouns ("his claim that …"); beyond speech verbs the source must be in the sentence and not a
  first or second person. Content is the whole complement as attribution corpora mark it
  ("that" kept, both halves of "A, but B").
* **One row per attribution event**: a partial quotation inside a reported clause is a part
  (``parts``) of that clause's *mixed* row; a partial quotation after its cue with no clause
  found takes the rest of its sentence as its clause; reported speech nested in another row's
  content is part of that content. :func:`attributions` exports the events as content / source
  / cue span lists.
* **Attribution**: the speech verb (cue) is looked for in the unquoted text of the same sentence
  next to the quotation (after it when it ends with a comma, before it after a colon), then up the
  dependency tree from the quotation; its subject (or the object of "according to", or the agent
  of a passive) is the speaker. Quotations with no cue inherit the previous speaker in the same
  or previous paragraph (follow-on quotes).
* **Speakers** are canonicalised by :mod:`newsnb.analysis.speakers`: entity names, titles and descriptions
  the article ties to a name, pronouns to the nearest compatible speaker or subject; unnamed
  sources are ``anonymous``. **Relays** (``told Reuters``, ``quoted … by Interfax``, ``as per
  CCTV``) record the outlet; hedges (``reportedly``, ``allegedly`` …) set ``hedged``. Cues are
  classed ``neutral`` or ``loaded`` after AP-style guidance (:data:`NEUTRAL_CUES`,
  :data:`LOADED_CUES`). Transcript labels ("PENCE: …") and a closing "― Name" also name speakers.

A headline "Source: what they said" is one row (``cue_type`` ``headline``, ``paragraph`` None).

Known limits: otherwise only the article body is searched (headline quotes go to
:func:`headline_check`); quoted titles of works count as scare quotes even when a
source said them; a parse error of the small spaCy model can cost a speaker or cut a content
short; "in a new poll, …" is no cue; verbs that report actions as often as attitudes ("want",
"plan", "support") are left out for precision; pronoun resolution knows gender from titles,
gendered words and first names, and takes the nearest compatible subject otherwise;
quotations nested in another quotation are part of the outer one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from ..core.frames import records
from .gender import GENDER_COLUMNS, first_name_gender, speaker_genders, with_genders
from .speakers import Speaker, SpeakerResolver, cue_subject, nominal
from .text.cues import attribution_cue_at, cue_at, cue_type
from .text.lexicon import (
    ACTION_CUES, ALL_CUES, BELIEF_CUES, HEADLINE_LABELS, HEDGES, OBJECT_CUES, LOADED_CUES, NAMING_CUES, NEGATING_VERBS, NEUTRAL_CUES, PREPOSITION_CUES,
    cue_class, is_media,
)
from .text.quotation import (
    MARK_CHARS, SPEAKER_LABEL, Quotation, QuoteSpans, body_quotations, first_char, headline_segments, inner, lines,
    n_words,
)
from .text.tokens import token_at, tokens_between

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from ..input.article import Article, Part

__all__ = [
    "QUOTE_COLUMNS",
    "SOURCE_COLUMNS",
    "HEADLINE_COLUMNS",
    "NEUTRAL_CUES",
    "LOADED_CUES",
    "NAMING_CUES",
    "HEDGES",
    "quotes",
    "sources",
    "headline_check",
    "attributions",
    "records",
]


QUOTE_COLUMNS = [
    "start", "end", "text", "kind", "speaker", "speaker_text", "speaker_start", "speaker_end",
    "speaker_type", "source_start", "source_end", "cue", "cue_start", "cue_end", "cue_from", "cue_class", "cue_type",
    "relayed_by", "hedged",
    "follow_on", "paragraph", "words", "quoted_words", "parts", *GENDER_COLUMNS,
]
SOURCE_COLUMNS = [
    "speaker", "speaker_type", "quotes", "direct", "partial", "mixed", "indirect", "quoted_words",
    "share_of_words", "loaded_cues", "relayed", *GENDER_COLUMNS,
]
HEADLINE_COLUMNS = ["text", "start", "end", "found", "body_start", "body_end", "speaker", "note"]
_INT_COLUMNS = ("speaker_start", "speaker_end", "source_start", "source_end", "cue_start", "cue_end", "cue_from", "paragraph",
                *GENDER_COLUMNS[3:])


@dataclass
class _Quote(Quotation):
    """A quotation with what the extractor finds out about it."""

    kind: str = "direct"
    cue: tuple[int, int, str, str] | None = None  # start, end, text, key
    speaker: Speaker | None = None
    relayed_by: str | None = None
    hedged: bool = False
    follow_on: bool = False


#: "… .” ― Name" — a dash and a name closing a paragraph after a quotation.
_DASH_NAME = re.compile(
    r"(?:(?<=[\s”\"’'])|^)(?:[―—–]{1,2}|-{1,2}(?=\s))[^\S\n]*"
    r"([A-Z][\w.'’-]*(?:[^\S\n]+(?:[A-Z][\w.'’-]*|de|van|von|da|del|la|bin)){0,5}?)[^\S\n]*[.,]?[^\S\n]*$"
)


_MINOR_WORDS = frozenset("a an and as at but by for in of on or the to with from nor vs".split())


def _title_case(text: str) -> bool:
    """A Title Case name ("Fox News Sunday", "Face the Nation") rather than speech: two to eight
    words, every word but short function words capitalised."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    if re.search(r"[.!?]\s+\S", text):
        return False  # several sentences: speech
    return 2 <= len(words) <= 8 and len(major) >= 2 and all(w[0].isupper() for w in major) \
        and words[0][0].isupper() and not text.rstrip().endswith(("?", "!"))


#: Characters either side of a cue searched for a relaying outlet or a hedge.
RELAY_WINDOW = 1500


#: Abbreviations whose full stop does not end a sentence.
_ABBREV = frozenset(
    "mr mrs ms dr sr jr st sen rep gov gen lt col sgt capt rev prof no vs inc corp co ltd jan feb "
    "mar apr aug sept sep oct nov dec ft mt".split()
)


class _Extractor:
    def __init__(self, article: "Article", doc: "Doc"):
        self.article = article
        self.doc = doc
        self.text = article.text
        self.lines = lines(article)
        self.quotes = [_Quote(q.segs) for q in body_quotations(article)]
        self.spans = [(s.start, s.end) for q in self.quotes for s in q.segs]
        self.quoted = QuoteSpans(self.spans)
        self.in_quote = self.quoted.at
        self.resolver = SpeakerResolver(doc, self.quoted, name_gender=_first_name_mf)
        # the text with quotations blanked out (hedges and relays are looked for in the reporter's words)
        self.unquoted = self.quoted.blank(self.text)

    # -------------------------------------------------------------- helpers
    def tokens(self, lo: int, hi: int):
        return tokens_between(self.doc, lo, hi)

    def cues_in(self, lo: int, hi: int):
        out = []
        for t in self.tokens(lo, hi):
            if self.in_quote(t.idx):
                continue
            c = cue_at(self.doc, t)
            if c is not None and c[1] <= hi:
                out.append((t, c))
        return out

    def _sentence_cuts(self, lo: int, hi: int) -> list[int]:
        """Offsets just after sentence-final punctuation in unquoted text[lo:hi]."""
        cuts = []
        for m in re.finditer(r"[.!?]+(?=\s|$)", self.text[lo:hi]):
            at = lo + m.start()
            if self.in_quote(at):
                continue
            word = re.search(r"(\w+)$", self.text[max(0, at - 12):at])
            if m.group(0) == "." and word and (word.group(1).lower() in _ABBREV or len(word.group(1)) == 1):
                continue
            cuts.append(lo + m.end())
        return cuts

    def frames(self, q: _Quote) -> tuple[tuple[int, int], tuple[int, int]]:
        """Unquoted text of the sentence before and after a quotation, in its paragraph."""
        first, last = q.segs[0], q.segs[-1]
        lo = max([first.part.start] + [e for s, e in self.spans if e <= first.start and s >= first.part.start])
        cuts = self._sentence_cuts(lo, first.start)
        if cuts:
            lo = cuts[-1]
        hi = min([last.part.end] + [s for s, e in self.spans if s >= last.end and s < last.part.end])
        cuts = self._sentence_cuts(last.end, hi)
        if cuts:
            hi = cuts[0]
        return (lo, first.start), (last.end, hi)

    def subject(self, cue_tok: "Token", key: str) -> "Token | None":
        """Head token of the speaker of a cue (outside quotations)."""
        return cue_subject(cue_tok, key, in_quote=self.in_quote)

    def fallback_subject(self, cue_tok: "Token", lo: int, hi: int) -> "Token | None":
        """Inverted or mis-parsed attribution ("said Smith"): the nearest nominal next to the cue."""
        before = [t for t in self.tokens(lo, cue_tok.idx) if not self.in_quote(t.idx)]
        for t in reversed(before[-4:]):
            if nominal(t):
                return t
            if t.pos_ not in ("ADV", "AUX", "PART", "PUNCT"):
                break
        after = [t for t in self.tokens(cue_tok.idx + len(cue_tok.text), hi) if not self.in_quote(t.idx)]
        for t in after[:4]:
            if t.lower_ == "one" and any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
                return t  # "said one of her aides"
            if nominal(t):
                while t.dep_ in ("compound", "amod") and t.head.i > t.i and t.head.idx < hi:
                    t = t.head
                return t
            if t.pos_ not in ("DET", "ADJ", "ADV", "PUNCT"):
                break
        return None

    def relay_and_hedge(self, cue_tok: "Token | None", lo: int, hi: int, speaker: Speaker | None):
        """The outlet an attribution comes through, and whether it is hedged."""
        sent_lo, sent_hi = lo, hi
        if cue_tok is not None:
            sent_lo, sent_hi = min(lo, cue_tok.sent.start_char), max(hi, cue_tok.sent.end_char)
            # Relays and hedges sit near their cue; bound the search so run-on text stays linear.
            sent_lo, sent_hi = max(sent_lo, cue_tok.idx - RELAY_WINDOW), min(sent_hi, cue_tok.idx + RELAY_WINDOW)
        region = self.unquoted[sent_lo:sent_hi]
        hedged = bool(HEDGES.search(region))
        outlet = None
        for t in self.tokens(sent_lo, sent_hi):
            if self.in_quote(t.idx):
                continue
            if t.dep_ in ("pobj", "dobj", "dative", "nsubj") and t.pos_ in ("PROPN", "NOUN"):
                if t.dep_ == "nsubj" and t.head.lemma_.lower() not in ("report", "quote"):
                    continue
                if t.dep_ == "pobj" and t.head.lower_ not in ("by", "per", "to", "with", "on", "in"):
                    continue
                s = max(t.left_edge.idx, sent_lo)
                e = min(t.right_edge.idx + len(t.right_edge.text), sent_hi)
                if any(self.in_quote(k) for k in (s, e - 1)):
                    s, e = self.resolver.phrase(t, sent_lo, sent_hi)
                nxt = t.right_edge.i + 1
                while nxt < len(self.doc) and self.doc[nxt].pos_ == "PROPN" and not self.in_quote(self.doc[nxt].idx):
                    e = self.doc[nxt].idx + len(self.doc[nxt].text)  # "the news agency | Xinhua"
                    nxt += 1
                phrase = self.text[s:e]
                if re.search(r"\b(conference|briefing|release|statement|interview|meeting|call)s?\b", phrase, re.I):
                    continue
                if t.pos_ == "NOUN" and not re.search(r"\b(media|outlet|agency|newspaper|broadcaster)\b", phrase, re.I):
                    continue
                if is_media(phrase):
                    outlet = self._outlet_name(s, e)
                    break
        if outlet is None and speaker is not None and speaker.name and is_media(speaker.name):
            outlet = speaker.name
        return outlet, hedged

    def _outlet_name(self, s: int, e: int) -> str:
        for m in self.resolver.ments:
            if m.start >= s and m.end <= e and m.type == "organisation":
                return m.entity
        chunks = re.findall(r"(?:[A-Z][\w'’.&-]*)(?:\s+(?:of\s+)?[A-Z][\w'’.&-]*)*", self.text[s:e])
        return chunks[-1] if chunks else re.sub(r"^(the|a|an)\s+", "", self.text[s:e], flags=re.I)

    # -------------------------------------------------------------- direct/partial
    def position_kind(self, q: _Quote) -> str:
        """``direct`` when the quotation stands at a clause boundary, else ``partial``."""
        s = q.start
        i = s - 1
        while i >= q.segs[0].part.start and self.text[i].isspace():
            i -= 1
        if i < q.segs[0].part.start:
            return "direct"
        prev = self.text[i]
        if prev in ",:;—–-([" or prev in ".!?" or prev in MARK_CHARS:
            return "direct"
        tok = token_at(self.doc, i)
        cue = cue_at(self.doc, tok) if tok is not None else None
        if cue is not None and cue[3] in ALL_CUES:
            return "direct"
        inner_s, inner_e = inner(self.text, q.start, q.end)
        if tok is not None and tok.head is not tok and tok.dep_ in ("dobj", "dative") and cue_at(self.doc, tok.head) \
                and self.text[inner_s:inner_s + 1].isupper():
            return "direct"  # told reporters “We …”
        return "partial"

    def governing_cue(self, q: _Quote):
        """A cue up the dependency tree from the quotation's words."""
        inner_s, inner_e = inner(self.text, q.start, q.end)
        toks = [t for t in self.tokens(inner_s, inner_e) if not t.is_punct]
        roots = [t for t in toks if not (q.start <= t.head.idx < q.end) or t.head is t]
        for r in roots:
            t = r
            for _ in range(8):
                if t is not r and not self.in_quote(t.idx):
                    c = cue_at(self.doc, t)
                    if c is not None:
                        return t, c
                for ch in t.children:
                    if ch.lower_ in ("according", "as") and not self.in_quote(ch.idx):
                        c = cue_at(self.doc, ch)
                        if c is not None:
                            return ch, c
                if t.head is t:
                    break
                t = t.head
        return None

    def attribute_quote(self, q: _Quote) -> None:
        text = self.text
        q.kind = self.position_kind(q)
        (llo, lhi), (rlo, rhi) = self.frames(q)
        inner_s, inner_e = inner(text, q.start, q.end)
        last_inner = text[inner_e - 1] if inner_e > inner_s else ""
        left = self.cues_in(llo, lhi)
        right = self.cues_in(rlo, rhi)
        right_text = text[rlo:rhi].strip()
        if last_inner == "." and right_text[:1].isupper():
            right = []  # a new sentence follows the quotation
        elif last_inner in "?!" and right:
            words_before = n_words(text[rlo:right[0][1][0]])
            if words_before > 5:
                right = []
        chosen = None
        if q.kind == "direct":
            left_end = text[llo:lhi].rstrip()
            if right and (last_inner in ",—–-" or not left):
                chosen = (right, rlo, rhi)
            elif left and (left_end.endswith((":", ",")) or _cue_ends(text, left, lhi)):
                chosen = (left[::-1], llo, lhi)
            elif right:
                chosen = (right, rlo, rhi)
            elif left:
                chosen = (left[::-1], llo, lhi)
            else:
                m = re.search(r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s*:\s*$", text[llo:lhi])
                if m:  # "Lavrov: “…”" — a name introducing the quotation with a colon
                    head = token_at(self.doc, llo + m.end(1) - 1)
                    if head is not None:
                        sp = self.resolver.resolve(head, llo, lhi)
                        q.speaker = sp
        if _title_case(text[inner_s:inner_e]):
            q.kind = "scare"  # the name of a work, a show or a slogan, not speech
            return
        label = SPEAKER_LABEL.match(text, inner_s, inner_e)
        if label:  # transcript: "PENCE: Well, …"
            q.speaker = self.resolver.named(label.start(1), label.end(1))
            return
        if chosen is None and q.speaker is None:
            q.speaker = self.dash_speaker(q)
            if q.speaker is None and q.start == first_char(text, q.segs[0].part):
                intro = self.introducer(q)
                if intro is not None:
                    chosen = ([intro[0]], intro[1], intro[2])
        gov = None
        if chosen is None and q.speaker is None:
            gov = self.governing_cue(q)
            if gov is None and q.kind == "partial" and n_words(text[inner_s:inner_e]) >= 3:
                if right:
                    chosen = (right, rlo, rhi)
                elif left:
                    chosen = (left[::-1], llo, lhi)
        if chosen is not None:
            cands, lo, hi = chosen
        elif gov is not None:
            cands = [gov]
            lo, hi = gov[0].sent.start_char, gov[0].sent.end_char
        else:
            return
        # the first cue with a subject; else the nearest cue and the nominal next to it
        tok, cue = cands[0]
        head = None
        for t, c in cands:
            head = self.subject(t, c[3])
            if head is not None:
                tok, cue = t, c
                break
        if cue[3] in NAMING_CUES and self._negated(tok):
            return
        q.cue = cue
        head = head or self.fallback_subject(tok, lo, hi)
        if head is not None and not self.in_quote(head.idx):
            if head.lower_ == "it" and any(c.dep_ == "auxpass" for c in tok.children):
                q.speaker = None
            else:
                q.speaker = self.resolver.resolve(head, min(lo, tok.sent.start_char), max(hi, tok.sent.end_char))
        q.relayed_by, q.hedged = self.relay_and_hedge(tok, lo, hi, q.speaker)

    def narrative_subject(self, q: _Quote) -> Speaker | None:
        """The named subject of the sentence just before a quotation, in the same line."""
        line = q.segs[0].part
        before = [t for t in self.tokens(line.start, q.start) if not self.in_quote(t.idx) and not t.is_punct]
        if not before:
            return None
        root = before[-1].sent.root
        if self.in_quote(root.idx) or root.idx >= q.start:
            return None
        subj = next((c for c in root.children if c.dep_ == "nsubj" and nominal(c) and not self.in_quote(c.idx)), None)
        if subj is None or subj.pos_ == "PRON" and subj.lower_ not in ("he", "she"):
            return None
        sp = self.resolver.resolve(subj, root.sent.start_char, root.sent.end_char)
        return sp if sp.type in ("person", "organisation") and sp.name else None

    def dash_speaker(self, q: _Quote) -> Speaker | None:
        """“…” — Name: a dash and a name right after the quotation, ending the paragraph."""
        part = q.segs[-1].part
        m = _DASH_NAME.search(self.text, q.end, part.end)
        if m is None:
            return None
        return self.resolver.named(m.start(1), m.end(1))

    def introducer(self, q: _Quote):
        """A quotation opening a paragraph after one that ends with "… reported:"."""
        starts = [ln.start for ln in self.lines]
        k = starts.index(q.segs[0].part.start) if q.segs[0].part.start in starts else 0
        if k == 0:
            return None
        prev = self.lines[k - 1]
        body = self.text[prev.start:prev.end].rstrip()
        if not body.endswith(":"):
            return None
        hi = prev.start + len(body)
        lo = max([prev.start] + [e for s, e in self.spans if prev.start <= s and e <= hi])
        cuts = self._sentence_cuts(lo, hi)
        lo = cuts[-1] if cuts and cuts[-1] < hi else lo
        cues = self.cues_in(lo, hi)
        if not cues:
            return None
        return cues[-1], lo, hi

    def _negated(self, tok: "Token") -> bool:
        t = tok
        for _ in range(3):
            if any(c.dep_ == "neg" for c in t.children) or t.lemma_.lower() in NEGATING_VERBS:
                return True
            if t.head is t:
                break
            t = t.head
        return False

    # -------------------------------------------------------------- indirect
    def indirect(self) -> list[dict]:
        rows = []
        direct_spans = [(q.start, q.end) for q in self.quotes if q.kind == "direct"]
        for part in self.article.paragraphs:
            for tok in self.tokens(part.start, part.end):
                if self.in_quote(tok.idx):
                    continue
                cue = attribution_cue_at(self.doc, tok)
                if cue is None or cue[3] in NAMING_CUES or cue[3] == "quote" or cue[3] in ACTION_CUES:
                    continue
                if cue[3].startswith("noun:") and attribution_cue_at(self.doc, tok.head) is not None \
                        and tok.head.i != tok.i and tok.dep_ in ("dobj", "nsubjpass", "attr"):
                    continue  # "expressed concern that …": the verb's row holds the noun
                content = self._content(tok, cue[3], part)
                if content is None:
                    continue
                cs, ce = content
                if any(s < ce and cs < e for s, e in direct_spans):
                    continue
                head = self._noun_source(tok) if cue[3].startswith("noun:") else self.subject(tok, cue[3])
                if head is None and cue_type(cue[3]) != "speech" and cue[3] not in ("according_to", "as_per"):
                    continue  # beyond speech verbs, an attribution needs a source in the sentence
                sp = None
                if head is not None and not self.in_quote(head.idx):
                    if head.lower_ == "it" and any(c.dep_ == "auxpass" for c in tok.children):
                        head = None
                    else:
                        sp = self.resolver.resolve(head, tok.sent.start_char, tok.sent.end_char)
                if sp is not None and sp.start is not None:
                    self.resolver.remember(sp.start, sp)
                relayed, hedged = self.relay_and_hedge(tok, tok.sent.start_char, tok.sent.end_char, sp)
                if cue[3] in ("according_to", "as_per") and relayed and sp is not None and sp.name == relayed:
                    pass
                rows.append(self._row(cs, ce, "indirect", sp, cue, relayed, hedged, False, part.index))
        return rows

    def headline_colon(self) -> list[dict]:
        """A headline "Source: what they said" ("Graham: Trump's rhetoric destroying GOP's
        chance"): the source is the short name before the colon, the content what follows (its
        final stop cut); section labels ("Analysis: …") name no source."""
        h = self.article.headline
        if h is None:
            return []
        m = re.match(r"\s*([A-Z][\w.'’&-]*(?:[^\S\n]+[\w.'’&-]+){0,4}?)[^\S\n]*:[^\S\n]+(\S.*?)[.\s]*$",
                     self.text[h.start:h.end])
        if m is None or m.group(1).lower() in HEADLINE_LABELS or not re.search(r"[a-z]", m.group(2)):
            return []
        ss, se = h.start + m.start(1), h.start + m.end(1)
        if any(t.pos_ in ("VERB", "AUX") or t.tag_ in ("WRB", "WP", "WDT") for t in self.tokens(ss, se)):
            return []  # a clause ("Why the mayor says: …"), not a source
        cs, ce = h.start + m.start(2), h.start + m.end(2)
        colon = self.text.index(":", se)
        sp = self.resolver.named(ss, se)
        cue = (colon, colon + 1, ":", "headline_colon")
        row = self._row(cs, ce, "indirect", sp, cue, None, False, False, None)
        row["source_start"], row["source_end"] = ss, se
        return [row]

    def _content(self, tok: "Token", key: str, part: "Part") -> tuple[int, int] | None:
        """Character span of what a speech verb reports (its clausal complement)."""
        doc = self.doc
        if key in ("according_to", "as_per"):
            prep = tok
            clause = prep.head
            if clause.dep_ == "pobj" or clause.pos_ not in ("VERB", "AUX"):
                return None
            skip = {t.i for t in prep.subtree} | {doc[tok.i + 1].i}
            toks = [t for t in clause.subtree if t.i not in skip and not t.is_punct and not t.is_space]
            if len(toks) < 3:
                return None
            before = [t for t in toks if t.i < prep.i]
            after = [t for t in toks if t.i > max(skip)]
            use = after if len(after) >= len(before) else before
            return self._trim_span(use, part)
        if key.startswith("noun:"):
            return self._noun_content(tok, part)
        lemma = key.split("_", 1)[0]
        prep_word = key.split("_", 1)[1] if "_" in key else None
        if lemma in PREPOSITION_CUES and prep_word in PREPOSITION_CUES[lemma] and tok.i + 1 < len(doc):
            prep = doc[tok.i + 1]
            toks = [t for c in prep.children if c.dep_ in ("pobj", "pcomp") for t in c.subtree]
            toks += [t for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.i > prep.i for t in c.subtree]
            toks = [t for t in toks if not t.is_space]
            if len([t for t in toks if not t.is_punct]) < 1:
                return None
            return self._trim_span(sorted(toks, key=lambda t: t.i), part)
        comps = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and not self.in_quote(c.idx)
                 or c.dep_ in ("ccomp", "xcomp") and self.in_quote(c.idx)]
        comps = [c for c in comps if c.pos_ in ("VERB", "AUX") or any(t.pos_ in ("VERB", "AUX") for t in c.subtree)]
        if not comps and (key not in ALL_CUES or key in OBJECT_CUES) and lemma not in BELIEF_CUES:
            return self._object_content(tok, part)
        if not comps:
            return None
        comp = comps[0]
        toks = list(comp.subtree)
        if comp.dep_ == "xcomp":
            obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i < comp.i), None)
            if obj is not None:
                toks = list(obj.subtree) + toks
        if comp.i > tok.i:
            toks += self._but_clause(tok, max(t.i for t in toks))
        toks = [t for t in toks if not t.is_space]
        while toks and toks[0].is_punct:  # PolNeAR-style content keeps "that"/"whether"
            toks = toks[1:]
        if len([t for t in toks if not t.is_punct]) < 2:
            return None
        return self._trim_span(toks, part)

    def _but_clause(self, tok: "Token", last: int) -> list["Token"]:
        """The second half of a reported "A, but B" that the parser hangs on the cue verb instead
        of on the reported clause: a conjoined clause with its own subject, right after the
        content, joined by "but" / "yet" / "while", that is not itself another speech act."""
        cc = [c for c in tok.children if c.dep_ == "cc" and c.lower_ in ("but", "yet") and c.i > last]
        if not cc:
            return []
        conj = next((c for c in tok.children if c.dep_ == "conj" and c.i > cc[0].i), None)
        if conj is None or cue_at(self.doc, conj) is not None or attribution_cue_at(self.doc, conj) is not None:
            return []
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
            return []
        if any(self.doc[i].is_sent_start for i in range(last + 1, conj.i + 1)):
            return []
        toks = [t for t in self.doc[last + 1:conj.right_edge.i + 1]]
        while toks and (toks[-1].is_punct or toks[-1].is_space):
            toks = toks[:-1]
        return toks

    def _object_content(self, tok: "Token", part: "Part") -> tuple[int, int] | None:
        """What a stance, evidence or speech-act verb attributes when it has no clause: its object
        with the preposition phrases that belong to it ("accused Smith of lying", "cited the tax as
        a reason", "supported Crist against Rubio")."""
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i > tok.i), None)
        if obj is None or obj.pos_ == "PRON" and obj.lower_ in ("it", "this", "that", "them") and len(list(obj.subtree)) == 1:
            return None
        toks = list(obj.subtree)
        for c in tok.children:
            if c.i > obj.i and (c.dep_ in ("oprd", "xcomp", "ccomp")
                                or c.dep_ == "prep" and c.lower_ in ("of", "as", "against", "for", "over")):
                toks += list(c.subtree)
        toks = [t for t in toks if not t.is_space]
        if not any(t.pos_ in ("NOUN", "PROPN", "VERB", "NUM", "ADJ") for t in toks):
            return None
        return self._trim_span(sorted(toks, key=lambda t: t.i), part)

    def _noun_content(self, tok: "Token", part: "Part") -> tuple[int, int] | None:
        """What an attribution noun holds: its clause ("the claim that …", "plans to …") or the
        object of its preposition ("concern about the deficit", "support for the bill")."""
        toks = []
        for c in tok.children:
            if c.i < tok.i:
                continue
            if c.dep_ in ("acl", "ccomp", "relcl") and any(t.lower_ in ("that", "to", "whether") for t in c.subtree) \
                    and any(t.dep_ == "mark" and t.lower_ in ("that", "whether") or t.dep_ == "aux" and t.lower_ == "to"
                            for t in c.children) and not any(t.dep_ in ("nsubj", "dobj") and t.lower_ in ("that", "which")
                                                               for t in c.children):
                toks = list(c.subtree)
                break
            if c.dep_ == "prep" and c.lower_ in ("about", "over", "on", "for", "against"):
                toks = [t for t in c.subtree if t.i != c.i]
                break
        toks = [t for t in toks if not t.is_space]
        if len([t for t in toks if not t.is_punct]) < 2:
            return None
        return self._trim_span(sorted(toks, key=lambda t: t.i), part)

    def _noun_source(self, tok: "Token") -> "Token | None":
        """Whose claim or concern: the possessor ("his claim", "Trump's view") or the subject of
        the verb the noun is the object of ("Smith made the claim that …")."""
        poss = next((c for c in tok.children if c.dep_ == "poss" and nominal(c)), None)
        if poss is not None:
            return poss
        if tok.dep_ in ("dobj", "attr") and tok.head.pos_ in ("VERB", "AUX"):
            return next((c for c in tok.head.children if c.dep_ == "nsubj" and nominal(c)), None)
        return None

    def _trim_span(self, toks, part) -> tuple[int, int] | None:
        if not toks:
            return None
        s = min(t.idx for t in toks)
        e = max(t.idx + len(t.text) for t in toks)
        s, e = max(s, part.start), min(e, part.end)
        # keep a quotation that the clause ends with whole ("… are “in no-one’s interest.”")
        for qs, qe in self.spans:
            if qs < e < qe and qe <= part.end:
                e = qe
        while e > s and self.text[e - 1] in ",;: \n":
            e -= 1
        return (s, e) if e > s else None

    # -------------------------------------------------------------- assembly
    def _row(self, s, e, kind, sp: Speaker | None, cue, relayed, hedged, follow_on, paragraph) -> dict:
        text = self.text[s:e]
        words = text
        if kind != "indirect":
            a, b = inner(self.text, s, e)
            words = self.text[a:b]
        parts = [] if kind == "indirect" else [[s, e]]
        speaker_type = sp.type if sp is not None else "unknown"
        if kind == "scare":
            speaker_type = "unknown"
        cue_from = self._cue_extent(cue)[0] if cue else None
        src = (None, None)
        if sp is not None and kind != "scare" and sp.start is not None:
            src = self._source_span(sp.start, sp.end, cue[0] if cue else None)
        return {
            "start": s,
            "end": e,
            "text": text,
            "kind": kind,
            "speaker": sp.name if sp is not None and kind != "scare" else None,
            "speaker_text": sp.text if sp is not None and kind != "scare" else None,
            "speaker_start": sp.start if sp is not None and kind != "scare" else None,
            "speaker_end": sp.end if sp is not None and kind != "scare" else None,
            "speaker_type": speaker_type,
            "source_start": src[0],
            "source_end": src[1],
            "cue": cue[2] if cue else None,
            "cue_start": cue[0] if cue else None,
            "cue_end": cue[1] if cue else None,
            "cue_from": cue_from,
            "cue_class": cue_class(cue[3]) if cue else None,
            "cue_type": cue_type(cue[3]) if cue else None,
            "relayed_by": relayed,
            "hedged": bool(hedged),
            "follow_on": bool(follow_on),
            "paragraph": paragraph,
            "words": n_words(words),
            "quoted_words": n_words(words) if kind in ("direct", "partial") else 0,
            "parts": parts,
        }

    def _cue_extent(self, cue):
        """The cue as attribution corpora mark it: the verb with the auxiliaries, negation and
        adverbs right before it ("has also said", "was not expected to")."""
        tok = token_at(self.doc, cue[0])
        if tok is None:
            return cue
        i = tok.i
        while i - 1 >= 0:
            t = self.doc[i - 1]
            if t.head.i != tok.i or t.dep_ not in ("aux", "auxpass", "neg", "advmod") or self.in_quote(t.idx) \
                    or "\n" in t.whitespace_ or t.lower_ in ("to", "when", "how", "where", "why") or t.is_punct:
                break
            i -= 1
        if i == tok.i:
            return cue
        start = self.doc[i].idx
        return (start, cue[1], self.text[start:cue[1]], cue[3])

    def _source_span(self, s: int, e: int, cue_start: int | None) -> tuple[int, int]:
        """The whole noun phrase of a speaker mention, as attribution corpora mark a source: with
        its modifiers, appositions and relative clauses ("Huma Abedin, vice chairwoman of the
        campaign,"; "six-million people who lost their insurance"), not the cue's clause."""
        span = self.doc.char_span(s, e, alignment_mode="expand")
        if span is None or not len(span):
            return s, e
        root = span.root
        if root.pos_ == "PRON" or root.lower_ in ("who", "which", "that"):
            return s, e
        cue_i = token_at(self.doc, cue_start).i if cue_start is not None and token_at(self.doc, cue_start) is not None else None
        keep = [root]
        stack = [c for c in root.children]
        while stack:
            t = stack.pop()
            sub = list(t.subtree)
            if cue_i is not None and any(x.i == cue_i for x in sub):
                continue
            if t.dep_ in ("relcl", "acl") and any(attribution_cue_at(self.doc, x) is not None for x in sub):
                continue  # "Lavrov, who said …": the clause is the attribution itself
            keep += sub
        lo = min(t.i for t in keep)
        hi = max(t.i for t in keep)
        toks = [t for t in self.doc[lo:hi + 1]]
        while toks and (toks[0].is_punct or toks[0].is_space):
            toks = toks[1:]
        while toks and (toks[-1].is_space or toks[-1].is_punct and toks[-1].text not in ",)”"):
            toks = toks[:-1]
        if not toks:
            return s, e
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if start > s or end < e or "\n" in self.text[start:end]:
            return s, e
        if re.search(r"[—–]|\((?:AP|Reuters|AFP)\)", self.text[start:s]):
            start = s  # a dateline before the name ("RENO, Nev. (AP) — …")
        if cue_start is not None and start < cue_start < end:
            return s, e
        inner_text = self.text[start:end]
        if end < len(self.text):
            closer = {",": ",", "—": "—", "–": "–", "(": ")", "“": "”"}
            for opener, close in closer.items():
                if self.text[end:end + 1] == close and inner_text.count(opener) > inner_text.count(close) - (opener == close):
                    if opener == close and inner_text.count(opener) == 0:
                        continue
                    end += 1  # "Chris Cox, who runs the lobby," — the closing comma, dash or bracket too
                    break
        return start, end

    def _clauses_of_partials(self, quote_rows: list[dict], indirect_rows: list[dict]) -> list[dict]:
        """Reported clauses around partial quotations that no reported-speech row holds: from
        just after the cue ("said that “…” …") to the end of the sentence, so that the clause
        and its quoted words are one attribution (the parser often loses the clause of a verb
        whose complement is broken up by quotation marks)."""
        out: list[dict] = []
        text = self.text
        for q in quote_rows:
            if q["kind"] != "partial" or q["cue_start"] is None or q["cue_end"] > q["start"]:
                continue
            if any(r["start"] <= q["start"] and q["end"] <= r["end"] for r in indirect_rows + out):
                continue
            between = text[q["cue_end"]:q["start"]]
            if re.search(r"[.!?;:]\s|\n", between) or any(self.in_quote(i) for i in range(q["cue_end"], q["start"])):
                continue
            m = re.search(r"\bthat\b", between)
            if m:
                start = q["cue_end"] + m.start()
            elif q["cue"] and q["cue"].split()[0].lower() in ("told", "tell", "tells", "telling", "asked", "asks"):
                continue  # the addressee comes first
            else:
                start = q["cue_end"] + len(between) - len(between.lstrip())
            tok = token_at(self.doc, q["start"])
            if tok is None:
                continue
            end = max(tok.sent.end_char, q["end"])
            part = next((p for p in self.article.paragraphs if p.start <= q["start"] < p.end), None)
            if part is None:
                continue
            end = min(end, part.end)
            for qs, qe in self.spans:  # a quotation the sentence ends in stays whole
                if qs < end < qe and qe <= part.end:
                    end = qe
            while end > start and text[end - 1] in ".,;: \n":
                end -= 1
            if end <= q["end"] or n_words(text[start:end]) <= n_words(text[q["start"]:q["end"]]):
                continue
            r = dict(q, start=start, end=end, text=text[start:end], kind="indirect", parts=[], quoted_words=0,
                     words=n_words(text[start:end]))
            out.append(r)
        return out

    def _mixed(self, quote_rows: list[dict], indirect_rows: list[dict]) -> list[dict]:
        """One row per attribution event: a partial quotation inside a reported clause becomes a
        part of that clause's row (kind ``mixed``) instead of a row of its own. The innermost
        clause holding the quotation takes it."""
        keep = []
        for q in quote_rows:
            if q["kind"] != "partial":
                keep.append(q)
                continue
            holders = [r for r in indirect_rows if r["start"] <= q["start"] and q["end"] <= r["end"]
                       and (r["start"], r["end"]) != (q["start"], q["end"])]
            if not holders:
                keep.append(q)
                continue
            r = min(holders, key=lambda r: r["end"] - r["start"])
            r["kind"] = "mixed"
            r["parts"] = sorted(r["parts"] + [[q["start"], q["end"]]])
            r["quoted_words"] += q["quoted_words"]
        return keep + indirect_rows

    def run(self) -> pd.DataFrame:
        text = self.text
        for q in self.quotes:
            self.attribute_quote(q)
            if q.speaker is not None and q.speaker.start is not None:
                self.resolver.remember(q.speaker.start, q.speaker)
        # follow-on quotations inherit the last speaker of the same or the previous paragraph
        indirect_rows = self.indirect()
        speech = [(q.start, q.segs[-1].part.index, q) for q in self.quotes if q.speaker is not None]
        speech += [(r["start"], r["paragraph"], r) for r in indirect_rows if r["speaker_type"] != "unknown"]
        speech.sort(key=lambda x: x[0])
        for q in self.quotes:
            if q.cue is not None or q.speaker is not None or q.kind == "scare":
                continue
            inner_s, inner_e = inner(text, q.start, q.end)
            words = n_words(text[inner_s:inner_e])
            para = q.segs[0].part.index
            if q.kind == "partial" and words <= 2:
                q.kind = "scare"
                continue
            if q.kind == "direct" and words <= 2 and not re.search(r"[.!?,]$", text[inner_s:inner_e]):
                q.kind = "scare"
                continue
            line_start = q.segs[0].part.start
            prev = [x for x in speech if x[0] < q.start and x[1] >= para - 1]
            nxt = [x for x in speech if x[0] > q.end and x[1] == para]
            src = prev[-1][2] if prev else (nxt[0][2] if nxt else None)
            if not (prev and prev[-1][0] >= line_start):
                narrator = self.narrative_subject(q)
                if narrator is not None:  # "Sanders identified … as a reason. “The younger …”"
                    q.speaker, q.follow_on = narrator, True
                    continue
            if src is None:
                if words <= 2:
                    q.kind = "scare"
                continue
            if isinstance(src, _Quote):
                q.speaker, q.relayed_by, q.hedged = src.speaker, src.relayed_by, src.hedged
            else:
                q.speaker = Speaker(src["speaker"], src["speaker_type"], src["speaker_start"], src["speaker_end"],
                                    src["speaker_text"])
                q.relayed_by, q.hedged = src["relayed_by"], src["hedged"]
            q.follow_on = True
        rows = [
            self._row(q.start, q.end, q.kind, q.speaker, q.cue, q.relayed_by, q.hedged, q.follow_on,
                      q.segs[0].part.index)
            for q in self.quotes
        ]
        indirect_rows = _outermost(indirect_rows) + self.headline_colon()
        indirect_rows += self._clauses_of_partials(rows, indirect_rows)
        rows = self._mixed(rows, indirect_rows)
        rows.sort(key=lambda r: (r["start"], r["end"]))
        df = _frame(rows)
        return with_genders(df, speaker_genders(self.article, self.doc, df, resolver=self.resolver))


#: First- and second-person subjects: beyond speech verbs they are the reporter's or a quoted
#: speaker's own voice ("we want …"), not an attribution.
_PERSONAL = frozenset("i we you me us".split())


def _outermost(rows: list[dict]) -> list[dict]:
    """Reported speech nested in another row's reported content is part of that content
    ("voters say they think …" is one attribution, as news-attribution corpora mark it), and
    beyond speech verbs a first- or second-person subject is no attribution."""
    out = []
    for r in rows:
        if any(o is not r and o["start"] <= r["cue_start"] < o["end"] for o in rows):
            continue
        if r["cue_type"] not in ("speech", "preposition") and (r["speaker_text"] or "").lower() in _PERSONAL:
            continue
        out.append(r)
    return out


def _first_name_mf(entity: str) -> str | None:
    """``m``/``f`` from the first name of a canonical person name of two or more words."""
    words = entity.split()
    return {"male": "m", "female": "f"}.get(first_name_gender(words[0]) or "") if len(words) >= 2 else None


def _cue_ends(text: str, left_cues, lhi: int) -> bool:
    """Does the unquoted text before a quotation end with its cue ("… told reporters “We …”")?"""
    if not left_cues:
        return False
    _, cue = left_cues[-1]
    return n_words(text[cue[1]:lhi]) <= 3


def _none_for_missing(df: pd.DataFrame, columns) -> None:
    for col in columns:
        df[col] = df[col].astype(object).where(df[col].notna(), None)


def _frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    _none_for_missing(df, ("speaker", "speaker_text", "cue", "cue_class", "cue_type", "relayed_by", *GENDER_COLUMNS[:3]))
    for col in _INT_COLUMNS:
        df[col] = df[col].astype("Int64")
    for col in ("start", "end", "words", "quoted_words"):
        df[col] = df[col].astype("int64")
    df["hedged"] = df["hedged"].astype(bool)
    df["follow_on"] = df["follow_on"].astype(bool)
    return df


# ------------------------------------------------------------------------------ public API


def quotes(article: "Article", *, doc: "Doc | None" = None) -> pd.DataFrame:
    """Every quotation and piece of reported speech in the article body, one row each.

    Columns:

    * ``start``, ``end`` — offsets of the item in ``article.text`` (end exclusive). Direct,
      partial and scare quotes include their quotation marks; a quotation that runs over several
      paragraphs is one row from its first opening to its last closing mark. Indirect and mixed
      items span the reported content ("that" kept, trailing punctuation cut).
    * ``text`` — ``article.text[start:end]``.
    * ``kind`` — ``direct`` (a quotation standing as the speaker's own sentence), ``partial`` (a
      quoted fragment inside the reporter's sentence, in no reported clause), ``mixed`` (a
      reported clause with quoted words: one row, the quotations in ``parts``), ``indirect``
      (reported speech, no marks) or ``scare`` (not speech: one or two quoted words no speech
      verb governs, or a Title Case name such as a show or a book).
    * ``parts`` — the quoted fragments, a list of ``[start, end]``: the row itself for direct,
      partial and scare quotes, the quotations inside a mixed row, ``[]`` for indirect rows.
    * ``speaker`` — canonical name of the person or organisation (``None`` when anonymous,
      unresolved or scare). Countries and cities speaking ("China said") are organisations.
    * ``speaker_text``, ``speaker_start``, ``speaker_end`` — the speaker mention as written and
      its offsets (a pronoun for "he said"; for follow-on quotes, the mention that named the
      speaker earlier).
    * ``speaker_type`` — ``person``, ``organisation``, ``anonymous`` (unnamed sources:
      "officials", "a source familiar with …", "one of his aides") or ``unknown``.
    * ``source_start``, ``source_end`` — the speaker mention's whole noun phrase (modifiers,
      apposition, relative clause, closing comma), the source span of :func:`attributions`.
    * ``cue``, ``cue_start``, ``cue_end`` — the attribution verb as written ("said", "quoted as
      saying", "according to") and its offsets; ``None`` for follow-on and unattributed quotes.
    * ``cue_from`` — where the cue starts with the auxiliaries and adverbs before it ("has
      also said"), the cue span of :func:`attributions`.
    * ``cue_class`` — ``neutral`` or ``loaded`` (see :data:`NEUTRAL_CUES`, :data:`LOADED_CUES`).
    * ``cue_type`` — ``speech``, ``attitude``, ``evidence``, ``noun``, ``preposition`` or
      ``headline`` (see :func:`~newsnb.analysis.text.cues.cue_type`); ``None`` without a cue.
    * ``relayed_by`` — the news outlet the words come through ("Interfax", "Reuters") or ``None``.
    * ``hedged`` — the attribution is hedged ("reportedly", "allegedly", see :data:`HEDGES`).
    * ``follow_on`` — the speaker was inherited from the previous quotation.
    * ``paragraph`` — index of the body paragraph where the item starts (None for the headline row).
    * ``words`` — words in the quoted text (marks excluded) or in the reported content.
    * ``quoted_words`` — words inside quotation marks, each once (direct and partial: ``words``;
      mixed: the words of its parts; indirect and scare: 0).
    * ``gender``, ``gender_evidence``, ``gender_evidence_text``, ``gender_evidence_start``,
      ``gender_evidence_end`` — the speaker's gender (``female``, ``male``, ``unknown``) and what it
      rests on (``text``, ``name``, ``none``, ``conflict``), person speakers only: see
      :mod:`newsnb.analysis.gender`.
    """
    from .nlp import parse

    if not article.paragraphs:
        return _frame([])
    if doc is None:
        doc = parse(article)
    return _Extractor(article, doc).run()


def sources(quotes_df: pd.DataFrame) -> pd.DataFrame:
    """Who is quoted and how much: one row per speaker, most quoted words first.

    Scare quotes are left out. Speakers with no name are grouped by type (one ``anonymous`` row,
    one ``unknown`` row, with ``speaker`` ``None``).

    Columns: ``speaker``, ``speaker_type``; ``quotes`` (rows of any kind: one per attribution
    event), ``direct``, ``partial``, ``mixed``, ``indirect`` (rows of each kind);
    ``quoted_words`` (words inside quotation marks, each once: the quotes' ``quoted_words``);
    ``share_of_words`` (this speaker's ``quoted_words`` divided by all quoted words in the
    article, 0–1; 0 when nothing is quoted);
    ``loaded_cues`` (items attributed with a loaded verb); ``relayed`` (items that came through
    another outlet); the gender columns of the speaker's quotes (:data:`GENDER_COLUMNS`, person
    speakers only).
    """
    if quotes_df is None or quotes_df.empty:
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    df = quotes_df[quotes_df["kind"] != "scare"]
    if df.empty:
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    quoted_words = _quoted_words(df)
    total = int(quoted_words.sum())
    groups: dict[tuple, dict] = {}
    for r, n_quoted in zip(df.itertuples(index=False), quoted_words):
        name = r.speaker if isinstance(r.speaker, str) else None
        key = (name, r.speaker_type if name is None else "named")
        g = groups.setdefault(key, {c: 0 for c in SOURCE_COLUMNS} | dict.fromkeys(GENDER_COLUMNS))
        g["speaker"], g["speaker_type"] = name, r.speaker_type
        if g["gender"] is None and isinstance(getattr(r, "gender", None), str):
            g.update({c: getattr(r, c) for c in GENDER_COLUMNS})
        g["quotes"] += 1
        g[r.kind] += 1
        g["quoted_words"] += int(n_quoted)
        g["loaded_cues"] += r.cue_class == "loaded"
        g["relayed"] += isinstance(r.relayed_by, str)
    out = pd.DataFrame(list(groups.values()), columns=SOURCE_COLUMNS)
    out["share_of_words"] = out["quoted_words"] / total if total else 0.0
    out["share_of_words"] = out["share_of_words"].astype(float).round(4)
    _none_for_missing(out, ("speaker", *GENDER_COLUMNS[:3]))
    for col in ("quotes", "direct", "partial", "mixed", "indirect", "quoted_words", "loaded_cues", "relayed"):
        out[col] = out[col].astype("int64")
    for col in GENDER_COLUMNS[3:]:
        out[col] = out[col].astype("Int64")
    return out.sort_values(["quoted_words", "quotes"], ascending=False, kind="stable").reset_index(drop=True)


def _quoted_words(df: pd.DataFrame) -> pd.Series:
    """Words inside quotation marks per row, each word once (tables saved before the
    ``quoted_words`` column: the words of direct and partial rows)."""
    if "quoted_words" in df.columns:
        return df["quoted_words"].fillna(0).astype("int64")
    return df["words"].where(df["kind"].isin(["direct", "partial"]), 0).astype("int64")


def attributions(quotes_df: "pd.DataFrame | list[dict]") -> list[dict]:
    """The quotes table as attribution events, the shape news-attribution corpora use.

    One dict per event: ``content`` (a list of ``[start, end]`` spans: the row's span, plus
    the spans of follow-on quotations that continue it in the same paragraph with the same
    speaker mention), ``source`` (``[[speaker_start, speaker_end]]`` or ``[]``), ``cue``
    (``[[cue_start, cue_end]]`` or ``[]``), ``parts`` (the quoted fragments inside the content),
    ``kind``, ``cue_type`` and ``speaker``. Scare quotes are not attributions and are left out.
    """
    rows = records(quotes_df) if isinstance(quotes_df, pd.DataFrame) else list(quotes_df)
    rows = sorted((r for r in rows if r.get("kind") != "scare"), key=lambda r: (r["start"], r["end"]))

    def span(r, a, b):
        s, e = r.get(a), r.get(b)
        return [[int(s), int(e)]] if isinstance(s, int) and isinstance(e, int) and e > s else []

    out: list[dict] = []
    last: dict[tuple, tuple[dict, int]] = {}
    for r in rows:
        key = (r.get("speaker_start"), r.get("speaker_end"))
        prev = last.get(key)
        if r.get("follow_on") and r.get("cue_start") is None and key[0] is not None and prev is not None \
                and prev[1] == r.get("paragraph"):
            a = prev[0]
            a["content"].append([int(r["start"]), int(r["end"])])
            a["parts"] += [list(p) for p in (r.get("parts") or [])]
            continue
        source = span(r, "source_start", "source_end") or span(r, "speaker_start", "speaker_end")
        a = {"content": [[int(r["start"]), int(r["end"])]], "source": source,
             "cue": span(r, "cue_from", "cue_end") or span(r, "cue_start", "cue_end"), "parts": [list(p) for p in (r.get("parts") or [])],
             "kind": r.get("kind"), "cue_type": r.get("cue_type"), "speaker": r.get("speaker")}
        out.append(a)
        last[key] = (a, r.get("paragraph"))
    return out


def headline_check(article: "Article", quotes_df: pd.DataFrame) -> pd.DataFrame:
    """Are the headline's quoted words really in the story?

    One row per quotation in the headline (double or single marks). Columns: ``text`` (the
    quoted words, marks excluded), ``start``/``end`` (their offsets in ``article.text``),
    ``found`` (the same words, ignoring case, punctuation and apostrophe style, occur in the
    body), ``body_start``/``body_end`` (where; a match inside a quotation is preferred),
    ``speaker`` (speaker of the body quotation holding the words, else ``None``) and ``note``
    (a sentence for the report).
    """
    text = article.text
    rows = []
    body = [(p.start, p.end) for p in article.paragraphs]
    qdf = quotes_df if quotes_df is not None else pd.DataFrame(columns=QUOTE_COLUMNS)
    quoted = qdf[qdf["kind"].isin(["direct", "partial"])] if not qdf.empty else qdf
    for seg in headline_segments(article):
        s, e = inner(text, seg.start, seg.end)
        while e > s and text[e - 1] in ".,;:!?…":
            e -= 1
        words = re.findall(r"\w+(?:['’]\w+)*", text[s:e])
        row = {"text": text[s:e], "start": s, "end": e, "found": False, "body_start": None, "body_end": None,
               "speaker": None, "note": ""}
        if not words:
            continue
        pat = re.compile(r"\b" + r"\W+".join(re.escape(w).replace("['’]", "['’]").replace("’", "['’]").replace("'", "['’]")
                                             for w in words) + r"\b", re.IGNORECASE)
        hits = [m for a, b in body for m in pat.finditer(text, a, b)]
        if not hits:
            row["note"] = "not found in the body: the headline's quoted words are not the story's"
            rows.append(row)
            continue
        best, holder = None, None
        for m in hits:
            inside = quoted[(quoted["start"] <= m.start()) & (quoted["end"] >= m.end())] if not quoted.empty else quoted
            if len(inside):
                best, holder = m, inside.iloc[0]
                break
        if best is None:
            best = hits[0]
        row.update(found=True, body_start=best.start(), body_end=best.end())
        if holder is not None:
            spk = holder["speaker"] if isinstance(holder["speaker"], str) else None
            row["speaker"] = spk
            who = spk or ("an anonymous source" if holder["speaker_type"] == "anonymous" else "an unidentified speaker")
            row["note"] = f"verbatim in a {holder['kind']} quote by {who}"
        else:
            row["note"] = "in the body but not inside quotation marks"
        rows.append(row)
    df = pd.DataFrame(rows, columns=HEADLINE_COLUMNS)
    for col in ("start", "end"):
        df[col] = df[col].astype("int64")
    for col in ("body_start", "body_end"):
        df[col] = df[col].astype("Int64")
    df["found"] = df["found"].astype(bool)
    return df
