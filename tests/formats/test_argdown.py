"""Argdown export (checked by the real parser when installed) and import of its JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.errors import MapError
from argmap.formats.argdown import data_text, dump_argdown, escape
from argmap.formats.registry import get_format
from argmap.load import load_map

load_argdown_json = get_format("argdown").load  # read, then checked like every import

DATA = Path(__file__).resolve().parents[1] / "data"


def test_escape_control_characters() -> None:
    assert escape("We should do X.") == "We should do X."
    assert escape("a #tag [ref] <arg> {data} // c") == (
        "a \\#tag \\[ref\\] \\<arg\\> \\{data\\} \\/\\/ c"
    )
    assert escape("e.g. U.S.A") == "e\\.g. U\\.S\\.A"  # .g. would be a shortcode
    assert escape("10:30 :happy: x") == "10\\:30 \\:happy: x"
    assert escape("line one\n  line two ") == "line one line two"
    assert escape("a_b *c*") == "a\\_b \\*c\\*"


def test_data_is_flow_yaml_without_raw_braces_in_strings() -> None:
    text = data_text({"by": ["alice"], "text": {"en": "a } b {", "ja": "x"}, "w": 0.5, "true": 1})
    assert text == (
        '{by: ["alice"], text: {en: "a \\u007d b \\u007b", ja: "x"}, w: 0.5, "true": 1}'
    )


def test_export_structure() -> None:
    text = dump_argdown(load_map(DATA / "tiny.yaml"))
    assert text.startswith('===\ntitle: "Tiny debate"\n===\n')
    assert '# Tiny debate {argmap: 1, title: {en: "Tiny debate", ja: "小さな議論"}' in text
    assert '[a]: X is cheap. {by: ["alice"], source: ["paper"]}\n  +> [x]\n' in text
    assert '[b]: X is risky. {by: ["bob"]}\n  -> [x]\n' in text
    # the linked support is an argument with a premise-conclusion structure
    assert '<r1> {id: "r1"}\n\n(1) [a]\n(2) [c]\n----\n(3) [x]\n' in text
    assert dump_argdown(load_map(DATA / "tiny.yaml")) == text  # deterministic


def test_export_language() -> None:
    text = dump_argdown(load_map(DATA / "tiny.yaml"), lang="ja")
    assert "[x]: Xをすべきだ。 {" in text
    assert "# 小さな議論 {" in text


def test_export_undercut_and_opposition_arguments() -> None:
    text = dump_argdown(load_map(DATA / "undercut.yaml"))
    assert "[lobby]: Those who warn profit from restriction.\n  _> <danger-restrict>\n" in text
    assert '<danger-restrict> {id: "danger-restrict", scheme: "argument from consequences"' in text


def test_import_our_export_fixture() -> None:
    """A JSON export made by `argdown json` from our export of tiny.yaml (tests/data)."""
    amap = load_map(DATA / "tiny.yaml")
    back = load_argdown_json((DATA / "fmt_argdown_tiny.json").read_text(), "fmt_argdown_tiny.json")
    assert back.claims == amap.claims
    assert list(back.claims) == list(amap.claims)
    assert set(back.relations) == set(amap.relations)
    assert back.actors == amap.actors and back.sources == amap.sources
    assert back.issues == amap.issues and back.title == amap.title


def test_import_foreign_argdown() -> None:
    """A hand-written Argdown file: titles, untitled pcs statements, contradiction, undercut."""
    amap = load_argdown_json(
        (DATA / "fmt_argdown_foreign.json").read_text(), "fmt_argdown_foreign.json"
    )
    assert amap.title.get() == "Censorship"
    assert amap.claims["Censorship"].kind == "value"
    assert amap.claims["Censorship"].tags == ("pro",)
    assert amap.claims["Censorship"].text.get() == "Censorship is not wrong in principle."
    assert amap.claims["Untitled_1"].text.get() == "Censorship violates freedom of speech."
    rels = {r.id: r for r in amap.relations}
    main = rels["Argument_from_Freedom_of_Speech"]
    assert main.premises == ("Untitled_2", "Untitled_3") and main.target == "Wrong"
    assert main.by == ("Voltaire",) and main.source == ("C1a",)
    step = rels["Argument_from_Freedom_of_Speech.1"]
    assert step.premises == ("Freedom", "Untitled_1") and step.target == "Untitled_2"
    assert rels["Chilling_>Argument_from_Freedom_of_Speech"].type == "undercuts"
    # >< is symmetric: both directions oppose
    assert "Freedom->Limits" in rels and "Limits->Freedom" in rels
    # an argument without premise-conclusion structure is a claim of its own
    assert amap.claims["Harm"].text.get() == "Speech can harm others."
    assert "Limits+>Harm" in rels and "Wrong->Harm" in rels
    assert amap.actors["Voltaire"].name.get() == "Voltaire"


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ('{"statements": {}, ', "JSON syntax error", "bad.json:1:"),
        ("[1, 2]", "Argdown JSON must be an object", "bad.json:1:1"),
        ('{\n  "nodes": []\n}', "not Argdown JSON", "bad.json:1:1"),
        (
            '{"statements": {"a": 3}, "arguments": {}}',
            "statement 'a' must be an object",
            "bad.json",
        ),
        (
            '{"statements": {},\n "arguments": {},\n "relations": [\n  {"from": "a", "to": "b",'
            ' "fromType": "equivalence-class", "toType": "equivalence-class",'
            ' "relationType": "support"}]}',
            "names something that is not in the file",
            "bad.json:4:3",
        ),
    ],
)
def test_import_errors_are_located(text: str, message: str, where: str) -> None:
    with pytest.raises(MapError) as info:
        load_argdown_json(text, "bad.json")
    formatted = info.value.diagnostics[0].format()
    assert message in formatted
    assert formatted.startswith(where)


def test_real_parser_accepts_export(argdown_json, tmp_path: Path) -> None:
    for name in ("tiny.yaml", "undercut.yaml"):
        amap = load_map(DATA / name)
        path = tmp_path / (name + ".argdown")
        path.write_text(dump_argdown(amap), encoding="utf-8")
        data = argdown_json(path)
        aux = [t for t, e in data["statements"].items() if (e.get("data") or {}).get("argmap")]
        assert len(data["statements"]) - len(aux) == len(amap.claims)
        inferences = sum(1 for a in data["arguments"].values() if a.get("pcs"))
        assert len(data["relations"]) - len(aux) + inferences == len(amap.relations)
        back = load_argdown_json(json.dumps(data), path.name)
        assert back.claims == amap.claims
        assert set(back.relations) == set(amap.relations)


def test_fixture_is_what_the_parser_makes(argdown_json, tmp_path: Path) -> None:
    """The committed JSON fixtures still match what the installed Argdown produces."""
    path = tmp_path / "tiny.argdown"
    path.write_text(dump_argdown(load_map(DATA / "tiny.yaml")), encoding="utf-8")
    fresh = load_argdown_json(json.dumps(argdown_json(path)), "fresh.json")
    stored = load_argdown_json((DATA / "fmt_argdown_tiny.json").read_text(), "stored.json")
    assert fresh.claims == stored.claims and set(fresh.relations) == set(stored.relations)
    foreign = argdown_json(DATA / "fmt_argdown_foreign.argdown")
    assert (
        load_argdown_json(json.dumps(foreign), "f.json").claims
        == load_argdown_json((DATA / "fmt_argdown_foreign.json").read_text(), "g.json").claims
    )
