"""Run mypy on a listing and show what it reports.

The chapters of Part III prove every "the type checker rejects this" with
this module: it runs ``mypy --strict`` on a listing in a fresh process and
prints the diagnostics, wrapped to the width of the page.
"""

import dataclasses
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

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
    """One line of mypy's report."""

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
    """``message`` after ``prefix``, keeping its own leading spaces."""
    text = message.lstrip(" ")
    indent = " " * (len(message) - len(text))
    return textwrap.fill(
        text,
        width=79,
        initial_indent=prefix + indent,
        subsequent_indent=" " * len(prefix) + indent,
        break_on_hyphens=False,
    )


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
        "--no-incremental",
        f"--cache-dir={os.devnull}",
        f"--python-version={python_version}",
        *(str((PART / name).relative_to(ROOT)) for name in listings),
    ]
    # [end command]
    result = subprocess.run(  # noqa: S603 - runs this interpreter's mypy
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode not in (0, 1) or result.stderr:
        raise RuntimeError(f"mypy failed:\n{result.stdout}{result.stderr}")
    diagnostics = []
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
    return diagnostics


def check(*listings: str, python_version: str = "3.11") -> None:
    """Print mypy's diagnostics for listings, or that it found none.

    A note that explains the diagnostic before it, on the same line of the
    same file, is printed under it.
    """
    diagnostics = run_mypy(*listings, python_version=python_version)
    previous = None
    for diagnostic in diagnostics:
        place = (diagnostic.file, diagnostic.line)
        if diagnostic.severity == "note" and place == previous:
            print(diagnostic.as_continuation())
        else:
            print(diagnostic)
        previous = place
    if not diagnostics:
        print("mypy: no issues found")
