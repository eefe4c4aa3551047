"""Benchmark argmap's semantics against clingo with the ASPARTIX encodings.

    python benchmarks/bench_semantics.py [--quick]

Grounded: random frameworks with three attacks per argument, up to 1M arguments / 3M attacks;
each solver reads its own file format (i23 for argmap, apx for clingo) so parsing is timed too.
Preferred: hard instances (random frameworks whose grounded extension leaves most arguments
undecided, odd and even cycles interlocked, many independent choices), all extensions
enumerated. Every result is checked against the other solver's. The reference is clingo
(``pip install clingo``) with the ASPARTIX encodings: the least-fixpoint grounded encoding, and
the admissible encoding with a domain heuristic enumerating subset-maximal models
(``--heuristic=Domain --enum-mode=domRec``) for preferred. Without clingo only argmap's times
are printed.

Times are wall-clock seconds in one process (2 cores here); ratio = argmap / clingo, lower is
better for argmap.
"""

from __future__ import annotations

import argparse
import gc
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from argmap.analysis.framework import Framework
from argmap.analysis.semantics import grounded, iter_extensions
from argmap.formats.iccma import dump_apx, dump_i23, load_framework

try:
    import clingo
except ImportError:  # pragma: no cover - the benchmark says so in its table
    clingo = None

# ASPARTIX (Egly, Gaggl & Woltran 2010; Dvořák et al.), https://www.dbai.tuwien.ac.at/research/argumentation/aspartix/
GROUNDED_LP = """
in(X) :- arg(X), defeated(Y) : att(Y,X).
defeated(X) :- in(Y), att(Y,X).
#show in/1.
"""

ADMISSIBLE_LP = """
in(X) :- not out(X), arg(X).
out(X) :- not in(X), arg(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
not_defended(X) :- att(Y,X), not defeated(Y).
:- in(X), not_defended(X).
#show in/1.
"""

PREFERRED_LP = ADMISSIBLE_LP + "#heuristic in(X) : arg(X). [1,true]\n"


def random_framework(n: int, per_arg: float, seed: int) -> Framework:
    rng = random.Random(seed)
    m = int(n * per_arg)
    pairs = ((rng.randrange(n), rng.randrange(n)) for _ in range(m))
    return Framework.from_indices([str(i + 1) for i in range(n)], pairs)


def dense_random(n: int, degree: float, seed: int) -> Framework:
    """Erdős–Rényi without self-attacks: most arguments stay undecided in the grounded one."""
    rng = random.Random(seed)
    p = degree / n
    pairs = [(a, b) for a in range(n) for b in range(n) if a != b and rng.random() < p]
    return Framework.from_indices([str(i + 1) for i in range(n)], pairs)


def cycles_ladder(k: int, seed: int) -> Framework:
    """k even and odd cycles (lengths 2..5) chained by random cross attacks."""
    rng = random.Random(seed)
    pairs: list[tuple[int, int]] = []
    start = 0
    blocks = []
    for _ in range(k):
        length = rng.choice([2, 2, 3, 4, 5])
        block = list(range(start, start + length))
        pairs += [(block[i], block[(i + 1) % length]) for i in range(length)]
        blocks.append(block)
        start += length
    for i in range(1, k):
        for _ in range(2):
            a = rng.choice(blocks[rng.randrange(i)])
            b = rng.choice(blocks[i])
            pairs.append((a, b))
    return Framework.from_indices([str(i + 1) for i in range(start)], pairs)


def independent_choices(k: int) -> Framework:
    """k two-cycles each attacking a common sink: 2^k preferred extensions."""
    pairs = []
    for i in range(k):
        a, b = 2 * i, 2 * i + 1
        pairs += [(a, b), (b, a), (a, 2 * k)]
    return Framework.from_indices([str(i + 1) for i in range(2 * k + 1)], pairs)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def clingo_models(program: str, facts: Path, options: list[str]) -> list[frozenset[str]]:
    ctl = clingo.Control([*options, "--warn=none"])
    ctl.add("base", [], program)
    ctl.load(str(facts))
    ctl.ground([("base", [])])
    models: list[frozenset[str]] = []
    ctl.solve(
        on_model=lambda m: models.append(
            frozenset(str(s.arguments[0]) for s in m.symbols(shown=True))
        )
    )
    return models


