"""Rewrite a listing's shown output from a real run, when a change is accepted.

    python -m bookkit.update book/<chapter>.md:<line> [--split-at 3.16]

Runs the ``{doctest}`` block that starts at that line (after the blocks of
its group that precede it) on this interpreter and writes what it printed
into the chapter, so nobody retypes an output.  With ``--split-at X.Y`` the
block is kept for the versions before X.Y (its ``:pyversion:`` narrowed to
``<X.Y``) and a copy showing this interpreter's output is inserted after it
for X.Y and later: the usual step when a new Python prints something new.
``make update-listing`` runs this on a chosen version's interpreter.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bookkit import doctests, listings, policy


def split_spec(spec: str | None, at: str) -> tuple[str, str]:
    """The old block's and the new block's ``:pyversion:`` for a split."""
    old = f"<{at}" if spec is None else f"{spec}, <{at}"
    return old, f">={at}"


def _with_pyversion(lines: list[str], line: int, spec: str) -> list[str]:
    """Set the block's ``:pyversion:`` (the fence is at 1-based ``line``)."""
    index = line  # first line after the fence
    while index < len(lines) and lines[index].startswith(":"):
        if lines[index].startswith(":pyversion:"):
            lines[index] = f':pyversion: "{spec}"\n'
            return lines
        index += 1
    lines.insert(line, f':pyversion: "{spec}"\n')
    if line + 1 < len(lines) and lines[line + 1].strip() and index == line:
        lines.insert(line + 1, "\n")  # options end with a blank line
    return lines


def update(path: Path, line: int, split_at: str | None = None) -> str:
    """Rewrite the block in ``path``; return a one-line summary."""
    outcome = doctests.run_with_context(path, line)
    block = outcome.block
    if not policy.runs_here(doctests.spec_of(block)) and split_at is None:
        raise SystemExit(
            f"{block.where} is shown for {doctests.spec_of(block)}; this is "
            f"Python {policy.running_version()}: run it on a version it covers, "
            "or use --split-at"
        )
    text = path.read_text(encoding="utf-8")
    if split_at is None:
        if not outcome.failed:
            return f"{block.where}: output unchanged"
        path.write_text(
            doctests.rewrite_outputs(text, outcome), encoding="utf-8"
        )
        return f"{block.where}: output rewritten from Python {policy.running_version()}"
    old_spec, new_spec = split_spec(doctests.spec_of(block), split_at)
    policy.version_label(old_spec)  # both halves must be valid labels
    policy.version_label(new_spec)
    if not policy.runs_here(new_spec):
        raise SystemExit(
            f"the new block is for {policy.version_label(new_spec)}: run the "
            f"split on one of those, not on Python {policy.running_version()}"
        )
    lines = text.splitlines(keepends=True)
    end = (
        block.body_line - 1 + block.body.count("\n")
    )  # index of closing fence
    fence_close = lines[end]
    new_block = lines[block.line - 1 : end + 1]
    new_text = doctests.rewrite_outputs(
        "".join(["\n"] * (block.line - 1) + new_block), outcome
    ).splitlines(keepends=True)[block.line - 1 :]
    new_lines = _with_pyversion(new_text, 1, new_spec)
    lines[end + 1 : end + 1] = ["\n", *new_lines]
    lines = _with_pyversion(lines, block.line, old_spec)
    assert fence_close.startswith(("```", "~~~"))
    path.write_text("".join(lines), encoding="utf-8")
    return (
        f"{block.where}: kept for {policy.version_label(old_spec)}; "
        f"added a block for {policy.version_label(new_spec)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bookkit.update")
    parser.add_argument(
        "listing", help="book/<chapter>.md:<line> of a {doctest}"
    )
    parser.add_argument("--split-at", help="minor version, e.g. 3.16")
    args = parser.parse_args(argv)
    name, _, number = args.listing.rpartition(":")
    path = (listings.ROOT / name).resolve()
    if not name or not number.isdigit() or not path.is_file():
        parser.error(
            f"expected book/<chapter>.md:<line>, got {args.listing!r}"
        )
    print(update(path, int(number), args.split_at))
    return 0


if __name__ == "__main__":
    sys.exit(main())
