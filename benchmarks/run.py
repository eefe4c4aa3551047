"""Time argmap against Argdown and a json.loads floor on synthetic maps, side by side.

Every measurement is a fresh process (a cold start, as a user runs a command), repeated; the
table shows the median wall time and the largest peak memory (ru_maxrss) of the repeats:

* argmap ``validate``, ``supporters`` (a position, depth 1, and ``--all``), ``render -o x.dot``,
  ``export --to json`` and ``evaluate --semantics grounded``, each without the cache
  (``ARGMAP_NO_CACHE=1``, what the first load of a map costs) and with a warm cache;
* Argdown's CLI (``@argdown/cli`` from npm) turning the same debate, written as Argdown, into DOT;
* ``json.loads`` of the same content as JSON in a fresh Python: the floor for reading the data.

    python benchmarks/run.py                      # 1k, 10k, 32k and 100k claims, 3 repeats
    python benchmarks/run.py --quick              # 1k and 10k, once each
    python benchmarks/run.py --sizes 200,2000 --repeats 5 --no-argdown

Maps, outputs, the cache and Argdown's node_modules go to ``benchmarks/_work/`` (git-ignored).
Argdown is installed there with npm on first use unless ``--argdown PATH`` names a binary or
``--no-argdown`` skips it. The table is printed and written to ``benchmarks/_work/results.md``
(and ``results.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (the generator beside this file)

ARGDOWN_VERSION = "2.0.0"
#: npm has no @argdown/markdown-it-plugin 2.x for @argdown/cli 2.0.0: pin the one that exists
#: (only the Markdown command uses it).
ARGDOWN_PACKAGE = {
    "name": "argmap-bench-argdown",
    "private": True,
    "dependencies": {"@argdown/cli": ARGDOWN_VERSION},
    "overrides": {"@argdown/markdown-it-plugin": "1.7.7"},
}
DEFAULT_SIZES = (1_000, 10_000, 32_000, 100_000)
QUICK_SIZES = (1_000, 10_000)
JSON_FLOOR = "import json, sys\nwith open(sys.argv[1], 'rb') as f:\n    json.loads(f.read())\n"


@dataclass
class Task:
    """How to run one task: argv from (map, Argdown twin, JSON twin, size), its environment,
    and the file or folder it writes (removed before each run, checked after it)."""

    build: Callable[[Path, Path, Path, int], list[str]]
    env: dict[str, str]
    output: Callable[[int], Path] | None = None
    cwd: Path = ROOT


def _complete(output: Path) -> bool:
    """Whether a run wrote its output in full (Argdown 2.0.0 may exit 1 after a good export)."""
    files = sorted(output.glob("*.dot")) if output.is_dir() else [output]
    try:
        return bool(files) and files[0].read_bytes().rstrip().endswith(b"}")
    except OSError:
        return False


@dataclass
class Result:
    """The runs of one task at one size."""

    task: str
    size: int
    times: list[float] = field(default_factory=list)
    peak_kb: int = 0
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    def cell(self) -> str:
        if self.note:
            return self.note
        m = self.median
        return "–" if m is None else f"{m:.2f} s · {self.peak_kb / 1024:.0f} MB"


def run_once(
    cmd: list[str], env: dict[str, str], timeout: float, cwd: Path
) -> tuple[float, int, int]:
    """Run ``cmd`` in a fresh process: (wall seconds, peak RSS in KiB, exit code; -9 on timeout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    stderr = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode not in (0, -9):
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        print(f"  ! {' '.join(cmd[:3])}... exited {proc.returncode}: {' | '.join(tail)}")
    return elapsed, usage.ru_maxrss, proc.returncode


def argmap_cmd() -> list[str]:
    """The ``argmap`` console script beside this Python, else ``python -m argmap``."""
    script = Path(sys.executable).with_name("argmap")
    return [str(script)] if script.exists() else [sys.executable, "-m", "argmap"]


def has_command(argmap: list[str], name: str, env: dict[str, str]) -> bool:
    """Whether this argmap has the subcommand ``name``."""
    done = subprocess.run(
        [*argmap, name, "--help"], env=env, capture_output=True, check=False, cwd=ROOT
    )
    return done.returncode == 0


#: Maps smaller than this are not cached (argmap.load.cache.MIN_BYTES).
CACHED_BYTES = 512 * 1024


def find_argdown(work: Path, explicit: str | None, install: bool) -> Path | None:
    """An ``argdown`` binary: the given one, a tools/ or work-dir install, else npm-install it."""
    if explicit:  # absolute: Argdown runs from the maps folder
        return Path(explicit).resolve()
    for candidate in (
        ROOT / "tools" / "node_modules" / ".bin" / "argdown",
        work / "node" / "node_modules" / ".bin" / "argdown",
    ):
        if candidate.exists():
            return candidate
    npm = shutil.which("npm")
    if not install or npm is None:
        return None
    folder = work / "node"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text(json.dumps(ARGDOWN_PACKAGE, indent=2) + "\n")
    print(f"installing @argdown/cli {ARGDOWN_VERSION} into {folder} ...")
    done = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=folder,
        check=False,
    )
    binary = folder / "node_modules" / ".bin" / "argdown"
    return binary if done.returncode == 0 and binary.exists() else None


