"""A progress line on a terminal's standard error while long work runs.

Commands name what they are doing (:func:`phase`) and, where they know how much there is, how
far they are (:func:`advance`). Nothing is shown unless standard error is a terminal and the
work has already taken :data:`DELAY` seconds, so quick commands and pipes never see it. A small
thread redraws the line ten times a second, so the elapsed time moves even while one long call
(Graphviz's layout, reading a cache entry) holds the work up:

    argmap: building the picture ▕███████████░░░░░░░░░▏  55% 17,600/32,000 · 1.4 s

The line is cleared when the command ends or is interrupted (Ctrl-C), before anything else is
printed. The library never prints: it takes plain callbacks (``progress(done)``), which
:func:`advance` is.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["DELAY", "Progress", "advance", "callback", "current", "finish", "phase"]

#: Seconds of work before the line appears.
DELAY = 0.5
#: Seconds between redraws.
INTERVAL = 0.1
_WIDTH = 20
_SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class Progress:
    """The progress line of one command (see the module's docstring)."""

    def __init__(
        self,
        stream: TextIO | None = None,
        delay: float | None = None,
        interval: float | None = None,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        try:
            self.active = bool(self.stream.isatty())
        except (AttributeError, ValueError):  # a closed or odd stream
            self.active = False
        self.delay = DELAY if delay is None else delay
        self.interval = INTERVAL if interval is None else interval
        self.what = ""
        self.total: int | None = None
        self.done = 0
        self.hint = ""
        self.counts = True
        self.start = time.monotonic()
        self.shown = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._ticks = 0

    def phase(
        self, what: str, total: int | None = None, hint: str = "", counts: bool = True
    ) -> None:
        """Say what is being done now; ``total`` (if known) is how much :meth:`advance` counts
        up to, ``hint`` a word for the user (``Ctrl-C stops it``); ``counts=False`` shows the
        share done without the amounts (bytes mean little to a reader)."""
        with self._lock:
            self.what, self.total, self.done, self.hint = what, total, 0, hint
            self.counts = counts
        if self.active and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="argmap-progress", daemon=True)
            self._thread.start()

    def advance(self, done: int, total: int | None = None) -> None:
        """How much of the phase's total (or of ``total``, from now on) is done."""
        if total is not None:
            self.total = total
        self.done = done

    def line(self, columns: int = 1000) -> str:
        """The line as it would be drawn now, what is being done shortened to fit ``columns``
        (a line wider than the terminal would wrap, and every redraw would add one)."""
        from argmap.style.wrap import display_width

        with self._lock:
            what, total, done, hint = self.what, self.total, self.done, self.hint
            counts = self.counts
        elapsed = time.monotonic() - self.start
        if columns <= 0:  # a terminal that does not know its size
            columns = 80
        if total:
            share = min(max(done / total, 0.0), 1.0)
            amounts = f" {done:,}/{total:,}" if counts else ""
            rest = f" {share:4.0%}{amounts} · {elapsed:.1f} s"
            # the bar gives way on a narrow terminal, down to 5 cells, before the words do
            width = max(5, min(_WIDTH, columns - 1 - len("argmap: ") - 16 - len(rest) - 4))
            filled = int(share * width)
            bar = "█" * filled + "░" * (width - filled)
            head, tail = "argmap: ", f" ▕{bar}▏{rest}"
        else:
            spin = _SPINNER[self._ticks % len(_SPINNER)]
            head, tail = f"argmap: {spin} ", f"… {elapsed:.1f} s"
        if hint:
            tail += f" ({hint})"
        room = columns - 1 - display_width(head + tail)
        if display_width(what) > room:
            mark = "" if tail.startswith("…") else "…"
            while what and display_width(what) > max(room - len(mark), 0):
                what = what[:-1]
            what += mark
        return head + what + tail

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._ticks += 1
            if time.monotonic() - self.start < self.delay:
                continue
            try:
                try:
                    columns = os.get_terminal_size(self.stream.fileno()).columns
                except (AttributeError, OSError, ValueError):
                    columns = 80
                self.stream.write("\r\x1b[K" + self.line(columns))
                self.stream.flush()
                self.shown = True
            except (OSError, ValueError):  # the terminal went away: stop drawing
                return

    def close(self) -> None:
        """Stop drawing and remove the line, if one was drawn."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self.shown:
            try:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
            except (OSError, ValueError):
                pass
            self.shown = False


_current: Progress | None = None


def current() -> Progress:
    """The running command's progress line (made on first use)."""
    global _current
    if _current is None:
        _current = Progress()
    return _current


def phase(what: str, total: int | None = None, hint: str = "", counts: bool = True) -> None:
    """:meth:`Progress.phase` of the running command's line."""
    current().phase(what, total, hint, counts)


def advance(done: int, total: int | None = None) -> None:
    """:meth:`Progress.advance` of the running command's line: a library progress callback."""
    current().advance(done, total)


def callback() -> Callable[[int, int], None] | None:
    """:func:`advance` when the line is shown at all (stderr is a terminal), else None: the
    library then skips even counting."""
    return advance if current().active else None


def finish() -> None:
    """Clear the running command's line (before printing results or errors)."""
    global _current
    if _current is not None:
        _current.close()
        _current = None
