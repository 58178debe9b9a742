"""The editions matrix: what runs once, what is cached, what is shown.

``make editions`` runs the interpreter-independent work once per edition
(the ``shared`` session), each chapter's listings and tests per version,
and reuses a chapter's results while nothing they depend on has changed.
"""

from __future__ import annotations

import ast
import importlib
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bookkit import edition_run, editions, listings
from bookkit.listings import ROOT


def test_listings_and_example_tests_run_per_version() -> None:
    assert edition_run.scope_of("book/runtime/cpython.md::line 120")[0] == (
        "version"
    )
    assert edition_run.scope_of(
        "tests/runtime/cpython/test_frames.py::test_the_caller"
    ) == ("version", "runs the example code on this interpreter")
    assert edition_run.scope_of(
        "src/examples/foreword/orders.py::examples.foreword.orders"
    )[0] == ("version")


def test_interpreter_independent_checks_run_once() -> None:
    for nodeid in (
        "tests/tooling/test_quality.py::test_ruff_check_passes",
        "tests/typing_system/basic_types/test_mypy_cases.py::test_x",
        "tests/foreword/test_orders.py::test_mypy_rejects_calling_it",
        "tests/foreword/test_orders.py::test_pyright_rejects_calling_it",
        "tests/typing_system/test_pyright_cases.py::test_pyright_x",
    ):
        scope, why = edition_run.scope_of(nodeid)
        assert scope == "shared", nodeid
        assert why


