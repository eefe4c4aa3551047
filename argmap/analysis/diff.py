"""What changed between two versions of a map: claims, relations, actors, sources and issues
added, removed, renamed and changed, and what follows from it (weighed verdicts, strengths,
actors' positions).

Claims are matched by id, so moving a claim to another file or reordering keys is no change. An
id that disappears is **renamed** to one that appears when their texts are nearly the same: in
some language both give, the similarity ratio of the two texts (difflib's, over characters) is
at least :data:`RENAME_SIMILARITY`; the best-matching pairs are taken first, each claim once.
Relations are matched by their explicit id, or else by their premises and target (through the
renames), so a relation whose type or weight changes is reported as changed, not replaced.

>>> from argmap.load import load_text
>>> old = load_text("argmap: 1\\nclaims:\\n  a: {text: A}\\n  b: {text: B, supports: a}\\n", "o")
>>> new = load_text("argmap: 1\\nclaims:\\n  a: {text: A}\\n  b: {text: B, opposes: a}\\n", "n")
>>> d = diff_maps(old, new)
>>> [(c.old.type, c.new.type) for c in d.relations_changed]
[('supports', 'opposes')]
>>> [(s.claim, s.old, s.new) for s in d.statuses]
[('a', 'in', 'out')]
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from argmap.model import ArgumentMap, Claim, Relation, Text

#: Two texts this similar (difflib ratio, 0 to 1) make a vanished id and a new one a rename.
RENAME_SIMILARITY = 0.8
#: Above this many (removed × added) pairs only identical texts are taken for renames.
FUZZY_PAIRS = 200_000
#: How many of the largest strength changes a diff reports, and the smallest it reports.
STRENGTH_TOP = 5
STRENGTH_MIN = 0.01

_CLAIM_FIELDS = ("text", "kind", "weight", "by", "source", "answers", "tags", "quote", "note")
_RELATION_FIELDS = ("type", "target", "premises", "weight", "scheme", "by", "source", "note")


@dataclass(frozen=True)
class FieldChange:
    """One field that differs; ``lang`` names the language of a text field's change."""

    field: str
    old: Any
    new: Any
    lang: str | None = None


@dataclass(frozen=True)
class Changed:
    """An item in both versions whose fields differ. For a claim, ``old_id`` is its id before
    a rename (the same as ``id`` otherwise)."""

    id: str
    fields: tuple[FieldChange, ...]
    old_id: str = ""


@dataclass(frozen=True)
class RelationChange:
    old: Relation
    new: Relation
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Rename:
    old: str
    new: str
    similarity: float


@dataclass(frozen=True)
class StatusChange:
    """A claim in both versions whose weighed label changed, with why it has the new one."""

    claim: str
    old: str
    new: str
    because: str


@dataclass(frozen=True)
class StrengthChange:
    claim: str
    old: float
    new: float


@dataclass(frozen=True)
class PositionChange:
    """The claims an actor puts forward on an issue, before and after (new ids)."""

    actor: str
    issue: str
    old: tuple[str, ...]
    new: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    """Added, removed and changed items of one kind (actors, sources, issues, the map)."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[Changed, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class MapDiff:
    """Everything that differs between ``old`` and ``new``; empty when nothing does."""

    old: ArgumentMap
    new: ArgumentMap
    claims: Section = Section()
    renamed: tuple[Rename, ...] = ()
    relations_added: tuple[Relation, ...] = ()
    relations_removed: tuple[Relation, ...] = ()
    relations_changed: tuple[RelationChange, ...] = ()
    actors: Section = Section()
    sources: Section = Section()
    issues: Section = Section()
    map: Section = Section()
    statuses: tuple[StatusChange, ...] = ()
    strengths: tuple[StrengthChange, ...] = ()
    positions: tuple[PositionChange, ...] = ()
    #: new claim id -> its weighed label, for the added claims and those in both
    labels: Mapping[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Whether the two versions hold the same map."""
        return not (
            self.claims
            or self.renamed
            or self.relations_added
            or self.relations_removed
            or self.relations_changed
            or self.actors
            or self.sources
            or self.issues
            or self.map
        )

    def counts(self) -> dict[str, int]:
        """How many of each kind of change (the keys of ``--stat``)."""
        return {
            "claims added": len(self.claims.added),
            "claims removed": len(self.claims.removed),
            "claims renamed": len(self.renamed),
            "claims changed": len(self.claims.changed),
            "relations added": len(self.relations_added),
            "relations removed": len(self.relations_removed),
            "relations changed": len(self.relations_changed),
            "actors, sources and issues changed": sum(
                len(s.added) + len(s.removed) + len(s.changed)
                for s in (self.actors, self.sources, self.issues)
            ),
            "verdicts changed": len(self.statuses),
        }


