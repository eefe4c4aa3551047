"""Safe YAML parsing that keeps the line and column of every key and value.

PyYAML's composer (libyaml when available) builds a node tree; we convert it ourselves so that
duplicate keys are reported instead of overwritten, tags that would build Python objects are
refused without being executed, and alias bombs are refused before anything is expanded.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from argmap.errors import Diagnostic, DiagnosticSink, Location, MapError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
#: An alias-expanded document may be at most this much larger than its own node count.
ALIAS_EXPANSION_LIMIT = 10_000


@dataclass(slots=True)
class YNode:
    """A parsed YAML value with its position. ``value`` is a dict of YNode, a list of YNode,
    or a plain scalar; ``raw`` is the scalar's source text (for keys and texts)."""

    value: Any
    line: int
    column: int
    raw: str | None = None
    key_line: int = 0
    key_column: int = 0

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_seq(self) -> bool:
        return isinstance(self.value, list)

    @property
    def is_scalar(self) -> bool:
        return not isinstance(self.value, dict | list)

    def plain(self) -> Any:
        """The value as plain Python data, positions dropped."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def decode(data: bytes, filename: str) -> str:
    """UTF-8 bytes to text; a UTF-8 byte-order mark is dropped, anything else is an error."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MapError.single(
            "file is UTF-16, not UTF-8", Location(filename, 1, 1), "save it as UTF-8"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise MapError.single(
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
            Location(filename, line, column),
            "save the file as UTF-8",
        ) from None


def parse(text: str, filename: str, progress: Callable[[float], None] | None = None) -> YNode:
    """Parse one YAML document into a located tree; raise MapError with every problem found.

    Plain block-style text goes through :func:`argmap.load.fast.parse_fast`; anything else, and
    every invalid text, through libyaml, which locates the problems. ``progress(share)`` hears
    how far the fast reader is (0-1).
    """
    from argmap.load.fast import parse_fast

    fast = parse_fast(text, progress)
    if fast is not None:
        return fast
    return parse_located(text, filename)


