"""The diff of two versions of a map, on hand-made pairs whose changes are known."""

from __future__ import annotations

import json
from pathlib import Path

from argmap.analysis.diff import RENAME_SIMILARITY, diff_maps, find_renames
from argmap.load import load_map, load_text
from argmap.render.changes import changes_data, format_changes, stat_line, word_diff

DIFF = Path(__file__).parent.parent / "data" / "diff"


def pair(old: str, new: str):
    return diff_maps(
        load_text("argmap: 1\n" + old, "old.yaml"), load_text("argmap: 1\n" + new, "new.yaml")
    )


def test_every_kind_of_change_in_the_hand_made_pair() -> None:
    d = diff_maps(load_map(DIFF / "old.yaml"), load_map(DIFF / "new.yaml"))
    assert d.claims.added == ("buses",) and d.claims.removed == ("shops",)
    assert [(r.old, r.new) for r in d.renamed] == [("regressive", "regressive-charge")]
    changed = {c.id: {(f.field, f.lang) for f in c.fields} for c in d.claims.changed}
    assert changed == {
        "traffic": {("text", "en"), ("text", "ja"), ("weight", None), ("tags", None)},
        "regressive-charge": {("by", None)},
        "no-charge": {("by", None)},
        "revenue": {("by", None), ("answers", None)},
    }
    assert [r.id for r in d.relations_added] == ["buses+>charge"]
    assert [r.id for r in d.relations_removed] == ["shops->charge"]
    # the explicit relation follows its target's rename; only its weight is a change
    (rc,) = d.relations_changed
    assert rc.new.target == "regressive-charge" and [f.field for f in rc.fields] == ["weight"]
    assert (d.actors.added, d.actors.removed) == (("shops-assoc",), ("lobby",))
    assert [c.id for c in d.actors.changed] == ["council"]
    assert [c.id for c in d.sources.changed] == ["study"] and d.issues.added == ("r",)
    # the heavier reason (0.8) now outweighs the objection: the charge stands
    assert [(s.claim, s.old, s.new) for s in d.statuses] == [("charge", "out", "in")]
    assert d.statuses[0].because.startswith("reason traffic+>charge (0.80) outweighs")
    assert d.strengths[0].claim == "charge" and d.strengths[0].new > d.strengths[0].old
    assert [(p.actor, p.issue, p.new) for p in d.positions] == [
        ("council", "r", ("revenue", "buses"))
    ]


def test_the_json_change_document_is_stable() -> None:
    """The golden file is the schema's example (docs/cli.md); regenerate it only on purpose."""
    d = diff_maps(load_map(DIFF / "old.yaml"), load_map(DIFF / "new.yaml"))
    expected = json.loads((DIFF / "expected.json").read_text("utf-8"))
    assert changes_data(d, "old.yaml", "new.yaml") == expected


def test_moving_claims_between_files_and_reordering_keys_is_no_change() -> None:
    d = diff_maps(load_map(DIFF / "dir-old"), load_map(DIFF / "dir-new"))
    assert d.empty and format_changes(d) == "" and stat_line(d) == "no changes"
    data = changes_data(d)
    assert (
        data["same"] is True
        and data["claims"]["added"] == []
        and data["consequences"]
        == {
            "statuses": [],
            "strengths": [],
            "positions": [],
        }
    )


def test_a_rename_needs_nearly_the_same_text() -> None:
    old = "claims:\n  a: {text: Open models are safer because many eyes look at them.}\n"
    near = "claims:\n  b: {text: Open models are safer because many eyes look at it.}\n"
    far = "claims:\n  b: {text: Closed models are easier to control.}\n"
    (rename,) = pair(old, near).renamed
    assert (rename.old, rename.new) == ("a", "b") and RENAME_SIMILARITY <= rename.similarity < 1
    d = pair(old, far)
    assert not d.renamed and d.claims.added == ("b",) and d.claims.removed == ("a",)


def test_renames_are_one_to_one_best_first() -> None:
    old = load_text("argmap: 1\nclaims:\n  a: {text: The same words.}\n", "o")
    new = load_text(
        "argmap: 1\nclaims:\n  x: {text: The same word.}\n  y: {text: The same words.}\n", "n"
    )
    assert [(r.old, r.new, r.similarity) for r in find_renames(old, new)] == [("a", "y", 1.0)]


def test_a_relation_type_change_is_a_change_not_a_replacement() -> None:
    d = pair(
        "claims:\n  a: {text: A}\n  b: {text: B, supports: a}\n",
        "claims:\n  a: {text: A}\n  b: {text: B, opposes: a}\n",
    )
    (rc,) = d.relations_changed
    assert [(f.field, f.old, f.new) for f in rc.fields] == [("type", "supports", "opposes")]
    assert not d.relations_added and not d.relations_removed


def test_an_undercut_follows_the_rename_of_the_inference_it_attacks() -> None:
    d = pair(
        "claims:\n  a: {text: A}\n  b: {text: Because of B, supports: a}\n"
        "  u: {text: U, undercuts: b+>a}\n",
        "claims:\n  a: {text: A}\n  b2: {text: Because of B, supports: a}\n"
        "  u: {text: U, undercuts: b2+>a}\n",
    )
    assert [(r.old, r.new) for r in d.renamed] == [("b", "b2")]
    assert not d.relations_added and not d.relations_removed and not d.relations_changed


def test_word_diff_by_words_or_by_characters() -> None:
    assert word_diff("a b c", "a x c") == [("=", "a "), ("-", "b"), ("+", "x"), ("=", " c")]
    assert word_diff("安全だ", "危険だ", "ja") == [("-", "安全"), ("+", "危険"), ("=", "だ")]
    text = format_changes(
        pair(
            "claims:\n  a: {text: {en: The old words here., ja: 古い言葉。}}\n",
            "claims:\n  a: {text: {en: The new words here., ja: 新しい言葉。}}\n",
        )
    )
    assert "text (en): The [-old-]{+new+} words here." in text
    assert "text (ja): [-古-]{+新し+}い言葉。" in text
