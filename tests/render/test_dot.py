"""DOT building with pydot: determinism, escaping, legend, styles, clusters, Graphviz."""

from __future__ import annotations

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pydot
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError
from argmap.load import load_map
from argmap.model import Actor, ArgumentMap, Claim, Issue, Relation, Text
from argmap.render.dot import RenderOptions, to_dot
from argmap.render.labels import clean, html_escape, quote
from argmap.style import theme
from argmap.view import Selection, select

DATA = Path(__file__).parent.parent / "data"
FLAGSHIP = Path(__file__).parent.parent.parent / "arguments" / "llama-3.1-open-source"
HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz `dot` is not installed")
# pydot's DOT parser (used here to read our output back) calls deprecated pyparsing names.
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning")

TORTURE = 'He said "hi" \\ <b>bold</b> & co\nnext line \\N \\G \\L } ] ; -> x [color=red]'


def tiny() -> ArgumentMap:
    return load_map(DATA / "tiny.yaml")


def undercut() -> ArgumentMap:
    return load_map(DATA / "undercut.yaml")


def torture_map() -> ArgumentMap:
    nasty = Text.of(TORTURE)
    return ArgumentMap(
        title=Text.of('Title "<&>" \\N'),
        actors={'a"<b>': Actor('a"<b>', Text.of('Act & "or" <i>'))},
        issues={'q"]': Issue('q"]', Text.of('Why "\\G" <&>?'))},
        claims={
            'x"}': Claim('x"}', nasty, kind="policy", by=('a"<b>',), answers='q"]'),
            "y\\N": Claim("y\\N", Text.of("plain"), tags=('t"]',)),
        },
        relations=(Relation('y\\N+>x"}', ("y\\N",), 'x"}', "supports"),),
    )


def graph_label(dot: str) -> str:
    """The legend: the graph label written last."""
    return dot.rsplit("graph [label=", 1)[1]


def node_names(dot: str) -> list[str]:
    graphs = pydot.graph_from_dot_data(dot)
    assert graphs is not None and len(graphs) == 1
    names: list[str] = []

    def walk(g: pydot.Graph) -> None:
        names.extend(
            n.get_name() for n in g.get_nodes() if n.get_name() not in ("node", "graph", "edge")
        )
        for sub in g.get_subgraphs():
            walk(sub)

    walk(graphs[0])
    return sorted(set(names))


def looks(dot: str) -> tuple[dict[str, dict[str, str]], list[tuple[str, str, dict[str, str]]]]:
    """Every node's and edge's attributes as Graphviz reads them: the ``node``/``edge``
    defaults in force where it is written, overridden by its own."""
    graphs = pydot.graph_from_dot_data(dot)
    assert graphs is not None and len(graphs) == 1
    nodes: dict[str, dict[str, str]] = {}
    edges: list[tuple[str, str, dict[str, str]]] = []

    def walk(g: pydot.Graph, node_default: dict[str, str], edge_default: dict[str, str]) -> None:
        items = sorted(
            [*g.get_nodes(), *g.get_edges(), *g.get_subgraphs()],
            key=lambda item: item.get_sequence() or 0,
        )
        for item in items:
            if isinstance(item, pydot.Edge):
                edges.append(
                    (
                        item.get_source(),
                        item.get_destination(),
                        {**edge_default, **item.get_attributes()},
                    )
                )
            elif isinstance(item, pydot.Node):
                name = item.get_name()
                if name == "node":
                    node_default = {**node_default, **item.get_attributes()}
                elif name == "edge":
                    edge_default = {**edge_default, **item.get_attributes()}
                elif name != "graph" and name not in nodes:  # a later mention adds nothing
                    nodes[name] = {**node_default, **item.get_attributes()}
            else:
                walk(item, node_default, edge_default)

    walk(graphs[0], {}, {})
    return nodes, edges


def edge_look(dot: str, source: str, target: str) -> dict[str, str]:
    (look,) = [a for s, t, a in looks(dot)[1] if (s, t) == (source, target)]
    return look


def drawn(amap: ArgumentMap, selection: Selection, options: RenderOptions | None = None) -> str:
    """The DOT of the part of ``amap`` that ``selection`` keeps (its focus marked)."""
    options = options or RenderOptions()
    if selection.focus is not None:
        options = replace(options, focus=selection.focus)
    return to_dot(select(amap, selection), options)


