"""Running Graphviz: DOT text in, SVG/PNG/PDF bytes out, never left hanging.

The ``dot`` child process is stopped on a timeout and killed on any interruption (Ctrl-C
included) before the exception goes on. A ``progress`` callback, called about ten times a second
with the seconds elapsed, lets a caller show that the layout is still running (this module prints
nothing).

>>> render_dot("digraph { a -> b }", "svg")[:5]   # doctest: +SKIP
b'<?xml'
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
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
    data = dot_text.encode("utf-8") if isinstance(dot_text, str) else dot_text
    if fmt == "dot":
        return data
    if fmt not in FORMATS:
        raise ToolError(f"unknown picture format '{fmt}' (choose from {', '.join(FORMATS)})")
    import subprocess  # here: DOT output never starts a process

    program = find_dot()
    command = [program, f"-K{engine}", f"-T{fmt}"]
    if fmt == "png":
        command.append(f"-Gdpi={dpi or DEFAULT_DPI}")
    try:
        returncode, stdout, stderr = _run(command, data, timeout, progress)
    except subprocess.TimeoutExpired:
        raise ToolError(
            f"the {engine} layout took longer than {timeout:g} s and was stopped; draw a smaller "
            "view (--focus CLAIM --depth 2, --issue ID, --tag TAG, --actor ACTOR), try another "
            "engine (--engine sfdp), or allow more time (--timeout SECONDS)"
        ) from None
    except OSError as exc:
        raise ToolError(f"could not run {program}: {exc}; {INSTALL_HINT}") from None
    if returncode != 0:
        message = stderr.decode("utf-8", "replace").strip().splitlines()
        detail = "; ".join(message[:5]) or f"exit status {returncode}"
        raise ToolError(f"Graphviz failed ({engine}, {fmt}): {detail}")
    return stdout


def _run(
    command: list[str],
    data: bytes,
    timeout: float | None,
    progress: Callable[[float], None] | None,
) -> tuple[int, bytes, bytes]:
    """Run ``command`` with ``data`` on its stdin: (exit status, stdout, stderr).

    Raises TimeoutExpired after ``timeout`` seconds; on that or on any other exception (an
    interrupt, an error from ``progress``) the child is killed and reaped first.
    """
    import subprocess

    start = time.monotonic()
    deadline = None if timeout is None else start + timeout
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        try:
            pending: bytes | None = data
            while True:
                wait = PROGRESS_INTERVAL if progress is not None else None
                if deadline is not None:
                    left = max(deadline - time.monotonic(), 0.0)
                    wait = left if wait is None else min(wait, left)
                try:
                    stdout, stderr = proc.communicate(pending, timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    pending = None  # written already: communicate() goes on from where it was
                    if deadline is not None and time.monotonic() >= deadline:
                        raise
                    if progress is not None:
                        progress(time.monotonic() - start)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
    return proc.returncode, stdout, stderr


def format_for(path: str | os.PathLike[str]) -> str | None:
    """The picture format a file name asks for (``map.svg`` → ``svg``; ``.gv`` is DOT)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "gv":
        return "dot"
    return suffix if suffix in FORMATS else None
