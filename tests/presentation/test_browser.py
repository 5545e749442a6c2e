"""The reports in a real browser (headless Debian Chromium through Playwright, never downloaded):
no script from an article runs, its text is shown literally, nothing is fetched from any host,
and the pages look right at desktop and phone widths (screenshots under pytest's tmp_path)."""
from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from newsnb.core import config
from newsnb.presentation import report

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SEED_SLUG = "000_042e7d1743e4b445"
XSS = config.TESTS_DATA_DIR / "xss_payload.txt"
COUNCIL = config.TESTS_DATA_DIR / "report_council.txt"
WIDTHS = {"desktop": 1280, "phone": 390}

#: What the payload article must show as text (from its headline, key point, body, quote, promo).
SHOWN = [
    "<script>alert('xss-headline')</script><img src=x onerror=\"alert('xss-img')\"> Mayor says",
    "<svg onload=alert('xss-svg')>",
    "<a href=\"javascript:alert('xss-link')\">a javascript link</a>",
    "<b onmouseover=\"alert('xss-b')\">bold</b>",
    "<iframe src=\"javascript:alert('xss-iframe')\"></iframe>",
    "<style>body{display:none}</style>",
    "<script>console.log('xss-quote')</script> We will <img src=x onerror=console.log('xss-quote-img')> build it",
    "<svg><script>alert('xss-svg2')</script></svg>",
    "{{7*7}} ${alert('xss-template')}",
    "<script>alert('xss-promo')</script>",
]
DANGEROUS = ("script, iframe, object, embed, svg, img:not([src^='data:']), [onerror], [onload], [onmouseover], "
             "[onclick], a[href^='javascript:'], base, form, meta[http-equiv='refresh']")


@pytest.fixture(scope="module")
def site(tmp_path_factory, seed_path):
    """The seed, the payload article and a second story rendered by `newsnb render` through the real
    notebook and Papermill-style execution, with the corpus report."""
    from newsnb.run.batch import render

    tmp = tmp_path_factory.mktemp("site")
    src = tmp / "in"
    src.mkdir()
    for p in (seed_path, XSS, COUNCIL):
        shutil.copy(p, src / p.name)
    out = tmp / "reports"
    summary = render([src], out=out, jobs=1)
    assert [r.status for r in summary.results] == ["ok"] * 3, [r.error for r in summary.results]
    assert (out / "corpus.html").is_file()
    return out


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium ({CHROMIUM}) is missing and CI is set: the browser tests must run in CI", pytrace=False)
        pytest.skip(f"Debian Chromium ({CHROMIUM}) is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Page:
    """A page opened with the network off, recording dialogs, console messages, errors and requests."""

    def __init__(self, browser, path: Path, width: int):
        self.context = browser.new_context(viewport={"width": width, "height": 900}, offline=True)
        self.page = self.context.new_page()
        self.dialogs, self.console, self.errors, self.requests, self.failed = [], [], [], [], {}
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.__setitem__(r.url, r.failure))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(300)

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def close(self):
        self.context.close()

    def assert_quiet(self):
        assert not self.dialogs, self.dialogs
        assert not self.errors, self.errors
        assert not self.console, self.console  # nothing from the payload, no blocked script or resource
        remote = [u for u in self.requests if not u.startswith(("file://", "data:"))]
        assert not remote, remote


def _screenshot(page: Page, path: Path) -> np.ndarray:
    from PIL import Image

    page.page.screenshot(path=str(path), full_page=True)
    img = np.asarray(Image.open(path).convert("L"), dtype=float)
    assert img.std() > 10, f"{path.name} looks blank"  # a blank page: 0
    assert (img < 250).mean() > 0.02, f"{path.name} has almost nothing on it"
    return img


def _no_sideways_scroll(page: Page, width: int):
    assert page.js("document.documentElement.scrollWidth") <= width + 1


