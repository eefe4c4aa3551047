"""Running Graphviz: DOT text in, SVG/PNG/PDF bytes out, never left hanging.

The ``dot`` child process is stopped on a timeout and killed on any interruption before the
exception goes on: Ctrl-C (SIGINT), an error in the caller's callback (a broken pipe when it
writes), and SIGTERM or SIGHUP, after which argmap ends by that signal as it would have. On
Linux the child also gets the parent-death signal, so it ends even when argmap is killed
outright. A ``progress`` callback, called about ten times a second with the seconds elapsed,
lets a caller show that the layout is still running (this module prints nothing).

>>> render_dot("digraph { a -> b }", "svg")[:5]   # doctest: +SKIP
b'<?xml'
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from argmap.errors import ToolError

FORMATS = ("svg", "png", "pdf", "dot")
INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; "
    "other systems: https://graphviz.org/download/), or write DOT with --format dot"
)
DEFAULT_TIMEOUT = 60.0
DEFAULT_DPI = 144
#: Seconds between two calls of a ``progress`` callback.
PROGRESS_INTERVAL = 0.1
#: Signals that end argmap and are turned into an exception while Graphviz runs, so the
#: child is killed first (SIGINT already is: KeyboardInterrupt).
ENDING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
_PR_SET_PDEATHSIG = 1


class Signalled(BaseException):
    """A signal that ends argmap arrived while Graphviz ran (the child is killed, then the
    signal is delivered again with its previous handler)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _parent_death_signal() -> Callable[[], None] | None:
    """A ``preexec_fn`` asking Linux to kill the child when argmap dies; None elsewhere.

    Resolved in the parent: a forked child should do no more than call it. Failure is
    ignored: this is a safety net under the signal handling above."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
        return None
    kill = int(signal.SIGKILL)

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, kill, 0, 0, 0)

    return preexec


@contextmanager
def signals_raise() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise :class:`Signalled` (main thread only: signal
    handlers can be set nowhere else); the previous handlers come back afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise Signalled(signum)

    previous = {}
    for signum in ENDING_SIGNALS:
        old = signal.getsignal(signum)
        if old is signal.SIG_IGN:  # nohup and the like: keep ignoring it
            continue
        previous[signum] = old
        signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


#: Claims in a view above which `render` does not start Graphviz's ``dot`` layout, whose time
#: grows steeply with size (docs/performance.md has the measurements).
DOT_LAYOUT_LIMIT = 2500
#: Arrows in a view above which neither is it: a dense framework (ICCMA's st_890, 890 claims and
#: 37,125 attacks) keeps dot busy far longer than its claims suggest. The benchmark's 2,500-claim
#: maps hold about 3,000.
DOT_EDGE_LIMIT = 10_000


def over_layout_limits(boxes: int, edges: int) -> bool:
    """Whether a picture of ``boxes`` boxes and ``edges`` arrows is too big for dot's layout."""
    return boxes > DOT_LAYOUT_LIMIT or edges > DOT_EDGE_LIMIT


def find_dot() -> str:
    """The path of Graphviz's ``dot`` program; ToolError saying how to install it if missing."""
    import shutil

    path = shutil.which("dot")
    if path is None:
        raise ToolError(f"Graphviz's `dot` program was not found on PATH; {INSTALL_HINT}")
    return path


def render_dot(
    dot_text: str | bytes,
    fmt: str,
    engine: str = "dot",
    timeout: float | None = DEFAULT_TIMEOUT,
    dpi: int | None = None,
    progress: Callable[[float], None] | None = None,
) -> bytes:
    """Lay out ``dot_text`` with ``engine`` (dot, sfdp, neato) and return it as ``fmt`` bytes.

    ``dot_text`` is DOT as a string or as UTF-8 bytes. ``fmt`` is svg, png or pdf (``dot``
    returns the text itself, encoded). PNGs use ``dpi``
    (default 144, sharp on high-density screens). The layout is stopped after ``timeout``
    seconds (None: no limit) with a ToolError that suggests a smaller view or another engine.
    ``progress(seconds)`` is called every :data:`PROGRESS_INTERVAL` while Graphviz runs; an
    exception it raises (or a KeyboardInterrupt) kills Graphviz and goes on to the caller.
    """
    return render_dots([dot_text], fmt, engine, timeout, dpi, progress)[0]


