"""A fast reader for the plain block-style YAML that maps are written in.

:func:`parse_fast` reads the common subset line by line (block mappings and sequences, one-line
flow lists and mappings, plain, single- and double-quoted scalars, plain and quoted values folded
over several lines, comments) straight into the located :class:`~argmap.load.yaml.YNode` tree
that the libyaml path builds, several times faster. It never reports an error: on anything outside
the subset, or anything that might be one (tabs, anchors, tags, block scalars, empty values,
duplicate keys, odd indentation...), it gives up and returns None, and the caller parses the text
with libyaml, which locates every problem exactly. Tests compare both readers on generated maps
and on fuzzed text: whenever this one answers, the answer is the libyaml one.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import repeat
from typing import Any, TypeVar

from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from argmap.load.yaml import YNode

__all__ = ["parse_fast"]

#: Characters that cannot start a plain scalar (or that start something we leave to libyaml).
_BAD_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
#: Characters YAML refuses or reads as line breaks: leave such files to libyaml.
_SPECIAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\t\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
#: Printable ASCII and the line break: deleting them from an ASCII text leaves what _SPECIAL finds.
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\n"
_FLOW_PLAIN_BAD = frozenset(",[]{}:#")
#: Inside a one-line list read by the quick path: anything else goes to :func:`_flow`.
_FLOW_LIST_BAD = frozenset("[]{}:#'\"")
_KEY_BAD = frozenset(",[]{}#'\"")
_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_RESOLVERS: dict[str | None, list[tuple[str, re.Pattern[str]]]] = Resolver.yaml_implicit_resolvers
_STR = "tag:yaml.org,2002:str"
#: What may start something else than a plain scalar, or one that may not be a string.
_SPECIAL_START = _BAD_START | frozenset(c for c in _RESOLVERS if c)
_ALLOWED_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("int", "float", "bool", "null", "timestamp")
)


class _GiveUp(Exception):
    """The text is outside the subset: let libyaml read it."""


_constructor = SafeConstructor()
_WILDCARD = _RESOLVERS.get(None, [])


def _tag(text: str) -> str:
    """The tag PyYAML's resolver gives the plain scalar ``text``."""
    resolvers = _RESOLVERS.get(text[0], [])
    for tag, regexp in [*resolvers, *_WILDCARD] if _WILDCARD else resolvers:
        if regexp.match(text):
            return tag
    return _STR


#: Plain scalars already typed, text -> value (a map repeats its weights); bounded by _plain.
_TYPED: dict[str, Any] = {}
_UNSEEN = object()


def _plain(text: str, line: int, column: int, key_line: int = 0, key_column: int = 0) -> YNode:
    """A plain scalar, typed as PyYAML's resolver and SafeConstructor type it."""
    if text[0] in _RESOLVERS or _WILDCARD:
        value = _TYPED.get(text, _UNSEEN)
        if value is _UNSEEN:
            value = _typed(text)
            if len(_TYPED) < 4096:  # every value typed is immutable: it can be shared
                _TYPED[text] = value
        return YNode(value, line, column, text, key_line, key_column)
    return YNode(text, line, column, text, key_line, key_column)


def _typed(text: str) -> Any:
    """The value of a plain scalar that may not be a string."""
    tag = _tag(text)
    if tag == _STR:
        return text
    if tag not in _ALLOWED_TAGS:
        raise _GiveUp
    try:
        return _constructor.yaml_constructors[tag](_constructor, ScalarNode(tag, text))
    except Exception:  # a bad value: libyaml's path reports it
        raise _GiveUp from None


def _unescape(body: str) -> str:
    out: list[str] = []
    i, n = 0, len(body)
    while i < n:
        j = body.find("\\", i)
        if j < 0:
            out.append(body[i:])
            break
        out.append(body[i:j])
        if j + 1 >= n:
            raise _GiveUp
        c = body[j + 1]
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
            i = j + 2
        elif c in _HEX_ESCAPES:
            width = _HEX_ESCAPES[c]
            digits = body[j + 2 : j + 2 + width]
            if len(digits) != width or not all(d in "0123456789abcdefABCDEF" for d in digits):
                raise _GiveUp
            code = int(digits, 16)
            if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
                raise _GiveUp
            out.append(chr(code))
            i = j + 2 + width
        else:
            raise _GiveUp
    return "".join(out)


class _Open(_GiveUp):
    """A quoted scalar goes on past the end of its line."""


