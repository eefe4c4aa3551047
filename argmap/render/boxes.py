"""What a claim's box says: its HTML-like label (its weighed status when the fill shows it;
kind, and focus, id or strength; the wrapped text; actors and sources), escaped by
:mod:`argmap.render.labels`.

>>> from argmap.load import load_map
>>> from argmap.render.options import RenderOptions
>>> from argmap.style import theme
>>> amap = load_map("tests/data/tiny.yaml")
>>> labels = ClaimLabels(amap, RenderOptions(), theme.words("en"), lambda t: amap.text(t, "en"))
>>> "POLICY" in labels.label(amap.claims["x"], "We should do X.")
True
"""

from __future__ import annotations

from collections.abc import Callable

from argmap.model import ArgumentMap, Claim, Text
from argmap.render.labels import (
    CLAIM_ROWS,
    CLAIM_TABLE_END,
    CLAIM_TABLE_START,
    font,
    html_escape,
    upper,
)
from argmap.render.options import RenderOptions
from argmap.style import theme
from argmap.style.wrap import wrap

__all__ = ["ClaimLabels"]


class ClaimLabels:
    """The labels of one picture's claim boxes; what recurs (kind heads, actors' rows) is
    made once."""

    def __init__(
        self,
        amap: ArgumentMap,
        options: RenderOptions,
        words: dict[str, str],
        text: Callable[[Text], str],
    ) -> None:
        self.amap = amap
        self.options = options
        self.words = words
        self.text = text
        self.look = look = options.theme
        assert isinstance(look, theme.Theme)
        self.small_cache: dict[str, str] = {}
        self.kind_heads: dict[str, str] = {}
        self.status_heads: dict[str, str] = {}
        self.statuses = options.statuses if options.color_by == "status" else None
        self.actor_rows: dict[tuple[str, ...], str] = {}
        self.head_extras = (
            options.focus is not None or "ids" in options.show or options.strengths is not None
        )

    def _kind_head(self, kind: str) -> str:
        """The first row of a box: its kind, small and coloured."""
        head = self.kind_heads.get(kind)
        if head is None:
            head = self.kind_heads[kind] = font(
                f"<B>{html_escape(upper(self.words[kind]))}</B>",
                theme.SMALL_SIZE,
                self.look.kinds[kind].color,
            )
        return head

    def _status_head(self, cid: str) -> str:
        """The status mark that starts a box coloured by status (``✓ stands``, ``✗ falls``,
        ``? open``), so that the status does not rest on the fill's colour alone."""
        raw = self.statuses.get(cid) if self.statuses is not None else None
        key = theme.status_key(raw) if raw is not None else None
        if key is None:
            return ""
        head = self.status_heads.get(key)
        if head is None:
            mark = f"{self.look.status_marks[key]} {self.words[f'mark_{key}']}"
            head = font(f"<B>{html_escape(mark)}</B>", theme.SMALL_SIZE, self.look.ink) + "  "
            self.status_heads[key] = head
        return head

    def label(self, claim: Claim, text: str) -> str:
        """The box's label: kind (and focus, id, strength), wrapped text, actors, sources."""
        show = self.options.show
        head = self._kind_head(claim.kind)
        if self.statuses is not None:
            head = self._status_head(claim.id) + head
        if self.head_extras:
            extras = []
            if claim.id == self.options.focus:
                extras.append(f"◆ {html_escape(upper(self.words['focus']))}")
            if "ids" in show:
                extras.append(html_escape(claim.id))
            strengths = self.options.strengths
            if strengths is not None and claim.id in strengths:
                extras.append(f"{html_escape(self.words['strength'])} {strengths[claim.id]:.2f}")
            if extras:
                head += font("  " + "  ".join(extras), theme.SMALL_SIZE, self.look.muted)
        body = wrap(text, self.options.width)
        rows = [head, html_escape("\n".join(body), newline="<BR/>")]
        if claim.by and "actors" in show:
            rows.append(self._actors_row(claim.by))
        if claim.source and "sources" in show:
            titles = []
            for sid in claim.source:
                src = self.amap.sources.get(sid)
                if src is None:
                    titles.append(sid)
                    continue
                title = self.text(src.title) or sid
                titles.append(f"{title} ({src.date})" if src.date else title)
            rows.append(self._small(f"{self.words['sources']}: " + "; ".join(titles)))
        return CLAIM_TABLE_START + CLAIM_ROWS.join(rows) + CLAIM_TABLE_END

    def _actors_row(self, by: tuple[str, ...]) -> str:
        row = self.actor_rows.get(by)
        if row is None:
            actors = self.amap.actors
            names = [self.text(actors[a].name) if a in actors else a for a in by]
            row = self.actor_rows[by] = self._small("— " + ", ".join(names))
        return row

    def _small(self, text: str) -> str:
        done = self.small_cache.get(text)
        if done is None:  # the same actors' names recur on many boxes
            lines = wrap(text, theme.SMALL_WIDTH)
            done = font(
                html_escape("\n".join(lines), newline="<BR/>"),
                theme.SMALL_SIZE,
                self.look.muted,
            )
            self.small_cache[text] = done
        return done
