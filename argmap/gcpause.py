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

_MANY = 10_000  # new objects above which a young collection is worth avoiding


@contextmanager
def paused() -> Iterator[None]:
    """Switch the collector off for the block, and back on after it if it was on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_count()[0] > _MANY and not gc.get_freeze_count():
                # The block's allocations still counted: the first allocation after enable()
                # would walk everything the block made (0.06 s for a 32k-claim map). Moving
                # every object to the oldest generation instead resets the count without a
                # walk; they are looked at in the next full collection, as usual. Skipped if
                # the program froze objects itself (unfreeze would undo that).
                gc.freeze()
                gc.unfreeze()
            gc.enable()
