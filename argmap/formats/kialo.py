"""Kialo's discussion text export, read in both of its layouts (:mod:`.kialo_export` writes the
older one).

::

    Discussion Title: Should the city adopt a congestion charge?

    1. The city should adopt a congestion charge.
    1.1. Pro: Charges cut traffic in comparable cities.[1]
    1.1.1. Con: Those cities had better public transport.
    1.2. Con: -> See 1.1.1.

    Sources:
    [1] https://example.org/study

Each entry ``N.N.… Pro|Con: text`` becomes a claim (id ``k`` + its number, e.g. ``k1.1``) that
supports (Pro) or opposes (Con) its parent, the entry whose number drops the last part. ``-> See
N.N.`` reuses an existing claim instead of writing it again. Lines that start no entry continue the
one above; blank lines are tolerated; ``\\[`` and friends are unescaped; ``[n]`` footnote markers
link the claim to source ``sn`` of the trailing ``Sources:`` section. A title that asks a
question becomes an issue the thesis answers.

Kialo's newer layout is read too: ``Discussion Name:`` with the title on the next line, ``1.
Thesis:`` and ``1.1. Con:`` with their text (or ``-> See N.``) on the lines after them, entries
indented by depth. The thesis loses its ``Thesis:`` label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.errors import DiagnosticSink, Location
from argmap.model import ArgumentMap, Claim, Issue, Relation, Source, Text

_TITLE = re.compile(r"^\s*Discussion (?:Title|Name):\s*(.*)$")
_THESIS = re.compile(r"^Thesis:\s*")
_ENTRY = re.compile(r"^\s*(1\.(?:\d+\.)*)(?:\s+|$)(?:(Pro|Con)\s*:\s*)?(.*)$")
_SEE = re.compile(r"^->\s*See\s+((?:\d+\.)+)\s*$")
_SOURCES = re.compile(r"^\s*Sources\s*:\s*$")
_SOURCE_ITEM = re.compile(r"^\s*(?:\[(\d+)\]|(\d+)[.)])\s*(.*)$")
_FOOTNOTE = re.compile(r"(?<!\\)\[(\d+)\](?!\()")
_MARKERS = re.compile(r"(?:[ \t]*(?<!\\)\[\d+\](?!\())+[ \t]*")  # a run of them, spaces around
#: the characters a backslash escapes (``\\[`` reads as ``[``); the exporter escapes the few
#: a round trip needs
ESCAPABLE = "\\`*_{}[]()#+-.!<>|~"
_ESCAPE = re.compile(r"\\([" + re.escape(ESCAPABLE) + "])")
_URL = re.compile(r"https?://\S+")


@dataclass
class _Entry:
    number: str
    stance: str | None
    lines: list[str]
    line: int
    column: int
    see: str | None = None
    notes: list[str] = field(default_factory=list)


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def _unmark(m: re.Match[str]) -> str:
    """What stays where footnote markers stood: one space between two words they split
    (``opposed [1] calls``), nothing before punctuation or the end (``unfeasible [1].``)."""
    after = m.string[m.end() : m.end() + 1]
    spaced = m.group(0)[:1] in " \t" or m.group(0)[-1:] in " \t"
    return " " if spaced and after and after not in ".,;:!?)\n" and m.start() else ""


def _clean(lines: list[str]) -> tuple[str, list[str]]:
    """The entry's text (paragraphs kept, footnote markers removed) and its footnote numbers."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    raw = "\n".join(line.rstrip() for line in lines).strip()
    notes = list(dict.fromkeys(_FOOTNOTE.findall(raw)))
    raw = _MARKERS.sub(_unmark, raw)
    raw = re.sub(r"\n{3,}", "\n\n", raw)
    return _unescape(raw).strip(), notes


