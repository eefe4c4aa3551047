"""Argdown text: what ``argmap export --to argdown`` writes (import is :mod:`.argdown_json`).

Mapping (see ``docs/formats.md``):

* a claim is a statement ``[id]: text #tag {data}``; its kind, actors, sources, issue and the
  other languages of its text travel in the YAML data ``{...}``;
* a relation with one premise and nothing else to say is a relation line under its premise:
  ``+> [x]`` (supports), ``-> [x]`` (opposes), ``_> <r>`` (undercuts);
* any other relation (linked premises, an id, a scheme, a weight, actors, sources or a note, or an
  undercut aimed at it) is an argument ``<title>`` with a premise-conclusion structure: the
  premises, ``----``, and the target as conclusion. An opposition or undercut has no conclusion of
  its own in our model, so its argument concludes in an auxiliary statement (data
  ``{argmap: conclusion}``) that attacks or undercuts the target; the importer folds it back;
* the map's title, languages, actors, sources and issues are the data of the first heading.
"""

from __future__ import annotations

import json
import re
from typing import Any

from argmap.formats.plain import (
    claim_data,
    head_data,
    is_shorthand,
    pick,
    relation_data,
    tables_data,
)
from argmap.model import ArgumentMap, Claim, Relation, Text

AUX = "conclusion"  # data value marking an auxiliary conclusion: {argmap: conclusion}
_VERB = {"supports": "supports", "opposes": "opposes", "undercuts": "undercuts"}
_SIMPLE_TAG = re.compile(r"^[A-Za-z0-9_\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+$")
_BARE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}
_ALWAYS = set("\\@#*_[]<>{}/=")
_CLAIM_KEYS = ("kind", "answers", "by", "source", "text", "quote", "weight", "note")


# -- export ------------------------------------------------------------------------------------
def escape(text: str) -> str:
    """Text safe to place after ``[title]:``: one line, Argdown's control characters escaped."""
    text = " ".join(part.strip() for part in text.splitlines()).strip()
    out: list[str] = []
    for i, ch in enumerate(text):
        following = text[i + 1] if i + 1 < len(text) else " "
        if ch in _ALWAYS or (ch in ".:" and not following.isspace()):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        s = json.dumps(value, ensure_ascii=False)
        return s.replace("{", "\\u007b").replace("}", "\\u007d")
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | float):
        return repr(value)
    raise TypeError(f"cannot write {type(value).__name__} as Argdown data")


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) and key.lower() not in _YAML_WORDS else _scalar(key)


