r"""Escaping for Graphviz, and the pieces of HTML-like labels.

Every name and attribute value of a picture is made here in its final DOT form before pydot
sees it, so user text never reaches pydot (or Graphviz) raw. User text goes into HTML-like
labels through :func:`html_escape` (XML entities, so the SVG stays well-formed; backslashes
doubled, since Graphviz expands ``\N``, ``\G``… even there) or into quoted strings through
:func:`quote`. Node names are quoted too (``"claim:ID"``). Numbers are written ``%g``.

Values are handed to pydot as :class:`Dot` objects, and node names as :class:`Name`: pydot
writes a value or name that is not a ``str`` as it is, without scanning it again for quoting
(it would leave our quoted strings and ``<...>`` labels alone anyway, after reading every
character).

>>> str(value(Html("<B>x</B>"))), str(value('say "hi"')), str(value(1.6))
('<<B>x</B>>', '"say \\"hi\\""', '1.6')
"""

from __future__ import annotations

import re

__all__ = [
    "CLAIM_ROWS",
    "CLAIM_TABLE_END",
    "CLAIM_TABLE_START",
    "Dot",
    "Html",
    "Name",
    "Tooltip",
    "attrs",
    "clean",
    "font",
    "html_escape",
    "quote",
    "upper",
    "value",
]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_NUMERAL = re.compile(r"[0-9]+\.?[0-9]*|[0-9]*\.[0-9]+")

CLAIM_TABLE_START = (
    '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
    '<TR><TD ALIGN="LEFT" BALIGN="LEFT">'
)
CLAIM_ROWS = '</TD></TR><TR><TD ALIGN="LEFT" BALIGN="LEFT">'
CLAIM_TABLE_END = "</TD></TR></TABLE>"


class Html(str):
    """An HTML-like label built here (already escaped); written as ``<...>``."""


class Tooltip(str):
    """A tooltip: Graphviz unescapes it twice, so it is quoted for two passes."""


class Dot:
    """A value in its final DOT text (a quoted string, ``<html>`` or a numeral), for pydot."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __format__(self, spec: str) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Dot({self.text!r})"


class Name(Dot):
    """A node name in its final DOT form (a quoted string, see :func:`quote`), for pydot.

    It equals (and hashes as) that string, so looking a node up by its name still finds it.

    >>> Name('"claim:a"') == '"claim:a"', '"claim:a"' in {Name('"claim:a"')}
    (True, True)
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return self.text == (other.text if isinstance(other, Dot) else other)

    def __hash__(self) -> int:
        return hash(self.text)


def clean(text: str) -> str:
    """``text`` without characters XML cannot carry (control characters, lone surrogates)."""
    return _NOT_XML.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def html_escape(text: str, newline: str = '<BR ALIGN="LEFT"/>') -> str:
    r"""``text`` for an HTML-like label: ``& < > " '`` as entities, backslashes doubled.

    Graphviz expands ``\N``, ``\G``… inside HTML text too (and reads ``\\`` as one
    backslash), so backslashes are doubled; newlines become ``newline`` (a left-aligned
    ``<BR/>`` unless told otherwise: wrapped lines are escaped at once, joined by ``\n``).

    >>> print(html_escape(r'a<b> & "c" \N'))
    a&lt;b&gt; &amp; &quot;c&quot; \\N
    """
    if (  # nothing to change but line breaks (most labels)
        (text.isprintable() or text.replace("\n", "").isprintable())
        and "&" not in text
        and "<" not in text
        and ">" not in text
        and '"' not in text
        and "'" not in text
        and "\\" not in text
    ):
        return text.replace("\n", newline)
    out = clean(text).replace("\\", "\\\\")
    for raw, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        out = out.replace(raw, entity)
    out = out.replace("'", "&#39;")
    return out.replace("\n", newline)


def quote(text: str, passes: int = 1) -> str:
    r"""``text`` as a DOT double-quoted string whose value, once Graphviz has expanded its
    escapes, is ``text`` itself.

    Backslashes are doubled (so ``\N`` or ``\G`` stay literal), quotes escaped, newlines
    written ``\n``. ``passes=2`` is for attributes Graphviz unescapes twice (``tooltip``).

    >>> print(quote(r'say "hi" \N'))
    "say \"hi\" \\N"
    """
    if text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'  # nothing to clean or escape (the common case)
    out = clean(text).replace("\\", "\\" * (2**passes))
    out = out.replace('"', '\\"').replace("\n", "\\n")
    return f'"{out}"'


def value(item: object) -> Dot:
    """An attribute value in its final DOT form: ``<html>``, a numeral, or a quoted string."""
    if type(item) is str:
        return Dot(quote(item))
    if isinstance(item, Dot):
        return item
    if isinstance(item, Html):
        return Dot(f"<{item}>")
    if isinstance(item, Tooltip):
        return Dot(quote(item, passes=2))
    if isinstance(item, bool):
        return Dot("true" if item else "false")
    if isinstance(item, int | float):
        number = f"{item:g}"
        return Dot(number if _NUMERAL.fullmatch(number) else quote(number))  # 1e+06, -2
    return Dot(quote(str(item)))


def attrs(**values: object) -> dict[str, Dot]:
    """Attributes in their DOT form, in the order given; ``None`` leaves one out and a
    trailing ``_`` is dropped from a name (``class_``)."""
    return {key.rstrip("_"): value(v) for key, v in values.items() if v is not None}


def font(text: str, size: float | None = None, color: str | None = None) -> str:
    """``text`` (already escaped) in a ``<FONT>`` of that size and colour, if any is given."""
    opts = ""
    if size is not None:
        opts += f' POINT-SIZE="{size:g}"'
    if color is not None:
        opts += f' COLOR="{color}"'
    return f"<FONT{opts}>{text}</FONT>" if opts else text


def upper(word: str) -> str:
    """``word`` in capitals when it is ASCII (kind names in English; Japanese stays)."""
    return word.upper() if word.isascii() else word


def claim_name(cid: str) -> str:
    """The DOT node name of a claim's box (its SVG ``<title>``, which the page reads)."""
    return quote(f"claim:{cid}")


def issue_name(iid: str) -> str:
    """The DOT node name of an issue's hexagon."""
    return quote(f"issue:{iid}")


def junction_name(rid: str) -> str:
    """The DOT node name of a relation's junction (linked premises, undercut targets)."""
    return quote(f"relation:{rid}")
