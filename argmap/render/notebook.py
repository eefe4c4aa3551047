"""Maps inline in Jupyter: :func:`show` draws a map as ``argmap render`` does and returns a
:class:`MapPicture`, which a notebook displays through ``_repr_svg_`` / ``_repr_html_``.

The options are ``argmap render``'s flags as keywords, and the DOT is the same bytes
``argmap render --format dot`` writes for them. Graphviz runs once, when the picture is first
shown (or asked for with :meth:`MapPicture.svg`); the DOT needs no Graphviz:

>>> picture = show("tests/data/tiny.yaml", lang="en", focus="c", depth=1)
>>> picture.dot.startswith("digraph argmap {")
True
>>> picture.claims
3

Errors are the library's (:class:`~argmap.errors.MapError` for an invalid map,
:class:`~argmap.errors.NotFoundError` for an unknown claim, :class:`~argmap.errors.ToolError`
when Graphviz is missing); nothing is printed.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap
from argmap.render.drawing import parse_show, picture_options
from argmap.render.graphviz import DEFAULT_TIMEOUT, format_for, render_dot
from argmap.style.theme import CLAIM_WIDTH, Theme
from argmap.view import Selection, resolve, select

__all__ = ["MapPicture", "show"]


class MapPicture:
    """A drawn map: its DOT text, laid out by Graphviz the first time it is needed.

    ``claims``, ``boxes`` and ``edges`` are the picture's size; ``title`` is what the HTML
    shows as a tooltip (escaped)."""

    def __init__(
        self,
        dot: str,
        *,
        engine: str = "dot",
        timeout: float | None = DEFAULT_TIMEOUT,
        title: str = "",
        claims: int = 0,
        boxes: int = 0,
        edges: int = 0,
    ) -> None:
        self.dot = dot
        self.engine = engine
        self.timeout = timeout
        self.title = title
        self.claims = claims
        self.boxes = boxes
        self.edges = edges
        self._svg: str | None = None

    def __repr__(self) -> str:
        return f"<MapPicture: {self.claims} claims, {self.boxes} boxes, {self.edges} arrows>"

    def svg(self) -> str:
        """The picture as SVG text; Graphviz lays it out once, later calls reuse it."""
        if self._svg is None:
            data = render_dot(self.dot, "svg", engine=self.engine, timeout=self.timeout)
            self._svg = data.decode("utf-8")
        return self._svg

    def _repr_svg_(self) -> str:
        """Jupyter's SVG display."""
        return self.svg()

    def _repr_html_(self) -> str:
        """Jupyter's HTML display: the SVG inline (without its XML prologue) in a div."""
        from argmap.render.html import _inline_svg

        svg = _inline_svg(self.svg())
        title = html.escape(self.title, quote=True)
        return f'<div class="argmap-picture" title="{title}">{svg}</div>'

    def save(
        self, path: str | os.PathLike[str], *, force: bool = False, dpi: int | None = None
    ) -> None:
        """Write the picture to ``path``, in the format its suffix names (.svg .png .pdf
        .dot), atomically; an existing file is replaced only with ``force=True``
        (:class:`~argmap.io.OutputExistsError` otherwise). ``dpi`` is for PNG (default 144)."""
        from argmap.io import OutputExistsError, write_atomic

        fmt = format_for(path)
        if fmt is None:
            raise ArgmapError(
                f"cannot tell the format from '{os.fspath(path)}'; use a .svg, "
                ".png, .pdf or .dot name"
            )
        if not force and os.path.isfile(path):  # before a layout that would be thrown away
            raise OutputExistsError(_exists(path))
        if fmt == "dot":
            data = self.dot.encode("utf-8")
        elif fmt == "svg":
            data = self.svg().encode("utf-8")
        else:
            data = render_dot(self.dot, fmt, engine=self.engine, timeout=self.timeout, dpi=dpi)
        try:
            write_atomic(path, data, overwrite=force)
        except OutputExistsError:
            raise OutputExistsError(_exists(path)) from None


def _exists(path: str | os.PathLike[str]) -> str:
    return f"{os.fspath(path)} already exists; pass force=True to replace it"


def _tuple(value: str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def show(
    map_or_path: ArgumentMap | str | os.PathLike[str],
    *,
    lang: str | None = None,
    focus: str | None = None,
    depth: int = 2,
    direction: str = "both",
    issue: str | None = None,
    tags: str | Iterable[str] = (),
    actors: str | Iterable[str] = (),
    cluster: str | None = None,
    collapse: bool = False,
    color_by: str = "kind",
    show: str | Iterable[str] = "actors",
    rankdir: str = "BT",
    engine: str = "dot",
    legend: bool = True,
    width: int = CLAIM_WIDTH,
    theme: Theme | str = "default",
    timeout: float | None = DEFAULT_TIMEOUT,
) -> MapPicture:
    """Draw a map (an :class:`ArgumentMap`, or the path of one) for a notebook.

    The keywords are ``argmap render``'s flags: ``focus`` (a claim id or a unique prefix),
    ``depth`` and ``direction``; ``issue``; ``tags`` and ``actors`` (one name or several);
    ``cluster`` and ``collapse``; ``color_by`` (kind, actor, status); ``show`` (``"actors,ids"``,
    ``"none"`` or a list); ``rankdir``; ``engine``; ``legend`` (``--no-legend`` is
    ``legend=False``); ``theme`` (a name from :data:`argmap.render.options.THEME_NAMES`, or a
    :class:`~argmap.style.theme.Theme`); ``timeout`` (seconds the layout may take, None: no
    limit). ``width`` is the claim boxes' wrap width in characters. Errors raise ArgmapError
    and its subclasses."""
    if isinstance(map_or_path, ArgumentMap):
        amap = map_or_path
    else:
        from argmap.load import load_map

        amap = load_map(map_or_path)
    shown = parse_show(show)
    view = Selection(
        focus=focus,
        depth=depth,
        direction=direction,
        issue=issue,
        tags=_tuple(tags),
        actors=_tuple(actors),
    )
    view = resolve(amap, view)
    part = select(amap, view)
    focus = view.focus
    options = picture_options(
        amap,
        lang=lang,
        rankdir=rankdir,
        show=shown,
        focus=focus,
        cluster=cluster,
        collapse=collapse,
        color_by=color_by,
        engine=engine,
        legend=legend,
        width=width,
        theme=theme,
    )
    from argmap.render.dot import picture

    drawn = picture(part, options)
    title = amap.text(amap.title, lang) if amap.title else ""
    return MapPicture(
        drawn.dot,
        engine=engine,
        timeout=timeout,
        title=title,
        claims=drawn.claims,
        boxes=drawn.boxes,
        edges=drawn.edges,
    )