def test_payload_report_runs_no_script_and_shows_the_text(site, browser):
    page = Page(browser, site / "xss_payload.html", 1280)
    try:
        # hover and click every quote and highlighted span: no handler may fire
        for el in page.page.query_selector_all(".nn-q, .nn-e, .newsnb-keypoints li")[:20]:
            el.hover(timeout=3000)
        page.page.click("h1.newsnb-headline")
        page.page.wait_for_timeout(200)
        page.assert_quiet()
        assert page.js(f"document.querySelectorAll({DANGEROUS!r}).length") == 0
        text = page.js("document.body.innerText")
        for s in SHOWN:
            assert s in text, s
        # the payload quote is found, attributed and hover-able
        titles = page.js("Array.from(document.querySelectorAll('.nn-q')).map(e => e.title)")
        assert any("speaker: John Smith" in t and "relayed by Reuters" in t for t in titles), titles
        assert page.js("document.title").startswith("<script>alert('xss-headline')")
    finally:
        page.close()


def test_payload_index_and_corpus_run_only_their_own_code(site, browser):
    for name in ("index.html", "corpus.html"):
        page = Page(browser, site / name, 1280)
        try:
            page.page.hover("table tbody tr")
            page.assert_quiet()
            assert "<script>alert('xss-headline')</script>" in page.js("document.body.innerText")
            scripts = page.js("document.querySelectorAll('script').length")
            assert scripts == (1 if name == "index.html" else 0)  # the index's own sort script only
            assert page.js("document.querySelectorAll(\"[onerror], [onload], a[href^='javascript:'], iframe, svg\").length") == 0
        finally:
            page.close()


def test_index_sorts_under_its_content_security_policy(site, browser):
    page = Page(browser, site / "index.html", 1280)
    try:
        def words():
            return page.js("Array.from(document.querySelectorAll('#articles tbody tr')).map(r => +r.cells[2].dataset.sort)")

        page.page.click("#articles th:nth-child(3)")
        assert words() == sorted(words())
        page.page.click("#articles th:nth-child(3)")
        assert words() == sorted(words(), reverse=True)
        assert page.js("document.querySelector('#articles th:nth-child(3)').getAttribute('aria-sort')") == "descending"
        assert not [m for m in page.console if "Content Security Policy" in m], page.console
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_seed_report_looks_right(site, browser, tmp_path, width):
    page = Page(browser, site / f"{SEED_SLUG}.html", width)
    try:
        page.assert_quiet()
        img = _screenshot(page, tmp_path / f"report-{width}.png")
        assert img.shape[1] == width and img.shape[0] > 3000
        _no_sideways_scroll(page, width)
        h1 = page.page.locator("h1.newsnb-headline")
        assert h1.is_visible() and h1.bounding_box()["y"] < 400
        for heading, anchor in report.SECTIONS:
            el = page.page.locator(f"[id='{anchor}']")
            assert el.is_visible() and heading in el.inner_text()
            assert page.page.locator(f"nav.newsnb-toc a[href='#{anchor}']").is_visible()
        # figures embedded and drawn (mentions, share of voice, quote map, tone), not wider than the page
        sizes = page.js("Array.from(document.images).map(i => [i.naturalWidth, i.getBoundingClientRect().width])")
        assert len(sizes) >= 4 and all(n > 100 and 0 < w <= width for n, w in sizes), sizes
        # annotated article: quotes with their speakers and hover text, a legend, boilerplate apart
        for sel in (".nn-legend", ".nn-annot", ".nn-aside"):
            assert page.page.locator(sel).first.is_visible()
        titles = page.js("Array.from(document.querySelectorAll('.nn-annot .nn-q')).map(e => e.title)")
        assert any("speaker: Sergey Lavrov" in t and "relayed by Interfax" in t and "quoted as saying" in t for t in titles)
        assert "ADVERTISEMENT" in page.page.locator(".nn-aside").inner_text()
        assert "ADVERTISEMENT" not in page.page.locator(".nn-annot").inner_text()
        # one colour per speaker: the label in the text and the swatch in the sources table agree
        for name in ("Sergey Lavrov", "Xi Jinping"):
            pill = page.js("n => getComputedStyle(Array.from(document.querySelectorAll('.nn-annot .nn-spk'))"
                           ".find(e => e.textContent === n)).backgroundColor", name)
            swatch = page.js("n => getComputedStyle(Array.from(document.querySelectorAll('table.newsnb-table tr'))"
                             ".find(r => r.cells[0].textContent === n && r.querySelector('.newsnb-swatch')).querySelector('.newsnb-swatch')).backgroundColor", name)
            assert pill == swatch, (name, pill, swatch)
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_index_looks_right(site, browser, tmp_path, width):
    page = Page(browser, site / "index.html", width)
    try:
        page.assert_quiet()
        _screenshot(page, tmp_path / f"index-{width}.png")
        _no_sideways_scroll(page, width)
        rows = page.page.locator("#articles tbody tr")
        assert rows.count() == 3 and rows.first.is_visible()
        row = page.page.locator("#articles tbody tr", has_text="After Biden-Xi call")
        assert "Sergey Lavrov" in row.inner_text() and row.locator("a").get_attribute("href") == f"{SEED_SLUG}.html"
        assert page.page.locator("a[href='corpus.html']").is_visible()
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_corpus_report_looks_right(site, browser, tmp_path, width):
    page = Page(browser, site / "corpus.html", width)
    try:
        page.assert_quiet()
        _screenshot(page, tmp_path / f"corpus-{width}.png")
        _no_sideways_scroll(page, width)
        for anchor in ("Most-quoted-people", "Source-types", "Attribution-verbs", "Tone", "Who-is-named-together",
                       "Articles-by-readability"):
            assert page.page.locator(f"[id='{anchor}']").is_visible(), anchor
        assert page.js("Array.from(document.images).filter(i => i.naturalWidth > 100).length") >= 5
    finally:
        page.close()


