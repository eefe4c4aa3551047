"""Plain-text views for the terminal: aligned, with claims' texts, width-aware for CJK."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from operator import itemgetter
from typing import Any

from argmap.analysis.query import Found, Step
from argmap.errors import Diagnostic
from argmap.model import ArgumentMap
from argmap.style.wrap import char_width, display_width

SIGN = {1: "+", -1: "-"}
STANCE_WORD = {1: "supports", -1: "opposes"}


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def clip(text: str, width: int) -> str:
    """``text`` on one line, cut with '…' to at most ``width`` columns.

    The cut keeps the longest prefix of at most ``width - 1`` columns (zero-width marks that
    follow it included): a slice for ASCII text, one pass over the widths otherwise.

    >>> clip("Open  weights let anyone run it.", 12), clip("オープンな重み", 8)
    ('Open weight…', 'オープ…')
    """
    text = " ".join(text.split())
    if text.isascii():  # one column per character
        if len(text) <= width:
            return text
        return text[: max(width - 1, 0)] + "…"
    cumulative = list(accumulate(map(char_width, text)))
    if not cumulative or cumulative[-1] <= width:
        return text
    # widths are never negative, so the running total ascends: bisect finds the cut
    return text[: bisect_right(cumulative, width - 1)] + "…"


def table(rows: Sequence[Sequence[str]], last_width: int | None = None) -> str:
    """Rows aligned in columns; the last column is clipped to ``last_width`` when given."""
    if not rows:
        return ""
    widths = [max(map(display_width, map(itemgetter(i), rows))) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [
            c.ljust(w) if c.isascii() else pad(c, w)  # ljust counts characters, not columns
            for c, w in zip(row[:-1], widths, strict=False)
        ]
        last = row[-1] if last_width is None else clip(row[-1], last_width)
        lines.append("  ".join([*cells, last]).rstrip())
    return "\n".join(lines) + "\n"


def claim_text(amap: ArgumentMap, cid: str, lang: str | None) -> str:
    return amap.text(amap.claims[cid].text, lang)


def chain(steps: Iterable[Step]) -> str:
    """``a +> b -> c``: the claims of a chain with each step's sign."""
    steps = list(steps)
    if not steps:
        return ""
    parts = [steps[0].source]
    for s in steps:
        if s.type == "undercuts":
            mark = f"_>[{s.relation}]"
        else:
            mark = "+>" if s.type == "supports" else "->"
        parts.extend([mark, s.target])
    return " ".join(parts)


def format_found(amap: ArgumentMap, found: list[Found], lang: str | None, width: int = 100) -> str:
    """One line per found claim: stance, depth, id, text; then its chain when longer than 1."""
    if not found:
        return ""
    rows = []
    for f in found:
        rows.append([SIGN[f.stance], str(f.depth), f.id, claim_text(amap, f.id, lang)])
    out = table([["", "depth", "claim", "text"], *rows], last_width=width)
    chains = [
        f for f in found if f.depth > 1 or f.steps[0].linked or f.steps[0].type == "undercuts"
    ]
    if chains:
        out += "\nchains:\n"
        for f in chains:
            note = ""
            if f.steps[0].linked:
                note = f"  (linked with {', '.join(f.steps[0].linked)})"
            out += f"  {f.id}: {chain(f.steps)}{note}\n"
    return out


def found_json(amap: ArgumentMap, found: list[Found], lang: str | None) -> list[dict[str, Any]]:
    return [
        {
            "id": f.id,
            "text": claim_text(amap, f.id, lang),
            "stance": STANCE_WORD[f.stance],
            "depth": f.depth,
            "path": f.path,
            "relations": [s.relation for s in f.steps],
            "linked_with": list(f.steps[0].linked),
        }
        for f in found
    ]


def format_diagnostics(items: Iterable[Diagnostic]) -> str:
    lines = []
    for d in items:
        line = d.format()
        if d.code:
            line += f" [{d.code}]"
        lines.append(line)
    return "\n".join(lines) + ("\n" if lines else "")


