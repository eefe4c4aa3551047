"""A generated Kialo debate in Kialo's ``Discussion Title:`` text export layout, for benchmarks and
browser tests of big maps: one thesis, reasons for and against it several levels deep (wide near
the top, as Kialo debates are), a few ``-> See`` links to claims made elsewhere, and footnoted
sources.

    python benchmarks/kialo_debate.py 10000 > debate.txt
"""

from __future__ import annotations

import random
import sys

_TEXT = (
    "open models let researchers audit safety claims while closed models keep misuse "
    "harder yet concentrate power in a few firms regulators lag behind releases and "
    "national security depends on who controls the weights developers gain cheaper access "
    "but attackers gain capability too public scrutiny finds flaws faster than internal "
    "teams export controls cannot stop copies once published lobbying shapes the rules "
    "benchmarks show open systems closing the gap costs fall as competition grows"
)
WORDS = _TEXT.split()


def sentence(rng: random.Random, k: int) -> str:
    """A claim-like sentence of about ``k`` words, numbered so that every text differs."""
    words = [rng.choice(WORDS) for _ in range(k)]
    return " ".join(words).capitalize() + "."


def kialo_debate(n: int, seed: int = 0) -> str:
    """The text of a debate with ``n`` entries (the thesis and ``n - 1`` pros and cons)."""
    if n < 1:
        raise ValueError("a debate has at least its thesis")
    rng = random.Random(seed)
    children: list[list[int]] = [[] for _ in range(n)]
    depth = [0] * n
    for i in range(1, n):
        # the parent: more often near the top, so the thesis has tens of reasons
        parent = int(rng.random() ** 2.2 * i)
        children[parent].append(i)
        depth[i] = depth[parent] + 1
    stance = ["Pro" if rng.random() < 0.55 else "Con" for _ in range(n)]
    lines = [f"Discussion Title: Should frontier AI models be released openly? ({n} claims)", ""]
    numbers: dict[int, str] = {}
    sources = 0
    stack = [(0, "1.")]
    while stack:
        node, number = stack.pop()
        numbers[node] = number
        text = f"{sentence(rng, rng.randint(8, 28))} (claim {node})"
        if node and rng.random() < 0.08:
            sources += 1
            text += f"[{sources}]"
        if node == 0:
            lines.append(f"{number} {text}")
        elif node > 20 and not children[node] and rng.random() < 0.03:  # a link to an earlier claim
            target = rng.choice([k for k in numbers if k and k != node][:200])
            lines.append(f"{number} {stance[node]}: -> See {numbers[target]}")
            continue
        else:
            lines.append(f"{number} {stance[node]}: {text}")
        for k, child in reversed(list(enumerate(children[node], 1))):
            stack.append((child, f"{number}{k}."))
    if sources:
        lines += ["", "Sources:"]
        lines += [f"[{k}] https://example.org/source/{k}" for k in range(1, sources + 1)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(kialo_debate(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
