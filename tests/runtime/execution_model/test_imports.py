"""Claims of the chapter about imports that no listing shows running."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def on_path(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in ("book_flaky_module", "book_lazy_module"):
        sys.modules.pop(name, None)


def test_a_failed_import_is_not_cached_and_runs_again(on_path: Path) -> None:
    log = on_path / "log.txt"
    (on_path / "book_flaky_module.py").write_text(
        "from pathlib import Path\n"
        f"log = Path({str(log)!r})\n"
        "log.write_text(log.read_text() + 'ran ' if log.exists() else 'ran ')\n"
        "if log.read_text().count('ran') == 1:\n"
        "    raise RuntimeError('first import fails')\n"
    )
    with pytest.raises(RuntimeError, match="first import fails"):
        importlib.import_module("book_flaky_module")
    assert "book_flaky_module" not in sys.modules
    importlib.import_module("book_flaky_module")
    assert log.read_text() == "ran ran "


def test_lazy_modules_variable(on_path: Path) -> None:
    # `__lazy_modules__` makes the import lazy on 3.15 and is an ordinary
    # variable before: the module imports the same way on every version.
    (on_path / "book_lazy_module.py").write_text(
        "__lazy_modules__ = ['colorsys']\n"
        "import sys\n"
        "import colorsys\n"
        "LOADED = 'colorsys' in sys.modules\n"
    )
    script = (
        f"import sys; sys.path.insert(0, {str(on_path)!r})\n"
        "import book_lazy_module as m\n"
        "print(m.LOADED)\n"
        "print(m.colorsys.rgb_to_hsv(1.0, 0.0, 0.0))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = "False" if sys.version_info >= (3, 15) else "True"
    assert result.stdout.splitlines() == [loaded, "(0.0, 1.0, 1.0)"]


LAZY_ALLOWED = {
    "module level": "lazy import json\n",
    "if block": "if True:\n    lazy import json\n",
    "with block": "with open(__file__):\n    lazy import json\n",
}
LAZY_REFUSED = {
    "function": "def f():\n    lazy import json\n",
    "class body": "class C:\n    lazy import json\n",
    "try block": "try:\n    lazy import json\nexcept ImportError:\n    pass\n",
    "star import": "lazy from json import *\n",
}


@pytest.mark.parametrize("source", LAZY_ALLOWED.values(), ids=LAZY_ALLOWED)
def test_lazy_import_compiles_at_module_level(source: str) -> None:
    if sys.version_info >= (3, 15):
        compile(source, "<lazy>", "exec")
    else:
        with pytest.raises(SyntaxError):
            compile(source, "<lazy>", "exec")


@pytest.mark.parametrize("source", LAZY_REFUSED.values(), ids=LAZY_REFUSED)
def test_lazy_import_is_refused_elsewhere(source: str) -> None:
    with pytest.raises(SyntaxError) as caught:
        compile(source, "<lazy>", "exec")
    if sys.version_info >= (3, 15):
        assert "lazy" in str(caught.value.msg)


def test_a_script_puts_its_own_folder_first_on_sys_path(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "app"
    folder.mkdir()
    (folder / "main.py").write_text("import sys\nprint(sys.path[0])\n")
    result = subprocess.run(
        [sys.executable, str(folder / "main.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(result.stdout.strip()) == folder