def ensure_maps(size: int, maps: Path, lang: str) -> tuple[Path, Path, Path]:
    """The YAML map, its Argdown twin and its JSON twin for ``size`` claims (made when missing or
    made by another generator version)."""
    stem = f"map-{size}" + ("" if lang == "en" else f"-{lang}")
    yaml_path, argdown_path = maps / f"{stem}.yaml", maps / f"{stem}.argdown"
    json_path, stamp = maps / f"{stem}.json", maps / f"{stem}.version"
    wanted = str(generate.GENERATOR_VERSION)
    fresh = stamp.exists() and stamp.read_text() == wanted
    if not (fresh and yaml_path.exists() and argdown_path.exists() and json_path.exists()):
        t = time.perf_counter()
        yaml_path, argdown_path = generate.write(size, maps, lang=lang)
        from argmap.load.yaml import parse

        data = parse(yaml_path.read_text(encoding="utf-8"), yaml_path.name).plain()
        json_path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
        stamp.write_text(wanted)
        print(f"generated {yaml_path.name} and its twins in {time.perf_counter() - t:.1f} s")
    return yaml_path, argdown_path, json_path


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    info = {
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }
    for tool, args in (("node", ["node", "--version"]), ("graphviz", ["dot", "-V"])):
        try:
            done = subprocess.run(args, capture_output=True, text=True, check=False)
            info[tool] = (done.stdout or done.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            info[tool] = "missing"
    try:
        import pydot
        import yaml

        info["libs"] = f"PyYAML {yaml.__version__}, pydot {pydot.__version__}"
    except ImportError:  # pragma: no cover
        pass
    return info


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover
        return "?"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print and save the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="comma-separated claim counts (default 1k,10k,32k,100k)")
    parser.add_argument("--quick", action="store_true", help="1k and 10k claims, one run each")
    parser.add_argument("--repeats", type=int, help="runs per measurement (default 3; quick: 1)")
    parser.add_argument("--lang", choices=["en", "ja", "both"], default="en")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    parser.add_argument("--work", default=str(HERE / "_work"), help="folder for everything made")
    parser.add_argument("--argdown", help="path of an argdown binary to use")
    parser.add_argument("--no-argdown", action="store_true", help="leave Argdown out")
    parser.add_argument("--no-install", action="store_true", help="never run npm install")
    parser.add_argument("--tasks", help="comma-separated subset of the tasks to run")
    args = parser.parse_args(argv)

    if args.sizes:
        sizes = [int(float(s.strip().lower().replace("k", "e3"))) for s in args.sizes.split(",")]
    else:
        sizes = list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    repeats = args.repeats or (1 if args.quick else 3)
    work = Path(args.work).resolve()
    maps, out, cache = work / "maps", work / "out", work / "cache"
    for folder in (maps, out):
        folder.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(cache, ignore_errors=True)

    base_env = {k: v for k, v in os.environ.items() if k != "ARGMAP_NO_CACHE"}
    base_env["XDG_CACHE_HOME"] = str(cache)
    nocache_env = {**base_env, "ARGMAP_NO_CACHE": "1"}
    argmap = argmap_cmd()
    chosen = [t.strip() for t in args.tasks.split(",")] if args.tasks else [""]
    want_argdown = not args.no_argdown and any("Argdown".startswith(c[:7]) for c in chosen)
    argdown = find_argdown(work, args.argdown, not args.no_install) if want_argdown else None
    if want_argdown and argdown is None:
        print("Argdown not available: its column stays empty (see --argdown, --no-install)")

    def am(*words: str) -> list[str]:
        return [*argmap, *words]

    tasks: dict[str, Task] = {}
    for label, env in (("", nocache_env), (" (cached)", base_env)):
        tasks["validate" + label] = Task(lambda m, a, j, n: am("validate", "-q", str(m)), env)
        tasks["supporters" + label] = Task(
            lambda m, a, j, n: am("supporters", str(m), "congestion-0", "--format", "ids"), env
        )
        tasks["supporters --all" + label] = Task(
            lambda m, a, j, n: am("supporters", str(m), "congestion-0", "--all", "--format", "ids"),
            env,
        )
        tasks["render -o x.dot" + label] = Task(
            lambda m, a, j, n: am("render", str(m), "-o", str(out / f"argmap-{n}.dot")),
            env,
            lambda n: out / f"argmap-{n}.dot",
        )
        tasks["export --to json" + label] = Task(
            lambda m, a, j, n: am("export", str(m), "--to", "json", "-o", str(out / f"{n}.json")),
            env,
            lambda n: out / f"{n}.json",
        )
        tasks["evaluate grounded" + label] = Task(
            lambda m, a, j, n: am("evaluate", str(m), "--semantics", "grounded"), env
        )
    if argdown is not None:
        # run where the twin is: Argdown ignores input paths with a folder named _*
        tasks["Argdown map → dot"] = Task(
            lambda m, a, j, n: [str(argdown), "map", a.name, str(out / f"argdown-{n}"), "--format",
                                "dot"],
            base_env,
            lambda n: out / f"argdown-{n}",
            maps,
        )  # fmt: skip
    tasks["json.loads floor"] = Task(
        lambda m, a, j, n: [sys.executable, "-c", JSON_FLOOR, str(j)], dict(os.environ)
    )
    tasks = {k: v for k, v in tasks.items() if any(k.startswith(c) for c in chosen)}

    missing = {
        word: not has_command(argmap, word, base_env)
        for word in ("validate", "supporters", "render", "export", "evaluate")
    }
    # As an installed package has it: bytecode compiled once (where PYTHONDONTWRITEBYTECODE is
    # set, every run would otherwise compile every module of argmap again, ~20 ms).
    import compileall

    compileall.compile_dir(str(ROOT / "argmap"), quiet=1)
    info = machine()
    print("machine: " + "; ".join(f"{k} {v}" for k, v in info.items()))
    print(f"load average at start: {load_average()}")
    results: dict[tuple[str, int], Result] = {}
    for size in sizes:
        m, a, j = ensure_maps(size, maps, args.lang)
        # warm the cache: the command writes the entry after it ends, in a detached child;
        # wait for it, so that no writer runs while anything is timed
        entries = cache / "argmap"
        before = len(list(entries.glob("*.map")))
        run_once(am("validate", "-q", str(m)), base_env, args.timeout, ROOT)
        deadline = time.time() + (args.timeout if m.stat().st_size >= CACHED_BYTES else 0)
        while len(list(entries.glob("*.map"))) <= before and time.time() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # the writer prunes old entries, then exits
        print(f"\n{size:,} claims ({m.stat().st_size / 1e6:.1f} MB of YAML); load {load_average()}")
        for name, task in tasks.items():
            res = results[(name, size)] = Result(name, size)
            if missing.get(name.split()[0]):
                res.note = "n/a"
                continue
            output = task.output(size) if task.output else None
            for _ in range(repeats):
                if output is not None:
                    shutil.rmtree(output, ignore_errors=True)
                    output.unlink(missing_ok=True)
                argv = task.build(m, a, j, size)
                elapsed, peak, code = run_once(argv, task.env, args.timeout, task.cwd)
                if code == -9:
                    res.note = f"> {args.timeout:.0f} s"
                    break
                if code != 0 and not (output is not None and _complete(output)):
                    res.note = f"exit {code}"
                    break
                res.times.append(elapsed)
                res.peak_kb = max(res.peak_kb, peak)
            print(f"  {name:32} {res.cell()}")

    table = format_table(results, sizes, list(tasks))
    print("\n" + table)
    (work / "results.md").write_text(
        "machine: " + "; ".join(f"{k} {v}" for k, v in info.items()) + "\n\n" + table + "\n",
        encoding="utf-8",
    )
    (work / "results.json").write_text(
        json.dumps(
            {
                "machine": info,
                "repeats": repeats,
                "results": [
                    {
                        "task": r.task,
                        "size": r.size,
                        "times": r.times,
                        "median": r.median,
                        "peak_mb": round(r.peak_kb / 1024, 1),
                        "note": r.note,
                    }
                    for r in results.values()
                ],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"\nwritten to {work / 'results.md'} and results.json")
    return 0


def format_table(results: dict[tuple[str, int], Result], sizes: list[int], tasks: list[str]) -> str:
    """The Markdown table of medians and peaks, then the ratios that the targets are about."""
    head = "| task | " + " | ".join(f"{s:,} claims" for s in sizes) + " |"
    lines = [head, "|---" * (len(sizes) + 1) + "|"]
    for task in tasks:
        cells = [results[(task, s)].cell() if (task, s) in results else "" for s in sizes]
        lines.append(f"| {task} | " + " | ".join(cells) + " |")

    def ratio(a: str, b: str, size: int) -> str:
        x, y = results.get((a, size)), results.get((b, size))
        if not x or not y or x.median is None or y.median is None or x.note or y.note:
            return "–"
        return f"{x.median / y.median:.1f}×"

    lines.append("")
    lines.append("| ratio | " + " | ".join(f"{s:,}" for s in sizes) + " |")
    lines.append("|---" * (len(sizes) + 1) + "|")
    pairs = [
        ("Argdown ÷ argmap render (DOT)", "Argdown map → dot", "render -o x.dot"),
        ("Argdown ÷ argmap render (DOT, cached)", "Argdown map → dot", "render -o x.dot (cached)"),
        ("argmap validate ÷ json.loads floor", "validate", "json.loads floor"),
        ("argmap validate (cached) ÷ json.loads floor", "validate (cached)", "json.loads floor"),
    ]
    for label, a, b in pairs:
        lines.append(f"| {label} | " + " | ".join(ratio(a, b, s) for s in sizes) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
