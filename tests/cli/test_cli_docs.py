"""docs/cli.md documents every command and every option, exactly as click defines them."""

from __future__ import annotations

from pathlib import Path

from argmap.cli.reference import command_names, documented, update

DOC = Path(__file__).parent.parent.parent / "docs" / "cli.md"


def test_every_command_has_a_section() -> None:
    assert sorted(documented(DOC.read_text("utf-8"))) == command_names()


def test_option_tables_are_current() -> None:
    text = DOC.read_text("utf-8")
    assert update(text) == text, "run: python -m argmap.cli.reference docs/cli.md"
