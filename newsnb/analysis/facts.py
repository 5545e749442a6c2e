"""Facts to check: the numbers, dates and checkable claims in an article.

Methods:

* :func:`numbers` — regular expressions find numerals with currency symbols, codes or words,
  scale words (million, bn, crore …) and per-cent signs; spaCy finds spelled-out numbers
  ("two hundred"), ordinals and the noun a number counts ("4 US soldiers" → ``soldiers``).
  A money amount followed by a bracketed amount in another currency ("5 million yuan
  ($786,000)") is a conversion: both sit in one row, with the implied exchange rate. Numbers
  inside date and time expressions are left to :func:`dates`.
* :func:`dates` — patterns for absolute dates, weekdays, relative expressions, durations and
  times, plus spaCy DATE/TIME entities the patterns miss, resolved against the article date.
* :func:`claims` — body sentences holding a number, a date, or a named entity with a main verb.
  A claim is attributed when it overlaps a quote or carries a reporting cue (said, told,
  according to …); unattributed claims with numbers or dates are checked first.

Promo lines ("Also read | …") are parsed on their own; their rows carry ``in_promo=True`` so
they stay apart from the story's own facts. Every row keeps ``start``/``end`` offsets into
``article.text`` (``article.text[start:end] == text``).

Known limits: a bare ``$`` is read as US dollars, ``¥`` as yen, ``pounds`` as sterling and
``m`` after a number as million. Weekdays and dates without a year are taken as the most
recent one on or before the article date unless their verb is future (will, shall, would).
Expressions tied to another event ("a day after"), vague ones ("recently") and numeric dates
with an ambiguous day/month order ("03/04/2022") are found but not resolved. Attribution uses the shared cue lexicon and speaker resolution
(:func:`newsnb.analysis.speakers.attribution`), and a claim inside a quotation or reported
statement takes that item's speaker. English only.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

import pandas as pd

from . import nlp
from ..core.frames import frame
from .speakers import attribution
from .text.segments import Segment, locate, segments
from .text.tokens import phrase_head

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from ..input.article import Article

__all__ = [
    "CLAIM_COLUMNS",
    "DATE_COLUMNS",
    "NUMBER_COLUMNS",
    "claims",
    "dates",
    "facts",
    "numbers",
    "words_to_number",
]

#: Columns of :func:`numbers`.
NUMBER_COLUMNS = [
    "start", "end", "text", "kind", "value", "unit",
    "converted_text", "converted_value", "converted_unit", "converted_start", "converted_end",
    "implied_rate", "rate_note",
    "sentence_start", "sentence_end", "context", "part", "paragraph", "in_promo",
]
#: Columns of :func:`dates`.
DATE_COLUMNS = [
    "start", "end", "text", "kind", "resolved", "resolution",
    "sentence_start", "sentence_end", "part", "paragraph", "in_promo",
]
#: Columns of :func:`claims`.
CLAIM_COLUMNS = [
    "start", "end", "text", "part", "paragraph", "attributed", "attributed_to", "cue",
    "has_number", "has_date", "entities", "check_priority", "reason",
]

_INT_COLS = {"start": "int64", "end": "int64"}

# ---------------------------------------------------------------------------------------------
# Number words


_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_MULT = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
         "trillion": 1_000_000_000_000, "lakh": 100_000, "crore": 10_000_000}
_NUMBER_WORDS = set(_SMALL) | set(_MULT) | {"dozen"}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "millionth": 1_000_000,
}


def words_to_number(words: list[str]) -> float | None:
    """``["two", "hundred", "and", "five"]`` → 205.0; None if a word is not a number word."""
    total, current, seen = 0.0, 0.0, False
    for w in (w.lower() for w in words):
        if w in ("and", "-", "a"):
            continue
        if w in _SMALL:
            current += _SMALL[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _MULT:
            total += (current or 1) * _MULT[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


# ---------------------------------------------------------------------------------------------
# Numbers

_S = r"[^\S\r\n]+"  # whitespace that never crosses a line
_S0 = r"[^\S\r\n]?"

#: Currency symbols and prefixes → ISO 4217 code (a bare ``$`` is read as USD).
CURRENCY_SYMBOLS = {
    "US$": "USD", "U.S.$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
    "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "R$": "BRL", "$": "USD", "€": "EUR", "£": "GBP",
    "¥": "JPY", "₹": "INR", "Rs.": "INR", "Rs": "INR", "₽": "RUB", "₩": "KRW", "₺": "TRY",
    "₴": "UAH", "₪": "ILS", "₦": "NGN",
}
#: Currency codes accepted before or after an amount (RMB is read as CNY).
CURRENCY_CODES = {c: c for c in (
    "USD EUR GBP CNY JPY INR RUB AUD CAD CHF HKD SGD NZD KRW UAH TRY BRL ZAR MXN SEK NOK DKK "
    "PLN ILS NGN PKR BDT AED SAR"
).split()} | {"RMB": "CNY"}
#: Currency names after an amount → code.
CURRENCY_WORDS = {
    "yuan": "CNY", "renminbi": "CNY", "dollar": "USD", "dollars": "USD", "euro": "EUR",
    "euros": "EUR", "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "rupee": "INR",
    "rupees": "INR", "yen": "JPY", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rubles": "RUB", "hryvnia": "UAH", "hryvnias": "UAH", "won": "KRW",
    "lira": "TRY", "rand": "ZAR", "franc": "CHF", "francs": "CHF", "shekel": "ILS",
    "shekels": "ILS", "naira": "NGN", "ringgit": "MYR", "baht": "THB", "rupiah": "IDR",
    "dirham": "AED", "dirhams": "AED", "riyal": "SAR", "riyals": "SAR", "taka": "BDT",
}
_DOLLAR_QUALIFIERS = {
    "us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD",
    "hong kong": "HKD", "singapore": "SGD", "new zealand": "NZD", "taiwan": "TWD", "taiwanese": "TWD",
}
_SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5, "lakhs": 1e5,
    "crore": 1e7, "crores": 1e7, "bn": 1e9, "mn": 1e6, "mln": 1e6, "m": 1e6, "tn": 1e12,
    "trn": 1e12, "k": 1e3, "b": 1e9,
}
#: Nouns after a number that make it a measured ``quantity`` rather than a ``count``.
MEASURE_UNITS = frozenset(
    "km kms kilometre kilometres kilometer kilometers mile miles metre metres meter meters cm mm "
    "foot feet inch inches kg kgs kilogram kilograms gram grams tonne tonnes ton tons litre "
    "litres liter liters gallon gallons barrel barrels hectare hectares acre acres degree degrees "
    "mph kmh knots mw gw kw kwh megawatts gigawatts calories lb lbs".split()
)
#: Nouns after a number that make it a date-like duration (left to :func:`dates`).
TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks fortnight fortnights month "
    "months year years decade decades century centuries".split()
)

_SYM_RE = "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
_CODE_RE = "|".join(sorted(CURRENCY_CODES, key=len, reverse=True))
_QUAL_RE = "|".join(re.escape(q) for q in sorted(_DOLLAR_QUALIFIERS, key=len, reverse=True))
_CWORD_RE = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))
NUMERAL = re.compile(
    rf"(?<![\w.,:/])"
    rf"(?:(?P<sym>{_SYM_RE}){_S0}|(?P<code>{_CODE_RE}){_S})?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]\d)"
    rf"(?:{_S0}(?P<scale>(?i:thousand|million|billion|trillion|lakhs?|crores?))\b"
    rf"|(?P<abbr>bn|mn|mln|tn|trn|m|k|b)\b)?"
    rf"(?:{_S0}(?P<pct>%|(?i:per{_S0}cent|percent|percentage{_S}points?)\b)"
    rf"|{_S}(?:(?P<qual>(?i:{_QUAL_RE})){_S})?(?P<cword>(?i:{_CWORD_RE}))\b"
    rf"|{_S}(?P<code2>{_CODE_RE})\b)?"
)
_ORDINAL_NUMERAL = re.compile(r"(?<![\w.,])(?P<num>\d+)(?P<suffix>st|nd|rd|th)\b", re.IGNORECASE)
_CONVERSION = re.compile(
    rf"{_S0}[(\[]{_S0}(?:(?i:about|around|approximately|approx\.?|roughly|nearly|almost|some|"
    rf"over|more{_S}than|equivalent{_S}to|or|c\.|circa|~))?{_S0}"
)
_AGE = re.compile(
    rf"(?<![\w.,])(?P<num>\d{{1,3}}|(?i:[a-z]+(?:-[a-z]+)?))(?:-|{_S})(?i:years?)(?:-|{_S})(?i:old)\b"
)
_VAGUE = re.compile(
    rf"\b(?P<q>(?i:tens{_S}of{_S}thousands|hundreds{_S}of{_S}thousands|dozens|scores|hundreds|"
    rf"thousands|millions|billions)){_S}of\b"
)


@dataclass
class _Num:
    start: int  # absolute
    end: int
    kind: str
    value: float | None
    unit: str | None
    currency_marked: bool = False
    conv: tuple[int, int, float, str] | None = None  # start, end, value, unit


def _currency(m: re.Match) -> str | None:
    if m.group("sym"):
        return CURRENCY_SYMBOLS[m.group("sym")]
    if m.group("code"):
        return CURRENCY_CODES[m.group("code")]
    if m.group("code2"):
        return CURRENCY_CODES[m.group("code2")]
    if m.group("cword"):
        word = m.group("cword").lower()
        if word.startswith("dollar") and m.group("qual"):
            return _DOLLAR_QUALIFIERS[m.group("qual").lower()]
        return CURRENCY_WORDS[word]
    return None


def _numeral_value(m: re.Match) -> float:
    value = float(m.group("num").replace(",", ""))
    scale = m.group("scale") or m.group("abbr")
    return value * _SCALES[scale.lower()] if scale else value


def _numeral_ok(m: re.Match, text: str) -> bool:
    """Reject numerals glued to words (COVID-19, 1990s, 5G) and k/b scales without a currency."""
    if m.start() >= 2 and text[m.start() - 1] == "-" and text[m.start() - 2].isalpha():
        return False
    if m.group("abbr") in ("k", "b") and not (m.group("sym") or m.group("code")):
        return False
    nxt = text[m.end() : m.end() + 1]
    return not (nxt.isalnum() or nxt == "_")


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _counted_noun(tok: "Token") -> "Token | None":
    """The noun a number token counts: "4 US soldiers" → soldiers, "12 of the members" → members."""
    doc, h = tok.doc, tok
    while h.dep_ in ("compound", "quantmod", "nummod") and h.head.pos_ == "NUM" and h.head.i > h.i:
        h = h.head
    modifier = h.dep_ in ("nummod", "amod", "quantmod", "compound", "nmod")
    if modifier and h.head.pos_ in ("NOUN", "PROPN") and h.head.i > h.i:
        return h.head
    for c in h.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN"):
                    return g
    j = h.i + 1
    while j < len(doc) and j <= h.i + 3:
        t = doc[j]
        if t.pos_ == "NOUN" and not (j + 1 < len(doc) and doc[j + 1].pos_ == "NOUN"):
            return t
        if t.pos_ not in ("ADJ", "PROPN", "NOUN"):
            break
        j += 1
    return None


def _classify(seg: Segment, start: int, end: int) -> tuple[str, str | None]:
    """kind and unit of a plain number from the noun it counts (kind ``date-like`` to drop)."""
    span = seg.span(start, end)
    if span is None or not len(span):
        return "number", None
    noun = _counted_noun(span[-1])
    if noun is None or noun.i < span[-1].i:
        return "number", None
    word = noun.text
    if word.lower() in TIME_UNITS:
        return "date-like", word
    if word.lower() in MEASURE_UNITS:
        return "quantity", word
    if word.lower() in CURRENCY_WORDS:
        return "money", CURRENCY_WORDS[word.lower()]
    return "count", word


def _date_like_spans(seg: Segment) -> list[tuple[int, int]]:
    spans = [(c.start, c.end) for c in _date_candidates(seg)]
    spans += [
        (e.start_char + seg.offset, e.end_char + seg.offset) for e in seg.doc.ents if e.label_ in ("DATE", "TIME")
    ]
    return spans


_Spans = list[tuple[int, int]]
_PCT_AFTER = re.compile(rf"{_S0}(%|(?i:per{_S0}cent|percent)\b)")
_CWORD_AFTER = re.compile(rf"{_S}(?:(?P<qual>(?i:{_QUAL_RE})){_S})?(?P<cword>(?i:{_CWORD_RE}))\b")


def _ages(seg: Segment, dates_: _Spans, taken: _Spans) -> Iterator[_Num]:
    """"a 19-year-old", "five years old" (spaCy calls these dates)."""
    for m in _AGE.finditer(seg.text):
        value = words_to_number(m["num"].split("-")) if m["num"][0].isalpha() else float(m["num"])
        if value is not None:
            taken.append((m.start() + seg.offset, m.end() + seg.offset))
            yield _Num(m.start() + seg.offset, m.end() + seg.offset, "quantity", value, "years old")


def _numerals(seg: Segment, dates_: _Spans, taken: _Spans) -> Iterator[_Num]:
    """Digits with currency, scale and per-cent marks; a bracketed other currency is a conversion."""
    text, off = seg.text, seg.offset
    consumed: set[int] = set()
    for m in NUMERAL.finditer(text):
        s, e = m.start() + off, m.end() + off
        if m.start() in consumed or not _numeral_ok(m, text) or _overlaps(s, e, taken):
            continue
        cur, pct = _currency(m), m.group("pct")
        if not cur and not pct and _overlaps(s, e, dates_):
            continue
        taken.append((s, e))
        if cur:
            num = _Num(s, e, "money", _numeral_value(m), cur, True)
            c = _CONVERSION.match(text, m.end())
            m2 = NUMERAL.match(text, c.end()) if c else None
            cur2 = _currency(m2) if m2 and _numeral_ok(m2, text) else None
            if cur2 and cur2 != cur and re.match(rf"{_S0}[)\]]", text[m2.end() : m2.end() + 3]):
                num.conv = (m2.start() + off, m2.end() + off, _numeral_value(m2), cur2)
                consumed.add(m2.start())
                taken.append((m2.start() + off, m2.end() + off))
            yield num
        elif pct:
            unit = "percentage points" if pct.lower().startswith("percentage") else "%"
            yield _Num(s, e, "percent", _numeral_value(m), unit, True)
        else:
            kind, unit = _classify(seg, s, e)
            if kind != "date-like":
                yield _Num(s, e, kind, _numeral_value(m), unit)


def _ordinal_numerals(seg: Segment, dates_: _Spans, taken: _Spans) -> Iterator[_Num]:
    """"3rd", "21st" (not inside dates such as "24th February")."""
    for m in _ORDINAL_NUMERAL.finditer(seg.text):
        s, e = m.start() + seg.offset, m.end() + seg.offset
        if _overlaps(s, e, dates_ + taken):
            continue
        taken.append((s, e))
        tok = seg.token_at(s)
        noun = tok.head if tok is not None and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i else None
        yield _Num(s, e, "ordinal", float(m.group("num")), noun.text if noun is not None else None)


def _vague_amounts(seg: Segment, dates_: _Spans, taken: _Spans) -> Iterator[_Num]:
    """"thousands of people", "millions of dollars": value unknown (NaN)."""
    doc = seg.doc
    for m in _VAGUE.finditer(seg.text):
        s, e = m.start("q") + seg.offset, m.end("q") + seg.offset
        if _overlaps(s, e, taken):
            continue
        taken.append((s, e))
        span, noun = seg.span(s, e), None
        if span is not None and span[-1].i + 1 < len(doc):
            of = span[-1].nbor(1)
            noun = next((g for g in of.children if g.dep_ == "pobj"), None)
            if noun is None and of.i + 1 < len(doc):
                noun = phrase_head(of.nbor(1))
        word = noun.text.lower() if noun is not None else ""
        if word in CURRENCY_WORDS:
            yield _Num(s, e, "money", None, CURRENCY_WORDS[word], True)
        elif word not in TIME_UNITS:
            yield _Num(s, e, "count", None, noun.text if noun is not None else None)


def _spelled_numbers(seg: Segment, dates_: _Spans, taken: _Spans) -> Iterator[_Num]:
    """Spelled-out cardinals ("two hundred") and ordinals ("the first such package")."""
    doc, off = seg.doc, seg.offset
    i = 0
    while i < len(doc):
        tok = doc[i]
        low = tok.lower_
        if _overlaps(tok.idx + off, tok.idx + len(tok.text) + off, taken) or (low == "one" and _pronoun_one(tok)):
            i += 1
            continue
        if low in _ORDINALS and tok.pos_ != "ADV" and (tok.pos_ == "ADJ" or tok.ent_type_ == "ORDINAL"):
            first = i - 2 if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in _SMALL else i  # twenty-first
            s, e = doc[first].idx + off, tok.idx + len(tok.text) + off
            if not _overlaps(s, e, dates_):
                value = _ORDINALS[low] + (_SMALL[doc[first].lower_] if first != i else 0)
                noun = tok.head if tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN") else None
                taken.append((s, e))
                yield _Num(s, e, "ordinal", float(value), noun.text if noun is not None else None)
            i += 1
            continue
        if not (low in _NUMBER_WORDS and tok.is_alpha and (tok.pos_ == "NUM" or tok.ent_type_ == "CARDINAL")):
            i += 1
            continue
        j = i  # extend over "two hundred and five", "twenty-five"
        while j + 1 < len(doc):
            nxt = doc[j + 1]
            if nxt.lower_ in _NUMBER_WORDS and nxt.is_alpha:
                j += 1
            elif nxt.text in ("-", "and") and j + 2 < len(doc) and doc[j + 2].lower_ in _NUMBER_WORDS:
                if nxt.text == "-" and (nxt.whitespace_ or doc[j].whitespace_):
                    break
                j += 2
            else:
                break
        if j + 2 < len(doc) and doc[j + 1].text == "-" and doc[j + 2].lower_ in _ORDINALS:
            i = j + 1  # "twenty-first": the ordinal branch takes it
            continue
        s, e = doc[i].idx + off, doc[j].idx + len(doc[j].text) + off
        value = words_to_number([t.text for t in doc[i : j + 1]])
        i = j + 1
        if value is None or _overlaps(s, e, dates_):
            continue
        pm, cm = _PCT_AFTER.match(seg.text, e - off), _CWORD_AFTER.match(seg.text, e - off)
        if pm:
            num = _Num(s, pm.end() + off, "percent", value, "%", True)
        elif cm:
            word = cm.group("cword").lower()
            cur = CURRENCY_WORDS[word]
            if word.startswith("dollar") and cm.group("qual"):
                cur = _DOLLAR_QUALIFIERS[cm.group("qual").lower()]
            num = _Num(s, cm.end() + off, "money", value, cur, True)
        else:
            kind, unit = _classify(seg, s, e)
            if kind == "date-like":
                continue
            num = _Num(s, e, kind, value, unit)
        taken.append((num.start, num.end))
        yield num


def _find_numbers(seg: Segment) -> Iterator[_Num]:
    """All numbers in a segment; each finder skips what an earlier one (or a date) took."""
    dates_ = _date_like_spans(seg)
    taken: _Spans = []
    for finder in (_ages, _numerals, _ordinal_numerals, _vague_amounts, _spelled_numbers):
        yield from finder(seg, dates_, taken)


_ONE_AS_PRONOUN_BEFORE = {"which", "the", "this", "that", "each", "any", "every", "no", "some", "another", "-"}


def _pronoun_one(tok: "Token") -> bool:
    """"which one", "no-one", "one another": ``one`` as a pronoun, not a number."""
    doc = tok.doc
    before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    after = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
    return before in _ONE_AS_PRONOUN_BEFORE or after == "another"


def _rate_note(rate: float, to_unit: str, from_unit: str) -> str:
    return f"{rate:.4g} {to_unit} per {from_unit}"


def numbers(article: "Article", *, doc: "Doc | None" = None) -> pd.DataFrame:
    """Every number in the story and in promo lines, with its context.

    Columns:

    ``start``, ``end``, ``text``
        offsets into ``article.text`` and the number as written ("5 million yuan").
    ``kind``
        ``money``, ``percent``, ``count`` (a number of people or things: "4 US soldiers"),
        ``quantity`` (a measurement: "50 km", an age: "19-year-old"), ``ordinal`` ("the first such package") or
        ``number``. Numbers in dates, times and durations are not listed (see :func:`dates`).
    ``value``
        the number as a float, scale words applied ("5 million" → 5e6); NaN when vague
        ("thousands of people").
    ``unit``
        ISO currency code for money (CNY, USD …), ``%`` or ``percentage points`` for percent,
        the counted noun for counts/ordinals/quantities ("soldiers"), else None.
    ``converted_text``, ``converted_value``, ``converted_unit``, ``converted_start``, ``converted_end``
        a bracketed conversion into another currency ("($786,000)"), else None/NaN.
    ``implied_rate``, ``rate_note``
        converted_value / value and its reading ("0.1572 USD per CNY").
    ``sentence_start``, ``sentence_end``, ``context``
        the sentence the number sits in and its text.
    ``part``, ``paragraph``
        the part kind (headline, key_point, paragraph, promo) and body paragraph index (<NA>
        outside body paragraphs).
    ``in_promo``
        True for numbers in cross-promotion lines (another story's headline).
    """
    return _numbers(article, segments(article, doc))


def _numbers(article: "Article", segs: list[Segment]) -> pd.DataFrame:
    rows = []
    for seg in segs:
        for n in _find_numbers(seg):
            ss, se = seg.sentence(n.start)
            part, para = locate(article, n.start, seg.in_promo)
            row: dict[str, Any] = {
                "start": n.start, "end": n.end, "text": article.text[n.start : n.end],
                "kind": n.kind, "value": n.value, "unit": n.unit,
                "converted_text": None, "converted_value": None, "converted_unit": None,
                "converted_start": None, "converted_end": None, "implied_rate": None, "rate_note": None,
                "sentence_start": ss, "sentence_end": se, "context": article.text[ss:se],
                "part": part, "paragraph": para, "in_promo": seg.in_promo,
            }
            if n.conv:
                cs, ce, cv, cu = n.conv
                row.update(converted_text=article.text[cs:ce], converted_value=cv, converted_unit=cu,
                           converted_start=cs, converted_end=ce)
                if n.value:
                    rate = cv / n.value
                    row.update(implied_rate=rate, rate_note=_rate_note(rate, cu, n.unit))
            rows.append(row)
    return frame(rows, NUMBER_COLUMNS, {
        **_INT_COLS, "value": "float64", "converted_value": "float64", "implied_rate": "float64",
        "converted_start": "Int64", "converted_end": "Int64", "sentence_start": "int64",
        "sentence_end": "int64", "paragraph": "Int64", "in_promo": "bool",
    })


# ---------------------------------------------------------------------------------------------
# Dates

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_FULL_MONTH_RE = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_RE = _FULL_MONTH_RE + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_WD_RE = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_UNIT = r"(?P<unit>second|minute|hour|day|week|fortnight|month|year|decade|centur(?:y|ie))s?"
_NUMW = (
    rf"(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    rf"twenty|thirty|forty|fifty|a{_S}few|a{_S}couple{_S}of|several|few|some|many)"
)
_WORD_N = {"a": 1, "an": 1, "a couple of": 2, **_SMALL}

#: Date patterns in order of preference: (key, compiled regex).
DATE_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(rf"\b{_YEAR}-(?P<mon>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b")),
    ("numeric", re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})\b")),
    ("md", re.compile(rf"(?:(?P<wd>{_WD_RE}),?{_S})?\b(?P<mon>{_MONTH_RE})\.?{_S}{_DAY}\b(?:,?{_S}{_YEAR}\b)?")),
    ("dm", re.compile(
        rf"(?:(?P<wd>{_WD_RE}),?{_S})?(?:the{_S})?\b{_DAY}{_S}(?:of{_S})?(?P<mon>{_MONTH_RE})\b\.?"
        rf"(?:,?{_S}{_YEAR}\b)?")),
    ("my", re.compile(rf"\b(?P<mon>{_MONTH_RE})\.?,?{_S}(?:of{_S})?{_YEAR}\b")),
    ("month", re.compile(
        rf"\b(?P<rel>(?i:in|since|by|until|till|from|during|last|next|this|early|late|mid|through|"
        rf"before|after))(?:{_S}|-)(?P<mon>{_FULL_MONTH_RE})\b(?!,?{_S}\d)")),
    ("year", re.compile(
        rf"\b(?P<rel>(?i:in|since|by|until|till|from|during|before|after|throughout))(?:{_S}|-)"
        rf"{_YEAR}\b(?![\d%,.]\d|{_S}(?i:per|percent))")),
    ("decade", re.compile(r"(?:\b(?i:the)[^\S\r\n]+)?(?<![\w'’])(?:(?:19|20)\d0s|['’]\d0s)\b")),
    ("weekday", re.compile(
        rf"(?:\b(?P<rel>(?i:last|next|this|coming|past)){_S})?\b(?P<wd>{_WD_RE})"
        rf"(?:{_S}(?P<tod>morning|afternoon|evening|night))?\b")),
    ("time", re.compile(
        rf"(?i:\b(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?{_S0}(?:am|pm|a\.m\.|p\.m\.)(?!\w)"
        rf"|\b(?:[01]?\d|2[0-3]):[0-5]\d\b(?:{_S}(?:GMT|UTC|BST|CET|EST|EDT|PST|IST|local{_S}time))?"
        rf"|\b(?:noon|midnight|midday)\b)")),
    ("relword", re.compile(
        rf"\b(?i:(?P<word>yesterday|today|tomorrow|tonight|overnight|last{_S}night|this{_S}morning|"
        rf"this{_S}afternoon|this{_S}evening|earlier{_S}today|recently|lately))\b")),
    ("durpast", re.compile(
        rf"\b(?i:(?:(?:in|over|during|for|within){_S})?the{_S}"
        rf"(?P<rel>past|last|next|coming|previous|following){_S}(?:{_NUMW}{_S})?{_UNIT})\b")),
    ("relunit", re.compile(
        rf"\b(?i:(?:(?P<edge>earlier|later){_S})?(?P<rel>last|next|this|coming|past|previous|following)"
        rf"(?:{_S}|-)(?P<unit>week|weekend|month|year|decade|century|fortnight))\b")),
    ("ago", re.compile(
        rf"\b(?i:{_NUMW}{_S}{_UNIT}{_S}(?P<dir>ago|back|earlier|later|before|after|prior|from{_S}now|on))\b")),
    ("duration", re.compile(
        rf"\b(?i:(?:(?P<pre>for|over|nearly|almost|about|around|more{_S}than|less{_S}than|at{_S}least|"
        rf"nearing|within|up{_S}to|roughly){_S})?{_NUMW}{_S}{_UNIT}"
        rf"(?:{_S}(?P<post>now|long|running|in{_S}a{_S}row))?)\b(?!{_S}old\b)")),
]
_PREPOSITION_BEFORE = re.compile(rf"\b(?i:on|in|since|by|until|till|from|before|after|during|as{_S}of|through){_S}$")
_EXTEND = {"iso", "numeric", "md", "dm", "my", "decade", "weekday"}
_TIME_WORD = re.compile(
    r"(?i)\b(day|week|month|year|decade|century|weekend|morning|afternoon|evening|night|spring|"
    r"summer|autumn|fall|winter|season|quarter|hour|minute|" + _FULL_MONTH_RE + r"|" + _WD_RE + r")s?\b|\d{4}|\d0s\b"
)


@dataclass
class _DateCand:
    start: int  # absolute
    end: int
    key: str
    m: re.Match | None
    order: int


def _date_candidates(seg: Segment) -> list[_DateCand]:
    """Non-overlapping date expressions in a segment (longest, then earliest pattern wins)."""
    text, off = seg.text, seg.offset
    cands = []
    for order, (key, pat) in enumerate(DATE_PATTERNS):
        for m in pat.finditer(text):
            if m.end() > m.start():
                cands.append(_DateCand(m.start() + off, m.end() + off, key, m, order))
    cands.sort(key=lambda c: (c.start, -(c.end - c.start), c.order))
    kept: list[_DateCand] = []
    for c in cands:
        if not kept or c.start >= kept[-1].end:
            kept.append(c)
    for ent in seg.doc.ents:  # what the patterns missed
        s, e = ent.start_char + off, ent.end_char + off
        if ent.label_ not in ("DATE", "TIME") or not _TIME_WORD.search(ent.text) or _AGE.search(ent.text):
            continue
        if not _overlaps(s, e, [(k.start, k.end) for k in kept]):
            kept.append(_DateCand(s, e, "ent", None, len(DATE_PATTERNS)))
    kept.sort(key=lambda c: c.start)
    for i, c in enumerate(kept):  # "on Saturday", "since February 24"
        if c.key in _EXTEND:
            before = text[max(0, c.start - off - 12) : c.start - off]
            p = _PREPOSITION_BEFORE.search(before)
            if p:
                new_start = c.start - (len(before) - p.start())
                if i == 0 or kept[i - 1].end <= new_start:
                    c.start = new_start
    return kept


def article_date(article: "Article", date: Any = None) -> dt.date | None:
    """The reference date: ``date`` (date, datetime or ISO string) or ``article.meta['date']``.

    An explicit ``date`` that cannot be read raises ``ValueError``; an unreadable meta date is
    treated as missing.
    """
    explicit = date is not None
    value = date if explicit else article.meta.get("date")
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        try:
            return pd.Timestamp(str(value)).date()
        except (ValueError, TypeError):
            if explicit:
                raise ValueError(f"article date {value!r} is not an ISO date (YYYY-MM-DD)") from None
            return None


def _is_future(seg: Segment, start: int, end: int) -> bool:
    """True when the clause governing the expression is future (will/shall/'ll, would, going to)."""
    span = seg.span(start, end)
    if span is None or not len(span):
        return False
    t = span.root
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX"):
            for c in t.children:
                if c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "wo", "’ll"):
                    return True
                if c.dep_ == "aux" and c.lower_ in ("would", "'d", "’d") and not any(
                    x.dep_ == "aux" and x.lower_ == "have" for x in t.children
                ):
                    return True  # future in the past: "said it would open in June"
                if c.lower_ == "going" and any(g.lower_ == "to" for g in c.children):
                    return True
            if t.lower_ == "going":
                return True
        if t.head is t:
            break
        t = t.head
    return False


def _n(m: re.Match) -> int | None:
    n = m.group("n").lower()
    n = re.sub(r"\s+", " ", n)
    if n.isdigit():
        return int(n)
    return _WORD_N.get(n)


def _shift_months(d: dt.date, months: int) -> tuple[int, int]:
    k = d.year * 12 + (d.month - 1) + months
    return k // 12, k % 12 + 1


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _resolve(c: _DateCand, seg: Segment, ref: dt.date | None, text: str) -> tuple[str, str | None, str]:
    """(kind, resolved ISO string or None, explanation) for a date candidate."""
    key, m = c.key, c.m
    refs = f"{ref.isoformat()} (article date)" if ref else ""
    no_ref = "no article date: not resolved"
    future = _is_future(seg, c.start, c.end)

    if key == "ent":
        years = re.findall(r"\b(?:1[89]|20)\d\d\b", text)
        if len(years) == 1 and not re.search(_FULL_MONTH_RE, text):
            return "absolute", years[0], f"year {years[0]} named in {text!r}"
        counted = re.search(r"(?i)\b(\d+|one|two|three|four|five|six|several|a|an)\s+\w+s?\b", text)
        anchored = re.search(r"(?i)\b(ago|last|next|this)\b", text)
        kind = "duration" if counted and not anchored else "relative"
        return kind, None, "found by the entity recogniser; not resolved"
    if key == "iso":
        d = _safe_date(int(m["year"]), int(m["mon"]), int(m["day"]))
        return "absolute", d.isoformat() if d else None, "explicit date" if d else "not a valid date"
    if key == "numeric":
        a, b, y = int(m["a"]), int(m["b"]), int(m["year"])
        y = y + 2000 if y < 100 else y
        if a > 12 and b <= 12:
            d, how = _safe_date(y, b, a), "day/month/year"
        elif b > 12 and a <= 12:
            d, how = _safe_date(y, a, b), "month/day/year"
        else:
            return "absolute", None, "ambiguous day/month order: not resolved"
        return "absolute", d.isoformat() if d else None, f"numeric date read as {how}" if d else "not a valid date"
    if key in ("md", "dm"):
        mon, day = _MONTHS[m["mon"].lower().rstrip(".")], int(m["day"])
        if m["year"]:
            d = _safe_date(int(m["year"]), mon, day)
            why = "explicit date"
        elif ref is None:
            return "absolute", None, "no article date: year unknown, not resolved"
        else:
            d = _safe_date(ref.year, mon, day)
            why = f"year of the article date {ref.isoformat()}"
            if d and future and d < ref:
                d = _safe_date(ref.year + 1, mon, day)
                why = f"next year: future tense and {ref.year} would be before the article date {ref.isoformat()}"
            elif d and not future and d > ref:
                d = _safe_date(ref.year - 1, mon, day)
                why = f"previous year: {ref.year} would be after the article date {ref.isoformat()}"
        if d is None:
            return "absolute", None, "not a valid date"
        if m["wd"] and _WEEKDAYS[m["wd"].lower()] != d.weekday():
            why += f"; note: {d.isoformat()} is a {calendar.day_name[d.weekday()]}, not a {m['wd']}"
        return "absolute", d.isoformat(), why
    if key == "my":
        mon = _MONTHS[m["mon"].lower().rstrip(".")]
        return "absolute", f"{int(m['year']):04d}-{mon:02d}", "explicit month and year"
    if key == "month":
        mon, rel = _MONTHS[m["mon"].lower()], m["rel"].lower()
        if ref is None:
            return "absolute", None, "no article date: year unknown, not resolved"
        y = ref.year
        if rel == "next" or (future and rel not in ("last", "since")):
            if mon < ref.month or (rel == "next" and mon == ref.month):
                y += 1
            why = f"next {m['mon']} after {refs}"
        elif rel == "this":
            why = f"{m['mon']} of the article's year"
        else:
            if mon > ref.month or (rel == "last" and mon == ref.month):
                y -= 1
            why = f"{m['mon']} on or before {refs}"
        return "absolute", f"{y:04d}-{mon:02d}", why
    if key == "year":
        return "absolute", m["year"], "explicit year"
    if key == "decade":
        return "absolute", None, "a decade, not a date"
    if key == "time":
        return "time", None, "time of day"
    if key == "weekday":
        wd, rel, name = _WEEKDAYS[m["wd"].lower()], (m["rel"] or "").lower(), m["wd"]
        if ref is None:
            return "weekday", None, no_ref
        if rel in ("next", "coming") or (future and rel != "last" and rel != "past"):
            d = ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7)
            return "weekday", d.isoformat(), f"{name} after {refs}"
        back = (ref.weekday() - wd) % 7
        if back == 0 and rel in ("last", "past"):
            back = 7
        d = ref - dt.timedelta(days=back)
        if back == 0:
            return "weekday", d.isoformat(), f"{name}: the article date itself ({ref.isoformat()})"
        return "weekday", d.isoformat(), f"{name} before {refs}"
    if key == "relword":
        word = re.sub(r"\s+", " ", m["word"].lower())
        if word in ("recently", "lately"):
            return "relative", None, "vague: some time before the article date"
        if ref is None:
            return "relative", None, no_ref
        delta = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        return "relative", (ref + dt.timedelta(days=delta)).isoformat(), f"{word} relative to {refs}"
    if key == "durpast":
        rel = m["rel"].lower()
        edge = "up to" if rel in ("past", "last", "previous") else "after"
        anchor = "the article date" if rel in ("past", "last", "next", "coming") else "another event in the text"
        return "duration", None, f"a period {edge} {anchor}; not a point in time"
    if key == "relunit":
        rel, unit = m["rel"].lower(), m["unit"].lower()
        if rel in ("previous", "following"):
            return "relative", None, f"relative to another event ('{rel} {unit}'): not resolved"
        if rel == "past":
            return "duration", None, f"the past {unit} up to the article date; not a point in time"
        if ref is None:
            return "relative", None, no_ref
        step = {"last": -1, "this": 0, "next": 1, "coming": 1}[rel]
        if unit == "week":
            d = ref + dt.timedelta(weeks=step)
            y, w, _ = d.isocalendar()
            which = "of" if step == 0 else ("before" if step < 0 else "after")
            return "relative", f"{y}-W{w:02d}", f"ISO week {which} the week of {refs}"
        if unit == "month":
            y, mo = _shift_months(ref, step)
            return "relative", f"{y:04d}-{mo:02d}", f"{rel} month relative to {refs}"
        if unit == "year":
            return "relative", f"{ref.year + step:04d}", f"{rel} year relative to {refs}"
        if unit == "weekend":
            sat = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)  # Saturday on or before
            if step == 1 or (step == 0 and ref.weekday() < 5):
                sat = ref + dt.timedelta(days=(5 - ref.weekday()) % 7 or 7)
            elif step == -1 and ref.weekday() in (5, 6):
                sat -= dt.timedelta(days=7)
            why = f"weekend starting Saturday {sat.isoformat()}, {rel} weekend relative to {refs}"
            return "relative", sat.isoformat(), why
        return "relative", None, f"{rel} {unit}: too coarse to resolve"
    if key == "ago":
        direction, unit, n = re.sub(r"\s+", " ", m["dir"].lower()), m["unit"].lower(), _n(m)
        if direction not in ("ago", "back", "from now"):
            why = f"relative to another event ('{direction} …'), not to the article date: not resolved"
            return "relative", None, why
        if n is None:
            return "relative", None, "vague amount: not resolved"
        if ref is None:
            return "relative", None, no_ref
        sign = 1 if direction == "from now" else -1
        if unit in ("second", "minute", "hour"):
            return "relative", ref.isoformat(), f"{n} {unit}(s) from {refs}: same day"
        if unit in ("day", "week", "fortnight"):
            days = n * {"day": 1, "week": 7, "fortnight": 14}[unit]
            d = ref + dt.timedelta(days=sign * days)
            return "relative", d.isoformat(), f"{n} {unit}(s) {'after' if sign > 0 else 'before'} {refs}"
        if unit == "month":
            y, mo = _shift_months(ref, sign * n)
            return "relative", f"{y:04d}-{mo:02d}", f"{n} month(s) {'after' if sign > 0 else 'before'} {refs}"
        if unit == "year":
            return "relative", f"{ref.year + sign * n:04d}", f"{n} year(s) {'after' if sign > 0 else 'before'} {refs}"
        return "relative", None, f"{unit}s: too coarse to resolve"
    if key == "duration":
        n = _n(m)
        amount = f"{n} {m['unit'].lower()}(s)" if n is not None else "a vague number of " + m["unit"].lower() + "s"
        return "duration", None, f"duration of {amount}; not a point in time"
    raise AssertionError(key)  # pragma: no cover


