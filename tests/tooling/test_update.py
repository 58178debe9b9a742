"""``make update-listing``: which block a line selects, and what it refuses.

The split rules are checked on every supported Python: where a test needs a
Python newer than the oldest, it says it is one (``as_python``), and runs
only listings whose output is the same everywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bookkit import doctests, editions, listings, policy, update
from bookkit.update import UpdateError

from .test_runners import make_book

CHAPTER = """\
# Lines

Prose.

```{doctest}
>>> 1 + 1
2
```

```console
$ make test
```

```{doctest}
>>> 2 + 2
4
```
"""


def as_python(monkeypatch: pytest.MonkeyPatch, version: str) -> None:
    """Let the update tool believe it runs on ``version`` (for listings
    whose output is the same on every Python)."""
    monkeypatch.setattr(policy, "running_version", lambda: version)


@pytest.fixture
def chapter(tmp_path: Path) -> Path:
    return make_book(tmp_path, lines=CHAPTER) / "lines.md"


@pytest.mark.parametrize("line", [5, 6, 7, 8])
def test_a_line_inside_a_block_selects_the_block(
    chapter: Path, line: int
) -> None:
    assert update.find_block(chapter, line).line == 5


def test_a_line_outside_any_block_is_refused_naming_the_nearest(
    chapter: Path,
) -> None:
    with pytest.raises(UpdateError) as refused:
        update.find_block(chapter, 3)
    assert str(refused.value) == (
        "book/lines.md:3 is not inside a {doctest} block; the nearest: "
        "book/lines.md:5 (lines 5-8)"
    )
    with pytest.raises(UpdateError) as refused:
        update.find_block(chapter, 9)
    assert str(refused.value) == (
        "book/lines.md:9 is not inside a {doctest} block; the nearest: "
        "book/lines.md:5 (lines 5-8) and book/lines.md:14 (lines 14-17)"
    )


def test_a_line_in_another_kind_of_block_is_refused(chapter: Path) -> None:
    with pytest.raises(UpdateError, match=r"lines\.md:11 is in the block at "):
        update.find_block(chapter, 11)


def test_a_line_past_the_end_is_refused(chapter: Path) -> None:
    with pytest.raises(UpdateError, match="the chapter has lines 1-17"):
        update.find_block(chapter, 99999)


@pytest.mark.parametrize(
    ("listing", "message"),
    [
        (
            "book/runtime/nosuch.md:10",
            "no such chapter: book/runtime/nosuch.md",
        ),
        ("book/runtime/memory.md", "expected book/<chapter>.md:<line>"),
        ("book/runtime/memory.md:x", "expected book/<chapter>.md:<line>"),
    ],
)
def test_a_bad_listing_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], listing: str, message: str
) -> None:
    assert update.main([listing]) == 2
    err = capsys.readouterr().err
    assert err.startswith("update-listing: error: ")
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("spec", "at", "running", "specs"),
    [
        (None, (3, 13), (3, 13), ("<3.13", ">=3.13")),
        (None, (3, 12), (3, 13), ("<3.12", ">=3.12")),
        (">=3.13", (3, 14), (3, 14), (">=3.13,<3.14", ">=3.14")),
        (">=3.12,<3.14", (3, 13), (3, 13), (">=3.12,<3.13", ">=3.13,<3.14")),
        ("<3.15", (3, 13), (3, 14), ("<3.13", ">=3.13,<3.15")),
    ],
)
def test_a_split_writes_the_simplest_disjoint_specifiers(
    spec: str | None,
    at: tuple[int, int],
    running: tuple[int, int],
    specs: tuple[str, str],
) -> None:
    assert update.split_specs(spec, at, running) == specs
    old, new = (set(policy.covered_minors(s)) for s in specs)
    assert not old & new
    assert old | new == set(update.covered(spec))


@pytest.mark.parametrize(
    ("spec", "at", "running", "reason"),
    [
        # The newcomer review's A4: "<3.13" run on 3.13, split at 3.12.
        ("<3.13", (3, 12), (3, 13), "not for 3.13: Python 3.13's output"),
        (None, (3, 14), (3, 13), "SPLIT_AT=3.14 is later than VERSION=3.13"),
        (None, (3, 11), (3, 13), "SPLIT_AT must be later than 3.11"),
        ("==3.13.*", (3, 13), (3, 13), "no split is possible"),
        (">=3.12", (3, 11), (3, 13), "keeps no version for the old output"),
        (">=3.14", (3, 14), (3, 15), "SPLIT_AT must be later than 3.14"),
        # VERSION is the block's first version: no SPLIT_AT can work.
        (">=3.13", (3, 12), (3, 13), "no split is possible"),
    ],
)
def test_an_unsound_split_is_refused_saying_why(
    spec: str | None,
    at: tuple[int, int],
    running: tuple[int, int],
    reason: str,
) -> None:
    with pytest.raises(UpdateError, match=reason):
        update.split_specs(spec, at, running)


PAIR = """\
# Pair

