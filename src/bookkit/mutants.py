"""``make mutants PART=...``: mutation testing of one part's examples.

Two tools share the work, because neither alone covers the examples:

* mutmut 3.8.1 mutates every function that has no decorator (or only
  ``@staticmethod``/``@classmethod``), and only those: it never mutates
  a decorated function (``mutmut/mutation/file_mutation.py``, "ignore
  decorated functions"), so on its own it scores no FastAPI endpoint,
  dependency or lifespan. mutmut reads its settings from ``[tool.mutmut]``
  in pyproject.toml only; this driver narrows two of them to one part
  (the files it mutates and the tests it runs).
* cosmic-ray 8.7.0 mutates the module's syntax tree whatever the
  decorators. It mutates the decorated functions, decorators included,
  and nothing else: its ``cr-filter-lines`` filter skips every other
  mutant, so no line is scored twice. It mutates files in place, so it
  works in a copy of the tree (``mutants/cosmic-ray``), one session per
  module, each running the test files that import the module (or, if
  none does, its chapter's tests). A module listed in
  ``[tool.bookkit.mutants.cosmic-ray-only]`` is left to cosmic-ray
  whole, every function, because mutmut's instrumentation changes what
  its tests measure.

Without a part, all of ``src/examples`` is mutated and all of ``tests``
runs. The summary gives both tools' counts, the score of each and of
both together, and what neither mutates.
"""

from __future__ import annotations

import ast
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

STAGE = Path("mutants/cosmic-ray")
Span = tuple[int, int]
# What neither tool mutates, and why: printed with every summary.
EXCLUDED = (
    "not mutated by either tool: src/examples/*/mypy_cases (never "
    "imported: the tests run mypy and pyright on them); statements "
    "outside functions (module level, class bodies: mutmut mutates "
    "function bodies only, and cosmic-ray here only decorated "
    "functions); inside mutmut's functions, annotations and default "
    "values that are not a name, number or string (mutmut skips them)"
)


@dataclass(frozen=True)
class Tally:
    """One tool's mutants by outcome; the score counts timeouts killed."""

    tool: str
    killed: int = 0
    timeout: int = 0
    survived: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return self.killed + self.timeout + self.survived + self.other

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.tool,
            self.killed + other.killed,
            self.timeout + other.timeout,
            self.survived + other.survived,
            self.other + other.other,
        )

    def line(self) -> str:
        done = self.killed + self.timeout
        score = f"{100 * done / self.total:.1f}%" if self.total else "n/a"
        return (
            f"{self.tool}: mutants {self.total}: killed {self.killed}, "
            f"timeout {self.timeout}, survived {self.survived}, other "
            f"{self.other}; score {done}/{self.total} = {score}"
        )


def mutmut_tally(listing: str) -> Tally:
    """Count the lines ``name: state`` of ``mutmut results --all true``."""
    states = Counter(
        line.rsplit(" ", 1)[-1] for line in listing.splitlines() if line
    )
    known = states["killed"] + states["timeout"] + states["survived"]
    return Tally(
        "mutmut",
        states["killed"],
        states["timeout"],
        states["survived"],
        sum(states.values()) - known,
    )


def within(part: str, reasons: dict[str, str]) -> dict[str, str]:
    """The entries of ``reasons`` for files of ``part``."""
    where = f"src/examples/{part}/" if part else "src/examples/"
    return {
        path: why for path, why in reasons.items() if path.startswith(where)
    }


def narrow(part: str, whole: Iterable[str] = ()) -> None:
    """Make mutmut's configuration reader answer for ``part``, leaving
    alone the files in ``whole`` (cosmic-ray mutates all of them)."""
    from mutmut import configuration

    original = configuration._config_reader
    where = f"/{part}" if part else ""
    alone = list(whole)

    def reader() -> Callable[[str, Any], Any]:
        read = original()

        def narrowed(key: str, default: Any) -> Any:
            if key == "only_mutate":
                return [f"src/examples{where}/*"]
            if key == "pytest_add_cli_args_test_selection":
                return [f"tests{where}"]
            if key == "do_not_mutate":
                return [*read(key, default), *alone]
            return read(key, default)

        return narrowed

    configuration._config_reader = reader