def parse_located(text: str, filename: str) -> YNode:
    """:func:`parse` through libyaml alone: slower, and the source of every error location."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise MapError([_syntax_diagnostic(exc, filename, text)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reader errors without a mark
        raise MapError.single(f"YAML error: {exc}", Location(filename)) from None
    if root is None:
        raise MapError.single(
            "file is empty", Location(filename, 1, 1), "a map starts with 'argmap: 1'"
        )
    sink = DiagnosticSink()
    if "*" in text:  # without '*' there is no alias to expand
        _check_aliases(root, filename, sink)
        sink.raise_if_errors()
    converter = _Converter(filename, sink)
    node = converter.convert(root)
    sink.raise_if_errors()
    return node


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, filename: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    loc = Location(filename, mark.line + 1, mark.column + 1) if mark else Location(filename)
    problem = (exc.problem or "").strip()
    hint = None
    lines = text.splitlines()
    line_text = lines[mark.line] if mark and mark.line < len(lines) else ""
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    if "\t" in indent or "'\\t'" in problem:
        message = "tab character in indentation"
        hint = "YAML indents with spaces only; replace the tab by spaces"
    else:
        context = (exc.context or "").strip()
        message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
        if "mapping values are not allowed" in problem:
            hint = "a value containing ': ' must be quoted"
        elif "could not find expected ':'" in problem:
            hint = "check the indentation of this line and the one before"
        elif "expected a single document" in problem:
            hint = "a map file holds one document; remove the extra '---'"
    return Diagnostic(message, loc, hint)


def _check_aliases(root: yaml.Node, filename: str, sink: DiagnosticSink) -> None:
    """Refuse recursive aliases and documents whose aliases expand far beyond their size."""
    sizes: dict[int, int] = {}
    unique = 0
    state: dict[int, int] = {}  # 1 = on the stack, 2 = done
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            size = 1
            for child in _children(node):
                size += sizes[id(child)]
            sizes[key] = size
            state[key] = 2
            continue
        if state.get(key) == 2:
            continue
        if state.get(key) == 1:
            mark = node.start_mark
            sink.error(
                "recursive YAML alias",
                Location(filename, mark.line + 1, mark.column + 1),
                "an anchor may not contain an alias of itself",
            )
            return
        state[key] = 1
        unique += 1
        stack.append((node, True))
        for child in _children(node):
            if state.get(id(child)) == 1:
                mark = child.start_mark
                sink.error(
                    "recursive YAML alias",
                    Location(filename, mark.line + 1, mark.column + 1),
                    "an anchor may not contain an alias of itself",
                )
                return
            if state.get(id(child)) != 2:
                stack.append((child, False))
    if sizes[id(root)] > 10 * unique + ALIAS_EXPANSION_LIMIT:
        sink.error(
            f"YAML aliases expand {unique} nodes to {sizes[id(root)]}; refused",
            Location(filename, root.start_mark.line + 1, root.start_mark.column + 1),
            "this looks like an alias bomb; write the values out instead of nesting aliases",
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class _Converter:
    def __init__(self, filename: str, sink: DiagnosticSink) -> None:
        self.filename = filename
        self.sink = sink
        self.constructor = SafeConstructor()

    def loc(self, node: yaml.Node) -> Location:
        return Location(self.filename, node.start_mark.line + 1, node.start_mark.column + 1)

    def convert(self, node: yaml.Node) -> YNode:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if isinstance(node, yaml.ScalarNode):
            return YNode(self.scalar(node), line, column, raw=node.value)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                self.refuse_tag(node)
            return YNode([self.convert(item) for item in node.value], line, column)
        if node.tag != _TAG + "map":
            self.refuse_tag(node)
        return YNode(self.mapping(node), line, column)

    def mapping(self, node: yaml.MappingNode) -> dict[str, YNode]:
        result: dict[str, YNode] = {}
        merged: dict[str, YNode] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                for source in self.merge_sources(value_node):
                    for k, v in self.mapping(source).items():
                        merged.setdefault(k, v)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.sink.error("a key must be a plain string", self.loc(key_node))
                continue
            if key_node.tag not in _SCALAR_TAGS:
                self.refuse_tag(key_node)
                continue
            key = key_node.value
            value = self.convert(value_node)
            value.key_line = key_node.start_mark.line + 1
            value.key_column = key_node.start_mark.column + 1
            if key in result:
                first = result[key]
                self.sink.error(
                    f"duplicate key '{key}' (first defined at line {first.key_line})",
                    self.loc(key_node),
                    "YAML keeps only one of them; merge the two or rename one",
                )
                continue
            result[key] = value
        for key, value in merged.items():
            result.setdefault(key, value)
        return result

    def merge_sources(self, node: yaml.Node) -> list[yaml.MappingNode]:
        if isinstance(node, yaml.MappingNode):
            return [node]
        if isinstance(node, yaml.SequenceNode) and all(
            isinstance(n, yaml.MappingNode) for n in node.value
        ):
            return list(node.value)
        self.sink.error("'<<' merges only mappings", self.loc(node))
        return []

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self.refuse_tag(node)
            return node.value
        try:
            value = self.constructor.construct_object(node)
        except (ConstructorError, ValueError, OverflowError) as exc:
            if node.tag == _TAG + "timestamp":
                self.sink.error(
                    f"impossible date '{node.value}'",
                    self.loc(node),
                    "check the month and day",
                )
            else:
                self.sink.error(f"bad {node.tag.rsplit(':', 1)[-1]} value: {exc}", self.loc(node))
            return node.value
        if isinstance(value, _dt.datetime | _dt.date):
            return value
        return value

    def refuse_tag(self, node: yaml.Node) -> None:
        self.sink.error(
            f"YAML tag '{node.tag}' is not allowed",
            self.loc(node),
            "maps hold plain strings, numbers, lists and mappings; remove the tag",
        )
