"""Keeping Python's cyclic garbage collector out of bulk work.

Loading a map, building a picture or walking a big map's relations makes hundreds of thousands
of objects and no reference cycles, so every collection the allocations trigger walks them all
for nothing (a third of a 32k-claim picture's build time, most of ``supporters --all``).

>>> import gc
>>> with paused():
...     gc.isenabled()
False
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused"]


@contextmanager
def paused() -> Iterator[None]:
    """Switch the collector off for the block, and back on after it if it was on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
