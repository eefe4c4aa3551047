"""AIF JSON as AIFdb and OVA write it: ``{"nodes", "edges", "locutions"}``.

Mapping: a claim is an I-node; a support is an RA node (premise I-nodes → RA → conclusion
I-node; several premises into one RA make a linked argument); an opposition is a CA node
(attacker → CA → attacked); an undercut is a CA node whose target is the RA or CA node of the
relation it attacks. Who asserts a claim is an L-node (``"Alice : text"``) linked L → YA
(``Asserting``) → I, with a ``locutions`` entry naming the participant, and ``participants`` as xAIF
lists them. On import the speaker is the name the L-node's text opens with (``Name : text``,
``Name: text``; the reporter of reported speech ``Anon: HFC: text``), else its locution's
participant; only participants who assert something become actors. What AIF has no place for
(ids, kinds, sources, issues, tags, weights, other languages) travels in a top-level
``"argmap"`` object that other tools ignore.

Import accepts string or integer ids, files without ``locutions``, and the xAIF wrapper
``{"AIF": {...}}``. TA, MA and PA nodes (dialogue transitions, rephrases, preferences) are skipped.
"""

from __future__ import annotations

import json
import re
from typing import Any

from argmap.errors import DiagnosticSink
from argmap.formats.jsonloc import describe, parse_json, where
from argmap.formats.plain import (
    actor_data,
    actors_from_data,
    claim_data,
    drop_empty,
    fresh_id,
    head_data,
    id_list,
    issues_from_data,
    languages_from_data,
    pick,
    relation_data,
    sources_from_data,
    tables_data,
    weight,
)
from argmap.model import CLAIM_KINDS, Actor, ArgumentMap, Claim, Relation, Text

_CLAIM_KEYS = ("kind", "text", "source", "quote", "tags", "answers", "weight", "note")
_RELATION_KEYS = ("explicit_id", "scheme", "weight", "by", "source", "note")
TIMESTAMP = "2000-01-01 00:00:00"  # fixed, so that exports are deterministic
DEFAULT_TEXT = {"RA": "Default Inference", "CA": "Default Conflict"}
_ID_OK = re.compile(r"^[\w\-.:]+$")