def _calls_mypy(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(
        isinstance(node, ast.Call)
        and getattr(node.func, "id", "")
        in ("mypy", "run_mypy", "pyright", "run_pyright")
        for node in ast.walk(function)
    )


def test_every_test_that_runs_mypy_is_a_shared_check() -> None:
    """The rule of SHARED_RULES covers each test that shells out to mypy;
    and a shared test of a chapter does nothing but run mypy (or its
    report formatter), so no runtime claim escapes the per-version run."""
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("tests/tooling/"):
            continue
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if not node.name.startswith("test_"):
                continue
            scope = edition_run.scope_of(f"{relative}::{node.name}")[0]
            if _calls_mypy(node):
                assert scope == "shared", f"{relative}::{node.name}"


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


PROJECT = {
    "pyproject.toml": """\
        [project]
        dependencies = ["fastapi==0.165.0"]
        [project.optional-dependencies]
        dev = ["pytest==9.2.0"]
        """,
    "conf.py": "project = 'probe'\n",
    "src/bookkit/policy.py": "FLAGS = 1\n",
    "book/part/one.md": (
        "# One\n\n```{doctest}\n>>> from examples.part.one import f\n"
        ">>> f()\n1\n```\n"
    ),
    "book/part/two.md": "# Two\n",
    "src/examples/part/__init__.py": "",
    "src/examples/part/one/__init__.py": (
        "from examples.part.helpers import base\n\n"
        "def f() -> int:\n    return base()\n"
    ),
    "src/examples/part/helpers.py": "def base() -> int:\n    return 1\n",
    "src/examples/part/two.py": "X = 2\n",
    "tests/part/test_one.py": "def test_f() -> None:\n    pass\n",
    "tests/part/two/test_two.py": "def test_x() -> None:\n    pass\n",
}


def keys(
    root: Path,
    interpreter: str = "cpython-313 3.13.0",
    environment: tuple[str, ...] = (),
) -> dict[str, str]:
    grouped = editions.units(root)
    return {
        unit: editions.unit_key(
            unit,
            "version",
            grouped,
            root=root,
            interpreter=interpreter,
            environment=list(environment),
        )
        for unit in ("part/one", "part/two")
    }


def test_files_are_grouped_by_chapter(tmp_path: Path) -> None:
    root = tree(tmp_path, PROJECT)
    grouped = editions.units(root)
    assert grouped["part/one"] == [
        "book/part/one.md",
        "src/examples/part/one/__init__.py",
        "tests/part/test_one.py",
    ]
    assert grouped["part/two"] == [
        "book/part/two.md",
        "src/examples/part/two.py",
        "tests/part/two/test_two.py",
    ]
    # The part's own helper belongs to the part, which every chapter of it
    # depends on.
    assert "src/examples/part/helpers.py" in grouped["part"]
    assert editions.unit_of("tests/tooling/test_quality.py") == (
        "tooling/quality"
    )


def test_editing_a_chapter_invalidates_that_chapter_only(
    tmp_path: Path,
) -> None:
    root = tree(tmp_path, PROJECT)
    before = keys(root)
    (root / "book/part/one.md").write_text("# One, edited\n")
    after = keys(root)
    assert after["part/one"] != before["part/one"]
    assert after["part/two"] == before["part/two"]


def test_a_change_to_an_imported_module_invalidates(tmp_path: Path) -> None:
    root = tree(tmp_path, PROJECT)
    (root / "src/examples/other.py").write_text("Y = 1\n")
    (root / "src/examples/part/one/__init__.py").write_text(
        "from examples.other import Y\n"
    )
    before = keys(root)
    (root / "src/examples/other.py").write_text("Y = 2\n")
    after = keys(root)
    assert after["part/one"] != before["part/one"]
    assert after["part/two"] == before["part/two"]
    assert "src/examples/other.py" in editions.dependencies(
        "part/one", editions.units(root), root
    )


def test_a_module_imported_through_another_invalidates(tmp_path: Path) -> None:
    """Transitively: the chapter imports one/__init__, which imports
    helpers; and ``from package import module`` names a module."""
    root = tree(tmp_path, PROJECT)
    before = keys(root)
    (root / "src/examples/part/helpers.py").write_text(
        "def base() -> int:\n    return 2\n"
    )
    after = keys(root)
    assert after["part/one"] != before["part/one"]
    assert after["part/two"] == before["part/two"]
    (root / "src/examples/part/sub").mkdir()
    (root / "src/examples/part/sub/__init__.py").write_text("")
    (root / "src/examples/part/sub/deep.py").write_text("D = 1\n")
    (root / "tests/part/two/test_two.py").write_text(
        "from examples.part.sub import deep\nfrom .local import L\n"
    )
    (root / "tests/part/two/local.py").write_text("L = 1\n")
    found = editions.dependencies("part/two", editions.units(root), root)
    assert "src/examples/part/sub/deep.py" in found
    assert "src/examples/part/sub/__init__.py" in found
    assert "src/examples/part/__init__.py" in found  # the package above
    assert "tests/part/two/local.py" in found  # a relative import


def test_a_change_to_a_module_no_chapter_imports_reruns_no_chapter(
    tmp_path: Path,
) -> None:
    root = tree(tmp_path, PROJECT)
    (root / "src/examples/part/unused.py").write_text("U = 1\n")
    before = keys(root)
    (root / "src/examples/part/unused.py").write_text("U = 2\n")
    assert keys(root) == before


def test_a_chapter_depends_on_what_it_includes(tmp_path: Path) -> None:
    root = tree(tmp_path, PROJECT)
    (root / "book/part/two.md").write_text(
        "# Two\n\n```{literalinclude} ../../src/examples/part/two.py\n```\n"
        "\n```{include} two.exercises.md\n```\n"
    )
    (root / "book/part/two.exercises.md").write_text("Exercises\n")
    found = editions.dependencies("part/two", editions.units(root), root)
    assert "src/examples/part/two.py" in found
    assert "book/part/two.exercises.md" in found


def test_a_module_imported_indirectly_invalidates(tmp_path: Path) -> None:
    """A module no import statement names (importlib with a computed name)
    cannot be found statically: the chapter that does it depends on every
    module of src/examples and tests, and no other chapter does."""
    root = tree(tmp_path, PROJECT)
    (root / "src/examples/hidden.py").write_text("Z = 1\n")
    (root / "src/examples/part/one/__init__.py").write_text(
        "import importlib\n\n"
        "def f() -> int:\n"
        "    return importlib.import_module('examples.' + 'hidden').Z\n"
    )
    grouped = editions.units(root)
    assert "src/examples/hidden.py" in editions.dependencies(
        "part/one", grouped, root
    )
    assert editions.dynamic_reasons("part/one", grouped, root) == {
        "src/examples/part/one/__init__.py": (
            "import_module() of a computed name"
        )
    }
    before = keys(root)
    (root / "src/examples/hidden.py").write_text("Z = 2\n")
    after = keys(root)
    assert after["part/one"] != before["part/one"]
    assert after["part/two"] == before["part/two"]


@pytest.mark.parametrize(
    "code",
    [
        "import sys\nsys.path.insert(0, 'x')\n",
        "def run(code: str) -> None:\n    exec(code)\n",
        "import pkgutil\nNAMES = list(pkgutil.walk_packages(['.']))\n",
    ],
    ids=["sys.path", "exec", "walk_packages"],
)
def test_what_the_scan_cannot_follow_depends_on_all_code(
    tmp_path: Path, code: str
) -> None:
    root = tree(tmp_path, PROJECT)
    (root / "tests/part/test_one.py").write_text(code)
    found = editions.dependencies("part/one", editions.units(root), root)
    assert "src/examples/part/two.py" in found
    # A literal one is followed, and is not dynamic.
    (root / "tests/part/test_one.py").write_text(
        "import importlib\nM = importlib.import_module('examples.part.two')\n"
        "exec('from examples.part import helpers')\n"
    )
    grouped = editions.units(root)
    found = editions.dependencies("part/one", grouped, root)
    assert "src/examples/part/two.py" in found
    assert "src/examples/part/helpers.py" in found
    assert not editions.dynamic_reasons("part/one", grouped, root)


def test_a_listing_file_named_by_path_is_a_dependency(tmp_path: Path) -> None:
    """mypy reads its cases by path: a test that names one depends on it,
    and on every file of its part's mypy_cases folder (a computed name)."""
    root = tree(tmp_path, PROJECT)
    (root / "src/examples/part/mypy_cases").mkdir()
    (root / "src/examples/part/mypy_cases/bad.py").write_text("x: int = ''\n")
    (root / "src/examples/part/mypy_cases/other.py").write_text("y = 1\n")
    (root / "tests/part/test_one.py").write_text(
        "CASE = 'mypy_cases/bad.py'\n"
        "def test_f(case: str) -> None:\n"
        "    run(f'mypy_cases/{case}')\n"
    )
    found = editions.dependencies("part/one", editions.units(root), root)
    assert "src/examples/part/mypy_cases/bad.py" in found
    assert "src/examples/part/mypy_cases/other.py" in found
    assert "src/examples/part/mypy_cases/bad.py" not in (
        editions.dependencies("part/two", editions.units(root), root)
    )


def test_the_contract_and_layout_checks_run_per_chapter(
    tmp_path: Path,
) -> None:
    """Their per-chapter items are units of their own: editing one chapter
    reruns its part of them, not the others'."""
    files = {
        **PROJECT,
        "tests/tooling/test_contract.py": "def test_x() -> None:\n    pass\n",
    }
    root = tree(tmp_path, files)
    grouped = editions.units(root)
    planned = editions.plan_units(grouped)
    assert "tooling/contract[part/one]" in planned
    assert "tooling/contract[part/two]" in planned
    assert (
        editions.item_unit(
            "tests/tooling/test_contract.py::test_every_block[book/part/one.md]",
            root,
        )
        == "tooling/contract[part/one]"
    )
    assert (
        editions.item_unit("tests/tooling/test_contract.py::test_x", root)
        == "tooling/contract"
    )

    def key(unit: str) -> str:
        return editions.unit_key(
            unit,
            "shared",
            editions.units(root),
            root=root,
            interpreter="cpython-313 3.13.0",
            environment=[],
        )

    units = ["tooling/contract[part/one]", "tooling/contract[part/two]"]
    before = {u: key(u) for u in units}
    (root / "book/part/one.md").write_text("# One, edited\n")
    after = {u: key(u) for u in units}
    assert after[units[0]] != before[units[0]]
    assert after[units[1]] == before[units[1]]


def test_sphinx_doctest_reruns_only_the_stale_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each document's counts are cached; only stale ones are tested, and
    the edition's totals add up the cached and the new ones."""
    cache = editions.Cache(tmp_path / "cache")
    calls: list[list[str] | None] = []

    def fake_run(
        work: Path, docnames: list[str] | None, fresh: bool
    ) -> dict[str, object]:
        calls.append(docnames)
        names = docnames or list(editions._documents())
        return {
            "finished": True,
            "documents": {
                d: {"tests": 2, "failed": 0, "failures": []} for d in names
            },
        }

    monkeypatch.setattr(editions, "_run_sphinx_doctest", fake_run)
    first, problem = editions._sphinx_doctest(tmp_path, cache, [], False)
    assert not problem
    total = len(editions._documents())
    assert first["sphinx_doctest"] == {"tests": 2 * total, "failures": 0}
    assert calls == [None]  # every document: the whole book in one run
    again, _ = editions._sphinx_doctest(tmp_path, cache, [], False)
    assert calls == [None]  # all from the cache: Sphinx did not run
    assert again["sphinx_doctest"] == first["sphinx_doctest"]
    assert again["units"] == {"total": total, "cached": total, "run": 0}
    # One document's key changes: only it is tested.
    real = editions.unit_key

    def one_changed(unit: str, *args: object, **kwargs: object) -> str:
        return real(unit, *args, **kwargs) + (  # type: ignore[arg-type]
            "x" if unit == "sphinx/foreword" else ""
        )

    monkeypatch.setattr(editions, "unit_key", one_changed)
    calls.clear()
    third, _ = editions._sphinx_doctest(tmp_path, cache, [], False)
    assert calls == [["foreword"]]
    assert third["sphinx_doctest"] == first["sphinx_doctest"]
    assert third["units"] == {"total": total, "cached": total - 1, "run": 1}


@pytest.mark.parametrize(
    "new_file",
    ["tests/part/conftest.py", "book/conftest.py", "tests/part/__init__.py"],
)
def test_a_new_conftest_or_package_init_invalidates(
    tmp_path: Path, new_file: str
) -> None:
    root = tree(tmp_path, PROJECT)
    before = keys(root)
    (root / new_file).write_text("import pytest\n")
    after = keys(root)
    assert all(after[u] != before[u] for u in before)


def test_a_mypy_setting_change_invalidates(tmp_path: Path) -> None:
    root = tree(tmp_path, PROJECT)
    before = keys(root)
    pyproject = root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text() + "[tool.mypy]\nstrict = true\n"
    )
    after = keys(root)
    assert all(after[u] != before[u] for u in before)


