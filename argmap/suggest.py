"""Did-you-mean: the one place that finds names close to a misspelt one.

>>> close_matches("suports", ["supports", "opposes", "undercuts"])
['supports']
>>> did_you_mean("Opposes", ["supports", "opposes"])
"did you mean 'opposes'?"
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: How alike two names must be (difflib's ratio) to be offered.
CUTOFF = 0.6
#: Names looked at, at most: a framework of a million arguments is not searched whole.
MAX_CHOICES = 100_000


def close_matches(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` names of ``choices`` close to ``word``, best first.

    A name that differs from ``word`` only in case always comes first.
    """
    names: list[str] = []
    for name in choices:
        names.append(name)
        if len(names) >= MAX_CHOICES:
            break
    found = difflib.get_close_matches(word, names, n=n, cutoff=CUTOFF)
    folded = word.casefold()
    same = [name for name in names if name.casefold() == folded and name != word]
    for name in reversed(same[:1]):
        if name in found:
            found.remove(name)
        found.insert(0, name)
    return found[:n]


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest of ``choices`` to ``word``, or None when nothing is close."""
    found = close_matches(word, choices, n=1)
    return f"did you mean '{found[0]}'?" if found else None
