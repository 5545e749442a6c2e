"""``reports/index.html``: every rendered article with headline, words, tone, readability and
status; sortable by column, escaped, self-contained (works offline)."""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

from . import config
from .files import write_atomic

__all__ = ["build_index", "read_manifest"]


def read_manifest(out: str | Path) -> dict:
    """The render manifest of a reports folder (empty when there is none or it is unreadable)."""
    try:
        return json.loads((Path(out) / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {"articles": {}}


_INDEX_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
h1{font-size:1.6rem}table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid #ddd;padding:.45rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4;cursor:pointer;user-select:none;position:sticky;top:0}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums}.failed{color:#a40000}.ok{color:#0a6b0a}
.err{font-size:.8rem;color:#a40000}@media (max-width:700px){.wide{display:none}}
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


def _num(value: float | int | None, fmt: str) -> str:
    if value is None:
        return '<td class="num" data-sort="-1e9"></td>'
    return f'<td class="num" data-sort="{value}">{format(value, fmt)}</td>'


def build_index(out: str | Path | None = None) -> Path:
    """Write ``index.html`` listing every article in the manifest (escaped, sortable, offline)."""
    out = Path(out) if out else config.REPORTS_DIR
    articles = read_manifest(out).get("articles", {})
    rows = []
    for slug, entry in sorted(articles.items(), key=lambda kv: (kv[1].get("headline") or kv[0]).lower()):
        data = {}
        if entry.get("data"):
            try:
                data = json.loads((out / entry["data"]).read_text("utf-8"))
            except (OSError, ValueError):
                data = {}
        r = data.get("readability", {})
        t = data.get("tone", {})
        headline = entry.get("headline") or slug
        people = [e["entity"] for e in data.get("entities", []) if e.get("type") == "person"][:3]
        link = f'<a href="{escape(entry["html"], quote=True)}">{escape(headline)}</a>' if entry.get("html") else escape(headline)
        status = entry.get("status", "failed")
        err = entry.get("error") or entry.get("last_error")
        date = (data.get("article", {}).get("meta") or {}).get("date") or ""
        rows.append(
            "<tr>"
            f"<td>{link}<br><small>{escape(Path(entry.get('source', '')).name)}</small></td>"
            f"<td>{escape(str(date))}</td>"
            + _num(r.get("words"), ",")
            + f"<td class='wide'>{escape(', '.join(people))}</td>"
            + (f'<td data-sort="{t.get("polarity")}">{escape(t.get("label", ""))} ({t.get("polarity", 0):+.2f})</td>' if t else "<td></td>")
            + _num(r.get("flesch_reading_ease"), ".0f")
            + _num(r.get("flesch_kincaid_grade"), ".1f")
            + f"<td class='{escape(status)}'>{escape(status)}"
            + (f"<div class='err'>{escape(err)}</div>" if err else "")
            + "</td></tr>"
        )
    n_ok = sum(1 for e in articles.values() if e.get("status") == "ok")
    html = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>newsnb reports</title>"
        f"<style>{_INDEX_CSS}</style></head><body>"
        f"<h1>newsnb reports</h1><p>{n_ok} of {len(articles)} articles rendered. Click a column to sort.</p>"
        "<table class='sortable' id='articles'><thead><tr>"
        "<th>Headline</th><th>Date</th><th>Words</th><th class='wide'>People</th><th>Tone</th>"
        "<th>Reading ease</th><th>Grade</th><th>Status</th>"
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        f"<script>{_SORT_JS}</script></body></html>"
    )
    return write_atomic(out / "index.html", html)
