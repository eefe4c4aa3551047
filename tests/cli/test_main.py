"""The console entry point turns every failure into a message and an exit code, no traceback."""

from __future__ import annotations

import pytest

import argmap.cli.main as entry
from argmap.errors import ArgmapError


@pytest.mark.parametrize(
    ("raised", "code", "message"),
    [
        (KeyboardInterrupt(), 130, "argmap: interrupted"),
        (MemoryError(), 1, "argmap: error: out of memory"),
        (ArgmapError("something broke"), 1, "argmap: error: something broke"),
    ],
)
def test_failures_become_messages_and_exit_codes(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    raised: BaseException,
    code: int,
    message: str,
) -> None:
    def failing(**_: object) -> None:
        raise raised

    monkeypatch.setattr(entry, "cli", failing)
    with pytest.raises(SystemExit) as stop:
        entry.main()
    assert stop.value.code == code
    err = capsys.readouterr().err
    assert err.startswith(message) and "Traceback" not in err
