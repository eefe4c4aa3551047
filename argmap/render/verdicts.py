"""Text views of the weighed labelling: the verdicts of `argmap evaluate` and `--explain`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from argmap.analysis.weighed import Standard, Weighed
from argmap.render.text import EVAL_WIDTH, argument_text, clip, table

__all__ = ["format_explanation", "format_weighed", "standards_line", "weighed_data"]

GROUPS = (("STANDS (in)", "in"), ("FALLS (out)", "out"), ("OPEN (undecided)", "undec"))


def standards_line(w: Weighed) -> str:
    """The proof standards in force: the default, then each issue that differs from it."""
    parts = [f"proof standard {w.default.describe()}"]
    seen: dict[str, Standard] = {}
    for claim, standard in w.standards.items():
        issue = w.amap.claims[claim].answers
        if issue is not None and standard != w.default:
            seen.setdefault(issue, standard)
    parts += [f"issue {issue}: {s.describe()}" for issue, s in seen.items()]
    return "; ".join(parts)


def _what_if(assume: Sequence[str], reject: Sequence[str]) -> str:
    parts = []
    if assume:
        parts.append("assuming " + ", ".join(assume))
    if reject:
        parts.append("rejecting " + ", ".join(reject))
    return "What if: " + "; ".join(parts) + "\n" if parts else ""


def format_weighed(
    title: str,
    w: Weighed,
    lang: str | None = None,
    accepted: str | None = None,
) -> str:
    """The `argmap evaluate` text view of a weighed labelling: claims grouped by verdict, each
    with its pro and con and the decisive reason and objection; then the inferences that fall."""
    amap = w.amap
    out = [f"{title}: weighed semantics, {standards_line(w)}\n"]
    out.append(_what_if(w.assumed, w.rejected))
    for heading, label in GROUPS:
        members = [c for c in amap.claims if w.labels[c] == label]
        out.append(f"\n{heading} ({len(members)})\n")
        if not members:
            out.append("  (none)\n")
            continue
        rows = [
            [
                "",
                c,
                f"pro {w.pro[c]:.2f} con {w.con[c]:.2f}",
                clip(argument_text(amap, c, lang), EVAL_WIDTH),
            ]
            for c in members
        ]
        for row, c in zip(table(rows).splitlines(), members, strict=True):
            out.append(row + "\n")
            out.append(f"      {w.explain(c)}\n")
    fallen = [r.id for r in amap.relations if w.labels[r.id] != "in"]
    if fallen:
        out.append(f"\nINFERENCES THAT DO NOT APPLY ({len(fallen)})\n")
        rows = [["", rid, w.labels[rid], w.explain(rid)] for rid in fallen]
        out.append(table(rows, last_width=EVAL_WIDTH))
    if accepted is not None:
        verdict = {"in": "stands", "out": "falls", "undec": "is undecided"}[w.labels[accepted]]
        out.append(f"\n{accepted} {verdict}: {w.explain(accepted)}\n")
    return "".join(out)


def format_explanation(w: Weighed, node: str, lang: str | None = None, depth: int = 0) -> str:
    """`argmap evaluate --explain NODE`: why ``node`` has its label, walked down through the
    reasons, objections, premises and undercuts that decide it, ``depth`` levels down (0: all
    the way). Each node is explained once; a later mention points back to it."""
    amap = w.amap
    lines: list[str] = []
    done: set[str] = set()

    def head(name: str) -> str:
        label = w.labels[name].upper()
        if name in amap.claims:
            return (
                f"{name}  {label}  pro {w.pro[name]:.2f} con {w.con[name]:.2f}  "
                f"{clip(argument_text(amap, name, lang), 60)}"
            )
        return f"{name}  {label}  weight {w.weights[name]:.2f}"

    def walk(name: str, role: str, level: int) -> None:
        indent = "  " * level
        lead = f"{indent}{role}: " if role else indent
        if name in done:
            lines.append(f"{lead}{name}  {w.labels[name].upper()}  (explained above)")
            return
        done.add(name)
        lines.append(lead + head(name))
        lines.append(f"{indent}  because {w.explain(name)}")
        if name in w.assumed or name in w.rejected:
            return
        if name in amap.claims:
            children = [("reason", r) for r in w.reasons(name)]
            children += [("objection", r) for r in w.objections(name)]
        else:
            children = [("premise", p) for p in amap.relation(name).premises]
            children += [("undercut", u) for u in w.into.get(name, ())]
        if children and depth_limit and level >= depth_limit:
            lines.append(f"{indent}  … {len(children)} more below (--depth {level + 1} shows them)")
            return
        for child_role, child in children:
            walk(child, child_role, level + 1)

    depth_limit = depth
    walk(node, "", 0)
    return "\n".join(lines) + "\n"


def weighed_data(w: Weighed, accepted: str | None = None) -> dict[str, Any]:
    """The `argmap evaluate --format json` object of a weighed labelling."""

    def standard(s: Standard) -> dict[str, Any]:
        return {"name": s.name, "alpha": s.alpha, "beta": s.beta, "gamma": s.gamma}

    claims = list(w.amap.claims)
    data: dict[str, Any] = {
        "semantics": "weighed",
        "standard": standard(w.default),
        "labelling": dict(w.labels),
        "pro": {c: w.pro[c] for c in claims},
        "con": {c: w.con[c] for c in claims},
        "decisive": {
            c: {"reason": w.decisive_reason(c), "objection": w.decisive_objection(c)}
            for c in claims
        },
        "weights": dict(w.weights),
        "standards": {c: standard(s) for c, s in w.standards.items()},
    }
    if accepted is not None:
        label = w.labels[accepted]
        data["accepts"] = {
            "argument": accepted,
            "credulous": label == "in",
            "sceptical": label == "in",
        }
    if w.assumed or w.rejected:
        data["assumed"] = list(w.assumed)
        data["rejected"] = list(w.rejected)
    return data
