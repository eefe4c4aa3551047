"""A readable Markdown report of a map, for people who read rather than look.

Per issue: its question and the positions that answer it, each with its weighed status (stands,
falls or open; ``docs/evaluation.md``) and the outline of what supports and opposes it (linked
premises and undercuts included). Then every claim with its text, status, kind, actors, sources
(titles and dates), supporters, opposers and what it bears on; then the actors and sources.
Headings are in English or Japanese following ``lang``.
"""

from __future__ import annotations

import re

from argmap.analysis.weighed import weigh
from argmap.model import ArgumentMap, Claim, Relation

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "issues": "Issues",
        "issue": "Issue",
        "positions": "Positions",
        "no_positions": "No position answers this issue yet.",
        "claims": "Claims",
        "other": "Claims that answer no issue directly",
        "kind": "Kind",
        "answers": "Answers",
        "by": "Said by",
        "sources": "Sources",
        "quote": "Quote",
        "tags": "Tags",
        "note": "Note",
        "supported": "Supported by",
        "opposed": "Opposed by",
        "bears": "Bears on",
        "pro": "Pro",
        "con": "Con",
        "undercut": "Undercut",
        "linked": "together",
        "supports": "supports",
        "opposes": "opposes",
        "undercuts": "undercuts",
        "relation": "relation",
        "actors": "Actors",
        "none": "none",
        "summary": "{claims} claims, {relations} relations, {actors} actors, {sources} sources.",
        "seen": "see above",
        "fact": "fact",
        "value": "value",
        "policy": "policy",
        "definition": "definition",
        "scheme": "scheme",
        "weight": "weight",
        "name": "Name",
        "title": "Title",
        "date": "Date",
        "author": "Author",
        "id": "Id",
        "said": "Claims",
        "status": "Status",
        "in": "stands",
        "out": "falls",
        "undec": "open",
        "status_line": "{label} (pro {pro:.2f}, con {con:.2f})",
    },
    "ja": {
        "issues": "論点",
        "issue": "論点",
        "positions": "立場",
        "no_positions": "この論点に答える立場はまだない。",
        "claims": "主張",
        "other": "論点に直接答えない主張",
        "kind": "種類",
        "answers": "答える論点",
        "by": "主張者",
        "sources": "出典",
        "quote": "引用",
        "tags": "タグ",
        "note": "注記",
        "supported": "支持",
        "opposed": "反対",
        "bears": "関係先",
        "pro": "賛",
        "con": "否",
        "undercut": "推論への反論",
        "linked": "連結",
        "supports": "支持する",
        "opposes": "反対する",
        "undercuts": "推論を崩す",
        "relation": "関係",
        "actors": "主体",
        "none": "なし",
        "summary": "主張 {claims}、関係 {relations}、主体 {actors}、出典 {sources}。",
        "seen": "上を参照",
        "fact": "事実",
        "value": "価値",
        "policy": "政策",
        "definition": "定義",
        "scheme": "型",
        "weight": "重み",
        "name": "名前",
        "title": "題名",
        "date": "日付",
        "author": "著者",
        "id": "ID",
        "said": "主張",
        "status": "判定",
        "in": "成立",
        "out": "不成立",
        "undec": "未決",
        "status_line": "{label}(賛 {pro:.2f}、否 {con:.2f})",
    },
}

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: str) -> str:
    """Text with Markdown's active characters escaped, on one line.

    >>> md_escape("a *b* [c] <d>")
    'a \\\\*b\\\\* \\\\[c\\\\] \\\\<d\\\\>'
    """
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _link_target(url: str) -> str:
    """An http(s) url as a Markdown link destination in angle brackets, where nothing but
    ``<``, ``>``, a backslash or a space could end it or change it: those are percent-encoded."""
    return "".join(f"%{ord(ch):02X}" if ch in " <>\\" else ch for ch in url)


def _anchor(cid: str) -> str:
    return "claim-" + re.sub(r"[^\w\-]", "-", cid).lower()


