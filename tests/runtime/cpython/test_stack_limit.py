"""parse_with_raised_limit's child gets 8 MiB whatever the caller has.

stack.py sets the child's stack limit in ``preexec_fn``, so the outputs
the chapter shows do not depend on the reader's ``ulimit -s``. Where the
caller's limit already is 8 MiB (Linux's default, and this machine's),
the other tests cannot tell whether it is set; this one raises the
caller's soft limit to its hard limit first. Without ``preexec_fn`` the
child then has that stack: with an unlimited hard limit, 3.11.7, 3.14.10
and 3.15.2 then parse the 100 000 nested lists ("parsed" against 3.11's
crash and 3.14's and 3.15's refusal); 3.12.1 and 3.13.0 refuse either
way (they count C calls rather than measure the stack), so on those two
this test cannot tell (all five run by hand).
"""

from __future__ import annotations

import resource
import sys

import pytest

from examples.runtime.cpython.stack import STACK, parse_with_raised_limit


def test_the_childs_stack_is_8_mib_whatever_the_callers_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
    if hard != resource.RLIM_INFINITY and hard <= STACK[0]:
        pytest.skip(f"the hard stack limit here ({hard}) is not above 8 MiB")
    expected = (
        "crashed: signal 11" if sys.version_info < (3, 12) else "refused"
    )
    resource.setrlimit(resource.RLIMIT_STACK, (hard, hard))
    try:
        outcome = parse_with_raised_limit(100_000, limit=200_000)
    finally:
        resource.setrlimit(resource.RLIMIT_STACK, (soft, hard))
    assert outcome == expected
