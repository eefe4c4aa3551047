"""`argmap evaluate`, `argmap strength` and `argmap keystones` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli.main import cli

DATA = Path(__file__).parent.parent / "data"
TINY = str(DATA / "tiny.yaml")
BIPOLAR = str(DATA / "eval_bipolar.yaml")


def run(*args: str, code: int = 0):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, (result.output, result.exception)
    return result


def as_json(*args: str):
    return json.loads(run(*args, "--format", "json").stdout)


def test_grounded_json_on_a_map() -> None:
    data = as_json("evaluate", BIPOLAR, "--semantics", "grounded")
    assert data == {
        "semantics": "grounded",
        "labelling": {
            "charge": "in",
            "traffic": "in",
            "different": "out",
            "similar": "in",
            "regressive": "out",
            "rebate": "in",
            "revenue": "in",
            "lobby": "out",
            "review": "in",
            "traffic+>charge": "in",
            "rebate-arg": "in",
        },
    }


@pytest.mark.parametrize("suffix", ["i23", "apx", "tgf"])
def test_preferred_json_on_framework_files(suffix: str) -> None:
    data = as_json("evaluate", DATA / f"af_floating.{suffix}", "--semantics", "preferred")
    names = {"i23": ["1", "2", "3", "4"], "apx": list("abcd"), "tgf": list("abcd")}[suffix]
    a, b, _, d = names
    assert data == {"semantics": "preferred", "extensions": [[a, d], [b, d]]}


def test_other_semantics_on_i23() -> None:
    path = DATA / "af_floating.i23"
    assert as_json("evaluate", path, "--semantics", "complete")["extensions"] == [
        [],
        ["1", "4"],
        ["2", "4"],
    ]
    assert as_json("evaluate", path, "--semantics", "stable")["extensions"] == [
        ["1", "4"],
        ["2", "4"],
    ]
    assert as_json("evaluate", path)["labelling"] == {
        "1": "undec",
        "2": "undec",
        "3": "undec",
        "4": "undec",
    }


def test_accepts() -> None:
    path = DATA / "af_floating.i23"
    data = as_json("evaluate", path, "--semantics", "preferred", "--accepts", "4")
    assert data["accepts"] == {"argument": "4", "credulous": True, "sceptical": True}
    data = as_json("evaluate", path, "--semantics", "preferred", "--accepts", "1")
    assert data["accepts"] == {"argument": "1", "credulous": True, "sceptical": False}
    data = as_json("evaluate", path, "--accepts", "4")
    assert data["accepts"] == {"argument": "4", "credulous": False, "sceptical": False}
    out = run("evaluate", path, "--semantics", "preferred", "--accepts", "4").stdout
    assert "4: credulously accepted: yes; sceptically accepted: yes" in out


def test_what_if_on_a_map() -> None:
    data = as_json("evaluate", BIPOLAR, "--semantics", "grounded", "--reject", "similar")
    assert data["labelling"]["different"] == "in"
    assert data["labelling"]["charge"] == "out"
    assert data["rejected"] == ["similar"]
    # a unique prefix names a claim; assuming lobby keeps it in and undercuts the inference
    data = as_json("evaluate", BIPOLAR, "--semantics", "grounded", "--assume", "lob")
    assert data["labelling"]["lobby"] == "in"
    assert data["labelling"]["traffic+>charge"] == "out"
    assert data["labelling"]["charge"] == "out"
    assert data["assumed"] == ["lobby"]


def test_support_reading_option() -> None:
    nec = as_json("evaluate", TINY, "--semantics", "grounded", "--reject", "c")
    ded = as_json(
        "evaluate", TINY, "--reject", "c", "--support", "deductive", "--semantics", "grounded"
    )
    # necessary: x needs the linked argument r1, which needs c, so x is rejected with c
    assert nec["rejected"] == ["x", "c", "r1"]
    # deductive: only r1, which would force c, goes with it; x falls to the revived b
    assert ded["rejected"] == ["c", "r1"]
    assert ded["labelling"]["b"] == "in" and ded["labelling"]["x"] == "out"


def test_text_groups_claims_by_status() -> None:
    out = run("evaluate", BIPOLAR, "--semantics", "grounded").stdout
    assert out.startswith("Congestion charge: grounded semantics, necessary support\n")
    assert "\nIN (6)\n" in out and "\nOUT (3)\n" in out and "\nUNDECIDED (0)\n" in out
    assert "different   round 1: attacked by similar" in out
    assert "The charge is regressive." in out
    assert "INFERENCES" in out and "rebate-arg" in out
    out = run("evaluate", BIPOLAR, "--semantics", "grounded", "--assume", "lobby").stdout
    assert "What if: assuming lobby" in out
    assert "round 1: attacked by lobby via supports" in out
    out = run("evaluate", BIPOLAR, "--semantics", "grounded", "--reject", "review").stdout
    assert "What if: rejecting review\n" in out
    assert any(line.split()[:2] == ["review", "rejected"] for line in out.splitlines())


def test_text_for_extension_semantics() -> None:
    out = run("evaluate", DATA / "af_floating.i23", "--semantics", "preferred").stdout
    assert "2 extensions\n  1. 1, 4\n  2. 2, 4\n" in out
    assert "IN EVERY EXTENSION (sceptically accepted) (1)\n  4" in out
    assert "IN SOME EXTENSIONS (credulously accepted) (2)" in out
    assert "IN NO EXTENSION (1)\n  3" in out


def test_errors() -> None:
    result = run("evaluate", TINY, "--accepts", "zz", code=1)
    assert "no claim 'zz'" in result.stderr
    result = run("evaluate", DATA / "af_bad.i23", code=1)
    assert "af_bad.i23:3:3: error: 'x' is not an argument number" in result.stderr
    result = run("evaluate", DATA / "af_floating.i23", "--assume", "9", code=1)
    assert "no argument '9'" in result.stderr
    result = run(
        "evaluate",
        BIPOLAR,
        "--semantics",
        "grounded",
        "--assume",
        "similar",
        "--assume",
        "different",
        code=1,
    )
    assert "the assumptions conflict: similar attacks different" in result.stderr
    run("evaluate", TINY, "--semantics", "ideal", code=2)


def test_strength_json_and_text() -> None:
    data = as_json("strength", BIPOLAR)
    assert data["model"] == "dfquad" and data["converged"] and data["method"] == "topological"
    assert data["strengths"]["charge"] == pytest.approx(0.6)
    assert data["base"]["traffic"] == 0.8
    out = run("strength", BIPOLAR, "--model", "quadratic").stdout
    assert out.startswith("Congestion charge: quadratic energy strength (exact")
    lines = out.splitlines()
    assert lines[2].split()[:2] == ["traffic", "0.690"]  # strongest first
    data = as_json("strength", BIPOLAR, "--reject", "similar")
    assert data["strengths"]["similar"] == 0
    assert data["strengths"]["different"] == 0.5


def test_strength_reports_the_continuous_fallback() -> None:
    data = as_json("strength", DATA / "eval_cycle.yaml")
    assert data["method"] == "continuous" and data["converged"]
    assert data["strengths"] == {"left": 0.5, "right": 0.5}
    out = run("strength", DATA / "eval_cycle.yaml", "--model", "euler").stdout
    assert "strength (" in out


def test_strength_on_a_framework_file() -> None:
    data = as_json("strength", DATA / "af_floating.tgf")
    assert set(data["strengths"]) == {"a", "b", "c", "d"}


def test_keystones() -> None:
    data = as_json("keystones", BIPOLAR, "--semantics", "grounded")
    ranked = [(k["claim"], k["score"]) for k in data["keystones"]]
    assert ranked == [("similar", 3), ("rebate", 2), ("revenue", 2), ("review", 2), ("traffic", 1)]
    assert data["keystones"][0]["changes"][0] == {"claim": "charge", "before": "in", "after": "out"}
    data = as_json("keystones", BIPOLAR, "--semantics", "grounded", "--issue", "q", "--top", "2")
    assert data["targets"] == ["charge"]
    assert [k["claim"] for k in data["keystones"]] == ["similar", "rebate"]
    data = as_json("keystones", BIPOLAR, "--semantics", "grounded", "--target", "regressive")
    assert [k["claim"] for k in data["keystones"]] == ["rebate", "revenue"]
    out = run("keystones", BIPOLAR, "--semantics", "grounded").stdout
    assert "1. similar  (3 changes)  Our city has the same commuting pattern." in out
    assert "charge: in → out" in out


def test_keystones_errors() -> None:
    assert "no issue 'qq'" in run("keystones", BIPOLAR, "--issue", "qq", code=1).stderr
    run("keystones", BIPOLAR, "--issue", "q", "--target", "charge", code=2)


def test_keystones_preferred_on_framework() -> None:
    data = as_json("keystones", DATA / "af_floating.i23", "--semantics", "preferred")
    # rejecting 1 leaves 2 in every extension; rejecting 2 likewise
    assert [k["claim"] for k in data["keystones"]] == ["1", "2"]


def test_commands_are_listed() -> None:
    out = run("--help").stdout
    for name in ("evaluate", "strength", "keystones"):
        assert name in out
