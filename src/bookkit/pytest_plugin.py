"""Run the chapters' ``{doctest}`` listings under pytest, as the build does.

Each ``{doctest}`` block of ``book/**/*.md`` becomes one test item named by
its chapter file and line.  Blocks of one chapter share a namespace per
doctest group, in order, exactly as Sphinx's doctest builder runs them; the
option flags, the global setup and the ``:pyversion:`` rule come from
:mod:`bookkit.policy`, which ``conf.py`` uses too.  A block for another
Python version is skipped with that reason: it is checked by the run on
that version (``make editions``).
"""

from __future__ import annotations

import doctest
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bookkit import listings, policy

_OPTION_FLAGS = doctest.OPTIONFLAGS_BY_NAME


class ListingFailedError(Exception):
    """A chapter listing whose output is not what the book shows."""


def pytest_configure(config: pytest.Config) -> None:
    try:
        policy.check_supported()
    except RuntimeError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.addinivalue_line(
        "markers", "book: a {doctest} listing of a chapter"
    )


def pytest_collect_file(
    file_path: Path, parent: pytest.Collector
) -> pytest.Collector | None:
    book = parent.config.rootpath / "book"
    if file_path.suffix == ".md" and book in file_path.parents:
        return ChapterFile.from_parent(parent, path=file_path)
    return None


class _Group:
    """A doctest group's namespace and how far through it a run has got."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {}
        exec(policy.GLOBAL_SETUP, self.namespace)  # noqa: S102 - fixed, trusted text
        self.done = 0


class ChapterFile(pytest.File):
    """One chapter: its doctest blocks, grouped as Sphinx groups them."""

    def collect(self) -> Iterator[pytest.Item]:
        self.groups: dict[str, _Group] = {}
        self.members: dict[str, list[ChapterListing]] = {}
        for block in listings.blocks(self.path):
            if block.kind is not listings.Kind.DOCTEST:
                continue
            for group in (
                (block.argument or "default").replace(",", " ").split()
            ):
                members = self.members.setdefault(group, [])
                item = ChapterListing.from_parent(
                    self,
                    name=f"line {block.line}"
                    + ("" if group == "default" else f" [{group}]"),
                    block=block,
                    group=group,
                    index=len(members),
                )
                members.append(item)
                yield item

    def group_blocks(self, group: str) -> list[ChapterListing]:
        return self.members[group]


class ChapterListing(pytest.Item):
    """One ``{doctest}`` block, run in its group's shared namespace."""

    def __init__(
        self, *, block: listings.Block, group: str, index: int, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.block = block
        self.group = group
        self.index = index
        self.add_marker(pytest.mark.book)
        if not policy.runs_here(self.spec):
            assert self.spec is not None
            self.add_marker(
                pytest.mark.skip(
                    reason=f"{block.where}: output shown for "
                    f"{policy.version_label(self.spec)}; "
                    f"this is Python {policy.running_version()} "
                    "(checked by `make editions`)"
                )
            )

    @property
    def spec(self) -> str | None:
        value = self.block.options.get("pyversion")
        return None if value is None else str(value)

    def runtest(self) -> None:
        chapter = self.parent
        assert isinstance(chapter, ChapterFile)
        state = chapter.groups.get(self.group)
        if state is None or state.done > self.index:
            state = chapter.groups[self.group] = _Group()
        # Replay earlier blocks of the group (when this block runs alone, via -k).
        for earlier in chapter.group_blocks(self.group)[
            state.done : self.index
        ]:
            if policy.runs_here(earlier.spec):
                earlier.run_block(state.namespace, replay=True)
        self.run_block(state.namespace, replay=False)
        state.done = self.index + 1

    def run_block(self, namespace: dict[str, Any], *, replay: bool) -> None:
        block = self.block
        flags = policy.DOCTEST_FLAGS
        parser = doctest.DocTestParser()
        test = parser.get_doctest(
            block.body,
            namespace,
            block.where,
            listings.display(block.path),
            block.body_line - 1,
        )
        test.globs = namespace  # share, as the Sphinx doctest builder does
        for text in (
            str(block.options.get("options", "")).replace(",", " ").split()
        ):
            flag = _OPTION_FLAGS[text[1:]]
            flags = flags | flag if text[0] == "+" else flags & ~flag
        runner = doctest.DocTestRunner(optionflags=flags)
        report = io.StringIO()
        result = runner.run(test, out=report.write, clear_globs=False)
        if result.failed:
            prefix = (
                f"earlier listing {block.where} failed"
                if replay
                else block.where
            )
            raise ListingFailedError(
                f"{prefix}: output differs from the book\n{report.getvalue()}"
            )

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str:
        if isinstance(excinfo.value, ListingFailedError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.block.line - 1, f"listing {self.block.where}"
