"""OVA2's native save format and SADFace JSON, read as the AIF they describe.

Both are node-and-edge formats with AIF's node types under other key names, so each is turned
into AIF-shaped objects that keep their source positions, and :mod:`argmap.formats.aif` builds
the map: one reader of argument graphs, whatever the key names.

* **OVA2** (what OVA users save): ``nodes`` of ``id``/``type``/``text``/``participantID``,
  ``edges`` whose ``from`` and ``to`` are whole node objects, ``participants`` of
  ``id``/``firstname``/``surname``. An L-node's ``participantID`` (``"0"``: nobody) becomes a
  locution. Coordinates, colours and the ``analysis`` text are left out.
* **SADFace** (Wells): ``nodes`` of ``type`` ``atom`` (a claim, its ``text``) or ``scheme`` (its
  ``name``: ``support``, ``conflict``/``attack``, ``rephrase``, or a scheme such as "Argument from
  expert opinion", which supports), ``edges`` of ``source_id``/``target_id``, and
  ``metadata.core`` with the title and description. Claims are numbered ``a1``, ``a2``, … in
  file order, as SADFace ids are UUIDs. Atom ``sources`` and ``resources`` are left out.

>>> amap = read_sadface('{"nodes": [{"id": "a", "type": "atom", "text": "Rain."},'
...     '{"id": "s", "type": "scheme", "name": "support"},'
...     '{"id": "b", "type": "atom", "text": "Wet streets."}],'
...     '"edges": [{"id": "1", "source_id": "b", "target_id": "s"},'
...     '{"id": "2", "source_id": "s", "target_id": "a"}]}')
>>> [(r.premises, r.type, r.target) for r in amap.relations]
[(('a2',), 'supports', 'a1')]
"""

from __future__ import annotations

from typing import Any

from argmap.errors import DiagnosticSink
from argmap.formats.aif import read_aif_data
from argmap.formats.jsonloc import JArray, JObject, describe, parse_json, where
from argmap.model import ArgumentMap

#: SADFace scheme names that are not supports; any other name is a support's scheme
SADFACE_TYPES = {"support": "RA", "conflict": "CA", "attack": "CA", "rephrase": "MA"}


def _like(source: Any, made: Any) -> Any:
    """``made`` (a dict becomes a JObject, a list a JArray) at ``source``'s place in the file."""
    made = JObject(made) if isinstance(made, dict) else JArray(made)
    made.line, made.column = getattr(source, "line", 0), getattr(source, "column", 0)
    return made


class _Adapter:
    def __init__(self, filename: str, what: str) -> None:
        self.file = filename
        self.what = what
        self.sink = DiagnosticSink()

    def fail(self, message: str, value: Any, hint: str | None = None) -> None:
        self.sink.error(message, where(self.file, value), hint)

    def start(self, text: str) -> tuple[dict[str, Any], list[Any], list[Any]]:
        """The parsed document and its ``nodes`` and ``edges`` lists; MapError without them."""
        data = parse_json(text, self.file)
        if not isinstance(data, dict):
            self.fail(f"{self.what} must be an object, not {describe(data)}", data)
            self.sink.raise_if_errors()
        for key in ("nodes", "edges"):
            if not isinstance(data.get(key), list):
                self.fail(f"{self.what} needs {'an' if key == 'edges' else 'a'} '{key}' list", data)
                self.sink.raise_if_errors()
        return data, data["nodes"], data["edges"]

    def objects(self, items: list[Any], what: str) -> list[dict[str, Any]]:
        out = []
        for item in items:
            if isinstance(item, dict):
                out.append(item)
            else:
                self.fail(f"{what} must be an object, not {describe(item)}", items)
        return out

    def node_id(self, node: Any, key: str, what: str, at: Any = None) -> str | None:
        """``node[key]`` as a string id; an error at ``at`` (default ``node``) without one."""
        value = node.get(key) if isinstance(node, dict) else None
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.fail(f"{what} has no '{key}' (a string or an integer)", node if at is None else at)
            return None
        return str(value)

    def build(self, aif: JObject) -> ArgumentMap:
        self.sink.raise_if_errors()
        return read_aif_data(aif, self.file)