def _close(s: str, i: int, q: str) -> int:
    """The index of the quote ``q`` that closes a scalar whose text goes on at ``s[i]``, or -1.

    In single quotes ``''`` is a quote; in double quotes ``\\"`` is."""
    while True:
        j = s.find(q, i)
        if j < 0:
            return -1
        if q == "'":
            if j + 1 < len(s) and s[j + 1] == "'":
                i = j + 2
                continue
            return j
        k = j - 1
        while k >= i and s[k] == "\\":
            k -= 1
        if (j - 1 - k) % 2 == 0:  # an even number of backslashes: the quote closes
            return j
        i = j + 1


def _unquote(body: str, q: str) -> str:
    if q == "'":
        return body.replace("''", "'")
    return _unescape(body) if "\\" in body else body


def _quoted(s: str, start: int) -> tuple[str, int]:
    """The quoted scalar starting at ``s[start]``: (value, index after the closing quote)."""
    q = s[start]
    j = _close(s, start + 1, q)
    if j < 0:
        raise _Open
    return _unquote(s[start + 1 : j], q), j + 1


def _quoted_lines(s: str, lines: list[str], idx: int, parent_indent: int) -> tuple[str, int]:
    """A quoted value that starts at ``s[0]`` on line ``idx`` and closes on a later line, each
    line break folded as YAML folds it (a space, or one newline per empty line between). Returns
    the value and the index of its last line."""
    q = s[0]
    pieces = [s[1:].rstrip(" ")]
    blanks = 0
    for j in range(idx + 1, len(lines)):
        raw = lines[j]
        body = raw.lstrip(" ")
        if not body:
            blanks += 1
            continue
        if len(raw) - len(body) <= parent_indent or (q == '"' and pieces[-1].endswith("\\")):
            raise _GiveUp  # under-indented, or an escaped line break: leave it to libyaml
        pieces.append("\n" * blanks if blanks else " ")
        blanks = 0
        end = _close(body, 0, q)
        if end < 0:
            pieces.append(body.rstrip(" "))
            continue
        _rest_is_blank(body, end + 1)
        pieces.append(body[:end])
        return _unquote("".join(pieces), q), j
    raise _GiveUp


def _rest_is_blank(s: str, i: int) -> None:
    """Only spaces and a comment may follow a complete value on its line."""
    rest = s[i:]
    if rest.strip(" ") and not rest.lstrip(" ").startswith("#"):
        raise _GiveUp
    if rest and rest[0] == "#":  # '#' must follow a space to start a comment
        raise _GiveUp


def _flow_node(s: str, i: int, line: int, base: int, stop: str) -> tuple[YNode, int]:
    """A node inside ``[...]`` or ``{...}`` starting at ``s[i]``; ``stop`` ends a plain one."""
    c = s[i]
    if c == "[" or c == "{":
        return _flow(s, i, line, base)
    if c == '"' or c == "'":
        value, j = _quoted(s, i)
        return YNode(value, line, base + i + 1, value), j
    if c in _BAD_START:
        raise _GiveUp
    j = i
    n = len(s)
    while j < n and s[j] not in stop:
        if s[j] in _FLOW_PLAIN_BAD:
            raise _GiveUp
        j += 1
    text = s[i:j].rstrip(" ")
    return _plain(text, line, base + i + 1), j


def _flow(s: str, start: int, line: int, base: int) -> tuple[YNode, int]:
    """A one-line flow list or mapping at ``s[start]`` (``base`` = the column of ``s[0]`` - 1).

    Returns the node and the index after its closing bracket.
    """
    n = len(s)
    i = start + 1
    if s[start] == "[":
        items: list[YNode] = []
        while True:
            while i < n and s[i] == " ":
                i += 1
            if i >= n:
                raise _GiveUp
            if s[i] == "]":
                return YNode(items, line, base + start + 1), i + 1
            node, i = _flow_node(s, i, line, base, ",]")
            items.append(node)
            i = _after_item(s, i, "]")
    result: dict[str, YNode] = {}
    while True:
        while i < n and s[i] == " ":
            i += 1
        if i >= n:
            raise _GiveUp
        if s[i] == "}":
            return YNode(result, line, base + start + 1), i + 1
        k = s.find(": ", i)
        if k < 0:
            raise _GiveUp
        key = s[i:k]
        if (
            not key
            or key[0] in _BAD_START
            or key[-1] == " "
            or not _FLOW_PLAIN_BAD.isdisjoint(key)
            or not _KEY_BAD.isdisjoint(key)
            or key in result
        ):
            raise _GiveUp
        key_col = base + i + 1
        key = _check_key(key)
        i = k + 2
        while i < n and s[i] == " ":
            i += 1
        if i >= n or s[i] in ",}":
            raise _GiveUp
        node, i = _flow_node(s, i, line, base, ",}")
        node.key_line, node.key_column = line, key_col
        result[key] = node
        i = _after_item(s, i, "}")


