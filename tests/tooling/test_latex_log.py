"""The LaTeX log gate, on logs written by the test (no TeX run)."""

from __future__ import annotations

from pathlib import Path

from bookkit import latex


def write_log(tmp_path: Path, *lines: str) -> Path:
    (tmp_path / "book.tex").write_text("", encoding="utf-8")
    log = tmp_path / "book.log"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return log


def test_an_undefined_font_shape_fails_the_pdf(tmp_path: Path) -> None:
    # What xelatex writes when fonts-dejavu-core lacks the italic face: the
    # run succeeds and emphasis prints upright (tooling review R1).
    log = write_log(
        tmp_path,
        "LaTeX Font Warning: Font shape `TU/DejaVuSerif(0)/m/it' undefined",
        "(Font)              using `TU/DejaVuSerif(0)/m/n' instead on input"
        " line 12.",
    )
    assert latex.check_log(log) == [
        "font shape 'TU/DejaVuSerif(0)/m/it' is undefined (book.tex): LaTeX "
        "substituted another face; install its font (for DejaVu's italics, "
        "fonts-dejavu-extra)"
    ]


def test_a_clean_log_passes(tmp_path: Path) -> None:
    log = write_log(
        tmp_path,
        "LaTeX Font Info:    Font shape `TU/DejaVuSansMono(0)/m/n' will be",
        "(Font)              scaled to size 7.65005pt on input line 137.",
    )
    assert latex.check_log(log) == []


def test_a_running_head_taller_than_headheight_fails_the_pdf(
    tmp_path: Path,
) -> None:
    # What fancyhdr wrote on all 213 pages when the text went to 11 pt and
    # \headheight stayed 12 pt.
    log = write_log(
        tmp_path,
        "Package fancyhdr Warning: \\headheight is too small (12.0pt): ",
        "(fancyhdr)                Make it at least 13.59999pt, for example:",
    )
    assert latex.check_log(log) == [
        "the running head is taller than \\headheight (12.0pt, book.tex): "
        "fancyhdr moves the text down page by page; set \\headheight in "
        "conf.py's preamble"
    ]
