"""Regression cases of the fuzzing run (issue 20), class by class: each hostile input gets a
located error or a warning and a clean exit, and no command loses a file.

The classes whose cases live elsewhere: deep nesting, bad values of YAML's own tags and
characters YAML refuses (tests/load/test_yaml.py); located import errors (tests/formats);
Markdown link schemes and the ``&`` (tests/formats/test_markdown.py); Mermaid line breaks
(tests/formats/test_mermaid.py); ``dot`` ended on signals (tests/cli/test_render.py,
tests/render/test_graphviz.py); a flipped bit in the cache (tests/load/test_cache.py).
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli.main import cli
from argmap.io import MAX_INPUT_BYTES, read_input, write_atomic

DATA = Path(__file__).parent / "data"
TINY = DATA / "tiny.yaml"


def run(*args: object, code: int | None = None):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.output,
        result.exception,
    )
    if code is not None:
        assert result.exit_code == code, result.output
    return result


# -- 1. errors, not tracebacks ------------------------------------------------------------------


def test_a_nul_byte_in_an_include_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text('argmap: 1\ninclude: ["a\\x00b.yaml"]\nclaims:\n  a: {text: A}\n', "utf-8")
    result = run("validate", path, code=1)
    assert f"{path}:2:11: error: " in result.stderr
    assert "a\\x00b.yaml': a file name cannot hold a NUL byte" in result.stderr


@pytest.mark.parametrize(
    ("statement", "relation"),
    [
        ('{"members": 5, "tags": 7}', '{"from": "S1", "to": "S1", "relationType": "support"}'),
        ('{"members": [{"text": "x", "ranges": 3}]}', None),
        ('{"members": [], "data": {"tags": "t", "weight": "heavy"}}', None),
    ],
)
def test_argdown_json_with_fields_of_the_wrong_type(
    tmp_path: Path, statement: str, relation: str | None
) -> None:
    path = tmp_path / "a.json"
    relations = f"[{relation}]" if relation else "[]"
    path.write_text(
        f'{{"statements": {{"S1": {statement}, "S2": {{}}}}, "relations": {relations}}}', "utf-8"
    )
    result = run("import", path, "--from", "argdown")
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output


def test_argdown_relation_ends_that_are_not_titles(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(
        '{"statements": {"S1": {}, "S2": {}},\n "relations": [{"from": ["S1"], "to": {"x": 1},'
        ' "relationType": "attack"}]}',
        "utf-8",
    )
    result = run("import", path, "--from", "argdown", code=1)
    assert f"{path}:2:16: error: a relation's 'from' and 'to' must be titles" in result.stderr


def test_integers_past_pythons_digit_limit(tmp_path: Path) -> None:
    data = json.loads(run("export", TINY, "--to", "json").stdout)
    text = json.dumps(data).replace('"weight": 0.8', '"weight": ' + "9" * 5000)
    if "9" * 5000 not in text:  # tiny.yaml's weights: put one on the first node
        data["nodes"][0]["weight"] = 0.5
        text = json.dumps(data).replace('"weight": 0.5', '"weight": ' + "9" * 5000, 1)
    path = tmp_path / "big.json"
    path.write_text(text, "utf-8")
    result = run("import", path, "--from", "json", code=1)
    assert "must be a number from 0 to 1" in result.stderr
    assert result.stderr.startswith(f"{path}:1:")


# -- 2. bounded resources -----------------------------------------------------------------------


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_an_include_that_is_not_a_regular_file_is_refused(tmp_path: Path, special: str) -> None:
    if special == "fifo":
        os.mkfifo(tmp_path / "fifo")
    (tmp_path / "m.yaml").write_text(
        f"argmap: 1\ninclude: [{special}]\nclaims:\n  a: {{text: A}}\n", "utf-8"
    )
    result = run("validate", tmp_path / "m.yaml", code=1)  # at once: no read, no wait
    shown = special if special.startswith("/") else str(tmp_path / special)
    assert f"m.yaml:2:11: error: {shown} is not a regular file" in result.stderr


def test_a_map_or_import_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p.yaml")
    assert "is not a regular file" in run("validate", tmp_path / "p.yaml", code=1).stderr
    result = run("import", tmp_path / "p.yaml", "--from", "yaml", code=1)
    assert "is not a regular file" in result.stderr


def test_read_input_refuses_what_is_too_big(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:  # sparse: no disk is used
        handle.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(Exception, match="largest file argmap reads"):
        read_input(big)
    result = run("validate", big, code=1)
    assert "MiB, the largest file argmap reads" in result.stderr


def test_an_i23_header_cannot_announce_unbounded_work(tmp_path: Path) -> None:
    path = tmp_path / "huge.i23"
    path.write_text("p af 100000000\n", "utf-8")
    for command in (("evaluate", path), ("import", path)):
        result = run(*command, code=1)
        assert f"{path}:1:6: error: the header announces 100000000 arguments" in result.stderr
    path.write_text("p af 5\n1 " + "9" * 5000 + "\n2 99999999999\n", "utf-8")
    result = run("evaluate", path, code=1)
    assert f"{path}:2:3: error: argument 99999999999999999999 is out of range" in result.stderr
    assert f"{path}:3:3: error: argument 99999999999 is out of range" in result.stderr


# -- 5. file safety -----------------------------------------------------------------------------


def _copy_map(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    path.write_bytes(TINY.read_bytes())
    return path


@pytest.mark.parametrize(
    "command",
    [
        ("render", "{map}", "-o", "{map}", "--format", "dot"),
        ("html", "{map}", "-o", "{map}"),
        ("export", "{map}", "--to", "yaml", "-o", "{map}"),
        ("import", "{map}", "--from", "yaml", "-o", "{map}"),
    ],
)
@pytest.mark.parametrize("force", [False, True])
def test_no_command_writes_over_a_file_it_reads(
    tmp_path: Path, command: tuple[str, ...], force: bool
) -> None:
    path = _copy_map(tmp_path)
    before = path.read_bytes()
    args = [a.format(map=path) for a in command] + (["--force"] if force else [])
    result = run(*args, code=1)
    assert f"{path} is a file this command reads" in result.stderr
    assert path.read_bytes() == before


def test_an_included_file_is_an_input_too(tmp_path: Path) -> None:
    (tmp_path / "part.yaml").write_text("claims:\n  b: {text: B}\n", "utf-8")
    (tmp_path / "m.yaml").write_text("argmap: 1\ninclude: [part.yaml]\nclaims:\n  a: {text: A}\n")
    result = run("export", tmp_path / "m.yaml", "--to", "yaml", "-o", tmp_path / "part.yaml")
    assert result.exit_code == 1 and "is a file this command reads" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("render", "{map}", "-o", "{out}", "--format", "dot"),
        ("export", "{map}", "--to", "json", "-o", "{out}"),
        ("import", "{map}", "--from", "yaml", "-o", "{out}"),
    ],
)
def test_force_means_the_same_everywhere(tmp_path: Path, command: tuple[str, ...]) -> None:
    out = tmp_path / "out.txt"
    out.write_text("keep me", "utf-8")
    args = [a.format(map=TINY, out=out) for a in command]
    result = run(*args, code=1)
    assert f"{out} already exists; use --force to replace it" in result.stderr
    assert out.read_text("utf-8") == "keep me"
    run(*args, "--force", code=0)
    assert out.read_text("utf-8") != "keep me"


def test_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    dot = run("render", TINY, "-o", "-", code=0).stdout
    assert dot.startswith("digraph argmap {")
    assert json.loads(run("export", TINY, "--to", "json", "-o", "-", code=0).stdout)["nodes"]
    assert run("import", TINY, "--from", "yaml", "-o", "-", code=0).stdout.startswith("argmap: 1")
    assert not (tmp_path / "-").exists()


def test_a_pipe_or_device_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    run("export", TINY, "--to", "json", "-o", fifo, code=0)
    reader.join(10)
    assert json.loads(got[0])["nodes"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    write_atomic(os.devnull, b"nothing")  # never replaced by a regular file, even as root
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_killed_writer_leaves_nothing_behind_for_long(tmp_path: Path) -> None:
    target = tmp_path / "out.svg"
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = int(child.stdout)  # a process that has ended
    stale = tmp_path / f".out.svg.argmap-{dead}-x1y2.tmp"
    stale.write_bytes(b"half a picture")
    running = tmp_path / f".out.svg.argmap-{os.getppid()}-z3.tmp"  # a writer still alive
    running.write_bytes(b"in progress")
    other = tmp_path / ".notes.txt.tmp"
    other.write_bytes(b"not ours")
    write_atomic(target, b"<svg/>")
    assert target.read_bytes() == b"<svg/>"
    assert not stale.exists() and running.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name, running.name, other.name]
    )


# -- 7. minor ------------------------------------------------------------------------------------


def test_duplicate_keys_in_imported_json_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('{"statements": {\n  "S1": {}, "S1": {}}}', "utf-8")
    result = run("import", path, "--from", "argdown", code=1)
    assert "d.json:1:16: error: duplicate key 'S1' in this object" in result.stderr


def test_an_argdown_self_attack_is_kept_with_the_marker(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        '{"statements": {"S1": {"members": [{"text": "one"}]},\n'
        ' "S2": {"members": [{"text": "two"}]}},'
        ' "relations": [{"from": "S1", "to": "S1", "fromType": "equivalence-class",'
        ' "toType": "equivalence-class", "relationType": "attack"},\n'
        '  {"from": "S2", "to": "S1", "fromType": "equivalence-class",'
        ' "toType": "equivalence-class", "relationType": "attack"}]}',
        "utf-8",
    )
    result = run("import", path, "--from", "argdown", code=0)
    assert (
        f"{path}:2:55: warning: 1 claim(s) oppose themselves ('S1'); they are kept, "
        "and the map says 'allow_self_attacks: true'"
    ) in result.stderr
    assert "allow_self_attacks: true" in result.stdout
    assert result.stdout.count("opposes: S1") == 2  # S1's own, and S2's
    back = tmp_path / "s.yaml"
    back.write_text(result.stdout, "utf-8")
    assert "1 claim(s) oppose themselves" not in run("validate", back, code=0).stderr
    assert "warning: claim 'S1' opposes itself" in run("lint", back).stdout


def test_user_text_in_a_message_cannot_break_its_line(tmp_path: Path) -> None:
    path = tmp_path / "sep.yaml"
    path.write_text(
        "argmap: 1\nclaims:\n  a: {text: A}\n  b: {text: B}\n"
        'relations:\n  - {from: a, to: b, type: "sup\\u2028ports\\e[31m"}\n',
        encoding="utf-8",
    )
    result = run("validate", path, code=1)
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{path}:6:") and "sup\\u2028ports\\u001b[31m" in lines[0]
    assert "\u2028" not in result.stderr and "\x1b" not in result.stderr


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("[1]\n", "sadface", "x.json:1:1: error: a SADFace document must be an object, not a list"),
        (
            '{"nodes": [{"id": 1, "type": "I"}], "edges": [{"from": {"id": 1}, "to": {}}]}',
            None,  # guessed: OVA2, from the edge's whole-node ends
            "x.json:1:73: error: the 'to' node of an edge has no 'id' (a string or an integer)",
        ),
        ('{"nodes": [],\n "edges": {}}', "ova", "x.json:1:1: error: an OVA2 save needs an 'edges'"),
        ('{"edges": []}', "sadface", "x.json:1:1: error: a SADFace document needs a 'nodes' list"),
        (
            '{"nodes": [],\n "edges": [{"from": 5, "to": 6}]}',
            "ova",
            "x.json:2:12: error: the 'from' node of an edge has no 'id'",
        ),
    ],
)
def test_bad_ova_and_sadface_files_are_located(tmp_path: Path, text, fmt, expected) -> None:
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    args = ["import", path, *(["--from", fmt] if fmt else [])]
    result = run(*args, code=1)
    assert expected.replace("x.json", str(path), 1) in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_broken_json_under_any_suffix_is_located(tmp_path: Path) -> None:
    path = tmp_path / "debate.txt"  # a suffix that names no JSON format
    path.write_text('{"nodes": [\n', encoding="utf-8")
    result = run("import", path, code=1)
    assert f"{path}:2:1: error: JSON syntax error" in result.stderr
