"""A picture of what changed: ``render NEW --diff OLD`` draws the new map with what was removed
put back where it stood, and marks every box and arrow that was added, changed or removed.

* added: a thick pink border and the word "+ added" on the box; its arrows drawn between two
  pink lines;
* changed: a double orange border and "Δ changed"; its arrows between two orange lines;
* removed: ghosted, in faded grey with a dotted border and "− removed"; its arrows a faded
  double grey line, unlike any relation's own line (solid, dashed or dotted).

The marks never rely on colour alone (the words, and thick, double or dotted borders), and
their colours (the picture's theme's) are none of the kinds', relations' or statuses' in the
default theme. A row under the legend says which is which.
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
from argmap.style.theme import DEFAULT, Theme
from argmap.view import junctions

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
ADDED_COLOR = DEFAULT.added_color
CHANGED_COLOR = DEFAULT.changed_color
GHOST_COLOR = DEFAULT.ghost_color
GHOST_FILL = DEFAULT.ghost_fill
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


def _box_looks(look: Theme) -> dict[str, dict[str, Dot]]:
    return {
        ADDED: attrs(color=look.added_color, penwidth=3.5),
        CHANGED: attrs(color=look.changed_color, peripheries=2, penwidth=1.8),
        REMOVED: attrs(
            color=look.ghost_color,
            fillcolor=look.ghost_fill,
            fontcolor=look.ghost_color,
            style="rounded,filled,dotted",
        ),
    }


def _mark_colors(look: Theme) -> dict[str, str]:
    return {ADDED: look.added_color, CHANGED: look.changed_color, REMOVED: look.ghost_color}


def _label_mark(node: pydot.Node, word: str, color: str) -> None:
    """Put ``word`` on top of a claim box's label (an HTML table)."""
    label = str(node.get("label") or "")
    if not label.startswith("<<TABLE") or "<TR>" not in label:
        return
    row = font(f"<B>{html_escape(word)}</B>", theme.SMALL_SIZE, color)
    label = label.replace("<TR>", f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{row}</TD></TR><TR>', 1)
    node.set("label", Dot(label))


def _edge_look(mark: str, rtype: str, look: Theme) -> dict:
    if mark == REMOVED:
        faded = look.ghost_color + "99"
        return attrs(color=f"{faded}:#ffffff00:{faded}", style="solid")
    outline = look.added_color if mark == ADDED else look.changed_color
    return attrs(color=f"{outline}:{look.relations[rtype].color}:{outline}")


def mark_changes(
    graph: pydot.Dot,
    amap: ArgumentMap,
    marks: Mapping[str, str],
    lang: str | None,
    look: Theme = DEFAULT,
) -> pydot.Dot:
    """Mark the boxes and arrows of ``graph`` (the picture of :func:`merged_map`'s map, in the
    theme ``look``) and add the changes to its legend."""
    boxes = {claim_name(c): m for c, m in marks.items() if c in amap.claims}
    ghost_junctions = {junction_name(r) for r, m in marks.items() if m == REMOVED}
    ends = _edge_ends(amap, marks)
    words = _WORDS.get((lang or "en").split("-")[0], _WORDS["en"])
    nodes, edges = _nodes_and_edges(graph)
    box_looks, mark_colors = _box_looks(look), _mark_colors(look)
    seen: set[str] = set()
    for node in nodes:
        name = node.get_name()
        mark = boxes.get(name)
        if mark is not None:
            seen.add(mark)
            for key, val in box_looks[mark].items():
                node.set(key, val)
            _label_mark(node, words[mark], mark_colors[mark])
        elif name in ghost_junctions:
            node.set("color", value(look.ghost_color))
            node.set("fillcolor", value(look.ghost_color))
    for edge in edges:
        found = ends.get((edge.get_source(), edge.get_destination()))
        if found is None:
            continue
        mark, rtype = found
        seen.add(mark)
        for key, val in _edge_look(mark, rtype, look).items():
            edge.set(key, val)
    if seen:
        _legend(graph, [m for m in (ADDED, CHANGED, REMOVED) if m in seen], lang, look)
    return graph


def _legend(graph: pydot.Dot, shown: list[str], lang: str | None, look: Theme) -> None:
    words = _WORDS.get((lang or "en").split("-")[0], _WORDS["en"])
    size = theme.LEGEND_SIZE
    cells = [f'<TD ALIGN="LEFT">{font(html_escape(words["title"]), size)}</TD>']
    looks = {
        ADDED: (look.added_color, look.plain_fill, 3, ""),
        CHANGED: (look.changed_color, look.plain_fill, 1, ""),
        REMOVED: (look.ghost_color, look.ghost_fill, 1, ' STYLE="dotted"'),
    }
    for mark in shown:
        color, fill, border, style = looks[mark]
        inner = font(html_escape(words[mark]), size, look.ghost_color if mark == REMOVED else None)
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
    graph = mark_changes(builder.build(), amap, marks, options.lang, builder.look)
    return Picture(graph.to_string(), len(amap.claims), builder.boxes, builder.edges)
