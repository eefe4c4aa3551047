"""paused(): the collector stays out of a block, and the block's objects are not walked after."""

from __future__ import annotations

import gc

import pytest

from argmap.gcpause import paused


@pytest.fixture
def collector():  # type: ignore[no-untyped-def]
    """The collector on, nothing frozen, as a program starts; restored after."""
    was_on = gc.isenabled()
    gc.unfreeze()
    gc.enable()
    yield
    gc.unfreeze()
    if not was_on:
        gc.disable()


def test_the_collector_is_off_inside_and_back_on_after(collector: None) -> None:
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with paused():
        pass
    assert not gc.isenabled()  # it was off before: it stays off
    gc.enable()


def test_many_new_objects_are_not_walked_by_the_next_allocation(collector: None) -> None:
    collections = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(note)
    try:
        with paused():
            kept = [(i, [i]) for i in range(50_000)]  # tracked containers
            assert gc.get_count()[0] > 50_000
        more = [[i] for i in range(100)]
    finally:
        gc.callbacks.remove(note)
    assert collections == []  # the block's objects went to the oldest generation, unwalked
    assert gc.get_count()[0] < 1000
    assert gc.get_freeze_count() == 0  # and nothing stays frozen
    del kept, more


def test_objects_the_program_froze_stay_frozen(collector: None) -> None:
    gc.freeze()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    with paused():
        kept = [[i] for i in range(20_000)]
    assert gc.get_freeze_count() == frozen
    del kept


def test_an_error_in_the_block_still_switches_it_back_on(collector: None) -> None:
    with pytest.raises(ValueError), paused():
        raise ValueError("x")
    assert gc.isenabled()
