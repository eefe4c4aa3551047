"""Label wrapping by display width: English at spaces, Japanese anywhere but with kinsoku."""

from __future__ import annotations

import itertools
import random
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from argmap.style.wrap import NO_END, NO_START, _atoms, char_width, display_width, wrap


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


def test_long_word_glued_to_punctuation_is_cut() -> None:
    # kinsoku glues 「 」 。 to the URL; the URL is still cut, the brackets ride along
    lines = wrap("詳細は「https://example.org/a/very/long/path」を参照。", 12)
    assert "".join(lines) == "詳細は「https://example.org/a/very/long/path」を参照。"
    assert lines == ["詳細は", "「https://ex", "ample.org/a/", "very/long/pa", "th」を参照。"]
    assert wrap("「「「「「「「wordwordword」。", 4) == ["「「「「「「「word", "word", "word」。"]
    assert wrap("aaaaaaaword。", 4) == ["aaaa", "aaaw", "ord。"]


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
            assert len(_atoms(line)) == 1  # no break point inside: it cannot be split


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


# ---------------------------------------------------------------- fast paths = the plain rules


def _reference_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _reference_wrap(text: str, width: int) -> list[str]:
    """The rules of :func:`wrap` character by character, without any fast path."""

    def measure(s: str) -> int:
        return sum(_reference_width(ch) for ch in s)

    def atoms_of(paragraph: str) -> list[str]:
        atoms: list[str] = []
        word = ""
        for ch in paragraph:
            if ch.isspace():
                if word:
                    atoms.append(word)
                    word = ""
                if atoms and atoms[-1] != " ":
                    atoms.append(" ")
            elif _reference_width(ch) == 2:
                if word:
                    atoms.append(word)
                    word = ""
                atoms.append(ch)
            elif _reference_width(ch) == 0 and not word and atoms and atoms[-1] != " ":
                atoms[-1] += ch
            else:
                word += ch
        if word:
            atoms.append(word)
        while atoms and atoms[-1] == " ":
            atoms.pop()
        glued: list[str] = []
        join_next = False
        for atom in atoms:
            if atom == " ":
                glued.append(atom)
                join_next = False
                continue
            if glued and glued[-1] != " " and (join_next or atom[0] in NO_START):
                glued[-1] += atom
            else:
                glued.append(atom)
            join_next = atom[-1] in NO_END
        return glued

    def split_long(atom: str) -> list[str]:
        pieces: list[str] = []
        piece = ""
        for ch in atom:
            if piece and measure(piece) + _reference_width(ch) > width:
                pieces.append(piece)
                piece = ""
            piece += ch
        return [*pieces, piece] if piece else pieces

    width = max(width, 2)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, line_width, pending_space = "", 0, False
        for atom in atoms_of(paragraph):
            if atom == " ":
                pending_space = bool(line)
                continue
            atom_width = measure(atom)
            gap = 1 if pending_space else 0
            pending_space = False
            if line and line_width + gap + atom_width <= width:
                line += " " * gap + atom
                line_width += gap + atom_width
                continue
            if line:
                lines.append(line)
            if atom_width > width:  # cut its runs of narrow characters that are too wide
                cut = [""]
                for narrow, group in itertools.groupby(atom, lambda c: _reference_width(c) < 2):
                    chunk = "".join(group)
                    if narrow and measure(chunk) > width:
                        room = width - measure(cut[-1])
                        if cut[-1] and room > 0:  # the first piece fills the glued line
                            k = 0
                            while measure(chunk[: k + 1]) <= room:
                                k += 1
                            cut[-1] += chunk[:k]
                            cut.append("")
                            chunk = chunk[k:]
                        first, *rest = split_long(chunk)
                        cut[-1] += first
                        cut.extend(rest)
                    else:
                        cut[-1] += chunk
                *full, atom = cut
                lines.extend(full)
            line, line_width = atom, measure(atom)
        lines.append(line)
    return lines


MIXED = [
    *"ab cdefg XYZ,.;:!?()[]{}%\t\u3000",
    *"日本語のテスト。、「」（）ーッ\u0301\u200b\u0308ＡＩｶﾀ«»中文한국어",
    *("word", "  ", "https://example.org/a/b/c", "\n", "\r\n", "\x1c", "\u2028", "e\u0301", "\x07"),
]


LATIN = [*"ab cdé üñß—–’“”…«»%°\xa0\t.,", "longerwörd", "  ", "\n", "\x85", "\u2028"]


def test_fast_paths_match_the_plain_rules_on_random_text() -> None:
    rnd = random.Random(20240723)
    ascii_alphabet = [chr(i) for i in range(128)] + ["word", "longerword", "  "]
    for n in range(9000):
        alphabet = (ascii_alphabet, MIXED, LATIN)[n % 3]
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 80)))
        width = rnd.randint(0, 40)
        assert wrap(text, width) == _reference_wrap(text, width), (text, width)
        assert display_width(text) == sum(_reference_width(ch) for ch in text)


@given(st.text(max_size=60), st.integers(min_value=0, max_value=40))
def test_fast_paths_match_the_plain_rules_on_any_text(text: str, width: int) -> None:
    assert wrap(text, width) == _reference_wrap(text, width)


def test_char_width_matches_the_rule_for_every_character() -> None:
    for cp in range(0x3400):  # Latin, combining marks, kana, CJK punctuation, control characters
        ch = chr(cp)
        assert char_width(ch) == _reference_width(ch), hex(cp)
    for ch in "日本語한글中文\U0001f600\ufeff\u200d":
        assert char_width(ch) == _reference_width(ch)


def test_wrap_matches_the_reference_on_random_text() -> None:
    rnd = random.Random(7)
    for n in range(3000):
        alphabet = (MIXED, LATIN)[n % 2]
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 80)))
        width = rnd.randint(0, 40)
        assert wrap(text, width) == _reference_wrap(text, width), (text, width)
