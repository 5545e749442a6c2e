"""Who and what is in the story: spaCy named entities folded into canonical people,
organisations and places.

Method: spaCy's ``PERSON``, ``ORG``, ``GPE``, ``LOC`` and ``FAC`` mentions in the story text
(headline, key points, body; never boilerplate or cross-promoted headlines), then:

* **layout** — a line written in capitals (headline, dateline, table heading) is parsed again with
  its case restored (:func:`restore_case`: each word as the story writes it elsewhere, else lower
  case for a stop word, else capitalised; same length, so offsets map one to one); an entity is
  split at line breaks, spaced dashes and slashes;
* **cleaning** — leading "the"; for people, titles, roles and nationalities from complete lists
  (``lexicon.NAME_PREFIXES``: "French President", "Croat", "Defender"); a possessive, trailing
  scores and lowercase words, an unclosed bracket and punctuation — but an abbreviation keeps its
  dot ("U.S."); a single word the story otherwise writes in lower case is dropped;
* **datelines** — "BUCHAREST 1996-08-31", "IRVINE, Calif. …": the names before the date are places;
* **results and teams** — the named parts of a score line, standings row or fixture are teams
  (organisations; countries stay places); a place next to "beat", "defeated", "v" … is a team;
  "Name (Country)" in a results list is a person; a one-word "person" right after "Place, " is a
  region ("Toronto, Ont.");
* **people by evidence** — a name tagged PERSON is a person unless its last word makes it a
  building, place, organisation or event ("Trump Tower" is a place, "Screen Actors Guild" an
  organisation) or the model labels it otherwise more often; photo credits and bylines
  (:func:`is_credit`) and pieces of hyphenated words ("Mar" of "Mar-a-Lago") are not people;
* **folding** — a person named by one word ("Xi", "Lavrov", "President Xi") joins the full name
  that contains that word ("Xi Jinping"); if several full names share it, the nearest full name
  before the mention wins; a mention of that word tagged as an organisation becomes that person
  too (the small model tags "Lavrov's" as an organisation), but one tagged as a place stays a place
  when the word is a place on its own at least twice and more often than a person, unless a
  speech verb follows ("Partizan Belgrade" tagged PERSON does not make every "Belgrade" a person);
  a hyphenated pair of names ("Biden-Xi call") is a compound modifier, not a person; places fold
  common aliases ("US", "U.S.", "America" → "United States"); an organisation's acronym folds into
  its full name when the initials match.

Measured on CoNLL++ dev (216 Reuters documents, ``../shared/eval/ner_eval.py``, all documents):
exact micro F1 0.798 (PER 0.799, ORG 0.695, LOC 0.871); ``tests/analysis/test_entities_eval.py``
gates it at 0.75.

Known limits: the small English model misses some entities and mislabels others, most in tables
and lists (scorecards, line-ups); a club named after a place outside a results line or a team verb
stays a place, and a company the model takes for a person stays a person; an organisation tagged
PERSON whose last word is a place ("Partizan Belgrade") stays a person; people who share a surname
and are referred to only by it are split by nearness, which can be wrong; nationalities
("Russian") are not places; a byline without "By" (a bare name on its own line) stays a person.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .text.lexicon import (
    COUNTRIES, CREDIT_BEFORE, CREDIT_LAST_WORDS, CREDIT_SOURCES, NAME_PREFIXES, ORGANISATION_HEADS, ORGANISATION_WORDS, PLACE_HEADS,
    TITLES, is_media,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["MENTION_COLUMNS", "ENTITY_COLUMNS", "entities", "is_credit", "mentions", "people", "restore_case"]

#: spaCy label → newsnb entity type.
TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}


PLACE_ALIASES = {
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "eu": "European Union",
    "european union": "European Union",
}

MENTION_COLUMNS = ["start", "end", "text", "label", "type", "entity"]
ENTITY_COLUMNS = ["entity", "type", "count", "first_start", "first_end", "surface_forms", "offsets"]

_POSSESSIVE = re.compile(r"(?:['’][sS]|['’])$")
_HYPHEN_PAIR = re.compile(r"^([A-Z][\w.]+)[-–]([A-Z][\w.]+)$")
#: Where one spaCy entity holds several mentions: a line break, a spaced dash ("SOCCER - KLINSMANN",
#: "Romania - Cosmin Contra"), a slash between names ("Mark Smith/Associated Press").
_SPLIT = re.compile(r"\s*[\r\n]+\s*|\s+[-–—]+\s+|\s*/\s*")
#: Trailing numbers, scores and lowercase words ("Durham 4", "G. Kersey 63", "St Johnstone v").
_TRAILING = re.compile(r"(?:\s+(?:[\d][\d.,:/-]*|[a-z][a-z.]*))+$")
#: Abbreviations whose final dot belongs to the name ("U.S.", "U.N.", "S.A.", "Corp.", "Jr.", "Calif.").
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.)+[A-Za-z]|\b(?:Corp|Inc|Co|Cos|Ltd|Bros|Jr|Sr|Plc|Mt|Ft|St|Ala|Ariz|Ark|Calif|Colo|Conn|"
    r"Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|"
    r"Ont|Que|Alta|Sask|Man))$"
)
#: A line written in capitals: at least this share of its letters upper case (and 4+ letters).
CAPS_LINE_SHARE = 0.9


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    label: str
    type: str
    name: str  # cleaned name
    speaks: bool = False  # followed by a speech verb ("Parrington said")


def _clean(text: str, start: int, end: int, etype: str) -> tuple[int, int] | None:
    """Offsets of the name inside ``text[start:end]``: leading "the" and (for people) titles,
    roles and nationalities cut; a trailing possessive, numbers, lowercase words, an unclosed
    bracket and punctuation cut — except the dot of an abbreviation ("U.S."). None when nothing
    of a name is left."""
    s = text[start:end]
    m = re.match(r"^(?:the)\s+", s, re.IGNORECASE)
    if m:
        start, s = start + m.end(), s[m.end():]
    if etype == "person":
        m = NAME_PREFIXES.match(s) or TITLES.match(s)
        if m and m.end() < len(s) and s[m.end()].isupper():
            start, s = start + m.end(), s[m.end():]
    if "(" in s and ")" not in s[s.index("("):]:
        s = s[: s.index("(")]
    if ")" in s and "(" not in s[: s.index(")")]:
        s = s[: s.index(")")]
    while True:
        before = s
        s = s.rstrip(" \t.,;:-–")
        m = _POSSESSIVE.search(s)
        if m and len(s) > len(m.group(0)):
            s = s[: m.start()]
        m = _TRAILING.search(s)
        if m and m.start() > 0:
            s = s[: m.start()]
        if s == before:
            break
    end = start + len(s)
    if _ABBREVIATION.search(s) and text[end:end + 1] == ".":
        end += 1
    name = text[start:end]
    if not name or not any(c.isalpha() for c in name) or not (name[0].isupper() or name[0].isdigit()):
        return None
    return start, end


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` split where one entity holds several mentions (see :data:`_SPLIT`)."""
    out, at = [], start
    for m in _SPLIT.finditer(text, start, end):
        out.append((at, m.start()))
        at = m.end()
    out.append((at, end))
    return [(a, b) for a, b in out if b > a]


