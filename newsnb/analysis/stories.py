"""The same story, different outlets: which articles of a batch cover the same event.

:func:`group` gives every article a story id. It needs only each article's title, text, date
and outlet (an :class:`Item`, made from a loaded :class:`~newsnb.input.Article` by
:func:`item_from_article` or from a report's analysis JSON by :func:`item_from_data`), so it
runs without spaCy and scales to 100,000 articles. A story id given in the input (a ``story``
field or column of JSON/CSV, kept in ``Article.meta["story"]``, or the folder with
``story_from_folder``) overrides the automatic grouping for that article. The outlet comes from
the metadata (``source``/``outlet``/``site`` of JSON/CSV, the HTML page's site name) or the
folder (``outlet_from_folder``). :func:`stories` returns the table ``newsnb stories`` prints.

Method
  1. *Features.* Each article is the title (counted twice) and the first
     :data:`LEAD_CHARS` characters of the text. Two sparse TF-IDF blocks (scikit-learn,
     sublinear tf, English stop words dropped, words in more than half the articles dropped):
     lower-cased words, and *names* — runs of capitalised words (``n:barack_obama``, plus each
     word of the run), which stand in for shared named entities. The name block is weighted
     :data:`NAME_WEIGHT` against the word block; rows are L2-normalised, so a dot product is a
     cosine similarity.
  2. *Candidate pairs, blocked by date.* Dated articles are sorted by day and compared, a chunk
     of days at a time, only with articles dated at most :data:`WINDOW_DAYS` days apart (one
     sparse matrix product per chunk; pairs under :data:`CANDIDATE_MIN` are dropped as soon as
     they are computed). Articles without a date are compared with every article, but only
     through each article's :data:`TOP_TERMS` heaviest terms (pairs sharing none are never
     scored), then scored exactly. The cost grows with the number of articles per date window,
     not with the square of the batch.
  3. *Clusters.* Candidate pairs form a graph; in each connected component, average-link
     agglomerative clustering (SciPy) over the pair similarities, where a pair that is not a
     candidate counts as similarity 0 and a pair from one outlet is scaled by
     :data:`SAME_OUTLET` (an outlet seldom files two reports of one event in one batch) and two
     dated articles more than :data:`WINDOW_DAYS` apart count as −1 (so an undated article
     cannot bridge them), cut at :data:`THRESHOLD`. A component over :data:`MAX_COMPONENT` articles is first split by
     raising its edge threshold step by step.
  4. *Ids.* A story id is the slug of the earliest article's headline (first six words; among
     articles of the same day, the first headline in alphabetical order) and six hex digits of a
     hash of that article's title, text and date: readable, the same from ``newsnb stories`` and
     from a reports folder, and stable while the story's earliest article stays the same. A given
     story id is slugified.

Measured (``benchmarks/stories.py``; figures in the README): pairwise F1 on basil-dev alone,
with same-day ABP distractors, with later-event ABP distractors, and wall time and peak memory
for 100,000 articles.

Known limits
  - Words, not meaning: two reports of one event with few words in common (an explainer and a
    reaction piece) can stay apart; two events with the same cast on the same days (two votes on
    one bill in a week) can merge.
  - A story never spans more than :data:`WINDOW_DAYS` days between its members' neighbours:
    a follow-up a fortnight later is a new story.
  - An undated article joins a story only through terms among its :data:`TOP_TERMS` heaviest.
  - Capitalised words stand in for named entities: sentence-initial words count too (their
    weight is cut by IDF); other languages than English are not tokenised well.
  - Cost is quadratic within a date window: 100,000 articles of one week would compare
    each article with all others (chunked, so memory stays bounded, but slow).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import numpy as np
import pandas as pd

from ..core import config
from ..input.article import slugify

if TYPE_CHECKING:  # pragma: no cover
    from scipy import sparse

    from ..input.article import Article

__all__ = [
    "Item", "item_from_article", "item_from_data", "group", "stories", "story_id", "STORY_COLUMNS",
    "THRESHOLD", "WINDOW_DAYS", "UNKNOWN_OUTLET", "components", "outlet_from_meta", "outlet_of", "read_stories", "load_items",
]

#: Characters of each article's text (after the title) that the features read: the lead carries
#: the event; the rest adds background shared with other stories.
LEAD_CHARS = 3000
#: Weight of the capitalised-name block against the word block.
NAME_WEIGHT = 0.8
#: Articles further apart than this many days are never compared.
WINDOW_DAYS = 4
#: Pairs under this similarity are not candidates.
CANDIDATE_MIN = 0.08
#: Average-link cut: a story's articles are on average at least this similar.
THRESHOLD = 0.17
#: Factor on the similarity of two articles from the same outlet.
SAME_OUTLET = 0.7
#: Terms per article used to find candidates for undated articles.
TOP_TERMS = 25
#: Candidates scored exactly per undated article.
NEIGHBOURS = 30
#: Connected components larger than this are split before the (quadratic) average-link step.
MAX_COMPONENT = 2000
#: Articles per chunk of the blocked similarity products.
CHUNK = 2000

STORY_COLUMNS = ["key", "slug", "story", "given", "outlet", "date", "title", "path", "record"]


@dataclass
class Item:
    """What grouping needs of one article. ``key`` names it in the output (a path, or
    ``path#record`` for one record of a JSON/CSV file); ``story`` is a story id given in the
    input (None: automatic)."""

    key: str
    title: str = ""
    text: str = ""
    date: date | None = None
    outlet: str | None = None
    story: str | None = None
    slug: str = ""
    path: str | None = None
    record: int | None = None
    extra: dict = field(default_factory=dict)


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value or ""))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _clean(value: Any) -> str | None:
    s = " ".join(str(value).split()) if isinstance(value, str) else ""
    return s or None


def outlet_from_meta(meta: dict) -> str | None:
    """The outlet an article's metadata names (``outlet``, ``source`` or ``site``), or None."""
    for k in ("outlet", "source", "site"):
        v = _clean(meta.get(k))
        if v:
            return v
    return None


#: The outlet of an article whose metadata names none.
UNKNOWN_OUTLET = "unknown outlet"


def outlet_of(data: dict) -> str:
    """The outlet of one article's analysis dict (``reports/data/<slug>.json``), or
    :data:`UNKNOWN_OUTLET`."""
    meta = (data.get("article") or {}).get("meta")
    return outlet_from_meta(meta if isinstance(meta, dict) else {}) or UNKNOWN_OUTLET


def read_stories(src: "str | Path | list | None" = None) -> dict[str, dict]:
    """``stories/stories.json`` of a reports folder: story id → its entry (``slugs``,
    ``outlets``, ``headline``, ``date``, ``html``); empty when absent or unreadable."""
    if isinstance(src, list):
        return {}
    path = (Path(src) if src else config.REPORTS_DIR) / "stories" / "stories.json"
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    entries = data.get("stories") if isinstance(data, dict) else None
    return {e["story"]: e for e in entries or [] if isinstance(e, dict) and isinstance(e.get("story"), str)}


def _key(path: Any, record: Any, multi: bool) -> str:
    p = str(path) if path else "<text>"
    return f"{p}#{record}" if multi and record else p


def item_from_article(article: "Article", *, multi: bool = False, outlet_from_folder: bool = False,
                      story_from_folder: bool = False) -> Item:
    """An :class:`Item` of a loaded article. ``multi``: the file holds several articles, so the
    key gains ``#record``. With ``outlet_from_folder`` / ``story_from_folder`` the name of the
    file's folder is the outlet / story id, over the metadata."""
    meta = article.meta or {}
    folder = article.path.parent.name if article.path is not None else None
    record = meta.get("record")
    return Item(
        key=_key(article.path, record, multi),
        title=article.title,
        text=article.body,
        date=_date(meta.get("date")),
        outlet=(folder if outlet_from_folder and folder else None) or outlet_from_meta(meta),
        story=(folder if story_from_folder and folder else None) or _clean(meta.get("story")),
        slug=article.slug,
        path=str(article.path) if article.path is not None else None,
        record=record if isinstance(record, int) else None,
        extra={"url": meta.get("url")} if meta.get("url") else {},
    )


def item_from_data(data: dict, slug: str | None = None) -> Item:
    """An :class:`Item` of one article's analysis JSON (``reports/data/<slug>.json``)."""
    art = data.get("article") or {}
    meta = art.get("meta") if isinstance(art.get("meta"), dict) else {}
    head = art.get("headline") if isinstance(art.get("headline"), dict) else {}
    paras = [p.get("text") or "" for p in art.get("paragraphs") or [] if isinstance(p, dict)]
    slug = slug or data.get("_slug") or art.get("slug") or ""
    return Item(
        key=slug, title=head.get("text") or "", text="\n\n".join(paras), date=_date(meta.get("date")),
        outlet=outlet_from_meta(meta), story=_clean(meta.get("story")), slug=slug, path=art.get("path"),
        record=meta.get("record") if isinstance(meta.get("record"), int) else None,
    )


# ------------------------------------------------------------------------------------ features

_NAME_RUN = re.compile(r"(?:[A-Z][\w'’.&-]*[\w])(?:\s+(?:of\s+|the\s+|de\s+)?[A-Z][\w'’.&-]*[\w])*")
_POSSESSIVE = re.compile(r"['’]s$")


def _names(text: str) -> str:
    """The capitalised-word runs of ``text`` as tokens: each run joined by ``_`` and each word."""
    out = []
    for m in _NAME_RUN.finditer(text):
        words = [_POSSESSIVE.sub("", w).lower() for w in m.group(0).split() if w[0].isupper()]
        words = [w for w in words if len(w) > 1]
        if not words:
            continue
        out.extend(words)
        if len(words) > 1:
            out.append("_".join(words))
    return " ".join(out)


def _features(items: Sequence[Item]) -> "sparse.csr_matrix":
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    docs = [f"{it.title}. {it.title}. {it.text[:LEAD_CHARS]}" for it in items]
    n = len(docs)
    max_df = 0.5 if n >= 20 else 1.0
    common = dict(sublinear_tf=True, min_df=1, max_df=max_df, dtype=np.float32)
    words = TfidfVectorizer(stop_words="english", token_pattern=r"(?u)\b[^\W\d_][\w'-]*\w\b", lowercase=True, **common)
    names = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, **common)
    blocks = []
    for vec, texts, weight in ((words, docs, 1.0), (names, [_names(d) for d in docs], NAME_WEIGHT)):
        try:
            m = vec.fit_transform(texts)
        except ValueError:  # empty vocabulary (tiny or empty batch)
            m = sparse.csr_matrix((n, 0), dtype=np.float32)
        blocks.append(m * weight)
    x = sparse.hstack(blocks, format="csr", dtype=np.float32)
    return normalize(x, norm="l2", copy=False)


