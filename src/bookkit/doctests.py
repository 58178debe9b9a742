"""Run a chapter's ``{doctest}`` blocks under the book's policy.

One implementation for every tool that runs listings outside Sphinx: the
pytest plugin (``make test``, ``make editions``) and the command that
rewrites a listing's shown output from a real run (``make update-listing``).
Blocks of one chapter share a namespace per doctest group, in order, as
Sphinx's doctest builder runs them.
"""

from __future__ import annotations

import dataclasses
import difflib
import doctest
import io
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from bookkit import listings, policy

ExcInfo = tuple[type[BaseException], BaseException, TracebackType]


@dataclasses.dataclass
class ExampleResult:
    """One ``>>>`` example: what the book shows and what Python printed."""

    line: int  # 1-based line of the example's first source line
    source: str
    want: str
    got: str
    ok: bool


@dataclasses.dataclass
class Outcome:
    """The result of running one block."""

    block: listings.Block
    examples: list[ExampleResult]
    report: str  # doctest's own failure report, empty when all passed

    @property
    def failed(self) -> bool:
        return any(not example.ok for example in self.examples)

    def diff(self) -> str:
        """A unified diff from the shown output to the produced one."""
        chunks: list[str] = []
        for example in self.examples:
            if example.ok:
                continue
            chunks.extend(
                difflib.unified_diff(
                    example.want.splitlines(keepends=True),
                    example.got.splitlines(keepends=True),
                    f"{listings.display(self.block.path)}:{example.line} (book)",
                    f"{listings.display(self.block.path)}:{example.line} "
                    f"(Python {policy.running_version()})",
                )
            )
        return "".join(chunks)


class RecordingRunner(doctest.DocTestRunner):
    """A doctest runner that keeps what every example printed."""

    def __init__(self, optionflags: int) -> None:
        super().__init__(verbose=False, optionflags=optionflags)
        self.results: list[tuple[doctest.Example, str, bool]] = []

    def report_success(
        self,
        out: Any,
        test: doctest.DocTest,
        example: doctest.Example,
        got: str,
    ) -> None:
        self.results.append((example, got, True))

    def report_failure(
        self,
        out: Any,
        test: doctest.DocTest,
        example: doctest.Example,
        got: str,
    ) -> None:
        self.results.append((example, got, False))
        super().report_failure(out, test, example, got)

    def report_unexpected_exception(
        self,
        out: Any,
        test: doctest.DocTest,
        example: doctest.Example,
        exc_info: ExcInfo,
    ) -> None:
        last = traceback.format_exception_only(exc_info[0], exc_info[1])[-1]
        got = "Traceback (most recent call last):\n  ...\n" + last
        self.results.append((example, got, False))
        super().report_unexpected_exception(out, test, example, exc_info)


def flags_for(block: listings.Block) -> int:
    """The policy's flags, adjusted by the block's ``:options:``."""
    flags = policy.DOCTEST_FLAGS
    for text in (
        str(block.options.get("options", "")).replace(",", " ").split()
    ):
        flag = doctest.OPTIONFLAGS_BY_NAME[text[1:]]
        flags = flags | flag if text[0] == "+" else flags & ~flag
    return flags


def groups_of(block: listings.Block) -> list[str]:
    """The doctest groups a block belongs to (``default`` unless named)."""
    return (block.argument or "default").replace(",", " ").split()


def spec_of(block: listings.Block) -> str | None:
    value = block.options.get("pyversion")
    return None if value is None else str(value)


def new_namespace() -> dict[str, Any]:
    """A fresh group namespace, as the Sphinx builder makes one."""
    namespace: dict[str, Any] = {}
    exec(policy.GLOBAL_SETUP, namespace)  # noqa: S102 - fixed, trusted text
    return namespace


def run_block(block: listings.Block, namespace: dict[str, Any]) -> Outcome:
    """Run one block in ``namespace`` (which it updates, as doctest does)."""
    parser = doctest.DocTestParser()
    test = parser.get_doctest(
        block.body,
        namespace,
        block.where,
        listings.display(block.path),
        block.body_line - 1,
    )
    test.globs = namespace  # shared, as the Sphinx doctest builder does
    runner = RecordingRunner(flags_for(block))
    report = io.StringIO()
    runner.run(test, out=report.write, clear_globs=False)
    examples = [
        ExampleResult(
            line=block.body_line + example.lineno,
            source=example.source,
            want=example.want,
            got=got,
            ok=ok,
        )
        for example, got, ok in runner.results
    ]
    return Outcome(block, examples, report.getvalue())


def doctest_blocks(path: Path) -> list[listings.Block]:
    return [
        b for b in listings.blocks(path) if b.kind is listings.Kind.DOCTEST
    ]


def run_with_context(
    path: Path, line: int, group: str | None = None
) -> Outcome:
    """Run the block of ``path`` that starts at ``line``, after the blocks
    of its group that come before it (those that run on this Python)."""
    blocks = doctest_blocks(path)
    target = next((b for b in blocks if b.line == line), None)
    if target is None:
        raise LookupError(
            f"{listings.display(path)}:{line} is not a {{doctest}} block"
        )
    group = group or groups_of(target)[0]
    namespace = new_namespace()
    for block in blocks:
        if group not in groups_of(block):
            continue
        if block is target:
            return run_block(block, namespace)
        if policy.runs_here(spec_of(block)):
            earlier = run_block(block, namespace)
            if earlier.failed:
                raise RuntimeError(
                    f"an earlier listing fails: {block.where}\n{earlier.report}"
                )
    raise AssertionError("unreachable: the target is in its own group")


def rewrite_outputs(text: str, outcome: Outcome) -> str:
    """The chapter text with the block's shown outputs replaced by the real ones."""
    lines = text.splitlines(keepends=True)
    for example in reversed(outcome.examples):
        start = example.line - 1 + example.source.count("\n")
        end = start + example.want.count("\n")
        got = [
            (line if line.strip() else "<BLANKLINE>") + "\n"
            for line in example.got.splitlines()
        ]
        lines[start:end] = got
    return "".join(lines)
