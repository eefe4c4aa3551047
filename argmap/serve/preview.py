"""The state of a live preview: the last good page of a map and the map's current problems.

Each :meth:`Preview.refresh` loads the map again. A valid map gives a new page; an invalid one
keeps the last good page and records the problems as ``argmap validate`` prints them. Every
change of what a reader would see takes a new version number, and whoever waits for one (the
server's event streams) is woken.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError, MapError
from argmap.model import ArgumentMap
from argmap.render.html import Page

#: Turns a valid map into the page to show (the CLI's view options and page options).
PageMaker = Callable[[ArgumentMap], Page]


@dataclass(frozen=True)
class Snapshot:
    """What the preview shows now: ``page`` is the last good page (None before the first)
    and ``page_version`` the version it arrived in; ``ok`` says whether the map as it is on
    disk now gave that page."""

    version: int
    page_version: int
    page: dict[str, Any] | None
    problems: tuple[str, ...]
    ok: bool
    claims: int = 0

    def state(self) -> dict[str, Any]:
        """The JSON document the page fetches after an update event."""
        return {
            "version": self.version,
            "page_version": self.page_version,
            "ok": self.ok,
            "problems": list(self.problems),
            "page": self.page,
        }


class Preview:
    """A map on disk and its latest page; thread-safe (one thread refreshes, many read)."""

    def __init__(self, path: str | os.PathLike[str], make_page: PageMaker) -> None:
        self.path = os.fspath(path)
        self._make_page = make_page
        self._changed = threading.Condition()
        self._closed = False
        self._digest = ""
        self._snapshot = Snapshot(0, 0, None, (), False)
        self.files: tuple[str, ...] = ()

    @property
    def snapshot(self) -> Snapshot:
        with self._changed:
            return self._snapshot

    def refresh(self) -> Snapshot:
        """Load the map again and publish what changed; never raises for a bad map, nor for
        an unexpected failure (that becomes a problem line too, and the preview goes on)."""
        from argmap.load import check_map
        from argmap.render.html import page_update

        tried: list[Path] = []
        page: dict[str, Any] | None = None
        try:
            amap, diagnostics = check_map(self.path, tried=tried)
            problems = [d.format() for d in diagnostics]
            if amap is not None:
                page = page_update(self._make_page(amap))
            else:
                errors = sum(1 for d in diagnostics if d.level == "error")
                problems.append(f"{self.path}: {errors} error{'s' if errors != 1 else ''}")
        except MapError as exc:
            problems = [d.format() for d in exc.diagnostics]
        except ArgmapError as exc:
            problems = [f"error: {exc}"]
        except Exception as exc:  # a bug, or the system: say so on the page and go on
            problems = [f"error: the page could not be made: {type(exc).__name__}: {exc}"]
        # watch every file tried, and keep watching the earlier ones: a part that failed to
        # read, or an include not there yet, is where the fix will come
        seen = dict.fromkeys((*(str(p) for p in tried), *self.files))
        self.files = tuple(seen)
        return self._publish(page, tuple(problems))

    def _publish(self, page: dict[str, Any] | None, problems: tuple[str, ...]) -> Snapshot:
        body = json.dumps([page, problems], ensure_ascii=False, sort_keys=True)
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
        with self._changed:
            old = self._snapshot
            if digest == self._digest:
                return old
            self._digest = digest
            version = old.version + 1
            ok = page is not None
            self._snapshot = Snapshot(
                version=version,
                page_version=version if ok else old.page_version,
                page=page if ok else old.page,
                problems=problems,
                ok=ok,
                claims=len(page["data"]["claims"]) if page else old.claims,
            )
            self._changed.notify_all()
            return self._snapshot

    def wait(self, after: int, timeout: float) -> Snapshot | None:
        """The snapshot once its version is past ``after``; None on timeout or when closed."""
        with self._changed:
            self._changed.wait_for(
                lambda: self._closed or self._snapshot.version > after, timeout=timeout
            )
            if self._closed or self._snapshot.version <= after:
                return None
            return self._snapshot

    @property
    def closed(self) -> bool:
        with self._changed:
            return self._closed

    def close(self) -> None:
        """Wake every waiter for the last time."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
