"""Run the chapters' ``{doctest}`` listings under pytest, as the build does.

Each ``{doctest}`` block of ``book/**/*.md`` becomes one test item named by
its chapter file and line.  Blocks of one chapter share a namespace per
doctest group, in order, exactly as Sphinx's doctest builder runs them; the
option flags, the global setup and the ``:pyversion:`` rule come from
:mod:`bookkit.policy`, which ``conf.py`` uses too.  A block for another
Python version is skipped with that reason: it is checked by the run on
that version (``make editions``).

``--book-results=FILE`` writes what the run verified, as JSON, for the
"About this edition" page (see :mod:`bookkit.editions`).

The run ends with one line counting those listings for other versions
(pyproject's ``-rfE`` keeps their skips out of the short summary, which
``-rs`` shows in full).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bookkit import doctests, editions, listings, policy


class ListingFailedError(Exception):
    """A chapter listing whose output is not what the book shows."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--book-results",
        metavar="FILE",
        help="write the run's verification results (JSON) to FILE",
    )
    parser.addoption(
        "--chapter",
        metavar="FILE",
        help="run the per-chapter contract and layout checks for this "
        "chapter only (``make check CHAPTER=book/<part>/<chapter>.md``)",
    )


def chosen_chapters(
    config: pytest.Config, candidates: list[Path]
) -> list[Path]:
    """The chapters a per-chapter check runs on: ``--chapter``'s, or all."""
    chosen = config.getoption("--chapter")
    if not chosen:
        return candidates
    path = (config.invocation_params.dir / chosen).resolve()
    return [p for p in candidates if p.resolve() == path]


#: Ends this run's mypy cache (bookkit.policy.start_mypy_cache).
END_MYPY_CACHE = pytest.StashKey[Callable[[], None]]()


def pytest_configure(config: pytest.Config) -> None:
    try:
        policy.check_supported()
    except RuntimeError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.addinivalue_line(
        "markers", "book: a {doctest} listing of a chapter"
    )
    config.stash[END_MYPY_CACHE] = policy.start_mypy_cache()
    results = config.getoption("--book-results")
    if results:
        config.pluginmanager.register(
            ResultsRecorder(Path(results)), "book-results"
        )


#: The node ids of listings skipped because they are for other versions.
OTHER_VERSIONS = pytest.StashKey[set[str]]()
#: How many of them the run reported skipped.
SKIPPED_HERE = pytest.StashKey[list[int]]()


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    config.stash[OTHER_VERSIONS] = {
        i.nodeid
        for i in items
        if isinstance(i, ChapterListing) and not policy.runs_here(i.spec)
    }
    config.stash[SKIPPED_HERE] = [0, 0]  # other versions, other skips


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(
    terminalreporter: Any, exitstatus: int, config: pytest.Config
) -> None:
    ids = config.stash.get(OTHER_VERSIONS, set())
    skipped = terminalreporter.stats.get("skipped", [])
    config.stash[SKIPPED_HERE] = [
        sum(1 for r in skipped if r.nodeid in ids),
        sum(1 for r in skipped if r.nodeid not in ids),
    ]


def pytest_unconfigure(config: pytest.Config) -> None:
    """After pytest's own summary line: the listings left to other Pythons."""
    config.stash.get(END_MYPY_CACHE, lambda: None)()
    listed, others = config.stash.get(SKIPPED_HERE, [0, 0])
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or not (listed or others):
        return
    line = (
        f"{listed} listing{' is' if listed == 1 else 's are'} shown for "
        "other Python versions: `make editions` checks them"
        if listed
        else ""
    )
    if others:
        line += ("; " if line else "") + (
            f"{others} other test{'s' if others > 1 else ''} skipped "
            "(-rs lists every skip with its reason)"
        )
    reporter.write_line(line)


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
        self.namespace = doctests.new_namespace()
        self.done = 0


class ChapterFile(pytest.File):
    """One chapter: its doctest blocks, grouped as Sphinx groups them."""

    def collect(self) -> Iterator[pytest.Item]:
        self.groups: dict[str, _Group] = {}
        self.members: dict[str, list[ChapterListing]] = {}
        for block in doctests.doctest_blocks(self.path):
            for group in doctests.groups_of(block):
                members = self.members.setdefault(group, [])
                suffix = "" if group == "default" else f" [{group}]"
                item = ChapterListing.from_parent(
                    self,
                    name=f"line {block.line}{suffix}",
                    block=block,
                    group=group,
                    index=len(members),
                )
                members.append(item)
                yield item


class ChapterListing(pytest.Item):
    """One ``{doctest}`` block, run in its group's shared namespace."""

    def __init__(
        self, *, block: listings.Block, group: str, index: int, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.block = block
        self.group = group
        self.index = index
        self.outcome: doctests.Outcome | None = None
        self.spec = doctests.spec_of(block)
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

    def runtest(self) -> None:
        chapter = self.parent
        assert isinstance(chapter, ChapterFile)
        state = chapter.groups.get(self.group)
        if state is None or state.done > self.index:
            state = chapter.groups[self.group] = _Group()
        # Replay earlier blocks of the group (when this one runs alone, via -k).
        for earlier in chapter.members[self.group][state.done : self.index]:
            if policy.runs_here(earlier.spec):
                outcome = doctests.run_block(earlier.block, state.namespace)
                if outcome.failed:
                    raise ListingFailedError(
                        f"earlier listing {earlier.block.where} failed:\n"
                        + outcome.report
                    )
        self.outcome = doctests.run_block(self.block, state.namespace)
        state.done = self.index + 1
        if self.outcome.failed:
            raise ListingFailedError(
                f"{self.block.where}: output differs from the book\n"
                + self.outcome.report
            )

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str:
        if isinstance(excinfo.value, ListingFailedError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.block.line - 1, f"listing {self.block.where}"


class ResultsRecorder:
    """Collects what a run verified and writes it for the edition page."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: dict[str, ChapterListing] = {}
        self.results = editions.new_results()

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        self.items = {
            i.nodeid: i for i in items if isinstance(i, ChapterListing)
        }

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "call" and not (report.skipped or report.failed):
            return
        item = self.items.get(report.nodeid)
        if item is None:
            kind = self.results["tests"]
        else:
            kind = self.results["listings"]
            if report.passed and item.spec is not None:
                kind["version_specific"] += 1
        outcome = report.outcome
        kind[outcome] += 1
        if report.failed:
            failure = {"test": report.nodeid, "where": report.nodeid}
            if item is not None:
                failure["where"] = item.block.where
                failure["diff"] = item.outcome.diff() if item.outcome else ""
            failure["message"] = str(report.longrepr)[-4000:]
            self.results["failures"].append(failure)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.results, indent=2) + "\n")
