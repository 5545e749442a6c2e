from __future__ import annotations

import hashlib

import pytest

from newsnb.input import ArticleError, load, load_all, parse_text, slugify


def test_seed_parts(seed, seed_path):
    assert seed.headline.text == "After Biden-Xi call, Russia says cooperation with China will ‘get stronger’"
    assert len(seed.key_points) == 3
    assert seed.key_points[2].text == "China's stance on Ukraine has been rather ambiguous thus far"
    assert [p.text for p in seed.promos] == [
        "4 US soldiers killed in aircraft crash during NATO drill, Norway confirms",
        "Hezbollah denies sending troops, experts to help Russia in war on Ukraine",
    ]
    assert [b.text for b in seed.boilerplate if b.kind == "boilerplate"] == ["Related Articles", "ADVERTISEMENT"]
    assert len(seed.paragraphs) == 7
    assert seed.slug == "000_042e7d1743e4b445"
    assert seed.sha256 == hashlib.sha256(seed_path.read_bytes()).hexdigest()


def test_seed_body_has_no_boilerplate(seed):
    body = seed.body
    for junk in ("Also read", "Related Articles", "ADVERTISEMENT", "NATO", "Hezbollah", "Norway"):
        assert junk not in body
    analysed = seed.analysis_text()
    assert len(analysed) == len(seed.text)
    for junk in ("Also read", "Related Articles", "ADVERTISEMENT", "Hezbollah"):
        assert junk not in analysed


def test_every_part_offset_slices_the_source(seed):
    parts = [seed.headline, *seed.key_points, *seed.paragraphs, *seed.boilerplate, *seed.promos]
    for p in parts:
        assert seed.text[p.start:p.end] == p.text


CASES = [
    # (name, text, headline, key points, paragraphs)
    ("headline-blank-paragraphs", "A headline\n\nFirst para one.\n\nSecond para.\n", "A headline", [], ["First para one.", "Second para."]),
    ("hard-wrapped", "Title here\n\nLine one of para\nline two of para.\n\nNext.", "Title here", [], ["Line one of para\nline two of para.", "Next."]),
    ("one-line-paragraphs", "T\nP1.\nP2.", "T", [], ["P1.", "P2."]),
    ("key-points", "T\n- one\n- two\nBody.", "T", ["one", "two"], ["Body."]),
    ("crlf", "T\r\n\r\nPara one.\r\n\r\nPara two.\r\n", "T", [], ["Para one.", "Para two."]),
    ("leading-blank-lines", "\n\n  T  \n\nBody text.", "T", [], ["Body text."]),
    ("dash-in-body-is-text", "T\nBody first.\n- not a key point\n", "T", [], ["Body first.", "- not a key point"]),
]


@pytest.mark.parametrize("name,text,headline,key_points,paragraphs", CASES, ids=[c[0] for c in CASES])
def test_parse_text_forms(name, text, headline, key_points, paragraphs):
    a = parse_text(text)
    assert a.headline.text == headline
    assert [k.text for k in a.key_points] == key_points
    assert [p.text for p in a.paragraphs] == paragraphs
    for p in a.story_parts:
        assert a.text[p.start:p.end] == p.text


BOILERPLATE = [
    ("Also read | Other story", "promo", "Other story"),
    ("Read more: Another one", "promo", "Another one"),
    ("ADVERTISEMENT", "boilerplate", None),
    ("Related Articles", "boilerplate", None),
    ("Story continues below advertisement", "boilerplate", None),
]


@pytest.mark.parametrize("line,kind,promo", BOILERPLATE)
def test_boilerplate_lines_are_set_aside(line, kind, promo):
    a = parse_text(f"Headline\n\nReal paragraph.\n\n{line}\n\nAnother paragraph.")
    assert [p.text for p in a.paragraphs] == ["Real paragraph.", "Another paragraph."]
    assert [(b.kind, b.text) for b in a.boilerplate] == [(kind, line)]
    assert [p.text for p in a.promos] == ([promo] if promo else [])


