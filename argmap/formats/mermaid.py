"""Mermaid flowchart text, styled like argmap's pictures; renders on common code hosts.

Conclusions on top (``flowchart BT``); claims are rounded boxes whose border colour and width
show the kind; support is a green arrow, opposition a red line ending in a cross, an undercut a
dashed purple line into the small junction circle of the relation it attacks; linked premises
meet at such a junction too; issues are hexagons. A legend subgraph explains the marks. Labels
are wrapped by display width and escaped with Mermaid's entity codes.

Given the clusters of :func:`argmap.view.clusters`, claims are grouped in subgraphs; with
``collapse`` each group is one box with its claim count, and the relations between groups are
one counted arrow per type, as in a collapsed picture.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from argmap.model import ArgumentMap, Relation

if TYPE_CHECKING:
    from argmap.view import Clusters

_ARROWS = {"supports": "-->", "opposes": "--x", "undercuts": "-.-x", "answers": "-.->"}

_ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    "&": "#38;",
    "<": "#60;",
    ">": "#62;",
    "\\": "#92;",
    "`": "#96;",
    "|": "#124;",
    "{": "#123;",
    "}": "#125;",
}


def escape_label(text: str) -> str:
    """One line of label text, safe inside a quoted Mermaid label or a ``%%`` comment: every
    line break (``\\n``, ``\\r``, U+2028 and the rest) becomes a space, so no user text can
    start a line of its own.

    >>> escape_label('Say "no" & <go>')
    'Say #quot;no#quot; #38; #60;go#62;'
    >>> escape_label("Title\\ngraph TD; x-->y")
    'Title graph TD; x--#62;y'
    """
    return "".join(_ENTITIES.get(ch, ch) for ch in " ".join(text.split()))


def _label(text: str, width: int, extra: str = "") -> str:
    from argmap.style.wrap import wrap

    lines = [escape_label(line) for line in wrap(text, width)]
    label = "<br/>".join(lines)
    if extra:
        label += f"<br/><i>{escape_label(extra)}</i>"
    return f'"{label}"'


def dump_mermaid(
    amap: ArgumentMap,
    lang: str | None = None,
    legend: bool = True,
    groups: Clusters | None = None,
    collapse: bool = False,
) -> str:
    """The map as a Mermaid flowchart; texts in ``lang`` (default: the map's first language).

    >>> from argmap.load import load_map
    >>> print(dump_mermaid(load_map("tests/data/tiny.yaml")).splitlines()[1])
    flowchart BT
    """
    from argmap.style import theme

    words = theme.words(lang or amap.default_language)
    out: list[str] = []
    title = amap.text(amap.title, lang) if amap.title else ""
    out.append(f"%% {escape_label(title)}" if title else "%% argmap")
    out.append("flowchart BT")
    for kind, style in theme.DEFAULT.kinds.items():
        dash = ",stroke-dasharray:5 3" if style.dashed else ""
        out.append(
            f"  classDef {kind} fill:{style.fill},stroke:{style.color},"
            f"stroke-width:{style.penwidth}px,color:{theme.DEFAULT.ink}{dash}"
        )
    out.append(
        f"  classDef issue fill:{theme.DEFAULT.issue_fill},stroke:{theme.DEFAULT.issue_color},"
        f"color:{theme.DEFAULT.ink}"
    )
    out.append(f"  classDef junction fill:{theme.DEFAULT.ink},stroke:{theme.DEFAULT.ink}")
    if groups is not None:
        out.append(
            f"  classDef group fill:{theme.DEFAULT.cluster_fill},stroke:{theme.DEFAULT.muted},"
            f"color:{theme.DEFAULT.ink}"
        )
    node: dict[str, str] = {}
    boxes: dict[str, str] = {}  # id -> the line that draws it
    for n, issue in enumerate(amap.issues.values()):
        node[issue.id] = f"i{n}"
        label = _label(amap.text(issue.question, lang), theme.ISSUE_WIDTH, words["issue"])
        boxes[issue.id] = f"i{n}{{{{{label}}}}}:::issue"
    for n, claim in enumerate(amap.claims.values()):
        node[claim.id] = f"c{n}"
        actors = [amap.text(amap.actors[a].name, lang) if a in amap.actors else a for a in claim.by]
        extra = " · ".join([words[claim.kind], *actors])
        label = _label(amap.text(claim.text, lang), theme.CLAIM_WIDTH, extra)
        boxes[claim.id] = f"c{n}({label}):::{claim.kind}"
    links: list[tuple[str, str]] = []  # (line, style key)

    def link(src: str, arrow: str, dst: str, key: str) -> None:
        links.append((f"  {src} {arrow} {dst}", key))

    if groups is not None and collapse:
        _collapsed(amap, groups, words, node, boxes, out, link)
    else:
        _boxes(amap, groups, node, boxes, out, link)
    if legend:
        out.append(f'  subgraph legend["{escape_label(words["legend"])}"]')
        out.append("    direction LR")
        for kind in theme.DEFAULT.kinds:
            out.append(f'    lk_{kind}("{escape_label(words[kind])}"):::{kind}')
        for rtype in ("supports", "opposes", "undercuts"):
            out.append(f'    la_{rtype}[" "]')
            out.append(f'    lb_{rtype}[" "]')
        out.append("  end")
        for rtype in ("supports", "opposes", "undercuts"):
            label = escape_label(words[rtype])
            link(f"la_{rtype}", f'{_ARROWS[rtype]}|"{label}"|', f"lb_{rtype}", rtype)
    styles: dict[str, list[int]] = {}
    for i, (line, key) in enumerate(links):
        out.append(line)
        styles.setdefault(key, []).append(i)
    for key, indexes in styles.items():
        style = theme.DEFAULT.relations[key]
        dash = ",stroke-dasharray:6 4" if style.style == "dashed" else ""
        if style.style == "dotted":
            dash = ",stroke-dasharray:2 3"
        out.append(
            f"  linkStyle {','.join(map(str, indexes))} "
            f"stroke:{style.color},stroke-width:{style.penwidth}px{dash}"
        )
    return "\n".join(out) + "\n"


def _boxes(
    amap: ArgumentMap,
    groups: Clusters | None,
    node: dict[str, str],
    boxes: dict[str, str],
    out: list[str],
    link: Callable[[str, str, str, str], None],
) -> None:
    """Every box (in its group's subgraph, if any), junction and arrow of the map."""
    grouped: dict[str, str] = {}
    if groups is not None:
        grouped = {**groups.of_issue, **groups.of_claim}
        for n, (key, label) in enumerate(groups.groups):
            members = [item for item in boxes if grouped.get(item) == key]
            if not members:
                continue
            out.append(f'  subgraph g{n}["{escape_label(label)}"]')
            out.extend(f"    {boxes[item]}" for item in members)
            out.append("  end")
    out.extend(f"  {line}" for item, line in boxes.items() if item not in grouped)
    undercut = {r.target for r in amap.relations if r.type == "undercuts"}
    junction: dict[str, str] = {}
    for n, rel in enumerate(amap.relations):
        if rel.linked or rel.id in undercut:
            junction[rel.id] = f"j{n}"
            out.append(f'  j{n}((" ")):::junction')
    for claim in amap.claims.values():
        if claim.answers in node:
            link(node[claim.id], _ARROWS["answers"], node[claim.answers], "answers")
    for rel in amap.relations:
        end = _end(rel, node, junction)
        if end is None:
            continue
        if rel.id in junction:
            j = junction[rel.id]
            for premise in rel.premises:
                link(node[premise], "---" if rel.type != "undercuts" else "-.-", j, rel.type)
            link(j, _ARROWS[rel.type], end, rel.type)
        else:
            link(node[rel.premises[0]], _ARROWS[rel.type], end, rel.type)


def _collapsed(
    amap: ArgumentMap,
    groups: Clusters,
    words: dict[str, str],
    node: dict[str, str],
    boxes: dict[str, str],
    out: list[str],
    link: Callable[[str, str, str, str], None],
) -> None:
    """One box per group with its claim count, the boxes outside every group, and one counted
    arrow per type between them (:func:`argmap.view.collapsed_arrows`)."""
    from argmap.view import collapsed_arrows

    counts = Counter(groups.of_claim.values())
    group_node: dict[str, str] = {}
    for n, (key, label) in enumerate(groups.groups):
        group_node[key] = f"g{n}"
        count = counts[key]
        size = words["group_count_one"] if count == 1 else words["group_count"].format(n=count)
        out.append(f'  g{n}["{escape_label(label)}<br/><i>{escape_label(size)}</i>"]:::group')
    for cid in amap.claims:
        if cid not in groups.of_claim:
            out.append(f"  {boxes[cid]}")
    for iid in amap.issues:
        if iid not in groups.of_issue:
            out.append(f"  {boxes[iid]}")
    ends = {"group": group_node, "claim": node, "issue": node}
    for (source, target, rtype), count in collapsed_arrows(amap, groups).items():
        arrow = _ARROWS[rtype] + (f'|"{count:,}"|' if count > 1 else "")
        link(ends[source[0]][source[1]], arrow, ends[target[0]][target[1]], rtype)


def _end(rel: Relation, node: dict[str, str], junction: dict[str, str]) -> str | None:
    if rel.type == "undercuts":
        return junction.get(rel.target)
    return node.get(rel.target)
