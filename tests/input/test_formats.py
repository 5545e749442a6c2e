"""One test set per input format: HTML, JSON, JSONL, CSV, Markdown (hand-written inputs)."""
from __future__ import annotations

import json

import pytest

from newsnb.core import config
from newsnb.input import ArticleError, Loaded, load, load_all

PARAS = [
    "The Harbour Bridge reopened to traffic on Tuesday morning after a two-year repair that cost "
    "the city more than 40 million dollars, officials said.",
    "Mayor Ana Lopez cut the ribbon at 7 a.m. and said the bridge would carry about 60,000 cars a day. "
    "“This bridge is the spine of our city,” she told a crowd of commuters.",
    "Engineers replaced the steel deck, repainted the towers and added a protected lane for bicycles. "
    "The work ran six months late because of a shortage of steel.",
]

HTML_PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Harbour Bridge reopens after two-year repair | Example Gazette</title>
  <meta property="og:title" content="Harbour Bridge reopens after two-year repair">
  <meta property="og:site_name" content="Example Gazette">
  <meta name="author" content="Maria Stone">
  <meta property="article:published_time" content="2024-03-05T07:30:00+00:00">
  <link rel="canonical" href="https://gazette.example.com/city/2024/03/05/harbour-bridge-reopens">
</head>
<body>
  <header>
    <nav class="main-nav"><ul>
      <li><a href="/">Home</a></li><li><a href="/city">City news</a></li>
      <li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion pieces</a></li>
    </ul></nav>
  </header>
  <div class="ad-banner">Advertisement: Buy the new Turbo Blender today and save forty percent</div>
  <main>
    <article>
      <h1>Harbour Bridge reopens after two-year repair</h1>
      <p class="byline">By Maria Stone</p>
      <time datetime="2024-03-05">March 5, 2024</time>
      <p>{PARAS[0]}</p>
      <div class="ad">Sponsored: Cheap flights to sunny places with Fly Away Airlines</div>
      <p>{PARAS[1]}</p>
      <p>{PARAS[2]}</p>
    </article>
    <aside class="related-stories">
      <h2>Related stories</h2>
      <ul>
        <li><a href="/city/ferry-strike">Ferry workers vote to strike over summer pay deal</a></li>
        <li><a href="/city/tunnel">Council delays decision on the second road tunnel again</a></li>
      </ul>
    </aside>
  </main>
  <footer><p>Copyright Example Gazette. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body>
