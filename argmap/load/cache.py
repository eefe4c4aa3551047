"""A cache of loaded maps, so that a big map is parsed and checked once, not on every command.

An entry is the pickled result of :func:`argmap.load.check_map` for a valid map, keyed by a hash
of everything the result depends on: the map's files as named on the command line (display names,
which end up in locations) and their bytes, the format version, argmap's version and the source of
the modules that define the model and the loader. Included files are listed in the entry with
their hashes and checked on every hit. So an entry is never stale: any change gives another key or
a failed check, and the map is loaded afresh. Entries are safe to delete at any time.

The cache lives in ``$XDG_CACHE_HOME/argmap`` (``~/.cache/argmap`` by default; ``%LOCALAPPDATA%``
on Windows), holds the :data:`MAX_ENTRIES` most recently written maps, skips maps smaller than
:data:`MIN_BYTES` (they load faster than an entry does) and is off when ``ARGMAP_NO_CACHE`` is set
to anything but ``0`` or an empty string. Writing an entry costs about a third of a load, so a map
is only written on its second load (the first leaves an empty marker file): a map read once costs
nothing extra. Any error while reading or writing the cache is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["admit", "cache_dir", "enabled", "lookup", "store"]

#: Maps whose files add up to fewer bytes are not cached.
MIN_BYTES = 512 * 1024
#: How many entries the cache keeps (the oldest are removed first).
MAX_ENTRIES = 16
#: How many maps seen once are remembered.
MAX_MARKERS = 256
#: Bump when the layout of an entry changes.
ENTRY_VERSION = 1
_MAGIC = b"argmap-cache\n"


def enabled() -> bool:
    """Whether the cache is in use (``ARGMAP_NO_CACHE`` unset, empty or ``0``)."""
    return os.environ.get("ARGMAP_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    """Where entries live: ``$XDG_CACHE_HOME/argmap``, else the platform's user cache folder."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        if sys.platform == "win32":  # pragma: no cover - not tested on Windows
            base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        else:
            base = str(Path.home() / ".cache")
    return Path(base) / "argmap"


_code_hash: str | None = None


def _code_version() -> str:
    """A hash of argmap's version and of the source files whose classes an entry holds."""
    global _code_hash
    if _code_hash is None:
        import argmap.load as loader
        from argmap import __version__, errors, model
        from argmap.load import fast, schema, validate, yaml

        h = hashlib.sha256(f"{ENTRY_VERSION}|{__version__}|{model.FORMAT_VERSION}".encode())
        h.update(f"|{sys.version_info[:2]}|{pickle.HIGHEST_PROTOCOL}".encode())
        for module in (errors, model, loader, fast, schema, validate, yaml):
            try:
                h.update(Path(module.__file__ or "").read_bytes())
            except OSError:  # pragma: no cover - a frozen install: the version has to do
                h.update((module.__name__ + __version__).encode())
        _code_hash = h.hexdigest()
    return _code_hash


def file_digest(data: bytes) -> str:
    """The hash under which a file's bytes are recorded."""
    return hashlib.sha256(data).hexdigest()


def key(root_files: list[tuple[str, bytes]]) -> str:
    """The cache key of a map whose top-level files are ``(display name, bytes)`` pairs."""
    h = hashlib.sha256(_code_version().encode())
    for name, data in root_files:
        h.update(b"\0" + name.encode("utf-8", "surrogateescape") + b"\0")
        h.update(file_digest(data).encode())
    return h.hexdigest()


def lookup(entry_key: str) -> Any | None:
    """The cached result under ``entry_key``, or None when there is none or it no longer holds."""
    path = cache_dir() / f"{entry_key}.pickle"
    try:
        with open(path, "rb") as f:
            if f.read(len(_MAGIC)) != _MAGIC:
                return None
            deps, result = pickle.load(f)
        for dep, digest in deps:
            if file_digest(Path(dep).read_bytes()) != digest:
                return None
    except Exception:  # a missing, partial, old or foreign entry is a miss
        return None
    return result


def admit(entry_key: str) -> bool:
    """Whether a map missing from the cache is worth writing: True on its second load."""
    folder = cache_dir()
    marker = folder / f"{entry_key}.seen"
    try:
        if marker.exists():
            marker.unlink()
            return True
        folder.mkdir(parents=True, exist_ok=True)
        marker.touch()
        markers = sorted(folder.glob("*.seen"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in markers[MAX_MARKERS:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
    return False


def store(entry_key: str, result: Any, deps: list[tuple[str, str]]) -> None:
    """Keep ``result``; ``deps`` are the other files it depends on as ``(path, digest)``."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pickle", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_MAGIC)
                pickle.dump((deps, result), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{entry_key}.pickle")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(folder)
    except Exception:  # a read-only or full disk: work without the cache
        return


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)
