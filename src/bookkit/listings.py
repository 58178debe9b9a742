"""Find every code block in the book's chapters and say what it is.

The listing contract: a Python listing in a chapter is either a doctest that
the build runs or an include of a file under ``src/examples/``.  This module
is the single parser both the contract test and the pytest doctest runner
use, built on the same markdown-it tokenizer and MyST directive parser that
Sphinx uses to read the chapters, so they cannot disagree with the build
about where a block starts or which options it has.
"""

from __future__ import annotations

import dataclasses
import doctest
import enum
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from myst_parser.parsers.directives import parse_directive_text
from sphinx.directives.code import LiteralInclude
from sphinx.ext.doctest import DoctestDirective

from bookkit import policy

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
EXAMPLES = ROOT / "src" / "examples"

#: Fenced blocks that hold no Python and need no runner.
PLAIN_LANGUAGES = frozenset(
    {
        "console",
        "shell-session",
        "text",
        "none",
        "toml",
        "json",
        "ini",
        "yaml",
        "diff",
    }
)
#: Directives whose code comes from ``src/examples`` through autodoc.
AUTODOC = frozenset(
    {
        "automodule",
        "autoclass",
        "autofunction",
        "automethod",
        "autodata",
        "autoattribute",
        "autoexception",
    }
)
#: Directives whose body is Markdown: it is searched for blocks in turn.
CONTAINERS = frozenset(
    {
        "note",
        "tip",
        "warning",
        "important",
        "caution",
        "attention",
        "seealso",
        "admonition",
        "topic",
        "sidebar",
        "only",
        "container",
        "rubric",
        "exercise",  # sphinx-exercise: a chapter's exercises ...
        "solution",  # ... and their solutions
    }
)
#: Directives that carry no code at all.
STRUCTURE = frozenset(
    {"toctree", "index", "glossary", "contents", "edition-results"}
)

_DIRECTIVE = re.compile(r"^\{(?P<name>[a-zA-Z][\w:-]*)\}\s*(?P<arg>.*)$")


class Kind(enum.Enum):
    """What a fenced block in a chapter is, as far as the contract goes."""

    DOCTEST = "doctest run by the build"
    INCLUDE = "include of a file under src/examples"
    AUTODOC = "autodoc of a module under src/examples"
    PLAIN = "block that holds no Python"
    STRUCTURE = "structural directive"
    VIOLATION = "code the build does not run"


@dataclasses.dataclass(frozen=True)
class Block:
    """One fenced block of a chapter."""

    path: Path
    line: int  # 1-based line of the opening fence
    info: str
    kind: Kind
    reason: str = ""
    options: dict[str, Any] = dataclasses.field(default_factory=dict)
    argument: str = ""
    body: str = ""
    body_line: int = 0  # 1-based line of the body's first line
    end_line: int = 0  # 1-based line of the closing fence

    @property
    def where(self) -> str:
        """``book/chapter.md:12``: the place a reader and an editor can open."""
        return f"{display(self.path)}:{self.line}"


def display(path: Path) -> str:
    """The path from the project root: from the ``book`` folder's parent."""
    for parent in path.parents:
        if parent.name == "book":
            return str(path.relative_to(parent.parent))
    return str(path)


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def chapters(book: Path = BOOK) -> list[Path]:
    """Every chapter file of the book, in a stable order."""
    return sorted(book.rglob("*.md"))


def blocks(
    path: Path, text: str | None = None, offset: int = 0
) -> Iterator[Block]:
    """Every fenced block of a chapter, nested ones included."""
    if text is None:
        text = path.read_text(encoding="utf-8")
    for token in _parser().parse(text):
        if token.type != "fence" or token.map is None:
            continue
        line = offset + token.map[0] + 1
        end = offset + token.map[1]  # the closing fence (or the last line)
        info = token.info.strip()
        directive = _DIRECTIVE.match(info)
        if directive is not None and directive["name"] in CONTAINERS:
            yield Block(
                path,
                line,
                info,
                Kind.STRUCTURE,
                argument=directive["arg"],
                end_line=end,
            )
            body_offset = _body_offset(token.content)
            yield from blocks(
                path, _strip_options(token.content), line + body_offset
            )
            continue
        block = _block(path, line, info, directive, token.content)
        yield dataclasses.replace(block, end_line=end)


