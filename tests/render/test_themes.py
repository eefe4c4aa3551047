"""Themes (``render --theme``): default unchanged, colorblind in the Okabe–Ito palette, print in
greys with relations told apart by line and arrowhead, and status shown by more than colour."""

from __future__ import annotations

import re
from pathlib import Path

import pydot
import pytest
from click.testing import CliRunner

from argmap.analysis.diff import diff_maps
from argmap.cli.main import cli
from argmap.errors import ArgmapError
from argmap.load import load_map
from argmap.model import ArgumentMap
from argmap.render.diffmarks import marked_picture, merged_map
from argmap.render.dot import RenderOptions, to_dot
from argmap.render.html import PageOptions
from argmap.style.theme import DEFAULT, OKABE_ITO, PAGE_COLORS, THEMES

pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning")

DATA = Path(__file__).parent.parent / "data"
FLAGSHIP = Path(__file__).parent.parent.parent / "arguments" / "llama-3.1-open-source"
STATUSES = {"x": "in", "a": "out", "b": "undecided", "c": "in"}
MARKS = {"in": "✓", "out": "✗", "undec": "?"}

#: Colour attributes in DOT (``color="…"``) and in HTML-like labels (``COLOR="…"``).
_COLOR_ATTR = re.compile(r'\b(?:color|fillcolor|fontcolor|bgcolor)="([^"]*)"', re.I)
_NAMED_GREYS = {"black", "white", "grey", "gray", "transparent", "none"}


@pytest.fixture(scope="module")
def flagship() -> ArgumentMap:
    return load_map(FLAGSHIP)


def tiny() -> ArgumentMap:
    return load_map(DATA / "tiny.yaml")


def colors(dot: str) -> set[str]:
    """Every single colour a DOT text names (colour lists ``a:b:c`` split up)."""
    found = set()
    for value in _COLOR_ATTR.findall(dot):
        found.update(part.split(";")[0] for part in value.split(":") if part)
    return found


def rgb(color: str) -> tuple[int, int, int]:
    assert re.fullmatch(r"#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?", color), color
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def is_grey(color: str) -> bool:
    if color.lower() in _NAMED_GREYS or re.fullmatch(r"gr[ae]y\d{1,3}", color.lower()):
        return True
    r, g, b = rgb(color)
    return r == g == b


def is_tint_of(color: str, base: str) -> bool:
    """Whether ``color`` is ``base`` mixed with white (within rounding)."""
    c, o = rgb(color), rgb(base)
    span = max(range(3), key=lambda i: 255 - o[i])  # the channel that tells the share best
    if o[span] == 255:
        return c == o
    t = (255 - c[span]) / (255 - o[span])
    pairs = zip(c, o, strict=True)
    return 0 <= t <= 1 and all(abs(round(255 + (oi - 255) * t) - ci) <= 1 for ci, oi in pairs)


def okabe_ito(color: str) -> bool:
    return any(is_tint_of(color, base) for base in OKABE_ITO.values())


def looks(dot: str) -> dict[str, dict[str, str]]:
    """Each edge class's attributes (the edge defaults filled in), read back with pydot."""
    graph = pydot.graph_from_dot_data(dot)[0]
    defaults: dict[str, str] = {}
    for d in graph.get_edge_defaults() or []:
        defaults.update(d)
    found: dict[str, dict[str, str]] = {}
    for edge in graph.get_edges():
        attrs = {**defaults, **edge.get_attributes()}
        found.setdefault(attrs.get("class", "").strip('"'), attrs)
    return found


def drawings(amap: ArgumentMap, name: str) -> dict[str, str]:
    """The DOT of ``amap`` in theme ``name`` by kind, actor, status and collapsed clusters."""
    statuses = {cid: "in" for cid in amap.claims}
    statuses.update(dict(zip(list(amap.claims)[::3], ["out", "undec", "weird"], strict=False)))
    return {
        "kind": to_dot(amap, RenderOptions(lang="en", theme=name)),
        "actor": to_dot(amap, RenderOptions(color_by="actor", cluster="tag", theme=name)),
        "status": to_dot(amap, RenderOptions(color_by="status", statuses=statuses, theme=name)),
        "strength": to_dot(
            amap,
            RenderOptions(color_by="status", strengths={c: 0.3 for c in amap.claims}, theme=name),
        ),
        "collapsed": to_dot(amap, RenderOptions(cluster="issue", collapse=True, theme=name)),
    }