def claim_ids(dot: str) -> set[str]:
    return {m for m in re.findall(r'^"claim:([^"]+)" \[', dot, re.M)}


# ---------------------------------------------------------------- determinism


def test_same_map_same_bytes() -> None:
    options = RenderOptions(show=frozenset({"actors", "sources", "ids"}), cluster="actor")
    first = to_dot(tiny(), options)
    second = to_dot(load_map(DATA / "tiny.yaml"), options)
    assert first == second
    assert first.startswith("digraph argmap {\n")


@pytest.mark.skipif(not FLAGSHIP.exists(), reason="flagship map not present")
def test_flagship_is_deterministic() -> None:
    amap = load_map(FLAGSHIP)
    for options in (RenderOptions(), RenderOptions(lang="en", cluster="issue")):
        assert to_dot(amap, options) == to_dot(load_map(FLAGSHIP), options)


# ---------------------------------------------------------------- escaping


def test_quote_and_html_escape() -> None:
    assert quote('a"b\\N\nc') == '"a\\"b\\\\N\\nc"'
    assert html_escape("<b> & \"q\" 'x'") == "&lt;b&gt; &amp; &quot;q&quot; &#39;x&#39;"
    assert html_escape("a\\N\nb") == 'a\\\\N<BR ALIGN="LEFT"/>b'
    assert quote("t\\N", passes=2) == '"t\\\\\\\\N"'
    assert html_escape("bell\x07") == "bell\ufffd"


def test_torture_text_parses_back_without_injection() -> None:
    dot = to_dot(torture_map(), RenderOptions(show=frozenset({"actors", "ids"}), cluster="tag"))
    names = node_names(dot)
    # exactly the nodes we made: one issue, two claims (no attribute or node injected)
    assert sorted(names) == sorted(['"issue:q\\"]"', '"claim:x\\"}"', '"claim:y\\\\N"'])
    x_node = looks(dot)[0]['"claim:x\\"}"']
    assert x_node["color"] == f'"{theme.DEFAULT.kinds["policy"].color}"'  # not "red"
    assert x_node["class"] == '"claim policy"'
    label = x_node["label"]
    assert "<b>bold</b>" not in label and "&lt;b&gt;bold&lt;/b&gt;" in label


@needs_dot
def test_torture_svg_is_well_formed_with_text_intact() -> None:
    from argmap.render.graphviz import render_dot

    dot = to_dot(torture_map(), RenderOptions(show=frozenset({"actors", "ids"}), width=200))
    svg = render_dot(dot, "svg", timeout=30).decode("utf-8")
    root = ET.fromstring(svg)
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    joined = "\n".join(texts)
    for line in TORTURE.split("\n"):
        assert line in texts, (line, texts)
    assert 'Why "\\G" <&>?' in joined
    assert 'Act & "or" <i>' in joined
    assert 'Title "<&>" \\N' in joined
    titles = [a.get("{http://www.w3.org/1999/xlink}title") for a in root.iter()]
    assert any(t and t.startswith('x"}: He said "hi" \\ <b>') for t in titles)


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))
def test_any_text_stays_inside_its_label(text: str) -> None:
    amap = ArgumentMap(
        claims={"c": Claim("c", Text.of(text)), "d": Claim("d", Text.of("other"))},
        relations=(Relation("c+>d", ("c",), "d", "supports"),),
    )
    dot = to_dot(amap, RenderOptions(legend=False))
    graphs = pydot.graph_from_dot_data(dot)
    assert graphs is not None
    edges = graphs[0].get_edges()
    assert [(e.get_source(), e.get_destination()) for e in edges] == [('"claim:c"', '"claim:d"')]
    assert sorted(node_names(dot)) == ['"claim:c"', '"claim:d"']


# ---------------------------------------------------------------- views drawn


def test_focus_view_is_drawn_with_its_focus_marked() -> None:
    dot = drawn(tiny(), Selection(focus="c", depth=1))
    assert claim_ids(dot) == {"x", "b", "c"}
    assert "◆" in dot  # the focus is marked


