"""The foreword's account of what the contract checks, and what it does not.

book/foreword.md says where a shown output is elided, and which lines of
``src/examples`` the 100% coverage run leaves out; these tests keep those
sentences true when the configuration changes.
"""

from __future__ import annotations

import doctest
import re
import tomllib

from bookkit import policy
from bookkit.listings import ROOT

CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())
EXAMPLES = ROOT / "src" / "examples"


def _lines(pattern: str) -> list[str]:
    """``path:line`` of every line of src/examples that matches."""
    regex = re.compile(pattern)
    return sorted(
        f"{path.relative_to(EXAMPLES)}:{number}"
        for path in EXAMPLES.rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if regex.search(line)
    )


def test_both_runners_elide_with_ellipsis() -> None:
    assert policy.DOCTEST_FLAGS & doctest.ELLIPSIS
    options = CONFIG["tool"]["pytest"]["ini_options"]
    assert "ELLIPSIS" in options["doctest_optionflags"]


def test_a_traceback_is_compared_by_its_header_and_exception() -> None:
    shown = (
        ">>> 1 / 0\n"
        "Traceback (most recent call last):\n"
        "  no stack of this text is ever printed\n"
        "ZeroDivisionError: division by zero\n"
    )
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=policy.DOCTEST_FLAGS)
    runner.run(parser.get_doctest(shown, {}, "stack", None, 0))
    wrong = shown.replace("division by zero", "by zero")
    runner.run(parser.get_doctest(wrong, {}, "message", None, 0), out=str)
    assert runner.summarize(verbose=False) == (1, 2)


def test_coverage_omits_the_wrong_answers_and_the_mypy_cases() -> None:
    omit = CONFIG["tool"]["coverage"]["run"]["omit"]
    assert sorted(omit) == ["*/exercises/mistakes/*", "*/mypy_cases/*"]


def test_the_excluded_lines_are_defensive_checks() -> None:
    patterns = CONFIG["tool"]["coverage"]["report"]["exclude_also"]
    checker_only = ["if TYPE_CHECKING:", "@overload"]
    defensive = [p for p in patterns if p not in checker_only]
    assert len(defensive) == len(patterns) - 2 == 2
    for pattern in defensive:
        places = _lines(pattern)
        assert places, pattern
        for place in places:
            path, number = place.rsplit(":", 1)
            source = (EXAMPLES / path).read_text().splitlines()
            assert source[int(number)].strip().startswith("raise "), place


def test_two_lines_are_marked_never_reached() -> None:
    assert _lines(r"pragma: no cover") == [
        "oop/inheritance/exercises/predict.py:54",
        "runtime/execution_model/exercises/predict.py:23",
    ]