def _block(
    path: Path,
    line: int,
    info: str,
    directive: re.Match[str] | None,
    content: str,
) -> Block:
    """What the (non-container) fence at ``line`` is."""
    if directive is None:
        return _plain_block(path, line, info)
    name, arg = directive["name"], directive["arg"]
    if name in STRUCTURE:
        return Block(path, line, info, Kind.STRUCTURE, argument=arg)
    if name == "include" and _is_exercises_file(path, arg):
        # A chapter's exercises file, walked as a chapter of its own.
        return Block(path, line, info, Kind.STRUCTURE, argument=arg)
    if name == "doctest":
        return _doctest_block(path, line, info, arg, content)
    if name == "literalinclude":
        return _include_block(path, line, info, arg, content)
    if name in AUTODOC:
        return _autodoc_block(path, line, info, name, arg)
    if name == "eval-rst":
        return _eval_rst_block(path, line, info, content)
    return Block(
        path,
        line,
        info,
        Kind.VIOLATION,
        f"directive {{{name}}} is not one the listing contract allows",
    )


def _is_exercises_file(path: Path, arg: str) -> bool:
    """``{include} <chapter>.exercises.md``: the one Markdown include."""
    target = path.parent / arg.strip()
    return target.name.endswith(".exercises.md") and target.is_file()


def _plain_block(path: Path, line: int, info: str) -> Block:
    language = info.split()[0] if info else ""
    if language in PLAIN_LANGUAGES:
        return Block(path, line, info, Kind.PLAIN)
    if not language:
        reason = "fenced block without a language: name one (e.g. text)"
    else:
        reason = (
            f"```{language} block: Python must be a {{doctest}} or a "
            "{literalinclude} of src/examples"
        )
    return Block(path, line, info, Kind.VIOLATION, reason)


def _option_lines(content: str) -> int:
    count = 0
    for text in content.splitlines():
        if not text.startswith(":"):
            break
        count += 1
    return count


def _body_offset(content: str) -> int:
    return 1 + _option_lines(content)


def _strip_options(content: str) -> str:
    return "\n".join(content.splitlines()[_option_lines(content) :])


def _doctest_block(
    path: Path, line: int, info: str, arg: str, content: str
) -> Block:
    parsed = parse_directive_text(DoctestDirective, arg, content, line=line)
    if parsed.warnings:
        messages = "; ".join(str(w.msg) for w in parsed.warnings)
        return Block(
            path,
            line,
            info,
            Kind.VIOLATION,
            f"bad doctest options: {messages}",
        )
    body = "\n".join(parsed.body) + "\n"
    block = Block(
        path,
        line,
        info,
        Kind.DOCTEST,
        options=dict(parsed.options),
        argument=" ".join(parsed.arguments),
        body=body,
        body_line=line + 1 + parsed.body_offset,
    )
    if "doctest: +SKIP" in body or "+SKIP" in str(
        parsed.options.get("options", "")
    ):
        return dataclasses.replace(
            block,
            kind=Kind.VIOLATION,
            reason="a skipped doctest shows output nobody checks",
        )
    if ">>>" not in body:
        return dataclasses.replace(
            block, kind=Kind.VIOLATION, reason="doctest without >>>"
        )
    return block


def _include_block(
    path: Path, line: int, info: str, arg: str, content: str
) -> Block:
    parsed = parse_directive_text(LiteralInclude, arg, content, line=line)
    target = (path.parent / arg.strip()).resolve()
    block = Block(
        path,
        line,
        info,
        Kind.INCLUDE,
        options=dict(parsed.options),
        argument=arg,
    )
    if EXAMPLES not in target.parents:
        reason = f"includes {arg.strip()!r}, which is not under src/examples"
    elif not target.is_file():
        reason = f"includes {arg.strip()!r}, which does not exist"
    elif "lines" in parsed.options:
        reason = "selects lines by number: use :pyobject: or :start-after:/:end-before:"
    else:
        return block
    return dataclasses.replace(block, kind=Kind.VIOLATION, reason=reason)


def _autodoc_block(
    path: Path, line: int, info: str, name: str, arg: str
) -> Block:
    target = arg.split("(")[0].strip()
    if not target.startswith("examples."):
        return Block(
            path,
            line,
            info,
            Kind.VIOLATION,
            f"{{{name}}} of {target!r}: only modules under src/examples are documented",
        )
    return Block(path, line, info, Kind.AUTODOC, argument=target)