```{doctest}
:pyversion: "<3.13"

>>> 6 * 7
41
```

```{doctest}
:pyversion: ">=3.13"

>>> 6 * 7
42
```
"""


def test_the_a4_split_is_refused_and_the_chapter_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chapter = make_book(tmp_path, pair=PAIR) / "pair.md"
    as_python(monkeypatch, "3.13.0")
    with pytest.raises(UpdateError, match=r"shown for Python 3\.11"):
        update.update(chapter, 5, split_at="3.12")
    assert chapter.read_text() == PAIR


def test_a_split_of_identical_outputs_is_not_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chapter = make_book(tmp_path, pair=PAIR) / "pair.md"
    as_python(monkeypatch, "3.14.0")
    message = update.update(chapter, 13, split_at="3.14")
    assert message == (
        "book/pair.md:10: Python 3.14.0 prints what the book shows: output "
        "unchanged; no split made"
    )
    assert chapter.read_text() == PAIR


def test_a_split_keeps_the_old_output_and_adds_the_new_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chapter = make_book(tmp_path, pair=PAIR) / "pair.md"
    as_python(monkeypatch, "3.12.1")
    message = update.update(chapter, 6, split_at="3.12")
    assert message == (
        "book/pair.md:3: kept for Python 3.11; added book/pair.md:10 for "
        "Python 3.12 with the output of Python 3.12.1"
    )
    blocks = doctests.doctest_blocks(chapter)
    assert [
        (doctests.spec_of(b), b.body.splitlines()[-1]) for b in blocks
    ] == [
        ("<3.12", "41"),
        (">=3.12,<3.13", "42"),
        (">=3.13", "42"),
    ]
    assert listings.overlaps(chapter) == []


def test_a_split_says_which_versions_it_did_not_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chapter = make_book(tmp_path, one="# One\n\n```{doctest}\n>>> 1\n2\n```\n")
    as_python(monkeypatch, "3.14.0")
    message = update.update(chapter / "one.md", 4, split_at="3.14")
    assert message.endswith(
        "for Python 3.14 and later with the output of Python 3.14.0; not yet "
        "checked on 3.15: run make editions"
    )


# ------------------------------------------------- make update-listing


@pytest.mark.parametrize(
    ("version", "split_at", "message"),
    [
        ("3.10", None, "VERSION=3.10 is not supported; use one of 3.11, "),
        ("313", None, "VERSION=313 is not a minor version such as 3.14"),
        ("3.13", "3.13.0", "SPLIT_AT=3.13.0 is not a minor version"),
    ],
)
def test_make_update_listing_refuses_a_bad_version(
    capsys: pytest.CaptureFixture[str],
    version: str,
    split_at: str | None,
    message: str,
) -> None:
    code = editions.update(
        "book/runtime/memory.md:32", version, split_at, Path("unused")
    )
    assert code == 2
    assert message in capsys.readouterr().err


def test_make_update_listing_checks_the_listing_before_any_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = editions.update("book/nosuch.md:3", "3.13", None, Path("unused"))
    assert code == 2
    assert "no such chapter: book/nosuch.md" in capsys.readouterr().err


def test_make_update_listing_says_which_editions_run_makes_the_venv(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    first = doctests.doctest_blocks(listings.BOOK / "foreword.md")[0]
    monkeypatch.setattr(editions, "ROOT", tmp_path)  # no .nox there
    code = editions.update(first.where, "3.13", None, Path("unused"))
    assert code == 2
    assert "run `make editions VERSIONS=3.13` first" in capsys.readouterr().err


def test_a_version_the_block_is_not_shown_for_names_the_other_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chapter = make_book(tmp_path, pair=PAIR) / "pair.md"
    as_python(monkeypatch, "3.13.0")
    with pytest.raises(
        UpdateError,
        match=r"Python 3\.13's output is the block at book/pair\.md:10 "
        r"\(update that one\)",
    ):
        update.update(chapter, 5)
    assert chapter.read_text() == PAIR
