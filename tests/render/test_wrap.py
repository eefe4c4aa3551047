"""Label wrapping by display width: English at spaces, Japanese anywhere but with kinsoku."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from argmap.render.wrap import NO_END, NO_START, char_width, display_width, wrap


def test_widths() -> None:
    assert display_width("abc") == 3
    assert display_width("日本語") == 6
    assert display_width("ＡＩ") == 4  # full-width Latin
    assert display_width("ｶﾀｶﾅ") == 4  # half-width katakana
    assert display_width("e\u0301") == 1  # combining accent takes no column
    assert char_width("。") == 2


def test_english_breaks_at_spaces() -> None:
    lines = wrap("Open weights let anyone inspect, adapt and run the model.", 20)
    assert lines == ["Open weights let", "anyone inspect,", "adapt and run the", "model."]
    assert " ".join(lines) == "Open weights let anyone inspect, adapt and run the model."
    assert all(not line.startswith(" ") and not line.endswith(" ") for line in lines)


def test_japanese_lines_fit_the_width() -> None:
    text = (
        "オープンソースのAIモデルは制限すべきであり、クローズドにして危険性を厳しく監視すべきだ。"
    )
    lines = wrap(text, 20)
    assert "".join(lines) == text
    assert all(display_width(line) <= 20 for line in lines[:-1])
    assert len(lines) == 5
    # 20 columns hold exactly ten Japanese characters
    assert display_width(lines[0]) in (19, 20)


def test_kinsoku_no_closing_punctuation_at_line_start() -> None:
    # Without kinsoku the break would fall just before 「。」 or 「、」.
    for width in range(4, 30):
        for line in wrap("これは試験です。次の行、そして「引用」（注）が続く。", width):
            assert line[0] not in NO_START, (width, line)
            assert line[-1] not in NO_END, (width, line)


def test_kinsoku_small_kana_and_long_vowel_stay_attached() -> None:
    lines = wrap("アップデートとチェック", 8)
    assert all(line[0] not in "ッーャュョ" for line in lines)


def test_mixed_latin_and_japanese() -> None:
    lines = wrap("Meta社のLlama 3.1は「オープンソース」と呼べるか？", 14)
    assert "Llama" in "".join(lines)
    assert all("Llam" not in line or "Llama" in line for line in lines)  # words are not split
    assert all(display_width(line) <= 15 for line in lines)


def test_overlong_word_is_cut() -> None:
    url = "https://example.org/a/very/long/path/that/never/ends"
    lines = wrap(url, 12)
    assert "".join(lines) == url
    assert all(display_width(line) <= 12 for line in lines)


def test_newlines_are_kept_and_spaces_collapse() -> None:
    assert wrap("first  line\nsecond", 40) == ["first line", "second"]
    assert wrap("", 10) == [""]


@given(
    st.lists(
        st.sampled_from([*"ab c日本語のテスト。、「」（）ーッ", "word", "  "]), max_size=40
    ).map("".join),
    st.integers(min_value=4, max_value=30),
)
def test_wrap_properties(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for line in lines:
        # a line is too wide only when it is one unbreakable, kinsoku-glued group
        if display_width(line) > width:
            assert " " not in line
            assert display_width(line) <= width + 8


KINSOKU_ALPHABET = list("日本語のテスト。、「」（）ーッ")


@given(
    st.text(alphabet=st.sampled_from(KINSOKU_ALPHABET), min_size=1, max_size=60),
    st.integers(min_value=4, max_value=30),
)
def test_kinsoku_property(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join(lines) == text
    for before, after in itertools.pairwise(lines):
        assert after[0] not in NO_START
        assert before[-1] not in NO_END