def _after_item(s: str, i: int, close: str) -> int:
    """Past the ``,`` that follows an item of a flow collection (and its spaces), or at the
    ``close`` bracket that ends it; anything else, and a trailing comma, goes to libyaml."""
    n = len(s)
    while i < n and s[i] == " ":
        i += 1
    if i < n and s[i] == ",":
        i += 1
        while i < n and s[i] == " ":
            i += 1
        if i < n and s[i] == close:  # a trailing comma: leave to libyaml
            raise _GiveUp
    elif i >= n or s[i] != close:
        raise _GiveUp
    return i


#: Keys already found to be good (a map repeats the same few field names), each to itself: a
#: map's mappings then share one string per key (interned: the schema's own names are the same
#: objects, so its look-ups are quicker). Bounded by _good_key.
_GOOD_KEYS: dict[str, str] = {}


def _good_key(key: str) -> str | None:
    """``key`` if it is a plain block key, else None. A plain key is not empty, starts and ends
    plainly, has no flow or quote characters, and reads as a string-like scalar (not ``<<``,
    ``=`` or a bad number). Short good keys are remembered in _GOOD_KEYS, and the remembered
    string returned."""
    if key.replace("-", "").isalnum():  # the usual key: quick to tell, but for a first '-'
        if key[0] == "-":
            return None
    elif not key or key[0] in _BAD_START or key[-1] == " " or not _KEY_BAD.isdisjoint(key):
        return None
    if len(key) > 1000:
        return None
    if key[0] in _RESOLVERS and not (len(key) > 5 and key[0].isalpha()):
        tag = _tag(key)
        if tag != _STR and tag not in _ALLOWED_TAGS:
            return None
    if len(key) <= 16 and len(_GOOD_KEYS) < 4096:
        key = _GOOD_KEYS.setdefault(key, sys.intern(key))
    return key


def _check_key(key: str) -> str:
    """``key`` as :func:`_good_key` returns it; give up when it is not a plain key."""
    good = _GOOD_KEYS.get(key) or _good_key(key)
    if good is None:
        raise _GiveUp
    return good


def parse_fast(text: str, progress: Callable[[float], None] | None = None) -> YNode | None:
    """The located tree of ``text`` when it is in the plain block subset, else None.

    ``progress(share)`` is called every few thousand lines with the share of lines read (0-1).

    >>> parse_fast("a: [x, y]").value["a"].value[1].column
    8
    >>> parse_fast("a: &anchor x") is None
    True
    """
    if "\r" in text:
        if re.search("\r(?!\n)", text):
            return None
        text = text.replace("\r\n", "\n")
    if text.isascii():  # control characters are the only unprintable ASCII: a quick test
        if text.encode("ascii").translate(None, _PRINTABLE_ASCII):
            return None
    elif _SPECIAL.search(text):
        return None
    try:
        return _parse(text.split("\n"), progress)
    except (_GiveUp, IndexError):
        return None


