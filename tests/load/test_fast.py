"""The fast paths of the loader give exactly what the located libyaml path and the checked
schema reader give, or step aside."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from argmap.errors import DiagnosticSink, MapError
from argmap.load import check_map
from argmap.load.fast import parse_fast
from argmap.load.schema import _Reader, read_part
from argmap.load.yaml import YNode, parse, parse_located

ROOT = Path(__file__).parent.parent.parent
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402


def located(text: str) -> YNode | MapError:
    try:
        return parse_located(text, "x.yaml")
    except MapError as exc:
        return exc


def agrees(text: str) -> bool:
    """parse_fast either declines or returns libyaml's tree; True when it answered."""
    fast = parse_fast(text)
    if fast is None:
        return False
    slow = located(text)
    assert not isinstance(slow, MapError), f"fast path accepted invalid YAML: {text!r}"
    assert fast == slow, text
    return True


@pytest.mark.parametrize("lang", ["en", "ja", "both"])
@pytest.mark.parametrize("seed", [0, 1])
def test_generated_maps_take_the_fast_path(lang: str, seed: int) -> None:
    text = generate.to_yaml(generate.generate(400, seed, lang))
    assert agrees(text)


def test_shipped_and_test_maps_agree() -> None:
    files = sorted((ROOT / "arguments").glob("*/*.yaml")) + sorted(DATA.rglob("*.yaml"))
    answered = sum(agrees(f.read_text(encoding="utf-8")) for f in files)
    assert answered >= len(files) // 2


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # tags
        "a: |\n  text\n",  # block scalars
        "a:\n\tb: 1\n",  # tabs
        "a: 1\na: 2\n",  # duplicate keys
        "a:\nb: 1\n",  # an empty value
        "--- \na: 1\n",  # document markers
        "<<: {a: 1}\n",  # merge keys
        "a: [b, c,]\n",  # trailing comma
        'a: "unterminated\n',
        "a: b: c\n",
        "a: 2024-02-30\n",  # an impossible date: libyaml's path reports it
        "",
    ],
)
def test_declines_what_it_does_not_read(text: str) -> None:
    assert parse_fast(text) is None


def test_values_and_positions() -> None:
    text = (
        "# comment\nargmap: 1\nc:\n  x:\n    text: {en: Hi, ja: やあ}\n    by: [a, b]\n"
        "    weight: 0.5\n    note: one\n      two\n\n      three\n"
        "rel:\n- id: r\n  from: [x]\n"
    )
    root = parse_fast(text)
    assert root is not None and root == parse_located(text, "x")
    assert root.value["argmap"].value == 1
    node = root.value["c"].value["x"].value["text"]
    assert (node.line, node.column, node.key_line, node.key_column) == (5, 11, 5, 5)
    assert node.value["ja"].value == "やあ" and node.value["ja"].column == 24
    x = root.value["c"].value["x"].value
    assert [n.column for n in x["by"].value] == [10, 13]
    assert x["weight"].value == 0.5
    assert x["note"].value == "one two\nthree"
    rel = root.value["rel"]
    assert (rel.line, rel.column) == (13, 1)
    assert rel.value[0].value["id"].value == "r"


def test_crlf_reads_like_lf() -> None:
    text = "a: 1\nb:\n  c: [d, e]\n"
    assert parse_fast(text.replace("\n", "\r\n")) == parse_fast(text)


KEYS = ["a", "b", "b c", "1", "yes", "id", "from", "to", "e.f", "x-y", "日本", "a:b", "<<", "-x"]
SCALARS = [
    "word",
    "two words",
    "x #c",
    "x#c",
    'dq " x',
    "sq ' x",
    "1.5",
    "2024-02-03",
    "2024-02-30",
    "0x1F",
    "~",
    "null",
    "a,b",
    "text [b] {c}",
    "it's",
    "日本語、テキスト",
    "-5",
    ".5",
    "True",
    "off",
    "http://a.b/c",
    "a:b",
    "a  b",
    "a: b",
    "&a x",
    "*a",
    "!!str x",
    "- x",
    "x:",
    "",
    "tab\there",
    "a\\b",
]


def _scalar(rng: random.Random, value: str) -> str:
    r = rng.random()
    if r < 0.6 and value:
        return value
    if r < 0.8:
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
        return '"' + escaped + '"'
    return "'" + value.replace("'", "''") + "'"


