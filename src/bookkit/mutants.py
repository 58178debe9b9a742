"""``make mutants PART=...``: mutation testing of one part's examples.

mutmut 3 reads its settings from ``[tool.mutmut]`` in pyproject.toml only.
This driver narrows two of them to one part of the book before mutmut
starts: the files it mutates (``src/examples/<part>``) and the tests it
runs (``tests/<part>``). Without a part, all of ``src/examples`` is
mutated and all of ``tests`` runs. It then prints mutmut's results and
the score (killed / all mutants).
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

from mutmut import configuration


def narrow(part: str) -> None:
    """Make mutmut's configuration reader answer for ``part``."""
    original = configuration._config_reader
    where = f"/{part}" if part else ""

    def reader() -> Callable[[str, Any], Any]:
        read = original()

        def narrowed(key: str, default: Any) -> Any:
            if key == "only_mutate":
                return [f"src/examples{where}/*"]
            if key == "pytest_add_cli_args_test_selection":
                return [f"tests{where}"]
            return read(key, default)

        return narrowed

    configuration._config_reader = reader


def main(argv: list[str]) -> int:
    part = argv[0] if argv else ""
    narrow(part)
    from mutmut.__main__ import cli

    cli(["run"], standalone_mode=False)
    listing = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    states = Counter(line.rsplit(" ", 1)[-1] for line in listing.splitlines())
    total = sum(states.values())
    killed = states["killed"] + states["timeout"]
    print(
        f"mutants {total}: killed {states['killed']}, timeout "
        f"{states['timeout']}, survived {states['survived']}, other "
        f"{total - killed - states['survived']}; score "
        f"{killed}/{total} = {100 * killed / max(total, 1):.1f}%"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
