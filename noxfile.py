"""nox sessions: verify the book on each supported CPython.

``make editions`` (``python -m bookkit.editions run``) finds or provisions
each interpreter and runs, side by side as far as the cores allow:

* ``verify-X.Y -- RESULTS.json`` on each version: every chapter listing,
  every example docstring and every chapter test whose verdict can differ
  between interpreters (``--edition-scope=version``);
* ``shared -- RESULTS.json`` once per edition, on ``SHARED_PYTHON``: the
  work that does not depend on the interpreter -- the build's own tests
  (contract walker, layout, ruff, mypy --strict), the mypy checks of the
  rejected listings (fixed ``python_version``) and Sphinx's doctest builder.

Both reuse the results of unchanged chapters (``--fresh`` ignores them); see
``bookkit.editions.session``.  The sessions can be run by hand where the
interpreter is on PATH; GitHub Actions runs them one job per version
(``.github/workflows/editions.yml``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
#: Must equal bookkit.policy.SUPPORTED (tests/tooling/test_editions.py).
SUPPORTED = ["3.11", "3.12", "3.13", "3.14", "3.15"]
#: Must equal bookkit.editions.SHARED_PYTHON.
SHARED_PYTHON = "3.13"

nox.options.error_on_missing_interpreters = True
nox.options.reuse_venv = "yes"
nox.options.sessions = ["verify", "shared"]


def requirements() -> list[str]:
    """The pinned runtime and development dependencies of pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["dev"]]


def install(session: nox.Session) -> None:
    """Install the pins, unless this venv already holds exactly these."""
    wanted = "\n".join(requirements()) + "\n"
    stamp = Path(session.virtualenv.location) / ".book-requirements"
    if stamp.is_file() and stamp.read_text() == wanted:
        return
    session.install(*requirements())
    stamp.write_text(wanted)


def verify_here(session: nox.Session, scope: str, default: str) -> None:
    results = Path(
        session.posargs[0]
        if session.posargs
        else ROOT / "_build" / "editions" / f"{default}.json"
    ).resolve()
    work = results.with_suffix("")
    work.mkdir(parents=True, exist_ok=True)
    # The sources are used in place (no install into the shared checkout, so
    # sessions can run side by side); caches are kept apart per session.
    env = {
        "PYTHONPATH": str(ROOT / "src"),
        "COVERAGE_FILE": str(work / ".coverage"),
        "MYPY_CACHE_DIR": str(work / ".mypy_cache"),
        "RUFF_CACHE_DIR": str(work / ".ruff_cache"),
    }
    install(session)
    session.run(
        "python",
        "-m",
        "bookkit.editions",
        "session",
        f"--scope={scope}",
        str(results),
        *session.posargs[1:],
        env=env,
        success_codes=[0, 1],
    )


@nox.session(python=SUPPORTED, venv_backend="venv")
def verify(session: nox.Session) -> None:
    """The listings, docstrings and chapter tests, on this version."""
    verify_here(session, "version", str(session.python))


@nox.session(python=SHARED_PYTHON, venv_backend="venv")
def shared(session: nox.Session) -> None:
    """The interpreter-independent checks and Sphinx's doctest builder."""
    verify_here(session, "shared", "shared")
