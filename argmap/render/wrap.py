"""Label wrapping by display width, for English and Japanese alike.

A wide (East Asian) character counts two columns, others one, combining marks none. English
breaks at spaces; Japanese may break between any two characters, except that no line starts with
closing punctuation or small kana (``。、」）ー…``) and none ends with an opening bracket
(``「（``): the basic *kinsoku* rules.

>>> wrap("Open weights let anyone run the model.", 16)
['Open weights let', 'anyone run the', 'model.']
>>> wrap("オープンな重みは誰でも使える。", 10)
['オープンな', '重みは誰で', 'も使える。']
"""

from __future__ import annotations

import unicodedata

#: Characters that may not begin a line.
NO_START = frozenset(
    "、。，．,.・：；:;？！?!‼⁇⁈⁉ー－〜～…‥"
    "」』）］｝〕〉》】〙〗｠»)]}"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "々〻ゝゞヽヾ"
    "％%‰℃°′″"
)
#: Characters that may not end a line.
NO_END = frozenset("「『（［｛〔〈《【〘〖｟«([{")


def char_width(ch: str) -> int:
    """Display columns of one character: 2 for wide/full-width, 0 for combining, else 1."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Display columns of ``text``.

    >>> display_width("AI規制"), display_width("abc")
    (6, 3)
    """
    return sum(char_width(ch) for ch in text)


def _atoms(paragraph: str) -> list[str]:
    """Split a paragraph into the smallest pieces a line may break between.

    Spaces become ``" "`` atoms (break points that vanish at a line's end); a run of narrow
    characters is one word; every wide character is its own atom. Then kinsoku glues atoms that
    may not be separated.
    """
    atoms: list[str] = []
    word = ""
    for ch in paragraph:
        if ch.isspace():
            if word:
                atoms.append(word)
                word = ""
            if atoms and atoms[-1] != " ":
                atoms.append(" ")
        elif char_width(ch) == 2:
            if word:
                atoms.append(word)
                word = ""
            atoms.append(ch)
        elif char_width(ch) == 0 and not word and atoms and atoms[-1] != " ":
            atoms[-1] += ch  # a combining mark stays on its base character
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
        starts_closed = atom[0] in NO_START
        if glued and glued[-1] != " " and (join_next or starts_closed):
            glued[-1] += atom
        else:
            glued.append(atom)
        join_next = atom[-1] in NO_END
    return glued


def _split_long(atom: str, width: int) -> list[str]:
    """Cut a word wider than ``width`` into pieces of at most ``width`` columns."""
    pieces: list[str] = []
    piece = ""
    for ch in atom:
        if piece and display_width(piece) + char_width(ch) > width:
            pieces.append(piece)
            piece = ""
        piece += ch
    if piece:
        pieces.append(piece)
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` display columns (a line break in the text is kept).

    A single unbreakable group wider than ``width`` is cut if it is a run of narrow characters
    (a long URL), and left a little wide if it is kinsoku-glued Japanese (``「X」。``).
    """
    width = max(width, 2)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        line_width = 0
        pending_space = False
        for atom in _atoms(paragraph):
            if atom == " ":
                pending_space = bool(line)
                continue
            atom_width = display_width(atom)
            gap = 1 if pending_space else 0
            pending_space = False
            if line and line_width + gap + atom_width <= width:
                line += " " * gap + atom
                line_width += gap + atom_width
                continue
            if line:
                lines.append(line)
            if atom_width > width and all(char_width(ch) < 2 for ch in atom):
                *full, last = _split_long(atom, width)
                lines.extend(full)
                atom = last
            line = atom
            line_width = display_width(atom)
        lines.append(line)
    return lines