def dates(article: "Article", *, doc: "Doc | None" = None, date: Any = None) -> pd.DataFrame:
    """Date and time expressions, resolved against the article date where possible.

    ``date`` is the article's date (``datetime.date`` or ISO string); default
    ``article.meta.get("date")``.

    Columns:

    ``start``, ``end``, ``text``
        offsets and the expression as written; a directly preceding preposition is included
        ("on Saturday", "in 2021", "since February 24").
    ``kind``
        ``absolute`` (February 24, March 2021, in 2021), ``weekday`` (on Saturday),
        ``relative`` (yesterday, last week, two days ago, a day after), ``duration``
        (nearing a month now, for three years) or ``time`` (10.30am, midnight).
    ``resolved``
        ISO 8601 at the precision stated — ``2022-02-24``, ``2022-02``, ``2022``, ``2022-W10``
        (ISO week) — or None.
    ``resolution``
        how it was resolved or why not ("Saturday before 2022-03-20 (article date)",
        "no article date: not resolved").
    ``sentence_start``, ``sentence_end``, ``part``, ``paragraph``, ``in_promo``
        as in :func:`numbers`.
    """
    return _dates(article, segments(article, doc), date)


def _dates(article: "Article", segs: list[Segment], date: Any = None) -> pd.DataFrame:
    ref = article_date(article, date)
    rows = []
    for seg in segs:
        for c in _date_candidates(seg):
            text = article.text[c.start : c.end]
            kind, resolved, why = _resolve(c, seg, ref, text)
            ss, se = seg.sentence(c.start)
            part, para = locate(article, c.start, seg.in_promo)
            rows.append({
                "start": c.start, "end": c.end, "text": text, "kind": kind, "resolved": resolved,
                "resolution": why, "sentence_start": ss, "sentence_end": se, "part": part,
                "paragraph": para, "in_promo": seg.in_promo,
            })
    return frame(rows, DATE_COLUMNS, {
        **_INT_COLS, "sentence_start": "int64", "sentence_end": "int64", "paragraph": "Int64", "in_promo": "bool",
    })


