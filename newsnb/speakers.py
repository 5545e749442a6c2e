"""Speaker resolution for :mod:`newsnb.quotes`: a speaker mention → a canonical source.

A :class:`SpeakerResolver` is built once per parsed article. Given the head token of a speaker
mention (the subject of a speech verb, the object of "according to" …) it returns a
:class:`Speaker`: canonical name, type (person | organisation | anonymous | unknown) and the
offsets of the mention as written. Names come from :func:`newsnb.entities.mentions`; titles and
descriptions ("the Chinese president") are tied to the person the article describes with the same
words ("his Chinese counterpart Xi Jinping", "President Xi"); pronouns go to the nearest
compatible earlier speaker or subject; unnamed sources ("officials", "a source familiar with …")
are anonymous and never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from .entities import TITLES, mentions

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = [
    "ANONYMOUS_HEADS",
    "MEDIA_OUTLETS",
    "MEDIA_WORDS",
    "Speaker",
    "SpeakerResolver",
    "doc_text",
    "is_media",
]

#: Head nouns of unnamed sources: a speaker phrase headed by one of these (and naming nobody)
#: is ``anonymous``.
ANONYMOUS_HEADS = frozenset(
    """source official expert analyst aide adviser advisor insider observer critic diplomat
    staffer person people someone somebody witness resident insider confidant associate ally
    supporter opponent lawmaker legislator member officer investigator authority employee worker
    voter participant attendee onlooker bystander economist strategist operative consultant
    spokesman spokeswoman spokesperson representative others many some few several""".split()
)
#: Heads that speak for an organisation named in the same phrase ("a Kremlin spokesman").
SPOKESPERSON_HEADS = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "statement"})

#: Words that mark a phrase as a news outlet ("Russian media outlet Interfax", "state media CCTV").
MEDIA_WORDS = frozenset(
    """media outlet news newspaper paper agency wire broadcaster broadcasting television tv radio
    channel network daily weekly magazine journal tabloid website times post tribune herald gazette
    telegraph guardian press reporter correspondent""".split()
)
#: Widely known news organisations (general knowledge, not derived from any evaluation data).
MEDIA_OUTLETS = frozenset(
    s.lower()
    for s in [
        "Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "Bloomberg", "CNN", "BBC",
        "NPR", "PBS", "ABC", "NBC", "CBS", "MSNBC", "CNBC", "Fox", "Fox News", "Politico", "Axios",
        "The Hill", "Interfax", "TASS", "RIA", "RIA Novosti", "Sputnik", "RT", "Xinhua", "CCTV",
        "CGTN", "Global Times", "People's Daily", "Yonhap", "Kyodo", "NHK", "Al Jazeera", "ANI", "PTI",
        "IANS", "DPA", "EFE", "ANSA", "Sky News", "ITV", "Channel 4", "Le Monde", "Der Spiegel",
        "Haaretz", "Breitbart", "Vox", "Slate", "BuzzFeed", "HuffPost", "Newsweek", "Time",
        "The Atlantic", "The Economist", "Financial Times", "The Guardian", "The Telegraph",
        "The Times", "The New York Times", "The Washington Post", "The Wall Street Journal",
        "New York Times", "Washington Post", "Wall Street Journal", "USA Today", "Los Angeles Times",
        "New York Post", "Daily Mail", "Mirror", "Sun", "Times of India", "Hindustan Times",
    ]
)

PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
PLURAL_PRONOUNS = frozenset({"they", "them"})
NEUTER_PRONOUNS = frozenset({"it"})
FIRST_SECOND = frozenset({"i", "me", "we", "us", "you"})
RELATIVE = frozenset({"who", "which", "that", "whom"})

_MALE = re.compile(
    r"\b(mr|sir|king|prince|lord|congressman|chairman|spokesman|businessman|husband|father|son|"
    r"brother|uncle|grandfather|boyfriend|actor)\b\.?",
    re.I,
)
_FEMALE = re.compile(
    r"\b(mrs|ms|miss|madam|dame|queen|princess|lady|congresswoman|chairwoman|spokeswoman|"
    r"businesswoman|wife|mother|daughter|sister|aunt|grandmother|girlfriend|actress|first lady)\b\.?",
    re.I,
)
_MALE_TITLE = re.compile(r"\b(?:mr|sir|king|prince|lord)\.?\s+$", re.I)
_FEMALE_TITLE = re.compile(r"\b(?:mrs|ms|miss|madam|dame|queen|princess|lady)\.?\s+$", re.I)
_ORG_WORDS = re.compile(
    r"\b(party|committee|department|ministry|campaign|council|agency|commission|office|house|"
    r"university|company|corporation|corp|inc|group|association|union|foundation|institute|court|"
    r"congress|senate|parliament|government|administration|army|police|bank|board|fund)\b",
    re.I,
)
_DESCRIPTOR_POS = {"NOUN", "PROPN", "ADJ"}


@dataclass
class Speaker:
    """A resolved speaker. ``name`` is ``None`` for anonymous and unresolved speakers."""

    name: str | None
    type: str  # person | organisation | anonymous | unknown
    start: int | None
    end: int | None
    text: str | None


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


def doc_text(doc: "Doc") -> str:
    """``doc.text``, computed once per Doc (spaCy rebuilds the string on every access)."""
    text = doc.user_data.get("newsnb_text")
    if text is None:
        text = doc.text
        doc.user_data["newsnb_text"] = text
    return text


def is_media(text: str) -> bool:
    """Does ``text`` (a noun phrase) name a news outlet?"""
    low = re.sub(r"['’]s\b", "", text.lower()).strip()
    low = re.sub(r"^the\s+", "", low)
    if low in MEDIA_OUTLETS or f"the {low}" in MEDIA_OUTLETS:
        return True
    words = set(re.findall(r"[a-z]+", low))
    if words & MEDIA_WORDS:
        return True
    return any(o in MEDIA_OUTLETS for o in _proper_chunks(text))


def _proper_chunks(text: str) -> list[str]:
    return [m.group(0).lower() for m in re.finditer(r"(?:[A-Z][\w'’.&-]*)(?:\s+[A-Z][\w'’.&-]*)*", text)]


class SpeakerResolver:
    """Resolve speaker mentions in one parsed article (see the module docstring)."""

    def __init__(self, doc: "Doc", quote_spans: Iterable[tuple[int, int]] = (), mentions_df=None):
        self.doc = doc
        self.text = doc_text(doc)
        self.quote_spans = sorted(quote_spans)
        df = mentions(doc) if mentions_df is None else mentions_df
        self.ments: list[_Ment] = []
        for r in df.itertuples(index=False):
            self.ments.append(_Ment(int(r.start), int(r.end), r.type, r.entity, self._is_subject(int(r.start), int(r.end))))
        self.ments.sort(key=lambda m: m.start)
        self.descriptors: dict[str, set[str]] = {}
        self.gender: dict[str, str] = {}
        self._learn_descriptions()
        #: speakers already resolved, in text order of their mention: (offset, Speaker)
        self.history: list[tuple[int, Speaker]] = []

    # ---------------------------------------------------------------- article knowledge
    def in_quote(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.quote_spans)

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
            ctx = self.text[max(0, m.start - 25):m.start] + " "
            if _MALE_TITLE.search(ctx) or any(_MALE.fullmatch(w) for w in words):
                self.gender.setdefault(m.entity, "m")
            elif _FEMALE_TITLE.search(ctx) or any(_FEMALE.fullmatch(w) for w in words):
                self.gender.setdefault(m.entity, "f")
        for ent, words in self.descriptors.items():
            for part in ent.lower().split():
                words.discard(part)

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
        if head.pos_ == "PRON" or low in PRONOUN_GENDER or low in PLURAL_PRONOUNS:
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
        if head.pos_ == "PROPN":
            name = self._proper_name(head)
            person = self._person_by_part(name)
            if person:
                return Speaker(person, "person", start, end, text)
            if _ORG_WORDS.search(name) or is_media(name):
                return Speaker(name, "organisation", start, end, text)
            titled = bool(TITLES.match(self.text[start:head.idx + len(head.text)] + " "))
            return Speaker(name, "person" if titled or len(name.split()) >= 2 else "unknown", start, end, text)
        if lemma in ANONYMOUS_HEADS or low in ANONYMOUS_HEADS:
            return Speaker(None, "anonymous", start, end, text)
        person = self._describe(head, start, end)
        if person:
            return Speaker(person, "person", start, end, text)
        org = self._org_by_head(lemma, start)
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
        if _ORG_WORDS.search(name) or is_media(name):
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

    def _describe(self, head: "Token", start: int, end: int) -> str | None:
        """A person the article describes with the words of this phrase."""
        lemma = head.lemma_.lower()
        if head.pos_ != "NOUN" or head.tag_ in ("NNS", "NNPS"):
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

            def ok(ent: str) -> bool:
                return self.gender.get(ent, g) == g

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
            if cands:
                return Speaker(max(cands)[1], "person", s, e, text)
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

    def _window_start(self, offset: int) -> int:
        """Start of the paragraph before the one holding ``offset`` (pronoun search window)."""
        text = self.text
        starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text[:offset])]
        return starts[-2] if len(starts) >= 2 else 0