_RST_AUTODOC = re.compile(r"^\.\. (?P<name>auto\w+)::\s*(?P<arg>\S.*)$")
_RST_OPTION = re.compile(r"^\s+:[\w-]+:")


def _eval_rst_block(path: Path, line: int, info: str, content: str) -> Block:
    """``{eval-rst}`` may hold autodoc directives (MyST needs them there), only."""
    targets = []
    for number, text in enumerate(content.splitlines(), line + 1):
        if not text.strip() or _RST_OPTION.match(text):
            continue
        match = _RST_AUTODOC.match(text)
        if match is None or match["name"] not in AUTODOC:
            return Block(
                path,
                number,
                info,
                Kind.VIOLATION,
                "{eval-rst} may only hold autodoc directives of src/examples",
            )
        block = _autodoc_block(path, number, info, match["name"], match["arg"])
        if block.kind is Kind.VIOLATION:
            return block
        targets.append(block.argument)
    return Block(path, line, info, Kind.AUTODOC, argument=" ".join(targets))


def violations(book: Path = BOOK) -> list[Block]:
    """Every block in the book that breaks the listing contract."""
    return [
        b
        for p in chapters(book)
        for b in blocks(p)
        if b.kind is Kind.VIOLATION
    ]


# ------------------------------------------------ alternative outputs


def _sources(block: Block) -> tuple[str, ...]:
    return tuple(
        e.source for e in doctest.DocTestParser().get_examples(block.body)
    )


def _groups(block: Block) -> set[str]:
    return set((block.argument or "default").replace(",", " ").split())


def alternatives(path: Path, text: str | None = None) -> list[list[Block]]:
    """The book's versions of one listing: ``{doctest}`` blocks of one group,
    each with a ``:pyversion:``, that follow one another with nothing but
    blank lines between them, or that run the same code.  Only one of them
    may be shown for any Python."""
    if text is None:
        text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    runs: list[list[Block]] = []
    for block in blocks(path, text):
        if block.kind is not Kind.DOCTEST or "pyversion" not in block.options:
            continue
        for run in runs:
            last = run[-1]
            between = lines[last.end_line : block.line - 1]
            adjacent = not any(line.strip() for line in between)
            if _groups(last) & _groups(block) and (
                adjacent or _sources(last) == _sources(block)
            ):
                run.append(block)
                break
        else:
            runs.append([block])
    return [run for run in runs if len(run) > 1]


def overlaps(path: Path, text: str | None = None) -> list[str]:
    """Where two versions of one listing are shown for the same Python."""
    problems = []
    for run in alternatives(path, text):
        for index, block in enumerate(run):
            spec = str(block.options["pyversion"])
            try:
                mine = set(policy.covered_minors(spec))
            except policy.PyVersionError as exc:
                problems.append(f"{block.where}: {exc}")
                continue
            for earlier in run[:index]:
                other = str(earlier.options["pyversion"])
                try:
                    both = sorted(mine & set(policy.covered_minors(other)))
                except policy.PyVersionError:
                    continue  # reported at its own block
                if both:
                    names = ", ".join(f"{a}.{b}" for a, b in both)
                    problems.append(
                        f"{block.where}: :pyversion: {spec!r} overlaps "
                        f"{earlier.where}'s {other!r} (both are shown for "
                        f"Python {names}); the versions of one listing must "
                        "cover disjoint versions"
                    )
    problems.extend(_unversioned_overlaps(path, text))
    return problems


def _unversioned_overlaps(path: Path, text: str | None) -> list[str]:
    """A ``{doctest}`` without ``:pyversion:`` is shown for every Python, so
    it overlaps any versioned block of its group that runs the same code:
    the usual slip of adding a copy for a new version and forgetting to
    narrow the original.  (Being next to a versioned block is no sign: a
    setup block often precedes one.)"""
    doctests = [
        b for b in blocks(path, text) if b.kind is Kind.DOCTEST and b.body
    ]
    problems = []
    for block in doctests:
        if "pyversion" in block.options:
            continue
        for other in doctests:
            if (
                "pyversion" in other.options
                and _groups(block) & _groups(other)
                and _sources(block) == _sources(other)
            ):
                spec = str(other.options["pyversion"])
                problems.append(
                    f"{block.where}: no :pyversion:, so it is shown for every "
                    f"Python, overlapping {other.where}'s {spec!r}, which "
                    "runs the same code; give it a :pyversion: of its own"
                )
    return problems
