"""Label wrapping by display width, for English and Japanese alike.

A wide (East Asian) character counts two columns, others one, combining marks none. English
breaks at spaces; Japanese may break between any two characters, except that no line starts with
closing punctuation or small kana (``。、」）ー…``) and none ends with an opening bracket
(``「（``): the basic *kinsoku* rules.

Fast paths, with the same results as the character-by-character rules: widths are looked up once
per distinct character, text of one-column characters (ASCII, accented Latin, dashes: nothing
to glue) is measured with ``len`` and wrapped word by word, and so is every ASCII word of mixed
text.

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


def _char_width(ch: str) -> int:
    """The width rule itself (see :func:`char_width`), without the cache."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class _Widths(dict[str, int]):
    """Display width by character, each computed once (at most ~1.1 million entries)."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = _char_width(ch)
        return width


_WIDTHS = _Widths()
_width = _WIDTHS.__getitem__
_ONE_COLUMN = {1}


def char_width(ch: str) -> int:
    """Display columns of one character: 2 for wide/full-width, 0 for combining, else 1."""
    return _width(ch)


def display_width(text: str) -> int:
    """Display columns of ``text``.

    >>> display_width("AI規制"), display_width("abc")
    (6, 3)
    """
    if text.isascii():  # every ASCII character, control characters included, is one column
        return len(text)
    return sum(map(_width, text))


def _token_atoms(token: str, atoms: list[str]) -> None:
    """Append the atoms of ``token`` (a run of non-space characters) to ``atoms``: a run of
    narrow characters is one word, every wide character its own atom, and a combining mark stays
    on the atom before it."""
    if token.isascii():
        atoms.append(token)
        return
    start = len(atoms)
    word = ""
    for ch in token:
        width = _width(ch)
        if width == 2:
            if word:
                atoms.append(word)
                word = ""
            atoms.append(ch)
        elif width == 0 and not word and len(atoms) > start:
            atoms[-1] += ch
        else:
            word += ch
    if word:
        atoms.append(word)


def _atoms(paragraph: str) -> list[str]:
    """Split a paragraph into the smallest pieces a line may break between.

    Spaces become ``" "`` atoms (break points that vanish at a line's end); a run of narrow
    characters is one word; every wide character is its own atom. Then kinsoku glues atoms that
    may not be separated.
    """
    atoms: list[str] = []
    for token in paragraph.split():
        if atoms:
            atoms.append(" ")
        _token_atoms(token, atoms)

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
    if atom.isascii():
        return [atom[i : i + width] for i in range(0, len(atom), width)]
    pieces: list[str] = []
    piece = ""
    piece_width = 0
    for ch in atom:
        ch_width = _width(ch)
        if piece and piece_width + ch_width > width:
            pieces.append(piece)
            piece = ""
            piece_width = 0
        piece += ch
        piece_width += ch_width
    if piece:
        pieces.append(piece)
    return pieces


def _cut(atom: str, width: int) -> list[str]:
    """An atom wider than ``width`` as lines: every run of narrow characters in it that is
    wider than ``width`` (a long word or URL) is cut like :func:`_split_long`, its first piece
    filling the line that what kinsoku glues before it started. The last item is the rest."""
    if atom.isascii():
        return _split_long(atom, width)
    lines: list[str] = []
    current = ""
    run = ""
    for ch in (*atom, ""):
        if ch and _width(ch) < 2:
            run += ch
            continue
        if run and display_width(run) > width:
            room = width - display_width(current)
            if current and room > 0:
                taken = used = 0
                for c in run:
                    used += _width(c)
                    if used > room:
                        break
                    taken += 1
                lines.append(current + run[:taken])
                current, run = "", run[taken:]
            first, *pieces = _split_long(run, width)
            pieces.insert(0, current + first)
            current = pieces.pop()
            lines.extend(pieces)
        else:
            current += run
        run = ""
        current += ch
    return [*lines, current]


def _wrap_ascii(paragraph: str, width: int, lines: list[str]) -> None:
    """:func:`wrap` of one ASCII paragraph, a line at a time: the words joined by single
    spaces, each line cut at the last space that fits, a word longer than a line cut."""
    rest = " ".join(paragraph.split())
    while len(rest) > width:
        cut = rest.rfind(" ", 0, width + 1)
        if cut > 0:
            lines.append(rest[:cut])
            rest = rest[cut + 1 :]
            continue
        end = rest.find(" ")
        word, after = (rest, "") if end < 0 else (rest[:end], rest[end:])
        *full, last = _split_long(word, width)
        lines.extend(full)
        rest = last + after
    lines.append(rest)


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` display columns (a line break in the text is kept).

    A run of narrow characters wider than ``width`` (a long URL) is cut, even when kinsoku
    glues it to a bracket or a full stop (``「URL」。``); a kinsoku-glued group of wide
    characters may leave its line a few columns too wide.
    """
    width = max(width, 2)
    lines: list[str] = []
    if text.isascii() and text.isprintable():  # one line of ASCII, spaces its only blanks
        if "  " in text or text[:1] == " " or text[-1:] == " ":
            text = " ".join(text.split())
        while len(text) > width:  # as _wrap_ascii, while no word is longer than a line
            cut = text.rfind(" ", 0, width + 1)
            if cut <= 0:
                _wrap_ascii(text, width, lines)
                return lines
            lines.append(text[:cut])
            text = text[cut + 1 :]
        lines.append(text)
        return lines
    for paragraph in text.splitlines() or [""]:
        if paragraph.isascii():
            _wrap_ascii(paragraph, width, lines)
            continue
        # one column per character (accented Latin, dashes, curly quotes...): no wide
        # character to break between and nothing kinsoku glues, so word by word
        if {*map(_width, paragraph)} == _ONE_COLUMN:
            _wrap_ascii(paragraph, width, lines)
            continue
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
            if atom_width > width:
                *full, atom = _cut(atom, width)
                lines.extend(full)
            line = atom
            line_width = display_width(atom)
        lines.append(line)
    return lines
