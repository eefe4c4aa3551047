"""Watching a map's files: every file it was read from (included files too, wherever they are)
and, for a directory map, new map files in its folder.

The watching itself is watchfiles' (inotify on Linux, FSEvents on macOS, polling where neither
works; ``WATCHFILES_FORCE_POLLING=1`` forces polling). It groups the burst of events an editor's
save makes (a temporary file, a rename, a second write) into one batch.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from threading import Event

from argmap.load import MAP_SUFFIXES

#: A batch ends when no file has changed for this long (milliseconds)...
QUIET_MS = 50
#: ...or when it has been collecting for this long.
MAX_BATCH_MS = 400
#: How often, with nothing changing, the watcher looks whether its folders should change.
RECHECK_MS = 300


def _absolute(path: str | os.PathLike[str]) -> str:
    return os.path.abspath(os.fspath(path))


class MapWatcher:
    """The files of one map, and the changes to them.

    ``ignore`` names files whose changes never count (``render --watch`` ignores its own
    output). Call :meth:`use_files` after each load with the files the map was read from, so
    that a new ``include`` is watched from then on.

    >>> w = MapWatcher("arguments/llama-3.1-open-source")
    >>> w.is_relevant(os.path.abspath("arguments/llama-3.1-open-source/new.yaml"))
    True
    >>> w.is_relevant(os.path.abspath("arguments/llama-3.1-open-source/notes.txt"))
    False
    """

    def __init__(
        self,
        map_path: str | os.PathLike[str],
        *,
        ignore: Iterable[str | os.PathLike[str]] = (),
        stop: Event | None = None,
    ) -> None:
        self.map_path = _absolute(map_path)
        self.is_directory = os.path.isdir(self.map_path)
        self._ignore = {_absolute(p) for p in ignore} | {os.path.realpath(p) for p in ignore}
        self._files: set[str] = set()
        self._stop = stop
        self.use_files([self.map_path] if not self.is_directory else [])

    def use_files(
        self,
        files: Iterable[str | os.PathLike[str]],
        seen: dict[str, tuple[int, int] | None] | None = None,
    ) -> None:
        """Watch these files (as well as the map itself and, for a directory, its folder).

        ``seen`` is :meth:`state` as it was before the load that named them: a file changed
        since is reported once watching (re)starts, even if the watcher missed the event."""
        found = {self.map_path} if not self.is_directory else set()
        for name in files:
            found.add(_absolute(name))
            found.add(os.path.realpath(name))
        self._files = found - self._ignore
        self._seen = {**self.state(), **(seen or {})}

    @property
    def files(self) -> list[str]:
        """The files watched now (as given and as resolved), sorted."""
        return sorted(self._files)

    def folders(self) -> list[str]:
        """The folders watched: those holding a watched file, and a directory map's own. A
        folder that is not there (during a ``git checkout``, say) is stood in for by its
        nearest existing parent until it is back."""
        wanted = {os.path.dirname(name) for name in self._files}
        if self.is_directory:
            wanted.add(self.map_path)
        found = set()
        for folder in wanted:
            while not os.path.isdir(folder) and os.path.dirname(folder) != folder:
                folder = os.path.dirname(folder)
            found.add(folder)
        return sorted(found)

    def is_relevant(self, path: str) -> bool:
        """Whether a change to ``path`` (absolute) can change the map."""
        if path in self._ignore:
            return False
        if path in self._files:
            return True
        return (
            self.is_directory
            and os.path.dirname(path) == self.map_path
            and Path(path).suffix in MAP_SUFFIXES
        )

    def state(self) -> dict[str, tuple[int, int] | None]:
        """Each watched file's modification time and size (None when it is not there), and a
        directory map's list of map files: what a change would alter."""
        state: dict[str, tuple[int, int] | None] = {}
        names = set(self._files)
        if self.is_directory:
            with contextlib.suppress(OSError):
                names.update(e.path for e in os.scandir(self.map_path))
        for name in sorted(names):
            if not self.is_relevant(name):
                continue
            try:
                info = os.stat(name)
                state[name] = (info.st_mtime_ns, info.st_size)
            except OSError:
                state[name] = None
        return state

    def changes(self) -> Iterator[list[str]]:
        """Batches of changed files (sorted), until the ``stop`` event is set. Ctrl-C (and any
        signal handler that raises) ends it with KeyboardInterrupt.

        The files are compared with their state at the start (and at each :meth:`use_files`)
        once watching has begun, so a change made while the watcher was not yet running, or
        was starting again on new folders, arrives as a batch too."""
        import watchfiles

        while self._stop is None or not self._stop.is_set():
            folders = self.folders()
            started = False
            for batch in watchfiles.watch(
                *folders,
                watch_filter=lambda _change, path: self.is_relevant(path),
                debounce=MAX_BATCH_MS,
                step=QUIET_MS,
                stop_event=self._stop,
                recursive=False,
                raise_interrupt=True,
                rust_timeout=RECHECK_MS,
                yield_on_timeout=True,
            ):
                if batch:
                    yield sorted({path for _change, path in batch})
                elif not started:  # watching now: catch up with what it did not see
                    missed = sorted(
                        name
                        for name, now in self.state().items()
                        if self._seen.get(name, None) != now
                    )
                    if missed:
                        yield missed
                started = True
                if self.folders() != folders:  # a new include, a folder gone or back
                    break
