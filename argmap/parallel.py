"""Splitting CPU-bound work over the machine's cores with ``fork``, results kept in order.

:func:`split_work` runs ``work`` on consecutive chunks of a sequence: the first chunk in this
process, the others in forked children that inherit the loaded map for free (no pickling of
inputs) and send their results back through a pipe. Results come back in the sequence's order,
so the output is the same bytes as a sequential run.

It falls back to doing everything here whenever splitting cannot help or cannot work: small
inputs, one core, no ``fork`` (Windows, and macOS, where forking is unsafe), ``ARGMAP_JOBS=1``, or
any failure of a child (its chunk is then redone here, so an exception surfaces with its normal
traceback). Children are killed and reaped if this process is interrupted.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["jobs", "split_work"]

T = TypeVar("T")
R = TypeVar("R")

#: The most processes :func:`split_work` uses, whatever the core count.
MAX_JOBS = 8


def jobs() -> int:
    """How many processes work may be split over: ``ARGMAP_JOBS`` if set, else the usable cores."""
    setting = os.environ.get("ARGMAP_JOBS", "").strip()
    if setting:
        try:
            return max(1, min(int(setting), MAX_JOBS))
        except ValueError:
            return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_JOBS))


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def split_work(
    items: Sequence[T], work: Callable[[Sequence[T]], R], min_chunk: int = 2000
) -> list[R]:
    """``[work(chunk) for chunk in chunks]`` over consecutive chunks of ``items``.

    There is one chunk per process used, each at least ``min_chunk`` items long; with a single
    chunk this is just ``[work(items)]``. ``work`` must not depend on what the other chunks did
    to shared state (a child's changes to this process's objects are lost): return what the
    caller has to merge, and merge it in order. Results must pickle.
    """
    n = min(jobs(), len(items) // max(min_chunk, 1))
    if n < 2 or not _can_fork():
        return [work(items)]
    size = -(-len(items) // n)  # ceiling division
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    children: list[_Child | None] = []  # one per chunk after the first
    try:
        for chunk in chunks[1:]:
            children.append(_Child.start(chunk, work))
        results = [work(chunks[0])]
        for i, chunk in enumerate(chunks[1:]):
            child, children[i] = children[i], None  # collect() owns it now
            result = child.collect() if child is not None else _FAILED
            results.append(work(chunk) if result is _FAILED else result)  # type: ignore[arg-type]
        return results
    finally:
        for child in children:  # interrupted, or an error here: leave no child behind
            if child is not None:
                child.kill()


_FAILED = object()
#: Room for a child's result in memory shared with this process (only what is written is
#: ever allocated); a bigger result goes through the pipe.
SHARED_BYTES = 512 << 20


class _Child:
    """A forked process working on one chunk. It pickles its result straight into a shared
    memory map (three times faster than a pipe for tens of MB) and says on a pipe where it is:
    ``M<length>``; a result too big for the map, or no map, goes through the pipe (``P...``).
    """

    def __init__(self, pid: int, read_fd: int, shared: mmap.mmap | None) -> None:
        self.pid, self.read_fd, self.shared = pid, read_fd, shared

    @classmethod
    def start(cls, chunk: Sequence[T], work: Callable[[Sequence[T]], R]) -> _Child | None:
        try:
            shared: mmap.mmap | None = mmap.mmap(-1, SHARED_BYTES)
        except (OSError, ValueError, OverflowError):  # no room for the mapping: use the pipe
            shared = None
        try:
            read_fd, write_fd = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(read_fd)
            os.close(write_fd)
            return None
        if pid == 0:  # the child: never return into the caller's code
            code = 1
            try:
                os.close(read_fd)
                import signal

                signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: just die, quietly
                result = work(chunk)
                with os.fdopen(write_fd, "wb") as out:
                    out.write(_send(result, shared))
                code = 0
            except BaseException:  # the parent redoes the chunk and reports any error itself
                pass
            finally:
                os._exit(code)
        os.close(write_fd)
        return cls(pid, read_fd, shared)

    def collect(self) -> object:
        """The child's result, or ``_FAILED`` when it could not give one."""
        try:
            with os.fdopen(self.read_fd, "rb") as pipe:
                data = pipe.read()
        except OSError:
            data = b""
        except BaseException:  # interrupted while waiting: the pipe is closed, stop the child
            self.read_fd = -1
            self.kill()
            raise
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:  # pragma: no cover - reaped elsewhere
            status = 1
        try:
            if status != 0 or not data:
                return _FAILED
            if data[:1] == b"M" and self.shared is not None:
                return pickle.loads(memoryview(self.shared)[: int(data[1:])])
            return pickle.loads(memoryview(data)[1:])
        except Exception:  # pragma: no cover - a truncated result
            return _FAILED
        finally:
            self._unmap()

    def kill(self) -> None:
        import signal

        if self.read_fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.read_fd)
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (OSError, ChildProcessError):
            pass
        self._unmap()

    def _unmap(self) -> None:
        if self.shared is not None:
            with contextlib.suppress(BufferError):
                self.shared.close()
            self.shared = None


def _send(result: object, shared: mmap.mmap | None) -> bytes:
    """What the child writes on its pipe: where the pickled result is, or the result itself."""
    if shared is not None:
        try:
            pickle.dump(result, shared, protocol=pickle.HIGHEST_PROTOCOL)
            return b"M%d" % shared.tell()
        except (ValueError, OSError):  # too big for the shared map
            pass
    return b"P" + pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
