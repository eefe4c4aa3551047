"""The structure of one map file: which keys exist, what type each value has.

:func:`read_part` turns a parsed file into model objects plus the references they make, reporting
every structural problem with its location. Cross-file checks (references, duplicates across files)
live in :mod:`argmap.load.validate`. ``argmap/schema/argmap-1.schema.json`` describes the same
structure for editors; a test keeps the two in step.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from argmap.errors import DiagnosticSink, Location
from argmap.load.fast import counted
from argmap.load.yaml import YNode
from argmap.model import (
    ACTOR_KINDS,
    CLAIM_KINDS,
    FORMAT_VERSION,
    RELATION_MARKS,
    RELATION_TYPES,
    Actor,
    Claim,
    Issue,
    Relation,
    Source,
    Text,
    fast_constructor,
)

TOP_KEYS = (
    "argmap",
    "title",
    "description",
    "languages",
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
ISSUE_KEYS = ("question", "tags")

_KEY_SETS = {
    keys: frozenset(keys)
    for keys in (TOP_KEYS, CLAIM_KEYS, RELATION_KEYS, ACTOR_KEYS, SOURCE_KEYS, ISSUE_KEYS)
}
_CLAIM_KEYS = _KEY_SETS[CLAIM_KEYS]
_RELATION_KEYS = _KEY_SETS[RELATION_KEYS]
_EMPTY = Text()
_MARKS = RELATION_MARKS


_new_location = fast_constructor(Location)
_new_text = fast_constructor(Text)
_new_claim = fast_constructor(Claim)
_new_relation = fast_constructor(Relation)


ID_RE = re.compile(r"^[\w\-.:]+$")
LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


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

    @property
    def location(self) -> Location:
        return Location(self.file, self.line, self.column)


@dataclass
class Part:
    """What one file contributes to a map."""

    file: str
    version: int | None = None
    title: Text = field(default_factory=Text)
    title_loc: Location | None = None
    description: Text = field(default_factory=Text)
    languages: tuple[str, ...] = ()
    includes: list[tuple[str, Location]] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    #: Ref-shaped tuples (kind, name, file, line, column, owner); plain tuples are cheaper
    refs: list[tuple[str, str, str, int, int, str]] = field(default_factory=list)


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """A did-you-mean hint, or None when nothing is close."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not matches:
        lowered = {c.lower(): c for c in choices}
        if word.lower() in lowered:
            matches = [lowered[word.lower()]]
    return f"did you mean '{matches[0]}'?" if matches else None