def read_kialo(text: str, filename: str = "<kialo>") -> ArgumentMap:
    """The map in a Kialo text export; MapError listing every problem at FILE:LINE:COL.

    The import check of the map is ``Format.load``'s.

    >>> m = read_kialo("Discussion Title: T\\n\\n1. Thesis\\n1.1. Pro: Reason\\n", "t.txt")
    >>> [r.id for r in m.relations]
    ['k1.1+>k1']
    """
    sink = DiagnosticSink()
    title = ""
    entries: dict[str, _Entry] = {}
    order: list[_Entry] = []
    sources: dict[str, Source] = {}
    current: _Entry | None = None
    title_next = False  # 'Discussion Name:' with the title on the line after it
    in_sources = False
    last_source: str | None = None
    for lineno, line in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        if in_sources:
            m = _SOURCE_ITEM.match(line)
            if m:
                number = m.group(1) or m.group(2)
                body = _unescape(m.group(3).strip())
                sid = f"s{number}"
                url = _URL.search(body)
                sources[sid] = Source(
                    sid,
                    Text.of(body or sid),
                    url=url.group(0).rstrip(".,;)") if url else None,
                    loc=Location(filename, lineno, 1),
                )
                last_source = sid
            elif line.strip() and last_source:
                old = sources[last_source]
                body = old.title.get() + " " + _unescape(line.strip())
                url = old.url or (m2.group(0) if (m2 := _URL.search(line)) else None)
                sources[last_source] = Source(old.id, Text.of(body), url=url, loc=old.loc)
            elif line.strip():
                sink.error(
                    "unexpected line in the Sources section",
                    Location(filename, lineno, 1),
                    "sources are written '[1] text'",
                )
            continue
        if not title and not entries:
            m = _TITLE.match(line)
            if m:
                title = _unescape(m.group(1).strip())
                title_next = not title
                continue
            if title_next and line.strip() and not _ENTRY.match(line):
                title, title_next = _unescape(line.strip()), False
                continue
        if _SOURCES.match(line) and entries:
            in_sources = True
            current = None
            continue
        m = _ENTRY.match(line)
        if m:
            number, stance, body = m.group(1), m.group(2), m.group(3)
            if number == "1." and stance is None:
                body = _THESIS.sub("", body)
            column = line.index(number) + 1
            entry = _Entry(number, stance, [body], lineno, column)
            see = _SEE.match(body.strip())
            if see:
                entry.see = see.group(1)
            if number in entries:
                first = entries[number]
                sink.error(
                    f"entry {number} is already defined at line {first.line}",
                    Location(filename, lineno, column),
                    "every entry number must be unique",
                )
            else:
                entries[number] = entry
                order.append(entry)
            current = entry
            continue
        if not line.strip():
            if current is not None:
                current.lines.append("")
            continue
        if current is None:
            sink.error(
                "text before the first entry",
                Location(filename, lineno, 1),
                "a Kialo export starts with 'Discussion Title:' and then '1. THESIS'",
            )
            continue
        if current.see:
            sink.error(
                f"entry {current.number} links with '-> See' and cannot have more text",
                Location(filename, lineno, 1),
            )
            continue
        see = _SEE.match(line.strip())
        if see and not "".join(current.lines).strip():  # the link on the line after 'N. Con:'
            current.see = see.group(1)
            continue
        current.lines.append(line.strip())
    if not order:
        sink.error(
            "no Kialo entries found",
            Location(filename, 1, 1),
            "entries look like '1. Thesis' and '1.1. Pro: reason'",
        )
    sink.raise_if_errors()

    def at(entry: _Entry) -> Location:
        return Location(filename, entry.line, entry.column)

    claims: dict[str, Claim] = {}
    claim_of: dict[str, str] = {}  # entry number -> claim id
    for entry in order:
        if entry.see:
            continue
        cid = "k" + entry.number.rstrip(".")
        body, notes = _clean(entry.lines)
        if not body:
            sink.error(f"entry {entry.number} has no text", at(entry))
            continue
        for note in notes:
            if f"s{note}" not in sources:
                sink.error(
                    f"entry {entry.number} cites footnote [{note}], which the Sources section "
                    "does not list",
                    at(entry),
                )
        claims[cid] = Claim(
            cid,
            Text.of(body),
            source=tuple(f"s{n}" for n in notes if f"s{n}" in sources),
            loc=at(entry),
        )
        claim_of[entry.number] = cid

    def resolve(number: str, seen: frozenset[str] = frozenset()) -> str | None:
        if number in claim_of:
            return claim_of[number]
        entry = entries.get(number)
        if entry is None or entry.see is None or number in seen:
            return None
        return resolve(entry.see, seen | {number})

    relations: dict[str, Relation] = {}
    for entry in order:
        parts = entry.number.rstrip(".").split(".")
        if entry.see:
            target = resolve(entry.number)
            if entry.see not in entries:
                sink.error(
                    f"entry {entry.number} links to {entry.see}, which does not exist",
                    at(entry),
                )
                continue
            if target is None:
                sink.error(f"entry {entry.number} links in a circle", at(entry))
                continue
        if len(parts) == 1:
            if entry.stance:
                sink.error(
                    f"the thesis {entry.number} cannot be {entry.stance}",
                    at(entry),
                    "only replies (1.1., 1.2., …) are Pro or Con",
                )
            if entry.see:
                sink.error(f"the thesis {entry.number} cannot be a link", at(entry))
            continue
        parent = ".".join(parts[:-1]) + "."
        if parent not in entries:
            sink.error(
                f"entry {entry.number} has no parent entry {parent}",
                at(entry),
                "each reply's number extends its parent's",
            )
            continue
        if entry.stance is None:
            sink.error(
                f"entry {entry.number} is neither Pro nor Con",
                at(entry),
                f"write '{entry.number} Pro: …' or '{entry.number} Con: …'",
            )
            continue
        premise = resolve(entry.number)
        target = resolve(parent)
        if premise is None or target is None or premise == target:
            continue
        rtype = "supports" if entry.stance == "Pro" else "opposes"
        rid = Relation.auto_id((premise,), target, rtype)
        relations.setdefault(rid, Relation(rid, (premise,), target, rtype, loc=at(entry)))
    sink.raise_if_errors()
    issues: dict[str, Issue] = {}
    if title.endswith(("?", "？")) and order:
        issues["question"] = Issue("question", Text.of(title))
        thesis = [cid for num, cid in claim_of.items() if num.count(".") == 1]
        for cid in thesis:
            c = claims[cid]
            claims[cid] = Claim(c.id, c.text, source=c.source, answers="question", loc=c.loc)
    return ArgumentMap(
        title=Text.of(title) if title else Text(),
        sources=sources,
        issues=issues,
        claims=claims,
        relations=tuple(relations.values()),
        files=(filename,),
    )
