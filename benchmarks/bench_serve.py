"""Benchmark the live preview: from saving a file of the map to the page's update event.

    python benchmarks/bench_serve.py [--edits 20] [--map arguments/llama-3.1-open-source]

``argmap serve`` runs as a user runs it (a process of its own, on a copy of the map). The script
listens to its event stream, as the page does, and saves a real edit (one claim's text changed
back and forth) once the previous update has arrived. Two latencies per save:

* **event**: from the write to the ``update`` event, what the issue's 1 s budget is about;
* **state**: to the end of fetching ``/state`` as well (the page's data and pictures), after which
  the page redraws in place.

The reference, measured in this process beside it, is building the same page once (load,
weighed verdicts, one Graphviz layout per language): the preview can be no faster than that, and
``event / build`` says what the watching and the pushing add.
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "arguments" / "llama-3.1-open-source"
BUDGET = 1.0


class Events:
    """The server's event stream, read as the page's EventSource reads it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.conn.request("GET", "/events")
        self.response = self.conn.getresponse()

    def next_version(self) -> int:
        while True:
            line = self.response.fp.readline().decode()
            if not line:
                raise RuntimeError("the event stream ended")
            if line.startswith("data: "):
                return int(json.loads(line[6:])["version"])

    def state(self) -> dict:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", "/state")
        body = conn.getresponse().read()
        conn.close()
        return json.loads(body)


def edit_target(folder: Path) -> tuple[Path, str]:
    """A file of the map and a line of claim text in it to change."""
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else [folder]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("en: ") and len(line) > 20:
                return path, line
    raise SystemExit("no English claim text to edit in the map")


def build_once(path: Path) -> float:
    """Seconds to build the page in this process, as the server does on each change."""
    from argmap.load import load_map
    from argmap.render.html import PageOptions, lay_out_page, page_update

    start = time.perf_counter()
    amap = load_map(path)
    page_update(lay_out_page(amap, amap, PageOptions()))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--map", default=str(SHIPPED), help="the map to preview (a copy is used)")
    parser.add_argument("--edits", type=int, default=20, help="saves to time (default 20)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="argmap-bench-serve-"))
    source = Path(args.map)
    copy = work / source.name
    if source.is_dir():
        shutil.copytree(source, copy)
    else:
        shutil.copy(source, copy)
    argmap = Path(sys.executable).with_name("argmap")
    proc = subprocess.Popen(
        [str(argmap), "serve", str(copy), "--port", "0", "--no-open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        url = proc.stdout.readline().strip()
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        events = Events(port)
        version = events.next_version()
        path, line = edit_target(copy)
        original = path.read_text(encoding="utf-8")
        to_event: list[float] = []
        to_state: list[float] = []
        for i in range(args.edits):
            text = original if i % 2 else original.replace(line, line + f" (edit {i})", 1)
            time.sleep(0.3)  # a person saves now and then, not in a burst
            start = time.perf_counter()
            path.write_text(text, encoding="utf-8")
            version = events.next_version()
            to_event.append(time.perf_counter() - start)
            state = events.state()
            to_state.append(time.perf_counter() - start)
            if state["version"] < version or not state["ok"]:
                raise SystemExit(f"unexpected state after edit {i}: {state['problems']}")
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        shutil.rmtree(work, ignore_errors=True)

    builds = [build_once(Path(args.map)) for _ in range(5)]
    build = statistics.median(builds)
    event, state_med = statistics.median(to_event), statistics.median(to_state)
    worst = max(to_event)
    rows = [
        ("save → update event", event, worst),
        ("save → /state fetched", state_med, max(to_state)),
        ("reference: one page build in-process", build, max(builds)),
    ]
    print(f"map: {args.map}; {args.edits} saves; budget {BUDGET:.1f} s from save to event\n")
    print("| step | median | worst |\n|---|---|---|")
    for name, med, top in rows:
        print(f"| {name} | {med:.3f} s | {top:.3f} s |")
    verdict = "pass" if worst <= BUDGET else "FAIL"
    print(f"\nevent / build = {event / build:.2f}×; worst save → event {worst:.3f} s: {verdict}")
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
