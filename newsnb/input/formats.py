"""Loaders for HTML news pages and for JSON, JSONL and CSV article records.

Registered into :mod:`newsnb.input.registry` when :mod:`newsnb.input.loaders` is imported.

* **HTML** (``.html``, ``.htm``, ``.xhtml``, or sniffed): the page is decoded (BOM, then the
  ``<meta charset>``, then newsnb's UTF-8/cp1252 rule) and handed to trafilatura, which keeps the
  article body and drops navigation, related links, ads and comments (containers whose class
  names ad, advert, sponsor, related-, newsletter or share- are pruned first; a result with no
  line of 8+ words and under 40 words is "no article text"). ``Article.text`` is *not*
  the HTML: it is the extracted text laid out as ``headline\\n\\nparagraph\\n\\nparagraph…``
  (one trafilatura text line per paragraph; list items keep their ``- ``), and every offset
  refers to that text. ``meta``: ``title``, ``author``, ``date`` (ISO ``YYYY-MM-DD``), ``site``,
  ``url``, ``source_format: "html"``. The title loses a trailing ``| Site name``.
* **JSON** (a list of records, one record, or ``{"articles"|"items"|"data"|…: [records]}``),
  **JSONL** (one record per line) and **CSV/TSV** (a header row; delimiter sniffed): one
  article per record. Field names are matched case-insensitively (see :data:`FIELDS`): title
  ``title/headline``, body ``text/body/maintext/content/article/…``, date
  ``date/published/publish_date/…``, ``url/link``, site ``source/site/source_domain/…``,
  ``author/authors/byline``, id ``id/_id/uuid/guid``, story id ``story_id/story/event_id/event``
  (``meta["story"]``, only when present, one line, and not the field the body came from). ``Article.text`` of a record is
  ``title\\n\\nbody`` with line endings made ``\\n``; a body without blank lines gets one
  paragraph per line, joined by blank lines; HTML tags in a body are stripped. The slug comes
  from the id, else the URL's last path segment, else the title, and is made unique within the
  file (``-2``, ``-3`` …). ``sha256`` is the hash of the record's ``Article.text``. A record
  file may be up to :data:`MAX_RECORD_FILE_BYTES` (100 MB); each record up to 5 MB.
  A bad record (no body, not an object, invalid JSON line, not English …) becomes one
  :class:`~newsnb.input.article.ArticleError` in ``load_all(path).problems``; the file's good records
  still load. A file with no good record raises one ArticleError for the file.

Measured (``benchmarks/html_extraction.py``): mean token F1 0.989 on newspaper4k's 8 pages with
expected text; 79/87 of trafilatura's snippet checks on its 15 English news pages.

Known limits: trafilatura may miss a paragraph set in an unusual container or keep a caption;
the date is trafilatura's (htmldate) guess; multi-page articles are not followed; CSV needs a
header row naming a body column.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import html as _html
import io
import json
import logging
import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from ..core import config
from .article import Article, ArticleError, parse_text, slugify
from .decode import binary_kind, decode
from .registry import register_loader

__all__ = ["FIELDS", "MAX_RECORD_FILE_BYTES", "load_csv", "load_html", "load_json", "load_jsonl"]

#: Size limit of a JSON/JSONL/CSV file (it holds many articles; each record is still limited to
#: ``config.MAX_ARTICLE_BYTES`` characters and ``MAX_STORY_WORDS`` words).
MAX_RECORD_FILE_BYTES = getattr(config, "MAX_RECORD_FILE_BYTES", 20 * config.MAX_ARTICLE_BYTES)

for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    # no stray log lines on stderr: the caller prints one line per bad file
    logging.getLogger(_name).addHandler(logging.NullHandler())


# --------------------------------------------------------------------------------------------
# Shared: build an article from a title and paragraphs

def _article(
    title: str | None,
    paragraphs: Iterable[str],
    *,
    slug: str,
    path: Path,
    fmt: str,
    meta: dict,
    sha256: str | None = None,
) -> Article:
    """Lay ``title`` and ``paragraphs`` out as ``title\\n\\np1\\n\\np2…`` and parse that."""
    title = " ".join((title or "").split())
    paras = [p.strip() for p in paragraphs if p and p.strip()]
    text = "\n\n".join(([title] if title else []) + paras)
    if text:
        text += "\n"
    return parse_text(
        text,
        slug=slug,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        path=path,
        format=fmt,
        meta=meta,
        has_headline=bool(title),
    )


def _iso_date(value: Any) -> str | None:
    """An ISO 8601 date/time for common date forms, else the value as text (None if empty)."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1e9 <= value < 1e10:  # Unix seconds
            return datetime.fromtimestamp(value, timezone.utc).isoformat()
        if 1e12 <= value < 1e13:  # Unix milliseconds
            return datetime.fromtimestamp(value / 1000, timezone.utc).isoformat()
        return str(value)
    s = " ".join(str(value).split())
    if not s:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        try:
            return date.fromisoformat(s).isoformat()
        except ValueError:
            return s
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).isoformat()  # RFC 2822, as in RSS
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in ("%Y/%m/%d", "%d/%m/%Y %H:%M", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d %H:%M:%S %Z"):
        try:
            return datetime.strptime(s, fmt).date().isoformat() if "%H" not in fmt else datetime.strptime(s, fmt).isoformat()
        except ValueError:
            continue
    return s


# --------------------------------------------------------------------------------------------
# HTML

_HTML_SNIFF = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html|<head|<body|<meta|<title|<article)",
    re.I | re.S,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
