"""Reading maps: a YAML file (with its includes) or a directory of YAML files.

>>> from argmap.load import load_map
>>> amap = load_map("arguments/llama-3.1-open-source")   # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.errors import Diagnostic, DiagnosticSink, Location, MapError
from argmap.gcpause import paused

if TYPE_CHECKING:  # the loader's modules are imported when a map is loaded, not at start-up
    from argmap.load.schema import Part
    from argmap.model import ArgumentMap

__all__ = [
    "check_map",
    "defer_cache_writes",
    "has_deferred",
    "load_map",
    "map_files",
    "write_deferred",
]

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
    path: str | os.PathLike[str], progress: Callable[[int, int], None] | None = None
) -> tuple[ArgumentMap | None, list[Diagnostic]]:
    """Load the map at ``path`` and return it with every problem found (errors sorted by place).

    The map is None when errors were found. A big valid map is kept in the user's cache (see
    :mod:`argmap.load.cache`), so loading it again is faster; set ``ARGMAP_NO_CACHE=1`` to skip.
    ``progress(done, total)`` hears now and then how far reading and checking the files is, in
    bytes of YAML (each file's parse counts for 60 % of its bytes, reading its claims 35 %).
    """
    p = Path(path)
    if not p.exists():
        return None, [Diagnostic(f"no such file or directory: {path}", Location(str(path)))]
    files = map_files(p)
    with paused():  # a load makes many objects and no cycles: collecting would only cost time
        contents: dict[Path, bytes] = {}
        entry_key = _cache_key(files, contents)
        if entry_key is not None:
            from argmap.load import cache

            hit = cache.lookup(entry_key)
            if hit is not None:
                return hit
        meter = _Meter(progress, files) if progress is not None else None
        result = _check(path, files, contents, meter)
        if entry_key is not None and result[0] is not None:
            later = _deferred is not None  # written after the command: from the first load on
            if later or cache.admit(entry_key):
                roots = {f.resolve() for f in files}
                deps = [
                    (str(f), cache.file_digest(data))
                    for f, data in contents.items()
                    if f not in roots
                ]
                if _deferred is not None:
                    _deferred.append((entry_key, result, deps))
                else:
                    cache.store(entry_key, result, deps)
        return result


#: Cache entries waiting to be written (see :func:`defer_cache_writes`); None: written at once.
_deferred: list[tuple[str, Any, list[tuple[str, str]]]] | None = None


def defer_cache_writes() -> None:
    """Keep the cache entries :func:`check_map` would write until :func:`write_deferred`.

    The console script does this and writes them after the command, in a detached process, so
    no command waits for an entry and a big map is cached from its first load (a library
    caller writes an entry on a map's second load, in the call, as before)."""
    global _deferred
    if _deferred is None:
        _deferred = []


def write_deferred() -> int:
    """Write the cache entries kept since :func:`defer_cache_writes`; how many there were."""
    global _deferred
    waiting, _deferred = _deferred or [], None
    if waiting:
        from argmap.load import cache

        for entry_key, result, deps in waiting:
            cache.store(entry_key, result, deps)
    return len(waiting)


def has_deferred() -> bool:
    """Whether cache entries wait for :func:`write_deferred`."""
    return bool(_deferred)


def _cache_key(files: list[Path], contents: dict[Path, bytes]) -> str | None:
    """The cache key of a map made of ``files`` (read into ``contents``); None for no caching."""
    from argmap.load import cache

    if not cache.enabled():
        return None
    try:
        sizes = sum(f.stat().st_size for f in files)
        if sizes < cache.MIN_BYTES:
            return None
        roots = []
        for f in files:
            data = f.read_bytes()
            resolved = f.resolve()
            contents[resolved] = data
            roots.append((f"{_display(f)}\0{resolved}", data))
    except OSError:  # the load reports it
        return None
    return cache.key(roots)


class _Meter:
    """How far a load is, in bytes of YAML, for a ``progress(done, total)`` callback."""

    def __init__(self, progress: Callable[[int, int], None], files: list[Path]) -> None:
        self.progress = progress
        try:
            self.total = sum(f.stat().st_size for f in files)
        except OSError:
            self.total = 0
        self.done = 0

    def file(self, size: int) -> tuple[Callable[[float], None], Callable[[float], None]]:
        """Callbacks for one file's parse and claims (each takes the share done, 0-1)."""
        start = self.done
        self.total = max(self.total, start + size)  # an included file adds to the total
        self.done = start + size

        def parsing(share: float) -> None:
            self.progress(start + int(size * 0.6 * share), self.total)

        def reading(share: float) -> None:
            self.progress(start + int(size * (0.6 + 0.35 * share)), self.total)

        return parsing, reading


def _check(
    path: str | os.PathLike[str],
    files: list[Path],
    contents: dict[Path, bytes],
    meter: _Meter | None = None,
) -> tuple[ArgumentMap | None, list[Diagnostic]]:
    from argmap.load.validate import check_references, merge

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
    if not parts or len(parts) < len(loaded):  # a part is missing: references would mislead
        return None, sorted(sink.items, key=Diagnostic.sort_key)
    # like a compiler, go on after structural errors so references are checked too
    amap = merge(parts, sink)
    check_references(amap, parts, sink)
    if meter is not None:
        meter.progress(meter.total, meter.total)
    items = sorted(sink.items, key=Diagnostic.sort_key)
    return (None if sink.errors else amap), items


def load_map(path: str | os.PathLike[str]) -> ArgumentMap:
    """Load and validate the map at ``path``; raise :class:`MapError` listing every problem."""
    amap, diagnostics = check_map(path)
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
    resolved = path.resolve()
    name = _display(path)
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
            data = contents[resolved] = path.read_bytes()
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
    from argmap.load.schema import read_part
    from argmap.load.yaml import decode, parse

    parsing = reading = None
    if meter is not None:
        parsing, reading = meter.file(len(data))
    try:
        root = parse(decode(data, name), name, parsing)
    except MapError as exc:
        sink.items.extend(exc.diagnostics)
        return
    part = read_part(root, name, sink, root_file, reading)
    parts.append(part)
    for include, loc in part.includes:
        target = path.parent / include
        _load_file(target, sink, parts, loaded, contents, [*stack, resolved], False, loc, meter)