def format_stats(amap: ArgumentMap, data: dict[str, Any], lang: str | None) -> str:
    """The `argmap stats` text view."""
    lines = []
    if data["title"]:
        lines.append(amap.text(amap.title, lang))
    kinds = ", ".join(f"{k} {v}" for k, v in data["claims_by_kind"].items() if v)
    types = ", ".join(f"{k} {v}" for k, v in data["relations_by_type"].items() if v)
    rows = [
        ["claims", str(data["claims"]), kinds],
        [
            "relations",
            str(data["relations"]),
            types + (f"; {data['linked_arguments']} linked" if data["linked_arguments"] else ""),
        ],
        ["actors", str(data["actors"]), ""],
        ["sources", str(data["sources"]), ""],
        ["issues", str(data["issues"]), ""],
        ["tags", str(data["tags"]), ""],
    ]
    lines.append(table(rows).rstrip("\n"))
    for key, label in (
        ("most_supported", "most supported (supporting relations)"),
        ("most_attacked", "most attacked (opposing relations and undercuts)"),
        ("most_central", "most central (Katz centrality toward conclusions)"),
    ):
        if data[key]:
            lines.append(f"\n{label}:")
            score_fmt = "{:.3f}" if key == "most_central" else "{:.0f}"
            rank_rows = [
                ["  " + score_fmt.format(r["score"]), r["id"], claim_text(amap, r["id"], lang)]
                for r in data[key]
            ]
            lines.append(table(rank_rows, last_width=80).rstrip("\n"))
    return "\n".join(lines) + "\n"


def format_card(card: dict[str, Any]) -> str:
    """The `argmap show` text view."""
    lines = [f"{card['id']}  [{card['kind']}]", f"  {card['text']}"]
    texts = card["texts"]
    if isinstance(texts, dict):
        for lang, text in texts.items():
            if text != card["text"]:
                lines.append(f"  {lang}: {text}")
    if card["quote"]:
        quote = card["quote"]
        quote = " / ".join(quote.values()) if isinstance(quote, dict) else quote
        lines.append(f"  quote: 「{quote}」")
    rows = []
    if card["by"]:
        rows.append(["by", ", ".join(f"{a['name']} ({a['id']})" for a in card["by"])])
    for s in card["sources"]:
        detail = ", ".join(x for x in (s["date"], s["url"]) if x)
        rows.append(["source", f"{s['title']} ({s['id']}{'; ' + detail if detail else ''})"])
    if card["tags"]:
        rows.append(["tags", ", ".join(card["tags"])])
    if card["answers"]:
        rows.append(["answers", f"{card['answers']['question']} ({card['answers']['id']})"])
    if card["weight"] is not None:
        rows.append(["weight", f"{card['weight']:g}"])
    if card["note"]:
        rows.append(["note", card["note"]])
    if card["location"]:
        rows.append(["defined", card["location"]])
    if rows:
        lines.append(table([["  " + k, v] for k, v in rows]).rstrip("\n"))
    for key, label, sign in (("supporters", "supported by", "+"), ("opposers", "opposed by", "-")):
        lines.append(f"  {label}:" + ("" if card[key] else " (nothing)"))
        for entry in card[key]:
            how = " (undercut of " + entry["relation"] + ")" if entry["type"] == "undercuts" else ""
            if len(entry["claims"]) > 1:
                lines.append(f"    {sign} together{how}:")
                lines.extend(f"        {c['id']}: {clip(c['text'], 90)}" for c in entry["claims"])
            else:
                c = entry["claims"][0]
                lines.append(f"    {sign} {c['id']}: {clip(c['text'], 90)}{how}")
    if card["bears_on"]:
        lines.append("  bears on:")
        for b in card["bears_on"]:
            sign = "+" if b["stance"] == "supports" else "-"
            lines.append(f"    {sign} {b['id']}: {clip(b['text'], 80)}  ({b['relation']})")
    return "\n".join(lines) + "\n"


