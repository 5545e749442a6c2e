"""Speaker resolution for :mod:`newsnb.analysis.quotes`: a speaker mention → a canonical source.

A :class:`SpeakerResolver` is built once per parsed article. Given the head token of a speaker
mention (the subject of a speech verb, the object of "according to" …) it returns a
:class:`Speaker`: canonical name, type (person | organisation | anonymous | unknown) and the
offsets of the mention as written. Names come from :func:`newsnb.analysis.entities.mentions`; titles and
descriptions ("the Chinese president") are tied to the person the article describes with the same
words ("his Chinese counterpart Xi Jinping", "President Xi"); pronouns go to the nearest
compatible earlier speaker or subject; unnamed sources ("officials", "a source familiar with …")
are anonymous and never guessed. Honorifics and gendered nouns around each name are kept as
:class:`GenderCue` s (``gender_cues``): they decide pronoun compatibility here and are the text
evidence of :mod:`newsnb.analysis.gender`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from .entities import mentions
from .text.lexicon import (
    ANONYMOUS_HEADS, BARE_SPEECH_CUES, FEMALE_HONORIFICS, FEMALE_TITLE_BEFORE, FIRST_SECOND, GENDERED_NOUNS,
    GENERIC_MALE_ROLES, MALE_HONORIFICS, MALE_TITLE_BEFORE, NAMING_CUES, NEUTER_PRONOUNS, ORGANISATION_WORDS,
    PLURAL_PRONOUNS, PRONOUN_GENDER, RELATIVE, SOURCE_PREPOSITIONS, SPOKESPERSON_HEADS, TITLES, is_media,
)
from .text.cues import cue_at
from .text.quotation import QuoteSpans
from .text.tokens import doc_text, phrase_head

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from .text.segments import Segment

__all__ = [
    "GenderCue", "Speaker", "SpeakerResolver", "attribution", "clause_speaker", "cue_subject", "nominal", "proper",
    "resolver_for", "settled_gender", "top_cues",
]


_DESCRIPTOR_POS = {"NOUN", "PROPN", "ADJ"}

#: Nouns by which a story refers back to a news outlet it named ("the newspaper said").
_OUTLET_NOUNS = frozenset("newspaper paper network broadcaster magazine outlet station channel tabloid daily agency".split())


def _honorific(tok: "Token") -> bool:
    return tok.lower_.rstrip(".") in MALE_HONORIFICS + FEMALE_HONORIFICS


def _nowhere(offset: int) -> bool:
    return False


#: A capitalised name with an inner apostrophe ("Brind'Amour", "O'Neill", "D’Souza"), which the
#: small model may tag as a number or a symbol.
_APOSTROPHE_NAME = re.compile(r"[A-Z][a-z]*['’][A-Z][a-z]+")


def proper(tok: "Token") -> bool:
    """Is this token a proper name (a PROPN, or a capitalised name with an inner apostrophe)?"""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() or bool(_APOSTROPHE_NAME.fullmatch(tok.text))


def nominal(tok: "Token") -> bool:
    """Can this token head a speaker mention? (not a date, a time or a stray symbol)"""
    if _APOSTROPHE_NAME.fullmatch(tok.text):
        return True
    return (tok.pos_ in ("PROPN", "PRON", "NOUN") and any(c.isalpha() for c in tok.text)
            and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"))


def cue_subject(cue_tok: "Token", key: str, *, in_quote: Callable[[int], bool] = _nowhere) -> "Token | None":
    """Head token of the speaker of a cue: the subject of the speech verb (climbing conjunctions,
    complements and relative clauses), the object of "according to", the agent of a passive;
    ``in_quote(offset)`` keeps quoted words out. None when the cue has no findable subject."""
    doc = cue_tok.doc
    if key in ("according_to", "as_per"):
        nxt = doc[cue_tok.i + 1]
        obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if obj is None and cue_tok.i + 2 < len(doc):
            obj = doc[cue_tok.i + 2]
        return obj
    t = cue_tok
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children)
    if passive and key != "quote":
        agent = next((c for c in t.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        return pobj
    for _ in range(4):
        subs = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and nominal(c)
                and not in_quote(c.idx)]
        if subs and not (subs[-1].lower_ in ("who", "which", "that") and t.dep_ == "relcl"):
            return subs[-1]
        if t.dep_ == "relcl":
            return t.head
        if t.dep_ == "acl" and t.head.dep_ in ("dobj", "pobj") and t.head.head.pos_ == "VERB":
            # "the council issued a statement calling …": the statement's author
            verb = t.head.head
            subj = next((c for c in verb.children if c.dep_ == "nsubj" and nominal(c)), None)
            return subj if subj is not None else t.head
        if t.head is not t and not in_quote(t.head.idx) and (
            t.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep", "acl")
            or t.dep_ == "ccomp" and cue_at(doc, t.head) is not None
        ):
            t = t.head
            continue
        break
    return None


@dataclass
class Speaker:
    """A resolved speaker. ``name`` is ``None`` for anonymous and unresolved speakers."""

    name: str | None
    type: str  # person | organisation | anonymous | unknown
    start: int | None
    end: int | None
    text: str | None


@dataclass(frozen=True)
class GenderCue:
    """A word of the text that marks a person's gender: ``gender`` ``m`` or ``f``; ``kind``
    ``honorific`` (Mr, Ms … right before a name), ``noun`` (a gendered noun right before the name or
    heading its apposition: "actress Jane Doe", "Jane Doe, his wife,"), ``role`` (a role noun in
    -man, :data:`GENERIC_MALE_ROLES`: weaker, newsrooms have used it for women) or ``pronoun``
    (added by :mod:`newsnb.analysis.gender`); ``start``/``end`` its offsets; ``folded`` when it
    marks a short form that entity folding tied to a longer name ("Mrs Clinton" folded into "Bill
    Clinton"), which may be someone else."""

    gender: str
    kind: str
    start: int
    end: int
    folded: bool = False

    @property
    def tier(self) -> int:
        """0 for a role in -man (counted only without other cues), else 1."""
        return 0 if self.kind == "role" else 1

    @property
    def weak(self) -> bool:
        """A role in -man or a cue on a folded short form: a clear first name may overrule it."""
        return self.kind == "role" or self.folded


def top_cues(cues: Iterable[GenderCue]) -> list[GenderCue]:
    """The cues of the highest :attr:`GenderCue.tier` present, in the order given."""
    cues = list(cues)
    top = max((c.tier for c in cues), default=0)
    return [c for c in cues if c.tier == top]


def settled_gender(cues: Iterable[GenderCue]) -> str | None:
    """The gender the cues of the highest tier agree on, or None when there are none or they
    disagree."""
    genders = {c.gender for c in top_cues(cues)}
    return genders.pop() if len(genders) == 1 else None


@dataclass
class _Ment:
    start: int
    end: int
    type: str
    entity: str
    subject: bool


def _stem(word: str) -> str:
    """Crude stem so that "Russian" ~ "Russia's" and "Chinese" ~ "China"."""
    w = re.sub(r"['’]s$", "", word.lower())
    return w[:4] if len(w) >= 4 else w


class SpeakerResolver:
    """Resolve speaker mentions in one parsed article (see the module docstring)."""

    def __init__(self, doc: "Doc", quote_spans: QuoteSpans | Iterable[tuple[int, int]] = (), mentions_df=None,
                 *, name_gender: Callable[[str], str | None] | None = None):
        #: ``m``/``f`` of a person from the first name of the canonical name (pronoun compatibility
        #: when the text gives no honorific or gendered noun); None to use text cues alone
        self.name_gender = name_gender
        self.doc = doc
        self.text = doc_text(doc)
        self.quoted = quote_spans if isinstance(quote_spans, QuoteSpans) else QuoteSpans(quote_spans)
        self.in_quote = self.quoted.at
        df = mentions(doc) if mentions_df is None else mentions_df
        self.ments: list[_Ment] = []
        for r in df.itertuples(index=False):
            self.ments.append(_Ment(int(r.start), int(r.end), r.type, r.entity, self._is_subject(int(r.start), int(r.end))))
        self.ments.sort(key=lambda m: m.start)
        self.descriptors: dict[str, set[str]] = {}
        #: what the text says of each person's gender (honorifics, gendered nouns), in text order
        self.gender_cues: dict[str, list[GenderCue]] = {}
        self._learn_descriptions()
        #: each person's gender when the cues agree (``m``/``f``): pronoun compatibility
        self.gender: dict[str, str] = {}
        for ent, cues in self.gender_cues.items():
            g = settled_gender(cues)
            if g:
                self.gender[ent] = g
        #: speakers already resolved, in text order of their mention: (offset, Speaker)
        self.history: list[tuple[int, Speaker]] = []

    # ---------------------------------------------------------------- article knowledge
    def _is_subject(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        root = span.root
        while root.dep_ in ("compound", "appos", "flat") and root.head is not root:
            root = root.head
        return root.dep_ in ("nsubj", "nsubjpass")

    def _learn_descriptions(self) -> None:
        """Words describing each person: titles before a name, appositions after it."""
        doc = self.doc
        for m in self.ments:
            if m.type != "person":
                continue
            words = self.descriptors.setdefault(m.entity, set())
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            # title zone: nouns/adjectives right before the name ("Russian foreign minister")
            i = span.start - 1
            zone = []
            while i >= 0 and span.start - i <= 6:
                t = doc[i]
                if t.pos_ in _DESCRIPTOR_POS or t.text in ("-",) or (t.tag_ == "POS" and zone):
                    zone.append(t)
                    i -= 1
                    continue
                break
            # spaCy may have kept a title inside the raw entity (cut by entities._clean)
            raw = self.text[max(0, m.start - 40):m.start]
            tm = TITLES.search(raw + " ") if raw else None
            for t in zone:
                if t.is_alpha and not t.is_stop:
                    words.add(t.lower_)
            if tm:
                words.update(w.lower().rstrip(".") for w in tm.group(0).split())
            # appositions: "Sergey Lavrov, Russia's foreign minister,"
            for tok in span:
                for child in tok.children:
                    if child.dep_ == "appos" and child.i >= span.end:
                        for t in child.subtree:
                            if t.is_alpha and not t.is_stop and t.pos_ in _DESCRIPTOR_POS:
                                words.add(t.lower_)
            cues = self.gender_cues_at(m.start, m.end, m.entity)
            if cues:
                have = self.gender_cues.setdefault(m.entity, [])
                have.extend(c for c in cues if c not in have)
        for ent, words in self.descriptors.items():
            for part in ent.lower().split():
                words.discard(part)

    def gender_cues_at(self, start: int, end: int, name: str | None = None) -> list[GenderCue]:
        """Gender cues of the person mention at ``text[start:end]`` (an entity mention, or a speaker
        mention such as "Mr Smith" or "actress Jane Doe"): an honorific right before the name ("Ms
        Doe"), the noun right before it ("actress Jane Doe", "his wife Jane"), the head of its
        apposition ("Jane Doe, his wife,") or the noun it is in apposition to ("His wife, Jane
        Doe,"). ``name``: the canonical name the mention was given; cues of a mention with fewer
        words than it are ``folded``."""
        doc = self.doc
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return []
        root = span.root
        first = root.i  # the name: proper nouns up to the root, honorifics left out
        while first > span.start and doc[first - 1].pos_ == "PROPN" and not _honorific(doc[first - 1]):
            first -= 1
        name_start = doc[first].idx
        folded = name is not None and len(doc[first:root.i + 1]) < len(name.split())
        found: list[GenderCue] = []
        base = max(0, name_start - 25)
        ctx = self.text[base:name_start]
        for g, pattern in (("m", MALE_TITLE_BEFORE), ("f", FEMALE_TITLE_BEFORE)):
            hit = pattern.search(ctx)
            if hit:
                word = re.match(r"\w+", hit.group(0))
                found.append(GenderCue(g, "honorific", base + hit.start(), base + hit.start() + word.end(), folded))
        before = doc[first - 1] if first > 0 else None
        nouns = [before] if before is not None and before.pos_ in _DESCRIPTOR_POS and before.tag_ != "POS" else []
        nouns += [c for t in doc[first:root.i + 1] for c in t.children if c.dep_ == "appos" and c.i > root.i]
        if root.dep_ == "appos" and root.head.i < first:
            nouns.append(root.head)
        for tok in nouns:
            g = GENDERED_NOUNS.get(tok.lower_)
            if g and not any(c.start == tok.idx for c in found):
                kind = "role" if tok.lower_ in GENERIC_MALE_ROLES else "noun"
                found.append(GenderCue(g, kind, tok.idx, tok.idx + len(tok.text), folded))
        return found

    # ---------------------------------------------------------------- mention spans
    def phrase(self, head: "Token", lo: int = 0, hi: int | None = None) -> tuple[int, int]:
        """Character span of the noun phrase headed by ``head`` (no relative clauses, appositions
        after a comma or conjuncts), kept inside ``[lo, hi)`` and out of quotations."""
        hi = len(self.text) if hi is None else hi
        keep = [head]
        stack = [c for c in head.children]
        while stack:
            c = stack.pop()
            if c.dep_ in ("relcl", "appos", "conj", "cc", "advcl", "parataxis", "punct", "acl") and c.i > head.i:
                if c.dep_ == "acl" and c.i == head.i + 1 and c.pos_ == "ADJ":
                    pass  # "a source familiar with the talks"
                elif c.dep_ == "acl" and head.lemma_.lower() in ANONYMOUS_HEADS and c.i - head.i <= 2:
                    pass  # "people briefed on", "sources close to"
                else:
                    continue
            if c.dep_ in ("punct",):
                continue
            keep.append(c)
            stack.extend(c.children)
        keep = [t for t in keep if lo <= t.idx < hi and not self.in_quote(t.idx)]
        if not keep:
            return head.idx, head.idx + len(head.text)
        # contiguous run around the head
        idxs = sorted(t.i for t in keep)
        s = e = head.i
        kept = set(idxs)
        while s - 1 in kept:
            s -= 1
        while e + 1 in kept:
            e += 1
        span = self.doc[s:e + 1]
        start, end = span.start_char, span.end_char
        text = self.text[start:end]
        # trim possessive "'s" and trailing punctuation
        m = re.search(r"(?:\s*['’]s?|[\s,.;:]+)$", text)
        if m and m.start() > 0:
            end = start + m.start()
        return start, end

    # ---------------------------------------------------------------- resolution
    def resolve(self, head: "Token", lo: int = 0, hi: int | None = None) -> Speaker:
        """The speaker whose mention is headed by ``head``."""
        doc = self.doc
        low = head.lower_
        if low in RELATIVE and head.head is not head and head.head.dep_ == "relcl":
            # "Lavrov, who said …": the relative clause's noun
            noun = head.head.head
            if noun is not head and noun.pos_ in ("NOUN", "PROPN"):
                return self.resolve(noun, lo, hi)
        if low == "one":  # "one of his aides": the group says who
            of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if pobj is not None:
                inner = self.resolve(pobj, lo, hi)
                start, end = self.phrase(head, lo, hi)
                if inner.type == "anonymous" or inner.name is None:
                    return Speaker(None, "anonymous" if inner.type in ("anonymous", "unknown") else inner.type,
                                   start, end, self.text[start:end])
                return Speaker(inner.name, inner.type, start, end, self.text[start:end])
        if (head.pos_ == "PRON" and not _APOSTROPHE_NAME.fullmatch(head.text)) or low in PRONOUN_GENDER \
                or low in PLURAL_PRONOUNS:
            s, e = head.idx, head.idx + len(head.text)
            return self._pronoun(low, s, e)
        start, end = self.phrase(head, lo, hi)
        if head.pos_ == "PROPN":  # a name the parser split ("Tomas" | "Brennan told")
            i = head.i
            while i - 1 >= 0 and doc[i - 1].pos_ == "PROPN" and "\n" not in doc[i - 1].whitespace_ \
                    and doc[i - 1].idx >= lo and not self.in_quote(doc[i - 1].idx):
                i -= 1
            start = min(start, doc[i].idx)
        text = self.text[start:end]
        # a named person or organisation in the phrase
        inside = [m for m in self.ments if m.start < end and m.end > start]
        head_ment = next((m for m in inside if m.start <= head.idx < m.end), None)
        if head_ment is None and head.pos_ == "PROPN":
            # "minister Sergey Lavrov": the name is the head's compound; take the nearest name
            head_ment = next((m for m in sorted(inside, key=lambda m: abs(m.start - head.idx))
                              if m.type == "person"), None)
        if head_ment is not None:
            etype = "organisation" if head_ment.type in ("organisation", "place") else "person"
            name = head_ment.entity
            before = [m for m in self.ments if m.type == "person" and m.end <= head_ment.start
                      and self.text[m.end:head_ment.start].isspace() and "\n" not in self.text[m.end:head_ment.start]]
            if etype == "person" and before and " " not in head_ment.entity:
                # the model cut one name in two ("Hassan" | "Idris")
                name = f"{self.text[before[-1].start:before[-1].end]} {self.text[head_ment.start:head_ment.end]}"
                start = min(start, before[-1].start)
                text = self.text[start:end]
            return Speaker(name, etype, start, end, text)
        lemma = head.lemma_.lower()
        if lemma in SPOKESPERSON_HEADS:
            org = next((m for m in inside if m.type in ("organisation", "place")), None)
            if org is not None:
                return Speaker(org.entity, "organisation", start, end, text)
        if proper(head):
            name = self._proper_name(head)
            person = self._person_by_part(name) or self._named_before(name, start)
            if person:
                return Speaker(person, "person", start, end, text)
            if ORGANISATION_WORDS.search(name) or is_media(name):
                return Speaker(name, "organisation", start, end, text)
            titled = bool(TITLES.match(self.text[start:head.idx + len(head.text)] + " "))
            return Speaker(name, "person" if titled or len(name.split()) >= 2 else "unknown", start, end, text)
        if lemma in ANONYMOUS_HEADS or low in ANONYMOUS_HEADS:
            return Speaker(None, "anonymous", start, end, text)
        person = self._describe(head, start, end)
        if person:
            return Speaker(person, "person", start, end, text)
        org = self._org_by_head(lemma, start) or self._outlet_before(lemma, start)
        if org:
            return Speaker(org, "organisation", start, end, text)
        return Speaker(None, "unknown", start, end, text)

    def named(self, start: int, end: int) -> Speaker:
        """A speaker given by a bare name at ``text[start:end]`` ("PENCE:", "― Jane Doe")."""
        text = self.text[start:end]
        inside = [m for m in self.ments if m.start < end and m.end > start]
        person = next((m for m in inside if m.type == "person"), None)
        if person is not None:
            return Speaker(person.entity, "person", start, end, text)
        if inside:
            return Speaker(inside[0].entity, "organisation", start, end, text)
        name = text.strip().rstrip(".")
        if name.isupper():
            name = name.title()
        known = self._person_by_part(name.split()[-1]) if name.split() else None
        if known:
            return Speaker(known, "person", start, end, text)
        if ORGANISATION_WORDS.search(name) or is_media(name):
            return Speaker(name, "organisation", start, end, text)
        return Speaker(name, "person", start, end, text)

    def remember(self, offset: int, speaker: Speaker) -> None:
        """Record a resolved speaker (used by pronoun resolution and follow-on quotes)."""
        self.history.append((offset, speaker))
        self.history.sort(key=lambda x: x[0])

    def _proper_name(self, head: "Token") -> str:
        doc = self.doc
        s = e = head.i
        while s - 1 >= 0 and doc[s - 1].pos_ == "PROPN" and "\n" not in doc[s - 1].whitespace_:
            s -= 1
        name = doc[s:e + 1].text
        m = TITLES.match(name + " ")
        if m and m.end() < len(name):
            name = name[m.end():]
        return re.sub(r"['’]s?$", "", name).strip()

    def _person_by_part(self, name: str) -> str | None:
        low = name.lower()
        for m in self.ments:
            if m.type == "person" and (m.entity.lower() == low or low in m.entity.lower().split()):
                return m.entity
        return None

    def _named_before(self, surname: str, start: int) -> str | None:
        """A full name written earlier that ends with this one-word name, when the entity model
        missed it ("Coach Rod Brind'Amour … Brind'Amour said"): two or more capitalised words,
        titles dropped."""
        if not surname or " " in surname:
            return None
        pat = re.compile(r"((?:[A-Z][\w'’.-]*[^\S\n]+){1,3})" + re.escape(surname) + r"\b")
        found = None
        for m in pat.finditer(self.text, 0, start):
            found = m
        if found is None:
            return None
        name = f"{found.group(1)}{surname}".strip()
        tm = TITLES.match(name + " ")
        while tm and tm.end() < len(name):
            name = name[tm.end():].strip()
            tm = TITLES.match(name + " ")
        words = name.split()
        if len(words) < 2 or words[0].lower() in ("the", "a", "an") or ORGANISATION_WORDS.search(name) or is_media(name):
            return None
        return name

    def _outlet_before(self, lemma: str, start: int) -> str | None:
        """"the newspaper", "the network": the news outlet the article named last before."""
        if lemma not in _OUTLET_NOUNS:
            return None
        named = [m for m in self.ments if m.type == "organisation" and m.end <= start and is_media(m.entity)]
        if named:
            return named[-1].entity
        near = [m for m in self.ments if m.type == "organisation" and self._window_start(start) <= m.start
                and m.end <= start and not self.in_quote(m.start)]
        if near:  # an outlet the list does not know ("The Toronto Star … the newspaper said")
            return near[-1].entity
        chunks = [c for c in re.finditer(r"(?:The[^\S\n]+)?[A-Z][\w'’.&-]*(?:[^\S\n]+[A-Z][\w'’.&-]*)+", self.text[:start])
                  if is_media(c.group(0))]
        return re.sub(r"^The\s+", "", chunks[-1].group(0)) if chunks else None

    def _describe(self, head: "Token", start: int, end: int) -> str | None:
        """A person the article describes with the words of this phrase."""
        lemma = head.lemma_.lower()
        if head.pos_ not in ("NOUN", "PROPN") or head.pos_ == "PROPN" and head.text[:1].isupper() \
                or head.tag_ in ("NNS", "NNPS"):
            return None
        words = {t.lower_ for t in self.doc.char_span(start, end, alignment_mode="expand") or []
                 if t.is_alpha and not t.is_stop and t.pos_ in _DESCRIPTOR_POS}
        stems = {_stem(w) for w in words}
        best, best_key = None, None
        for ent, desc in self.descriptors.items():
            if head.lower_ not in desc and lemma not in desc:
                continue
            dstems = {_stem(w) for w in desc}
            score = len(stems & dstems)
            before = [m.start for m in self.ments if m.entity == ent and m.start < start]
            dist = start - before[-1] if before else 10**9
            key = (score, -dist)
            if best_key is None or key > best_key:
                best, best_key = ent, key
        return best

    def _org_by_head(self, lemma: str, start: int) -> str | None:
        cands = [m for m in self.ments if m.type == "organisation" and m.entity.lower().split()[-1:] == [lemma]]
        before = [m for m in cands if m.start < start]
        pick = before[-1] if before else (cands[0] if cands else None)
        return pick.entity if pick else None

    def _pronoun(self, low: str, s: int, e: int) -> Speaker:
        text = self.text[s:e]
        if low in FIRST_SECOND:
            return Speaker(None, "unknown", s, e, text)
        window = self._window_start(s)
        if low in PRONOUN_GENDER:
            g = PRONOUN_GENDER[low]
            # first names (weak evidence) only choose among people; when they rule out every one,
            # the text's own cues decide alone (the text wins over the name)
            for by_name in ((True, False) if self.name_gender else (False,)):
                who = self._pronoun_person(g, s, window, by_name)
                if who:
                    return Speaker(who, "person", s, e, text)
            return Speaker(None, "unknown", s, e, text)
        if low in PLURAL_PRONOUNS or low in NEUTER_PRONOUNS:
            hist = [(o, sp) for o, sp in self.history if o < s and o >= window and sp.type in ("organisation", "anonymous")]
            orgs = [m for m in self.ments if m.type == "organisation" and m.end <= s and m.start >= window
                    and not self.in_quote(m.start)]
            cands = [(o, sp) for o, sp in hist] + [(m.start, Speaker(m.entity, "organisation", None, None, None)) for m in orgs if m.subject]
            if cands:
                sp = max(cands, key=lambda x: x[0])[1]
                return Speaker(sp.name, sp.type, s, e, text)
        return Speaker(None, "unknown", s, e, text)

    def _pronoun_person(self, g: str, s: int, window: int, by_name: bool) -> str | None:
        """The person a he/she at ``s`` refers to: the nearest compatible subject or speaker."""
        def ok(ent: str) -> bool:
            known = self.gender.get(ent) or (self.name_gender(ent) if by_name and self.name_gender else None)
            return known in (None, g)

        hist = [(o, sp) for o, sp in self.history if o < s and sp.type == "person" and sp.name and ok(sp.name)]
        people = [m for m in self.ments if m.type == "person" and m.end <= s and not self.in_quote(m.start) and ok(m.entity)]
        recent_subj = [m for m in people if m.subject and m.start >= window]
        recent_hist = [(o, sp) for o, sp in hist if o >= window]
        cands: list[tuple[int, str]] = [(m.start, m.entity) for m in recent_subj] + [(o, sp.name) for o, sp in recent_hist]
        if not cands:
            cands = [(m.start, m.entity) for m in people if m.start >= window]
        if not cands:
            cands = [(m.start, m.entity) for m in people if m.subject] + [(o, sp.name) for o, sp in hist]
        if not cands:
            cands = [(m.start, m.entity) for m in people]
        return max(cands)[1] if cands else None

    def _window_start(self, offset: int) -> int:
        """Start of the paragraph before the one holding ``offset`` (pronoun search window)."""
        text = self.text
        starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text[:offset])]
        return starts[-2] if len(starts) >= 2 else 0


