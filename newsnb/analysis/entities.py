"""Who and what is in the story: spaCy named entities folded into canonical people,
organisations and places.

Method: spaCy's ``PERSON``, ``ORG``, ``GPE``, ``LOC`` and ``FAC`` mentions in the story text
(headline, key points, body; never boilerplate or cross-promoted headlines) are cleaned (leading
"the", possessive "'s", titles such as "President" or "Foreign Minister"), then folded:

* a person named by one word ("Xi", "Lavrov", "President Xi") joins the full name that contains
  that word ("Xi Jinping"); if several full names share it, the nearest full name before the
  mention wins;
* any mention whose cleaned text is such a name part becomes that person, whatever label the
  model gave it (the small model tags "Lavrov's" as an organisation);
* a hyphenated pair of names ("Biden-Xi call") is a compound modifier, not a person;
* places fold common aliases ("US", "U.S.", "America" → "United States");
* an organisation's acronym folds into its full name when the initials match.

Known limits: the small English model misses some entities and mislabels others; people who
share a surname and are referred to only by it are split by nearness, which can be wrong;
nationalities ("Russian") are not places.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .text.lexicon import TITLES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["MENTION_COLUMNS", "ENTITY_COLUMNS", "mentions", "entities", "people"]

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

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_HYPHEN_PAIR = re.compile(r"^([A-Z][\w.]+)[-–]([A-Z][\w.]+)$")


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    label: str
    type: str
    name: str  # cleaned name


def _clean(text: str, etype: str) -> tuple[str, int, int]:
    """Cleaned mention text and how many characters were cut from the left and right."""
    left = 0
    s = text
    m = re.match(r"^(?:the)\s+", s, re.IGNORECASE)
    if m:
        left += m.end()
        s = s[m.end():]
    if etype == "person":
        m = TITLES.match(s)
        if m and m.end() < len(s):
            left += m.end()
            s = s[m.end():]
    right = 0
    m = _POSSESSIVE.search(s)
    if m and len(s) > m.end() - m.start():
        right = len(m.group(0))
        s = s[: m.start()]
    stripped = s.rstrip(" .,;:")
    right += len(s) - len(stripped)
    return stripped, left, right


def _raw_mentions(doc: "Doc") -> list[_Mention]:
    out = []
    for ent in doc.ents:
        etype = TYPES.get(ent.label_)
        if etype is None:
            continue
        name, left, right = _clean(ent.text, etype)
        if not name or not any(c.isalpha() for c in name) or not name[0].isupper() and not name[0].isdigit():
            continue
        out.append(_Mention(ent.start_char + left, ent.end_char - right, name, ent.label_, etype, name))
    return out


def _resolve_people(raw: list[_Mention]) -> dict[int, str]:
    """Index of mention → canonical person name, for mentions that are people."""
    full_names = [m for m in raw if m.type == "person" and len(m.name.split()) >= 2]
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
    all_name_parts = set(part_to_full) | {m.name.lower() for m in raw if m.type == "person"}

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
            if len(candidates) == 1:
                resolved[i] = canon_full[next(iter(candidates))]
            else:
                before = [f for f in full_names if f.name in candidates and f.start < m.start]
                pick = before[-1].name if before else sorted(candidates)[0]
                resolved[i] = canon_full[pick]
        elif m.type == "person":
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
            continue
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

    Columns: ``start``, ``end`` (offsets into the source text), ``text`` (the mention as written,
    title and possessive cut), ``label`` (spaCy label), ``type`` (person | organisation | place),
    ``entity`` (canonical name).
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
