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
    children: list[tuple[int, int] | None] = []  # (pid, read end) per chunk after the first
    try:
        for chunk in chunks[1:]:
            children.append(_start(chunk, work))
        results = [work(chunks[0])]
        for i, chunk in enumerate(chunks[1:]):
            child, children[i] = children[i], None  # _collect owns it now
            result = _collect(child)
            results.append(work(chunk) if result is _FAILED else result)  # type: ignore[arg-type]
        return results
    finally:
        for child in children:  # interrupted, or an error here: leave no child behind
            if child is not None:
                _kill(child)


_FAILED = object()


def _start(chunk: Sequence[T], work: Callable[[Sequence[T]], R]) -> tuple[int, int] | None:
    """Fork a child that runs ``work(chunk)`` and pickles the result into a pipe."""
    try:
        read_fd, write_fd = os.pipe()
    except OSError:
        return None
    try:  # a bigger pipe: fewer trips between the processes for a big result
        import fcntl

        fcntl.fcntl(read_fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass
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
            data = pickle.dumps(work(chunk), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_fd, "wb") as out:
                out.write(data)
            code = 0
        except BaseException:  # the parent redoes the chunk and reports any error itself
            pass
        finally:
            os._exit(code)
    os.close(write_fd)
    return pid, read_fd


def _collect(child: tuple[int, int] | None) -> object:
    """The child's result, or ``_FAILED`` when it could not give one."""
    if child is None:
        return _FAILED
    pid, read_fd = child
    try:
        with os.fdopen(read_fd, "rb") as pipe:
            data = pipe.read()
    except OSError:
        data = b""
    except BaseException:  # interrupted while waiting: the pipe is closed, stop the child
        _kill((pid, -1))
        raise
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:  # pragma: no cover - reaped elsewhere
        status = 1
    if status != 0 or not data:
        return _FAILED
    try:
        return pickle.loads(data)
    except Exception:  # pragma: no cover - a truncated result
        return _FAILED


def _kill(child: tuple[int, int]) -> None:
    import signal

    pid, read_fd = child
    if read_fd >= 0:
        with contextlib.suppress(OSError):
            os.close(read_fd)
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (OSError, ChildProcessError):
        pass