def _caps_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines written in capitals (headlines, datelines, table headings)."""
    out, at = [], 0
    for line in text.split("\n"):
        letters = [c for c in line if c.isalpha()]
        if len(letters) >= 4 and sum(c.isupper() for c in letters) >= CAPS_LINE_SHARE * len(letters):
            out.append((at, at + len(line)))
        at += len(line) + 1
    return out


def restore_case(line: str, forms: dict[str, str]) -> str:
    """``line`` (written in capitals) with each capitalised word as the story writes it elsewhere
    (``forms``: lowercase → usual spelling), else lower case for an English stop word, else
    capitalised ("JAPAN GET LUCKY WIN" → "Japan get lucky win" when the story writes "get" and
    "win"). The result has the same length, so offsets carry over one to one."""
    from spacy.lang.en.stop_words import STOP_WORDS

    def word(m: re.Match) -> str:
        w = m.group(0)
        if not w.isupper():
            return w
        low = w.lower()
        new = forms.get(low) or (low if low in STOP_WORDS else w.capitalize())
        return new if len(new) == len(w) else w

    out = re.sub(r"[^\W\d_]+(?:['’][^\W\d_]+)*", word, line)
    first = re.search(r"[^\W\d_]", out)
    if first and out[first.start()].islower():
        out = out[: first.start()] + out[first.start()].upper() + out[first.start() + 1:]
    return out if len(out) == len(line) else line


def _case_forms(doc: "Doc", caps: list[tuple[int, int]]) -> dict[str, str]:
    """lowercase → the story's usual spelling of each word outside capitals lines (a word's
    sentence-initial capital counts only when the story never writes it otherwise)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for tok in doc:
        if not tok.is_alpha or tok.is_upper and len(tok) > 1 or _inside(caps, tok.idx):
            continue
        first = tok.is_sent_start or tok.i == 0 or "\n" in doc[tok.i - 1].whitespace_ + doc[tok.i - 1].text
        counts[tok.lower_][tok.text] += 1 if first else 3
    # ties go to the lower-case spelling (a capital may only mark a sentence's start)
    return {low: max(forms.items(), key=lambda kv: (kv[1], kv[0].islower()))[0] for low, forms in counts.items()}


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    return any(a <= at < b for a, b in spans)


