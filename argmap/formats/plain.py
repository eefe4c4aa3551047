"""The model as plain data (dicts, lists, strings, numbers) and back, shared by every format.

One rule for what is left out (:func:`drop_empty`), one dict per kind of item with its fields in
the model's order, and :func:`map_to_data`, the whole map as the data of argmap's own YAML
format. Formats that write their own layout pick and order these fields with :func:`pick`.
The ``*_from_data`` readers take the tables other tools carry for us (the ``argmap`` data of an
AIF or Argdown export) leniently: an entry that is not an object keeps only its id, a field of
the wrong type is left out, and the import check that follows reports what the map then lacks.

>>> from argmap.model import Claim, Text
>>> claim_data(Claim("c", Text.of("It rains."), tags=("weather",)))
{'text': 'It rains.', 'kind': 'fact', 'tags': ['weather']}
>>> pick({"a": 1, "b": 2}, ("b", "c", "a"))
{'b': 2, 'a': 1}
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from argmap.model import (
    FORMAT_VERSION,
    PROOF_STANDARDS,
    THRESHOLD_DEFAULTS,
    Actor,
    ArgumentMap,
    Claim,
    Issue,
    Relation,
    Source,
    Text,
)

#: Values :func:`drop_empty` leaves out (``0``, ``0.0`` and ``False`` are kept).
EMPTY: tuple[Any, ...] = (None, "", [], (), {})
SOURCE_FIELDS = ("author", "publisher", "date", "url")


def drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without its empty values, in its order."""
    return {k: v for k, v in data.items() if v not in EMPTY}


