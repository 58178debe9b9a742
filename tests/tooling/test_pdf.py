"""The printed book's typography, index, metadata and pagination, read from
the built PDF (pypdf, poppler's pdftotext) and LaTeX's own files."""

from __future__ import annotations

import statistics
import subprocess
from pathlib import Path

import pytest

from bookkit import frontmatter, latex

pytestmark = pytest.mark.slow

PDF_NAME = "python-underneath-fastapi"


def built(book_build: Path, suffix: str) -> Path:
    return book_build / "latex" / f"{PDF_NAME}{suffix}"


# ------------------------------------------------------ face and measure


def test_the_text_is_set_in_the_book_face_with_the_code_in_mono(
    book_build: Path,
) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(built(book_build, ".pdf"))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = {row.split()[0].split("+")[-1] for row in fonts.splitlines()[2:]}
    main = frontmatter.FONTS["main"].replace(" ", "")
    mono = frontmatter.FONTS["mono"].replace(" ", "")
    assert {f"{main}-Regular", f"{main}-Italic", f"{main}-Bold"} <= {
        name.removesuffix("-Identity-H") for name in names
    }
    assert mono in names
    assert not any(name.startswith("DejaVuSerif") for name in names)


def test_running_text_has_a_book_measure(book_build: Path) -> None:
    # 65-75 characters a line (print review M9: DejaVu at 453 pt gave 92).
    pdf, log = built(book_build, ".pdf"), built(book_build, ".log")
    lengths = latex.measure(pdf, log)
    assert len(lengths) > 1000, "too few full lines found: is BOOK-LAYOUT set?"
    assert 65 <= statistics.median(lengths) <= 75, statistics.median(lengths)


def test_no_code_line_runs_past_the_narrower_text_block(
    book_build: Path,
) -> None:
    pdf, log = built(book_build, ".pdf"), built(book_build, ".log")
    assert latex.check_margins(pdf, log) == []
    assert latex.check_log(log) == []
