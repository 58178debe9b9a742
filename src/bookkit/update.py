"""Rewrite a listing's shown output from a real run, when a change is accepted.

    python -m bookkit.update book/<chapter>.md:<line> [--split-at 3.16]

Runs the ``{doctest}`` block that holds that line (after the blocks of its
group that precede it) on this interpreter and writes what it printed into
the chapter, so nobody retypes an output.

With ``--split-at X.Y`` (at most this interpreter's version, and later than
the first version the block is shown for) the block keeps its output for
its versions before X.Y, and a copy showing this interpreter's output is
inserted after it for its versions from X.Y on: the usual step when a new
Python prints something new.  Both ``:pyversion:`` options are written as
the simplest specifier of the versions they cover, so the two never overlap
each other or the listing's other versions.  A split whose two outputs
would be the same is not made.

``make update-listing`` runs this on a chosen version's interpreter (see
:func:`bookkit.editions.update`).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from bookkit import doctests, listings, policy

Minor = tuple[int, int]
_MINOR = re.compile(r"^(\d+)\.(\d+)$")


class UpdateError(Exception):
    """A request the tool refuses, with the reason (one line)."""


def parse_minor(text: str, what: str) -> Minor:
    """``"3.14"`` as ``(3, 14)``; anything else is refused."""
    match = _MINOR.match(text)
    if match is None:
        raise UpdateError(f"{what}={text} is not a minor version such as 3.14")
    return int(match[1]), int(match[2])


def name(minor: Minor) -> str:
    return f"{minor[0]}.{minor[1]}"


def parse_listing(listing: str) -> tuple[Path, int]:
    """``book/<chapter>.md:<line>`` as the chapter's path and the line."""
    chapter, _, number = listing.rpartition(":")
    if not chapter or not number.isdigit() or not chapter.endswith(".md"):
        raise UpdateError(
            f"LISTING={listing}: expected book/<chapter>.md:<line>"
        )
    path = (listings.ROOT / chapter).resolve()
    if not path.is_file():
        raise UpdateError(f"LISTING={listing}: no such chapter: {chapter}")
    return path, int(number)


def find_block(path: Path, line: int) -> listings.Block:
    """The ``{doctest}`` block that holds ``line`` (its fences included)."""
    where = f"{listings.display(path)}:{line}"
    length = path.read_text(encoding="utf-8").count("\n")
    if not 1 <= line <= length:
        raise UpdateError(f"{where}: the chapter has lines 1-{length}")
    found = list(listings.blocks(path))
    for block in found:
        if block.line <= line <= block.end_line:
            if block.kind is listings.Kind.DOCTEST:
                return block
            if block.kind is not listings.Kind.STRUCTURE:
                raise UpdateError(
                    f"{where} is in the block at {block.where} "
                    f"(lines {block.line}-{block.end_line}), which is not a "
                    "{doctest}"
                )
    doctest_blocks = [b for b in found if b.kind is listings.Kind.DOCTEST]
    if not doctest_blocks:
        raise UpdateError(f"{where}: the chapter has no {{doctest}} block")
    before = [b for b in doctest_blocks if b.end_line < line][-1:]
    after = [b for b in doctest_blocks if b.line > line][:1]
    nearest = " and ".join(
        f"{b.where} (lines {b.line}-{b.end_line})" for b in before + after
    )
    raise UpdateError(
        f"{where} is not inside a {{doctest}} block; the nearest: {nearest}"
    )


def covered(spec: str | None) -> list[Minor]:
    """The supported versions a block with ``spec`` is shown for."""
    return (
        list(policy.SUPPORTED) if spec is None else policy.covered_minors(spec)
    )


def open_ended(spec: str | None) -> bool:
    """Whether ``spec`` also covers versions newer than any supported."""
    return spec is None or Version("99.0") in SpecifierSet(spec)


def spec_for(first: Minor, end: Minor | None) -> str:
    """The simplest specifier for ``first`` up to (not including) ``end``."""
    parts = [] if first == policy.SUPPORTED[0] else [f">={name(first)}"]
    if end is not None:
        parts.append(f"<{name(end)}")
    return ",".join(parts)


