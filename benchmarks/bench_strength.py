"""Benchmark the gradual strengths on a real ICCMA framework.

    python benchmarks/bench_strength.py [--repeats 3] [--models dfquad,quadratic,euler]

The framework is ``st_890_86_9_572.af`` from the ICCMA corpus in ``/work/shared/corpora/iccma``
(890 arguments, 37,125 attacks, cyclic: DF-QuAD and quadratic energy oscillate under synchronous
iteration and are settled by RK4; Euler-based settles by iteration). It is loaded once, then
``strength`` runs for each model; the time of the load is shown apart.

The reference, measured in this process beside it, is ``json.loads`` of the same framework
serialized as JSON (its argument names and attack pairs), as ``benchmarks/run.py`` uses for its
guards: a fixed amount of C-speed work on the same data, so the ratio says how the solver fares
whatever the machine's speed. (networkx's ``pagerank`` on the same graph would be an iterative
reference closer in kind, but networkx 3 computes it with numpy and scipy, which argmap does not
depend on.)

Times are wall-clock seconds, the median of the repeats; ratio = strength / json.loads, lower is
better.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from argmap.analysis.strength import MODELS, strength
from argmap.formats.iccma import framework_to_map, load_framework

CORPUS = Path("/work/shared/corpora/iccma")
FRAMEWORK = CORPUS / "st_890_86_9_572.af"
T = TypeVar("T")


def timed(fn: Callable[[], T], repeats: int) -> tuple[float, T]:
    """The median wall time of ``repeats`` (at least one) calls of ``fn``, and its last value."""
    times = []
    for _ in range(max(repeats, 1)):
        gc.collect()
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated models")
    args = parser.parse_args()
    models = [m for m in args.models.split(",") if m]
    unknown = [m for m in models if m not in MODELS]
    if unknown:
        sys.exit(f"bench_strength: unknown model {', '.join(unknown)} (use {', '.join(MODELS)})")
    if not FRAMEWORK.is_file():
        sys.exit(f"bench_strength: {FRAMEWORK} is missing: this benchmark needs the ICCMA corpus")

    load_s, amap = timed(lambda: framework_to_map(load_framework(FRAMEWORK)), 1)
    fw = load_framework(FRAMEWORK)
    pairs = [list(pair) for pair in fw.attacks]
    text = json.dumps({"arguments": list(fw.arguments), "attacks": pairs})
    ref_s, _ = timed(lambda: json.loads(text), max(args.repeats, 5))

    print(f"framework: {FRAMEWORK.name}, {len(amap.claims):,} arguments, ", end="")
    print(f"{len(amap.relations):,} attacks; load {load_s:.2f} s (not in the figures)")
    print(f"reference: json.loads of the same framework ({len(text):,} bytes) {ref_s:.4f} s")
    header = (
        f"{'model':<10} {'method':<11} {'steps':>6} {'converged':>9} {'seconds':>8} {'ratio':>7}"
    )
    print(header)
    print("-" * len(header))
    for model in models:
        seconds, result = timed(lambda m=model: strength(amap, m), args.repeats)
        print(
            f"{model:<10} {result.method:<11} {result.iterations:>6} "
            f"{'yes' if result.converged else 'NO':>9} {seconds:>8.3f} "
            f"{seconds / ref_s:>6.0f}×",
            flush=True,
        )


if __name__ == "__main__":
    main()
