"""Builds of the book, shared by the tests that inspect the outputs."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def make(builddir: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    """Run the book's own Makefile targets into another build folder."""
    result = subprocess.run(
        ["make", "--no-print-directory", *targets, f"BUILDDIR={builddir}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MAKEFLAGS": ""},
    )
    assert result.returncode == 0, (
        f"make {' '.join(targets)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    return result


@pytest.fixture(scope="session")
def book_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book built as HTML, PDF and EPUB, exactly as `make` builds it."""
    builddir = tmp_path_factory.mktemp("book") / "_build"
    make(builddir, "html", "latexpdf", "epub")
    return builddir


@pytest.fixture(scope="session")
def second_build(book_build: Path) -> tuple[Path, Path]:
    """A second clean build at the same place, the first one moved aside."""
    first = book_build.parent / "first"
    shutil.copytree(book_build, first)
    shutil.rmtree(book_build)
    # The same targets as book_build: the HTML offers the PDF and EPUB that
    # the same command built.
    make(book_build, "html", "latexpdf", "epub")
    return first, book_build


@pytest.fixture(scope="session")
def handouts_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both editions of every handout, exactly as `make handouts` builds them."""
    builddir = tmp_path_factory.mktemp("handouts") / "_build"
    make(builddir, "handouts")
    return builddir
