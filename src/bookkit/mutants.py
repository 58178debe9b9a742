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
  chapter directory, each running that chapter's tests.

Without a part, all of ``src/examples`` is mutated and all of ``tests``
runs. The summary gives both tools' counts, the score of each and of
both together, and what neither mutates.
"""

from __future__ import annotations

import ast
import os
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


def deselected(part: str, reasons: dict[str, str]) -> dict[str, str]:
    """The tests of ``part`` that mutmut's runs leave out, with why."""
    where = f"tests/{part}/" if part else "tests/"
    return {
        test: why for test, why in reasons.items() if test.startswith(where)
    }


def narrow(part: str, deselect: Iterable[str] = ()) -> None:
    """Make mutmut's configuration reader answer for ``part``."""
    from mutmut import configuration

    original = configuration._config_reader
    where = f"/{part}" if part else ""
    leave_out = [arg for test in deselect for arg in ("--deselect", test)]

    def reader() -> Callable[[str, Any], Any]:
        read = original()

        def narrowed(key: str, default: Any) -> Any:
            if key == "only_mutate":
                return [f"src/examples{where}/*"]
            if key == "pytest_add_cli_args_test_selection":
                return [f"tests{where}", *leave_out]
            return read(key, default)

        return narrowed

    configuration._config_reader = reader


def run_mutmut(part: str, names: list[str], deselect: Iterable[str]) -> Tally:
    narrow(part, deselect)
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


def decorated_spans(source: str) -> list[tuple[int, int]]:
    """The lines (first decorator to last line) of the functions mutmut
    skips: decorated ones, except those whose one decorator is
    ``@staticmethod`` or ``@classmethod``. A span nested in another is
    left out, since the outer one holds it."""
    spans: list[tuple[int, int]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef
            ) and not _mutmut_mutates(child):
                first = child.decorator_list[0].lineno
                spans.append((first, child.end_lineno or child.lineno))
            else:
                visit(child)

    visit(ast.parse(source))
    return sorted(spans)


def _excluded(path: Path) -> bool:
    return "mypy_cases" in path.parts


def sessions(part: str) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """Group the part's decorated spans by chapter: ``{chapter directory
    (or the part's, if the chapter has no tests of its own): {file
    relative to it: spans}}``."""
    found: dict[str, dict[str, list[tuple[int, int]]]] = {}
    base = Path("src/examples", part) if part else Path("src/examples")
    for path in sorted(base.rglob("*.py")):
        if _excluded(path):
            continue
        spans = decorated_spans(path.read_text(encoding="utf-8"))
        if not spans:
            continue
        inner = path.relative_to("src/examples").parts
        module_dir = Path("src/examples", *inner[:1])
        if len(inner) > 2 and Path("tests", *inner[:2]).is_dir():
            module_dir = Path("src/examples", *inner[:2])
        rel = path.relative_to(module_dir).as_posix()
        found.setdefault(module_dir.as_posix(), {})[rel] = spans
    return found


def tests_for(module_dir: str) -> str:
    """``src/examples/runtime/cpython`` is tested by tests/runtime/cpython."""
    return Path("tests", *Path(module_dir).parts[2:]).as_posix()


def cosmic_ray_config(
    module_dir: str,
    lines: dict[str, list[tuple[int, int]]],
    settings: dict[str, Any],
    pytest_args: list[str],
) -> str:
    """One session's config: cosmic-ray reads a ``[cosmic-ray]`` table."""
    command = [sys.executable, "-m", "pytest", "-x", *pytest_args]
    config: dict[str, Any] = {
        "module-path": module_dir,
        "timeout": float(settings.get("timeout", 120)),
        "excluded-modules": ["**/mypy_cases/**"],
        "test-command": " ".join([*command, tests_for(module_dir)]),
        "distributor": {"name": "local"},
        "filters": {
            "line-filter": {
                "lines": {
                    name: [f"{a}-{b}" for a, b in spans]
                    for name, spans in lines.items()
                }
            }
        },
    }
    return _toml({"cosmic-ray": config})