# ---------------------------------------------------------------------------------------------
# Attribution of a sentence (facts' claims, language's labels)

_SOURCE_CUE = re.compile(r"\b(" + "|".join(SOURCE_PREPOSITIONS).replace(" ", r"[^\S\r\n]+") + r")[^\S\r\n]+",
                         re.IGNORECASE)
_QUOTE_MARK = re.compile(r"[“”\"]")


def resolver_for(seg: "Segment") -> SpeakerResolver:
    """The speaker resolver of a segment's doc, built once (never fed quotes' follow-on history)."""
    key = "newsnb_attribution_resolver"
    resolver = seg.doc.user_data.get(key)
    if resolver is None:
        resolver = seg.doc.user_data[key] = SpeakerResolver(seg.doc, seg.quoted)
    return resolver


def _name(seg: "Segment", head: "Token") -> str:
    """The canonical name of the speaker headed by ``head``; for an unnamed one, the mention as
    written up to its head noun, without an article ("the ministry" → "ministry")."""
    sp = resolver_for(seg).resolve(head)
    if sp.name:
        return sp.name
    text = doc_text(seg.doc)
    end = head.idx + len(head.text)
    mention = text[sp.start:end] if sp.start is not None and sp.start <= head.idx < (sp.end or 0) else head.text
    return re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.IGNORECASE)