class _Report:
    def __init__(self, amap: ArgumentMap, lang: str | None, depth: int) -> None:
        self.amap = amap
        self.lang = lang or amap.default_language
        base = (self.lang or "en").split("-")[0]
        self.w = WORDS.get(base, WORDS["en"])
        self.depth = depth
        self.weighed = weigh(amap)
        self.incoming: dict[str, list[Relation]] = {}
        self.outgoing: dict[str, list[Relation]] = {}  # claim -> relations it is a premise of
        for rel in amap.relations:
            self.incoming.setdefault(rel.target, []).append(rel)
            for premise in dict.fromkeys(rel.premises):
                self.outgoing.setdefault(premise, []).append(rel)
        self.by_id = amap.relations_by_id()
        self.out: list[str] = []

    def t(self, text) -> str:
        return md_escape(self.amap.text(text, self.lang))

    def ref(self, cid: str) -> str:
        claim = self.amap.claims.get(cid)
        if claim is None:
            return f"`{cid}`"
        return f"[`{cid}`](#{_anchor(cid)}) {self.t(claim.text)}"

    def actor_names(self, ids: tuple[str, ...]) -> str:
        names = []
        for a in ids:
            actor = self.amap.actors.get(a)
            names.append(self.t(actor.name) if actor else f"`{a}`")
        return ", ".join(names)

    def source_names(self, ids: tuple[str, ...], details: bool = True) -> str:
        names = []
        for s in ids:
            src = self.amap.sources.get(s)
            if src is None:
                names.append(f"`{s}`")
                continue
            title = self.t(src.title)
            if src.link:
                title = f"[{title}](<{_link_target(src.link)}>)"
            bits = [b for b in (src.author, src.publisher, src.date) if b] if details else []
            names.append(title + (f" ({md_escape(', '.join(bits))})" if bits else ""))
        return "; ".join(names)

    def write(self) -> str:
        amap, w = self.amap, self.w
        self.out.append(f"# {self.t(amap.title) if amap.title else 'argmap'}")
        self.out.append("")
        if amap.description:
            self.out += [self.t(amap.description), ""]
        counts = {
            "claims": len(amap.claims),
            "relations": len(amap.relations),
            "actors": len(amap.actors),
            "sources": len(amap.sources),
        }
        self.out += [w["summary"].format(**counts), ""]
        answered: set[str] = set()
        if amap.issues:
            self.out += [f"## {w['issues']}", ""]
            for issue in amap.issues.values():
                self.out += [f"### {w['issue']}: {self.t(issue.question)} (`{issue.id}`)", ""]
                positions = [c for c in amap.claims.values() if c.answers == issue.id]
                if not positions:
                    self.out += [f"_{w['no_positions']}_", ""]
                for claim in positions:
                    answered.add(claim.id)
                    status = w[self.weighed.label(claim.id)]
                    self.out.append(f"- **{w['positions']}:** {self.ref(claim.id)} — **{status}**")
                    self.outline(claim.id, 1, {claim.id})
                self.out.append("")
        self.out += [f"## {w['claims']}", ""]
        for claim in amap.claims.values():
            self.claim(claim)
        if amap.actors:
            self.out += [f"## {w['actors']}", ""]
            self.out += [
                f"| {w['id']} | {w['name']} | {w['kind']} | {w['said']} |",
                "| --- | --- | --- | --- |",
            ]
            said_by: dict[str, list[str]] = {}
            for c in amap.claims.values():
                for aid in dict.fromkeys(c.by):
                    said_by.setdefault(aid, []).append(c.id)
            for actor in amap.actors.values():
                said = said_by.get(actor.id, [])
                cells = ", ".join(f"[`{c}`](#{_anchor(c)})" for c in said) or w["none"]
                self.out.append(
                    f"| `{actor.id}` | {self.t(actor.name)} | {actor.kind or ''} | {cells} |"
                )
            self.out.append("")
        if amap.sources:
            self.out += [f"## {w['sources']}", ""]
            self.out += [
                f"| {w['id']} | {w['title']} | {w['author']} | {w['date']} |",
                "| --- | --- | --- | --- |",
            ]
            for src in amap.sources.values():
                self.out.append(
                    f"| `{src.id}` | {self.source_names((src.id,), details=False)} | "
                    f"{md_escape(src.author or src.publisher or '')} | {src.date or ''} |"
                )
            self.out.append("")
        return "\n".join(self.out).rstrip("\n") + "\n"

    def relation_line(self, rel: Relation) -> str:
        w = self.w
        label = {"supports": w["pro"], "opposes": w["con"], "undercuts": w["undercut"]}[rel.type]
        if rel.linked:
            label += f" ({w['linked']})"
        premises = " + ".join(self.ref(p) for p in rel.premises)
        extra = []
        if rel.scheme:
            extra.append(f"{w['scheme']}: {md_escape(rel.scheme)}")
        if rel.weight is not None:
            extra.append(f"{w['weight']}: {rel.weight:g}")
        if rel.by:
            extra.append(self.actor_names(rel.by))
        if rel.source:
            extra.append(self.source_names(rel.source))
        tail = f" _({'; '.join(extra)})_" if extra else ""
        return f"**{label}:** {premises}{tail}"

    def outline(self, target: str, level: int, seen: set[str]) -> None:
        """What bears on ``target`` (a claim or relation), as nested bullets."""
        if level > self.depth:
            return
        for rel in self.incoming.get(target, []):
            indent = "  " * level
            fresh = [p for p in rel.premises if p not in seen]
            line = f"{indent}- {self.relation_line(rel)}"
            if not fresh and rel.premises:
                line += f" ({self.w['seen']})"
            self.out.append(line)
            self.outline(rel.id, level + 1, seen)
            for premise in fresh:
                self.outline(premise, level + 1, seen | set(rel.premises))

    def claim(self, claim: Claim) -> None:
        w, amap = self.w, self.amap
        self.out += [f'### <a id="{_anchor(claim.id)}"></a>`{claim.id}`: {self.t(claim.text)}', ""]
        verdict = self.weighed
        status = w["status_line"].format(
            label=w[verdict.label(claim.id)], pro=verdict.pro[claim.id], con=verdict.con[claim.id]
        )
        rows = [f"- **{w['status']}:** {status}", f"- **{w['kind']}:** {w[claim.kind]}"]
        if claim.answers:
            issue = amap.issues.get(claim.answers)
            question = self.t(issue.question) if issue else ""
            rows.append(f"- **{w['answers']}:** {question} (`{claim.answers}`)")
        if claim.by:
            rows.append(f"- **{w['by']}:** {self.actor_names(claim.by)}")
        if claim.source:
            rows.append(f"- **{w['sources']}:** {self.source_names(claim.source)}")
        if claim.quote:
            rows.append(f"- **{w['quote']}:** “{self.t(claim.quote)}”")
        if claim.tags:
            rows.append(f"- **{w['tags']}:** " + ", ".join(f"`{t}`" for t in claim.tags))
        if claim.weight is not None:
            rows.append(f"- **{w['weight']}:** {claim.weight:g}")
        if claim.note:
            rows.append(f"- **{w['note']}:** {self.t(claim.note)}")
        for rtype, title in (("supports", w["supported"]), ("opposes", w["opposed"])):
            rels = [r for r in self.incoming.get(claim.id, []) if r.type == rtype]
            if rels:
                rows.append(f"- **{title}:**")
                for rel in rels:
                    rows.append(f"  - {self.relation_line(rel)}")
                    for u in self.incoming.get(rel.id, []):
                        rows.append(f"    - {self.relation_line(u)}")
        bears = self.outgoing.get(claim.id, [])
        if bears:
            rows.append(f"- **{w['bears']}:**")
            for rel in bears:
                if rel.type == "undercuts":
                    target = self.by_id.get(rel.target)
                    where = f"{w['relation']} `{rel.target}`" + (
                        f" → {self.ref(target.target)}" if target else ""
                    )
                else:
                    where = self.ref(rel.target)
                others = [p for p in rel.premises if p != claim.id]
                if others:
                    where += f" ({w['linked']}: " + ", ".join(f"`{p}`" for p in others) + ")"
                rows.append(f"  - {w[rel.type]} {where}")
        self.out += [*rows, ""]


def dump_markdown(amap: ArgumentMap, lang: str | None = None, depth: int = 3) -> str:
    """The map as a Markdown report; texts in ``lang``; issue outlines ``depth`` levels deep.

    >>> from argmap.load import load_map
    >>> print(dump_markdown(load_map("tests/data/tiny.yaml")).splitlines()[0])
    # Tiny debate
    """
    return _Report(amap, lang, depth).write()
