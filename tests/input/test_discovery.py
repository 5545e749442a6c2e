"""Finding article files in folders: which files a scan takes, in what order, and what it passes
over with a reason (``Discovered.skipped``, ``Discovered.skipped_lines()``)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsnb.input.discovery import Discovered, discover

#: One row per entry of the scanned folder: (relative path, "file"/"dir", None when it is an
#: article, else a regex the skip reason must match).
FOLDER = [
    ("story.txt", "file", None),
    ("story.md", "file", None),
    ("page.html", "file", None),
    ("sub/another.txt", "file", None),
    ("image.png", "file", r"^not an article format \(\.png\)$"),
    ("archive.zip", "file", r"^not an article format \(\.zip\)$"),
    (".hidden.txt", "file", r"^hidden$"),
    ("notes.ipynb", "file", r"\bnotebook\b"),
    ("README.md", "file", r"^project file\b"),
    ("draft.txt~", "file", r"\btemporary\b"),
    (".git", "dir", r"^hidden or tool folder$"),
    ("__pycache__", "dir", r"^hidden or tool folder$"),
]
ARTICLES = sorted(rel for rel, _, why in FOLDER if why is None)
SKIPPED = {rel: why for rel, _, why in FOLDER if why is not None}


def _make(root: Path) -> Path:
    for rel, kind, _ in FOLDER:
        p = root / rel
        if kind == "dir":
            p.mkdir(parents=True)
            (p / ("HEAD" if rel == ".git" else "x.cpython-311.pyc")).write_text("tool file\n")
            (p / "inside.txt").write_text("Not an article\n\nHidden in a tool folder.\n")  # never taken
        else:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(f"Headline of {rel}\n\nA paragraph of {rel}.\n", encoding="utf-8")
    return root


@pytest.fixture
def folder(tmp_path):
    return _make(tmp_path / "in")


def test_a_folder_scan_takes_exactly_the_articles_in_sorted_order(folder):
    found = discover([folder])
    assert [p.relative_to(folder).as_posix() for p in found.files] == ARTICLES


def test_every_other_entry_is_skipped_once_with_its_reason(folder):
    found = discover([folder])
    skipped = {p.relative_to(folder).as_posix(): why for p, why in found.skipped}
    assert len(skipped) == len(found.skipped), found.skipped  # each named once
    assert set(skipped) == set(SKIPPED)  # nothing inside the tool folders is listed on its own
    for rel, pattern in SKIPPED.items():
        assert re.search(pattern, skipped[rel]), (rel, skipped[rel])


@pytest.mark.parametrize(("rel", "kind", "why"), FOLDER, ids=[row[0] for row in FOLDER])
def test_each_entry_alone(tmp_path, rel, kind, why):
    """The same table, one entry per folder: taken, or skipped with its reason."""
    root = tmp_path / "alone"
    p = root / rel
    if kind == "dir":
        p.mkdir(parents=True)
        (p / "story.txt").write_text("Headline\n\nBody.\n")
    else:
        p.parent.mkdir(parents=True)
        p.write_text("Headline\n\nBody.\n")
    found = discover([root])
    if why is None:
        assert found.files == [p] and found.skipped == []
    else:
        assert found.files == []
        assert len(found.skipped) == 1 and found.skipped[0][0] == p
        assert re.search(why, found.skipped[0][1]), found.skipped


def test_a_file_named_on_the_command_line_is_taken_as_given(folder):
    """Only folder scans filter: a file given by name goes to the loader, which says what is wrong."""
    given = [folder / "image.png", folder / "README.md", folder / "story.txt", folder / "story.txt"]
    found = discover(given)
    assert found.files == given[:3] and found.skipped == []


def test_folders_and_files_together_each_article_once(folder):
    found = discover([folder / "sub" / "another.txt", folder])
    rel = [p.relative_to(folder).as_posix() for p in found.files]
    assert rel == ["sub/another.txt"] + [r for r in ARTICLES if r != "sub/another.txt"]


def test_skipped_lines_one_per_reason_naming_the_files(folder):
    found = discover([folder])
    groups: dict[str, list[str]] = {}
    for p, why in found.skipped:
        groups.setdefault(why, []).append(p.name)
    lines = found.skipped_lines()
    assert len(groups) == len(SKIPPED) - 1  # the two tool folders share a reason
    assert len(lines) == len(groups)
    for why, names in groups.items():
        [line] = [line for line in lines if f", {why}: " in line]
        n = len(names)
        assert line.startswith(f"skipped {n} {'file' if n == 1 else 'files'}, {why}: "), line
        assert "\n" not in line and "more" not in line
        for name in names:
            assert name in line
    [png] = [line for line in lines if "(.png)" in line]
    assert "image.png" in png and "archive.zip" not in png and "story" not in png


def test_skipped_lines_stop_at_the_limit_and_say_how_many_more(tmp_path):
    images = [tmp_path / f"img{i}.png" for i in range(8)]
    found = Discovered(skipped=[(p, "not an article format (.png)") for p in images]
                       + [(tmp_path / "a.zip", "not an article format (.zip)")]
                       + [(tmp_path / f"z{i}.png", "not an article format (.png)") for i in range(2)])
    lines = found.skipped_lines(limit=3)
    assert len(lines) == 2
    png, zips = lines
    assert png.startswith("skipped 10 files, not an article format (.png): ")
    assert png.endswith(" and 7 more")
    assert [n for n in ("img0.png", "img1.png", "img2.png", "img3.png", "z0.png") if n in png] == ["img0.png", "img1.png", "img2.png"]
    assert zips == f"skipped 1 file, not an article format (.zip): {tmp_path / 'a.zip'}"
    assert "more" not in zips
    # exactly at the limit: no "more"
    assert "more" not in Discovered(skipped=[(p, "hidden") for p in images[:3]]).skipped_lines(limit=3)[0]
    assert Discovered().skipped_lines() == []


def test_a_control_character_in_a_skipped_name_stays_on_one_line(tmp_path):
    odd = tmp_path / "bad\nname.png"
    odd.write_bytes(b"\x89PNG")
    [line] = discover([tmp_path]).skipped_lines()
    assert "\n" not in line and "bad\\nname.png" in line