def _flow(rng: random.Random, value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(rng, v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(rng, v) for v in value) + "]"
    return _scalar(rng, str(value))


def _value(rng: random.Random, depth: int) -> object:
    r = rng.random()
    if depth < 3 and r < 0.25:
        return {rng.choice(KEYS): _value(rng, depth + 1) for _ in range(rng.randint(1, 4))}
    if depth < 3 and r < 0.4:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if r < 0.55:
        words = ["alpha", "beta", "δ", "日本語", "x", "y"]
        return " ".join(rng.choice(words) for _ in range(rng.randint(1, 30)))
    return rng.choice(SCALARS)


def _emit(rng: random.Random, value: object, indent: int, out: list[str], step: int) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if rng.random() < 0.05:
                out.append(pad + "# comment")
            if rng.random() < 0.05:
                out.append("")
            if isinstance(item, dict | list) and item and rng.random() < 0.7:
                out.append(pad + key + ":" + rng.choice(["", "", " # c"]))
                inner = indent if isinstance(item, list) and rng.random() < 0.4 else indent + step
                _emit(rng, item, inner, out, step)
            elif isinstance(item, dict | list):
                out.append(f"{pad}{key}: {_flow(rng, item)}")
            else:
                text = _scalar(rng, str(item))
                words = text.split(" ")
                if len(words) > 3 and rng.random() < 0.4:
                    cut = rng.randint(1, len(words) - 1)
                    out.append(f"{pad}{key}: " + " ".join(words[:cut]))
                    if rng.random() < 0.2:
                        out.append("")
                    out.append(" " * (indent + rng.randint(1, 3)) + " ".join(words[cut:]))
                else:
                    out.append(f"{pad}{key}: {text}" + rng.choice(["", "", "  # c", " #c"]))
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item and rng.random() < 0.7:
                sub: list[str] = []
                _emit(rng, item, indent + 2, sub, step)
                out.append(pad + "- " + sub[0].lstrip(" "))
                out.extend(sub[1:])
            elif isinstance(item, dict | list):
                out.append(pad + "- " + _flow(rng, item))
            else:
                out.append(pad + "- " + _scalar(rng, str(item)))


def _mutate(rng: random.Random, text: str) -> str:
    if rng.random() < 0.5 or not text:
        return text
    i = rng.randrange(len(text))
    chars = [" ", "", ":", "-", "#", '"', "'", "[", "{", ",", "\n", "  ", "x", "\t"]
    return text[:i] + rng.choice(chars) + text[i + 1 :]


@pytest.mark.parametrize("seed", range(4))
def test_fuzzed_documents_agree_with_libyaml(seed: int) -> None:
    """Random block-style documents, half of them with one character changed: whenever the
    fast reader answers, libyaml accepts the text and builds the same tree."""
    rng = random.Random(seed)
    answered = 0
    for _ in range(600):
        doc = {rng.choice(KEYS): _value(rng, 0) for _ in range(rng.randint(1, 5))}
        lines: list[str] = []
        _emit(rng, doc, rng.choice([0, 0, 1]), lines, rng.choice([1, 2, 2, 3, 4]))
        answered += agrees(_mutate(rng, "\n".join(lines) + "\n"))
    assert answered > 100  # the fast path is exercised, not only declined


def _read(text: str, fast: bool) -> tuple:
    sink = DiagnosticSink()
    root = parse(text, "m.yaml")
    if fast:
        part = read_part(root, "m.yaml", sink)
    else:
        reader = _Reader("m.yaml", sink, True)
        reader.claim_fast = lambda name, node: False  # type: ignore[method-assign]
        reader.relation_fast = lambda node: False  # type: ignore[method-assign]
        part = reader.read(root)
    return (
        [(c, c.loc) for c in part.claims],
        [(r, r.loc) for r in part.relations],
        part.refs,
        sink.items,
    )


@pytest.mark.parametrize("lang", ["en", "both"])
def test_fast_claims_equal_checked_claims(lang: str) -> None:
    text = generate.to_yaml(generate.generate(300, 3, lang))
    assert _read(text, fast=True) == _read(text, fast=False)


@pytest.mark.parametrize(
    "claim",
    [
        "{text: '  ', kind: fact}",
        "{text: x, kind: opinion}",
        "{text: x, by: [1, b]}",
        "{text: x, weight: 2}",
        "{text: x, weight: true}",
        "{text: x, supports: c}",
        "{text: {english: x}}",
        "{text: x, colour: red}",
        "{text: 12}",
        "{kind: fact}",
    ],
)
def test_odd_claims_get_the_checked_messages(claim: str) -> None:
    text = f"argmap: 1\nclaims:\n  c: {claim}\n  d: {{text: fine}}\n"
    assert _read(text, fast=True) == _read(text, fast=False)


def test_whole_maps_load_the_same_either_way(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(generate.to_yaml(generate.generate(200, 5, "ja")), encoding="utf-8")
    amap, items = check_map(path)
    assert amap is not None and not items
    text = path.read_text(encoding="utf-8")
    assert parse(text, "m") == parse_located(text, "m")


@pytest.mark.parametrize(
    "text",
    [
        "a: 'one two\n  three'\n",
        'a: "x\n\n   y  z" # c\nb: 1\n',
        'a: "x\\ty\n  z"\n',
        "a: 'it''s\n  long'\nb: [c]\n",
        "a: plain words\n  go on\n\n  and on\nb: 2\n",
    ],
)
def test_multi_line_values_fold_like_libyaml(text: str) -> None:
    assert agrees(text)


def test_maps_written_by_our_yaml_dumper_take_the_fast_path() -> None:
    yamlfmt = pytest.importorskip("argmap.formats.yamlfmt")
    from argmap.load import load_map

    text = yamlfmt.dump_yaml(load_map(ROOT / "arguments" / "llama-3.1-open-source"))
    assert agrees(text)


# -- the short paths of the fast reader ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a line indented deeper continues the value above: that entry is read again
        "a: plain\n  words\nb: 1\n",
        "a: 1\n  2\n",  # a string, not a number
        "a: true\n   words\n",
        "a: x\n\n  y\n\n\n  z\nb: c\n",
        "m:\n  a: x\n    y\n  b: z\n",
        "l:\n- a: x\n  b: y\n    z\n",
        "a: x",  # no line break at the end
        # a key alone opens the mapping on the next line
        "a:\n  b: 1\n  c:\n    d: 2\ne: 3\n",
        "a:\n\n  b: 1\n",
        "a:\n  # c\n  b: 1\n",
        "a:\n- b\n- c\n",
        "a:\n  - b\nc: d\n",
        # back in an outer mapping
        "a:\n  b:\n    c: 1\nd: 2\n",
        "a:\n  b:\n    c: 1\n  d: 2\ne: [f, g]\n",
        "l:\n  - x: 1\n    y: 2\nz: 3\n",
        # values the short path leaves to the general one
        "a: x # c\nb: y#z\n",
        "a: x  \nb: 'q'\nc: \"d\"\n",
        "a: [b, c]\nd: [1, 0.5, true, null, e]\nf: [g,h]\ni: [j , k]\n",
        "a: [on, off, yes, Yes, ~, 0x1F, 2024-02-03]\n",
        "a: 0.5\nb: 0.5\nc: 2024-02-03\nd: 2024-02-03\n",
        "text: x\nkind: fact\nweight: .5\n",
        "x y: 1\ndate: 2024-01-01 10:00:00\n",
        "1: a\ntrue: b\nnull: c\n",
    ],
)
def test_short_paths_read_like_libyaml(text: str) -> None:
    assert agrees(text)