#: WHATWG: these labels mean windows-1252 in HTML.
_AS_CP1252 = {"ascii", "latin_1", "iso8859_1", "cp1252"}


def _decode_html(raw: bytes, path: Path) -> str:
    if raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(raw, path)
    kind = binary_kind(raw)
    if kind:
        raise ArticleError(path, f"binary file ({kind}), not an HTML page")
    m = _META_CHARSET.search(raw[:16384])
    if m:
        try:
            codec = codecs.lookup(m.group(1).decode("ascii")).name.replace("-", "_")
        except LookupError:
            codec = None
        if codec in _AS_CP1252:
            codec = "cp1252"
        if codec and not codec.startswith(("utf_16", "utf_32")):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                pass
    return decode(raw, path)


_TITLE_SEP = re.compile(r"\s+(?:\||-|–|—|::|·|»)\s+")


def _clean_title(title: str | None, site: str | None) -> str:
    """Drop a ``| Site`` (or ``Site |``) part from a page title."""
    title = " ".join((title or "").split())
    if not title or not site:
        return title
    seps = list(_TITLE_SEP.finditer(title))
    if not seps:
        return title
    site_l = site.lower()

    def is_site(part: str) -> bool:
        p = part.strip().lower()
        return bool(p) and len(p.split()) <= 5 and (site_l in p or p in site_l)

    if is_site(title[seps[-1].end():]):
        return title[: seps[-1].start()].strip()
    if is_site(title[: seps[0].start()]):
        return title[seps[0].end():].strip()
    return title


#: Page furniture inside the article container that trafilatura may keep: ad slots, sponsored
#: boxes, related-story lists, newsletter and share widgets (matched on class/id).
_PRUNE_XPATH = [
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' ad ')]",
    "//*[starts-with(@class, 'ad-') or contains(@class, ' ad-') or starts-with(@id, 'ad-')]",
    "//*[contains(@class, 'advert') or contains(@id, 'advert')]",
    "//*[contains(@class, 'sponsor') or contains(@class, 'promo-') or contains(@class, 'newsletter')]",
    "//*[contains(@class, 'related-') or contains(@class, '-related') or contains(@class, 'share-')]",
]


