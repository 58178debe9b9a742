"""Verify the book on every supported CPython and record what was verified.

``make editions`` runs ``python -m bookkit.editions run``: for each version
in :data:`bookkit.policy.SUPPORTED` it finds an interpreter (``PATH``, then
pyenv), or, failing that, runs the version inside a Debian unstable root
(``src/bookkit/unstable_root.sh``), and there runs the nox session
``verify-X.Y`` (see ``noxfile.py``): the test suite without the slow output
builds, and Sphinx's doctest builder.  Each session writes
``_build/editions/X.Y.json``; a version that cannot be provisioned gets a
file saying "not verified" and why.  The "About this edition" page is built
from these files (``{edition-results}`` in :mod:`bookkit.sphinxext`).

``python -m bookkit.editions update LISTING --version X.Y`` reruns one
listing on that version and rewrites its shown output (see
:mod:`bookkit.update`).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

from bookkit import policy
from bookkit import update as updating
from bookkit.listings import ROOT

UNSTABLE = ROOT / "src" / "bookkit" / "unstable_root.sh"
#: Inside the unstable root: a venv holding nox, to drive the sessions there.
ROOT_TOOLS = "/var/tmp/book-tools"  # noqa: S108 - a path inside the root
RESULTS_FORMAT = 1


def minor_name(minor: tuple[int, int]) -> str:
    return f"{minor[0]}.{minor[1]}"


def git(*args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return result.stdout.strip() if result.returncode == 0 else ""


def new_results() -> dict[str, Any]:
    """The skeleton of one version's results, describing this interpreter."""
    return {
        "format": RESULTS_FORMAT,
        "minor": minor_name(sys.version_info[:2]),
        "python": sys.version.replace("\n", " "),
        "implementation": sys.implementation.name,
        "date": datetime.datetime.now(datetime.UTC).date().isoformat(),
        "commit": git("rev-parse", "HEAD"),
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "status": "incomplete",
        "reason": "",
        "listings": {
            "passed": 0,
            "failed": 0,
            "skipped": 0,
            "version_specific": 0,
        },
        "tests": {"passed": 0, "failed": 0, "skipped": 0},
        "sphinx_doctest": {"tests": 0, "failures": 0},
        "failures": [],
    }


def not_verified(minor: str, reason: str) -> dict[str, Any]:
    results = new_results()
    results.update(
        minor=minor,
        python="",
        implementation="",
        status="not verified",
        reason=reason,
    )
    return results


_SUMMARY = re.compile(
    r"^\s*(?P<tests>\d+) tests?\n\s*(?P<failures>\d+) failures? in tests\n"
    r"\s*(?P<setup>\d+) failures? in setup code\n\s*(?P<cleanup>\d+) failures? in cleanup",
    re.M,
)


def merge_doctest(results_path: Path, output_txt: Path) -> int:
    """Add the Sphinx doctest builder's summary; settle the version's status."""
    results = json.loads(results_path.read_text())
    text = output_txt.read_text() if output_txt.exists() else ""
    match = _SUMMARY.search(text)
    if match is None:
        results["status"] = "failed"
        results["reason"] = (
            f"the Sphinx doctest build did not finish ({output_txt})"
        )
    else:
        failures = sum(int(match[k]) for k in ("failures", "setup", "cleanup"))
        results["sphinx_doctest"] = {
            "tests": int(match["tests"]),
            "failures": failures,
        }
        for block in re.findall(
            r"^\*{70}\n(File .*?)(?=^\*{70}|\Z)", text, re.M | re.S
        ):
            results["failures"].append(
                {
                    "test": "sphinx doctest",
                    "where": block.splitlines()[0],
                    "message": block,
                }
            )
    failed = (
        results["listings"]["failed"]
        or results["tests"]["failed"]
        or results["sphinx_doctest"]["failures"]
        or results["status"] == "failed"
    )
    if results["listings"]["passed"] == 0:
        failed = True
        results["reason"] = results["reason"] or "no listing ran"
    results["status"] = "failed" if failed else "verified"
    results_path.write_text(json.dumps(results, indent=2) + "\n")
    return 1 if failed else 0


# --------------------------------------------------------------- locating


