"""The view options are the same on every output: render, html and every export format."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli.main import cli
from argmap.formats.registry import get_format
from argmap.load import load_map
from argmap.view import Selection, select

FLAGSHIP = Path(__file__).parents[2] / "arguments" / "llama-3.1-open-source"
FOCUS = "zuck-path-forward"
pytestmark = pytest.mark.skipif(not FLAGSHIP.exists(), reason="the shipped map is not present")


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", ["json", "yaml", "argdown", "mermaid", "graphml"])
def test_export_writes_only_the_selected_part(fmt: str) -> None:
    amap = load_map(FLAGSHIP)
    part = select(amap, Selection(focus=FOCUS, depth=1))
    assert 1 < len(part.claims) < len(amap.claims)
    written = run("export", str(FLAGSHIP), "--to", fmt, "--focus", FOCUS, "--depth", "1")
    whole = run("export", str(FLAGSHIP), "--to", fmt)
    assert written.rstrip("\n") == get_format(fmt).dump(part, None).rstrip("\n")
    assert len(written) < len(whole)
    dropped = [cid for cid in amap.claims if cid not in part.claims]
    if fmt in ("json", "yaml", "graphml"):  # formats that keep claim ids as written
        for cid in part.claims:
            assert re.search(rf"(?<![\w-]){re.escape(cid)}(?![\w-])", written), cid
        for cid in dropped:
            assert not re.search(rf"(?<![\w-]){re.escape(cid)}(?![\w-])", written), cid
    if fmt == "mermaid":
        assert len(re.findall(r"^  c\d+\(", written, re.M)) == len(part.claims)


def test_the_filters_mean_the_same_for_render_and_export() -> None:
    amap = load_map(FLAGSHIP)
    tag = amap.all_tags()[0]
    dot = run("render", str(FLAGSHIP), "--tag", tag)
    drawn = set(re.findall(r'^"claim:([^"]+)" \[', dot, re.M))
    assert drawn == set(select(amap, Selection(tags=(tag,))).claims)
    exported = run("export", str(FLAGSHIP), "--to", "yaml", "--tag", tag)
    assert exported.rstrip("\n") == get_format("yaml").dump(
        select(amap, Selection(tags=(tag,))), None
    ).rstrip("\n")


def test_unknown_names_are_reported_with_suggestions() -> None:
    result = CliRunner().invoke(
        cli, ["export", str(FLAGSHIP), "--to", "json", "--focus", "zuck-path-forwrad"]
    )
    assert result.exit_code == 1 and "did you mean 'zuck-path-forward'" in result.output
    result = CliRunner().invoke(cli, ["export", str(FLAGSHIP), "--to", "json", "--issue", "nope"])
    assert result.exit_code == 1 and "no issue 'nope'" in result.output


def svg_title(cid: str) -> str:
    """How Graphviz writes a claim's node name in the SVG."""
    return f"<title>claim:{cid}</title>".replace("-", "&#45;")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_html_puts_only_the_view_on_the_page(tmp_path: Path) -> None:
    amap = load_map(FLAGSHIP)
    part = select(amap, Selection(focus=FOCUS, depth=1))
    page = tmp_path / "focus.html"
    args = ["html", str(FLAGSHIP), "-o", str(page), "--focus", FOCUS, "--depth", "1"]
    result = CliRunner().invoke(cli, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert f"({len(part.claims)} claims, the whole map drawn, en)" in result.output
    text = page.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="argmap-data">(.*?)</script>', text, re.S).group(1))
    (figure,) = data["figures"]
    svg = figure["svgs"]["en"]
    dropped = next(cid for cid in amap.claims if cid not in part.claims)
    assert svg_title(FOCUS) in svg and svg_title(dropped) not in svg
    assert list(data["data"]["claims"]) == list(part.claims)


def test_export_clusters_the_drawn_formats_as_render_does() -> None:
    amap = load_map(FLAGSHIP)
    dot = run("render", str(FLAGSHIP), "--cluster", "issue", "--collapse", "--lang", "en")
    mermaid = run(
        "export",
        str(FLAGSHIP),
        "--to",
        "mermaid",
        "--cluster",
        "issue",
        "--collapse",
        "--lang",
        "en",
    )
    groups = [line for line in mermaid.splitlines() if line.endswith(":::group")]
    issues_with_debate = {c.answers for c in amap.claims.values() if c.answers}
    assert len(groups) == len(issues_with_debate) > 1
    for line in groups:  # the same groups with the same counts as the collapsed picture
        found = re.fullmatch(r'  g\d+\["(.+)<br/><i>(\d+) claims</i>"\]:::group', line)
        assert found is not None, line
        key, count = found.groups()
        assert key in dot and f"{count} claims" in dot
    graphml = run("export", str(FLAGSHIP), "--to", "graphml", "--cluster", "tag")
    assert 'attr.name="cluster"' in graphml


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--to", "json", "--cluster", "tag"), "drawn formats"),
        (("--to", "mermaid", "--collapse"), "--collapse needs --cluster"),
    ],
)
def test_export_refuses_clusters_it_cannot_draw(args: tuple[str, ...], message: str) -> None:
    result = CliRunner().invoke(cli, ["export", str(FLAGSHIP), *args])
    assert result.exit_code == 2 and message in result.output
