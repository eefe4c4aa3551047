"""`argmap evaluate`, `argmap strength` and `argmap keystones`: which claims stand, and how well."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

import click

from argmap.analysis.framework import SUPPORT_READINGS
from argmap.analysis.semantics import SEMANTICS
from argmap.analysis.strength import MODELS
from argmap.cli import progress
from argmap.cli.common import CliError, echo_json, fail, load
from argmap.errors import ArgmapError, NotFoundError

MODEL_NAMES = {"dfquad": "DF-QuAD", "quadratic": "quadratic energy", "euler": "Euler-based"}
TEXT_WIDTH = 70
MAX_LISTED = 20

FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs.",
)
LANG = click.option("--lang", help="Language of claim texts (default: the map's first).")
SUPPORT = click.option(
    "--support",
    type=click.Choice(SUPPORT_READINGS),
    default="necessary",
    show_default=True,
    help="Reading of support: a claim needs its supporters, or supporters force it.",
)
ASSUME = click.option(
    "--assume", multiple=True, metavar="CLAIM", help="What if this claim stands (repeatable)."
)
REJECT = click.option(
    "--reject", multiple=True, metavar="CLAIM", help="What if this claim falls (repeatable)."
)
SEMANTICS_OPTION = click.option(
    "--semantics",
    type=click.Choice(SEMANTICS),
    default="grounded",
    show_default=True,
    help="Extension semantics.",
)


@dataclass
class Source:
    """What a command evaluates: a map (with its framework) or an abstract framework file."""

    path: str
    framework: Any
    amap: Any = None
    mapped: Any = None

    def resolve(self, name: str) -> str:
        """The argument a user-given name stands for (claim id, prefix, or relation id)."""
        if name in self.framework.index:
            return name
        try:
            if self.amap is not None:
                from argmap.analysis.query import resolve_claim

                return resolve_claim(self.amap, name)
            close = difflib.get_close_matches(name, self.framework.arguments[:100000], n=3)
            raise NotFoundError(f"no argument '{name}'", close)
        except NotFoundError as exc:
            raise CliError(str(exc)) from None

    def text(self, name: str, lang: str | None) -> str:
        amap = self.amap
        if amap is None:
            return ""
        if name in amap.claims:
            return amap.text(amap.claims[name].text, lang)
        rel = amap.relation(name)
        return f"{' & '.join(rel.premises)} {rel.type} {rel.target}"


def read_source(path: str, support: str) -> Source:
    """Load PATH: an .i23/.af/.apx/.tgf framework, or else a map flattened under ``support``."""
    from argmap.analysis.framework import map_to_framework
    from argmap.formats.iccma import format_of, load_framework

    if format_of(path) is not None:
        try:
            return Source(path, load_framework(path))
        except ArgmapError as exc:
            raise fail(exc) from None
    amap = load(path)
    progress.phase(f"reading the map as a framework ({support} support)")
    mapped = map_to_framework(amap, support)
    progress.finish()
    return Source(path, mapped.framework, amap, mapped)


def _title(src: Source, lang: str | None) -> str:
    if src.amap is not None and src.amap.title:
        return src.amap.text(src.amap.title, lang)
    return src.path


def _rows(src: Source, names: list[str], lang: str | None, why=None) -> str:
    """Aligned lines ``id  [why]  text``, the text clipped to the terminal's usual width."""
    from argmap.render.text import table

    if not names:
        return "  (none)\n"
    rows = []
    for name in names:
        row = ["", name]
        if why is not None:
            row.append(why(name))
        row.append(src.text(name, lang))
        rows.append(row)
    return table(rows, last_width=TEXT_WIDTH)


def _what_if_line(ev: Any, assume: tuple[str, ...], reject: tuple[str, ...]) -> str:
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