def test_undercut_attacks_the_junction_and_linked_premises_meet() -> None:
    dot = to_dot(undercut(), RenderOptions())
    junction = '"relation:danger-restrict"'
    assert f"{junction} [" in dot
    assert f'"claim:lobby" -> {junction} [' in dot
    undercut_edge = edge_look(dot, '"claim:lobby"', junction)
    assert undercut_edge["style"] == '"dashed"'
    assert undercut_edge["color"] == f'"{theme.DEFAULT.relations["undercuts"].color}"'
    # the linked argument: both premises into one junction, one arrow into the conclusion
    assert edge_look(dot, '"claim:price"', '"relation:cost-calc"')["arrowhead"] == '"none"'
    assert edge_look(dot, '"claim:count"', '"relation:cost-calc"')["arrowhead"] == '"none"'
    assert edge_look(dot, '"relation:cost-calc"', '"claim:cost"')["arrowhead"] == '"normal"'
    # a plain support needs no junction
    assert edge_look(dot, '"claim:misuse"', '"claim:danger"')["arrowhead"] == '"normal"'


@pytest.mark.parametrize(
    "amap, options",
    [
        (tiny, RenderOptions()),
        (undercut, RenderOptions(show=frozenset({"ids"}), cluster="issue")),
        (tiny, RenderOptions(focus="x", color_by="actor", cluster="actor")),
        (tiny, RenderOptions(cluster="issue", collapse=True)),
    ],
)
def test_defaults_reach_only_what_they_describe(
    amap: Callable[[], ArgumentMap], options: RenderOptions
) -> None:
    """The node and edge defaults carry the most common look; every node and edge still
    looks as its theme says."""
    drawn_map = amap()
    nodes, edges = looks(to_dot(drawn_map, options))
    for name, look in nodes.items():
        kind, _, key = name.strip('"').partition(":")
        if kind == "claim":
            style = theme.DEFAULT.kinds[drawn_map.claims[key].kind]
            assert look["class"] == f'"claim {drawn_map.claims[key].kind}"'
            assert look["shape"] == '"box"' and look["color"] == f'"{style.color}"'
            assert ("dashed" in look["style"]) == style.dashed
            wide = key == options.focus
            assert (float(look["penwidth"]) > style.penwidth) == wide
        elif kind == "issue":
            assert look["shape"] == f'"{theme.ISSUE_SHAPE}"' and look["class"] == '"issue"'
            assert (
                look["fillcolor"] == f'"{theme.DEFAULT.issue_fill}"' and look["penwidth"] == "1.6"
            )
        elif kind == "relation":
            assert look["shape"] == '"circle"' and look["penwidth"] == "1"
            assert look["class"].startswith('"junction ')
        else:
            assert kind == "group" and look["class"] == '"group"'
    for _, target, look in edges:
        rtype = look["class"].strip('"').removeprefix("relation ")
        style = theme.DEFAULT.relations[rtype]
        assert look["color"] == f'"{style.color}"' and look["style"] == f'"{style.style}"'
        if "penwidth" in look and "xlabel" not in look and "×" not in look["tooltip"]:
            assert float(look["penwidth"]) == style.penwidth
        into_junction = target.startswith('"relation:') and rtype != "undercuts"
        assert look["arrowhead"] == ('"none"' if into_junction else f'"{style.arrowhead}"')


# ---------------------------------------------------------------- legend and style


def test_legend_lists_only_what_is_used() -> None:
    w = theme.words("en")
    legend = graph_label(drawn(tiny(), Selection(actors=("bob",))))
    assert "FACT" in legend
    assert "POLICY" not in legend and "VALUE" not in legend and "ISSUE" not in legend
    assert w["supports"] not in legend and w["opposes"] not in legend
    legend = graph_label(to_dot(tiny(), RenderOptions()))
    for item in (
        "POLICY",
        "FACT",
        "ISSUE",
        w["supports"],
        w["opposes"],
        w["answers"],
        w["junction"],
    ):
        assert item in legend
    assert w["undercuts"] not in legend
    legend = graph_label(to_dot(undercut(), RenderOptions()))
    assert w["undercuts"] in legend and "ISSUE" not in legend


def test_legend_can_be_left_out() -> None:
    assert "graph [label=" not in to_dot(tiny(), RenderOptions(legend=False))


