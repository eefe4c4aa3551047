"""`argmap export` and `argmap import`: maps to and from other tools' formats."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from argmap.cli import progress
from argmap.cli.common import CliError, fail, load
from argmap.cli.view_options import apply_view, view_options
from argmap.errors import ArgmapError
from argmap.view import CLUSTERS, Selection, clusters


def write_atomic(path: str, text: str, force: bool) -> None:
    """Write ``text`` to ``path`` atomically; an existing file is replaced only with ``force``."""
    from argmap.io import write_atomic as write

    try:
        write(path, text, overwrite=force)
    except ArgmapError as exc:
        raise CliError(str(exc)) from None


def _format_help(can_load: bool = False, can_dump: bool = False) -> str:
    from argmap.formats.registry import format_names

    return ", ".join(format_names(can_load=can_load, can_dump=can_dump))


@click.command("export")
@click.argument("path", metavar="MAP", type=click.Path())
@click.option(
    "--to",
    "fmt",
    metavar="FORMAT",
    help="Target format: "
    "yaml, argdown, aif, json, graphml, mermaid, markdown, i23, apx, tgf "
    "(default: from the suffix of -o).",
)
@click.option("-o", "--output", type=click.Path(), help="Write to this file (default: stdout).")
@click.option("--lang", help="Language of texts where the format holds one (default: the map's).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@view_options
@click.option(
    "--cluster",
    type=click.Choice(CLUSTERS),
    help="Drawn formats (mermaid, graphml): group claims by their first tag, first actor, "
    "or issue.",
)
@click.option(
    "--collapse",
    is_flag=True,
    help="With --cluster: each group as one node with its claim count, and counted arrows "
    "between groups.",
)
def export(
    path: str,
    fmt: str | None,
    output: str | None,
    lang: str | None,
    force: bool,
    view: Selection,
    cluster: str | None,
    collapse: bool,
) -> None:
    """Write MAP in another tool's format; the view options (--focus, --issue, --tag, --actor)
    write only that part of it, and the drawn formats take --cluster and --collapse as
    pictures do.

    \b
    argmap export MAP --to argdown -o debate.argdown
    argmap export MAP --to markdown --lang en > report.md
    argmap export MAP --to json --focus CLAIM --depth 1
    argmap export MAP --to mermaid --cluster issue --collapse
    """
    from argmap.formats.registry import format_for_suffix, get_format

    if fmt is None:
        fmt = format_for_suffix(output, can_dump=True) if output else None
        if fmt is None:
            raise click.UsageError(
                "say which format with --to (one of: " + _format_help(can_dump=True) + ")"
            )
    try:
        target = get_format(fmt)
        if target.dumper is None:
            raise ArgmapError(
                f"format '{target.name}' can only be imported; export to one of: "
                + _format_help(can_dump=True)
            )
    except ArgmapError as exc:
        raise click.UsageError(str(exc)) from None
    if collapse and cluster is None:
        raise click.UsageError("--collapse needs --cluster (tag, actor or issue)")
    if cluster is not None and not target.drawn:
        raise click.UsageError(
            f"--cluster works with the drawn formats (mermaid, graphml), not {target.name}"
        )
    amap = load(path)
    try:
        amap, _ = apply_view(amap, view)
        groups = clusters(amap, cluster, lang) if cluster is not None else None
    except ArgmapError as exc:
        raise fail(exc) from None
    if lang and amap.languages and lang not in amap.languages:
        click.echo(
            f"argmap: warning: the map has no '{lang}' texts "
            f"(languages: {', '.join(amap.languages)}); falling back",
            err=True,
        )
    progress.phase(f"writing {target.name}")
    try:
        text = target.dump(amap, lang, groups, collapse)
    except ArgmapError as exc:
        raise fail(exc) from None
    finally:
        progress.finish()
    if output:
        write_atomic(output, text, force)
        click.echo(f"{output}: {target.name} ({len(amap.claims)} claims)", err=True)
    else:
        click.echo(text, nl=False)


@click.command("import")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option(
    "--from",
    "fmt",
    metavar="FORMAT",
    help="Source format: argdown (its JSON export), aif, kialo, json, yaml, i23, apx, tgf "
    "(default: guessed from the content, then the suffix).",
)
@click.option("-o", "--output", type=click.Path(), help="Write the map here (default: stdout).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def import_(file: str, fmt: str | None, output: str | None, force: bool) -> None:
    """Read FILE from another tool and write it as an argmap YAML map.

    \b
    argmap import debate.json -o debate.yaml          # Argdown JSON or AIF, guessed
    argmap import discussion.txt --from kialo -o discussion.yaml
    """
    from argmap.formats.registry import get_format, guess_format
    from argmap.load.yaml import decode

    if output and output != "-" and Path(output).exists() and not force:
        raise CliError(f"{output} already exists; use --force to overwrite it")
    name = "<stdin>" if file == "-" else file
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except FileNotFoundError:
        raise CliError(f"no such file: {file}") from None
    except IsADirectoryError:
        raise CliError(f"{file} is a directory; import reads one file") from None
    except OSError as exc:
        raise CliError(f"cannot read {file}: {exc.strerror}") from None
    try:
        text = decode(data, name)
        if fmt is None:
            fmt = guess_format(name, text)
            if fmt is None:
                raise click.UsageError(
                    f"cannot tell the format of {name}; say it with --from (one of: "
                    + _format_help(can_load=True)
                    + ")"
                )
        source = get_format(fmt)
        if source.loader is None:
            raise click.UsageError(
                f"format '{source.name}' can only be exported; import one of: "
                + _format_help(can_load=True)
            )
        progress.phase(f"reading {name} ({source.name})")
        amap = source.load(text, name)
        progress.phase("writing the map")
        result = get_format("yaml").dump(amap)
    except ArgmapError as exc:
        raise fail(exc) from None
    finally:
        progress.finish()
    summary = (
        f"{name}: {source.name}: {len(amap.claims)} claims, {len(amap.relations)} relations, "
        f"{len(amap.actors)} actors, {len(amap.sources)} sources"
    )
    if output and output != "-":
        write_atomic(output, result, force)
        click.echo(f"{summary} -> {output}", err=True)
    else:
        click.echo(result, nl=False)


__all__ = ["export", "import_", "write_atomic"]
