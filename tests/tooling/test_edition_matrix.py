"""The editions matrix: what runs once, what is cached, what is shown.

``make editions`` runs the interpreter-independent work once per edition
(the ``shared`` session), each chapter's listings and tests per version,
and reuses a chapter's results while nothing they depend on has changed.
"""

from __future__ import annotations

import ast
import io
import json
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
    ):
        scope, why = edition_run.scope_of(nodeid)
        assert scope == "shared", nodeid
        assert why


def _calls_mypy(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(
        isinstance(node, ast.Call)
        and getattr(node.func, "id", "") in ("mypy", "run_mypy")
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
    # Any code change reruns every chapter (editions.POLICY_FILES).
    assert all(after[u] != before[u] for u in before)
    assert "src/examples/other.py" in editions.dependencies(
        "part/one", editions.units(root), root
    )


def test_a_module_imported_indirectly_invalidates(tmp_path: Path) -> None:
    """A module no import statement names (importlib, a string) is in every
    key too: the key hashes all of src/examples."""
    root = tree(tmp_path, PROJECT)
    (root / "src/examples/hidden.py").write_text("Z = 1\n")
    (root / "src/examples/part/one/__init__.py").write_text(
        "import importlib\n\n"
        "def f() -> int:\n"
        "    return importlib.import_module('examples.' + 'hidden').Z\n"
    )
    assert "src/examples/hidden.py" not in editions.dependencies(
        "part/one", editions.units(root), root
    )
    before = keys(root)
    (root / "src/examples/hidden.py").write_text("Z = 2\n")
    after = keys(root)
    assert all(after[u] != before[u] for u in before)


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
    constants read sys.version_info runs in the version scope; and the
    reverse: a per-version rule names only such tests."""
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
            if _reads_the_version(node, derived, tree):
                per_version.add(nodeid)
                assert scope == "version", nodeid
            else:
                assert scope == "shared", nodeid
            if scope == "version":
                assert editions.runnable(relative, "version"), relative
    assert per_version
