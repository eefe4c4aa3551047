"""Argdown source files, read through the real Argdown parser (`argdown json`)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from argmap.errors import ToolError
from argmap.formats import argdown_source
from argmap.formats.argdown_json import read_argdown_json
from argmap.formats.registry import get_format, guess_format

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "argdown"
SOURCES = sorted(CORPORA.glob("*.argdown")) if CORPORA.is_dir() else []
needs_corpora = pytest.mark.skipif(
    not SOURCES and os.environ.get("ARGMAP_REQUIRE_CORPORA") != "1",
    reason="../shared/corpora is not beside this checkout",
)


@needs_corpora
@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_a_real_argdown_source_imports_as_its_json_does(path: Path, argdown_json) -> None:
    text = path.read_text(encoding="utf-8")
    assert guess_format(str(path), text) == "argdown"
    amap = get_format("argdown").load(text, str(path))
    data = argdown_json(path)  # the parser run here by the test, on the file where it is
    from_json = read_argdown_json(__import__("json").dumps(data), "x.json")
    assert list(amap.claims) == list(from_json.claims)
    assert [(r.premises, r.target, r.type) for r in amap.relations] == [
        (r.premises, r.target, r.type) for r in from_json.relations
    ]
    # every titled statement of the source, '[Title]: text', is a claim
    titles = set(re.findall(r"^\s*\[([^\]\n]+)\]:", text, re.MULTILINE))
    ids = {re.sub(r"\s+", "_", t.strip()) for t in titles}
    assert ids <= set(amap.claims), sorted(ids - set(amap.claims))
    # Argdown's untitled prose paragraphs are no claims unless they take part in the debate
    related = {c for r in amap.relations for c in (*r.premises, r.target)}
    untitled = [cid for cid in amap.claims if re.fullmatch(r"Untitled_\d+", cid)]
    assert all(cid in related for cid in untitled), [c for c in untitled if c not in related]
    isolated = [
        t
        for t, ec in data["statements"].items()
        if re.fullmatch(r"Untitled \d+", t)
        and not ec.get("relations")
        and not ec.get("isUsedAsPremise")
        and not ec.get("isUsedAsConclusion")
    ]
    if isolated:
        assert amap.description.get(), "the prose went missing"
    # undercuts ('<_' and '_>' in the source, outside comments) stay undercuts; an attack on a
    # reconstructed argument as a whole is one too (docs/formats.md)
    code = re.sub(r"//[^\n]*|/\*.*?\*/", "", text, flags=re.S)
    written = len(re.findall(r"(?:^|\s)(?:<_|_>)\s", code))
    assert sum(r.type == "undercuts" for r in amap.relations) >= written


@needs_corpora
def test_an_undercut_of_an_argument_attacks_its_inference() -> None:
    """'<_ <Poor reason>' under <Alcohol and tobacco analogy>, an argument without premises and
    conclusion that supports [Legalisation of Soft Drugs]: the step is what it attacks."""
    path = CORPORA / "legalisation-softdrugs.argdown"
    amap = get_format("argdown").load(path.read_text(encoding="utf-8"), str(path))
    by_id = amap.relations_by_id()
    undercuts = {r.premises[0]: by_id[r.target] for r in amap.relations if r.type == "undercuts"}
    step = undercuts["Poor_reason"]
    assert (step.premises, step.type, step.target) == (
        ("Alcohol_and_tobacco_analogy",),
        "supports",
        "Legalisation_of_Soft_Drugs",
    )
    assert undercuts["Addiction_no_reason_to_ban"].premises == ("Argument_from_addiction",)


def test_json_is_still_read_as_json() -> None:
    text = (Path(__file__).parents[1] / "data" / "fmt_argdown_tiny.json").read_text("utf-8")
    assert argdown_source.read_argdown(text, "t.json").claims == read_argdown_json(text).claims


def test_without_the_parser_one_line_says_how_to_install_it(monkeypatch, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from argmap.cli.main import cli

    monkeypatch.setattr(argdown_source, "find_argdown", lambda: None)
    with pytest.raises(ToolError, match="npm install -g @argdown/cli"):
        argdown_source.read_argdown("[A]: a.\n  + [B]: b.\n", "m.argdown")
    source = tmp_path / "m.argdown"
    source.write_text("[A]: a.\n  + [B]: b.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "m.yaml")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"argmap: error: {source}: {argdown_source.INSTALL_HINT}"
    ]


def test_a_file_the_parser_rejects_is_a_clear_error(monkeypatch, tmp_path: Path) -> None:
    fake = tmp_path / "argdown"
    fake.write_text("#!/bin/sh\necho 'Error: broken input' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("ARGMAP_ARGDOWN", str(fake))
    with pytest.raises(ToolError, match="could not read it: Error: broken input"):
        argdown_source.read_argdown("[A]: a.\n", "m.argdown")


def test_a_parser_that_hangs_is_stopped(monkeypatch, tmp_path: Path) -> None:
    fake = tmp_path / "argdown"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setenv("ARGMAP_ARGDOWN", str(fake))
    monkeypatch.setattr(argdown_source, "TIMEOUT", 0.5)
    with pytest.raises(ToolError, match=r"the Argdown CLI took over 0\.5 s"):
        argdown_source.read_argdown("[A]: a.\n", "m.argdown")


def test_an_undercut_of_an_argument_that_bears_on_nothing_is_an_opposition(argdown_json) -> None:
    """'<_' under an argument with no conclusion and no relation of its own: there is no step to
    attack, so the undercut is kept as an opposition of the argument, with a located warning."""
    import json
    import tempfile

    from argmap.errors import MapWarning

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "u.argdown"
        source.write_text("<Lone>: An argument on its own.\n  <_ [Doubt]: It proves nothing.\n")
        data = argdown_json(source)
    with pytest.warns(MapWarning, match="'Doubt' undercuts argument 'Lone', which bears on no"):
        amap = read_argdown_json(json.dumps(data), "u.json")
    assert [(r.premises, r.type, r.target) for r in amap.relations] == [
        (("Doubt",), "opposes", "Lone")
    ]