def _entity_spans(doc: "Doc") -> tuple[list[tuple[int, int, str]], dict[str, str]]:
    """(start, end, label) of spaCy's entities — in lines written in capitals, the entities of the
    line parsed again with its case restored — and the story's usual spelling of its words
    (cached on the doc)."""
    cached = doc.user_data.get("newsnb_entity_spans")
    if cached is not None:
        return cached
    text = doc.text
    caps = _caps_lines(text)
    forms = _case_forms(doc, caps)
    spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents if not _inside(caps, e.start_char)]
    if caps:
        from .nlp import model

        lines = [restore_case(text[a:b], forms) for a, b in caps]
        for (a, _), line_doc in zip(caps, model().pipe(lines)):
            spans.extend((a + e.start_char, a + e.end_char, e.label_) for e in line_doc.ents)
    spans.sort()
    doc.user_data["newsnb_entity_spans"] = (spans, forms)
    return spans, forms


#: "Name (Country)": an athlete in a results list ("Anna Kowalski (Poland) beat …").
_NATION_AFTER = re.compile(
    r"\s*\((?:" + "|".join(re.escape(c) for c in sorted(COUNTRIES, key=len, reverse=True)) + r"|[A-Z]{3})\)"
)


_NAME_WORD = r"[A-Z][\w'’.&]*(?:-[A-Z]?[\w'’.&]+)*"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|of|de|del|la|le|van|von|der|da|do|and))*?(?:\s+{_NAME_WORD})?"
#: Lines of sports results and tables, whose named parts are teams: a score line ("Hull 2 Leeds
#: 1 (halftime 1-0)"), a standings row ("Hull 4 2 2 0 4 2 8", "Texas 76 58 .567 -") and a fixture
#: ("Walsall v Wrexham", "Kansas City at Detroit").
_RESULT_ROWS = [
    re.compile(rf"^(?P<a>{_NAME})(?:\s+\([A-Z]\))?\s+\d+\s+(?P<b>{_NAME})(?:\s+\([A-Z]\))?\s+\d+(?:\s*\(.*\))?\s*\.?$"),
    re.compile(rf"^(?P<a>{_NAME})(?:\s+\([A-Z]\))?(?:\s+(?:\d+|\d*\.\d+|-|\d+\s+\d/\d)){{3,}}\s*$"),
    re.compile(rf"^(?P<a>{_NAME})\s+(?:v|vs\.?|at)\s+(?P<b>{_NAME})\s*\.?$"),
]


#: A dateline: a line naming the place a story was filed from, then its date ("BUCHAREST
#: 1996-08-31", "IRVINE, Calif. 2024-05-01", "KHASAVYURT, Russia Aug 30").
_DATELINE = re.compile(
    r"^(?P<a>[A-Z][A-Za-z.'’ -]*?[A-Za-z.])(?:,\s+(?P<b>[A-Z][A-Za-z.'’ -]*?[A-Za-z.]))?\s+"
    r"(?:\d{4}-\d{2}-\d{2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s+\d{4})?)\s*$"
)