@pytest.mark.parametrize(
    "text",
    [
        # errors, which libyaml locates
        "a: x\n  b: y\n",  # a mapping value where a plain one goes on
        "a: [x]\n  y\n",  # a flow list goes on
        "a: x # c\n  y\n",  # a value goes on after a comment
        "a: x\n  # c\n  y\n",
        "a: x\n# c\n  y\n",
        "a: b:\n",
        "a: x\na: y\n",  # duplicate keys, on either path
        "a:\n  b: 1\n  b: 2\n",
        "a:\n  b: 1\na: 2\n",
        "a:\n    b: 1\n  c: 2\n",  # back to a column no block opened
        "a: 1\n b: 2\n",
        "[a]: 1\n",
        "<<: 1\n",
        "a: b\x7f\n",  # control characters in an ASCII text
        "a: b\x01\n",
        "a:\x0cb\n",
        # valid, but rare enough to be left to libyaml
        "a: x\n  - y\n",
        "a:\n  [b]\n",
        "a:\n  'b'\n",
        "a:\n  b\n",
        "-a: 1\n",
        "a :  1\n",
    ],
)
def test_short_paths_decline(text: str) -> None:
    assert parse_fast(text) is None


def test_values_continued_after_a_typed_value_are_strings() -> None:
    root = parse_fast("a: 2024-02-30\n  later\nb: 2024-02-03\n")
    assert root is not None and root == parse_located(
        "a: 2024-02-30\n  later\nb: 2024-02-03\n", "x"
    )
    assert root.value["a"].value == "2024-02-30 later"


def test_keys_are_shared_strings() -> None:
    """The mappings of a map share one (interned) string per key."""
    root = parse_fast("a:\n  text: x\nb:\n  text: y\n")
    assert root is not None
    first, second = (next(iter(root.value[k].value)) for k in "ab")
    assert first is second is sys.intern("text")