def clause_speaker(seg: "Segment", tok: "Token") -> str | None:
    """Who is the subject of the clause ``tok`` sits in ("China refrained from calling …" → China),
    resolved like a quote's speaker (canonical name; a pronoun to the person it refers to; an
    unnamed source as written). None when the clause has no subject."""
    while tok.dep_ in ("aux", "auxpass", "neg") and tok.head is not tok:
        tok = tok.head
    head = cue_subject(tok, "", in_quote=seg.quoted.at)
    return _name(seg, head) if head is not None else None


def attribution(seg: "Segment", start: int, end: int) -> tuple[bool, str | None, str | None]:
    """(attributed, speaker, cue) for the sentence at absolute ``start``–``end`` of ``seg``.

    A speech cue of the shared lexicon (:func:`~newsnb.analysis.text.cues.cue_at`: speech verbs,
    "according to", "as per") whose subject is found gives the speaker, resolved by the same
    :class:`SpeakerResolver` as quotes; cue verbs outside :data:`BARE_SPEECH_CUES` count only with
    a clause after them or a quotation in the sentence. Otherwise "citing X" / "quoted by X" gives
    the source. A cue without a findable speaker still marks the sentence attributed, with speaker
    ``None``.
    """
    span = seg.span(start, end)
    if span is None:
        return False, None, None
    doc = seg.doc
    quoted = bool(_QUOTE_MARK.search(seg.text, start - seg.offset, end - seg.offset))
    cue = None
    for tok in span:
        c = cue_at(doc, tok)
        if c is None or c[3] in NAMING_CUES:
            continue
        key = c[3]
        prepositional = key in ("according_to", "as_per")
        if prepositional or key in BARE_SPEECH_CUES or quoted or any(
            ch.dep_ in ("ccomp", "parataxis", "xcomp") for ch in tok.children
        ):
            head = cue_subject(tok, key, in_quote=seg.quoted.at)
            if head is not None and not (prepositional and head.i >= span.end):
                return True, _name(seg, phrase_head(head) if prepositional else head), c[2]
            cue = cue or c[2]
    m = _SOURCE_CUE.search(seg.text, start - seg.offset, end - seg.offset)
    if m:
        after = [t for t in span if t.idx >= m.end()]
        if after:
            return True, _name(seg, phrase_head(after[0])), m.group(1)
        cue = cue or m.group(1)
    return (cue is not None), None, cue