def test_report_reads_from_a_usb_stick(site, browser, tmp_path):
    """One file alone in another folder, network off: everything it needs is inside it."""
    stick = tmp_path / "stick"
    stick.mkdir()
    shutil.copy(site / f"{SEED_SLUG}.html", stick / "report.html")
    page = Page(browser, stick / "report.html", 1280)
    try:
        page.assert_quiet()
        assert page.requests == [(stick / "report.html").as_uri()]
        assert page.js("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    finally:
        page.close()


# ---------------------------------------------------------------- the Content-Security-Policy itself

class _Head(HTMLParser):
    """The page's elements in document order, as (tag, attributes)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k.lower(): v or "" for k, v in attrs}))


def _csp(html: str) -> dict[str, list[str]]:
    """The page's one Content-Security-Policy meta tag, parsed into directives (names lowercased);
    it must come before anything it governs (style, script, img, link)."""
    parser = _Head()
    parser.feed(html)
    metas = [i for i, (tag, a) in enumerate(parser.tags)
             if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(metas) == 1, f"{len(metas)} Content-Security-Policy meta tags"
    governed = [i for i, (tag, _) in enumerate(parser.tags) if tag in ("style", "script", "img", "link", "iframe", "object")]
    assert not governed or metas[0] < governed[0], "the policy comes after content it should govern"
    policy: dict[str, list[str]] = {}
    for part in parser.tags[metas[0]][1]["content"].split(";"):
        if not part.strip():
            continue
        name, *sources = part.split()
        name = name.lower()
        assert name not in policy, f"directive {name} given twice (browsers ignore the second)"
        policy[name] = sources
    return policy


#: Source expressions that name no host and no scheme but data:.
_HASH = re.compile(r"^'(sha256|sha384|sha512)-[A-Za-z0-9+/]+={0,2}'$")
_FETCH = ("script-src", "script-src-elem", "script-src-attr", "style-src", "style-src-elem", "style-src-attr", "img-src",
          "font-src", "connect-src", "media-src", "object-src", "frame-src", "child-src", "worker-src", "manifest-src")


def _check_policy(policy: dict[str, list[str]]) -> list[str]:
    """What is wrong with a report page's policy (empty: nothing)."""
    wrong = []
    default = policy.get("default-src")
    script = policy.get("script-src", default)
    if default != ["'none'"] and policy.get("script-src") != ["'none'"]:
        wrong.append(f"neither default-src nor script-src is 'none' (default-src {default})")
    for name in ("script-src", "script-src-elem", "script-src-attr"):
        sources = policy.get(name, script if name != "script-src" else default) or []
        if name == "script-src" and sources is None:
            continue
        bad = [s for s in sources if s != "'none'" and not _HASH.match(s)]
        if bad:
            wrong.append(f"{name} allows {bad} (only 'none' or hashes)")
    for name, sources in policy.items():
        for s in sources:
            low = s.lower()
            if low.startswith("'"):
                if low in ("'self'", "'unsafe-eval'", "'wasm-unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'"):
                    wrong.append(f"{name} allows {s}")
                elif low == "'unsafe-inline'" and not name.startswith("style-src"):
                    wrong.append(f"{name} allows {s}")
                elif low not in ("'none'", "'unsafe-inline'") and not _HASH.match(s):
                    wrong.append(f"{name} has an unknown keyword {s}")
            elif low != "data:" or name not in _FETCH:
                wrong.append(f"{name} allows the host or scheme {s}")  # http:, https:, *, example.org, blob: …
    if policy.get("img-src") != ["data:"]:
        wrong.append(f"img-src is {policy.get('img-src')}, not only data:")
    # these two do not fall back to default-src: they must be there
    for name in ("base-uri", "form-action"):
        if policy.get(name) != ["'none'"]:
            wrong.append(f"{name} is {policy.get(name)}, not 'none'")
    return wrong


def test_the_policy_checker_rejects_weak_policies():
    good = _csp("<head><meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; "
                "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\"></head>")
    assert _check_policy(good) == []
    for weak in ({"script-src": ["'unsafe-inline'"]}, {"script-src": ["'sha256-AAAA'", "https://cdn.example"]},
                 {"default-src": ["'self'"]}, {"img-src": ["data:", "https:"]}, {"font-src": ["*"]},
                 {"style-src": ["'unsafe-inline'", "http://fonts.example"]}, {"connect-src": ["example.org"]},
                 {"base-uri": ["'self'"]}, {"form-action": None}, {"script-src": ["'unsafe-eval'"]}):
        policy = {**good, **weak}
        policy = {k: v for k, v in policy.items() if v is not None}
        assert _check_policy(policy), weak
    with pytest.raises(AssertionError, match="given twice"):
        _csp("<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; img-src *\">")
    with pytest.raises(AssertionError, match="after content"):
        _csp("<style>x{}</style><meta http-equiv='Content-Security-Policy' content=\"default-src 'none'\">")


@pytest.mark.parametrize("page", [f"{SEED_SLUG}.html", "xss_payload.html", "corpus.html", "index.html"])
def test_every_page_carries_a_strict_content_security_policy(site, page):
    policy = _csp((site / page).read_text("utf-8"))
    assert _check_policy(policy) == [], policy


def test_the_policy_blocks_an_injected_script_in_the_browser(site, browser, tmp_path):
    """Escaping aside, the page's own policy stops script: an inline script, an event handler and
    images from a file and from a host, put into the rendered page, are blocked by the policy."""
    html = (site / f"{SEED_SLUG}.html").read_text("utf-8")
    injected = ("<script>document.title = 'INJECTED'; document.body.dataset.injected = '1'</script>"
                "<img src='x.png' onerror=\"document.title = 'INJECTED-IMG'\">"
                "<img src='https://example.invalid/pixel.png'>")
    assert html.count("</body>") == 1
    page_file = tmp_path / "injected.html"
    page_file.write_text(html.replace("</body>", injected + "</body>"), "utf-8")
    page = Page(browser, page_file, 1280)
    try:
        title = page.js("document.title")
        assert "INJECTED" not in title and title == page.js("document.querySelector('title').textContent")
        assert page.js("document.body.dataset.injected") is None
        assert not page.dialogs and not page.errors
        # blocked by the policy (not by the offline network): the browser says so
        assert page.failed == {(tmp_path / "x.png").as_uri(): "csp", "https://example.invalid/pixel.png": "csp"}, page.failed
        csp = [m for m in page.console if "Content Security Policy" in m]
        assert any("inline script" in m for m in csp), page.console
        assert any("inline event handler" in m for m in csp), page.console
    finally:
        page.close()
