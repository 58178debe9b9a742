"""Tests for src/bookkit/mutants.py, the driver of `make mutants`.

No mutation run: the parsing, the split between mutmut and cosmic-ray,
the config it writes, and cosmic-ray's own init and line filter on a
two-function module (that the decorated function gets mutants and the
other one none).
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from bookkit import mutants
from bookkit.mutants import Tally

SOURCE = """\
import functools
from fastapi import FastAPI

app = FastAPI()


def plain(x: int) -> int:
    @functools.cache
    def inner() -> int:
        return x + 1

    return inner()


@app.get("/items")
def endpoint(n: int) -> int:
    return n * 2


class Thing:
    @staticmethod
    def static(n: int) -> int:
        return n - 1

    @property
    def value(self) -> int:
        return 3 + 4
"""


def test_the_spans_are_the_functions_mutmut_skips() -> None:
    # inner() (decorated, nested in a plain function), the endpoint with
    # its decorator line, the property; not plain() or the staticmethod,
    # which mutmut mutates.
    assert mutants.decorated_spans(SOURCE) == [(8, 10), (15, 17), (25, 27)]


def test_a_decorated_function_nested_in_another_is_one_span() -> None:
    source = "@d\ndef outer():\n    @d\n    def inner():\n        pass\n"
    assert mutants.decorated_spans(source) == [(1, 5)]


def test_mutmut_results_are_counted_by_state() -> None:
    listing = (
        "    examples.a.x_f__mutmut_1: killed\n"
        "    examples.a.x_f__mutmut_2: survived\n"
        "    examples.a.x_f__mutmut_3: timeout\n"
        "    examples.a.x_f__mutmut_4: no tests\n"
        "    examples.a.x_f__mutmut_5: killed\n"
    )
    assert mutants.mutmut_tally(listing) == Tally("mutmut", 2, 1, 1, 1)


def test_the_summary_gives_each_tool_both_and_the_exclusions() -> None:
    lines = mutants.summary(
        Tally("mutmut", 8, 1, 1, 0),
        Tally("cosmic-ray", 3, 0, 1, 0),
        {"src/examples/a/b.py": "it measures the trampoline"},
    )
    assert lines[0].startswith(
        "mutmut: mutants 10: killed 8, timeout 1, survived 1, other 0; "
        "score 9/10 = 90.0% (functions without decorators)"
    )
    assert lines[1].startswith("cosmic-ray: mutants 4: killed 3, ")
    assert "score 3/4 = 75.0% (decorated functions" in lines[1]
    assert lines[2] == (
        "both: mutants 14: killed 11, timeout 1, survived 2, other 0; "
        "score 12/14 = 85.7%"
    )
    assert "mypy_cases" in lines[3]
    assert "outside functions" in lines[3]
    assert lines[4] == (
        "given to cosmic-ray whole, left alone by mutmut: "
        "src/examples/a/b.py: it measures the trampoline"
    )


def test_only_the_parts_own_modules_are_given_whole() -> None:
    reasons = {"src/examples/a/t.py": "why", "src/examples/b/t.py": "as"}
    assert mutants.within("a", reasons) == {"src/examples/a/t.py": "why"}
    assert mutants.within("", reasons) == reasons
    assert mutants.within("c", reasons) == {}


def test_mutmut_leaves_the_modules_given_whole_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mutmut import configuration

    def reader() -> object:
        return lambda key, default: {"do_not_mutate": ["*/mypy_cases/*"]}.get(
            key, default
        )

    monkeypatch.setattr(configuration, "_config_reader", reader)
    mutants.narrow("runtime", ["src/examples/runtime/memory/sizes.py"])
    read = configuration._config_reader()
    assert read("do_not_mutate", []) == [
        "*/mypy_cases/*",
        "src/examples/runtime/memory/sizes.py",
    ]
    assert read("only_mutate", []) == ["src/examples/runtime/*"]
    assert read("pytest_add_cli_args_test_selection", []) == ["tests/runtime"]


def test_every_function_when_a_module_is_given_whole() -> None:
    # plain() now, with inner() inside its span; the staticmethod too.
    assert mutants.decorated_spans(SOURCE, every=True) == [
        (7, 12),
        (15, 17),
        (21, 23),
        (25, 27),
    ]


def test_no_mutants_is_no_score_rather_than_zero() -> None:
    assert Tally("mutmut").line().endswith("score 0/0 = n/a")


def _result(outcome: str, verdict: str | None, output: str = "") -> object:
    return SimpleNamespace(
        worker_outcome=SimpleNamespace(value=outcome),
        test_outcome=SimpleNamespace(value=verdict) if verdict else None,
        output=output,
        diff="-a == b\n+a != b",
    )


def test_cosmic_ray_results_skip_the_filtered_and_list_survivors() -> None:
    mutation = SimpleNamespace(
        module_path="src/m.py",
        start_pos=(7, 4),
        operator_name="core/ReplaceComparisonOperator_Eq_NotEq",
        occurrence=0,
    )
    item = SimpleNamespace(mutations=[mutation])
    results = [
        (item, _result("skipped", None)),
        (item, _result("normal", "killed")),
        (item, _result("normal", "killed", "timeout")),
        (item, _result("normal", "survived")),
        (item, _result("exception", "incompetent")),
    ]
    tally, survivors = mutants.classify(results)
    assert tally == Tally("cosmic-ray", 1, 1, 1, 1)
    assert survivors == [
        "src/m.py:7 core/ReplaceComparisonOperator_Eq_NotEq #0\n"
        "-a == b\n+a != b"
    ]


def test_each_module_is_tested_by_the_tests_importing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chapter = tmp_path / "src/examples/part/chapter"
    (chapter / "mypy_cases").mkdir(parents=True)
    (chapter / "app.py").write_text(SOURCE)
    (chapter / "other.py").write_text(SOURCE)
    (chapter / "mypy_cases/bad.py").write_text(SOURCE)
    (chapter / "plain.py").write_text("def f() -> int:\n    return 1\n")
    (tmp_path / "src/examples/part/top.py").write_text(SOURCE)
    tests = tmp_path / "tests/part/chapter"
    tests.mkdir(parents=True)
    (tests / "test_app.py").write_text(
        "from examples.part.chapter import app\n"
    )
    (tests / "test_both.py").write_text(
        "import examples.part.chapter.app\n"
        "NAME = 'examples.part.chapter.other'\n"
    )
    monkeypatch.chdir(tmp_path)
    spans = [(8, 10), (15, 17), (25, 27)]
    found = mutants.sessions("part", ["src/examples/part/top.py"])
    assert found == [
        mutants.Session(
            "src/examples/part/chapter/app.py",
            spans,
            [
                "tests/part/chapter/test_app.py",
                "tests/part/chapter/test_both.py",
            ],
        ),
        mutants.Session(
            "src/examples/part/chapter/other.py",
            spans,
            ["tests/part/chapter/test_both.py"],
        ),
        # no test imports it: the part's tests (the chapter's if it is in
        # one), and given whole: every function.
        mutants.Session(
            "src/examples/part/top.py",
            [(7, 12), (15, 17), (21, 23), (25, 27)],
            ["tests/part"],
        ),
    ]


def test_cosmic_ray_mutates_the_decorated_function_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cosmic_ray.work_db import WorkDB, use_db

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/mod.py").write_text(SOURCE)
    session = mutants.Session(
        "pkg/mod.py", mutants.decorated_spans(SOURCE), ["tests/test_a.py"]
    )
    config = mutants.cosmic_ray_config(session, {"timeout": 30.0}, ["-q"])
    parsed = tomllib.loads(config)["cosmic-ray"]
    assert parsed["module-path"] == "pkg/mod.py"
    assert parsed["timeout"] == 30.0
    assert parsed["test-command"] == (
        f"{sys.executable} -m pytest -x -q tests/test_a.py"
    )
    lines = parsed["filters"]["line-filter"]["lines"]
    assert lines == {"pkg/mod.py": ["8-10", "15-17", "25-27"]}
    (tmp_path / "cr.toml").write_text(config)
    bin_dir = Path(sys.executable).parent
    monkeypatch.chdir(tmp_path)
    for step in (
        [str(bin_dir / "cosmic-ray"), "init", "cr.toml", "s.sqlite"],
        [str(bin_dir / "cr-filter-lines"), "--config", "cr.toml", "s.sqlite"],
    ):
        subprocess.run(step, check=True, capture_output=True)
    with use_db("s.sqlite", WorkDB.Mode.open) as db:
        pending = [m for i in db.pending_work_items for m in i.mutations]
        skipped = [m for i, _ in db.completed_work_items for m in i.mutations]
    kept = {m.start_pos[0] for m in pending}
    # The decorators (lines 8, 15, 25: RemoveDecorator), x + 1 in the
    # nested function, n * 2 in the endpoint, 3 + 4 in the property ...
    assert kept == {8, 10, 15, 17, 25, 27}
    # ... but the staticmethod (its decorator and n - 1) is mutmut's.
    assert {m.start_pos[0] for m in skipped} == {21, 23}
