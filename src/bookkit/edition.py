"""What this copy of the book was verified with, in words the book prints.

Two kinds of record feed the "About this edition" page, the PDF's title
verso and the release gate:

* ``<editions>/X.Y.json``, written by ``make editions`` for each supported
  Python (see :mod:`bookkit.editions`);
* ``<editions>/local.json``, written by the doctest run that every book
  build makes first (``make html``, ``latexpdf``, ``epub`` and ``doctest``
  share it): the interpreter that built this copy, and what it ran.

``python -m bookkit.edition check DIR`` fails unless ``DIR`` holds a
verified result for every supported version from the current commit:
``make release`` runs it between ``make editions`` and the formats.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Collection
from pathlib import Path
from typing import Any

from bookkit import policy
from bookkit.listings import ROOT

#: The record of the doctest run this build made, inside the editions dir.
LOCAL = "local.json"


def minors() -> list[str]:
    return [f"{a}.{b}" for a, b in policy.SUPPORTED]


def git(*args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return result.stdout.strip() if result.returncode == 0 else ""


def head() -> str:
    """The commit the working tree is at ("" outside git)."""
    return git("rev-parse", "HEAD")


def dirty() -> bool:
    return bool(git("status", "--porcelain", "--untracked-files=no"))


def load_editions(outdir: Path) -> dict[str, dict[str, Any]]:
    """``make editions`` results found in ``outdir``, by minor version."""
    found = {}
    for name in minors():
        path = outdir / f"{name}.json"
        if path.is_file():
            found[name] = json.loads(path.read_text(encoding="utf-8"))
    return found


def load_local(outdir: Path) -> dict[str, Any] | None:
    """The record of this build's own doctest run, if it made one."""
    path = outdir / LOCAL
    if not path.is_file():
        return None
    record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return record


def micro(record: dict[str, Any]) -> str:
    """``3.13.0`` from a record's ``sys.version`` string."""
    return str(record["python"]).split()[0] if record.get("python") else ""


def release_problems(
    found: dict[str, dict[str, Any]], commit: str | None = None
) -> list[str]:
    """Why these results do not make a release; empty if they do.

    A release needs every supported version verified, all from ``commit``
    (the current one by default) with a clean working tree.
    """
    commit = head() if commit is None else commit
    problems = []
    for name in minors():
        record = found.get(name)
        if record is None:
            problems.append(f"Python {name}: no results (run make editions)")
        elif record["status"] != "verified":
            reason = f": {record['reason']}" if record.get("reason") else ""
            problems.append(f"Python {name}: {record['status']}{reason}")
        elif commit and record.get("commit") != commit:
            problems.append(
                f"Python {name}: verified at commit "
                f"{str(record.get('commit'))[:12]}, not at {commit[:12]}"
            )
        elif record.get("dirty"):
            problems.append(
                f"Python {name}: verified with uncommitted changes"
            )
    return problems


def release_stamp(found: dict[str, dict[str, Any]]) -> str:
    """One sentence for the title verso of a release."""
    pythons = ", ".join(micro(found[name]) for name in minors())
    dates = sorted({str(found[name]["date"]) for name in minors()})
    commit = str(found[minors()[0]]["commit"])[:12]
    return (
        f"Every listing of this edition was verified on CPython {pythons} "
        f"on {' and '.join(dates)}, from commit {commit}."
    )


def sources_of(local: dict[str, Any] | None) -> tuple[str, bool]:
    """The commit this copy was built from, and whether it had uncommitted
    changes: as its doctest run recorded them, else as the tree is now."""
    if local is not None:
        return str(local.get("commit") or ""), bool(local.get("dirty"))
    return head(), dirty()


def same_sources(
    record: dict[str, Any], commit: str, dirty_tree: bool
) -> bool:
    """Whether a ``make editions`` result was made from these sources: this
    commit, with no uncommitted changes on either side."""
    return (
        bool(commit)
        and record.get("commit") == commit
        and not record.get("dirty")
        and not dirty_tree
    )


def from_these_sources(
    found: dict[str, dict[str, Any]], local: dict[str, Any] | None
) -> tuple[dict[str, dict[str, Any]], int]:
    """The results made from this copy's sources, and how many others."""
    commit, dirty_tree = sources_of(local)
    kept = {
        name: record
        for name, record in found.items()
        if same_sources(record, commit, dirty_tree)
    }
    return kept, len(found) - len(kept)


