"""The GitHub Actions workflow runs the editions matrix as make does."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bookkit import editions, policy
from bookkit.listings import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "editions.yml"


def actionlint() -> str:
    found = Path(sys.executable).parent / "actionlint"
    if found.exists():
        return str(found)
    path = shutil.which("actionlint")
    assert path, "actionlint is a pinned dev dependency: run make venv"
    return path


def lint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [actionlint(), "-no-color", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_workflow_passes_actionlint() -> None:
    result = lint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path: Path) -> None:
    """The check can fail: a script injection and an unknown job output."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    broken = folder / "broken.yml"
    broken.write_text(
        WORKFLOW.read_text().replace(
            "run: make venv",
            "run: echo ${{ github.event.pull_request.title }}",
        )
    )
    result = lint(broken)
    assert result.returncode == 1
    assert "potentially untrusted" in result.stdout


def test_one_job_per_supported_version_runs_the_nox_session() -> None:
    text = WORKFLOW.read_text()
    matrix = re.search(r"python: \[(.*)\]", text)
    assert matrix is not None
    versions = [v.strip().strip('"') for v in matrix[1].split(",")]
    assert versions == [f"{a}.{b}" for a, b in policy.SUPPORTED]
    assert 'nox -s "verify-${{ matrix.python }}"' in text
    assert "nox -s shared" in text
    assert f'python-version: "{editions.SHARED_PYTHON}"' in text


@pytest.mark.parametrize("name", ["3.13", "shared"])
def test_each_job_uploads_what_the_edition_page_reads(name: str) -> None:
    text = WORKFLOW.read_text()
    where = "${{ matrix.python }}" if name != "shared" else "shared"
    assert f"_build/editions/{where}.json" in text
    assert "pattern: editions-*" in text
    assert "make html latexpdf epub handouts" in text


def test_every_session_job_fails_when_its_session_is_not_verified() -> None:
    text = WORKFLOW.read_text()
    assert "Fail if the version is not verified" in text
    shared = text.split("\n  shared:\n", 1)[1].split("\n  edition:\n")[0]
    assert 'sys.exit(results["status"] != "verified")' in shared


def test_colour_is_not_forced_and_only_pull_requests_are_cancelled() -> None:
    text = WORKFLOW.read_text()
    # FORCE_COLOR=0 turns colour on for CPython 3.13+ (any non-empty value).
    assert "FORCE_COLOR:" not in text
    assert (
        "cancel-in-progress: ${{ github.event_name == 'pull_request' }}"
    ) in text


@pytest.mark.parametrize(
    ("fresh", "expected"), [("0", False), ("1", True), ("", False)]
)
def test_fresh_0_does_not_mean_fresh(fresh: str, expected: bool) -> None:
    result = subprocess.run(
        ["make", "-n", "editions", f"FRESH={fresh}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert ("--fresh" in result.stdout) is expected
