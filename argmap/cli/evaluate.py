"""`argmap evaluate`, `argmap strength` and `argmap keystones`: which claims stand, and how well."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

import click

from argmap.analysis.framework import SUPPORT_READINGS
from argmap.analysis.semantics import SEMANTICS
from argmap.analysis.strength import MODELS
from argmap.cli import progress
from argmap.cli.common import CliError, choice, echo_json, fail, load
from argmap.errors import ArgmapError, NotFoundError
from argmap.model import PROOF_STANDARDS
from argmap.render.text import MODEL_NAMES
from argmap.suggest import close_matches

FORMAT = choice("--format", ["text", "json"], "text", "text for people, json for programs.", "fmt")
LANG = click.option("--lang", help="Language of claim texts (default: the map's first).")
SUPPORT = click.option(
    "--support",
    type=click.Choice(list(SUPPORT_READINGS)),
    help="Classic semantics only: a claim needs its supporters (necessary, the default), or "
    "supporters force it (deductive).",
)
ASSUME = click.option(
    "--assume", multiple=True, metavar="CLAIM", help="What if this claim stands (repeatable)."
)
REJECT = click.option(
    "--reject", multiple=True, metavar="CLAIM", help="What if this claim falls (repeatable)."
)
SEMANTICS_OPTION = click.option(
    "--semantics",
    type=click.Choice(["weighed", *SEMANTICS]),
    help="weighed (pros against cons; the default for maps) or a classic Dung semantics "
    "(grounded is the default for .i23/.af/.apx/.tgf frameworks).",
)
STANDARD = click.option(
    "--standard",
    type=click.Choice(list(PROOF_STANDARDS)),
    help="Weighed only: hold every claim to this proof standard for this run.",
)


@dataclass
class Source:
    """What a command evaluates: a map (with its framework) or an abstract framework file."""

    path: str
    framework: Any
    amap: Any = None
    mapped: Any = None

    def resolve(self, name: str) -> str:
        """The argument a user-given name stands for (claim id, prefix, or relation id; in an
        i23 file whose arguments are named, their number too)."""
        if name in self.framework.index:
            return name
        arguments = self.framework.arguments
        if self.amap is None and name.isdigit() and 1 <= int(name) <= len(arguments):
            return arguments[int(name) - 1]
        try:
            if self.amap is not None:
                from argmap.analysis.query import resolve_claim

                return resolve_claim(self.amap, name)
            close = close_matches(name, self.framework.arguments)
            raise NotFoundError(f"no argument '{name}'", close)
        except NotFoundError as exc:
            raise CliError(str(exc)) from None


def is_framework_file(path: str) -> bool:
    """Whether PATH is an abstract framework (.i23/.af/.apx/.tgf) rather than a map."""
    from argmap.formats.iccma import format_of

    return format_of(path) is not None


def read_source(path: str, support: str) -> Source:
    """Load PATH: an .i23/.af/.apx/.tgf framework, or else a map flattened under ``support``."""
    from argmap.analysis.framework import map_to_framework
    from argmap.formats.iccma import load_framework

    if is_framework_file(path):
        try:
            framework = load_framework(path)
        except ArgmapError as exc:
            raise fail(exc) from None
        if not framework.supports:
            return Source(path, framework)
        from argmap.formats.iccma import framework_to_map

        amap = framework_to_map(framework)  # a bipolar framework: read as the map it is
    else:
        amap = load(path)
    progress.phase(f"reading the map as a framework ({support} support)")
    mapped = map_to_framework(amap, support)
    progress.finish()
    return Source(path, mapped.framework, amap, mapped)


def read_weighed_map(path: str) -> Any:
    """The map at PATH for the weighed labelling: a map, or a framework read as one."""
    if not is_framework_file(path):
        return load(path)
    from argmap.formats.iccma import framework_to_map, load_framework

    try:
        return framework_to_map(load_framework(path))
    except ArgmapError as exc:
        raise fail(exc) from None


def resolve_node(amap: Any, name: str) -> str:
    """The claim or relation a user-given name stands for: an id, or a claim id's prefix."""
    from argmap.analysis.query import resolve_claim

    if name in amap.claims or name in amap.relations_by_id():
        return name
    try:
        return resolve_claim(amap, name)
    except NotFoundError as exc:
        raise CliError(str(exc)) from None


def pick_semantics(
    path: str, semantics: str | None, support: str | None, **weighed_only: Any
) -> str:
    """The semantics a run uses, with the options that do not go with it refused."""
    if semantics is None:
        semantics = "grounded" if is_framework_file(path) else "weighed"
    if semantics == "weighed" and support is not None:
        raise click.UsageError(
            "--support applies only to the classic semantics (grounded, complete, preferred, "
            "stable): the weighed semantics weighs each support by its weight"
        )
    if semantics != "weighed":
        for option, value in weighed_only.items():
            if value:
                flag = "--" + option.replace("_", "-")
                raise click.UsageError(f"{flag} applies only to --semantics weighed")
    return semantics


def _title(src: Source, lang: str | None) -> str:
    if src.amap is not None and src.amap.title:
        return src.amap.text(src.amap.title, lang)
    return src.path


def _map_title(amap: Any, path: str, lang: str | None) -> str:
    return amap.text(amap.title, lang) if amap.title else path