def verified_here(
    found: dict[str, dict[str, Any]], commit: str, dirty_tree: bool
) -> tuple[list[str], int]:
    """The Pythons that ``make editions`` verified from these very sources
    (this commit, no uncommitted changes on either side), and how many
    verified results came from other sources (they are not counted)."""
    here, elsewhere = [], 0
    for name in minors():
        record = found.get(name, {})
        if record.get("status") != "verified":
            continue
        if same_sources(record, commit, dirty_tree):
            here.append(micro(record))
        else:
            elsewhere += 1
    return here, elsewhere


def not_counted(elsewhere: int) -> str:
    """The sentence, without its full stop, for results left out."""
    one = elsewhere == 1
    return (
        f"{elsewhere} make editions result{' was' if one else 's were'} made "
        "from other sources (another commit or uncommitted changes) and "
        f"{'is' if one else 'are'} not counted"
    )


def blocks_of(
    local: dict[str, Any],
    docs: Collection[str] | None,
    solutions: bool = True,
) -> dict[str, int]:
    """The doctest blocks a build ran, skipped and failed: of the whole
    book, or of the documents ``docs`` (a handout's), from the record's
    per-document counts; without ``solutions``, less those in exercises'
    solutions (a student handout's, which prints none)."""
    if docs is None:
        return dict(local["blocks"])
    if "docs" not in local or "solutions" not in local:
        raise ValueError(
            f"{LOCAL} has no per-document counts (an older build's record): "
            "run make doctest again"
        )
    total = {"run": 0, "skipped": 0, "failed": 0}
    for doc in docs:
        for key, value in local["docs"].get(doc, {}).items():
            total[key] += value
        if not solutions:
            for key, value in local["solutions"].get(doc, {}).items():
                total[key] -= value
    return total


def _blocks(number: int) -> str:
    return f"{number} doctest block" + ("" if number == 1 else "s")


def draft_stamp(
    local: dict[str, Any] | None,
    found: dict[str, dict[str, Any]],
    docs: Collection[str] | None = None,
    solutions: bool = True,
) -> str:
    """The title verso's sentence for a build that is not a release: with
    ``docs``, a handout's, which counts the blocks of its documents only
    (print review QB5)."""
    commit, dirty_tree = sources_of(local)
    verified, elsewhere = verified_here(found, commit, dirty_tree)
    if local is None:
        text = "Draft: this copy was built without running its doctest blocks."
    else:
        blocks = blocks_of(local, docs, solutions)
        state = (
            "all passed"
            if blocks["failed"] == 0 and local["status"] == "passed"
            else f"{blocks['failed']} failed"
        )
        where = " in this handout" if docs is not None else ""
        text = (
            f"Draft: the build of this copy ran its doctest blocks on CPython "
            f"{micro(local)}{'' if verified else ' only'}, on {local['date']} "
            f"from commit {commit[:12] or 'no commit'}"
            + (" with uncommitted changes" if dirty_tree else "")
            + f" ({_blocks(blocks['run'])}{where}, {state})."
        )
        if blocks["skipped"]:
            text += (
                f" The {_blocks(blocks['skipped'])}{where} shown for other "
                "versions "
                + ("was" if blocks["skipped"] == 1 else "were")
                + " not run by this build."
            )
    if verified:
        text += (
            " Separate runs of make editions, from the same commit, verified "
            "it on CPython " + ", ".join(verified) + "."
        )
    if elsewhere:
        text += " " + not_counted(elsewhere) + "."
    if len(verified) == len(minors()):
        return (
            text + " It is a draft only because make release did not build it."
        )
    return text + " A release is verified on all supported versions."


def stamp(
    outdir: Path,
    release: bool,
    docs: Collection[str] | None = None,
    solutions: bool = True,
) -> str:
    """The verification sentence of a title verso: of the book, or of a
    handout that prints ``docs`` (and their solutions, or not)."""
    found = load_editions(outdir)
    if release:
        return release_stamp(found)
    return draft_stamp(load_local(outdir), found, docs, solutions)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "check":
        print("usage: python -m bookkit.edition check DIR", file=sys.stderr)
        return 2
    found = load_editions(Path(argv[1]))
    problems = release_problems(found)
    for problem in problems:
        print(f"error: not a release: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(release_stamp(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
