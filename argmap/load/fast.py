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
from typing import Any

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


def _plain(text: str, line: int, column: int) -> YNode:
    """A plain scalar, typed as PyYAML's resolver and SafeConstructor type it."""
    if text[0] in _RESOLVERS or _WILDCARD:
        tag = _tag(text)
        if tag != _STR:
            if tag not in _ALLOWED_TAGS:
                raise _GiveUp
            try:
                value = _constructor.yaml_constructors[tag](_constructor, ScalarNode(tag, text))
            except Exception:  # a bad value: libyaml's path reports it
                raise _GiveUp from None
            return YNode(value, line, column, text)
    return YNode(text, line, column, text)


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
            while i < n and s[i] == " ":
                i += 1
            if i < n and s[i] == ",":
                i += 1
                while i < n and s[i] == " ":
                    i += 1
                if i < n and s[i] == "]":  # a trailing comma: leave to libyaml
                    raise _GiveUp
            elif i >= n or s[i] != "]":
                raise _GiveUp
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
        _check_key(key)
        i = k + 2
        while i < n and s[i] == " ":
            i += 1
        if i >= n or s[i] in ",}":
            raise _GiveUp
        node, i = _flow_node(s, i, line, base, ",}")
        node.key_line, node.key_column = line, key_col
        result[key] = node
        while i < n and s[i] == " ":
            i += 1
        if i < n and s[i] == ",":
            i += 1
            while i < n and s[i] == " ":
                i += 1
            if i < n and s[i] == "}":
                raise _GiveUp
        elif i >= n or s[i] != "}":
            raise _GiveUp


#: Keys already found to be fine (a map repeats the same few keys); bounded by _check_key.
_GOOD_KEYS: set[str] = set()


def _check_key(key: str) -> bool:
    """A plain key must read as a string-like scalar (not ``<<``, ``=`` or a bad number)."""
    if len(key) > 1000:
        raise _GiveUp
    if key[0] in _RESOLVERS:
        tag = _tag(key)
        if tag != _STR and tag not in _ALLOWED_TAGS:
            raise _GiveUp
    if len(key) <= 16 and len(_GOOD_KEYS) < 4096:
        _GOOD_KEYS.add(key)
    return True


def parse_fast(text: str) -> YNode | None:
    """The located tree of ``text`` when it is in the plain block subset, else None.

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
        if not text.replace("\n", "").isprintable():
            return None
    elif _SPECIAL.search(text):
        return None
    try:
        return _parse(text.split("\n"))
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


def _parse(lines: list[str]) -> YNode:
    """Read the lines of a document; the structure is a stack of open blocks."""
    if _WILDCARD:  # pragma: no cover - PyYAML's safe resolver has no wildcard resolvers
        raise _GiveUp
    bad_start, key_bad, resolvers, good_keys = _BAD_START, _KEY_BAD, _RESOLVERS, _GOOD_KEYS
    flow_bad = _FLOW_LIST_BAD
    deeper = [" " * (i + 1) for i in range(64)]
    # the open block: its column, whether it is a list, its container; outer blocks on a stack
    cur_col, cur_seq, cur = -1, False, None
    stack: list[tuple[int, bool, Any]] = []
    root: YNode | None = None
    pending: tuple[dict[str, YNode], str, int, int, int] | None = None  # map, key, kl, kc, col
    idx = -1
    n = len(lines)
    last = n - 1
    while idx < last:
        idx += 1
        raw = lines[idx]
        s = raw.lstrip(" ")
        if not s or s[0] == "#":
            continue
        col = len(raw) - len(s)
        if col >= 63:
            raise _GiveUp
        line = idx + 1
        if s[0] == "-" and (len(s) == 1 or s[1] == " "):
            idx, pending, cur_col, cur_seq, cur, root = _item(
                s, col, line, lines, idx, pending, stack, cur_col, cur_seq, cur, root
            )
            continue
        # a mapping entry 'key: value' or 'key:'; first find its mapping
        if pending is not None:
            pmap, pkey, kl, kc, pcol = pending
            if col <= pcol:
                raise _GiveUp  # an empty value: libyaml decides what it is
            mapping: dict[str, YNode] = {}
            pmap[pkey] = YNode(mapping, line, col + 1, None, kl, kc)
            stack.append((cur_col, cur_seq, cur))
            cur_col, cur_seq, cur = col, False, mapping
            pending = None
        elif col != cur_col or cur_seq:
            if root is None:
                mapping = {}
                root = YNode(mapping, line, col + 1)
                cur_col, cur_seq, cur = col, False, mapping
            else:
                while cur_col > col or (cur_seq and cur_col == col):
                    if not stack:
                        raise _GiveUp
                    cur_col, cur_seq, cur = stack.pop()
                if cur_col != col or cur_seq:
                    raise _GiveUp
        k = s.find(": ")
        if k < 0:
            if s[-1] != ":":
                raise _GiveUp
            # 'key:' with its value in the block below
            key = s[:-1]
            if not key or key in cur or s[0] in bad_start or key[-1] == " ":
                raise _GiveUp
            if key not in good_keys:
                if not key_bad.isdisjoint(key):
                    raise _GiveUp
                _check_key(key)
            pending = (cur, key, line, col + 1, col)
            continue
        v = s[k + 2 :]
        if (
            v
            and v[-1] not in " :"
            and s[0] not in bad_start
            and s[k - 1] != " "
            and (key := s[:k]) not in cur
            and " #" not in v
            and ": " not in v
            and (
                idx == last  # no next line, or one that cannot continue the value
                or (len(nxt := lines[idx + 1]) > col and not nxt.startswith(deeper[col]))
            )
            and (key in good_keys or (key_bad.isdisjoint(key) and _check_key(key)))
        ):
            c0 = v[0]
            if c0 not in bad_start:
                # the common line, 'key: plain words', read without a call
                if c0 in resolvers and not (len(v) > 5 and c0.isalpha()):
                    node = _plain(v, line, col + k + 3)
                    node.key_line, node.key_column = line, col + 1
                else:
                    node = YNode(v, line, col + k + 3, v, line, col + 1)
                cur[key] = node
                continue
            if (
                c0 == "["
                and v[-1] == "]"
                and flow_bad.isdisjoint(inner := v[1:-1])
                and (items := _simple_list(inner, line, col + k + 4)) is not None
            ):
                # 'key: [a, b]'
                cur[key] = YNode(items, line, col + k + 3, None, line, col + 1)
                continue
        idx, pending = _entry(s, k, lines, idx, line, col, cur)
    if pending is not None or root is None:
        raise _GiveUp
    return root


def _simple_list(inner: str, line: int, column: int) -> list[YNode] | None:
    """The items of ``[a, b]`` (``inner`` is ``a, b``) when they are plain words separated by
    ``, ``; None otherwise (an empty list, odd spacing...)."""
    items: list[YNode] = []
    bad_start, resolvers = _BAD_START, _RESOLVERS
    for item in inner.split(", "):
        if not item or item[0] in bad_start or item[-1] == " " or "," in item:
            return None
        if item[0] in resolvers and not (len(item) > 5 and item[0].isalpha()):
            items.append(_plain(item, line, column))
        else:
            items.append(YNode(item, line, column, item))
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
    if key not in _GOOD_KEYS:
        _check_key(key)
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
