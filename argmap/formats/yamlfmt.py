"""Our own YAML format, written back from a map: what ``argmap import … -o MAP.yaml`` saves.

Single-premise relations without an id or extra data are written in the claim's shorthand
(``supports: x``); every other relation goes to the ``relations:`` list. Output is
deterministic (the map's order) and loads back with :func:`argmap.load.load_map`.

>>> from argmap.load import load_map
>>> print(dump_yaml(load_map("tests/data/tiny.yaml")).splitlines()[0])
argmap: 1
"""

from __future__ import annotations

from typing import Any

import yaml

from argmap.model import FORMAT_VERSION, ArgumentMap, Relation, Text


class _Flow(list):
    """A list written in flow style: ``[a, b]``."""


class _Dumper(yaml.SafeDumper):
    pass


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data and not data.endswith((" ", "\t")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(str, _represent_str)


def _ids(values: tuple[str, ...]) -> str | _Flow:
    return values[0] if len(values) == 1 else _Flow(values)


def _text(text: Text) -> str | dict[str, str]:
    return text.to_data()


def is_shorthand(rel: Relation) -> bool:
    """Whether ``rel`` can be written as ``supports: x`` under its premise."""
    return (
        len(rel.premises) == 1
        and not rel.explicit_id
        and rel.scheme is None
        and rel.weight is None
        and not rel.by
        and not rel.source
    )


def map_to_yaml_data(amap: ArgumentMap) -> dict[str, Any]:
    """The map as the plain data of our YAML format (dicts keep the map's order)."""
    data: dict[str, Any] = {"argmap": FORMAT_VERSION}
    if amap.title:
        data["title"] = _text(amap.title)
    if amap.description:
        data["description"] = _text(amap.description)
    if amap.languages:
        data["languages"] = _Flow(amap.languages)
    if amap.actors:
        actors: dict[str, Any] = {}
        for a in amap.actors.values():
            entry: dict[str, Any] = {"name": _text(a.name)}
            if a.kind:
                entry["kind"] = a.kind
            if a.affiliation:
                entry["affiliation"] = a.affiliation
            if a.note:
                entry["note"] = _text(a.note)
            actors[a.id] = entry
        data["actors"] = actors
    if amap.sources:
        sources: dict[str, Any] = {}
        for s in amap.sources.values():
            entry = {"title": _text(s.title)}
            for key in ("author", "publisher", "date", "url"):
                value = getattr(s, key)
                if value is not None:
                    entry[key] = value
            sources[s.id] = entry
        data["sources"] = sources
    if amap.issues:
        issues: dict[str, Any] = {}
        for i in amap.issues.values():
            entry = {"question": _text(i.question)}
            if i.tags:
                entry["tags"] = _Flow(i.tags)
            issues[i.id] = entry
        data["issues"] = issues
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
        entry = {"text": _text(c.text)}
        if c.kind != "fact":
            entry["kind"] = c.kind
        if c.answers:
            entry["answers"] = c.answers
        if c.by:
            entry["by"] = _ids(c.by)
        if c.source:
            entry["source"] = _ids(c.source)
        if c.quote:
            entry["quote"] = _text(c.quote)
        if c.tags:
            entry["tags"] = _Flow(c.tags)
        if c.weight is not None:
            entry["weight"] = c.weight
        if c.note:
            entry["note"] = _text(c.note)
        for rtype in ("supports", "opposes", "undercuts"):
            targets = short.get(c.id, {}).get(rtype)
            if targets:
                entry[rtype] = _ids(tuple(targets))
        claims[c.id] = entry
    data["claims"] = claims
    if long:
        rels: list[dict[str, Any]] = []
        for rel in long:
            entry = {}
            if rel.explicit_id:
                entry["id"] = rel.id
            entry["from"] = _ids(rel.premises)
            entry["to"] = rel.target
            entry["type"] = rel.type
            if rel.scheme is not None:
                entry["scheme"] = rel.scheme
            if rel.weight is not None:
                entry["weight"] = rel.weight
            if rel.by:
                entry["by"] = _ids(rel.by)
            if rel.source:
                entry["source"] = _ids(rel.source)
            rels.append(entry)
        data["relations"] = rels
    return data


def dump_yaml(amap: ArgumentMap) -> str:
    """The map as one YAML file of our format (UTF-8 text; loads back with ``load_map``)."""
    return yaml.dump(
        map_to_yaml_data(amap),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
