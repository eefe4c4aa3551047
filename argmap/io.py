"""Reading input files within bounds, and writing output files so that nothing is ever
half-written or silently clobbered."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from argmap.errors import ArgmapError

#: The largest file argmap reads (a map part, an import, a framework): far above any debate
#: (32,000 claims of YAML are about 9 MB), and a bound on what a load can be made to allocate.
MAX_INPUT_BYTES = 256 * 1024 * 1024


class OutputExistsError(ArgmapError):
    """The output file exists and the caller did not ask to replace it."""


class InputError(ArgmapError):
    """An input path that is not a regular file argmap may read (a device, pipe or socket, a
    file over :data:`MAX_INPUT_BYTES`, a name with a NUL byte)."""


def read_input(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the regular file at ``path``.

    Anything else is refused before a byte is read, so ``/dev/zero`` cannot fill the memory
    and a named pipe cannot block: the file is opened without blocking and checked with
    ``fstat``. Raises FileNotFoundError, IsADirectoryError or another OSError as ``open``
    does, and :class:`InputError` for a special file, a NUL byte in the name or a file over
    :data:`MAX_INPUT_BYTES`.
    """
    name = os.fspath(path)
    if "\0" in str(name):
        raise InputError(f"{name!r}: a file name cannot hold a NUL byte")
    fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", name)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                f"{name} is not a regular file (a device, pipe or socket); argmap reads files"
            )
        if info.st_size > MAX_INPUT_BYTES:
            raise InputError(_too_big(name))
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, max(info.st_size - size, 0) + 65536)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_INPUT_BYTES:  # it grew while read
                raise InputError(_too_big(name))
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_big(name: str) -> str:
    return f"{name} is over {MAX_INPUT_BYTES // 2**20} MiB, the largest file argmap reads"


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


#: Temporary files are named ``.NAME.argmap-PID-RANDOM.tmp`` beside their target.
_TMP_INFIX = ".argmap-"


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes | str | Sequence[bytes],
    overwrite: bool = True,
) -> None:
    """Write ``data`` (text as UTF-8, or bytes, or pieces of bytes written one after the
    other) to ``path`` through a temporary file in the same directory.

    A reader never sees a half-written file and a failed write leaves the old one intact. With
    ``overwrite=False`` an existing ``path`` is never replaced: the temporary file is hard-linked
    into place, which fails if ``path`` appeared meanwhile (OutputExistsError). A special file
    (a named pipe, a device) is written in place, never replaced by a regular file. Temporary
    files left by a writer that was killed (``kill -9``) are removed by the next write beside
    them.
    """
    target = Path(path)
    if isinstance(data, str):
        pieces: Sequence[bytes | bytearray | memoryview] = [data.encode("utf-8")]
    elif isinstance(data, bytes | bytearray | memoryview):
        pieces = [data]
    else:
        pieces = data
    try:
        info = target.stat()
    except OSError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise ArgmapError(f"{path} is a directory; give a file name")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(target, pieces)
        return
    if info is not None and not overwrite:
        raise OutputExistsError(f"{path} already exists; use --force to overwrite it")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise ArgmapError(f"{parent} does not exist; create the directory first")
    _sweep(parent, target.name)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}{_TMP_INFIX}{os.getpid()}-", suffix=".tmp", dir=parent
        )
    except OSError as exc:
        raise ArgmapError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(pieces)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _file_mode())
        if overwrite:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise OutputExistsError(
                    f"{path} already exists; use --force to overwrite it"
                ) from None
            except OSError:  # no hard links on this file system: a checked replace
                if target.exists():
                    raise OutputExistsError(
                        f"{path} already exists; use --force to overwrite it"
                    ) from None
                os.replace(tmp, target)
    except OSError as exc:
        raise ArgmapError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _write_in_place(target: Path, pieces: Sequence[bytes | bytearray | memoryview]) -> None:
    """Write to a pipe or device as it is (``-o /dev/null``, ``-o fifo``)."""
    try:
        with open(target, "wb", buffering=0) as handle:
            for piece in pieces:
                view = memoryview(piece)
                while view:
                    written = handle.write(view)
                    if not written:
                        raise OSError(5, "the device takes no more data")
                    view = view[written:]
    except OSError as exc:
        raise ArgmapError(f"cannot write {target}: {exc.strerror or exc}") from None


def _sweep(folder: Path, name: str) -> None:
    """Remove the temporary files of earlier writes of ``name`` whose writer is gone."""
    prefix = f".{name}{_TMP_INFIX}"
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        pid_text = entry.name[len(prefix) :].split("-", 1)[0]
        if not entry.name.endswith(".tmp") or not pid_text.isdigit():
            continue
        if _alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True
