"""`argmap diff` and `render --diff` from the command line: exit codes as diff(1), the views,
git revisions, and the picture of what changed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
DIFF = ROOT / "tests" / "data" / "diff"
OLD, NEW = str(DIFF / "old.yaml"), str(DIFF / "new.yaml")
SHIPPED = ROOT / "arguments" / "llama-3.1-open-source"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def run(*args: object, code: int):
    result = CliRunner().invoke(cli, ["diff", *map(str, args)])
    assert result.exit_code == code, (result.output, result.exception)
    return result


def test_identical_maps_exit_0_and_print_nothing() -> None:
    assert run(OLD, OLD, code=0).stdout == ""
    assert run(OLD, OLD, "--stat", code=0).stdout == ""
    data = json.loads(run(OLD, OLD, "--format", "json", code=0).stdout)
    assert data["same"] is True and data["claims"]["changed"] == []
    assert run(DIFF / "dir-old", DIFF / "dir-new", code=0).stdout == ""


def test_differences_exit_1_in_every_view() -> None:
    text = run(OLD, NEW, "--lang", "en", "--no-color", code=1).stdout
    assert text.startswith("Claims added (1)\n  + buses  [in]  Spend the revenue on buses.")
    assert "  ~ regressive → regressive-charge  (same text)" in text
    assert "      text (en): Charges cut traffic{+ by a fifth+} in comparable cities." in text
    assert "Verdicts changed (1)\n  ~ charge  out → in  The city should adopt" in text
    assert "\x1b[" not in text
    colored = run(OLD, NEW, "--color", code=1).stdout
    assert "\x1b[32m" in colored  # green for what came
    stat = run(OLD, NEW, "--stat", code=1).stdout
    assert stat.startswith("1 claim added, 1 claim removed, 1 claim renamed, 4 claims changed")
    md = run(OLD, NEW, "--format", "markdown", "--lang", "en", code=1).stdout
    assert md.startswith("## Map changes: ")
    assert "- text (en): Charges cut traffic **by a fifth** in comparable cities." in md
    data = json.loads(run(OLD, NEW, "--format", "json", code=1).stdout)
    assert data["argmap_diff"] == 1 and data["old"] == OLD and data["stat"]["claims_changed"] == 4


def test_invalid_input_is_trouble_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\nclaims:\n  a: {text: A, supports: zz}\n", "utf-8")
    result = run(bad, NEW, code=2)
    assert f"{bad}:3:26: error: claim 'a' supports unknown claim 'zz'" in result.stderr
    assert "nothing compared" in result.stderr
    assert "no such file" in run(tmp_path / "missing.yaml", NEW, code=2).stderr


def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@needs_git
def test_git_revisions_of_a_directory_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(SHIPPED, repo / "maps" / "llama")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "first")
    policy = repo / "maps" / "llama" / "50-policy.yaml"
    text = policy.read_text("utf-8")
    policy.write_text(
        text.replace(
            "    type: opposes\n    weight: 0.6\n    by: us-administration\n",
            "    type: opposes\n    by: us-administration\n",
            1,
        ),
        "utf-8",
    )
    _git(repo, "commit", "-qam", "the report weighs the concerns fully")
    monkeypatch.chdir(repo / "maps")
    result = run("HEAD~1:./llama", "llama", "--lang", "en", code=1)
    assert "  ~ report-concerns-outweighed  report-concerns opposes report-no-restrictions-now" in (
        result.stdout
    )
    assert "      weight: 0.6 → (default)" in result.stdout
    assert "  ~ report-no-restrictions-now  in → out" in result.stdout
    assert run("HEAD~1:maps/llama", "HEAD~1:./llama", code=0).stdout == ""
    assert "is not a revision" in run("HEAD~9:./llama", "llama", code=2).stderr


@needs_dot
def test_render_marks_what_changed(tmp_path: Path) -> None:
    out = tmp_path / "change.dot"
    result = CliRunner().invoke(cli, ["render", NEW, "--diff", OLD, "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    dot = out.read_text("utf-8")
    assert "+ added</B>" in dot and "Δ changed</B>" in dot and "− removed</B>" in dot
    assert '"claim:shops"' in dot  # the removed claim is drawn, ghosted
    assert 'style="rounded,filled,dotted"' in dot
    assert "Changes" in dot  # the legend row
    only = tmp_path / "only.dot"
    args = ["render", NEW, "--diff", OLD, "--changed-only", "--depth", "0", "-o", str(only)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    part = only.read_text("utf-8")
    assert '"claim:charge"' in part  # the target of a removed and an added relation
    svg = tmp_path / "change.svg"
    args = ["render", NEW, "--diff", OLD, "-o", str(svg)]
    assert CliRunner().invoke(cli, args).exit_code == 0 and svg.read_text("utf-8").endswith(
        "</svg>\n"
    )


@needs_dot
def test_html_marks_what_changed(tmp_path: Path) -> None:
    page = tmp_path / "change.html"
    args = ["html", NEW, "--diff", OLD, "-o", str(page)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    text = page.read_text("utf-8")
    assert "+ added" in text and "− removed" in text


def test_changed_only_needs_diff() -> None:
    result = CliRunner().invoke(cli, ["render", NEW, "--changed-only"])
    assert result.exit_code == 2 and "--changed-only goes with --diff OLD" in result.output
