"""``make upgrade-report``: run the book on the newest releases of its deps.

The pinned runtime dependencies of ``pyproject.toml`` (FastAPI, Pydantic,
...) are installed at their newest releases into a separate folder,
``_build/upgrade/site``, which is put in front of the environment's own
packages; the tools (pytest, Sphinx, mypy) stay at their pins.  The whole
test suite but the slow output builds then runs on one Python, and
``_build/upgrade/report.md`` lists every listing whose output changed (its
chapter line and a diff), every other failure, and the new pins proposed.

    python -m bookkit.upgrade_report [--python PATH] [--outdir DIR]
        [--pip-arg=--index-url=URL ...]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

from bookkit.listings import ROOT

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_pins(root: Path) -> dict[str, str]:
    """The runtime dependencies and their pinned versions."""
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    found: dict[str, str] = {}
    for requirement in project["dependencies"]:
        match = _NAME.match(requirement)
        if match is None:
            raise SystemExit(f"not pinned with ==: {requirement!r}")
        found[match[1]] = match[2]
    return found


def installed_in(folder: Path) -> dict[str, str]:
    """The distributions pip installed into ``folder``."""
    return {
        _canonical(d.metadata["Name"]): d.version
        for d in importlib.metadata.distributions(path=[str(folder)])
    }


def upgrade_report(
    root: Path,
    outdir: Path,
    *,
    python: str = sys.executable,
    pip_args: list[str] | None = None,
    pytest_args: list[str] | None = None,
) -> int:
    """Install the newest runtime deps, run the book, write the report."""
    pins = runtime_pins(root)
    site = outdir / "site"
    shutil.rmtree(site, ignore_errors=True)
    outdir.mkdir(parents=True, exist_ok=True)
    install = [python, "-m", "pip", "install", "--quiet", "--upgrade"]
    install += ["--target", str(site), *(pip_args or []), *pins]
    done = subprocess.run(install, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        text = f"# Upgrade report\n\npip could not install the newest releases:\n\n```text\n{done.stdout}{done.stderr}```\n"
        (outdir / "report.md").write_text(text)
        print(text, end="")
        return 2
    newest = installed_in(site)
    items = outdir / "items.json"
    items.unlink(missing_ok=True)
    paths = [
        p for p in ("book", "src/examples", "tests") if (root / p).exists()
    ]
    command = [python, "-m", "pytest", "-p", "bookkit.edition_run"]
    command += ["-p", "no:cacheprovider", "-q", "-m", "not slow"]
    command += [f"--edition-items={items}", *(pytest_args or []), *paths]
    here = os.pathsep.join([str(site), str(root / "src"), str(ROOT / "src")])
    env = {**os.environ, "PYTHONPATH": here}
    log = outdir / "pytest.log"
    with log.open("w") as out:
        subprocess.run(
            command, cwd=root, env=env, stdout=out, stderr=out, check=False
        )
    records: list[dict[str, Any]] = (
        json.loads(items.read_text()) if items.is_file() else []
    )
    text = render(pins, newest, records, log, finished=items.is_file())
    (outdir / "report.md").write_text(text)
    print(text, end="")
    return 0


def render(
    pins: dict[str, str],
    newest: dict[str, str],
    records: list[dict[str, Any]],
    log: Path,
    *,
    finished: bool,
) -> str:
    lines = ["# Upgrade report", ""]
    lines += [
        f"Python {sys.version.split()[0]} ran the book; full log: {log}.",
        "",
    ]
    lines += ["## Newest releases (proposed pins)", ""]
    for name, pinned in pins.items():
        new = newest.get(_canonical(name), "?")
        change = "unchanged" if new == pinned else f"was {pinned}"
        lines.append(f'- `"{name}=={new}"` ({change})')
    changed = [r for r in records if r["failure"] and r["kind"] == "listing"]
    failed = [r for r in records if r["failure"] and r["kind"] != "listing"]
    passed = sum(1 for r in records if r["outcome"] == "passed")
    lines += ["", f"## Changed outputs ({len(changed)})", ""]
    for record in changed:
        failure = record["failure"]
        lines += [f"### {failure['where']}", "", "```diff"]
        lines += (failure.get("diff") or failure["message"]).splitlines()
        lines += ["```", ""]
    lines += [f"## Other failures ({len(failed)})", ""]
    for record in failed:
        lines += [f"### {record['failure']['where']}", "", "```text"]
        lines += record["failure"]["message"].splitlines()[-40:]
        lines += ["```", ""]
    if not finished:
        lines += ["The test run did not finish: see the log.", ""]
    lines.append(f"{passed} passed, {len(changed) + len(failed)} failed")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bookkit.upgrade_report")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument(
        "--outdir", type=Path, default=ROOT / "_build" / "upgrade"
    )
    parser.add_argument(
        "--pip-arg",
        action="append",
        default=[],
        help="passed to pip install (e.g. --pip-arg=--index-url=URL)",
    )
    args = parser.parse_args(argv)
    return upgrade_report(
        ROOT,
        args.outdir.resolve(),
        python=args.python,
        pip_args=args.pip_arg,
        pytest_args=["--no-cov"],
    )


if __name__ == "__main__":
    sys.exit(main())
