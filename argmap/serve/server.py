"""The preview's HTTP server: on 127.0.0.1 only, for requests that name the loopback in their
Host header (so a page on another site, whose name was rebound to 127.0.0.1, reads nothing).

It serves three things and nothing else, whatever the path asks for:

``/``         the ``argmap html`` page of the last good version, with the update script;
``/state``    the current :class:`~argmap.serve.preview.Snapshot` as JSON;
``/events``   server-sent events: ``update`` with ``{"server": ID, "version": N}`` whenever the
              map changes (a page whose server ID differs reloads: the server was started again).
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from argmap.errors import ArgmapError
from argmap.serve.preview import Preview

HOST = "127.0.0.1"
#: Seconds between the comments that keep an idle event stream open.
KEEPALIVE = 15.0

#: The page's own script and styles are inline; it may talk to this server and nothing else.
PAGE_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)

_LIVE_SCRIPT = r"""
<script>
(function () {
  "use strict";
  var server = %(server)s, version = %(version)d, pageVersion = %(page_version)d;
  var busy = false, wanted = 0;
  var status = document.getElementById("live");
  function show(state) {
    if (state.page && state.page_version !== pageVersion) {
      window.argmapPage.update(state.page);
      pageVersion = state.page_version;
    }
    window.argmapPage.problems(state.problems, state.ok);
  }
  function fetchState() {
    if (busy) return;
    busy = true;
    fetch("/state", {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (state) {
        busy = false;
        if (state.server !== server) { location.reload(); return; }
        if (state.version < version) return;
        version = state.version;
        try {
          show(state);
        } catch (err) {
          window.argmapPage.problems(["error: the page could not show this version: " + err],
                                     false);
        }
        document.body.setAttribute("data-version", String(version));
        if (wanted > version) fetchState();
      }, function () { busy = false; setTimeout(fetchState, 1000); });
  }
  var events = new EventSource("/events");
  events.addEventListener("update", function (ev) {
    var message = JSON.parse(ev.data);
    status.textContent = "live";
    if (message.server !== server) { location.reload(); return; }
    wanted = message.version;
    if (wanted !== version) fetchState();
  });
  events.onerror = function () { status.textContent = "reconnecting…"; };
  window.argmapPage.problems(%(problems)s, %(ok)s);
  document.body.setAttribute("data-version", String(version));
})();
</script>
"""


class PreviewServer(ThreadingHTTPServer):
    """A :class:`ThreadingHTTPServer` on 127.0.0.1 serving one :class:`Preview`."""

    daemon_threads = True

    def __init__(
        self, preview: Preview, port: int = 0, on_error: Callable[[str], None] | None = None
    ) -> None:
        self.preview = preview
        #: Tells a page that this is another server than the one it came from (it reloads).
        self.token = secrets.token_hex(8)
        self._on_error = on_error
        try:
            super().__init__((HOST, port), _Handler)
        except OSError as exc:
            import errno

            if exc.errno == errno.EADDRINUSE:
                raise ArgmapError(
                    f"port {port} on {HOST} is in use; pick another with --port, or --port 0 "
                    "for a free one"
                ) from None
            raise ArgmapError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from None

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A request that failed: a browser that left is nothing; anything else is told to
        ``on_error`` in one line (the library never prints)."""
        import sys

        exc = sys.exc_info()[1]
        if isinstance(exc, OSError) or self._on_error is None:
            return
        self._on_error(f"a request failed: {type(exc).__name__}: {exc}")

    def allowed_hosts(self) -> set[str]:
        """The Host header values a request may carry."""
        return {f"{name}:{self.port}" for name in (HOST, "localhost")}

    def start(self) -> threading.Thread:
        """Serve in a background thread (stopped by :meth:`stop`)."""
        thread = threading.Thread(target=self.serve_forever, name="argmap-serve", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        """End the event streams, stop serving and close the socket."""
        self.preview.close()
        self.shutdown()
        self.server_close()


def page_html(preview: Preview, preview_token: str) -> str:
    """The page for ``/``: the last good page (an empty one before any) with the live script."""
    from argmap.render.html import build_page, script_json

    snap = preview.snapshot
    live = _LIVE_SCRIPT % {
        "server": script_json(preview_token),
        "version": snap.version,
        "page_version": snap.page_version,
        "problems": script_json(list(snap.problems)),
        "ok": "true" if snap.ok else "false",
    }
    if snap.page is not None:
        # the page is filled in by the same update that every later version goes through
        live = f"\n<script>window.argmapPage.update({script_json(snap.page)});</script>{live}"
    return build_page(None, live=live)


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.0"
    server_version = "argmap-serve"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # the library never prints
        return

    def _refuse(self, status: HTTPStatus, why: str) -> None:
        self._send(status, why.encode("utf-8"), "text/plain; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self._common_headers()
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _common_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", PAGE_POLICY)

    def _route(self) -> str | None:
        """The path asked for, or None once the request has been refused."""
        if self.headers.get("Host", "").lower() not in self.server.allowed_hosts():
            self._refuse(HTTPStatus.FORBIDDEN, "argmap serve answers only to 127.0.0.1\n")
            return None
        return urlsplit(self.path).path

    def do_GET(self) -> None:
        self._get(head=False)

    def do_HEAD(self) -> None:
        self._get(head=True)

    def _get(self, head: bool) -> None:
        path = self._route()
        if path is None:
            return
        if path == "/":
            body = page_html(self.server.preview, self.server.token).encode("utf-8")
            self._send(HTTPStatus.OK, body, "text/html; charset=utf-8", head)
        elif path == "/state":
            state = {"server": self.server.token, **self.server.preview.snapshot.state()}
            body = json.dumps(state, ensure_ascii=False).encode("utf-8")
            self._send(HTTPStatus.OK, body, "application/json", head)
        elif path == "/events" and not head:
            self._events()
        else:
            self._refuse(HTTPStatus.NOT_FOUND, "not found: argmap serve serves only its page\n")

    def _other(self) -> None:
        if self._route() is not None:
            self._refuse(HTTPStatus.METHOD_NOT_ALLOWED, "only GET\n")

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _other

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self._common_headers()
        self.end_headers()
        preview = self.server.preview
        seen = -1
        try:
            self.wfile.write(b"retry: 500\n\n")
            while True:
                snap = preview.snapshot if seen < 0 else preview.wait(seen, KEEPALIVE)
                if snap is None:
                    if preview.closed:
                        return
                    self.wfile.write(b": still here\n\n")
                else:
                    seen = snap.version
                    message = json.dumps({"server": self.server.token, "version": seen})
                    self.wfile.write(f"event: update\ndata: {message}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return
