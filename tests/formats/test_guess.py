"""Import format guessing: JSON by its structure, whatever its length or key order."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from argmap.formats.registry import guess_format

DATA = Path(__file__).parent.parent / "data"
CORPORA = Path(__file__).parent.parent.parent.parent / "shared" / "corpora"


def test_argdown_json_with_its_statements_late_in_a_long_file(tmp_path: Path) -> None:
    data = json.loads((DATA / "fmt_argdown_tiny.json").read_text(encoding="utf-8"))
    padded = {"response": {"note": "x" * 30_000}, **data}  # 'statements' after 30,000 chars
    text = json.dumps(padded)
    assert text.index('"statements"') > 20_000
    assert guess_format("debate.json", text) == "argdown"
    moved = {k: data[k] for k in reversed(list(data))}  # the same keys in another order
    assert guess_format("debate.json", json.dumps(moved)) == "argdown"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("fmt_aif_aifdb.json", "aif"),
        ("fmt_aif_xaif.json", "aif"),
        ("fmt_argdown_foreign.json", "argdown"),
        ("fmt_kialo.txt", "kialo"),
        ("af_floating.i23", "i23"),
        ("af_floating.apx", "apx"),
    ],
)
def test_the_test_files(name: str, expected: str) -> None:
    path = DATA / name
    assert guess_format(str(path), path.read_text(encoding="utf-8")) == expected


def test_text_that_mentions_keys_is_not_taken_for_them() -> None:
    text = json.dumps({"comment": 'has "statements" and "arguments" and "nodeID" in it'})
    assert guess_format("x.json", text) == "json"  # the suffix decides
    assert guess_format("x.json", '{"statements": [1, 2') == "json"  # broken: the importer says


def test_argmap_json_is_told_by_its_format_field() -> None:
    text = json.dumps({"directed": True, "graph": {"format": "argmap-node-link"}, "nodes": []})
    assert guess_format("x.txt", text) == "json"


AIF_FILES = sorted((CORPORA / "aif").glob("*.json")) if CORPORA.is_dir() else []


@pytest.mark.skipif(
    not AIF_FILES and os.environ.get("ARGMAP_REQUIRE_CORPORA") != "1",
    reason="../shared/corpora is not beside this checkout",
)
def test_aifdb_corpus_files_are_aif() -> None:
    assert AIF_FILES, "../shared/corpora/aif is missing"
    guessed = {p.name: guess_format(str(p), p.read_text(encoding="utf-8")) for p in AIF_FILES}
    ova2 = "cgt-ova2-testsuite3.json"  # OVA2's own save format: no AIF keys (issue 19)
    assert {name: fmt for name, fmt in guessed.items() if name != ova2} == {
        name: "aif" for name in guessed if name != ova2
    }