def run_mutmut(part: str, names: list[str], whole: Iterable[str]) -> Tally:
    narrow(part, whole)
    from mutmut.__main__ import cli

    try:
        cli(["run", *names], standalone_mode=False)
    except SystemExit as stop:  # e.g. "could not find any test case"
        print(f"mutmut stopped: exit status {stop.code}")
    listing = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return mutmut_tally(listing)


def _mutmut_mutates(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether mutmut 3.8.1 mutates this function (file_mutation.py)."""
    if not node.decorator_list:
        return True
    [*rest, only] = node.decorator_list
    return not rest and (
        isinstance(only, ast.Name)
        and only.id in ("staticmethod", "classmethod")
    )


def decorated_spans(source: str, every: bool = False) -> list[Span]:
    """The lines (first decorator to last line) of the functions mutmut
    skips: decorated ones, except those whose one decorator is
    ``@staticmethod`` or ``@classmethod``; with ``every``, of all the
    functions. A span nested in another is left out, since the outer one
    holds it."""
    spans: list[Span] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) and (
                every or not _mutmut_mutates(child)
            ):
                first = min(
                    [child.lineno] + [d.lineno for d in child.decorator_list]
                )
                spans.append((first, child.end_lineno or child.lineno))
            else:
                visit(child)

    visit(ast.parse(source))
    return sorted(spans)


def _excluded(path: Path) -> bool:
    return "mypy_cases" in path.parts


@dataclass(frozen=True)
class Session:
    """One cosmic-ray session: a module, its spans and the tests to run."""

    module: str
    spans: list[Span]
    tests: list[str]


def imported(source: str) -> set[str]:
    """The modules a test imports (``from a import b`` gives ``a`` and
    ``a.b``), and dotted ``examples.`` names in its strings."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Constant) and str(node.value).startswith(
            "examples."
        ):
            names.add(str(node.value))
    return names


def tests_of(module: Path, part: str) -> list[str]:
    """The test files of ``part`` that import ``module``; if none does,
    its chapter's test directory (or the part's)."""
    dotted = ".".join(module.with_suffix("").parts[1:])
    where = Path("tests", part) if part else Path("tests")
    found = [
        test.as_posix()
        for test in sorted(where.rglob("test_*.py"))
        if dotted in imported(test.read_text(encoding="utf-8"))
    ]
    if found:
        return found
    inner = module.relative_to("src/examples").parts
    chapter = Path("tests", *inner[:2])
    if len(inner) > 2 and chapter.is_dir():
        return [chapter.as_posix()]
    return [Path("tests", *inner[:1]).as_posix()]


def sessions(part: str, whole: Iterable[str] = ()) -> list[Session]:
    """A session per module of ``part`` with decorated functions; a
    module in ``whole`` (which mutmut leaves alone) with all of them."""
    found: list[Session] = []
    base = Path("src/examples", part) if part else Path("src/examples")
    for path in sorted(base.rglob("*.py")):
        if _excluded(path):
            continue
        source = path.read_text(encoding="utf-8")
        spans = decorated_spans(source, every=path.as_posix() in whole)
        if spans:
            found.append(Session(path.as_posix(), spans, tests_of(path, part)))
    return found


def cosmic_ray_config(
    session: Session, settings: dict[str, Any], pytest_args: list[str]
) -> str:
    """One session's config: cosmic-ray reads a ``[cosmic-ray]`` table."""
    from cosmic_ray.config import serialize_config

    command = [sys.executable, "-m", "pytest", "-x", *pytest_args]
    config: dict[str, Any] = {
        "module-path": session.module,
        "timeout": float(settings.get("timeout", 120)),
        "excluded-modules": [],
        # cosmic-ray splits the command with shlex.split.
        "test-command": shlex.join([*command, *session.tests]),
        "distributor": {"name": "local"},
        "filters": {
            "line-filter": {
                "lines": {
                    session.module: [f"{a}-{b}" for a, b in session.spans]
                }
            }
        },
    }
    text: str = serialize_config(config)
    return text


def stage(copy: Iterable[str]) -> None:
    """Copy the tree cosmic-ray will mutate in place (never the work
    tree: an interrupted run would leave a mutant in a tracked file)."""
    shutil.rmtree(STAGE, ignore_errors=True)
    STAGE.mkdir(parents=True)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in copy:
        source = Path(name)
        if source.is_dir():
            shutil.copytree(source, STAGE / name, ignore=skip)
        else:
            shutil.copy2(source, STAGE / name)


