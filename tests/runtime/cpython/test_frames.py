"""Claims of the chapter about frames that no listing shows running."""

from __future__ import annotations

import subprocess
import sys
import textwrap

# A trace function writes through ``f_locals``: once into the frame it is
# stopped in (as pdb does at its current line), once into that frame's
# caller (as pdb does after ``up``). It runs in a child process so that
# ``sys.settrace`` cannot disturb the coverage tracer of this one.
SCRIPT = textwrap.dedent(
    """
    import sys

    def into_current_frame(frame, event, arg):
        if event == "line" and frame.f_code.co_name == "current":
            frame.f_locals["answer"] = 42
        return into_current_frame

    def current():
        answer = 1
        return answer

    def into_caller_frame(frame, event, arg):
        if event == "call" and frame.f_code.co_name == "callee":
            frame.f_back.f_locals["answer"] = 42

    def callee():
        pass

    def caller():
        answer = 1
        callee()
        return answer

    sys.settrace(into_current_frame)
    print(current())
    sys.settrace(into_caller_frame)
    print(caller())
    sys.settrace(None)
    """
)


def test_writes_to_a_callers_frame_work_from_3_13() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        check=True,
    )
    caller = "42" if sys.version_info >= (3, 13) else "1"
    assert result.stdout.split() == ["42", caller]
