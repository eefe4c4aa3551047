"""The view layer: a selection of a map is itself a map; clusters and collapsed arrows."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.errors import ArgmapError, NotFoundError
from argmap.load import load_map
from argmap.model import ArgumentMap, Claim, Relation, Text
from argmap.view import Selection, clusters, collapsed_arrows, junctions, select

DATA = Path(__file__).parent / "data"


def tiny() -> ArgumentMap:
    return load_map(DATA / "tiny.yaml")


def undercut() -> ArgumentMap:
    return load_map(DATA / "undercut.yaml")


def test_the_empty_selection_is_the_map() -> None:
    amap = tiny()
    assert Selection().empty and select(amap, Selection()) is amap


def test_focus_depth_and_direction() -> None:
    amap = tiny()
    assert list(select(amap, Selection(focus="c", depth=0)).claims) == ["c"]
    assert list(select(amap, Selection(focus="c", depth=1)).claims) == ["x", "b", "c"]
    assert list(select(amap, Selection(focus="c", depth=1, direction="down")).claims) == ["c"]
    down = select(amap, Selection(focus="x", depth=1, direction="down"))
    assert list(down.claims) == ["x", "a", "b", "c"]


def test_a_selection_is_a_map_with_what_its_claims_use() -> None:
    amap = tiny()
    part = select(amap, Selection(actors=("bob",)))
    assert isinstance(part, ArgumentMap)
    assert list(part.claims) == ["b"] and part.relations == () and dict(part.issues) == {}
    assert list(part.actors) == ["bob"]
    assert part.title == amap.title and part.languages == amap.languages
    part = select(amap, Selection(actors=("alice",)))
    assert list(part.claims) == ["x", "a", "c"]
    assert [r.id for r in part.relations] == ["a+>x", "r1"]
    assert list(part.issues) == ["q"]
    used = {s for item in (*part.claims.values(), *part.relations) for s in item.source}
    assert list(part.sources) == [s for s in amap.sources if s in used]
    assert list(select(amap, Selection(issue="q")).claims) == ["x", "a", "b", "c"]


def test_filters_intersect_and_unknown_names_suggest() -> None:
    amap = tiny()
    both = select(amap, Selection(actors=("alice",), focus="c", depth=1))
    assert list(both.claims) == ["x", "c"]
    with pytest.raises(NotFoundError, match="did you mean 'alice'"):
        select(amap, Selection(actors=("alise",)))
    with pytest.raises(NotFoundError, match="no claim 'xx'"):
        select(amap, Selection(focus="xx"))
    with pytest.raises(NotFoundError):
        select(amap, Selection(issue="nope"))
    with pytest.raises(NotFoundError):
        select(amap, Selection(tags=("nope",)))
    with pytest.raises(ArgmapError, match="nothing to show"):
        select(amap, Selection(actors=("bob",), focus="a", depth=0))
    with pytest.raises(ArgmapError, match="direction"):
        Selection(direction="sideways")
    with pytest.raises(ArgmapError, match="depth"):
        Selection(depth=-1)


def test_undercut_kept_with_its_target_only() -> None:
    amap = undercut()
    assert select(amap, Selection(focus="lobby", depth=0)).relations == ()
    assert "danger-restrict" in junctions(amap)


def test_undercut_of_an_undercut_written_first_is_kept() -> None:
    claims = {c: Claim(c, Text.of(c), tags=("t",)) for c in "abcd"}
    amap = ArgumentMap(
        claims=claims,
        relations=(
            Relation("u2", ("d",), "u1", "undercuts"),
            Relation("u1", ("c",), "r", "undercuts"),
            Relation("r", ("a",), "b", "supports"),
        ),
    )
    part = select(amap, Selection(tags=("t",)))
    assert [r.id for r in part.relations] == ["u2", "u1", "r"]


def test_clusters_by_tag_actor_and_issue() -> None:
    amap = tiny()
    by_actor = clusters(amap, "actor")
    assert by_actor.groups == (("alice", "Alice"), ("bob", "Bob"))
    assert by_actor.of_claim["b"] == "bob" and by_actor.of_claim["x"] == "alice"
    by_issue = clusters(amap, "issue")
    assert set(by_issue.of_claim) == set(amap.claims) and by_issue.of_issue == {"q": "q"}
    with pytest.raises(ArgmapError):
        clusters(amap, "colour")


def test_collapsed_arrows_count_relations_between_clusters() -> None:
    amap = tiny()
    arrows = collapsed_arrows(amap, clusters(amap, "actor"))
    assert arrows[(("group", "bob"), ("group", "alice"), "opposes")] == 1
    assert arrows[(("group", "alice"), ("group", "bob"), "opposes")] == 1
    assert all(source != target for source, target, _ in arrows)