def _value(
    s: str, lines: list[str], idx: int, line: int, base: int, parent_indent: int, in_seq: bool
) -> tuple[YNode, int]:
    """The value that starts at ``s`` (text after ``key: `` or ``- ``) on line index ``idx``.

    Returns the node and the index of the last line it used (multi-line plain scalars use more).
    """
    c = s[0]
    column = base + 1
    if c == "[" or c == "{":
        node, end = _flow(s, 0, line, base)
        _rest_is_blank(s, end)
        return node, idx
    if c == '"' or c == "'":
        try:
            value, end = _quoted(s, 0)
        except _Open:
            if in_seq:
                raise _GiveUp from None
            value, idx = _quoted_lines(s, lines, idx, parent_indent)
            return YNode(value, line, column, value), idx
        _rest_is_blank(s, end)
        return YNode(value, line, column, value), idx
    if c in _BAD_START and not (c == "-" and len(s) > 1 and s[1] != " "):
        raise _GiveUp
    hash_at = s.find(" #")
    if hash_at >= 0:
        s = s[:hash_at]
    text = s.rstrip(" ")
    if ": " in text or text.endswith(":"):
        raise _GiveUp
    # folded continuation lines: indented deeper than the mapping the key belongs to
    j = idx + 1
    n = len(lines)
    pieces: list[str] | None = None
    last = idx
    blanks = 0
    while hash_at < 0 and j < n:
        nxt = lines[j]
        body = nxt.lstrip(" ")
        if not body:
            blanks += 1
            j += 1
            continue
        if len(nxt) - len(body) <= parent_indent or body[0] == "#":
            break
        if in_seq or body[0] in _BAD_START or body.startswith(("---", "...")):
            raise _GiveUp
        k = body.find(" #")
        if k >= 0:
            raise _GiveUp
        piece = body.rstrip(" ")
        if ": " in piece or piece.endswith(":"):
            raise _GiveUp
        if pieces is None:
            pieces = [text]
        pieces.append("\n" * blanks if blanks else " ")
        pieces.append(piece)
        blanks = 0
        last = j
        j += 1
    if pieces is not None:
        value = "".join(pieces)
        return YNode(value, line, column, value), last
    return _plain(text, line, column), idx


_I = TypeVar("_I")


def counted(
    items: Iterable[_I], total: int, progress: Callable[[float], None], every: int = 8192
) -> Iterator[_I]:
    """``items`` as they are, calling ``progress(share done)`` every ``every`` of them (a power
    of two). The reader and the schema count with it only when a caller asked for progress."""
    mask = every - 1
    for n, item in enumerate(items):
        if not n & mask:
            progress(n / total)
        yield item


