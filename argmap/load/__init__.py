"""Reading maps: a YAML file (with its includes) or a directory of YAML files.

>>> from argmap.load import load_map
>>> amap = load_map("arguments/llama-3.1-open-source")   # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.errors import Diagnostic, DiagnosticSink, Location, MapError
from argmap.io import InputError, read_input

if TYPE_CHECKING:  # the loader's modules are imported when a map is loaded, not at start-up
    from argmap.load.schema import Part
    from argmap.model import ArgumentMap

__all__ = ["check_map", "check_text", "load_map", "load_text", "map_files"]

MAP_SUFFIXES = (".yaml", ".yml")


def _display(path: Path) -> str:
    """The path as the user would write it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def map_files(path: str | os.PathLike[str]) -> list[Path]:
    """The files that make up the map at ``path``: itself, or a directory's YAML files sorted."""
    p = Path(path)
    if p.is_dir():
        return sorted(f for f in p.iterdir() if f.suffix in MAP_SUFFIXES and f.is_file())
    return [p]


def check_map(
    path: str | os.PathLike[str],
    progress: Callable[[int, int], None] | None = None,
    tried: list[Path] | None = None,
) -> tuple[ArgumentMap | None, list[Diagnostic]]:
    """Load the map at ``path`` and return it with every problem found (errors sorted by place).

    The map is None when errors were found. A big valid map is kept in the user's cache (see
    :mod:`argmap.load.cache`); set ``ARGMAP_NO_CACHE=1`` to skip it.
    ``progress(done, total)`` hears now and then how far reading and checking the files is, in
    bytes of YAML (each file's parse and reading count for 95 % of its bytes).
    ``tried``, when given, receives every file the load tried to read, includes and files
    that are not there included, valid or not (a watcher watches them).
    """
    from argmap.load import cache

    p = Path(path)
    if not p.exists():
        return None, [Diagnostic(f"no such file or directory: {path}", Location(str(path)))]
    files = map_files(p)
    contents: dict[Path, bytes] = {}
    entry = cache.Entry.open([(_display(f), f) for f in files], contents)
    if entry is not None:
        hit = entry.read()
        if hit is not None:
            if tried is not None and hit[0] is not None:
                tried.extend(Path(f) for f in hit[0].files)
            return hit
    meter = _Meter(progress, files) if progress is not None else None
    result = _check(path, files, contents, meter, tried)
    if entry is not None and result[0] is not None:
        roots = {f.resolve() for f in files}
        entry.write(result, {f: data for f, data in contents.items() if f not in roots})
    return result


def check_text(text: str, filename: str) -> tuple[ArgumentMap | None, list[Diagnostic]]:
    """:func:`check_map` for one file's text (an import): ``include`` cannot be followed."""
    sink = DiagnosticSink()
    part = _read_text(text, filename, sink, True)
    if part is not None and part.includes:
        sink.error(
            "'include' cannot be followed when importing text",
            part.includes[0][1],
            "validate the map with 'argmap validate' instead",
        )
    return _finish([part] if part is not None else [], sink, part is not None)


class _Meter:
    """How far a load is, in bytes of YAML, for a ``progress(done, total)`` callback."""

    def __init__(self, progress: Callable[[int, int], None], files: list[Path]) -> None:
        self.progress = progress
        try:
            self.total = sum(f.stat().st_size for f in files)
        except OSError:
            self.total = 0
        self.done = 0

    def file(self, size: int) -> Callable[[float], None]:
        """The callback for one file's parse and reading (it takes the share done, 0-1)."""
        start = self.done
        self.total = max(self.total, start + size)  # an included file adds to the total
        self.done = start + size

        def reading(share: float) -> None:
            self.progress(start + int(size * 0.95 * share), self.total)

        return reading