def render_dots(
    dot_texts: Sequence[str | bytes],
    fmt: str,
    engine: str = "dot",
    timeout: float | None = DEFAULT_TIMEOUT,
    dpi: int | None = None,
    progress: Callable[[float], None] | None = None,
    jobs: int | None = None,
) -> list[bytes]:
    """:func:`render_dot` of each text, in order, up to ``jobs`` layouts at a time (default:
    one per processor). ``timeout`` holds for each layout; the first failure, interruption or
    signal stops every layout still running before it goes on to the caller."""
    datas = [t.encode("utf-8") if isinstance(t, str) else t for t in dot_texts]
    if fmt == "dot":
        return datas
    if fmt not in FORMATS:
        raise ToolError(f"unknown picture format '{fmt}' (choose from {', '.join(FORMATS)})")
    import subprocess  # here: DOT output never starts a process

    program = find_dot()
    command = [program, f"-K{engine}", f"-T{fmt}"]
    if fmt == "png":
        command.append(f"-Gdpi={dpi or DEFAULT_DPI}")
    try:
        with signals_raise():
            done = _run(command, datas, timeout, progress, jobs or os.cpu_count() or 1)
    except Signalled as exc:  # Graphviz is gone: end as the signal asked
        signal.raise_signal(exc.signum)
        raise SystemExit(128 + exc.signum) from None  # its handler let argmap live: stop here
    except subprocess.TimeoutExpired:
        raise ToolError(
            f"the {engine} layout took longer than {timeout:g} s and was stopped; draw a smaller "
            "view (--focus CLAIM --depth 2, --issue ID, --tag TAG, --actor ACTOR), try another "
            "engine (--engine sfdp), or allow more time (--timeout SECONDS)"
        ) from None
    except OSError as exc:
        raise ToolError(f"could not run {program}: {exc}; {INSTALL_HINT}") from None
    out = []
    for item in done:
        if item is None:  # stopped because another layout failed
            continue
        returncode, stdout, stderr = item
        if returncode != 0:
            message = stderr.decode("utf-8", "replace").strip().splitlines()
            detail = "; ".join(message[:5]) or f"exit status {returncode}"
            raise ToolError(f"Graphviz failed ({engine}, {fmt}): {detail}")
        out.append(stdout)
    return out


class _Child:
    """One running layout: the process, and a helper thread that talks to it (``communicate``:
    writing stdin while reading stdout and stderr, so no pipe fills up)."""

    def __init__(self, command: list[str], data: bytes, timeout: float | None) -> None:
        import subprocess

        self.proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            # with other layouts' pipe threads running: the hook only makes one prctl call
            preexec_fn=_parent_death_signal(),
        )
        self.deadline = None if timeout is None else time.monotonic() + timeout
        self.outcome: list[tuple[bytes, bytes]] = []
        self.helper = threading.Thread(target=self._talk, args=(data,), daemon=True)
        self.helper.name = "graphviz-pipes"
        self.helper.start()

    def _talk(self, data: bytes) -> None:
        with suppress(OSError, ValueError):  # the child was killed while we wrote to it
            self.outcome.append(self.proc.communicate(data))

    def result(self) -> tuple[int, bytes, bytes]:
        if not self.outcome:  # pragma: no cover - communicate() failed on its own
            raise OSError(f"lost the pipes to {self.proc.args[0]}")
        stdout, stderr = self.outcome[0]
        return self.proc.returncode, stdout, stderr

    def reap(self) -> None:
        """After the process was killed: wait for it and its helper, and close its pipes."""
        self.helper.join()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                with suppress(OSError):
                    pipe.close()


def _run(
    command: list[str],
    datas: list[bytes],
    timeout: float | None,
    progress: Callable[[float], None] | None,
    jobs: int,
) -> list[tuple[int, bytes, bytes] | None]:
    """Run ``command`` once per item of ``datas`` on its stdin, ``jobs`` at a time: each run's
    (exit status, stdout, stderr), in order. A run that fails stops the others (theirs are
    None).

    Raises TimeoutExpired when a run takes over ``timeout`` seconds; on that or on any other
    exception (an interrupt, a signal, an error from ``progress``) every child is killed and
    reaped first. This thread waits for the children a little at a time, so it can report
    progress, keep the deadlines and take signals.
    """
    import subprocess

    start = time.monotonic()
    results: list[tuple[int, bytes, bytes] | None] = [None] * len(datas)
    waiting = list(enumerate(datas))
    running: dict[int, _Child] = {}
    try:
        while waiting or running:
            while waiting and len(running) < max(1, jobs):
                k, data = waiting[0]
                running[k] = _Child(command, data, timeout)
                waiting.pop(0)
            wait = PROGRESS_INTERVAL / max(1, len(running))
            for k, child in list(running.items()):
                if child.deadline is not None:
                    wait = min(wait, max(child.deadline - time.monotonic(), 0.0))
                child.helper.join(wait)
                if not child.helper.is_alive():
                    results[k] = child.result()
                    del running[k]
                    if results[k][0] != 0:  # a failed layout: the rest are not wanted
                        waiting.clear()
                        _stop(running.values())
                        running.clear()
                        break
                elif child.deadline is not None and time.monotonic() >= child.deadline:
                    raise subprocess.TimeoutExpired(command, timeout or 0.0)
            if running and progress is not None:
                progress(time.monotonic() - start)
    except BaseException:
        _stop(running.values())
        raise
    return results


def _stop(children: Iterable[_Child]) -> None:
    """Kill every child first, then reap each: none is left running while another is waited
    for."""
    children = list(children)
    for child in children:
        with suppress(OSError):
            child.proc.kill()
    for child in children:
        child.reap()


def format_for(path: str | os.PathLike[str]) -> str | None:
    """The picture format a file name asks for (``map.svg`` → ``svg``; ``.gv`` is DOT)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "gv":
        return "dot"
    return suffix if suffix in FORMATS else None