def _values(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _text_changes(name: str, old: Text, new: Text) -> list[FieldChange]:
    before, after = dict(old.items), dict(new.items)
    out = []
    for lang in dict.fromkeys([*before, *after]):
        if before.get(lang) != after.get(lang):
            out.append(FieldChange(name, before.get(lang), after.get(lang), lang or None))
    return out


def _field_changes(
    old: Any, new: Any, names: Iterable[str], rename: Mapping[str, str] | None = None
) -> tuple[FieldChange, ...]:
    out: list[FieldChange] = []
    for name in names:
        a, b = getattr(old, name), getattr(new, name)
        if isinstance(a, Text) or isinstance(b, Text):
            out += _text_changes(name, a or Text(), b or Text())
            continue
        if rename and name in ("target", "premises"):
            a = tuple(rename.get(x, x) for x in a) if name == "premises" else rename.get(a, a)
        if _values(a) != _values(b):
            out.append(FieldChange(name, a, b))
    return tuple(out)


def _item_section(old: Mapping[str, Any], new: Mapping[str, Any], names: Iterable[str]) -> Section:
    names = tuple(names)
    changed = []
    for key, item in new.items():
        if key in old:
            diffs = _field_changes(old[key], item, names)
            if diffs:
                changed.append(Changed(key, diffs, key))
    return Section(
        tuple(k for k in new if k not in old),
        tuple(k for k in old if k not in new),
        tuple(changed),
    )


def _similarity(a: Claim, b: Claim) -> float:
    ta, tb = dict(a.text.items), dict(b.text.items)
    shared = [lang for lang in ta if lang in tb] or []
    pairs = [(ta[lang], tb[lang]) for lang in shared] or [
        (next(iter(ta.values()), ""), next(iter(tb.values()), ""))
    ]
    best = 0.0
    for x, y in pairs:
        if x == y:
            return 1.0
        matcher = difflib.SequenceMatcher(None, x, y, autojunk=False)
        if matcher.real_quick_ratio() < RENAME_SIMILARITY:
            continue
        if matcher.quick_ratio() < RENAME_SIMILARITY:
            continue
        best = max(best, matcher.ratio())
    return best


def find_renames(old: ArgumentMap, new: ArgumentMap) -> tuple[Rename, ...]:
    """The claims whose id changed while their text stayed (nearly) the same."""
    gone = [c for c in old.claims if c not in new.claims]
    came = [c for c in new.claims if c not in old.claims]
    if not gone or not came:
        return ()
    scored: list[tuple[float, int, int]] = []
    if len(gone) * len(came) > FUZZY_PAIRS:
        by_text: dict[tuple, list[int]] = {}
        for j, c in enumerate(came):
            by_text.setdefault(new.claims[c].text.items, []).append(j)
        for i, c in enumerate(gone):
            for j in by_text.get(old.claims[c].text.items, ()):
                scored.append((1.0, i, j))
    else:
        for i, a in enumerate(gone):
            for j, b in enumerate(came):
                score = _similarity(old.claims[a], new.claims[b])
                if score >= RENAME_SIMILARITY:
                    scored.append((score, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    found = []
    for score, i, j in scored:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        found.append(Rename(gone[i], came[j], round(score, 3)))
    order = {c: k for k, c in enumerate(new.claims)}
    return tuple(sorted(found, key=lambda r: order[r.new]))


def _relation_ids(old: ArgumentMap, rename: Mapping[str, str]) -> dict[str, str]:
    """Old relation id -> the id it has when its claims carry their new ids."""
    mapped: dict[str, str] = {}
    pending = list(old.relations)
    for _ in range(len(pending) + 1):
        waiting = []
        for rel in pending:
            if rel.explicit_id:
                mapped[rel.id] = rel.id
                continue
            target = rel.target
            if rel.type == "undercuts":
                if target not in mapped:
                    waiting.append(rel)
                    continue
                target = mapped[target]
            else:
                target = rename.get(target, target)
            premises = tuple(rename.get(p, p) for p in rel.premises)
            mapped[rel.id] = Relation.auto_id(premises, target, rel.type)
        if not waiting or len(waiting) == len(pending):
            for rel in waiting:  # undercuts of something that is not there: keep their id
                mapped[rel.id] = rel.id
            break
        pending = waiting
    return mapped


def _match_relations(
    old: ArgumentMap, new: ArgumentMap, rename: Mapping[str, str]
) -> tuple[list[Relation], list[Relation], list[RelationChange]]:
    ids = _relation_ids(old, rename)
    rel_rename = {**rename, **{k: v for k, v in ids.items() if k != v}}
    new_by_id = {r.id: r for r in new.relations}
    matched: dict[str, Relation] = {}  # new id -> old relation
    left: list[Relation] = []
    for rel in old.relations:
        mapped = ids[rel.id]
        if mapped in new_by_id and mapped not in matched:
            matched[mapped] = rel
        else:
            left.append(rel)

    def key(rel: Relation, mapping: Mapping[str, str]) -> tuple:
        target = mapping.get(rel.target, rel.target)
        return (tuple(mapping.get(p, p) for p in rel.premises), target)

    free: dict[tuple, list[Relation]] = {}
    for rel in new.relations:
        if rel.id not in matched and not rel.explicit_id:
            free.setdefault(key(rel, {}), []).append(rel)
    removed = []
    for rel in left:
        candidates = free.get(key(rel, rel_rename)) if not rel.explicit_id else None
        if candidates:
            matched[candidates.pop(0).id] = rel
        else:
            removed.append(rel)
    added, changed = [], []
    for rel in new.relations:
        if rel.id not in matched:
            added.append(rel)
            continue
        diffs = _field_changes(matched[rel.id], rel, _RELATION_FIELDS, rel_rename)
        if diffs:
            changed.append(RelationChange(matched[rel.id], rel, diffs))
    return added, removed, changed


def _positions(
    old: ArgumentMap, new: ArgumentMap, rename: Mapping[str, str]
) -> list[PositionChange]:
    from argmap.analysis.actors import profiles

    before = {p.actor: p.positions for p in profiles(old)}
    out = []
    for profile in profiles(new):
        if profile.actor not in before:
            continue
        was = {
            issue: tuple(rename.get(c, c) for c in claims)
            for issue, claims in before[profile.actor].items()
        }
        for issue in dict.fromkeys([*was, *profile.positions]):
            a, b = was.get(issue, ()), profile.positions.get(issue, ())
            if set(a) != set(b):
                out.append(PositionChange(profile.actor, issue, a, b))
    return out


def diff_maps(old: ArgumentMap, new: ArgumentMap) -> MapDiff:
    """What changed from ``old`` to ``new``, and its consequences."""
    from argmap.analysis.evaluation import claim_strengths_of
    from argmap.analysis.weighed import weigh

    renamed = find_renames(old, new)
    rename = {r.old: r.new for r in renamed}
    back = {r.new: r.old for r in renamed}
    changed = []
    for cid, claim in new.claims.items():
        was = old.claims.get(back.get(cid, cid))
        if was is None:
            continue
        diffs = _field_changes(was, claim, _CLAIM_FIELDS)
        if diffs:
            changed.append(Changed(cid, diffs, was.id))
    claims = Section(
        tuple(c for c in new.claims if c not in old.claims and c not in back),
        tuple(c for c in old.claims if c not in new.claims and c not in rename),
        tuple(changed),
    )
    added, removed, rel_changed = _match_relations(old, new, rename)
    head = Section(
        changed=tuple(
            Changed("", diffs)
            for diffs in [
                _field_changes(
                    old, new, ("title", "description", "languages", "allow_self_attacks")
                )
            ]
            if diffs
        )
    )
    result = MapDiff(
        old,
        new,
        claims,
        renamed,
        tuple(added),
        tuple(removed),
        tuple(rel_changed),
        _item_section(old.actors, new.actors, ("name", "kind", "affiliation", "note")),
        _item_section(old.sources, new.sources, ("title", "author", "publisher", "date", "url")),
        _item_section(old.issues, new.issues, ("question", "tags", "standard", "thresholds")),
        head,
    )
    if result.empty:
        return result
    w_old, w_new = weigh(old), weigh(new)
    statuses = []
    for cid in new.claims:
        was = back.get(cid, cid)
        if was in old.claims and w_old.label(was) != w_new.label(cid):
            statuses.append(
                StatusChange(cid, w_old.label(was), w_new.label(cid), w_new.explain(cid))
            )
    s_old, s_new = claim_strengths_of(old), claim_strengths_of(new)
    moves = [
        StrengthChange(cid, s_old[back.get(cid, cid)], s_new[cid])
        for cid in new.claims
        if back.get(cid, cid) in s_old
        and abs(s_new[cid] - s_old[back.get(cid, cid)]) >= STRENGTH_MIN
    ]
    moves.sort(key=lambda m: -abs(m.new - m.old))
    return replace(
        result,
        statuses=tuple(statuses),
        strengths=tuple(moves[:STRENGTH_TOP]),
        positions=tuple(_positions(old, new, rename)),
        labels=w_new.claim_labels(),
    )
