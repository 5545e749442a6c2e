"""What makes a parsed text an article newsnb can analyse: a body, a bounded length, English.

Known limits: the English test counts common function words, so texts under 12 words are never
rejected and English with long foreign quotations can be; only German, French, Spanish,
Italian, Portuguese and Dutch have their own word list (others fall to the 50-word English
share test, which applies only to prose: a table or list in another language without a word
list — mostly names and numbers — is accepted, as English results tables must be).
"""
from __future__ import annotations

import re

from ..core import config
from .article import Article, ArticleError

__all__ = ["MAX_STORY_WORDS", "check", "english_score", "not_english"]


#: Longest story accepted, in words (headline, key points and paragraphs); longer inputs are
#: refused with a clear message so a batch never stalls on one giant file.
MAX_STORY_WORDS = getattr(config, "MAX_STORY_WORDS", 100_000)


#: A body needs one paragraph or key point of this many words or ending like a sentence (menus
#: and link lists have none).
MIN_SENTENCE_WORDS = 4


#: Very common English function words: their share of a text's word tokens is ~40-50 % for
#: English prose and a few percent for other languages written in Latin letters.
ENGLISH_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers him his how i if in into is it its itself
    just me more most my no nor not now of off on once only or other our out over own said same
    she should so some such than that the their them then there these they this those through
    to too under until up very was we were what when where which while who whom why will with
    would you your""".split()
)


#: Very common function words of other languages written in Latin letters (German, French,
#: Spanish, Italian, Portuguese, Dutch), minus words that are also English.
OTHER_WORDS = frozenset(
    """der das und ist nicht ein eine einen dem den des mit von zu auf für sich auch als wird werden
    hat sind wurde oder aber bei nach wie noch nur dass über le la les des est et une un du pour
    dans que qui sur pas par au avec ce sont été cette mais ont ses aux elle il ils nous vous
    leur el los las del y en por con para una es se al lo como más pero sus fue ha su también
    entre sin sobre este esta muy di che è della delle degli gli sono nel nella alla alle dal
    anche più come questo ma ci ha da il em um uma para com não são na nos dos das ao mais foi
    pelo pela seu sua também het een van dat op te zijn niet met voor ook aan er maar bij naar
    werd wordt dit deze""".split()
) - ENGLISH_WORDS


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


#: Minimum share of :data:`ENGLISH_WORDS` among word tokens for a text of 50+ words.
ENGLISH_MIN_SHARE = 0.12


#: Texts with fewer words than this are not language-checked.
ENGLISH_MIN_WORDS = 12


#: Share of all-lowercase words from which a text reads as prose: English news prose has
#: ~75-85 %, other languages' prose more (German, which capitalises nouns, ~65 %); results
#: tables, standings and lists of names have 10-40 % (names, abbreviations, numbers).
PROSE_MIN_LOWERCASE = 0.5


def english_score(text: str) -> tuple[float, float, int, float]:
    """(share of English function words, share of other languages' function words, number of
    words, share of Latin-script letters) for ``text``."""
    words = _WORD.findall(text)
    letters = sum(len(w) for w in words)
    latin = sum(1 for w in words for c in w if c < "\u0250") / letters if letters else 1.0
    if not words:
        return 0.0, 0.0, 0, latin
    low = [w.lower().replace("’", "'") for w in words]
    english = sum(1 for w in low if w in ENGLISH_WORDS) / len(words)
    other = sum(1 for w in low if w in OTHER_WORDS) / len(words)
    return english, other, len(words), latin


def lowercase_share(text: str) -> float:
    """Share of ``text``'s words written all in lowercase (1.0 for a text without words)."""
    words = _WORD.findall(text)
    return sum(1 for w in words if w.islower()) / len(words) if words else 1.0


def not_english(text: str) -> str | None:
    """Why ``text`` is not English (a short phrase), or None when it is or cannot be told.

    Method: non-Latin script (under half the letters Latin); or, with 12+ words, more function
    words of German/French/Spanish/Italian/Portuguese/Dutch than of English (and 10 %+ of
    them); or, with 50+ words of prose (at least :data:`PROSE_MIN_LOWERCASE` of the words in
    lowercase), under 12 % English function words (English news prose has ~40 %). Tables,
    results and lists — mostly names, abbreviations and numbers, 1-15 % function words in
    English too — are never refused for that share alone."""
    english, other, n, latin = english_score(text)
    if latin < 0.5 and len(text.strip()) >= 20:
        return f"only {latin:.0%} of its letters are Latin script"
    if n >= ENGLISH_MIN_WORDS and other >= 0.10 and other > english:
        return f"{other:.0%} common German/French/Spanish/Italian/Portuguese/Dutch words, {english:.0%} common English words among {n:,} words"
    if n >= 50 and english < ENGLISH_MIN_SHARE and lowercase_share(text) >= PROSE_MIN_LOWERCASE:
        return f"{english:.0%} common English words among {n:,} words of prose, need {ENGLISH_MIN_SHARE:.0%}"
    return None


def _story_text(article: Article) -> str:
    return "\n".join(p.text for p in article.story_parts)


def check(article: Article, *, english: bool = True) -> None:
    """Raise :class:`ArticleError` when ``article`` has no body, is too long or is not English."""
    where = article.path
    if not (article.paragraphs or article.key_points):
        raise ArticleError(where, "no article text found (only a headline or boilerplate)")
    body = [p for p in article.key_points + article.paragraphs]
    if not any(len(p.text.split()) >= MIN_SENTENCE_WORDS or re.search(r"[.!?…][\"'”’)\]]*$", p.text) for p in body):
        raise ArticleError(
            where,
            f"no article text found (only {len(body)} short line(s) like {body[0].text[:40]!r}, "
            f"none a sentence or {MIN_SENTENCE_WORDS}+ words long)",
        )
    story = _story_text(article)
    n_words = len(story.split())
    if n_words > MAX_STORY_WORDS:
        raise ArticleError(
            where, f"story has {n_words:,} words; the limit is {MAX_STORY_WORDS:,} words per article"
        )
    if english:
        why = not_english(story)
        if why:
            raise ArticleError(where, f"text is not English ({why}); newsnb analyses English only")
