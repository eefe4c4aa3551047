"""Writing output files so that nothing is ever half-written or silently clobbered."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from argmap.errors import ArgmapError


class OutputExistsError(ArgmapError):
    """The output file exists and the caller did not ask to replace it."""


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes | str | Sequence[bytes],
    overwrite: bool = True,
) -> None:
    """Write ``data`` (text as UTF-8, or bytes, or pieces of bytes written one after the
    other) to ``path`` through a temporary file in the same directory.

    A reader never sees a half-written file and a failed write leaves the old one intact. With
    ``overwrite=False`` an existing ``path`` is never replaced: the temporary file is hard-linked
    into place, which fails if ``path`` appeared meanwhile (OutputExistsError).
    """
    target = Path(path)
    if target.is_dir():
        raise ArgmapError(f"{path} is a directory; give a file name")
    if target.exists() and not overwrite:
        raise OutputExistsError(f"{path} already exists; use --force to overwrite it")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise ArgmapError(f"{parent} does not exist; create the directory first")
    if isinstance(data, str):
        pieces: Sequence[bytes | bytearray | memoryview] = [data.encode("utf-8")]
    elif isinstance(data, bytes | bytearray | memoryview):
        pieces = [data]
    else:
        pieces = data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
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
