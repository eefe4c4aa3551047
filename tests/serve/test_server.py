"""The preview server in this process: what it serves, to whom, and what it refuses."""

from __future__ import annotations

import http.client
import json
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.load import load_map
from argmap.model import ArgumentMap
from argmap.render.html import Page, PageOptions, lay_out_page
from argmap.serve.preview import Preview
from argmap.serve.server import PreviewServer

DATA = Path(__file__).parent.parent / "data"
pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def make_page(amap: ArgumentMap) -> Page:
    return lay_out_page(amap, amap, PageOptions())


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[PreviewServer, Path]]:
    path = tmp_path / "tiny.yaml"
    shutil.copy(DATA / "tiny.yaml", path)
    preview = Preview(path, make_page)
    preview.refresh()
    server = PreviewServer(preview, 0)
    server.start()
    yield server, path
    server.stop()


def raw(server: PreviewServer, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def get(server: PreviewServer, path: str, host: str | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    headers = {"Host": host} if host else {}
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def test_the_page_and_its_state(served) -> None:
    server, _path = served
    status, body = get(server, "/")
    assert status == 200
    page = body.decode("utf-8")
    assert 'new EventSource("/events")' in page and "window.argmapPage.update(" in page
    status, body = get(server, "/state")
    state = json.loads(body)
    assert state["ok"] and state["problems"] == [] and state["version"] == 1
    assert list(state["page"]["data"]["claims"]) == list(load_map(DATA / "tiny.yaml").claims)
    assert all("<svg" in svg for svg in state["page"]["figures"][0]["svgs"].values())


def test_an_invalid_map_keeps_the_last_good_page(served) -> None:
    server, path = served
    good = json.loads(get(server, "/state")[1])
    path.write_text(path.read_text().replace("supports:", "suports:", 1), encoding="utf-8")
    snap = server.preview.refresh()
    assert not snap.ok and snap.version == 2 and snap.page_version == 1
    state = json.loads(get(server, "/state")[1])
    assert state["page"] == good["page"]
    assert any(f"{path}:" in line and ": error: " in line for line in state["problems"])
    assert state["problems"][-1] == f"{path}: 1 error"


def test_an_unchanged_map_takes_no_new_version(served) -> None:
    server, path = served
    path.write_text(path.read_text() + "\n# a comment\n", encoding="utf-8")
    assert server.preview.refresh().version == 1


def test_events_announce_each_version(served) -> None:
    server, path = served
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("GET", "/events")
    response = conn.getresponse()
    assert response.getheader("Content-Type").startswith("text/event-stream")

    def next_version() -> int:
        while True:
            line = response.fp.readline().decode()
            if line.startswith("data: "):
                return json.loads(line[6:])["version"]

    assert next_version() == 1
    path.write_text(path.read_text().replace("supports:", "opposes:", 1), encoding="utf-8")
    server.preview.refresh()
    assert next_version() == 2
    conn.close()


@pytest.mark.parametrize("host", ["evil.example:{port}", "evil.example", "127.0.0.1.nip.io:{port}"])
def test_other_hosts_are_refused(served, host: str) -> None:
    server, _path = served
    status, body = get(server, "/state", host=host.format(port=server.port))
    assert status == 403 and b"claims" not in body


def test_a_request_without_a_host_is_refused(served) -> None:
    server, _path = served
    assert raw(server, b"GET /state HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 403")


def test_localhost_by_name_is_served(served) -> None:
    server, _path = served
    assert get(server, "/state", host=f"localhost:{server.port}")[0] == 200


@pytest.mark.parametrize(
    "target",
    [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "//etc/passwd",
        "/tiny.yaml",
        "/state/../tiny.yaml",
        "/..%2ftiny.yaml",
        "/index.html",
    ],
)
def test_nothing_but_the_page_is_served(served, target: str) -> None:
    server, path = served
    reply = raw(server, f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
    assert reply.startswith(b"HTTP/1.0 404"), reply[:80]
    assert b"root:" not in reply and path.read_bytes()[:40] not in reply


def test_only_get(served) -> None:
    server, _path = served
    reply = raw(server, f"POST / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
    assert reply.startswith(b"HTTP/1.0 405")


def test_listens_on_loopback_only(served) -> None:
    server, _path = served
    assert server.server_address[0] == "127.0.0.1"
    assert server.url == f"http://127.0.0.1:{server.port}/"


def test_a_port_in_use_is_a_clear_error(served, tmp_path: Path) -> None:
    server, path = served
    with pytest.raises(ArgmapError, match=f"port {server.port} on 127.0.0.1 is in use"):
        PreviewServer(Preview(path, make_page), server.port)


def test_a_missing_include_is_watched_until_it_comes(tmp_path: Path) -> None:
    path = tmp_path / "map" / "main.yaml"
    path.parent.mkdir()
    path.write_text(
        "argmap: 1\ninclude: [../later/part.yaml]\nclaims:\n  a: {text: A.}\n", encoding="utf-8"
    )
    preview = Preview(path, make_page)
    snap = preview.refresh()
    assert not snap.ok and any("part.yaml" in line for line in snap.problems)
    assert str((tmp_path / "later" / "part.yaml").resolve()) in preview.files
    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "part.yaml").write_text("claims:\n  b: {text: B., supports: a}\n")
    assert preview.refresh().ok


def test_an_unexpected_failure_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    def broken(amap: ArgumentMap) -> Page:
        raise RecursionError("maximum recursion depth exceeded")

    path = tmp_path / "tiny.yaml"
    shutil.copy(DATA / "tiny.yaml", path)
    snap = Preview(path, broken).refresh()
    assert not snap.ok
    assert snap.problems == (
        "error: the page could not be made: RecursionError: maximum recursion depth exceeded",
    )


def test_a_browser_that_leaves_is_no_error(served, capfd) -> None:
    import struct

    server, _path = served
    for _ in range(5):
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        sock.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()  # a reset, before the page is read
    assert get(server, "/state")[0] == 200
    assert "Traceback" not in capfd.readouterr().err


def test_state_and_events_name_the_server(served) -> None:
    server, _path = served
    state = json.loads(get(server, "/state")[1])
    assert state["server"] == server.token and len(server.token) == 16
    assert f'var server = "{server.token}"' in get(server, "/")[1].decode()


def test_a_preview_that_starts_on_an_invalid_map(tmp_path: Path) -> None:
    """No good page yet: the page served is the empty shell with the problems; the fix fills it."""
    path = tmp_path / "tiny.yaml"
    good = (DATA / "tiny.yaml").read_text(encoding="utf-8")
    path.write_text(good.replace("supports:", "suports:", 1), encoding="utf-8")
    preview = Preview(path, make_page)
    snap = preview.refresh()
    assert snap.page is None and not snap.ok and snap.page_version == 0
    server = PreviewServer(preview, 0)
    server.start()
    try:
        status, body = get(server, "/")
        page = body.decode("utf-8")
        assert status == 200 and "<script>window.argmapPage.update({" not in page
        assert "unknown key" in page and "suports" in page  # the problems, as JSON data
        path.write_text(good, encoding="utf-8")
        snap = preview.refresh()
        assert snap.ok and snap.page_version == 2
        assert "<script>window.argmapPage.update({" in get(server, "/")[1].decode("utf-8")
    finally:
        server.stop()
