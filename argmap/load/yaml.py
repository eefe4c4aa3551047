"""Safe YAML parsing that keeps the line and column of every key and value.

PyYAML's parser (libyaml's when available) gives the document's events; :func:`parse` builds the
located tree from them with an explicit stack, so nesting of any depth is read without recursion.
Duplicate keys are reported instead of overwritten, tags that would build Python objects are
refused without being executed, and an alias is never expanded: it shares its anchor's value,
and documents whose aliases would expand far beyond their size are refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from argmap.errors import Diagnostic, DiagnosticSink, Location, MapError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _MERGE = _TAG + "str", _TAG + "map", _TAG + "seq", _TAG + "merge"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_IMPLICIT = Resolver.yaml_implicit_resolvers
#: First characters of plain scalars that may be something other than a string.
_RESOLVE_FIRST = frozenset(_IMPLICIT)
#: Characters YAML does not allow in a document (PyYAML's reader refuses the same).
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
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
        """The value as plain Python data, positions dropped (any depth, without recursion)."""
        if self.is_scalar:
            return self.value
        root: Any = {} if self.is_map else []
        stack: list[tuple[YNode, Any]] = [(self, root)]
        while stack:
            node, out = stack.pop()
            items = node.value.items() if node.is_map else enumerate(node.value)
            for key, child in items:
                if child.is_scalar:
                    value = child.value
                else:
                    value = {} if child.is_map else []
                    stack.append((child, value))
                if type(out) is dict:
                    out[key] = value
                else:
                    out.append(value)
        return root


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

    ``progress(share)`` hears now and then how far the parse is (0-1).
    """
    sink = DiagnosticSink()
    try:
        root = _Builder(filename, sink, text, progress).build()
    except yaml.MarkedYAMLError as exc:
        raise MapError([_syntax_diagnostic(exc, filename, text)]) from None
    except yaml.reader.ReaderError:
        raise MapError([_character_diagnostic(text, filename)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml errors without a mark
        raise MapError.single(f"YAML error: {exc}", Location(filename)) from None
    sink.raise_if_errors()
    if root is None:
        raise MapError.single(
            "file is empty", Location(filename, 1, 1), "a map starts with 'argmap: 1'"
        )
    return root


def _character_diagnostic(text: str, filename: str) -> Diagnostic:
    """The first character YAML refuses, located."""
    found = _NOT_PRINTABLE.search(text)
    if found is None:  # pragma: no cover - libyaml refused something the pattern allows
        return Diagnostic("YAML refuses a character of this file", Location(filename))
    start = found.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Diagnostic(
        f"character U+{ord(found.group()):04X} is not allowed in YAML",
        Location(filename, line, column),
        "remove it, or write it as an escape such as \\u0007 in a double-quoted string",
    )


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
        elif "expected a single document" in context:
            hint = "a map file holds one document; remove the extra '---'"
    return Diagnostic(message, loc, hint)


class _Frame:
    """A mapping or sequence whose end has not been read yet."""

    __slots__ = ("anchor", "items", "node", "size")

    def __init__(self, node: YNode, anchor: str | None) -> None:
        self.node = node
        self.anchor = anchor
        self.items: list[YNode] = []
        self.size = 1


class _Builder:
    """Builds the located tree from the parser's events; problems go to ``sink``."""

    def __init__(
        self,
        filename: str,
        sink: DiagnosticSink,
        text: str,
        progress: Callable[[float], None] | None,
    ) -> None:
        self.filename = filename
        self.sink = sink
        self.text = text
        self.progress = progress
        self.constructor = SafeConstructor()
        self.anchors: dict[str, tuple[YNode, int]] = {}  # anchor -> (node, expanded size)
        self.open: set[str] = set()  # anchors of nodes not yet complete
        self.unique = 0  # nodes in the document, aliases not counted
        self.stack: list[_Frame] = []  # the mappings and sequences not yet complete
        self.root: YNode | None = None
        self.root_size = 0  # nodes in the document with every alias expanded
        self.first_document: Any = None

    def loc(self, mark: Any) -> Location:
        return Location(self.filename, mark.line + 1, mark.column + 1)

    def build(self) -> YNode | None:
        """The document's root, or None for a stream without a document."""
        stack = self.stack
        lines = self.text.count("\n") + 1
        progress = self.progress
        n = 0
        scalar_event, stream_end = yaml.ScalarEvent, yaml.StreamEndEvent
        resolve = _RESOLVE_FIRST
        parser = _Loader(self.text)
        get_event = parser.get_event
        try:
            while True:
                event = get_event()
                kind = type(event)
                if kind is scalar_event:
                    value = event.value
                    mark = event.start_mark
                    if (
                        event.tag is None
                        and event.anchor is None
                        and (value[:1] not in resolve or not event.implicit[0])
                    ):  # a string: most of a map
                        node = YNode(value, mark.line + 1, mark.column + 1, value)
                    else:
                        node = self.scalar(event)
                        if event.anchor is not None:
                            self.anchors[event.anchor] = (node, 1)
                    self.unique += 1
                    if stack:
                        frame = stack[-1]
                        frame.items.append(node)
                        frame.size += 1
                    else:
                        self.root, self.root_size = node, 1
                    continue
                if progress is not None:
                    n += 1
                    if not n & 1023:
                        progress(min(event.start_mark.line / lines, 1.0))
                if kind is stream_end:
                    break
                if not self.event(event, kind):
                    return None
        finally:
            parser.dispose()
        root = self.root
        if root is not None and self.root_size > 10 * self.unique + ALIAS_EXPANSION_LIMIT:
            self.sink.error(
                f"YAML aliases expand {self.unique} nodes to {self.root_size}; refused",
                Location(self.filename, root.line, root.column),
                "this looks like an alias bomb; write the values out instead of nesting aliases",
            )
        return root

    def event(self, event: Any, kind: type) -> bool:
        """Handle an event other than a scalar's; False when the document cannot be read on."""
        stack = self.stack
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            mark = event.start_mark
            is_map = kind is yaml.MappingStartEvent
            if event.tag not in (None, "!", _MAP if is_map else _SEQ):
                self.refuse_tag(event.tag, mark)
            self.unique += 1
            node = YNode({} if is_map else [], mark.line + 1, mark.column + 1)
            stack.append(_Frame(node, event.anchor))
            if event.anchor is not None:
                self.open.add(event.anchor)
            return True
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = stack.pop()
            node, size = frame.node, frame.size
            if node.is_map:
                self.mapping(frame)
            else:
                node.value.extend(frame.items)
            if frame.anchor is not None:
                self.open.discard(frame.anchor)
                self.anchors[frame.anchor] = (node, size)
        elif kind is yaml.AliasEvent:
            if event.anchor in self.open:
                self.sink.error(
                    "recursive YAML alias",
                    self.loc(event.start_mark),
                    "an anchor may not contain an alias of itself",
                )
                return False
            if event.anchor not in self.anchors:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias '{event.anchor}'", event.start_mark
                )
            target, size = self.anchors[event.anchor]
            node = YNode(target.value, target.line, target.column, target.raw)
        elif kind is yaml.DocumentStartEvent:
            if self.first_document is not None:
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    self.first_document,
                    "but found another document",
                    event.start_mark,
                )
            self.first_document = event.start_mark
            return True
        else:  # stream start, document end
            return True
        if stack:
            frame = stack[-1]
            frame.items.append(node)
            frame.size += size
        else:
            self.root, self.root_size = node, size
        return True

    def scalar(self, event: yaml.ScalarEvent) -> YNode:
        value = event.value
        mark = event.start_mark
        tag = event.tag
        if tag is None or tag == "!":
            tag = _STR
            if event.implicit[0]:
                for candidate, pattern in _IMPLICIT.get(value[:1], ()):
                    if pattern.match(value):
                        tag = candidate
                        break
        node = YNode(value, mark.line + 1, mark.column + 1, raw=value)
        if tag == _STR:
            return node
        if tag == _MERGE:
            node.value = _MERGE_KEY
            return node
        if tag not in _SCALAR_TAGS:
            self.refuse_tag(tag, mark)
            return node
        try:
            node.value = self.constructor.construct_object(
                yaml.ScalarNode(tag, value, mark, event.end_mark)
            )
        except (ConstructorError, ValueError, OverflowError, KeyError, AttributeError):
            short = tag.rsplit(":", 1)[-1]
            if short == "timestamp" and SafeConstructor.timestamp_regexp.match(value):
                self.sink.error(
                    f"impossible date '{value}'", self.loc(mark), "check the month and day"
                )
            else:
                self.sink.error(
                    f"'{value}' is not a valid !!{short} value",
                    self.loc(mark),
                    f"remove the '!!{short}' tag, or write a value of that type",
                )
        return node

    def mapping(self, frame: _Frame) -> None:
        result: dict[str, YNode] = frame.node.value
        merged: dict[str, YNode] = {}
        items = frame.items
        for i in range(0, len(items) - 1, 2):
            key, value = items[i], items[i + 1]
            if key.value is _MERGE_KEY:
                for source in self.merge_sources(value):
                    for k, v in source.value.items():
                        merged.setdefault(k, v)
                continue
            if not key.is_scalar or key.raw is None:
                self.sink.error(
                    "a key must be a plain string", Location(self.filename, key.line, key.column)
                )
                continue
            name = key.raw
            value.key_line = key.line
            value.key_column = key.column
            if name in result:
                first = result[name]
                self.sink.error(
                    f"duplicate key '{name}' (first defined at line {first.key_line})",
                    Location(self.filename, key.line, key.column),
                    "YAML keeps only one of them; merge the two or rename one",
                )
                continue
            result[name] = value
        for name, value in merged.items():
            result.setdefault(name, value)

    def merge_sources(self, node: YNode) -> list[YNode]:
        if node.is_map:
            return [node]
        if node.is_seq and all(item.is_map for item in node.value):
            return list(node.value)
        self.sink.error(
            "'<<' merges only mappings", Location(self.filename, node.line, node.column)
        )
        return []

    def refuse_tag(self, tag: str, mark: Any) -> None:
        self.sink.error(
            f"YAML tag '{tag}' is not allowed",
            self.loc(mark),
            "maps hold plain strings, numbers, lists and mappings; remove the tag",
        )


#: The value of a ``<<`` key while its mapping is built.
_MERGE_KEY = object()