# -- export ------------------------------------------------------------------------------------
def dump_aif(amap: ArgumentMap, lang: str | None = None) -> str:
    """The map as AIF JSON; texts in ``lang`` (default: the map's first language).

    >>> from argmap.load import load_map
    >>> data = json.loads(dump_aif(load_map("tests/data/tiny.yaml")))
    >>> sorted({n["type"] for n in data["nodes"]})
    ['CA', 'I', 'L', 'RA', 'YA']
    """
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []
    ids: dict[str, str] = {}  # our id -> nodeID
    counter = iter(range(1, 10**9))

    def node(text: str, type_: str) -> str:
        nid = str(next(counter))
        nodes.append({"nodeID": nid, "text": text, "type": type_, "timestamp": TIMESTAMP})
        return nid

    def edge(src: str, dst: str) -> None:
        edges.append({"edgeID": str(next(counter)), "fromID": src, "toID": dst, "formEdgeID": None})

    participants = {aid: n for n, aid in enumerate(amap.actors, 1)}
    ext_claims: dict[str, Any] = {}
    for claim in amap.claims.values():
        text = amap.text(claim.text, lang)
        ids[claim.id] = nid = node(text, "I")
        for actor_id in claim.by:
            actor = amap.actors.get(actor_id)
            name = amap.text(actor.name, lang) if actor else actor_id
            lnode = node(f"{name} : {text}", "L")
            ya = node("Asserting", "YA")
            edge(lnode, ya)
            edge(ya, nid)
            if actor_id in participants:
                locutions.append(
                    {
                        "nodeID": lnode,
                        "personID": str(participants[actor_id]),
                        "timestamp": TIMESTAMP,
                        "start": None,
                        "end": None,
                        "source": None,
                    }
                )
        extra = pick(claim_data(claim), _CLAIM_KEYS)
        if claim.kind == "fact":
            extra.pop("kind", None)
        if not isinstance(extra.get("text"), dict):  # the I-node holds a one-language text
            extra.pop("text", None)
        if extra:
            ext_claims[claim.id] = extra
    ext_relations: dict[str, Any] = {}
    for rel in amap.relations:
        type_ = "RA" if rel.type == "supports" else "CA"
        ids[rel.id] = node(rel.scheme or DEFAULT_TEXT[type_], type_)
        extra = pick(relation_data(rel), _RELATION_KEYS)
        if extra:
            ext_relations[rel.id] = extra
    for rel in amap.relations:
        for premise in rel.premises:
            edge(ids[premise], ids[rel.id])
        edge(ids[rel.id], ids[rel.target])
    tables = tables_data(amap)
    tables["actors"] = {
        a.id: {"participantID": participants[a.id], **actor_data(a)} for a in amap.actors.values()
    }
    data: dict[str, Any] = {
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions,
        "participants": [
            {"participantID": n, "firstname": amap.text(amap.actors[aid].name, lang), "surname": ""}
            for aid, n in participants.items()
        ],
        "argmap": drop_empty(
            {
                "version": 1,
                **head_data(amap),
                "ids": {nid: ours for ours, nid in ids.items()},
                **tables,
                "claims": ext_claims,
                "relations": ext_relations,
            }
        ),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- import ------------------------------------------------------------------------------------
def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class _Importer:
    def __init__(self, filename: str) -> None:
        self.file = filename
        self.where = lambda value: where(filename, value)
        self.describe = describe
        self.sink = DiagnosticSink()
        self.taken: set[str] = set()  # actor ids
        self.claim_ids: set[str] = set()

    def fail(self, message: str, value: Any, hint: str | None = None) -> None:
        self.sink.error(message, self.where(value), hint)

    def node_id(self, value: Any, owner: Any, what: str) -> str | None:
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.fail(f"{what} must be a string or an integer, not {self.describe(value)}", owner)
            return None
        return str(value)

    def fresh(self, wanted: str, taken: set[str] | None = None) -> str:
        return fresh_id(wanted, self.taken if taken is None else taken, "n")

    def read(self, data: Any) -> ArgumentMap:
        if not isinstance(data, dict):
            self.fail(f"AIF JSON must be an object, not {self.describe(data)}", data)
            self.sink.raise_if_errors()
        ext = _dict(data.get("argmap"))
        if isinstance(data.get("AIF"), dict):  # xAIF wrapper
            data = data["AIF"]
            ext = ext or _dict(data.get("argmap"))
        nodes, edges = data.get("nodes"), data.get("edges")
        if not isinstance(nodes, list) or not isinstance(edges, list):
            self.fail(
                "AIF JSON needs 'nodes' and 'edges' lists",
                data,
                "is this an AIFdb/OVA export? xAIF wraps them in an 'AIF' object",
            )
            self.sink.raise_if_errors()
        by_id: dict[str, dict[str, Any]] = {}
        for n in nodes:
            if not isinstance(n, dict):
                self.fail(f"a node must be an object, not {self.describe(n)}", nodes)
                continue
            if "nodeID" not in n:
                self.fail("a node has no 'nodeID'", n)
                continue
            nid = self.node_id(n["nodeID"], n, "'nodeID'")
            if nid is None:
                continue
            if nid in by_id:
                self.fail(f"node id {nid} is used twice", n, "every nodeID must be unique")
                continue
            if not isinstance(n.get("type"), str):
                self.fail(f"node {nid} has no 'type'", n, "AIF types: I, RA, CA, MA, PA, L, YA, TA")
                continue
            by_id[nid] = n
        incoming: dict[str, list[str]] = {nid: [] for nid in by_id}
        outgoing: dict[str, list[str]] = {nid: [] for nid in by_id}
        for e in edges:
            if not isinstance(e, dict):
                self.fail(f"an edge must be an object, not {self.describe(e)}", edges)
                continue
            ends = []
            for key in ("fromID", "toID"):
                if key not in e:
                    self.fail(f"an edge has no '{key}'", e)
                    break
                end = self.node_id(e[key], e, f"'{key}'")
                if end is None:
                    break
                if end not in by_id:
                    self.fail(f"edge {key} {end} names no node", e)
                    break
                ends.append(end)
            if len(ends) == 2:
                outgoing[ends[0]].append(ends[1])
                incoming[ends[1]].append(ends[0])
        self.sink.raise_if_errors()
        return self.build(data, ext, by_id, incoming, outgoing)

    def build(
        self,
        data: dict[str, Any],
        ext: dict[str, Any],
        by_id: dict[str, dict[str, Any]],
        incoming: dict[str, list[str]],
        outgoing: dict[str, list[str]],
    ) -> ArgumentMap:
        ours = {str(k): v for k, v in _dict(ext.get("ids")).items() if isinstance(v, str)}
        ext_claims = _dict(ext.get("claims"))
        ext_rels = _dict(ext.get("relations"))
        # actors: the extension's table, then whoever asserts something (a speaker of an L-node)
        actors = actors_from_data(ext.get("actors"))
        person_actor: dict[str, str] = {}  # participantID -> actor id, from the extension
        for aid, entry in _dict(ext.get("actors")).items():
            if "participantID" in _dict(entry):
                person_actor[str(entry["participantID"])] = aid
        self.taken.update(actors)
        participant_name: dict[str, str] = {}
        participants = data.get("participants")
        for p in participants if isinstance(participants, list) else ():
            if isinstance(p, dict) and "participantID" in p:
                name = " ".join(
                    str(p[k]).strip() for k in ("firstname", "surname") if p.get(k)
                ).strip()
                participant_name[str(p["participantID"])] = name
        person_of: dict[str, str] = {}  # L nodeID -> participantID
        locutions = data.get("locutions")
        for loc in locutions if isinstance(locutions, list) else ():
            if isinstance(loc, dict) and "nodeID" in loc and "personID" in loc:
                person_of[str(loc["nodeID"])] = str(loc["personID"])
        named = {self.text_of(a.name): aid for aid, a in actors.items()}

        def speaker(lnode: str) -> str | None:
            """Who says L-node ``lnode``, by name: the name its text opens with, else its
            locution's participant's. One actor per name, as AIFdb numbers one speaker anew in
            each session."""
            pid = person_of.get(lnode)
            if pid in person_actor:
                return person_actor[pid]
            name = speaker_name(by_id[lnode].get("text"))
            if not name and pid is not None:
                name = participant_name.get(pid) or f"person {pid}"
            return (named.get(name) or new_actor(name)) if name else None

        def new_actor(name: str) -> str:
            aid = self.fresh(name.lower().replace(" ", "-"))
            actors[aid] = Actor(aid, Text.of(name), "person")
            named.setdefault(name, aid)
            return aid

        # claims
        claims: dict[str, Claim] = {}
        claim_of: dict[str, str] = {}  # I nodeID -> claim id
        ids_taken = self.claim_ids
        for nid, n in by_id.items():
            if n["type"] != "I":
                continue
            cid = ours.get(nid)
            if cid is None or cid in ids_taken or not _ID_OK.match(cid):
                cid = self.fresh(f"n{nid}", ids_taken)
            else:
                ids_taken.add(cid)
            extra = _dict(ext_claims.get(cid))
            text = Text.from_data(extra.get("text")) or Text.from_data(n.get("text"))
            if text is None:
                self.fail(f"I-node {nid} has no text", n)
                continue
            kind = extra.get("kind") if extra.get("kind") in CLAIM_KINDS else "fact"
            by: list[str] = []
            for ya in incoming[nid]:
                if by_id[ya]["type"] != "YA":
                    continue
                for lnode in incoming[ya]:
                    if by_id[lnode]["type"] != "L":
                        continue
                    aid = speaker(lnode)
                    if aid and aid not in by:
                        by.append(aid)
            answers = extra.get("answers")
            claims[cid] = Claim(
                cid,
                text,
                kind,
                tuple(by),
                id_list(extra.get("source")),
                Text.from_data(extra.get("quote")) or Text(),
                id_list(extra.get("tags")),
                answers if isinstance(answers, str) else None,
                weight(extra.get("weight")),
                Text.from_data(extra.get("note")) or Text(),
                self.where(n),
            )
            claim_of[nid] = cid
        # relations: one per scheme node and conclusion
        rel_ids: dict[str, str] = {}
        relations: dict[str, Relation] = {}
        visiting: set[str] = set()

        def relation_id(sid: str) -> str | None:
            if sid in rel_ids:
                return rel_ids[sid]
            if sid in visiting:
                self.fail(f"scheme node {sid} undercuts itself through a cycle", by_id[sid])
                return None
            visiting.add(sid)
            made = make(sid)
            visiting.discard(sid)
            return made

        def make(sid: str) -> str | None:
            n = by_id[sid]
            kind = n["type"]
            premises = tuple(claim_of[p] for p in incoming[sid] if p in claim_of)
            targets = [t for t in outgoing[sid] if by_id[t]["type"] in ("I", "RA", "CA")]
            if not premises:
                self.fail(f"{kind} node {sid} has no premise (no I-node points to it)", n)
                return None
            if not targets:
                self.fail(f"{kind} node {sid} has no conclusion (it points to no node)", n)
                return None
            first: str | None = None
            for k, t in enumerate(targets):
                if by_id[t]["type"] == "I":
                    if t not in claim_of:
                        return None
                    target, rtype = claim_of[t], ("supports" if kind == "RA" else "opposes")
                elif kind == "CA":
                    got = relation_id(t)
                    if got is None:
                        return None
                    target, rtype = got, "undercuts"
                else:
                    self.fail(
                        f"RA node {sid} points to scheme node {t}",
                        n,
                        "an inference concludes in an I-node; attacks on inferences are CA nodes",
                    )
                    return None
                wanted = ours.get(sid) if k == 0 else None
                extra = _dict(ext_rels.get(wanted)) if wanted else {}
                scheme = n.get("text") if isinstance(n.get("text"), str) else None
                if scheme in DEFAULT_TEXT.values() or scheme == "":
                    scheme = None
                if isinstance(n.get("scheme"), str) and n["scheme"] not in DEFAULT_TEXT.values():
                    scheme = n["scheme"]
                auto = Relation.auto_id(premises, target, rtype)
                explicit = bool(extra.get("explicit_id")) and wanted and _ID_OK.match(wanted)
                rid = wanted if explicit else auto
                if rid in relations:  # the same relation twice: keep both, by node id
                    rid = self.fresh(f"{kind.lower()}{sid}", self.claim_ids)
                    explicit = True
                relations[rid] = Relation(
                    rid,
                    premises,
                    target,
                    rtype,
                    scheme,
                    weight(extra.get("weight")),
                    id_list(extra.get("by")),
                    id_list(extra.get("source")),
                    explicit_id=bool(explicit),
                    note=Text.from_data(extra.get("note")) or Text(),
                    loc=self.where(n),
                )
                first = first or rid
            if first is not None:
                rel_ids[sid] = first
            return first

        for sid, n in by_id.items():
            if n["type"] in ("RA", "CA"):
                relation_id(sid)
        self.sink.raise_if_errors()
        return ArgumentMap(
            title=Text.from_data(ext.get("title")) or Text(),
            description=Text.from_data(ext.get("description")) or Text(),
            languages=languages_from_data(ext.get("languages")),
            allow_self_attacks=ext.get("allow_self_attacks") is True,
            actors=actors,
            sources=sources_from_data(ext.get("sources")),
            issues=issues_from_data(ext.get("issues")),
            claims=claims,
            relations=tuple(relations.values()),
            files=(self.file,),
        )

    @staticmethod
    def text_of(text: Text) -> str:
        return text.values()[0] if text else ""


_SPEAKER = re.compile(r"^\s*([^:\n]{1,80}?)\s*:\s")


def speaker_name(text: Any) -> str | None:
    """The speaker an L-node's text opens with: ``Name : text`` (OVA), ``Name: text`` (AIFdb);
    of reported speech (``Anon: HFC: text``), the one who reports it.

    >>> speaker_name("HFC: Will it rain?"), speaker_name("Nika Danielowski : Wir werden")
    ('HFC', 'Nika Danielowski')
    >>> speaker_name("M: CL : when news came"), speaker_name("no speaker here")
    ('M', None)
    >>> speaker_name("Dr. X: Y : text")  # a name of its own with a colon, before OVA's ' : '
    'Dr. X'
    >>> speaker_name("10:30 crew : text")
    '10:30 crew'

    """
    if not isinstance(text, str):
        return None
    if " : " in text:  # OVA's separator: what comes before it is the speaker (or reporter: name)
        head = text.split(" : ", 1)[0]
        found = _SPEAKER.match(head)
        return (found.group(1) if found else head).strip() or None
    found = _SPEAKER.match(text)
    return found.group(1).strip() or None if found else None


def read_aif(text: str, filename: str = "<aif>") -> ArgumentMap:
    """The map in AIF JSON (AIFdb, OVA, xAIF); MapError with locations on malformed input.

    The import check of the map is ``Format.load``'s.
    """
    return read_aif_data(parse_json(text, filename), filename)


def read_aif_data(data: Any, filename: str) -> ArgumentMap:
    """The map in AIF-shaped data as :func:`~argmap.formats.jsonloc.parse_json` returns it; the
    OVA2 and SADFace readers hand theirs over here (:mod:`argmap.formats.ova_sadface`)."""
    return _Importer(filename).read(data)