# ---------------------------------------------------------------------------------------------
# Claims

#: Entity labels that make a sentence with a main verb a checkable claim.
CLAIM_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"})


def _check_quotes(quotes: pd.DataFrame | None) -> pd.DataFrame | None:
    if quotes is None:
        return None
    missing = {"start", "end", "speaker"} - set(quotes.columns)
    if missing:
        raise ValueError(f"quotes DataFrame lacks column(s) {sorted(missing)}; expected start, end, speaker")
    return quotes


def _present(value: Any) -> bool:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return False
    return str(value).strip() != ""


def claims(
    article: "Article",
    *,
    doc: "Doc | None" = None,
    quotes: pd.DataFrame | None = None,
    include_summary: bool = False,
) -> pd.DataFrame:
    """Body sentences that make a checkable factual claim, with a checking priority.

    Heuristic: a sentence (not a question, with a finite verb) is a claim when it holds a
    number (:func:`numbers`), a date expression (:func:`dates`), or a named entity
    (:data:`CLAIM_ENTITY_LABELS`) together with a main verb. It is *attributed* when it
    overlaps a row of ``quotes`` (a DataFrame with ``start``, ``end``, ``speaker``, e.g. from
    ``newsnb.analysis.quotes.quotes``), or holds an attribution cue (:func:`newsnb.analysis.speakers.attribution`: a speech verb of
    the shared lexicon, "according to", "as per", "citing"). Body = paragraphs; ``include_summary=True`` adds headline and key points.

    Columns: ``start``, ``end``, ``text`` (the sentence), ``part``, ``paragraph``,
    ``attributed`` (bool), ``attributed_to`` (speaker or None), ``cue`` (the word that
    attributes it, or ``quote``), ``has_number``, ``has_date`` (bool), ``entities`` (names,
    "; "-joined), ``check_priority`` — ``high`` for unattributed claims with a number or date,
    ``medium`` for attributed ones with a number or date and unattributed ones with entities
    only, ``low`` for attributed claims without numbers or dates — and ``reason`` (why).
    """
    quotes = _check_quotes(quotes)
    seg = segments(article, doc, promos=False)[0]
    return _claims(article, seg, quotes, _numbers(article, [seg]), _dates(article, [seg]),
                   include_summary=include_summary)