def _toml(table: dict[str, Any], prefix: str = "") -> str:
    """A small TOML writer for the config above (str, float, list,
    table); tomllib reads TOML but cannot write it."""
    out: list[str] = []
    subtables: list[tuple[str, dict[str, Any]]] = []
    for key, value in table.items():
        name = f'"{key}"' if "/" in key or "." in key else key
        if isinstance(value, dict):
            subtables.append((f"{prefix}{name}", value))
        elif isinstance(value, list):
            out.append(f"{name} = [{', '.join(map(_value, value))}]")
        else:
            out.append(f"{name} = {_value(value)}")
    text = "\n".join(out) + "\n" if out else ""
    for name, value in subtables:
        text += f"\n[{name}]\n" + _toml(value, f"{name}.")
    return text


def _value(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


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
    settings: dict[str, Any],
    copy: list[str],
    pytest_args: list[str],
) -> tuple[Tally, list[str]]:
    from cosmic_ray.work_db import WorkDB, use_db

    tally, survivors = Tally("cosmic-ray"), list[str]()
    groups = sessions(part)
    if not groups:
        return tally, survivors
    stage(copy)
    env = dict(os.environ, PYTHONPATH=str((STAGE / "src").resolve()))
    bin_dir = Path(sys.executable).parent
    for module_dir, lines in groups.items():
        name = module_dir.replace("/", "-")
        config = STAGE / f"{name}.toml"
        config.write_text(
            cosmic_ray_config(module_dir, lines, settings, pytest_args),
            encoding="utf-8",
        )
        db = STAGE / f"{name}.sqlite"
        cfg, session = config.name, db.name
        steps = [
            [str(bin_dir / "cosmic-ray"), "init", cfg, session],
            [str(bin_dir / "cr-filter-lines"), "--config", cfg, session],
            [str(bin_dir / "cosmic-ray"), "baseline", cfg],
            [str(bin_dir / "cosmic-ray"), "exec", cfg, session],
        ]
        print(f"cosmic-ray: {module_dir} with {tests_for(module_dir)}")
        for step in steps:
            subprocess.run(step, cwd=STAGE, env=env, check=True)
        with use_db(str(db), WorkDB.Mode.open) as work_db:
            counted, found = classify(work_db.completed_work_items)
        tally += counted
        survivors += found
    return tally, survivors


def summary(
    mutmut: Tally, cosmic: Tally, deselect: dict[str, str] | None = None
) -> list[str]:
    both = replace(mutmut + cosmic, tool="both")
    left_out = [
        f"left out of mutmut's test runs: {test}: {why}"
        for test, why in (deselect or {}).items()
    ]
    return [
        mutmut.line() + " (functions without decorators)",
        cosmic.line()
        + " (decorated functions: endpoints, dependencies, lifespans...)",
        both.line(),
        EXCLUDED,
        *left_out,
    ]


def main(argv: list[str]) -> int:
    """``python -m bookkit.mutants [PART [mutmut names...]]``."""
    part, names = (argv[0], argv[1:]) if argv else ("", [])
    with open("pyproject.toml", "rb") as handle:
        tools = tomllib.load(handle)["tool"]
    mutmut_config, settings = tools["mutmut"], tools["cosmic-ray"]
    reasons = tools["bookkit"]["mutants"]["mutmut-deselect"]
    deselect = deselected(part, reasons)
    mutmut = run_mutmut(part, names, deselect)
    copy = [*mutmut_config["source_paths"], *mutmut_config["also_copy"]]
    pytest_args = list(mutmut_config["pytest_add_cli_args"])
    cosmic, survivors = run_cosmic_ray(part, settings, copy, pytest_args)
    for survivor in survivors:
        print("cosmic-ray survivor:", survivor)
    print("\n".join(summary(mutmut, cosmic, deselect)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
