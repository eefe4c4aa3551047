"""`argmap render` from the command line."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli.main import cli

DATA = Path(__file__).parent.parent / "data"
TINY = str(DATA / "tiny.yaml")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def run(*args: str):
    return CliRunner().invoke(cli, ["render", *args])


def test_dot_to_stdout_by_default() -> None:
    result = run(TINY)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("digraph argmap {")
    assert result.stdout == run(TINY).stdout  # deterministic


def test_dot_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    result = run(TINY, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8") == run(TINY).stdout
    assert "wrote" in result.stderr


@needs_dot
@pytest.mark.parametrize(
    "suffix,magic", [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF")]
)
def test_picture_formats_from_suffix(tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"map{suffix}"
    result = run(TINY, "-o", str(out), "--lang", "ja")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)
    if suffix == ".svg":
        root = ET.fromstring(out.read_bytes())
        texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
        assert "Xをすべきだ。" in texts and "政策" in texts
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


@needs_dot
def test_format_option_overrides_suffix(tmp_path: Path) -> None:
    out = tmp_path / "picture.out"
    result = run(TINY, "-o", str(out), "--format", "svg")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"<?xml")


def test_unknown_suffix_is_a_usage_error(tmp_path: Path) -> None:
    result = run(TINY, "-o", str(tmp_path / "map.jpeg"))
    assert result.exit_code == 2
    assert "cannot tell the format" in result.output


def test_missing_dot(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", "")
    result = run(TINY, "-o", str(tmp_path / "map.svg"))
    assert result.exit_code == 1
    assert "argmap: error:" in result.stderr
    assert "apt-get install graphviz" in result.stderr
    assert "brew install graphviz" in result.stderr
    assert not (tmp_path / "map.svg").exists()
    assert run(TINY).exit_code == 0  # DOT output needs no Graphviz


def test_focus_by_prefix_and_unknown_claim() -> None:
    result = run(TINY, "--focus", "x", "--depth", "1", "--direction", "down")
    assert result.exit_code == 0, result.output
    for cid in ("x", "a", "b", "c"):
        assert f'"claim:{cid}" [' in result.stdout
    result = run(TINY, "--focus", "c", "--depth", "0")
    assert result.exit_code == 0
    assert '"claim:c" [' in result.stdout and '"claim:x" [' not in result.stdout
    result = run(TINY, "--focus", "zz")
    assert result.exit_code == 1
    assert "no claim 'zz'" in result.stderr


def test_filters_and_clusters() -> None:
    result = run(TINY, "--actor", "bob")
    assert result.exit_code == 0
    assert '"claim:b" [' in result.stdout and '"claim:a" [' not in result.stdout
    result = run(TINY, "--issue", "q", "--cluster", "issue", "--show", "ids,sources")
    assert result.exit_code == 0
    assert "subgraph cluster_0" in result.stdout and "Sources: A paper" in result.stdout
    result = run(TINY, "--actor", "carol")
    assert result.exit_code == 1 and "no actor 'carol'" in result.stderr
    result = run(TINY, "--tag", "nothing")
    assert result.exit_code == 1 and "no tag 'nothing'" in result.stderr


def test_bad_show_is_a_usage_error() -> None:
    result = run(TINY, "--show", "actors,colours")
    assert result.exit_code == 2
    assert "colours" in result.output


def test_options_reach_the_dot() -> None:
    result = run(
        TINY,
        "--rankdir",
        "LR",
        "--engine",
        "sfdp",
        "--color-by",
        "actor",
        "--show",
        "none",
        "--no-legend",
    )
    assert result.exit_code == 0, result.output
    dot = result.stdout
    assert 'rankdir="LR"' in dot and 'layout="sfdp"' in dot
    assert "— Alice" not in dot and "graph [label=" not in dot


def test_color_by_status() -> None:
    result = run(TINY, "--color-by", "status")
    assert result.exit_code == 0, result.output
    assert "stands (weighed: in)" in result.stdout and "falls (weighed: out)" in result.stdout


def test_invalid_map_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\nclaims:\n  a: {text: A, supports: nowhere}\n", encoding="utf-8")
    result = run(str(bad))
    assert result.exit_code == 1


# ---------------------------------------------------------------- big maps


def big_map(folder: Path, n: int = 2600) -> Path:
    """A map of ``n`` claims on two issues: chains of supports and oppositions."""
    lines = [
        "argmap: 1",
        "issues:",
        "  i0: {question: First question?}",
        "  i1: {question: Second question?}",
        "claims:",
        "  p0: {text: Position zero., kind: policy, answers: i0}",
        "  p1: {text: Position one., kind: policy, answers: i1}",
    ]
    for k in range(2, n):
        relation = "supports" if k % 3 else "opposes"
        target = f"p{k % 2}" if k < 4 else f"c{k - 2}"
        lines.append(f"  c{k}: {{text: Claim number {k} says something., {relation}: {target}}}")
    path = folder / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def fake_dot(folder: Path) -> Path:
    """A `dot` that records its run (and the DOT it read) and answers with a tiny SVG."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    script = bin_dir / "dot"
    script.write_text(
        f"#!{sys.executable}\nimport sys\n"
        f"open({str(folder / 'dot-input.dot')!r}, 'w').write(sys.stdin.read())\n"
        "sys.stdout.write('<?xml version=\"1.0\"?><svg/>')\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return bin_dir


def test_big_view_stops_before_graphviz_with_the_ways_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = str(big_map(tmp_path))
    monkeypatch.setenv("PATH", str(fake_dot(tmp_path)))
    out = tmp_path / "big.svg"
    result = run(big, "-o", str(out))
    assert result.exit_code == 1
    message = result.stderr
    assert "2,600 claims" in message and "2,500" in message
    for way_out in (
        "--focus CLAIM --depth N",
        "--issue ID",
        "--tag",
        "--cluster issue --collapse",
        "--engine sfdp",
        "--format dot",
        "--no-size-limit",
    ):
        assert way_out in message, way_out
    assert not (tmp_path / "dot-input.dot").exists()  # Graphviz was never started
    assert not out.exists()


def test_big_view_ways_out_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = str(big_map(tmp_path))
    monkeypatch.setenv("PATH", str(fake_dot(tmp_path)))
    dot_input = tmp_path / "dot-input.dot"
    out = str(tmp_path / "big.svg")

    result = run(big)  # DOT has no limit
    assert result.exit_code == 0 and result.stdout.count('"claim:') >= 2600
    assert not dot_input.exists()

    for extra in (["--engine", "sfdp"], ["--no-size-limit"], ["--focus", "c100", "--depth", "3"]):
        result = run(big, "-o", out, "--force", *extra)
        assert result.exit_code == 0, (extra, result.output)
        assert dot_input.exists()
        dot_input.unlink()

    result = run(big, "-o", out, "--force", "--cluster", "issue", "--collapse")
    assert result.exit_code == 0, result.output
    sent = dot_input.read_text(encoding="utf-8")
    assert sent.count("[label=") == 3  # two group boxes and the legend
    assert "1,300 claims" in sent


def test_collapse_needs_cluster() -> None:
    result = run(TINY, "--collapse")
    assert result.exit_code == 2
    assert "--collapse needs --cluster" in result.output


def test_help_explains_the_size_limit() -> None:
    result = CliRunner().invoke(cli, ["render", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "2,500 claims" in text and "--no-size-limit" in text and "--collapse" in text


# ---------------------------------------------------------------- progress and Ctrl-C


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _wait_for(stream: io.StringIO, text: str) -> None:
    deadline = time.monotonic() + 5
    while text not in stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_progress_line_only_on_a_terminal_and_after_the_delay() -> None:
    from argmap.cli.progress import Progress

    quiet = io.StringIO()
    progress = Progress(quiet, delay=0, interval=0.01)
    progress.phase("building the picture", total=10)
    time.sleep(0.05)
    progress.close()
    assert quiet.getvalue() == "" and not progress.active

    screen = Terminal()
    progress = Progress(screen, delay=10, interval=0.01)
    progress.phase("loading")
    time.sleep(0.05)
    progress.close()
    assert screen.getvalue() == ""  # quick work shows nothing


def test_progress_bar_and_spinner_on_a_terminal() -> None:
    from argmap.cli.progress import Progress

    screen = Terminal()
    progress = Progress(screen, delay=0, interval=0.01)
    progress.phase("building the picture", total=32000)
    progress.advance(8000)
    _wait_for(screen, "25%")
    assert "argmap: building the picture ▕█████░░░░░░░░░░░░░░░▏  25% 8,000/32,000" in (
        screen.getvalue()
    )
    progress.phase("Graphviz (dot) is laying out 3,000 claims", hint="Ctrl-C stops it")
    _wait_for(screen, "Ctrl-C")
    assert "laying out 3,000 claims… " in screen.getvalue()
    assert screen.getvalue().rstrip().endswith("s (Ctrl-C stops it)")
    progress.close()
    assert screen.getvalue().endswith("\r\x1b[K")  # the line is cleared
    assert progress._thread is None


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_render_shows_progress_on_a_terminal_and_clears_it(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess

    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    import generate

    source = tmp_path / "map.yaml"
    source.write_text(generate.to_yaml(generate.generate(3000, seed=2)), "utf-8")
    primary, secondary = pty.openpty()
    start = (
        "import sys, argmap.cli.progress as p; p.DELAY = 0; p.INTERVAL = 0.005; "
        "from argmap.cli.main import main; sys.argv[0] = 'argmap'; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", start, "render", str(source), "-o", str(tmp_path / "m.dot")],
        stderr=secondary,
        stdout=subprocess.PIPE,
        env={**os.environ, "ARGMAP_NO_CACHE": "1"},
        timeout=120,
    )
    os.close(secondary)
    screen = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    os.close(primary)
    text = screen.decode("utf-8", "replace")
    assert result.returncode == 0
    assert "argmap: " in text and ("loading" in text or "building the picture" in text)
    last = text.rsplit("\r\x1b[K", 1)[1]  # after the line was last cleared
    assert last.startswith("wrote ") and "argmap:" not in last


@pytest.mark.parametrize(
    "signame,ends",
    [("SIGINT", 130), ("SIGTERM", -signal.SIGTERM), ("SIGHUP", -signal.SIGHUP)],
)
def test_ctrl_c_or_a_signal_stops_graphviz(tmp_path: Path, signame: str, ends: int) -> None:
    """Ctrl-C exits 130 with a message; SIGTERM and SIGHUP end argmap by that signal; dot is
    gone either way."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    pid_file = tmp_path / "dot.pid"
    script = bin_dir / "dot"
    script.write_text(
        f"#!{sys.executable}\nimport os, time\n"
        f"open({str(pid_file)!r}, 'w').write(str(os.getpid()))\ntime.sleep(120)\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "argmap", "render", TINY, "-o", str(tmp_path / "x.svg")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(600):  # wait (up to a minute) for the fake dot to start
            if pid_file.exists() and pid_file.read_text():
                break
            time.sleep(0.1)
        else:
            pytest.fail("the fake dot never started")
        proc.send_signal(getattr(signal, signame))  # to argmap only: it must stop dot itself
        _, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == ends
    if signame == "SIGINT":
        assert b"argmap: interrupted" in stderr
    pid = int(pid_file.read_text())
    for _ in range(100):  # the child is killed before argmap exits; give the kernel a moment
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the dot process is still running")


@needs_dot
def test_html_never_refuses_a_big_map_it_draws_it_in_parts(tmp_path: Path) -> None:
    import json
    import re

    from argmap.render.html import LAYOUT_BUDGET, PART_LIMIT

    lines = ["argmap: 1", "claims:"]
    lines += [f"  c{i}: {{text: claim {i}, supports: c0}}" for i in range(1, 2600)]
    lines.append("  c0: {text: the conclusion}")
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "big.html"
    result = CliRunner().invoke(cli, ["html", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "2,600 claims" in result.stderr and "picture(s) of its parts" in result.stderr
    page = out.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="argmap-data">(.*?)</script>', page, re.S).group(1))
    figures = data["figures"]
    assert len(figures) > 1 and all(f["size"] <= PART_LIMIT for f in figures)
    assert sum(f["size"] for f in figures) <= LAYOUT_BUDGET
    assert all(f["top"] == "claim:c0" for f in figures)  # reasons for c0, in groups
    claims = data["data"]["claims"]
    assert len(claims) == 2600
    drawn = [cid for cid, c in claims.items() if c["figure"] is not None]
    assert claims["c0"]["figure"] is not None and len(drawn) == 2600  # all fit in the budget
    for cid in ("c1", "c1500", "c2599"):  # each claim's picture draws it
        svg = figures[claims[cid]["figure"]]["svgs"]["und"]
        assert f"<title>claim:{cid}</title>" in svg


ST_890 = Path(__file__).parents[3] / "shared" / "corpora" / "iccma" / "st_890_86_9_572.af"


@pytest.mark.skipif(
    not ST_890.exists() and os.environ.get("ARGMAP_REQUIRE_CORPORA") != "1",
    reason="../shared/corpora is not beside this checkout",
)
def test_a_dense_framework_is_refused_for_its_arrows(tmp_path: Path) -> None:
    """ICCMA's st_890: 890 claims, under the claim limit, but 37,125 attacks (issue 19)."""
    imported = tmp_path / "st.yaml"
    runner = CliRunner()
    done = runner.invoke(cli, ["import", str(ST_890), "-o", str(imported)])
    assert done.exit_code == 0, done.output
    result = runner.invoke(cli, ["render", str(imported), "-o", str(tmp_path / "st.svg")])
    assert result.exit_code == 1
    assert "37,125" in result.output and "10,000" in result.output
    assert not (tmp_path / "st.svg").exists()
    page = tmp_path / "st.html"  # the page never refuses: it has the pro/con browser
    result = runner.invoke(cli, ["html", str(imported), "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert "890 claims" in result.stderr
    text = page.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="argmap-data">(.*?)</script>', text, re.S).group(1))
    assert len(data["data"]["claims"]) == 890  # every claim is in the browser
    assert all(f["size"] <= 300 for f in data["figures"])  # pictures only of small parts
    assert data["data"]["starts"]  # one circle of attacks: where the browser starts
    dot = runner.invoke(cli, ["render", str(imported), "-o", str(tmp_path / "st.dot")])
    assert dot.exit_code == 0, dot.output  # DOT has no limit
    assert (tmp_path / "st.dot").read_text(encoding="utf-8").count(" -> ") >= 37_125


def test_html_output_errors_are_clear(tmp_path: Path) -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed")
    tiny = str(Path(__file__).parent.parent / "data" / "tiny.yaml")
    result = CliRunner().invoke(cli, ["html", tiny, "-o", str(tmp_path / "no" / "map.html")])
    assert result.exit_code == 1
    assert "does not exist; create the directory first" in result.output
    assert "Traceback" not in result.output
    result = CliRunner().invoke(cli, ["html", tiny, "-o", str(tmp_path)])
    assert result.exit_code == 2  # click refuses a directory as the output file


def test_progress_line_fits_the_terminal() -> None:
    from argmap.cli.progress import Progress
    from argmap.style.wrap import display_width

    progress = Progress(io.StringIO())
    progress.phase("loading arguments/地図/a-very-long-directory-name/map.yaml", 100, counts=False)
    progress.advance(40)
    for columns in (40, 60, 80):
        line = progress.line(columns)
        assert display_width(line) <= columns - 1
        assert "40%" in line and "…" in line
    progress.phase("Graphviz (dot) is laying out 3,000 claims", hint="Ctrl-C stops it")
    line = progress.line(50)
    assert display_width(line) <= 49 and "(Ctrl-C stops it)" in line and "……" not in line
    assert progress.line(200).startswith("argmap: ") and "3,000 claims… " in progress.line(200)


def test_an_empty_map_is_drawn_with_a_warning_and_filters_say_it_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    path.write_text("argmap: 1\ntitle: Not yet argued\n", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert f"{path}: warning: the map has no claims yet" in result.stderr
    assert "Not yet argued" in result.stdout and " -> " not in result.stdout
    result = run(str(path), "--tag", "x")
    assert result.exit_code == 1
    assert "nothing to show: the map has no claims yet" in result.stderr
    assert "no claim passes the filters" not in result.stderr
