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