</html>
"""

JUNK = ["Home", "City news", "Turbo Blender", "Fly Away", "Ferry workers", "second road tunnel", "Copyright", "Privacy policy"]


def _offsets_ok(a) -> None:
    for p in [a.headline, *a.key_points, *a.paragraphs, *a.boilerplate, *a.promos]:
        if p is not None:
            assert a.text[p.start:p.end] == p.text


def test_html_page_extraction_and_metadata(tmp_path):
    f = tmp_path / "bridge.html"
    f.write_text(HTML_PAGE, encoding="utf-8")
    a = load(f)
    assert a.format == "html"
    assert a.title == "Harbour Bridge reopens after two-year repair"
    assert [p.text for p in a.paragraphs] == PARAS
    assert a.text == a.title + "\n\n" + "\n\n".join(PARAS) + "\n"
    for junk in JUNK:
        assert junk not in a.text, junk
    assert a.meta == {
        "title": "Harbour Bridge reopens after two-year repair",
        "author": "Maria Stone",
        "date": "2024-03-05",
        "site": "Example Gazette",
        "url": "https://gazette.example.com/city/2024/03/05/harbour-bridge-reopens",
        "source_format": "html",
    }
    _offsets_ok(a)


def test_html_is_sniffed_in_a_txt_file_and_meta_charset_is_honoured(tmp_path):
    page = HTML_PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("Mayor Ana Lopez", "Mayor Ana López")
    f = tmp_path / "saved page.txt"
    f.write_bytes(page.encode("cp1252"))
    a = load(f)
    assert a.format == "html"
    assert "Mayor Ana López cut the ribbon" in a.paragraphs[1].text
    assert "“This bridge is the spine of our city,”" in a.paragraphs[1].text


def test_markdown_front_matter_and_headline(tmp_path):
    f = tmp_path / "story.md"
    f.write_text("---\ntitle: ignored\ntags: [a, b]\n---\n\n# Bridge *reopens*\n\n- Two years of work\n\n" + "\n\n".join(PARAS) + "\n", encoding="utf-8")
    a = load(f)
    assert a.format == "markdown"
    assert a.title == "Bridge *reopens*"
    assert [k.text for k in a.key_points] == ["Two years of work"]
    assert [p.text for p in a.paragraphs] == PARAS
    assert a.boilerplate[0].text.startswith("---\ntitle: ignored")
    assert "ignored" not in a.analysis_text()
    _offsets_ok(a)


RECORDS = [
    {"id": "bridge-1", "title": "Bridge reopens", "text": PARAS[0] + "\n\n" + PARAS[1], "date": "2024-03-05T07:30:00Z",
     "url": "https://gazette.example.com/a/bridge.html", "source": {"id": "gz", "name": "Example Gazette"}, "authors": ["Maria Stone", "Li Wei"]},
    {"Headline": "Bridge reopens", "maintext": PARAS[2], "published": "Tue, 05 Mar 2024 07:30:00 GMT", "url": "https://gazette.example.com/a/bridge-two.html"},
    {"headline": "Bridge reopens", "body": PARAS[0]},
    {"headline": "Bridge reopens", "body": PARAS[1]},
    {"title": "No body here", "url": "https://gazette.example.com/a/empty"},
]


def _check_records(found: Loaded, fmt: str) -> None:
    assert [a.slug for a in found] == ["bridge-1", "bridge-two", "bridge-reopens", "bridge-reopens-2"]
    first = found[0]
    assert first.format == fmt
    assert first.text == "Bridge reopens\n\n" + PARAS[0] + "\n\n" + PARAS[1] + "\n"
    assert [p.text for p in first.paragraphs] == PARAS[:2]
    assert first.meta["site"] == "Example Gazette"
    assert first.meta["author"] == "Maria Stone; Li Wei"
    assert first.meta["date"] == "2024-03-05T07:30:00+00:00"
    assert first.meta["source_format"] == fmt
    assert found[1].meta["date"] == "2024-03-05T07:30:00+00:00"
    assert found[1].title == "Bridge reopens"
    for a in found:
        _offsets_ok(a)
    assert len(found.problems) == 1
    problem = found.problems[0]
    assert isinstance(problem, ArticleError) and problem.record == 5
    assert "record 5" in str(problem) and "no body text" in str(problem) and "\n" not in str(problem)


def test_json_list(tmp_path):
    f = tmp_path / "feed.json"
    f.write_text(json.dumps(RECORDS), encoding="utf-8")
    _check_records(load_all(f), "json")


def test_json_object_with_articles_key(tmp_path):
    f = tmp_path / "feed.json"
    f.write_text(json.dumps({"status": "ok", "totalResults": 5, "articles": RECORDS}), encoding="utf-8")
    _check_records(load_all(f), "json")


def test_jsonl(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n\n", encoding="utf-8")
    _check_records(load_all(f), "jsonl")


def test_jsonl_bad_line_is_one_problem(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps(RECORDS[0]) + "\n{not json\n", encoding="utf-8")
    found = load_all(f)
    assert [a.slug for a in found] == ["bridge-1"]
    assert [str(p) for p in found.problems] == [f"{f}: record 2 (line 2): not valid JSON (Expecting property name enclosed in double quotes, column 2)"]


def test_csv(tmp_path):
    import csv

    f = tmp_path / "feed.csv"
    with f.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["ID", "Title", "Text", "Date", "URL", "Source", "Author"])
        w.writerow(["bridge-1", "Bridge reopens", PARAS[0] + "\n\n" + PARAS[1], "2024-03-05T07:30:00Z",
                    "https://gazette.example.com/a/bridge.html", "Example Gazette", "Maria Stone; Li Wei"])
        w.writerow(["", "Bridge reopens", PARAS[2], "Tue, 05 Mar 2024 07:30:00 GMT", "https://gazette.example.com/a/bridge-two.html", "", ""])
        w.writerow(["", "Bridge reopens", PARAS[0], "", "", "", ""])
        w.writerow(["", "Bridge reopens", PARAS[1], "", "", "", ""])
        w.writerow(["", "No body here", "", "", "https://gazette.example.com/a/empty", "", ""])
    _check_records(load_all(f), "csv")


def test_tsv_and_semicolon_csv(tmp_path):
    t = tmp_path / "feed.tsv"
    t.write_text("headline\tcontent\nBridge reopens\t" + PARAS[0] + "\n", encoding="utf-8")
    assert [a.paragraphs[0].text for a in load_all(t)] == [PARAS[0]]
    s = tmp_path / "feed.csv"
    s.write_text('headline;content\nBridge reopens;"' + PARAS[0] + '"\n', encoding="utf-8")
    assert [a.paragraphs[0].text for a in load_all(s)] == [PARAS[0]]


def test_record_body_as_html_and_as_list(tmp_path):
    f = tmp_path / "feed.json"
    f.write_text(json.dumps([
        {"title": "Tags", "content": f"<p>{PARAS[0]}</p><p>{PARAS[2].replace('and', '&amp;', 1)}</p>"},
        {"title": "List", "text": [PARAS[1], PARAS[2]]},
    ]), encoding="utf-8")
    a, b = load_all(f)
    assert [p.text for p in a.paragraphs] == [PARAS[0], PARAS[2].replace("and", "&", 1)]
    assert [p.text for p in b.paragraphs] == PARAS[1:]


def test_record_file_without_good_records_raises_one_line(tmp_path):
    f = tmp_path / "feed.json"
    f.write_text(json.dumps([{"title": "a"}, {"title": "b"}]), encoding="utf-8")
    with pytest.raises(ArticleError) as err:
        load_all(f)
    assert str(err.value).startswith(f"{f}: no usable article in 2 record(s)")
    assert "\n" not in str(err.value)


def test_non_english_record_is_a_problem_not_a_crash(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps(RECORDS[0]) + "\n" + json.dumps({
        "title": "Le pont rouvre", "text": "Le pont a rouvert mardi après deux ans de travaux. Les élus ont dit que le "
        "pont est essentiel pour la ville et que les travaux ont coûté plus de quarante millions."}) + "\n", encoding="utf-8")
    found = load_all(f)
    assert [a.slug for a in found] == ["bridge-1"]
    assert len(found.problems) == 1 and "record 2: text is not English" in str(found.problems[0])


def test_load_refuses_multi_record_files(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in RECORDS[:2]), encoding="utf-8")
    with pytest.raises(ArticleError, match="holds 2 articles"):
        load(f)


@pytest.mark.shared
@pytest.mark.skipif(not (config.SHARED_DIR / "corpus" / "html" / "newspaper4k").is_dir(), reason="../shared corpus not present")
def test_real_pages_match_expected_text():
    """newspaper4k's real pages: mean token F1 of the extracted story against the expected text."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("html_extraction", config.PROJECT_ROOT / "benchmarks" / "html_extraction.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    root = config.SHARED_DIR / "corpus" / "html" / "newspaper4k"
    scores = []
    for page in sorted((root / "html").glob("*.html")):
        expected = root / "txt" / f"{page.stem}.txt"
        if expected.is_file():
            scores.append(bench.token_f1(bench.story(page), expected.read_text(encoding="utf-8"))[0])
    assert len(scores) >= 5
    assert sum(scores) / len(scores) >= 0.9, scores


