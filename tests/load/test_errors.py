"""Every kind of bad input gets a located, clear diagnostic — and all of a file's are reported."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from argmap.errors import MapError
from argmap.load import check_map, load_map

HEAD = "argmap: 1\n"


def problems(tmp_path: Path, text: str | bytes, name: str = "map.yaml") -> list[str]:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    else:
        path.write_bytes(text)
    amap, diagnostics = check_map(path)
    assert amap is None, "expected the map to be rejected"
    # strip the directory so expectations read "map.yaml:LINE:COL: ..."
    return [d.format().replace(str(tmp_path) + "/", "") for d in diagnostics]


def expect(found: list[str], *fragments: str) -> None:
    for fragment in fragments:
        assert any(fragment in line for line in found), f"{fragment!r} not in {found}"


CASES = {
    "tab indentation": (
        "argmap: 1\nclaims:\n\ta:\n    text: x\n",
        ["map.yaml:3:1: error: tab character in indentation"],
    ),
    "yaml syntax": (
        "argmap: 1\nclaims:\n  a:\n    text: [unclosed\n",
        ["map.yaml:5:1: error: YAML syntax error"],
    ),
    "colon in plain value": (
        "argmap: 1\nclaims:\n  a:\n    text: note: this breaks\n",
        ["map.yaml:4:15: error: YAML syntax error: mapping values are not allowed"],
    ),
    "duplicate key": (
        "argmap: 1\nclaims:\n  a: {text: one}\n  a: {text: two}\n",
        ["map.yaml:4:3: error: duplicate key 'a' (first defined at line 3)"],
    ),
    "duplicate nested key": (
        "argmap: 1\nclaims:\n  a:\n    text: one\n    text: two\n",
        ["map.yaml:5:5: error: duplicate key 'text'"],
    ),
    "unknown claim reference": (
        "argmap: 1\nclaims:\n  open-safe: {text: x}\n  b: {text: y, supports: open-saf}\n",
        [
            "map.yaml:4:26: error: claim 'b' supports unknown claim 'open-saf' "
            "(did you mean 'open-safe'?)"
        ],
    ),
    "unknown references name their key": (
        "argmap: 1\nclaims:\n  a: {text: x, supports: 5, opposes: z}\nrelations:\n"
        "  - {from: q, to: y, type: opposes}\n",
        [
            "map.yaml:3:26: error: claim 'a' supports unknown claim '5'",
            "map.yaml:3:38: error: claim 'a' opposes unknown claim 'z'",
            "map.yaml:5:12: error: the relation at line 5: 'from' names unknown claim 'q'",
            "map.yaml:5:19: error: the relation at line 5 opposes unknown claim 'y'",
        ],
    ),
    "unknown actor": (
        "argmap: 1\nactors:\n  meta: {name: Meta}\nclaims:\n  a: {text: x, by: mata}\n",
        ["map.yaml:5:20: error: claim 'a': 'by' names unknown actor 'mata' (did you mean 'meta'?)"],
    ),
    "unknown source": (
        "argmap: 1\nclaims:\n  a: {text: x, source: [letter]}\n",
        ["map.yaml:3:25: error: claim 'a': 'source' names unknown source 'letter'"],
    ),
    "unknown issue": (
        "argmap: 1\nissues:\n  release: {question: Q?}\nclaims:\n  a: {text: x, answers: relase}\n",
        [
            "map.yaml:5:25: error: claim 'a': 'answers' names unknown issue 'relase' "
            "(did you mean 'release'?)"
        ],
    ),
    "unknown relation": (
        "argmap: 1\nclaims:\n  a: {text: x}\n  b: {text: y, supports: a}\n"
        "  c: {text: z, undercuts: b+>c}\n",
        [
            "map.yaml:5:27: error: claim 'c' undercuts unknown relation 'b+>c' "
            "(did you mean 'b+>a'?)"
        ],
    ),
    "misspelt key": (
        "argmap: 1\nclaims:\n  a:\n    text: x\n    suports: b\n  b: {text: y}\n",
        ["map.yaml:5:5: error: unknown key 'suports' in claim 'a' (did you mean 'supports'?)"],
    ),
    "misspelt top key": (
        "argmap: 1\nclaim:\n  a: {text: x}\n",
        ["map.yaml:2:1: error: unknown key 'claim' in the map (did you mean 'claims'?)"],
    ),
    "missing text": (
        "argmap: 1\nclaims:\n  a:\n    kind: fact\n",
        ["map.yaml:3:3: error: claim 'a' has no 'text'"],
    ),
    "wrong type": (
        "argmap: 1\nclaims:\n  a:\n    text: [one, two]\n",
        ["map.yaml:4:11: error: the text of claim 'a' must be a string, not a list"],
    ),
    "claims not a mapping": (
        "argmap: 1\nclaims:\n  - text: x\n",
        ["map.yaml:3:3: error: 'claims' must be a mapping, not a list"],
    ),
    "supports itself": (
        "argmap: 1\nclaims:\n  a: {text: x, supports: a}\n",
        ["map.yaml:3:26: error: claim 'a' supports itself"],
    ),
    "explicit relation to itself": (
        "argmap: 1\nclaims:\n  a: {text: x}\n  b: {text: y}\n"
        "relations:\n  - {from: [a, b], to: a, type: opposes}\n",
        ["map.yaml:6:5: error: relation 'a&b->a': claim 'a' opposes itself"],
    ),
    "opposes itself": (
        "argmap: 1\nclaims:\n  a: {text: x, opposes: a}\n",
        [
            "map.yaml:3:25: error: relation 'a->a': claim 'a' opposes itself (Dung frameworks "
            "allow self-attack; if this one is meant, add 'allow_self_attacks: true'"
        ],
    ),
    "supports itself, self-attack allowed": (
        "argmap: 1\nallow_self_attacks: true\nclaims:\n  a: {text: x, supports: a}\n",
        ["map.yaml:4:26: error: claim 'a' supports itself"],
    ),
    "allow_self_attacks not a boolean": (
        "argmap: 1\nallow_self_attacks: yes please\nclaims:\n  a: {text: x}\n",
        ["map.yaml:2:21: error: 'allow_self_attacks' must be true or false, not a string"],
    ),
    "undercut targets a claim": (
        "argmap: 1\nclaims:\n  a: {text: x}\n  b: {text: y, undercuts: a}\n",
        ["map.yaml:4:27: error: claim 'b' undercuts claim 'a', but undercuts target a relation"],
    ),
    "weight out of range": (
        "argmap: 1\nclaims:\n  a: {text: x, weight: 1.5}\n",
        ["map.yaml:3:24: error: the weight of claim 'a' 1.5 is outside [0, 1]"],
    ),
    "weight not a number": (
        "argmap: 1\nclaims:\n  a: {text: x, weight: high}\n",
        ["map.yaml:3:24: error: the weight of claim 'a' must be a number from 0 to 1"],
    ),
    "unknown kind": (
        "argmap: 1\nclaims:\n  a: {text: x, kind: polcy}\n",
        ["map.yaml:3:22: error: unknown claim kind 'polcy' (did you mean 'policy'?)"],
    ),
    "unknown relation type": (
        "argmap: 1\nclaims:\n  a: {text: x}\n  b: {text: y}\n"
        "relations:\n  - {from: a, to: b, type: attacks}\n",
        ["map.yaml:6:28: error: unknown relation type 'attacks'"],
    ),
    "impossible date": (
        "argmap: 1\nsources:\n  s: {title: T, date: 2024-02-30}\n",
        ["map.yaml:3:23: error: impossible date '2024-02-30'"],
    ),
    "impossible quoted date": (
        "argmap: 1\nsources:\n  s: {title: T, date: '2024-13-01'}\n",
        ["map.yaml:3:23: error: impossible date '2024-13-01'"],
    ),
    "malformed date": (
        "argmap: 1\nsources:\n  s: {title: T, date: July 2024}\n",
        ["map.yaml:3:23: error: date 'July 2024' is not YYYY-MM-DD"],
    ),
    "unsupported version": (
        "argmap: 2\nclaims: {}\n",
        ["map.yaml:1:9: error: unsupported format version 2"],
    ),
    "missing version": (
        "claims:\n  a: {text: x}\n",
        ["map.yaml:1:1: error: missing 'argmap: 1'"],
    ),
    "empty file": ("", ["map.yaml:1:1: error: file is empty"]),
    "comments only": ("# nothing here\n", ["map.yaml:1:1: error: file is empty"]),
    "top level a list": (
        "- argmap: 1\n",
        ["map.yaml:1:1: error: the top level of a map must be a mapping, not a list"],
    ),
    "top level a string": (
        "just some words\n",
        ["map.yaml:1:1: error: the top level of a map must be a mapping, not a string"],
    ),
    "python object tag": (
        "argmap: 1\nclaims:\n  a:\n    text: !!python/object/apply:os.system ['echo pwned']\n",
        [
            "map.yaml:4:11: error: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
            "is not allowed"
        ],
    ),
    "custom tag": (
        "argmap: 1\nclaims:\n  a: {text: !secret x}\n",
        ["map.yaml:3:13: error: YAML tag '!secret' is not allowed"],
    ),
    "relation missing keys": (
        "argmap: 1\nclaims:\n  a: {text: x}\nrelations:\n  - {from: a, type: supports}\n",
        ["map.yaml:5:5: error: the relation at line 5 needs 'to'"],
    ),
    "relations not a list": (
        "argmap: 1\nrelations:\n  r1: {from: a, to: b, type: supports}\n",
        ["map.yaml:3:3: error: 'relations' must be a list, not a mapping"],
    ),
    "bad id characters": (
        "argmap: 1\nclaims:\n  'a b': {text: x}\n",
        ["map.yaml:3:3: error: claim id 'a b' has characters ids may not use"],
    ),
    "bad language code": (
        "argmap: 1\nclaims:\n  a:\n    text: {english: x}\n",
        ["map.yaml:4:12: error: 'english' in the text of claim 'a' is not a language code"],
    ),
    "empty text": (
        "argmap: 1\nclaims:\n  a: {text: ''}\n",
        ["map.yaml:3:13: error: the text of claim 'a' is empty"],
    ),
    "duplicate relation": (
        "argmap: 1\nclaims:\n  a: {text: x, supports: b}\n  b: {text: y}\n"
        "relations:\n  - {from: a, to: b, type: supports}\n",
        ["map.yaml:6:5: error: relation 'a+>b' (a supports b) is already stated at map.yaml:3:26"],
    ),
    "relation id reused as claim id": (
        "argmap: 1\nclaims:\n  a: {text: x}\n  b: {text: y}\n"
        "relations:\n  - {id: a, from: b, to: a, type: supports}\n",
        ["map.yaml:6:5: error: relation id 'a' is also a claim id"],
    ),
    "claim where relation expected in to": (
        "argmap: 1\nclaims:\n  a: {text: x}\n  b: {text: y}\n"
        "relations:\n  - {id: r, from: a, to: b, type: supports}\n"
        "  - {from: b, to: r, type: opposes}\n",
        [
            "map.yaml:7:19: error: the relation at line 7 points at relation 'r' "
            "where a claim is needed"
        ],
    ),
    "unknown affiliation": (
        "argmap: 1\nactors:\n  zuck: {name: Z, affiliation: mta}\n",
        ["map.yaml:3:32: error: actor 'zuck': 'affiliation' names unknown actor 'mta'"],
    ),
    "unknown actor kind": (
        "argmap: 1\nactors:\n  meta: {name: Meta, kind: company}\n",
        ["map.yaml:3:28: error: unknown actor kind 'company'"],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_located(tmp_path: Path, name: str) -> None:
    text, fragments = CASES[name]
    found = problems(tmp_path, text)
    expect(found, *fragments)


def test_every_problem_of_a_file_is_reported(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        """\
        argmap: 1
        claims:
          a:
            text: x
            kind: opinion
            weight: 3
          b:
            txt: y
            supports: c
        """,
    )
    expect(
        found,
        "map.yaml:5:11: error: unknown claim kind 'opinion'",
        "map.yaml:6:13: error: the weight of claim 'a' 3 is outside [0, 1]",
        "map.yaml:8:5: error: unknown key 'txt' in claim 'b' (did you mean 'text'?)",
        "map.yaml:7:3: error: claim 'b' has no 'text'",
    )
    # reported in file order, like a compiler
    lines = [int(line.split(":")[1]) for line in found]
    assert lines == sorted(lines)


def test_references_are_checked_once_structure_is_valid(tmp_path: Path) -> None:
    found = problems(tmp_path, "argmap: 1\nclaims:\n  a: {text: x, supports: [b, c]}\n")
    expect(
        found,
        "map.yaml:3:27: error: claim 'a' supports unknown claim 'b'",
        "map.yaml:3:30: error: claim 'a' supports unknown claim 'c'",
    )


def test_not_utf8(tmp_path: Path) -> None:
    data = b"argmap: 1\nclaims:\n  a: {text: 'caf" + b"\xe9'}\n"
    found = problems(tmp_path, data)
    expect(found, "map.yaml:3:17: error: byte 0xe9 is not valid UTF-8")


def test_utf16_is_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, "argmap: 1\n".encode("utf-16"))
    expect(found, "map.yaml:1:1: error: file is UTF-16, not UTF-8")


def test_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + "argmap: 1\nclaims:\n  a: {text: 安全}\n".encode())
    amap = load_map(path)
    assert amap.claims["a"].text.get() == "安全"


def test_alias_bomb_is_refused_without_expanding(tmp_path: Path) -> None:
    lines = ["argmap: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    found = problems(tmp_path, "\n".join(lines) + "\n")
    expect(found, "error: YAML aliases expand", "alias bomb")


def test_modest_aliases_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "alias.yaml"
    path.write_text(
        "argmap: 1\nactors:\n  m: {name: Meta}\nclaims:\n"
        "  a: {text: x, by: &who [m]}\n  b: {text: y, by: *who}\n",
        encoding="utf-8",
    )
    amap = load_map(path)
    assert amap.claims["b"].by == ("m",)


def test_merge_keys(tmp_path: Path) -> None:
    path = tmp_path / "merge.yaml"
    path.write_text(
        "argmap: 1\nclaims:\n  a: &base {text: x, kind: value}\n  b:\n    <<: *base\n    text: y\n",
        encoding="utf-8",
    )
    amap = load_map(path)
    assert (amap.claims["b"].text.get(), amap.claims["b"].kind) == ("y", "value")


def test_tag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"argmap: 1\nx: !!python/object/apply:os.system ['touch {marker}']\n"
    problems(tmp_path, text)
    assert not marker.exists()


def test_missing_include(tmp_path: Path) -> None:
    found = problems(tmp_path, "argmap: 1\ninclude: [gone.yaml]\n")
    expect(found, "map.yaml:2:11: error: included file not found: ")


def test_cyclic_include(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("include: [map.yaml]\n", encoding="utf-8")
    found = problems(tmp_path, "argmap: 1\ninclude: [b.yaml]\n")
    expect(found, "b.yaml:1:11: error: include cycle:")


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    (tmp_path / "part.yaml").write_text("claims:\n  a: {text: again}\n", encoding="utf-8")
    found = problems(tmp_path, "argmap: 1\ninclude: [part.yaml]\nclaims:\n  a: {text: x}\n")
    expect(found, "part.yaml:2:3: error: claim 'a' is already defined at ")


def test_missing_path(tmp_path: Path) -> None:
    amap, diagnostics = check_map(tmp_path / "nope.yaml")
    assert amap is None
    assert "no such file or directory" in diagnostics[0].message


def test_load_map_raises_with_all_diagnostics(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\nclaims:\n  a: {kind: bad}\n", encoding="utf-8")
    with pytest.raises(MapError) as info:
        load_map(path)
    assert len(info.value.diagnostics) == 2


def test_structural_and_reference_errors_together(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        "argmap: 1\nclaims:\n  open: {text: x}\n  s: {text: y, supports: opne}\n"
        "  m: {text: z, oposes: open}\n",
    )
    expect(
        found,
        "map.yaml:4:26: error: claim 's' supports unknown claim 'opne' (did you mean 'open'?)",
        "map.yaml:5:16: error: unknown key 'oposes' in claim 'm' (did you mean 'opposes'?)",
    )


def test_unreadable_part_does_not_cause_spurious_reference_errors(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "a.yaml").write_text("argmap: 1\nclaims:\n  x: {text: x, supports: y}\n", "utf-8")
    (folder / "b.yaml").write_text("claims:\n  y: {text: [broken\n", "utf-8")
    amap, diagnostics = check_map(folder)
    assert amap is None
    assert len(diagnostics) == 1
    assert "YAML syntax error" in diagnostics[0].message
