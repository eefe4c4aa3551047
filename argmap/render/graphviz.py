"""Running Graphviz: DOT text in, SVG/PNG/PDF bytes out, never left hanging.

>>> render_dot("digraph { a -> b }", "svg")[:5]   # doctest: +SKIP
b'<?xml'
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from argmap.errors import ToolError

FORMATS = ("svg", "png", "pdf", "dot")
INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; "
    "other systems: https://graphviz.org/download/), or write DOT with --format dot"
)
DEFAULT_TIMEOUT = 60.0
DEFAULT_DPI = 144


def find_dot() -> str:
    """The path of Graphviz's ``dot`` program; ToolError saying how to install it if missing."""
    path = shutil.which("dot")
    if path is None:
        raise ToolError(f"Graphviz's `dot` program was not found on PATH; {INSTALL_HINT}")
    return path


def render_dot(
    dot_text: str,
    fmt: str,
    engine: str = "dot",
    timeout: float | None = DEFAULT_TIMEOUT,
    dpi: int | None = None,
) -> bytes:
    """Lay out ``dot_text`` with ``engine`` (dot, sfdp, neato) and return it as ``fmt`` bytes.

    ``fmt`` is svg, png or pdf (``dot`` returns the text itself, encoded). PNGs use ``dpi``
    (default 144, sharp on high-density screens). The layout is stopped after ``timeout``
    seconds (None: no limit) with a ToolError that suggests a smaller view or another engine.
    """
    if fmt == "dot":
        return dot_text.encode("utf-8")
    if fmt not in FORMATS:
        raise ToolError(f"unknown picture format '{fmt}' (choose from {', '.join(FORMATS)})")
    program = find_dot()
    command = [program, f"-K{engine}", f"-T{fmt}"]
    if fmt == "png":
        command.append(f"-Gdpi={dpi or DEFAULT_DPI}")
    try:
        done = subprocess.run(
            command,
            input=dot_text.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ToolError(
            f"the {engine} layout took longer than {timeout:g} s and was stopped; draw a smaller "
            "view (--focus CLAIM --depth 2, --issue ID, --tag TAG, --actor ACTOR), try another "
            "engine (--engine sfdp), or allow more time (--timeout SECONDS)"
        ) from None
    except OSError as exc:
        raise ToolError(f"could not run {program}: {exc}; {INSTALL_HINT}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = "; ".join(message[:5]) or f"exit status {done.returncode}"
        raise ToolError(f"Graphviz failed ({engine}, {fmt}): {detail}")
    return done.stdout


def format_for(path: str | os.PathLike[str]) -> str | None:
    """The picture format a file name asks for (``map.svg`` → ``svg``; ``.gv`` is DOT)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "gv":
        return "dot"
    return suffix if suffix in FORMATS else None
