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
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["can_fork", "jobs", "split_work"]

T = TypeVar("T")
R = TypeVar("R")

#: The most processes :func:`split_work` uses, whatever the core count.
MAX_JOBS = 8


def jobs() -> int:
    """How many processes work may be split over: 1 where forking is not safe (see
    :func:`split_work`), else ``ARGMAP_JOBS`` if set, else the usable cores (the CPU affinity,
    and a container's CPU quota)."""
    if not can_fork():
        return 1
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
    return max(1, min(cores, _cpu_quota() or cores, MAX_JOBS))


def _cpu_quota() -> int | None:
    """The cores a cgroup v2 CPU quota allows (``/sys/fs/cgroup/cpu.max``), if there is one."""
    try:
        with open("/sys/fs/cgroup/cpu.max") as f:
            quota, period = f.read().split()[:2]
        if quota == "max":
            return None
        return max(1, -(-int(quota) // int(period)))  # ceiling division
    except (OSError, ValueError):
        return None


def can_fork() -> bool:
    """Linux, and no thread besides the main one but argmap's own progress line, which touches
    nothing a child uses: forking a process with other threads can deadlock the child."""
    if not (sys.platform.startswith("linux") and hasattr(os, "fork")):
        return False
    import threading

    main = threading.main_thread()
    return all(t is main or t.name == "argmap-progress" for t in threading.enumerate())


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
    if n < 2:
        return [work(items)]
    size = -(-len(items) // n)  # ceiling division
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    children: list[_Child | None] = []  # one per chunk after the first (None: no child)
    try:
        for chunk in chunks[1:]:
            _Child.start(chunk, work, children)
        results = [work(chunks[0])]
        for i, chunk in enumerate(chunks[1:]):
            child = children[i]
            result = child.collect() if child is not None else _FAILED
            children[i] = None
            results.append(work(chunk) if result is _FAILED else result)  # type: ignore[arg-type]
        return results
    finally:
        for child in children:  # interrupted, or an error here: leave no child behind
            if child is not None:
                child.kill()


_FAILED = object()
#: Room for a child's result in memory shared with this process (only what is written is
#: ever allocated); a bigger result goes through the pipe.
SHARED_BYTES = 256 << 20


class _Child:
    """A forked process working on one chunk. It pickles its result straight into a shared
    memory map (faster than a pipe for tens of MB) and says on a pipe where it is:
    ``M<length>``; a result too big for the map, or no map, goes through the pipe (``P...``).
    """

    def __init__(self, pid: int, read_fd: int, shared: Any) -> None:
        self.pid, self.read_fd, self.shared = pid, read_fd, shared

    @classmethod
    def start(
        cls, chunk: Sequence[T], work: Callable[[Sequence[T]], R], children: list[_Child | None]
    ) -> None:
        """Fork a child for ``chunk`` and append it to ``children`` (None if none could be)."""
        import mmap

        try:
            shared: mmap.mmap | None = mmap.mmap(-1, SHARED_BYTES)
        except (OSError, ValueError, OverflowError, MemoryError):  # no room: use the pipe
            shared = None
        try:
            read_fd, write_fd = os.pipe()
        except OSError:
            children.append(None)
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(read_fd)
            os.close(write_fd)
            children.append(None)
            return
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
        children.append(cls(pid, read_fd, shared))  # first: from here on it is always killed
        os.close(write_fd)

    def collect(self) -> object:
        """The child's result, or ``_FAILED`` when it could not give one. Interrupted, it kills
        the child first."""
        try:
            return self._collect()
        except BaseException:
            self.kill()
            raise

    def _collect(self) -> object:
        import pickle

        pipe, self.read_fd = os.fdopen(self.read_fd, "rb"), -1  # the file object closes it
        try:
            with pipe:
                data = pipe.read()
        except OSError:
            data = b""
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:  # pragma: no cover - reaped elsewhere
            status = 1
        self.pid = -1
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
        """Stop the child (if it still runs), reap it, and let go of its pipe and memory."""
        import signal

        if self.read_fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.read_fd)
            self.read_fd = -1
        if self.pid > 0:  # never 0 or -1: os.kill would signal a whole process group
            with contextlib.suppress(OSError, ChildProcessError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            self.pid = -1
        self._unmap()

    def _unmap(self) -> None:
        if self.shared is not None:
            with contextlib.suppress(BufferError):
                self.shared.close()
            self.shared = None


def _send(result: object, shared: Any) -> bytes:
    """What the child writes on its pipe: where the pickled result is (in the shared memory
    map ``shared``), or the result itself."""
    import pickle

    if shared is not None:
        try:
            pickle.dump(result, shared, protocol=pickle.HIGHEST_PROTOCOL)
            return b"M%d" % shared.tell()
        except (ValueError, OSError):  # too big for the shared map
            pass
    return b"P" + pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
