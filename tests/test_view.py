"""The view layer: a selection of a map is itself a map; clusters and collapsed arrows."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.errors import ArgmapError, NotFoundError
from argmap.load import load_map
from argmap.model import ArgumentMap, Claim, Relation, Text
from argmap.view import Selection, clusters, collapsed_arrows, junctions, select

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


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


def test_picture_parts_cut_a_big_debate_along_its_reasons() -> None:
    import sys

    from argmap.formats.kialo import read_kialo
    from argmap.view import picture_parts

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from kialo_debate import kialo_debate

    amap = read_kialo(kialo_debate(3000, seed=3), "debate.txt")
    parts = picture_parts(amap, 200)
    assert all(len(p.claims) <= 200 for p in parts)
    covered = {cid for p in parts for cid in p.claims}
    assert covered == set(amap.claims)  # every claim is in some picture
    for part in parts:
        assert len(set(part.claims)) == len(part.claims)
        top = part.top.removeprefix("claim:")
        assert part.claims[0] == top
        kept = set(part.claims)
        above = {r.target for r in amap.relations if top in r.premises}
        for cid in part.claims[1:]:  # each other claim reaches it, or is what it bears on
            if cid in above:
                continue
            reach, todo = {cid}, [cid]
            while todo:
                here = todo.pop()
                for rel in amap.relations:
                    if here in rel.premises and rel.target in kept and rel.target not in reach:
                        reach.add(rel.target)
                        todo.append(rel.target)
            assert top in reach, (part.top, cid)
    assert picture_parts(amap, 200) == parts  # deterministic


def test_picture_parts_of_a_map_with_issues_start_from_the_issues() -> None:
    from argmap.view import picture_parts

    amap = load_map(ROOT / "arguments" / "llama-3.1-open-source")
    whole = picture_parts(amap, 10_000)
    assert [p.top for p in whole][: len(amap.issues)] == [f"issue:{i}" for i in amap.issues]
    assert {c for p in whole for c in p.claims} == set(amap.claims)