def split_specs(
    spec: str | None, at: Minor, running: Minor
) -> tuple[str, str]:
    """The old block's and the new block's ``:pyversion:`` for a split at
    ``at`` of a block shown for ``spec``, the new output coming from
    ``running``; refused unless both halves are sound."""
    versions = covered(spec)
    label = (
        "every supported Python"
        if spec is None
        else policy.version_label(spec)
    )
    if at > running:
        raise UpdateError(
            f"SPLIT_AT={name(at)} is later than VERSION={name(running)}: the "
            f"new block's output comes from Python {name(running)}, so it "
            f"must cover {name(running)} (SPLIT_AT at most {name(running)})"
        )
    if running not in versions:
        raise UpdateError(
            f"the block is shown for {label}, not for {name(running)}: "
            f"Python {name(running)}'s output belongs to another version of "
            "this listing (update that one)"
        )
    if versions[0] == running:
        raise UpdateError(
            f"no split is possible: the block is shown for {label}, and "
            f"VERSION={name(running)} is its first version, so no SPLIT_AT "
            "is both later than it and at most VERSION; to replace the "
            "output for all of them, leave SPLIT_AT out"
        )
    if at <= versions[0]:
        raise UpdateError(
            f"SPLIT_AT={name(at)} keeps no version for the old output (the "
            f"block is shown for {label}): SPLIT_AT must be later than "
            f"{name(versions[0])}; to replace the output for all of them, "
            "leave SPLIT_AT out"
        )
    last = versions[-1]
    old = spec_for(versions[0], at)
    new = spec_for(at, None if open_ended(spec) else (last[0], last[1] + 1))
    policy.version_label(old)  # both halves must be valid labels
    policy.version_label(new)
    return old, new


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


def _sibling_hint(path: Path, block: listings.Block, running: Minor) -> str:
    """``; Python 3.X's output is book/x.md:N`` when another version of
    the same listing is shown for ``running``; else nothing."""
    for run in listings.alternatives(path):
        if block.line not in {b.line for b in run}:
            continue
        for other in run:
            spec = doctests.spec_of(other)
            if other.line != block.line and running in covered(spec):
                return (
                    f"; Python {name(running)}'s output is the block at "
                    f"{other.where} (update that one)"
                )
    return ""


def update(path: Path, line: int, split_at: str | None = None) -> str:
    """Rewrite the block in ``path`` that holds ``line``; return a summary."""
    block = find_block(path, line)
    spec = doctests.spec_of(block)
    here = policy.running_version()
    major, minor, _ = (int(part) for part in here.split("."))
    running = (major, minor)
    at = None if split_at is None else parse_minor(split_at, "SPLIT_AT")
    if at is None and not policy.runs_here(spec):
        raise UpdateError(
            f"{block.where} is shown for {policy.version_label(str(spec))}; "
            f"this is Python {here}: use a VERSION it is shown for"
            + _sibling_hint(path, block, running)
        )
    specs = None if at is None else split_specs(spec, at, running)
    outcome = doctests.run_with_context(path, block.line)
    if not outcome.failed:
        return (
            f"{block.where}: Python {here} prints what the book shows: "
            "output unchanged" + ("; no split made" if specs else "")
        )
    text = path.read_text(encoding="utf-8")
    if specs is None:
        new_text = doctests.rewrite_outputs(text, outcome)
        path.write_text(new_text, encoding="utf-8")
        shown = None if spec is None else str(spec)
        others = [m for m in covered(shown) if m != running]
        return f"{block.where}: output rewritten from Python {here}" + (
            "; it is shown for "
            + (
                "every Python"
                if shown is None
                else policy.version_label(shown)
            )
            + ", so it is not yet checked on "
            + ", ".join(name(m) for m in others)
            + ": run make editions"
            if others
            else ""
        )
    old_spec, new_spec = specs
    lines = text.splitlines(keepends=True)
    end = block.end_line - 1  # index of the closing fence
    assert lines[end].startswith(("```", "~~~"))
    rewritten = doctests.rewrite_outputs(text, outcome).splitlines(
        keepends=True
    )
    grown = len(rewritten) - len(lines)  # the new output may be longer
    new_block = rewritten[block.line - 1 : end + 1 + grown]
    lines[end + 1 : end + 1] = ["\n", *_with_pyversion(new_block, 1, new_spec)]
    lines = _with_pyversion(lines, block.line, old_spec)
    new_text = "".join(lines)
    problems = listings.overlaps(path, new_text)
    if problems:  # cannot happen when the listing was sound; never write it
        raise UpdateError("the split would overlap: " + "; ".join(problems))
    path.write_text(new_text, encoding="utf-8")
    added = next(
        b
        for b in doctests.doctest_blocks(path)
        if b.line > block.line and doctests.spec_of(b) == new_spec
    )
    unchecked = [m for m in covered(new_spec) if m != running]
    return (
        f"{block.where}: kept for {policy.version_label(old_spec)}; added "
        f"{added.where} for {policy.version_label(new_spec)} with the output "
        f"of Python {here}"
        + (
            "; not yet checked on "
            + ", ".join(name(m) for m in unchecked)
            + ": run make editions"
            if unchecked
            else ""
        )
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    split_at = None
    if len(args) == 3 and args[1] == "--split-at":
        split_at = args[2]
    elif len(args) != 1:
        print(
            "usage: python -m bookkit.update book/<chapter>.md:<line> "
            "[--split-at 3.Y]",
            file=sys.stderr,
        )
        return 2
    try:
        path, line = parse_listing(args[0])
        print(update(path, line, split_at))
    except (UpdateError, policy.PyVersionError, RuntimeError) as exc:
        print(f"update-listing: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