def _within(starts: list[int], texts: list[str], s: int, e: int) -> list[str]:
    """The texts whose (sorted) start offset lies in [s, e)."""
    return texts[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)]


def _claims(article: "Article", seg: Segment, quotes: pd.DataFrame | None, num_df: pd.DataFrame,
            date_df: pd.DataFrame, *, include_summary: bool = False) -> pd.DataFrame:
    num_df, date_df = num_df[~num_df.in_promo], date_df[~date_df.in_promo]
    # plain lists, sorted by start: a pandas filter per sentence cost more than the rest together
    num_starts, num_texts = list(num_df.start), list(num_df.text)
    date_starts, date_texts = list(date_df.start), list(date_df.text)
    quote_rows = []
    if quotes is not None and len(quotes):
        quote_rows = list(zip(quotes.start, quotes.end, quotes.speaker))
    kinds = ("paragraph", "key_point", "headline") if include_summary else ("paragraph",)
    rows = []
    for s, e in seg.sents:
        part, para = locate(article, s, False)
        if part not in kinds:
            continue
        span = seg.span(s, e)
        if span is None:
            continue
        if article.text[s:e].rstrip("”\"’' )").endswith("?"):
            continue
        if not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in span):
            continue
        nums = _within(num_starts, num_texts, s, e)
        dats = _within(date_starts, date_texts, s, e)
        ents = list(dict.fromkeys(x.text for x in span.ents if x.label_ in CLAIM_ENTITY_LABELS))
        has_verb = any(t.pos_ == "VERB" for t in span)
        if not (nums or dats or (ents and has_verb)):
            continue
        attributed, speaker, cue = False, None, None
        over = [sp for qs, qe, sp in quote_rows if qs < e and qe > s]
        if over:
            attributed, cue = True, "quote"
            speakers = [x for x in over if _present(x)]
            speaker = str(speakers[0]) if speakers else None
        if not attributed or speaker is None:
            a2, sp2, cue2 = attribution(seg, s, e)
            if a2:
                attributed, speaker, cue = True, speaker or sp2, cue or cue2
        has_number, has_date = bool(nums), bool(dats)
        if not attributed and (has_number or has_date):
            priority = "high"
        elif has_number or has_date or not attributed:
            priority = "medium"
        else:
            priority = "low"
        reason = []
        if has_number:
            reason.append("numbers: " + ", ".join(nums))
        if has_date:
            reason.append("dates: " + ", ".join(dats))
        if ents:
            reason.append("entities: " + ", ".join(ents))
        if attributed:
            reason.append(f"attributed to {speaker}" if speaker else "attributed")
        else:
            reason.append("unattributed")
        rows.append({
            "start": s, "end": e, "text": article.text[s:e], "part": part, "paragraph": para,
            "attributed": attributed, "attributed_to": speaker, "cue": cue,
            "has_number": has_number, "has_date": has_date, "entities": "; ".join(ents),
            "check_priority": priority, "reason": "; ".join(reason),
        })
    return frame(rows, CLAIM_COLUMNS, {
        **_INT_COLS, "paragraph": "Int64", "attributed": "bool", "has_number": "bool", "has_date": "bool",
    })


def facts(
    article: "Article",
    *,
    doc: "Doc | None" = None,
    date: Any = None,
    quotes: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """``{"numbers": numbers(…), "dates": dates(…), "claims": claims(…)}`` from one parse."""
    segs = segments(article, doc if doc is not None else nlp.parse(article))
    nums, dats = _numbers(article, segs), _dates(article, segs, date)
    return {"numbers": nums, "dates": dats, "claims": _claims(article, segs[0], _check_quotes(quotes), nums, dats)}
