"""Node-link JSON: the full graph (claims and relations as nodes) with every attribute.

``dump_json`` writes networkx's node-link shape (``nodes``, ``links``, ``graph``); ``read_json``
reads it back, so ``read_json(dump_json(m))`` is ``m`` again. The data is built from
:mod:`argmap.formats.plain` without a networkx graph, which would cost more than the rest of the
export; a test checks that it equals ``networkx.node_link_data`` of :func:`argmap.graph.full_graph`.

>>> from argmap.load import load_map
>>> amap = load_map("tests/data/tiny.yaml")
>>> read_json(dump_json(amap), "tiny.json").claims == amap.claims
True
"""

from __future__ import annotations

import json
from typing import Any

from argmap.errors import DiagnosticSink
from argmap.formats.jsonloc import describe, parse_json, where
from argmap.formats.plain import (
    claim_data,
    head_data,
    pick,
    relation_data,
    tables_data,
    thresholds_from_data,
)
from argmap.model import (
    ACTOR_KINDS,
    CLAIM_KINDS,
    PROOF_STANDARDS,
    RELATION_TYPES,
    Actor,
    ArgumentMap,
    Claim,
    Issue,
    Relation,
    Source,
    Text,
)

FORMAT_NAME = "argmap-node-link"
FORMAT_VERSION = 1
_RELATION_KEYS = ("type", "premises", "target", "scheme", "weight", "by", "source", "note")


# -- node-link export --------------------------------------------------------------------------
def node_link_data(amap: ArgumentMap) -> dict[str, Any]:
    """The map as node-link data (plain dicts and lists), in the map's order.

    The layout is networkx's ``node_link_data`` (``edges="links"``) of the full graph, so the
    file loads with ``networkx.node_link_graph``.
    """
    graph = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **head_data(amap)}
    graph.update(tables_data(amap))
    nodes: list[dict[str, Any]] = []
    for c in amap.claims.values():
        nodes.append({"node": "claim", **claim_data(c), "id": c.id})
    for r in amap.relations:
        node = {"node": "relation", **pick(relation_data(r), _RELATION_KEYS)}
        node["explicit_id"] = r.explicit_id
        node["id"] = r.id
        nodes.append(node)
    # networkx lists edges grouped by source node, in node order, each in insertion order
    out: dict[str, list[dict[str, Any]]] = {n["id"]: [] for n in nodes}
    for r in amap.relations:
        for premise in r.premises:
            out[premise].append(
                {"role": "premise", "type": r.type, "source": premise, "target": r.id}
            )
        out[r.id].append({"role": "target", "type": r.type, "source": r.id, "target": r.target})
    links = [link for n in nodes for link in _unique_links(out[n["id"]])]
    return {"directed": True, "multigraph": False, "graph": graph, "nodes": nodes, "links": links}


