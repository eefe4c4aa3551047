"""The view options every output command shares: --focus, --depth, --direction, --issue,
--tag and --actor, given to the command as one :class:`ViewRequest`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from argmap.model import ArgumentMap
from argmap.view import DIRECTIONS, Selection, select

F = TypeVar("F", bound=Callable[..., Any])

_NAMES = ("focus", "depth", "direction", "issue", "tags", "actors")


@dataclass(frozen=True)
class ViewRequest:
    """The view options as given; :meth:`selection` resolves them against a map."""

    focus: str | None = None
    depth: int = 2
    direction: str = "both"
    issue: str | None = None
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()

    def selection(self, amap: ArgumentMap) -> Selection:
        """The :class:`Selection` these options ask of ``amap`` (``--focus`` takes a claim id
        or a unique prefix of one); NotFoundError for a name that is not there."""
        focus = self.focus
        if focus is not None:
            from argmap.analysis.query import resolve_claim

            focus = resolve_claim(amap, focus)
        return Selection(focus, self.depth, self.direction, self.issue, self.tags, self.actors)

    def apply(self, amap: ArgumentMap) -> tuple[ArgumentMap, Selection]:
        """The part of ``amap`` these options keep, and the selection that kept it."""
        selection = self.selection(amap)
        return select(amap, selection), selection


def view_options(command: F) -> F:
    """Add the view options to a click command; it receives them as ``view: ViewRequest``."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in _NAMES}
        return command(*args, view=ViewRequest(**values), **kwargs)

    options = (
        click.option("--focus", help="Only the neighbourhood of this claim (id or unique prefix)."),
        click.option(
            "--depth",
            type=click.IntRange(min=0),
            default=2,
            show_default=True,
            help="With --focus: how many relations away to go.",
        ),
        click.option(
            "--direction",
            type=click.Choice(DIRECTIONS),
            default="both",
            show_default=True,
            help="With --focus: up toward what the claim bears on, down toward what bears on "
            "it, or both.",
        ),
        click.option(
            "--issue",
            help="Only the debate of this issue: its positions and every claim bearing on them.",
        ),
        click.option(
            "--tag", "tags", multiple=True, help="Keep claims with this tag (repeatable)."
        ),
        click.option(
            "--actor",
            "actors",
            multiple=True,
            help="Keep claims put forward by this actor (repeatable).",
        ),
    )
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]