def read_ova(text: str, filename: str = "<ova>") -> ArgumentMap:
    """The map in an OVA2 save; MapError with locations on malformed input."""
    adapter = _Adapter(filename, "an OVA2 save")
    data, nodes, edges = adapter.start(text)
    aif_nodes, locutions = [], []
    for n in adapter.objects(nodes, "an OVA2 node"):
        nid = adapter.node_id(n, "id", "an OVA2 node")
        if nid is None:
            continue
        aif_nodes.append(_like(n, {"nodeID": nid, "type": n.get("type"), "text": n.get("text")}))
        person = n.get("participantID")
        if n.get("type") == "L" and person not in (None, "", "0", 0):
            locutions.append(_like(n, {"nodeID": nid, "personID": str(person)}))
    aif_edges = []
    for e in adapter.objects(edges, "an OVA2 edge"):
        ends = [
            adapter.node_id(
                e.get(k),
                "id",
                f"the '{k}' node of an edge",
                at=e.get(k) if isinstance(e.get(k), dict) else e,
            )
            for k in ("from", "to")
        ]
        if None not in ends:
            aif_edges.append(_like(e, {"fromID": ends[0], "toID": ends[1]}))
    participants = []
    listed = data.get("participants")
    for p in listed if isinstance(listed, list) else ():
        if isinstance(p, dict) and "id" in p:
            participants.append(
                {
                    "participantID": p["id"],
                    "firstname": p.get("firstname"),
                    "surname": p.get("surname"),
                }
            )
    aif = _like(
        data,
        {
            "nodes": _like(nodes, aif_nodes),
            "edges": _like(edges, aif_edges),
            "locutions": locutions,
            "participants": participants,
        },
    )
    return adapter.build(aif)


def read_sadface(text: str, filename: str = "<sadface>") -> ArgumentMap:
    """The map in a SADFace document; MapError with locations on malformed input."""
    adapter = _Adapter(filename, "a SADFace document")
    data, nodes, edges = adapter.start(text)
    aif_nodes = []
    short: dict[str, str] = {}  # SADFace ids are UUIDs: claims get a1, a2, … in file order
    for n in adapter.objects(nodes, "a SADFace node"):
        nid = adapter.node_id(n, "id", "a SADFace node")
        if nid is None:
            continue
        kind = n.get("type")
        if kind == "atom":
            short[nid] = f"a{len(short) + 1}"
            aif_nodes.append(_like(n, {"nodeID": nid, "type": "I", "text": n.get("text")}))
        elif kind == "scheme":
            name = n.get("name") if isinstance(n.get("name"), str) else ""
            type_ = SADFACE_TYPES.get(name.strip().lower(), "RA")
            scheme = None if name.strip().lower() in SADFACE_TYPES else name
            aif_nodes.append(_like(n, {"nodeID": nid, "type": type_, "text": scheme}))
        else:
            adapter.fail(
                f"SADFace node {nid} has type {kind!r}", n, "SADFace nodes are 'atom' or 'scheme'"
            )
    aif_edges = []
    for e in adapter.objects(edges, "a SADFace edge"):
        ends = [adapter.node_id(e, k, "a SADFace edge") for k in ("source_id", "target_id")]
        if None not in ends:
            aif_edges.append(_like(e, {"fromID": ends[0], "toID": ends[1]}))
    metadata = data.get("metadata")
    core = metadata.get("core") if isinstance(metadata, dict) else None
    head: dict[str, Any] = {"ids": short}
    if isinstance(core, dict):
        head.update((k, core[k]) for k in ("title", "description") if isinstance(core.get(k), str))
    aif = _like(
        data,
        {
            "nodes": _like(nodes, aif_nodes),
            "edges": _like(edges, aif_edges),
            "argmap": head,
        },
    )
    return adapter.build(aif)