# ------------------------------------------------------------------------------ candidate pairs

def _keep(block: "sparse.spmatrix", rows: np.ndarray, cols: np.ndarray, minimum: float,
          out: dict[tuple[int, int], float], days: np.ndarray | None = None, window: int = 0) -> None:
    """Add the pairs of ``block`` (rows × cols) at or over ``minimum`` to ``out``; with ``days``,
    only pairs at most ``window`` days apart."""
    coo = block.tocoo()
    mask = coo.data >= minimum
    if days is not None:
        mask &= np.abs(days[rows[coo.row]] - days[cols[coo.col]]) <= window
    for i, j, v in zip(rows[coo.row[mask]], cols[coo.col[mask]], coo.data[mask]):
        if i != j:
            a, b = (int(i), int(j)) if i < j else (int(j), int(i))
            out[(a, b)] = float(v)


def _top_terms(x: "sparse.csr_matrix", k: int) -> "sparse.csr_matrix":
    """``x`` with only the ``k`` heaviest terms of each row kept (weights kept)."""
    from scipy import sparse

    x = x.tocsr()
    lengths = np.diff(x.indptr)
    keep = np.ones(x.nnz, dtype=bool)
    for r in np.flatnonzero(lengths > k):
        lo, hi = x.indptr[r], x.indptr[r + 1]
        drop = np.argpartition(-x.data[lo:hi], k)[k:]
        keep[lo + drop] = False
    rows = np.repeat(np.arange(x.shape[0]), lengths)[keep]
    return sparse.csr_matrix((x.data[keep], (rows, x.indices[keep])), shape=x.shape)


