"""The view options every output command shares: --focus, --depth, --direction, --issue,
--tag and --actor, given to the command as one :class:`argmap.view.Selection`."""

from __future__ import annotations

import click

from argmap.cli.common import choice, option_group
from argmap.model import ArgumentMap
from argmap.view import DIRECTIONS, Selection, resolve, select

_NAMES = ("focus", "depth", "direction", "issue", "tags", "actors")


def apply_view(amap: ArgumentMap, view: Selection) -> tuple[ArgumentMap, Selection]:
    """The part of ``amap`` the view options keep, and the selection that kept it, with
    ``--focus`` (a claim id or a unique prefix of one) resolved; NotFoundError for a name that
    is not there. A map with no claims is shown whole, with a warning."""
    if not amap.claims and view.empty:
        where = amap.files[0] if amap.files else "the map"
        click.echo(f"{where}: warning: the map has no claims yet", err=True)
    view = resolve(amap, view)
    return select(amap, view), view


_OPTIONS = (
    click.option("--focus", help="Only the neighbourhood of this claim (id or unique prefix)."),
    click.option(
        "--depth",
        type=click.IntRange(min=0),
        default=2,
        show_default=True,
        help="With --focus: how many relations away to go.",
    ),
    choice(
        "--direction",
        DIRECTIONS,
        "both",
        "With --focus: up toward what the claim bears on, down toward what bears on it, or both.",
    ),
    click.option(
        "--issue",
        help="Only the debate of this issue: its positions and every claim bearing on them.",
    ),
    click.option("--tag", "tags", multiple=True, help="Keep claims with this tag (repeatable)."),
    click.option(
        "--actor",
        "actors",
        multiple=True,
        help="Keep claims put forward by this actor (repeatable).",
    ),
)

#: Add the view options to a click command; it receives them as ``view: Selection``.
view_options = option_group(_NAMES, _OPTIONS, lambda values: {"view": Selection(**values)})
