"""Measure argmap's performance guards, for one argmap or for two side by side (after, before).

Every measurement is a fresh process (a cold start, as a user runs a command) on a map's first
load (``ARGMAP_NO_CACHE=1`` and an empty ``XDG_CACHE_HOME``), repeated; a figure is the median
wall time, with the largest peak memory (``ru_maxrss``) of the repeats. The runs of the two
argmaps and of the references are interleaved, so a slower minute of a shared machine hits both.
Each guard is checked against a reference measured in the same run, never against a fixed
machine speed:

* every command on the shipped map within 0.3 s (``render -o x.svg`` less ``dot``'s own time,
  which is shown beside); reference: a bare Python start;
* map → SVG at 100, 1,000 and 2,500 claims at most 0.35 s more than bare ``dot -Tsvg`` on the
  DOT that argmap writes for the same map;
* at those sizes, argmap's map → SVG at least 4×, 3× and 2× faster than the Argdown CLI's map →
  SVG of the same debate (both lay the picture out; Argdown's map → DOT is shown for
  information);
* map → DOT at 32,000 claims no slower than Argdown's map → DOT;
* 100,000 claims validated within 10 s; reference: ``json.loads`` of the same data;
* the weighed ``evaluate`` of 32,000 claims within 5 s; reference: ``json.loads`` likewise.

    python benchmarks/run.py --before /tmp/before/.venv/bin/argmap     # the full run, ~12 min
    python benchmarks/run.py --quick                                    # small sizes, one run
    python benchmarks/run.py --guards shipped,svg --repeats 9

Maps, outputs and the cache go to ``benchmarks/_work/`` (git-ignored). Argdown is the one in
``node_modules/`` or ``tools/node_modules/``, else installed with npm into the work folder on
first use, unless ``--argdown PATH`` names one or ``--no-argdown`` skips it. The table is
printed and written to ``results.md`` (and the samples to ``results.json``) in the work folder.
"""

from __future__ import annotations

import argparse
import json
import operator
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

SHIPPED = ROOT / "arguments" / "llama-3.1-open-source"
ARGDOWN_VERSION = "2.0.0"
#: npm has no @argdown/markdown-it-plugin 2.x for @argdown/cli 2.0.0: pin the one that exists.
ARGDOWN_PACKAGE = {
    "name": "argmap-bench-argdown",
    "private": True,
    "dependencies": {"@argdown/cli": ARGDOWN_VERSION},
    "overrides": {"@argdown/markdown-it-plugin": "1.7.7"},
}
#: Argdown skips inputs under a folder named ``_*`` (as ``_work`` is) unless told otherwise.
ARGDOWN_CONFIG = 'module.exports = { ignore: ["**/node_modules/**"] };\n'
JSON_FLOOR = "import json, sys\nwith open(sys.argv[1], 'rb') as f:\n    json.loads(f.read())\n"
GUARDS = ("shipped", "svg", "argdown", "dot", "validate", "weighed", "cache")
#: The commands of the shipped-map guard: (label, the words after ``argmap``; {map} and {out}).
SHIPPED_COMMANDS = [
    ("validate", ["validate", "{map}"]),
    ("stats", ["stats", "{map}"]),
    ("supporters", ["supporters", "{map}", "zuck-path-forward"]),
    ("opposers --all", ["opposers", "{map}", "zuck-path-forward", "--all"]),
    ("show", ["show", "{map}", "zuck-path-forward"]),
    ("why", ["why", "{map}", "zuck-china-espionage", "zuck-path-forward"]),
    ("find", ["find", "{map}", "China"]),
    ("lint", ["lint", "{map}"]),
    ("actors", ["actors", "{map}"]),
    ("evaluate", ["evaluate", "{map}"]),
    ("strength", ["strength", "{map}"]),
    ("keystones", ["keystones", "{map}"]),
    ("render -o x.svg", ["render", "{map}", "-o", "{out}.svg"]),
    ("html", ["html", "{map}", "-o", "{out}.html"]),
    ("export --to json", ["export", "{map}", "--to", "json", "-o", "{out}.json"]),
]


