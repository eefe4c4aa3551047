"""A cache of loaded maps, so that a big map is parsed and checked once, not on every command.

An entry holds the result of :func:`argmap.load.check_map` for a valid map, pickled, behind a
magic line and a BLAKE2b checksum over the whole rest of the entry. Its key is a hash of what the
result depends on: the map's files as named on the command line (display names, which end up in
locations) and their bytes, argmap's version and the source of the modules that build the model.
Included files are listed in the entry with their hashes and checked on every hit. So an entry is
never stale, and a damaged one is never used: any change gives another key, a failed checksum or
a failed check, and the map is loaded from its YAML again.

The cache lives in ``$XDG_CACHE_HOME/argmap`` (``~/.cache/argmap`` by default; ``%LOCALAPPDATA%``
on Windows), a folder only its user writes to; it holds the :data:`MAX_ENTRIES` most recently
written maps, skips maps smaller than :data:`MIN_BYTES` (they load faster than an entry does) and
is off when ``ARGMAP_NO_CACHE`` is set to anything but ``0`` or an empty string. An entry is
written by the load that misses, atomically (:func:`argmap.io.write_atomic`). Entries are safe
to delete at any time; any error while reading or writing the cache is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.io import read_input

__all__ = ["Entry", "cache_dir", "enabled"]

#: Maps whose files add up to fewer bytes are not cached.
MIN_BYTES = 512 * 1024
#: How many entries the cache keeps (the oldest are removed first).
MAX_ENTRIES = 16
_MAGIC = b"argmap-cache-3\n"
_DIGEST = 32  # bytes of the BLAKE2b checksum after the magic line
#: What entries are called (``KEY.map``).
SUFFIX = ".map"
#: The modules whose source is hashed into every key: the model and everything that builds it.
_CODE_FILES = (
    "errors.py",
    "model.py",
    "load/__init__.py",
    "load/cache.py",
    "load/schema.py",
    "load/validate.py",
    "load/values.py",
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
    """A hash of argmap's and Python's versions and of the source files that decide a load."""
    global _code_hash
    if _code_hash is None:
        from argmap import __version__

        h = hashlib.sha256(f"{__version__}|{sys.version_info[:2]}".encode())
        package = Path(__file__).resolve().parent.parent
        for name in _CODE_FILES:
            try:
                h.update((package / name).read_bytes())
            except OSError:  # pragma: no cover - a frozen install: the version has to do
                h.update((name + __version__).encode())
        _code_hash = h.hexdigest()
    return _code_hash


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Entry:
    """The cache entry of one map: :meth:`read` it, or :meth:`write` it after a load."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def open(cls, roots: list[tuple[str, Path]], contents: dict[Path, bytes]) -> Entry | None:
        """The entry of the map made of ``roots`` (display name, path), reading their bytes into
        ``contents`` (by resolved path); None when the cache is off or the map is small."""
        if not enabled():
            return None
        try:
            if sum(path.stat().st_size for _, path in roots) < MIN_BYTES:
                return None
            h = hashlib.sha256(_code_version().encode())
            for name, path in roots:
                data = read_input(path)
                resolved = path.resolve()
                contents[resolved] = data
                h.update(b"\0" + f"{name}\0{resolved}".encode("utf-8", "surrogateescape") + b"\0")
                h.update(_digest(data).encode())
        except (OSError, ArgmapError):  # the load reports it
            return None
        return cls(cache_dir() / f"{h.hexdigest()}{SUFFIX}")

    def read(self) -> Any | None:
        """The stored result, or None when there is none, it is damaged or no longer holds."""
        try:
            data = self.path.read_bytes()
            if not data.startswith(_MAGIC):
                return None
            start = len(_MAGIC) + _DIGEST
            body = memoryview(data)[start:]
            checksum = hashlib.blake2b(body, digest_size=_DIGEST).digest()
            if checksum != data[len(_MAGIC) : start]:
                return None
            deps, result = pickle.loads(body)
            for dep, digest in deps:
                if _digest(Path(dep).read_bytes()) != digest:
                    return None
            return result
        except Exception:  # a missing, partial, old or foreign entry is a miss
            return None

    def write(self, result: Any, deps: dict[Path, bytes]) -> None:
        """Keep ``result`` (a map and its diagnostics); ``deps`` are the other files it was read
        from (included files), by path, with their bytes."""
        from argmap.io import write_atomic

        try:
            listed = tuple((str(path), _digest(data)) for path, data in deps.items())
            body = pickle.dumps((listed, result), protocol=pickle.HIGHEST_PROTOCOL)
            checksum = hashlib.blake2b(body, digest_size=_DIGEST).digest()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, [_MAGIC, checksum, body])
            _prune(self.path.parent)
        except Exception:  # a read-only or full disk: work without the cache
            return


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [*entries[MAX_ENTRIES:], *folder.glob("*.seen"), *folder.glob("*.pickle")]:
        old.unlink(missing_ok=True)  # and what argmap 0.1 left: markers, pickles
