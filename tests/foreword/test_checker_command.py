"""The foreword's account of the ``check`` helper of Part III.

book/foreword.md ("Examples that are tests") includes the mypy command
line of examples.typing_system.checker and says that it runs in the
project root, so that mypy reads the project's ``[tool.mypy]`` settings;
these tests keep that paragraph true.
"""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

import pytest

from bookkit import policy
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
    # The cache is on, in the run's folder: a --cache-dir would override
    # MYPY_CACHE_DIR, and --no-incremental would turn the reuse off.
    assert not [o for o in command if o.startswith("--cache-dir")]
    assert "--no-incremental" not in command
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


def test_this_run_gives_mypy_a_cache_folder_of_its_own() -> None:
    """The foreword: the test run gives mypy a cache folder of its own."""
    folder = Path(os.environ["MYPY_CACHE_DIR"])
    assert os.environ[policy.RUN_MYPY_CACHE] == str(folder)
    assert folder.is_dir()
    assert folder.resolve() != (checker.ROOT / ".mypy_cache").resolve()
    assert folder.name.startswith("book-mypy-cache-")


def test_mypy_gives_the_same_verdict_from_a_warm_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """mypy reads the second run from the cache the first one wrote, and
    reports the same diagnostics (the rejected listing's errors too)."""
    monkeypatch.setenv("MYPY_CACHE_DIR", str(tmp_path))
    cold = checker.run_mypy("mypy_cases/variance_lists.py")
    # mypy 2 keeps its cache in SQLite files, one folder per target version.
    assert any((tmp_path / "3.11").iterdir())
    warm = checker.run_mypy("mypy_cases/variance_lists.py")
    assert [d.code for d in cold].count("arg-type") >= 3
    assert warm == cold


def test_the_run_cache_is_removed_and_the_setting_restored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(policy.RUN_MYPY_CACHE)
    monkeypatch.setenv("MYPY_CACHE_DIR", "/somewhere/else")
    end = policy.start_mypy_cache()
    folder = Path(os.environ["MYPY_CACHE_DIR"])
    assert folder.is_dir()
    assert not any(folder.iterdir())
    # A run inside this one (a build a test starts) shares its folder.
    monkeypatch.setenv("MYPY_CACHE_DIR", "/a/session/default")
    inner = policy.start_mypy_cache()
    assert os.environ["MYPY_CACHE_DIR"] == str(folder)
    inner()
    assert folder.is_dir()
    end()
    # An enclosing run's folder that is gone is not reused.
    monkeypatch.setenv(policy.RUN_MYPY_CACHE, str(folder))
    again = policy.start_mypy_cache()
    assert os.environ["MYPY_CACHE_DIR"] != str(folder)
    again()
    assert not folder.exists()
    assert os.environ["MYPY_CACHE_DIR"] == "/somewhere/else"
    assert policy.RUN_MYPY_CACHE not in os.environ