def test_editing_a_chapter_test_invalidates_that_chapter_only(
    tmp_path: Path,
) -> None:
    root = tree(tmp_path, PROJECT)
    before = keys(root)
    (root / "tests/part/test_one.py").write_text(
        "def test_g() -> None:\n    pass\n"
    )
    after = keys(root)
    assert after["part/one"] != before["part/one"]
    assert after["part/two"] == before["part/two"]


def test_a_pin_change_invalidates_every_chapter(tmp_path: Path) -> None:
    root = tree(tmp_path, PROJECT)
    before = keys(root)
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("0.165.0", "0.166.0"))
    after = keys(root)
    assert all(after[u] != before[u] for u in before)


def test_another_installed_release_invalidates(tmp_path: Path) -> None:
    root = tree(tmp_path, PROJECT)
    old = keys(root, environment=("fastapi==0.165.0",))
    new = keys(root, environment=("fastapi==0.166.0",))
    assert all(old[u] != new[u] for u in old)


def test_another_micro_version_invalidates(tmp_path: Path) -> None:
    root = tree(tmp_path, PROJECT)
    old = keys(root, interpreter="cpython-313 3.13.0 (main) [GCC 12]")
    new = keys(root, interpreter="cpython-313 3.13.1 (main) [GCC 12]")
    assert all(old[u] != new[u] for u in old)
    assert keys(root, interpreter="cpython-313 3.13.0 (main) [GCC 12]") == old


