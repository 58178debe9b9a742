"""The foreword's account of the ``check`` helper of Part III.

book/foreword.md ("Examples that are tests") includes the mypy command
line of examples.typing_system.checker and says that it runs in the
project root, so that mypy reads the project's ``[tool.mypy]`` settings;
these tests keep that paragraph true.
"""

from __future__ import annotations

import subprocess
import tomllib

import pytest

from examples.typing_system import checker


def test_mypy_runs_strict_in_the_project_root(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[list[str], object]] = []

    def fake_run(
        command: list[str], **kwargs: object
    ) -> subprocess.CompletedProcess[str]:
        seen.append((command, kwargs["cwd"]))
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(subprocess, "run", fake_run)
    assert checker.run_mypy("basic_types/pricing.py") == []
    [(command, cwd)] = seen
    assert cwd == checker.ROOT
    assert command[1:4] == ["-m", "mypy", "--strict"]
    assert "--show-error-codes" in command
    assert "--python-version=3.11" in command  # whatever runs the book
    assert command[-1] == "src/examples/typing_system/basic_types/pricing.py"


def test_the_project_settings_it_reads_include_warn_unreachable() -> None:
    config = tomllib.loads((checker.ROOT / "pyproject.toml").read_text())
    assert config["tool"]["mypy"]["warn_unreachable"] is True


def test_pyright_also_checks_for_python_3_11(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[list[str]] = []

    def fake_run(
        command: list[str], **kwargs: object
    ) -> subprocess.CompletedProcess[str]:
        seen.append(command)
        return subprocess.CompletedProcess(
            command,
            0,
            ('{"generalDiagnostics": [], "summary": {"filesAnalyzed": 1}}'),
            "",
        )

    monkeypatch.setattr(subprocess, "run", fake_run)
    assert checker.run_pyright("basic_types/pricing.py") == []
    [command] = seen
    assert "--pythonversion=3.11" in command
