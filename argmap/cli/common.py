"""What every command shares: loading a map, naming claims, reporting errors."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import click

from argmap.errors import ArgmapError, MapError, NotFoundError
from argmap.model import ArgumentMap

F = TypeVar("F", bound=Callable[..., Any])


def choice(
    name: str, choices: Sequence[str], default: str, help: str, dest: str | None = None
) -> Callable[[F], F]:
    """A click option taking one of ``choices``, with its default shown in ``--help``."""
    decls = (name, dest) if dest else (name,)
    return click.option(
        *decls, type=click.Choice(list(choices)), default=default, show_default=True, help=help
    )


def option_group(
    names: Sequence[str],
    options: Sequence[Callable[[F], F]],
    build: Callable[[dict[str, Any]], dict[str, Any]],
) -> Callable[[F], F]:
    """A decorator adding ``options`` to a click command: the values of the parameters named
    ``names`` reach the command as the keyword arguments ``build`` makes of them."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            values = {name: kwargs.pop(name) for name in names}
            return command(*args, **build(values), **kwargs)

        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper  # type: ignore[return-value]

    return decorate


#: The --format option of commands that print text or JSON.
TEXT_OR_JSON = choice("--format", ["text", "json"], "text", "Output format.", dest="fmt")


class CliError(click.ClickException):
    """An error shown as ``argmap: error: MESSAGE`` with exit code 1."""

    exit_code = 1

    def format_message(self) -> str:
        return self.message

    def show(self, file: Any = None) -> None:
        click.echo(f"argmap: error: {self.message}", err=True)


def load(path: str, tried: list[Any] | None = None) -> ArgumentMap:
    """Load a map for a command; invalid maps print every diagnostic and exit 1. ``tried``
    receives the files the load tried, as :func:`argmap.load.check_map` gives them."""
    from argmap.cli import progress
    from argmap.load import check_map

    progress.phase(f"loading {path}", counts=False)
    amap, diagnostics = check_map(path, progress=progress.callback(), tried=tried)
    progress.finish()
    for diag in diagnostics:
        click.echo(diag.format(), err=True)
    if amap is None:
        errors = sum(1 for d in diagnostics if d.level == "error")
        raise CliError(f"{path}: {errors} error{'s' if errors != 1 else ''}; nothing done")
    return amap


def to_devnull(stream: Any) -> None:
    """Point a standard stream at /dev/null: its reader left (``| head``), so whatever is
    still to be written or flushed goes nowhere instead of raising again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, stream.fileno())
    os.close(devnull)


def write_stdout(chunks: Iterable[bytes]) -> None:
    """Write bytes to standard output as they are; a reader that leaves early (``| head``)
    is no error: the rest goes nowhere."""
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        return
    try:
        sys.stdout.flush()  # what was written as text comes first
        stream = sys.stdout.buffer
        stream.writelines(chunks)
        stream.flush()
    except BrokenPipeError:
        to_devnull(sys.stdout)
    except OSError as exc:
        raise CliError(f"cannot write to standard output: {exc.strerror or exc}") from None


def fail(exc: ArgmapError) -> CliError:
    """Turn a library error into a CLI error (the caller raises it)."""
    from argmap.cli import progress

    progress.finish()  # before any message
    if isinstance(exc, MapError):
        for diag in exc.diagnostics:
            click.echo(diag.format(), err=True)
        return CliError(f"{len(exc.diagnostics)} problem(s) found")
    if isinstance(exc, NotFoundError):
        return CliError(str(exc))
    return CliError(str(exc))


def echo_json(data: Any) -> None:
    """Stable JSON: sorted keys are not used (order is the map's), UTF-8, two-space indent."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def is_tty() -> bool:
    return sys.stdout.isatty()
