"""Both listing runners catch a wrong output and name the chapter and line.

The pytest plugin (``make test``) and Sphinx's doctest builder (``make
doctest``) run the same ``{doctest}`` blocks under the same policy.  Each
test here writes a small book, breaks it on purpose, and checks the runner's
verdict and message.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bookkit import policy

ROOT = Path(__file__).resolve().parents[2]

CHAPTER = """\
# A chapter

Some prose.

```{doctest}
>>> total = 40
>>> total + 2
42
```

More prose.

```{doctest}
>>> total * 2
WRONG
```
"""

# A split of the supported versions at this one (or at 3.12 on 3.11): one
# block runs here and the other is left to the other versions' runs.
SPLIT = f"3.{max(sys.version_info[1], 12)}"
VERSIONED = f"""\
# Versions

```{{doctest}}
:pyversion: "<{SPLIT}"

>>> import sys
>>> sys.version_info < {tuple(int(p) for p in SPLIT.split("."))!r}
True
```

```{{doctest}}
:pyversion: ">={SPLIT}"

>>> import sys
>>> sys.version_info >= {tuple(int(p) for p in SPLIT.split("."))!r}
True
```
"""

WARNS = """\
# Warnings

```{doctest}
>>> import warnings
>>> warnings.warn("old idiom", DeprecationWarning)
```
"""


def make_book(root: Path, **chapters: str) -> Path:
    """A book with the given chapters (name -> text) under root/book."""
    book = root / "book"
    book.mkdir(parents=True, exist_ok=True)
    toctree = "\n".join(chapters)
    (book / "index.md").write_text(
        f"# Probe book\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8"
    )
    for name, text in chapters.items():
        (book / f"{name}.md").write_text(
            textwrap.dedent(text), encoding="utf-8"
        )
    return book


def run_pytest(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    return pytester.runpytest_subprocess(
        "-p", "bookkit.pytest_plugin", "-p", "no:cacheprovider", "-rs", *args
    )


def test_pytest_plugin_names_the_chapter_line_of_a_wrong_output(
    pytester: pytest.Pytester,
) -> None:
    make_book(pytester.path, chapter=CHAPTER)
    result = run_pytest(pytester)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*book/chapter.md:13: output differs from the book*",
            '*File "book/chapter.md", line 14*',
            "Expected:",
            "    WRONG",
            "Got:",
            "    80",
        ]
    )


def test_pytest_plugin_replays_earlier_blocks_for_a_lone_block(
    pytester: pytest.Pytester,
) -> None:
    fixed = CHAPTER.replace("WRONG", "80")
    make_book(pytester.path, chapter=fixed)
    result = run_pytest(pytester, "-k", "13")
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=1, deselected=1)


def test_pytest_plugin_runs_only_this_versions_output(
    pytester: pytest.Pytester,
) -> None:
    make_book(pytester.path, versions=VERSIONED)
    result = run_pytest(pytester)
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(
        ["*book/versions.md:*: output shown for Python 3.1*"]
    )


def test_pytest_plugin_fails_a_listing_that_warns(
    pytester: pytest.Pytester,
) -> None:
    make_book(pytester.path, warns=WARNS)
    result = run_pytest(pytester)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*DeprecationWarning: old idiom*"])


def sphinx(
    book: Path, builder: str, out: Path, *options: str
) -> subprocess.CompletedProcess[str]:
    """Run sphinx-build with the book's conf.py on another source folder.

    Unless ``options`` name one, the build reads and writes an editions
    folder of its own, beside ``out``: never the checkout's
    ``_build/editions``, which a ``make editions`` running at the same time
    (``.ci/run``) is writing.
    """
    if not any(o.startswith("book_editions_dir=") for o in options):
        editions = out.with_name(out.name + "-editions")
        options = ("-D", f"book_editions_dir={editions}", *options)
    command = [sys.executable, "-m", "sphinx", "-c", str(ROOT), "-n", "-W"]
    command += ["--keep-going", "-q", *options, "-b", builder]
    return subprocess.run(
        [*command, str(book), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_sphinx_doctest_names_the_chapter_line_of_a_wrong_output(
    tmp_path: Path,
) -> None:
    book = make_book(tmp_path, chapter=CHAPTER)
    result = sphinx(book, "doctest", tmp_path / "out")
    assert result.returncode != 0
    output = (tmp_path / "out" / "output.txt").read_text()
    assert 'File "chapter.md", line 14, in default' in output  # the >>> line
    assert "Expected:\n    WRONG\nGot:\n    80" in output
    assert "1 failure in tests" in output


def test_sphinx_doctest_runs_only_this_versions_output(tmp_path: Path) -> None:
    book = make_book(tmp_path, versions=VERSIONED)
    result = sphinx(book, "doctest", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    output = (tmp_path / "out" / "output.txt").read_text()
    # Each block asserts its own version range, so the block for the other
    # versions would fail here had it run. (The "tests" count is no proof:
    # from 3.13, doctest counts skipped examples as tried.)
    assert "    0 failures in tests" in output


def test_sphinx_doctest_fails_a_listing_that_warns(tmp_path: Path) -> None:
    book = make_book(tmp_path, warns=WARNS)
    result = sphinx(book, "doctest", tmp_path / "out")
    assert result.returncode != 0
    output = (tmp_path / "out" / "output.txt").read_text()
    assert "DeprecationWarning: old idiom" in output
    assert 'File "warns.md", line 5' in output


def test_sphinx_rejects_a_pyversion_that_selects_nothing(
    tmp_path: Path,
) -> None:
    book = make_book(
        tmp_path,
        bad='# Bad\n\n```{doctest}\n:pyversion: "<3.0"\n\n>>> 1\n1\n```\n',
    )
    result = sphinx(book, "html", tmp_path / "out")
    assert result.returncode != 0
    assert "bad.md:3" in result.stderr
    assert "selects no supported Python" in result.stderr


def test_sphinx_shows_a_label_on_versioned_output(tmp_path: Path) -> None:
    book = make_book(tmp_path, versions=VERSIONED)
    result = sphinx(book, "html", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "versions.html").read_text()
    for spec in (f"<{SPLIT}", f">={SPLIT}"):
        assert f"<strong>{policy.version_label(spec)}</strong>" in page


def test_sphinx_fails_on_a_broken_reference(tmp_path: Path) -> None:
    book = make_book(
        tmp_path,
        refs="# Refs\n\nSee {ref}`no-such-section` and {py:func}`nope`.\n",
    )
    result = sphinx(book, "html", tmp_path / "out")
    assert result.returncode != 0
    assert "refs.md:3" in result.stderr
    assert "undefined label: 'no-such-section'" in result.stderr
    assert "py:func reference target not found: nope" in result.stderr
