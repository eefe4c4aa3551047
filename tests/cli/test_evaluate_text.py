"""The text table `argmap evaluate` prints: fast clipping and padding, same output as before."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.render.text import clip, table
from argmap.style.wrap import display_width


def old_clip(text: str, width: int) -> str:
    """The former character-by-character clip: the reference."""
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def old_table(rows: Sequence[Sequence[str]], last_width: int | None = None) -> str:
    """The former table: padding measured cell by cell."""
    if not rows:
        return ""
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [
            c + " " * max(0, w - display_width(c)) for c, w in zip(row[:-1], widths, strict=False)
        ]
        last = row[-1] if last_width is None else old_clip(row[-1], last_width)
        lines.append("  ".join([*cells, last]).rstrip())
    return "\n".join(lines) + "\n"


ENGLISH = "The city should adopt a congestion charge, cutting traffic by 20%.\t\n"
JAPANESE = "市は渋滞課金を導入すべきか。「オープンな重み」は誰でも使える！ＡＢＣ、ｶﾀｶﾅ　"
MARKS = "\u0301\u0308\u200b\u200d\ufe0f\u3099e\u00e9"  # combining, zero-width, format
letters = st.sampled_from(["en", "ja", "mixed"]).flatmap(
    lambda lang: st.text(
        alphabet={"en": ENGLISH, "ja": JAPANESE, "mixed": ENGLISH + JAPANESE + MARKS}[lang],
        max_size=120,
    )
)


@settings(max_examples=600, deadline=None)
@given(letters, st.integers(-2, 130))
def test_clip_is_the_former_clip(text: str, width: int) -> None:
    assert clip(text, width) == old_clip(text, width)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(letters, min_size=3, max_size=3), min_size=1, max_size=6),
    st.none() | st.integers(0, 80),
)
def test_table_is_the_former_table(rows: list[list[str]], last_width: int | None) -> None:
    rows = [[" ".join(c.split()) for c in row[:-1]] + row[-1:] for row in rows]
    assert table(rows, last_width) == old_table(rows, last_width)


def test_clip_examples() -> None:
    assert clip("short", 10) == "short"
    assert clip("exactly ten", 11) == "exactly ten"
    assert clip("a bit too long", 10) == "a bit too…"
    assert clip("渋滞課金を導入", 7) == "渋滞課…"  # a wide character never straddles the cut
    assert clip("渋滞課金を導入", 8) == "渋滞課…"
    assert clip("te\u0301st", 3) == "te\u0301…"  # a mark stays with its letter
    assert clip("anything", 0) == clip("", -1) == "…"
