"""The pytest side of ``make editions``: what runs where, and live progress.

Loaded with ``-p bookkit.edition_run`` by ``python -m bookkit.editions
session`` (the nox sessions of ``noxfile.py``).  It does three things:

* ``--edition-scope=version`` keeps only the items whose verdict can differ
  between interpreters, and ``--edition-scope=shared`` only the others (see
  :func:`scope_of`), so that the interpreter-independent work runs once per
  edition instead of once per Python version;
* ``--edition-items=FILE`` writes one record per item (outcome, and for a
  failure its chapter line and diff), from which the session builds the
  version's results and its per-chapter cache;
* ``--edition-progress=FILE`` appends one JSON line per finished item, and
  one per failure the moment it happens, for ``make editions``' display.
"""

from __future__ import annotations

import doctest
import json
import re
from pathlib import Path
from typing import Any, TextIO

import pytest

from bookkit import doctests, listings, policy
from bookkit.pytest_plugin import ChapterFile, ChapterListing, _Group

#: Tests whose verdict does not depend on the interpreter that runs them.
#: They run once per edition, in the ``shared`` session; everything else --
#: every chapter listing, every example docstring, every other test of a
#: chapter -- runs on each Python version, because each listing's output is
#: a claim about the versions it is shown for.
SHARED_RULES: tuple[tuple[str, str], ...] = (
    (
        "tests/tooling/",
        "the build's own machinery: the contract walker, the layout and "
        "page-width checks, ruff, and mypy --strict with the fixed "
        "python_version of pyproject.toml",
    ),
    (
        "test_mypy_cases.py",
        "mypy on a rejected listing, with a fixed --python-version",
    ),
    (
        "test_checker.py",
        "the mypy report formatter of Part III, with a fixed --python-version",
    ),
    (
        "::test_mypy_",
        "mypy on a rejected listing, with pyproject.toml's fixed "
        "python_version",
    ),
    (
        "::test_both_checkers_",
        "mypy and pyright on a rejected listing, each with the fixed "
        "python version of pyproject.toml",
    ),
    (
        "::test_pyright_",
        "pyright on a rejected listing, with a fixed --pythonversion",
    ),
)


#: Tests of the build's machinery that read ``sys.version_info`` (they
#: build their probe listings around the running version, or check the
#: version a record names): their verdict depends on the interpreter, so
#: they run per version, before :data:`SHARED_RULES` is consulted.
#: test_edition_matrix.py's reverse check finds any other such test.
VERSION_RULES: tuple[tuple[str, str], ...] = (
    (
        "tests/tooling/test_runners.py::test_pytest_plugin_runs_only_this_versions_output",
        "the probe listings are split at the running version",
    ),
    (
        "tests/tooling/test_editions.py::test_update_splits_",
        "a split listing is split at the running version",
    ),
    (
        "tests/tooling/test_editions.py::test_update_refuses_a_split_",
        "the split point is the version after the running one",
    ),
    (
        "tests/tooling/test_editions.py::test_results_name_each_failing_",
        "the record names the running version",
    ),
    (
        "tests/tooling/test_editions.py::test_update_rewrites_a_changed_",
        "the message names the versions other than the running one",
    ),
)


#: Tests of the build's machinery that read ``sys.version_info`` and still
#: run once, in the ``shared`` session: they probe Sphinx's doctest builder
#: and the record a book build makes, and ``make editions`` runs Sphinx only
#: there (a book build runs it on the one interpreter that builds it, where
#: ``make test`` runs these probes too).  The probes split their listings at
#: whichever version runs them.
SPHINX_PROBES: tuple[str, ...] = (
    "tests/tooling/test_runners.py::test_sphinx_doctest_runs_only_this_versions_output",
    "tests/tooling/test_runners.py::test_sphinx_shows_a_label_on_versioned_output",
    "tests/tooling/test_edition_page.py::test_a_build_records_the_",
    "tests/tooling/test_edition_page.py::test_the_page_states_what_",
)


