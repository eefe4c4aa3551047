"""Commands that ask a map questions: supporters, opposers, show, why, find, actors, lint."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from argmap.cli import progress
from argmap.cli.common import TEXT_OR_JSON, CliError, choice, echo_json, load
from argmap.errors import NotFoundError
from argmap.model import CLAIM_KINDS, ArgumentMap
from argmap.suggest import close_matches

FORMAT = choice(
    "--format",
    ["text", "json", "ids"],
    "text",
    "text for people, json for programs, ids one per line for pipes.",
    dest="fmt",
)
LANG = click.option("--lang", help="Language of texts (default: the map's first language).")
MATCH = click.option(
    "--match", "match", help="Name the claim by a text search (any language) instead of its id."
)


def resolve(amap: ArgumentMap, name: str | None, match: str | None) -> str:
    """A claim id from an id/prefix argument or a --match search; errors become CliError."""
    from argmap.analysis.query import resolve_by_match, resolve_claim

    try:
        if match is not None:
            return resolve_by_match(amap, match)
        if name is None:
            raise CliError("name a claim (its id, a prefix of it, or --match TEXT)")
        return resolve_claim(amap, name)
    except NotFoundError as exc:
        raise CliError(str(exc)) from None


def _check_choice(value: str | None, choices: list[str], what: str) -> None:
    if value is not None and value not in choices:
        raise CliError(str(NotFoundError(f"no {what} '{value}'", close_matches(value, choices))))


def _bearer_command(stance: int, name: str, help_text: str) -> click.Command:
    @click.command(name=name, help=help_text)
    @click.argument("map_path", metavar="MAP", type=click.Path())
    @click.argument("claim", required=False)
    @MATCH
    @click.option(
        "--depth",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        help="How many relations away to look.",
    )
    @click.option("--all", "all_", is_flag=True, help="Follow chains of any length.")
    @click.option("--actor", help="Only claims this actor asserts.")
    @click.option("--tag", help="Only claims with this tag.")
    @click.option("--kind", type=click.Choice(CLAIM_KINDS), help="Only claims of this kind.")
    @FORMAT
    @LANG
    def command(
        map_path: str,
        claim: str | None,
        match: str | None,
        depth: int,
        all_: bool,
        actor: str | None,
        tag: str | None,
        kind: str | None,
        fmt: str,
        lang: str | None,
    ) -> None:
        from argmap.analysis.query import bearers
        from argmap.render.text import format_found, found_json

        amap = load(map_path)
        cid = resolve(amap, claim, match)
        _check_choice(actor, list(amap.actors), "actor")
        _check_choice(tag, amap.all_tags(), "tag")
        progress.phase(f"following the relations into {cid}")
        found = bearers(amap, cid, stance=stance, depth=None if all_ else depth)
        progress.finish()
        found = [
            f
            for f in found
            if (actor is None or actor in amap.claims[f.id].by)
            and (tag is None or tag in amap.claims[f.id].tags)
            and (kind is None or amap.claims[f.id].kind == kind)
        ]
        if fmt == "json":
            echo_json(found_json(amap, found, lang))
        elif fmt == "ids":
            if found:
                click.echo("\n".join(f.id for f in found))
        else:
            word = "supporters" if stance > 0 else "opposers"
            head = f"{word} of {cid}: {amap.text(amap.claims[cid].text, lang)}"
            click.echo(head)
            click.echo(format_found(amap, found, lang) or "  (none)\n", nl=False)

    return command


supporters = _bearer_command(
    1,
    "supporters",
    "Claims that support CLAIM, directly or through chains (what opposes an opposer supports).",
)
opposers = _bearer_command(
    -1,
    "opposers",
    "Claims that oppose CLAIM, directly or through chains (undercuts of its supports count).",
)


@click.command()
@click.argument("map_path", metavar="MAP", type=click.Path())
@click.argument("claim", required=False)
@MATCH
@TEXT_OR_JSON
@LANG
def show(map_path: str, claim: str | None, match: str | None, fmt: str, lang: str | None) -> None:
    """A claim's card: texts, kind, actors, sources, tags, issue, supporters and opposers."""
    from argmap.analysis.cards import claim_card
    from argmap.render.text import format_card

    amap = load(map_path)
    cid = resolve(amap, claim, match)
    card = claim_card(amap, cid, lang)
    if fmt == "json":
        echo_json(card)
    else:
        click.echo(format_card(card), nl=False)


