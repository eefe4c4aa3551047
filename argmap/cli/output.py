"""Where a command's output goes: ``-o FILE`` (atomically, never over an input, an existing
file only with ``--force``), or standard output for ``-o -`` and no ``-o``."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

import click

from argmap.cli.common import CliError, write_stdout
from argmap.errors import ArgmapError

FORCE_OPTION = click.option(
    "--force", is_flag=True, help="Replace an existing output file (never one the command reads)."
)


def to_stdout(output: str | None) -> bool:
    """Whether ``output`` means standard output: no ``-o``, or ``-o -``."""
    return output is None or output == "-"


def check_output(output: str | None, force: bool, inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Refuse, before any work, an output that names a file the command reads (whatever
    ``force`` says) or an existing regular file without ``force``. Special files (a pipe, a
    device such as ``/dev/null``) are written in place and need no ``--force``."""
    if to_stdout(output):
        return
    assert output is not None
    target = Path(output)
    try:
        info = target.stat()
    except OSError:
        return  # nothing there yet: the write reports a missing folder
    for name in inputs:
        try:
            same = os.path.samefile(target, name)
        except OSError:
            continue
        if same:
            raise CliError(
                f"{output} is a file this command reads; write the output somewhere else"
            )
    if target.is_dir():
        raise CliError(f"{output} is a directory; give a file name")
    if not force and stat.S_ISREG(info.st_mode):
        raise CliError(f"{output} already exists; use --force to replace it")


def write_output(output: str | None, data: bytes | str, force: bool) -> None:
    """Write ``data`` where :func:`check_output` allowed it."""
    from argmap.io import OutputExistsError, write_atomic

    if to_stdout(output):
        write_stdout((data.encode("utf-8") if isinstance(data, str) else data,))
        return
    assert output is not None
    try:
        write_atomic(output, data, overwrite=force)
    except OutputExistsError:
        raise CliError(f"{output} already exists; use --force to replace it") from None
    except ArgmapError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write {output}: {exc.strerror or exc}") from None
