"""`argmap export` and `argmap import`: maps to and from other tools' formats."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import click

from argmap.cli import progress
from argmap.cli.common import CliError, fail, load
from argmap.cli.output import FORCE_OPTION, check_output, to_stdout, write_output
from argmap.cli.view_options import apply_view, view_options
from argmap.errors import ArgmapError, MapWarning
from argmap.io import MAX_INPUT_BYTES, InputError, read_input
from argmap.view import CLUSTERS, Selection, clusters


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
    "yaml, argdown, aif, kialo, json, graphml, mermaid, markdown, i23, apx, tgf "
    "(default: from the suffix of -o).",
)
@click.option(
    "-o", "--output", type=click.Path(), help="Write to this file (default and '-': stdout)."
)
@click.option("--lang", help="Language of texts where the format holds one (default: the map's).")
@FORCE_OPTION
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
        fmt = format_for_suffix(output, can_dump=True) if not to_stdout(output) else None
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
    check_output(output, force, amap.files)
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
        with shown_warnings():
            text = target.dump(amap, lang, groups, collapse)
    except ArgmapError as exc:
        raise fail(exc) from None
    finally:
        progress.finish()
    write_output(output, text, force)
    if not to_stdout(output):
        click.echo(f"{output}: {target.name} ({len(amap.claims)} claims)", err=True)


@click.command("import")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option(
    "--from",
    "fmt",
    metavar="FORMAT",
    help="Source format: argdown (source, or its JSON export), aif, ova, sadface, kialo, json, "
    "yaml, i23, apx, tgf (default: guessed from the content, then the suffix).",
)
@click.option(
    "-o", "--output", type=click.Path(), help="Write the map here (default and '-': stdout)."
)
@FORCE_OPTION
def import_(file: str, fmt: str | None, output: str | None, force: bool) -> None:
    """Read FILE from another tool and write it as an argmap YAML map.

    \b
    argmap import debate.json -o debate.yaml          # Argdown JSON or AIF, guessed
    argmap import debate.argdown -o debate.yaml       # Argdown source, via the Argdown CLI
    argmap import discussion.txt --from kialo -o discussion.yaml
    """
    from argmap.formats.registry import get_format, guess_format
    from argmap.load.yaml import decode

    check_output(output, force, () if file == "-" else (file,))
    name = "<stdin>" if file == "-" else file
    try:
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1) if file == "-" else read_input(file)
        if len(data) > MAX_INPUT_BYTES:
            raise InputError(f"standard input is over {MAX_INPUT_BYTES // 2**20} MiB")
    except InputError as exc:
        raise CliError(str(exc)) from None
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
        with shown_warnings():
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
    write_output(output, result, force)
    if not to_stdout(output):
        click.echo(f"{summary} -> {output}", err=True)


@contextmanager
def shown_warnings() -> Iterator[None]:
    """What a reader or writer worked around (its MapWarnings), each printed as a located
    ``warning:`` line once the body is done."""
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", MapWarning)
            yield
    finally:  # outside the recording: other warnings go on as they would have
        for item in caught:
            if isinstance(item.message, MapWarning):
                click.echo(item.message.diagnostic.format(), err=True)
            else:
                warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)


__all__ = ["export", "import_"]
