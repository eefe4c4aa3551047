"""The `argmap` command group. Subcommands are imported lazily so start-up stays fast."""

from __future__ import annotations

import importlib

import click

from argmap import __version__

# command name -> (module, attribute)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("argmap.cli.validate", "validate"),
    "stats": ("argmap.cli.validate", "stats"),
    "supporters": ("argmap.cli.query", "supporters"),
    "opposers": ("argmap.cli.query", "opposers"),
    "show": ("argmap.cli.query", "show"),
    "why": ("argmap.cli.query", "why"),
    "find": ("argmap.cli.query", "find"),
    "actors": ("argmap.cli.query", "actors"),
    "lint": ("argmap.cli.query", "lint"),
    "render": ("argmap.cli.render", "render"),
    "html": ("argmap.cli.html", "html"),
    "diff": ("argmap.cli.diff", "diff"),
    "serve": ("argmap.cli.serve", "serve"),
    **{c: ("argmap.cli.evaluate", c) for c in ("evaluate", "strength", "keystones")},
    **{c.rstrip("_"): ("argmap.cli.interchange", c) for c in ("export", "import_")},
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attr = COMMANDS[cmd_name]
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="argmap")
def cli() -> None:
    """Map policy arguments: validate, query, evaluate and draw YAML argument graphs."""


def main() -> None:
    """Entry point of the `argmap` console script."""
    import sys

    from argmap.errors import ArgmapError

    try:
        try:
            cli(standalone_mode=False)
        finally:  # clear a progress line before any message
            progress = sys.modules.get("argmap.cli.progress")
            if progress is not None:
                progress.finish()
    except click.exceptions.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except click.ClickException as exc:
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except click.exceptions.Abort:
        click.echo("argmap: interrupted", err=True)
        raise SystemExit(130) from None
    except ArgmapError as exc:  # commands convert their own; this is the safety net
        click.echo(f"argmap: error: {exc}", err=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        click.echo("argmap: interrupted", err=True)
        raise SystemExit(130) from None
    except MemoryError:
        click.echo(
            "argmap: error: out of memory; draw or ask about a smaller part of the map "
            "(--focus, --issue, --tag)",
            err=True,
        )
        raise SystemExit(1) from None
    except BrokenPipeError:  # e.g. `argmap find … | head`: the reader left, nothing to say
        from argmap.cli.common import to_devnull

        to_devnull(sys.stdout)
        raise SystemExit(0) from None
    except OSError as exc:  # what commands do not catch themselves: writing to a full disk...
        where = f" ({exc.filename})" if exc.filename else ""
        click.echo(f"argmap: error: {exc.strerror or exc}{where}", err=True)
        raise SystemExit(1) from None


def run() -> None:
    """The console script: :func:`main`, with every output flushed before the process ends.

    A reader that left early (``argmap ... | head``) is no error; a full disk or a closed
    standard output is reported and ends with exit code 1.
    """
    import sys

    from argmap.cli import common

    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):  # as Python does with SystemExit("message")
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with the stream closed (`>&-`): nothing to flush
            continue
        try:
            stream.flush()
        except BrokenPipeError:  # the reader left (`argmap ... | head`): nothing to say
            common.to_devnull(stream)
        except (OSError, ValueError) as exc:  # a full disk, a closed stream
            if stream is sys.stdout and sys.stderr is not None:
                why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                print(f"argmap: error: cannot write to standard output: {why}", file=sys.stderr)
                sys.stderr.flush()
            code = code or 1
    sys.exit(code)
