"""Kialo's discussion text, older ``Discussion Title:`` layout: what ``argmap export --to kialo``
writes, and what :func:`argmap.formats.kialo.read_kialo` reads back.

The layout is the one :mod:`argmap.formats.kialo` shows: numbered entries ``1.1.`` with
``Pro:``/``Con:``, ``-> See N.`` links, and a ``Sources:`` section of footnotes.

A Kialo discussion is one tree under one thesis. The thesis is the root (a claim that supports or
opposes nothing) from which the most claims can be reached, the first such root in map order on a
tie. Below it come the claims that support (``Pro``) or oppose (``Con``) each claim, depth first,
in the map's relation order, numbered by their place among their siblings; a claim met again is
written ``-> See N.`` with the number of its first entry. A linked relation puts each premise
under the target on its own. The title is the map's title, else the question of the issue the
thesis answers, else the thesis. ``\\``, and ``[ ] ( )`` outside Markdown links, are escaped, as
Kialo does; ``[n]`` markers cite source ``n`` of the trailing ``Sources:`` section, numbered in
order of first citation.

What Kialo cannot hold is left out with one :class:`argmap.errors.MapWarning` per kind of loss:
claims the thesis does not reach, undercuts, linked premises, actors, weights, kinds, tags,
quotes, notes, schemes, the sources of relations, issues, and the texts of other languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from argmap.errors import ArgmapError, Location, warn
from argmap.formats.kialo import _ENTRY, _SEE, _SOURCES, _THESIS
from argmap.model import ArgumentMap, Claim, Relation, Source

#: a Markdown link ``[text](https://…)``, one level of parentheses in the target
_LINK = re.compile(r"\[([^\[\]\n]*)\](\((?:[^()\s]|\([^()\s]*\))*\))")
_MARKUP = re.compile(r"[\[\]()]")
_PARENS = re.compile(r"[()]")
_STANCE = {"supports": "Pro", "opposes": "Con"}
_SHOWN = 5  # ids named in a warning


def escape(line: str) -> str:
    """One line of text as Kialo writes it: every backslash doubled, ``[ ] ( )`` escaped but
    for the brackets and target of a Markdown link, so that no ``[n]`` reads as a footnote marker.

    >>> print(escape(r"Cut 20 [percent] (see [a (b) c](https://x.org/a_(b))) \\o/"))
    Cut 20 \\[percent\\] \\(see [a \\(b\\) c](https://x.org/a_(b))\\) \\\\o/
    """
    line = line.replace("\\", "\\\\")
    out: list[str] = []
    end = 0
    for link in _LINK.finditer(line):
        out.append(_MARKUP.sub(r"\\\g<0>", line[end : link.start()]))
        label = _PARENS.sub(r"\\\g<0>", link.group(1))
        out.append(f"[{label}]{link.group(2)}")
        end = link.end()
    out.append(_MARKUP.sub(r"\\\g<0>", line[end:]))
    return "".join(out)


def _lines(text: str) -> list[str]:
    """A text's lines, stripped, runs of blank lines as one (as the importer reads them)."""
    lines: list[str] = []
    for line in text.strip().splitlines():
        line = line.strip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return lines


def _listed(ids: Iterable[str]) -> str:
    ids = list(ids)
    shown = ", ".join(f"'{i}'" for i in ids[:_SHOWN])
    return shown + (f" and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else "")


class _Writer:
    def __init__(self, amap: ArgumentMap, lang: str | None) -> None:
        self.amap = amap
        self.lang = lang or amap.default_language
        self.notes: dict[str, int] = {}  # source id -> its footnote number
        self.folded: list[str] = []  # claims with a text line that would start 'Sources:'
        # what bears on each claim, in relation order: (premise, stance), each pair once
        self.children: dict[str, list[tuple[str, str]]] = {}
        seen: set[tuple[str, str, str]] = set()
        for rel in amap.relations:
            if rel.type not in _STANCE or rel.target not in amap.claims:
                continue
            for premise in rel.premises:
                key = (premise, rel.target, rel.type)
                if premise in amap.claims and key not in seen:
                    seen.add(key)
                    self.children.setdefault(rel.target, []).append((premise, _STANCE[rel.type]))

    def text(self, claim: Claim) -> str:
        return self.amap.text(claim.text, self.lang)

    def thesis(self) -> str:
        """The root that reaches the most claims (the first in map order on a tie)."""
        amap = self.amap
        if not amap.claims:
            raise ArgmapError("the map has no claims; a Kialo discussion needs a thesis")
        bearing = {p for r in amap.claim_relations() if r.target in amap.claims for p in r.premises}
        roots = [cid for cid in amap.claims if cid not in bearing] or [next(iter(amap.claims))]
        reach = self.reach()
        best = roots[0]
        for root in roots:  # the first of the most reaching
            if reach[root] > reach[best]:
                best = root
        return best

    def reach(self) -> dict[str, int]:
        """How many claims each claim reaches through the claims under it (itself counted):
        one pass over the circles of the map in reverse topological order, each circle's reach
        kept as a bit set, so that many roots cost no more than one."""
        import networkx as nx

        index = {cid: k for k, cid in enumerate(self.amap.claims)}
        g = nx.DiGraph()
        g.add_nodes_from(index)
        g.add_edges_from((t, c) for t, under in self.children.items() for c, _ in under)
        circles = nx.condensation(g)
        bits: dict[int, int] = {}
        for node in reversed(list(nx.topological_sort(circles))):
            found = 0
            for cid in circles.nodes[node]["members"]:
                found |= 1 << index[cid]
            for below in circles.successors(node):
                found |= bits[below]
            bits[node] = found
        mapping = circles.graph["mapping"]
        return {cid: bits[mapping[cid]].bit_count() for cid in index}

    def body(self, claim: Claim, thesis: bool) -> list[str]:
        """The entry's text lines, escaped, with its footnote markers at the end."""
        lines = _lines(self.text(claim)) or [claim.id]
        out: list[str] = []
        for n, line in enumerate(lines):
            line = escape(line)
            if n and (_ENTRY.match(line) or _SOURCES.match(line)):
                if _SOURCES.match(line):  # no escape keeps it from ending the entries
                    self.folded.append(claim.id)
                    while not out[-1]:  # the first line never is empty
                        out.pop()
                    out[-1] = f"{out[-1]} {line}"
                    continue
                line = line.replace("1.", "1\\.", 1)
            out.append(line)
        if _SEE.match(out[0]):
            out[0] = "\\" + out[0]
        if thesis and (_THESIS.match(out[0]) or re.match(r"(?:Pro|Con)\s*:", out[0])):
            out[0] = "Thesis: " + out[0]  # the importer takes one 'Thesis:' label off
        marks = ""
        for sid in claim.source:
            if sid in self.amap.sources:
                marks += f"[{self.notes.setdefault(sid, len(self.notes) + 1)}]"
        if marks:
            out[-1] += (" " if out[-1].endswith("\\") or not out[-1] else "") + marks
        return out

    def write(self) -> str:
        amap = self.amap
        root = self.thesis()
        thesis = amap.claims[root]
        title = self.title(thesis)
        out = [f"Discussion Title: {escape(' '.join(title.split()))}", ""]
        first: dict[str, str] = {root: "1."}  # claim -> the number of its entry
        lines = self.body(thesis, thesis=True)
        out += [f"1. {lines[0]}", *lines[1:]]
        stack = [("1.", enumerate(self.children.get(root, ()), 1))]
        while stack:
            number, children = stack[-1]
            step = next(children, None)
            if step is None:
                stack.pop()
                continue
            pos, (cid, stance) = step
            entry = f"{number}{pos}."
            if cid in first:
                out.append(f"{entry} {stance}: -> See {first[cid]}")
                continue
            first[cid] = entry
            lines = self.body(amap.claims[cid], thesis=False)
            out += [f"{entry} {stance}: {lines[0]}", *lines[1:]]
            stack.append((entry, enumerate(self.children.get(cid, ()), 1)))
        if self.notes:
            out += ["", "Sources:"]
            out += [f"[{n}] {self.source(amap.sources[sid])}" for sid, n in self.notes.items()]
        self.report(root, title, set(first))
        return "\n".join(out) + "\n"

    def title(self, thesis: Claim) -> str:
        amap = self.amap
        if amap.title:
            return amap.text(amap.title, self.lang)
        issue = amap.issues.get(thesis.answers or "")
        if issue is not None:
            return amap.text(issue.question, self.lang)
        return self.text(thesis)

    def source(self, source: Source) -> str:
        """A source as one footnote line: title, (author, publisher, date), url."""
        text = " ".join(self.amap.text(source.title, self.lang).split())
        details = [d for d in (source.author, source.publisher, source.date) if d]
        if details:
            text += f" ({', '.join(details)})"
        if source.url and source.url not in text:
            text += f" {source.url}"
        return " ".join(text.split()).replace("\\", "\\\\")

    def report(self, root: str, title: str, written: set[str]) -> None:
        """One MapWarning per kind of thing Kialo cannot hold, at the first such item."""
        amap = self.amap
        claims = [c for c in amap.claims.values() if c.id in written]
        rels = [r for r in amap.claim_relations() if r.target in written]  # so are their premises
        lost: list[tuple[str, list[Claim | Relation], str | None]] = []

        def add(what: str, items: list, hint: str | None = None) -> None:
            if items:
                lost.append((what, items, hint))

        left = [c for c in amap.claims.values() if c.id not in written]
        add(
            f"{{n}} claims the thesis '{root}' does not reach are left out ({{ids}}), with the "
            "relations they are part of",
            left,
            "a Kialo discussion has one thesis; export another part with "
            "--focus CLAIM --direction down",
        )
        add(
            "{n} undercuts are left out ({ids})",
            [r for r in amap.relations if r.type == "undercuts"],
            "Kialo's replies are Pro or Con of a claim, never of a step",
        )
        add(
            "{n} linked relations lose their link: each premise is a reason of its own ({ids})",
            [r for r in rels if r.linked],
        )
        add("the kinds of {n} claims are left out ({ids})", [c for c in claims if c.kind != "fact"])
        add(
            "the actors of {n} claims and relations are left out ({ids})",
            [x for x in (*claims, *rels) if x.by],
        )
        add(
            "the weights of {n} claims and relations are left out ({ids})",
            [x for x in (*claims, *rels) if x.weight is not None],
        )
        add("the tags of {n} claims are left out ({ids})", [c for c in claims if c.tags])
        add(
            "the quotes and notes of {n} claims are left out ({ids})",
            [c for c in claims if c.quote or c.note],
        )
        add(
            "the schemes, sources and notes of {n} relations are left out ({ids})",
            [r for r in rels if r.scheme or r.source or r.note],
        )
        add(
            "{n} claims with a text line 'Sources:' have it joined to the line above ({ids})",
            [amap.claims[cid] for cid in dict.fromkeys(self.folded)],
        )
        kept = amap.claims[root].answers
        issues = [
            i
            for i in amap.issues.values()
            if not (i.id == kept and amap.text(i.question, self.lang) == title)
        ]
        add("{n} issues are left out ({ids})", issues)
        for what, items, hint in lost:
            ids = _listed(getattr(x, "id", "") for x in items)
            warn("kialo: " + what.format(n=len(items), ids=ids), _at(items), hint)
        others = [lang for lang in amap.languages if lang != self.lang]
        if others:
            warn(
                f"kialo: texts in {', '.join(others)} are left out; Kialo holds one language "
                f"(written: {self.lang})",
                None,
                "pick the language with --lang",
            )


def _at(items: list) -> Location | None:
    return next((x.loc for x in items if getattr(x, "loc", None) is not None), None)


def dump_kialo(amap: ArgumentMap, lang: str | None = None) -> str:
    """The map as a Kialo discussion text (older layout); texts in ``lang`` (default: the map's
    first language). What Kialo cannot hold is reported as MapWarnings.

    >>> from argmap.model import Claim, Relation, Text
    >>> m = ArgumentMap(
    ...     claims={"t": Claim("t", Text.of("Tax sugar.")), "r": Claim("r", Text.of("It works."))},
    ...     relations=(Relation("r+>t", ("r",), "t", "supports"),),
    ... )
    >>> print(dump_kialo(m), end="")
    Discussion Title: Tax sugar.
    <BLANKLINE>
    1. Tax sugar.
    1.1. Pro: It works.
    """
    return _Writer(amap, lang).write()


__all__ = ["dump_kialo", "escape"]
