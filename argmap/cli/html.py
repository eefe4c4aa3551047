"""`argmap html`: one self-contained interactive page of a map."""

from __future__ import annotations

from typing import Any

import click

from argmap.cli import progress
from argmap.cli.common import fail, load, option_group
from argmap.cli.diff import diff_options, diff_view
from argmap.cli.output import FORCE_OPTION, check_output, to_stdout, write_output
from argmap.cli.render import RANKDIR, SHOW, THEME, _show
from argmap.cli.view_options import apply_view, view_options
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap
from argmap.render.graphviz import DOT_EDGE_LIMIT, DOT_LAYOUT_LIMIT
from argmap.render.html import Page, PageOptions
from argmap.view import Selection

_NAMES = ("langs", "evaluate", "show", "rankdir", "theme", "timeout", "no_size_limit")


def _page(values: dict[str, Any]) -> dict[str, Any]:
    """The command's ``page: PageOptions`` and ``no_size_limit`` from the page options."""
    _check_languages(values["langs"])
    page = PageOptions(
        langs=values["langs"],
        evaluate=values["evaluate"],
        show=_show(values["show"]),
        rankdir=values["rankdir"],
        timeout=values["timeout"],
        theme=values["theme"],
    )
    return {"page": page, "no_size_limit": values["no_size_limit"]}


_OPTIONS = (
    click.option(
        "--lang",
        "langs",
        multiple=True,
        help="Languages to include, first shown first (repeatable; default: all the map's).",
    ),
    click.option(
        "--evaluate/--no-evaluate",
        default=True,
        show_default=True,
        help="Colour claims by weighed status and show status and DF-QuAD strength in the panel.",
    ),
    SHOW,
    RANKDIR,
    THEME,
    click.option(
        "--no-size-limit",
        is_flag=True,
        help=f"Draw a map of more than {DOT_LAYOUT_LIMIT:,} claims or {DOT_EDGE_LIMIT:,} "
        "relations in one picture anyway, rather than in pictures of its parts (Graphviz may "
        "take minutes).",
    ),
    click.option(
        "--timeout",
        type=click.FloatRange(min=1),
        default=120,
        show_default=True,
        help="Seconds each Graphviz layout may take.",
    ),
)

#: Add what the page draws (``html`` and ``serve`` alike), given to the command as
#: ``page: PageOptions`` and ``no_size_limit: bool``.
page_options = option_group(_NAMES, _OPTIONS, _page)


def _check_languages(langs: tuple[str, ...]) -> None:
    """--lang takes language codes as a map writes them (``en``, ``ja``, ``pt-BR``)."""
    from argmap.load.values import LANG_RE

    for lang in langs:
        if not LANG_RE.fullmatch(lang):
            raise click.BadParameter(
                f"{lang!r} is not a language code (like en, ja or pt-BR)", param_hint="--lang"
            )


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
@page_options
@view_options
@diff_options
def html(
    path: str,
    output: str,
    page: PageOptions,
    no_size_limit: bool,
    view: Selection,
    force: bool,
    against: str | None,
    changed_only: bool,
) -> None:
    """Write MAP as one HTML file that works offline, at any size: a pro/con browser of every
    claim, pictures with pan and zoom (the whole map, or its parts when it is too big for one),
    search in every language, a language switch, and a panel per claim with its sources,
    supporters and opposers.

    The view options (--focus, --issue, --tag, --actor) put only that part of MAP on the page.
    """
    from argmap.render.html import build_page

    whole = load(path)
    check_output(output, force, whole.files)
    drawn_map, marks, view = diff_view(whole, against, changed_only, view)
    try:
        laid_out = page_of(whole, drawn_map, view, page, no_size_limit, marks)
        progress.phase("writing the page")
        text = build_page(laid_out)
        progress.finish()
    except ArgmapError as exc:
        raise fail(exc) from None
    write_output(output, text, force)
    if not to_stdout(output):
        langs = [lang for lang in laid_out.languages if lang != "und"]  # und: the map names none
        pictures = len(laid_out.figures)
        one_picture = pictures == 1 and laid_out.figures[0].top == "map"
        drawn = "the whole map drawn" if one_picture else f"{pictures} picture(s) of its parts"
        if not pictures:
            drawn = "no picture: too big or too dense for dot; the pro/con browser shows it all"
        shown = ", ".join([f"{len(laid_out.amap.claims):,} claims", drawn, *langs])
        click.echo(f"wrote {output} ({shown})", err=True)


def page_of(
    whole: ArgumentMap,
    drawn: ArgumentMap,
    view: Selection,
    page: PageOptions,
    no_size_limit: bool,
    marks: dict[str, str] | None = None,
) -> Page:
    """The laid-out page of ``drawn`` (``whole``, or it with what ``--diff`` brings back) as
    the view options select it: the whole picture when dot can lay it out (or
    ``no_size_limit``), else pictures of its parts; the pro/con browser shows every claim."""
    from argmap.render.html import lay_out_page

    amap, selection = apply_view(drawn, view)
    return lay_out_page(
        whole,
        amap,
        page,
        focus=selection.focus,
        marks=marks,
        phase=lambda what: progress.phase(what, hint="Ctrl-C stops it"),
        no_size_limit=no_size_limit,
    )
