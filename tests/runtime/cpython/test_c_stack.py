"""Which calls between Python functions still use the C stack (1.1.1).

Each case recurses 200 000 levels under ``sys.setrecursionlimit(1_000_000)``
in a child whose main thread has Linux's default 8 MiB stack (pinned with
``PIN_STACK``, so the outcome does not depend on the caller's ``ulimit
-s``). "ok" means the recursion ran, "refused" a ``RecursionError``, and
"crashed: signal 11" a segmentation fault. The chapter's sentences about
``__init__``, a property, ``==``, ``yield from`` and ``lru_cache`` are
these outcomes.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from examples.runtime.cpython.stack import PIN_STACK, outcome

PROLOGUE = """
import resource, sys
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core
sys.setrecursionlimit(1_000_000)
DEPTH = 200_000
def run(step):
    try:
        step()
    except RecursionError:
        print("refused", flush=True)
    else:
        print("ok", flush=True)
"""

CASES = {
    "plain function": """
def down(n): return 0 if n == 0 else down(n - 1) + 1
run(lambda: down(DEPTH))
""",
    "__init__": """
class Node:
    def __init__(self, n):
        self.child = Node(n - 1) if n else None
run(lambda: Node(DEPTH))
""",
    "property": """
class P:
    def __init__(self, n): self.n = n
    @property
    def depth(self): return 0 if self.n == 0 else P(self.n - 1).depth + 1
run(lambda: P(DEPTH).depth)
""",
    "==": """
from dataclasses import dataclass
@dataclass
class L:
    next: "L | None"
a = b = None
for _ in range(DEPTH):
    a, b = L(a), L(b)
run(lambda: a == b)
""",
    "resuming yield from": """
def walk(n):
    if n:
        yield from walk(n - 1)
    yield n
g = walk(DEPTH)
run(lambda: next(g))
import os; os._exit(0)  # stop before the chain is freed
""",
    "freeing yield from": """
def walk(n):
    if n:
        yield from walk(n - 1)
    yield n
g = walk(DEPTH)
next(g)
run(lambda: globals().pop("g"))
""",
    "lru_cache": """
from functools import lru_cache
@lru_cache(maxsize=None)
def down(n): return 0 if n == 0 else down(n - 1) + 1
run(lambda: down(DEPTH))
""",
}

CRASH = "crashed: signal 11"
V311, V312 = sys.version_info[:2] == (3, 11), sys.version_info[:2] == (3, 12)

EXPECTED = {
    "plain function": "ok",
    "__init__": CRASH if V311 else "refused" if V312 else "ok",
    "property": CRASH if V311 else "refused" if V312 else "ok",
    "==": CRASH if V311 else "refused",
    "resuming yield from": CRASH if V311 else "ok",
    # Closing the chain recurses in C with no guard (Objects/genobject.c).
    "freeing yield from": CRASH,
    "lru_cache": CRASH if V311 else "refused",
}


def recurse(case: str) -> str:
    child = subprocess.run(
        [sys.executable, "-c", PIN_STACK, "-c", PROLOGUE + CASES[case]],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return outcome(child)


@pytest.mark.parametrize("case", list(CASES))
def test_a_recursion_200_000_deep_under_a_raised_limit(case: str) -> None:
    assert recurse(case) == EXPECTED[case]
