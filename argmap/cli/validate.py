"""`argmap validate` and `argmap stats`."""

from __future__ import annotations

import click

from argmap.cli.common import TEXT_OR_JSON, CliError, echo_json, load


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-q", "--quiet", is_flag=True, help="Print nothing when the maps are valid.")
def validate(paths: tuple[str, ...], quiet: bool) -> None:
    """Check maps (files or directories) and report every problem as FILE:LINE:COL.

    A folder holding map folders (like arguments/) checks each of them.

    Exits 0 when every map is valid, 1 when any has an error.
    """
    from argmap.load import check_map

    failed = 0
    for path in _expand(paths):
        amap, diagnostics = check_map(path)
        for diag in diagnostics:
            click.echo(diag.format(), err=True)
        if amap is None:
            failed += 1
            errors = sum(1 for d in diagnostics if d.level == "error")
            click.echo(f"{path}: {errors} error{'s' if errors != 1 else ''}", err=True)
        elif not quiet:
            click.echo(f"{path}: ok ({len(amap.claims)} claims, {len(amap.relations)} relations)")
    if failed:
        raise SystemExit(1)


def _expand(paths: tuple[str, ...]) -> list[str]:
    """A folder of maps (no YAML of its own, sub-folders or YAML files below) stands for them."""
    from pathlib import Path

    from argmap.load import MAP_SUFFIXES

    result: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir() and not any(f.suffix in MAP_SUFFIXES for f in p.iterdir()):
            subs = sorted(str(d) for d in p.iterdir() if d.is_dir() and any(d.glob("*.y*ml")))
            result.extend(subs or [path])
        else:
            result.append(path)
    return result


@click.command()
@click.argument("path", metavar="MAP", type=click.Path())
@TEXT_OR_JSON
@click.option("--top", default=5, show_default=True, help="How many claims each ranking lists.")
@click.option("--lang", help="Language of claim texts (default: the map's first).")
def stats(path: str, fmt: str, top: int, lang: str | None) -> None:
    """Counts of a map's parts and its most supported, attacked and central claims."""
    from argmap.analysis.stats import map_stats
    from argmap.render.text import format_stats

    amap = load(path)
    data = map_stats(amap, top=top)
    if fmt == "json":
        echo_json(data)
    else:
        click.echo(format_stats(amap, data, lang), nl=False)


__all__ = ["CliError", "stats", "validate"]