@click.command()
@click.argument("map_path", metavar="MAP", type=click.Path())
@click.argument("source")
@click.argument("target")
@click.option("--max-depth", type=click.IntRange(min=1), help="Longest chain to report.")
@TEXT_OR_JSON
@LANG
def why(
    map_path: str, source: str, target: str, max_depth: int | None, fmt: str, lang: str | None
) -> None:
    """Every chain of relations from SOURCE to TARGET, with its net stance."""
    from argmap.analysis.query import paths
    from argmap.render.text import chain, claim_text

    amap = load(map_path)
    src, dst = resolve(amap, source, None), resolve(amap, target, None)
    found = paths(amap, src, dst, cutoff=max_depth)
    if fmt == "json":
        echo_json(
            [
                {
                    "stance": "supports" if f.stance > 0 else "opposes",
                    "depth": f.depth,
                    "path": f.path,
                    "relations": [s.relation for s in f.steps],
                }
                for f in found
            ]
        )
        return
    click.echo(f"from {src}: {claim_text(amap, src, lang)}")
    click.echo(f"to   {dst}: {claim_text(amap, dst, lang)}")
    if not found:
        click.echo("no chain of relations links them")
        return
    for f in found:
        word = "supports" if f.stance > 0 else "opposes"
        click.echo(f"{word:8}  {chain(f.steps)}")


@click.command()
@click.argument("map_path", metavar="MAP", type=click.Path())
@click.argument("words", nargs=-1, required=True)
@FORMAT
@LANG
def find(map_path: str, words: tuple[str, ...], fmt: str, lang: str | None) -> None:
    """Claims whose id, text or quote (in any language) contains every one of WORDS."""
    from argmap.analysis.query import find_claims
    from argmap.render.text import claim_text, table

    amap = load(map_path)
    hits = find_claims(amap, " ".join(words))
    if fmt == "json":
        echo_json([{"id": c, "text": claim_text(amap, c, lang)} for c in hits])
    elif fmt == "ids":
        for c in hits:
            click.echo(c)
    elif hits:
        click.echo(table([[c, claim_text(amap, c, lang)] for c in hits], last_width=100), nl=False)
    if not hits:
        raise SystemExit(1)


@click.command()
@click.argument("map_path", metavar="MAP", type=click.Path())
@TEXT_OR_JSON
@LANG
def actors(map_path: str, fmt: str, lang: str | None) -> None:
    """Each actor's claims, positions on issues and self-conflicts; agreement between actors."""
    from argmap.analysis.actors import agreements, profiles
    from argmap.render.text import format_actors

    amap = load(map_path)
    profs, agrees = profiles(amap), agreements(amap)
    if fmt == "json":
        echo_json(_actors_json(amap, profs, agrees, lang))
    else:
        click.echo(format_actors(amap, profs, agrees, lang), nl=False)


def _actors_json(amap: ArgumentMap, profs: list, agrees: list, lang: str | None) -> dict[str, Any]:
    return {
        "actors": [
            {
                "id": p.actor,
                "name": amap.text(amap.actors[p.actor].name, lang),
                "claims": list(p.claims),
                "positions": {k: list(v) for k, v in p.positions.items()},
                "conflicts": [
                    {"attacker": c.attacker, "attacked": c.attacked, "relation": c.relation}
                    for c in p.conflicts
                ],
            }
            for p in profs
        ],
        "agreement": [
            {
                "a": g.a,
                "b": g.b,
                "supports": g.supports,
                "attacks": g.attacks,
                "shared": g.shared,
                "score": round(g.score, 6),
            }
            for g in agrees
        ],
    }


@click.command()
@click.argument("map_path", metavar="MAP", type=click.Path())
@click.option("--strict", is_flag=True, help="Warnings count as failures too (exit 1).")
@TEXT_OR_JSON
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODE",
    help="Leave out findings with this code (repeatable).",
)
def lint(map_path: str, strict: bool, fmt: str, ignore: tuple[str, ...]) -> None:
    """Structural findings: circular support, unsupported conclusions, unsourced facts…

    Exits 1 when an error-level finding exists (with --strict, any finding).
    """
    from argmap.analysis.lint import CODES
    from argmap.analysis.lint import lint as run_lint
    from argmap.render.text import format_diagnostics

    for code in ignore:
        _check_choice(code, list(CODES), "finding code")
    amap = load(map_path)
    findings = [f for f in run_lint(amap) if f.code not in ignore]
    if fmt == "json":
        echo_json(
            [
                {
                    "level": f.level,
                    "code": f.code,
                    "message": f.message,
                    "file": f.location.file if f.location else None,
                    "line": f.location.line if f.location else None,
                    "column": f.location.column if f.location else None,
                    "hint": f.hint,
                }
                for f in findings
            ]
        )
    else:
        click.echo(format_diagnostics(findings), nl=False)
        errors = sum(f.level == "error" for f in findings)
        click.echo(f"{errors} error(s), {len(findings) - errors} warning(s)", err=True)
    failing: Callable[[Any], bool] = (lambda f: True) if strict else (lambda f: f.level == "error")
    if any(failing(f) for f in findings):
        raise SystemExit(1)