def pick(data: dict[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    """The entries of ``data`` named in ``keys``, in the order of ``keys``."""
    return {k: data[k] for k in keys if k in data}


def text_data(text: Text) -> str | dict[str, str] | None:
    """A text as a plain string or language mapping; None when it is empty."""
    return text.to_data() if text else None


def actor_data(actor: Actor) -> dict[str, Any]:
    """``name``, ``kind``, ``affiliation``, ``note`` of an actor, empty ones left out."""
    return drop_empty(
        {
            "name": text_data(actor.name),
            "kind": actor.kind,
            "affiliation": actor.affiliation,
            "note": text_data(actor.note),
        }
    )


def source_data(source: Source) -> dict[str, Any]:
    """``title``, ``author``, ``publisher``, ``date``, ``url`` of a source."""
    data: dict[str, Any] = {"title": text_data(source.title)}
    data.update((k, getattr(source, k)) for k in SOURCE_FIELDS)
    return drop_empty(data)


def issue_data(issue: Issue) -> dict[str, Any]:
    """``question``, ``tags``, ``standard`` and ``thresholds`` of an issue."""
    return drop_empty(
        {
            "question": text_data(issue.question),
            "tags": list(issue.tags),
            "standard": issue.standard,
            "thresholds": dict(issue.thresholds),
        }
    )


def claim_data(claim: Claim) -> dict[str, Any]:
    """Every field of a claim but its id, in the model's order (``kind`` is always there)."""
    return drop_empty(
        {
            "text": text_data(claim.text),
            "kind": claim.kind,
            "by": list(claim.by),
            "source": list(claim.source),
            "quote": text_data(claim.quote),
            "tags": list(claim.tags),
            "answers": claim.answers,
            "weight": claim.weight,
            "note": text_data(claim.note),
        }
    )


def relation_data(rel: Relation) -> dict[str, Any]:
    """Every field of a relation but its id, in the model's order; ``explicit_id`` only if set."""
    return drop_empty(
        {
            "premises": list(rel.premises),
            "target": rel.target,
            "type": rel.type,
            "scheme": rel.scheme,
            "weight": rel.weight,
            "by": list(rel.by),
            "source": list(rel.source),
            "explicit_id": rel.explicit_id or None,
            "note": text_data(rel.note),
        }
    )


def head_data(amap: ArgumentMap) -> dict[str, Any]:
    """``title``, ``description``, ``languages`` and ``allow_self_attacks`` of a map, empty or
    false ones left out."""
    return drop_empty(
        {
            "title": text_data(amap.title),
            "description": text_data(amap.description),
            "languages": list(amap.languages),
            "allow_self_attacks": amap.allow_self_attacks or None,
        }
    )


def tables_data(amap: ArgumentMap) -> dict[str, dict[str, Any]]:
    """The ``actors``, ``sources`` and ``issues`` tables, each keyed by id (always all three)."""
    return {
        "actors": {a.id: actor_data(a) for a in amap.actors.values()},
        "sources": {s.id: source_data(s) for s in amap.sources.values()},
        "issues": {i.id: issue_data(i) for i in amap.issues.values()},
    }


def _ids(values: list[str]) -> str | list[str]:
    return values[0] if len(values) == 1 else values


def is_shorthand(rel: Relation) -> bool:
    """Whether ``rel`` can be written as ``supports: x`` under its premise."""
    return (
        len(rel.premises) == 1
        and not rel.explicit_id
        and rel.scheme is None
        and rel.weight is None
        and not rel.by
        and not rel.source
        and not rel.note
    )


_CLAIM_KEYS = ("text", "kind", "answers", "by", "source", "quote", "tags", "weight", "note")
_RELATION_KEYS = ("scheme", "weight", "by", "source", "note")


def map_to_data(amap: ArgumentMap) -> dict[str, Any]:
    """The map as the data of argmap's own YAML format, in the map's order.

    A single-premise relation with nothing else to say goes under its premise
    (``supports: x``); every other one goes to ``relations``. One id is a string, several a list.
    """
    data: dict[str, Any] = {"argmap": FORMAT_VERSION, **head_data(amap)}
    data.update((k, v) for k, v in tables_data(amap).items() if v)
    short: dict[str, dict[str, list[str]]] = {}
    long: list[Relation] = []
    for rel in amap.relations:
        if is_shorthand(rel) and rel.premises[0] in amap.claims:
            bucket = short.setdefault(rel.premises[0], {})
            bucket.setdefault(rel.type, []).append(rel.target)
        else:
            long.append(rel)
    claims: dict[str, Any] = {}
    for c in amap.claims.values():
        entry = pick(claim_data(c), _CLAIM_KEYS)
        if c.kind == "fact":
            entry.pop("kind", None)
        for key in ("by", "source"):
            if key in entry:
                entry[key] = _ids(entry[key])
        for rtype in ("supports", "opposes", "undercuts"):
            targets = short.get(c.id, {}).get(rtype)
            if targets:
                entry[rtype] = _ids(targets)
        claims[c.id] = entry
    data["claims"] = claims
    if long:
        rels: list[dict[str, Any]] = []
        for rel in long:
            entry = {"id": rel.id} if rel.explicit_id else {}
            entry["from"] = _ids(list(rel.premises))
            entry["to"] = rel.target
            entry["type"] = rel.type
            entry.update(pick(relation_data(rel), _RELATION_KEYS))
            for key in ("by", "source"):
                if key in entry:
                    entry[key] = _ids(entry[key])
            rels.append(entry)
        data["relations"] = rels
    return data


# -- back: the lenient readers of the tables other tools carry for us ---------------------------
_ID_CHARS = re.compile(r"[\w\-.:]+")
_NOT_ID_CHARS = re.compile(r"[^\w\-.:]+")


def fresh_id(wanted: str, taken: set[str], fallback: str) -> str:
    """An id for an imported item, not yet in ``taken`` (which it joins): ``wanted`` itself
    when it is a valid id, else with other characters as ``_``; ``-2``, ``-3``… on a clash.

    >>> taken = {"a"}
    >>> fresh_id("a", taken, "n"), fresh_id("a b!", taken, "n"), fresh_id("??", taken, "n")
    ('a-2', 'a_b', 'n')
    """
    if _ID_CHARS.fullmatch(wanted):
        ident = wanted
    else:
        ident = _NOT_ID_CHARS.sub("_", wanted.strip()).strip("_") or fallback
    base, n = ident, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    taken.add(ident)
    return ident


def id_list(value: Any) -> tuple[str, ...]:
    """One id or a list of ids (strings or integers) as a tuple of strings; () for anything else."""
    if isinstance(value, str | int) and not isinstance(value, bool):
        return (str(value),)
    if isinstance(value, list):
        return tuple(str(v) for v in value if isinstance(v, str | int) and not isinstance(v, bool))
    return ()


def weight(value: Any) -> float | None:
    """A number from 0 to 1 as a float; None for anything else."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1:
        return float(value)
    return None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _table(table: Any) -> list[tuple[str, dict[str, Any]]]:
    if not isinstance(table, dict):
        return []
    return [(str(k), e if isinstance(e, dict) else {}) for k, e in table.items()]


def actors_from_data(table: Any) -> dict[str, Actor]:
    """An ``actors`` table as actors (a name defaults to the id)."""
    out: dict[str, Actor] = {}
    for aid, e in _table(table):
        out[aid] = Actor(
            aid,
            Text.from_data(e.get("name")) or Text.of(aid),
            _str(e.get("kind")),
            _str(e.get("affiliation")),
            Text.from_data(e.get("note")) or Text(),
        )
    return out


def sources_from_data(table: Any) -> dict[str, Source]:
    """A ``sources`` table as sources (a title defaults to the id)."""
    out: dict[str, Source] = {}
    for sid, e in _table(table):
        fields = {k: str(e[k]) for k in SOURCE_FIELDS if e.get(k)}
        out[sid] = Source(sid, Text.from_data(e.get("title")) or Text.of(sid), **fields)
    return out


def issues_from_data(table: Any) -> dict[str, Issue]:
    """An ``issues`` table as issues (a question defaults to the id)."""
    out: dict[str, Issue] = {}
    for iid, e in _table(table):
        question = Text.from_data(e.get("question")) or Text.of(iid)
        standard = e.get("standard") if e.get("standard") in PROOF_STANDARDS else None
        out[iid] = Issue(
            iid,
            question,
            id_list(e.get("tags")),
            standard,
            thresholds_from_data(e.get("thresholds")),
        )
    return out


def thresholds_from_data(value: Any) -> tuple[tuple[str, float], ...]:
    """A ``thresholds`` mapping as ``(name, value)`` pairs in :data:`THRESHOLD_DEFAULTS` order,
    keeping the known names whose values are numbers in [0, 1]."""
    if not isinstance(value, dict):
        return ()
    return tuple(
        (name, float(value[name]))
        for name, _ in THRESHOLD_DEFAULTS
        if isinstance(value.get(name), int | float)
        and not isinstance(value.get(name), bool)
        and 0 <= value[name] <= 1
    )


def languages_from_data(value: Any) -> tuple[str, ...]:
    """A ``languages`` list as a tuple of its strings."""
    return tuple(x for x in value if isinstance(x, str)) if isinstance(value, list) else ()