def _undated_pairs(x: "sparse.csr_matrix", undated: np.ndarray, minimum: float, pairs: dict[tuple[int, int], float]) -> None:
    """Candidates of undated articles among all: the :data:`NEIGHBOURS` best by their top-term
    overlap (an under-estimate of the cosine), then scored exactly."""
    top = _top_terms(x, TOP_TERMS)
    top_t = top.T.tocsr()
    for s in range(0, len(undated), CHUNK // 4):
        rows = undated[s:s + CHUNK // 4]
        approx = (top[rows] @ top_t).tocsr()
        ii, jj = [], []
        for k, r in enumerate(rows):
            lo, hi = approx.indptr[k], approx.indptr[k + 1]
            cols, vals = approx.indices[lo:hi], approx.data[lo:hi]
            mask = cols != r
            cols, vals = cols[mask], vals[mask]
            if len(cols) > NEIGHBOURS:
                cols = cols[np.argpartition(-vals, NEIGHBOURS)[:NEIGHBOURS]]
            ii.extend([r] * len(cols))
            jj.extend(cols.tolist())
        if not ii:
            continue
        ii_a, jj_a = np.array(ii), np.array(jj)
        sims = np.asarray(x[ii_a].multiply(x[jj_a]).sum(axis=1)).ravel()
        for i, j, v in zip(ii_a, jj_a, sims):
            if v >= minimum:
                a, b = (int(i), int(j)) if i < j else (int(j), int(i))
                pairs[(a, b)] = float(v)


def _candidates(x: "sparse.csr_matrix", days: np.ndarray, *, window: int, minimum: float) -> dict[tuple[int, int], float]:
    """Similar pairs ``(i, j) → cosine`` (i < j) among articles at most ``window`` days apart;
    articles with ``days == -1`` (no date) through their top terms against all."""
    pairs: dict[tuple[int, int], float] = {}
    dated = np.flatnonzero(days >= 0)
    undated = np.flatnonzero(days < 0)
    if len(dated):
        order = dated[np.argsort(days[dated], kind="stable")]
        d_sorted = days[order]
        start = 0
        while start < len(order):
            # a chunk of whole days, then everything from its first day to its last day + window
            end = min(start + CHUNK, len(order))
            end = int(np.searchsorted(d_sorted, d_sorted[end - 1], side="right"))
            hi = int(np.searchsorted(d_sorted, d_sorted[end - 1] + window, side="right"))
            rows, cols = order[start:end], order[start:hi]
            block = x[rows] @ x[cols].T
            _keep(block, rows, cols, minimum, pairs, days, window)
            start = end
    if len(undated):
        _undated_pairs(x, undated, minimum, pairs)
    return pairs


# ------------------------------------------------------------------------------------ clusters

def components(n: int, edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return list(groups.values())


def _average_link(members: list[int], sims: dict[tuple[int, int], float], threshold: float,
                  days: np.ndarray | None = None, window: int = 0) -> list[list[int]]:
    """Average-link clusters of ``members`` cut at ``threshold`` (missing pairs count as 0; two
    dated articles more than ``window`` days apart count as −1, so an undated article cannot
    bridge them)."""
    from scipy.cluster.hierarchy import fcluster, linkage

    if len(members) == 1:
        return [members]
    pos = {m: k for k, m in enumerate(members)}
    n = len(members)
    dist = np.ones((n, n), dtype=np.float64)
    for (a, b), v in sims.items():
        if a in pos and b in pos:
            dist[pos[a], pos[b]] = dist[pos[b], pos[a]] = min(1.0, max(0.0, 1.0 - v))
    if days is not None:
        d = days[members]
        far = (np.abs(d[:, None] - d[None, :]) > window) & (d[:, None] >= 0) & (d[None, :] >= 0)
        dist[far] = 2.0
    np.fill_diagonal(dist, 0.0)
    condensed = dist[np.triu_indices(n, 1)]
    labels = fcluster(linkage(condensed, method="average"), t=1.0 - threshold, criterion="distance")
    out: dict[int, list[int]] = defaultdict(list)
    for m, lab in zip(members, labels):
        out[int(lab)].append(m)
    return list(out.values())


def _cluster(n: int, sims: dict[tuple[int, int], float], threshold: float, days: np.ndarray | None = None,
             window: int = 0) -> list[list[int]]:
    clusters: list[list[int]] = []
    todo = [(list(range(n)), dict(sims), CANDIDATE_MIN)]
    while todo:
        members, pairs, floor = todo.pop()
        if len(members) < n or floor > CANDIDATE_MIN:
            pairs = {k: v for k, v in pairs.items() if v >= floor}
        index = {m: k for k, m in enumerate(members)}
        local = [(index[a], index[b]) for a, b in pairs if a in index and b in index]
        by_comp: dict[int, dict] = defaultdict(dict)
        comps = components(len(members), local)
        where = {}
        for c, comp in enumerate(comps):
            for k in comp:
                where[members[k]] = c
        for (a, b), v in pairs.items():
            if a in where and where[a] == where.get(b):
                by_comp[where[a]][(a, b)] = v
        for c, comp in enumerate(comps):
            group = [members[k] for k in comp]
            if len(group) > MAX_COMPONENT and floor < 0.95:
                todo.append((group, by_comp[c], floor + 0.05))
            else:
                clusters.extend(_average_link(group, by_comp[c], threshold, days, window))
    return clusters


# ------------------------------------------------------------------------------------ story ids

def story_id(item: Item) -> str:
    """The id of a story whose earliest article is ``item``: headline slug + 6 hex digits."""
    words = re.findall(r"[A-Za-z0-9]+", item.title)[:6]
    head = slugify(" ".join(words), fallback="story")[:48].strip("-_") or "story"
    digest = hashlib.sha1(f"{item.title}\n{item.date}\n{item.text[:2000]}".encode("utf-8", "replace")).hexdigest()[:6]
    return f"{head}-{digest}"


def _given_id(value: str) -> str:
    slug = slugify(value, fallback="")
    if slug:
        return slug
    return "story-" + hashlib.sha1(value.encode("utf-8", "replace")).hexdigest()[:6]


def group(items: Sequence[Item], *, threshold: float | None = None, window: int | None = None,
          same_outlet: float | None = None) -> list[str]:
    """A story id for every item, in order (see the module docstring for the method; the
    options default to :data:`THRESHOLD`, :data:`WINDOW_DAYS` and :data:`SAME_OUTLET`)."""
    threshold = THRESHOLD if threshold is None else threshold
    window = WINDOW_DAYS if window is None else window
    same_outlet = SAME_OUTLET if same_outlet is None else same_outlet
    ids: list[str | None] = [_given_id(it.story) if it.story else None for it in items]
    auto = [k for k, v in enumerate(ids) if v is None]
    if auto:
        sub = [items[k] for k in auto]
        x = _features(sub)
        days = np.array([it.date.toordinal() if it.date else -1 for it in sub], dtype=np.int64)
        sims = _candidates(x, days, window=window, minimum=CANDIDATE_MIN)
        if same_outlet != 1.0:
            for (a, b), v in list(sims.items()):
                if sub[a].outlet and sub[a].outlet == sub[b].outlet:
                    sims[(a, b)] = v * same_outlet
        for members in _cluster(len(sub), sims, threshold, days, window):
            first = min(members, key=lambda k: (sub[k].date or date.max, sub[k].title, sub[k].text, sub[k].key))
            sid = story_id(sub[first])
            for k in members:
                ids[auto[k]] = sid
    # two different stories whose ids collide (same headline start and hash) stay apart
    return [str(v) for v in ids]


def stories(items: Sequence[Item], **options: Any) -> pd.DataFrame:
    """One row per item (columns :data:`STORY_COLUMNS`): ``key``, ``slug``, ``story``, ``given``
    (the story id came from the input), ``outlet``, ``date`` (ISO or None), ``title``, ``path``,
    ``record``; in input order."""
    ids = group(items, **options)
    rows = [{
        "key": it.key, "slug": it.slug, "story": sid, "given": bool(it.story), "outlet": it.outlet,
        "date": it.date.isoformat() if it.date else None, "title": it.title, "path": it.path, "record": it.record,
    } for it, sid in zip(items, ids)]
    return pd.DataFrame(rows, columns=STORY_COLUMNS, dtype=object)


def load_items(paths: Iterable[str | Path], *, outlet_from_folder: bool = False, story_from_folder: bool = False,
               english: bool = False) -> tuple[list[Item], list[str]]:
    """Items of every article under ``paths`` (files, folders, globs) and one line per file or
    record that could not be read. ``english=False`` skips the language check (grouping works
    on any text and the check is the slowest part of loading)."""
    from ..input.article import ArticleError
    from ..input.discovery import discover
    from ..input.loaders import load_all

    items: list[Item] = []
    problems: list[str] = []
    found = discover([str(p) for p in paths])
    problems.extend(found.skipped_lines())
    for path in found.files:
        try:
            arts = load_all(path, english=english)
        except ArticleError as exc:
            problems.append(str(exc))
            continue
        multi = len(arts) + len(arts.problems) > 1
        for a in arts:
            items.append(item_from_article(a, multi=multi, outlet_from_folder=outlet_from_folder,
                                           story_from_folder=story_from_folder))
        problems.extend(str(p) for p in arts.problems)
    return items, problems
