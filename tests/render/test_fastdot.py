"""The C accelerator (argmap.render._fastdot) writes exactly what the Python builder writes."""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap.render.dot as dot
import argmap.render.wrap as wrap_module
from argmap.load import load_map
from argmap.model import Actor, ArgumentMap, Claim, Relation, Text
from argmap.render import theme
from argmap.render.dot import RenderOptions, to_dot

DATA = Path(__file__).parent.parent / "data"
GOLDEN = Path(__file__).parent / "golden"
FLAGSHIP = Path(__file__).parents[2] / "arguments" / "llama-3.1-open-source"

if dot._fastdot is None and os.environ.get("ARGMAP_REQUIRE_FASTDOT"):
    raise RuntimeError("argmap.render._fastdot was not built (a C compiler and Python's headers)")
pytestmark = pytest.mark.skipif(dot._fastdot is None, reason="the C accelerator is not built")


def both(amap: ArgumentMap, options: RenderOptions, monkeypatch: pytest.MonkeyPatch) -> str:
    """The DOT of both builders (C, and Python alone), checked equal, one process each."""
    monkeypatch.setenv("ARGMAP_JOBS", "1")
    fast = to_dot(amap, options)
    with monkeypatch.context() as m:  # the Python rules alone, wrapping included
        m.setattr(dot, "_fastdot", None)
        m.setattr(wrap_module, "_fast", None)
        slow = to_dot(amap, options)
    assert fast == slow
    return fast


def generated(tmp_path: Path, claims: int, lang: str, seed: int = 5) -> ArgumentMap:
    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    import generate

    path = tmp_path / f"gen-{lang}.yaml"
    path.write_text(generate.to_yaml(generate.generate(claims, seed=seed, lang=lang)), "utf-8")
    return load_map(path)


