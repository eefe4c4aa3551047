"""`argmap export` and `argmap import`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli.main import cli
from argmap.load import load_map

DATA = Path(__file__).resolve().parents[1] / "data"
TINY = str(DATA / "tiny.yaml")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize(
    ("fmt", "needle"),
    [
        ("argdown", "[a]: X is cheap."),
        ("aif", '"type": "RA"'),
        ("json", '"argmap-node-link"'),
        ("graphml", "<graphml"),
        ("mermaid", "flowchart BT"),
        ("markdown", "# Tiny debate"),
        ("yaml", "argmap: 1"),
        ("i23", "p af "),
        ("apx", "arg("),
        ("kialo", "Discussion Title: Tiny debate"),
    ],
)
def test_export_to_stdout(runner: CliRunner, fmt: str, needle: str) -> None:
    result = runner.invoke(cli, ["export", TINY, "--to", fmt])
    assert result.exit_code == 0, result.output
    assert needle in result.stdout


def test_export_to_file_guesses_format_and_refuses_to_overwrite(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "tiny.mmd"
    result = runner.invoke(cli, ["export", TINY, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("%% Tiny debate\nflowchart BT")
    out.write_text("keep me", encoding="utf-8")
    result = runner.invoke(cli, ["export", TINY, "-o", str(out)])
    assert result.exit_code == 1
    assert "already exists; use --force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    result = runner.invoke(cli, ["export", TINY, "-o", str(out), "--force"])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8") != "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["tiny.mmd"]  # no temporary file left


def test_export_lang(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["export", TINY, "--to", "markdown", "--lang", "ja"])
    assert "Xをすべきだ。" in result.stdout


def test_export_usage_errors(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["export", TINY])
    assert result.exit_code == 2 and "--to" in result.stderr
    result = runner.invoke(cli, ["export", TINY, "--to", "argdwn"])
    assert result.exit_code == 2 and "did you mean 'argdown'" in result.stderr
    result = runner.invoke(cli, ["export", TINY, "--to", "sadface"])
    assert result.exit_code == 2 and "can only be imported" in result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\nclaims:\n  a: {text: A, supports: b}\n", encoding="utf-8")
    result = runner.invoke(cli, ["export", str(bad), "--to", "json"])
    assert result.exit_code == 1 and "unknown claim 'b'" in result.stderr


@pytest.mark.parametrize("fmt", ["aif", "json", "yaml"])
def test_import_roundtrip_via_files(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    exported = tmp_path / f"tiny.{fmt}.txt"  # an unhelpful suffix: the content tells
    result = runner.invoke(cli, ["export", TINY, "--to", fmt, "-o", str(exported)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "back.yaml"
    result = runner.invoke(cli, ["import", str(exported), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 claims, 4 relations" in result.stderr
    back, amap = load_map(out), load_map(TINY)
    assert back.claims == amap.claims
    assert set(back.relations) == set(amap.relations)


def test_import_argdown_json_and_kialo(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["import", str(DATA / "fmt_argdown_tiny.json")])
    assert result.exit_code == 0, result.output
    assert "supports: x" in result.stdout
    result = runner.invoke(cli, ["import", str(DATA / "fmt_kialo.txt")])
    assert result.exit_code == 0, result.output
    assert "title: Should the city adopt a congestion charge?" in result.stdout


def test_import_iccma(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "fw.i23"
    path.write_text("p af 3\n1 2\n2 3\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "opposes: '2'" in result.stdout or "opposes: 2" in result.stdout
    path = tmp_path / "fw.apx"
    path.write_text("arg(a).\narg(b).\natt(a,b).\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(path), "--from", "apx"])
    assert result.exit_code == 0 and "opposes: b" in result.stdout


def test_import_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "map.yaml"
    out.write_text("mine", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(DATA / "fmt_kialo.txt"), "-o", str(out)])
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    result = runner.invoke(cli, ["import", str(DATA / "fmt_kialo.txt"), "-o", str(out), "--force"])
    assert result.exit_code == 0
    assert load_map(out).claims["k1"].text.get() == "The city should adopt a congestion charge."


def test_import_errors(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["import", str(tmp_path / "missing.json")])
    assert result.exit_code == 1 and "no such file" in result.stderr
    odd = tmp_path / "odd.dat"
    odd.write_text("hello\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(odd)])
    assert result.exit_code == 2 and "cannot tell the format" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"nodes": [\n  {"nodeID": 1,}\n]}', encoding="utf-8")
    result = runner.invoke(cli, ["import", str(broken), "--from", "aif"])
    assert result.exit_code == 1
    assert f"{broken}:2:16: error: JSON syntax error" in result.stderr
    result = runner.invoke(cli, ["import", str(odd), "--from", "mermaid"])
    assert result.exit_code == 2 and "can only be exported" in result.stderr
    latin = tmp_path / "latin.txt"
    latin.write_bytes("1. caf\xe9\n".encode("latin-1"))
    result = runner.invoke(cli, ["import", str(latin), "--from", "kialo"])
    assert result.exit_code == 1 and "latin.txt:1:7" in result.stderr


def test_import_from_stdin(runner: CliRunner) -> None:
    text = (DATA / "fmt_kialo.txt").read_text(encoding="utf-8")
    result = runner.invoke(cli, ["import", "-", "--from", "kialo"], input=text)
    assert result.exit_code == 0, result.output
    assert "k1.1.1:" in result.stdout


def test_exported_json_is_valid(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["export", TINY, "--to", "aif"])
    data = json.loads(result.stdout)
    assert {"nodes", "edges", "locutions"} <= set(data)


def test_what_an_export_loses_is_said_in_located_lines(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["export", TINY, "--to", "kialo"])
    assert result.exit_code == 0, result.output
    lost = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert lost, result.stderr
    assert all(line.startswith(TINY) or "tiny.yaml" in line for line in lost), lost
    assert "UserWarning" not in result.stderr and "warnings.warn" not in result.stderr


def test_other_warnings_pass_through_once(capsys) -> None:
    import warnings

    from argmap.cli.interchange import shown_warnings

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with shown_warnings():
            warnings.warn("from a dependency", UserWarning, stacklevel=1)
    assert [str(w.message) for w in seen] == ["from a dependency"]  # once, and it returns
    assert capsys.readouterr().err == ""