def host_interpreter(minor: str) -> Path | None:
    """An interpreter for ``minor`` on this machine: PATH first, then pyenv."""
    candidates: list[str] = []
    if found := shutil.which(f"python{minor}"):
        candidates.append(found)
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += sorted(
        glob.glob(
            str(pyenv / "versions" / f"{minor}.*" / "bin" / f"python{minor}")
        ),
        key=lambda p: [
            int(x) for x in re.findall(r"\d+", Path(p).parents[1].name)
        ],
        reverse=True,
    )
    for candidate in candidates:
        probe = subprocess.run(
            [
                candidate,
                "-c",
                "import sys; print('%d.%d' % sys.version_info[:2])",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0 and probe.stdout.strip() == minor:
            return Path(candidate)
    return None


def unstable_root_usable() -> str | None:
    """None if the Debian unstable root can be used here, else why not."""
    if os.geteuid() != 0:
        return "not root: the Debian unstable root needs root (debootstrap, chroot)"
    deps = ROOT / "src" / "bookkit" / "system_deps.sh"
    if subprocess.run([str(deps), "unstable"], check=False).returncode != 0:
        return "debootstrap is missing and could not be installed"
    missing = [
        t for t in ("debootstrap", "unshare", "chroot") if not shutil.which(t)
    ]
    if missing:
        return (
            f"missing tools for the Debian unstable root: {', '.join(missing)}"
        )
    return None


def nox_version() -> str:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    dev: list[str] = config["project"]["optional-dependencies"]["dev"]
    return next(d for d in dev if d.startswith("nox=="))


# ---------------------------------------------------------------- running


class Runner:
    """Runs one version's session, on the host or in the unstable root."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir

    def results_path(self, minor: str) -> Path:
        return self.outdir / f"{minor}.json"

    def log_path(self, minor: str) -> Path:
        return self.outdir / f"{minor}.log"

    def host(self, minor: str, interpreter: Path) -> int:
        env = dict(os.environ)
        env["PATH"] = f"{interpreter.parent}{os.pathsep}{env.get('PATH', '')}"
        command = [sys.executable, "-m", "nox", "-s", f"verify-{minor}"]
        return self._run(
            minor, [*command, "--", str(self.results_path(minor))], env
        )

    def unstable(self, minor: str) -> int:
        nox = f"{ROOT_TOOLS}/bin/nox"
        command = [str(UNSTABLE), "run", "--", nox, "-s", f"verify-{minor}"]
        return self._run(
            minor, [*command, "--", str(self.results_path(minor))], None
        )

    def _run(
        self, minor: str, command: list[str], env: dict[str, str] | None
    ) -> int:
        with self.log_path(minor).open("w") as log:
            result = subprocess.run(
                command,
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=False,
            )
        results = self.results_path(minor)
        if not results.exists():
            record = not_verified(
                minor,
                f"the session did not run to its end (see {self.log_path(minor)})",
            )
            record["status"] = "failed"
            results.write_text(json.dumps(record, indent=2) + "\n")
        return result.returncode


def prepare_unstable_root(versions: list[str]) -> None:
    """Create (or reuse) the root with these Pythons, and nox inside it."""
    env = {**os.environ, "BOOK_UNSTABLE_PYTHONS": " ".join(versions)}
    subprocess.run([str(UNSTABLE), "ensure"], cwd=ROOT, check=True, env=env)
    newest = versions[-1]
    script = (
        f"test -x {ROOT_TOOLS}/bin/nox || "
        f"{{ python{newest} -m venv {ROOT_TOOLS} && "
        f"{ROOT_TOOLS}/bin/pip install --quiet '{nox_version()}'; }}"
    )
    command = [str(UNSTABLE), "run", "--", "sh", "-c", script]
    subprocess.run(command, cwd=ROOT, check=True, env=env)


def run(versions: list[str], outdir: Path, jobs: int) -> int:
    outdir.mkdir(parents=True, exist_ok=True)
    runner = Runner(outdir)
    plans: dict[str, Any] = {}
    for minor in versions:
        runner.results_path(minor).unlink(missing_ok=True)
        interpreter = host_interpreter(minor)
        if interpreter is not None:
            plans[minor] = ("host", interpreter)
            continue
        why_not = unstable_root_usable()
        plans[minor] = (
            ("unstable", None) if why_not is None else ("none", why_not)
        )
    if any(kind == "unstable" for kind, _ in plans.values()):
        # The root holds every supported version this machine lacks, whatever
        # this run asked for, so a partial run never rebuilds it smaller.
        supported = [minor_name(m) for m in policy.SUPPORTED]
        in_root = [m for m in supported if host_interpreter(m) is None]
        try:
            prepare_unstable_root(in_root)
        except subprocess.CalledProcessError as exc:
            for minor, (kind, _) in plans.items():
                if kind == "unstable":
                    plans[minor] = (
                        "none",
                        f"the Debian unstable root failed: {exc}",
                    )
    for minor, (kind, detail) in plans.items():
        where = {
            "host": str(detail),
            "unstable": "Debian unstable root",
            "none": "-",
        }[kind]
        print(f"editions: Python {minor}: {where}", flush=True)
        if kind == "none":
            record = not_verified(minor, str(detail))
            runner.results_path(minor).write_text(
                json.dumps(record, indent=2) + "\n"
            )

    def one(minor: str) -> None:
        kind, detail = plans[minor]
        if kind == "host":
            runner.host(minor, detail)
        elif kind == "unstable":
            runner.unstable(minor)

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for future in [pool.submit(one, m) for m in plans]:
            future.result()
    return report(outdir, versions)


def report(outdir: Path, versions: list[str]) -> int:
    """Print what each version verified, and every failure with its diff."""
    lines = ["# Verification of the book on each supported Python", ""]
    bad = 0
    for minor in versions:
        path = outdir / f"{minor}.json"
        results = json.loads(path.read_text())
        status = results["status"]
        listings = results["listings"]
        lines.append(
            f"- Python {minor}: {status.upper()}"
            + (
                f" -- {results['python'].split()[0]}"
                if results["python"]
                else ""
            )
            + (
                f": {listings['passed']} listings passed "
                f"({listings['version_specific']} version-specific), "
                f"{listings['failed']} failed; tests {results['tests']['passed']} passed, "
                f"{results['tests']['failed']} failed; Sphinx doctest "
                f"{results['sphinx_doctest']['tests']} run, "
                f"{results['sphinx_doctest']['failures']} failed"
                if status != "not verified"
                else f": {results['reason']}"
            )
        )
        if status != "verified":
            bad += 1
        for failure in results["failures"]:
            lines += ["", f"  {minor} FAILED at {failure['where']}:", ""]
            text = failure.get("diff") or failure.get("message", "")
            lines += ["    " + line for line in text.splitlines()]
    text = "\n".join(lines) + "\n"
    (outdir / "report.md").write_text(text)
    print(text, end="")
    if bad:
        print(
            f"editions: {bad} of {len(versions)} versions not verified or failing"
        )
    return 1 if bad else 0


# ----------------------------------------------------------------- update


def update(
    listing: str, minor: str, split_at: str | None, outdir: Path
) -> int:
    """Rerun one listing on ``minor`` (in its session's venv) and rewrite it.

    What can be checked here is checked before any interpreter starts: the
    version, the split point's form, the chapter and the line."""
    supported = [minor_name(m) for m in policy.SUPPORTED]
    try:
        if minor not in supported:
            updating.parse_minor(minor, "VERSION")  # names a malformed one
            raise updating.UpdateError(
                f"VERSION={minor} is not supported; use one of "
                f"{', '.join(supported)} (a new one is added to SUPPORTED in "
                "src/bookkit/policy.py)"
            )
        if split_at is not None:
            updating.parse_minor(split_at, "SPLIT_AT")
        path, line = updating.parse_listing(listing)
        updating.find_block(path, line)
    except updating.UpdateError as exc:
        print(f"update-listing: error: {exc}", file=sys.stderr)
        return 2
    args = ["-m", "bookkit.update", listing] + (
        ["--split-at", split_at] if split_at else []
    )
    session_python = (
        ROOT / ".nox" / f"verify-{minor.replace('.', '-')}" / "bin" / "python"
    )
    # In the unstable root the venv's python links to an interpreter that
    # exists only there: the link itself is what shows the venv was made.
    if not os.path.lexists(session_python):
        print(
            f"update-listing: error: no session venv for Python {minor} yet "
            f"({session_python.relative_to(ROOT)}): run "
            f"`make editions VERSIONS={minor}` first",
            file=sys.stderr,
        )
        return 2
    print(
        f"update-listing: {listing} on Python {minor} "
        f"({session_python.relative_to(ROOT)})",
        flush=True,
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    if host_interpreter(minor) is not None:
        return subprocess.run(
            [str(session_python), *args], cwd=ROOT, env=env
        ).returncode
    command = [str(UNSTABLE), "run", "--", "env", f"PYTHONPATH={ROOT / 'src'}"]
    return subprocess.run(
        [*command, str(session_python), *args], cwd=ROOT
    ).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bookkit.editions")
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser(
        "run", help="verify the book on each supported Python"
    )
    p_run.add_argument("--versions", nargs="*", default=None)
    p_run.add_argument(
        "--outdir", type=Path, default=ROOT / "_build" / "editions"
    )
    p_run.add_argument("--jobs", type=int, default=2)
    p_merge = sub.add_parser("merge-doctest", help="(used by the nox session)")
    p_merge.add_argument("results", type=Path)
    p_merge.add_argument("output_txt", type=Path)
    p_report = sub.add_parser("report", help="print the last run's results")
    p_report.add_argument(
        "--outdir", type=Path, default=ROOT / "_build" / "editions"
    )
    p_update = sub.add_parser(
        "update", help="rewrite a listing's output from a run"
    )
    p_update.add_argument("listing", help="book/<chapter>.md:<line>")
    p_update.add_argument("--version", required=True)
    p_update.add_argument("--split-at", default=None)
    p_update.add_argument(
        "--outdir", type=Path, default=ROOT / "_build" / "editions"
    )
    args = parser.parse_args(argv)
    supported = [minor_name(m) for m in policy.SUPPORTED]
    if args.command == "run":
        versions = args.versions or supported
        unknown = sorted(set(versions) - set(supported))
        if unknown:
            parser.error(
                f"not supported: {unknown}; add them to SUPPORTED in policy.py"
            )
        return run(versions, args.outdir.resolve(), args.jobs)
    if args.command == "merge-doctest":
        return merge_doctest(args.results, args.output_txt)
    if args.command == "report":
        return report(args.outdir, supported)
    return update(args.listing, args.version, args.split_at, args.outdir)


if __name__ == "__main__":
    sys.exit(main())
