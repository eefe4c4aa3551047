"""Keep docs/cli.md in step with the click definitions.

docs/cli.md is written by hand, except the blocks between ``<!-- options: NAME -->`` and
``<!-- /options -->``, which hold each command's usage and option table generated from click.
``python -m argmap.cli.reference docs/cli.md`` rewrites those blocks; a test fails when they are
stale or when a command has no section.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

BLOCK = re.compile(r"(<!-- options: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- /options -->)", re.S)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def options_block(name: str) -> str:
    """Usage line and option table of command ``name``, as Markdown."""
    from argmap.cli.main import cli

    # the group's context settings (help option names) reach the command as on a real call
    ctx = cli.make_context("argmap", [], resilient_parsing=True)
    command = cli.get_command(ctx, name)
    if command is None:
        raise KeyError(name)
    sub = click.Context(command, info_name=name, parent=ctx)
    usage = " ".join(command.collect_usage_pieces(sub))
    lines = ["```", f"argmap {name} {usage}".rstrip(), "```", ""]
    rows = []
    for param in command.get_params(sub):
        if isinstance(param, click.Argument) or param.hidden:
            continue
        record = param.get_help_record(sub)
        if record is None:
            continue
        names, help_text = record
        rows.append(f"| `{_cell(names)}` | {_cell(help_text)} |")
    if rows:
        lines += ["| option | meaning |", "|---|---|", *rows, ""]
    return "\n".join(lines)


def command_names() -> list[str]:
    from argmap.cli.main import COMMANDS

    return sorted(COMMANDS)


def update(text: str) -> str:
    """``text`` with every options block regenerated."""
    return BLOCK.sub(lambda m: m.group(1) + options_block(m.group("name")) + m.group(4), text)


def documented(text: str) -> list[str]:
    return [m.group("name") for m in BLOCK.finditer(text)]


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "docs/cli.md")
    text = path.read_text("utf-8")
    new = update(text)
    missing = sorted(set(command_names()) - set(documented(text)))
    if new != text:
        path.write_text(new, "utf-8")
        print(f"updated {path}")
    if missing:
        print(f"commands with no section in {path}: {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
