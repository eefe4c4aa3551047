"""An argument map as a Graphviz DOT diagram.

:func:`select` picks what a view shows (focus, issue, tag and actor filters);
:func:`to_dot` turns the map and :class:`RenderOptions` into DOT text, byte-identical for the same
map and options; :func:`picture` gives it with the view's size; :func:`build_graph` gives it
as a :class:`pydot.Dot`.

The text is written directly, statement by statement (:mod:`argmap.render.dotgraph`), with the
attributes that many nodes and edges share joined once: no pydot object per node or attribute.

Escaping: every name and attribute value is made here, already in its final DOT form, so user
text never reaches the writer (or pydot) raw. User text goes into HTML-like labels through
:func:`html_escape` (XML entities, so the SVG stays well-formed; backslashes doubled, since
Graphviz expands ``\\N``, ``\\G``… even there) or into quoted strings through :func:`quote`.
Node names are quoted too (``"claim:ID"``). Numbers are written ``%g``.

>>> from argmap.load import load_map
>>> amap = load_map("tests/data/tiny.yaml")
>>> to_dot(amap, RenderOptions(lang="en")).startswith("digraph argmap {")
True
"""

from __future__ import annotations

import math
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from argmap.adjacency import Adjacency
from argmap.errors import ArgmapError, NotFoundError
from argmap.gcpause import paused
from argmap.graph import neighbourhood
from argmap.model import ArgumentMap, Claim, Relation, Text
from argmap.parallel import jobs, split_work
from argmap.style import theme
from argmap.render.dotgraph import Attrs, Graph, attr_list, statement
from argmap.style.wrap import wrap

try:  # the optional C accelerator (setup.py); the same output without it
    from argmap.render import _fastdot
except ImportError:  # pragma: no cover - built wherever a C compiler is
    _fastdot = None
try:  # it wraps wide text by wrap.py's rules and widths
    if getattr(_fastdot, "API", None) != 2:  # pragma: no cover - a build from another version
        raise ValueError("not this version's accelerator")
    from argmap.style.wrap import NO_END, NO_START, _width

    _fastdot.setup("".join(sorted(NO_START)), "".join(sorted(NO_END)), _width)
except (AttributeError, TypeError, ValueError):  # pragma: no cover - the Python builder, then
    _fastdot = None

if TYPE_CHECKING:
    import pydot

SHOW_CHOICES = ("actors", "sources", "ids")
RANKDIRS = ("BT", "TB", "LR", "RL")
DIRECTIONS = ("up", "down", "both")
CLUSTERS = ("tag", "actor", "issue")
COLOR_BY = ("kind", "actor", "status")
ENGINES = ("dot", "sfdp", "neato")
#: Pictures are built in several processes when each gets at least this many claims: below it,
#: forking costs more than it saves (a claim takes about 15 µs).
PARALLEL_MIN_CLAIMS = 4000
#: The same with the C accelerator, where a claim takes about 2 µs and sending the text back
#: costs as much as building it: only very big pictures gain from a second process.
FAST_PARALLEL_MIN_CLAIMS = 40_000
#: How much more of a picture this process builds than each forked one, which also has to
#: send its text back (about a fifth of its time, measured at 32,000 claims).
PARALLEL_HERE_WEIGHT = 1.5


@dataclass(frozen=True)
class RenderOptions:
    """What a picture shows and how.

    ``collapse`` (with ``cluster``) draws each cluster as one box with its claim count, and
    the relations between clusters as one arrow per type with their count.

    ``statuses`` (claim id → ``in``/``out``/``undec``) and ``strengths`` (claim id → 0..1) come
    from an evaluation run by the caller; ``color_by="status"`` fills boxes by them.
    """

    lang: str | None = None
    rankdir: str = "BT"
    show: frozenset[str] = frozenset({"actors"})
    focus: str | None = None
    depth: int = 2
    direction: str = "both"
    issue: str | None = None
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    cluster: str | None = None
    collapse: bool = False
    color_by: str = "kind"
    statuses: Mapping[str, str] | None = None
    strengths: Mapping[str, float] | None = None
    engine: str = "dot"
    legend: bool = True
    width: int = theme.CLAIM_WIDTH

    def __post_init__(self) -> None:
        checks = (
            ("rankdir", self.rankdir, RANKDIRS),
            ("direction", self.direction, DIRECTIONS),
            ("color_by", self.color_by, COLOR_BY),
            ("engine", self.engine, ENGINES),
        )
        for name, value, allowed in checks:
            if value not in allowed:
                raise ArgmapError(f"{name} must be one of {', '.join(allowed)}, not '{value}'")
        if self.cluster is not None and self.cluster not in CLUSTERS:
            raise ArgmapError(f"cluster must be one of {', '.join(CLUSTERS)}")
        if self.collapse and self.cluster is None:
            raise ArgmapError("collapse needs a cluster: tag, actor or issue")
        unknown = sorted(set(self.show) - set(SHOW_CHOICES))
        if unknown:
            raise ArgmapError(f"show takes {', '.join(SHOW_CHOICES)}, not {', '.join(unknown)}")
        if self.color_by == "status" and self.statuses is None and self.strengths is None:
            raise ArgmapError("color_by='status' needs statuses or strengths from an evaluation")
        if self.depth < 0:
            raise ArgmapError("depth must be 0 or more")
        if type(self.width) is not int or not 1 <= self.width <= 10_000:
            raise ArgmapError(f"width must be a whole number from 1 to 10000, not {self.width!r}")


# --------------------------------------------------------------------------- escaping

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


class Html(str):
    """An HTML-like label built here (already escaped); written as ``<...>``."""


def clean(text: str) -> str:
    """``text`` without characters XML cannot carry (control characters, lone surrogates)."""
    return _NOT_XML.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def html_escape(text: str, newline: str = '<BR ALIGN="LEFT"/>') -> str:
    r"""``text`` for an HTML-like label: ``& < > " '`` as entities, backslashes doubled.

    Graphviz expands ``\N``, ``\G``… inside HTML text too (and reads ``\\`` as one
    backslash), so backslashes are doubled; newlines become ``newline`` (a left-aligned
    ``<BR/>`` unless told otherwise: wrapped lines are escaped at once, joined by ``\n``).

    >>> print(html_escape(r'a<b> & "c" \N'))
    a&lt;b&gt; &amp; &quot;c&quot; \\N
    """
    if (  # nothing to change but line breaks: printable (so no control character, other
        # line break or lone surrogate) and none of the characters below; most labels
        (text.isprintable() or text.replace("\n", "").isprintable())
        and "&" not in text
        and "<" not in text
        and ">" not in text
        and '"' not in text
        and "'" not in text
        and "\\" not in text
    ):
        return text.replace("\n", newline)
    out = clean(text).replace("\\", "\\\\")
    for raw, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        out = out.replace(raw, entity)
    out = out.replace("'", "&#39;")
    return out.replace("\n", newline)


