"""`argmap.render.notebook.show`: the picture `argmap render` draws, for Jupyter."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli.main import cli
from argmap.errors import ArgmapError, NotFoundError, ToolError
from argmap.io import OutputExistsError
from argmap.load import load_map
from argmap.render.notebook import MapPicture, show

ROOT = Path(__file__).resolve().parents[2]
LLAMA = str(ROOT / "arguments" / "llama-3.1-open-source")
TINY = str(ROOT / "tests" / "data" / "tiny.yaml")
LANGS = ("ja", "en")

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def cli_dot(*args: str) -> bytes:
    result = CliRunner().invoke(cli, ["render", *args, "--format", "dot"])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def svg_text(svg: str) -> str:
    """All the text an SVG shows, without whitespace (Graphviz wraps it over lines)."""
    root = ET.fromstring(svg)
    return re.sub(r"\s+", "", "".join(root.itertext()))


def claim_text(lang: str, cid: str = "zuck-path-forward") -> str:
    return re.sub(r"\s+", "", load_map(LLAMA).claims[cid].text.get(lang))


def boxes(dot: str) -> set[str]:
    return set(re.findall(r'^\s*"claim:([^"]+)" \[', dot, re.M))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("kwargs", "flags"),
    [
        ({}, ()),
        (
            {"focus": "zuck-path-forward", "depth": 1},
            ("--focus", "zuck-path-forward", "--depth", "1"),
        ),
        (
            {"focus": "zuck-path", "direction": "down", "color_by": "status", "show": "ids"},
            (
                "--focus",
                "zuck-path",
                "--direction",
                "down",
                "--color-by",
                "status",
                "--show",
                "ids",
            ),
        ),
        (
            {"issue": "why-meta-open", "rankdir": "LR", "legend": False, "show": "none"},
            ("--issue", "why-meta-open", "--rankdir", "LR", "--no-legend", "--show", "none"),
        ),
        (
            {"cluster": "issue", "collapse": True, "engine": "sfdp"},
            ("--cluster", "issue", "--collapse", "--engine", "sfdp"),
        ),
        ({"cluster": "tag", "color_by": "actor"}, ("--cluster", "tag", "--color-by", "actor")),
    ],
)
def test_dot_is_what_render_writes(lang: str, kwargs: dict, flags: tuple[str, ...]) -> None:
    picture = show(LLAMA, lang=lang, **kwargs)
    assert picture.dot.encode("utf-8") == cli_dot(LLAMA, "--lang", lang, *flags)


def test_tags_actors_and_a_loaded_map() -> None:
    amap = load_map(TINY)
    assert show(amap, actors=["bob"]).dot.encode() == cli_dot(TINY, "--actor", "bob")
    assert show(TINY, actors="bob").dot == show(amap, actors=("bob",)).dot
    tagged = show(Path(LLAMA), tags=["safety", "conclusion"], actors="zuckerberg", lang="en")
    flags = ("--tag", "safety", "--tag", "conclusion", "--actor", "zuckerberg", "--lang", "en")
    assert tagged.dot.encode() == cli_dot(LLAMA, *flags)


@needs_dot
@pytest.mark.parametrize("lang", LANGS)
def test_svg_shows_the_claims_in_that_language(lang: str) -> None:
    picture = show(LLAMA, lang=lang, focus="zuck-path-forward", depth=1)
    svg = picture._repr_svg_()
    text = svg_text(svg)
    assert claim_text(lang) in text
    other = "en" if lang == "ja" else "ja"
    assert claim_text(other) not in text
    assert picture.svg() is svg  # laid out once


@needs_dot
@pytest.mark.parametrize("lang", LANGS)
def test_html_inlines_the_svg(lang: str) -> None:
    picture = show(LLAMA, lang=lang, issue="why-meta-open")
    page = picture._repr_html_()
    assert page.startswith('<div class="argmap-picture" title="')
    assert "<?xml" not in page and "<!DOCTYPE" not in page
    root = ET.fromstring(page)  # the div with the SVG in it is well-formed XML
    assert root.tag == "div"
    assert root.get("title") == load_map(LLAMA).title.get(lang)
    assert root[0].tag.endswith("svg")


def test_filters_reduce_the_picture() -> None:
    whole = show(LLAMA, lang="en")
    focused = show(LLAMA, lang="en", focus="zuck-path-forward", depth=1)
    issue = show(LLAMA, lang="en", issue="why-meta-open")
    assert whole.claims == len(load_map(LLAMA).claims)
    for part in (focused, issue):
        assert 0 < part.claims < whole.claims
        assert boxes(part.dot) < boxes(whole.dot)
    assert "zuck-path-forward" in boxes(focused.dot)
    assert len(boxes(focused.dot)) == focused.claims
    assert "MapPicture" in repr(focused)


def test_unknown_names_raise_not_found_with_a_suggestion() -> None:
    with pytest.raises(NotFoundError) as caught:
        show(LLAMA, focus="zuck-path-forwrd")
    assert caught.value.suggestions == ["zuck-path-forward"]
    assert "did you mean 'zuck-path-forward'" in str(caught.value)
    with pytest.raises(NotFoundError, match="no issue 'why-meta'"):
        show(LLAMA, issue="why-meta")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"show": "actors,colours"},
        {"collapse": True},
        {"rankdir": "up"},
        {"color_by": "mood"},
        {"direction": "sideways", "focus": "zuck-path-forward"},
        {"depth": -1},
        {"width": 0},
    ],
)
def test_bad_options_raise_argmap_errors(kwargs: dict) -> None:
    with pytest.raises(ArgmapError):
        show(LLAMA, **kwargs)


def test_bad_map_raises_map_error(tmp_path: Path) -> None:
    from argmap.errors import MapError

    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\nclaims:\n  a: {text: A, supports: nowhere}\n", encoding="utf-8")
    with pytest.raises(MapError):
        show(bad)


def test_html_escapes_the_title() -> None:
    evil = '"><script>alert(1)</script>&'
    picture = MapPicture("digraph { a }", title=evil)
    picture._svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "x" "y">\n<!-- Generated by graphviz -->\n'
        '<svg xmlns="http://www.w3.org/2000/svg"><g><title>a</title></g></svg>\n'
    )
    page = picture._repr_html_()
    assert "<script>" not in page
    assert 'title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;"' in page
    assert ET.fromstring(page).get("title") == evil


def test_missing_graphviz_is_a_tool_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    picture = show(TINY)
    assert picture.dot.startswith("digraph")  # DOT needs no Graphviz
    with pytest.raises(ToolError, match="install Graphviz"):
        picture._repr_svg_()


def test_save_dot_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    picture = show(TINY, lang="en")
    target = tmp_path / "map.dot"
    picture.save(target)
    assert target.read_bytes() == cli_dot(TINY, "--lang", "en")
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="force=True"):
        picture.save(target)
    assert target.read_text(encoding="utf-8") == "keep me"
    picture.save(str(target), force=True)
    assert target.read_bytes() == picture.dot.encode("utf-8")
    with pytest.raises(ArgmapError, match="cannot tell the format"):
        picture.save(tmp_path / "map.txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.dot"]  # no temporary left


@needs_dot
@pytest.mark.parametrize(
    ("suffix", "magic"), [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF")]
)
def test_save_pictures_by_suffix(tmp_path: Path, suffix: str, magic: bytes) -> None:
    picture = show(TINY, lang="en")
    target = tmp_path / f"map{suffix}"
    picture.save(target)
    assert target.read_bytes().startswith(magic)
    with pytest.raises(OutputExistsError):
        picture.save(target)
    picture.save(target, force=True)
    if suffix == ".svg":
        assert target.read_text(encoding="utf-8") == picture.svg()


def test_theme() -> None:
    from argmap.cli.render import render

    plain = show(TINY, lang="en")
    printed = show(TINY, lang="en", theme="print")
    assert printed.dot != plain.dot
    with pytest.raises(ArgmapError, match="theme"):
        show(TINY, theme="neon")
    if any(param.name == "theme" for param in render.params):  # `render --theme`
        assert printed.dot.encode() == cli_dot(TINY, "--lang", "en", "--theme", "print")
