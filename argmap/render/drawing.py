"""What ``argmap render`` and :func:`argmap.render.notebook.show` share: reading the ``show``
choice and making the :class:`RenderOptions` of a picture, with the evaluation that
``color_by="status"`` needs. One code path, so a notebook draws what the command writes.

>>> from argmap.load import load_map
>>> options = picture_options(load_map("tests/data/tiny.yaml"), color_by="status")
>>> options.statuses["c"]
'in'
>>> sorted(parse_show("ids, sources"))
['ids', 'sources']
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap
from argmap.render.options import SHOW_CHOICES, RenderOptions
from argmap.style.theme import CLAIM_WIDTH, Theme

__all__ = ["parse_show", "picture_options"]


def parse_show(value: str | Iterable[str]) -> frozenset[str]:
    """What a claim box carries besides its text: ``"actors,sources"`` (or ``"none"``, or an
    iterable of names). ArgmapError names the unknown ones."""
    if isinstance(value, str):
        if value.strip().lower() in ("", "none"):
            return frozenset()
        items = {part.strip() for part in value.split(",") if part.strip()}
    else:
        items = set(value)
    unknown = sorted(items - set(SHOW_CHOICES))
    if unknown:
        raise ArgmapError(
            f"unknown {', '.join(unknown)} (choose from {', '.join(SHOW_CHOICES)}, or none)"
        )
    return frozenset(items)


def picture_options(
    whole: ArgumentMap,
    *,
    lang: str | None = None,
    rankdir: str = "BT",
    show: frozenset[str] = frozenset({"actors"}),
    focus: str | None = None,
    cluster: str | None = None,
    collapse: bool = False,
    color_by: str = "kind",
    engine: str = "dot",
    legend: bool = True,
    width: int = CLAIM_WIDTH,
    theme: Theme | str = "default",
) -> RenderOptions:
    """The :class:`RenderOptions` of a picture of ``whole`` or of a view of it.

    With ``color_by="status"`` the claims' statuses are those ``whole`` gives them, so a view
    shows each claim as the whole debate weighs it. Bad choices raise ArgmapError."""
    statuses = None
    if color_by == "status":
        from argmap.analysis.evaluation import claim_statuses_of

        statuses = claim_statuses_of(whole)
    return RenderOptions(
        lang=lang,
        rankdir=rankdir,
        show=show,
        focus=focus,
        cluster=cluster,
        collapse=collapse,
        color_by=color_by,
        statuses=statuses,
        engine=engine,
        legend=legend,
        width=width,
        theme=theme,
    )