def quote(text: str, passes: int = 1) -> str:
    r"""``text`` as a DOT double-quoted string whose value, once Graphviz has expanded its
    escapes, is ``text`` itself.

    Backslashes are doubled (so ``\N`` or ``\G`` stay literal), quotes escaped, newlines
    written ``\n``. ``passes=2`` is for attributes Graphviz unescapes twice (``tooltip``).

    >>> print(quote(r'say "hi" \N'))
    "say \"hi\" \\N"
    """
    if text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'  # nothing to clean or escape (the common case)
    out = clean(text).replace("\\", "\\" * (2**passes))
    out = out.replace('"', '\\"').replace("\n", "\\n")
    return f'"{out}"'


class Tooltip(str):
    """A tooltip: Graphviz unescapes it twice, so it is quoted for two passes."""


_NUMERAL = re.compile(r"[0-9]+\.?[0-9]*|[0-9]*\.[0-9]+")


def _value(value: object) -> str:
    """An attribute value in its final DOT form: ``<html>``, a numeral, or a quoted string."""
    if type(value) is str:
        return quote(value)
    if isinstance(value, Html):
        return f"<{value}>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        number = f"{value:g}"
        return number if _NUMERAL.fullmatch(number) else quote(number)  # 1e+06, -2
    if isinstance(value, Tooltip):
        return quote(value, passes=2)
    return quote(str(value))


def _attrs(**values: object) -> Attrs:
    """Attribute values written by us: HTML labels, numbers, or quoted strings."""
    return {key.rstrip("_"): _value(v) for key, v in values.items() if v is not None}


def _font(text: str, size: float | None = None, color: str | None = None) -> str:
    opts = ""
    if size is not None:
        opts += f' POINT-SIZE="{size:g}"'
    if color is not None:
        opts += f' COLOR="{color}"'
    return f"<FONT{opts}>{text}</FONT>" if opts else text


# --------------------------------------------------------------------------- selection


@dataclass(frozen=True)
class View:
    """What a picture shows: claim ids, issue ids and relations, each in the map's order."""

    claims: tuple[str, ...]
    issues: tuple[str, ...]
    relations: tuple[Relation, ...]
    junctions: frozenset[str] = field(default_factory=frozenset)


def _unknown(what: str, name: str, known: Iterable[str]) -> NotFoundError:
    import difflib  # only for a name that is not there

    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.5)
    return NotFoundError(f"no {what} '{name}'", close)


def _issue_debate(amap: ArgumentMap, issue: str) -> set[str]:
    """The positions answering ``issue`` and every claim bearing on them, at any depth."""
    g = Adjacency(amap)
    found = {cid for cid, c in amap.claims.items() if c.answers == issue}
    queue = deque(cid for cid in amap.claims if cid in found)
    while queue:
        for other in g.predecessors(queue.popleft()):
            if other not in found:
                found.add(other)
                queue.append(other)
    return found


def select(amap: ArgumentMap, options: RenderOptions) -> View:
    """The claims, issues and relations that ``options`` keep, in the map's order.

    Filters intersect. A relation is kept when its target and all its premises are kept (an
    undercut when the relation it attacks is kept); issues are kept when a kept claim answers
    them, or all of them when no filter is set.
    """
    keep = set(amap.claims)
    filtered = False
    if options.focus is not None:
        if options.focus not in amap.claims:
            raise _unknown("claim", options.focus, amap.claims)
        keep &= neighbourhood(amap, options.focus, options.depth, options.direction)
        filtered = True
    if options.issue is not None:
        if options.issue not in amap.issues:
            raise _unknown("issue", options.issue, amap.issues)
        keep &= _issue_debate(amap, options.issue)
        filtered = True
    if options.tags:
        known = amap.all_tags()
        for tag in options.tags:
            if tag not in known:
                raise _unknown("tag", tag, known)
        keep &= {cid for cid, c in amap.claims.items() if set(c.tags) & set(options.tags)}
        filtered = True
    if options.actors:
        for actor in options.actors:
            if actor not in amap.actors:
                raise _unknown("actor", actor, amap.actors)
        keep &= {cid for cid, c in amap.claims.items() if set(c.by) & set(options.actors)}
        filtered = True
    if not keep:
        raise ArgmapError("nothing to draw: no claim passes the filters")

    claims = tuple(cid for cid in amap.claims if cid in keep)
    if options.issue is not None:
        issues: tuple[str, ...] = (options.issue,)
    elif filtered:
        answered = {amap.claims[cid].answers for cid in claims}
        issues = tuple(iid for iid in amap.issues if iid in answered)
    else:
        issues = tuple(amap.issues)

    kept: set[str] = set()
    waiting: list[Relation] = []  # undercuts of a relation not kept (yet)
    for rel in amap.relations:
        if not keep.issuperset(rel.premises):
            continue
        if rel.type != "undercuts":
            if rel.target in keep:
                kept.add(rel.id)
        elif rel.target in kept:
            kept.add(rel.id)
        else:
            waiting.append(rel)
    changed = True
    while waiting and changed:  # undercuts of undercuts may come before the relation they attack
        changed = False
        for rel in waiting:
            if rel.id not in kept and rel.target in kept:
                kept.add(rel.id)
                changed = True
        waiting = [rel for rel in waiting if rel.id not in kept]
    relations = tuple(rel for rel in amap.relations if rel.id in kept)
    attacked = {rel.target for rel in relations if rel.type == "undercuts"}
    junctions = frozenset(rel.id for rel in relations if rel.linked or rel.id in attacked)
    return View(claims, issues, relations, junctions)


# --------------------------------------------------------------------------- building


def _claim_node(cid: str) -> str:
    return quote(f"claim:{cid}")


def _issue_node(iid: str) -> str:
    return quote(f"issue:{iid}")