@dataclass
class Result:
    """The runs of one measurement: wall times, the largest peak RSS, or why it has none."""

    times: list[float] = field(default_factory=list)
    peak_kb: int = 0
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times and not self.note else None

    def cell(self) -> str:
        m = self.median
        return self.note or ("–" if m is None else f"{m:.2f} s · {self.peak_kb / 1024:.0f} MB")


@dataclass
class Row:
    """One line of the guard table: a figure per argmap and whether it keeps the budget."""

    guard: str
    case: str
    budget: str
    reference: str
    cells: dict[str, tuple[str, bool | None]] = field(default_factory=dict)


@dataclass
class Job:
    """One command to time: its argv, environment, folder, and the output it must leave."""

    argv: list[str]
    env: dict[str, str]
    cwd: Path
    output: Path | None = None


def run_once(job: Job, timeout: float) -> tuple[float, int, int, str]:
    """Run ``job`` in a fresh process: (wall s, peak RSS KiB, exit code (-9: timeout), stderr)."""
    if job.output is not None:
        shutil.rmtree(job.output, ignore_errors=True)
        job.output.unlink(missing_ok=True)
    start = time.perf_counter()
    proc = subprocess.Popen(
        job.argv, cwd=job.cwd, env=job.env, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    stderr = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    timer.cancel()
    if proc.stderr:
        proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, code, stderr.decode("utf-8", "replace")


def complete(output: Path) -> bool:
    """Whether a run wrote its output in full (Argdown may exit 1 after a good export)."""
    files = sorted(output.glob("*.*")) if output.is_dir() else [output]
    try:
        tail = files[0].read_bytes().rstrip()[-16:] if files else b""
    except OSError:
        return False
    return tail.endswith((b"}", b"</svg>", b"</html>", b"]"))


def measure(jobs: dict[str, Job], repeats: int, timeout: float, cache: Path) -> dict[str, Result]:
    """Run each job ``repeats`` times, interleaved (a, b, c, a, b, c...), on an empty cache."""
    results = {name: Result() for name in jobs}
    for _ in range(repeats):
        for name, job in jobs.items():
            res = results[name]
            if res.note:
                continue
            shutil.rmtree(cache, ignore_errors=True)
            elapsed, peak, code, stderr = run_once(job, timeout)
            if code == -9:
                res.note = f"> {timeout:.0f} s"
            elif code != 0 and not (job.output is not None and complete(job.output)):
                tail = " | ".join(stderr.strip().splitlines()[-2:])
                print(f"  ! {name}: exit {code}: {tail[:300]}")
                res.note = f"exit {code}"
            elif job.output is not None and not job.output.exists():
                res.note = "no output"
            else:
                res.times.append(elapsed)
                res.peak_kb = max(res.peak_kb, peak)
    for name, res in results.items():
        print(f"  {name:44} {res.cell()}")
    return results


def paired(a: Result, b: Result, op: Callable[[float, float], float]) -> float:
    """The median of ``op`` over the repeats of two measurements made side by side (a margin or
    a ratio that a slow minute of the machine does not tilt); else ``op`` of their medians."""
    if a.times and len(a.times) == len(b.times):
        return statistics.median(op(x, y) for x, y in zip(a.times, b.times, strict=True))
    assert a.median is not None and b.median is not None
    return op(a.median, b.median)


def find_argdown(work: Path, explicit: str | None, install: bool) -> Path | None:
    """An ``argdown`` binary: the given one, one installed beside argmap, else npm-install it."""
    if explicit:
        return Path(explicit).resolve()
    for candidate in (
        ROOT / "node_modules" / ".bin" / "argdown",
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
    subprocess.run([npm, "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=folder)
    binary = folder / "node_modules" / ".bin" / "argdown"
    return binary if binary.exists() else None


def argdown_version(binary: Path) -> str:
    package = binary.resolve().parent.parent / "package.json"  # .../@argdown/cli/dist/cli.js
    for candidate in (package, binary.parent.parent / "@argdown" / "cli" / "package.json"):
        try:
            return "@argdown/cli " + json.loads(candidate.read_text())["version"]
        except (OSError, ValueError, KeyError):
            continue
    return "@argdown/cli ?"


#: Writes the JSON twin of a YAML map (PyYAML's C loader where present; not argmap's reader).
JSON_TWIN = """import json, sys, yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
with open(sys.argv[1], encoding="utf-8") as f:
    data = yaml.load(f, Loader=loader)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(data, f, ensure_ascii=False, default=str)
"""


def ensure_maps(size: int, maps: Path) -> tuple[Path, Path, Path]:
    """The YAML map, its Argdown twin and its JSON twin for ``size`` claims (made when missing or
    made by another generator version). They are made in child processes: a child's peak memory
    (``ru_maxrss``) starts from what the runner held when it forked, so the runner stays small."""
    stem = f"map-{size}"
    yaml_path, argdown_path = maps / f"{stem}.yaml", maps / f"{stem}.argdown"
    json_path, stamp = maps / f"{stem}.json", maps / f"{stem}.version"
    wanted = str(generate.GENERATOR_VERSION)
    fresh = stamp.exists() and stamp.read_text() == wanted
    if not (fresh and yaml_path.exists() and argdown_path.exists() and json_path.exists()):
        t = time.perf_counter()
        script = str(HERE / "generate.py")
        subprocess.run(
            [sys.executable, script, str(size), str(maps)], check=True, stdout=subprocess.DEVNULL
        )
        subprocess.run(
            [sys.executable, "-c", JSON_TWIN, str(yaml_path), str(json_path)], check=True
        )
        stamp.write_text(wanted)
        print(f"generated {yaml_path.name} and its twins in {time.perf_counter() - t:.1f} s")
    return yaml_path, argdown_path, json_path


def python_beside(exe: Path) -> Path:
    """The Python an argmap console script runs with (its shebang), else this one."""
    try:
        first = exe.read_bytes()[:300].split(b"\n", 1)[0]
        if first.startswith(b"#!"):
            return Path(first[2:].decode().strip().split()[0])
    except OSError:
        pass
    return Path(sys.executable)


def compile_package(exe: Path) -> str:
    """Compile the package an argmap runs once, as an installed package has it (where
    ``PYTHONDONTWRITEBYTECODE`` is set, every run would compile every module again); its path."""
    python = str(python_beside(exe))
    done = subprocess.run(
        [python, "-c", "import argmap, os; print(os.path.dirname(argmap.__file__))"],
        capture_output=True, text=True, check=False, cwd="/",  # not this checkout's argmap
    )  # fmt: skip
    folder = done.stdout.strip()
    if folder:
        subprocess.run([python, "-m", "compileall", "-q", folder], check=False)
    return folder or "?"


def machine(argdown: Path | None) -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "os": f"{platform.system()} {platform.release()}",
    }
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        info["memory"] = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    info["python"] = platform.python_version()
    for tool, args in (("node", ["node", "--version"]), ("graphviz", ["dot", "-V"])):
        try:
            done = subprocess.run(args, capture_output=True, text=True, check=False)
            info[tool] = (done.stdout or done.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            info[tool] = "missing"
    if argdown is not None:
        info["argdown"] = argdown_version(argdown)
    return info


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover
        return "?"


def secs(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f} s"


class Bench:
    """The run: the argmaps to compare, where everything goes, and the rows measured so far."""

    def __init__(self, args: argparse.Namespace, versions: dict[str, list[str]]) -> None:
        self.args = args
        self.versions = versions
        self.work = Path(args.work).resolve()
        self.maps, self.out, self.cache = self.work / "maps", self.work / "out", self.work / "cache"
        for folder in (self.maps, self.out):
            folder.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("ARGMAP_")}
        self.env = {**env, "XDG_CACHE_HOME": str(self.cache), "ARGMAP_NO_CACHE": "1"}
        self.rows: list[Row] = []
        self.samples: dict[str, dict[str, object]] = {}
        self.argdown: Path | None = None
        self.has_dot = shutil.which("dot") is not None

    def repeats(self, size: int) -> int:
        return self.args.repeats if size < 2_000 else self.args.big_repeats

    def run(self, label: str, jobs: dict[str, Job], repeats: int) -> dict[str, Result]:
        """Measure ``jobs`` and keep their samples under ``label``."""
        print(f"\n{label} (load {load_average()})")
        results = measure(jobs, repeats, self.args.timeout, self.cache)
        for name, res in results.items():
            self.samples[f"{label}: {name}"] = {
                "times": res.times,
                "median": res.median,
                "peak_mb": round(res.peak_kb / 1024, 1),
                "note": res.note,
            }
        return results

    def am(self, version: str, *words: str) -> list[str]:
        return [*self.versions[version], *words]

    def dot_job(self, source: Path, target: Path) -> Job:
        return Job(["dot", "-Tsvg", str(source), "-o", str(target)], self.env, self.out, target)

    def argdown_job(self, twin: Path, size: int, fmt: str) -> Job:
        assert self.argdown is not None
        (self.maps / "argdown.config.js").write_text(ARGDOWN_CONFIG)
        target = self.out / f"argdown-{size}-{fmt}"
        argv = [str(self.argdown), "map", twin.name, str(target), "--format", fmt,
                "--config", "argdown.config.js"]  # fmt: skip
        return Job(argv, self.env, self.maps, target)

    def write_dot(self, version: str, source: Path, tag: str) -> Path | None:
        """The DOT this argmap writes for ``source`` (what bare ``dot`` is timed on)."""
        target = self.out / f"{version}-{tag}.ref.dot"
        argv = self.am(version, "render", str(source), "-o", str(target))
        job = Job(argv, self.env, self.out, target)
        _, _, code, stderr = run_once(job, self.args.timeout)
        if code != 0 or not target.exists():
            print(f"  ! {version} render -o {target.name}: exit {code}: {stderr.strip()[-300:]}")
            return None
        return target

    def shipped(self) -> None:
        """Every command on the shipped map, cold; ``render`` less bare ``dot`` on its DOT."""
        jobs: dict[str, Job] = {}
        python = python_beside(Path(self.versions["after"][0]))
        jobs["python start"] = Job([str(python), "-c", "pass"], self.env, self.out)
        for version in self.versions:
            for label, words in SHIPPED_COMMANDS:
                out = self.out / f"{version}-shipped"
                argv = self.am(version, *(w.format(map=SHIPPED, out=out) for w in words))
                output = out.with_suffix(Path(words[-1]).suffix) if "{out}" in words[-1] else None
                jobs[f"{version} {label}"] = Job(argv, self.env, self.out, output)
            dot = self.write_dot(version, SHIPPED, "shipped") if self.has_dot else None
            if dot is not None:
                jobs[f"{version} bare dot"] = self.dot_job(dot, dot.with_suffix(".bare.svg"))
        res = self.run("shipped map: every command", jobs, self.args.repeats)
        start = res["python start"].median
        for label, _ in SHIPPED_COMMANDS:
            row = Row("shipped map ≤ 0.3 s", label, "≤ 0.30 s", f"Python start {secs(start)}")
            for version in self.versions:
                r = res[f"{version} {label}"]
                m = r.median
                if m is None:
                    row.cells[version] = (r.cell(), None)
                    continue
                text = r.cell()
                if label.startswith("render"):
                    bare = res.get(f"{version} bare dot")
                    dot = bare.median if bare else None
                    if dot is None:
                        row.cells[version] = (f"{text} (dot not timed)", None)
                        continue
                    m = paired(r, bare, operator.sub)
                    text = f"{m:.2f} s ({r.median:.2f} s − dot {dot:.2f} s)"
                row.cells[version] = (text, m <= 0.30)
            self.rows.append(row)

    def svg(self, sizes: list[int], with_argdown: bool) -> None:
        """Map → SVG against bare ``dot`` on the same DOT, and against Argdown's map → SVG."""
        if not self.has_dot:
            print("Graphviz's dot is missing: the SVG guards are not measured")
            return
        budgets = {100: 4.0, 1_000: 3.0, 2_500: 2.0}
        for size in sizes:
            m, a, _ = ensure_maps(size, self.maps)
            jobs: dict[str, Job] = {}
            for version in self.versions:
                target = self.out / f"{version}-{size}.svg"
                argv = self.am(version, "render", str(m), "-o", str(target))
                jobs[f"{version} render -o x.svg"] = Job(argv, self.env, self.out, target)
                dot = self.write_dot(version, m, str(size))
                if dot is not None:
                    jobs[f"{version} bare dot"] = self.dot_job(dot, dot.with_suffix(".bare.svg"))
                target = self.out / f"{version}-{size}.dot"
                argv = self.am(version, "render", str(m), "-o", str(target))
                jobs[f"{version} render -o x.dot"] = Job(argv, self.env, self.out, target)
            if with_argdown and self.argdown is not None:
                jobs["Argdown map → svg"] = self.argdown_job(a, size, "svg")
                jobs["Argdown map → dot"] = self.argdown_job(a, size, "dot")
            res = self.run(f"{size:,} claims: map → SVG", jobs, self.repeats(size))
            dots = {v: res[f"{v} bare dot"].median if f"{v} bare dot" in res else None
                    for v in self.versions}  # fmt: skip
            ref = ", ".join(f"{v} {secs(d)}" for v, d in dots.items())
            row = Row("SVG − bare dot ≤ 0.35 s", f"{size:,} claims", "≤ +0.35 s", f"dot {ref}")
            for version in self.versions:
                r, dot = res[f"{version} render -o x.svg"], dots[version]
                if r.median is None or dot is None:
                    row.cells[version] = (r.cell() if r.note else "–", None)
                    continue
                margin = paired(r, res[f"{version} bare dot"], operator.sub)
                row.cells[version] = (f"{margin:+.2f} s ({r.median:.2f} s)", margin <= 0.35)
            self.rows.append(row)
            if not with_argdown:
                continue
            need = budgets.get(size, 2.0)
            for fmt, guard in (("svg", f"≥ {need:.0f}× Argdown"), ("dot", None)):
                ad = res.get(f"Argdown map → {fmt}")
                name = f"Argdown ÷ argmap, map → {fmt.upper()}"
                row = Row(name, f"{size:,} claims", guard or "(info)",
                          f"Argdown {ad.cell() if ad else 'not run'}")  # fmt: skip
                for version in self.versions:
                    r = res[f"{version} render -o x.{fmt}"]
                    if ad is None or ad.median is None or r.median is None:
                        row.cells[version] = (r.cell() if r.note else "–", None)
                        continue
                    ratio = paired(ad, r, operator.truediv)
                    ok = ratio >= need if guard else None
                    row.cells[version] = (f"{ratio:.1f}× ({r.median:.2f} s)", ok)
                self.rows.append(row)

    def dot(self, size: int) -> None:
        """Map → DOT on a first load, against Argdown's map → DOT."""
        m, a, _ = ensure_maps(size, self.maps)
        jobs: dict[str, Job] = {}
        for version in self.versions:
            target = self.out / f"{version}-{size}.dot"
            argv = self.am(version, "render", str(m), "-o", str(target))
            jobs[f"{version} render -o x.dot"] = Job(argv, self.env, self.out, target)
        if self.argdown is not None:
            jobs["Argdown map → dot"] = self.argdown_job(a, size, "dot")
        res = self.run(f"{size:,} claims: map → DOT", jobs, self.repeats(size))
        ad = res.get("Argdown map → dot")
        row = Row("DOT, first load, ≥ 1× Argdown", f"{size:,} claims", "≥ 1.0×",
                  f"Argdown {ad.cell() if ad else 'not run'}")  # fmt: skip
        for version in self.versions:
            r = res[f"{version} render -o x.dot"]
            if ad is None or ad.median is None or r.median is None:
                row.cells[version] = (r.cell(), None)
                continue
            ratio = paired(ad, r, operator.truediv)
            row.cells[version] = (f"{ratio:.1f}× ({r.cell()})", ratio >= 1.0)
        self.rows.append(row)

    def validate(self, size: int) -> None:
        """``validate`` on a first load, with ``json.loads`` of the same data beside it."""
        self.against_json(size, "validate", ["validate", "-q"], 10.0)

    def weighed(self, size: int) -> None:
        """The weighed ``evaluate`` on a first load, with ``json.loads`` beside it."""
        self.against_json(size, "weighed evaluate", ["evaluate", "--format", "json"], 5.0)

    def against_json(self, size: int, name: str, words: list[str], budget: float) -> None:
        """``argmap WORDS MAP`` on a first load within ``budget`` seconds; ``json.loads`` of
        the same data is the floor it is shown against."""
        m, _, j = ensure_maps(size, self.maps)
        jobs = {v: Job(self.am(v, *words, str(m)), self.env, self.out) for v in self.versions}
        jobs["json.loads"] = Job([sys.executable, "-c", JSON_FLOOR, str(j)], self.env, self.out)
        res = self.run(f"{size:,} claims: {name}", jobs, self.repeats(size))
        floor = res["json.loads"].median
        row = Row(f"{name}, first load, ≤ {budget:g} s", f"{size:,} claims", f"≤ {budget:g} s",
                  f"json.loads {res['json.loads'].cell()}")  # fmt: skip
        for version in self.versions:
            r = res[version]
            if r.median is None:
                row.cells[version] = (r.cell(), None)
                continue
            times = f", {r.median / floor:.0f}× json.loads" if floor else ""
            row.cells[version] = (f"{r.cell()}{times}", r.median <= budget)
        self.rows.append(row)

    def cache_info(self, size: int) -> None:
        """What a warm map cache buys, where the argmap has one (information, no budget)."""
        m, _, _ = ensure_maps(size, self.maps)
        warm_env = {k: v for k, v in self.env.items() if k != "ARGMAP_NO_CACHE"}
        spare = self.work / "unused-cache"  # what measure() empties between the warm runs
        row = Row("map cache (info)", f"validate, {size:,} claims", "(info)", "its first load")
        for version in self.versions:
            first = Job(self.am(version, "validate", "-q", str(m)), self.env, self.out)
            warm = Job(self.am(version, "validate", "-q", str(m)), warm_env, self.out)
            label = f"{size:,} claims: {version} validate, first load and warm cache"
            print(f"\n{label} (load {load_average()})")
            cold = measure({"first load": first}, self.repeats(size), self.args.timeout, self.cache)
            shutil.rmtree(self.cache, ignore_errors=True)
            for _ in range(2):  # a map may be cached on its second load only
                run_once(warm, self.args.timeout)
                settle(self.cache)  # the entry may be written by a child after the command
            hot = measure({"warm cache": warm}, self.repeats(size), self.args.timeout, spare)
            c, h = cold["first load"], hot["warm cache"]
            shutil.rmtree(self.cache, ignore_errors=True)
            if c.median is None or h.median is None:
                row.cells[version] = (h.cell(), None)
                continue
            row.cells[version] = (f"{h.cell()} against {c.median:.2f} s", None)
        self.rows.append(row)


def settle(folder: Path) -> None:
    """Wait until ``folder`` holds a file and stops changing for a second (up to 10 s for the
    first file, 60 s in all)."""
    start, last, still = time.time(), None, 0
    while time.time() < start + 60:
        files = sorted((p.name, p.stat().st_size) for p in folder.rglob("*") if p.is_file())
        if not files and time.time() > start + 10:
            return
        still = still + 1 if files and files == last else 0
        if still >= 5:
            return
        last = files
        time.sleep(0.2)


def format_table(rows: list[Row], versions: list[str]) -> str:
    """The guard table in Markdown: a figure and a verdict per argmap."""
    head = ["guard", "case", "budget", "reference"]
    for v in versions:
        head += [v, f"{v} ok"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        cells = [row.guard, row.case, row.budget, row.reference]
        for v in versions:
            text, ok = row.cells.get(v, ("–", None))
            cells += [text, "–" if ok is None else ("pass" if ok else "**FAIL**")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def parse_sizes(text: str) -> list[int]:
    return [int(float(s.strip().lower().replace("k", "e3"))) for s in text.split(",") if s.strip()]


def main(argv: list[str] | None = None) -> int:
    """Run the guards; print and save the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--argmap", help="argmap executable to measure (default: this venv's)")
    parser.add_argument("--before", help="a second argmap executable, measured side by side")
    parser.add_argument("--guards", default=",".join(GUARDS), help="comma-separated subset")
    parser.add_argument("--svg-sizes", default="100,1000,2500", help="claims for the SVG guards")
    parser.add_argument("--dot-size", default="32000", help="claims for the DOT guard")
    parser.add_argument("--validate-size", default="100000", help="claims for the validate guard")
    parser.add_argument("--weighed-size", default="32000", help="claims for the weighed guard")
    parser.add_argument("--cache-size", default="32000", help="claims for the cache figure")
    parser.add_argument("--repeats", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--big-repeats", type=int, default=3, help="from 2,000 claims (3)")
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    parser.add_argument("--work", default=str(HERE / "_work"), help="folder for everything made")
    parser.add_argument("--argdown", help="path of an argdown binary to use")
    parser.add_argument("--no-argdown", action="store_true", help="leave Argdown out")
    parser.add_argument("--no-install", action="store_true", help="never run npm install")
    args = parser.parse_args(argv)
    if args.quick:
        args.svg_sizes, args.dot_size, args.validate_size, args.weighed_size, args.cache_size = (
            "100,1000",
            *["10k"] * 4,
        )
        args.repeats = args.big_repeats = 1

    after = Path(args.argmap).resolve() if args.argmap else Path(sys.executable).with_name("argmap")
    versions = {"after": [str(after)]}
    if args.before:
        versions["before"] = [str(Path(args.before).resolve())]
    guards = [g.strip() for g in args.guards.split(",") if g.strip()]
    unknown = sorted(set(guards) - set(GUARDS))
    if unknown:
        parser.error(f"unknown guard {', '.join(unknown)} (choose from {', '.join(GUARDS)})")
    bench = Bench(args, versions)
    wants_argdown = not args.no_argdown and ({"argdown", "dot"} & set(guards))
    if wants_argdown:
        bench.argdown = find_argdown(bench.work, args.argdown, not args.no_install)
        if bench.argdown is None:
            print("Argdown not available: its rows stay empty (see --argdown, --no-install)")
    for version, cmd in versions.items():
        print(f"{version}: {cmd[0]} (package {compile_package(Path(cmd[0]))})")
    info = machine(bench.argdown)
    print("machine: " + "; ".join(f"{k} {v}" for k, v in info.items()))
    started, load_start = time.perf_counter(), load_average()

    if "shipped" in guards:
        bench.shipped()
    if "svg" in guards or "argdown" in guards:
        bench.svg(parse_sizes(args.svg_sizes), "argdown" in guards and bench.argdown is not None)
    if "dot" in guards:
        bench.dot(parse_sizes(args.dot_size)[0])
    if "validate" in guards:
        bench.validate(parse_sizes(args.validate_size)[0])
    if "weighed" in guards:
        bench.weighed(parse_sizes(args.weighed_size)[0])
    if "cache" in guards:
        bench.cache_info(parse_sizes(args.cache_size)[0])

    table = format_table(bench.rows, list(versions))
    minutes = (time.perf_counter() - started) / 60
    header = (
        "machine: " + "; ".join(f"{k} {v}" for k, v in info.items()) + "\n"
        + "; ".join(f"{v}: {c[0]}" for v, c in versions.items()) + "\n"
        + f"repeats {args.repeats} (from 2,000 claims {args.big_repeats}); load average "
        + f"{load_start} at start, {load_average()} at end; {minutes:.1f} min\n"
    )  # fmt: skip
    print("\n" + header + "\n" + table)
    (bench.work / "results.md").write_text(header + "\n" + table + "\n", encoding="utf-8")
    rows = [vars(r) for r in bench.rows]
    record = {"machine": info, "versions": versions, "samples": bench.samples, "rows": rows}
    (bench.work / "results.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    print(f"\nwritten to {bench.work / 'results.md'} and results.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
