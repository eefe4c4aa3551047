"""Merge the parts of a map and check what only the whole map can tell: references and ids.

:func:`check_model` checks a map that was built without YAML (an import) against the same
rules, at the locations its objects carry.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from argmap.errors import Diagnostic, DiagnosticSink, Location
from argmap.load.schema import Part, Ref
from argmap.load.values import DATE_RE, ID_RE, LANG_RE, date_error
from argmap.model import (
    ACTOR_KINDS,
    CLAIM_KINDS,
    PROOF_STANDARDS,
    RELATION_TYPES,
    ArgumentMap,
    Relation,
    Text,
)
from argmap.suggest import did_you_mean


def merge(parts: list[Part], sink: DiagnosticSink) -> ArgumentMap:
    """Combine parts into one map, reporting duplicate ids and conflicting settings."""
    actors: dict = {}
    sources: dict = {}
    issues: dict = {}
    claims: dict = {}
    relations: dict[str, Relation] = {}
    title, description, languages = Text(), Text(), ()
    title_loc: Location | None = None
    allow_self_attacks = False
    for part in parts:
        allow_self_attacks = allow_self_attacks or part.allow_self_attacks
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
        _add_relations(relations, part.relations, sink)
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
        allow_self_attacks=allow_self_attacks,
    )


def _add_relations(
    table: dict[str, Relation], relations: Iterable[Relation], sink: DiagnosticSink
) -> None:
    """Add relations to ``table`` by id; a second relation with a known id is an error."""
    for rel in relations:
        if rel.id in table:
            first = table[rel.id]
            if rel.explicit_id:
                msg = f"relation id '{rel.id}' is already used at {first.loc}"
            else:
                msg = (
                    f"relation '{rel.id}' ({' & '.join(rel.premises)} {rel.type} "
                    f"{rel.target}) is already stated at {first.loc}"
                )
            sink.error(msg, rel.loc, "state each relation once")
        else:
            table[rel.id] = rel


def check_references(amap: ArgumentMap, refs: Iterable[tuple], sink: DiagnosticSink) -> None:
    """Every id a map uses (``refs``: :class:`Ref`-shaped tuples) must name something of the
    right kind; suggest near misses. Relation ids that are also claim ids are refused."""
    for rel in amap.relations:
        if rel.explicit_id and rel.id in amap.claims:
            sink.error(
                f"relation id '{rel.id}' is also a claim id",
                rel.loc,
                "give the relation an id of its own",
            )
    tables = {
        "actor": amap.actors,
        "source": amap.sources,
        "issue": amap.issues,
        "claim": amap.claims,
    }
    relation_ids = amap.relations_by_id()
    known = {**tables, "claim-target": amap.claims, "relation-target": relation_ids}
    broken = [Ref(*ref) for ref in refs if ref[1] not in known[ref[0]]]
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
                    did_you_mean(ref.name, relation_ids)
                    or "undercut a relation by its 'id' (or its automatic id, e.g. 'a+>b')",
                )
            continue
        kind = "claim" if ref.kind == "claim-target" else ref.kind
        if kind == "claim" and ref.name in relation_ids:
            sink.error(
                f"{ref.owner} points at relation '{ref.name}' where a claim is needed",
                ref.location,
                "to attack an inference use 'undercuts'",
            )
            continue
        sink.error(
            f"{_naming(ref.owner, ref.key)} unknown {kind} '{ref.name}'",
            ref.location,
            did_you_mean(ref.name, tables[kind]) or _define_hint(kind),
        )


def _naming(owner: str, key: str) -> str:
    """Who refers, and how: "claim 'a' supports", "claim 'a': 'by' names"."""
    return f"{owner} {key}" if key in ("supports", "opposes") else f"{owner}: '{key}' names"


def _define_hint(kind: str) -> str:
    return f"define it under '{kind}s'"


def check_model(amap: ArgumentMap, file: str | None = None) -> list[Diagnostic]:
    """Every problem of a map built in memory (an import), sorted by place: the rules the YAML
    loader applies, checked on the model and reported at each object's ``loc`` (in ``file``
    where an object has none).

    >>> from argmap.model import ArgumentMap, Claim, Text
    >>> m = ArgumentMap(claims={"a": Claim("a", Text.of("x"), by=("ghost",))})
    >>> [d.message for d in check_model(m)]
    ["claim 'a': 'by' names unknown actor 'ghost'"]
    """
    sink = DiagnosticSink()
    where = file or (amap.files[0] if amap.files else "<map>")
    _check_objects(amap, sink, where)
    relations: dict[str, Relation] = {}
    _add_relations(relations, amap.relations, sink)
    check_references(amap, _model_refs(amap, where), sink)
    return sorted(sink.items, key=Diagnostic.sort_key)


def _check_objects(amap: ArgumentMap, sink: DiagnosticSink, where: str) -> None:
    """Ids, kinds, texts, weights and dates of every object, as the schema requires them."""

    def loc(obj: object) -> Location:
        return getattr(obj, "loc", None) or Location(where)

    def text(value: Text, what: str, at: Location, required: bool = True) -> None:
        if not value:
            if required:
                sink.error(f"{what} is empty", at)
            return
        for lang, s in value.items:
            if lang and not LANG_RE.match(lang):
                sink.error(f"'{lang}' in {what} is not a language code", at)
            if not s.strip():
                sink.error(f"{what} is empty", at)

    def weight(value: float | None, what: str, at: Location) -> None:
        if value is not None and not 0 <= value <= 1:
            sink.error(f"{what} {value} is outside [0, 1]", at)

    def choice(value: str | None, choices: tuple[str, ...], what: str, at: Location) -> None:
        if value is not None and value not in choices:
            hint = did_you_mean(value, choices) or "one of: " + ", ".join(choices)
            sink.error(f"unknown {what} '{value}'", at, hint)

    for what, table in (
        ("actor", amap.actors),
        ("source", amap.sources),
        ("issue", amap.issues),
        ("claim", amap.claims),
    ):
        for name in table:
            if not ID_RE.match(name):
                sink.error(
                    f"{what} id '{name}' has characters ids may not use",
                    loc(table[name]),
                    "ids use letters, digits and - _ . : only",
                )
    for actor in amap.actors.values():
        text(actor.name, f"the name of actor '{actor.id}'", loc(actor))
        choice(actor.kind, ACTOR_KINDS, "actor kind", loc(actor))
    for source in amap.sources.values():
        text(source.title, f"the title of source '{source.id}'", loc(source))
        if source.date is not None:
            problem = date_error(source.date) if DATE_RE.match(source.date) else "format"
            if problem == "format":
                sink.error(
                    f"date '{source.date}' is not YYYY-MM-DD", loc(source), "e.g. 2024-07-23"
                )
            elif problem:
                sink.error(problem, loc(source), "check the month and day")
    for issue in amap.issues.values():
        text(issue.question, f"the question of issue '{issue.id}'", loc(issue))
        choice(issue.standard, PROOF_STANDARDS, "proof standard", loc(issue))
        for key, value in issue.thresholds:
            weight(value, f"threshold {key} of issue '{issue.id}'", loc(issue))
    for claim in amap.claims.values():
        owner = f"claim '{claim.id}'"
        text(claim.text, f"the text of {owner}", loc(claim))
        text(claim.quote, f"the quote of {owner}", loc(claim), required=False)
        choice(claim.kind, CLAIM_KINDS, "claim kind", loc(claim))
        weight(claim.weight, f"the weight of {owner}", loc(claim))
    for rel in amap.relations:
        owner = _relation_owner(rel)
        if rel.explicit_id and not ID_RE.match(rel.id):
            sink.error(
                f"relation id '{rel.id}' has characters ids may not use",
                loc(rel),
                "ids use letters, digits and - _ . : only",
            )
        choice(rel.type, RELATION_TYPES, "relation type", loc(rel))
        weight(rel.weight, f"the weight of {owner}", loc(rel))
        if not rel.premises:
            sink.error(f"{owner} has no premises", loc(rel))
        elif len(set(rel.premises)) != len(rel.premises):
            sink.error(f"{owner} lists a premise twice", loc(rel))
        if rel.target in rel.premises and rel.type != "opposes":
            sink.error(f"{owner}: claim '{rel.target}' {rel.type} itself", loc(rel))
    check_self_attacks(amap, sink, where)


def check_self_attacks(amap: ArgumentMap, sink: DiagnosticSink, where: str | None = None) -> None:
    """A claim that opposes itself is an error unless the map says ``allow_self_attacks: true``.

    Dung frameworks allow self-attack, so imports of them set the marker; a hand-written map
    keeps the error, as a self-opposition there is usually a slip. ``lint`` warns of each one
    the marker lets through."""
    if amap.allow_self_attacks:
        return
    for rel in amap.self_attacks():
        sink.error(
            f"{_relation_owner(rel)}: claim '{rel.target}' opposes itself",
            rel.loc or Location(where or (amap.files[0] if amap.files else "<map>")),
            "Dung frameworks allow self-attack; if this one is meant, "
            "add 'allow_self_attacks: true' at the top of the map",
        )


def _relation_owner(rel: Relation) -> str:
    return f"relation '{rel.id}'" if rel.id else "a relation"


def _model_refs(amap: ArgumentMap, where: str) -> Iterator[Ref]:
    """The references a map's objects make, each at its object's location."""

    def refs(
        kind: str, names: Iterable[str], loc: Location | None, owner: str, key: str
    ) -> Iterator[Ref]:
        at = loc or Location(where)
        for name in names:
            yield Ref(kind, name, at.file, at.line, at.column, owner, key)

    for actor in amap.actors.values():
        if actor.affiliation is not None:
            owner = f"actor '{actor.id}'"
            yield from refs("actor", (actor.affiliation,), actor.loc, owner, "affiliation")
    for claim in amap.claims.values():
        owner = f"claim '{claim.id}'"
        yield from refs("actor", claim.by, claim.loc, owner, "by")
        yield from refs("source", claim.source, claim.loc, owner, "source")
        if claim.answers is not None:
            yield from refs("issue", (claim.answers,), claim.loc, owner, "answers")
    for rel in amap.relations:
        owner = _relation_owner(rel)
        yield from refs("claim", rel.premises, rel.loc, owner, "from")
        target_kind = "relation-target" if rel.type == "undercuts" else "claim-target"
        yield from refs(target_kind, (rel.target,), rel.loc, owner, rel.type)
        yield from refs("actor", rel.by, rel.loc, owner, "by")
        yield from refs("source", rel.source, rel.loc, owner, "source")
