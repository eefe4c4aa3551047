"""Every real file in ../shared/corpora through the whole pipeline, as a new user runs it.

``import`` with the format guessed, then ``validate``, ``stats``, ``lint``, ``render`` (DOT),
``evaluate``, ``strength`` and ``export --to argdown`` on what it wrote. What argmap kept is
compared with counts taken here from the source file itself, by code that shares nothing with
the importers: claims, relations, undercuts and who asserts what.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli.main import cli
from argmap.formats.registry import guess_format
from argmap.load import load_map

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"
FILES = sorted(p for p in CORPORA.glob("*/*") if p.name != "SOURCES.md") if CORPORA.is_dir() else []
pytestmark = pytest.mark.skipif(
    not FILES and os.environ.get("ARGMAP_REQUIRE_CORPORA") != "1",
    reason="../shared/corpora is not beside this checkout",
)

GUESSED = {
    "aif/cgt-ova2-testsuite3.json": "ova",
    "other/arguebufts-sadface.json": "sadface",
    "iccma/aspartix-example4_baf.apx": "apx",
}


@dataclass
class Counts:
    claims: int
    relations: int
    undercuts: int = 0
    #: (claim text, speaker name) pairs: who asserts what
    said: set[tuple[str, str]] = field(default_factory=set)


# -- counting from the source files ------------------------------------------------------------
_SPEAKER = re.compile(r"^\s*([^:\n]{1,80}?)\s*:\s")


def _graph_counts(
    nodes: dict[str, dict], edges: list[tuple[str, str]], person: dict[str, str]
) -> Counts:
    """Counts of an AIF-typed graph: ``nodes`` by id (with ``type``/``text``), ``person`` the
    speaker name of each L-node that has a locution."""
    into: dict[str, list[str]] = {n: [] for n in nodes}
    out: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        out[a].append(b)
        into[b].append(a)
    claims = [n for n, v in nodes.items() if v["type"] == "I"]
    relations = undercuts = 0
    for n, v in nodes.items():
        if v["type"] not in ("RA", "CA"):
            continue
        if not any(nodes[p]["type"] == "I" for p in into[n]):
            continue
        targets = [t for t in out[n] if nodes[t]["type"] in ("I", "RA", "CA")]
        relations += len(targets)
        if v["type"] == "CA":
            undercuts += sum(nodes[t]["type"] != "I" for t in targets)
    said = set()
    for i in claims:
        for ya in into[i]:
            if nodes[ya]["type"] != "YA":
                continue
            for lnode in into[ya]:
                if nodes[lnode]["type"] != "L":
                    continue
                found = _SPEAKER.match(nodes[lnode].get("text") or "")
                name = found.group(1).strip() if found else person.get(lnode)
                if name:
                    said.add((nodes[i]["text"], name))
    return Counts(len(claims), relations, undercuts, said)


def count_aif(data: dict) -> Counts:
    data = data.get("AIF", data)
    nodes = {str(n["nodeID"]): n for n in data["nodes"]}
    names = {
        str(p["participantID"]): f"{p.get('firstname') or ''} {p.get('surname') or ''}".strip()
        for p in data.get("participants", [])
    }
    person = {
        str(loc["nodeID"]): names.get(str(loc["personID"])) or f"person {loc['personID']}"
        for loc in data.get("locutions", [])
    }
    edges = [(str(e["fromID"]), str(e["toID"])) for e in data["edges"]]
    return _graph_counts(nodes, edges, person)


def count_ova(data: dict) -> Counts:
    nodes = {str(n["id"]): n for n in data["nodes"]}
    names = {str(p["id"]): f"{p['firstname']} {p['surname']}".strip() for p in data["participants"]}
    person = {
        str(n["id"]): names[str(n["participantID"])]
        for n in data["nodes"]
        if n["type"] == "L" and str(n["participantID"]) != "0"
    }
    edges = [(str(e["from"]["id"]), str(e["to"]["id"])) for e in data["edges"]]
    return _graph_counts(nodes, edges, person)


def count_sadface(data: dict) -> Counts:
    kinds = {"support": "RA", "conflict": "CA", "attack": "CA", "rephrase": "MA"}
    nodes = {
        n["id"]: {
            "type": "I" if n["type"] == "atom" else kinds.get(n.get("name", ""), "RA"),
            "text": n.get("text"),
        }
        for n in data["nodes"]
    }
    edges = [(e["source_id"], e["target_id"]) for e in data["edges"]]
    return _graph_counts(nodes, edges, {})


def count_i23(text: str) -> Counts:
    lines = [ln.split() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    assert lines[0][:2] == ["p", "af"]
    return Counts(int(lines[0][2]), len(lines) - 1)


def count_apx(text: str) -> Counts:
    return Counts(
        len(re.findall(r"^\s*arg\(", text, re.M)),
        len(re.findall(r"^\s*(?:att|support)\(", text, re.M)),
    )


def count_kialo(text: str) -> Counts:
    number = r"^[ \t]*1\.(?:\d+\.)*"
    if text.startswith("Discussion Name:"):  # the newer layout: the text on the next lines
        entries = re.findall(number + r"[ \t]+(?:Pro|Con|Thesis):[ \t]*$", text, re.M)
    else:
        entries = [*re.findall(number + r"[ \t]+(?:Pro|Con):", text, re.M), "1. (thesis)"]
    links = re.findall(number + r"[ \t]+(?:(?:Pro|Con):[ \t]*)?->[ \t]*See[ \t]", text, re.M)
    links += re.findall(r"^[ \t]*->[ \t]*See[ \t]+[\d.]+[ \t]*$", text, re.M)  # newer layout
    return Counts(len(entries) - len(links), len(entries) - 1)


def count_argdown(data: dict) -> Counts:
    """From ``argdown json``: the undercuts. An attack on a reconstructed argument (one with a
    premise-conclusion structure) attacks its inference; so does an undercut (``<_``, ``_>``) of
    an argument that is a claim of its own, when that claim bears on something (docs/formats.md).
    The claims and relations are checked against the titled statements elsewhere."""

    def reconstructed(name: str) -> bool:
        return bool(data["arguments"][name].get("pcs"))

    def bears(name: str) -> bool:
        return any(r["from"] == name and r["to"] != name for r in data["relations"])

    undercuts = 0
    for r in data["relations"]:
        if r["toType"] != "argument":
            continue
        if r["relationType"] == "undercut":
            undercuts += reconstructed(r["to"]) or bears(r["to"])
        elif r["relationType"] == "attack":
            undercuts += reconstructed(r["to"])
    return Counts(-1, -1, undercuts)


# -- the pipeline ------------------------------------------------------------------------------
def invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, f"argmap {' '.join(args)}:\n{result.output}"
    assert "Traceback" not in result.output
    return result.output


def expected_counts(path: Path, argdown_json) -> Counts:
    text = path.read_text(encoding="utf-8")
    fmt = GUESSED.get(f"{path.parent.name}/{path.name}") or {
        "aif": "aif",
        "argdown": "argdown",
        "iccma": "i23",
        "kialo": "kialo",
    }.get(path.parent.name)
    if fmt == "aif":
        return count_aif(json.loads(text))
    if fmt == "ova":
        return count_ova(json.loads(text))
    if fmt == "sadface":
        return count_sadface(json.loads(text))
    if fmt == "i23":
        return count_i23(text)
    if fmt == "apx":
        return count_apx(text)
    if fmt == "kialo":
        return count_kialo(text)
    return count_argdown(argdown_json(path))


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_real_file_goes_through_the_whole_pipeline(
    path: Path, tmp_path: Path, argdown_json
) -> None:
    key = f"{path.parent.name}/{path.name}"
    wanted = GUESSED.get(key) or {"aif": "aif", "argdown": "argdown", "kialo": "kialo"}.get(
        path.parent.name, "i23"
    )
    assert guess_format(str(path), path.read_text(encoding="utf-8")) == wanted
    expected = expected_counts(path, argdown_json)

    out = tmp_path / "map.yaml"
    invoke("import", str(path), "-o", str(out))
    amap = load_map(out)  # what import wrote validates when it is read back
    if expected.claims >= 0:
        assert len(amap.claims) == expected.claims
        assert len(amap.relations) == expected.relations
    undercuts = sum(r.type == "undercuts" for r in amap.relations)
    assert undercuts == expected.undercuts
    said = {
        (amap.text(claim.text), amap.text(amap.actors[a].name))
        for claim in amap.claims.values()
        for a in claim.by
    }
    assert said == expected.said
    speakers = {name for _, name in expected.said}
    assert sorted(amap.text(a.name) for a in amap.actors.values()) == sorted(speakers)

    assert "ok (" in invoke("validate", str(out))
    assert f"claims     {len(amap.claims)}" in invoke("stats", str(out))
    invoke("lint", str(out), "--format", "json")
    dot = tmp_path / "map.dot"
    invoke("render", str(out), "--format", "dot", "-o", str(dot))
    drawn = dot.read_text(encoding="utf-8")
    assert drawn.startswith("digraph argmap {") and drawn.count(" -> ") >= len(amap.relations)
    evaluated = json.loads(invoke("evaluate", str(out), "--format", "json"))
    assert evaluated
    strength = json.loads(invoke("strength", str(out), "--format", "json"))
    assert strength
    exported = tmp_path / "map.argdown"
    invoke("export", str(out), "--to", "argdown", "-o", str(exported))
    assert exported.read_text(encoding="utf-8").startswith("===")


@pytest.mark.parametrize("name", ["a1210993_20150717_0403.gml.80.af"])
def test_self_attacks_of_a_real_framework_are_kept(name: str, tmp_path: Path) -> None:
    path = CORPORA / "iccma" / name
    attacks = [ln.split() for ln in path.read_text().splitlines()[1:] if ln and ln[0] != "#"]
    selfish = sorted({f"a{a}" for a, b in attacks if a == b})
    assert selfish, "the file has self-attacks"
    out = tmp_path / "af.yaml"
    result = CliRunner().invoke(cli, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{len(selfish)} claim(s) oppose themselves" in result.output
    amap = load_map(out)
    assert amap.allow_self_attacks
    assert sorted(r.target for r in amap.self_attacks()) == selfish
    lint = json.loads(CliRunner().invoke(cli, ["lint", str(out), "--format", "json"]).output)
    found = Counter(item["code"] for item in lint)
    assert found["self-attack"] == len(selfish)
    verdicts = json.loads(
        invoke("evaluate", str(out), "--format", "json", "--semantics", "grounded")
    )
    labels = verdicts["labelling"]
    assert len(labels) == len(amap.claims)
    assert all(labels[claim] != "in" for claim in selfish)  # no admissible set accepts one
