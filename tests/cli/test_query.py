"""Query commands through click: supporters, opposers, show, why, find, actors, lint."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from argmap.cli.main import cli

DATA = Path(__file__).parent.parent / "data"
CHAIN = str(DATA / "chain.yaml")


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_supporters_text_aligned_with_texts() -> None:
    result = run("supporters", CHAIN, "goal")
    assert result.exit_code == 0
    assert "supporters of goal: Adopt the goal." in result.output
    assert "+  1      s1     It pays off." in result.output
    assert "l1: l1 +> goal  (linked with l2)" in result.output


def test_supporters_all_json_has_paths() -> None:
    result = run("supporters", CHAIN, "goal", "--all", "--format", "json")
    data = {d["id"]: d for d in json.loads(result.output)}
    assert data["self-conflict"]["path"] == ["self-conflict", "o3", "o2", "o1", "goal"]
    assert data["self-conflict"]["depth"] == 4
    assert data["o2"]["stance"] == "supports"
    assert set(data["o2"]) >= {"id", "text", "depth", "path"}


def test_opposers_ids_and_filters() -> None:
    result = run("opposers", CHAIN, "goal", "--all", "--format", "ids")
    assert result.output.split() == ["o1", "u", "s2", "o3"]
    result = run("opposers", CHAIN, "goal", "--all", "--format", "ids", "--tag", "safety")
    assert result.output.split() == ["o1", "o3"]
    result = run("supporters", CHAIN, "goal", "--all", "--format", "ids", "--kind", "value")
    assert result.output.split() == ["v"]
    result = run("supporters", CHAIN, "goal", "--format", "ids", "--actor", "con")
    assert result.output.split() == []


def test_undercut_chain_is_shown() -> None:
    result = run("opposers", CHAIN, "goal")
    assert "u: u _>[u_>s1+>goal] goal" in result.output


def test_lang_and_match() -> None:
    result = run("supporters", CHAIN, "--match", "目標", "--lang", "ja", "--format", "json")
    assert result.exit_code == 0
    result = run("show", CHAIN, "goal", "--lang", "ja")
    assert "目標を採用すべきだ。" in result.output


def test_unknown_claim_suggests_and_exits_1() -> None:
    result = run("supporters", CHAIN, "gaol")
    assert result.exit_code == 1
    assert "no claim 'gaol' (did you mean 'goal'?)" in result.output
    result = run("opposers", CHAIN, "--match", "nothing like this")
    assert result.exit_code == 1
    result = run("supporters", CHAIN, "goal", "--actor", "prro")
    assert result.exit_code == 1
    assert "did you mean 'pro'" in result.output


def test_show_card() -> None:
    result = run("show", CHAIN, "o1")
    assert result.exit_code == 0
    out = result.output
    assert "o1  [fact]" in out
    assert "by       Con camp (con)" in out
    assert "source   Source (s; 2024-07-30)" in out
    assert "+ s2: Accidents happened before." in out
    assert "- o2: The risk is overstated." in out
    card = json.loads(run("show", CHAIN, "goal", "--format", "json").output)
    assert card["answers"] == {"id": "q", "question": "Adopt the goal?"}
    assert [e["relation"] for e in card["supporters"]] == [
        "s1+>goal",
        "c2+>goal",
        "v_>o1->goal",
        "linked-r",
    ]
    assert card["supporters"][3]["claims"][1]["id"] == "l2"


def test_why_lists_chains_with_stance() -> None:
    result = run("why", CHAIN, "self-conflict", "goal")
    assert result.exit_code == 0
    assert "supports  self-conflict -> o3 -> o2 -> o1 -> goal" in result.output
    data = json.loads(run("why", CHAIN, "s2", "goal", "--format", "json").output)
    assert data == [
        {
            "stance": "opposes",
            "depth": 2,
            "path": ["s2", "o1", "goal"],
            "relations": ["s2+>o1", "o1->goal"],
        }
    ]
    assert "no chain" in run("why", CHAIN, "goal", "s1").output


def test_find() -> None:
    result = run("find", CHAIN, "risk")
    assert result.output.split("\n")[0].startswith("o1")
    assert run("find", CHAIN, "zzz").exit_code == 1


def test_actors() -> None:
    result = run("actors", CHAIN)
    assert "conflict: asserts self-conflict, which opposes own claim o3" in result.output
    assert "-1.00  pro ~ con" in result.output
    data = json.loads(run("actors", CHAIN, "--format", "json").output)
    assert data["actors"][0]["positions"] == {"q": ["goal"]}


def test_lint_exit_codes() -> None:
    result = run("lint", CHAIN)
    assert result.exit_code == 1  # circular support is an error
    assert "chain.yaml:19:3: error: circular support: c1 → c2 → c1" in result.output
    clean = run("lint", CHAIN, "--ignore", "circular-support")
    assert clean.exit_code == 0
    strict = run("lint", CHAIN, "--ignore", "circular-support", "--strict")
    assert strict.exit_code == 1
    data = json.loads(run("lint", CHAIN, "--format", "json").output)
    assert {"level", "code", "message", "file", "line", "column"} <= set(data[0])
    assert run("lint", CHAIN, "--ignore", "no-such-code").exit_code == 1
