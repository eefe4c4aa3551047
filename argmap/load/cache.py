"""A cache of loaded maps, so that a big map is parsed and checked once, not on every command.

An entry is the result of :func:`argmap.load.check_map` for a valid map (written by
:mod:`argmap.load.snapshot`, behind a magic line and the entry's dependencies), keyed by a hash
of everything the result depends on: the map's files as named on the command line (display names,
which end up in locations) and their bytes, the format version, argmap's version and the source of
the modules that define the model and the loader. Included files are listed in the entry with
their hashes and checked on every hit. So an entry is never stale: any change gives another key or
a failed check, and the map is loaded afresh. Entries are safe to delete at any time.

The cache lives in ``$XDG_CACHE_HOME/argmap`` (``~/.cache/argmap`` by default; ``%LOCALAPPDATA%``
on Windows), holds the :data:`MAX_ENTRIES` most recently written maps, skips maps smaller than
:data:`MIN_BYTES` (they load faster than an entry does) and is off when ``ARGMAP_NO_CACHE`` is set
to anything but ``0`` or an empty string. Writing an entry costs about a third of a load: the
``argmap`` command writes it after the command has ended, in a detached process (see
:func:`argmap.load.defer_cache_writes`), from a map's first load on; a library caller writes it on
a map's second load (the first leaves an empty marker file), so a map read once costs nothing
extra. Any error while reading or writing the cache is ignored.
"""

from __future__ import annotations

import hashlib
import marshal
import os
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
ENTRY_VERSION = 2
_MAGIC = b"argmap-cache-2\n"
#: What entries are called (``KEY.map``).
SUFFIX = ".map"
#: The modules whose source is hashed into every key: the model and everything that builds it.
_CODE_FILES = (
    "errors.py",
    "model.py",
    "load/__init__.py",
    "load/fast.py",
    "load/schema.py",
    "load/snapshot.py",
    "load/validate.py",
    "load/yaml.py",
)


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
    """A hash of argmap's version and of the source files that decide what a load gives.

    The files are read, not imported: a cache hit never imports the YAML reader."""
    global _code_hash
    if _code_hash is None:
        from argmap import __version__
        from argmap.model import FORMAT_VERSION

        h = hashlib.sha256(f"{ENTRY_VERSION}|{__version__}|{FORMAT_VERSION}".encode())
        h.update(f"|{sys.version_info[:2]}|{marshal.version}".encode())
        package = Path(__file__).resolve().parent.parent
        for name in _CODE_FILES:
            try:
                h.update((package / name).read_bytes())
            except OSError:  # pragma: no cover - a frozen install: the version has to do
                h.update((name + __version__).encode())
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
    from argmap.load import snapshot

    path = cache_dir() / f"{entry_key}{SUFFIX}"
    try:
        with open(path, "rb") as f:
            data = f.read()
        if not data.startswith(_MAGIC):
            return None
        deps, body = marshal.loads(memoryview(data)[len(_MAGIC) :])
        for dep, digest in deps:
            if file_digest(Path(dep).read_bytes()) != digest:
                return None
        return snapshot.load(body)
    except Exception:  # a missing, partial, old or foreign entry is a miss
        return None


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
    """Keep ``result`` (a map and its diagnostics); ``deps`` are the other files it depends on
    as ``(path, digest)``."""
    from argmap.load import snapshot

    folder = cache_dir()
    try:
        data = marshal.dumps((tuple(deps), snapshot.dump(*result)))
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=SUFFIX, dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_MAGIC)
                f.write(data)
            os.replace(tmp, folder / f"{entry_key}{SUFFIX}")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(folder)
    except Exception:  # a read-only or full disk: work without the cache
        return


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [*entries[MAX_ENTRIES:], *folder.glob("*.pickle")]:  # and entries of argmap 0.1
        old.unlink(missing_ok=True)