def test_a_policy_change_invalidates(tmp_path: Path) -> None:
    root = tree(tmp_path, PROJECT)
    before = keys(root)
    (root / "src/bookkit/policy.py").write_text("FLAGS = 2\n")
    after = keys(root)
    assert all(after[u] != before[u] for u in before)


def test_the_interpreter_id_names_the_exact_version() -> None:
    assert sys.version in editions.interpreter_id()


@pytest.mark.parametrize(
    ("module", "name", "value"),
    [
        ("sqlite3", "sqlite_version", "3.0.1"),
        ("ssl", "OPENSSL_VERSION", "OpenSSL 0.9.8 (a probe)"),
        ("zoneinfo", "TZPATH", ("/nowhere/zoneinfo",)),
    ],
)
def test_another_sqlite_openssl_or_tzdata_invalidates(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    name: str,
    value: object,
) -> None:
    """Listings print what depends on them (a SQLite feature, a time
    zone's rules): the interpreter's part of the key names each."""
    root = tree(tmp_path, PROJECT)
    grouped = editions.units(root)

    def key() -> str:
        return editions.unit_key(
            "part/one", "version", grouped, root=root, environment=[]
        )

    before = key()
    assert key() == before
    monkeypatch.setattr(importlib.import_module(module), name, value)
    assert key() != before