def format_actors(amap: ArgumentMap, profiles: list, agreements: list, lang: str | None) -> str:
    """The `argmap actors` text view."""
    lines: list[str] = []
    for p in profiles:
        actor = amap.actors[p.actor]
        kind = f" [{actor.kind}]" if actor.kind else ""
        lines.append(f"{amap.text(actor.name, lang)} ({p.actor}){kind}: {len(p.claims)} claim(s)")
        for issue, claims in p.positions.items():
            question = amap.text(amap.issues[issue].question, lang)
            lines.append(f"  position on {issue} ({clip(question, 60)}): {', '.join(claims)}")
        for c in p.conflicts:
            lines.append(f"  conflict: asserts {c.attacker}, which opposes own claim {c.attacked}")
        if p.claims:
            rows = [["   ", cid, claim_text(amap, cid, lang)] for cid in p.claims]
            lines.append(table(rows, last_width=80).rstrip("\n"))
    if agreements:
        lines.append("\nagreement between actors (-1 only attacks … +1 only support):")
        rows = [
            [
                f"  {g.score:+.2f}",
                f"{g.a} ~ {g.b}",
                f"{g.supports} support, {g.attacks} attack, {g.shared} shared",
            ]
            for g in agreements
        ]
        lines.append(table(rows).rstrip("\n"))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# evaluate, strength and keystones

EVAL_WIDTH = 70
MAX_LISTED = 20
MODEL_NAMES = {"dfquad": "DF-QuAD", "quadratic": "quadratic energy", "euler": "Euler-based"}


def argument_text(amap: ArgumentMap | None, name: str, lang: str | None) -> str:
    """A claim's text, ``p & q type t`` for a relation, nothing for an abstract argument."""
    if amap is None:
        return ""
    if name in amap.claims:
        return amap.text(amap.claims[name].text, lang)
    rel = amap.relation(name)
    return f"{' & '.join(rel.premises)} {rel.type} {rel.target}"


def _argument_rows(
    amap: ArgumentMap | None, names: list[str], lang: str | None, why: Any = None
) -> str:
    """Aligned lines ``id  [why]  text``, the text clipped to the terminal's usual width."""
    if not names:
        return "  (none)\n"
    rows = []
    for name in names:
        row = ["", name]
        if why is not None:
            row.append(why(name))
        row.append(argument_text(amap, name, lang))
        rows.append(row)
    return table(rows, last_width=EVAL_WIDTH)


def _what_if_line(ev: Any, assume: Sequence[str], reject: Sequence[str]) -> str:
    parts = []
    if assume:
        extra = [a for a in ev.assumed if a not in assume]
        parts.append(
            "assuming " + ", ".join(assume) + (f" (and {', '.join(extra)})" if extra else "")
        )
    if reject:
        extra = [r for r in ev.rejected if r not in reject]
        parts.append(
            "rejecting " + ", ".join(reject) + (f" (and {', '.join(extra)})" if extra else "")
        )
    return "What if: " + "; ".join(parts) + "\n" if parts else ""


def format_evaluation(
    title: str,
    ev: Any,
    amap: ArgumentMap | None,
    mapped: Any,
    support: str,
    assume: Sequence[str],
    reject: Sequence[str],
    accepted: Any = None,
    lang: str | None = None,
) -> str:
    """The `argmap evaluate` text view of an :class:`~argmap.analysis.evaluation.Evaluation`.

    ``mapped`` is the map's framework (None for an abstract one): only its claims are listed,
    then its inferences; ``accepted`` is an :class:`~argmap.analysis.evaluation.Acceptance`.
    """
    names = ev.arguments
    out = [f"{title}: {ev.semantics} semantics"]
    if mapped is not None:
        out[0] += f", {support} support"
    out[0] += "\n"
    out.append(_what_if_line(ev, assume, reject))
    shown = set(mapped.claims()) if mapped is not None else None

    def visible(items: list[str]) -> list[str]:
        return [a for a in items if shown is None or a in shown]

    note = None
    if ev.extensions is None:
        groups = [("IN", "in"), ("OUT", "out"), ("UNDECIDED", "undec")]
        index = {name: i for i, name in enumerate(names)}

        def note(name: str) -> str:
            return ev.explain(index[name], mapped)
    else:
        count = len(ev.extensions)
        out.append(f"{count} extension{'s' if count != 1 else ''}\n")
        for k, ext in enumerate(ev.extensions[:MAX_LISTED], 1):
            members = visible([names[i] for i in ext])
            out.append(f"  {k}. {', '.join(members) if members else '(empty)'}\n")
        if count > MAX_LISTED:
            out.append(f"  … and {count - MAX_LISTED} more (--format json lists all)\n")
        groups = [
            ("IN EVERY EXTENSION (sceptically accepted)", "sceptical"),
            ("IN SOME EXTENSIONS (credulously accepted)", "credulous"),
            ("IN NO EXTENSION", "rejected"),
        ]
    for heading, status in groups:
        members = visible([a for a, s in zip(names, ev.statuses, strict=True) if s == status])
        out.append(f"\n{heading} ({len(members)})\n")
        out.append(_argument_rows(amap, members, lang, note))
    if mapped is not None and mapped.relations():
        out.append("\nINFERENCES (linked or undercut relations)\n")
        labels = ev.labelling()
        out.append(_argument_rows(amap, mapped.relations(), lang, labels.__getitem__))
    if accepted is not None:
        yes = {True: "yes", False: "no"}
        out.append(
            f"\n{accepted.argument}: credulously accepted: {yes[accepted.credulous]}; "
            f"sceptically accepted: {yes[accepted.sceptical]}\n"
        )
    return "".join(out)


