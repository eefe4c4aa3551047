"""The views of a :class:`~argmap.analysis.diff.MapDiff`: text for a terminal (coloured or
plain), Markdown for a pull request, the JSON change document, and the one-line ``--stat``.

Texts are compared word by word, or character by character in languages written without spaces
(Japanese, Chinese, Korean, Thai) and in any text with no space in it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any

from argmap.analysis.diff import FieldChange, MapDiff, Section
from argmap.model import ArgumentMap, Relation, Text

#: The version of the JSON change document (docs/cli.md); bumped on any change of its shape.
SCHEMA_VERSION = 1
_UNSPACED = ("ja", "zh", "ko", "th", "lo", "km", "my")
_WORD = re.compile(r"\s+|\w+|[^\w\s]")
_VERB = {"supports": "supports", "opposes": "opposes", "undercuts": "undercuts"}
#: The fields whose changes are shown as a word diff.
_TEXTS = ("text", "quote", "note", "name", "title", "question", "description")


def word_diff(old: str, new: str, lang: str | None = None) -> list[tuple[str, str]]:
    """``old`` → ``new`` as ``(op, text)`` pieces, op one of ``=``, ``-`` and ``+``.

    >>> word_diff("open models are safer", "open models are riskier")
    [('=', 'open models are '), ('-', 'safer'), ('+', 'riskier')]
    >>> word_diff("安全性は高まる", "安全性は下がる", "ja")
    [('=', '安全性は'), ('-', '高ま'), ('+', '下が'), ('=', 'る')]
    """
    by_char = (lang or "").split("-")[0] in _UNSPACED or not (" " in old or " " in new)
    a = list(old) if by_char else _WORD.findall(old)
    b = list(new) if by_char else _WORD.findall(new)
    out: list[tuple[str, str]] = []

    def put(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            put("=", "".join(a[i1:i2]))
        else:
            put("-", "".join(a[i1:i2]))
            put("+", "".join(b[j1:j2]))
    return out


def _plain(value: Any) -> Any:
    """A field value as JSON data."""
    if isinstance(value, Text):
        return value.to_data() if value else None
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _shown(value: Any) -> str:
    if value is None or value == () or value == "":
        return "(none)"
    if isinstance(value, tuple):
        return ", ".join(str(_shown(v)) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _relation_words(amap: ArgumentMap, rel: Relation) -> str:
    return f"{' & '.join(rel.premises)} {_VERB[rel.type]} {rel.target}"


class _Writer:
    """The text and Markdown views share their order and wording; they differ in marks."""

    def __init__(self, d: MapDiff, lang: str | None, markdown: bool, color: bool) -> None:
        self.d, self.lang, self.md, self.color = d, lang, markdown, color
        self.lines: list[str] = []

    # -- marks -------------------------------------------------------------------------------
    def paint(self, text: str, fg: str) -> str:
        if not self.color:
            return text
        import click

        return click.style(text, fg=fg)

    def user(self, text: str) -> str:
        if self.md:
            from argmap.formats.markdown import md_escape

            return md_escape(text)
        return " ".join(text.split())

    def code(self, text: str) -> str:
        return f"`{text}`" if self.md else text

    def heading(self, title: str, count: int) -> None:
        if self.md:
            self.lines += ["", f"### {title} ({count})", ""]
        else:
            self.lines += ["", self.paint(f"{title} ({count})", "bright_white")]

    def item(self, mark: str, text: str, depth: int = 0) -> None:
        if self.md:
            self.lines.append("  " * depth + f"- {text}")
        else:
            fg = {"+": "green", "-": "red", "~": "yellow", " ": "white"}[mark]
            self.lines.append("  " * (depth + 1) + self.paint(mark, fg) + " " + text)

    def pieces(self, parts: list[tuple[str, str]]) -> str:
        out = []
        for op, text in parts:
            text = re.sub(r"\s", " ", text)
            if self.md:
                from argmap.formats.markdown import md_escape

                core = text.strip()
                lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
                text = lead + (md_escape(core) if core else "") + trail
            if op == "=" or not text.strip():
                out.append(text)
            elif self.md:
                core = text.strip()
                lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
                out.append(lead + (f"~~{core}~~" if op == "-" else f"**{core}**") + trail)
            elif self.color:
                out.append(self.paint(text, "red" if op == "-" else "green"))
            else:
                out.append(f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
        return "".join(out)

    # -- content -----------------------------------------------------------------------------
    def claim_text(self, amap: ArgumentMap, cid: str) -> str:
        claim = amap.claims[cid]
        return self.user(amap.text(claim.text, self.lang))

    def field(self, change: FieldChange) -> str:
        name = change.field + (f" ({change.lang})" if change.lang else "")
        if isinstance(change.old, str) and isinstance(change.new, str) and change.field in _TEXTS:
            return f"{name}: {self.pieces(word_diff(change.old, change.new, change.lang))}"
        if isinstance(change.old, tuple) and isinstance(change.new, tuple):
            gone = [v for v in change.old if v not in change.new]
            came = [v for v in change.new if v not in change.old]
            moves = [self.paint(f"+{v}", "green") for v in came]
            moves += [self.paint(f"-{v}", "red") for v in gone]
            if moves:
                return f"{name}: " + " ".join(moves)
        if change.field == "weight":
            old, new = _shown(change.old), _shown(change.new)
            old = "(default)" if change.old is None else old
            new = "(default)" if change.new is None else new
        else:
            old, new = self.user(_shown(change.old)), self.user(_shown(change.new))
        return f"{name}: {old} → {new}"

    def fields(self, changes: tuple[FieldChange, ...], depth: int) -> None:
        for change in changes:
            self.item(" ", self.field(change), depth)

    def section(self, title: str, section: Section, amap_new: ArgumentMap, what: str) -> None:
        old = self.d.old
        table_new = getattr(amap_new, what)
        table_old = getattr(old, what)
        name: Callable[[Any], str] = {
            "actors": lambda a: self.user(amap_new.text(a.name, self.lang)),
            "sources": lambda s: self.user(amap_new.text(s.title, self.lang)),
            "issues": lambda i: self.user(amap_new.text(i.question, self.lang)),
        }[what]
        total = len(section.added) + len(section.removed) + len(section.changed)
        if not total:
            return
        self.heading(title, total)
        for key in section.added:
            self.item("+", f"{self.code(key)}  {name(table_new[key])}")
        for key in section.removed:
            self.item("-", f"{self.code(key)}  {name(table_old[key])}")
        for change in section.changed:
            self.item("~", self.code(change.id))
            self.fields(change.fields, 1)

    def write(self) -> str:
        d, new, old = self.d, self.d.new, self.d.old
        if d.empty:
            return ""
        for change in d.map.changed:
            self.heading("Map", len(change.fields))
            self.fields(change.fields, 0)
        if d.claims.added:
            self.heading("Claims added", len(d.claims.added))
            for cid in d.claims.added:
                label = d.labels.get(cid, "")
                self.item("+", f"{self.code(cid)}  [{label}]  {self.claim_text(new, cid)}")
        if d.claims.removed:
            self.heading("Claims removed", len(d.claims.removed))
            for cid in d.claims.removed:
                self.item("-", f"{self.code(cid)}  {self.claim_text(old, cid)}")
        if d.renamed:
            self.heading("Claims renamed", len(d.renamed))
            for r in d.renamed:
                same = "same text" if r.similarity == 1 else f"texts {r.similarity:.0%} alike"
                self.item("~", f"{self.code(r.old)} → {self.code(r.new)}  ({same})")
        if d.claims.changed:
            self.heading("Claims changed", len(d.claims.changed))
            for change in d.claims.changed:
                self.item("~", f"{self.code(change.id)}  {self.claim_text(new, change.id)}")
                self.fields(change.fields, 1)
        if d.relations_added:
            self.heading("Relations added", len(d.relations_added))
            for rel in d.relations_added:
                self.item("+", self.relation(rel))
        if d.relations_removed:
            self.heading("Relations removed", len(d.relations_removed))
            for rel in d.relations_removed:
                self.item("-", self.relation(rel))
        if d.relations_changed:
            self.heading("Relations changed", len(d.relations_changed))
            for rc in d.relations_changed:
                self.item("~", self.relation(rc.new))
                self.fields(rc.fields, 1)
        self.section("Actors", d.actors, new, "actors")
        self.section("Sources", d.sources, new, "sources")
        self.section("Issues", d.issues, new, "issues")
        if d.statuses:
            self.heading("Verdicts changed", len(d.statuses))
            for s in d.statuses:
                move = f"{s.old} → {s.new}"
                move = self.paint(move, "green" if s.new == "in" else "red")
                self.item("~", f"{self.code(s.claim)}  {move}  {self.claim_text(new, s.claim)}")
                self.item(" ", f"because {self.user(s.because)}", 1)
        if d.strengths:
            self.heading("Largest strength changes (DF-QuAD)", len(d.strengths))
            for m in d.strengths:
                delta = m.new - m.old
                self.item("~", f"{self.code(m.claim)}  {m.old:.2f} → {m.new:.2f} ({delta:+.2f})")
        if d.positions:
            self.heading("Positions changed", len(d.positions))
            for p in d.positions:
                was = ", ".join(p.old) or "(none)"
                now = ", ".join(p.new) or "(none)"
                self.item("~", f"{self.code(p.actor)} on {self.code(p.issue)}: {was} → {now}")
        return "\n".join(self.lines).lstrip("\n") + "\n"

    def relation(self, rel: Relation) -> str:
        words = _relation_words(self.d.new, rel)
        return f"{self.code(rel.id)}  {words}" if rel.explicit_id else words


def format_changes(
    d: MapDiff, lang: str | None = None, color: bool = False, title: str | None = None
) -> str:
    """The text view: changes grouped by kind; empty for identical maps."""
    text = _Writer(d, lang, markdown=False, color=color).write()
    return (f"{title}\n\n" + text) if text and title else text


def changes_markdown(d: MapDiff, lang: str | None = None, title: str | None = None) -> str:
    """The Markdown view, for a pull request; empty for identical maps."""
    text = _Writer(d, lang, markdown=True, color=False).write()
    if not text:
        return ""
    from argmap.formats.markdown import md_escape

    head = f"## Map changes: {md_escape(title)}\n\n" if title else "## Map changes\n\n"
    return head + stat_line(d) + "\n\n" + text


def stat_line(d: MapDiff) -> str:
    """``--stat``: the counts of every kind of change on one line."""
    parts = []
    for what, n in d.counts().items():
        if n:
            noun, _, rest = what.partition(" ")
            if n == 1 and noun.endswith("s") and "," not in what:
                noun = noun[:-1]
            parts.append(f"{n} {noun} {rest}")
    return ", ".join(parts) if parts else "no changes"


def _section_data(section: Section) -> dict[str, Any]:
    return {
        "added": list(section.added),
        "removed": list(section.removed),
        "changed": [{"id": c.id, "fields": _fields_data(c.fields)} for c in section.changed],
    }


def _fields_data(changes: tuple[FieldChange, ...]) -> list[dict[str, Any]]:
    return [
        {"field": c.field, "lang": c.lang, "old": _plain(c.old), "new": _plain(c.new)}
        for c in changes
    ]


def _relation_data(rel: Relation) -> dict[str, Any]:
    return {
        "id": rel.id,
        "type": rel.type,
        "premises": list(rel.premises),
        "target": rel.target,
        "weight": rel.weight,
    }


def changes_data(d: MapDiff, old: str = "", new: str = "") -> dict[str, Any]:
    """The JSON change document (schema in docs/cli.md); every key is present, lists empty
    when nothing changed."""
    return {
        "argmap_diff": SCHEMA_VERSION,
        "old": old,
        "new": new,
        "same": d.empty,
        "stat": {k.replace(", ", " ").replace(" ", "_"): n for k, n in d.counts().items()},
        "map": _fields_data(d.map.changed[0].fields) if d.map.changed else [],
        "claims": {
            "added": [
                {"id": c, "text": d.new.claims[c].text.to_data(), "status": d.labels.get(c)}
                for c in d.claims.added
            ],
            "removed": [
                {"id": c, "text": d.old.claims[c].text.to_data()} for c in d.claims.removed
            ],
            "renamed": [
                {"old": r.old, "new": r.new, "similarity": r.similarity} for r in d.renamed
            ],
            "changed": [
                {"id": c.id, "old_id": c.old_id, "fields": _fields_data(c.fields)}
                for c in d.claims.changed
            ],
        },
        "relations": {
            "added": [_relation_data(r) for r in d.relations_added],
            "removed": [_relation_data(r) for r in d.relations_removed],
            "changed": [
                {"id": rc.new.id, "old_id": rc.old.id, "fields": _fields_data(rc.fields)}
                for rc in d.relations_changed
            ],
        },
        "actors": _section_data(d.actors),
        "sources": _section_data(d.sources),
        "issues": _section_data(d.issues),
        "consequences": {
            "statuses": [
                {"claim": s.claim, "old": s.old, "new": s.new, "because": s.because}
                for s in d.statuses
            ],
            "strengths": [
                {"claim": m.claim, "old": round(m.old, 6), "new": round(m.new, 6)}
                for m in d.strengths
            ],
            "positions": [
                {"actor": p.actor, "issue": p.issue, "old": list(p.old), "new": list(p.new)}
                for p in d.positions
            ],
        },
    }
