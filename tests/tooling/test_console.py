"""What the build prints: the useful lines, not configuration dumps or
hints that are wrong for this Makefile."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .test_runners import CHAPTER, VERSIONED, make_book

FIXED = CHAPTER.replace("WRONG", "80")

ROOT = Path(__file__).resolve().parents[2]


def build(book: Path, builder: str, out: Path, *extra: str) -> str:
    """sphinx-build as the Makefile runs it (not quiet); its whole console."""
    strict = ["-n", "-W", "--keep-going", *extra]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-c",
            str(ROOT),
            *strict,
            "-b",
            builder,
            str(book),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_the_latex_build_prints_no_config_dump_and_no_wrong_hint(
    tmp_path: Path,
) -> None:
    book = make_book(tmp_path, chapter=FIXED)
    console = build(book, "latex", tmp_path / "latex")
    assert "The LaTeX files are in" in console  # Sphinx still says where
    assert "MdParserConfig" not in console
    assert "myst v" not in console
    assert "Run 'make' in that directory" not in console
    assert "make latexpdf" not in console


def test_the_myst_dump_is_dropped_only_by_the_books_extension(
    tmp_path: Path,
) -> None:
    # The control: the same build without bookkit.quiet prints both.
    book = make_book(tmp_path, chapter=FIXED)
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "conf.py").write_text(
        f"exec(open({str(ROOT / 'conf.py')!r}).read())\n"
        "extensions.remove('bookkit.quiet')\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-c",
            str(conf),
            "-b",
            "latex",
            str(book),
            str(tmp_path / "latex"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "MdParserConfig" in result.stdout
    assert "Run 'make' in that directory" in result.stdout


def test_pytest_ends_with_one_line_for_the_other_versions_listings(
    pytester: pytest.Pytester,
) -> None:
    make_book(pytester.path, versions=VERSIONED, chapter=FIXED)
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    result = pytester.runpytest_subprocess(
        "-p", "bookkit.pytest_plugin", "-p", "no:cacheprovider", "-rfE"
    )
    assert result.ret == pytest.ExitCode.OK
    lines = [line for line in result.outlines if line.strip()]
    assert "SKIPPED" not in "\n".join(lines)
    assert "1 skipped" in lines[-2]  # pytest's own summary line, then ours
    assert lines[-1] == (
        "1 listing is shown for other Python versions: `make editions` "
        "checks them"
    )