def test_markdown(tmp_path):
    f = tmp_path / "story.md"
    f.write_text("# The *headline*\n\nFirst paragraph.\n\nSecond.\n", encoding="utf-8")
    a = load(f)
    assert a.format == "markdown"
    assert a.headline.text == "The *headline*"
    assert [p.text for p in a.paragraphs] == ["First paragraph.", "Second."]


@pytest.mark.parametrize(
    "encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("cp1252", b"")]
)
def test_encodings(tmp_path, encoding, bom):
    text = "Café owner’s “big” day\n\nThe café opened – finally."
    f = tmp_path / "enc.txt"
    f.write_bytes(bom + text.encode(encoding))
    a = load(f)
    assert a.headline.text == "Café owner’s “big” day"
    assert a.paragraphs[0].text == "The café opened – finally."


@pytest.mark.parametrize(
    "content,problem",
    [(b"", "empty file"), (b"  \n\t\n", "empty file"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"), (b"Only a headline\n", "no article text")],
)
def test_bad_files_give_one_line_errors(tmp_path, content, problem):
    f = tmp_path / "bad input.txt"
    f.write_bytes(content)
    with pytest.raises(ArticleError) as err:
        load_all(f)
    msg = str(err.value)
    assert "\n" not in msg
    assert str(f) in msg and problem in msg


def test_missing_file(tmp_path):
    with pytest.raises(ArticleError, match="cannot read"):
        load(tmp_path / "nope.txt")


@pytest.mark.parametrize(
    "name,slug",
    [("000_042e7d1743e4b445", "000_042e7d1743e4b445"), ("My Story (final)", "my-story-final"), ("Ünïcödé näme", "unicode-name"),
     ("--leading", "leading"), ("..", "article"), ("日本語", "article")],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize("prefix", ["", "\n\n", "  \n", "\ufeff"])
def test_markdown_headline_anywhere_on_its_line(tmp_path, prefix):
    f = tmp_path / "story.md"
    f.write_text(prefix + "#  The headline ##\n\nFirst paragraph.\n", encoding="utf-8")
    a = load(f)
    assert a.headline.text == "The headline"
    assert a.text[a.headline.start:a.headline.end] == "The headline"


def test_boilerplate_before_the_headline_is_not_the_headline():
    a = parse_text("ADVERTISEMENT\n\nReal headline\n\nA paragraph of the story.")
    assert a.headline.text == "Real headline"
    assert [b.text for b in a.boilerplate] == ["ADVERTISEMENT"]


def test_parse_text_without_headline():
    a = parse_text("First paragraph.\n\nSecond paragraph.", has_headline=False)
    assert a.headline is None
    assert [p.text for p in a.paragraphs] == ["First paragraph.", "Second paragraph."]


@pytest.mark.parametrize(
    "text,english",
    [
        ("The council approved the budget on Tuesday after a debate that lasted for more than six hours in the hall.", True),
        ("Le conseil a approuvé le budget mardi après un débat qui a duré plus de six heures dans la salle.", False),
        ("Der Stadtrat hat den Haushalt am Dienstag nach einer Debatte beschlossen, die mehr als sechs Stunden dauerte.", False),
        ("Совет утвердил бюджет во вторник после долгих дебатов", False),
        ("Brief: Biden wins.", True),  # too short to tell: accepted
    ],
)
def test_not_english(text, english):
    from newsnb.input import not_english

    assert (not_english(text) is None) is english


def test_article_error_is_one_line_and_picklable():
    import pickle

    err = ArticleError("dir/evil\nname.txt", "record 3: no body\ntext", record=3)
    assert str(err) == "dir/evil\\nname.txt: record 3: no body text"
    again = pickle.loads(pickle.dumps(err))
    assert (str(again), again.path, again.problem, again.record) == (str(err), err.path, err.problem, 3)
