"""Check one chapter in seconds, while writing it.

    make check CHAPTER=book/<part>/<chapter>.md

runs, for that chapter only: its ``{doctest}`` listings (the book's pytest
plugin), the tests of its examples (``tests/<part>/test_<chapter>.py`` or
``tests/<part>/<chapter>/``) and their docstrings
(``src/examples/<part>/<chapter>.py`` or the package), ``ruff check`` and
``ruff format --check`` on those files, and the listing contract and layout
checks of ``tests/tooling`` for that file (``--chapter``).  Listings for
other Python versions are left to ``make editions``; coverage, mypy and the
output builds are judged by ``make test``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from bookkit.listings import BOOK, EXAMPLES, ROOT, display

TESTS = ROOT / "tests"
TOOLING = [
    TESTS / "tooling" / "test_contract.py",
    TESTS / "tooling" / "test_layout.py",
]


def chapter_path(name: str) -> Path:
    """The chapter file ``name`` names, or SystemExit saying what is wrong."""
    path = (ROOT / name).resolve()
    if path.suffix != ".md" or BOOK not in path.parents:
        raise SystemExit(
            f"error: CHAPTER={name}: expected book/<part>/<chapter>.md"
        )
    if not path.is_file():
        raise SystemExit(f"error: CHAPTER={name}: no such chapter")
    return path


def own_files(chapter: Path) -> list[Path]:
    """The chapter's example code and tests, where the layout puts them."""
    stem = chapter.relative_to(BOOK).with_suffix("")
    candidates = [
        EXAMPLES / stem.with_suffix(".py"),
        EXAMPLES / stem,
        TESTS / stem.parent / f"test_{stem.name}.py",
        TESTS / stem,
    ]
    return [p for p in candidates if p.exists()]


def commands(chapter: Path) -> list[list[str]]:
    """The commands ``make check`` runs for ``chapter``, in order."""
    own = [str(p.relative_to(ROOT)) for p in own_files(chapter)]
    python = [sys.executable, "-m"]
    lint = (
        [
            [*python, "ruff", "check", *own],
            [*python, "ruff", "format", "--check", *own],
        ]
        if own
        else []
    )
    pytest = [
        *python,
        "pytest",
        "--no-cov",
        "-p",
        "no:cacheprovider",
        f"--chapter={display(chapter)}",
        display(chapter),
        *own,
        *(str(t.relative_to(ROOT)) for t in TOOLING),
    ]
    return [*lint, pytest]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make check CHAPTER=", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("chapter", help="book/<part>/<chapter>.md")
    args = parser.parse_args(argv)
    chapter = chapter_path(args.chapter)
    status = 0
    for command in commands(chapter):
        print("check: python", " ".join(command[1:]), flush=True)
        status |= subprocess.run(command, cwd=ROOT, check=False).returncode
    print(
        f"check: {display(chapter)}: " + ("FAILED" if status else "passed"),
        flush=True,
    )
    return 1 if status else 0


if __name__ == "__main__":
    sys.exit(main())
