"""The structure of one map file: which keys exist, what type each value has.

:func:`read_part` turns a parsed file into model objects plus the references they make, reporting
every structural problem with its location. Cross-file checks (references, duplicates across files)
live in :mod:`argmap.load.validate`. ``argmap/schema/argmap-1.schema.json`` describes the same
structure for editors; a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from argmap.errors import DiagnosticSink, Location, MapError
from argmap.load.values import ID_RE, LANG_RE, ValueReader, kind_of
from argmap.load.yaml import STREAMED, YNode, parse
from argmap.model import (
    ACTOR_KINDS,
    CLAIM_KINDS,
    FORMAT_VERSION,
    PROOF_STANDARDS,
    RELATION_TYPES,
    THRESHOLD_DEFAULTS,
    Actor,
    Claim,
    Issue,
    Relation,
    Source,
    Text,
)

TOP_KEYS = (
    "argmap",
    "title",
    "description",
    "languages",
    "allow_self_attacks",
    "include",
    "actors",
    "sources",
    "issues",
    "claims",
    "relations",
)
CLAIM_KEYS = (
    "text",
    "kind",
    "by",
    "source",
    "quote",
    "tags",
    "answers",
    "supports",
    "opposes",
    "undercuts",
    "weight",
    "note",
)
RELATION_KEYS = ("id", "from", "to", "type", "scheme", "weight", "by", "source", "note")
ACTOR_KEYS = ("name", "kind", "affiliation", "note")
SOURCE_KEYS = ("title", "author", "publisher", "date", "url")
ISSUE_KEYS = ("question", "tags", "standard", "thresholds")
#: The sections whose entries are read as soon as the parser completes them, by value type.
SECTIONS = {"actors": dict, "sources": dict, "issues": dict, "claims": dict, "relations": list}
_NO_TEXT = Text()
THRESHOLD_NAMES = tuple(name for name, _ in THRESHOLD_DEFAULTS)


class Ref(NamedTuple):
    """A name used somewhere that must exist in the merged map.

    A tuple rather than an object holding a Location: a big map makes hundreds of thousands of
    them, and only the broken ones need their location as an object.
    """

    kind: str  # claim, actor, source, issue, relation, relation-target, claim-target
    name: str
    file: str
    line: int
    column: int
    owner: str  # e.g. "claim 'c1'"
    key: str  # the key it was written under: supports, by, from, ...

    @property
    def location(self) -> Location:
        return Location(self.file, self.line, self.column)


@dataclass
class Part:
    """What one file contributes to a map."""

    file: str
    version: int | None = None
    title: Text = _NO_TEXT
    title_loc: Location | None = None
    description: Text = _NO_TEXT
    languages: tuple[str, ...] = ()
    allow_self_attacks: bool = False
    includes: list[tuple[str, Location]] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    #: Ref-shaped tuples (kind, name, file, line, column, owner, key); plain tuples are cheaper
    refs: list[tuple[str, str, str, int, int, str, str]] = field(default_factory=list)


class _Reader(ValueReader):
    def __init__(
        self,
        file: str,
        sink: DiagnosticSink,
        root_file: bool,
    ) -> None:
        super().__init__(file, sink)
        self.root_file = root_file
        self.part = Part(file)
        self.listed: list[Relation] = []  # the relations section's, after the claims' own

    def ref(self, kind: str, name: str, loc: Location, owner: str, key: str) -> None:
        self.part.refs.append((kind, name, loc.file, loc.line, loc.column, owner, key))

    # -- sections ------------------------------------------------------------------------
    def read(self, root: YNode) -> Part:
        if not root.is_map:
            self.error(
                f"the top level of a map must be a mapping, not {kind_of(root)}",
                self.at(root),
                "a map starts with 'argmap: 1'",
            )
            return self.part
        top = self.keys(root, TOP_KEYS, "the map")
        if "argmap" in top:
            node = top["argmap"]
            if node.value != FORMAT_VERSION or isinstance(node.value, bool):
                shown = node.raw if node.raw is not None else kind_of(node)
                self.error(
                    f"unsupported format version {shown}",
                    self.at(node),
                    f"this argmap reads version {FORMAT_VERSION}; write 'argmap: 1'",
                )
            else:
                self.part.version = FORMAT_VERSION
        elif self.root_file:
            self.error(
                "missing 'argmap: 1' (the format version)",
                Location(self.file, root.line, root.column),
                "add 'argmap: 1' as the first line",
            )
        if "title" in top:
            self.part.title = self.text(top["title"], "title")
            self.part.title_loc = self.at_key(top["title"])
        if "description" in top:
            self.part.description = self.text(top["description"], "description")
        if "languages" in top:
            langs = []
            for name, loc in self.id_list(top["languages"], "a language"):
                if LANG_RE.match(name):
                    langs.append(name)
                else:
                    self.error(f"'{name}' is not a language code", loc, "use e.g. 'en' or 'ja'")
            self.part.languages = tuple(langs)
        if "allow_self_attacks" in top:
            node = top["allow_self_attacks"]
            if isinstance(node.value, bool):
                self.part.allow_self_attacks = node.value
            else:
                self.error(
                    f"'allow_self_attacks' must be true or false, not {kind_of(node)}",
                    self.at(node),
                    "write 'allow_self_attacks: true' to let a claim oppose itself",
                )
        if "include" in top:
            self.part.includes = self.id_list(top["include"], "an include path")
        for section in _NAMED:
            node = top.get(section)
            if node is None or node.value is None or not self.mapping(node, f"'{section}'"):
                continue
            for name, entry in node.value.items():
                if entry.value is not STREAMED:
                    self.entry(section, name, entry)
        if "relations" in top and top["relations"].value is not None:
            node = top["relations"]
            if node.is_seq:
                for entry in node.value:
                    if entry.value is not STREAMED:
                        self.entry("relations", None, entry)
            else:
                self.error(
                    f"'relations' must be a list, not {kind_of(node)}",
                    self.at(node),
                    "write each relation as an item starting with '- '",
                )
        self.part.relations.extend(self.listed)
        return self.part

    def entry(self, section: str, name: str | None, node: YNode) -> None:
        """Read one entry of a section: an item of 'relations' (``name`` None) or a named one."""
        if name is None:
            if self.mapping(node, "a relation"):
                self.relation(node)
            return
        what = section[:-1]
        if self.check_id(name, node, what) and self.mapping(node, f"{what} '{name}'"):
            _NAMED[section](self, name, node)

    def actor(self, name: str, node: YNode) -> None:
        f = self.keys(node, ACTOR_KEYS, f"actor '{name}'")
        owner = f"actor '{name}'"
        if "name" not in f:
            self.error(f"actor '{name}' has no 'name'", self.at_key(node))
            display = Text.of(name)
        else:
            display = self.text(f["name"], f"the name of {owner}")
        kind = self.choice(f["kind"], ACTOR_KINDS, "actor kind") if "kind" in f else None
        affiliation = None
        if "affiliation" in f:
            affiliation = self.string(f["affiliation"], "affiliation")
            if affiliation is not None:
                self.ref("actor", affiliation, self.at(f["affiliation"]), owner, "affiliation")
        note = self.text(f["note"], "note") if "note" in f else _NO_TEXT
        self.part.actors.append(Actor(name, display, kind, affiliation, note, self.at_key(node)))

    def source(self, name: str, node: YNode) -> None:
        f = self.keys(node, SOURCE_KEYS, f"source '{name}'")
        if "title" not in f:
            self.error(f"source '{name}' has no 'title'", self.at_key(node))
            title = Text.of(name)
        else:
            title = self.text(f["title"], f"the title of source '{name}'")
        date = self.date(f["date"]) if "date" in f else None
        values = {}
        for key in ("author", "publisher", "url"):
            if key in f:
                values[key] = self.string(f[key], key)
        self.part.sources.append(Source(name, title, date=date, loc=self.at_key(node), **values))

    def issue(self, name: str, node: YNode) -> None:
        f = self.keys(node, ISSUE_KEYS, f"issue '{name}'")
        if "question" not in f:
            self.error(f"issue '{name}' has no 'question'", self.at_key(node))
            question = Text.of(name)
        else:
            question = self.text(f["question"], f"the question of issue '{name}'")
        tags = self.str_list(f["tags"], "a tag") if "tags" in f else ()
        standard = None
        if "standard" in f:
            standard = self.choice(f["standard"], PROOF_STANDARDS, "proof standard")
        thresholds: tuple[tuple[str, float], ...] = ()
        owner = f"the thresholds of issue '{name}'"
        if "thresholds" in f and self.mapping(f["thresholds"], owner):
            given = self.keys(f["thresholds"], THRESHOLD_NAMES, owner)
            thresholds = tuple(
                (key, value)
                for key in THRESHOLD_NAMES
                if key in given
                and (value := self.weight(given[key], f"threshold {key} of issue '{name}'"))
                is not None
            )
        self.part.issues.append(
            Issue(name, question, tags, standard, thresholds, loc=self.at_key(node))
        )

    def claim(self, name: str, node: YNode) -> None:
        owner = f"claim '{name}'"
        f = self.keys(node, CLAIM_KEYS, owner)
        if "text" not in f:
            self.error(f"{owner} has no 'text'", self.at_key(node), "every claim needs a text")
            text = _NO_TEXT
        else:
            text = self.text(f["text"], f"the text of {owner}")
        kind = "fact"
        if "kind" in f:
            kind = self.choice(f["kind"], CLAIM_KINDS, "claim kind") or "fact"
        by = self.refs(f.get("by"), "actor", owner, "by")
        sources = self.refs(f.get("source"), "source", owner, "source")
        quote = self.text(f["quote"], f"the quote of {owner}") if "quote" in f else _NO_TEXT
        tags = self.str_list(f["tags"], "a tag") if "tags" in f else ()
        answers = None
        if "answers" in f:
            answers = self.string(f["answers"], "answers")
            if answers is not None:
                self.ref("issue", answers, self.at(f["answers"]), owner, "answers")
        weight = self.weight(f["weight"], f"the weight of {owner}") if "weight" in f else None
        note = self.text(f["note"], "note") if "note" in f else _NO_TEXT
        self.part.claims.append(
            Claim(
                name, text, kind, by, sources, quote, tags, answers, weight, note, self.at_key(node)
            )
        )
        for key, rel_type in (
            ("supports", "supports"),
            ("opposes", "opposes"),
            ("undercuts", "undercuts"),
        ):
            if key not in f:
                continue
            for target, loc in self.id_list(f[key], f"a '{key}' target"):
                kind_ = "relation-target" if rel_type == "undercuts" else "claim-target"
                self.ref(kind_, target, loc, owner, key)
                if target == name and rel_type != "opposes":
                    self.error(f"claim '{name}' {rel_type} itself", loc)
                    continue
                rel_id = Relation.auto_id((name,), target, rel_type)
                self.part.relations.append(Relation(rel_id, (name,), target, rel_type, loc=loc))

    def refs(self, node: YNode | None, kind: str, owner: str, key: str) -> tuple[str, ...]:
        """The ids of a string or list of strings, each recorded as a reference of ``kind``."""
        if node is None:
            return ()
        file, add = self.file, self.part.refs.append
        out: list[str] = []
        for item in node.value if type(node.value) is list else (node,):
            name = item.value
            if type(name) is not str:
                name = self.string(item, f"a {kind} id")
                if name is None:
                    continue
            add((kind, name, file, item.line, item.column, owner, key))
            out.append(name)
        return tuple(out)

    def relation(self, node: YNode) -> None:
        f = self.keys(node, RELATION_KEYS, "a relation")
        loc = self.at(node)
        explicit = None
        if "id" in f:
            explicit = self.string(f["id"], "relation id")
            if explicit is not None and not ID_RE.match(explicit):
                self.error(
                    f"relation id '{explicit}' has characters ids may not use",
                    self.at(f["id"]),
                    "ids use letters, digits and - _ . : only",
                )
                explicit = None
        owner = f"relation '{explicit}'" if explicit else f"the relation at line {node.line}"
        missing = [k for k in ("from", "to", "type") if k not in f]
        if missing:
            self.error(
                f"{owner} needs " + ", ".join(f"'{k}'" for k in missing),
                loc,
                "a relation has 'from', 'to' and 'type'",
            )
        rel_type = self.choice(f["type"], RELATION_TYPES, "relation type") if "type" in f else None
        premises: tuple[str, ...] = ()
        if "from" in f:
            items = self.id_list(f["from"], "a premise id")
            if f["from"].is_seq and not items:
                self.error(f"{owner} has no premises", self.at(f["from"]))
            for name, item_loc in items:
                self.ref("claim", name, item_loc, owner, "from")
            premises = tuple(name for name, _ in items)
            if len(set(premises)) != len(premises):
                self.error(f"{owner} lists a premise twice", self.at(f["from"]))
        target = self.string(f["to"], "'to'") if "to" in f else None
        if target is not None and rel_type is not None:
            kind_ = "relation-target" if rel_type == "undercuts" else "claim-target"
            self.ref(kind_, target, self.at(f["to"]), owner, rel_type)
            if target in premises and rel_type != "opposes":
                self.error(f"{owner}: claim '{target}' {rel_type} itself", self.at(f["to"]))
                return
        weight = self.weight(f["weight"], f"the weight of {owner}") if "weight" in f else None
        scheme = self.string(f["scheme"], "scheme") if "scheme" in f else None
        by = self.refs(f.get("by"), "actor", owner, "by")
        sources = self.refs(f.get("source"), "source", owner, "source")
        note = self.text(f["note"], "note") if "note" in f else _NO_TEXT
        if not premises or target is None or rel_type is None:
            return
        rel_id = explicit or Relation.auto_id(premises, target, rel_type)
        self.listed.append(
            Relation(
                rel_id,
                premises,
                target,
                rel_type,
                scheme,
                weight,
                by,
                sources,
                explicit_id=explicit is not None,
                note=note,
                loc=loc,
            )
        )


#: The reader of each section of named entries (functions, not bound methods: no cycle keeps a
#: finished reader and its part alive until the garbage collector finds them).
_NAMED = {
    "actors": _Reader.actor,
    "sources": _Reader.source,
    "issues": _Reader.issue,
    "claims": _Reader.claim,
}


def read_part(
    text: str,
    file: str,
    sink: DiagnosticSink,
    root_file: bool = True,
    progress: Callable[[float], None] | None = None,
) -> Part | None:
    """Parse one file's text and read it into a :class:`Part`, adding every problem to ``sink``;
    None when the text does not parse. ``progress(share)`` hears how far it is (0-1).

    Each entry of a section is read as soon as the parser completes it, so the file's whole
    tree never exists at once; what reading finds is reported only when the file parses, so a
    file with a syntax or YAML error shows just that error."""
    held = DiagnosticSink()
    reader = _Reader(file, held, root_file)
    try:
        root = parse(text, file, progress, SECTIONS, reader.entry)
    except MapError as exc:
        sink.items.extend(exc.diagnostics)
        return None
    part = reader.read(root)
    sink.items.extend(held.items)
    return part