def format_strength(
    title: str,
    result: Any,
    amap: ArgumentMap,
    model: str,
    assume: Sequence[str],
    reject: Sequence[str],
    lang: str | None = None,
) -> str:
    """The `argmap strength` text view of a :class:`~argmap.analysis.strength.StrengthResult`."""
    how = {
        "topological": "exact: acyclic, one pass in topological order",
        "iteration": f"fixed point after {result.iterations} iterations",
        "continuous": f"continuous form (RK4), {result.iterations} steps",
    }[result.method]
    if not result.converged:
        how = f"NOT CONVERGED ({how}; residual {result.residual:.2g})"
    head = f"{title}: {MODEL_NAMES[model]} strength ({how})\n"
    order = sorted(result.strengths, key=lambda c: -result.strengths[c])
    rows = [["", "claim", "strength", "", "base", "text"]]
    for c in order:
        value = result.strengths[c]
        bar = "█" * round(value * 10)
        mark = " (assumed)" if c in assume else " (rejected)" if c in reject else ""
        rows.append(
            [
                "",
                c,
                f"{value:.3f}",
                bar.ljust(10),
                f"{result.base[c]:.2f}",
                claim_text(amap, c, lang) + mark,
            ]
        )
    parts = []
    if assume:
        parts.append("assuming " + ", ".join(assume) + " (strength 1)")
    if reject:
        parts.append("rejecting " + ", ".join(reject) + " (strength 0)")
    what_if = "What if: " + "; ".join(parts) + "\n" if parts else ""
    return head + what_if + table(rows, EVAL_WIDTH)


def format_keystones(
    title: str,
    ranked: Sequence[Any],
    targets: Sequence[str] | None,
    semantics: str,
    support: str | None,
    amap: ArgumentMap | None,
    lang: str | None = None,
) -> str:
    """The `argmap keystones` text view; ``support`` is None for an abstract framework."""
    what = f"the status of {', '.join(targets)}" if targets else "the most statuses"
    out = [f"{title}: claims whose rejection changes {what} ({semantics}"]
    if support is None:
        out.append(")\n")
    else:
        out.append(f", {support})\n" if support.endswith("standard") else f", {support} support)\n")
    if not ranked:
        out.append("  none: rejecting any single claim changes nothing\n")
    width = len(str(len(ranked)))
    for k, ks in enumerate(ranked, 1):
        text = argument_text(amap, ks.claim, lang)
        changed = f"{ks.score} change{'s' if ks.score != 1 else ''}"
        out.append(f"  {k:>{width}}. {ks.claim}  ({changed})  {text}\n")
        shown = [c for c in ks.changes if targets is None or c[0] in targets]
        for a, before, after in shown[:MAX_LISTED]:
            out.append(f"  {'':>{width}}    {a}: {before} → {after}\n")
        if len(shown) > MAX_LISTED:
            out.append(f"  {'':>{width}}    … and {len(shown) - MAX_LISTED} more\n")
    return "".join(out)