# ---------------------------------------------------------------- default


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"lang": "ja", "cluster": "actor", "show": frozenset({"actors", "ids", "sources"})},
        {"color_by": "actor", "focus": "x"},
        {"cluster": "issue", "collapse": True},
        {"color_by": "status", "statuses": STATUSES, "rankdir": "LR"},
    ],
)
def test_default_theme_is_what_no_theme_draws(options: dict) -> None:
    plain = to_dot(tiny(), RenderOptions(**options))
    assert to_dot(tiny(), RenderOptions(**options, theme="default")) == plain
    assert to_dot(tiny(), RenderOptions(**options, theme=DEFAULT)) == plain
    assert to_dot(tiny(), RenderOptions(**options, theme="print")) != plain


def test_the_default_theme_keeps_the_old_colours() -> None:
    assert (DEFAULT.ink, DEFAULT.issue_fill, DEFAULT.status_fills["out"]) == (
        "#1f2937",
        "#fde68a",
        "#fecaca",
    )
    assert DEFAULT.strength_fill(1) == "#4ade80"
    assert RenderOptions().theme is DEFAULT and list(THEMES) == ["default", "colorblind", "print"]


# ---------------------------------------------------------------- print


def test_print_has_no_hue(flagship: ArgumentMap) -> None:
    for mode, dot in drawings(flagship, "print").items():
        hues = sorted(c for c in colors(dot) if not is_grey(c))
        assert not hues, f"{mode}: {hues}"
    default = drawings(flagship, "default")["kind"]
    assert any(not is_grey(c) for c in colors(default))  # the check can fail


def test_print_tells_relations_apart_by_line_and_arrowhead(flagship: ArgumentMap) -> None:
    edges = looks(to_dot(flagship, RenderOptions(lang="en", theme="print")))
    supports, opposes = edges["relation supports"], edges["relation opposes"]
    undercuts, answers = edges["relation undercuts"], edges["answers"]
    assert supports["style"] != opposes["style"]
    assert supports["arrowhead"] != opposes["arrowhead"]
    assert undercuts["style"] not in (supports["style"], opposes["style"])
    assert answers["style"] not in (supports["style"], opposes["style"], undercuts["style"])
    assert len({supports["color"], opposes["color"], undercuts["color"]}) == 1  # no colour cue
    styles = {(s.style, s.arrowhead) for s in THEMES["print"].relations.values()}
    samples = {s.sample for s in THEMES["print"].relations.values()}
    assert len(styles) == len(samples) == 4


def test_print_marks_changes_in_grey_too() -> None:
    old, new = load_map(DATA / "diff" / "old.yaml"), load_map(DATA / "diff" / "new.yaml")
    merged, marks = merged_map(diff_maps(old, new))
    dot = marked_picture(merged, RenderOptions(theme="print"), marks).dot
    assert "removed" in dot or "added" in dot or "changed" in dot
    assert all(is_grey(c) for c in colors(dot)), sorted(c for c in colors(dot) if not is_grey(c))
    default = marked_picture(merged, RenderOptions(), marks).dot
    assert not all(is_grey(c) for c in colors(default))


# ---------------------------------------------------------------- colorblind


def test_colorblind_uses_okabe_ito_only(flagship: ArgumentMap) -> None:
    for mode, dot in drawings(flagship, "colorblind").items():
        others = sorted(c for c in colors(dot) if not okabe_ito(c))
        assert not others, f"{mode}: {others}"
    others = {c for c in colors(drawings(flagship, "default")["kind"]) if not okabe_ito(c)}
    assert others  # the default theme is not, so the check can fail


