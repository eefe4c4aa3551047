"""Abstract argumentation frameworks in the ICCMA formats: i23, apx and tgf.

* **i23** (ICCMA 2023): ``p af N``, then one attack ``a b`` per line with arguments ``1..N``;
  lines starting with ``#`` are comments. We write the original argument names as ``# name``
  lines in argument order, the convention of the ICCMA'23 converters.
* **apx** (ASPARTIX): facts ``arg(a).`` and ``att(a,b).``; ``%`` starts a comment. Names that
  are not plain ASP constants are written as quoted strings.
* **tgf** (trivial graph format): one argument per line, a line ``#``, then ``a b`` attacks.

Parse errors are :class:`~argmap.errors.MapError` with ``FILE:LINE:COL`` diagnostics. The i23
reader parses well-formed files in large vectorised chunks (a million arguments and three
million attacks take seconds) and re-reads a malformed file line by line to locate every error.

>>> fw = parse_i23("p af 3\\n1 2\\n2 3\\n")
>>> fw.arguments, fw.attacks
(('1', '2', '3'), [('1', '2'), ('2', '3')])
>>> print(dump_apx(fw), end="")
arg(1).
arg(2).
arg(3).
att(1,2).
att(2,3).
"""

from __future__ import annotations

import os
import re
from array import array
from dataclasses import replace
from pathlib import Path

from argmap.analysis.framework import Framework, map_to_framework
from argmap.errors import ArgmapError, Diagnostic, Location, MapError
from argmap.io import InputError, read_input
from argmap.model import ArgumentMap, Claim, Relation, Text

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "dump",
    "dump_apx",
    "dump_apx_map",
    "dump_i23",
    "dump_i23_map",
    "dump_map",
    "dump_tgf",
    "dump_tgf_map",
    "format_of",
    "framework_to_map",
    "load_framework",
    "parse",
    "parse_apx",
    "parse_i23",
    "parse_tgf",
    "read_apx_map",
    "read_i23_map",
    "read_tgf_map",
]

FORMATS = ("i23", "apx", "tgf")
#: file suffix -> format; ICCMA'23 instances are usually named ``*.af``
SUFFIXES = {".i23": "i23", ".af": "i23", ".apx": "apx", ".tgf": "tgf"}
_MAX_ERRORS = 50
_CHUNK = 1 << 23  # characters per vectorised chunk


def format_of(path: str | os.PathLike[str]) -> str | None:
    """The framework format a file name announces, or None for anything else (a map)."""
    return SUFFIXES.get(Path(path).suffix.lower())