#: A chapter listing that only shows a type checker's verdict on a listing
#: file: ``examples.typing_system.checker.check`` runs mypy, or pyright
#: (``checker="pyright"``), with a fixed ``--python-version``
#: (``--pythonversion``), against the pinned packages, so the output cannot
#: depend on the interpreter that runs the checker.
_CHECK_IMPORT = "from examples.typing_system.checker import check"
_CHECK_CALL = re.compile(
    r'check\("[\w/.]+"(?:, python_version="3\.\d+")?'
    r'(?:, checker="(?:mypy|pyright)")?(?:, line=\d+)?\)'
)
MYPY_LISTING = (
    "a listing that shows mypy's or pyright's verdict, with a fixed "
    "--python-version"
)


def mypy_only(block: listings.Block) -> bool:
    """Whether a ``{doctest}`` block does nothing but run the checker."""
    examples = doctest.DocTestParser().get_examples(block.body)
    sources = [e.source.strip() for e in examples]
    return any(_CHECK_CALL.fullmatch(s) for s in sources) and all(
        s == _CHECK_IMPORT or _CHECK_CALL.fullmatch(s) for s in sources
    )


def shared_listing(block: listings.Block) -> bool:
    """Whether a chapter listing runs once, in the shared session: it only
    shows a type checker's verdict and is shown for every version.  One with a
    ``:pyversion:`` is a claim about those versions, so it runs in their
    sessions like any other listing."""
    return mypy_only(block) and doctests.spec_of(block) is None


def item_scope(item: pytest.Item) -> str:
    if isinstance(item, ChapterListing) and shared_listing(item.block):
        return "shared"
    return scope_of(item.nodeid)[0]


def scope_of(nodeid: str) -> tuple[str, str]:
    """``("shared", why)`` or ``("version", why)`` for one test item
    (a chapter listing of a checker's verdict is shared too: :func:`shared_listing`)."""
    for needle, why in VERSION_RULES:
        if nodeid.startswith(needle):
            return "version", why
    for needle, why in SHARED_RULES:
        if needle in nodeid:
            return "shared", why
    if nodeid.startswith("book/"):
        return "version", "a chapter listing: its output is shown per version"
    return "version", "runs the example code on this interpreter"


def test_line(report: pytest.TestReport) -> str:
    """Where a failed test failed, as ``tests/<part>/test_x.py:42``: the
    last line of its traceback that is in the test's own file (the line of
    the failing assert, or of the call that raised), else the line of the
    test's definition."""
    path, lineno, _ = report.location
    line = None if lineno is None else lineno + 1
    longrepr = report.longrepr
    chain = getattr(longrepr, "chain", None)
    tracebacks = (
        [element[0] for element in chain]
        if chain
        else [getattr(longrepr, "reprtraceback", None)]
    )
    own = Path(path).as_posix()
    for traceback in tracebacks:
        for entry in getattr(traceback, "reprentries", []):
            where = getattr(entry, "reprfileloc", None)
            if where is not None and _same_file(where.path, own):
                line = where.lineno
    return f"{own}:{line}" if line is not None else own


def _same_file(shown: str, own: str) -> bool:
    """Whether a traceback's path (relative or absolute) is the test's."""
    shown_path = Path(shown)
    if shown_path.is_absolute():
        return shown_path.as_posix().endswith("/" + own)
    return shown_path.as_posix() == own


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("editions")
    group.addoption(
        "--edition-scope",
        choices=("version", "shared"),
        help="keep only the items of this scope (see bookkit.edition_run)",
    )
    group.addoption("--edition-items", metavar="FILE")
    group.addoption(
        "--edition-units",
        metavar="FILE",
        help="collect only the files of these units (a JSON list)",
    )
    group.addoption("--edition-progress", metavar="FILE")


def pytest_ignore_collect(
    collection_path: Path, config: pytest.Config
) -> bool | None:
    """Skip the files of the units (chapters) that are not to run.

    The session passes the same folders as a full run, so the modules
    collected are imported exactly as in a full run (pytest rewrites the
    asserts of a module named on the command line, not of one found in a
    folder); this hook only prunes.
    """
    units_file = config.getoption("--edition-units")
    if not units_file or collection_path.is_dir():
        return None
    if collection_path.name == "conftest.py":
        return None  # fixtures: always loaded
    from bookkit import editions

    wanted = _units(units_file)
    relative = collection_path.relative_to(config.rootpath).as_posix()
    unit = editions.unit_of(relative, config.rootpath)
    if unit in wanted or any(w.startswith(unit + "[") for w in wanted):
        return None
    return True


