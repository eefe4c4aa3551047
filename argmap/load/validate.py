"""Merge the parts of a map and check what only the whole map can tell: references and ids."""

from __future__ import annotations

from argmap.errors import DiagnosticSink, Location
from argmap.load.schema import Part, Ref, suggest
from argmap.model import ArgumentMap, Relation, Text


def merge(parts: list[Part], sink: DiagnosticSink) -> ArgumentMap:
    """Combine parts into one map, reporting duplicate ids and conflicting settings."""
    actors: dict = {}
    sources: dict = {}
    issues: dict = {}
    claims: dict = {}
    relations: dict[str, Relation] = {}
    title, description, languages = Text(), Text(), ()
    title_loc: Location | None = None
    for part in parts:
        if part.title:
            if title and part.title != title:
                sink.error(
                    f"the map's title is already set at {title_loc}",
                    part.title_loc,
                    "set 'title' in one file only",
                )
            else:
                title, title_loc = part.title, part.title_loc
        description = description or part.description
        languages = languages or part.languages
        for table, items, what in (
            (actors, part.actors, "actor"),
            (sources, part.sources, "source"),
            (issues, part.issues, "issue"),
            (claims, part.claims, "claim"),
        ):
            for item in items:
                if item.id in table:
                    sink.error(
                        f"{what} '{item.id}' is already defined at {table[item.id].loc}",
                        item.loc,
                        "ids must be unique across every file of a map",
                    )
                else:
                    table[item.id] = item
        for rel in part.relations:
            if rel.id in relations:
                first = relations[rel.id]
                if rel.explicit_id:
                    msg = f"relation id '{rel.id}' is already used at {first.loc}"
                else:
                    msg = (
                        f"relation '{rel.id}' ({' & '.join(rel.premises)} {rel.type} "
                        f"{rel.target}) is already stated at {first.loc}"
                    )
                sink.error(msg, rel.loc, "state each relation once")
            else:
                relations[rel.id] = rel
    for rel in relations.values():
        if rel.explicit_id and rel.id in claims:
            sink.error(
                f"relation id '{rel.id}' is also a claim id",
                rel.loc,
                "give the relation an id of its own",
            )
    return ArgumentMap(
        title=title,
        description=description,
        languages=languages,
        actors=actors,
        sources=sources,
        issues=issues,
        claims=claims,
        relations=tuple(relations.values()),
        files=tuple(p.file for p in parts),
    )


def check_references(amap: ArgumentMap, parts: list[Part], sink: DiagnosticSink) -> None:
    """Every id a map uses must name something of the right kind; suggest near misses."""
    tables = {
        "actor": amap.actors,
        "source": amap.sources,
        "issue": amap.issues,
        "claim": amap.claims,
    }
    relation_set = {r.id for r in amap.relations}
    known = {**tables, "claim-target": amap.claims, "relation-target": relation_set}
    broken = [
        Ref(*ref) for part in parts for ref in part.refs if ref[1] not in known[ref[0]]
    ]  # a map's references are nearly all fine: find the others first, in bulk
    for ref in broken:
        if ref.kind == "relation-target":
            if ref.name in amap.claims:
                sink.error(
                    f"{ref.owner} undercuts claim '{ref.name}', but undercuts target a relation",
                    ref.location,
                    "use 'opposes' to attack a claim, or give the relation an 'id' and "
                    "undercut that",
                )
            else:
                sink.error(
                    f"{ref.owner} undercuts unknown relation '{ref.name}'",
                    ref.location,
                    suggest(ref.name, [r.id for r in amap.relations])
                    or "undercut a relation by its 'id' (or its automatic id, e.g. 'a+>b')",
                )
            continue
        kind = "claim" if ref.kind == "claim-target" else ref.kind
        if kind == "claim" and ref.name in relation_set:
            sink.error(
                f"{ref.owner} points at relation '{ref.name}' where a claim is needed",
                ref.location,
                "to attack an inference use 'undercuts'",
            )
            continue
        sink.error(
            f"{ref.owner} refers to unknown {kind} '{ref.name}'",
            ref.location,
            suggest(ref.name, list(tables[kind])) or _define_hint(kind),
        )


def _define_hint(kind: str) -> str:
    return f"define it under '{kind}s'" if kind != "claim" else "define it under 'claims'"
