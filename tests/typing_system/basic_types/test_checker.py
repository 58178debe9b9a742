"""Tests for src/examples/typing_system/checker.py (book/typing_system)."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from examples.typing_system import checker
from examples.typing_system.checker import (
    Diagnostic,
    check,
    run_mypy,
    run_pyright,
)


def test_an_error_is_printed_with_its_code_and_a_wrapped_message() -> None:
    diagnostic = Diagnostic(
        "case.py", 3, "error", "word " * 30 + "end", "arg-type"
    )
    head, *body = str(diagnostic).splitlines()
    assert head == "case.py:3: error [arg-type]"
    assert len(body) > 1
    assert all(line.startswith("    ") and line[4] != " " for line in body)
    assert all(len(line) <= 79 for line in body)


def test_a_note_keeps_its_own_indentation() -> None:
    note = Diagnostic("case.py", 9, "note", "    to_dict")
    assert str(note) == "case.py:9: note\n        to_dict"


def test_check_says_when_there_is_nothing_to_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    check("basic_types/containers.py")
    assert capsys.readouterr().out == "mypy: no issues found\n"


def test_a_missing_listing_is_an_error_not_a_clean_result() -> None:
    with pytest.raises(RuntimeError, match="mypy failed"):
        run_mypy("mypy_cases/no_such_listing.py")


def test_output_that_is_not_a_diagnostic_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fake_run(
        command: list[str], **kwargs: object
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(command, 1, "Found 1 error\n", "")

    monkeypatch.setattr(subprocess, "run", fake_run)
    with pytest.raises(RuntimeError, match="unexpected mypy output"):
        run_mypy("basic_types/containers.py")


def test_the_listing_is_named_relative_to_the_project_root() -> None:
    assert (checker.ROOT / "pyproject.toml").is_file()
    assert checker.PART == checker.ROOT / "src" / "examples" / "typing_system"


def test_a_note_on_the_same_line_is_printed_under_its_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    diagnostics = [
        Diagnostic("case.py", 4, "error", "Wrong", "arg-type"),
        Diagnostic("case.py", 4, "note", "Because"),
        Diagnostic("case.py", 5, "note", "Revealed"),
    ]
    monkeypatch.setattr(
        checker, "run_mypy", lambda *names, python_version: diagnostics
    )
    check("case.py")
    assert capsys.readouterr().out == (
        "case.py:4: error [arg-type]\n"
        "    Wrong\n"
        "    note: Because\n"
        "case.py:5: note\n"
        "    Revealed\n"
    )


def test_pyright_says_when_there_is_nothing_to_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    check("basic_types/containers.py", checker="pyright")
    assert capsys.readouterr().out == "pyright: no issues found\n"


def test_pyright_continuation_lines_are_indented_with_spaces(
    capsys: pytest.CaptureFixture[str],
) -> None:
    check("mypy_cases/wrong_argument.py", checker="pyright")
    out = capsys.readouterr().out
    assert (
        out.splitlines()[0]
        == "wrong_argument.py:8: error [reportArgumentType]"
    )
    assert "\N{NO-BREAK SPACE}" not in out
    assert all(len(line) <= 79 for line in out.splitlines())


def test_a_url_is_never_broken_across_lines() -> None:
    url = "https://example.org/" + "x" * 40
    note = Diagnostic("case.py", 1, "note", f"See {'word ' * 12}{url}")
    assert f"    {url}" in str(note).splitlines()


def test_a_url_too_long_for_a_line_loses_only_its_fragment() -> None:
    page = "https://example.org/" + "x" * 50
    note = Diagnostic("case.py", 1, "note", f"See {page}#{'y' * 30}")
    assert str(note).splitlines()[1:] == [f"    See {page}"]


def test_a_listing_pyright_cannot_find_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="does not exist"):
        run_pyright("mypy_cases/no_such_listing.py")


@pytest.mark.parametrize(
    ("stdout", "error"),
    [
        ("not json", "pyright failed"),
        ("[]", "pyright failed"),
        ('{"summary": {"filesAnalyzed": 0}}', "did not analyze"),
    ],
)
def test_pyright_output_that_is_not_a_report_is_an_error(
    monkeypatch: pytest.MonkeyPatch, stdout: str, error: str
) -> None:
    def fake_run(
        command: list[str], **kwargs: object
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(command, 1, stdout, "")

    monkeypatch.setattr(subprocess, "run", fake_run)
    with pytest.raises(RuntimeError, match=error):
        run_pyright("basic_types/containers.py")


def test_check_can_show_one_line_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    check("mypy_cases/wrong_argument.py", checker="pyright", line=7)
    check("mypy_cases/wrong_argument.py", line=8)
    first, second = capsys.readouterr().out.split("\n", 1)
    assert first == "pyright: no issues found on line 7"
    assert second.startswith("wrong_argument.py:8: error [arg-type]\n")


IGNORES = """\
def f(x: int) -> int:
    return x


y: str = f("a")  # type: ignore[arg-type]
z: str = f(1)  # pyright: ignore[reportArgumentType]
"""


def test_a_targeted_type_ignore_is_targeted_for_mypy_only(
    tmp_path: Path,
) -> None:
    from tests.mypy_check import mypy
    from tests.pyright_check import pyright

    listing = tmp_path / "ignores.py"
    listing.write_text(IGNORES)
    # mypy: [arg-type] covers only that rule; the assignment is reported.
    found = mypy(listing)
    assert [line.split(":")[0] for line in found] == ["5", "5", "6"]
    assert "[assignment]" in found[0]
    assert 'not covered by "type: ignore[arg-type]"' in found[1]
    # pyright: any `# type: ignore` silences the whole line; its own
    # targeted comment silences only the rule it names.
    assert pyright(listing) == ["6: error [reportAssignmentType]"]


@pytest.mark.parametrize("run", [run_mypy, run_pyright])
def test_a_listing_whose_imports_the_checker_cannot_find_is_an_error(
    run: Callable[..., list[Diagnostic]],
) -> None:
    # run_mypy names listings relative to the project, so this one is
    # written into the part's folder, under a name no other test uses.
    with tempfile.NamedTemporaryFile(
        "w", suffix=".py", dir=checker.PART / "mypy_cases"
    ) as listing:
        listing.write("import no_such_module_of_the_book\n")
        listing.flush()
        with pytest.raises(RuntimeError, match="cannot import"):
            run(f"mypy_cases/{Path(listing.name).name}")