def test_a_cache_entry_is_used_only_under_its_key(tmp_path: Path) -> None:
    cache = editions.Cache(tmp_path)
    cache.put("part/one", {"key": "abc", "items": []})
    assert cache.get("part/one", "abc") == {"key": "abc", "items": []}
    assert cache.get("part/one", "abd") is None
    assert cache.get("part/two", "abc") is None


# ---------------------------------------------------------------- display


def jobs(tmp_path: Path) -> list[editions.Job]:
    made = [editions.Job("shared", "3.13", tmp_path)]
    made += [editions.Job("3.14", "3.14", tmp_path)]
    for job in made:
        job.kind = "host"
    return made


def events(job: editions.Job, *lines: dict[str, object]) -> None:
    with job.progress.open("a") as out:
        for line in lines:
            out.write(json.dumps(line) + "\n")


def results(job: editions.Job, status: str) -> None:
    record = editions.new_results()
    record.update(status=status, scope="version")
    record["listings"]["passed"] = 2
    record["units"] = {"total": 3, "cached": 1, "run": 2}
    job.results.write_text(json.dumps(record))


def test_without_a_terminal_each_change_of_state_is_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shared, v314 = jobs(tmp_path)
    display = editions.Display([shared, v314], live=False)
    display.set(v314, "provisioning")
    events(v314, {"event": "start"})
    events(v314, {"event": "collected", "listings": 2, "tests": 1})
    display.poll()
    events(v314, {"event": "item", "kind": "listing"})
    events(
        v314,
        {"event": "item", "kind": "listing"},
        {"event": "failure", "where": "book/runtime/cpython.md:120"},
    )
    display.poll()
    display.poll()  # nothing new: nothing printed
    results(v314, "failed")
    display.set(v314, "failed")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("editions: Python 3.14")
    assert lines[0].endswith("provisioning")
    assert lines[1].endswith("collecting")
    assert "running: listings 0/2, tests 0/1" in lines[2]
    assert lines[3] == (
        "editions: Python 3.14 FAILED at book/runtime/cpython.md:120 "
        f"(details: {v314.log})"
    )
    assert "FAILED: listings 2 passed" in lines[4]
    assert "1/3 chapters from cache" in lines[4]
    assert len(lines) == 5
    assert "\x1b" not in "".join(lines)


