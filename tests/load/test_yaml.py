"""The located YAML tree: PyYAML's events, any nesting, every refusal located FILE:LINE:COL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.errors import MapError
from argmap.load import check_map
from argmap.load.yaml import parse


def problems(text: str) -> list[str]:
    with pytest.raises(MapError) as info:
        parse(text, "map.yaml")
    return [d.format() for d in info.value.diagnostics]


@pytest.mark.parametrize("depth", [500, 5000])
@pytest.mark.parametrize("open_, close", [("[", "]"), ("{a: ", "}")])
def test_deep_flow_nesting_parses_or_is_located(depth: int, open_: str, close: str) -> None:
    text = "argmap: 1\ntitle: " + open_ * depth + "x" * (open_ == "[") + close * depth + "\n"
    try:
        root = parse(text, "map.yaml")
    except MapError as exc:  # libyaml's own limit on nesting, located
        (diag,) = exc.diagnostics
        assert diag.location is not None and diag.location.line == 2 and diag.location.column > 1
        assert "nesting depth" in diag.message
    else:
        node = root.value["title"]
        for _ in range(depth):
            node = node.value[0] if open_ == "[" else node.value["a"]
        assert root.plain()["argmap"] == 1


def test_deep_nesting_in_a_map_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("argmap: 1\nclaims:\n  a: {text: " + "[" * 500 + "]" * 500 + "}\n", "utf-8")
    amap, diagnostics = check_map(path)
    assert amap is None
    assert diagnostics[0].format().startswith(f"{path}:3:")


@pytest.mark.parametrize("tag", ["timestamp", "int", "bool", "float"])
def test_a_yaml_tag_whose_value_does_not_parse_is_located(tag: str) -> None:
    found = problems(f"argmap: 1\nclaims:\n  a: {{text: x, weight: !!{tag} nonsense}}\n")
    assert found == [
        f"map.yaml:3:24: error: 'nonsense' is not a valid !!{tag} value "
        f"(remove the '!!{tag}' tag, or write a value of that type)"
    ]


def test_yaml_tags_that_parse_give_their_value() -> None:
    root = parse("a: !!int '7'\nb: !!float '0.5'\nc: !!bool 'yes'\nd: !!str 12\n", "m")
    assert root.plain() == {"a": 7, "b": 0.5, "c": True, "d": "12"}


@pytest.mark.parametrize(
    ("char", "code"), [("\x07", "0007"), ("\x1b", "001B"), ("\ufffe", "FFFE"), ("\x7f", "007F")]
)
def test_characters_yaml_refuses_are_located(char: str, code: str) -> None:
    found = problems(f"argmap: 1\nclaims:\n  a: {{text: ab{char}c}}\n")
    assert len(found) == 1
    assert found[0].startswith(f"map.yaml:3:15: error: character U+{code} is not allowed in YAML")
    assert "<unicode string>" not in found[0]


def test_an_undefined_alias_and_a_second_document_are_located() -> None:
    assert problems("argmap: 1\nx: *nowhere\n")[0].startswith("map.yaml:2:4: error: ")
    second = problems("argmap: 1\n---\nx: 1\n")[0]
    assert second.startswith("map.yaml:2:1: error: ") and "remove the extra '---'" in second


def test_a_recursive_alias_is_refused() -> None:
    assert problems("a: &x [1, *x]\n")[0].startswith("map.yaml:1:11: error: recursive YAML alias")


def test_an_alias_shares_its_value_without_copying_it() -> None:
    root = parse("a: &x [1, 2]\nb: *x\n", "m")
    assert root.value["b"].value is root.value["a"].value
    assert (root.value["b"].key_line, root.value["a"].key_line) == (2, 1)


def test_words_are_the_only_plain_scalars_of_their_first_letters_that_are_not_strings() -> None:
    from argmap.load.yaml import _IMPLICIT, _WORD_FIRST, _WORDS

    assert _WORD_FIRST and all(first.isalpha() or first == "~" for first in _WORD_FIRST)
    for first in _WORD_FIRST:
        for _, pattern in _IMPLICIT[first]:
            words = set(re.findall(r"[~\w]+", pattern.pattern)) - {"n"}
            assert {w for w in words if w.startswith(first)} <= _WORDS
    found = parse("\n".join(f"k{i}: {w}" for i, w in enumerate(sorted(_WORDS))), "m").plain()
    assert not any(isinstance(value, str) for value in found.values())
    assert parse("a: yesterday\nb: nullable\nc: ~x\n", "m").plain() == {
        "a": "yesterday",
        "b": "nullable",
        "c": "~x",
    }


def test_merge_keys_duplicates_and_keys_of_other_types() -> None:
    root = parse("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n  1: one\n", "m")
    assert root.plain()["m"] == {"y": 3, "1": "one", "x": 1}
    assert problems("a: 1\na: 2\n") == [
        "map.yaml:2:1: error: duplicate key 'a' (first defined at line 1) "
        "(YAML keeps only one of them; merge the two or rename one)"
    ]
    assert problems("? [a]\n: 1\n") == ["map.yaml:1:3: error: a key must be a plain string"]
    assert problems("<<: 1\n") == ["map.yaml:1:5: error: '<<' merges only mappings"]


def test_entries_read_while_parsing_report_nothing_when_the_file_then_fails() -> None:
    from argmap.load import check_text

    text = "argmap: 1\nclaims:\n  a:\n    txt: typo\n  b:\n    text: [unclosed\n"
    amap, diagnostics = check_text(text, "m.yaml")
    assert amap is None
    assert [d.location.line for d in diagnostics] == [7]  # the syntax error alone
    assert diagnostics[0].message.startswith("YAML syntax error")


def test_entries_keep_map_order_with_aliases_merges_and_anchored_sections() -> None:
    from argmap.load import load_text

    text = (
        "argmap: 1\n"
        "relations:\n  - {from: b, to: a, type: opposes}\n"
        "actors: &people\n  p: {name: P}\n"
        "claims:\n"
        "  a: &first {text: A}\n"
        "  b: *first\n"
        "  c: {text: C, supports: a}\n"
        "  <<: {d: {text: D}}\n"
    )
    amap = load_text(text, "m.yaml")
    assert list(amap.claims) == ["a", "b", "c", "d"]
    assert [r.id for r in amap.relations] == ["c+>a", "b->a"]  # the claims' own first
    assert list(amap.actors) == ["p"]