@click.command()
@click.argument("path", type=click.Path())
@SEMANTICS_OPTION
@click.option(
    "--accepts", metavar="CLAIM", help="Report credulous and sceptical acceptance of this claim."
)
@ASSUME
@REJECT
@SUPPORT
@FORMAT
@LANG
def evaluate(
    path: str,
    semantics: str,
    accepts: str | None,
    assume: tuple[str, ...],
    reject: tuple[str, ...],
    support: str,
    fmt: str,
    lang: str | None,
) -> None:
    """Which claims stand: label a map (or an .i23/.apx/.tgf framework) by Dung semantics.

    A map is first read as a bipolar framework and flattened (see docs/evaluation.md). Grounded
    semantics gives one labelling (in/out/undec); the others list their extensions.
    """
    from argmap.analysis import semantics as sem

    src = read_source(path, support)
    assume = tuple(src.resolve(a) for a in assume)
    reject = tuple(src.resolve(r) for r in reject)
    target = src.resolve(accepts) if accepts else None
    progress.phase(f"computing the {semantics} semantics", hint="Ctrl-C stops it")
    try:
        ev = sem.evaluate(src.framework, semantics, assume, reject, src.mapped)
    except ArgmapError as exc:
        raise CliError(str(exc)) from None
    finally:
        progress.finish()
    names = ev.arguments
    acc = None
    if target is not None:
        i = src.framework.index[target]
        if ev.extensions is None:
            acc = {"argument": target, "credulous": ev.statuses[i] == "in"}
            acc["sceptical"] = acc["credulous"]
        else:
            acc = {
                "argument": target,
                "credulous": any(i in e for e in ev.extensions),
                "sceptical": all(i in e for e in ev.extensions),
            }
    if fmt == "json":
        data: dict[str, Any] = {"semantics": semantics}
        if ev.extensions is None:
            data["labelling"] = ev.labelling()
        else:
            data["extensions"] = [[names[i] for i in ext] for ext in ev.extensions]
        if acc is not None:
            data["accepts"] = acc
        if assume or reject:
            data["assumed"] = list(ev.assumed)
            data["rejected"] = list(ev.rejected)
        echo_json(data)
        return
    out = [f"{_title(src, lang)}: {semantics} semantics"]
    if src.mapped is not None:
        out[0] += f", {support} support"
    out[0] += "\n"
    out.append(_what_if_line(ev, assume, reject))
    shown = set(src.mapped.claims()) if src.mapped is not None else None

    def visible(items: list[str]) -> list[str]:
        return [a for a in items if shown is None or a in shown]

    if ev.extensions is None:
        groups = [("IN", "in"), ("OUT", "out"), ("UNDECIDED", "undec")]
        index = src.framework.index

        def note(name: str) -> str:
            i = index[name]
            why = ev.explain(i)
            g = ev.grounded
            mapped = src.mapped
            if (
                g is not None
                and mapped is not None
                and g.codes[i] == 2
                and name not in ev.rejected
                and mapped.is_derived(names[g.reasons[i]], name)
            ):
                why += " via supports"
            return why
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
        note = None  # type: ignore[assignment]
    for heading, status in groups:
        members = visible([a for a, s in zip(names, ev.statuses, strict=True) if s == status])
        out.append(f"\n{heading} ({len(members)})\n")
        out.append(_rows(src, members, lang, note))
    if src.mapped is not None and src.mapped.relations():
        out.append("\nINFERENCES (linked or undercut relations)\n")
        labels = ev.labelling()
        rows = src.mapped.relations()
        out.append(_rows(src, rows, lang, labels.__getitem__))
    if acc is not None:
        yes = {True: "yes", False: "no"}
        out.append(
            f"\n{target}: credulously accepted: {yes[acc['credulous']]}; "
            f"sceptically accepted: {yes[acc['sceptical']]}\n"
        )
    click.echo("".join(out), nl=False)


@click.command()
@click.argument("map_path", metavar="MAP", type=click.Path())
@click.option(
    "--model",
    type=click.Choice(MODELS),
    default="dfquad",
    show_default=True,
    help="Gradual semantics.",
)
@ASSUME
@REJECT
@click.option(
    "--tolerance", type=float, default=1e-9, show_default=True, help="Fixed-point tolerance."
)
@FORMAT
@LANG
def strength(
    map_path: str,
    model: str,
    assume: tuple[str, ...],
    reject: tuple[str, ...],
    tolerance: float,
    fmt: str,
    lang: str | None,
) -> None:
    """How strong each claim is, from 0 to 1, with claims' weights as base scores."""
    from argmap.analysis.strength import strength as compute
    from argmap.formats.iccma import framework_to_map

    src = read_source(map_path, "necessary")
    amap = src.amap if src.amap is not None else framework_to_map(src.framework)
    claims = set(amap.claims)
    for name in (*assume, *reject):
        if src.resolve(name) not in claims:
            raise CliError(f"'{name}' is a relation; assume or reject claims")
    assume = tuple(src.resolve(a) for a in assume)
    reject = tuple(src.resolve(r) for r in reject)
    try:
        result = compute(amap, model, assume, reject, tolerance=tolerance)
    except ArgmapError as exc:
        raise CliError(str(exc)) from None
    if not result.converged:
        click.echo(
            f"argmap: warning: {MODEL_NAMES[model]} did not converge "
            f"(residual {result.residual:.2g} after {result.iterations} steps)",
            err=True,
        )
    if fmt == "json":
        echo_json(
            {
                "model": model,
                "converged": result.converged,
                "method": result.method,
                "iterations": result.iterations,
                "residual": result.residual,
                "strengths": {c: round(v, 9) for c, v in result.strengths.items()},
                "base": result.base,
            }
        )
        return
    from argmap.render.text import table

    how = {
        "topological": "exact: acyclic, one pass in topological order",
        "iteration": f"fixed point after {result.iterations} iterations",
        "continuous": f"continuous form (RK4), {result.iterations} steps",
    }[result.method]
    if not result.converged:
        how = f"NOT CONVERGED ({how}; residual {result.residual:.2g})"
    head = f"{_title(src, lang)}: {MODEL_NAMES[model]} strength ({how})\n"
    src_amap = amap
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
                src_amap.text(src_amap.claims[c].text, lang) + mark,
            ]
        )
    click.echo(head + _what_if_plain(assume, reject) + table(rows, TEXT_WIDTH), nl=False)