def test_in_a_terminal_the_lines_are_redrawn_in_place(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(sys, "stdout", screen)
    shared, v314 = jobs(tmp_path)
    display = editions.Display([shared, v314], live=True)
    display.finish()
    display.set(shared, "provisioning")
    events(
        shared,
        {"event": "start"},
        {"event": "cached", "units": 2, "of": 5, "listings": 0, "tests": 7},
        {"event": "collected", "listings": 0, "tests": 3},
        {"event": "item", "kind": "test"},
    )
    display.poll()
    text = screen.getvalue()
    assert "\x1b[2F\x1b[J" in text  # up two lines, clear, redraw
    last = text.rsplit("\x1b[J", 1)[1].splitlines()
    assert last[0].startswith("editions: shared checks (Python 3.13)")
    assert (
        "running: listings 0/0, tests 8/10 (2/5 chapters cached)" in (last[0])
    )
    assert last[1].endswith("waiting")


def test_ci_is_never_live(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert not editions.Display([]).live


def block(body: str) -> listings.Block:
    return listings.Block(
        path=ROOT / "book" / "probe.md",
        line=1,
        info="{doctest}",
        kind=listings.Kind.DOCTEST,
        body=textwrap.dedent(body),
    )


def test_a_listing_that_only_shows_mypy_is_a_shared_check() -> None:
    assert edition_run.mypy_only(
        block(
            """\
            >>> from examples.typing_system.checker import check
            >>> check("mypy_cases/wrong_argument.py")
            x.py:1: error [arg-type]
            >>> check("mypy_cases/readonly_key.py", python_version="3.12")
            mypy: no issues found
            >>> check("mypy_cases/id_mixup.py", checker="pyright", line=10)
            id_mixup.py:10: error [reportArgumentType]
            """
        )
    )
    # A checker's verdict and something else on one line: per version.
    assert not edition_run.mypy_only(
        block(
            """            >>> from examples.typing_system.checker import check
            >>> check("mypy_cases/id_mixup.py", checker="pyright"); print(1)
            """
        )
    )
    # Anything else in the block runs on every version.
    assert not edition_run.mypy_only(
        block(
            """\
            >>> from examples.typing_system.checker import check
            >>> import sys; sys.version_info >= (3, 13)
            True
            >>> check("basic_types/pricing.py")
            mypy: no issues found
            """
        )
    )
    assert not edition_run.mypy_only(block(">>> 1 + 1\n2\n"))


def record(nodeid: str, outcome: str) -> dict[str, object]:
    failure = None if outcome == "passed" else {"test": nodeid}
    return {
        "nodeid": nodeid,
        "kind": "test",
        "outcome": outcome,
        "version_specific": False,
        "failure": failure,
    }


def test_a_failure_counts_whatever_its_unit(tmp_path: Path) -> None:
    """A module of a cached chapter that pytest collected anyway (a package
    __init__ whose docstring imports a changed module) fails: the failure
    counts and that chapter's cache entry is dropped."""
    root = tree(tmp_path, PROJECT)
    cached = [record("tests/part/test_one.py::test_f", "passed")]
    records: dict[str, list[dict[str, object]]] = {"part/one": cached}
    plan = {"part/one": ("k1", {"items": cached}), "part/two": ("k2", None)}
    ran = [
        record("tests/part/two/test_two.py::test_x", "passed"),
        # Passed: the cached record stands, nothing is added.
        record("src/examples/part/one/__init__.py::examples.a", "passed"),
        record("src/examples/part/one/__init__.py::examples.b", "failed"),
    ]
    failed = editions.merge_records(records, ["part/two"], plan, ran, root)
    assert failed == {"part/one"}
    assert [r["outcome"] for r in records["part/one"]] == ["passed", "failed"]
    assert [r["outcome"] for r in records["part/two"]] == ["passed"]


def test_a_mypy_listing_with_a_pyversion_runs_per_version() -> None:
    """Its :pyversion: says the output holds for those versions only, so
    it is checked on them, not once on the shared interpreter."""
    body = """\
        >>> from examples.typing_system.checker import check
        >>> check("mypy_cases/readonly_key.py")
        mypy: no issues found
        """
    plain = block(body)
    labelled = block(body)
    labelled.options["pyversion"] = ">=3.14"
    assert edition_run.mypy_only(labelled)
    assert edition_run.shared_listing(plain)
    assert not edition_run.shared_listing(labelled)


def _reads_the_version(
    node: ast.AST, derived: set[str], module: ast.Module
) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and sub.attr == "version_info":
            return True
        if isinstance(sub, ast.Name) and sub.id in derived:
            return True
    return False


def test_every_tooling_test_that_reads_the_version_runs_per_version() -> None:
    """A test of tests/tooling whose body, decorators or module-level
    constants read sys.version_info runs in the version scope, unless it is
    one of the Sphinx probes (edition_run.SPHINX_PROBES), which run once;
    and the reverse: a per-version rule names only such tests."""
    per_version = set()
    for path in sorted((ROOT / "tests/tooling").glob("test_*.py")):
        relative = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text())
        derived: set[str] = set()  # module constants made from it
        for node in tree.body:
            if isinstance(node, ast.Assign) and _reads_the_version(
                node.value, derived, tree
            ):
                derived |= {
                    t.id for t in node.targets if isinstance(t, ast.Name)
                }
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            if not node.name.startswith("test_"):
                continue
            nodeid = f"{relative}::{node.name}"
            scope = edition_run.scope_of(nodeid)[0]
            if nodeid.startswith(edition_run.SPHINX_PROBES):
                assert _reads_the_version(node, derived, tree), nodeid
                assert scope == "shared", nodeid
            elif _reads_the_version(node, derived, tree):
                per_version.add(nodeid)
                assert scope == "version", nodeid
            else:
                assert scope == "shared", nodeid
            if scope == "version":
                assert editions.runnable(relative, "version"), relative
    assert per_version


def test_a_failing_chapter_test_is_named_by_its_file_and_line(
    tmp_path: Path,
) -> None:
    """Not only by its pytest node id: the line in the test's file where it
    failed (the assert, or the call into the code that raised)."""
    project = tree(
        tmp_path,
        {
            "pyproject.toml": "[tool.pytest.ini_options]\n",
            "tests/probe/helper.py": (
                "def check(x: int) -> None:\n    assert x == 2\n"
            ),
            "tests/probe/test_x.py": (
                "from helper import check\n\n\n"
                "def test_direct() -> None:\n    assert 1 == 2\n\n\n"
                "def test_through_a_helper() -> None:\n    check(1)\n"
            ),
        },
    )
    items = project / "items.json"
    progress = project / "progress.jsonl"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "bookkit.edition_run",
            "-p",
            "no:cacheprovider",
            "-q",
            f"--edition-items={items}",
            f"--edition-progress={progress}",
            "tests",
        ],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        check=False,
    )
    failures = {
        r["nodeid"]: r["failure"]["where"]
        for r in json.loads(items.read_text())
    }
    assert failures == {
        "tests/probe/test_x.py::test_direct": "tests/probe/test_x.py:5",
        "tests/probe/test_x.py::test_through_a_helper": (
            "tests/probe/test_x.py:9"
        ),
    }
    shown = [
        json.loads(line)
        for line in progress.read_text().splitlines()
        if '"failure"' in line
    ]
    assert shown[1] == {
        "event": "failure",
        "where": "tests/probe/test_x.py:9",
        "kind": "test",
        "test": "tests/probe/test_x.py::test_through_a_helper",
    }