@register_loader("html", extensions=("html", "htm", "xhtml", "shtml"), sniff=lambda raw: bool(_HTML_SNIFF.match(raw)))
def load_html(raw: bytes, path: Path) -> list[Article]:
    """An HTML news page: trafilatura's main text, title, author, date, site name and URL."""
    import trafilatura

    page = _decode_html(raw, path)
    try:
        doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=True,
            prune_xpath=_PRUNE_XPATH,
        )
    except Exception as exc:  # trafilatura/lxml on hostile markup
        raise ArticleError(path, f"cannot parse the HTML page ({type(exc).__name__}: {exc})") from None
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    lines = [" ".join(line.split()) for line in body.splitlines()]
    lines = [line for line in lines if line]
    words = [len(line.split()) for line in lines]
    if not lines or (max(words) < 8 and sum(words) < 40):
        raise ArticleError(path, "no article text found in the HTML page (only navigation, links or other boilerplate)")
    site = getattr(doc, "sitename", None) or None
    title = _clean_title(getattr(doc, "title", None), site)
    if title and lines and lines[0].casefold() == title.casefold():
        lines = lines[1:]  # the page repeats its <h1> in the body
    date = getattr(doc, "date", None) or None
    meta = {
        "title": title or None,
        "author": getattr(doc, "author", None) or None,
        "date": _iso_date(date) if date else None,
        "site": site,
        "url": getattr(doc, "url", None) or None,
        "source_format": "html",
    }
    return [
        _article(
            title, lines, slug=slugify(path.stem), path=path, fmt="html", meta=meta, sha256=hashlib.sha256(raw).hexdigest()
        )
    ]


# --------------------------------------------------------------------------------------------
# Records: JSON, JSONL, CSV

#: Accepted field names (compared after lower-casing and turning spaces/hyphens into ``_``),
#: in order of preference.
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "head", "name"),
    "body": ("text", "body", "maintext", "main_text", "content", "article", "article_text", "article_body",
             "articlebody", "full_text", "fulltext", "story", "body_text"),
    "date": ("date", "published", "publish_date", "published_date", "published_at", "publishedat", "pubdate",
             "pub_date", "date_publish", "datetime", "date_published", "created_at", "timestamp"),
    "url": ("url", "link", "canonical_url", "source_url", "href", "permalink"),
    "site": ("source", "site", "site_name", "sitename", "source_domain", "domain", "publisher", "source_name", "outlet"),
    "author": ("author", "authors", "byline", "creator", "writer"),
    "id": ("id", "_id", "uuid", "guid", "article_id", "doc_id", "key"),
    # a story id set by the user (``newsnb stories`` keeps it); ``story`` is also a body alias, so
    # it is a story id only when the body came from another field and it is one short line
    "story": ("story_id", "storyid", "story", "event_id", "event"),
}
#: Keys of a JSON object that hold the list of records.
_LIST_KEYS = ("articles", "items", "records", "data", "results", "docs", "documents", "stories", "entries", "news")


def _norm_key(key: Any) -> str:
    return re.sub(r"[\s\-]+", "_", str(key).strip().lower())


def _text_of(value: Any, *, join: str = "; ") -> str:
    """A field value as text: lists joined, ``{"name": …}`` objects by their name."""
    if value is None:
        return ""
    if isinstance(value, dict):
        for k in ("name", "title", "id", "url"):
            if value.get(k):
                return _text_of(value[k])
        return ""
    if isinstance(value, (list, tuple)):
        return join.join(t for t in (_text_of(v) for v in value) if t)
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return str(value).strip()


def _field_key(record: dict, name: str, *, skip: Any = None) -> Any:
    """The key of ``record`` holding field ``name`` (first alias with a value), else None."""
    keys = {_norm_key(k): k for k in record}
    for alias in FIELDS[name]:
        k = keys.get(alias)
        if k is not None and k != skip and record[k] not in (None, "", [], {}):
            return k
    return None


def _field(record: dict, name: str) -> Any:
    k = _field_key(record, name)
    return None if k is None else record[k]


def _story_id(record: dict) -> str | None:
    """A user-given story id: a one-line value of at most 200 characters in a story field that
    did not supply the body."""
    k = _field_key(record, "story", skip=_field_key(record, "body"))
    value = _text_of(record[k]) if k is not None else ""
    return value if value and len(value) <= 200 and "\n" not in value else None


