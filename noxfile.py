"""nox sessions: verify the book on each supported CPython.

``make editions`` (``python -m bookkit.editions run``) finds or provisions
each interpreter and runs ``nox -s verify-X.Y -- RESULTS.json`` for it; the
session can also be run by hand where the interpreter is on PATH.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
#: Must equal bookkit.policy.SUPPORTED (tests/tooling/test_editions.py).
SUPPORTED = ["3.11", "3.12", "3.13", "3.14", "3.15"]

nox.options.error_on_missing_interpreters = True
nox.options.reuse_venv = "yes"
nox.options.sessions = ["verify"]


def requirements() -> list[str]:
    """The pinned runtime and development dependencies of pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["dev"]]


@nox.session(python=SUPPORTED, venv_backend="venv")
def verify(session: nox.Session) -> None:
    """The test suite (without the slow output builds) and the doctest build."""
    minor = str(session.python)
    results = (
        Path(session.posargs[0])
        if session.posargs
        else (ROOT / "_build" / "editions" / f"{minor}.json")
    )
    results = results.resolve()
    work = results.with_suffix("")
    work.mkdir(parents=True, exist_ok=True)
    # The sources are used in place (no install into the shared checkout, so
    # sessions can run side by side); caches are kept apart per version.
    env = {
        "PYTHONPATH": str(ROOT / "src"),
        "COVERAGE_FILE": str(work / ".coverage"),
        "MYPY_CACHE_DIR": str(work / ".mypy_cache"),
        "RUFF_CACHE_DIR": str(work / ".ruff_cache"),
    }
    session.install(*requirements())
    session.run(
        "python",
        "-m",
        "pytest",
        "-m",
        "not slow",
        "-p",
        "no:cacheprovider",
        f"--book-results={results}",
        env=env,
        success_codes=[0, 1],
    )
    session.run(
        "python",
        "-m",
        "sphinx",
        "-c",
        str(ROOT),
        "-n",
        "-W",
        "--keep-going",
        "-q",
        "-b",
        "doctest",
        "-d",
        str(work / "doctrees"),
        str(ROOT / "book"),
        str(work / "doctest"),
        env=env,
        success_codes=[0, 1],
    )
    session.run(
        "python",
        "-m",
        "bookkit.editions",
        "merge-doctest",
        str(results),
        str(work / "doctest" / "output.txt"),
        env=env,
    )