def _result_rows(view: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """(line start, line end, named parts, "team" | "place") of each results line of ``view`` (see
    :data:`_RESULT_ROWS`) and each dateline (:data:`_DATELINE`)."""
    out, at = [], 0
    for line in view.split("\n"):
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        for rx in _RESULT_ROWS:
            m = rx.match(stripped)
            if m:
                names = [(at + lead + m.start(g), at + lead + m.end(g)) for g in ("a", "b") if g in rx.groupindex and m.group(g)]
                out.append((at, at + len(line), names, "team"))
                break
        else:
            m = _DATELINE.match(stripped)
            if m:
                names = [(at + lead + m.start(g), at + lead + m.end(g)) for g in ("a", "b") if m.group(g)]
                out.append((at, at + len(line), names, "place"))
        at += len(line) + 1
    return out


#: "/ Source" right after a name, up to the end of the line or a closing bracket.
_SLASH_SOURCE = re.compile(r"\s*/\s*([A-Z][^\n/()]{0,40}?)\s*(?:$|[)\]\n]|[.,;]\s)", re.MULTILINE)


def is_credit(text: str, start: int, end: int) -> bool:
    """Is the name at ``text[start:end]`` a photo credit or a byline — page furniture, not a
    person in the story? "Credit: Jane Doe", "Photo by Jane Doe", "Jane Doe / Toronto Star",
    "Jane Doe/Getty Images", a short line "By Jane Doe"."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(line_start, start - 40):start]
    if CREDIT_BEFORE.search(before):
        return True
    m = _SLASH_SOURCE.match(text, end)
    if m:
        source = m.group(1).strip()
        low = source.lower()
        if low in CREDIT_SOURCES or is_media(source) or low.split()[-1] in CREDIT_LAST_WORDS:
            return True
    line = text[line_start:line_end]
    return bool(re.match(r"\s*by\s+$", text[line_start:start], re.IGNORECASE)) and len(line.split()) <= 10


#: A speech verb right after a name: the name is someone's ("Parrington said").
_SPEECH_AFTER = re.compile(r",?\s+(?:said|says|told|tells|added|adds|explained|wrote|writes|argued|noted|asked|insisted|replied)\b")

#: Verbs and words that make the place next to them a team ("Leicestershire beat Somerset").
_TEAM_BEFORE = re.compile(r"\b(?:beat|beats|defeated|edged|routed|thrashed|downed|drew with|lost to|beaten by|v|vs)\.?\s+$")
_TEAM_AFTER = re.compile(r"^\s+(?:beat|beats|defeated|edged|routed|thrashed|downed|drew|lost to|v|vs)\b")


def _raw_mentions(doc: "Doc") -> list[_Mention]:
    text = doc.text
    spans, forms = _entity_spans(doc)
    out = []
    for start, end, label in spans:
        etype = TYPES.get(label)
        if etype is None:
            continue
        if etype == "person" and (text[end:end + 1] == "-" or text[start - 1:start] == "-" and start > 0):
            continue  # a piece of a hyphenated word ("Mar" of "Mar-a-Lago")
        for a, b in _pieces(text, start, end):
            cut = _clean(text, a, b, etype)
            if cut is None:
                continue
            name = text[cut[0]:cut[1]]
            words = name.split()
            if etype == "person" and is_credit(text, cut[0], cut[1]):
                continue  # page furniture: a photo credit or byline
            if len(words) == 1 and forms.get(name.lower(), name)[:1].islower():
                continue  # a word the story writes in lower case ("Soccer -", "Men's 400 metres")
            kind = etype
            if len(words) >= 2 and all(w[:1].isupper() for w in words) and _NATION_AFTER.match(text, cut[1]):
                kind = "person"  # "Claudia Mues (Germany) 18.80"
            elif kind == "place" and name not in COUNTRIES and (
                _TEAM_BEFORE.search(text, max(0, cut[0] - 20), cut[0]) or _TEAM_AFTER.match(text[cut[1]:cut[1] + 20])
            ):
                kind = "organisation"  # a team named after its place ("Leicestershire beat Somerset")
            speaks = bool(_SPEECH_AFTER.match(text, cut[1]))
            if kind == "person" and len(words) == 1 and out and out[-1].type == "place" and not speaks \
                    and re.fullmatch(r",\s*", text[out[-1].end:cut[0]]):
                kind = "place"  # "Toronto, Ont.", "Irvine, Calif.": the region after a place
            out.append(_Mention(cut[0], cut[1], name, label, kind, name, speaks))
    return _with_result_rows(doc, out)


def _with_result_rows(doc: "Doc", out: list[_Mention]) -> list[_Mention]:
    """Mentions with the named parts of results lines as teams (places if a country) and the
    places of datelines, in place of what the model found in those lines."""
    text = doc.text
    caps = _caps_lines(text)
    if caps:
        _, forms = _entity_spans(doc)
        view = list(text)
        for a, b in caps:
            view[a:b] = restore_case(text[a:b], forms)
        view = "".join(view)
    else:
        view = text
    rows = _result_rows(view)
    if not rows:
        return out
    kept = [m for m in out if not _inside([(a, b) for a, b, _, _ in rows], m.start)]
    by_span = {(m.start, m.end): m for m in out}
    for _, _, names, what in rows:
        for a, b in names:
            cut = _clean(text, a, b, "organisation")
            if cut is None:
                continue
            name = text[cut[0]:cut[1]]
            known = by_span.get(cut)
            if known is not None and known.type == "person" and what == "team":
                kept.append(known)
                continue
            if what == "place" or name in COUNTRIES or name.title() in COUNTRIES:
                label, kind = "GPE", "place"
            else:
                label, kind = "ORG", "organisation"
            kept.append(_Mention(cut[0], cut[1], name, known.label if known else label, kind, name))
    kept.sort(key=lambda m: (m.start, m.end))
    return kept


def _is_person_name(name: str, votes: dict[str, list[int]]) -> bool:
    """Is a name tagged PERSON a person by evidence? Not when its last word is a building's or
    place's head ("Trump Tower") or it holds an organisation's word ("Trump Organization"), not
    when the model tags it otherwise more often than as a person."""
    words = name.split()
    last = words[-1].lower()
    if len(words) >= 2 and (last in PLACE_HEADS or last in ORGANISATION_HEADS or ORGANISATION_WORDS.search(name)):
        return False
    person, other = votes.get(name, [0, 0])
    return person >= other


def _resolve_people(raw: list[_Mention]) -> dict[int, str]:
    """Index of mention → canonical person name, for mentions that are people."""
    votes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for m in raw:
        votes[m.name][0 if m.type == "person" else 1] += 1
    persons = {m.name for m in raw if m.type == "person" and _is_person_name(m.name, votes)}
    full_names = [m for m in raw if m.name in persons and len(m.name.split()) >= 2]
    part_to_full: dict[str, set[str]] = defaultdict(set)
    for m in full_names:
        for part in m.name.split():
            if len(part) > 1 and not part.endswith("."):
                part_to_full[part.lower()].add(m.name)
    # Longer full names absorb shorter ones that they contain ("Joe Biden" ← "Biden Jr"? no; "Xi Jinping").
    canon_full: dict[str, str] = {}
    for name in sorted({m.name for m in full_names}, key=lambda n: -len(n)):
        target = next((c for c in canon_full.values() if f" {name} " in f" {c} "), name)
        canon_full[name] = target
    all_name_parts = set(part_to_full) | {n.lower() for n in persons}
    # A word the model tags as a place on its own twice or more, and more often than as a person,
    # stays a place (unless that mention speaks: "Parrington said"): one wrong PERSON ("Partizan
    # Belgrade") does not make every "Belgrade" a person.
    alone: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for m in raw:
        if len(m.name.split()) == 1 and m.type in ("person", "place"):
            alone[m.name.lower()][0 if m.type == "person" else 1] += 1

    resolved: dict[int, str] = {}
    for i, m in enumerate(raw):
        hyphen = _HYPHEN_PAIR.match(m.name)
        if hyphen and all(p.lower() in all_name_parts for p in hyphen.groups()):
            continue  # "Biden-Xi call": a compound of two names, not a person
        if m.name in canon_full:
            resolved[i] = canon_full[m.name]
            continue
        candidates = part_to_full.get(m.name.lower())
        if candidates and len(m.name.split()) == 1:
            person_votes, place_votes = alone[m.name.lower()]
            if m.type == "place" and place_votes >= 2 and place_votes > person_votes and not m.speaks:
                continue
            if len(candidates) == 1:
                resolved[i] = canon_full[next(iter(candidates))]
            else:
                before = [f for f in full_names if f.name in candidates and f.start < m.start]
                pick = before[-1].name if before else sorted(candidates)[0]
                resolved[i] = canon_full[pick]
        elif m.type == "person" and m.name in persons:
            if hyphen:
                continue
            resolved[i] = m.name
    return resolved


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _mention_rows(doc: "Doc") -> list[dict]:
    raw = _raw_mentions(doc)
    people_map = _resolve_people(raw)
    org_names = {m.name for m in raw if m.type == "organisation" and len(m.name.split()) >= 2}
    text = doc.text  # spaCy rebuilds this string on every access
    rows = []
    for i, m in enumerate(raw):
        if i in people_map:
            etype, entity = "person", people_map[i]
        elif m.type == "person":
            if len(m.name.split()) < 2:
                continue
            # a PERSON that is not a person by evidence: a building or place ("Trump Tower"), else
            # an organisation named after a place ("Partizan Belgrade")
            etype = "place" if m.name.split()[-1].lower() in PLACE_HEADS else "organisation"
            entity = m.name
        elif m.type == "place":
            etype, entity = "place", PLACE_ALIASES.get(m.name.lower(), m.name)
        else:
            etype = "organisation"
            entity = next(
                (o for o in sorted(org_names) if m.name.isupper() and len(m.name) >= 2 and _initials(o) == m.name),
                m.name,
            )
            if entity.lower() in PLACE_ALIASES:  # "the EU" tagged as ORG
                entity = PLACE_ALIASES[entity.lower()]
        rows.append(
            {"start": m.start, "end": m.end, "text": text[m.start:m.end], "label": m.label, "type": etype, "entity": entity}
        )
    return rows


def mentions(doc: "Doc") -> pd.DataFrame:
    """Every entity mention in the story, one row each.

    Columns: ``start``, ``end`` (offsets into the source text), ``text`` (the mention as written:
    "the", titles, roles, nationalities, a possessive and trailing scores cut; never a line break
    inside), ``label`` (spaCy's label — from the case-restored line for a line in capitals; ``ORG``
    or ``GPE`` for a team or place a results line or dateline names and the model missed),
    ``type`` (person | organisation | place), ``entity`` (canonical name).
    """
    return pd.DataFrame(_mention_rows(doc), columns=MENTION_COLUMNS)


def entities(doc: "Doc") -> pd.DataFrame:
    """Canonical people, organisations and places, most mentioned first.

    Columns: ``entity`` (canonical name), ``type`` (person | organisation | place), ``count``
    (mentions), ``first_start``/``first_end`` (first mention), ``surface_forms`` (distinct
    spellings, in order of appearance), ``offsets`` (``[start, end]`` of every mention).
    """
    rows = _mention_rows(doc)
    grouped: dict[tuple[str, str], dict] = {}
    for r in rows:
        key = (r["entity"], r["type"])
        g = grouped.setdefault(
            key,
            {"entity": r["entity"], "type": r["type"], "count": 0, "first_start": r["start"], "first_end": r["end"],
             "surface_forms": [], "offsets": []},
        )
        g["count"] += 1
        g["offsets"].append([r["start"], r["end"]])
        if r["text"] not in g["surface_forms"]:
            g["surface_forms"].append(r["text"])
    df = pd.DataFrame(list(grouped.values()), columns=ENTITY_COLUMNS)
    if df.empty:
        return df
    return df.sort_values(["count", "first_start"], ascending=[False, True], kind="stable").reset_index(drop=True)


def people(doc: "Doc") -> list[str]:
    """Canonical names of the people in the story, in order of first mention."""
    df = entities(doc)
    return list(df[df["type"] == "person"].sort_values("first_start")["entity"])
