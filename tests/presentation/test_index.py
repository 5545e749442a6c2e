"""reports/index.html: every article, escaped, sortable, offline, with quotes and speakers."""
from __future__ import annotations

import base64
import hashlib
import json
import re

from newsnb.input.reports import read_manifest
from newsnb.presentation.index import CSP, article_summary, build_index

PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def _reports(tmp_path, *, corpus=False):
    out = tmp_path / "reports"
    (out / "data").mkdir(parents=True)
    good = {
        "article": {"slug": "good", "meta": {"date": "2024-03-19"}, "headline": {"text": "Good story"}},
        "readability": {"words": 420, "flesch_reading_ease": 55.5, "flesch_kincaid_grade": 9.2},
        "tone": {"label": "negative", "polarity": -0.12},
        "entities": [{"entity": "Ann Lee", "type": "person"}],
        "quotes": [{"kind": "direct", "speaker": "Ann Lee"}, {"kind": "indirect", "speaker": "Bo Chan"},
                   {"kind": "scare", "speaker": None}, {"kind": "partial", "speaker": PAYLOAD}],
        "sources": [{"speaker": "Bo Chan", "quoted_words": 0, "quotes": 1}, {"speaker": "Ann Lee", "quoted_words": 30, "quotes": 1},
                    {"speaker": PAYLOAD, "quoted_words": 5, "quotes": 1}, {"speaker": None, "quoted_words": 50, "quotes": 3}],
    }
    (out / "data" / "good.json").write_text(json.dumps(good))
    (out / "data" / "evil.json").write_text("{not json")
    manifest = {"articles": {
        "good": {"slug": "good", "status": "ok", "headline": "Good story", "source": "/in/good.txt", "html": "good.html", "data": "data/good.json"},
        "evil": {"slug": "evil", "status": "ok", "headline": PAYLOAD, "source": f"/in/{PAYLOAD}.txt",
                 "html": "evil.html\" onmouseover=\"alert(1)", "data": "data/evil.json"},
        "bad": {"slug": "bad", "status": "failed", "headline": "", "source": "/in/bad.txt", "error": f"/in/bad.txt: {PAYLOAD}"},
    }}
    (out / "manifest.json").write_text(json.dumps(manifest))
    if corpus:
        (out / "corpus.html").write_text("<html></html>")
    return out


def _index(out):
    return build_index(out, read_manifest(out)["articles"])


def test_index_escapes_everything_and_lists_quotes(tmp_path):
    out = _reports(tmp_path)
    html = build_index(out, read_manifest(out)["articles"]).read_text("utf-8")
    assert "<script>alert" not in html and "<img" not in html and 'onmouseover="alert' not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html  # headline, file name and error shown as text
    assert html.count("&lt;script&gt;alert") >= 3
    assert 'href="evil.html&quot; onmouseover=&quot;alert(1)"' in html
    row = re.search(r"<tr><td><a href=\"good.html\">Good story</a>.*?</tr>", html).group(0)
    assert "2024-03-19" in row and ">420<" in row
    assert 'data-sort="3">3<' in row  # quotes, scare quote left out
    assert "Ann Lee, &lt;script&gt;" in row and "Bo Chan" in row  # by quoted words; unnamed sources left out
    assert "data-sort='3'>" in row  # sorts by the number of named sources
    assert "negative (-0.12)" in row
    assert "failed" in html and "/in/bad.txt: &lt;script&gt;" in html
    assert "http://" not in html and "https://" not in html
    assert "corpus.html" not in html


def test_index_only_allows_its_own_script(tmp_path):
    html = _index(_reports(tmp_path)).read_text("utf-8")
    assert f'content="{CSP}"' in html
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in CSP and "default-src 'none'" in CSP


def test_index_links_the_corpus_report_and_its_failure(tmp_path):
    out = _reports(tmp_path, corpus=True)
    html = build_index(out, read_manifest(out)["articles"], corpus_error="KeyError: <b>").read_text("utf-8")
    assert "href='corpus.html'" in html
    assert "The corpus report failed: KeyError: &lt;b&gt;" in html


def test_article_summary_without_quote_data():
    s = article_summary({"readability": {"words": 10}, "entities": [{"entity": "P", "type": "person"}]})
    assert s["quotes"] is None and s["speakers"] == [] and s["people"] == ["P"] and s["words"] == 10
    s = article_summary({"quotes": [{"kind": "direct", "speaker": "A"}, {"kind": "direct", "speaker": "A"}, {"kind": "partial", "speaker": "B"}]})
    assert s["quotes"] == 3 and s["speakers"] == ["A", "B"]
    many = [{"speaker": n, "quoted_words": 10 - i, "quotes": 1} for i, n in enumerate("ABCDE")]
    s = article_summary({"sources": many})
    assert s["speakers"] == ["A", "B", "C"] and s["n_speakers"] == 5