def test_the_accelerator_is_used_for_plain_pictures(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    boxes = dot._fastdot.boxes

    def counting(*args: object) -> bytes:
        calls.append(len(args[1]))  # type: ignore[arg-type]
        return boxes(*args)

    monkeypatch.setattr(dot._fastdot, "boxes", counting)
    to_dot(load_map(DATA / "tiny.yaml"))
    assert calls == [4]
    calls.clear()
    to_dot(load_map(DATA / "tiny.yaml"), RenderOptions(cluster="issue"))  # one text per claim
    assert calls == []


@pytest.mark.parametrize("lang", ["en", "ja", "both"])
def test_generated_maps_give_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    amap = generated(tmp_path, 700, lang)
    for options in (
        RenderOptions(),
        RenderOptions(lang="en"),
        RenderOptions(show=frozenset()),
        RenderOptions(rankdir="LR", engine="sfdp", legend=False),
        RenderOptions(show=frozenset({"actors", "ids"})),  # the Python path: ids shown
    ):
        assert both(amap, options, monkeypatch).endswith("}\n")


def test_two_processes_with_the_accelerator_give_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    amap = generated(tmp_path, 900, "both", seed=11)
    monkeypatch.setenv("ARGMAP_JOBS", "1")
    alone = to_dot(amap)
    monkeypatch.setattr(dot, "PARALLEL_MIN_CLAIMS", 100)
    monkeypatch.setattr(dot, "FAST_PARALLEL_MIN_CLAIMS", 100)
    monkeypatch.setenv("ARGMAP_JOBS", "2")
    assert to_dot(amap) == alone


@pytest.mark.parametrize("source", ["tiny", "undercut", "chain", "eval_cycle"])
def test_fixtures_give_the_same_bytes(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    amap = load_map(DATA / f"{source}.yaml")
    for options in (RenderOptions(), RenderOptions(lang="ja"), RenderOptions(lang="en")):
        both(amap, options, monkeypatch)


@pytest.mark.skipif(not FLAGSHIP.exists(), reason="flagship map not present")
def test_the_flagship_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    amap = load_map(FLAGSHIP)
    for lang in ("ja", "en"):
        both(amap, RenderOptions(lang=lang), monkeypatch)


def test_golden_pictures_without_the_accelerator(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python builder alone still writes the golden files (the C one is the default)."""
    monkeypatch.setattr(dot, "_fastdot", None)
    expected = (GOLDEN / "tiny.dot").read_bytes().decode("utf-8")
    assert to_dot(load_map(DATA / "tiny.yaml")) == expected


# characters that take every branch: escaped in labels (& < > '), quoted ones (" \) that send a
# box to Python, blanks, wide and narrow non-ASCII, control and unprintable characters
TEXT = st.text(
    alphabet=st.sampled_from([*"aZ0 .,-&<>'\"\\\n\t\x07\x7f", *"—é日本。\u3000"]),
    max_size=90,
)
IDS = st.text(alphabet=st.sampled_from([*'abz09-_"\\ é日\x01']), min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(st.tuples(IDS, TEXT, TEXT, st.booleans()), min_size=1, max_size=8),
    width=st.integers(min_value=1, max_value=40),
    kinds=st.lists(st.sampled_from(sorted(theme.KINDS)), min_size=8, max_size=8),
)
def test_any_text_and_id_give_the_same_bytes(
    texts: list[tuple[str, str, str, bool]], width: int, kinds: list[str]
) -> None:
    claims: dict[str, Claim] = {}
    for i, (cid, en, ja, bilingual) in enumerate(texts):
        text = Text((("en", en), ("ja", ja))) if bilingual else Text.of(en)
        by = ("actor",) if i % 2 else ()
        claims.setdefault(cid, Claim(cid, text, kind=kinds[i], by=by))
    ids = list(claims)
    relations = tuple(
        Relation(f"{a}->{b}{n}", (a,), b, ("supports", "opposes")[n % 2])
        for n, (a, b) in enumerate(itertools.pairwise(ids))
    )
    if len(ids) > 2:
        relations += (Relation(f"{ids[2]}-u", (ids[2],), relations[0].id, "undercuts"),)
    amap = ArgumentMap(
        actors={"actor": Actor("actor", Text.of("Ann — 日本 & <co>"))},
        claims=claims,
        relations=relations,
    )
    options = RenderOptions(width=width)
    with pytest.MonkeyPatch.context() as monkeypatch:
        both(amap, options, monkeypatch)


def test_errors_in_callbacks_propagate_and_leak_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    claims = {'q"': Claim('q"', Text.of("plain")), "p": Claim("p", Text.of('say "hi"'))}
    claims["ok"] = Claim("ok", Text.of("plain"))
    amap = ArgumentMap(claims=claims, relations=(Relation("r", ("p",), 'q"', "supports"),))
    builder = dot._Builder(amap, RenderOptions())
    cids = ["ok"]

    def boom(_: object) -> str:
        raise ValueError("boom")

    args = [amap.claims, cids, {}, boom, builder._fast_kind_parts, {}, builder._actors_row, True]
    with pytest.raises(ValueError, match="boom"):  # a box with a quote goes to Python
        dot._fastdot.boxes(amap.claims, ["p"], *args[2:], 30, builder.text, dot.wrap, boom)
    parts = builder._fast_relation_parts
    with pytest.raises(ValueError, match="boom"):  # a name that needs quoting too
        dot._fastdot.arrows(amap.relations, frozenset(), {}, boom, parts, boom, boom)
    with pytest.raises(KeyError):
        dot._fastdot.boxes({}, cids, *args[2:], 30, builder.text, dot.wrap, boom)
    with pytest.raises(TypeError, match="tuple of 3"):
        dot._fastdot.boxes(*args[:4], lambda k: ("x",), *args[5:], 30, builder.text, dot.wrap, boom)
    with pytest.raises(TypeError):
        dot._fastdot.boxes(*args, "wide", builder.text, dot.wrap, boom)
    with pytest.raises(TypeError, match="set"):
        dot._fastdot.arrows(amap.relations, [], {}, boom, boom, boom, boom)


def test_no_reference_is_leaked(tmp_path: Path) -> None:
    amap = generated(tmp_path, 300, "both", seed=3)
    builder = dot._Builder(amap, RenderOptions())
    cids = list(builder.view.claims)
    watched = [amap.claims[c] for c in cids[:50]] + [c for c in cids[:50]]
    watched += [amap.claims[c].text for c in cids[:50]] + list(amap.relations[:50])

    def run() -> None:
        dot._fastdot.boxes(
            amap.claims,
            cids,
            builder.names,
            builder.name,
            builder._fast_kind_parts,
            builder.actor_rows,
            builder._actors_row,
            True,
            30,
            builder.text,
            dot.wrap,
            builder.claim_statement,
        )
        dot._fastdot.arrows(
            builder.view.relations,
            builder.view.junctions,
            builder.names,
            builder.name,
            builder._fast_relation_parts,
            dot._junction_node,
            builder.relation_statements,
        )

    run()  # the caches fill once
    before = [sys.getrefcount(x) for x in watched]
    for _ in range(20):
        run()
    assert [sys.getrefcount(x) for x in watched] == before


def test_odd_but_valid_inputs_give_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    from types import MappingProxyType

    class Name(str):
        def __format__(self, spec: str) -> str:
            return "formatted"

    amap = load_map(DATA / "tiny.yaml")
    proxied = ArgumentMap(
        actors=amap.actors,
        issues=amap.issues,
        claims=MappingProxyType(dict(amap.claims)),  # a read-only mapping, not a dict
        relations=amap.relations,
    )
    both(proxied, RenderOptions(), monkeypatch)
    odd = {Name("n"): Claim(Name("n"), Text.of(Name("a text")))}
    odd["m"] = Claim("m", Text.of("plain"))
    relations = (Relation("m+>n", ("m",), Name("n"), "supports"),)
    both(ArgumentMap(claims=odd, relations=relations), RenderOptions(), monkeypatch)
    for width in (1, 2, 10_000):
        both(amap, RenderOptions(width=width), monkeypatch)
