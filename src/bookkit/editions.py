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
import ast
import concurrent.futures
import datetime
import doctest
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
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


def parse_doctest_output(
    text: str,
) -> tuple[dict[str, int] | None, list[dict[str, str]]]:
    """The Sphinx doctest builder's summary (None if it did not finish)
    and its failures, from its ``output.txt``."""
    match = _SUMMARY.search(text)
    failures = [
        {
            "test": "sphinx doctest",
            "where": block.splitlines()[0],
            "message": block,
        }
        for block in re.findall(
            r"^\*{70}\n(File .*?)(?=^\*{70}|\Z)", text, re.M | re.S
        )
    ]
    if match is None:
        return None, failures
    failed = sum(int(match[k]) for k in ("failures", "setup", "cleanup"))
    return {"tests": int(match["tests"]), "failures": failed}, failures


def merge_doctest(results_path: Path, output_txt: Path) -> int:
    """Add the Sphinx doctest builder's summary; settle the version's status."""
    results = json.loads(results_path.read_text())
    text = output_txt.read_text() if output_txt.exists() else ""
    summary, failures = parse_doctest_output(text)
    if summary is None:
        results["status"] = "failed"
        results["reason"] = (
            f"the Sphinx doctest build did not finish ({output_txt})"
        )
    else:
        results["sphinx_doctest"] = summary
        results["failures"] += failures
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


# ---------------------------------------------------------------- session
#
# One version's session (``python -m bookkit.editions session``, run by the
# nox sessions of noxfile.py on that interpreter) splits the book into
# units, one per chapter: its page, its example modules and its tests.  A
# unit's results are cached under a key made of everything they depend on
# (see :func:`unit_key`); only the stale units are run.

#: The interpreter of the ``shared`` session: the work whose verdict does not
#: depend on the Python version (see bookkit.edition_run.SHARED_RULES) and
#: Sphinx's doctest builder run there, once per edition.
SHARED_PYTHON = "3.13"
CACHE_FORMAT = 2
_MODULE_REF = re.compile(r"\b((?:examples|tests)(?:\.\w+)+)")
_INCLUDE = re.compile(r"\{(?:literal)?include\}\s+(\S+)")
_PATH_LITERAL = re.compile(r"^[\w.-]+(?:/[\w.-]+)*\.py$")
#: The files every unit's results depend on besides its own and those it
#: imports (:func:`dependencies`): the whole pyproject.toml (pins, pytest and
#: mypy settings), noxfile.py, conf.py, all of src/bookkit (the runners and
#: the policy), every conftest.py of the repository and every package
#: ``__init__.py`` under tests/ (a new one changes what pytest imports, and
#: how).  Conservative on purpose: these change rarely.
POLICY_FILES = (
    "conf.py",
    "noxfile.py",
    "pyproject.toml",
    "src/bookkit",
)
#: Files of these folders that every unit depends on: (folder, file suffix).
POLICY_PATTERNS = (
    (".", "/conftest.py"),
    ("tests", "/__init__.py"),
)
#: Calls that import, or run, code the static scan cannot name.  A file that
#: makes one with an argument that is not a string literal (or a module
#: constant holding one) depends on every module of src/examples and tests:
#: the scan cannot tell which.  ``exec``/``eval``/``compile`` count, since
#: the code they run may import anything.
_DYNAMIC_IMPORTS = frozenset({"import_module", "__import__", "find_spec"})
_DYNAMIC_PATHS = frozenset({"spec_from_file_location", "run_path"})
_DYNAMIC_CODE = frozenset({"exec", "eval", "compile"})
_DYNAMIC_ALWAYS = frozenset({"walk_packages", "iter_modules", "run_module"})
#: So does a file that changes ``sys.path``: a plain name may then import a
#: file of the book by another name.
_SYS_PATH = re.compile(
    r"\bsys\.path\.(?:insert|append|extend)\b|syspath_prepend"
)
#: Files whose dynamic import was read and names nothing of the book.
REVIEWED_DYNAMIC: dict[str, str] = {
    "tests/exercise_kit.py": (
        "load_file imports the student's attempt that BOOK_EXERCISE_ATTEMPT "
        "names, a file outside the book; make editions never sets it"
    ),
}
#: Folders of listings that the checkers read by path, never import: a file
#: that names one depends on every file of it in its part.
DATA_FOLDERS = ("mypy_cases",)


#: What the build's own tests read, beyond their own files: the contract
#: walker and the layout check read every chapter, example and test; ruff
#: and mypy read every Python file; test_check.py and test_update.py run on
#: real chapters; test_exercises.py reads every exercise page, its chapter
#: page and its checks; the others read the tooling only.
_TOOLING = ("src/bookkit", "conf.py", "pyproject.toml", "Makefile")
_TOOLING_MORE = ("noxfile.py", ".ci", ".github", "tests/tooling")
TOOLING_DEFAULT = (*_TOOLING, *_TOOLING_MORE)
_BOOK = ("book", "src/examples", "tests")
TOOLING_INPUTS: dict[str, tuple[str, ...]] = {
    "tooling/contract": (*_BOOK, *_TOOLING),
    "tooling/layout": (*_BOOK, *_TOOLING),
    "tooling/quality": ("*.py", "pyproject.toml"),
    "tooling/exercises": (*_BOOK, *TOOLING_DEFAULT),
    "tooling/check": (
        "book/foreword.md",
        "src/examples/foreword",
        "tests/foreword",
        *TOOLING_DEFAULT,
    ),
    "tooling/update": (
        "book/foreword.md",
        "book/runtime/memory.md",
        *TOOLING_DEFAULT,
    ),
    "tooling/edition_page": ("book/edition.md", *TOOLING_DEFAULT),
}
#: Tooling tests whose per-chapter items (parametrized by a chapter,
#: ``test_x[book/oop/mixins.md]``) are units of their own,
#: ``tooling/contract[oop/mixins]``, depending on that chapter's inputs only
#: (:func:`dependencies`); their other items stay in the whole-book unit.
PER_CHAPTER_TOOLING = ("tooling/contract", "tooling/layout")
_CHAPTER_PARAM = re.compile(r"\[(?:[^\]]*?[-/])?(book/[^\]\s]+?\.md)")


def item_unit(nodeid: str, root: Path = ROOT) -> str:
    """The unit of one test item: its file's, or, for a per-chapter item of
    :data:`PER_CHAPTER_TOOLING`, that chapter's part of it."""
    unit = unit_of(nodeid, root)
    if unit in PER_CHAPTER_TOOLING:
        match = _CHAPTER_PARAM.search(nodeid)
        if match:
            return f"{unit}[{unit_of(match[1], root)}]"
    return unit


