"""Argdown's JSON export (``argdown json FILE --stdout``) read as a map.

Statements become claims; an argument with a premise-conclusion structure becomes one relation
per inference (premises support conclusion); an argument without one becomes a claim;
support/entails become ``supports``, attack/contrary/contradictory become ``opposes`` and
undercuts of an inference undercut that inference. What :mod:`argmap.formats.argdown` exports
comes back as it was: the auxiliary conclusions it writes (data ``{argmap: conclusion}``) fold
back into the opposition or undercut they stand for.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from argmap.errors import DiagnosticSink, warn
from argmap.formats.argdown import AUX
from argmap.formats.jsonloc import describe, parse_json, where
from argmap.formats.plain import (
    actors_from_data,
    fresh_id,
    id_list,
    issues_from_data,
    languages_from_data,
    sources_from_data,
    weight,
)
from argmap.model import CLAIM_KINDS, Actor, ArgumentMap, Claim, Issue, Relation, Source, Text

#: Argdown's title for a statement written without one.
_UNTITLED = re.compile(r"^Untitled \d+$")

_ID_BAD = re.compile(r"[^\w\-.:]+")


def _seq(value: Any) -> list[Any]:
    """``value`` when it is a list; anything else (a number where Argdown writes a list)
    holds nothing."""
    return value if isinstance(value, list) else []


def _clean_text(member: dict[str, Any]) -> str:
    text = member.get("text") or ""
    if not isinstance(text, str):
        return ""
    cuts = sorted(
        (r["start"], r["stop"])
        for r in _seq(member.get("ranges"))
        if isinstance(r, dict)
        and r.get("type") == "tag"
        and isinstance(r.get("start"), int)
        and isinstance(r.get("stop"), int)
    )
    for start, stop in reversed(cuts):
        text = text[:start] + text[stop + 1 :]
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def _description(entry: dict[str, Any]) -> str:
    for member in _seq(entry.get("members")):
        if isinstance(member, dict):
            text = _clean_text(member)
            if text:
                return text
    return ""


class _Importer:
    def __init__(self, filename: str) -> None:
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
            self.fail(f"'{key}' must be an object, not {describe(value)}", data)
            return {}
        return value

    def read(self, data: Any) -> ArgumentMap:
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
            cid = fresh_id(title if self.ours or not wanted else wanted, self.ids, "item")
        full = Text.from_data(data.get("text"))
        if full is None:
            full = Text.of(text or title)
        kind = data.get("kind") if data.get("kind") in CLAIM_KINDS else "fact"
        tags = data.get("tags")
        if isinstance(tags, list) and all(isinstance(t, str) for t in tags):
            tag_list = tuple(tags)
        else:
            tag_list = tuple(t for t in _seq(entry.get("tags")) if isinstance(t, str))
        answers = data.get("answers")
        claim = Claim(
            cid,
            full,
            kind,
            id_list(data.get("by")),
            id_list(data.get("source")),
            Text.from_data(data.get("quote")) or Text(),
            tag_list,
            str(answers) if isinstance(answers, str | int) else None,
            weight(data.get("weight")),
            Text.from_data(data.get("note")) or Text(),
            self.where(entry),
        )
        self.claims[cid] = claim
        lines = [
            m["startLine"]
            for m in _seq(entry.get("members"))
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
            and isinstance(r.get("to"), str)
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
                    rid, is_explicit = fresh_id(title, self.ids, "item"), True
            else:
                rid, is_explicit = fresh_id(f"{title}.{n}", self.ids, "item"), True
            rel = Relation(
                rid,
                prem,
                target,
                rtype,
                data.get("scheme") if main and isinstance(data.get("scheme"), str) else None,
                weight(data.get("weight")) if main else None,
                id_list(data.get("by")) if main else (),
                id_list(data.get("source")) if main else (),
                explicit_id=is_explicit,
                note=(Text.from_data(data.get("note")) or Text()) if main else Text(),
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
        if not isinstance(source, str) or not isinstance(target, str):
            self.fail(
                "a relation's 'from' and 'to' must be titles (strings), not "
                f"{describe(source)} and {describe(target)}",
                rel,
            )
            return
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
            if ours == "undercuts":  # of an argument without premises and conclusion: of
                self.add(start[1], "@claim:" + end[1], ours, rel)  # its inference (build)
                return
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
        if premise == target and rtype != "opposes":
            warn(
                f"claim '{premise}' {rtype} itself; the relation is left out",
                self.where(at),
                "a claim may oppose itself, but not support itself",
            )
            return
        key = f"{premise}|{rtype}|{target}"
        if key not in self.relations:
            self.relations[key] = Relation("", (premise,), target, rtype, loc=self.where(at))

    def undercut_claims(self) -> None:
        """An undercut of an argument that became a claim attacks that claim's inference:
        its first relation to another claim. One that bears on nothing is an opposition."""
        first: dict[str, str] = {}  # claim -> the key of its first relation to another claim
        for k, r in self.relations.items():
            if len(r.premises) == 1 and r.type != "undercuts" and "@" not in r.target:
                first.setdefault(r.premises[0], k)
        for key, rel in list(self.relations.items()):
            if rel.type != "undercuts" or not rel.target.startswith("@claim:"):
                continue
            cid = rel.target.removeprefix("@claim:")
            inference = first.get(cid)
            if inference is not None:
                self.relations[key] = replace(rel, target=inference)
                continue
            del self.relations[key]
            warn(
                f"claim '{rel.premises[0]}' undercuts argument '{cid}', which bears on no claim; "
                "it is imported as an opposition of it",
                rel.loc,
                "an undercut attacks the step from an argument to its conclusion",
            )
            added = f"{rel.premises[0]}|opposes|{cid}"
            if added not in self.relations:
                self.relations[added] = replace(rel, target=cid, type="opposes")
                first.setdefault(rel.premises[0], added)

    def prose(self, relations: tuple[Relation, ...]) -> list[str]:
        """Argdown's untitled paragraphs that bear on nothing and that nothing bears on: prose
        around the debate, not claims of it. They leave the claims (in the order written) and
        their texts are returned for the map's description."""
        if self.ours:
            return []
        related = {c for r in relations for c in (*r.premises, r.target)}
        texts: list[tuple[int, str]] = []
        for title, cid in list(self.statement_id.items()):
            claim = self.claims.get(cid)
            if not _UNTITLED.match(title) or claim is None or cid in related or claim.answers:
                continue
            del self.claims[cid]
            texts.append((self.claim_line.get(cid, 0), claim.text.get()))
        return [text for _, text in sorted(texts, key=lambda item: item[0])]

    def build(self, head: dict[str, Any]) -> ArgumentMap:
        self.undercut_claims()
        # relations may undercut other relations by key: give ids in dependency order
        resolved: dict[str, Relation] = {}
        used: dict[str, Relation] = {}
        remaining = list(self.relations.items())
        while remaining:
            waiting: list[tuple[str, Relation]] = []
            for key, rel in remaining:
                target = rel.target
                if rel.type == "undercuts":
                    known = target.startswith("@argument:") or target in self.relations
                    ref = target if known else "@argument:" + target  # or a relation's own key
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
        prose = self.prose(relations)
        actors = actors_from_data(head.get("actors"))
        sources = sources_from_data(head.get("sources"))
        issues = issues_from_data(head.get("issues"))
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
        description = Text.from_data(head.get("description"))
        if prose:
            lead = [description.get()] if description else []
            description = Text.of("\n\n".join([*lead, *prose]))
        return ArgumentMap(
            title=title or Text(),
            description=description or Text(),
            languages=languages_from_data(head.get("languages")),
            allow_self_attacks=head.get("allow_self_attacks") is True,
            actors=actors,
            sources=sources,
            issues=issues,
            claims=dict(sorted(self.claims.items(), key=lambda item: self.claim_line[item[0]])),
            relations=relations,
            files=(self.file,),
        )


def read_argdown_json(text: str, filename: str = "<argdown.json>") -> ArgumentMap:
    """The map in the JSON that ``argdown json`` writes; MapError with locations on bad input.

    The import check of the map is ``Format.load``'s.
    """
    return _Importer(filename).read(parse_json(text, filename))


__all__ = ["read_argdown_json"]
