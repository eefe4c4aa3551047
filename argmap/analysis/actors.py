"""Who holds what: actors' claims, their positions on issues, self-conflicts and agreement."""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.model import ArgumentMap


@dataclass(frozen=True)
class Conflict:
    """Actor asserts both ``attacker`` and ``attacked``, and one bears against the other."""

    attacker: str
    attacked: str
    relation: str


@dataclass(frozen=True)
class ActorProfile:
    actor: str
    claims: tuple[str, ...]
    positions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # issue -> claim ids
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True)
class Agreement:
    """How two actors' claims bear on each other: ``supports`` and ``attacks`` count relations
    between them (either direction), ``shared`` the claims both assert."""

    a: str
    b: str
    supports: int
    attacks: int
    shared: int

    @property
    def score(self) -> float:
        """From -1 (only attacks) to +1 (only support or shared claims)."""
        total = self.supports + self.attacks + self.shared
        return (self.supports + self.shared - self.attacks) / total if total else 0.0


def actor_claims(amap: ArgumentMap) -> dict[str, list[str]]:
    """actor id -> claims they assert (claims' ``by``, and premises of relations they state)."""
    held: dict[str, list[str]] = {aid: [] for aid in amap.actors}
    for cid, claim in amap.claims.items():
        for aid in claim.by:
            if cid not in held[aid]:
                held[aid].append(cid)
    return held


def profiles(amap: ArgumentMap) -> list[ActorProfile]:
    """One profile per actor, in the map's order."""
    held = actor_claims(amap)
    result = []
    for aid, claims in held.items():
        mine = set(claims)
        positions: dict[str, list[str]] = {}
        for cid in claims:
            issue = amap.claims[cid].answers
            if issue:
                positions.setdefault(issue, []).append(cid)
        conflicts = []
        for rel in amap.relations:
            if rel.type != "opposes" or rel.target not in mine:
                continue
            for premise in rel.premises:
                if premise in mine:
                    conflicts.append(Conflict(premise, rel.target, rel.id))
        result.append(
            ActorProfile(
                aid,
                tuple(claims),
                {k: tuple(v) for k, v in positions.items()},
                tuple(conflicts),
            )
        )
    return result


def agreements(amap: ArgumentMap) -> list[Agreement]:
    """Pairs of actors whose claims interact, most disagreeing first, then in map order."""
    owners: dict[str, list[str]] = {cid: list(c.by) for cid, c in amap.claims.items()}
    order = {aid: i for i, aid in enumerate(amap.actors)}
    counts: dict[tuple[str, str], list[int]] = {}

    def pair(x: str, y: str) -> tuple[str, str]:
        return (x, y) if order[x] <= order[y] else (y, x)

    for rel in amap.relations:
        if rel.type == "undercuts":
            continue
        for premise in rel.premises:
            for a in owners[premise]:
                for b in owners[rel.target]:
                    if a == b:
                        continue
                    slot = counts.setdefault(pair(a, b), [0, 0, 0])
                    slot[0 if rel.type == "supports" else 1] += 1
    for claim in amap.claims.values():
        for i, a in enumerate(claim.by):
            for b in claim.by[i + 1 :]:
                counts.setdefault(pair(a, b), [0, 0, 0])[2] += 1
    result = [Agreement(a, b, s, t, h) for (a, b), (s, t, h) in counts.items()]
    result.sort(key=lambda g: (g.score, order[g.a], order[g.b]))
    return result
