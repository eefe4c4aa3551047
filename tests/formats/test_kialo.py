"""Kialo text export import."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap.errors import MapError
from argmap.formats.registry import get_format

load_kialo = get_format("kialo").load  # read, then checked like every import

DATA = Path(__file__).resolve().parents[1] / "data"


def test_fixture() -> None:
    amap = load_kialo((DATA / "fmt_kialo.txt").read_text(), "fmt_kialo.txt")
    assert amap.title.get() == "Should the city adopt a congestion charge?"
    assert list(amap.claims) == ["k1", "k1.1", "k1.1.1", "k1.2"]
    # continuation line kept, escapes undone, footnote marker removed and linked to its source
    assert amap.claims["k1.1"].text.get() == (
        "Charges cut traffic in comparable cities.\nStockholm saw a drop of about 20 [percent]."
    )
    assert amap.claims["k1.1"].source == ("s1",)
    assert amap.sources["s1"].url == "https://example.org/stockholm"
    assert amap.sources["s2"].title.get() == "Transport survey, 2019."
    rels = {r.id: r for r in amap.relations}
    assert set(rels) == {
        "k1.1+>k1",
        "k1.1.1->k1.1",
        "k1.2->k1",
        "k1.1.1+>k1.2",  # 1.2.1. Pro: -> See 1.1.1.
        "k1.1.1+>k1",  # 1.3. Pro: -> See 1.2.1. (a link to a link)
    }
    # a question as title becomes an issue the thesis answers
    assert amap.issues["question"].question.get() == amap.title.get()
    assert amap.claims["k1"].answers == "question"
    assert amap.claims["k1"].loc is not None and amap.claims["k1"].loc.line == 3


def test_minimal_and_tolerant() -> None:
    text = "\ufeff1. Thesis\n\n\n1.1.   Con:   Spaced out\n  and continued\n\n1.2. Pro: Yes\n"
    amap = load_kialo(text, "t.txt")
    assert amap.title.get() == ""
    assert amap.claims["k1.1"].text.get() == "Spaced out\nand continued"
    assert {r.id for r in amap.relations} == {"k1.1->k1", "k1.2+>k1"}


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ("Discussion Title: T\n\n1. A\n1.2.1. Pro: orphan\n", "has no parent entry 1.2.", "k:4:1"),
        ("1. A\n1.1. Maybe: x\n", "is neither Pro nor Con", "k:2:1"),
        ("1. A\n1.1. Pro: x\n1.1. Con: y\n", "entry 1.1. is already defined at line 2", "k:3:1"),
        ("1. A\n1.1. Pro: -> See 1.9.\n", "links to 1.9., which does not exist", "k:2:1"),
        ("1. A\n1.1. Pro: x[3]\n", "cites footnote [3]", "k:2:1"),
        ("Discussion Title: T\nstray text\n1. A\n", "text before the first entry", "k:2:1"),
        ("Discussion Title: T\n\n", "no Kialo entries found", "k:1:1"),
        ("1. Pro: A\n", "the thesis 1. cannot be Pro", "k:1:1"),
        ("1. A\n1.1. Pro:\n", "entry 1.1. has no text", "k:2:1"),
    ],
)
def test_errors_are_located(text: str, message: str, where: str) -> None:
    with pytest.raises(MapError) as info:
        load_kialo(text, "k")
    formatted = [d.format() for d in info.value.diagnostics]
    assert any(message in f and f.startswith(where) for f in formatted), formatted


def test_every_error_is_reported() -> None:
    with pytest.raises(MapError) as info:
        load_kialo("1. A\n1.1. Maybe: x\n1.5.1. Pro: y\n", "k")
    assert len(info.value.diagnostics) == 2


# -- Kialo's newer layout, on the real exports in ../shared/corpora/kialo (issue 19) ----------
CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "kialo"
NEW_LAYOUT = sorted(CORPORA.glob("new-*.txt")) if CORPORA.is_dir() else []


@pytest.mark.skipif(
    not NEW_LAYOUT and os.environ.get("ARGMAP_REQUIRE_CORPORA") != "1",
    reason="../shared/corpora is not beside this checkout",
)
def test_the_newer_layout_from_real_exports() -> None:
    import re

    from argmap.formats.kialo import read_kialo

    assert NEW_LAYOUT, "../shared/corpora/kialo holds no 'new-*.txt' export"
    for path in NEW_LAYOUT:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        # counted from the file itself: entries, '-> See' links, numbered footnotes
        entries = [ln for ln in lines if re.match(r"^\s*1\.(\d+\.)*\s+(Pro|Con|Thesis):\s*$", ln)]
        links = [ln for ln in lines if re.match(r"^\s*->\s*See\s+[\d.]+\s*$", ln)]
        notes = lines[lines.index("Sources:") + 1 :]
        footnotes = [ln for ln in notes if re.match(r"^\[\d+\]", ln)]
        amap = read_kialo(text, str(path))
        assert len(amap.claims) == len(entries) - len(links), path.name
        assert len(amap.relations) == len(entries) - 1, path.name  # all but the thesis
        assert len(amap.sources) == len(footnotes), path.name
        assert amap.title.get() == lines[1].strip()  # the line after 'Discussion Name:'
        thesis = amap.claims["k1"].text.get()
        assert thesis == lines[4].strip() and not thesis.startswith("Thesis")
        assert all(not c.text.get().startswith(("Pro:", "Con:")) for c in amap.claims.values())


def test_a_discussion_name_without_a_title_keeps_its_thesis() -> None:
    from argmap.formats.kialo import read_kialo

    amap = read_kialo("Discussion Name:\n\n1. Thesis:\nWe should.\n1.1. Pro:\nBecause.\n", "k.txt")
    assert not amap.title
    assert [c.text.get() for c in amap.claims.values()] == ["We should.", "Because."]