def _what_if_plain(assume: tuple[str, ...], reject: tuple[str, ...]) -> str:
    parts = []
    if assume:
        parts.append("assuming " + ", ".join(assume) + " (strength 1)")
    if reject:
        parts.append("rejecting " + ", ".join(reject) + " (strength 0)")
    return "What if: " + "; ".join(parts) + "\n" if parts else ""


@click.command()
@click.argument("map_path", metavar="MAP", type=click.Path())
@click.option("--target", metavar="CLAIM", help="Rank by changes to this claim's status.")
@click.option("--issue", metavar="ID", help="Rank by changes to the claims answering this issue.")
@SEMANTICS_OPTION
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@ASSUME
@REJECT
@SUPPORT
@FORMAT
@LANG
def keystones(
    map_path: str,
    target: str | None,
    issue: str | None,
    semantics: str,
    top: int,
    assume: tuple[str, ...],
    reject: tuple[str, ...],
    support: str,
    fmt: str,
    lang: str | None,
) -> None:
    """The claims whose rejection changes the most statuses (or the target's), ranked."""
    from argmap.analysis import semantics as sem

    if target and issue:
        raise click.UsageError("give --target or --issue, not both")
    src = read_source(map_path, support)
    assume = tuple(src.resolve(a) for a in assume)
    reject = tuple(src.resolve(r) for r in reject)
    candidates = src.mapped.claims() if src.mapped is not None else list(src.framework.arguments)
    targets: list[str] | None = None
    if target:
        targets = [src.resolve(target)]
    elif issue:
        amap = src.amap
        if amap is None or issue not in amap.issues:
            known = list(amap.issues) if amap is not None else []
            close = difflib.get_close_matches(issue, known, n=3, cutoff=0.5)
            raise CliError(str(NotFoundError(f"no issue '{issue}'", close)))
        targets = [c for c, claim in amap.claims.items() if claim.answers == issue]
        if not targets:
            raise CliError(f"no claim answers issue '{issue}'")
    try:
        ranked = sem.keystones(
            src.framework, semantics, candidates, targets, src.mapped, assume, reject, top
        )
    except ArgmapError as exc:
        raise CliError(str(exc)) from None
    if fmt == "json":
        echo_json(
            {
                "semantics": semantics,
                "targets": targets,
                "keystones": [
                    {
                        "claim": k.claim,
                        "score": k.score,
                        "changes": [{"claim": a, "before": b, "after": c} for a, b, c in k.changes],
                    }
                    for k in ranked
                ],
            }
        )
        return
    what = f"the status of {', '.join(targets)}" if targets else "the most statuses"
    out = [f"{_title(src, lang)}: claims whose rejection changes {what} ({semantics}"]
    out.append(f", {support} support)\n" if src.mapped is not None else ")\n")
    if not ranked:
        out.append("  none: rejecting any single claim changes nothing\n")
    width = len(str(len(ranked)))
    for k, ks in enumerate(ranked, 1):
        text = src.text(ks.claim, lang)
        changed = f"{ks.score} change{'s' if ks.score != 1 else ''}"
        out.append(f"  {k:>{width}}. {ks.claim}  ({changed})  {text}\n")
        shown = [c for c in ks.changes if targets is None or c[0] in targets]
        for a, before, after in shown[:MAX_LISTED]:
            out.append(f"  {'':>{width}}    {a}: {before} → {after}\n")
        if len(shown) > MAX_LISTED:
            out.append(f"  {'':>{width}}    … and {len(shown) - MAX_LISTED} more\n")
    click.echo("".join(out), nl=False)


__all__ = ["evaluate", "keystones", "strength"]