def plan_units(grouped: dict[str, list[str]]) -> dict[str, list[str]]:
    """The units a session plans: the file units, and one part of each
    :data:`PER_CHAPTER_TOOLING` test per chapter page."""
    planned = dict(grouped)
    chapters = [
        unit
        for unit, files in grouped.items()
        if any(f.startswith("book/") and f.endswith(".md") for f in files)
    ]
    for base in PER_CHAPTER_TOOLING:
        if base in grouped:
            for chapter in chapters:
                planned[f"{base}[{chapter}]"] = grouped[base]
    return dict(sorted(planned.items()))


_SKIP_DIRS = frozenset(
    {".git", ".venv", ".nox", "_build", "__pycache__", ".mypy_cache"}
    | {".ruff_cache", ".pytest_cache", "htmlcov"}
)


def _walk(root: Path, top: str) -> list[str]:
    """Files under ``top`` (a file, a folder, or ``*.py`` for every Python
    file of the repository), relative to ``root``."""
    suffix = top[1:] if top.startswith("*") else ""
    base = root if suffix else root / top
    if base.is_file():
        return [top]
    found = []
    for folder, dirs, names in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        for name in sorted(names):
            if name.endswith(suffix):
                path = Path(folder, name).relative_to(root)
                found.append(path.as_posix())
    return found


def _strip(name: str, in_tests: bool) -> str:
    for suffix in (".md", ".py"):
        name = name.removesuffix(suffix)
    return name.removeprefix("test_") if in_tests else name


def unit_of(relpath: str, root: Path = ROOT) -> str:
    """The unit (chapter) a file belongs to: ``runtime/cpython``, ``foreword``,
    a part (``typing_system``: its shared helpers) or ``tooling/<test>``."""
    parts = relpath.split("::")[0].split("/")
    if parts[0] == "book":
        rest = parts[1:]
    elif parts[:2] == ["src", "examples"]:
        rest = parts[2:]
    elif parts[0] == "tests":
        rest = parts[1:]
    else:
        return "other"
    names = [_strip(p, parts[0] == "tests") for p in rest]
    if not names:
        return "other"
    if names[0] == "tooling":
        return "/".join(names[:2])
    book = root / "book"
    if len(names) == 1 or (book / f"{names[0]}.md").is_file():
        return names[0]
    if (book / names[0] / f"{names[1]}.md").is_file():
        return f"{names[0]}/{names[1]}"
    return names[0]


