"""The listing contract: every code block in book/ is accounted for."""

from __future__ import annotations

from pathlib import Path

import pytest

from bookkit import listings
from bookkit.listings import Kind
from bookkit.pytest_plugin import chosen_chapters


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "chapter" in metafunc.fixturenames:
        metafunc.parametrize(
            "chapter",
            chosen_chapters(metafunc.config, listings.chapters()),
            ids=listings.display,
        )


def test_every_block_of_the_chapter_is_accounted_for(chapter: Path) -> None:
    problems = [
        f"{b.where}: {b.reason}"
        for b in listings.blocks(chapter)
        if b.kind is Kind.VIOLATION
    ]
    assert not problems, "unaccounted code in the book:\n" + "\n".join(
        problems
    )


def test_the_walker_sees_the_book() -> None:
    kinds = {b.kind for p in listings.chapters() for b in listings.blocks(p)}
    assert {Kind.DOCTEST, Kind.INCLUDE, Kind.AUTODOC} <= kinds


@pytest.mark.parametrize(
    ("fence", "reason"),
    [
        ("```python\nx = 1\n```", "```python block"),
        ("```pycon\n>>> 1\n1\n```", "```pycon block"),
        ("```\nx = 1\n```", "without a language"),
        ("```{code-block} python\nx = 1\n```", "{code-block} is not one"),
        ("```{doctest}\n>>> 1  # doctest: +SKIP\n2\n```", "skipped doctest"),
        ("```{doctest}\nx = 1\n```", "doctest without >>>"),
        ("```{literalinclude} ../conf.py\n```", "not under src/examples"),
        ("```{literalinclude} ../src/examples/nope.py\n```", "does not exist"),
        (
            "```{literalinclude} ../src/examples/foreword/orders.py\n"
            ":lines: 1-3\n```",
            "selects lines by number",
        ),
        (
            "```{autofunction} os.path.join\n```",
            "only modules under src/examples",
        ),
        (
            "```{eval-rst}\n.. code-block:: python\n\n   x = 1\n```",
            "{eval-rst}",
        ),
        ("````{note}\nSee:\n\n```python\nx = 1\n```\n````", "```python block"),
    ],
)
def test_unaccounted_python_is_reported_with_its_place(
    tmp_path: Path, fence: str, reason: str
) -> None:
    chapter = listings.BOOK / "_contract_probe.md"
    text = f"# Probe\n\nSome prose.\n\n{fence}\n"
    found = list(listings.blocks(chapter, text))
    bad = [b for b in found if b.kind is Kind.VIOLATION]
    assert len(bad) == 1, found
    assert reason in bad[0].reason
    assert bad[0].where.startswith("book/_contract_probe.md:")
    assert bad[0].line >= 5


def test_allowed_blocks_are_not_reported() -> None:
    text = (
        "```console\n$ make test\n```\n\n"
        '```{doctest}\n:pyversion: ">=3.14"\n\n>>> 1\n1\n```\n\n'
        "```{literalinclude} ../src/examples/foreword/orders.py\n"
        ":pyobject: read_order\n```\n\n"
        "```{eval-rst}\n.. autofunction:: examples.foreword.orders.read_order\n```\n"
    )
    found = list(listings.blocks(listings.BOOK / "probe.md", text))
    assert [b.kind for b in found] == [
        Kind.PLAIN,
        Kind.DOCTEST,
        Kind.INCLUDE,
        Kind.AUTODOC,
    ]
    assert found[1].options == {"pyversion": ">=3.14"}
    assert found[1].body_line == 8


def test_the_versions_of_a_listing_cover_disjoint_versions(
    chapter: Path,
) -> None:
    problems = listings.overlaps(chapter)
    assert not problems, "\n".join(problems)


def doctest_fence(spec: str, source: str, output: str) -> str:
    return f'```{{doctest}}\n:pyversion: "{spec}"\n\n>>> {source}\n{output}\n```\n'


# What `make update-listing ... VERSION=3.13 SPLIT_AT=3.12` once wrote on a
# "<3.13" / ">=3.13" pair (newcomer review, A4).
OVERLAPPING = (
    doctest_fence("<3.13, <3.12", 'hasattr(sys, "_is_gil_enabled")', "False")
    + "\n"
    + doctest_fence(">=3.12", 'hasattr(sys, "_is_gil_enabled")', "True")
    + "\n"
    + doctest_fence(">=3.13", "sys._is_gil_enabled()", "True")
)


def test_overlapping_versions_of_a_listing_fail_the_contract() -> None:
    problems = listings.overlaps(listings.BOOK / "probe.md", OVERLAPPING)
    assert problems == [
        "book/probe.md:15: :pyversion: '>=3.13' overlaps book/probe.md:8's "
        "'>=3.12' (both are shown for Python 3.13, 3.14, 3.15); the versions "
        "of one listing must cover disjoint versions"
    ]


def test_the_same_code_is_one_listing_even_with_prose_between() -> None:
    text = (
        doctest_fence("<3.14", "1 + 1", "2")
        + "\nProse.\n\n"
        + doctest_fence(">=3.13", "1 + 1", "2")
    )
    problems = listings.overlaps(listings.BOOK / "probe.md", text)
    assert len(problems) == 1
    assert "(both are shown for Python 3.13)" in problems[0]


def test_separate_listings_may_share_versions() -> None:
    text = (
        doctest_fence(">=3.12", "1 + 1", "2")
        + "\nThen another listing, for the same versions:\n\n"
        + doctest_fence(">=3.12", "2 + 2", "4")
        + '\n```{doctest} other\n:pyversion: ">=3.12"\n\n>>> 3\n3\n```\n'
    )
    assert listings.overlaps(listings.BOOK / "probe.md", text) == []


def test_an_unversioned_copy_of_a_versioned_listing_fails_the_contract() -> (
    None
):
    plain = "```{doctest}\n\n>>> sys._is_gil_enabled()\nTrue\n```\n"
    text = (
        plain + "\n" + doctest_fence(">=3.13", "sys._is_gil_enabled()", "True")
    )
    problems = listings.overlaps(listings.BOOK / "probe.md", text)
    assert problems == [
        "book/probe.md:1: no :pyversion:, so it is shown for every Python, "
        "overlapping book/probe.md:7's '>=3.13', which runs the same code; "
        "give it a :pyversion: of its own"
    ]
    # A setup block right before a versioned listing is another listing.
    other = "```{doctest}\n\n>>> import sys\n```\n\n"
    fine = other + doctest_fence(">=3.13", "sys._is_gil_enabled()", "True")
    assert listings.overlaps(listings.BOOK / "probe.md", fine) == []