def _junction_node(rid: str) -> str:
    return quote(f"relation:{rid}")


_CLAIM_TABLE_START = (
    '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
    '<TR><TD ALIGN="LEFT" BALIGN="LEFT">'
)
_CLAIM_ROWS = '</TD></TR><TR><TD ALIGN="LEFT" BALIGN="LEFT">'
_CLAIM_TABLE_END = "</TD></TR></TABLE>"


def _upper(word: str) -> str:
    return word.upper() if word.isascii() else word


class _Builder:
    """Builds one picture; keeps track of the styles used, for the legend."""

    def __init__(self, amap: ArgumentMap, options: RenderOptions, view: View | None = None) -> None:
        self.amap = amap
        self.options = options
        self.lang = options.lang or amap.default_language
        self.words = theme.words(self.lang)
        self.view = select(amap, options) if view is None else view
        self.kinds_used: list[str] = []
        self.relations_used: list[str] = []
        self.fills_used: dict[str, tuple[str, str]] = {}  # key -> (fill, description)
        self.junction_colors: list[str] = []
        self.issue_used = False
        self.groups_used = False
        self.group_style = (theme.MUTED_COLOR, theme.CLUSTER_FILL)  # of collapsed clusters
        self.boxes = 0  # claim and group boxes drawn
        self.small_cache: dict[str, str] = {}
        self.edge_parts: dict[tuple[str, str], tuple[str, str]] = {}
        self.claim_parts: dict[tuple[str, bool, str], tuple[str, str]] = {}
        self.head_extras = (
            options.focus is not None or "ids" in options.show or options.strengths is not None
        )
        self.names: dict[str, str] = {}
        # boxes with nothing but kind, text and actors: claim_statement's quick path
        self.plain_boxes = not self.head_extras and "sources" not in options.show
        self.show_actors = "actors" in options.show
        self.show_ids = "ids" in options.show
        self.progress: Callable[[int, int], None] | None = None
        self.pid = os.getpid()
        self.kind_heads: dict[str, str] = {}
        self.actor_rows: dict[tuple[str, ...], str] = {}
        self.actor_fill = {
            aid: theme.ACTOR_FILLS[i % len(theme.ACTOR_FILLS)] for i, aid in enumerate(amap.actors)
        }
        # the C accelerator writes the common boxes and arrows (joined: no clusters)
        self.fast = (
            _fastdot is not None
            and self.plain_boxes
            and options.color_by == "kind"
            and options.cluster is None
        )

    def text(self, value: Text) -> str:
        items = value.items
        if len(items) == 1:  # one language: the text whatever the language asked for
            return items[0][1]
        return self.amap.text(value, self.lang)

    def _note(self, seq: list[str], item: str) -> None:
        if item not in seq:
            seq.append(item)

    # ---- claims

    def fill(self, claim: Claim) -> str:
        mode = self.options.color_by
        if mode == "kind":
            return theme.KINDS[claim.kind].fill
        if mode == "actor":
            if not claim.by or claim.by[0] not in self.actor_fill:
                self.fills_used.setdefault("", (theme.NO_ACTOR_FILL, self.words["no_actor"]))
                return theme.NO_ACTOR_FILL
            aid = claim.by[0]
            name = self.text(self.amap.actors[aid].name) or aid
            self.fills_used.setdefault(aid, (self.actor_fill[aid], name))
            return self.actor_fill[aid]
        return self._status_fill(claim.id)

    def _status_fill(self, cid: str) -> str:
        statuses, strengths = self.options.statuses, self.options.strengths
        if statuses is not None:
            raw = statuses.get(cid)
            key = theme.status_key(raw) if raw is not None else None
            if key is None:
                label = raw if raw is not None else "?"
                self.fills_used.setdefault(f"?{label}", (theme.UNKNOWN_STATUS_FILL, label))
                return theme.UNKNOWN_STATUS_FILL
            self.fills_used.setdefault(key, (theme.STATUS_FILLS[key], self.words[f"status_{key}"]))
            return theme.STATUS_FILLS[key]
        if strengths is not None:
            if cid not in strengths:
                self.fills_used.setdefault("?", (theme.UNKNOWN_STATUS_FILL, "?"))
                return theme.UNKNOWN_STATUS_FILL
            for point in (0.0, 0.5, 1.0):
                self.fills_used.setdefault(
                    f"s{point}",
                    (theme.strength_fill(point), f"{self.words['strength']} {point:g}"),
                )
            return theme.strength_fill(strengths[cid])
        raise ArgmapError("color_by='status' needs statuses or strengths from an evaluation")

    def claim_label(self, claim: Claim, text: str | None = None) -> Html:
        """The box's label: kind (and focus, id, strength), wrapped text, actors, sources."""
        return Html(self._label(claim, self.text(claim.text) if text is None else text))

    def _kind_head(self, kind: str) -> str:
        """The first row of a box: its kind, small and coloured."""
        head = self.kind_heads[kind] = _font(
            f"<B>{html_escape(_upper(self.words[kind]))}</B>",
            theme.SMALL_SIZE,
            theme.KINDS[kind].color,
        )
        return head

    def _label(self, claim: Claim, text: str) -> str:
        show = self.options.show
        head = self.kind_heads.get(claim.kind) or self._kind_head(claim.kind)
        if self.head_extras:
            extras = []
            if claim.id == self.options.focus:
                extras.append(f"◆ {html_escape(_upper(self.words['focus']))}")
            if "ids" in show:
                extras.append(html_escape(claim.id))
            strengths = self.options.strengths
            if strengths is not None and claim.id in strengths:
                extras.append(f"{html_escape(self.words['strength'])} {strengths[claim.id]:.2f}")
            if extras:
                head += _font("  " + "  ".join(extras), theme.SMALL_SIZE, theme.MUTED_COLOR)
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
        return _CLAIM_TABLE_START + _CLAIM_ROWS.join(rows) + _CLAIM_TABLE_END

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
            done = _font(
                html_escape("\n".join(lines), newline="<BR/>"),
                theme.SMALL_SIZE,
                theme.MUTED_COLOR,
            )
            self.small_cache[text] = done
        return done

    def name(self, cid: str) -> str:
        """The quoted node name of a claim (made once per claim)."""
        name = self.names.get(cid)
        if name is None:
            name = self.names[cid] = _claim_node(cid)
        return name

    def _claim_parts(self, key: tuple[str, bool, str]) -> tuple[str, str]:
        """What boxes of one kind, focus and fill share: their attributes and CSS class."""
        kind, focus, fill = key
        self._note(self.kinds_used, kind)
        style = theme.KINDS[kind]
        penwidth = style.penwidth
        if focus:
            penwidth = max(theme.FOCUS_PENWIDTH, penwidth + 1.5)
        dash = ",dashed" if style.dashed else ""
        parts = self.claim_parts[key] = (
            attr_list(
                _attrs(
                    shape="box",
                    style=f"rounded,filled{dash}",
                    color=style.color,
                    penwidth=penwidth,
                    fillcolor=fill,
                )
            ),
            _value(f"claim {kind}"),
        )
        return parts

    def claim_statement(self, claim: Claim) -> str:
        """The claim's node statement: :meth:`claim_node` written out, the common box (a text
        with nothing to escape; kind, text and actors shown) made in one go."""
        cid = claim.id
        items = claim.text.items
        text = items[0][1] if len(items) == 1 else self.amap.text(claim.text, self.lang)
        tip = f"{cid}: {text}"
        if not (
            self.plain_boxes
            and tip.isprintable()
            and '"' not in tip
            and "\\" not in tip
            and "&" not in text
            and "<" not in text
            and ">" not in text
            and "'" not in text
        ):
            return statement(*self.claim_node(claim))
        kind = claim.kind
        key = (kind, cid == self.options.focus, self.fill(claim))
        parts = self.claim_parts.get(key) or self._claim_parts(key)
        head = self.kind_heads.get(kind) or self._kind_head(kind)
        name = self.names.get(cid) or self.name(cid)
        body = "<BR/>".join(wrap(text, self.options.width))
        by = claim.by
        if by and self.show_actors:
            row = self.actor_rows.get(by) or self._actors_row(by)
            label = f"{_CLAIM_TABLE_START}{head}{_CLAIM_ROWS}{body}{_CLAIM_ROWS}{row}"
        else:
            label = f"{_CLAIM_TABLE_START}{head}{_CLAIM_ROWS}{body}"
        return (
            f'{name} [label=<{label}{_CLAIM_TABLE_END}>, {parts[0]}, tooltip="{tip}", '
            f"class={parts[1]}];\n"
        )

    def claim_node(self, claim: Claim) -> tuple[str, str]:
        """The claim's node name and attributes (as text)."""
        self.boxes += 1
        cid = claim.id
        key = (claim.kind, cid == self.options.focus, self.fill(claim))
        middle, css = self.claim_parts.get(key) or self._claim_parts(key)
        text = self.text(claim.text)
        label = self._label(claim, text)  # written as _value writes an Html and a Tooltip:
        tooltip = quote(f"{cid}: {text}", passes=2)
        return self.name(cid), f"label=<{label}>, {middle}, tooltip={tooltip}, class={css}"

    # ---- issues

    def issue_node(self, iid: str) -> tuple[str, Attrs]:
        self.issue_used = True
        issue = self.amap.issues[iid]
        head = _upper(self.words["issue"])
        if "ids" in self.options.show:
            head += f"  {iid}"
        lines = wrap(self.text(issue.question), theme.ISSUE_WIDTH)
        question = "<BR/>".join(f"<B>{html_escape(x)}</B>" for x in lines)
        label = (
            '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
            "<TR><TD>"
            + _font(f"<B>{html_escape(head)}</B>", theme.SMALL_SIZE, theme.ISSUE_COLOR)
            + f"</TD></TR><TR><TD>{question}</TD></TR></TABLE>"
        )
        return (
            _issue_node(iid),
            _attrs(
                label=Html(label),
                shape=theme.ISSUE_SHAPE,
                style="filled",
                color=theme.ISSUE_COLOR,
                fillcolor=theme.ISSUE_FILL,
                penwidth=1.6,
                margin="0.02,0.06",
                tooltip=Tooltip(f"{iid}: {self.text(issue.question)}"),
                class_="issue",
            ),
        )

    # ---- relations

    def _edge_attrs(self, rtype: str, arrowhead: str, label: Html | None, tooltip: str) -> str:
        """A relation edge's attributes (as text); what type and arrowhead fix is made once."""
        key = (rtype, arrowhead)
        parts = self.edge_parts.get(key)
        if parts is None:
            style = theme.RELATIONS[rtype]
            parts = self.edge_parts[key] = (
                attr_list(_attrs(arrowhead=arrowhead)),
                attr_list(
                    _attrs(
                        class_=f"relation {rtype}",
                        color=style.color,
                        style=style.style,
                        penwidth=style.penwidth,
                    )
                ),
            )
        head, tail = parts
        tip = _value(Tooltip(tooltip))
        if label is None:
            return f"{head}, tooltip={tip}, {tail}"
        return f"{head}, label={_value(label)}, tooltip={tip}, {tail}"

    def relation_statements(self, rel: Relation) -> tuple[str, str]:
        """The relation's junction node statement (``""`` without one) and its edge statements:
        :meth:`relation_items` written out, a one-premise relation made in one go."""
        rtype = rel.type
        if len(rel.premises) != 1 or rel.id in self.view.junctions or self.show_ids:
            nodes, edges = self.relation_items(rel)
            return (
                "".join(statement(n, a) for n, a in nodes),
                "".join(statement(f"{s} -> {t}", a) for s, t, a in edges),
            )
        self._note(self.relations_used, rtype)
        style = theme.RELATIONS[rtype]
        key = (rtype, style.arrowhead)
        parts = self.edge_parts.get(key)
        if parts is None:
            self._edge_attrs(rtype, style.arrowhead, None, "")
            parts = self.edge_parts[key]
        premise = rel.premises[0]
        source = self.names.get(premise) or self.name(premise)
        target = _junction_node(rel.target) if rtype == "undercuts" else self.name(rel.target)
        tip = f"{rel.id} ({rtype})"
        tip = (
            f'"{tip}"'
            if tip.isprintable() and '"' not in tip and "\\" not in tip
            else quote(tip, 2)
        )
        return "", f"{source} -> {target} [{parts[0]}, tooltip={tip}, {parts[1]}];\n"

    def relation_items(
        self, rel: Relation
    ) -> tuple[list[tuple[str, Attrs]], list[tuple[str, str, Attrs | str]]]:
        """The junction node (if the relation needs one) and the edges of one relation."""
        style = theme.RELATIONS[rel.type]
        self._note(self.relations_used, rel.type)
        undercut = rel.type == "undercuts"
        target = _junction_node(rel.target) if undercut else self.name(rel.target)
        label = None
        if "ids" in self.options.show and rel.explicit_id:
            label = Html(_font(html_escape(rel.id), theme.SMALL_SIZE, theme.MUTED_COLOR))
        tooltip = f"{rel.id} ({rel.type})"
        nodes: list[tuple[str, Attrs]] = []
        edges: list[tuple[str, str, Attrs | str]] = []
        if rel.id in self.view.junctions:
            self._note(self.junction_colors, style.color)
            junction = _junction_node(rel.id)
            nodes.append(
                (
                    junction,
                    _attrs(
                        label="",
                        shape="circle",
                        width=theme.JUNCTION_SIZE,
                        height=theme.JUNCTION_SIZE,
                        fixedsize=True,
                        style="filled",
                        color=style.color,
                        fillcolor=style.color,
                        tooltip=Tooltip(tooltip),
                        class_=f"junction {rel.type}",
                    ),
                )
            )
            for premise in rel.premises:
                edges.append(
                    (
                        self.name(premise),
                        junction,
                        self._edge_attrs(rel.type, "none", None, tooltip),
                    )
                )
            edges.append(
                (junction, target, self._edge_attrs(rel.type, style.arrowhead, label, tooltip))
            )
        else:
            for premise in rel.premises:
                edges.append(
                    (
                        self.name(premise),
                        target,
                        self._edge_attrs(rel.type, style.arrowhead, label, tooltip),
                    )
                )
        return nodes, edges

    def answer_edge(self, claim: Claim) -> tuple[str, str, Attrs]:
        style = theme.RELATIONS["answers"]
        self._note(self.relations_used, "answers")
        return (
            self.name(claim.id),
            _issue_node(claim.answers or ""),
            _attrs(
                color=style.color,
                style=style.style,
                penwidth=style.penwidth,
                arrowhead=style.arrowhead,
                tooltip=Tooltip(f"{claim.id} answers {claim.answers}"),
                class_="answers",
            ),
        )

    # ---- clusters

    def cluster_keys(self) -> tuple[dict[str, str], dict[str, str], list[tuple[str, str]]]:
        """(claim → cluster key, issue → cluster key, [(key, label)] in order)."""
        mode = self.options.cluster
        claims = self.view.claims
        amap = self.amap
        of_claim: dict[str, str] = {}
        of_issue: dict[str, str] = {}
        labels: dict[str, str] = {}
        if mode == "tag":
            for cid in claims:
                if amap.claims[cid].tags:
                    of_claim[cid] = amap.claims[cid].tags[0]
            for iid in self.view.issues:
                if amap.issues[iid].tags:
                    of_issue[iid] = amap.issues[iid].tags[0]
            order = [t for t in amap.all_tags() if t in set(of_claim.values())]
            order += [t for t in of_issue.values() if t not in order]
            labels = {t: f"#{t}" for t in order}
        elif mode == "actor":
            for cid in claims:
                by = amap.claims[cid].by
                if by:
                    of_claim[cid] = by[0]
            order = [a for a in amap.actors if a in set(of_claim.values())]
            order += [a for a in of_claim.values() if a not in order]
            labels = {a: self.text(amap.actors[a].name) if a in amap.actors else a for a in order}
        elif mode == "issue":
            g = Adjacency(amap)
            visible = set(claims)
            queue: deque[str] = deque()
            for iid in self.view.issues:
                of_issue[iid] = iid
            for cid in claims:
                answers = amap.claims[cid].answers
                if answers in of_issue:
                    of_claim[cid] = answers
                    queue.append(cid)
            while queue:
                node = queue.popleft()
                for other in g.predecessors(node):
                    if other in visible and other not in of_claim:
                        of_claim[other] = of_claim[node]
                        queue.append(other)
            labels = {iid: iid for iid in self.view.issues}
        return of_claim, of_issue, list(labels.items())

    # ---- legend

    def legend(self) -> Html:
        """An HTML table explaining every colour, line and shape this picture uses.

        One row of items, section by section, under the map's title. (Rows of different
        widths would make Graphviz stretch the narrower ones' boxes.)
        """
        w = self.words
        size = theme.LEGEND_SIZE
        cells: list[str] = []

        def section(name: str, items: list[str]) -> None:
            if not items:
                return
            if cells:
                cells.append('<TD WIDTH="14"></TD>')
            head = _font(f"<B>{html_escape(name)}</B>", size, theme.MUTED_COLOR)
            cells.append(f'<TD ALIGN="LEFT">{head}</TD>')
            cells.extend(items)

        def box(text: str, color: str, fill: str, border: int = 1, style: str = "") -> str:
            styled = f' STYLE="{style}"' if style else ""
            return (
                f'<TD><TABLE BORDER="{border}"{styled} COLOR="{color}" BGCOLOR="{fill}" '
                f'CELLBORDER="0" CELLPADDING="2"><TR><TD>{_font(text, size)}</TD></TR></TABLE></TD>'
            )

        def glyphs(sample: str, text: str) -> str:
            return f'<TD ALIGN="LEFT">{sample} {_font(html_escape(text), size)}</TD>'

        kind_items = []
        for kind, style in theme.KINDS.items():
            if kind in self.kinds_used:
                fill = style.fill if self.options.color_by == "kind" else "#ffffff"
                kind_items.append(
                    box(
                        _font(f"<B>{html_escape(_upper(w[kind]))}</B>", None, style.color),
                        style.color,
                        fill,
                        max(1, round(style.penwidth)),
                        "rounded,dashed" if style.dashed else "rounded",
                    )
                )
        if self.options.focus is not None:
            kind_items.append(
                box(
                    f"<B>◆ {html_escape(_upper(w['focus']))}</B>",
                    theme.TEXT_COLOR,
                    "#ffffff",
                    round(theme.FOCUS_PENWIDTH),
                    "rounded",
                )
            )
        if self.groups_used:
            color, fill = self.group_style
            kind_items.append(box(html_escape(w["group"]), color, fill, 1, "rounded"))
        if self.issue_used:
            kind_items.append(
                box(
                    _font(f"<B>{html_escape(_upper(w['issue']))}</B>", None, theme.ISSUE_COLOR),
                    theme.ISSUE_COLOR,
                    theme.ISSUE_FILL,
                )
            )
        section(w["claims"], kind_items)

        rel_items = []
        for rtype in ("supports", "opposes", "undercuts", "answers"):
            if rtype in self.relations_used:
                style = theme.RELATIONS[rtype]
                rel_items.append(glyphs(_font(style.sample, size, style.color), w[rtype]))
        if self.junction_colors:
            dots = "".join(_font("●", size, c) for c in self.junction_colors)
            rel_items.append(glyphs(dots, w["junction"]))
        section(w["relations"], rel_items)

        order = {key: i for i, key in enumerate(theme.STATUS_FILLS)}
        fills = sorted(self.fills_used.items(), key=lambda item: order.get(item[0], len(order)))
        section(
            w["fill"],
            [box(html_escape(text), theme.MUTED_COLOR, fill) for _, (fill, text) in fills],
        )
        rows = []
        title = self.text(self.amap.title)
        if title:
            rows.append(
                f'<TR><TD ALIGN="LEFT" COLSPAN="{max(len(cells), 1)}">'
                + _font(f"<B>{html_escape(title)}</B>", theme.FONT_SIZE + 3)
                + "</TD></TR>"
            )
        if cells:
            rows.append("<TR>" + "".join(cells) + "</TR>")
        return Html(
            '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="1">'
            + "".join(rows)
            + "</TABLE>"
        )

    # ---- the bulk of the work, split over the cores

    def claims_and_relations(
        self,
    ) -> tuple[list[str | bytes], list[str | bytes], list[str | bytes]]:
        """Node statements of the view's claims, junction node statements of its relations and
        their edge statements, each list in the view's order.

        Edges come in UTF-8 blocks of many statements, and so do nodes and junctions without
        clusters; with clusters, there is one text per claim and per relation (a junction item
        is ``""`` when the relation has none). On big
        pictures the work is shared with forked processes (see :mod:`argmap.parallel`); what
        they note for the legend is merged in order, so the output is the same bytes as when it
        is all done here.
        """
        claims, relations = self.view.claims, self.view.relations
        least = FAST_PARALLEL_MIN_CLAIMS if self.fast else PARALLEL_MIN_CLAIMS
        parts = max(1, min(jobs(), len(claims) // least))
        # the first part is built here; the others also have to travel back: give them less
        weights = [PARALLEL_HERE_WEIGHT, *([1.0] * (parts - 1))] if parts > 1 else [1.0]
        ends = [sum(weights[: i + 1]) / sum(weights) for i in range(parts)]
        bounds = list(zip([0.0, *ends[:-1]], ends, strict=True))
        chunks = [
            (
                claims[round(a * len(claims)) : round(b * len(claims))],
                relations[round(a * len(relations)) : round(b * len(relations))],
            )
            for a, b in bounds
        ]
        boxes = self.boxes
        claim_nodes: list[str | bytes] = []
        junctions: list[str | bytes] = []
        edges: list[str | bytes] = []
        for done in split_work(chunks, self._chunk, min_chunk=1):
            for nodes, chunk_junctions, chunk_edges, notes in done:
                claim_nodes += nodes
                junctions += chunk_junctions
                edges.append(chunk_edges)
                kinds, fills, relation_types, colors = notes
                for kind in kinds:
                    self._note(self.kinds_used, kind)
                for key, fill in fills.items():
                    self.fills_used.setdefault(key, fill)
                for rtype in relation_types:
                    self._note(self.relations_used, rtype)
                for color in colors:
                    self._note(self.junction_colors, color)
        self.boxes = boxes + len(claims)
        if self.progress is not None:
            self.progress(len(claims), len(claims))
        return claim_nodes, junctions, edges

    def _chunk(
        self, chunks: Sequence[tuple[Sequence[str], Sequence[Relation]]]
    ) -> list[tuple[list[Any], list[Any], bytes, tuple[Any, ...]]]:
        """Statements of some chunks' claims and relations, with the legend's notes so far.

        Blocks of text travel between processes much faster than lists of statements, so
        without clusters (where no statement needs placing on its own) they are joined here.
        """
        claims = self.amap.claims
        joined = self.options.cluster is None
        # a forked process must not call the caller's callback: only this one reports
        progress = self.progress if os.getpid() == self.pid else None
        done = []
        if self.fast:
            for cids, rels in chunks:
                done.append(self._fast_chunk(cids, rels, progress))
            return done
        for cids, rels in chunks:
            if progress is None:
                nodes = [self.claim_statement(claims[cid]) for cid in cids]
            else:  # every chunk goes at about the same pace: count this one for all
                nodes = []
                total = len(self.view.claims)
                scale = total / max(len(cids), 1)
                for start in range(0, len(cids), 2000):
                    progress(int(start * scale), total)
                    nodes += [self.claim_statement(claims[c]) for c in cids[start : start + 2000]]
            junctions: list[str] = []
            edges: list[str] = []
            for rel in rels:
                junction, rel_edges = self.relation_statements(rel)
                junctions.append(junction)
                edges.append(rel_edges)
            if joined:  # encoded here: in a forked process, that is work done in parallel
                nodes = ["".join(nodes).encode("utf-8")]
                junctions = ["".join(junctions).encode("utf-8")]
            notes = (
                list(self.kinds_used),
                dict(self.fills_used),
                list(self.relations_used),
                list(self.junction_colors),
            )
            done.append((nodes, junctions, "".join(edges).encode("utf-8"), notes))
        return done

    def _fast_chunk(
        self,
        cids: Sequence[str],
        rels: Sequence[Relation],
        progress: Callable[[int, int], None] | None,
    ) -> tuple[list[Any], list[Any], bytes, tuple[Any, ...]]:
        """:meth:`_chunk` of one chunk by the C accelerator (:mod:`argmap.render._fastdot`).

        It writes what :meth:`claim_statement` and :meth:`relation_statements` write, the same
        bytes, and calls them for any box or arrow outside the common case; the pieces every
        box of a kind or every arrow of a type shares come from the methods below, which note
        them for the legend as the Python path does.
        """
        assert _fastdot is not None
        claims = self.amap.claims
        if type(claims) is not dict:  # a mapping built by hand: the C code reads plain dicts
            claims = dict(claims)
        step = 2000 if progress is not None else max(len(cids), 1)
        total = len(self.view.claims)
        scale = total / max(len(cids), 1)
        blocks = []
        for start in range(0, len(cids), step):
            if progress is not None:
                progress(int(start * scale), total)
            blocks.append(
                _fastdot.boxes(
                    claims,
                    cids[start : start + step],
                    self.names,
                    self.name,
                    self._fast_kind_parts,
                    self.actor_rows,
                    self._actors_row,
                    self.show_actors,
                    self.options.width,
                    self.text,
                    wrap,
                    self.claim_statement,
                )
            )
        junctions, edges = _fastdot.arrows(
            rels,
            self.view.junctions,
            self.names,
            self.name,
            self._fast_relation_parts,
            _junction_node,
            self.relation_statements,
        )
        notes = (
            list(self.kinds_used),
            dict(self.fills_used),
            list(self.relations_used),
            list(self.junction_colors),
        )
        return blocks, [junctions], edges, notes

    def _fast_kind_parts(self, kind: str) -> tuple[str, str, str]:
        """What every common box of a kind shares: attributes, CSS class and first row."""
        key = (kind, False, theme.KINDS[kind].fill)
        parts = self.claim_parts.get(key) or self._claim_parts(key)
        head = self.kind_heads.get(kind) or self._kind_head(kind)
        return parts[0], parts[1], head

    def _fast_relation_parts(self, rtype: str) -> tuple[str, str]:
        """What every one-premise arrow of a type shares: the attributes around its tooltip."""
        self._note(self.relations_used, rtype)
        arrowhead = theme.RELATIONS[rtype].arrowhead
        key = (rtype, arrowhead)
        if key not in self.edge_parts:
            self._edge_attrs(rtype, arrowhead, None, "")
        return self.edge_parts[key]

    # ---- the whole graph

    def build(self) -> Graph:
        """The whole picture as DOT statements, in a fixed order."""
        with paused():  # many containers, no cycles: collecting would cost a third of the time
            return self._build()

    def _build(self) -> Graph:
        options = self.options
        graph = Graph("digraph", "argmap")
        font = quote(theme.FONT)
        graph_attrs: dict[str, object] = {
            "layout": options.engine,
            "rankdir": options.rankdir,
            "bgcolor": theme.BACKGROUND,
            "fontname": theme.FONT,
            "fontsize": theme.FONT_SIZE,
            "fontcolor": theme.TEXT_COLOR,
            "pad": 0.3,
            "nodesep": 0.3,
            "ranksep": 0.55,
        }
        if options.engine == "dot":
            graph_attrs["newrank"] = True
        else:
            graph_attrs.update(overlap="prism", overlap_scaling=2, splines="true", sep="+8")
        graph.set_defaults("graph", _attrs(**graph_attrs))
        graph.set_defaults(
            "node",
            {
                "fontname": font,
                "fontsize": _value(theme.FONT_SIZE),
                "fontcolor": quote(theme.TEXT_COLOR),
                "margin": quote("0.14,0.08"),
            },
        )
        graph.set_defaults(
            "edge",
            {"fontname": font, "fontsize": _value(theme.SMALL_SIZE), "arrowsize": _value(0.8)},
        )

        if options.collapse:
            self.collapsed(graph)
        else:
            self.body(graph)
        if options.legend:
            graph.set_defaults("graph", _attrs(label=self.legend(), labelloc="t", labeljust="l"))
        return graph

    def body(self, graph: Graph) -> None:
        """Every claim, issue and relation of the view, clusters as subgraphs."""
        options = self.options
        amap = self.amap
        of_claim: dict[str, str] = {}
        of_issue: dict[str, str] = {}
        clusters: dict[str, Graph] = {}
        if options.cluster is not None:
            of_claim, of_issue, labels = self.cluster_keys()
            for n, (key, label) in enumerate(labels):
                clusters[key] = Graph(
                    "subgraph",
                    f"cluster_{n}",
                    _attrs(
                        label=Html(
                            _font(
                                f"<B>{html_escape(label)}</B>",
                                theme.SMALL_SIZE + 1,
                                theme.MUTED_COLOR,
                            )
                        ),
                        style="rounded,filled",
                        color=theme.CLUSTER_COLOR,
                        fillcolor=theme.CLUSTER_FILL,
                        labeljust="l",
                        labelloc="b" if options.rankdir == "BT" else "t",
                    ),
                )

        for iid in self.view.issues:
            name, attrs = self.issue_node(iid)
            (clusters[of_issue[iid]] if iid in of_issue else graph).add_node(name, attrs)
        claims = amap.claims
        shown_issues = set(self.view.issues)
        edges: list[tuple[str, str, Attrs | str]] = [
            self.answer_edge(claims[cid])
            for cid in self.view.claims
            if claims[cid].answers in shown_issues
        ]
        claim_nodes, junctions, relation_edges = self.claims_and_relations()
        if not clusters:
            for text in (*claim_nodes, *junctions):
                graph.add_statements(text)
        else:
            for cid, node in zip(self.view.claims, claim_nodes, strict=True):
                (clusters[of_claim[cid]] if cid in of_claim else graph).add_statements(node)
            by_id = {rel.id: rel for rel in self.view.relations}
            for rel, junction in zip(self.view.relations, junctions, strict=True):
                parent = graph
                if junction:
                    # A junction sits in its argument's cluster when all its claims are in it.
                    bears_on = rel
                    while bears_on.type == "undercuts" and bears_on.target in by_id:
                        bears_on = by_id[bears_on.target]
                    homes = {of_claim.get(c, "") for c in (*rel.premises, bears_on.target)}
                    parent = clusters.get(homes.pop(), graph) if len(homes) == 1 else graph
                parent.add_statements(junction)

        for sub in clusters.values():
            graph.add_subgraph(sub)
        if self.view.issues and options.engine == "dot":
            # Issues are what the debate is about: all on the conclusions' end, in one row.
            row = Graph("subgraph", "", {"rank": "max"})
            for iid in self.view.issues:
                row.add_node(_issue_node(iid))
            graph.add_subgraph(row)
        for source, target, attrs in edges:
            graph.add_edge(source, target, attrs)
        for text in relation_edges:
            graph.add_statements(text)

    def collapsed(self, graph: Graph) -> None:
        """One box per cluster (claims outside every cluster drawn as usual) and one arrow per
        pair of boxes and relation type, labelled with how many relations it stands for."""
        amap = self.amap
        of_claim, of_issue, labels = self.cluster_keys()
        counts: dict[str, int] = {key: 0 for key, _ in labels}
        for cid in self.view.claims:
            if cid in of_claim:
                counts[of_claim[cid]] += 1
        group = {key: quote(f"group:{key}") for key, _ in labels}
        for key, label in labels:
            graph.add_node(group[key], self.group_node(key, label, counts[key]))
        issues = []
        for iid in self.view.issues:
            if iid not in of_issue:
                name, attrs = self.issue_node(iid)
                graph.add_node(name, attrs)
                issues.append(iid)
        for cid in self.view.claims:
            if cid not in of_claim:
                name, attrs = self.claim_node(amap.claims[cid])
                graph.add_node(name, attrs)

        def claim_end(cid: str) -> str:
            return group[of_claim[cid]] if cid in of_claim else self.name(cid)

        def issue_end(iid: str) -> str:
            return group[of_issue[iid]] if iid in of_issue else _issue_node(iid)

        arrows: dict[tuple[str, str, str], int] = {}
        by_id = {rel.id: rel for rel in self.view.relations}
        for rel in self.view.relations:
            bears_on = rel
            while bears_on.type == "undercuts" and bears_on.target in by_id:
                bears_on = by_id[bears_on.target]
            if bears_on.type == "undercuts":  # an undercut cycle: it reaches no claim
                continue
            target = claim_end(bears_on.target)
            for source in dict.fromkeys(claim_end(p) for p in rel.premises):
                if source != target:
                    arrows[(source, target, rel.type)] = (
                        arrows.get((source, target, rel.type), 0) + 1
                    )
        shown = set(self.view.issues)
        for cid in self.view.claims:
            answers = amap.claims[cid].answers
            if answers in shown:
                source, target = claim_end(cid), issue_end(answers)
                if source != target:
                    arrows[(source, target, "answers")] = (
                        arrows.get((source, target, "answers"), 0) + 1
                    )

        if issues and self.options.engine == "dot":
            row = Graph("subgraph", "", {"rank": "max"})
            for iid in issues:
                row.add_node(_issue_node(iid))
            graph.add_subgraph(row)
        for (source, target, rtype), count in arrows.items():
            self._note(self.relations_used, rtype)
            style = theme.RELATIONS[rtype]
            graph.add_edge(
                source,
                target,
                _attrs(
                    arrowhead=style.arrowhead,
                    # xlabel: placed after the layout; edge labels would make dot 100 times slower
                    xlabel=f"{count:,}" if count > 1 else None,
                    tooltip=Tooltip(f"{count:,} × {rtype}"),
                    class_=f"relation {rtype}",
                    color=style.color,
                    style=style.style,
                    penwidth=round(style.penwidth + math.log2(count), 1),
                ),
            )

    def group_node(self, key: str, label: str, count: int) -> Attrs:
        """The box that stands for a collapsed cluster."""
        self.groups_used = True
        self.boxes += 1
        is_issue = self.options.cluster == "issue"
        head = f"{_upper(self.words['issue'])}  {key}" if is_issue else label
        color = theme.ISSUE_COLOR if is_issue else theme.MUTED_COLOR
        fill = theme.ISSUE_FILL if is_issue else theme.CLUSTER_FILL
        self.group_style = (color, fill)
        rows = [_font(f"<B>{html_escape(head)}</B>", theme.SMALL_SIZE, color)]
        if is_issue:
            question = "\n".join(wrap(self.text(self.amap.issues[key].question), theme.ISSUE_WIDTH))
            rows.append("<B>" + html_escape(question, newline="<BR/>") + "</B>")
        count_text = (
            self.words["group_count_one"]
            if count == 1
            else self.words["group_count"].format(n=f"{count:,}")
        )
        rows.append(_font(html_escape(count_text), theme.SMALL_SIZE, theme.MUTED_COLOR))
        return _attrs(
            label=Html(_CLAIM_TABLE_START + _CLAIM_ROWS.join(rows) + _CLAIM_TABLE_END),
            shape="box",
            style="rounded,filled",
            color=color,
            penwidth=1.6,
            fillcolor=fill,
            tooltip=Tooltip(f"{head}: {count_text}"),
            class_="group",
        )


def build_graph(
    amap: ArgumentMap, options: RenderOptions | None = None, view: View | None = None
) -> pydot.Dot:
    """The picture of ``amap`` as a pydot graph (see :class:`RenderOptions`), read back from
    :func:`to_dot`'s text by pydot's parser: slow on big maps, for callers who want objects."""
    import pydot

    graphs = pydot.graph_from_dot_data(to_dot(amap, options, view))
    if not graphs:  # pragma: no cover - our DOT always parses
        raise ArgmapError("pydot could not read the DOT text")
    return graphs[0]


@dataclass(frozen=True)
class Picture:
    """A picture's DOT text (UTF-8, in ``chunks`` as built: writing them one after the other
    saves joining tens of megabytes) and its size: the claims in its view, and the boxes drawn
    for them (fewer when clusters are collapsed). Layout time grows with ``boxes``."""

    chunks: tuple[bytes, ...]
    claims: int
    boxes: int

    @cached_property
    def data(self) -> bytes:
        """The DOT text, UTF-8."""
        return b"".join(self.chunks)

    @property
    def dot(self) -> str:
        """The DOT text as a string."""
        return self.data.decode("utf-8")


def picture(
    amap: ArgumentMap,
    options: RenderOptions | None = None,
    view: View | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Picture:
    """The picture of ``amap`` (see :func:`to_dot`) with its size.

    ``progress(done, total)`` is called now and then while the claims' boxes are made."""
    builder = _Builder(amap, options or RenderOptions(), view)
    builder.progress = progress
    chunks = builder.build().to_chunks()
    return Picture(tuple(chunks), len(builder.view.claims), builder.boxes)


def to_dot(
    amap: ArgumentMap, options: RenderOptions | None = None, view: View | None = None
) -> str:
    """The picture of ``amap`` as DOT text; the same input gives the same bytes.

    ``view`` is what :func:`select` returned for these options, to save selecting twice.
    """
    return _Builder(amap, options or RenderOptions(), view).build().to_string()