def ours_grounded(path: Path) -> frozenset[str]:
    fw = load_framework(path)
    g = grounded(fw)
    return frozenset(fw.arguments[i] for i in g.members("in"))


def ours_preferred(path: Path) -> list[frozenset[str]]:
    fw = load_framework(path)
    return [frozenset(fw.arguments[i] for i in ext) for ext in iter_extensions(fw, "preferred")]


def row(
    name: str, fw: Framework, ours: float, ref: float | None, agree: str, extra: str = ""
) -> str:
    ratio = f"{ours / ref:6.3f}" if ref else "     -"
    ref_s = f"{ref:9.2f}" if ref is not None else "        -"
    sizes = f"{len(fw):>9,} {fw.attack_count:>9,}"
    return f"{name:<36} {sizes} {ours:9.2f} {ref_s} {ratio}  {agree:<5} {extra}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small instances only (seconds)")
    args = parser.parse_args()

    if args.quick:
        grounded_sizes = [10_000, 100_000]
        preferred_cases = [
            ("random n=100 degree 4", lambda: dense_random(100, 4, 1)),
            ("cycles ladder k=40", lambda: cycles_ladder(40, 2)),
            ("independent choices 2^10", lambda: independent_choices(10)),
        ]
    else:
        grounded_sizes = [10_000, 100_000, 1_000_000]
        preferred_cases = [
            ("random n=100 degree 4", lambda: dense_random(100, 4, 1)),
            ("random n=200 degree 5", lambda: dense_random(200, 5, 200)),
            ("random n=300 degree 8", lambda: dense_random(300, 8, 300)),
            ("random n=500 degree 5", lambda: dense_random(500, 5, 500)),
            ("random n=1000 degree 4", lambda: dense_random(1000, 4, 1000)),
            ("cycles ladder k=120", lambda: cycles_ladder(120, 2)),
            ("independent choices 2^14", lambda: independent_choices(14)),
        ]

    print(f"reference: {'clingo ' + clingo.__version__ if clingo else 'clingo not installed'}")
    header = (
        f"{'instance':<36} {'args':>9} {'attacks':>9} {'argmap s':>9} {'clingo s':>9} "
        f"{'ratio':>6}  agree"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        for n in grounded_sizes:
            fw = random_framework(n, 3.0, n)
            i23, apx = tmpdir / "g.i23", tmpdir / "g.apx"
            i23.write_text(dump_i23(fw, names=False))
            apx.write_text(dump_apx(fw))
            del fw
            t_ours, ext = timed(lambda p=i23: ours_grounded(p))
            fw = load_framework(i23)
            ref, agree = None, "-"
            if clingo:
                ref, models = timed(lambda p=apx: clingo_models(GROUNDED_LP, p, ["1"]))
                agree = "yes" if models == [ext] else "NO"
            print(
                row(f"grounded random n={n:,}", fw, t_ours, ref, agree, f"|in|={len(ext):,}"),
                flush=True,
            )
            del fw
        for name, make in preferred_cases:
            fw = make()
            i23, apx = tmpdir / "p.i23", tmpdir / "p.apx"
            i23.write_text(dump_i23(fw, names=False))
            apx.write_text(dump_apx(fw))
            t_ours, exts = timed(lambda p=i23: ours_preferred(p))
            ref, agree = None, "-"
            if clingo:
                options = ["0", "--heuristic=Domain", "--enum-mode=domRec"]
                ref, models = timed(lambda p=apx, o=options: clingo_models(PREFERRED_LP, p, o))
                agree = "yes" if sorted(map(sorted, models)) == sorted(map(sorted, exts)) else "NO"
            print(
                row(f"preferred {name}", fw, t_ours, ref, agree, f"{len(exts):,} ext."), flush=True
            )


if __name__ == "__main__":
    main()
