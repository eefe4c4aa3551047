"""A DOT graph written straight to text, a statement at a time.

:mod:`argmap.render.dot` makes every name and attribute value already escaped and quoted
(``"..."``, ``<...>`` or a numeral), so writing is only joining: no Python object per node or
attribute, and no second look at each character (pydot's ``to_string`` scans every value again).
The layout of the text is pydot's (``name [key=value, ...];``, one statement per line, no
indentation), so pictures are byte-identical to those argmap wrote through pydot.

>>> g = Graph("digraph", "g")
>>> g.add_node('"a"', {"label": '"A"'})
>>> g.add_edge('"a"', '"b"')
>>> print(g.to_string(), end="")
digraph g {
"a" [label="A"];
"a" -> "b";
}
"""

from __future__ import annotations

from typing import Literal

#: Attribute name → its value as DOT text (quoted string, HTML label or numeral).
Attrs = dict[str, str]


def attr_list(attrs: Attrs) -> str:
    """``key=value, key=value`` for ``attrs`` (values already in DOT form), in their order.

    >>> attr_list({"shape": '"box"', "penwidth": "1.6"})
    'shape="box", penwidth=1.6'
    """
    return ", ".join(map("=".join, attrs.items()))


def statement(head: str, attrs: Attrs | str | None = None) -> str:
    r"""One statement's line: ``head [attributes];`` (``head`` is a name or ``a -> b``).

    >>> statement('"a" -> "b"', 'color="red"')
    '"a" -> "b" [color="red"];\n'
    """
    if not attrs:
        return head + ";\n"
    text = attrs if isinstance(attrs, str) else attr_list(attrs)
    return f"{head} [{text}];\n"


class Graph:
    """A digraph or subgraph: its own attributes, then its statements in the order added.

    Attributes are an :data:`Attrs` mapping or, on hot paths, the text :func:`attr_list`
    would make of one (for parts shared by many statements, joined once).
    """

    __slots__ = ("attrs", "keyword", "name", "parts")

    def __init__(
        self,
        keyword: Literal["digraph", "subgraph"],
        name: str = "",
        attrs: Attrs | None = None,
    ) -> None:
        self.keyword = keyword
        self.name = name
        self.attrs: Attrs = attrs or {}
        self.parts: list[str | bytes | Graph] = []

    def set_defaults(self, kind: Literal["graph", "node", "edge"], attrs: Attrs | str) -> None:
        """``graph [...]``, ``node [...]`` or ``edge [...]``: attributes for what follows."""
        if attrs:
            self._statement(kind, attrs)

    def add_node(self, name: str, attrs: Attrs | str | None = None) -> None:
        """A node statement (``name`` already quoted)."""
        self._statement(name, attrs)

    def add_edge(self, source: str, target: str, attrs: Attrs | str | None = None) -> None:
        """An edge statement ``source -> target`` (names already quoted)."""
        self._statement(f"{source} -> {target}", attrs)

    def _statement(self, head: str, attrs: Attrs | str | None) -> None:
        self.parts.append(statement(head, attrs))

    def add_statements(self, text: str | bytes) -> None:
        """Statements already written by :func:`statement` (one or more lines; bytes are
        their UTF-8 encoding, as big blocks built elsewhere arrive)."""
        if text:
            self.parts.append(text)

    def add_subgraph(self, sub: Graph) -> None:
        """A subgraph, written where it was added (statements added to it later show too)."""
        self.parts.append(sub)

    def to_string(self) -> str:
        """The graph as DOT text; the same statements always give the same bytes."""
        return self.to_bytes().decode("utf-8")

    def to_bytes(self) -> bytes:
        """The graph as UTF-8 DOT text (what is written to files and given to Graphviz)."""
        return b"".join(self.to_chunks())

    def to_chunks(self) -> list[bytes]:
        """:meth:`to_bytes` in the pieces it is joined from (big blocks stay as built)."""
        out: list[bytes] = []
        self._write(out)
        return [chunk for chunk in out if chunk]

    def _write(self, out: list[bytes]) -> None:
        head = f"{self.keyword} {self.name}" if self.name else self.keyword
        text = [head + " {\n", *(f"{key}={value};\n" for key, value in self.attrs.items())]
        for part in self.parts:
            if isinstance(part, str):
                text.append(part)
                continue
            out.append("".join(text).encode("utf-8"))
            text = []
            if isinstance(part, Graph):
                part._write(out)
            else:
                out.append(part)
        text.append("}\n")
        out.append("".join(text).encode("utf-8"))
