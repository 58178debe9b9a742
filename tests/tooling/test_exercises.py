"""The chapters' exercises: numbered, each "write" one with its checks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bookkit import exercises
from bookkit.listings import BOOK, ROOT

_EXERCISE = re.compile(r"^`{3,}\{exercise\} (?P<id>\d+\.\d+\.\d+-\d+) ", re.M)
_CHECKED = re.compile(r"make exercise-check EXERCISE=(\S+) ")


def exercise_files() -> list[str]:
    return sorted(str(p) for p in BOOK.glob("*/*.exercises.md"))


def read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def numbered(text: str) -> list[str]:
    return [match["id"] for match in _EXERCISE.finditer(text)]


@pytest.mark.parametrize("path", exercise_files())
def test_a_chapter_numbers_its_exercises_in_order(path: str) -> None:
    text = read(path)
    ids = numbered(text)
    chapter = ids[0].split("-")[0]
    assert ids == [f"{chapter}-{n}" for n in range(1, len(ids) + 1)]
    assert 4 <= len(ids) <= 6
    chapter_page = path.removesuffix(".exercises.md") + ".md"
    assert f"# {chapter} " in read(chapter_page)


@pytest.mark.parametrize("path", exercise_files())
def test_an_exercise_title_has_no_straight_quotes(path: str) -> None:
    # Print review R12: Sphinx curls the quotes of an exercise's title,
    # but sphinx-exercise copies the title into its solution's after that,
    # so the solution printed 'tells "absent" from null'. Titles are
    # written with the quotes they print.
    for number, line in enumerate(read(path).splitlines(), 1):
        if re.match(r"^`{3,}\{exercise\}", line):
            assert '"' not in line, f"{path}:{number}"
            assert "'" not in line, f"{path}:{number}"


@pytest.mark.parametrize("path", exercise_files())
def test_every_exercise_a_student_checks_has_checks(path: str) -> None:
    text = read(path)
    named = set(_CHECKED.findall(text))
    assert named, f"{path}: no exercise says how to check an attempt"
    assert named <= set(numbered(text))
    for exercise in named:
        assert exercises.checks_of(exercise).is_file()


def test_every_checks_module_belongs_to_a_numbered_exercise() -> None:
    ids = {i for path in exercise_files() for i in numbered(read(path))}
    for checks in sorted((ROOT / "tests").glob("*/*/exercises/test_ex*.py")):
        chapter = next(
            number
            for number, doc in exercises.chapters().items()
            if checks.parent.parent == ROOT / "tests" / doc
        )
        number = checks.stem.removeprefix("test_ex")
        assert f"{chapter}-{number}" in ids, checks


def test_an_unknown_exercise_is_refused() -> None:
    with pytest.raises(ValueError, match=r"no chapter is numbered 9\.9\.9"):
        exercises.checks_of("9.9.9-1")
    with pytest.raises(ValueError, match="not an exercise number"):
        exercises.checks_of("1.1.1")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bookkit.exercises", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_checks_pass_the_solution_and_fail_the_starter() -> None:
    starter = "src/examples/runtime/cpython/exercises/starters/ex3.py"
    assert run("1.1.1-3").returncode == 0
    failed = run("1.1.1-3", "--attempt", starter)
    assert failed.returncode == 1
    assert "NotImplementedError" in failed.stdout
