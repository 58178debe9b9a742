"""Run one exercise's student checks: ``make exercise-check EXERCISE=...``.

Usage: ``python -m bookkit.exercises ID [--attempt FILE]``

``ID`` is the number the book prints, such as ``1.1.1-3``: chapter 1.1.1,
exercise 3. The chapter is found by its title's number (``# 1.1.1 ...`` in
``book/<part>/<chapter>.md``); its checks are
``tests/<part>/<chapter>/exercises/test_ex3.py``. With ``--attempt`` they run
against the student's file (a copy of the starter module, filled in), else
against the book's solution.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from bookkit.listings import BOOK, ROOT

_ID = re.compile(r"^(?P<chapter>\d+\.\d+\.\d+)-(?P<number>\d+)$")
_TITLE = re.compile(r"^# (?P<number>\d+\.\d+\.\d+) ", re.M)


def chapters(book: Path = BOOK) -> dict[str, str]:
    """Chapter numbers to docnames: ``{"1.1.1": "runtime/cpython", ...}``."""
    found: dict[str, str] = {}
    for path in sorted(book.glob("*/*.md")):
        match = _TITLE.search(path.read_text(encoding="utf-8"))
        if match:
            found[match["number"]] = path.relative_to(book).as_posix()[:-3]
    return found


def checks_of(exercise: str, book: Path = BOOK) -> Path:
    """The test module holding the checks of exercise ``ID``."""
    match = _ID.match(exercise)
    if match is None:
        raise ValueError(
            f"{exercise!r} is not an exercise number like 1.1.1-3"
        )
    docname = chapters(book).get(match["chapter"])
    if docname is None:
        raise ValueError(f"no chapter is numbered {match['chapter']}")
    path = (
        book.parent
        / "tests"
        / docname
        / "exercises"
        / f"test_ex{match['number']}.py"
    )
    if not path.is_file():
        raise ValueError(
            f"exercise {exercise} has no checks ({path} is missing)"
        )
    return path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bookkit.exercises")
    parser.add_argument("exercise", help="the exercise's number, e.g. 1.1.1-3")
    parser.add_argument(
        "--attempt", type=Path, help="your answer (a .py file)"
    )
    args = parser.parse_args(argv)
    try:
        checks = checks_of(args.exercise)
    except ValueError as exc:
        parser.error(str(exc))
    env = dict(os.environ)
    selected = "test_attempt"
    if args.attempt is not None:
        if not args.attempt.is_file():
            parser.error(f"{args.attempt} is not a file")
        env["BOOK_EXERCISE_ATTEMPT"] = str(args.attempt.resolve())
        print(f"Checking {args.attempt} against exercise {args.exercise}")
    else:
        print(f"Checking the book's solution of exercise {args.exercise}")
    command = [
        sys.executable,
        "-m",
        "pytest",
        "--no-cov",
        "-q",
        "-p",
        "no:cacheprovider",
        str(checks),
        "-k",
        selected,
    ]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