def test_style_basics() -> None:
    dot = to_dot(tiny(), RenderOptions())
    assert 'rankdir="BT"' in dot
    assert "Noto Sans CJK JP" in dot.split("\n")[1]
    assert 'shape="hexagon"' in dot
    assert '"claim:x" -> "issue:q"' in dot
    support = theme.DEFAULT.relations["supports"].color
    oppose = theme.DEFAULT.relations["opposes"].color
    a_x = edge_look(dot, '"claim:a"', '"claim:x"')
    assert (a_x["arrowhead"], a_x["color"]) == ('"normal"', f'"{support}"')
    b_x = edge_look(dot, '"claim:b"', '"claim:x"')
    assert (b_x["arrowhead"], b_x["color"]) == ('"tee"', f'"{oppose}"')
    x_node = looks(dot)[0]['"claim:x"']
    assert x_node["color"] == f'"{theme.DEFAULT.kinds["policy"].color}"'
    assert "POLICY" in x_node["label"] and "— Alice" in x_node["label"]
    assert "rank=max" in dot
    assert 'rankdir="LR"' in to_dot(tiny(), RenderOptions(rankdir="LR"))


def test_show_controls_box_contents() -> None:
    plain = to_dot(tiny(), RenderOptions(show=frozenset()))
    assert "— Alice" not in plain and "A paper" not in plain
    full = to_dot(tiny(), RenderOptions(show=frozenset({"actors", "sources", "ids"})))
    assert "Sources: A paper (2024-07-23)" in full
    assert '<FONT POINT-SIZE="9" COLOR="#6b7280">  x</FONT>' in full


def test_japanese_labels() -> None:
    dot = to_dot(tiny(), RenderOptions(lang="ja"))
    assert "Xをすべきだ。" in dot
    assert "政策" in dot and "ノード（枠＝種類）" in graph_label(dot)
    assert to_dot(tiny()) == to_dot(tiny(), RenderOptions(lang="en"))  # the map's first


def test_clusters() -> None:
    dot = to_dot(tiny(), RenderOptions(cluster="actor"))
    assert "subgraph cluster_0 {" in dot and "subgraph cluster_1 {" in dot
    assert "<B>Alice</B>" in dot and "<B>Bob</B>" in dot
    dot = to_dot(tiny(), RenderOptions(cluster="issue"))
    cluster = dot.split("subgraph cluster_0 {", 1)[1].split("}\n", 1)[0]
    for name in ('"issue:q"', '"claim:x"', '"claim:a"', '"claim:b"', '"claim:c"'):
        assert name in cluster


def test_color_by_actor_and_status() -> None:
    dot = to_dot(tiny(), RenderOptions(color_by="actor"))
    assert f'fillcolor="{theme.DEFAULT.actor_fills[0]}"' in dot and "Alice" in graph_label(dot)
    statuses = {"x": "in", "a": "in", "b": "OUT", "c": "undecided"}
    dot = to_dot(tiny(), RenderOptions(color_by="status", statuses=statuses))
    legend = graph_label(dot)
    for key in ("in", "out", "undec"):
        assert theme.DEFAULT.status_fills[key] in legend
    b_line = next(x for x in dot.splitlines() if x.startswith('"claim:b" ['))
    assert f'fillcolor="{theme.DEFAULT.status_fills["out"]}"' in b_line
    dot = to_dot(tiny(), RenderOptions(color_by="status", strengths={"x": 1.0, "a": 0.0}))
    assert 'fillcolor="#4ade80"' in dot and "strength 1.00" in dot
    with pytest.raises(ArgmapError, match="needs statuses"):
        RenderOptions(color_by="status")


def test_bad_options() -> None:
    with pytest.raises(ArgmapError):
        RenderOptions(rankdir="XY")
    with pytest.raises(ArgmapError):
        RenderOptions(show=frozenset({"colours"}))
    with pytest.raises(ArgmapError):
        RenderOptions(engine="circo")
    for width in (0, -3, 10_001, 30.0, True):
        with pytest.raises(ArgmapError, match="width must be"):
            RenderOptions(width=width)  # type: ignore[arg-type]


def test_other_engines_drop_rank_constraints() -> None:
    dot = to_dot(tiny(), RenderOptions(engine="sfdp"))
    assert 'layout="sfdp"' in dot and "rank=max" not in dot and 'overlap="prism"' in dot


