"""``reports/index.html``: every rendered article with headline, date, words, quotes, top
speakers, tone, readability and status; sortable by column, escaped, self-contained (works
offline). A Content-Security-Policy allows no request to any host and only the page's own sort
script (by its hash), so nothing from an article can run even if it slipped through escaping."""
from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from pathlib import Path

from ..core import config
from ..core.files import write_atomic

__all__ = ["build_index", "article_summary", "stories_section", "CSP"]


_INDEX_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
h1{font-size:1.6rem}table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid #ddd;padding:.45rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4;cursor:pointer;user-select:none;position:sticky;top:0}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums}.failed{color:#a40000}.ok{color:#0a6b0a}
.err{font-size:.8rem;color:#a40000;max-width:28rem;overflow-wrap:anywhere}small{color:#666}.scroll{overflow-x:auto}td:first-child{overflow-wrap:anywhere;min-width:9rem}a{color:#1f4f8a}.corpus{background:#f5f7fa;border:1px solid #dde3ea;border-radius:6px;padding:.5rem .8rem;display:inline-block}@media (max-width:700px){body{margin:1rem auto;padding:0 .5rem}.wide{display:none}table{font-size:.85rem}th,td{padding:.35rem .3rem}}
"""

_SORT_JS = """
document.querySelectorAll('table.sortable th').forEach(function(th, col){
  th.addEventListener('click', function(){
    var table = th.closest('table'), body = table.tBodies[0];
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(function(h){ h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function(a, b){
      var x = a.cells[col].getAttribute('data-sort') || a.cells[col].textContent;
      var y = b.cells[col].getAttribute('data-sort') || b.cells[col].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function(r){ body.appendChild(r); });
  });
});
"""


def _num(value: float | int | None, fmt: str, cls: str = "num") -> str:
    if value is None:
        return f'<td class="{cls}" data-sort="-1e9"></td>'
    return f'<td class="{cls}" data-sort="{value}">{format(value, fmt)}</td>'


_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_SORT_JS.encode("utf-8")).digest()).decode("ascii")
#: The index's Content-Security-Policy: no request to any host, inline styles, data: images, and
#: only the sort script below (by hash).
CSP = (f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{_SCRIPT_HASH}'; "
       "base-uri 'none'; form-action 'none'")


def article_summary(data: dict) -> dict:
    """The index's view of one article's analysis JSON (``reports/data/<slug>.json``): date,
    words, quotes (scare quotes left out), top speakers by quoted words, tone and readability.
    Missing parts give ``None``."""
    r = data.get("readability") or {}
    quotes = data.get("quotes")
    sources = data.get("sources")
    n_quotes = None
    if isinstance(quotes, list):
        n_quotes = sum(1 for q in quotes if isinstance(q, dict) and q.get("kind") != "scare")
    elif isinstance(sources, list):
        n_quotes = sum(int(s.get("quotes") or 0) for s in sources if isinstance(s, dict))
    speakers: list[str] = []
    if isinstance(sources, list):
        named = [s for s in sources if isinstance(s, dict) and isinstance(s.get("speaker"), str)]
        named.sort(key=lambda s: (-(s.get("quoted_words") or 0), -(s.get("quotes") or 0)))
        speakers = [s["speaker"] for s in named[:3]]
    elif isinstance(quotes, list):
        counts: dict[str, int] = {}
        for q in quotes:
            if isinstance(q, dict) and isinstance(q.get("speaker"), str) and q.get("kind") != "scare":
                counts[q["speaker"]] = counts.get(q["speaker"], 0) + 1
        speakers = sorted(counts, key=lambda k: -counts[k])[:3]
    meta = (data.get("article") or {}).get("meta") or {}
    return {
        "date": meta.get("date") if isinstance(meta, dict) else None,
        "words": r.get("words"),
        "quotes": n_quotes,
        "n_speakers": len([s for s in sources if isinstance(s, dict) and isinstance(s.get("speaker"), str)]) if isinstance(sources, list) else None,
        "speakers": speakers,
        "people": [e["entity"] for e in data.get("entities", []) if isinstance(e, dict) and e.get("type") == "person"][:3],
        "tone": data.get("tone") or {},
        "reading_ease": r.get("flesch_reading_ease"),
        "grade": r.get("flesch_kincaid_grade"),
    }


def stories_section(out: Path) -> str:
    """The Stories section: every story of two or more articles (``stories/stories.json``) with
    its outlets, linked to its story page (or the reason the page failed); "" when none."""
    from ..analysis.stories import read_stories

    entries = [e for e in read_stories(out).values() if int(e.get("articles") or 0) > 1]
    if not entries:
        return ""
    items = []
    for e in entries:
        head = str(e.get("headline") or e["story"])
        html = e.get("html")
        link = f'<a href="{escape(html, quote=True)}">{escape(head)}</a>' if isinstance(html, str) and html else escape(head)
        outlets = [str(o) for o in e.get("outlets") or []]
        who = ", ".join(outlets) if outlets else "outlets unknown"
        single = " <small>(one outlet)</small>" if len(outlets) == 1 else ""
        err = f"<div class='err'>{escape(str(e['error']))}</div>" if e.get("error") else ""
        items.append(f"<li>{link} — {int(e['articles'])} articles: {escape(who)}{single}"
                     f"{' <small>' + escape(str(e['date'])) + '</small>' if e.get('date') else ''}{err}</li>")
    return ("<h2 id='stories'>Stories</h2><p>The same story in several articles: each page compares the outlets side "
            "by side.</p><ul class='stories'>" + "".join(items) + "</ul>")


def build_index(out: str | Path | None, articles: dict[str, dict], *, corpus_error: str | None = None) -> Path:
    """Write ``out/index.html`` listing ``articles`` (the manifest's entries by slug; escaped,
    sortable, offline). Links ``corpus.html`` when it exists; ``corpus_error`` is shown when the
    corpus report failed."""
    out = Path(out) if out else config.REPORTS_DIR
    rows = []
    for slug, entry in sorted(articles.items(), key=lambda kv: (kv[1].get("headline") or kv[0]).lower()):
        data = {}
        if entry.get("data"):
            try:
                data = json.loads((out / entry["data"]).read_text("utf-8"))
            except (OSError, ValueError):
                data = {}
        a = article_summary(data if isinstance(data, dict) else {})
        t = a["tone"]
        headline = entry.get("headline") or slug
        link = f'<a href="{escape(entry["html"], quote=True)}">{escape(headline)}</a>' if entry.get("html") else escape(headline)
        status = "ok" if entry.get("status") == "ok" else "failed"
        err = entry.get("error") or entry.get("last_error")
        speakers = a["speakers"] or ([] if a["quotes"] is not None else a["people"])
        speaker_note = "" if a["quotes"] is not None or not speakers else " <small>(named)</small>"
        polarity = t.get("polarity") if isinstance(t.get("polarity"), (int, float)) else None
        rows.append(
            "<tr>"
            f"<td>{link}<br><small>{escape(Path(str(entry.get('source', ''))).name)}</small></td>"
            f"<td class='wide'>{escape(str(a['date'] or ''))}</td>"
            + _num(a["words"], ",", "num wide")
            + _num(a["quotes"], "d")
            + f"<td data-sort='{a['n_speakers'] if a['n_speakers'] is not None else -1}'>{escape(', '.join(speakers))}{speaker_note}"
            + (f" <small>+{a['n_speakers'] - len(speakers)} more</small>" if (a["n_speakers"] or 0) > len(speakers) else "")
            + "</td>"
            + (f'<td data-sort="{polarity}">{escape(str(t.get("label", "")))} ({polarity:+.2f})</td>' if polarity is not None else "<td data-sort='-1e9'></td>")
            + _num(a["reading_ease"], ".0f")
            + _num(a["grade"], ".1f", "num wide")
            + f"<td class='{status}'>{escape(status)}"
            + (f"<div class='err'>{escape(str(err))}</div>" if err else "")
            + "</td></tr>"
        )
    n_ok = sum(1 for e in articles.values() if e.get("status") == "ok")
    corpus = ""
    if (out / "corpus.html").is_file():
        corpus = ("<p class='corpus'><a href='corpus.html'>Across all articles</a>: most quoted people, source types, "
                  "attribution verbs, tone, who is named together, readability.</p>")
    if corpus_error:
        corpus += f"<p class='err'>The corpus report failed: {escape(corpus_error)}</p>"
    html = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        "<meta name='referrer' content='no-referrer'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>newsnb reports</title>"
        f"<style>{_INDEX_CSS}</style></head><body>"
        f"<h1>newsnb reports</h1><p>{n_ok} of {len(articles)} articles rendered. Click a column heading to sort.</p>{corpus}"
        "<div class='scroll'><table class='sortable' id='articles'><thead><tr>"
        "<th>Headline</th><th class='wide'>Date</th><th class='wide'>Words</th><th>Quotes</th><th>Top speakers</th><th>Tone</th>"
        "<th>Reading ease</th><th class='wide'>Grade</th><th>Status</th>"
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>"
        + stories_section(out) +
        f"<script>{_SORT_JS}</script></body></html>"
    )
    return write_atomic(out / "index.html", html)
