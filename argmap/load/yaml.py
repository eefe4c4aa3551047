"""Safe YAML parsing that keeps the line and column of every key and value.

PyYAML's parser (libyaml's when available) gives the document's events; :func:`parse` builds the
located tree from them with an explicit stack, so nesting of any depth is read without recursion.
Duplicate keys are reported instead of overwritten, tags that would build Python objects are
refused without being executed, and an alias is never expanded: it shares its anchor's value,
and documents whose aliases would expand far beyond their size are refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

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
#: The YAML 1.1 words for booleans and null: the only plain scalars that start with a letter
#: (or ``~``) and are not strings.
_WORDS = frozenset(
    {"yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE"}
    | {"on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL"}
)
#: First characters whose plain scalars are strings unless they are one of :data:`_WORDS`.
_WORD_FIRST = frozenset(
    first
    for first, resolvers in _IMPLICIT.items()
    if first and {tag for tag, _ in resolvers} <= {_TAG + "bool", _TAG + "null"}
)
#: Characters YAML does not allow in a document (PyYAML's reader refuses the same).
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
#: An alias-expanded document may be at most this much larger than its own node count.
ALIAS_EXPANSION_LIMIT = 10_000


class YNode(NamedTuple):
    """A parsed YAML value with its position. ``value`` is a dict of YNode, a list of YNode,
    or a plain scalar; ``raw`` is the scalar's source text (for keys and texts); ``key_line``
    and ``key_column`` place the key of a mapping's value (0 elsewhere).

    A tuple, made without a Python ``__init__``: a big map has a million of them."""

    value: Any
    line: int
    column: int
    raw: str | None = None
    key_line: int = 0
    key_column: int = 0

    @property
    def is_map(self) -> bool:
        return type(self.value) is dict

    @property
    def is_seq(self) -> bool:
        return type(self.value) is list

    @property
    def is_scalar(self) -> bool:
        return type(self.value) is not dict and type(self.value) is not list

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


#: ``entry(section, name, node)``: one complete entry of a top-level section (``name`` is None
#: for an item of a list).
EntryHandler = Callable[[str, "str | None", YNode], None]


def parse(
    text: str,
    filename: str,
    progress: Callable[[float], None] | None = None,
    sections: Mapping[str, type] | None = None,
    entry: EntryHandler | None = None,
) -> YNode:
    """Parse one YAML document into a located tree; raise MapError with every problem found.

    ``progress(share)`` hears now and then how far the parse is (0-1). With ``entry``, each
    entry of a top-level mapping key named in ``sections`` (whose value has the type given
    there, ``dict`` or ``list``) goes to ``entry`` as soon as it is complete, and the tree keeps
    only a stub for it (:data:`STREAMED` as its value, its positions kept), so a big map never
    exists as a whole tree. A section with an anchor stays in the tree whole. ``entry`` may see
    entries of a file that then fails to parse: hold back what it finds until parse returns.
    """
    sink = DiagnosticSink()
    try:
        root = _Builder(filename, sink, text, progress, sections or {}, entry).build()
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


class _Builder:
    """Builds the located tree from the parser's events; problems go to ``sink``."""

    def __init__(
        self,
        filename: str,
        sink: DiagnosticSink,
        text: str,
        progress: Callable[[float], None] | None,
        sections: Mapping[str, type],
        entry: EntryHandler | None,
    ) -> None:
        self.sections = sections if entry is not None else {}
        self.entry = entry
        self.section = ""  # the key of the section being streamed
        self.filename = filename
        self.sink = sink
        self.text = text
        self.progress = progress
        self.constructor = SafeConstructor()
        self.anchors: dict[str, tuple[YNode, int]] = {}  # anchor -> (node, expanded size)
        self.open: set[str] = set()  # anchors of nodes not yet complete
        self.merges: dict[int, list[YNode]] = {}  # id of an open mapping's dict -> '<<' values
        self.first_document: Any = None

    def loc(self, mark: Any) -> Location:
        return Location(self.filename, mark.line + 1, mark.column + 1)

    def build(self) -> YNode | None:
        """The document's root, or None for a stream without a document.

        One loop over the events: the innermost open mapping or sequence is ``into``, with the
        key read for its next value in ``key``; ``stack`` holds what encloses it."""
        new = tuple.__new__
        resolve, words, words_first = _RESOLVE_FIRST, _WORDS, _WORD_FIRST
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        anchors, merges, progress = self.anchors, self.merges, self.progress
        lines = self.text.count("\n") + 1
        # per open container: (enclosing container, its node, anchor, size before it, is a key)
        stack: list[tuple[Any, YNode, str | None, int, bool]] = []
        into: dict | list | None = None
        key: YNode | None = None
        top: dict | None = None  # the root mapping's dict
        streaming: dict | list | None = None  # the open section whose entries go to entry()
        sections = self.sections
        root: YNode | None = None
        unique = size = 0  # nodes in the document; the same with every alias expanded
        n = 0
        parser = _Loader(self.text)
        get_event = parser.get_event
        try:
            while True:
                event = get_event()
                kind = type(event)
                opened: dict | list | None = None
                if kind is scalar_event:
                    value = raw = event.value
                    mark = event.start_mark
                    anchor = event.anchor
                    first = value[:1]
                    if (
                        event.tag is not None
                        or anchor is not None
                        or (
                            first in resolve
                            and (first not in words_first or value in words)
                            and event.implicit[0]
                        )
                    ):  # may be other than a plain string, which most of a map is
                        value = self.scalar(event)
                    unique += 1
                    size += 1
                elif kind is map_end or kind is seq_end:
                    into, node, anchor, before, is_key = stack.pop()
                    if merges and id(node.value) in merges:
                        self.merge(node.value, merges.pop(id(node.value)))
                    if anchor is not None:
                        self.open.discard(anchor)
                        anchors[anchor] = (node, size - before)
                    if into is streaming and not is_key:
                        self.done(into, node)
                    elif node.value is streaming:
                        self.finish(streaming)
                        streaming = None
                    key = node if is_key else None
                    continue
                elif kind is map_start or kind is seq_start:
                    mark = event.start_mark
                    anchor = event.anchor
                    tag = event.tag
                    if tag is not None and tag not in ("!", _MAP if kind is map_start else _SEQ):
                        self.refuse_tag(tag, mark)
                    value = opened = {} if kind is map_start else []
                    raw = None
                    if anchor is not None:
                        self.open.add(anchor)
                    before = size
                    unique += 1
                    size += 1
                    if progress is not None:
                        n += 1
                        if not n & 1023:
                            progress(min(mark.line / lines, 1.0))
                elif kind is alias_event:
                    found = self.alias(event)
                    if found is None:
                        return None
                    target, expanded = found
                    value, raw, anchor = target.value, target.raw, None
                    line, column = target.line, target.column
                    size += expanded
                else:
                    if kind is yaml.StreamEndEvent:
                        break
                    if kind is yaml.DocumentStartEvent:
                        self.document(event)
                    continue
                if kind is not alias_event:
                    line = mark.line + 1
                    column = mark.column + 1
                # the new node goes into the innermost open container
                is_key = False
                if type(into) is dict:
                    if key is None:
                        node = new(YNode, (value, line, column, raw, 0, 0))
                        if opened is None:
                            key = node
                        else:
                            is_key = True
                    else:
                        node = new(YNode, (value, line, column, raw, key[1], key[2]))
                        name = key[3]
                        if type(key[0]) is str and name not in into:
                            into[name] = node
                        else:
                            self.put(into, key, node)
                        key = None
                        if into is streaming:
                            if opened is None:
                                self.done(into, node)
                        elif (
                            into is top
                            and opened is not None
                            and anchor is None
                            and sections.get(name) is type(opened)
                            and into.get(name) is node
                        ):
                            streaming = opened
                            self.section = name
                else:
                    node = new(YNode, (value, line, column, raw, 0, 0))
                    if into is None:
                        root = node
                        if type(opened) is dict:
                            top = opened
                    else:
                        into.append(node)
                        if into is streaming and opened is None:
                            self.done(into, node)
                if opened is not None:
                    stack.append((into, node, anchor, before, is_key))
                    into = opened
                    key = None
                elif anchor is not None:
                    anchors[anchor] = (node, 1)
        finally:
            parser.dispose()
        if root is not None and size > 10 * unique + ALIAS_EXPANSION_LIMIT:
            self.sink.error(
                f"YAML aliases expand {unique} nodes to {size}; refused",
                Location(self.filename, root.line, root.column),
                "this looks like an alias bomb; write the values out instead of nesting aliases",
            )
        return root

    def done(self, section: dict | list, node: YNode) -> None:
        """Hand ``node``, just completed in the streamed ``section``, to the entry handler and
        leave a stub in its place (unless the section refused it: a duplicate key, say)."""
        if type(section) is dict:
            name = next(reversed(section), None)
            if name is None or section[name] is not node:
                return
            self.entry(self.section, name, node)  # type: ignore[misc]
            section[name] = _stub(node)
        elif section and section[-1] is node:
            self.entry(self.section, None, node)  # type: ignore[misc]
            section[-1] = _stub(node)

    def finish(self, section: dict | list) -> None:
        """Hand on what a closing section holds besides stubs: the entries ``<<`` merged in."""
        if type(section) is dict:
            for name, node in section.items():
                if node.value is not STREAMED:
                    self.entry(self.section, name, node)  # type: ignore[misc]
                    section[name] = _stub(node)

    def alias(self, event: yaml.AliasEvent) -> tuple[YNode, int] | None:
        """The anchored node and its expanded size; None for a recursive alias (reported)."""
        if event.anchor in self.open:
            self.sink.error(
                "recursive YAML alias",
                self.loc(event.start_mark),
                "an anchor may not contain an alias of itself",
            )
            return None
        if event.anchor not in self.anchors:
            raise yaml.composer.ComposerError(
                None, None, f"found undefined alias '{event.anchor}'", event.start_mark
            )
        return self.anchors[event.anchor]

    def document(self, event: yaml.DocumentStartEvent) -> None:
        if self.first_document is not None:
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                self.first_document,
                "but found another document",
                event.start_mark,
            )
        self.first_document = event.start_mark

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        """The value of a scalar that may be something other than a plain string."""
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
        if tag == _STR:
            return value
        if tag == _MERGE:
            return _MERGE_KEY
        if tag not in _SCALAR_TAGS:
            self.refuse_tag(tag, mark)
            return value
        try:
            return self.constructor.construct_object(
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
        return value

    def put(self, mapping: dict[str, YNode], key: YNode, node: YNode) -> None:
        """Enter ``node`` under a key that is not a new plain string: a merge, a duplicate,
        a key of another type (its source text is the name) or a refused one."""
        if key.value is _MERGE_KEY:
            self.merges.setdefault(id(mapping), []).append(node)
            return
        if not key.is_scalar or key.raw is None:
            self.sink.error(
                "a key must be a plain string", Location(self.filename, key.line, key.column)
            )
            return
        name = key.raw
        if name in mapping:
            first = mapping[name]
            self.sink.error(
                f"duplicate key '{name}' (first defined at line {first.key_line})",
                Location(self.filename, key.line, key.column),
                "YAML keeps only one of them; merge the two or rename one",
            )
            return
        mapping[name] = node

    def merge(self, mapping: dict[str, YNode], values: list[YNode]) -> None:
        """Add what the ``<<`` keys of a complete mapping bring, after its own keys."""
        merged: dict[str, YNode] = {}
        for value in values:
            for source in self.merge_sources(value):
                for k, v in source.value.items():
                    merged.setdefault(k, v)
        for name, value in merged.items():
            mapping.setdefault(name, value)

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
#: The value of an entry's stub once the entry went to the entry handler of :func:`parse`.
STREAMED = object()


def _stub(node: YNode) -> YNode:
    return tuple.__new__(YNode, (STREAMED, node[1], node[2], None, node[4], node[5]))
