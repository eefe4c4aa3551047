"""`argmap render`: the map as a diagram (DOT, SVG, PNG or PDF) through Graphviz."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from argmap.cli import progress
from argmap.cli.common import CliError, choice, fail, load
from argmap.cli.diff import diff_options, diff_view
from argmap.cli.output import FORCE_OPTION, check_output, to_stdout, write_output
from argmap.cli.view_options import apply_view, view_options
from argmap.errors import ArgmapError
from argmap.render.graphviz import DOT_EDGE_LIMIT, DOT_LAYOUT_LIMIT, over_layout_limits
from argmap.style.theme import THEMES
from argmap.view import Selection

FORMAT_CHOICES = ("svg", "png", "pdf", "dot")


def too_big_message(boxes: int, claims: int, edges: int = 0) -> str:
    """Why a picture is not laid out with ``dot``, and the ways out."""
    size = f"{claims:,} claims" if boxes == claims else f"{boxes:,} boxes for {claims:,} claims"
    if edges > DOT_EDGE_LIMIT:
        why = (
            f"this view has {edges:,} arrows between {size}: too many for Graphviz's dot "
            f"layout, which takes minutes above about {DOT_EDGE_LIMIT:,}"
        )
    else:
        why = (
            f"this view has {size}: too many for Graphviz's dot layout, which slows down "
            f"steeply above about {DOT_LAYOUT_LIMIT:,} (30 s at 5,000 claims, over 2 minutes at "
            "10,000)"
        )
    return (
        f"{why}, so it was not started. Draw less, or differently:\n"
        "  --focus CLAIM --depth N   the neighbourhood of one claim\n"
        "  --issue ID                the debate of one issue\n"
        "  --tag TAG, --actor ACTOR  only the claims with that tag or actor\n"
        "  --cluster issue --collapse  one box per issue (or tag, actor)\n"
        "  --engine sfdp             a faster layout for big graphs\n"
        "  --format dot              the DOT text itself, no layout\n"
        "  --no-size-limit           run dot anyway (and raise --timeout)"
    )


def _show(value: str) -> frozenset[str]:
    """The --show value read by :func:`argmap.render.drawing.parse_show`, as a usage error."""
    from argmap.render.drawing import parse_show

    try:
        return parse_show(value)
    except ArgmapError as exc:
        raise click.BadParameter(str(exc), param_hint="--show") from None


#: Options ``render`` and ``html`` share.
SHOW = click.option(
    "--show",
    default="actors",
    show_default=True,
    help="What a claim box carries besides its text: actors,sources,ids (or none).",
)
THEME = choice(
    "--theme",
    list(THEMES),
    "default",
    "Colours and lines: colorblind uses the Okabe-Ito palette; print is greyscale, relations "
    "told apart by line and arrowhead.",
)
RANKDIR = choice(
    "--rankdir",
    ["BT", "TB", "LR", "RL"],
    "BT",
    "Direction of the arrows; BT puts conclusions on top.",
)


@click.command()
@click.argument("path", metavar="MAP", type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="File to write; its suffix (.svg .png .pdf .dot) picks the format. "
    "Without it, or with '-', the output goes to standard output (DOT unless --format).",
)
@FORCE_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES),
    help="Output format (default: from the -o suffix, else dot).",
)
@click.option("--lang", help="Language of the labels (default: the map's first).")
@RANKDIR
@SHOW
@view_options
@click.option(
    "--cluster",
    type=click.Choice(["tag", "actor", "issue"]),
    help="Group claims into boxes by their first tag, first actor, or issue.",
)
@click.option(
    "--collapse",
    is_flag=True,
    help="With --cluster: draw each group as one box (its claim count, and arrows between "
    "groups with their counts): an overview of a big map.",
)
@choice(
    "--color-by",
    ["kind", "actor", "status"],
    "kind",
    "What the fill of a claim shows; status needs the evaluation module.",
    dest="color_by",
)
@THEME
@choice(
    "--engine", ["dot", "sfdp", "neato"], "dot", "Graphviz layout; sfdp copes with very large maps."
)
@click.option(
    "--no-size-limit",
    is_flag=True,
    help=f"Run the dot layout even on a view of more than {DOT_LAYOUT_LIMIT:,} claims "
    f"or {DOT_EDGE_LIMIT:,} arrows (it may take many minutes).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    help="Stop a layout that runs longer than this (seconds).",
)
@click.option(
    "--dpi",
    type=click.IntRange(min=36, max=1200),
    default=144,
    show_default=True,
    help="Resolution of PNG output.",
)
@click.option("--no-legend", is_flag=True, help="Leave the legend out.")
@click.option(
    "--watch",
    is_flag=True,
    help="Draw again whenever a file of the map changes (its own output excepted), until "
    "Ctrl-C; problems are printed and the last good picture stays.",
)
@diff_options
def render(
    path: str,
    output: str | None,
    fmt: str | None,
    lang: str | None,
    rankdir: str,
    show: str,
    view: Selection,
    cluster: str | None,
    collapse: bool,
    color_by: str,
    theme: str,
    engine: str,
    no_size_limit: bool,
    timeout: float,
    dpi: int,
    no_legend: bool,
    force: bool,
    watch: bool,
    against: str | None,
    changed_only: bool,
) -> None:
    """Draw MAP as a diagram: conclusions on top, support green, opposition red,
    undercuts dashed purple, and a legend.

    Big maps: DOT output has no size limit (32,000 claims take a few seconds), but
    Graphviz's dot layout slows down steeply (30 s at 5,000 claims, minutes beyond), so
    for SVG, PNG or PDF of more than 2,500 claims (or 10,000 arrows) with the dot engine,
    render stops before starting Graphviz and says how to draw less: --focus CLAIM
    --depth N, --issue ID, --tag, --actor, --cluster issue --collapse, --engine sfdp, or
    --format dot; --no-size-limit runs dot anyway. On a terminal, a layout that takes more
    than a second shows the time elapsed; Ctrl-C stops it.

    \b
    Examples:
      argmap render map.yaml -o map.svg
      argmap render map.yaml -o focus.png --focus claim-id --depth 1
      argmap render map.yaml --issue my-issue | dot -Tpdf > issue.pdf
      argmap render big.yaml -o overview.svg --cluster issue --collapse
      argmap render map.yaml -o map.svg --force --watch
    """
    from argmap.render.dot import picture
    from argmap.render.drawing import picture_options
    from argmap.render.graphviz import format_for, render_dot

    shown = _show(show)
    if fmt is None:
        if to_stdout(output):
            fmt = "dot"
        else:
            fmt = format_for(output)
            if fmt is None:
                raise click.BadParameter(
                    f"cannot tell the format from '{output}'; use a .svg, .png, .pdf or .dot "
                    "name, or --format",
                    param_hint="-o",
                )
    if to_stdout(output) and fmt in ("png", "pdf") and sys.stdout.isatty():
        raise click.UsageError(f"{fmt.upper()} is binary: write it to a file with -o FILE")

    if collapse and cluster is None:
        raise click.UsageError("--collapse needs --cluster (tag, actor or issue)")

    if collapse and against is not None:
        raise click.UsageError("--diff marks claims' boxes: it does not go with --collapse")
    if watch and to_stdout(output):
        raise click.UsageError("--watch writes the picture again on each change: give -o FILE")

    def draw(force: bool, tried: list[Path] | None = None) -> tuple[str, ...]:
        amap = load(path, tried)
        check_output(output, force, amap.files)
        drawn_map, marks, seen = diff_view(amap, against, changed_only, view)
        try:
            part, selection = apply_view(drawn_map, seen)
            options = picture_options(
                amap,
                lang=lang,
                rankdir=rankdir,
                show=shown,
                focus=selection.focus,
                cluster=cluster,
                collapse=collapse,
                color_by=color_by,
                engine=engine,
                legend=not no_legend,
                theme=theme,
            )
            progress.phase("building the picture")
            if marks is None:
                drawn = picture(part, options, progress=progress.callback())
            else:
                from argmap.render.diffmarks import marked_picture

                drawn = marked_picture(part, options, marks, progress.callback())
            progress.finish()
            needs_layout = fmt != "dot"
            too_big = over_layout_limits(drawn.boxes, drawn.edges)
            if needs_layout and engine == "dot" and too_big and not no_size_limit:
                raise CliError(too_big_message(drawn.boxes, drawn.claims, drawn.edges))
            size = (
                f"{drawn.claims:,} claims"
                if drawn.boxes == drawn.claims
                else f"{drawn.boxes:,} boxes"
            )
            if needs_layout:
                progress.phase(f"Graphviz ({engine}) is laying out {size}", hint="Ctrl-C stops it")
            try:
                data = (
                    drawn.data
                    if fmt == "dot"
                    else render_dot(drawn.data, fmt, engine=engine, timeout=timeout, dpi=dpi)
                )
            finally:
                progress.finish()
        except ArgmapError as exc:
            raise fail(exc) from None

        write_output(output, data, force)
        if not to_stdout(output):
            click.echo(f"wrote {output} ({fmt}, {len(data):,} bytes)", err=True)
        return amap.files

    if not watch:
        draw(force)
        return
    from argmap.cli.serve import rerun_on_change

    check_output(output, force, [path])
    rerun_on_change(path, [output], lambda first, tried: draw(force or not first, tried))


__all__ = [
    "DOT_EDGE_LIMIT",
    "DOT_LAYOUT_LIMIT",
    "over_layout_limits",
    "render",
    "too_big_message",
]
