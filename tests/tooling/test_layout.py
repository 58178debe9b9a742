"""The repository's layout: book, examples and tests mirror one another.

A reader who opens ``book/runtime/memory.md`` finds its code in
``src/examples/runtime/memory.py`` (or the package ``.../memory/``) and its
tests in ``tests/runtime/test_memory.py`` (or ``tests/runtime/memory/``).
"""

from __future__ import annotations

import doctest
import tomllib
from pathlib import Path

import pytest
from sphinx.util.tags import Tags

from bookkit import handouts, listings, policy
from bookkit.listings import BOOK, EXAMPLES, ROOT, Kind
from bookkit.pytest_plugin import chosen_chapters

TESTS = ROOT / "tests"
NOT_WRITTEN = "This chapter is not written yet"


def pages() -> list[Path]:
    """Chapter pages: every page but the title page, the part pages and the
    back matter (the generated edition page)."""
    back = {BOOK / f"{doc}.md" for doc in handouts.BACK_MATTER}
    return [
        p
        for p in listings.chapters()
        if p.name != "index.md"
        and p not in back
        and not p.name.endswith(".exercises.md")  # part of its chapter
    ]


def is_stub(page: Path) -> bool:
    return NOT_WRITTEN in page.read_text(encoding="utf-8")


def example_for(page: Path) -> list[Path]:
    stem = EXAMPLES / page.relative_to(BOOK).with_suffix("")
    return [
        p
        for p in (stem.with_suffix(".py"), stem / "__init__.py")
        if p.exists()
    ]


def mirrored_tests(page: Path) -> list[Path]:
    relative = page.relative_to(BOOK).with_suffix("")
    folder = TESTS / relative.parent
    candidates = (folder / f"test_{relative.name}.py", folder / relative.name)
    return [p for p in candidates if p.exists()]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``page``: each chapter page; ``chapter``: each file of book/ (only
    ``--chapter``'s, for ``make check``)."""
    for name, candidates in (
        ("page", pages()),
        ("chapter", listings.chapters()),
    ):
        if name in metafunc.fixturenames:
            metafunc.parametrize(
                name,
                chosen_chapters(metafunc.config, candidates),
                ids=listings.display,
            )


def test_each_written_chapter_has_its_examples_and_tests(page: Path) -> None:
    if is_stub(page):
        pytest.skip(
            f"{page.relative_to(ROOT)} is not written yet (it says so)"
        )
    assert example_for(page), f"no src/examples module or package for {page}"
    assert mirrored_tests(page), f"no tests for {page}"


def test_an_unwritten_chapter_holds_only_headings_and_says_so(
    page: Path,
) -> None:
    if not is_stub(page):
        return
    lines = [line for line in page.read_text().splitlines() if line.strip()]
    prose = [line for line in lines if not line.startswith("#")]
    assert prose == [line for line in prose if line.startswith(NOT_WRITTEN)]
    assert not list(listings.blocks(page))


def test_every_example_module_belongs_to_a_chapter() -> None:
    chapter_stems = {p.relative_to(BOOK).with_suffix("") for p in pages()}
    part_stems = {p.relative_to(BOOK).parent for p in listings.chapters()}
    orphans = []
    for module in EXAMPLES.rglob("*.py"):
        relative = module.relative_to(EXAMPLES).with_suffix("")
        owners = {relative, *relative.parents}
        if relative.name == "__init__":
            owners.add(relative.parent)
        if not owners & (chapter_stems | part_stems):
            orphans.append(str(module.relative_to(ROOT)))
    assert not orphans, f"modules no chapter owns: {orphans}"


def test_every_included_file_is_tested_by_its_chapters_tests(
    page: Path,
) -> None:
    untested = []
    for block in listings.blocks(page):
        if block.kind is not Kind.INCLUDE:
            continue
        module = (page.parent / block.argument.strip()).resolve()
        dotted = ".".join(
            module.relative_to(EXAMPLES.parent).with_suffix("").parts
        )
        texts = [
            p.read_text()
            for t in mirrored_tests(page)
            for p in ([t] if t.is_file() else t.rglob("test_*.py"))
        ]
        # Imported by name, or (for mypy_cases, which are never imported)
        # named by file.
        names = (dotted, module.name)
        if not any(name in text for text in texts for name in names):
            untested.append(f"{block.where}: {dotted}")
    assert not untested, (
        f"included modules their chapter's tests never import: {untested}"
    )


def test_chapter_listings_fit_the_page_width(chapter: Path) -> None:
    limit = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"][
        "ruff"
    ]["line-length"]
    wide = []
    for block in listings.blocks(chapter):
        for offset, line in enumerate(block.body.splitlines()):
            if len(line) > limit:
                wide.append(
                    f"{listings.display(chapter)}:{block.body_line + offset}"
                )
    assert not wide, f"listing lines longer than {limit} columns: {wide}"


def test_pytest_doctest_flags_are_the_policys() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    names = config["tool"]["pytest"]["ini_options"]["doctest_optionflags"]
    flags = 0
    for name in names:
        flags |= doctest.OPTIONFLAGS_BY_NAME[name]
    assert flags == policy.DOCTEST_FLAGS


def test_the_standard_library_inventory_is_read_from_disk() -> None:
    conf = ROOT / "conf.py"
    namespace: dict[str, object] = {"tags": Tags(), "__file__": str(conf)}
    exec(conf.read_text(), namespace)
    mapping = namespace["intersphinx_mapping"]
    assert isinstance(mapping, dict)
    for _url, inventory in mapping.values():
        assert Path(inventory).is_file(), f"{inventory} is not on disk"
