"""A listing whose lines the text cites by number prints those numbers.

The chapters report a type checker's verdict as "mypy --strict reports
line 16: ...", so every listing of a file in a ``mypy_cases`` folder must
number its lines (``:linenos:`` for a whole file, ``:lineno-match:`` for a
part of one, so that the numbers are the file's own).
"""

from __future__ import annotations

from bookkit.listings import BOOK


def includes_of_rejected_cases() -> list[tuple[str, int, list[str]]]:
    found = []
    for chapter in sorted(BOOK.rglob("*.md")):
        lines = chapter.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            if (
                line.startswith("```{literalinclude}")
                and "/mypy_cases/" in line
            ):
                options = []
                for option in lines[number:]:
                    if not option.startswith(":"):
                        break
                    options.append(option.split(":")[1])
                name = chapter.relative_to(BOOK.parent)
                found.append((str(name), number, options))
    return found


def test_every_listing_of_a_rejected_case_numbers_its_lines() -> None:
    includes = includes_of_rejected_cases()
    assert len(includes) >= 30  # Parts II and III
    unnumbered = [
        f"{name}:{number}"
        for name, number, options in includes
        if not {"linenos", "lineno-match"} & set(options)
    ]
    assert unnumbered == []


def test_a_part_of_a_file_is_numbered_as_in_the_file() -> None:
    """:linenos: would count a part from 1: mypy counts from the file's top."""
    wrong = [
        f"{name}:{number}"
        for name, number, options in includes_of_rejected_cases()
        if {"pyobject", "start-after", "start-at", "lines"} & set(options)
        and "lineno-match" not in options
    ]
    assert wrong == []
