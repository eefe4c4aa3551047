"""What an output shows: the part of a map a :class:`Selection` keeps, and its clusters.

A selected part of a map is itself a map: :func:`select` gives an :class:`ArgumentMap` with the
claims that pass every filter, the relations among them, and the actors, sources and issues they
use, all in the map's order. Every output (pictures, the HTML page, every export format) takes
that map, so ``--focus``, ``--issue``, ``--tag`` and ``--actor`` mean the same everywhere.

Drawn formats may then group claims: :func:`clusters` says which cluster each claim and issue
falls in, and :func:`collapsed_arrows` counts the relations between clusters when each is drawn
as one box.

>>> from argmap.load import load_map
>>> part = select(load_map("tests/data/tiny.yaml"), Selection(focus="c", depth=1))
>>> list(part.claims)
['x', 'b', 'c']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from argmap.errors import ArgmapError, NotFoundError
from argmap.graph import neighbourhood
from argmap.model import ArgumentMap, Relation
from argmap.suggest import close_matches

__all__ = [
    "CLUSTERS",
    "DIRECTIONS",
    "Clusters",
    "PicturePart",
    "Selection",
    "clusters",
    "collapsed_arrows",
    "junctions",
    "picture_parts",
    "resolve",
    "select",
    "starting_points",
]

DIRECTIONS = ("up", "down", "both")
CLUSTERS = ("tag", "actor", "issue")


@dataclass(frozen=True)
class Selection:
    """The filters of a view; they intersect. The empty selection keeps the whole map.

    ``focus`` keeps the claims within ``depth`` relations of one claim (``direction``: ``up``
    toward what it bears on, ``down`` toward what bears on it, or ``both``); ``issue`` the
    positions answering an issue and every claim bearing on them; ``tags`` and ``actors`` the
    claims with one of those tags or put forward by one of those actors; ``claims``, when
    given, only those claims.
    """

    focus: str | None = None
    depth: int = 2
    direction: str = "both"
    issue: str | None = None
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    #: when set, only these claims (what ``--changed-only`` keeps)
    claims: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ArgmapError(
                f"direction must be one of {', '.join(DIRECTIONS)}, not '{self.direction}'"
            )
        if self.depth < 0:
            raise ArgmapError("depth must be 0 or more")

    @property
    def empty(self) -> bool:
        """True when no filter is set."""
        return (
            self.focus is None
            and self.issue is None
            and not self.tags
            and not self.actors
            and self.claims is None
        )


def _unknown(what: str, name: str, known: Iterable[str]) -> NotFoundError:
    return NotFoundError(f"no {what} '{name}'", close_matches(name, known))


def _issue_debate(amap: ArgumentMap, issue: str) -> frozenset[str]:
    """The positions answering ``issue`` and every claim bearing on them, at any depth."""
    from argmap.graph import kept

    return kept(amap, "_issue_debates", _issue_debates).get(issue, frozenset())


def _issue_debates(amap: ArgumentMap) -> dict[str, frozenset[str]]:
    import networkx as nx

    from argmap.graph import claim_graph

    positions: dict[str, list[str]] = {}
    for cid, claim in amap.claims.items():
        if claim.answers is not None:
            positions.setdefault(claim.answers, []).append(cid)
    up = claim_graph(amap).reverse(copy=False)
    return {
        iid: frozenset(cid for layer in nx.bfs_layers(up, ids) for cid in layer)
        for iid, ids in positions.items()
    }


def _kept_relations(relations: Iterable[Relation], keep: set[str]) -> set[str]:
    """Ids of the relations whose premises and target are kept (an undercut's target being a
    kept relation): undercuts of undercuts may come before the relation they attack."""
    kept: set[str] = set()
    waiting: list[Relation] = []
    for rel in relations:
        if not keep.issuperset(rel.premises):
            continue
        if rel.type != "undercuts":
            if rel.target in keep:
                kept.add(rel.id)
        elif rel.target in kept:
            kept.add(rel.id)
        else:
            waiting.append(rel)
    changed = True
    while waiting and changed:
        changed = False
        for rel in waiting:
            if rel.target in kept:
                kept.add(rel.id)
                changed = True
        waiting = [rel for rel in waiting if rel.id not in kept]
    return kept


def resolve(amap: ArgumentMap, selection: Selection) -> Selection:
    """``selection`` with its focus (a claim id or a unique prefix of one) made the claim's id;
    NotFoundError with the closest names when it names none."""
    if selection.focus is None:
        return selection
    from argmap.analysis.query import resolve_claim

    return replace(selection, focus=resolve_claim(amap, selection.focus))


def select(amap: ArgumentMap, selection: Selection) -> ArgumentMap:
    """The part of ``amap`` that ``selection`` keeps, as a map of its own (in the map's order).

    A relation is kept when its target and all its premises are (an undercut when the relation
    it attacks is); issues when a kept claim answers them (only the selected one with
    ``issue``); actors and sources when a kept claim or relation names them. The empty
    selection gives ``amap`` itself. Unknown names raise :class:`NotFoundError` with the
    closest names; a selection that keeps no claim, or any selection of a map with no claims,
    raises :class:`ArgmapError`.
    """
    if selection.empty:
        return amap
    if not amap.claims:
        raise ArgmapError("nothing to show: the map has no claims yet")
    keep = set(amap.claims)
    if selection.focus is not None:
        if selection.focus not in amap.claims:
            raise _unknown("claim", selection.focus, amap.claims)
        keep &= neighbourhood(amap, selection.focus, selection.depth, selection.direction)
    if selection.issue is not None:
        if selection.issue not in amap.issues:
            raise _unknown("issue", selection.issue, amap.issues)
        keep &= _issue_debate(amap, selection.issue)
    if selection.tags:
        known = amap.all_tags()
        for tag in selection.tags:
            if tag not in known:
                raise _unknown("tag", tag, known)
        tags = set(selection.tags)
        keep &= {cid for cid, c in amap.claims.items() if tags.intersection(c.tags)}
    if selection.actors:
        for actor in selection.actors:
            if actor not in amap.actors:
                raise _unknown("actor", actor, amap.actors)
        actors = set(selection.actors)
        keep &= {cid for cid, c in amap.claims.items() if actors.intersection(c.by)}
    if selection.claims is not None:
        keep &= set(selection.claims)
    if not keep:
        raise ArgmapError("nothing to show: no claim passes the filters")

    claims = {cid: c for cid, c in amap.claims.items() if cid in keep}
    kept = _kept_relations(amap.relations, keep)
    relations = tuple(rel for rel in amap.relations if rel.id in kept)
    if selection.issue is not None:
        answered = {selection.issue}
    else:
        answered = {c.answers for c in claims.values()}
    used_actors: set[str] = set()
    used_sources: set[str] = set()
    for item in (*claims.values(), *relations):
        used_actors.update(item.by)
        used_sources.update(item.source)
    return replace(
        amap,
        claims=claims,
        relations=relations,
        issues={iid: i for iid, i in amap.issues.items() if iid in answered},
        actors={aid: a for aid, a in amap.actors.items() if aid in used_actors},
        sources={sid: s for sid, s in amap.sources.items() if sid in used_sources},
    )


def junctions(amap: ArgumentMap) -> frozenset[str]:
    """Ids of the relations drawn with a node of their own: linked premises meet there, and an
    undercut needs something to attack."""
    attacked = {rel.target for rel in amap.relations if rel.type == "undercuts"}
    return frozenset(rel.id for rel in amap.relations if rel.linked or rel.id in attacked)


@dataclass(frozen=True)
class Clusters:
    """Which cluster each claim and issue falls in (those outside every cluster are absent),
    and the clusters as ``(key, label)`` in drawing order. Labels of actor clusters are the
    actors' names in the language asked for."""

    mode: str
    of_claim: Mapping[str, str]
    of_issue: Mapping[str, str]
    groups: tuple[tuple[str, str], ...]


def clusters(amap: ArgumentMap, mode: str, lang: str | None = None) -> Clusters:
    """Group the claims of ``amap`` by their first tag, first actor, or the issue whose debate
    they are in (``mode``: tag, actor, issue). A claim bearing on the positions of two issues
    goes with the one it is fewest relations from (the first in the map's order on a tie)."""
    if mode not in CLUSTERS:
        raise ArgmapError(f"cluster must be one of {', '.join(CLUSTERS)}, not '{mode}'")
    of_claim: dict[str, str] = {}
    of_issue: dict[str, str] = {}
    labels: dict[str, str] = {}
    if mode == "tag":
        for cid, claim in amap.claims.items():
            if claim.tags:
                of_claim[cid] = claim.tags[0]
        for iid, issue in amap.issues.items():
            if issue.tags:
                of_issue[iid] = issue.tags[0]
        used = set(of_claim.values())
        order = [t for t in amap.all_tags() if t in used]
        order += [t for t in of_issue.values() if t not in order]
        labels = {t: f"#{t}" for t in order}
    elif mode == "actor":
        for cid, claim in amap.claims.items():
            if claim.by:
                of_claim[cid] = claim.by[0]
        used = set(of_claim.values())
        order = [a for a in amap.actors if a in used]
        order += [a for a in of_claim.values() if a not in order]
        for aid in order:
            actor = amap.actors.get(aid)
            labels[aid] = amap.text(actor.name, lang) if actor is not None else aid
    else:
        of_issue = {iid: iid for iid in amap.issues}
        positions = [cid for cid, c in amap.claims.items() if c.answers in of_issue]
        if positions:
            import networkx as nx

            from argmap.graph import claim_graph

            paths = nx.multi_source_dijkstra_path(claim_graph(amap).reverse(copy=False), positions)
            for cid in amap.claims:
                if cid in paths:
                    of_claim[cid] = amap.claims[paths[cid][0]].answers or ""
        labels = {iid: iid for iid in amap.issues}
    return Clusters(mode, of_claim, of_issue, tuple(labels.items()))


def collapsed_arrows(
    amap: ArgumentMap, groups: Clusters
) -> dict[tuple[tuple[str, str], tuple[str, str], str], int]:
    """The arrows of a picture whose clusters are each drawn as one box: ``(source, target,
    type) → how many relations it stands for``, in the order first met.

    Ends are ``("group", key)``, ``("claim", id)`` or ``("issue", id)``; type is a relation
    type or ``answers``. Relations inside one box are left out, as are undercut cycles (they
    reach no claim).
    """

    def claim_end(cid: str) -> tuple[str, str]:
        key = groups.of_claim.get(cid)
        return ("group", key) if key is not None else ("claim", cid)

    arrows: dict[tuple[tuple[str, str], tuple[str, str], str], int] = {}
    by_id = {rel.id: rel for rel in amap.relations}
    for rel in amap.relations:
        bears_on, seen = rel, set()
        while bears_on.type == "undercuts" and bears_on.target in by_id:
            if bears_on.id in seen:
                break
            seen.add(bears_on.id)
            bears_on = by_id[bears_on.target]
        if bears_on.type == "undercuts":
            continue
        target = claim_end(bears_on.target)
        for source in dict.fromkeys(claim_end(p) for p in rel.premises):
            if source != target:
                key = (source, target, rel.type)
                arrows[key] = arrows.get(key, 0) + 1
    for cid, claim in amap.claims.items():
        if claim.answers in amap.issues:
            source = claim_end(cid)
            group = groups.of_issue.get(claim.answers)
            target = ("group", group) if group is not None else ("issue", claim.answers)
            if source != target:
                key = (source, target, "answers")
                arrows[key] = arrows.get(key, 0) + 1
    return arrows


@dataclass(frozen=True)
class PicturePart:
    """A part of a map drawn as one picture: ``top`` (``claim:ID`` or ``issue:ID``) and the
    claims the part holds: ``top`` first when it is a claim, then the claim it bears on when
    that is there as context, then the rest in the map's order."""

    top: str
    claims: tuple[str, ...]


def starting_points(amap: ArgumentMap) -> tuple[str, ...]:
    """Where a debate starts, outside its issues' debates (whose positions start them): the
    claims that bear on nothing, and of each circle of claims that bears on nothing outside
    itself (mutual attacks, a claim that opposes itself) its first claim, in the map's order."""
    from argmap.graph import kept

    return kept(amap, "_starting_points", _starting_points)


def _starting_points(amap: ArgumentMap) -> tuple[str, ...]:
    import networkx as nx

    from argmap.graph import claim_graph

    g = nx.DiGraph(claim_graph(amap))
    debated: set[str] = set()
    for iid in amap.issues:
        debated |= _issue_debate(amap, iid)
    order = {cid: i for i, cid in enumerate(amap.claims)}
    condensed = nx.condensation(g)
    starts = []
    for node in condensed:
        if condensed.out_degree(node) == 0:
            first = min(condensed.nodes[node]["members"], key=order.__getitem__)
            if first not in debated:
                starts.append(first)
    return tuple(sorted(starts, key=order.__getitem__))


def picture_parts(amap: ArgumentMap, limit: int) -> list[PicturePart]:
    """The map cut into parts of at most ``limit`` claims, for maps too big for one picture.

    The tops are the issues (each with its positions and whatever bears on them), then the
    :func:`starting_points` outside them. A part over ``limit`` is cut along the claims that
    bear directly on its top (a Kialo debate's single thesis: its reasons for and against):
    neighbours small enough share a part, with the top as context; one too big is cut the same
    way, and so on down, while the work of finding what bears on each claim stays within a few
    passes over the map (a long chain is cut only near its top). A claim may fall in several
    parts, or in none (the browser of the page shows every claim).
    """
    import networkx as nx

    from argmap.graph import claim_graph

    g = claim_graph(amap)
    up = g.reverse(copy=False)
    order = {cid: i for i, cid in enumerate(amap.claims)}
    parts: list[PicturePart] = []
    seen: set[str] = set()
    work = [20 * len(amap.claims) + 1000]  # claims visited while finding what bears on what

    def in_order(cids: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(cids, key=order.__getitem__))

    def bearing(cid: str) -> set[str]:
        found = {cid, *nx.descendants(up, cid)}
        work[0] -= len(found)
        return found

    def below(cid: str) -> tuple[str, ...]:
        return in_order(set(up.successors(cid)) - {cid})

    def cut(top: str, context: tuple[str, ...], members: set[str], children: Iterable[str]):
        """Emit the parts of ``top``; yields the cuts of children too big, to be made first."""
        if top in seen:  # a cycle, or a claim reached from two tops
            return
        seen.add(top)
        if len(members) + len(context) <= limit:
            emit(top, context, members)
            return
        parent = (top[6:],) if top.startswith("claim:") else ()
        before = len(parts)
        group: set[str] = set()  # small neighbours share a picture, under the claim they bear on
        for child in children:
            if work[0] <= 0:
                break
            under = bearing(child)
            if len(under) + len(parent) > limit:
                yield (f"claim:{child}", parent, under, below(child))
                continue
            if len(group | under) + len(parent) > limit:
                emit(top, parent, group)
                group = set()
            group |= under
        if group or (parent and len(parts) == before):  # the top, even if all went elsewhere
            emit(top, context if not group else parent, group)

    def emit(top: str, context: tuple[str, ...], members: set[str]) -> None:
        head = (top[6:],) if top.startswith("claim:") and top[6:] not in context else ()
        rest = in_order(members.difference(head, context))
        parts.append(PicturePart(top, (*head, *context, *rest)))

    def run(*first) -> None:  # depth first, without Python's recursion (a chain may be long)
        stack = [cut(*first)]
        while stack:
            try:
                stack.append(cut(*next(stack[-1])))
            except StopIteration:
                stack.pop()

    positions: dict[str, list[str]] = {iid: [] for iid in amap.issues}
    for cid, claim in amap.claims.items():
        if claim.answers in positions:
            positions[claim.answers].append(cid)
    for iid in amap.issues:
        run(f"issue:{iid}", (), _issue_debate(amap, iid), positions[iid])
    for cid in starting_points(amap):
        run(f"claim:{cid}", (), bearing(cid), below(cid))
    return parts
