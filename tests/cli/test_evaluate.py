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


def test_weighed_is_the_default_for_maps_and_grounded_for_frameworks() -> None:
    data = as_json("evaluate", BIPOLAR)
    assert data["semantics"] == "weighed"
    assert data["standard"] == {"name": "preponderance", "alpha": 0.5, "beta": 0.3, "gamma": 0.2}
    assert data["labelling"]["charge"] == "in" and data["labelling"]["regressive"] == "out"
    # relations are nodes too
    assert data["labelling"]["traffic+>charge"] == "in"
    assert data["labelling"]["lobby_>traffic+>charge"] == "out"
    assert data["pro"]["charge"] == 0.8 and data["con"]["regressive"] == 0.5
    assert data["decisive"]["charge"] == {"reason": "traffic+>charge", "objection": None}
    assert data["weights"]["rebate-arg"] == 0.5
    assert as_json("evaluate", DATA / "af_floating.i23")["semantics"] == "grounded"


def test_weighed_text_explains_each_verdict() -> None:
    out = run("evaluate", BIPOLAR).stdout
    assert out.startswith("Congestion charge: weighed semantics, proof standard preponderance\n")
    assert "\nSTANDS (in) (6)\n" in out and "\nFALLS (out) (3)\n" in out
    assert "reason traffic+>charge (0.80); no objection stands" in out
    assert "balanced: its own weight (0.50) against objection rebate-arg (0.50)" in out
    assert "lobby_>traffic+>charge  out  premise lobby is out" in out


def test_explain_walks_down_the_reasons() -> None:
    short = run("evaluate", BIPOLAR, "--explain", "charge").stdout.splitlines()
    assert "      … 1 more below (--depth 3 shows them)" in short
    assert not any(line.startswith("        premise:") for line in short)
    out = run("evaluate", BIPOLAR, "--explain", "charge", "--depth", "0").stdout.splitlines()
    assert len(out) > len(short)
    assert out[0].startswith("charge  IN  pro 0.80 con 0.00")
    assert out[1] == "  because reason traffic+>charge (0.80); no objection stands"
    assert "  reason: traffic+>charge  IN  weight 0.80" in out
    assert (
        "        premise: different  OUT  pro 0.50 con 0.50  "
        "Our city is not comparable to those cities." in out
    )
    assert "  objection: regressive->charge  OUT  weight 0.50" in out
    result = run("evaluate", BIPOLAR, "--depth", "1", code=2)
    assert "--depth goes with --explain" in result.stderr
    data = as_json("evaluate", BIPOLAR, "--explain", "regressive")
    assert data["explain"]["because"].startswith("balanced")


def test_weighed_standard_what_if_and_accepts(tmp_path: Path) -> None:
    data = as_json("evaluate", BIPOLAR, "--standard", "clear-and-convincing")
    # charge answers issue q: pro 0.8 - con 0 > 0.3 and 0.8 > 0.5
    assert data["labelling"]["charge"] == "in"
    assert data["standards"]["charge"]["name"] == "clear-and-convincing"
    data = as_json(
        "evaluate", BIPOLAR, "--standard", "clear-and-convincing", "--assume", "regressive"
    )
    assert data["labelling"]["charge"] == "out"  # 0.8 - 0.5 is not above 0.3
    assert data["assumed"] == ["regressive"]
    data = as_json("evaluate", BIPOLAR, "--reject", "traffic", "--accepts", "charge")
    assert data["labelling"]["charge"] == "out" and data["rejected"] == ["traffic"]
    assert data["accepts"] == {"argument": "charge", "credulous": False, "sceptical": False}
    out = run("evaluate", BIPOLAR, "--reject", "traf", "--accepts", "charge").stdout
    assert "What if: rejecting traffic\n" in out and "\ncharge falls: no reason stands\n" in out
    plain = tmp_path / "plain.yaml"
    plain.write_text("argmap: 1\nclaims:\n  a: {text: A}\n", encoding="utf-8")
    result = run("evaluate", plain, "--standard", "preponderance")
    assert "no claim answers an issue, so --standard changes nothing" in result.stderr


def test_weighed_option_errors() -> None:
    result = run("evaluate", BIPOLAR, "--support", "deductive", code=2)
    assert "--support applies only to the classic semantics" in result.stderr
    result = run("evaluate", BIPOLAR, "--semantics", "grounded", "--explain", "charge", code=2)
    assert "--explain applies only to --semantics weighed" in result.stderr
    result = run("evaluate", BIPOLAR, "--assume", "zz", code=1)
    assert "no claim 'zz'" in result.stderr
    result = run("evaluate", BIPOLAR, "--assume", "similar", "--reject", "similar", code=1)
    assert "cannot both assume and reject similar" in result.stderr


def test_weighed_keystones() -> None:
    data = as_json("keystones", BIPOLAR)
    assert data["semantics"] == "weighed"
    ranked = [(k["claim"], k["score"]) for k in data["keystones"]]
    # each rejection changes one verdict: traffic carries charge; similar, rebate and revenue,
    # and review each tie an objection that would otherwise win
    assert ranked == [("traffic", 1), ("similar", 1), ("rebate", 1), ("revenue", 1), ("review", 1)]
    assert data["keystones"][0]["changes"] == [{"claim": "charge", "before": "in", "after": "out"}]
    assert data["keystones"][1]["changes"][0]["claim"] == "different"
    out = run("keystones", BIPOLAR, "--target", "charge").stdout
    assert "(weighed, per-issue standard)" in out.splitlines()[0]


def test_strength_json_has_the_relation_forces() -> None:
    data = as_json("strength", BIPOLAR)
    forces = data["forces"]
    assert list(forces) == [
        "traffic+>charge",
        "different->traffic",
        "similar->different",
        "regressive->charge",
        "review->lobby",
        "rebate-arg",
        "lobby_>traffic+>charge",
    ]
    # a force is weight x weakest premise's strength x validity: review->lobby is 1 x 0.5 x 1
    assert forces["review->lobby"] == pytest.approx(0.5)
    assert forces["rebate-arg"] == pytest.approx(0.5)


def test_accepts_names_from_the_comment_lines_of_an_i23_file(tmp_path: Path) -> None:
    """argmap's i23 export writes each argument's name as a '# name' line; evaluate reads them,
    as import does, and a name's number still works (issue 19)."""
    runner = CliRunner()
    i23 = tmp_path / "tiny.i23"
    done = runner.invoke(cli, ["export", str(DATA / "tiny.yaml"), "--to", "i23", "-o", str(i23)])
    assert done.exit_code == 0, done.output
    assert i23.read_text().splitlines()[1] == "# x"
    by_name = runner.invoke(cli, ["evaluate", str(i23), "--accepts", "x"])
    assert by_name.exit_code == 0, by_name.output
    assert "x: credulously accepted: yes; sceptically accepted: yes" in by_name.output
    by_number = runner.invoke(cli, ["evaluate", str(i23), "--accepts", "1"])
    assert "x: credulously accepted: yes" in by_number.output
    assert "OUT (1)\n  b  " in by_name.output  # the labelling names them too
