"""A picture of what changed: ``render NEW --diff OLD`` draws the new map with what was removed
put back where it stood, and marks every box and arrow that was added, changed or removed.

* added: a thick pink border and the word "+ added" on the box; its arrows drawn between two
  pink lines;
* changed: a double orange border and "Δ changed"; its arrows between two orange lines;
* removed: ghosted, in faded grey with a dotted border and "− removed"; its arrows a faded
  double grey line, unlike any relation's own line (solid, dashed or dotted).

The marks never rely on colour alone (the words, and thick, double or dotted borders), and
their colours are none of the kinds', relations' or statuses'. A row under the legend says
which is which.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

import pydot

from argmap.analysis.diff import MapDiff
from argmap.graph import neighbourhood
from argmap.model import ArgumentMap, Relation
from argmap.render.dot import Picture, _Builder
from argmap.render.labels import (
    Dot,
    Html,
    attrs,
    claim_name,
    font,
    html_escape,
    junction_name,
    value,
)
from argmap.render.options import RenderOptions
from argmap.style import theme
from argmap.view import junctions

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
ADDED_COLOR = "#db2777"
CHANGED_COLOR = "#ea580c"
GHOST_COLOR = "#9ca3af"
GHOST_FILL = "#f3f4f6"
_WORDS = {
    "en": {ADDED: "+ added", CHANGED: "Δ changed", REMOVED: "− removed", "title": "Changes"},
    "ja": {ADDED: "+ 追加", CHANGED: "Δ 変更", REMOVED: "− 削除", "title": "変更点"},
}


def merged_map(d: MapDiff) -> tuple[ArgumentMap, dict[str, str]]:
    """The new map with the removed claims and relations put back, and the mark of every claim
    and relation id that changed (``added``, ``changed`` or ``removed``)."""
    marks: dict[str, str] = {}
    for cid in d.claims.added:
        marks[cid] = ADDED
    for change in d.claims.changed:
        marks[change.id] = CHANGED
    for r in d.renamed:
        marks.setdefault(r.new, CHANGED)
    for rel in d.relations_added:
        marks[rel.id] = ADDED
    for rc in d.relations_changed:
        marks[rc.new.id] = CHANGED
    rename = {r.old: r.new for r in d.renamed}
    claims = dict(d.new.claims)
    for cid in d.claims.removed:
        claims[cid] = d.old.claims[cid]
        marks[cid] = REMOVED
    relations = list(d.new.relations)
    ids = {rel.id for rel in relations}
    for rel in d.relations_removed:
        premises = tuple(rename.get(p, p) for p in rel.premises)
        target = rename.get(rel.target, rel.target)
        if rel.type == "undercuts" and target not in ids:
            continue  # the inference it attacked is gone too
        if any(p not in claims for p in premises) or (
            rel.type != "undercuts" and target not in claims
        ):
            continue
        rid = rel.id if rel.explicit_id else Relation.auto_id(premises, target, rel.type)
        if rid in ids:
            continue
        relations.append(replace(rel, id=rid, premises=premises, target=target))
        ids.add(rid)
        marks[rid] = REMOVED
    ghosts = [d.old.claims[c] for c in d.claims.removed] + list(d.relations_removed)
    actors, sources, issues = dict(d.new.actors), dict(d.new.sources), dict(d.new.issues)
    for item in ghosts:  # what the removed items name, from the old map where it went too
        for aid in item.by:
            if aid not in actors and aid in d.old.actors:
                actors[aid] = d.old.actors[aid]
        for sid in item.source:
            if sid not in sources and sid in d.old.sources:
                sources[sid] = d.old.sources[sid]
        answers = getattr(item, "answers", None)
        if answers and answers not in issues and answers in d.old.issues:
            issues[answers] = d.old.issues[answers]
    merged = replace(
        d.new,
        claims=claims,
        relations=tuple(relations),
        actors=actors,
        sources=sources,
        issues=issues,
    )
    return merged, marks


def changed_claims(amap: ArgumentMap, marks: Mapping[str, str], depth: int) -> tuple[str, ...]:
    """The claims within ``depth`` relations of a change (``--changed-only``), in map order: a
    marked claim, or the premises and target of a marked relation."""
    by_id = amap.relations_by_id()
    seeds: set[str] = set()
    for name in marks:
        if name in amap.claims:
            seeds.add(name)
            continue
        rel = by_id.get(name)
        while rel is not None:
            seeds.update(rel.premises)
            if rel.target in amap.claims:
                seeds.add(rel.target)
            rel = by_id.get(rel.target)
    keep: set[str] = set()
    for cid in seeds:
        keep |= neighbourhood(amap, cid, depth)
    return tuple(c for c in amap.claims if c in keep)


def _edge_ends(
    amap: ArgumentMap, marks: Mapping[str, str]
) -> dict[tuple[str, str], tuple[str, str]]:
    """(source node, target node) of every drawn edge of a marked relation -> (its mark, its
    relation type)."""
    joined = junctions(amap)
    ends: dict[tuple[str, str], tuple[str, str]] = {}
    for rel in amap.relations:
        mark = marks.get(rel.id)
        if mark is None:
            continue
        head = junction_name(rel.target) if rel.type == "undercuts" else claim_name(rel.target)
        if rel.id in joined:
            middle = junction_name(rel.id)
            for p in rel.premises:
                ends[(claim_name(p), middle)] = (mark, rel.type)
            ends[(middle, head)] = (mark, rel.type)
        else:
            for p in rel.premises:
                ends[(claim_name(p), head)] = (mark, rel.type)
    return ends


def _nodes_and_edges(graph: pydot.Dot | pydot.Subgraph) -> tuple[list, list]:
    nodes, edges = list(graph.get_nodes()), list(graph.get_edges())
    for sub in graph.get_subgraphs():
        more_nodes, more_edges = _nodes_and_edges(sub)
        nodes += more_nodes
        edges += more_edges
    return nodes, edges


_BOX_LOOKS = {
    ADDED: attrs(color=ADDED_COLOR, penwidth=3.5),
    CHANGED: attrs(color=CHANGED_COLOR, peripheries=2, penwidth=1.8),
    REMOVED: attrs(
        color=GHOST_COLOR,
        fillcolor=GHOST_FILL,
        fontcolor=GHOST_COLOR,
        style="rounded,filled,dotted",
    ),
}


_MARK_COLORS = {ADDED: ADDED_COLOR, CHANGED: CHANGED_COLOR, REMOVED: GHOST_COLOR}


def _label_mark(node: pydot.Node, word: str, color: str) -> None:
    """Put ``word`` on top of a claim box's label (an HTML table)."""
    label = str(node.get("label") or "")
    if not label.startswith("<<TABLE") or "<TR>" not in label:
        return
    row = font(f"<B>{html_escape(word)}</B>", theme.SMALL_SIZE, color)
    label = label.replace("<TR>", f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{row}</TD></TR><TR>', 1)
    node.set("label", Dot(label))


def _edge_look(mark: str, rtype: str) -> dict:
    if mark == REMOVED:
        faded = GHOST_COLOR + "99"
        return attrs(color=f"{faded}:#ffffff00:{faded}", style="solid")
    outline = ADDED_COLOR if mark == ADDED else CHANGED_COLOR
    return attrs(color=f"{outline}:{theme.RELATIONS[rtype].color}:{outline}")


def mark_changes(
    graph: pydot.Dot, amap: ArgumentMap, marks: Mapping[str, str], lang: str | None
) -> pydot.Dot:
    """Mark the boxes and arrows of ``graph`` (the picture of :func:`merged_map`'s map) and add
    the changes to its legend."""
    boxes = {claim_name(c): m for c, m in marks.items() if c in amap.claims}
    ghost_junctions = {junction_name(r) for r, m in marks.items() if m == REMOVED}
    ends = _edge_ends(amap, marks)
    words = _WORDS.get((lang or "en").split("-")[0], _WORDS["en"])
    nodes, edges = _nodes_and_edges(graph)
    seen: set[str] = set()
    for node in nodes:
        name = node.get_name()
        mark = boxes.get(name)
        if mark is not None:
            seen.add(mark)
            for key, val in _BOX_LOOKS[mark].items():
                node.set(key, val)
            _label_mark(node, words[mark], _MARK_COLORS[mark])
        elif name in ghost_junctions:
            node.set("color", value(GHOST_COLOR))
            node.set("fillcolor", value(GHOST_COLOR))
    for edge in edges:
        found = ends.get((edge.get_source(), edge.get_destination()))
        if found is None:
            continue
        mark, rtype = found
        seen.add(mark)
        for key, val in _edge_look(mark, rtype).items():
            edge.set(key, val)
    if seen:
        _legend(graph, [m for m in (ADDED, CHANGED, REMOVED) if m in seen], lang)
    return graph


def _legend(graph: pydot.Dot, shown: list[str], lang: str | None) -> None:
    words = _WORDS.get((lang or "en").split("-")[0], _WORDS["en"])
    size = theme.LEGEND_SIZE
    cells = [f'<TD ALIGN="LEFT">{font(html_escape(words["title"]), size)}</TD>']
    looks = {
        ADDED: (ADDED_COLOR, "#ffffff", 3, ""),
        CHANGED: (CHANGED_COLOR, "#ffffff", 1, ""),
        REMOVED: (GHOST_COLOR, GHOST_FILL, 1, ' STYLE="dotted"'),
    }
    for mark in shown:
        color, fill, border, style = looks[mark]
        inner = font(html_escape(words[mark]), size, GHOST_COLOR if mark == REMOVED else None)
        if mark == CHANGED:
            inner = (
                f'<TABLE BORDER="1" COLOR="{color}" CELLBORDER="0" CELLPADDING="1">'
                f"<TR><TD>{inner}</TD></TR></TABLE>"
            )
        cells.append(
            f'<TD><TABLE BORDER="{border}"{style} COLOR="{color}" BGCOLOR="{fill}" '
            f'CELLBORDER="0" CELLPADDING="2"><TR><TD>{inner}</TD></TR></TABLE></TD>'
        )
    row = f'<TABLE BORDER="0" CELLSPACING="4"><TR>{"".join(cells)}</TR></TABLE>'
    defaults = graph.obj_dict["nodes"].get("graph")
    settings = defaults[-1]["attributes"] if defaults else None
    text = str(settings.get("label", "")) if settings is not None else ""
    if text.startswith("<") and text.endswith(">"):
        row = (
            f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD ALIGN="LEFT">'
            f'{text[1:-1]}</TD></TR><TR><TD ALIGN="LEFT">{row}</TD></TR></TABLE>'
        )
    if settings is not None and "label" in settings:
        settings["label"] = value(Html(row))
    else:
        graph.set_graph_defaults(**attrs(label=Html(row), labelloc="t", labeljust="l"))


def marked_picture(
    amap: ArgumentMap,
    options: RenderOptions,
    marks: Mapping[str, str],
    progress: Callable[[int, int], None] | None = None,
) -> Picture:
    """The picture of ``amap`` (a part of :func:`merged_map`'s map) with the changes marked."""
    builder = _Builder(amap, options, progress)
    graph = mark_changes(builder.build(), amap, marks, options.lang)
    return Picture(graph.to_string(), len(amap.claims), builder.boxes, builder.edges)