class _Reader:
    def __init__(
        self,
        file: str,
        sink: DiagnosticSink,
        root_file: bool,
        progress: Callable[[float], None] | None = None,
    ) -> None:
        self.file = file
        self.sink = sink
        self.root_file = root_file
        self.part = Part(file)
        self.progress = progress

    # -- helpers -------------------------------------------------------------------------
    def at(self, node: YNode) -> Location:
        return Location(self.file, node.line, node.column)

    def at_key(self, node: YNode) -> Location:
        if node.key_line:
            return Location(self.file, node.key_line, node.key_column)
        return self.at(node)

    def error(self, message: str, loc: Location, hint: str | None = None) -> None:
        self.sink.error(message, loc, hint)

    def keys(self, node: YNode, allowed: tuple[str, ...], what: str) -> dict[str, YNode]:
        if _KEY_SETS[allowed].issuperset(node.value):
            return node.value
        out: dict[str, YNode] = {}
        for key, value in node.value.items():
            if key in allowed:
                out[key] = value
            else:
                hint = suggest(key, allowed) or "known keys: " + ", ".join(allowed)
                self.error(f"unknown key '{key}' in {what}", self.at_key(value), hint)
        return out

    def mapping(self, node: YNode, what: str) -> bool:
        if node.is_map:
            return True
        self.error(f"{what} must be a mapping, not {_kind(node)}", self.at(node))
        return False

    def string(self, node: YNode, what: str) -> str | None:
        if node.is_scalar and node.value is not None and not isinstance(node.value, bool):
            if isinstance(node.value, str):
                return node.value
            return node.raw if node.raw is not None else str(node.value)
        self.error(f"{what} must be a string, not {_kind(node)}", self.at(node))
        return None

    def text(self, node: YNode, what: str) -> Text:
        if node.is_map:
            items: list[tuple[str, str]] = []
            for lang, value in node.value.items():
                if not LANG_RE.match(lang):
                    self.error(
                        f"'{lang}' in {what} is not a language code",
                        self.at_key(value),
                        "use codes such as 'en' or 'ja'",
                    )
                    continue
                s = self.string(value, f"{what} [{lang}]")
                if s is not None:
                    if not s.strip():
                        self.error(f"{what} [{lang}] is empty", self.at(value))
                    items.append((lang, s))
            if not node.value:
                self.error(f"{what} has no text", self.at(node))
            return Text(tuple(items))
        s = self.string(node, f"{what}")
        if s is not None and not s.strip():
            self.error(f"{what} is empty", self.at(node))
        return Text.of(s) if s is not None else Text()

    def id_list(self, node: YNode, what: str) -> list[tuple[str, Location]]:
        items = node.value if node.is_seq else [node]
        out: list[tuple[str, Location]] = []
        for item in items:
            s = self.string(item, what)
            if s is not None:
                out.append((s, self.at(item)))
        return out

    def str_list(self, node: YNode, what: str) -> tuple[str, ...]:
        return tuple(name for name, _ in self.id_list(node, what))

    def weight(self, node: YNode, what: str) -> float | None:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(f"{what} must be a number from 0 to 1, not {_kind(node)}", self.at(node))
            return None
        if not 0 <= value <= 1:
            self.error(f"{what} {value} is outside [0, 1]", self.at(node))
            return None
        return float(value)

    def choice(self, node: YNode, choices: tuple[str, ...], what: str) -> str | None:
        s = self.string(node, what)
        if s is None:
            return None
        if s not in choices:
            hint = suggest(s, choices) or "one of: " + ", ".join(choices)
            self.error(f"unknown {what} '{s}'", self.at(node), hint)
            return None
        return s

    def check_id(self, name: str, node: YNode, what: str) -> bool:
        if ID_RE.match(name):
            return True
        self.error(
            f"{what} id '{name}' has characters ids may not use",
            self.at_key(node),
            "ids use letters, digits and - _ . : only",
        )
        return False

    def ref(self, kind: str, name: str, loc: Location, owner: str) -> None:
        self.part.refs.append(Ref(kind, name, loc.file, loc.line, loc.column, owner))

    # -- sections ------------------------------------------------------------------------
    def read(self, root: YNode) -> Part:
        if not root.is_map:
            self.error(
                f"the top level of a map must be a mapping, not {_kind(root)}",
                self.at(root),
                "a map starts with 'argmap: 1'",
            )
            return self.part
        top = self.keys(root, TOP_KEYS, "the map")
        if "argmap" in top:
            node = top["argmap"]
            if node.value != FORMAT_VERSION or isinstance(node.value, bool):
                shown = node.raw if node.raw is not None else _kind(node)
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
        if "include" in top:
            self.part.includes = self.id_list(top["include"], "an include path")
        for section, reader, fast in (
            ("actors", self.actor, None),
            ("sources", self.source, None),
            ("issues", self.issue, None),
            ("claims", self.claim_checked, self.claim_fast),
        ):
            if section in top:
                node = top[section]
                if node.value is None:
                    continue
                if self.mapping(node, f"'{section}'"):
                    what = section[:-1]
                    id_ok = ID_RE.match
                    entries: Iterable[tuple[str, YNode]] = node.value.items()
                    if self.progress is not None and section == "claims":
                        entries = counted(entries, len(node.value), self.progress, 2048)
                    for name, entry in entries:
                        if type(entry.value) is dict and id_ok(name):
                            # the usual case, without building messages
                            if fast is None or not fast(name, entry):
                                reader(name, entry)
                        elif (
                            self.check_id(name, entry, what)
                            and self.mapping(entry, f"{what} '{name}'")
                            and (fast is None or not fast(name, entry))
                        ):
                            reader(name, entry)
        if "relations" in top and top["relations"].value is not None:
            node = top["relations"]
            if node.is_seq:
                for entry in node.value:
                    if type(entry.value) is dict and self.relation_fast(entry):
                        continue
                    if self.mapping(entry, "a relation"):
                        self.relation(entry)
            else:
                self.error(
                    f"'relations' must be a list, not {_kind(node)}",
                    self.at(node),
                    "write each relation as an item starting with '- '",
                )
        return self.part

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
                self.ref("actor", affiliation, self.at(f["affiliation"]), owner)
        note = self.text(f["note"], "note") if "note" in f else Text()
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

    def date(self, node: YNode) -> str | None:
        value = node.value
        if isinstance(value, _dt.datetime):
            return value.date().isoformat()
        if isinstance(value, _dt.date):
            return value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.error(f"date must be YYYY-MM-DD, not {_kind(node)}", self.at(node))
            return None
        m = DATE_RE.match(value)
        if not m:
            self.error(f"date '{value}' is not YYYY-MM-DD", self.at(node), "e.g. 2024-07-23")
            return None
        year, month, day = (int(g) if g else 1 for g in m.groups())
        try:
            _dt.date(year, month, day)
        except ValueError:
            self.error(f"impossible date '{value}'", self.at(node), "check the month and day")
            return None
        return value

    def issue(self, name: str, node: YNode) -> None:
        f = self.keys(node, ISSUE_KEYS, f"issue '{name}'")
        if "question" not in f:
            self.error(f"issue '{name}' has no 'question'", self.at_key(node))
            question = Text.of(name)
        else:
            question = self.text(f["question"], f"the question of issue '{name}'")
        tags = self.str_list(f["tags"], "a tag") if "tags" in f else ()
        self.part.issues.append(Issue(name, question, tags, self.at_key(node)))

    def claim_fast(self, name: str, node: YNode) -> bool:
        """Read a claim whose every value has the plain expected shape, as
        :meth:`claim_checked` reads it; False (having changed nothing) when any value needs
        :meth:`claim_checked` and its messages."""
        f = node.value
        if not _CLAIM_KEYS.issuperset(f):
            return False
        text_n = f.get("text")
        if text_n is None:
            return False
        kind_n = f.get("kind")
        by_n = f.get("by")
        source_n = f.get("source")
        quote_n = f.get("quote")
        tags_n = f.get("tags")
        answers_n = f.get("answers")
        supports_n = f.get("supports")
        opposes_n = f.get("opposes")
        undercuts_n = f.get("undercuts")
        weight_n = f.get("weight")
        note_n = f.get("note")
        text = text_n.value
        if type(text) is str and text and not text.isspace():
            text = _new_text((("", text),))
        elif (text := _plain_text(text_n)) is None:
            return False
        kind = "fact"
        if kind_n is not None:
            kind = kind_n.value
            if type(kind) is not str or kind not in CLAIM_KINDS:
                return False
        file = self.file
        owner = f"claim '{name}'"
        # references and relations in the order claim_checked makes them, kept apart until
        # the whole claim is known to be plain
        refs: list[tuple[str, str, str, int, int, str]] = []
        by = sources = tags = ()
        if by_n is not None and (by := _plain_refs(by_n, "actor", file, owner, refs)) is None:
            return False
        if (
            source_n is not None
            and (sources := _plain_refs(source_n, "source", file, owner, refs)) is None
        ):
            return False
        if tags_n is not None and (tags := _plain_ids(tags_n)) is None:
            return False
        quote = note = _EMPTY
        if quote_n is not None and (quote := _plain_text(quote_n)) is None:
            return False
        if note_n is not None and (note := _plain_text(note_n)) is None:
            return False
        answers = weight = None
        if answers_n is not None:
            answers = answers_n.value
            if type(answers) is not str:
                return False
            refs.append(("issue", answers, file, answers_n.line, answers_n.column, owner))
        if weight_n is not None:
            weight = weight_n.value
            if (type(weight) is not float and type(weight) is not int) or not 0 <= weight <= 1:
                return False
            weight = float(weight)
        relations: list[Relation] = []
        if supports_n is not None or opposes_n is not None or undercuts_n is not None:
            premises = (name,)
            for rel_type, n in (
                ("supports", supports_n),
                ("opposes", opposes_n),
                ("undercuts", undercuts_n),
            ):
                if n is None:
                    continue
                ref_kind = "relation-target" if rel_type == "undercuts" else "claim-target"
                mark = _MARKS[rel_type]
                value = n.value
                for item in value if type(value) is list else (n,):
                    target = item.value
                    if type(target) is not str or target == name:
                        return False
                    line, column = item.line, item.column
                    refs.append((ref_kind, target, file, line, column, owner))
                    loc = _new_location(file, line, column)
                    relations.append(
                        _new_relation(
                            f"{name}{mark}{target}",
                            premises,
                            target,
                            rel_type,
                            None,
                            None,
                            (),
                            (),
                            False,
                            loc,
                        )
                    )
        # every value is plain: record the claim, its references and its relations
        if node.key_line:
            loc = _new_location(file, node.key_line, node.key_column)
        else:
            loc = _new_location(file, node.line, node.column)
        part = self.part
        part.claims.append(
            _new_claim(name, text, kind, by, sources, quote, tags, answers, weight, note, loc)
        )
        part.refs += refs
        if relations:
            part.relations += relations
        return True

    def claim_checked(self, name: str, node: YNode) -> None:
        owner = f"claim '{name}'"
        f = self.keys(node, CLAIM_KEYS, owner)
        if "text" not in f:
            self.error(f"{owner} has no 'text'", self.at_key(node), "every claim needs a text")
            text = Text()
        else:
            text = self.text(f["text"], f"the text of {owner}")
        kind = "fact"
        if "kind" in f:
            kind = self.choice(f["kind"], CLAIM_KINDS, "claim kind") or "fact"
        by = self.refs(f.get("by"), "actor", owner)
        sources = self.refs(f.get("source"), "source", owner)
        quote = self.text(f["quote"], f"the quote of {owner}") if "quote" in f else Text()
        tags = self.str_list(f["tags"], "a tag") if "tags" in f else ()
        answers = None
        if "answers" in f:
            answers = self.string(f["answers"], "answers")
            if answers is not None:
                self.ref("issue", answers, self.at(f["answers"]), owner)
        weight = self.weight(f["weight"], f"the weight of {owner}") if "weight" in f else None
        note = self.text(f["note"], "note") if "note" in f else Text()
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
                self.ref(kind_, target, loc, owner)
                if target == name:
                    self.error(f"claim '{name}' {rel_type} itself", loc)
                    continue
                rel_id = Relation.auto_id((name,), target, rel_type)
                self.part.relations.append(Relation(rel_id, (name,), target, rel_type, loc=loc))

    def refs(self, node: YNode | None, kind: str, owner: str) -> tuple[str, ...]:
        if node is None:
            return ()
        items = self.id_list(node, f"a {kind} id")
        for name, loc in items:
            self.ref(kind, name, loc, owner)
        return tuple(name for name, _ in items)

    def relation_fast(self, node: YNode) -> bool:
        """Read a relation whose every value has the plain expected shape, as :meth:`relation`
        reads it; False (having changed nothing) when any value needs :meth:`relation`."""
        f = node.value
        if not _RELATION_KEYS.issuperset(f):
            return False
        id_n = f.get("id")
        from_n = f.get("from")
        to_n = f.get("to")
        type_n = f.get("type")
        scheme_n = f.get("scheme")
        weight_n = f.get("weight")
        by_n = f.get("by")
        source_n = f.get("source")
        note_n = f.get("note")
        if from_n is None or to_n is None or type_n is None:
            return False
        explicit = None
        if id_n is not None:
            explicit = id_n.value
            if type(explicit) is not str or not ID_RE.match(explicit):
                return False
        rel_type = type_n.value
        target = to_n.value
        if type(rel_type) is not str or rel_type not in RELATION_TYPES or type(target) is not str:
            return False
        premises = _plain_ids(from_n)
        if not premises or target in premises or len(set(premises)) != len(premises):
            return False
        scheme = weight = None
        if scheme_n is not None:
            scheme = scheme_n.value
            if type(scheme) is not str:
                return False
        if weight_n is not None:
            weight = weight_n.value
            if (type(weight) is not float and type(weight) is not int) or not 0 <= weight <= 1:
                return False
            weight = float(weight)
        by = _plain_ids(by_n)
        sources = _plain_ids(source_n)
        if by is None or sources is None or (note_n is not None and _plain_text(note_n) is None):
            return False
        # every value is plain: record the relation and its references, in relation's order
        file = self.file
        owner = f"relation '{explicit}'" if explicit else f"the relation at line {node.line}"
        refs = self.part.refs
        value = from_n.value
        for item in value if type(value) is list else (from_n,):
            refs.append(("claim", item.value, file, item.line, item.column, owner))
        kind = "relation-target" if rel_type == "undercuts" else "claim-target"
        refs.append((kind, target, file, to_n.line, to_n.column, owner))
        for kind, n in (("actor", by_n), ("source", source_n)):
            if n is not None:
                value = n.value
                for item in value if type(value) is list else (n,):
                    refs.append((kind, item.value, file, item.line, item.column, owner))
        self.part.relations.append(
            _new_relation(
                explicit or Relation.auto_id(premises, target, rel_type),
                premises,
                target,
                rel_type,
                scheme,
                weight,
                by,
                sources,
                explicit is not None,
                _new_location(file, node.line, node.column),
            )
        )
        return True

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
                self.ref("claim", name, item_loc, owner)
            premises = tuple(name for name, _ in items)
            if len(set(premises)) != len(premises):
                self.error(f"{owner} lists a premise twice", self.at(f["from"]))
        target = self.string(f["to"], "'to'") if "to" in f else None
        if target is not None and rel_type is not None:
            kind_ = "relation-target" if rel_type == "undercuts" else "claim-target"
            self.ref(kind_, target, self.at(f["to"]), owner)
            if target in premises:
                self.error(f"{owner}: claim '{target}' {rel_type} itself", self.at(f["to"]))
                return
        weight = self.weight(f["weight"], f"the weight of {owner}") if "weight" in f else None
        scheme = self.string(f["scheme"], "scheme") if "scheme" in f else None
        by = self.refs(f.get("by"), "actor", owner)
        sources = self.refs(f.get("source"), "source", owner)
        if "note" in f:
            self.text(f["note"], "note")
        if not premises or target is None or rel_type is None:
            return
        rel_id = explicit or Relation.auto_id(premises, target, rel_type)
        self.part.relations.append(
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
                loc=loc,
            )
        )


