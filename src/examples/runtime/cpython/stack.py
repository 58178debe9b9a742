"""A deeply nested JSON body parsed in a thread with a small stack.

The child process is the point: on 3.13 the parse can crash the
interpreter, and the crash must not take the caller with it. The child
uses :mod:`resource`, so this module runs on Unix only.
"""

import subprocess
import sys

CHILD = """
import json, resource, sys, threading
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core
threading.stack_size(256 * 1024)
depth = int(sys.argv[1])
outcome = []
def parse():
    try:
        json.loads("[" * depth + "]" * depth)
    except RecursionError:
        outcome.append("refused")
    else:
        outcome.append("parsed")
thread = threading.Thread(target=parse)
thread.start()
thread.join()
print(outcome[0])
"""


def parse_in_small_thread(depth: int) -> str:
    """Parse ``depth`` nested lists in a 256 KiB thread of a new process."""
    child = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", CHILD, str(depth)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return outcome(child)


def outcome(child: subprocess.CompletedProcess[str]) -> str:
    """What the child printed, or the signal that killed it."""
    if child.returncode < 0:
        return f"crashed: signal {-child.returncode}"
    if child.returncode != 0:
        raise RuntimeError(child.stderr)
    return child.stdout.strip()


# [raised]
RAISED_CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core
sys.setrecursionlimit(int(sys.argv[2]))
depth = int(sys.argv[1])
try:
    json.loads("[" * depth + "]" * depth)
except RecursionError:
    print("refused")
else:
    print("parsed")
"""


#: A first child runs this: it sets the stack limit to Linux's default,
#: 8 MiB (the hard limit, if lower), and execs the real child, which thus
#: starts with it (3.14 and later read the stack's size once, at start-up).
#: No Python code runs between fork and exec, which keeps this safe in a
#: process with threads (``preexec_fn`` is not).
PIN_STACK = """
import os, resource, sys
hard = resource.getrlimit(resource.RLIMIT_STACK)[1]
soft = 8 << 20 if hard == resource.RLIM_INFINITY else min(8 << 20, hard)
resource.setrlimit(resource.RLIMIT_STACK, (soft, hard))
os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
"""


def parse_with_raised_limit(depth: int, limit: int) -> str:
    """Parse ``depth`` nested lists on a new process's main thread."""
    child = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [
            sys.executable,
            "-c",
            PIN_STACK,
            "-c",
            RAISED_CHILD,
            str(depth),
            str(limit),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return outcome(child)


# [end raised]