def test_record_files_may_exceed_the_per_article_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "MAX_ARTICLE_BYTES", 2000)
    f = tmp_path / "feed.jsonl"
    recs = [{"id": f"r{i}", "title": "Bridge reopens", "text": PARAS[i % 3]} for i in range(30)]
    recs.append({"id": "huge", "title": "Too long", "text": " ".join(PARAS) * 20})
    f.write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    assert f.stat().st_size > 2000
    found = load_all(f)
    assert len(found) == 30
    assert [str(p).split(": ", 1)[1] for p in found.problems] == ["record 31: record is 9,471 characters; the limit is 2,000 per article"]
    txt = tmp_path / "big.txt"
    txt.write_text("Bridge reopens\n\n" + " ".join(PARAS) * 5)
    with pytest.raises(ArticleError, match="the limit is 2,000 bytes per article"):
        load_all(txt)


@pytest.mark.parametrize("field, value, kept", [
    ("topic", "transport", "transport"),
    ("Section", "City", "City"),            # key normalised to "section"
    ("bias", "left", "left"),
    ("tags", ["bridges", "budget"], ["bridges", "budget"]),
    ("page", 3, 3),
    ("paywalled", False, False),
    ("summary", "One line.\nTwo lines.", None),  # multi-line text is not a label
    ("notes", "x" * 201, None),                # longer than MAX_LABEL_CHARS
    ("extra", {"nested": 1}, None),            # objects are not labels
    ("url", "https://gazette.example.com/a/b", "https://gazette.example.com/a/b"),  # read as url, not repeated
])
def test_record_labels_reach_meta(tmp_path, field, value, kept):
    f = tmp_path / "one.json"
    f.write_text(json.dumps({"title": "Bridge reopens", "text": PARAS[0], field: value}), encoding="utf-8")
    meta = load(f).meta
    key = field.lower()
    assert meta.get(key) == kept
    assert "text" not in meta and meta["title"] == "Bridge reopens"
