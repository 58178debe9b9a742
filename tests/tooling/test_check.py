"""``make check CHAPTER=...``: one chapter's checks, the contract included.

The failing cases run on a copy of the repository (its tracked files), so a
probe chapter never appears in the book that other runs are reading.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bookkit import check
from bookkit.listings import ROOT

CHAPTER = "book/foreword.md"


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's tracked files, copied (with their dates)."""
    root = tmp_path_factory.mktemp("repo")
    files = subprocess.run(
        ["git", "ls-files", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, files):
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    return root


def run_check(root: Path, chapter: str) -> subprocess.CompletedProcess[str]:
    """``python -m bookkit.check`` as ``make check`` runs it, in ``root``."""
    return subprocess.run(
        [sys.executable, "-m", "bookkit.check", chapter],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(root / "src")},
    )


def test_check_runs_the_chapters_listings_examples_tests_and_contract() -> (
    None
):
    chapter = check.chapter_path(CHAPTER)
    *lint, pytest_command = check.commands(chapter)
    own = ["src/examples/foreword", "tests/foreword"]
    assert [c[2:] for c in lint] == [
        ["ruff", "check", *own],
        ["ruff", "format", "--check", *own],
    ]
    assert pytest_command[6:] == [
        f"--chapter={CHAPTER}",
        CHAPTER,
        *own,
        "tests/tooling/test_contract.py",
        "tests/tooling/test_layout.py",
    ]


def test_check_passes_a_sound_chapter(copy: Path) -> None:
    result = run_check(copy, CHAPTER)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert f"check: {CHAPTER}: passed" in result.stdout
    assert "test_every_block_of_the_chapter_is_accounted_for" not in (
        result.stdout
    )


def test_check_fails_on_a_plain_python_block(copy: Path) -> None:
    chapter = copy / CHAPTER
    sound = chapter.read_text()
    chapter.write_text(sound + "\n```python\nx = 1\n```\n")
    line = sound.count("\n") + 2
    try:
        result = run_check(copy, CHAPTER)
    finally:
        chapter.write_text(sound)
    assert result.returncode == 1
    assert (
        f"{CHAPTER}:{line}: ```python block: Python must be a {{doctest}}"
        in result.stdout
    )
    assert f"check: {CHAPTER}: FAILED" in result.stdout


@pytest.mark.parametrize(
    ("chapter", "message"),
    [
        ("book/nosuch.md", "CHAPTER=book/nosuch.md: no such chapter"),
        ("README.md", "expected book/<part>/<chapter>.md"),
    ],
)
def test_check_refuses_what_is_not_a_chapter(
    chapter: str, message: str
) -> None:
    result = run_check(ROOT, chapter)
    assert result.returncode == 1
    assert message in result.stderr