_TAG = re.compile(r"<[^>]{0,2000}>")
_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(?:p|div|h[1-6]|li|blockquote|tr)\s*>")


def _paragraphs(body: Any) -> list[str]:
    """Body paragraphs: a list of strings as given; text split on blank lines, else on lines."""
    if isinstance(body, (list, tuple)):
        return [p for p in (_text_of(v) for v in body) for p in _paragraphs(p)]
    text = _text_of(body, join="\n\n")
    if re.search(r"</?(?:p|br|div)\b", text, re.I):
        text = _html.unescape(_TAG.sub("", _BLOCK_END.sub("\n\n", text)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"\n[^\S\n]*\n", text):
        blocks = re.split(r"\n[^\S\n]*\n", text)
        return [b.strip() for b in blocks if b.strip()]
    return [line.strip() for line in text.split("\n") if line.strip()]


def _slug_source(record: dict) -> str:
    ident = _text_of(_field(record, "id"))
    if ident:
        return ident
    url = _text_of(_field(record, "url"))
    if url:
        parts = urlsplit(url)
        segs = [s for s in parts.path.split("/") if s]
        last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", segs[-1], flags=re.I) if segs else ""
        if slugify(last, fallback=""):
            return last
        return parts.netloc + parts.path
    return _text_of(_field(record, "title"))


#: Longest label value kept from a record's other fields (longer text is not a label).
MAX_LABEL_CHARS = 200


def _labels(record: dict, meta: dict) -> dict:
    """A record's other fields (``topic``, ``section``, ``bias``, ``tags`` …) that are labels: short
    one-line text, numbers, yes/no, or lists of short text; keyed by their normalised name. The
    fields newsnb reads as title, body, date, url, site, author, id or story are not repeated."""
    used = {_field_key(record, name) for name in FIELDS}
    out: dict = {}
    for key, value in record.items():
        name = _norm_key(key)
        if key in used or name in meta or not name or name.startswith("_"):
            continue
        if isinstance(value, bool) or (isinstance(value, (int, float)) and value == value):
            out[name] = value
        elif isinstance(value, str) and value.strip() and len(value) <= MAX_LABEL_CHARS and "\n" not in value:
            out[name] = value.strip()
        elif isinstance(value, list) and value and all(
                isinstance(v, str) and v.strip() and len(v) <= MAX_LABEL_CHARS and "\n" not in v for v in value):
            out[name] = [v.strip() for v in value]
    return out


def _records(items: Iterable[tuple[int, Any]], path: Path, fmt: str, *, where: str = "") -> list[Article | ArticleError]:
    """Articles (or per-record problems) for ``(record number, record)`` pairs."""
    out: list[Article | ArticleError] = []
    taken: set[str] = set()
    for n, rec in items:
        label = f"record {n}{where.format(n=n) if where else ''}"
        if isinstance(rec, ArticleError):
            out.append(rec)
            continue
        if not isinstance(rec, dict):
            out.append(ArticleError(path, f"{label}: not an object with article fields (a {type(rec).__name__})", record=n))
            continue
        title = _text_of(_field(rec, "title"))
        paras = _paragraphs(_field(rec, "body"))
        if not paras:
            fields = ", ".join(sorted(str(k) for k in rec)) or "none"
            out.append(ArticleError(
                path, f"{label}: no body text (need one of text, body, maintext, content; fields: {fields})"[:400], record=n
            ))
            continue
        base = slugify(_slug_source(rec), fallback=f"{slugify(path.stem)}-{n}")
        slug, k = base, 2
        while slug in taken:
            slug, k = f"{base}-{k}", k + 1
        taken.add(slug)
        ident = _field(rec, "id")
        meta = {
            "title": title or None,
            "author": _text_of(_field(rec, "author")) or None,
            "date": _iso_date(_field(rec, "date")),
            "site": _text_of(_field(rec, "site")) or None,
            "url": _text_of(_field(rec, "url")) or None,
            "id": _text_of(ident) if ident is not None else None,
            "record": n,
            "source_format": fmt,
        }
        story = _story_id(rec)
        if story:
            meta["story"] = story
        meta.update(_labels(rec, meta))
        out.append(_article(title, paras, slug=slug, path=path, fmt=fmt, meta=meta))
    return out


def _json_error(path: Path, exc: json.JSONDecodeError, what: str = "JSON") -> ArticleError:
    return ArticleError(path, f"not valid {what} (line {exc.lineno}, column {exc.colno}: {exc.msg})")


def _jsonl_items(text: str, path: Path) -> list[tuple[int, Any]]:
    items: list[tuple[int, Any]] = []
    n = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        n += 1
        try:
            items.append((n, json.loads(line)))
        except json.JSONDecodeError as exc:
            items.append((n, ArticleError(path, f"record {n} (line {lineno}): not valid JSON ({exc.msg}, column {exc.colno})", record=n)))
    return items


def _looks_like_jsonl(text: str) -> bool:
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


@register_loader("json", extensions=("json",), max_bytes=MAX_RECORD_FILE_BYTES, sniff=lambda raw: bool(re.match(rb'\A(?:\xef\xbb\xbf)?\s*(?:\[\s*)?\{\s*"', raw)))
def load_json(raw: bytes, path: Path) -> list[Article | ArticleError]:
    """A JSON list of article records, one record, or an object holding the list."""
    text = decode(raw, path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and _looks_like_jsonl(text):
            return _records(_jsonl_items(text, path), path, "jsonl")
        raise _json_error(path, exc) from None
    except RecursionError:
        raise ArticleError(path, "JSON nested too deeply") from None
    if isinstance(data, dict):
        key = next((k for k in data if _norm_key(k) in _LIST_KEYS and isinstance(data[k], list)), None)
        records = data[key] if key is not None else [data]
    elif isinstance(data, list):
        records = data
    else:
        raise ArticleError(path, f"JSON holds a {type(data).__name__}, not article records")
    if not records:
        raise ArticleError(path, "JSON holds no records")
    return _records(enumerate(records, 1), path, "json")


@register_loader("jsonl", extensions=("jsonl", "ndjson", "jsonlines"), max_bytes=MAX_RECORD_FILE_BYTES)
def load_jsonl(raw: bytes, path: Path) -> list[Article | ArticleError]:
    """JSON Lines: one article record per line (blank lines ignored)."""
    text = decode(raw, path)
    items = _jsonl_items(text, path)
    if not items:
        raise ArticleError(path, "no records")
    return _records(items, path, "jsonl")


def _dialect(sample: str, path: Path) -> type[csv.Dialect] | csv.Dialect:
    if path.suffix.lower() in (".tsv", ".tab"):
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


@register_loader("csv", extensions=("csv", "tsv", "tab"), max_bytes=MAX_RECORD_FILE_BYTES)
def load_csv(raw: bytes, path: Path) -> list[Article | ArticleError]:
    """CSV or TSV with a header row; one article per data row."""
    text = decode(raw, path)
    limit = max(csv.field_size_limit(), config.MAX_ARTICLE_BYTES)
    csv.field_size_limit(limit)
    sample = text[:16384]
    first_line = sample.split("\n", 1)[0]
    dialect = _dialect(first_line + "\n" + sample, path) if first_line else csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise ArticleError(path, f"not valid CSV ({exc})") from None
    known = {_norm_key(h) for h in header if h is not None}
    if not known & set(FIELDS["body"]):
        shown = ", ".join(str(h) for h in header[:12]) or "none"
        raise ArticleError(path, f"CSV header has no body column (need one of text, body, maintext, content; header: {shown})"[:400])
    items: list[tuple[int, Any]] = []
    n = 0
    try:
        for row in reader:
            n += 1
            row.pop(None, None)  # surplus cells of a ragged row
            items.append((n, {k: v for k, v in row.items() if k is not None}))
    except csv.Error as exc:
        items.append((n + 1, ArticleError(path, f"record {n + 1} (line {reader.line_num}): not valid CSV ({exc})", record=n + 1)))
    if not items:
        raise ArticleError(path, "CSV has a header but no rows")
    return _records(items, path, "csv")