def source_files(root: Path = ROOT) -> list[str]:
    """Every file of the book, the examples and the tests (relative paths)."""
    found: list[str] = []
    for top in ("book", "src/examples", "tests"):
        for path in sorted((root / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                found.append(path.relative_to(root).as_posix())
    return found


def runnable(relpath: str, scope: str) -> bool:
    """Whether a file is given to pytest in a session of this scope."""
    name = relpath.rsplit("/", 1)[-1]
    if "/mypy_cases/" in relpath or name == "conftest.py":
        return False
    if relpath.startswith("book/"):
        return name.endswith(".md")
    if not name.endswith(".py"):
        return False
    if relpath.startswith("tests/tooling/"):
        from bookkit.edition_run import VERSION_RULES

        per_version = any(
            rule.startswith(relpath + "::") for rule, _ in VERSION_RULES
        )
        return scope == "shared" or per_version
    # The shared scope holds tests and mypy listings only
    # (bookkit.edition_run.SHARED_RULES, mypy_only).
    return scope == "version" or relpath.startswith("tests/")


def units(root: Path = ROOT) -> dict[str, list[str]]:
    """Each unit's files, in a stable order."""
    grouped: dict[str, list[str]] = {}
    for relpath in source_files(root):
        grouped.setdefault(unit_of(relpath, root), []).append(relpath)
    return dict(sorted(grouped.items()))


def _module_file(name: str, root: Path) -> str | None:
    """The file of module ``name`` (``examples.x`` or ``tests.x``), if any."""
    parts = name.split(".")
    if parts[0] not in ("examples", "tests"):
        return None
    base = root / "src" if parts[0] == "examples" else root
    stem = base.joinpath(*parts)
    for candidate in (stem.with_suffix(".py"), stem / "__init__.py"):
        if candidate.is_file():
            return candidate.relative_to(root).as_posix()
    return None


def _resolve_module(name: str, root: Path) -> list[str]:
    """The files that importing ``name`` runs: the module and every package
    above it (a name that is not a module resolves to its longest module
    prefix, e.g. ``examples.x.f`` for a function ``f``)."""
    parts = name.split(".")
    found = []
    for n in range(1, len(parts) + 1):
        module = _module_file(".".join(parts[:n]), root)
        if module is not None:
            found.append(module)
    return found


def _module_name(relpath: str) -> tuple[str, bool]:
    """The dotted name of a Python file of the book, and whether it is a
    package's ``__init__``."""
    path = relpath.removeprefix("src/").removesuffix(".py")
    parts = path.split("/")
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _absolute(module: str | None, level: int, relpath: str) -> str | None:
    """The absolute name of a (relative) ``from`` import in ``relpath``."""
    if level == 0:
        return module
    name, is_package = _module_name(relpath)
    package = name.split(".") if is_package else name.split(".")[:-1]
    if level - 1 > len(package):
        return None
    base = package[: len(package) - (level - 1)]
    return ".".join([*base, *([module] if module else [])])


class _Scan(ast.NodeVisitor):
    """The modules and files one piece of code imports or reads, found
    statically; ``dynamic`` if it imports what the scan cannot name."""

    def __init__(self, relpath: str, root: Path, tree: ast.AST) -> None:
        self.relpath = relpath
        self.root = root
        self.found: set[str] = set()
        self.dynamic = ""
        self.constants = {
            target.id: node.value.value
            for node in getattr(tree, "body", [])
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            for target in node.targets
            if isinstance(target, ast.Name)
        }

    def module(self, name: str | None) -> None:
        if name:
            self.found.update(_resolve_module(name, self.root))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.module(alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = _absolute(node.module, node.level, self.relpath)
        self.module(base)
        for alias in node.names:  # a name may be a submodule
            if base and alias.name != "*":
                self.module(f"{base}.{alias.name}")

    def _string(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return self.constants.get(node.id)
        return None

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = getattr(func, "attr", None) or getattr(func, "id", "")
        first = self._string(node.args[0]) if node.args else None
        if name in _DYNAMIC_ALWAYS:
            self.dynamic = f"{name}()"
        elif name in _DYNAMIC_IMPORTS:
            if first is None:
                self.dynamic = f"{name}() of a computed name"
            else:
                self.module(first)
        elif name in _DYNAMIC_PATHS:
            if first is None:
                self.dynamic = f"{name}() of a computed path"
        elif (
            name in _DYNAMIC_CODE
            and isinstance(func, ast.Name)  # the builtin, not a method
            and node.args
        ):
            if first is None:
                self.dynamic = f"{name}() of computed code"
            elif name != "eval":
                self.code(first)
        self.generic_visit(node)

    def code(self, text: str) -> None:
        try:
            tree = ast.parse(text)
        except SyntaxError:
            return
        self.visit(tree)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self.path(node.value)

    def path(self, text: str) -> None:
        """A string naming a Python file (a listing mypy checks, say)."""
        if not _PATH_LITERAL.match(text):
            return
        here = (self.root / self.relpath).parent
        part = _part_of(self.relpath)
        for folder in (
            here,
            self.root,
            self.root / "src" / "examples" / part,
            self.root / "src" / "examples",
        ):
            candidate = (folder / text).resolve()
            if candidate.is_file() and candidate.is_relative_to(
                self.root.resolve()
            ):
                self.found.add(
                    candidate.relative_to(self.root.resolve()).as_posix()
                )


def _part_of(relpath: str) -> str:
    """The part a file of book/, src/examples or tests belongs to."""
    parts = relpath.split("/")
    rest = parts[2:] if parts[0] == "src" else parts[1:]
    return rest[0].removesuffix(".md") if rest else ""


_SCANS: dict[tuple[str, str, bytes], tuple[frozenset[str], str]] = {}


def _sources(relpath: str, text: str) -> list[str]:
    """The Python code of a file: the file itself (a .py) and each of its
    doctest examples (a chapter's listings, a module's docstrings)."""
    found = [text] if relpath.endswith(".py") else []
    try:
        examples = doctest.DocTestParser().get_examples(text)
    except ValueError:  # an example doctest itself would refuse
        examples = []
    return [*found, *(e.source for e in examples)]


def scan(relpath: str, root: Path = ROOT) -> tuple[frozenset[str], str]:
    """The files of the book that one file imports, includes or reads,
    and, if it imports what a static scan cannot name, why (``""`` if
    not): see :func:`dependencies`."""
    data = (root / relpath).read_bytes()
    memo = (str(root), relpath, hashlib.sha256(data).digest())
    if memo in _SCANS:
        return _SCANS[memo]
    text = data.decode("utf-8", errors="replace")
    found: set[str] = set()
    dynamic = ""
    data_folder = any(name in text for name in DATA_FOLDERS)
    for source in _sources(relpath, text):
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue  # the regex below still reads it
        visitor = _Scan(relpath, root, tree)
        visitor.visit(tree)
        found |= visitor.found
        dynamic = dynamic or visitor.dynamic
    if dynamic and relpath in REVIEWED_DYNAMIC:
        dynamic = ""
    if not dynamic and _SYS_PATH.search(text):
        dynamic = "it changes sys.path"
    # Dotted names in prose, directives and strings (``automodule``, a
    # ``monkeypatch.setattr("examples.x.y", ...)``): conservative.
    for name in _MODULE_REF.findall(text):
        found.update(_resolve_module(name, root))
    if relpath.endswith(".md"):
        for target in _INCLUDE.findall(text):
            path = ((root / relpath).parent / target).resolve()
            if path.is_file() and path.is_relative_to(root.resolve()):
                found.add(path.relative_to(root.resolve()).as_posix())
    if data_folder:
        found.update(_data_files(relpath, root))
    result = (frozenset(found), dynamic)
    _SCANS[memo] = result
    return result


def _data_files(relpath: str, root: Path) -> list[str]:
    """Every file of the part's :data:`DATA_FOLDERS` (e.g. its mypy cases)."""
    part = _part_of(relpath)
    found = []
    for top in ("src/examples", "tests"):
        for name in DATA_FOLDERS:
            folder = root / top / part / name
            if part and folder.is_dir():
                found += _walk(root, folder.relative_to(root).as_posix())
    return found


def _code_files(root: Path) -> list[str]:
    return [
        f
        for top in ("src/examples", "tests")
        for f in _walk(root, top)
        if f.endswith(".py")
    ]


def _conftests(relpath: str, root: Path) -> list[str]:
    """The conftest.py files pytest loads for a file: its folder's and every
    one above it."""
    found = []
    folder = Path(relpath).parent
    while True:
        conftest = folder / "conftest.py"
        if (root / conftest).is_file():
            found.append(conftest.as_posix())
        if folder == Path("."):
            return found
        folder = folder.parent


def split_unit(unit: str) -> tuple[str, str | None]:
    """``tooling/contract[oop/mixins]`` -> (``tooling/contract``,
    ``oop/mixins``): a per-chapter part of a tooling test (see
    :data:`PER_CHAPTER_TOOLING`)."""
    if unit.endswith("]") and "[" in unit:
        base, _, chapter = unit[:-1].partition("[")
        return base, chapter
    return unit, None


def dependencies(
    unit: str, grouped: dict[str, list[str]], root: Path = ROOT
) -> list[str]:
    """The files a unit's results depend on, found statically: its own
    files, the conftest files pytest loads for them, and, transitively,
    every module of the book they import (with the packages above it), every
    file a chapter includes (``literalinclude``) and every listing file they
    name (the mypy cases).  Where the scan cannot tell what a file imports
    (a computed ``importlib.import_module``, ``exec`` of computed code, a
    change to ``sys.path``; see :func:`scan`), the unit depends on every
    module of src/examples and tests."""
    if _MEMO is not None and ("deps", f"{root}:{unit}") in _MEMO:
        memo: list[str] = _MEMO["deps", f"{root}:{unit}"]
        return memo
    found = _dependencies(unit, grouped, root)
    if _MEMO is not None:
        _MEMO["deps", f"{root}:{unit}"] = found
    return found


def _dependencies(
    unit: str, grouped: dict[str, list[str]], root: Path
) -> list[str]:
    base, chapter = split_unit(unit)
    if chapter is not None:
        # One chapter's part of a tooling test: the test, the tooling, and
        # what that chapter's own unit depends on.
        return sorted(
            {
                *grouped.get(base, []),
                *(f for t in _TOOLING for f in _walk(root, t)),
                *dependencies(chapter, grouped, root),
            }
        )
    if unit.startswith("tooling/"):
        tops = TOOLING_INPUTS.get(unit, TOOLING_DEFAULT)
        return sorted(
            {
                *grouped.get(unit, []),
                *(f for t in tops for f in _walk(root, t)),
            }
        )
    pending = list(grouped.get(unit, []))
    for relpath in list(pending):
        pending += _conftests(relpath, root)
    seen: set[str] = set()
    dynamic = False
    while pending:
        relpath = pending.pop()
        if relpath in seen or not (root / relpath).is_file():
            continue
        seen.add(relpath)
        if not relpath.endswith((".py", ".md")):
            continue
        found, why = scan(relpath, root)
        dynamic |= bool(why)
        pending += sorted(found - seen)
    if dynamic:
        seen |= set(_code_files(root))
    return sorted(seen)


def dynamic_reasons(
    unit: str, grouped: dict[str, list[str]], root: Path = ROOT
) -> dict[str, str]:
    """The files of a unit's dependencies whose imports the scan cannot
    name, and why (what makes the unit depend on all the code)."""
    reasons = {}
    for relpath in dependencies(unit, grouped, root):
        if relpath.endswith((".py", ".md")):
            why = scan(relpath, root)[1]
            if why:
                reasons[relpath] = why
    return reasons


def _policy_files(root: Path) -> list[str]:
    if _MEMO is not None and ("policy", str(root)) in _MEMO:
        memo: list[str] = _MEMO["policy", str(root)]
        return memo
    found = _find_policy_files(root)
    if _MEMO is not None:
        _MEMO["policy", str(root)] = found
    return found


def _find_policy_files(root: Path) -> list[str]:
    found: list[str] = []
    for name in POLICY_FILES:
        path = root / name
        if path.is_dir():
            found += [
                p.relative_to(root).as_posix()
                for p in sorted(path.rglob("*"))
                if p.is_file() and "__pycache__" not in p.parts
            ]
        elif path.is_file():
            found.append(name)
    for top, suffix in POLICY_PATTERNS:
        if (root / top).is_dir():
            found += [
                f for f in _walk(root, top) if ("/" + f).endswith(suffix)
            ]
    return found


def pins(root: Path = ROOT) -> dict[str, Any]:
    """The pinned dependencies and the pytest settings of pyproject.toml."""
    config = tomllib.loads((root / "pyproject.toml").read_text())
    return {
        "dependencies": config["project"]["dependencies"],
        "optional": config["project"].get("optional-dependencies", {}),
        "pytest": config.get("tool", {}).get("pytest", {}),
    }


def installed() -> list[str]:
    """The distributions installed in this interpreter's environment."""
    import importlib.metadata

    return sorted(
        f"{d.metadata['Name']}=={d.version}".lower()
        for d in importlib.metadata.distributions()
    )


def interpreter_id() -> str:
    """This interpreter, exactly: its version string down to the build, and
    the libraries it links whose versions listings can print or depend on:
    SQLite (``sqlite3.sqlite_version``), OpenSSL (``ssl.OPENSSL_VERSION``)
    and the time-zone data ``zoneinfo`` reads (:func:`tzdata_id`)."""
    import sqlite3

    try:
        import ssl

        openssl = ssl.OPENSSL_VERSION
    except ImportError:  # a build without ssl
        openssl = "no ssl module"
    return (
        f"{sys.implementation.cache_tag} {sys.version} | "
        f"SQLite {sqlite3.sqlite_version} | {openssl} | {tzdata_id()}"
    )


def tzdata_id() -> str:
    """The time-zone data this process uses: ``zoneinfo`` searches
    ``zoneinfo.TZPATH`` first (the system's data: its ``tzdata.zi`` names
    the release), then the ``tzdata`` package."""
    import importlib.metadata
    import zoneinfo

    releases = []
    for folder in zoneinfo.TZPATH:
        index = Path(folder) / "tzdata.zi"
        if index.is_file():
            with index.open(encoding="utf-8", errors="replace") as stream:
                releases.append(f"{folder}: {stream.readline().strip()}")
        elif Path(folder).is_dir():
            releases.append(f"{folder}: (no tzdata.zi)")
    try:
        package = importlib.metadata.version("tzdata")
    except importlib.metadata.PackageNotFoundError:
        package = "none"
    return (
        f"TZPATH {list(zoneinfo.TZPATH)} ({'; '.join(releases)}); "
        f"tzdata package {package}"
    )


def unit_key(
    unit: str,
    scope: str,
    grouped: dict[str, list[str]],
    *,
    root: Path = ROOT,
    interpreter: str | None = None,
    environment: list[str] | None = None,
) -> str:
    """A hash of everything a unit's results depend on: its files and the
    modules they import, the policy and runners, the pins and the installed
    distributions, and the interpreter's exact version."""
    digest = hashlib.sha256()
    header = {
        "cache": CACHE_FORMAT,
        "results": RESULTS_FORMAT,
        "unit": unit,
        "scope": scope,
        "interpreter": interpreter or interpreter_id(),
        "pins": pins(root),
        "installed": installed() if environment is None else environment,
    }
    digest.update(json.dumps(header, sort_keys=True).encode())
    files = sorted({*dependencies(unit, grouped, root), *_policy_files(root)})
    for relpath in files:
        digest.update(relpath.encode() + b"\0")
        digest.update(_digest(root / relpath))
    return digest.hexdigest()


#: Within one session (see :func:`session`) the files do not change, so
#: their digests and the list of policy files are computed once.
_MEMO: dict[tuple[str, str], Any] | None = None


def _digest(path: Path) -> bytes:
    if _MEMO is not None and ("digest", str(path)) in _MEMO:
        found: bytes = _MEMO["digest", str(path)]
        return found
    digest = hashlib.sha256(path.read_bytes()).digest()
    if _MEMO is not None:
        _MEMO["digest", str(path)] = digest
    return digest


class Cache:
    """Per-unit results of one scope on one interpreter, on disk."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, unit: str) -> Path:
        return self.folder / (unit.replace("/", "__") + ".json")

    def get(self, unit: str, key: str) -> dict[str, Any] | None:
        path = self._path(unit)
        if not path.is_file():
            return None
        record: dict[str, Any] = json.loads(path.read_text())
        return record if record.get("key") == key else None

    def drop(self, unit: str) -> None:
        self._path(unit).unlink(missing_ok=True)

    def put(self, unit: str, record: dict[str, Any]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._path(unit).write_text(json.dumps(record) + "\n")


class Progress:
    """Appends the session's events to its progress file (JSON lines)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def emit(self, **event: Any) -> None:
        if self.path is not None:
            with self.path.open("a") as out:
                out.write(json.dumps(event) + "\n")


def _run_pytest(
    stale: list[str], scope: str, work: Path, progress: Path | None
) -> tuple[int, list[dict[str, Any]] | None]:
    items = work / "items.json"
    items.unlink(missing_ok=True)
    wanted = work / "units.json"
    wanted.write_text(json.dumps(stale))
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "bookkit.edition_run",
        "-p",
        "no:cacheprovider",
        # Coverage is judged on the whole suite by `make test`.
        "--no-cov",
        "-q",
        "-m",
        "not slow",
        f"--edition-scope={scope}",
        f"--edition-items={items}",
        f"--edition-units={wanted}",
        *([f"--edition-progress={progress}"] if progress else []),
        # The folders of a full run (see bookkit.edition_run).
        *(["book", "src/examples", "tests"] if scope == "version" else []),
        *(["book", "tests"] if scope == "shared" else []),
    ]
    result = subprocess.run(command, cwd=ROOT, check=False)
    if not items.is_file():
        return result.returncode, None
    records: list[dict[str, Any]] = json.loads(items.read_text())
    return result.returncode, records


# Sphinx's doctest builder runs the same ``{doctest}`` blocks as the pytest
# plugin, under the same policy, but through Sphinx (its directives, the
# docstrings autodoc pulls in, its own runner): a different path, so it is
# kept.  It runs in the shared session on one interpreter (the pytest plugin
# runs every listing on every version) and, like a chapter, per document:
# each document's counts are cached under a key of what that document
# depends on (see dependencies()), and only the stale documents are tested,
# in one Sphinx run that reuses the parsed doctrees of the others.


def _documents(root: Path = ROOT) -> dict[str, str]:
    """Each Sphinx document (docname) and its source file: the pages of
    book/ but those conf.py's ``exclude_patterns`` leaves out (the exercise
    pages, which their chapter page includes)."""
    from sphinx.util.matching import Matcher

    excluded = Matcher(_exclude_patterns(root / "conf.py"))
    return {
        f.removeprefix("book/").removesuffix(".md"): f
        for f in source_files(root)
        if f.startswith("book/")
        and f.endswith(".md")
        and not excluded(f.removeprefix("book/"))
    }


def _exclude_patterns(conf: Path) -> list[str]:
    """conf.py's ``exclude_patterns`` (a literal list), read without
    running conf.py."""
    if not conf.is_file():
        return []
    for node in ast.parse(conf.read_text()).body:
        target = getattr(node, "target", None) or next(
            iter(getattr(node, "targets", [])), None
        )
        value = getattr(node, "value", None)
        if (
            isinstance(target, ast.Name)
            and target.id == "exclude_patterns"
            and value is not None
        ):
            patterns: list[str] = ast.literal_eval(value)
            return patterns
    return []


def _sphinx_doctest(
    work: Path, cache: Cache, environment: list[str], fresh: bool
) -> tuple[dict[str, Any], str]:
    """Sphinx's doctest builder's counts and failures for the whole book,
    testing only the documents whose inputs changed; and a problem, if the
    build did not finish."""
    documents = _documents()
    plan: dict[str, tuple[str, dict[str, Any] | None]] = {}
    for docname, source in documents.items():
        unit = f"sphinx/{docname}"
        key = unit_key(
            unit, "shared", {unit: [source]}, environment=environment
        )
        plan[docname] = (key, None if fresh else cache.get(unit, key))
    stale = [d for d, (_, record) in plan.items() if record is None]
    per_doc = {d: r for d, (_, r) in plan.items() if r is not None}
    problem = ""
    if stale:
        ran = _run_sphinx_doctest(
            work, None if len(stale) == len(plan) else stale, fresh
        )
        if not ran["finished"]:
            problem = "the Sphinx doctest build did not finish"
        for docname in stale:
            counts = ran["documents"].get(docname)
            if counts is None:
                if not problem:
                    problem = f"Sphinx did not test {documents[docname]}"
                continue
            record = {"key": plan[docname][0], **counts}
            per_doc[docname] = record
            if ran["finished"] and not counts["failures"]:
                cache.put(f"sphinx/{docname}", record)
    tests = sum(r["tests"] for r in per_doc.values())
    failures = sum(r["failed"] for r in per_doc.values())
    messages = [m for d in sorted(per_doc) for m in per_doc[d]["failures"]]
    return {
        "sphinx_doctest": {"tests": tests, "failures": failures},
        "failures": messages,
        "units": {
            "total": len(plan),
            "cached": len(plan) - len(stale),
            "run": len(stale),
        },
    }, problem


def _run_sphinx_doctest(
    work: Path, docnames: list[str] | None, fresh: bool
) -> dict[str, Any]:
    """Run Sphinx's doctest builder on these documents (all if None) in a
    child process; its counts per document, and whether it finished."""
    counts = work / "sphinx-documents.json"
    counts.unlink(missing_ok=True)
    command = [sys.executable, "-m", "bookkit.editions", "sphinx-doctest"]
    command += [str(work), str(counts), *(["--fresh"] if fresh else [])]
    command += docnames or []
    subprocess.run(command, cwd=ROOT, check=False)
    if not counts.is_file():
        return {"finished": False, "documents": {}}
    found: dict[str, Any] = json.loads(counts.read_text())
    return found


def sphinx_doctest_main(
    work: Path, counts: Path, docnames: list[str], fresh: bool
) -> int:
    """(In the child process.)  Sphinx's doctest builder, in this process,
    on ``docnames`` (every document if none), recording each document's
    tries and failures as the builder tests it."""
    from sphinx.cmd.build import build_main

    from bookkit import sphinxext

    per_doc: dict[str, dict[str, int]] = {}
    builder = sphinxext.StrictDocTestBuilder
    original = builder.test_doc

    def failed(self: Any) -> int:
        return int(
            self.total_failures + self.setup_failures + self.cleanup_failures
        )

    def test_doc(self: Any, docname: str, doctree: Any) -> bool:
        tries, failures = self.total_tries, failed(self)
        try:
            return original(self, docname, doctree)
        finally:
            per_doc[docname] = {
                "tests": self.total_tries - tries,
                "failed": failed(self) - failures,
            }

    builder.test_doc = test_doc  # type: ignore[method-assign]
    output = work / "doctest"
    (output / "output.txt").unlink(missing_ok=True)
    args = ["-c", str(ROOT), "-n", "-W", "--keep-going", "-q", "-b", "doctest"]
    args += ["-E"] if fresh else []
    args += ["-d", str(work / "doctrees"), str(ROOT / "book"), str(output)]
    args += [str(ROOT / "book" / f"{d}.md") for d in docnames]
    build_main(args)
    text = (
        (output / "output.txt").read_text()
        if (output / "output.txt").is_file()
        else ""
    )
    summary, _ = parse_doctest_output(text)
    sections = re.split(r"^Document: (\S+)\n-+\n", text, flags=re.M)
    messages = {
        docname: parse_doctest_output(body)[1]
        for docname, body in zip(sections[1::2], sections[2::2], strict=True)
    }
    documents = {
        docname: {**found, "failures": messages.get(docname, [])}
        for docname, found in per_doc.items()
    }
    counts.write_text(
        json.dumps({"finished": summary is not None, "documents": documents})
        + "\n"
    )
    return 0


def merge_records(
    records: dict[str, list[dict[str, Any]]],
    stale: list[str],
    plan: dict[str, Any],
    ran: list[dict[str, Any]],
    root: Path = ROOT,
) -> set[str]:
    """Add the records of this run to ``records`` (the cached units' records
    are already in it); return the units with a failed record.

    A record counts under the unit it belongs to.  One of a unit that was not
    to run (a module pytest collected anyway, say a package's ``__init__``)
    replaces nothing when it passed, but a failure counts whatever its unit:
    it is added, and that unit's cache entry is dropped by the caller.
    """
    for unit in stale:
        records[unit] = []
    failed: set[str] = set()
    for record in ran:
        unit = item_unit(record["nodeid"], root)
        bad = record["outcome"] == "failed" or bool(record["failure"])
        if unit in stale or unit not in plan or bad:
            records.setdefault(unit, []).append(record)
        if bad:
            failed.add(unit)
    return failed


def session(
    scope: str,
    results_path: Path,
    cache_dir: Path,
    progress_path: Path | None,
    fresh: bool,
) -> int:
    """Verify this interpreter's part of the edition; reuse cached units."""
    global _MEMO  # the files stand still while it runs
    _MEMO = {}
    work = results_path.with_suffix("")
    work.mkdir(parents=True, exist_ok=True)
    if progress_path is not None:
        progress_path.write_text("")  # this run's events only
    watcher = _Watcher(scope, results_path, progress_path)
    try:
        return _session(
            scope, results_path, cache_dir, progress_path, fresh, work
        )
    finally:
        watcher.stop()


class _Watcher:
    """The session's own progress lines, as ``make editions`` prints them
    without a terminal (one line per change of state, a failure the moment
    it happens), on the session's output: a GitHub Actions job, which runs
    the nox session directly, shows them in its log; under ``make
    editions`` they go to the session's log file."""

    def __init__(
        self, scope: str, results_path: Path, progress_path: Path | None
    ) -> None:
        name = "shared" if scope == "shared" else results_path.stem
        minor = minor_name(sys.version_info[:2])
        self.job = Job(name, minor, results_path.parent)
        self.job.results = results_path
        self.job.details = "this session's output"
        self.started = time.monotonic()
        self.done = threading.Event()
        self.thread: threading.Thread | None = None
        if progress_path is None:
            return
        self.job.progress = progress_path
        self.display = Display([self.job], live=False)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.done.wait(0.5):
            self.display.poll()

    def stop(self) -> None:
        if self.thread is None:
            return
        self.done.set()
        self.thread.join()
        self.display.poll()
        self.job.seconds = time.monotonic() - self.started
        if self.job.results.is_file():
            status = json.loads(self.job.results.read_text())["status"]
            self.display.set(
                self.job, "done" if status == "verified" else "failed"
            )


def _session(
    scope: str,
    results_path: Path,
    cache_dir: Path,
    progress_path: Path | None,
    fresh: bool,
    work: Path,
) -> int:
    progress = Progress(progress_path)
    progress.emit(event="start", scope=scope, python=sys.version.split()[0])
    grouped = units()
    cache = Cache(cache_dir / f"{scope}-{minor_name(sys.version_info[:2])}")
    environment = installed()
    plan: dict[str, tuple[str, dict[str, Any] | None]] = {}
    for unit, files in plan_units(grouped).items():
        if not any(runnable(f, scope) for f in files):
            continue
        key = unit_key(unit, scope, grouped, environment=environment)
        plan[unit] = (key, None if fresh else cache.get(unit, key))
    cached = [record for _, record in plan.values() if record is not None]
    progress.emit(
        event="cached",
        units=len(cached),
        of=len(plan),
        listings=sum(
            1 for r in cached for i in r["items"] if i["kind"] == "listing"
        ),
        tests=sum(
            1 for r in cached for i in r["items"] if i["kind"] == "test"
        ),
    )
    stale = [unit for unit, (_, record) in plan.items() if record is None]
    records: dict[str, list[dict[str, Any]]] = {
        unit: record["items"]
        for unit, (_, record) in plan.items()
        if record is not None
    }
    problems: list[str] = []
    if stale:
        code, ran = _run_pytest(stale, scope, work, progress_path)
        if ran is None or code not in (0, 1, 5):
            problems.append(f"pytest stopped with exit code {code}")
        failed_units = merge_records(records, stale, plan, ran or [])
        for unit in failed_units - set(stale):
            cache.drop(unit)
        for unit in stale:
            if problems or unit in failed_units:
                continue  # failures are never cached: they run again
            cache.put(unit, {"key": plan[unit][0], "items": records[unit]})
    results = new_results()
    results["scope"] = scope
    results["units"] = {
        "total": len(plan),
        "cached": len(plan) - len(stale),
        "run": len(stale),
    }
    for unit in sorted(records):
        for item in records[unit]:
            kind = results[
                "listings" if item["kind"] == "listing" else "tests"
            ]
            kind[item["outcome"]] += 1
            if item["version_specific"]:
                kind["version_specific"] += 1
            if item["failure"]:
                results["failures"].append(item["failure"])
    if scope == "shared":
        progress.emit(event="sphinx")
        sphinx, problem = _sphinx_doctest(work, cache, environment, fresh)
        results["sphinx_doctest"] = sphinx["sphinx_doctest"]
        results["failures"] += sphinx["failures"]
        results["units"]["sphinx_documents"] = sphinx["units"]
        if problem:
            problems.append(problem)
    failed = bool(
        problems
        or results["failures"]
        or results["listings"]["failed"]
        or results["tests"]["failed"]
    )
    if scope == "version" and results["listings"]["passed"] == 0:
        failed = True
        problems.append("no listing ran")
    results["status"] = "failed" if failed else "verified"
    results["reason"] = "; ".join(problems)
    results_path.write_text(json.dumps(results, indent=2) + "\n")
    progress.emit(event="finished", status=results["status"])
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


class Job:
    """One session of a run: a Python version, or the shared checks."""

    def __init__(self, name: str, minor: str, outdir: Path) -> None:
        self.name = name  # "3.12", or "shared"
        self.minor = minor  # the interpreter it runs on
        self.results = outdir / f"{name}.json"
        self.log = outdir / f"{name}.log"
        self.progress = outdir / f"{name}.progress"
        #: Where the details of a failure are: the session's log.
        self.details = str(self.log)
        self.kind = "none"  # "host", "unstable" or "none"
        self.detail = ""  # the interpreter's path, or why there is none
        self.seconds = 0.0

    @property
    def session(self) -> str:
        return "shared" if self.name == "shared" else f"verify-{self.minor}"

    @property
    def label(self) -> str:
        if self.name == "shared":
            return f"shared checks (Python {self.minor})"
        return f"Python {self.name}"


def _run_job(job: Job, fresh: bool) -> int:
    """Run one job's nox session; leave a results file whatever happens."""
    args = ["-s", job.session, "--", str(job.results)]
    args += ["--fresh"] if fresh else []
    env: dict[str, str] | None = None
    if job.kind == "host":
        env = dict(os.environ)
        folder = Path(job.detail).parent
        env["PATH"] = f"{folder}{os.pathsep}{env.get('PATH', '')}"
        command = [sys.executable, "-m", "nox", *args]
    else:
        command = [str(UNSTABLE), "run", "--", f"{ROOT_TOOLS}/bin/nox", *args]
    started = time.monotonic()
    with job.log.open("w") as log:
        result = subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    job.seconds = time.monotonic() - started
    if not job.results.exists():
        record = not_verified(
            job.minor,
            f"the session did not run to its end (see {job.log})",
        )
        record["status"] = "failed"
        job.results.write_text(json.dumps(record, indent=2) + "\n")
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


class Display:
    """Each job's state while ``make editions`` runs.

    In a terminal the lines are redrawn in place; otherwise (a pipe, a log,
    ``CI=true``) one line is printed per change of state.  A failure is
    printed the moment a session reports it, with its chapter line.
    """

    def __init__(self, jobs: list[Job], live: bool | None = None) -> None:
        self.jobs = jobs
        if live is None:
            live = (
                sys.stdout.isatty()
                and os.environ.get("CI", "").lower() not in ("true", "1")
                and os.environ.get("TERM", "") != "dumb"
            )
        self.live = live
        self.state = {j.name: "waiting" for j in jobs}
        self.counts = {j.name: dict.fromkeys(_COUNTS, 0) for j in jobs}
        self.offsets = dict.fromkeys(self.state, 0)
        self.drawn = 0
        self.lock = threading.Lock()

    def set(self, job: Job, state: str) -> None:
        with self.lock:
            if self.state[job.name] != state:
                self.state[job.name] = state
                self._changed(job)

    def _changed(self, job: Job) -> None:
        if self.live:
            self._draw()
        else:
            print(f"editions: {self.line(job)}", flush=True)

    def _say(self, text: str) -> None:
        """A line printed once, above the live lines in a terminal."""
        with self.lock:
            if self.live:
                self._erase()
            print(text, flush=True)
            if self.live:
                self._draw()

    def _erase(self) -> None:
        if self.drawn:
            sys.stdout.write(f"\x1b[{self.drawn}F\x1b[J")
            self.drawn = 0

    def _draw(self) -> None:
        self._erase()
        lines = [f"editions: {self.line(j)}" for j in self.jobs]
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
        self.drawn = len(lines)

    def line(self, job: Job) -> str:
        state = self.state[job.name]
        c = self.counts[job.name]
        head = f"{job.label:<29} "
        if state == "running":
            text = (
                f"running: listings {c['listings_done']}/{c['listings']}, "
                f"tests {c['tests_done']}/{c['tests']}"
            )
            if c["cached_units"]:
                text += f" ({c['cached_units']}/{c['units']} chapters cached)"
            if c["failures"]:
                text += f", {c['failures']} FAILED"
            return head + text
        if state in ("done", "failed"):
            return head + _summary(job)
        if state == "not verified":
            return head + f"NOT VERIFIED: {job.detail}"
        return head + state

    def poll(self) -> None:
        """Read what the sessions have reported since the last poll."""
        for job in self.jobs:
            if not job.progress.is_file():
                continue
            with job.progress.open() as stream:
                stream.seek(self.offsets[job.name])
                lines = stream.readlines()
                if lines and not lines[-1].endswith("\n"):
                    lines.pop()  # half-written: read it next time
                self.offsets[job.name] += sum(len(x) for x in lines)
            changed = False
            for line in lines:
                changed |= self._event(job, json.loads(line))
            if changed and self.live:
                with self.lock:
                    self._draw()

    def _event(self, job: Job, event: dict[str, Any]) -> bool:
        c = self.counts[job.name]
        kind = event.get("event")
        if kind == "start":
            self.set(job, "collecting")
        elif kind == "cached":
            c["cached_units"] = event.get("units", 0)
            c["units"] = event.get("of", 0)
            for k in ("listings", "tests"):
                c[k] += event.get(k, 0)
                c[f"{k}_done"] += event.get(k, 0)
        elif kind == "collected":
            c["listings"] += event.get("listings", 0)
            c["tests"] += event.get("tests", 0)
        elif kind == "sphinx":
            self.set(job, "running Sphinx's doctest builder")
        elif kind == "item":
            c[f"{event['kind']}s_done"] += 1
        elif kind == "failure":
            c["failures"] += 1
            test = f" in {event['test']}" if event.get("test") else ""
            self._say(
                f"editions: {job.label} FAILED at {event['where']}{test} "
                f"(details: {job.details})"
            )
        if kind == "collected":
            self.set(job, "running")
        return True

    def finish(self) -> None:
        if self.live:
            with self.lock:
                self._draw()


_COUNTS = (
    "listings",
    "listings_done",
    "tests",
    "tests_done",
    "units",
    "cached_units",
    "failures",
)


def _summary(job: Job) -> str:
    results = json.loads(job.results.read_text())
    listings = results["listings"]
    tests = results["tests"]
    text = f"{results['status'].upper()}"
    if results["status"] == "not verified":
        return text + f": {results['reason']}"
    text += (
        f": listings {listings['passed']} passed, {listings['failed']} failed"
        f"; tests {tests['passed']} passed, {tests['failed']} failed"
    )
    if job.name == "shared":
        text += f"; Sphinx doctest {results['sphinx_doctest']['tests']} run"
    units = results.get("units")
    if units:
        text += f"; {units['cached']}/{units['total']} chapters from cache"
    if results.get("reason"):
        text += f" ({results['reason']})"
    return text + f" [{job.seconds:.0f} s]"


def _plan(names: list[str], outdir: Path) -> list[Job]:
    jobs = [Job("shared", SHARED_PYTHON, outdir)]
    jobs += [Job(minor, minor, outdir) for minor in names]
    unstable_needed = False
    for job in jobs:
        job.results.unlink(missing_ok=True)
        job.progress.unlink(missing_ok=True)
        interpreter = host_interpreter(job.minor)
        if interpreter is not None:
            job.kind, job.detail = "host", str(interpreter)
            continue
        why_not = unstable_root_usable()
        if why_not is None:
            job.kind, job.detail = "unstable", "Debian unstable root"
            unstable_needed = True
        else:
            job.kind, job.detail = "none", why_not
    if unstable_needed:
        # The root holds every supported version this machine lacks, whatever
        # this run asked for, so a partial run never rebuilds it smaller.
        supported = [minor_name(m) for m in policy.SUPPORTED]
        in_root = [m for m in supported if host_interpreter(m) is None]
        try:
            prepare_unstable_root(in_root)
        except subprocess.CalledProcessError as exc:
            for job in jobs:
                if job.kind == "unstable":
                    job.kind = "none"
                    job.detail = f"the Debian unstable root failed: {exc}"
    return jobs


def _warm(job: Job) -> bool:
    """Whether the job's session venv existed before this run."""
    venv = job.session.replace(".", "-")
    return (ROOT / ".nox" / venv / "pyvenv.cfg").is_file()


def run(
    versions: list[str], outdir: Path, jobs: int, fresh: bool = False
) -> int:
    started = time.monotonic()
    outdir.mkdir(parents=True, exist_ok=True)
    planned = _plan(versions, outdir)
    warm = all(_warm(j) for j in planned if j.kind != "none")
    for job in planned:
        where = job.detail if job.kind != "none" else "-"
        log = f" (log: {job.log})" if job.kind != "none" else ""
        print(f"editions: {job.label}: {where}{log}", flush=True)
    display = Display(planned)
    for job in planned:
        if job.kind == "none":
            record = not_verified(job.minor, job.detail)
            job.results.write_text(json.dumps(record, indent=2) + "\n")
            display.set(job, "not verified")

    def one(job: Job) -> None:
        display.set(job, "provisioning")
        _run_job(job, fresh)

    if not display.live:
        for job in planned:
            if job.kind != "none":
                print(f"editions: {display.line(job)}", flush=True)
    else:
        display.finish()
    runnable_jobs = [j for j in planned if j.kind != "none"]
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {j.name: (j, pool.submit(one, j)) for j in runnable_jobs}
        while futures:
            time.sleep(0.2)
            display.poll()
            for name, (job, future) in list(futures.items()):
                if future.done():
                    future.result()
                    display.poll()  # the session's last events first
                    results = json.loads(job.results.read_text())
                    verified = results["status"] == "verified"
                    display.set(job, "done" if verified else "failed")
                    del futures[name]
    display.finish()
    seconds = time.monotonic() - started
    timing = _record_timing(outdir, versions, seconds, warm, fresh)
    return report(outdir, versions, timing=timing)


def _record_timing(
    outdir: Path, versions: list[str], seconds: float, warm: bool, fresh: bool
) -> str:
    """Keep this run's wall time; compare it with the last one-version run
    of the same kind (warm or cold, cache used or ignored)."""
    history_path = outdir / "timings.json"
    history: list[dict[str, Any]] = (
        json.loads(history_path.read_text()) if history_path.is_file() else []
    )
    entry = {
        "versions": versions,
        "seconds": round(seconds, 1),
        "warm": warm,
        "fresh": fresh,
        "date": datetime.datetime.now(datetime.UTC).isoformat(),
    }
    history = [*history[-49:], entry]
    history_path.write_text(json.dumps(history, indent=2) + "\n")
    kind = ("warm" if warm else "cold") + (
        ", cache ignored" if fresh else ", cache used"
    )
    text = f"{len(versions)} version(s) in {seconds:.0f} s ({kind})"
    if len(versions) > 1:
        single = [
            h
            for h in history[:-1]
            if len(h["versions"]) == 1
            and h["warm"] == warm
            and h["fresh"] == fresh
        ]
        if single:
            last = single[-1]
            ratio = seconds / last["seconds"]
            text += (
                f"; the last such run of {last['versions'][0]} alone took "
                f"{last['seconds']:.0f} s: {ratio:.2f}x (goal: at most 2.0x)"
            )
    if not fresh:
        full = [
            h
            for h in history[:-1]
            if h["versions"] == versions and h["fresh"] and h["warm"] == warm
        ]
        if full:
            last = full[-1]
            ratio = seconds / last["seconds"]
            text += (
                f"; the last full run of these versions (cache ignored) took "
                f"{last['seconds']:.0f} s: {ratio:.2f}x (goal after one "
                "chapter's edit: at most 0.25x)"
            )
    return text


def _report_line(name: str, results: dict[str, Any]) -> str:
    status = results["status"]
    listings = results["listings"]
    tests = results["tests"]
    label = "Shared checks" if name == "shared" else f"Python {name}"
    line = f"- {label}: {status.upper()}"
    if results["python"]:
        line += f" -- {results['python'].split()[0]}"
    if status == "not verified":
        return line + f": {results['reason']}"
    if name != "shared":
        line += (
            f": {listings['passed']} listings passed "
            f"({listings['version_specific']} version-specific), "
            f"{listings['failed']} failed; tests {tests['passed']} passed, "
            f"{tests['failed']} failed"
        )
    else:
        line += (
            f": {listings['passed']} listings of a type checker's verdict passed, "
            f"{listings['failed']} failed; tests {tests['passed']} passed, "
            f"{tests['failed']} failed"
        )
    if results.get("scope") != "version":
        sphinx = results["sphinx_doctest"]
        line += (
            f"; Sphinx doctest {sphinx['tests']} run, "
            f"{sphinx['failures']} failed"
        )
    units = results.get("units")
    if units:
        line += f"; {units['cached']} of {units['total']} chapters from cache"
    if results.get("reason"):
        line += f" ({results['reason']})"
    return line


def report(
    outdir: Path, versions: list[str], timing: str | None = None
) -> int:
    """Print what each version verified, and every failure with its diff."""
    lines = ["# Verification of the book on each supported Python", ""]
    bad = 0
    names = [*versions]
    if (outdir / "shared.json").is_file():
        names.append("shared")
    for name in names:
        path = outdir / f"{name}.json"
        results = (
            json.loads(path.read_text())
            if path.is_file()
            else not_verified(name, "no results (the session left none)")
        )
        lines.append(_report_line(name, results))
        if results["status"] != "verified":
            bad += 1
        for failure in results["failures"]:
            lines += ["", f"  {name} FAILED at {failure['where']}:", ""]
            text = failure.get("diff") or failure.get("message", "")
            lines += ["    " + line for line in text.splitlines()]
    if "shared" in names:
        lines += [
            "",
            "The shared checks (the build's own tests, ruff, mypy with a "
            "fixed python_version, the listings that only show mypy's or "
            "pyright's verdict, Sphinx's doctest builder) do not depend on the "
            "interpreter and run once per edition.",
        ]
    if timing:
        lines += ["", f"Time: {timing}."]
    text = "\n".join(lines) + "\n"
    (outdir / "report.md").write_text(text)
    print(text, end="")
    if bad:
        print(
            f"editions: {bad} of {len(names)} sessions not verified or failing"
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
    p_run.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    p_run.add_argument(
        "--fresh", action="store_true", help="ignore the cached results"
    )
    p_session = sub.add_parser(
        "session", help="(used by the nox sessions) verify this interpreter"
    )
    p_session.add_argument("--scope", choices=("version", "shared"))
    p_session.add_argument("results", type=Path)
    p_session.add_argument("--fresh", action="store_true")
    p_sphinx = sub.add_parser(
        "sphinx-doctest", help="(used by the shared session)"
    )
    p_sphinx.add_argument("work", type=Path)
    p_sphinx.add_argument("counts", type=Path)
    p_sphinx.add_argument("docnames", nargs="*")
    p_sphinx.add_argument("--fresh", action="store_true")
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
        return run(versions, args.outdir.resolve(), args.jobs, args.fresh)
    if args.command == "session":
        results = args.results.resolve()
        return session(
            args.scope,
            results,
            results.parent / "cache",
            results.with_suffix(".progress"),
            args.fresh,
        )
    if args.command == "sphinx-doctest":
        return sphinx_doctest_main(
            args.work, args.counts, args.docnames, args.fresh
        )
    if args.command == "merge-doctest":
        return merge_doctest(args.results, args.output_txt)
    if args.command == "report":
        return report(args.outdir, supported)
    return update(args.listing, args.version, args.split_at, args.outdir)


if __name__ == "__main__":
    sys.exit(main())