def test_the_live_failure_line_of_a_test_names_file_line_and_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, v314 = jobs(tmp_path)
    display = editions.Display([v314], live=False)
    events(
        v314,
        {
            "event": "failure",
            "where": "tests/oop/classes/test_secrets.py:42",
            "kind": "test",
            "test": "tests/oop/classes/test_secrets.py::test_x",
        },
    )
    display.poll()
    assert capsys.readouterr().out.splitlines() == [
        "editions: Python 3.14 FAILED at tests/oop/classes/test_secrets.py:42 "
        f"in tests/oop/classes/test_secrets.py::test_x (details: {v314.log})"
    ]


def test_a_session_prints_the_lines_make_editions_prints_in_ci(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A GitHub Actions job runs the nox session directly: the session
    itself prints the state lines, one per change, a failure at once."""
    results_path = tmp_path / "3.14.json"
    progress = tmp_path / "3.14.progress"
    progress.write_text("")
    watcher = editions._Watcher("version", results_path, progress)
    job = watcher.job
    events(
        job,
        {"event": "start"},
        {"event": "collected", "listings": 2, "tests": 1},
        {"event": "item", "kind": "listing"},
        {"event": "failure", "where": "book/runtime/cpython.md:120"},
    )
    results(job, "failed")
    watcher.stop()
    lines = capsys.readouterr().out.splitlines()
    assert job.label == "Python 3.14"  # named by the results file
    assert lines[0] == "editions: Python 3.14                   collecting"
    assert "running: listings 0/2, tests 0/1" in lines[1]
    assert lines[2] == (
        "editions: Python 3.14 FAILED at book/runtime/cpython.md:120 "
        "(details: this session's output)"
    )
    assert "FAILED: listings 2 passed" in lines[3]
    assert len(lines) == 4


#: The modules that run a type checker on a listing, or format its report.
CHECKER_MODULES = {
    "examples.typing_system.checker",
    "tests.mypy_check",
    "tests.pyright_check",
    "tests.oop.checker",
}


def _test_functions() -> dict[str, tuple[ast.FunctionDef, set[str]]]:
    """Every test function of tests/ by node id (``path::name``), with the
    names its module imports from :data:`CHECKER_MODULES`."""
    found = {}
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        relative = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text())
        checkers = {
            alias.asname or alias.name
            for node in ast.walk(tree)  # a test's own imports too
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
            # from a checker module, or the module itself
            if node.module in CHECKER_MODULES
            or f"{node.module}.{alias.name}" in CHECKER_MODULES
        }
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith(
                "test_"
            ):
                found[f"{relative}::{node.name}"] = (node, checkers)
    return found


def test_every_scope_rule_still_names_a_test() -> None:
    """A rule that matches nothing (its file or test was renamed) fails
    here, instead of silently moving that test to the other scope."""
    tests = list(_test_functions())
    for needle, why in (*edition_run.SHARED_RULES, *edition_run.VERSION_RULES):
        assert any(needle in nodeid for nodeid in tests), (needle, why)
    for needle in edition_run.SPHINX_PROBES:
        assert any(nodeid.startswith(needle) for nodeid in tests), needle


def test_a_chapter_test_shared_by_a_rule_uses_a_type_checker() -> None:
    """The reverse of test_every_test_that_runs_mypy_is_a_shared_check: a
    chapter test that a rule (its file's name, its own name) puts in the
    shared scope uses what a checker module provides (running mypy, or
    formatting its report), so a runtime test renamed into a shared name,
    or moved into a shared file, fails here rather than running once."""
    for nodeid, (node, checkers) in _test_functions().items():
        if nodeid.startswith("tests/tooling/"):
            continue
        if edition_run.scope_of(nodeid)[0] != "shared":
            continue
        used = {
            sub.id
            for sub in ast.walk(node)
            if isinstance(sub, ast.Name) and sub.id in checkers
        }
        assert used, f"{nodeid} is shared but uses no type checker"


def test_a_renamed_file_cannot_silently_change_scope() -> None:
    """What the two checks above catch, shown on made-up node ids."""
    moved = "tests/runtime/test_mypy_cases.py::test_the_gil_is_released"
    assert edition_run.scope_of(moved)[0] == "shared"  # by its file's name
    # ... and test_a_chapter_test_shared_by_a_rule_uses_a_type_checker
    # would fail on it, since it uses no checker.  A renamed test_runners.py
    # leaves its VERSION_RULES naming no test:
    renamed = "tests/tooling/test_runner.py::test_pytest_plugin_runs_only_"
    assert edition_run.scope_of(renamed)[0] == "shared"
    assert not any(
        rule.startswith("tests/tooling/test_runner.py")
        for rule, _ in edition_run.VERSION_RULES
    )