def load_framework(path: str | os.PathLike[str], fmt: str | None = None) -> Framework:
    """Read an abstract framework file; the format follows the suffix unless given."""
    fmt = fmt or format_of(path)
    if fmt not in FORMATS:
        raise ArgmapError(f"{path}: not a framework file (use .i23, .af, .apx or .tgf)")
    name = str(path)
    try:
        data = read_input(path)
    except InputError as exc:
        raise MapError.single(str(exc), Location(name)) from None
    except OSError as exc:
        raise MapError.single(f"cannot read {name}: {exc.strerror}", Location(name)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise MapError.single("file is not UTF-8", Location(name, line, col)) from None
    return parse(text, fmt, name)


def parse(text: str, fmt: str, file: str = "<string>") -> Framework:
    """Parse framework ``text`` in format ``fmt``. An i23 file's arguments take the names of
    the ``# name`` lines after its header when there is one for each (as ``import`` reads
    them, and as argmap's own i23 export writes them)."""
    if fmt == "i23":
        return parse_i23(text, file, names_from_comments=True)
    if fmt == "apx":
        return parse_apx(text, file)
    if fmt == "tgf":
        return parse_tgf(text, file)
    raise ArgmapError(f"unknown framework format '{fmt}' (use {', '.join(FORMATS)})")


# ---------------------------------------------------------------------------------------------
# i23

_HEADER = re.compile(r"(?:[ \t\r]*(?:#[^\n]*)?\n)*[ \t]*p[ \t]+af[ \t]+([0-9]+)[ \t\r]*(?:\n|\Z)")
_BAD_I23_LINE = re.compile(
    r"^(?![ \t]*[0-9]+[ \t]+[0-9]+[ \t\r]*$)(?![ \t\r]*$)(?![ \t]*#).*$", re.M
)
_COMMENT_LINE = re.compile(r"^[ \t]*#.*$", re.M)
_NUMBER = re.compile(r"[0-9]+")
_ONE = 1
#: The most arguments an i23 header may announce. Its arguments need not appear in an attack,
#: so the header alone decides what a read allocates; this bounds it (about 1 GB to evaluate).
MAX_ARGUMENTS = 2_000_000


def parse_i23(text: str, file: str = "<string>", names_from_comments: bool = False) -> Framework:
    """Parse an ICCMA'23 framework; arguments are named ``"1"`` to ``"N"``.

    With ``names_from_comments`` the ``# name`` lines right after the header (as
    :func:`dump_i23` writes them) name the arguments when there are exactly N distinct ones.
    """
    header = _HEADER.match(text)
    if header is None:
        raise MapError(_i23_errors(text, file))
    n = int(header.group(1)) if len(header.group(1)) <= 10 else MAX_ARGUMENTS + 1
    if n > MAX_ARGUMENTS:
        line = text.count("\n", 0, header.start(1)) + 1
        col = header.start(1) - (text.rfind("\n", 0, header.start(1)) + 1) + 1
        raise MapError.single(
            f"the header announces {header.group(1)[:20]} arguments, over the limit of "
            f"{MAX_ARGUMENTS:,}",
            Location(file, line, col),
            "check the number, or split the framework",
        )
    src, dst = array("i"), array("i")
    start = header.end()
    length = len(text)
    lo, hi = n + 1, 0
    while start < length:
        end = text.find("\n", min(start + _CHUNK, length))
        end = length if end < 0 else end + 1
        chunk = text[start:end]
        if _BAD_I23_LINE.search(chunk):
            raise MapError(_i23_errors(text, file))
        if "#" in chunk:
            chunk = _COMMENT_LINE.sub("", chunk)
        try:
            values = array("i", map(int, chunk.split()))
        except (ValueError, OverflowError):  # a number too long for an argument
            raise MapError(_i23_errors(text, file)) from None
        if values:
            lo, hi = min(lo, min(values)), max(hi, max(values))
        src.extend(values[0::2])
        dst.extend(values[1::2])
        start = end
    if src and (lo < 1 or hi > n):
        raise MapError(_i23_errors(text, file))
    src = array("i", map(_ONE.__rsub__, src))
    dst = array("i", map(_ONE.__rsub__, dst))
    names: tuple[str, ...] = tuple(str(i) for i in range(1, n + 1))
    if names_from_comments:
        names = _comment_names(text[header.end() :], n) or names
    return Framework(names, src, dst)


def _comment_names(body: str, n: int) -> tuple[str, ...] | None:
    found: list[str] = []
    for line in body.split("\n", n + 1)[: n + 1]:
        if not line.startswith("#"):
            break
        found.append(line[1:].strip())
    if len(found) == n and len(set(found)) == n and all(found):
        return tuple(found)
    return None


def _i23_errors(text: str, file: str) -> list[Diagnostic]:
    """Every problem of a malformed i23 text, line by line."""
    errors: list[Diagnostic] = []

    def err(msg: str, line: int, col: int, hint: str | None = None) -> None:
        errors.append(Diagnostic(msg, Location(file, line, col), hint))

    n: int | None = None
    for lineno, raw in enumerate(text.split("\n"), 1):
        if len(errors) >= _MAX_ERRORS:
            break
        line = raw.rstrip("\r")
        if line.lstrip().startswith("#") or not line.strip():
            continue
        tokens = [(m.group(), m.start() + 1) for m in re.finditer(r"\S+", line)]
        if tokens[0][0] == "p":
            if n is not None:
                err("a second 'p af' line", lineno, tokens[0][1], "the header comes once")
                continue
            if len(tokens) < 2 or tokens[1][0] != "af":
                col = tokens[1][1] if len(tokens) > 1 else len(line) + 1
                err("expected 'af' after 'p'", lineno, col, "the header is 'p af N'")
            elif len(tokens) < 3 or not _NUMBER.fullmatch(tokens[2][0]):
                col = tokens[2][1] if len(tokens) > 2 else len(line) + 1
                err("expected the number of arguments after 'p af'", lineno, col)
            elif len(tokens) > 3:
                err(f"unexpected '{tokens[3][0]}' after the header", lineno, tokens[3][1])
            n = int(tokens[2][0][:12]) if len(tokens) > 2 and _NUMBER.fullmatch(tokens[2][0]) else 0
            continue
        if n is None:
            err("expected the header 'p af N' first", lineno, tokens[0][1])
            n = 0
            continue
        if len(tokens) != 2:
            col = tokens[2][1] if len(tokens) > 2 else len(line) + 1
            what = "an extra token" if len(tokens) > 2 else "only one argument"
            err(
                f"an attack line has two arguments, this one has {what}",
                lineno,
                col,
                "write 'ATTACKER ATTACKED'",
            )
            continue
        for token, col in tokens:
            if not _NUMBER.fullmatch(token):
                err(f"'{token}' is not an argument number", lineno, col, "arguments are 1..N")
            elif n and (len(token) > 12 or not 1 <= int(token) <= n):
                err(f"argument {token[:20]} is out of range 1..{n}", lineno, col)
    if n is None:
        line = text.count("\n") + 1
        err("no 'p af N' header", line if text.strip() else 1, 1, "start the file with 'p af N'")
    return errors or [Diagnostic("malformed i23 file", Location(file))]


def dump_i23(fw: Framework, names: bool = True) -> str:
    """``fw`` as i23 text, with ``# name`` lines in argument order unless ``names`` is False."""
    parts = [f"p af {len(fw)}\n"]
    if names:
        parts.extend(f"# {name}\n" for name in fw.arguments)
    parts.extend(f"{a + 1} {b + 1}\n" for a, b in fw.pairs())
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# apx

_NAME = r'(?:"(?:[^"\\\n]|\\.)*"|[A-Za-z0-9_\'\-]+)'
_APX_TOKEN = re.compile(
    rf"(?P<ws>\s+)|(?P<comment>%[^\n]*)"
    rf"|arg\(\s*(?P<arg>{_NAME})\s*\)\s*\."
    rf"|att\(\s*(?P<src>{_NAME})\s*,\s*(?P<dst>{_NAME})\s*\)\s*\."
    rf"|support\(\s*(?P<supporter>{_NAME})\s*,\s*(?P<supported>{_NAME})\s*\)\s*\."
    # facts without arguments (baf., d_prefex., ground.) choose what ASPARTIX's encodings
    # compute; they say nothing about the framework
    r"|(?P<directive>[a-z][A-Za-z0-9_]*\s*\.)"
    r"|(?P<bad>[^\s%]+)"
)
_PLAIN_CONSTANT = re.compile(r"[a-z][A-Za-z0-9_]*|0|[1-9][0-9]*")


def _unquote(name: str) -> str:
    if name.startswith('"'):
        return re.sub(r"\\(.)", r"\1", name[1:-1])
    return name


def _quote(name: str) -> str:
    if _PLAIN_CONSTANT.fullmatch(name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Lines:
    """Offset -> (line, column) for error messages, computed only when there is an error."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        import bisect

        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


def parse_apx(text: str, file: str = "<string>") -> Framework:
    """Parse ASPARTIX facts ``arg(a).`` and ``att(a,b).``, and a bipolar framework's
    ``support(a,b).`` (after ``baf.``); every argument must be declared. Facts without
    arguments (``baf.``, ``d_prefex.``) are ASPARTIX's switches and are passed over."""
    index: dict[str, int] = {}
    names: list[str] = []
    src, dst = array("i"), array("i")
    pending: list[tuple[str, str, int, int, int]] = []  # attacks naming later arguments
    supports: list[tuple[str, str, int, int]] = []
    bad: list[tuple[int, str]] = []
    for m in _APX_TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "arg":
            name = _unquote(m.group("arg"))
            if name not in index:
                index[name] = len(names)
                names.append(name)
        elif kind == "dst":
            a, b = _unquote(m.group("src")), _unquote(m.group("dst"))
            ia, ib = index.get(a), index.get(b)
            if ia is None or ib is None:
                pending.append((a, b, m.start("src"), m.start("dst"), len(src)))
                src.append(-1)
                dst.append(-1)
            else:
                src.append(ia)
                dst.append(ib)
        elif kind == "supported":
            a, b = _unquote(m.group("supporter")), _unquote(m.group("supported"))
            supports.append((a, b, m.start("supporter"), m.start("supported")))
        elif kind == "bad":
            bad.append((m.start(), m.group()))
    errors: list[Diagnostic] = []
    lines: _Lines | None = None
    if bad or pending or any(a not in index or b not in index or a == b for a, b, _, _ in supports):
        lines = _Lines(text)
    for offset, token in bad[:_MAX_ERRORS]:
        line, col = lines.at(offset)  # type: ignore[union-attr]
        what = token if len(token) <= 20 else token[:20] + "…"
        errors.append(
            Diagnostic(
                f"unexpected '{what}'",
                Location(file, line, col),
                "facts are 'arg(NAME).', 'att(NAME,NAME).' and 'support(NAME,NAME).'",
            )
        )
    named = [("attack", a, b, oa, ob) for a, b, oa, ob, _ in pending]
    named += [("support", a, b, oa, ob) for a, b, oa, ob in supports]
    for what, a, b, off_a, off_b in named:
        for name, offset in ((a, off_a), (b, off_b)):
            if name not in index:
                line, col = lines.at(offset)  # type: ignore[union-attr]
                errors.append(
                    Diagnostic(
                        f"{what} names undeclared argument '{name}'",
                        Location(file, line, col),
                        f"declare it with 'arg({_quote(name)}).'",
                    )
                )
    for a, b, off_a, _ in supports:
        if a == b:  # a map cannot hold it (an attack on itself it can: allow_self_attacks)
            line, col = lines.at(off_a)  # type: ignore[union-attr]
            errors.append(
                Diagnostic(
                    f"argument '{a}' supports itself",
                    Location(file, line, col),
                    "an argument cannot support itself; leave the fact out",
                )
            )
    for a, b, _, _, k in pending:
        if a in index and b in index:
            src[k], dst[k] = index[a], index[b]
    if errors:
        raise MapError(sorted(errors, key=Diagnostic.sort_key)[:_MAX_ERRORS])
    support_pairs = tuple(dict.fromkeys((index[a], index[b]) for a, b, _, _ in supports))
    return Framework(tuple(names), src, dst, support_pairs)


def dump_apx(fw: Framework) -> str:
    """``fw`` as ASPARTIX facts, names quoted where they are not plain constants."""
    quoted = [_quote(name) for name in fw.arguments]
    parts = [f"arg({q}).\n" for q in quoted]
    parts.extend(f"att({quoted[a]},{quoted[b]}).\n" for a, b in fw.pairs())
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# tgf


def parse_tgf(text: str, file: str = "<string>") -> Framework:
    """Parse TGF: argument lines (first word is the name), ``#``, then attack lines."""
    index: dict[str, int] = {}
    names: list[str] = []
    src, dst = array("i"), array("i")
    errors: list[Diagnostic] = []
    in_attacks = False
    for lineno, raw in enumerate(text.split("\n"), 1):
        if len(errors) >= _MAX_ERRORS:
            break
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped:
            continue
        if stripped == "#":
            if in_attacks:
                errors.append(Diagnostic("a second '#' line", Location(file, lineno, 1)))
            in_attacks = True
            continue
        tokens = [(m.group(), m.start() + 1) for m in re.finditer(r"\S+", line)]
        if not in_attacks:
            name, col = tokens[0]
            if name in index:
                errors.append(
                    Diagnostic(f"argument '{name}' is listed twice", Location(file, lineno, col))
                )
                continue
            index[name] = len(names)
            names.append(name)
            continue
        if len(tokens) < 2:
            errors.append(
                Diagnostic(
                    "an attack line needs two arguments",
                    Location(file, lineno, len(line) + 1),
                    "write 'ATTACKER ATTACKED'",
                )
            )
            continue
        ok = True
        for name, col in tokens[:2]:
            if name not in index:
                errors.append(
                    Diagnostic(
                        f"attack names unknown argument '{name}'",
                        Location(file, lineno, col),
                        "list every argument before the '#' line",
                    )
                )
                ok = False
        if ok:
            src.append(index[tokens[0][0]])
            dst.append(index[tokens[1][0]])
    if errors:
        raise MapError(errors)
    return Framework(tuple(names), src, dst)


def dump_tgf(fw: Framework) -> str:
    """``fw`` as TGF. Names with white space cannot be written."""
    for name in fw.arguments:
        if not name or any(ch.isspace() for ch in name) or name == "#":
            raise ArgmapError(f"argument name {name!r} cannot be written to TGF")
    names = fw.arguments
    parts = [f"{name}\n" for name in names]
    parts.append("#\n")
    parts.extend(f"{names[a]} {names[b]}\n" for a, b in fw.pairs())
    return "".join(parts)


def dump(fw: Framework, fmt: str) -> str:
    """``fw`` in format ``fmt`` (i23, apx or tgf)."""
    if fmt == "i23":
        return dump_i23(fw)
    if fmt == "apx":
        return dump_apx(fw)
    if fmt == "tgf":
        return dump_tgf(fw)
    raise ArgmapError(f"unknown framework format '{fmt}' (use {', '.join(FORMATS)})")


def dump_map(amap: ArgumentMap, fmt: str = "i23", support: str = "necessary") -> str:
    """The Dung framework of ``amap`` (see :func:`map_to_framework`) in format ``fmt``."""
    return dump(map_to_framework(amap, support).framework, fmt)


def framework_to_map(fw: Framework) -> ArgumentMap:
    """An abstract framework as a map: one plain claim per argument, attacks as ``opposes``
    and a bipolar framework's supports as ``supports``.

    The claim's text is the argument's name; repeated attacks become one relation.
    """
    names = fw.arguments
    claims = {name: Claim(name, Text.of(name)) for name in names}
    relations: dict[str, Relation] = {}
    pairs = [(a, b, "opposes") for a, b in fw.pairs()]
    pairs += [(a, b, "supports") for a, b in fw.supports]
    for a, b, rtype in pairs:
        rid = Relation.auto_id((names[a],), names[b], rtype)
        if rid not in relations:
            relations[rid] = Relation(rid, (names[a],), names[b], rtype)
    return ArgumentMap(claims=claims, relations=tuple(relations.values()))


# -- the registry's loaders and dumpers: (text, filename) -> map, (map, lang) -> text ------------
_ID = re.compile(r"^[\w\-.:]+$")


def _as_map(fw: Framework, filename: str) -> ArgumentMap:
    """:func:`framework_to_map`, with names that are not valid claim ids made into ones."""
    amap = framework_to_map(fw)
    rename: dict[str, str] = {}
    taken = {cid for cid in amap.claims if _ID.match(cid)}
    for cid in amap.claims:
        if not _ID.match(cid):
            base = re.sub(r"[^\w\-.:]+", "_", cid).strip("_") or "arg"
            new, n = base, 1
            while new in taken:
                n += 1
                new = f"{base}-{n}"
            taken.add(new)
            rename[cid] = new
    if rename:
        claims = {
            rename.get(c.id, c.id): replace(c, id=rename.get(c.id, c.id))
            for c in amap.claims.values()
        }
        relations = []
        for rel in amap.relations:
            premises = tuple(rename.get(p, p) for p in rel.premises)
            target = rename.get(rel.target, rel.target)
            rid = Relation.auto_id(premises, target, rel.type)
            relations.append(replace(rel, id=rid, premises=premises, target=target))
        amap = replace(amap, claims=claims, relations=tuple(relations))
    return replace(amap, files=(filename,))


def read_i23_map(text: str, filename: str) -> ArgumentMap:
    """An ``i23`` framework as a map of plain arguments (``# name`` lines name them)."""
    return _as_map(parse_i23(text, filename, names_from_comments=True), filename)


def read_apx_map(text: str, filename: str) -> ArgumentMap:
    """An ``apx`` framework as a map of plain arguments attacking each other."""
    return _as_map(parse(text, "apx", filename), filename)


def read_tgf_map(text: str, filename: str) -> ArgumentMap:
    """A ``tgf`` framework as a map of plain arguments attacking each other."""
    return _as_map(parse(text, "tgf", filename), filename)


def dump_i23_map(amap: ArgumentMap, lang: str | None = None) -> str:
    """The map's evaluation framework in ``i23`` form (names as ``#`` lines)."""
    return dump_map(amap, "i23")


def dump_apx_map(amap: ArgumentMap, lang: str | None = None) -> str:
    """The map's evaluation framework as ASPARTIX ``apx`` facts."""
    return dump_map(amap, "apx")


def dump_tgf_map(amap: ArgumentMap, lang: str | None = None) -> str:
    """The map's evaluation framework in trivial graph format."""
    return dump_map(amap, "tgf")
