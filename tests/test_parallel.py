"""split_work: chunks in order, children's failures redone here, nothing left running."""

from __future__ import annotations

import os

import pytest

from argmap import parallel


def _pids_and_squares(chunk):
    return os.getpid(), [x * x for x in chunk]


def test_results_come_back_in_order_from_several_processes(monkeypatch):
    monkeypatch.setenv("ARGMAP_JOBS", "3")
    results = parallel.split_work(list(range(3000)), _pids_and_squares, min_chunk=500)
    assert len(results) == 3
    assert [x for _, squares in results for x in squares] == [x * x for x in range(3000)]
    pids = [pid for pid, _ in results]
    assert pids[0] == os.getpid()
    assert len(set(pids)) == 3  # the other chunks really ran elsewhere


def test_small_inputs_and_one_job_stay_here(monkeypatch):
    monkeypatch.setenv("ARGMAP_JOBS", "4")
    assert parallel.split_work([1, 2], _pids_and_squares, min_chunk=500) == [(os.getpid(), [1, 4])]
    monkeypatch.setenv("ARGMAP_JOBS", "1")
    results = parallel.split_work(list(range(5000)), _pids_and_squares, min_chunk=10)
    assert [pid for pid, _ in results] == [os.getpid()]


@pytest.mark.parametrize(("setting", "expected"), [("2", 2), ("0", 1), ("99", 8), ("x", 1)])
def test_jobs_setting(monkeypatch, setting, expected):
    monkeypatch.setenv("ARGMAP_JOBS", setting)
    assert parallel.jobs() == expected


def test_a_failing_child_chunk_is_redone_here_and_its_error_surfaces(monkeypatch):
    monkeypatch.setenv("ARGMAP_JOBS", "2")
    parent = os.getpid()

    def work(chunk):
        if os.getpid() != parent:
            raise RuntimeError("child trouble")  # the child dies quietly
        if chunk[0] >= 100:
            raise ValueError(f"bad chunk {chunk[0]}")
        return sum(chunk)

    with pytest.raises(ValueError, match="bad chunk 100"):
        parallel.split_work(list(range(200)), work, min_chunk=100)


def test_an_unpicklable_result_falls_back_to_this_process(monkeypatch):
    monkeypatch.setenv("ARGMAP_JOBS", "2")
    results = parallel.split_work(list(range(200)), lambda c: lambda: len(c), min_chunk=100)
    assert [f() for f in results] == [100, 100]


def test_no_child_is_left_behind(monkeypatch):
    monkeypatch.setenv("ARGMAP_JOBS", "2")

    def work(chunk):
        if chunk[0] == 0:
            raise KeyboardInterrupt  # as if Ctrl-C reached this process mid-work
        return chunk

    with pytest.raises(KeyboardInterrupt):
        parallel.split_work(list(range(200)), work, min_chunk=100)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left to reap
