"""Run mypy or pyright on a listing and show what it reports.

The chapters of Part III prove every "the type checker rejects this" with
this module: it runs ``mypy --strict`` or pyright in strict mode on a
listing in a fresh process and prints the diagnostics, wrapped to the width
of the page.
"""

import dataclasses
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any, Literal, cast

#: The folder of Part III's examples; listings are named relative to it.
PART = Path(__file__).resolve().parent
#: The project root, where mypy finds the project's configuration.
ROOT = PART.parents[2]

_DIAGNOSTIC = re.compile(
    r"(?P<path>[^:]+):(?P<line>\d+): (?P<severity>error|note): "
    r"(?P<message>.*?)(?:  \[(?P<code>[a-z-]+)\])?"
)


@dataclasses.dataclass(frozen=True)
class Diagnostic:
    """One diagnostic of a checker's report (pyright's code is its rule)."""

    file: str
    line: int
    severity: str
    message: str
    code: str | None = None

    def __str__(self) -> str:
        code = f" [{self.code}]" if self.code else ""
        head = f"{self.file}:{self.line}: {self.severity}{code}"
        return f"{head}\n{_wrap(self.message, '    ')}"

    def as_continuation(self) -> str:
        """A note printed under the diagnostic it explains."""
        return _wrap(self.message, "    note: ")


def _wrap(message: str, prefix: str) -> str:
    """``message`` after ``prefix``, each line keeping its leading spaces.

    A URL is never broken, since it would not work when copied from the
    page; one too long for a line loses its ``#fragment``, keeping the page.
    """
    lines: list[str] = []
    for line in message.splitlines():
        text = line.lstrip(" ")
        indent = " " * (len(line) - len(text))
        room = 79 - len(prefix) - len(indent)
        text = " ".join(
            word.split("#")[0]
            if word.startswith("https://") and len(word) > room
            else word
            for word in text.split(" ")
        )
        lines.append(
            textwrap.fill(
                text,
                width=79,
                initial_indent=prefix + indent,
                subsequent_indent=" " * len(prefix) + indent,
                break_on_hyphens=False,
                break_long_words=False,
            )
        )
        prefix = " " * len(prefix)
    return "\n".join(lines)


def run_mypy(*listings: str, python_version: str = "3.11") -> list[Diagnostic]:
    """Type-check listings (paths relative to :data:`PART`) with mypy."""
    # [command]
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--show-error-codes",
        "--no-error-summary",
        f"--python-version={python_version}",
        *(str((PART / name).relative_to(ROOT)) for name in listings),
    ]
    # [end command]
    result = subprocess.run(  # noqa: S603 - runs this interpreter's mypy
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode not in (0, 1) or result.stderr:
        raise RuntimeError(f"mypy failed:\n{result.stdout}{result.stderr}")
    diagnostics: list[Diagnostic] = []
    for text in result.stdout.splitlines():
        match = _DIAGNOSTIC.fullmatch(text)
        if match is None:
            raise RuntimeError(f"unexpected mypy output: {text!r}")
        diagnostics.append(
            Diagnostic(
                Path(match["path"]).name,
                int(match["line"]),
                match["severity"],
                match["message"],
                match["code"],
            )
        )
    return _resolved(diagnostics, "import-not-found")


def _resolved(diagnostics: list[Diagnostic], rule: str) -> list[Diagnostic]:
    """``diagnostics``, unless the checker could not import a module.

    A listing's verdict read without its imports would be another
    listing's: the checker would take every imported name as unknown.
    """
    for diagnostic in diagnostics:
        if diagnostic.code == rule:
            raise RuntimeError(f"the checker cannot import:\n{diagnostic}")
    return diagnostics


#: pyright's settings for a listing: strict mode, as mypy's ``--strict``.
PYRIGHT_CONFIG = {"typeCheckingMode": "strict"}


def run_pyright(
    *listings: str, python_version: str = "3.11"
) -> list[Diagnostic]:
    """Type-check listings (paths relative to :data:`PART`) with pyright.

    The project's own pyright configuration leaves the ``mypy_cases`` out,
    so the listings are checked with :data:`PYRIGHT_CONFIG` alone, against
    the packages of this interpreter. Lines are counted from 1, as mypy's.
    """
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "pyrightconfig.json"
        config.write_text(json.dumps(PYRIGHT_CONFIG))
        # [pyright command]
        command = [
            sys.executable,
            "-m",
            "pyright",
            "--outputjson",
            f"--project={config}",
            f"--pythonpath={sys.executable}",
            f"--pythonversion={python_version}",
            *(str(PART / name) for name in listings),
        ]
        # [end pyright command]
        # The PyPI wrapper asks PyPI for a newer release unless told not to.
        environment = {**os.environ, "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1"}
        result = subprocess.run(  # noqa: S603 - runs this interpreter's pyright
            command,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            env=environment,
        )
    try:
        decoded: object = json.loads(result.stdout)
    except json.JSONDecodeError:
        decoded = None
    if result.returncode not in (0, 1) or not isinstance(decoded, dict):
        raise RuntimeError(f"pyright failed:\n{result.stdout}{result.stderr}")
    report = cast("dict[str, Any]", decoded)  # pyright's --outputjson
    if report["summary"]["filesAnalyzed"] != len(listings):
        raise RuntimeError(f"pyright did not analyze {listings}")
    diagnostics = [
        Diagnostic(
            Path(item["file"]).name,
            item["range"]["start"]["line"] + 1,
            item["severity"],
            # pyright indents its continuation lines with no-break spaces.
            item["message"].replace("\N{NO-BREAK SPACE}", " "),
            item.get("rule"),
        )
        for item in report["generalDiagnostics"]
    ]
    return _resolved(diagnostics, "reportMissingImports")


def check(
    *listings: str,
    python_version: str = "3.11",
    checker: Literal["mypy", "pyright"] = "mypy",
    line: int | None = None,
) -> None:
    """Print a checker's diagnostics for listings, or that it found none.

    A note that explains the diagnostic before it, on the same line of the
    same file, is printed under it. With ``line``, only that line's
    diagnostics are printed.
    """
    run = run_mypy if checker == "mypy" else run_pyright
    diagnostics = [
        diagnostic
        for diagnostic in run(*listings, python_version=python_version)
        if line is None or diagnostic.line == line
    ]
    previous = None
    for diagnostic in diagnostics:
        place = (diagnostic.file, diagnostic.line)
        if diagnostic.severity == "note" and place == previous:
            print(diagnostic.as_continuation())
        else:
            print(diagnostic)
        previous = place
    if not diagnostics:
        where = "" if line is None else f" on line {line}"
        print(f"{checker}: no issues found{where}")
