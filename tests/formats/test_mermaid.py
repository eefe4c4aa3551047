"""Mermaid flowchart export."""

from __future__ import annotations

import re
from pathlib import Path

from argmap.formats.mermaid import dump_mermaid, escape_label
from argmap.load import load_map
from argmap.model import ArgumentMap, Claim, Text

DATA = Path(__file__).resolve().parents[1] / "data"
LINK = re.compile(r"^  \S+ (-->|--x|---|-\.-x|-\.-|-\.->)(\|[^|]*\|)? \S+$")


def links(text: str) -> list[str]:
    return [line for line in text.splitlines() if LINK.match(line)]


def test_escape_label() -> None:
    assert escape_label('a "b" #c <d> & e|f`g') == (
        "a #quot;b#quot; #35;c #60;d#62; #38; e#124;f#96;g"
    )


def test_structure_and_styles() -> None:
    text = dump_mermaid(load_map(DATA / "tiny.yaml"))
    lines = text.splitlines()
    assert lines[:2] == ["%% Tiny debate", "flowchart BT"]
    assert '  c0("We should do X.<br/><i>policy · Alice</i>"):::policy' in lines
    assert "  c2 --x c0" in lines  # opposition: red line with a cross
    assert "  c1 --> c0" in lines  # support
    assert "  c0 -.-> i0" in lines  # the position answers the issue
    # linked premises meet at a junction
    assert "  c1 --- j3" in lines and "  c3 --- j3" in lines and "  j3 --> c0" in lines
    # every link is styled exactly once, with the picture colours
    styled = sorted(
        int(i)
        for line in lines
        if line.startswith("  linkStyle")
        for i in line.split()[1].split(",")
    )
    assert styled == list(range(len(links(text))))
    assert "stroke:#15803d" in text and "stroke:#dc2626" in text
    assert 'subgraph legend["Legend"]' in text


def test_undercut_is_dashed_into_a_junction() -> None:
    text = dump_mermaid(load_map(DATA / "undercut.yaml"), legend=False)
    lines = text.splitlines()
    assert "  c3 -.-x j0" in lines and "  c1 --- j0" in lines and "  j0 --> c0" in lines
    undercut_index = links(text).index("  c3 -.-x j0")
    style = next(line for line in lines if line.startswith(f"  linkStyle {undercut_index} "))
    assert "stroke:#7e22ce" in style and "stroke-dasharray" in style
    assert "subgraph" not in text


def test_labels_are_safe_and_wrapped() -> None:
    amap = ArgumentMap(
        claims={"a": Claim("a", Text.of('He said "stop" <now> & #1 ' + "word " * 12))}
    )
    text = dump_mermaid(amap, legend=False)
    label = next(line for line in text.splitlines() if line.startswith("  c0("))
    inner = label[len('  c0("') : label.rindex('")')]
    assert '"' not in inner and "<now>" not in inner
    assert "#quot;stop#quot;" in inner and inner.count("<br/>") >= 2


def test_japanese_words() -> None:
    text = dump_mermaid(load_map(DATA / "tiny.yaml"), lang="ja")
    assert "Xをすべきだ。<br/><i>政策 · Alice</i>" in text
    assert 'subgraph legend["凡例"]' in text


def test_clusters_put_claims_in_subgraphs() -> None:
    from argmap.view import clusters

    amap = load_map(DATA / "tiny.yaml")
    lines = dump_mermaid(amap, groups=clusters(amap, "actor")).splitlines()
    start = lines.index('  subgraph g0["Alice"]')
    assert lines[start + 1 : start + 5] == [
        '    c0("We should do X.<br/><i>policy · Alice</i>"):::policy',
        '    c1("X is cheap.<br/><i>fact · Alice</i>"):::fact',
        '    c3("The risk is overstated.<br/><i>fact · Alice</i>"):::fact',
        "  end",
    ]
    assert '  subgraph g1["Bob"]' in lines
    assert sum(line.startswith("  subgraph g") for line in lines) == 2


def test_collapse_draws_each_group_as_one_counted_box() -> None:
    from argmap.view import clusters

    amap = load_map(DATA / "tiny.yaml")
    text = dump_mermaid(amap, lang="en", groups=clusters(amap, "actor"), collapse=True)
    lines = text.splitlines()
    assert '  g0["Alice<br/><i>3 claims</i>"]:::group' in lines
    assert '  g1["Bob<br/><i>1 claim</i>"]:::group' in lines
    assert not any(line.lstrip().startswith(("c0(", "c1(", "j")) for line in lines)
    # b -> x and c -> b cross the groups; a +> x and r1 stay inside Alice's box
    assert links(text)[:3] == ["  g1 --x g0", "  g0 --x g1", "  g0 -.-> i0"]


def test_no_user_text_starts_a_line() -> None:
    from argmap.formats.mermaid import dump_mermaid
    from argmap.load import load_text

    amap = load_text(
        'argmap: 1\ntitle: "T\\nclick a href \\"javascript:x\\""\n'
        'claims:\n  a: {text: "one\\u2028graph LR; b-->c\\rd"}\n',
        "m.yaml",
    )
    lines = dump_mermaid(amap).splitlines()
    assert lines[0].startswith("%% T click a href")
    assert not any(line.lstrip().startswith(("click", "graph LR", "d<br")) for line in lines[1:])
    assert '  c0("one<br/>graph LR; b--#62;c<br/>d<br/><i>fact</i>"):::fact' in lines
