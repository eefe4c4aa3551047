"""MapWatcher on real folders: which changes count, and that they arrive as batches."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

from argmap.load import load_map
from argmap.serve.watch import MapWatcher


def first_batch(watcher: MapWatcher, act, timeout: float = 10.0) -> list[str]:
    """Start watching, do ``act`` once the watcher runs, and return the first batch."""
    found: list[list[str]] = []

    def consume() -> None:
        for batch in watcher.changes():
            found.append(batch)
            return

    thread = threading.Thread(target=consume, daemon=True)
    thread.start()
    time.sleep(0.3)  # let the watcher start before the change
    act()
    thread.join(timeout)
    assert found, "no change arrived"
    return found[0]


def stopped_watcher(path: Path, **kwargs) -> tuple[MapWatcher, threading.Event]:
    stop = threading.Event()
    return MapWatcher(path, stop=stop, **kwargs), stop


def test_an_included_file_outside_the_maps_folder(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "map").mkdir()
    part = tmp_path / "shared" / "part.yaml"
    part.write_text("claims:\n  b: {text: B.}\n", encoding="utf-8")
    main = tmp_path / "map" / "main.yaml"
    main.write_text(
        "argmap: 1\ninclude: [../shared/part.yaml]\nclaims:\n  a: {text: A.}\n", encoding="utf-8"
    )
    watcher, stop = stopped_watcher(main)
    watcher.use_files(load_map(main).files)
    assert str(tmp_path / "shared") in watcher.folders()
    batch = first_batch(watcher, lambda: part.write_text("claims:\n  b: {text: B2.}\n"))
    stop.set()
    assert batch == [str(part)]


def test_a_new_file_in_a_directory_map_counts_and_other_files_do_not(tmp_path: Path) -> None:
    folder = tmp_path / "debate"
    folder.mkdir()
    (folder / "00-map.yaml").write_text("argmap: 1\nclaims:\n  a: {text: A.}\n")
    watcher, stop = stopped_watcher(folder)

    def act() -> None:
        (folder / "notes.txt").write_text("not a map file")
        (folder / ".00-map.yaml.swp").write_text("an editor's swap file")
        time.sleep(0.3)
        (folder / "10-new.yaml").write_text("claims:\n  b: {text: B.}\n")

    batch = first_batch(watcher, act)
    stop.set()
    assert batch == [str(folder / "10-new.yaml")]


def test_an_editors_save_by_rename_is_one_batch(tmp_path: Path) -> None:
    main = tmp_path / "map.yaml"
    main.write_text("argmap: 1\nclaims:\n  a: {text: A.}\n")
    watcher, stop = stopped_watcher(main)

    def save() -> None:  # as vim and many editors do: a new file renamed over the old one
        temp = tmp_path / "map.yaml.tmp~"
        temp.write_text("argmap: 1\nclaims:\n  a: {text: A2.}\n")
        os.replace(temp, main)
        main.write_text("argmap: 1\nclaims:\n  a: {text: A3.}\n")

    batch = first_batch(watcher, save)
    stop.set()
    assert batch == [str(main)]


def test_ignored_files_never_count(tmp_path: Path) -> None:
    main = tmp_path / "map.yaml"
    main.write_text("argmap: 1\nclaims:\n  a: {text: A.}\n")
    out = tmp_path / "out.yaml"  # an output with a map suffix beside the map
    watcher, stop = stopped_watcher(main, ignore=[out])
    watcher.use_files([main, out])
    assert not watcher.is_relevant(str(out))

    def act() -> None:
        out.write_text("written by the command itself")
        time.sleep(0.3)
        main.write_text("argmap: 1\nclaims:\n  a: {text: A2.}\n")

    batch = first_batch(watcher, act)
    stop.set()
    assert batch == [str(main)]


def test_stop_event_ends_the_changes(tmp_path: Path) -> None:
    main = tmp_path / "map.yaml"
    main.write_text("argmap: 1\nclaims:\n  a: {text: A.}\n")
    watcher, stop = stopped_watcher(main)
    stop.set()
    assert list(watcher.changes()) == []


def test_a_map_that_is_not_there_yet_watches_its_folder(tmp_path: Path) -> None:
    watcher = MapWatcher(tmp_path / "missing.yaml")
    assert watcher.folders() == [str(tmp_path)]
    assert watcher.is_relevant(str(tmp_path / "missing.yaml"))


def test_a_change_before_watching_began_still_arrives(tmp_path: Path) -> None:
    main = tmp_path / "map.yaml"
    main.write_text("argmap: 1\nclaims:\n  a: {text: A.}\n")
    watcher, stop = stopped_watcher(main)
    seen = watcher.state()  # as the map was when it was loaded
    main.write_text("argmap: 1\nclaims:\n  a: {text: A, changed while loading.}\n")
    watcher.use_files([main], seen)
    batch = first_batch(watcher, lambda: None)
    stop.set()
    assert batch == [str(main)]


def test_a_folder_that_goes_away_and_comes_back(tmp_path: Path) -> None:
    folder = tmp_path / "debate"
    folder.mkdir()
    (folder / "00-map.yaml").write_text("argmap: 1\nclaims:\n  a: {text: A.}\n")
    watcher, stop = stopped_watcher(folder)
    batches: list[list[str]] = []

    def consume() -> None:
        for batch in watcher.changes():
            batches.append(batch)
            if any(Path(p).exists() for p in batch):
                return

    thread = threading.Thread(target=consume, daemon=True)
    thread.start()
    time.sleep(0.3)
    shutil.move(folder, tmp_path / "elsewhere")  # as a checkout of another branch might
    assert watcher.folders() == [str(tmp_path)]  # its parent stands in meanwhile
    time.sleep(0.8)
    shutil.move(tmp_path / "elsewhere", folder)
    (folder / "00-map.yaml").write_text("argmap: 1\nclaims:\n  a: {text: A2.}\n")
    thread.join(10)
    stop.set()
    assert thread.is_alive() is False
    assert batches and str(folder / "00-map.yaml") in batches[-1]
