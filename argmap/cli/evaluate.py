"""`argmap evaluate`, `argmap strength` and `argmap keystones`: which claims stand, and how well."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import click

from argmap.analysis.framework import SUPPORT_READINGS
from argmap.analysis.semantics import SEMANTICS
from argmap.analysis.strength import MODELS
from argmap.cli import progress
from argmap.cli.common import CliError, choice, echo_json, fail, load
from argmap.errors import ArgmapError, NotFoundError
from argmap.render.text import MODEL_NAMES
from argmap.suggest import close_matches

FORMAT = choice("--format", ["text", "json"], "text", "text for people, json for programs.", "fmt")
LANG = click.option("--lang", help="Language of claim texts (default: the map's first).")
SUPPORT = choice(
    "--support",
    SUPPORT_READINGS,
    "necessary",
    "Reading of support: a claim needs its supporters, or supporters force it.",
)
ASSUME = click.option(
    "--assume", multiple=True, metavar="CLAIM", help="What if this claim stands (repeatable)."
)
REJECT = click.option(
    "--reject", multiple=True, metavar="CLAIM", help="What if this claim falls (repeatable)."
)
SEMANTICS_OPTION = choice("--semantics", SEMANTICS, "grounded", "Extension semantics.")


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
            close = close_matches(name, self.framework.arguments)
            raise NotFoundError(f"no argument '{name}'", close)
        except NotFoundError as exc:
            raise CliError(str(exc)) from None


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
    from argmap.analysis.evaluation import evaluate as run
    from argmap.render.text import format_evaluation

    src = read_source(path, support)
    assume = tuple(src.resolve(a) for a in assume)
    reject = tuple(src.resolve(r) for r in reject)
    target = src.resolve(accepts) if accepts else None
    progress.phase(f"computing the {semantics} semantics", hint="Ctrl-C stops it")
    try:
        ev = run(src.framework, semantics, assume, reject, src.mapped)
    except ArgmapError as exc:
        raise CliError(str(exc)) from None
    finally:
        progress.finish()
    acc = ev.acceptance(src.framework.index[target]) if target is not None else None
    if fmt == "json":
        data: dict[str, Any] = {"semantics": semantics}
        if ev.extensions is None:
            data["labelling"] = ev.labelling()
        else:
            data["extensions"] = [[ev.arguments[i] for i in ext] for ext in ev.extensions]
        if acc is not None:
            data["accepts"] = {
                "argument": acc.argument,
                "credulous": acc.credulous,
                "sceptical": acc.sceptical,
            }
        if assume or reject:
            data["assumed"] = list(ev.assumed)
            data["rejected"] = list(ev.rejected)
        echo_json(data)
        return
    text = format_evaluation(
        _title(src, lang), ev, src.amap, src.mapped, support, assume, reject, acc, lang
    )
    click.echo(text, nl=False)


@click.command()
@click.argument("map_path", metavar="MAP", type=click.Path())
@choice("--model", MODELS, "dfquad", "Gradual semantics.")
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
    from argmap.render.text import format_strength

    text = format_strength(_title(src, lang), result, amap, model, assume, reject, lang)
    click.echo(text, nl=False)


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
    from argmap.analysis.evaluation import keystones as rank
    from argmap.render.text import format_keystones

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
            raise CliError(str(NotFoundError(f"no issue '{issue}'", close_matches(issue, known))))
        targets = [c for c, claim in amap.claims.items() if claim.answers == issue]
        if not targets:
            raise CliError(f"no claim answers issue '{issue}'")
    try:
        ranked = rank(
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
    support_shown = support if src.mapped is not None else None
    text = format_keystones(
        _title(src, lang), ranked, targets, semantics, support_shown, src.amap, lang
    )
    click.echo(text, nl=False)


__all__ = ["evaluate", "keystones", "strength"]
