"""Errors the library raises. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple


class Location(NamedTuple):
    """A place in a source file: 1-based line and column (column 0 means unknown).

    A named tuple: ordered by file, line and column, and cheap to make (a map has one for each
    claim and relation)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        if self.column <= 0:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a map, with where it is and what to do about it."""

    message: str
    location: Location | None = None
    hint: str | None = None
    level: str = "error"  # "error" or "warning"
    code: str = ""

    def format(self) -> str:
        """``FILE:LINE:COL: error: MESSAGE (hint)``, the compiler convention. Characters that
        would break the line or reach the terminal as controls (user text echoed in a message
        may hold them) are written as ``\\uXXXX``."""
        where = f"{self.location}: " if self.location else ""
        text = f"{where}{self.level}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text.translate(_UNPRINTABLE)

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location or Location("")
        return (loc.file, loc.line, loc.column, self.message)


#: C0 controls but tab and newline, DEL, C1 controls, and the Unicode line and paragraph
#: separators: each becomes its ``\uXXXX`` escape in a formatted diagnostic.
_UNPRINTABLE = {
    c: f"\\u{c:04x}"
    for c in (*range(0, 9), *range(11, 32), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029)
}


class ArgmapError(Exception):
    """Base class of every error argmap raises on purpose."""


class MapError(ArgmapError):
    """A map (or other input) is invalid. Carries every diagnostic found, not only the first."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: list[Diagnostic] = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    @classmethod
    def single(
        cls, message: str, location: Location | None = None, hint: str | None = None
    ) -> MapError:
        return cls([Diagnostic(message, location, hint)])


class MapWarning(UserWarning):
    """Something a reader worked around (an Argdown self-attack it dropped), raised through
    :mod:`warnings` so the library never prints: the CLI shows each ``diagnostic``."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        super().__init__(diagnostic.format())


def warn(message: str, location: Location | None = None, hint: str | None = None) -> None:
    """Issue a :class:`MapWarning` at ``location``."""
    import warnings

    warnings.warn(MapWarning(Diagnostic(message, location, hint, "warning")), stacklevel=2)


class NotFoundError(ArgmapError):
    """A name given by the user (claim, actor, issue…) matches nothing in the map."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        self.suggestions = list(suggestions)
        if self.suggestions:
            message += " (did you mean " + ", ".join(f"'{s}'" for s in self.suggestions) + "?)"
        super().__init__(message)


class ToolError(ArgmapError):
    """An external program (Graphviz, a browser) is missing or failed."""


@dataclass
class DiagnosticSink:
    """Collects diagnostics while a file is checked, like a compiler does."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(
        self, message: str, location: Location | None = None, hint: str | None = None
    ) -> None:
        self.items.append(Diagnostic(message, location, hint))

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == "error"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise MapError(sorted(self.items, key=Diagnostic.sort_key))
