"""Story grouping: the same event in several outlets, overrides from the input, the CLI, and the
accuracy on basil-dev (``shared``)."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from datetime import date

import pytest

from newsnb.analysis import stories as S
from newsnb.core import config

COVERAGE = config.PROJECT_ROOT / "tests" / "data" / "stories" / "coverage.json"
BASIL = config.SHARED_DIR / "corpus" / "basil-dev"
SCORER = config.SHARED_DIR / "eval" / "story_eval.py"


def _groups(df) -> list[set[str]]:
    by: dict[str, set[str]] = defaultdict(set)
    for slug, story in zip(df["slug"], df["story"]):
        by[story].add(slug)
    return sorted(by.values(), key=lambda s: sorted(s))


def test_coverage_groups_by_event_and_keeps_outlets():
    items, problems = S.load_items([COVERAGE])
    assert problems == [] and len(items) == 9
    df = S.stories(items)
    assert _groups(df) == [
        {"herald-bridge", "ledger-bridge", "wire-bridge"},
        {"herald-strike", "ledger-strike", "wire-strike"},
        {"ledger-library", "ledger-library-2"},
        {"wire-festival"},
    ]
    assert set(df["outlet"]) == {"Daily Ledger", "Coastal Herald", "Metro Wire"}
    assert not df["given"].any()
    assert df["key"].iloc[0] == f"{COVERAGE}#1"  # one record of a multi-record file


def test_ids_are_readable_and_stable_under_reordering():
    items, _ = S.load_items([COVERAGE])
    ids = dict(zip((it.slug for it in items), S.group(items)))
    again = dict(zip((it.slug for it in reversed(items)), S.group(list(reversed(items)))))
    assert ids == again
    # the earliest article's headline names the story
    assert ids["wire-bridge"].startswith("chaos-in-port-elvan-as-crumbling-")  # same day: first by headline
    assert all(len(v.rsplit("-", 1)[1]) == 6 for v in ids.values())


def _item(key, title, text, day=None, outlet=None, story=None):
    return S.Item(key=key, slug=key, title=title, text=text, date=date(2030, 1, day) if day else None, outlet=outlet,
                  story=story)


TEXT = ("The Velmar dam on the Osk river burst on Friday night, flooding the village of Harn and forcing "
        "2,000 residents to leave their homes, regional governor Ilse Martel said. ")


def test_date_window_and_undated_articles():
    items = [
        _item("a", "Velmar dam bursts, Harn flooded", TEXT * 3, 1, "X"),
        _item("b", "Harn flooded as Velmar dam gives way", TEXT * 2, 2, "Y"),
        _item("c", "Velmar dam bursts again near Harn", TEXT * 3, 28, "Z"),  # four weeks later: another story
        _item("d", "Residents leave Harn after Velmar dam burst", TEXT * 2, None, "W"),  # no date: by text only
        _item("e", "Budget talks stall in parliament", "Lawmakers failed to agree on a budget on Friday. " * 5, 1, "X"),
    ]
    ids = S.group(items)
    assert ids[0] == ids[1] and ids[2] != ids[0] and ids[4] not in ids[:4]
    assert ids[3] in (ids[0], ids[2])  # the undated article joins one of them, never bridges both
    ids = S.group([items[0], items[3], items[4]])
    assert ids[0] == ids[1] != ids[2]


def test_given_story_ids_override_grouping():
    items = [
        _item("a", "Velmar dam bursts", TEXT * 2, 1, "X", story="Dam 2030"),
        _item("b", "Harn flooded", TEXT * 2, 1, "Y"),
        _item("c", "Budget talks stall", "Lawmakers failed to agree on a budget on Friday. " * 4, 1, "Z", story="Dam 2030"),
    ]
    ids = S.group(items)
    assert ids[0] == ids[2] == "dam-2030"
    assert ids[1] != "dam-2030"


def test_story_field_and_column_in_records(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([
        {"id": "one", "title": "Velmar dam bursts", "text": TEXT * 2, "story": "velmar", "outlet": "Osk Times"},
        {"id": "two", "title": "Harn flooded", "story": TEXT * 2, "source": "Harn Post"},  # `story` as the body
    ]), encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,title,body,story_id,source\nthree,Budget talks,\"" + TEXT * 2 + "\",velmar,Daily\n",
                                    encoding="utf-8")
    items, problems = S.load_items([tmp_path])
    assert problems == []
    by = {it.slug: it for it in items}
    assert by["one"].story == "velmar" and by["one"].outlet == "Osk Times"
    assert by["two"].story is None and by["two"].outlet == "Harn Post" and by["two"].text.startswith("The Velmar dam")
    assert by["three"].story == "velmar"
    ids = dict(zip(by, S.group(items)))
    assert ids["one"] == ids["three"] == "velmar"


def test_folders_give_story_and_outlet(tmp_path):
    for outlet, name in (("osk-times", "a.txt"), ("harn-post", "b.txt")):
        (tmp_path / outlet).mkdir()
        (tmp_path / outlet / name).write_text(f"Velmar dam bursts\n\n{TEXT}\n\n{TEXT}\n", encoding="utf-8")
    items, _ = S.load_items([tmp_path], outlet_from_folder=True)
    assert sorted(it.outlet for it in items) == ["harn-post", "osk-times"]
    items, _ = S.load_items([tmp_path], story_from_folder=True)
    assert sorted(S.group(items)) == ["harn-post", "osk-times"]


def test_item_from_report_data():
    data = {"article": {"slug": "s", "path": "/x/s.json", "meta": {"date": "2030-01-02T10:00:00", "site": "Osk Times"},
                        "headline": {"text": "Velmar dam bursts"}, "paragraphs": [{"text": TEXT}, {"text": "More."}]}}
    it = S.item_from_data(data)
    assert (it.slug, it.title, it.outlet, it.date) == ("s", "Velmar dam bursts", "Osk Times", date(2030, 1, 2))
    assert it.text == TEXT + "\n\nMore."


def test_empty_and_tiny_batches():
    assert S.group([]) == []
    assert len(S.group([_item("a", "One", "Only one article here.", 1)])) == 1


def run(*args):
    return subprocess.run([sys.executable, "-m", "newsnb", "stories", *args], capture_output=True, text=True, timeout=300)


def test_cli_tsv_and_json(tmp_path):
    proc = run(str(COVERAGE))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 9 and all(l.count("\t") == 1 for l in lines)
    assert lines[0].startswith(f"{COVERAGE}#1\tchaos-in-port-elvan-")
    proc = run(str(COVERAGE), "--format", "json")
    rows = json.loads(proc.stdout)
    assert {r["outlet"] for r in rows} == {"Daily Ledger", "Coastal Herald", "Metro Wire"}
    assert set(rows[0]) == set(S.STORY_COLUMNS)
    proc = run(str(tmp_path))
    assert proc.returncode == 1 and "no articles" in proc.stderr


@pytest.mark.shared
@pytest.mark.skipif(not (BASIL.is_dir() and SCORER.is_file()), reason="../shared basil-dev or story_eval.py not present")
def test_basil_dev_pairwise_f1(tmp_path):
    """basil-dev alone (50 events × 3 outlets): pairwise F1 ≥ 0.97 with the shared scorer."""
    proc = run(str(BASIL / "articles"))
    assert proc.returncode == 0, proc.stderr
    system = tmp_path / "system.tsv"
    system.write_text(proc.stdout)
    out = subprocess.run([sys.executable, str(SCORER), str(BASIL / "gold.tsv"), str(system)], capture_output=True,
                         text=True, check=True).stdout
    figures = dict(kv.split("=") for kv in out.strip().splitlines()[-1].split())
    print(out.strip().splitlines()[-1])
    assert float(figures["pair_f1"]) >= 0.97
    assert float(figures["bcubed_f1"]) >= 0.97
