"""ICCMA framework formats: parsing, errors with positions, writing, round trips."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.framework import Framework, map_to_framework
from argmap.errors import ArgmapError, MapError
from argmap.formats.iccma import (
    dump,
    dump_apx,
    dump_i23,
    dump_map,
    dump_tgf,
    format_of,
    framework_to_map,
    load_framework,
    parse,
    parse_apx,
    parse_i23,
    parse_tgf,
)
from argmap.load import load_map

FACTS = "facts are 'arg(NAME).', 'att(NAME,NAME).' and 'support(NAME,NAME).'"

DATA = Path(__file__).parent.parent / "data"


def errors(exc: pytest.ExceptionInfo[MapError]) -> list[str]:
    return [d.format() for d in exc.value.diagnostics]


def test_i23_with_comments_anywhere() -> None:
    fw = parse_i23("# made by hand\n\np af 3\n1 2\n# between\n2 3\n\n3 3\n")
    assert fw.arguments == ("1", "2", "3")
    assert fw.attacks == [("1", "2"), ("2", "3"), ("3", "3")]


def test_i23_crlf_and_no_final_newline() -> None:
    fw = parse_i23("p af 2\r\n1 2\r\n2 1")
    assert fw.attacks == [("1", "2"), ("2", "1")]


def test_i23_without_attacks() -> None:
    assert parse_i23("p af 2\n").attacks == []
    assert len(parse_i23("p af 0")) == 0


def test_i23_errors_have_line_and_column() -> None:
    with pytest.raises(MapError) as exc:
        load_framework(DATA / "af_bad.i23")
    name = str(DATA / "af_bad.i23")
    assert errors(exc) == [
        f"{name}:3:3: error: 'x' is not an argument number (arguments are 1..N)",
        f"{name}:5:3: error: argument 4 is out of range 1..3",
        f"{name}:6:5: error: an attack line has two arguments, this one has an extra token "
        "(write 'ATTACKER ATTACKED')",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 2\n", "f.i23:1:1: error: expected the header 'p af N' first"),
        ("p af\n", "f.i23:1:5: error: expected the number of arguments after 'p af'"),
        ("p bf 3\n", "f.i23:1:3: error: expected 'af' after 'p' (the header is 'p af N')"),
        (
            "p af 2\n1\n",
            "f.i23:2:2: error: an attack line has two arguments, this one has only "
            "one argument (write 'ATTACKER ATTACKED')",
        ),
        ("p af 2\np af 2\n", "f.i23:2:1: error: a second 'p af' line (the header comes once)"),
        ("p af 2\n  1   0\n", "f.i23:2:7: error: argument 0 is out of range 1..2"),
        ("", "f.i23:1:1: error: no 'p af N' header (start the file with 'p af N')"),
    ],
)
def test_i23_error_messages(text: str, expected: str) -> None:
    with pytest.raises(MapError) as exc:
        parse_i23(text, "f.i23")
    assert errors(exc)[0] == expected


def test_i23_names_from_comments_round_trip() -> None:
    fw = Framework.from_pairs(["alpha", "beta gamma", "δ"], [("alpha", "δ"), ("δ", "beta gamma")])
    text = dump_i23(fw)
    assert text == "p af 3\n# alpha\n# beta gamma\n# δ\n1 3\n3 2\n"
    again = parse_i23(text, names_from_comments=True)
    assert again.arguments == fw.arguments and again.attacks == fw.attacks
    assert parse_i23(text).arguments == ("1", "2", "3")
    assert dump_i23(fw, names=False) == "p af 3\n1 3\n3 2\n"


def test_i23_big_file_parses_in_chunks(tmp_path: Path) -> None:
    rng = random.Random(7)
    n, m = 50_000, 200_000
    pairs = [(rng.randint(1, n), rng.randint(1, n)) for _ in range(m)]
    path = tmp_path / "big.i23"
    path.write_text(f"p af {n}\n" + "".join(f"{a} {b}\n" for a, b in pairs))
    fw = load_framework(path)
    assert len(fw) == n and fw.attack_count == m
    assert list(fw.pairs())[:3] == [(a - 1, b - 1) for a, b in pairs[:3]]
    assert max(fw.sources) < n


def test_apx() -> None:
    fw = load_framework(DATA / "af_floating.apx")
    assert fw.arguments == ("a", "b", "c", "d")
    assert fw.attacks == [("a", "b"), ("b", "a"), ("a", "c"), ("b", "c"), ("c", "d")]


def test_apx_quoted_names_round_trip() -> None:
    fw = Framework.from_pairs(["x", "Big", 'say "hi"', "a&c+>x"], [("Big", 'say "hi"')])
    text = dump_apx(fw)
    assert 'arg("Big").' in text and 'arg("say \\"hi\\"").' in text and "arg(x)." in text
    again = parse_apx(text)
    assert again.arguments == fw.arguments and again.attacks == fw.attacks


def test_apx_errors() -> None:
    text = "arg(a).\natt(a,b).\narg(c)\nfoo(d).\n"
    with pytest.raises(MapError) as exc:
        parse_apx(text, "f.apx")
    assert errors(exc) == [
        "f.apx:2:7: error: attack names undeclared argument 'b' (declare it with 'arg(b).')",
        f"f.apx:3:1: error: unexpected 'arg(c)' ({FACTS})",
        f"f.apx:4:1: error: unexpected 'foo(d).' ({FACTS})",
    ]


def test_apx_support_of_itself_is_located() -> None:
    with pytest.raises(MapError) as exc:
        parse_apx("baf.\narg(a).\narg(b).\nsupport(a,a).\natt(b,a).\n", "f.apx")
    assert errors(exc) == [
        "f.apx:4:9: error: argument 'a' supports itself "
        "(an argument cannot support itself; leave the fact out)"
    ]


def test_apx_attack_before_declaration_is_fine() -> None:
    fw = parse_apx("att(a,b).\narg(a).\narg(b).\n")
    assert fw.attacks == [("a", "b")]


def test_tgf() -> None:
    fw = load_framework(DATA / "af_floating.tgf")
    assert fw.arguments == ("a", "b", "c", "d")
    assert len(fw.attacks) == 5
    assert dump_tgf(fw) == (DATA / "af_floating.tgf").read_text()


def test_tgf_errors() -> None:
    with pytest.raises(MapError) as exc:
        parse_tgf("a\na\nb\n#\na\na z\n#\n", "f.tgf")
    assert errors(exc) == [
        "f.tgf:2:1: error: argument 'a' is listed twice",
        "f.tgf:5:2: error: an attack line needs two arguments (write 'ATTACKER ATTACKED')",
        "f.tgf:6:3: error: attack names unknown argument 'z' (list every argument before the "
        "'#' line)",
        "f.tgf:7:1: error: a second '#' line",
    ]
    with pytest.raises(ArgmapError, match="cannot be written"):
        dump_tgf(Framework.from_pairs(["a b"], []))


def test_formats_from_suffix(tmp_path: Path) -> None:
    assert format_of("x.i23") == format_of("x.AF") == "i23"
    assert format_of("x.apx") == "apx" and format_of("x.tgf") == "tgf"
    assert format_of("map.yaml") is None
    bad = tmp_path / "bad.i23"
    bad.write_bytes(b"p af 1\n\xff\n")
    with pytest.raises(MapError) as exc:
        load_framework(bad)
    assert errors(exc) == [f"{bad}:2:1: error: file is not UTF-8"]
    with pytest.raises(ArgmapError):
        load_framework(tmp_path / "x.yaml")


@st.composite
def frameworks(draw) -> Framework:
    n = draw(st.integers(0, 8))
    names = draw(
        st.lists(
            st.from_regex(r"[a-z][a-z0-9_]{0,5}", fullmatch=True),
            min_size=n,
            max_size=n,
            unique=True,
        )
    )
    pairs = (
        draw(
            st.lists(
                st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0))),
                max_size=3 * n,
            )
        )
        if n
        else []
    )
    return Framework.from_indices(names, pairs)


@settings(max_examples=100, deadline=None)
@given(frameworks(), st.sampled_from(["i23", "apx", "tgf"]))
def test_round_trip(fw: Framework, fmt: str) -> None:
    again = parse(dump(fw, fmt), fmt)
    assert list(again.pairs()) == list(fw.pairs())
    if fmt != "i23":
        assert again.arguments == fw.arguments


def test_framework_to_map_and_back() -> None:
    fw = load_framework(DATA / "af_floating.i23")
    amap = framework_to_map(fw)
    assert list(amap.claims) == ["1", "2", "3", "4"]
    assert [r.id for r in amap.relations] == ["1->2", "2->1", "1->3", "2->3", "3->4"]
    back = map_to_framework(amap).framework
    assert back.arguments == fw.arguments and set(back.attacks) == set(fw.attacks)


def test_dump_map() -> None:
    amap = load_map(DATA / "tiny.yaml")
    text = dump_map(amap, "i23")
    assert text.splitlines()[:6] == ["p af 5", "# x", "# a", "# b", "# c", "# r1"]
    assert 'arg("a&c+>x")' not in dump_map(amap, "apx")  # r1 has an explicit id
    assert "arg(r1)." in dump_map(amap, "apx")


# -- ASPARTIX bipolar frameworks (issue 19) ------------------------------------------------------
BAF = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "corpora"
    / "iccma"
    / "aspartix-example4_baf.apx"
)


@pytest.mark.skipif(
    not BAF.exists() and os.environ.get("ARGMAP_REQUIRE_CORPORA") != "1",
    reason="../shared/corpora is not beside this checkout",
)
def test_a_bipolar_aspartix_file_keeps_its_supports(tmp_path: Path) -> None:
    import json
    import re

    from click.testing import CliRunner

    from argmap.cli.main import cli

    text = BAF.read_text(encoding="utf-8")
    facts = re.sub(r"%[^\n]*", "", text)  # counted from the file, comments left out
    supports = re.findall(r"support\((\w+),(\w+)\)\.", facts)
    attacks = re.findall(r"att\((\w+),(\w+)\)\.", facts)
    runner = CliRunner()
    out = tmp_path / "baf.yaml"
    assert runner.invoke(cli, ["import", str(BAF), "-o", str(out)]).exit_code == 0
    amap = load_map(out)
    assert sorted((r.premises[0], r.target) for r in amap.relations if r.type == "supports") == (
        sorted(supports)
    )
    assert sorted((r.premises[0], r.target) for r in amap.relations if r.type == "opposes") == (
        sorted(attacks)
    )
    # evaluating the file reads it as that map: the same labelling either way
    direct = runner.invoke(cli, ["evaluate", str(BAF), "--format", "json"])
    via_map = runner.invoke(
        cli, ["evaluate", str(out), "--semantics", "grounded", "--format", "json"]
    )
    assert direct.exit_code == 0, direct.output
    assert json.loads(direct.output)["labelling"] == json.loads(via_map.output)["labelling"]


def test_aspartix_switches_are_passed_over_and_supports_are_checked() -> None:
    from argmap.formats.iccma import parse_apx

    fw = parse_apx("baf.\nground.\narg(a).\narg(b).\nsupport(a,b).\natt(b,a).\n")
    assert fw.arguments == ("a", "b") and fw.supports == ((0, 1),) and fw.attacks == [("b", "a")]
    with pytest.raises(MapError) as err:
        parse_apx("arg(a).\nsupport(a,zz).\n", "f.apx")
    assert [d.format() for d in err.value.diagnostics] == [
        "f.apx:2:11: error: support names undeclared argument 'zz' (declare it with 'arg(zz).')"
    ]
