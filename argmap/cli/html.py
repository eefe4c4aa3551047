"""`argmap html`: one self-contained interactive page of a map."""

from __future__ import annotations

import click

from argmap.cli import progress
from argmap.cli.common import CliError, fail, load
from argmap.cli.diff import diff_options, diff_view
from argmap.cli.output import FORCE_OPTION, check_output, to_stdout, write_output
from argmap.cli.render import RANKDIR
from argmap.cli.view_options import apply_view, view_options
from argmap.errors import ArgmapError
from argmap.view import Selection


@click.command()
@click.argument("path", metavar="MAP", type=click.Path())
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The HTML file to write (atomically; '-' for standard output).",
)
@FORCE_OPTION
@click.option(
    "--lang",
    "langs",
    multiple=True,
    help="Languages to include, first shown first (repeatable; default: all the map's).",
)
@click.option(
    "--evaluate/--no-evaluate",
    default=True,
    show_default=True,
    help="Colour claims by weighed status and show status and DF-QuAD strength in the panel.",
)
@click.option(
    "--show",
    default="actors",
    show_default=True,
    help="What a claim box carries besides its text: actors,sources,ids (or none).",
)
@RANKDIR
@view_options
@click.option(
    "--no-size-limit",
    is_flag=True,
    help="Lay out maps of more than 2,500 claims anyway (Graphviz may take minutes).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=120,
    show_default=True,
    help="Seconds each Graphviz layout may take.",
)
@diff_options
def html(
    path: str,
    output: str,
    langs: tuple[str, ...],
    evaluate: bool,
    show: str,
    rankdir: str,
    view: Selection,
    no_size_limit: bool,
    timeout: float,
    force: bool,
    against: str | None,
    changed_only: bool,
) -> None:
    """Write MAP as one HTML file that works offline: pan and zoom, search in every language,
    a language switch, and a panel per claim with its sources, supporters and opposers.

    The view options (--focus, --issue, --tag, --actor) put only that part of MAP on the page.
    """
    from argmap.cli.render import DOT_LAYOUT_LIMIT, _show
    from argmap.render.dot import RenderOptions, to_dot
    from argmap.render.graphviz import render_dot
    from argmap.render.html import build_page

    whole = load(path)
    check_output(output, force, whole.files)
    drawn_map, marks, view = diff_view(whole, against, changed_only, view)
    try:
        amap, selection = apply_view(drawn_map, view)
    except ArgmapError as exc:
        raise fail(exc) from None
    if len(amap.claims) > DOT_LAYOUT_LIMIT and not no_size_limit:
        raise CliError(
            f"the view has {len(amap.claims):,} claims: too many for one laid-out page (Graphviz's "
            f"dot slows down steeply above about {DOT_LAYOUT_LIMIT:,}). Draw parts of it with "
            "argmap render --focus/--issue/--cluster --collapse, or pass --no-size-limit"
        )
    languages = list(langs) or list(amap.languages) or [None]
    statuses = strengths = None
    if evaluate:
        from argmap.analysis.evaluation import claim_statuses_of, claim_strengths_of

        statuses = claim_statuses_of(whole)
        strengths = claim_strengths_of(whole)
    try:
        svgs: dict[str, str] = {}
        for lang in languages:
            options = RenderOptions(
                lang=lang,
                rankdir=rankdir,
                show=_show(show),
                focus=selection.focus,
                color_by="status" if evaluate else "kind",
                statuses=statuses,
                strengths=strengths,
            )
            progress.phase(
                f"Graphviz is laying out the {lang or 'map'} picture", hint="Ctrl-C stops it"
            )
            if marks is None:
                dot = to_dot(amap, options)
            else:
                from argmap.render.diffmarks import marked_picture

                dot = marked_picture(amap, options, marks).dot
            svg = render_dot(dot, "svg", timeout=timeout)
            svgs[lang or "und"] = svg.decode("utf-8")
        progress.phase("writing the page")
        page = build_page(amap, svgs, statuses, strengths)
        progress.finish()
    except ArgmapError as exc:
        raise fail(exc) from None
    write_output(output, page, force)
    if not to_stdout(output):
        click.echo(f"wrote {output} ({len(amap.claims)} claims, {', '.join(svgs)})", err=True)