# -- the short paths of the schema reader -----------------------------------------------------


@pytest.mark.parametrize(
    "relation",
    [
        "{from: [a, b], to: c, type: supports}",
        "{id: r1, from: a, to: c, type: undercuts, scheme: s, weight: 1, by: [p], source: s1}",
        "{from: [a], to: c, type: opposes, weight: 0.5, note: {en: n, ja: ノート}}",
        "{from: [a], to: c, type: attacks}",
        "{from: [a, a], to: c, type: supports}",
        "{from: [a], to: a, type: supports}",
        "{from: [], to: c, type: supports}",
        "{from: [a], type: supports}",
        "{from: [a], to: c, type: supports, weight: 2}",
        "{from: [a], to: c, type: supports, weight: true}",
        "{id: 12, from: [a], to: c, type: supports}",
        "{id: 'r 1', from: [a], to: c, type: supports}",
        "{from: [a], to: c, type: supports, scheme: 3}",
        "{from: [a], to: c, type: supports, note: ' '}",
        "{from: [a], to: c, type: supports, by: [1]}",
        "{from: [a], to: c, type: supports, colour: red}",
        "{from: [1, a], to: 2, type: supports}",
        "[a, b]",
    ],
)
def test_odd_relations_get_the_checked_messages(relation: str) -> None:
    text = (
        "argmap: 1\nclaims:\n  a: {text: x}\n  b: {text: y}\n  c: {text: z}\n"
        f"relations:\n  - {relation}\n  - {{from: [a], to: b, type: supports}}\n"
    )
    assert _read(text, fast=True) == _read(text, fast=False)


@pytest.mark.parametrize(
    "claim",
    [
        "{text: {en: x, ja: エックス}, quote: q, note: {en: n}, tags: [t, u], answers: i}",
        "{text: {en: x, english: y}}",
        "{text: {en: ' '}}",
        "{text: {}}",
        "{text: x, by: a, source: [s1, s2], supports: [b, c], opposes: d, undercuts: 'b+>c'}",
        "{text: x, supports: [b, 1]}",
        "{text: x, answers: [i]}",
        "{text: x, tags: t, quote: ' '}",
    ],
)
def test_more_odd_claims_get_the_checked_messages(claim: str) -> None:
    text = f"argmap: 1\nclaims:\n  c: {claim}\n  b: {{text: fine}}\n  d: {{text: too}}\n"
    assert _read(text, fast=True) == _read(text, fast=False)


def test_objects_built_field_by_field_equal_their_dataclass() -> None:
    import pickle

    from argmap.errors import Location
    from argmap.load import schema
    from argmap.model import Claim, Relation, Text

    loc = Location("m.yaml", 3, 5)
    made = [
        (schema._new_location("m.yaml", 3, 5), loc),
        (schema._new_text((("", "x"),)), Text((("", "x"),))),
        (
            schema._new_claim(
                "c", Text.of("x"), "fact", (), (), Text(), (), None, 0.5, Text(), loc
            ),
            Claim("c", Text.of("x"), weight=0.5, loc=loc),
        ),
        (
            schema._new_relation("a+>b", ("a",), "b", "supports", None, None, (), (), False, loc),
            Relation("a+>b", ("a",), "b", "supports", loc=loc),
        ),
    ]
    for fast, slow in made:
        assert type(fast) is type(slow) and fast == slow and hash(fast) == hash(slow)
        assert list(vars(fast).items()) == list(vars(slow).items())
        assert repr(fast) == repr(slow) and pickle.loads(pickle.dumps(fast)) == slow


def test_only_plain_frozen_dataclasses_get_a_positional_constructor() -> None:
    from dataclasses import dataclass

    from argmap.model import fast_constructor

    @dataclass(frozen=True)
    class Checked:
        x: int

        def __post_init__(self) -> None:
            pass

    @dataclass(frozen=True, slots=True)
    class Slotted:
        x: int

    for cls in (Checked, Slotted):
        with pytest.raises(TypeError):
            fast_constructor(cls)


@pytest.mark.parametrize("lang", ["en", "both"])
def test_plain_claims_and_relations_take_the_short_paths(lang: str) -> None:
    text = generate.to_yaml(generate.generate(300, 4, lang))
    reader = _Reader("m.yaml", DiagnosticSink(), True)
    checked: list[YNode] = []
    reader.claim_checked = lambda name, node: checked.append(node)  # type: ignore[method-assign]
    reader.relation = checked.append  # type: ignore[method-assign]
    part = reader.read(parse(text, "m.yaml"))
    assert part.claims and part.relations and not checked