@click.command()
@click.argument("path", type=click.Path())
@SEMANTICS_OPTION
@STANDARD
@click.option(
    "--accepts", metavar="CLAIM", help="Report credulous and sceptical acceptance of this claim."
)
@click.option(
    "--explain",
    metavar="CLAIM",
    help="Weighed only: why this claim (or relation) stands or falls, walked down its reasons.",
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    metavar="N",
    default=None,
    help="With --explain: how many levels down to walk (default 2; 0 walks the whole tree).",
)
@ASSUME
@REJECT
@SUPPORT
@FORMAT
@LANG
def evaluate(
    path: str,
    semantics: str | None,
    standard: str | None,
    accepts: str | None,
    explain: str | None,
    depth: int | None,
    assume: tuple[str, ...],
    reject: tuple[str, ...],
    support: str | None,
    fmt: str,
    lang: str | None,
) -> None:
    """Which claims stand: weigh a map's pros against its cons, or label it by Dung semantics.

    The default for a map is the weighed semantics: each claim's strongest applicable reason
    against its strongest applicable objection, under the proof standard of its issue (see
    docs/evaluation.md). --semantics grounded|complete|preferred|stable reads the map as a
    bipolar framework flattened into a Dung one; that is the default for .i23/.apx/.tgf files.
    """
    semantics = pick_semantics(
        path, semantics, support, standard=standard, explain=explain, depth=depth is not None
    )
    if depth is not None and not explain:
        raise click.UsageError("--depth goes with --explain CLAIM")
    if semantics == "weighed":
        _evaluate_weighed(
            path,
            standard,
            accepts,
            explain,
            2 if depth is None else depth,
            assume,
            reject,
            fmt,
            lang,
        )
        return
    from argmap.analysis.evaluation import evaluate as run
    from argmap.render.text import format_evaluation

    support = support or "necessary"
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


def _evaluate_weighed(
    path: str,
    standard: str | None,
    accepts: str | None,
    explain: str | None,
    depth: int,
    assume: tuple[str, ...],
    reject: tuple[str, ...],
    fmt: str,
    lang: str | None,
) -> None:
    from argmap.analysis.weighed import weigh
    from argmap.render.verdicts import format_explanation, format_weighed, weighed_data

    amap = read_weighed_map(path)
    assume = tuple(resolve_node(amap, a) for a in assume)
    reject = tuple(resolve_node(amap, r) for r in reject)
    target = resolve_node(amap, accepts) if accepts else None
    focus = resolve_node(amap, explain) if explain else None
    try:
        w = weigh(amap, standard, assume, reject)
    except ArgmapError as exc:
        raise CliError(str(exc)) from None
    if standard and not w.standards:
        click.echo(
            "argmap: warning: no claim answers an issue, so --standard changes nothing "
            "(claims that answer no issue are held to preponderance)",
            err=True,
        )
    if fmt == "json":
        data = weighed_data(w, target)
        if focus is not None:
            data["explain"] = {"node": focus, "because": w.explain(focus)}
        echo_json(data)
    elif focus is not None:
        click.echo(format_explanation(w, focus, lang, depth), nl=False)
    else:
        click.echo(format_weighed(_map_title(amap, path, lang), w, lang, target), nl=False)


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
                "forces": {r: round(v, 9) for r, v in result.forces.items()},
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
@STANDARD
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
    semantics: str | None,
    standard: str | None,
    top: int,
    assume: tuple[str, ...],
    reject: tuple[str, ...],
    support: str | None,
    fmt: str,
    lang: str | None,
) -> None:
    """The claims whose rejection changes the most statuses (or the target's), ranked."""
    from argmap.analysis.evaluation import keystones as rank
    from argmap.analysis.evaluation import rank_rejections
    from argmap.render.text import format_keystones

    if target and issue:
        raise click.UsageError("give --target or --issue, not both")
    semantics = pick_semantics(map_path, semantics, support, standard=standard)
    if semantics == "weighed":
        from argmap.analysis.weighed import weigh

        amap = read_weighed_map(map_path)
        resolve = partial(resolve_node, amap)
        candidates = list(amap.claims)
    else:
        support = support or "necessary"
        src = read_source(map_path, support)
        amap = src.amap
        resolve = src.resolve
        candidates = (
            src.mapped.claims() if src.mapped is not None else list(src.framework.arguments)
        )
    assume = tuple(resolve(a) for a in assume)
    reject = tuple(resolve(r) for r in reject)
    targets: list[str] | None = None
    if target:
        targets = [resolve(target)]
    elif issue:
        if amap is None or issue not in amap.issues:
            known = list(amap.issues) if amap is not None else []
            raise CliError(str(NotFoundError(f"no issue '{issue}'", close_matches(issue, known))))
        targets = [c for c, claim in amap.claims.items() if claim.answers == issue]
        if not targets:
            raise CliError(f"no claim answers issue '{issue}'")
    try:
        if semantics == "weighed":
            base = weigh(amap, standard, assume, reject)

            def relabel(cand: str) -> dict[str, str]:
                return weigh(amap, standard, assume, [*reject, cand]).claim_labels()

            skip = {*assume, *reject}
            ranked = rank_rejections(candidates, base.claim_labels(), relabel, skip, targets, top)
        else:
            ranked = rank(
                src.framework, semantics, candidates, targets, src.mapped, assume, reject, top
            )
    except ArgmapError as exc:
        raise CliError(str(exc)) from None
    if fmt == "json":
        data: dict[str, Any] = {"semantics": semantics}
        if semantics == "weighed":
            data["standard"] = standard or "per issue"
        data["targets"] = targets
        data["keystones"] = [
            {
                "claim": k.claim,
                "score": k.score,
                "changes": [{"claim": a, "before": b, "after": c} for a, b, c in k.changes],
            }
            for k in ranked
        ]
        echo_json(data)
        return
    how = support if semantics != "weighed" and amap is not None else None
    if semantics == "weighed":
        how = f"{standard or 'per-issue'} standard"
    title = _map_title(amap, map_path, lang) if amap is not None else map_path
    click.echo(format_keystones(title, ranked, targets, semantics, how, amap, lang), nl=False)


__all__ = ["evaluate", "keystones", "strength"]