def _unique_links(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A DiGraph keeps one edge per (source, target); a repeated edge updates the first."""
    seen: dict[str, dict[str, Any]] = {}
    for link in links:
        if link["target"] in seen:
            seen[link["target"]].update(link)
        else:
            seen[link["target"]] = dict(link)
    return list(seen.values())


def dump_json(amap: ArgumentMap, lang: str | None = None) -> str:
    """The map as node-link JSON with every attribute (every language; ``lang`` is unused).

    Objects are laid out with a two-space indent down to their third level, and each node and
    link is one compact line, so maps diff cleanly in git.
    """
    return _layout(node_link_data(amap), 0) + "\n"


_compact = json.JSONEncoder(
    ensure_ascii=False, check_circular=False, separators=(", ", ": ")
).encode


def _layout(value: Any, depth: int) -> str:
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict) and value and depth < 3:
        rows = [f"{inner}{_compact(str(k))}: {_layout(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(rows) + f"\n{pad}}}"
    if isinstance(value, list) and value and depth < 2:
        rows = [f"{inner}{_compact(item)}" for item in value]
        return "[\n" + ",\n".join(rows) + f"\n{pad}]"
    return _compact(value)


# -- node-link import --------------------------------------------------------------------------
class _Reader:
    def __init__(self, filename: str) -> None:
        self.file = filename
        self.sink = DiagnosticSink()

    def error(self, message: str, value: Any, hint: str | None = None) -> None:
        self.sink.error(message, where(self.file, value), hint)

    def obj(self, value: Any, what: str, parent: Any) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.error(f"{what} must be an object, not {describe(value)}", parent)
        return None

    def text(self, value: Any, what: str, parent: Any, required: bool = True) -> Text:
        if value is None and not required:
            return Text()
        text = Text.from_data(value)
        if text is not None:
            return text
        self.error(f"{what} must be a non-empty string or a language mapping", parent)
        return Text()

    def standard(self, value: Any, iid: str, parent: Any) -> str | None:
        if value is None or value in PROOF_STANDARDS:
            return value
        self.error(
            f"issue '{iid}' has unknown standard {value!r}",
            parent,
            "one of: " + ", ".join(PROOF_STANDARDS),
        )
        return None

    def str_or_none(self, value: Any, what: str, parent: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        self.error(f"{what} must be a string, not {describe(value)}", parent)
        return None

    def ids(self, value: Any, what: str, parent: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.error(f"{what} must be a list of ids", parent)
        return ()

    def weight(self, value: Any, what: str, parent: Any) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            self.error(f"{what} must be a number from 0 to 1", parent)
            return None
        return float(value)

    def read(self, data: Any) -> ArgumentMap:
        if not isinstance(data, dict):
            self.error(f"node-link JSON must be an object, not {describe(data)}", data)
            self.sink.raise_if_errors()
        graph = data.get("graph", {})
        if not isinstance(graph, dict) or graph.get("format") != FORMAT_NAME:
            self.error(
                "not argmap node-link JSON ('graph.format' is not 'argmap-node-link')",
                graph if isinstance(graph, dict) else data,
                "this importer reads what 'argmap export --to json' writes",
            )
            self.sink.raise_if_errors()
        nodes = data.get("nodes")
        if not isinstance(nodes, list):
            self.error("'nodes' must be a list", data)
            self.sink.raise_if_errors()
        actors = self.actors(graph.get("actors") or {}, graph)
        sources = self.sources(graph.get("sources") or {}, graph)
        issues = self.issues(graph.get("issues") or {}, graph)
        claims: dict[str, Claim] = {}
        relations: list[Relation] = []
        for node in nodes:
            if not isinstance(node, dict):
                self.error(f"a node must be an object, not {describe(node)}", nodes)
                continue
            nid = node.get("id")
            if not isinstance(nid, str) or not nid:
                self.error("a node has no string 'id'", node)
                continue
            kind = node.get("node")
            if kind == "claim":
                claims[nid] = self.claim(nid, node)
            elif kind == "relation":
                rel = self.relation(nid, node)
                if rel is not None:
                    relations.append(rel)
            else:
                self.error(
                    f"node '{nid}' has unknown 'node' {kind!r}", node, "use 'claim' or 'relation'"
                )
        self.sink.raise_if_errors()
        langs = graph.get("languages") or []
        return ArgumentMap(
            title=self.text(graph.get("title"), "title", graph, required=False),
            description=self.text(graph.get("description"), "description", graph, False),
            languages=tuple(x for x in langs if isinstance(x, str)),
            allow_self_attacks=graph.get("allow_self_attacks") is True,
            actors=actors,
            sources=sources,
            issues=issues,
            claims=claims,
            relations=tuple(relations),
            files=(self.file,),
        )

    def actors(self, table: Any, parent: Any) -> dict[str, Actor]:
        out: dict[str, Actor] = {}
        if self.obj(table, "'graph.actors'", parent) is None:
            return out
        for aid, entry in table.items():
            e = self.obj(entry, f"actor '{aid}'", table)
            if e is None:
                continue
            kind = e.get("kind")
            if kind is not None and kind not in ACTOR_KINDS:
                self.error(f"actor '{aid}' has unknown kind {kind!r}", e)
                kind = None
            out[aid] = Actor(
                aid,
                self.text(e.get("name"), f"the name of actor '{aid}'", e),
                kind,
                self.str_or_none(e.get("affiliation"), "affiliation", e),
                self.text(e.get("note"), "note", e, required=False),
            )
        return out

    def sources(self, table: Any, parent: Any) -> dict[str, Source]:
        out: dict[str, Source] = {}
        if self.obj(table, "'graph.sources'", parent) is None:
            return out
        for sid, entry in table.items():
            e = self.obj(entry, f"source '{sid}'", table)
            if e is None:
                continue
            out[sid] = Source(
                sid,
                self.text(e.get("title"), f"the title of source '{sid}'", e),
                *(self.str_or_none(e.get(k), k, e) for k in ("author", "publisher", "date", "url")),
            )
        return out

    def issues(self, table: Any, parent: Any) -> dict[str, Issue]:
        out: dict[str, Issue] = {}
        if self.obj(table, "'graph.issues'", parent) is None:
            return out
        for iid, entry in table.items():
            e = self.obj(entry, f"issue '{iid}'", table)
            if e is None:
                continue
            out[iid] = Issue(
                iid,
                self.text(e.get("question"), f"the question of issue '{iid}'", e),
                self.ids(e.get("tags"), "tags", e),
                self.standard(e.get("standard"), iid, e),
                thresholds_from_data(e.get("thresholds")),
            )
        return out

    def claim(self, cid: str, node: dict[str, Any]) -> Claim:
        kind = node.get("kind", "fact")
        if kind not in CLAIM_KINDS:
            self.error(f"claim '{cid}' has unknown kind {kind!r}", node)
            kind = "fact"
        return Claim(
            cid,
            self.text(node.get("text"), f"the text of claim '{cid}'", node),
            kind,
            self.ids(node.get("by"), "by", node),
            self.ids(node.get("source"), "source", node),
            self.text(node.get("quote"), "quote", node, required=False),
            self.ids(node.get("tags"), "tags", node),
            self.str_or_none(node.get("answers"), "answers", node),
            self.weight(node.get("weight"), f"the weight of claim '{cid}'", node),
            self.text(node.get("note"), "note", node, required=False),
            where(self.file, node),
        )

    def relation(self, rid: str, node: dict[str, Any]) -> Relation | None:
        rtype = node.get("type")
        if rtype not in RELATION_TYPES:
            self.error(
                f"relation '{rid}' has unknown type {rtype!r}",
                node,
                "one of: " + ", ".join(RELATION_TYPES),
            )
            return None
        premises = self.ids(node.get("premises"), "premises", node)
        target = node.get("target")
        if not premises or not isinstance(target, str):
            self.error(f"relation '{rid}' needs 'premises' and a 'target'", node)
            return None
        return Relation(
            rid,
            premises,
            target,
            rtype,
            self.str_or_none(node.get("scheme"), "scheme", node),
            self.weight(node.get("weight"), f"the weight of relation '{rid}'", node),
            self.ids(node.get("by"), "by", node),
            self.ids(node.get("source"), "source", node),
            explicit_id=bool(node.get("explicit_id", False)),
            note=self.text(node.get("note"), "note", node, required=False),
            loc=where(self.file, node),
        )


def read_json(text: str, filename: str = "<json>") -> ArgumentMap:
    """The map in node-link JSON written by :func:`dump_json`; MapError with locations when the
    file does not have that shape. The import check of the map is ``Format.load``'s."""
    return _Reader(filename).read(parse_json(text, filename))
