"""The handouts' two editions: the student's has no solutions.

Built once per session by ``make handouts`` (slow: eight PDFs).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bookkit import handouts
from bookkit.listings import BOOK
from tests.tooling.test_outputs import pdf_text

pytestmark = pytest.mark.slow

_SOLUTION = re.compile(r"^(`{5,})\{solution\}.*?^\1$", re.M | re.S)
_DOCTEST = re.compile(r"^```\{doctest\}\n(.*?)^```$", re.M | re.S)


def exercise_files(doc: str) -> list[Path]:
    """The exercise files of the chapters in handout ``doc``."""
    part = doc.removesuffix("/index")
    return sorted((BOOK / part).glob("*.exercises.md")) if "/" in doc else []


def outside_solutions() -> str:
    """The book's text with every solution cut out."""
    return "\n".join(
        _SOLUTION.sub("", p.read_text(encoding="utf-8"))
        for p in sorted(BOOK.rglob("*.md"))
    )


def solution_outputs(path: Path) -> list[str]:
    """Lines that only a solution prints: its doctests' outputs (those
    that the book also prints elsewhere do not count)."""
    elsewhere = outside_solutions()
    found = []
    for solution in _SOLUTION.finditer(path.read_text(encoding="utf-8")):
        for block in _DOCTEST.findall(solution[0]):
            for line in block.splitlines():
                line = line.strip()
                if (
                    len(line) >= 8
                    and not line.startswith((">>>", "...", "Traceback"))
                    and "..." not in line
                    and line not in elsewhere
                ):
                    found.append(line)
    return found


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def texts(handouts_build: Path) -> dict[tuple[str, str], str]:
    return {
        (doc, edition): pdf_text(
            handouts_build
            / "handouts"
            / f"{handouts.target(doc, edition)}.pdf"
        )
        for doc in handouts.starts()
        for edition in handouts.EDITIONS
    }


def test_every_handout_has_a_student_and_an_instructor_edition(
    handouts_build: Path,
) -> None:
    names = sorted(p.name for p in (handouts_build / "handouts").glob("*.pdf"))
    assert names == sorted(
        f"{handouts.target(doc, edition)}.pdf"
        for doc in handouts.starts()
        for edition in handouts.EDITIONS
    )


@pytest.mark.parametrize("doc", handouts.starts())
def test_the_title_page_names_the_edition(
    doc: str, handouts_build: Path
) -> None:
    for edition in handouts.EDITIONS:
        pdf = (
            handouts_build
            / "handouts"
            / f"{handouts.target(doc, edition)}.pdf"
        )
        title_page = flat(pdf_text(pdf, 1, 1))
        assert f"{edition} edition" in title_page
        assert handouts.title_of(doc) in title_page


@pytest.mark.parametrize("doc", handouts.starts())
def test_only_the_instructor_edition_prints_solutions_and_notes(
    doc: str, texts: dict[tuple[str, str], str]
) -> None:
    student, instructor = texts[doc, "student"], texts[doc, "instructor"]
    outputs = [o for p in exercise_files(doc) for o in solution_outputs(p)]
    chapters = len(exercise_files(doc))
    # The instructor edition is the variant that must show them: it proves
    # that the strings looked for are the ones a solution prints.
    for output in outputs:
        assert output in instructor, output
        assert output not in student, output
    assert student.count("Solution to Exercise") == 0
    assert "Teaching notes" not in student
    assert instructor.count("Teaching notes") == chapters
    assert instructor.count("Solution to Exercise") >= 4 * chapters


@pytest.mark.parametrize("doc", handouts.starts())
def test_both_editions_print_the_exercises_and_key_points(
    doc: str, texts: dict[tuple[str, str], str]
) -> None:
    for path in exercise_files(doc):
        ids = re.findall(r"\{exercise\} (\S+)", path.read_text())
        for edition in handouts.EDITIONS:
            for exercise in ids:
                assert f"Exercise ({exercise}" in flat(texts[doc, edition])
    for edition in handouts.EDITIONS:
        assert texts[doc, edition].count("Key points") == len(
            exercise_files(doc)
        )


def test_the_book_prints_solutions_but_no_teaching_notes(
    book_build: Path,
) -> None:
    text = pdf_text(book_build / "latex" / "python-underneath-fastapi.pdf")
    outputs = [
        o for p in BOOK.glob("*/*.exercises.md") for o in solution_outputs(p)
    ]
    assert outputs
    for output in outputs:
        assert output in text, output
    assert "Teaching notes" not in text
    assert text.count("Key points") == len(list(BOOK.glob("*/*.exercises.md")))