_UNITS: dict[str, frozenset[str]] = {}


def _units(path: str) -> frozenset[str]:
    if path not in _UNITS:
        _UNITS[path] = frozenset(json.loads(Path(path).read_text()))
    return _UNITS[path]


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(EditionRecorder(config), "edition-recorder")


class EditionRecorder:
    """Keeps one record per item, and reports progress as it goes."""

    def __init__(self, config: pytest.Config) -> None:
        self.scope: str | None = config.getoption("--edition-scope")
        items = config.getoption("--edition-items")
        progress = config.getoption("--edition-progress")
        self.items_path = Path(items) if items else None
        self.progress: TextIO | None = (
            Path(progress).open("a") if progress else None  # noqa: SIM115
        )
        self.listings: dict[str, ChapterListing] = {}
        self.records: list[dict[str, Any]] = []

    def emit(self, **event: Any) -> None:
        if self.progress is not None:
            self.progress.write(json.dumps(event) + "\n")
            self.progress.flush()

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        units_file = config.getoption("--edition-units")
        if self.scope is not None or units_file:
            from bookkit import editions

            wanted = _units(units_file) if units_file else None
            keep = [
                i
                for i in items
                if (self.scope is None or item_scope(i) == self.scope)
                and (
                    wanted is None
                    or editions.item_unit(i.nodeid, config.rootpath) in wanted
                )
            ]
            dropped = [i for i in items if i not in keep]
            if dropped:
                config.hook.pytest_deselected(items=dropped)
            items[:] = keep
        self.listings = {
            i.nodeid: i for i in items if isinstance(i, ChapterListing)
        }
        self.emit(
            event="collected",
            listings=len(self.listings),
            tests=len(items) - len(self.listings),
        )

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        """In the version scope, step over the shared mypy listings before
        this one instead of replaying them: they only import and call the
        checker, so the group's namespace is what the listings after them
        need without them."""
        if self.scope != "version" or not isinstance(item, ChapterListing):
            return
        chapter = item.parent
        assert isinstance(chapter, ChapterFile)
        members = chapter.members[item.group]
        state = chapter.groups.get(item.group)
        if state is None or state.done > item.index:
            state = chapter.groups[item.group] = _Group()
        while state.done < item.index:
            block = members[state.done].block
            if shared_listing(block):
                # Its one effect on the namespace: the name ``check``.
                if _CHECK_IMPORT in block.body:
                    exec(_CHECK_IMPORT, state.namespace)  # noqa: S102
            elif policy.runs_here(members[state.done].spec):
                break
            state.done += 1

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            record = {
                "nodeid": report.nodeid,
                "kind": "test",
                "outcome": "failed",
                "version_specific": False,
                "failure": {
                    "test": report.nodeid,
                    "where": report.nodeid,
                    "message": str(report.longrepr)[-4000:],
                },
            }
            self.records.append(record)
            self.emit(event="failure", where=report.nodeid, kind="test")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "call" and not (report.skipped or report.failed):
            return
        item = self.listings.get(report.nodeid)
        record: dict[str, Any] = {
            "nodeid": report.nodeid,
            "kind": "test" if item is None else "listing",
            "outcome": report.outcome,
            "version_specific": bool(
                item is not None and report.passed and item.spec is not None
            ),
            "failure": None,
        }
        if report.failed:
            failure = {"test": report.nodeid, "where": test_line(report)}
            if item is not None:
                failure["where"] = item.block.where
                failure["diff"] = item.outcome.diff() if item.outcome else ""
            failure["message"] = str(report.longrepr)[-4000:]
            record["failure"] = failure
        # A failed setup or teardown after a passed call reports the item
        # twice: the last word counts.
        if self.records and self.records[-1]["nodeid"] == report.nodeid:
            self.records[-1] = record
        else:
            self.records.append(record)
            self.emit(event="item", kind=record["kind"])
        if report.failed:
            self.emit(
                event="failure",
                where=record["failure"]["where"],
                kind=record["kind"],
                **({"test": report.nodeid} if item is None else {}),
            )

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.items_path is not None:
            self.items_path.parent.mkdir(parents=True, exist_ok=True)
            self.items_path.write_text(json.dumps(self.records) + "\n")
        if self.progress is not None:
            self.progress.close()