def _plain_text(node: YNode | None) -> Text | None:
    """A non-blank string, or a mapping of language codes to non-blank strings, as Text; None
    for anything else (including a missing node), which the checked path then reports."""
    if node is None:
        return None
    value = node.value
    if type(value) is str:
        return _new_text((("", value),)) if value and not value.isspace() else None
    if type(value) is not dict or not value:
        return None
    items = []
    for lang, item in value.items():
        text = item.value
        if type(text) is not str or not text or text.isspace():
            return None
        if lang not in _GOOD_LANGS:
            if not LANG_RE.match(lang):
                return None
            if len(_GOOD_LANGS) < 256:
                _GOOD_LANGS.add(lang)
        items.append((lang, text))
    return _new_text(tuple(items))


#: Language codes already matched by LANG_RE (a map uses the same few); bounded by _plain_text.
_GOOD_LANGS: set[str] = set()


def _plain_ids(node: YNode | None) -> tuple[str, ...] | None:
    """A string or a list of strings as a tuple (empty when absent); None for anything else."""
    if node is None:
        return ()
    value = node.value
    if type(value) is str:
        return (value,)
    if type(value) is not list:
        return None
    out = tuple([item.value for item in value])
    for item in out:
        if type(item) is not str:
            return None
    return out


def _plain_refs(
    node: YNode, kind: str, file: str, owner: str, refs: list[tuple[str, str, str, int, int, str]]
) -> tuple[str, ...] | None:
    """A string or a list of strings as a tuple, adding to ``refs`` a reference of ``kind`` to
    each; None (``refs`` perhaps changed) for anything else."""
    value = node.value
    if type(value) is str:
        refs.append((kind, value, file, node.line, node.column, owner))
        return (value,)
    if type(value) is not list:
        return None
    for item in value:
        name = item.value
        if type(name) is not str:
            return None
        refs.append((kind, name, file, item.line, item.column, owner))
    return tuple([item.value for item in value])


def _kind(node: YNode) -> str:
    value = node.value
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, _dt.date):
        return "a date"
    return "a string"


def read_part(
    root: YNode,
    file: str,
    sink: DiagnosticSink,
    root_file: bool = True,
    progress: Callable[[float], None] | None = None,
) -> Part:
    """Read one parsed file into a :class:`Part`, adding every problem to ``sink``;
    ``progress(share)`` hears how many of its claims are read (0-1)."""
    return _Reader(file, sink, root_file, progress).read(root)