def _check(
    path: str | os.PathLike[str],
    files: list[Path],
    contents: dict[Path, bytes],
    meter: _Meter | None = None,
    tried: list[Path] | None = None,
) -> tuple[ArgumentMap | None, list[Diagnostic]]:
    p = Path(path)
    sink = DiagnosticSink()
    parts: list[Part] = []
    loaded: dict[Path, None] = {}  # every file tried, read or not
    if p.is_dir():
        if not files:
            sink.error(
                "directory holds no .yaml files",
                Location(str(path)),
                "a map directory holds *.yaml parts",
            )
            return None, sink.items
        for f in files:
            _load_file(f, sink, parts, loaded, contents, [], False, None, meter)
        if parts and not any(part.version for part in parts) and not sink.errors:
            sink.error(
                "no file in this directory declares 'argmap: 1'",
                Location(_display(files[0]), 1, 1),
                "add 'argmap: 1' to one of its files",
            )
    else:
        _load_file(p, sink, parts, loaded, contents, [], True, None, meter)
    if tried is not None:
        tried.extend(loaded)
    result = _finish(parts, sink, len(parts) == len(loaded))
    if meter is not None:
        meter.progress(meter.total, meter.total)
    return result


def _finish(
    parts: list[Part], sink: DiagnosticSink, complete: bool
) -> tuple[ArgumentMap | None, list[Diagnostic]]:
    """Merge the parts read and check their references: the last steps of every load.

    Like a compiler, this goes on after structural errors, so references are checked too;
    but not when a part is missing (``complete`` false), as its references would mislead."""
    from argmap.load.validate import check_references, check_self_attacks, merge

    if not parts or not complete:
        return None, sorted(sink.items, key=Diagnostic.sort_key)
    amap = merge(parts, sink)
    check_references(amap, (ref for part in parts for ref in part.refs), sink)
    check_self_attacks(amap, sink)
    items = sorted(sink.items, key=Diagnostic.sort_key)
    return (None if sink.errors else amap), items


def _read_text(
    text: str,
    name: str,
    sink: DiagnosticSink,
    root_file: bool,
    progress: Callable[[float], None] | None = None,
) -> Part | None:
    """Parse and read one file's text; None (the problems in ``sink``) when it does not parse."""
    from argmap.load.schema import read_part

    return read_part(text, name, sink, root_file, progress)


def load_map(path: str | os.PathLike[str]) -> ArgumentMap:
    """Load and validate the map at ``path``; raise :class:`MapError` listing every problem."""
    amap, diagnostics = check_map(path)
    if amap is None:
        raise MapError(diagnostics)
    return amap


def load_text(text: str, filename: str) -> ArgumentMap:
    """Read one YAML map from text (no includes); raise :class:`MapError` listing every problem."""
    amap, diagnostics = check_text(text, filename)
    if amap is None:
        raise MapError(diagnostics)
    return amap


def _load_file(
    path: Path,
    sink: DiagnosticSink,
    parts: list[Part],
    loaded: dict[Path, None],
    contents: dict[Path, bytes],
    stack: list[Path],
    root_file: bool,
    via: Location | None,
    meter: _Meter | None = None,
) -> None:
    name = _display(path)
    if "\0" in str(path):
        sink.error(
            f"{name!r}: a file name cannot hold a NUL byte",
            via or Location(name.replace("\0", "\\0")),
            "remove it from the include",
        )
        return
    resolved = path.resolve()
    if resolved in stack:
        chain = " -> ".join(_display(s) for s in [*stack, resolved])
        sink.error(f"include cycle: {chain}", via, "remove one of these includes")
        return
    if resolved in loaded:
        return
    loaded[resolved] = None
    try:
        data = contents.get(resolved)
        if data is None:
            data = contents[resolved] = read_input(path)
    except InputError as exc:
        sink.error(str(exc), via or Location(name), "name a YAML file")
        return
    except IsADirectoryError:
        sink.error(f"included path is a directory: {name}", via or Location(name))
        return
    except FileNotFoundError:
        if via is not None:
            sink.error(
                f"included file not found: {name}", via, "paths are relative to the including file"
            )
        else:
            sink.error(f"no such file: {name}", Location(name))
        return
    except OSError as exc:
        sink.error(f"cannot read {name}: {exc.strerror}", via or Location(name))
        return
    from argmap.load.yaml import decode

    try:
        text = decode(data, name)
    except MapError as exc:
        sink.items.extend(exc.diagnostics)
        return
    part = _read_text(text, name, sink, root_file, meter.file(len(data)) if meter else None)
    if part is None:
        return
    parts.append(part)
    for include, loc in part.includes:
        target = path.parent / include
        _load_file(target, sink, parts, loaded, contents, [*stack, resolved], False, loc, meter)
