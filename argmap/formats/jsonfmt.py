"""Node-link JSON: the full graph (claims and relations as nodes) with every attribute.

``dump_json`` writes networkx's node-link shape (``nodes``, ``links``, ``graph``); ``load_json``
reads it back, so ``load_json(dump_json(m))`` is ``m`` again. The module also holds the located
JSON reader the other JSON importers (AIF, Argdown) share: every object and array it returns
remembers its line and column, so structural errors point into the file.

>>> from argmap.load import load_map
>>> amap = load_map("tests/data/tiny.yaml")
>>> load_json(dump_json(amap), "tiny.json").claims == amap.claims
True
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
from typing import Any

from argmap.errors import DiagnosticSink, Location, MapError
from argmap.model import (
    ACTOR_KINDS,
    CLAIM_KINDS,
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


# -- located JSON ------------------------------------------------------------------------------
class JObject(dict):
    """A JSON object that knows where it starts (1-based line and column)."""

    line: int = 0
    column: int = 0


class JArray(list):
    """A JSON array that knows where it starts (1-based line and column)."""

    line: int = 0
    column: int = 0


def parse_json(text: str, filename: str) -> Any:
    """Parse JSON text, keeping the position of every object and array.

    A syntax error becomes a :class:`MapError` at the line and column json reports.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")

    def position(offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
        value, end = json.decoder.JSONObject(s_and_end, *args)
        obj = JObject(value)
        obj.line, obj.column = position(s_and_end[1] - 1)
        return obj, end

    def parse_array(s_and_end: tuple[str, int], scan_once: Any) -> tuple[Any, int]:
        value, end = json.decoder.JSONArray(s_and_end, scan_once)
        arr = JArray(value)
        arr.line, arr.column = position(s_and_end[1] - 1)
        return arr, end

    decoder.parse_object = parse_object  # type: ignore[assignment]
    decoder.parse_array = parse_array  # type: ignore[assignment]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        return decoder.decode(text)
    except json.JSONDecodeError as exc:
        hint = None
        if not text.strip():
            hint = "the file is empty"
        elif "Expecting property name" in exc.msg or "delimiter" in exc.msg:
            hint = "check for a missing or extra comma or quote near here"
        raise MapError.single(
            f"JSON syntax error: {exc.msg}", Location(filename, exc.lineno, exc.colno), hint
        ) from None
    except RecursionError:
        raise MapError.single(
            "JSON nested too deeply", Location(filename, 1, 1), "is this really a map?"
        ) from None


def where(filename: str, value: Any) -> Location:
    """The location of a value :func:`parse_json` returned (the file alone for scalars)."""
    line = getattr(value, "line", 0)
    return Location(filename, line, getattr(value, "column", 0)) if line else Location(filename)


def describe(value: Any) -> str:
    """'an object', 'a list', 'a string'… for error messages."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "a string"


# -- node-link export --------------------------------------------------------------------------
def _text(text: Text) -> str | dict[str, str] | None:
    return text.to_data() if text else None


_EMPTY_VALUES = (None, (), [], "")


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in _EMPTY_VALUES}


def map_to_data(amap: ArgumentMap) -> dict[str, Any]:
    """The map as node-link data (plain dicts and lists).

    The layout is networkx's ``node_link_data`` (``edges="links"``), so the file loads with
    ``networkx.node_link_graph``; it is built directly because a networkx graph of a big map
    costs more than the rest of the export (a test checks the two agree).
    """
    graph: dict[str, Any] = _drop_empty(
        {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "title": _text(amap.title),
            "description": _text(amap.description),
            "languages": list(amap.languages),
        }
    )
    graph["actors"] = {
        a.id: _drop_empty(
            {
                "name": a.name.to_data(),
                "kind": a.kind,
                "affiliation": a.affiliation,
                "note": _text(a.note),
            }
        )
        for a in amap.actors.values()
    }
    graph["sources"] = {
        s.id: _drop_empty(
            {
                "title": s.title.to_data(),
                "author": s.author,
                "publisher": s.publisher,
                "date": s.date,
                "url": s.url,
            }
        )
        for s in amap.sources.values()
    }
    graph["issues"] = {
        i.id: _drop_empty({"question": i.question.to_data(), "tags": list(i.tags)})
        for i in amap.issues.values()
    }
    # what _drop_empty would keep, written out: these loops run once per claim and relation
    nodes: list[dict[str, Any]] = []
    for c in amap.claims.values():
        node: dict[str, Any] = {"node": "claim"}
        if (text := c.text.to_data()) not in _EMPTY_VALUES:
            node["text"] = text
        if c.kind not in _EMPTY_VALUES:
            node["kind"] = c.kind
        if c.by:
            node["by"] = list(c.by)
        if c.source:
            node["source"] = list(c.source)
        if c.quote and (quote := c.quote.to_data()) not in _EMPTY_VALUES:
            node["quote"] = quote
        if c.tags:
            node["tags"] = list(c.tags)
        if c.answers not in _EMPTY_VALUES:
            node["answers"] = c.answers
        if c.weight not in _EMPTY_VALUES:
            node["weight"] = c.weight
        if c.note and (note := c.note.to_data()) not in _EMPTY_VALUES:
            node["note"] = note
        node["id"] = c.id
        nodes.append(node)
    for r in amap.relations:
        node = {"node": "relation"}
        if r.type not in _EMPTY_VALUES:
            node["type"] = r.type
        if r.premises:
            node["premises"] = list(r.premises)
        if r.target not in _EMPTY_VALUES:
            node["target"] = r.target
        if r.scheme not in _EMPTY_VALUES:
            node["scheme"] = r.scheme
        if r.weight not in _EMPTY_VALUES:
            node["weight"] = r.weight
        if r.by:
            node["by"] = list(r.by)
        if r.source:
            node["source"] = list(r.source)
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


def dump_json(amap: ArgumentMap) -> str:
    """The map as node-link JSON with every attribute: UTF-8, one node or link per line.

    Objects are laid out with a two-space indent down to their third level, and each node and
    link is one compact line, so maps diff cleanly in git and big maps encode at C speed.
    """
    return _layout(map_to_data(amap), 0) + "\n"


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def _compact_encoder() -> Any:
    """``_ENCODER.encode`` for the many lines of a big map: one encoder made once (json.dumps
    would build one per call), and its C part called directly when there is one, which saves
    the two Python calls ``encode`` makes per value (1.7 µs a node instead of 2.8)."""
    from json.encoder import c_make_encoder, encode_basestring

    if c_make_encoder is None:  # pragma: no cover - CPython always has it
        return _ENCODER.encode
    make = c_make_encoder(
        None, _ENCODER.default, encode_basestring, None, ": ", ", ", False, False, True
    )
    join = "".join

    def compact(value: Any) -> str:
        return join(make(value, 0))

    return compact


_compact = _compact_encoder()


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
            loc=where(self.file, node),
        )


def load_json(text: str, filename: str = "<json>") -> ArgumentMap:
    """Read node-link JSON written by :func:`dump_json`; raise MapError with locations."""
    from argmap.formats.registry import check_imported

    reader = _Reader(filename)
    amap = reader.read(parse_json(text, filename))
    return check_imported(amap, filename)
