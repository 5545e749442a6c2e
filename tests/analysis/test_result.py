from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pandas as pd


def test_json_offsets_are_str_indices(seed, seed_analysis):
    data = json.loads(seed_analysis.to_json())
    text = seed.text
    assert data["article"]["headline"]["text"] == text[data["article"]["headline"]["start"]:data["article"]["headline"]["end"]]
    for row in data["sentences"] + data["mentions"]:
        assert text[row["start"]:row["end"]] == row["text"]
    for ent in data["entities"]:
        for s, e in ent["offsets"]:
            assert text[s:e] in ent["surface_forms"]
    assert {e["entity"] for e in data["entities"] if e["type"] == "person"} == {"Sergey Lavrov", "Joe Biden", "Xi Jinping"}
    assert data["readability"]["words"] == seed_analysis.readability.words


def test_json_is_deterministic(seed):
    from newsnb.analysis import analyze
    from newsnb.input import load

    first = analyze(seed).to_json()
    assert analyze(load(seed.path)).to_json() == first


def test_csv_tables(tmp_path, seed_analysis):
    written = seed_analysis.to_csv(tmp_path / "tables")
    names = {p.stem for p in written}
    assert {"sentences", "entities", "mentions", "parts"} <= names
    ents = pd.read_csv(tmp_path / "tables" / "entities.csv")
    assert set(ents.query("type == 'person'")["entity"]) == {"Sergey Lavrov", "Joe Biden", "Xi Jinping"}
    assert json.loads(ents.iloc[0]["offsets"])  # list cells are JSON


def test_full_analysis_makes_no_network_connection(seed_path):
    """Load the model and analyse the seed in a fresh process where any connection raises."""
    code = textwrap.dedent(
        f"""
        import socket
        def refuse(*a, **k):
            raise RuntimeError("network access attempted")
        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        import newsnb
        result = newsnb.analyze({str(seed_path)!r})
        print(len(result.to_json()))
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout.strip()) > 1000
