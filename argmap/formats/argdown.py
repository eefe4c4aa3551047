"""Argdown: export as Argdown text, import Argdown's JSON export (``argdown json``).

Export mapping (see ``docs/formats.md``):

* a claim is a statement ``[id]: text #tag {data}``; its kind, actors, sources, issue and the
  other languages of its text travel in the YAML data ``{...}``;
* a relation with one premise and nothing else to say is a relation line under its premise:
  ``+> [x]`` (supports), ``-> [x]`` (opposes), ``_> <r>`` (undercuts);
* any other relation (linked premises, an id, a scheme, a weight, actors or sources, or an
  undercut aimed at it) is an argument ``<title>`` with a premise-conclusion structure: the
  premises, ``----``, and the target as conclusion. An opposition or undercut has no conclusion of
  its own in our model, so its argument concludes in an auxiliary statement (data
  ``{argmap: conclusion}``) that attacks or undercuts the target; the importer folds it back;
* the map's title, languages, actors, sources and issues are the data of the first heading.

Import reads ``argdown json FILE --stdout`` output. Statements become claims; an argument with a
premise-conclusion structure becomes one relation per inference (premises support conclusion); an
argument without one becomes a claim; support/entails become ``supports``, attack/contrary/
contradictory become ``opposes`` and undercuts of an inference undercut that inference.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from argmap.errors import DiagnosticSink
from argmap.model import (
    CLAIM_KINDS,
    RELATION_TYPES,
    Actor,
    ArgumentMap,
    Claim,
    Issue,
    Relation,
    Source,
    Text,
)

AUX = "conclusion"  # data value marking an auxiliary conclusion: {argmap: conclusion}
_VERB = {"supports": "supports", "opposes": "opposes", "undercuts": "undercuts"}
_SIMPLE_TAG = re.compile(r"^[A-Za-z0-9_\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+$")
_BARE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}
_ALWAYS = set("\\@#*_[]<>{}/=")
_ID_BAD = re.compile(r"[^\w\-.:]+")


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


def _text_data(text: Text) -> Any:
    return text.to_data()


def _claim_title(cid: str) -> str:
    return f"claim {cid}" if cid.startswith("-") else cid


class _Writer:
    def __init__(self, amap: ArgumentMap, lang: str | None) -> None:
        self.amap = amap
        self.lang = lang
        self.lines: list[str] = []
        undercut = {r.target for r in amap.relations if r.type == "undercuts"}
        self.reconstructed = {
            r.id
            for r in amap.relations
            if r.linked
            or r.id in undercut
            or r.explicit_id
            or r.scheme is not None
            or r.weight is not None
            or r.by
            or r.source
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
        head: dict[str, Any] = {"argmap": 1}
        if amap.title:
            head["title"] = _text_data(amap.title)
        if amap.description:
            head["description"] = _text_data(amap.description)
        if amap.languages:
            head["languages"] = list(amap.languages)
        if amap.actors:
            head["actors"] = {
                a.id: _drop(
                    {
                        "name": _text_data(a.name),
                        "kind": a.kind,
                        "affiliation": a.affiliation,
                        "note": _text_data(a.note) if a.note else None,
                    }
                )
                for a in amap.actors.values()
            }
        if amap.sources:
            head["sources"] = {
                s.id: _drop(
                    {
                        "title": _text_data(s.title),
                        "author": s.author,
                        "publisher": s.publisher,
                        "date": s.date,
                        "url": s.url,
                    }
                )
                for s in amap.sources.values()
            }
        if amap.issues:
            head["issues"] = {
                i.id: _drop({"question": _text_data(i.question), "tags": list(i.tags)})
                for i in amap.issues.values()
            }
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
        data: dict[str, Any] = {}
        title = _claim_title(claim.id)
        if title != claim.id:
            data["id"] = claim.id
        if claim.kind != "fact":
            data["kind"] = claim.kind
        if claim.answers:
            data["answers"] = claim.answers
        if claim.by:
            data["by"] = list(claim.by)
        if claim.source:
            data["source"] = list(claim.source)
        if isinstance(claim.text.to_data(), dict):
            data["text"] = claim.text.to_data()
        if claim.quote:
            data["quote"] = _text_data(claim.quote)
        if claim.weight is not None:
            data["weight"] = claim.weight
        if claim.note:
            data["note"] = _text_data(claim.note)
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
        data = _drop(
            {
                "id": rel.id if rel.explicit_id else None,
                "scheme": rel.scheme,
                "weight": rel.weight,
                "by": list(rel.by),
                "source": list(rel.source),
            }
        )
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


def _drop(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, [], "", ())}


def dump_argdown(amap: ArgumentMap, lang: str | None = None) -> str:
    """The map as Argdown text; claim texts in ``lang`` (default: the map's first language).

    >>> from argmap.load import load_map
    >>> print(dump_argdown(load_map("tests/data/tiny.yaml")).splitlines()[8])
    [a]: X is cheap. {by: ["alice"], source: ["paper"]}
    """
    return _Writer(amap, lang).write()


# -- import ------------------------------------------------------------------------------------
def _safe_id(name: str, taken: set[str]) -> str:
    if re.fullmatch(r"[\w\-.:]+", name) and name not in taken:
        taken.add(name)
        return name
    base = _ID_BAD.sub("_", name.strip()).strip("_") or "item"
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    taken.add(ident)
    return ident


def _clean_text(member: dict[str, Any]) -> str:
    text = member.get("text") or ""
    if not isinstance(text, str):
        return ""
    cuts = sorted(
        (r["start"], r["stop"])
        for r in member.get("ranges") or []
        if isinstance(r, dict)
        and r.get("type") == "tag"
        and isinstance(r.get("start"), int)
        and isinstance(r.get("stop"), int)
    )
    for start, stop in reversed(cuts):
        text = text[:start] + text[stop + 1 :]
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def _id_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str | int) and not isinstance(value, bool):
        return (str(value),)
    if isinstance(value, list):
        return tuple(str(v) for v in value if isinstance(v, str | int) and not isinstance(v, bool))
    return ()


def _weight(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1:
        return float(value)
    return None


def _description(entry: dict[str, Any]) -> str:
    for member in entry.get("members") or []:
        if isinstance(member, dict):
            text = _clean_text(member)
            if text:
                return text
    return ""


class _Importer:
    def __init__(self, filename: str) -> None:
        from argmap.formats.jsonfmt import where

        self.file = filename
        self.where = lambda value: where(filename, value)
        self.sink = DiagnosticSink()
        self.ids: set[str] = set()
        self.claims: dict[str, Claim] = {}
        self.claim_line: dict[str, int] = {}  # where a claim is defined, to keep the file's order
        self.relations: dict[str, Relation] = {}
        self.statement_id: dict[str, str] = {}  # statement title -> claim id
        self.argument_claim: dict[str, str] = {}  # argument title (no pcs) -> claim id
        self.argument_rel: dict[str, str] = {}  # argument title (pcs) -> main relation id
        self.argument_conclusion: dict[str, str] = {}  # argument title -> conclusion title
        self.aux: dict[str, dict[str, Any]] = {}  # auxiliary conclusions, not yet claims
        self.folded_aux: set[str] = set()
        self.folded: set[tuple[str, str]] = set()  # (aux title, target) relations folded in
        self.ours = False

    def fail(self, message: str, value: Any, hint: str | None = None) -> None:
        self.sink.error(message, self.where(value), hint)

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        value = data.get(key, {})
        if value is None:
            return {}
        if not isinstance(value, dict):
            from argmap.formats.jsonfmt import describe

            self.fail(f"'{key}' must be an object, not {describe(value)}", data)
            return {}
        return value

    def read(self, data: Any) -> ArgumentMap:
        from argmap.formats.jsonfmt import describe

        if not isinstance(data, dict):
            self.fail(f"Argdown JSON must be an object, not {describe(data)}", data)
            self.sink.raise_if_errors()
        if "statements" not in data and "arguments" not in data:
            self.fail(
                "not Argdown JSON: no 'statements' or 'arguments'",
                data,
                "make it with 'argdown json FILE.argdown OUTDIR'",
            )
            self.sink.raise_if_errors()
        statements = self.table(data, "statements")
        arguments = self.table(data, "arguments")
        relations = data.get("relations") or []
        if not isinstance(relations, list):
            self.fail("'relations' must be a list", data)
            relations = []
        head = self.head(data.get("sections"))
        self.ours = head.get("argmap") == 1
        for title, ec in statements.items():
            self.statement(title, ec)
        for title, arg in arguments.items():
            self.argument_node(title, arg)
        self.sink.raise_if_errors()
        for title, arg in arguments.items():
            if isinstance(arg, dict) and arg.get("pcs"):
                self.inferences(title, arg, relations)
        for title in list(self.aux):
            if title not in self.folded_aux:
                self.claim_of(title)
        for rel in relations:
            self.relation(rel)
        self.sink.raise_if_errors()
        return self.build(head)

    def head(self, sections: Any) -> dict[str, Any]:
        if not isinstance(sections, list):
            return {}
        for section in sections:
            data = section.get("data") if isinstance(section, dict) else None
            if isinstance(data, dict) and data.get("argmap") == 1:
                data = dict(data)
                data.setdefault("_heading", section.get("title"))
                return data
        for section in sections:
            if isinstance(section, dict) and isinstance(section.get("title"), str):
                return {"_heading": section["title"]}
        return {}

    def claim_from(
        self, title: str, entry: dict[str, Any], text: str, data: dict[str, Any]
    ) -> Claim:
        wanted = data.get("id") if isinstance(data.get("id"), str) else None
        if wanted and wanted not in self.ids and not _ID_BAD.search(wanted):
            cid = wanted
            self.ids.add(cid)
        else:
            cid = _safe_id(title if self.ours or not wanted else wanted, self.ids)
        full = Text.from_data(data.get("text"))
        if full is None:
            full = Text.of(text or title)
        kind = data.get("kind") if data.get("kind") in CLAIM_KINDS else "fact"
        tags = data.get("tags")
        if isinstance(tags, list) and all(isinstance(t, str) for t in tags):
            tag_list = tuple(tags)
        else:
            tag_list = tuple(t for t in entry.get("tags") or [] if isinstance(t, str))
        answers = data.get("answers")
        claim = Claim(
            cid,
            full,
            kind,
            _id_list(data.get("by")),
            _id_list(data.get("source")),
            Text.from_data(data.get("quote")) or Text(),
            tag_list,
            str(answers) if isinstance(answers, str | int) else None,
            _weight(data.get("weight")),
            Text.from_data(data.get("note")) or Text(),
            self.where(entry),
        )
        self.claims[cid] = claim
        lines = [
            m["startLine"]
            for m in entry.get("members") or []
            if isinstance(m, dict)
            and not m.get("isReference")
            and isinstance(m.get("startLine"), int)
        ]
        self.claim_line[cid] = min(lines) if lines else 1 << 30
        return claim

    def statement(self, title: str, ec: Any) -> None:
        if not isinstance(ec, dict):
            self.fail(f"statement '{title}' must be an object", ec)
            return
        data = ec.get("data") if isinstance(ec.get("data"), dict) else {}
        if data.get("argmap") == AUX:
            self.aux[title] = ec
            return
        self.statement_id[title] = self.claim_from(title, ec, _description(ec), data).id

    def argument_node(self, title: str, arg: Any) -> None:
        if not isinstance(arg, dict):
            self.fail(f"argument '{title}' must be an object", arg)
            return
        pcs = arg.get("pcs")
        if pcs is not None and not isinstance(pcs, list):
            self.fail(f"the 'pcs' of argument '{title}' must be a list", arg)
            return
        if not pcs:
            data = arg.get("data") if isinstance(arg.get("data"), dict) else {}
            claim = self.claim_from(f"{title}", arg, _description(arg), data)
            self.argument_claim[title] = claim.id

    def conclusion_targets(self, aux: str, relations: list[Any]) -> list[dict[str, Any]]:
        return [
            r
            for r in relations
            if isinstance(r, dict)
            and r.get("from") == aux
            and r.get("relationType") in ("attack", "undercut", "contrary", "contradictory")
        ]

    def inferences(self, title: str, arg: dict[str, Any], relations: list[Any]) -> None:
        data = arg.get("data") if isinstance(arg.get("data"), dict) else {}
        pcs = [s for s in arg["pcs"] if isinstance(s, dict) and isinstance(s.get("title"), str)]
        if len(pcs) < 2:
            self.fail(
                f"argument '{title}' has a premise-conclusion structure of one statement", arg
            )
            return
        groups: list[tuple[list[str], str]] = []
        pending: list[str] = []
        for i, st in enumerate(pcs):
            is_conclusion = st.get("role") in ("main-conclusion", "intermediary-conclusion") or (
                "inference" in st
            )
            if i == len(pcs) - 1:
                is_conclusion = True
            if is_conclusion and pending:
                groups.append((pending, st["title"]))
                pending = [st["title"]]
            else:
                pending.append(st["title"])
        explicit = data.get("id") if isinstance(data.get("id"), str) else None
        for n, (premises, conclusion) in enumerate(groups, 1):
            main = n == len(groups)
            claims = [self.claim_of(p) for p in premises]
            if None in claims:
                self.fail(
                    f"argument '{title}' uses a premise that is not a statement",
                    arg,
                    "the premises of an argument must be statements",
                )
                return
            prem = tuple(dict.fromkeys(c for c in claims if c))
            rtype, target = "supports", None
            outs = self.conclusion_targets(conclusion, relations) if main else []
            if conclusion in self.aux and len(outs) == 1:
                out = outs[0]
                if out.get("relationType") == "undercut" or out.get("toType") == "inference":
                    rtype, target = "undercuts", out.get("to")  # resolved in build()
                else:
                    rtype, target = "opposes", self.claim_of(str(out.get("to")))
                self.folded.add((conclusion, str(out.get("to"))))
                self.folded_aux.add(conclusion)
            else:
                target = self.claim_of(conclusion)
            if target is None:
                self.fail(f"argument '{title}' concludes in an unknown statement", arg)
                return
            if main:
                if explicit and not _ID_BAD.search(explicit):
                    rid, is_explicit = explicit, True
                elif self.ours:
                    rid, is_explicit = "", False
                else:
                    rid, is_explicit = _safe_id(title, self.ids), True
            else:
                rid, is_explicit = _safe_id(f"{title}.{n}", self.ids), True
            rel = Relation(
                rid,
                prem,
                target,
                rtype,
                data.get("scheme") if main and isinstance(data.get("scheme"), str) else None,
                _weight(data.get("weight")) if main else None,
                _id_list(data.get("by")) if main else (),
                _id_list(data.get("source")) if main else (),
                explicit_id=is_explicit,
                loc=self.where(arg),
            )
            key = f"@argument:{title}" if main else f"@argument:{title}#{n}"
            self.relations[key] = rel
            if main:
                self.argument_rel[title] = key
                self.argument_conclusion[title] = conclusion

    def claim_of(self, title: str) -> str | None:
        """The claim id of statement ``title``, making an unfolded auxiliary one a claim."""
        if title in self.aux and title not in self.folded_aux:
            ec = self.aux.pop(title)
            self.statement_id[title] = self.claim_from(title, ec, _description(ec), {}).id
        return self.statement_id.get(title)

    def node(self, name: Any, kind: Any) -> tuple[str, str] | None:
        """('claim', id) or ('relation', key) for a relation end."""
        if kind == "equivalence-class":
            if name in self.statement_id:
                return "claim", self.statement_id[name]
            return None
        if kind in ("argument", "inference"):
            if name in self.argument_claim:
                return "claim", self.argument_claim[name]
            if name in self.argument_rel:
                return ("relation" if kind == "inference" else "argument"), name
        return None

    def relation(self, rel: Any) -> None:
        if not isinstance(rel, dict):
            self.fail("a relation must be an object", rel)
            return
        source, target = rel.get("from"), rel.get("to")
        rtype = rel.get("relationType")
        if (source, str(target)) in self.folded:
            return
        start = self.node(source, rel.get("fromType"))
        end = self.node(target, rel.get("toType"))
        if start is None or end is None:
            self.fail(
                f"relation {source!r} -> {target!r} names something that is not in the file",
                rel,
            )
            return
        if start[0] != "claim":  # outgoing relation of a reconstructed argument
            start = ("claim", self.statement_id.get(self.argument_conclusion[start[1]], ""))
        mapping = {
            "support": "supports",
            "entails": "supports",
            "attack": "opposes",
            "contrary": "opposes",
            "contradictory": "opposes",
            "undercut": "undercuts",
        }
        if rtype not in mapping:
            self.fail(f"unknown relationType {rtype!r}", rel)
            return
        ours = mapping[rtype]
        if end[0] == "claim":
            if ours == "undercuts":
                ours = "opposes"
            self.add(start[1], end[1], ours, rel)
            if rtype == "contradictory":
                self.add(end[1], start[1], ours, rel)
        elif end[0] == "relation" or ours in ("undercuts", "opposes"):
            self.add(start[1], "@argument:" + end[1], "undercuts", rel)
        else:  # support of a reconstructed argument: support for its conclusion
            conclusion = self.statement_id.get(self.argument_conclusion[end[1]])
            if conclusion:
                self.add(start[1], conclusion, "supports", rel)

    def add(self, premise: str, target: str, rtype: str, at: Any) -> None:
        if premise == target:
            return
        key = f"{premise}|{rtype}|{target}"
        if key not in self.relations:
            self.relations[key] = Relation("", (premise,), target, rtype, loc=self.where(at))

    def build(self, head: dict[str, Any]) -> ArgumentMap:
        # relations may undercut other relations by key: give ids in dependency order
        resolved: dict[str, Relation] = {}
        used: dict[str, Relation] = {}
        remaining = list(self.relations.items())
        while remaining:
            waiting: list[tuple[str, Relation]] = []
            for key, rel in remaining:
                target = rel.target
                if rel.type == "undercuts":
                    ref = target if target.startswith("@argument:") else "@argument:" + target
                    if ref not in self.relations:
                        self.fail(f"undercut of unknown argument '{target}'", None)
                        continue
                    if ref not in resolved:
                        waiting.append((key, rel))
                        continue
                    target = resolved[ref].id
                rid = rel.id or Relation.auto_id(rel.premises, target, rel.type)
                if rid in used:  # the same relation stated twice
                    resolved[key] = used[rid]
                    continue
                resolved[key] = used[rid] = replace(rel, id=rid, target=target)
            if len(waiting) == len(remaining):
                for _, rel in waiting:
                    self.fail(f"undercut cycle through '{rel.target}' cannot be imported", None)
                break
            remaining = waiting
        self.sink.raise_if_errors()
        relations = tuple(used.values())
        actors = self.actors(head.get("actors"))
        sources = self.sources(head.get("sources"))
        issues = self.issues(head.get("issues"))
        for claim in self.claims.values():
            for a in claim.by:
                actors.setdefault(a, Actor(a, Text.of(a)))
            for s in claim.source:
                sources.setdefault(s, Source(s, Text.of(s)))
            if claim.answers:
                issues.setdefault(claim.answers, Issue(claim.answers, Text.of(claim.answers)))
        for rel in relations:
            for a in rel.by:
                actors.setdefault(a, Actor(a, Text.of(a)))
            for s in rel.source:
                sources.setdefault(s, Source(s, Text.of(s)))
        title = Text.from_data(head.get("title"))
        heading = head.get("_heading")
        if title is None and not self.ours and isinstance(heading, str) and heading.strip():
            title = Text.of(heading.strip())
        langs = head.get("languages")
        return ArgumentMap(
            title=title or Text(),
            description=Text.from_data(head.get("description")) or Text(),
            languages=tuple(x for x in langs if isinstance(x, str))
            if isinstance(langs, list)
            else (),
            actors=actors,
            sources=sources,
            issues=issues,
            claims=dict(sorted(self.claims.items(), key=lambda item: self.claim_line[item[0]])),
            relations=relations,
            files=(self.file,),
        )

    def actors(self, table: Any) -> dict[str, Actor]:
        out: dict[str, Actor] = {}
        for aid, e in (table or {}).items() if isinstance(table, dict) else ():
            if isinstance(e, dict):
                out[aid] = Actor(
                    aid,
                    Text.from_data(e.get("name")) or Text.of(aid),
                    e.get("kind") if isinstance(e.get("kind"), str) else None,
                    e.get("affiliation") if isinstance(e.get("affiliation"), str) else None,
                    Text.from_data(e.get("note")) or Text(),
                )
        return out

    def sources(self, table: Any) -> dict[str, Source]:
        out: dict[str, Source] = {}
        for sid, e in (table or {}).items() if isinstance(table, dict) else ():
            if isinstance(e, dict):
                fields = {k: str(e[k]) for k in ("author", "publisher", "date", "url") if e.get(k)}
                out[sid] = Source(sid, Text.from_data(e.get("title")) or Text.of(sid), **fields)
        return out

    def issues(self, table: Any) -> dict[str, Issue]:
        out: dict[str, Issue] = {}
        for iid, e in (table or {}).items() if isinstance(table, dict) else ():
            if isinstance(e, dict):
                out[iid] = Issue(
                    iid,
                    Text.from_data(e.get("question")) or Text.of(iid),
                    _id_list(e.get("tags")),
                )
        return out


def load_argdown_json(text: str, filename: str = "<argdown.json>") -> ArgumentMap:
    """Read the JSON that ``argdown json`` writes; raise MapError with locations on bad input."""
    from argmap.formats.jsonfmt import parse_json
    from argmap.formats.registry import check_imported

    data = parse_json(text, filename)
    amap = _Importer(filename).read(data)
    return check_imported(amap, filename)


__all__ = ["RELATION_TYPES", "dump_argdown", "load_argdown_json"]
