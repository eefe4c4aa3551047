"""`argmap diff OLD NEW`: what changed between two versions of a map."""

from __future__ import annotations

import sys
from dataclasses import replace

import click

from argmap.cli.common import CliError, choice, echo_json
from argmap.errors import ArgmapError, Diagnostic
from argmap.model import ArgumentMap
from argmap.view import Selection


class DiffTrouble(CliError):
    """Trouble reading either side: exit 2, as diff(1) does."""

    exit_code = 2


def read_side(spec: str) -> ArgumentMap:
    """The map ``spec`` names: a file or directory, or ``REV:PATH`` read from git. Invalid
    maps print every located error and raise :class:`DiffTrouble`."""
    from argmap.load import check_map
    from argmap.load.revision import checked_out, is_revision_spec, relabel

    diagnostics: list[Diagnostic]
    try:
        if is_revision_spec(spec):
            with checked_out(spec) as (path, prefix):
                amap, diagnostics = check_map(path)
                diagnostics = relabel(diagnostics, path, prefix)
        else:
            amap, diagnostics = check_map(spec)
    except ArgmapError as exc:
        raise DiffTrouble(str(exc)) from None
    for diag in diagnostics:
        click.echo(diag.format(), err=True)
    if amap is None:
        errors = sum(1 for d in diagnostics if d.level == "error")
        raise DiffTrouble(f"{spec}: {errors} error{'s' if errors != 1 else ''}; nothing compared")
    return amap


@click.command()
@click.argument("old")
@click.argument("new")
@choice(
    "--format",
    ["text", "json", "markdown"],
    "text",
    "text for people, json for programs, markdown for a pull request.",
    "fmt",
)
@click.option("--stat", is_flag=True, help="One line of counts instead of the changes.")
@click.option("--lang", help="Language of claim texts (default: the new map's first).")
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output (default: when standard output is a terminal).",
)
def diff(old: str, new: str, fmt: str, stat: bool, lang: str | None, color: bool | None) -> None:
    """What changed from OLD to NEW: claims, relations, actors, sources and issues added,
    removed, renamed and changed, and the verdicts, strengths and positions that move.

    Each side is a map file or directory, or REV:PATH read from git (REV:./PATH is relative to
    the current folder). Exit 0 when the maps are the same, 1 when they differ, 2 on trouble.

    \b
    argmap diff HEAD~3:arguments/llama-3.1-open-source arguments/llama-3.1-open-source
    argmap diff old.yaml new.yaml --format markdown
    """
    from argmap.analysis.diff import diff_maps
    from argmap.render.changes import changes_data, changes_markdown, format_changes, stat_line

    before = read_side(old)
    after = read_side(new)
    changes = diff_maps(before, after)
    if fmt == "json":
        echo_json(changes_data(changes, old, new))
    elif stat:
        if not changes.empty:
            click.echo(stat_line(changes))
    elif fmt == "markdown":
        click.echo(changes_markdown(changes, lang, f"{old} → {new}"), nl=False)
    else:
        tty = sys.stdout.isatty() if color is None else color
        click.echo(format_changes(changes, lang, color=tty), nl=False, color=tty)
    if not changes.empty:
        raise SystemExit(1)


def diff_options(command):  # type: ignore[no-untyped-def]
    """``--diff OLD`` and ``--changed-only`` for the commands that draw (render, html)."""
    command = click.option(
        "--changed-only",
        is_flag=True,
        help="With --diff: only what changed and its neighbourhood (--depth relations away).",
    )(command)
    return click.option(
        "--diff",
        "against",
        metavar="OLD",
        help="Mark what changed since OLD (a map, or REV:PATH from git): added, changed, "
        "and removed drawn ghosted where it stood.",
    )(command)


def diff_view(
    amap: ArgumentMap, against: str | None, changed_only: bool, view: Selection
) -> tuple[ArgumentMap, dict[str, str] | None, Selection]:
    """The map to draw and the marks of what changed since ``against`` (None without it), with
    ``view`` narrowed to the changes for ``--changed-only``."""
    if against is None:
        if changed_only:
            raise click.UsageError("--changed-only goes with --diff OLD")
        return amap, None, view
    from argmap.analysis.diff import diff_maps
    from argmap.render.diffmarks import changed_claims, merged_map

    merged, marks = merged_map(diff_maps(read_side(against), amap))
    if changed_only:
        if not marks:
            raise CliError(f"nothing changed since {against}")
        view = replace(view, claims=changed_claims(merged, marks, view.depth))
    return merged, marks, view