def _parse(lines: list[str], progress: Callable[[float], None] | None = None) -> YNode:
    """Read the lines of a document; the structure is a stack of open blocks.

    Most lines are ``key: plain words`` in the mapping opened last: they take a short path, and
    only the other lines (blank lines, comments, list items, ``key:`` lines, values with quotes
    or comments...) go through the general one, which reads everything the fast reader reads.
    A line indented deeper than the mapping continues the value above it: the general path then
    reads that entry again, with the lines that continue it.
    """
    if _WILDCARD:  # pragma: no cover - PyYAML's safe resolver has no wildcard resolvers
        raise _GiveUp
    bad_start, good_keys = _BAD_START, _GOOD_KEYS
    special_start = _SPECIAL_START
    new_node = object.__new__
    flow_bad = _FLOW_LIST_BAD
    lines.append("")  # a blank line after the last: every line has a next one to look at
    # the open block: its column, whether it is a list, its container; outer blocks on a stack
    cur_col, cur_seq, cur = -1, False, None
    stack: list[tuple[int, bool, Any]] = []
    root: YNode | None = None
    pending: tuple[dict[str, YNode], str, int, int, int] | None = None  # map, key, kl, kc, col
    # the column of the open block when it is a mapping with no key waiting for its block (a
    # line indented so is an entry of that mapping), else -1
    map_col = -1
    # each line split at ': ' (by map, without a call per line here): a line 'key: value' with
    # no other ': ' in it comes in two parts
    numbered: Iterable[tuple[int, list[str]]] = enumerate(map(str.split, lines, repeat(": ")), 1)
    if progress is not None:  # only then: the plain loop stays as fast as it can be
        numbered = counted(numbered, len(lines), progress)
    # the text before ': ' (indentation and key) of lines read before -> (the key as stored,
    # its column), or (None, -2) when the key is not a plain one: a map repeats a few of them
    heads: dict[str, tuple[str | None, int]] = {}
    for line, parts in numbered:
        if len(parts) == 2:
            head, v = parts
            known = heads.get(head)
            if known is None:
                key = head.lstrip(" ")
                col = len(head) - len(key)
                key = good_keys.get(key) or _good_key(key)
                known = (None, -2) if key is None else (key, col)
                if len(heads) < 1024:
                    heads[head] = known
            key, col = known
            if 0 <= col < map_col:
                # back in an outer mapping: close the blocks opened since
                while cur_col > col or (cur_seq and cur_col == col):
                    if not stack:
                        raise _GiveUp
                    cur_col, cur_seq, cur = stack.pop()
                if cur_col != col or cur_seq:
                    raise _GiveUp
                map_col = col
            if (
                col == map_col
                and key not in cur
                and v
                and v[-1] not in " :"
                and "#" not in v  # a comment perhaps: left to the general path
            ):
                value_col = len(head) + 3
                c0 = v[0]
                # a string (what starts with a long word cannot be a boolean or null)
                if c0 not in special_start or (len(v) > 5 and c0.isalpha()):
                    # 'key: plain words', the most common line of all: the node is made
                    # without a call to YNode.__init__, a good part of the time a line takes
                    node = new_node(YNode)
                    node.value = node.raw = v
                    node.line = node.key_line = line
                    node.column = value_col
                    node.key_column = col + 1
                    cur[key] = node
                    continue
                if c0 not in bad_start:  # perhaps a number, a boolean, a date...
                    nxt = lines[line]
                    if len(nxt) > col and nxt[col] != " ":  # not a string over several lines
                        cur[key] = _plain(v, line, value_col, line, col + 1)
                        continue
                elif (
                    c0 == "["
                    and v[-1] == "]"
                    and flow_bad.isdisjoint(inner := v[1:-1])
                    and (items := _simple_list(inner, line, value_col + 1)) is not None
                ):
                    # 'key: [a, b]'
                    cur[key] = YNode(items, line, value_col, None, line, col + 1)
                    continue
        # the general path
        raw = lines[line - 1]
        s = raw.lstrip(" ")
        if not s or s[0] == "#":
            continue
        col = len(raw) - len(s)
        if col != map_col:
            # not in the open mapping: a list item, an entry of a new or an outer mapping, or a
            # line that continues the value above
            if col >= 63:
                raise _GiveUp
            if s[0] == "-" and (len(s) == 1 or s[1] == " "):
                idx, pending, cur_col, cur_seq, cur, root = _item(
                    s, col, line, lines, line - 1, pending, stack, cur_col, cur_seq, cur, root
                )
                map_col = -1 if cur_seq or pending is not None else cur_col
                _skip(numbered, idx - line + 1)
                continue
            if pending is not None:
                pmap, pkey, kl, kc, pcol = pending
                if col <= pcol:
                    raise _GiveUp  # an empty value: libyaml decides what it is
                mapping: dict[str, YNode] = {}
                pmap[pkey] = YNode(mapping, line, col + 1, None, kl, kc)
                stack.append((cur_col, cur_seq, cur))
                cur_col, cur_seq, cur = col, False, mapping
                pending = None
            elif root is None:
                mapping = {}
                root = YNode(mapping, line, col + 1)
                cur_col, cur_seq, cur = col, False, mapping
            elif col > map_col >= 0:
                idx = _reread_entry(lines, line - 1, map_col, cur)
                _skip(numbered, idx - line + 1)
                continue
            else:
                while cur_col > col or (cur_seq and cur_col == col):
                    if not stack:
                        raise _GiveUp
                    cur_col, cur_seq, cur = stack.pop()
                if cur_col != col or cur_seq:
                    raise _GiveUp
            map_col = col
        # an entry 'key: value' or 'key:' of the mapping ``cur``
        k = s.find(": ")
        if k > 0:
            idx, pending = _entry(s, k, lines, line - 1, line, col, cur)
            if pending is not None:
                map_col = -1
            _skip(numbered, idx - line + 1)
            continue
        # 'key:' with its value in the block below
        key = s[:-1]
        if (
            k == 0
            or s[-1] != ":"
            or key in cur
            or not (key := good_keys.get(key) or _good_key(key))
        ):
            raise _GiveUp
        nxt = lines[line]
        body = nxt.lstrip(" ")
        ncol = len(nxt) - len(body)
        if col < ncol < 63 and body and body[0] != "-" and body[0] != "#":
            # the block is a mapping (else libyaml has an error to report): open it now
            mapping = {}
            cur[key] = YNode(mapping, line + 1, ncol + 1, None, line, col + 1)
            stack.append((cur_col, False, cur))
            cur_col = map_col = ncol
            cur = mapping
        else:
            pending = (cur, key, line, col + 1, col)
            map_col = -1
    if pending is not None or root is None:
        raise _GiveUp
    return root


def _skip(numbered: Iterator[tuple[int, list[str]]], count: int) -> None:
    """Advance past ``count`` lines that the last value used."""
    for _ in range(count):
        next(numbered)