def classify(results: Iterable[tuple[Any, Any]]) -> tuple[Tally, list[str]]:
    """Count cosmic-ray's results (skipped ones are outside the spans)."""
    counts: Counter[str] = Counter()
    survivors: list[str] = []
    for item, result in results:
        outcome = str(getattr(result.worker_outcome, "value", ""))
        verdict = str(getattr(result.test_outcome, "value", ""))
        if outcome == "skipped":
            continue
        if verdict == "killed":
            timed_out = result.output == "timeout"
            counts["timeout" if timed_out else "killed"] += 1
        elif verdict == "survived":
            counts["survived"] += 1
            [mutation] = item.mutations
            survivors.append(
                f"{mutation.module_path}:{mutation.start_pos[0]} "
                f"{mutation.operator_name} #{mutation.occurrence}\n"
                f"{result.diff or ''}"
            )
        else:
            counts["other"] += 1
    tally = Tally(
        "cosmic-ray",
        counts["killed"],
        counts["timeout"],
        counts["survived"],
        counts["other"],
    )
    return tally, survivors


def run_cosmic_ray(
    part: str,
    whole: Iterable[str],
    settings: dict[str, Any],
    copy: list[str],
    pytest_args: list[str],
) -> tuple[Tally, list[str]]:
    from cosmic_ray.work_db import WorkDB, use_db

    tally, survivors = Tally("cosmic-ray"), list[str]()
    found = sessions(part, whole)
    if not found:
        return tally, survivors
    stage(copy)
    env = dict(os.environ, PYTHONPATH=str((STAGE / "src").resolve()))
    bin_dir = Path(sys.executable).parent
    for session in found:
        name = session.module.replace("/", "-").removesuffix(".py")
        (STAGE / f"{name}.toml").write_text(
            cosmic_ray_config(session, settings, pytest_args),
            encoding="utf-8",
        )
        cfg, db = f"{name}.toml", f"{name}.sqlite"
        steps = [
            [str(bin_dir / "cosmic-ray"), "init", cfg, db],
            [str(bin_dir / "cr-filter-lines"), "--config", cfg, db],
            [str(bin_dir / "cosmic-ray"), "baseline", cfg],
            [str(bin_dir / "cosmic-ray"), "exec", cfg, db],
        ]
        print(f"cosmic-ray: {session.module} with {' '.join(session.tests)}")
        for step in steps:
            subprocess.run(step, cwd=STAGE, env=env, check=True)
        with use_db(str(STAGE / db), WorkDB.Mode.open) as work_db:
            counted, lost = classify(work_db.completed_work_items)
        print(counted.line())
        tally += counted
        survivors += lost
    return tally, survivors


def summary(
    mutmut: Tally, cosmic: Tally, whole: dict[str, str] | None = None
) -> list[str]:
    both = replace(mutmut + cosmic, tool="both")
    moved = [
        f"given to cosmic-ray whole, left alone by mutmut: {path}: {why}"
        for path, why in (whole or {}).items()
    ]
    return [
        mutmut.line() + " (functions without decorators)",
        cosmic.line()
        + " (decorated functions: endpoints, dependencies, lifespans...)",
        both.line(),
        EXCLUDED,
        *moved,
    ]


def main(argv: list[str]) -> int:
    """``python -m bookkit.mutants [PART [mutmut names...]]``."""
    part, names = (argv[0], argv[1:]) if argv else ("", [])
    with open("pyproject.toml", "rb") as handle:
        tools = tomllib.load(handle)["tool"]
    mutmut_config, settings = tools["mutmut"], tools["cosmic-ray"]
    whole = within(part, tools["bookkit"]["mutants"]["cosmic-ray-only"])
    mutmut = run_mutmut(part, names, whole)
    copy = [*mutmut_config["source_paths"], *mutmut_config["also_copy"]]
    pytest_args = list(mutmut_config["pytest_add_cli_args"])
    cosmic, survivors = run_cosmic_ray(
        part, whole, settings, copy, pytest_args
    )
    for survivor in survivors:
        print("cosmic-ray survivor:", survivor)
    print("\n".join(summary(mutmut, cosmic, whole)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
