"""A tiny analysis dict for the store tests: one quote and one mention per speaker."""
from __future__ import annotations


def analysis(slug: str, *speakers: str, outlet: str = "The Gazette", date: str = "2019-03-04") -> dict:
    """A tiny analysis dict: one quote per speaker, one mention each."""
    quotes = [{"kind": "direct", "speaker": s, "speaker_type": "person", "cue": "said", "cue_class": "neutral",
               "words": 5, "start": 10 * i, "end": 10 * i + 8, "text": f"words of {s}"} for i, s in enumerate(speakers)]
    mentions = [{"entity": s, "type": "person", "start": 10 * i, "end": 10 * i + 3} for i, s in enumerate(speakers)]
    return {"article": {"slug": slug, "headline": {"text": f"About {slug}"}, "meta": {"outlet": outlet, "date": date}},
            "readability": {"words": 50}, "tone": {"label": "neutral"}, "quotes": quotes, "mentions": mentions}
