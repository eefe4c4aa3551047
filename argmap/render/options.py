"""How a picture draws a map: :class:`RenderOptions` and the choices it takes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from argmap.errors import ArgmapError
from argmap.style.theme import CLAIM_WIDTH, THEMES, Theme
from argmap.view import CLUSTERS

__all__ = ["COLOR_BY", "ENGINES", "RANKDIRS", "SHOW_CHOICES", "THEME_NAMES", "RenderOptions"]

SHOW_CHOICES = ("actors", "sources", "ids")
RANKDIRS = ("BT", "TB", "LR", "RL")
COLOR_BY = ("kind", "actor", "status")
ENGINES = ("dot", "sfdp", "neato")
THEME_NAMES = tuple(THEMES)


@dataclass(frozen=True)
class RenderOptions:
    """How a picture draws a map.

    ``focus`` marks one claim's box (a view around it comes from :func:`argmap.view.select`).
    ``cluster`` groups claims (tag, actor, issue); ``collapse`` draws each cluster as one box
    with its claim count, and the relations between clusters as one arrow per type with their
    count. ``statuses`` (claim id → ``in``/``out``/``undec``) and ``strengths`` (claim id →
    0..1) come from an evaluation run by the caller; ``color_by="status"`` fills boxes by them
    and marks each box with its status. ``theme`` is one of :data:`THEME_NAMES` (or a
    :class:`Theme`); once made, the options hold the :class:`Theme` itself, which every drawing
    reads its colours and lines from.

    >>> RenderOptions(theme="print").theme.name
    'print'
    """

    lang: str | None = None
    rankdir: str = "BT"
    show: frozenset[str] = frozenset({"actors"})
    focus: str | None = None
    cluster: str | None = None
    collapse: bool = False
    color_by: str = "kind"
    statuses: Mapping[str, str] | None = None
    strengths: Mapping[str, float] | None = None
    engine: str = "dot"
    legend: bool = True
    width: int = CLAIM_WIDTH
    theme: Theme | str = "default"

    def __post_init__(self) -> None:
        checks = (
            ("rankdir", self.rankdir, RANKDIRS),
            ("color_by", self.color_by, COLOR_BY),
            ("engine", self.engine, ENGINES),
        )
        if not isinstance(self.theme, Theme):
            checks += (("theme", self.theme, THEME_NAMES),)
        for name, given, allowed in checks:
            if given not in allowed:
                raise ArgmapError(f"{name} must be one of {', '.join(allowed)}, not '{given}'")
        if not isinstance(self.theme, Theme):
            object.__setattr__(self, "theme", THEMES[self.theme])
        if self.cluster is not None and self.cluster not in CLUSTERS:
            raise ArgmapError(f"cluster must be one of {', '.join(CLUSTERS)}")
        if self.collapse and self.cluster is None:
            raise ArgmapError("collapse needs a cluster: tag, actor or issue")
        unknown = sorted(set(self.show) - set(SHOW_CHOICES))
        if unknown:
            raise ArgmapError(f"show takes {', '.join(SHOW_CHOICES)}, not {', '.join(unknown)}")
        if self.color_by == "status" and self.statuses is None and self.strengths is None:
            raise ArgmapError("color_by='status' needs statuses or strengths from an evaluation")
        if type(self.width) is not int or not 1 <= self.width <= 10_000:
            raise ArgmapError(f"width must be a whole number from 1 to 10000, not {self.width!r}")