def test_colorblind_lines_and_borders_are_okabe_ito_itself(flagship: ArgumentMap) -> None:
    """Relations, kinds' borders and the issue's border are the palette's full colours."""
    cb = THEMES["colorblind"]
    palette = {c.lower() for c in OKABE_ITO.values()}
    assert {s.color.lower() for s in cb.relations.values()} <= palette
    assert {s.color.lower() for s in cb.kinds.values()} <= palette
    assert cb.issue_color.lower() in palette
    for fill in (*cb.status_fills.values(), *(k.fill for k in cb.kinds.values()), cb.issue_fill):
        assert okabe_ito(fill)
    assert len(set(cb.status_fills.values())) == 3
    edges = looks(to_dot(flagship, RenderOptions(theme="colorblind")))
    for rtype in ("supports", "opposes", "undercuts"):
        assert edges[f"relation {rtype}"]["color"].strip('"').lower() in palette
    assert not is_tint_of("#15803d", OKABE_ITO["bluish green"])  # the check can fail


# ---------------------------------------------------------------- status, in every theme


@pytest.mark.parametrize("name", list(THEMES))
def test_status_is_shown_by_a_mark_as_well_as_a_fill(name: str) -> None:
    dot = to_dot(tiny(), RenderOptions(color_by="status", statuses=STATUSES, theme=name))
    lines = [line for line in dot.splitlines() if line.startswith('"claim:') and "label=" in line]
    boxes = {line.split(" ", 1)[0]: line for line in lines}
    assert "<B>✓ stands</B>" in boxes['"claim:x"'] and "<B>✓ stands</B>" in boxes['"claim:c"']
    assert "<B>✗ falls</B>" in boxes['"claim:a"']
    assert "<B>? open</B>" in boxes['"claim:b"']
    legend = dot.rsplit("graph [label=", 1)[1]
    for key, mark in MARKS.items():
        assert f">{mark} " in legend and THEMES[name].status_fills[key] in legend
    plain = to_dot(tiny(), RenderOptions(theme=name))
    assert not any(f"<B>{mark} " in plain for mark in MARKS.values())  # only by status


def test_status_marks_are_in_the_pictures_language() -> None:
    dot = to_dot(tiny(), RenderOptions(lang="ja", color_by="status", statuses=STATUSES))
    assert "<B>✓ 成立</B>" in dot and "<B>✗ 不成立</B>" in dot and "<B>? 未決</B>" in dot


# ---------------------------------------------------------------- choices and the page


def test_an_unknown_theme_is_refused() -> None:
    with pytest.raises(ArgmapError, match="theme must be one of default, colorblind, print"):
        RenderOptions(theme="neon")
    runner = CliRunner()
    for command in (["render", str(DATA / "tiny.yaml")], ["html", str(DATA / "tiny.yaml")]):
        result = runner.invoke(cli, [*command, "-o", "-", "--theme", "neon"])
        assert result.exit_code == 2, result.output
        assert "'neon' is not one of 'default', 'colorblind', 'print'" in result.output


def test_render_command_takes_a_theme(tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    args = ["render", str(DATA / "tiny.yaml"), "--theme", "print", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == to_dot(tiny(), RenderOptions(theme="print"))
    assert PageOptions().theme == "default"


@pytest.mark.parametrize("name", list(THEMES))
def test_page_css_gives_every_colour_the_page_needs(name: str) -> None:
    css = THEMES[name].page_css()
    assert css.startswith(":root {") and css.rstrip().endswith("}")
    found = dict(re.findall(r"--([\w-]+): ([^;]+);", css))
    needed = ["ink", "muted", "line", "bg", "panel-bg", "status-in", "status-out"]
    needed += ["status-undec", "supports", "opposes", "undercuts", "link", "highlight"]
    assert set(needed) <= set(found) and list(PAGE_COLORS) == needed
    assert all(re.fullmatch(r"#[0-9a-fA-F]{6}", v) for v in found.values())
    if name == "print":
        assert all(is_grey(v) for v in found.values())
    if name == "colorblind":
        assert all(okabe_ito(v) for v in found.values())
    statuses = {found["status-in"], found["status-out"], found["status-undec"]}
    assert len(statuses) == 3


def test_default_page_css_is_the_pages_colours() -> None:
    found = dict(re.findall(r"--([\w-]+): ([^;]+);", DEFAULT.page_css()))
    assert (found["ink"], found["muted"], found["line"]) == ("#1f2933", "#616e7c", "#d9e2ec")
    assert found["supports-line"] == DEFAULT.relations["supports"].color