def _reread_entry(lines: list[str], idx: int, col: int, mapping: dict[str, YNode]) -> int:
    """Line ``idx``, indented deeper than ``mapping`` (at column ``col``), continues the value of
    its last entry, read by the short path on the last line above that is not blank: read that
    entry again with the lines that continue it. Returns the index of its last line."""
    start = idx - 1
    while start >= 0 and not lines[start].strip(" "):
        start -= 1
    if start < 0 or not mapping:
        raise _GiveUp
    key = next(reversed(mapping))
    if mapping[key].key_line != start + 1:
        raise _GiveUp  # a comment, or the end of a value read already: libyaml reports it
    s = lines[start][col:]
    del mapping[key]
    last, pending = _entry(s, len(key), lines, start, start + 1, col, mapping)
    if pending is not None or last < idx:
        raise _GiveUp
    return last


def _simple_list(inner: str, line: int, column: int) -> list[YNode] | None:
    """The items of ``[a, b]`` (``inner`` is ``a, b``) when they are plain words separated by
    ``, ``; None otherwise (an empty list, odd spacing...)."""
    words = inner.split(", ")
    if inner.count(",") != len(words) - 1:  # a comma without a space after it
        return None
    items: list[YNode] = []
    special_start, bad_start = _SPECIAL_START, _BAD_START
    for item in words:
        if not item or item[-1] == " ":
            return None
        c0 = item[0]
        if c0 not in special_start or (len(item) > 5 and c0.isalpha()):
            items.append(YNode(item, line, column, item))
        elif c0 in bad_start:
            return None
        else:  # perhaps a number, a boolean...
            items.append(_plain(item, line, column))
        column += len(item) + 2
    return items


def _item(
    s: str,
    col: int,
    line: int,
    lines: list[str],
    idx: int,
    pending: tuple[dict[str, YNode], str, int, int, int] | None,
    stack: list[tuple[int, bool, Any]],
    cur_col: int,
    cur_seq: bool,
    cur: Any,
    root: YNode | None,
) -> tuple[int, Any, int, bool, Any, YNode | None]:
    """A sequence item ``- ...``; returns the parser's new state."""
    if len(s) == 1:
        raise _GiveUp  # '-' alone: a nested block item
    if pending is not None:
        pmap, pkey, kl, kc, pcol = pending
        if col < pcol:
            raise _GiveUp
        items: list[YNode] = []
        pmap[pkey] = YNode(items, line, col + 1, None, kl, kc)
        stack.append((cur_col, cur_seq, cur))
        cur_col, cur_seq, cur = col, True, items
        pending = None
    elif root is None:
        items = []
        root = YNode(items, line, col + 1)
        cur_col, cur_seq, cur = col, True, items
    else:
        while cur_col > col:
            if not stack:
                raise _GiveUp
            cur_col, cur_seq, cur = stack.pop()
        if cur_col != col or not cur_seq:
            raise _GiveUp
    j = 1
    while j < len(s) and s[j] == " ":
        j += 1
    rest = s[j:]
    if not rest or rest[0] == "#":
        raise _GiveUp
    item_col = col + j
    k = rest.find(": ")
    if k < 0 and rest.endswith(":"):
        k = len(rest) - 1
    if k > 0 and rest[0] not in "[{\"'":
        # '- key: value' opens a mapping at the key's column
        mapping: dict[str, YNode] = {}
        cur.append(YNode(mapping, line, item_col + 1))
        stack.append((cur_col, cur_seq, cur))
        idx, pending = _entry(rest, k, lines, idx, line, item_col, mapping)
        return idx, pending, item_col, False, mapping, root
    node, idx = _value(rest, lines, idx, line, item_col, col, True)
    cur.append(node)
    return idx, pending, cur_col, cur_seq, cur, root


def _entry(
    s: str, k: int, lines: list[str], idx: int, line: int, col: int, mapping: dict[str, YNode]
) -> tuple[int, tuple[dict[str, YNode], str, int, int, int] | None]:
    """Read ``key: value`` (the key ends at ``s[k]``) into ``mapping``; a bare ``key:`` is
    returned as pending, its value being the block that follows."""
    key = s[:k]
    if key[0] in _BAD_START or key[-1] == " " or key in mapping or not _KEY_BAD.isdisjoint(key):
        raise _GiveUp
    key = _check_key(key)
    j = k + 1
    n = len(s)
    while j < n and s[j] == " ":
        j += 1
    if j >= n or s[j] == "#":
        return idx, (mapping, key, line, col + 1, col)
    node, last = _value(s[j:], lines, idx, line, col + j, col, False)
    node.key_line = line
    node.key_column = col + 1
    mapping[key] = node
    return last, None