@needs_dot
@pytest.mark.parametrize("fmt,magic", [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_graphviz_formats(fmt: str, magic: bytes) -> None:
    from argmap.render.graphviz import render_dot

    data = render_dot(to_dot(undercut(), RenderOptions()), fmt, timeout=30)
    assert data.startswith(magic)


# ---------------------------------------------------------------- running Graphviz


def test_missing_dot_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.errors import ToolError
    from argmap.render.graphviz import render_dot

    monkeypatch.setenv("PATH", "")
    with pytest.raises(ToolError, match="apt-get install graphviz") as info:
        render_dot("digraph { a }", "svg")
    assert "brew install graphviz" in str(info.value)
    assert render_dot("digraph { a }", "dot") == b"digraph { a }"  # DOT needs no Graphviz


def test_slow_layout_is_stopped_with_advice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.errors import ToolError
    from argmap.render.graphviz import render_dot

    fake = tmp_path / "dot"
    fake.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(30)\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolError, match="--focus") as info:
        render_dot("digraph { a }", "png", timeout=0.3)
    assert "--engine sfdp" in str(info.value) and "--issue" in str(info.value)


def test_graphviz_failure_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.errors import ToolError
    from argmap.render.graphviz import render_dot

    fake = tmp_path / "dot"
    fake.write_text("#!/bin/sh\necho 'Error: syntax error in line 1' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolError, match="syntax error in line 1"):
        render_dot("digraph {", "svg")


def test_format_for_suffixes() -> None:
    from argmap.render.graphviz import format_for

    assert (format_for("a.SVG"), format_for("a.gv"), format_for("a.txt")) == ("svg", "dot", None)


# ---------------------------------------------------------------- the DOT writer

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_CASES: dict[str, tuple[str, Selection, RenderOptions]] = {
    "tiny": ("tiny", Selection(), RenderOptions()),
    "tiny-ja-actor-cluster": (
        "tiny",
        Selection(),
        RenderOptions(lang="ja", cluster="actor", show=frozenset({"actors", "sources", "ids"})),
    ),
    "tiny-status-lr": (
        "tiny",
        Selection(),
        RenderOptions(
            color_by="status", statuses={"x": "in", "a": "out", "b": "undecided"}, rankdir="LR"
        ),
    ),
    "tiny-focus-sfdp": (
        "tiny",
        Selection(focus="x", depth=1),
        RenderOptions(engine="sfdp", color_by="actor"),
    ),
    "undercut-ids": (
        "undercut",
        Selection(),
        RenderOptions(show=frozenset({"ids"}), cluster="issue"),
    ),
    "torture": (
        "torture",
        Selection(),
        RenderOptions(show=frozenset({"actors", "ids"}), cluster="tag"),
    ),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_output_is_byte_identical_to_the_golden_files(name: str) -> None:
    """The pictures of golden/ do not change unless meant to (then they are regenerated and
    looked at)."""
    source, selection, options = GOLDEN_CASES[name]
    amap = torture_map() if source == "torture" else load_map(DATA / f"{source}.yaml")
    expected = (GOLDEN / f"{name}.dot").read_bytes().decode("utf-8")
    assert drawn(amap, selection, options) == expected


def test_numbers_are_written_as_pydot_would() -> None:
    from argmap.render.labels import value

    written = [str(value(x)) for x in (1.6, 11.0, 0.13, 2, True)]
    assert written == ["1.6", "11", "0.13", "2", "true"]
    assert str(value(1e6)) == '"1e+06"' and str(value(-2.5)) == '"-2.5"'  # pydot quotes these


def _reference_html_escape(text: str) -> str:
    out = clean(text).replace("\\", "\\\\")
    for raw, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        out = out.replace(raw, entity)
    return out.replace("'", "&#39;").replace("\n", '<BR ALIGN="LEFT"/>')


def _reference_quote(text: str, passes: int) -> str:
    out = clean(text).replace("\\", "\\" * (2**passes))
    return '"' + out.replace('"', '\\"').replace("\n", "\\n") + '"'


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from([*"ab <>&\"'\\\n\r\t\x00\x07\x7f\u3000日\ufffe", "\ud800"]))
)
def test_escaping_fast_paths_match_the_rules(text: str) -> None:
    assert html_escape(text) == _reference_html_escape(text)
    assert quote(text) == _reference_quote(text, 1)
    assert quote(text, passes=2) == _reference_quote(text, 2)


def test_build_graph_gives_pydot_objects() -> None:
    from argmap.render.dot import build_graph

    graph = build_graph(tiny(), RenderOptions())
    assert isinstance(graph, pydot.Dot)
    names = {n.get_name() for n in graph.get_nodes()}
    assert {'"claim:x"', '"claim:a"', '"issue:q"'} <= names
    assert graph.to_string() == to_dot(tiny(), RenderOptions())


# ---------------------------------------------------------------- collapsed clusters


def test_collapse_draws_one_box_per_cluster() -> None:
    from argmap.render.dot import picture

    options = RenderOptions(cluster="actor", collapse=True)
    done = picture(tiny(), options)
    assert (done.claims, done.boxes) == (4, 2)
    dot = done.dot
    assert dot == to_dot(tiny(), options)
    assert '"group:alice" [' in dot and '"group:bob" [' in dot
    assert '"claim:' not in dot  # every claim is in a group
    assert "3 claims" in dot and "1 claim<" in dot
    # b (bob) opposes x (alice), c (alice) opposes b (bob): one arrow each way
    assert re.search(r'"group:bob" -> "group:alice" \[arrowhead="tee"', dot)
    assert re.search(r'"group:alice" -> "group:bob" \[arrowhead="tee"', dot)
    assert '"group:alice" -> "group:alice"' not in dot  # relations inside a group are not drawn
    assert "group of claims" in graph_label(dot)
    assert node_names(dot) == sorted(['"group:alice"', '"group:bob"', '"issue:q"'])


def test_collapse_by_issue_counts_the_debate() -> None:
    options = RenderOptions(cluster="issue", collapse=True, lang="ja")
    dot = to_dot(tiny(), options)
    assert '"group:q" [' in dot and "主張 4 件" in dot and "Should we do X?" in dot
    assert "-> " not in dot.split("graph [label=")[0].split('"group:q" [')[1]  # no edges left


def test_collapse_counts_and_thickens_repeated_relations() -> None:
    claims = {"t": Claim("t", Text.of("target"), tags=("goal",))}
    claims |= {f"s{i}": Claim(f"s{i}", Text.of(f"reason {i}"), tags=("why",)) for i in range(4)}
    relations = tuple(Relation(f"s{i}+>t", (f"s{i}",), "t", "supports") for i in range(4))
    amap = ArgumentMap(claims=claims, relations=relations)
    dot = to_dot(amap, RenderOptions(cluster="tag", collapse=True, legend=False))
    (edge,) = [line for line in dot.splitlines() if " -> " in line]
    assert edge.startswith('"group:why" -> "group:goal" [')
    assert 'xlabel="4"' in edge and "penwidth=3.6" in edge and 'tooltip="4 × supports"' in edge


def test_collapse_needs_a_cluster() -> None:
    with pytest.raises(ArgmapError, match="collapse needs a cluster"):
        RenderOptions(collapse=True)


def test_picture_counts_claims() -> None:
    from argmap.render.dot import picture

    done = picture(select(tiny(), Selection(actors=("alice",))), RenderOptions())
    assert (done.claims, done.boxes) == (3, 3)
    assert done.data == done.dot.encode("utf-8")


def test_progress_is_reported_up_to_the_last_claim() -> None:
    from argmap.render.dot import picture

    calls: list[tuple[int, int]] = []
    picture(tiny(), RenderOptions(), progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 4) and calls[-1] == (4, 4)


def test_same_bytes_under_any_hash_seed(tmp_path: Path) -> None:
    import os
    import subprocess

    script = (
        "import sys; from argmap.load import load_map; from argmap.render.dot import "
        "RenderOptions, to_dot; sys.stdout.write(to_dot(load_map(sys.argv[1]), "
        "RenderOptions(cluster='tag', show=frozenset({'actors', 'sources', 'ids'}))))"
    )
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script, str(DATA / "tiny.yaml")],
            env=env,
            capture_output=True,
            check=True,
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_a_hand_built_relation_without_premises_is_drawn_without_error() -> None:
    claims = {c: Claim(c, Text.of(c)) for c in "xa"}
    amap = ArgumentMap(
        claims=claims,
        relations=(
            Relation("empty", (), "x", "supports"),
            Relation("a+>x", ("a",), "x", "supports"),
        ),
    )
    assert '"claim:a" -> "claim:x"' in to_dot(amap)
