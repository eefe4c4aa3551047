"""`argmap serve` as a user runs it (a process of its own), read by a real headless Chromium.

CI installs Debian's chromium and sets ARGMAP_REQUIRE_BROWSER=1, so there a missing browser fails
instead of skipping. The tests run in order on one server and one page: an edit, a break, the fix.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_html_browser import REQUIRED, _missing, open_page

ROOT = Path(__file__).parent.parent.parent
MAP = ROOT / "arguments" / "llama-3.1-open-source"
FILE = "20-benefits.yaml"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    reason = _missing()
    if reason:
        if REQUIRED:
            pytest.fail(reason)
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("serve") / "llama"
    shutil.copytree(MAP, folder)
    env = {**os.environ, "BROWSER": "false", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "argmap", "serve", str(folder), "--port", "0", "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    url = proc.stdout.readline().strip()
    assert url.startswith("http://127.0.0.1:"), (url, proc.stderr.read() if not url else "")
    yield proc, url, folder
    if proc.poll() is None:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def page(served):
    from playwright.sync_api import sync_playwright

    _proc, url, _folder = served
    with sync_playwright() as p:
        browser, pg = open_page(p, url)
        pg.wait_for_selector('.figure:not([hidden]) g.node[data-claim="zuck-path-forward"]')
        yield pg
        browser.close()


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def view_box(page) -> str:
    return page.get_attribute(".figure:not([hidden]) svg", "viewBox")


def test_the_page_shows_the_map(page) -> None:
    assert page.errors == []
    assert page.locator(".figure:not([hidden]) g.node[data-claim]").count() == 76
    assert page.title() == "Llama 3.1 とオープンソースAIをめぐる議論"
    assert page.locator("#problems").is_hidden()


def test_an_edit_appears_without_a_reload(page, served) -> None:
    _proc, _url, folder = served
    page.evaluate("window.__sameDocument = 42")
    page.click('.figure:not([hidden]) g.node[data-claim="zuck-path-forward"]')
    page.click("#zoom-in")
    page.click("#zoom-in")
    before = view_box(page)
    started = time.monotonic()
    edit(folder, "Open-source AI is the path forward;", "Open-source AI is the road ahead;")
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll(
              '.figure:not([hidden]) g.node[data-claim="zuck-path-forward"] text'))
            .map((t) => t.textContent).join(" ").includes("road ahead")""",
        timeout=10_000,
    )
    took = time.monotonic() - started
    assert page.evaluate("window.__sameDocument") == 42  # no reload
    assert page.get_attribute("#panel", "data-claim") == "zuck-path-forward"
    assert "the road ahead" in page.text_content("#panel h2")
    assert page.locator(".figure:not([hidden]) g.node.selected").count() == 1
    assert view_box(page) == before
    print(f"save to picture: {took:.2f} s")


def test_a_broken_reference_shows_where_it_is(page, served) -> None:
    _proc, _url, folder = served
    edit(folder, "by: [zuckerberg, meta, vc-startups]", "by: [zuckerbergg, meta, vc-startups]")
    page.wait_for_selector("#problems:not([hidden])", timeout=10_000)
    problems = page.text_content("#problems")
    location = re.escape(str(folder / FILE))
    assert re.search(location + r":\d+:\d+: error: claim 'zuck-path-forward': 'by' names", problems)
    assert "did you mean 'zuckerberg'?" in problems
    assert "stale" in page.get_attribute("main", "class")
    assert page.locator(".figure:not([hidden]) g.node[data-claim]").count() == 76  # kept
    assert page.evaluate("window.__sameDocument") == 42


def test_the_fix_brings_the_picture_back(page, served) -> None:
    _proc, _url, folder = served
    edit(folder, "zuckerbergg", "zuckerberg")
    page.wait_for_selector("#problems", state="hidden", timeout=10_000)
    assert "stale" not in (page.get_attribute("main", "class") or "")
    assert page.locator(".figure:not([hidden]) g.node[data-claim]").count() == 76


def test_a_new_file_in_the_map_folder_appears(page, served) -> None:
    _proc, _url, folder = served
    (folder / "70-reader.yaml").write_text(
        "claims:\n  reader-note:\n    text: {ja: 読者の注記, en: A reader's note on the debate}\n"
        "    supports: zuck-path-forward\n",
        encoding="utf-8",
    )
    page.wait_for_selector('.figure:not([hidden]) g.node[data-claim="reader-note"]', timeout=10_000)
    assert page.locator(".figure:not([hidden]) g.node[data-claim]").count() == 77
    assert page.evaluate("window.__sameDocument") == 42


def request(url: str, target: str, host: str | None = None) -> bytes:
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    host = host or f"127.0.0.1:{port}"
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize(
    "target", ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", f"/{FILE}", "/..%2f"]
)
def test_a_traversal_gets_nothing(served, target: str) -> None:
    _proc, url, _folder = served
    reply = request(url, target)
    assert reply.startswith(b"HTTP/1.0 404")
    assert b"root:" not in reply and b"zuck-path-forward" not in reply


def test_a_rebound_name_gets_nothing(served) -> None:
    _proc, url, _folder = served
    reply = request(url, "/state", host="attacker.example")
    assert reply.startswith(b"HTTP/1.0 403") and b"zuck" not in reply


def test_it_listens_on_loopback_only(served) -> None:
    _proc, url, _folder = served
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                listening.append(local.rsplit(":", 1)[0])
    if not listening:
        pytest.skip("no /proc/net/tcp to read")
    assert listening == ["0100007F"]  # 127.0.0.1, and nothing on IPv6


def test_ctrl_c_ends_it_cleanly(served, page) -> None:
    proc, url, _folder = served
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=15)
    stderr = proc.stderr.read()
    assert proc.returncode in (0, 130), stderr
    assert "Traceback" not in stderr
    assert "argmap serve: stopped" in stderr
    with pytest.raises(OSError):
        request(url, "/")


def test_a_restarted_server_reloads_the_page(served, page) -> None:
    """After Ctrl-C, a new server on the same port: the open page reloads from it."""
    proc, url, folder = served
    assert proc.poll() is not None  # stopped by the test before
    port = url.rstrip("/").rsplit(":", 1)[1]
    again = subprocess.Popen(
        [sys.executable, "-m", "argmap", "serve", str(folder), "--port", port, "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "BROWSER": "false"},
        cwd=ROOT,
    )
    try:
        assert again.stdout.readline().strip() == url
        page.wait_for_function("() => window.__sameDocument === undefined", timeout=15_000)
        page.wait_for_selector('.figure:not([hidden]) g.node[data-claim="reader-note"]')
        edit(folder, "the road ahead;", "the way forward;")
        page.wait_for_function(
            """() => Array.from(document.querySelectorAll(
                  '.figure:not([hidden]) g.node[data-claim="zuck-path-forward"] text'))
                .map((t) => t.textContent).join(" ").includes("way forward")""",
            timeout=10_000,
        )
    finally:
        again.send_signal(signal.SIGINT)
        again.communicate(timeout=15)