def data_text(value: Any) -> str:
    """A value as YAML flow text that Argdown's ``{...}`` data token reads back unchanged."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {data_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(data_text(v) for v in value) + "]"
    return _scalar(value)


def _tag(tag: str) -> str | None:
    if _SIMPLE_TAG.match(tag):
        return "#" + tag
    if tag == tag.strip() and tag and not (set(tag) & set(")\n\r")):
        return f"#({tag})"
    return None


def _claim_title(cid: str) -> str:
    return f"claim {cid}" if cid.startswith("-") else cid


class _Writer:
    def __init__(self, amap: ArgumentMap, lang: str | None) -> None:
        self.amap = amap
        self.lang = lang
        self.lines: list[str] = []
        undercut = {r.target for r in amap.relations if r.type == "undercuts"}
        self.reconstructed = {
            r.id for r in amap.relations if r.id in undercut or not is_shorthand(r)
        }
        self.titles: dict[str, str] = {}
        by_id = amap.relations_by_id()
        for rel in amap.relations:
            self._title(rel, by_id, set())

    def _title(self, rel: Relation, by_id: dict[str, Relation], seen: set[str]) -> str:
        if rel.id in self.titles:
            return self.titles[rel.id]
        if rel.explicit_id:
            title = rel.id
        else:
            if rel.type == "undercuts" and rel.target in by_id and rel.target not in seen:
                target = self._title(by_id[rel.target], by_id, seen | {rel.id})
            else:
                target = rel.target
            title = f"{' & '.join(rel.premises)} {_VERB[rel.type]} {target}"
        if title.startswith(("-", "_", "+")):  # "<_", "<-", "<+" start relations
            title = "relation " + title
        self.titles[rel.id] = title
        return title

    def text(self, text: Text) -> str:
        return self.amap.text(text, self.lang)

    def write(self) -> str:
        amap = self.amap
        title = self.text(amap.title) if amap.title else "Argument map"
        self.lines += ["===", f"title: {json.dumps(title, ensure_ascii=False)}", "===", ""]
        head: dict[str, Any] = {"argmap": 1, **head_data(amap)}
        head.update((k, v) for k, v in tables_data(amap).items() if v)
        self.lines += [f"# {escape(title)} {data_text(head)}", ""]
        simple: dict[str, list[Relation]] = {}
        for rel in amap.relations:
            if rel.id not in self.reconstructed:
                simple.setdefault(rel.premises[0], []).append(rel)
        for claim in amap.claims.values():
            self.statement(claim, simple.get(claim.id, []))
        for rel in amap.relations:
            if rel.id in self.reconstructed:
                self.argument(rel)
        return "\n".join(self.lines).rstrip("\n") + "\n"

    def statement(self, claim: Claim, relations: list[Relation]) -> None:
        title = _claim_title(claim.id)
        data: dict[str, Any] = {"id": claim.id} if title != claim.id else {}
        data.update(pick(claim_data(claim), _CLAIM_KEYS))
        if claim.kind == "fact":
            data.pop("kind", None)
        if not isinstance(data.get("text"), dict):  # the statement's text is the one language
            data.pop("text", None)
        tags = [_tag(t) for t in claim.tags]
        if None in tags:
            data["tags"] = list(claim.tags)
        line = f"[{title}]: {escape(self.text(claim.text))}"
        inline = " ".join(t for t in tags if t)
        if inline:
            line += " " + inline
        if data:
            line += " " + data_text(data)
        self.lines.append(line)
        for rel in relations:
            self.lines.append("  " + self.relation_line(rel))
        self.lines.append("")

    def relation_line(self, rel: Relation) -> str:
        if rel.type == "undercuts":
            return f"_> <{self.titles.get(rel.target, rel.target)}>"
        mark = "+>" if rel.type == "supports" else "->"
        return f"{mark} [{_claim_title(rel.target)}]"

    def argument(self, rel: Relation) -> None:
        data: dict[str, Any] = {"id": rel.id} if rel.explicit_id else {}
        data.update(pick(relation_data(rel), ("scheme", "weight", "by", "source", "note")))
        head = f"<{self.titles[rel.id]}>"
        if data:
            head += " " + data_text(data)
        self.lines += [head, ""]
        n = 0
        for n, premise in enumerate(rel.premises, 1):
            self.lines.append(f"({n}) [{_claim_title(premise)}]")
        self.lines.append("----")
        if rel.type == "supports":
            self.lines.append(f"({n + 1}) [{_claim_title(rel.target)}]")
        else:
            if rel.type == "opposes":
                target = self.amap.claims.get(rel.target)
                said = self.text(target.text) if target else rel.target
                text = f"Not: {said}"
            else:
                text = f"The inference {self.titles.get(rel.target, rel.target)} does not hold."
            aux = f"{self.titles[rel.id]} conclusion"
            self.lines.append(f"({n + 1}) [{aux}]: {escape(text)} {data_text({'argmap': AUX})}")
            self.lines.append("  " + self.relation_line(rel))
        self.lines.append("")


def dump_argdown(amap: ArgumentMap, lang: str | None = None) -> str:
    """The map as Argdown text; claim texts in ``lang`` (default: the map's first language).

    >>> from argmap.load import load_map
    >>> print(dump_argdown(load_map("tests/data/tiny.yaml")).splitlines()[8])
    [a]: X is cheap. {by: ["alice"], source: ["paper"]}
    """
    return _Writer(amap, lang).write()


__all__ = ["AUX", "data_text", "dump_argdown", "escape"]
