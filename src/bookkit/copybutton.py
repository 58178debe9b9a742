"""Copy buttons that copy a doctest so that a fresh interpreter runs it.

sphinx-copybutton 0.5.2 filters a block line by line with one regular
expression (``copybutton_prompt_text``), which cannot tell the bare
``...`` inside a class body (it must go: the classic REPL ends the block
at an empty line) from the bare ``...`` that closes the block (it must
stay: without it the next statement is a ``SyntaxError``).  Its page script
inlines the filter function from the template context
(``copybutton_format_func``); this extension puts a doctest-aware
``formatCopyText`` there (``copybutton_doctest.js``), which hands every
other block to sphinx-copybutton's own function.  Checked in Chromium by
``tests/tooling/test_browser.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import sphinx_copybutton  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

DOCTEST_JS = Path(__file__).with_name("copybutton_doctest.js")
COPYBUTTON_FUNCS = (
    Path(sphinx_copybutton.__file__).parent / "_static" / "copybutton_funcs.js"
)


def format_function() -> str:
    """sphinx-copybutton's functions, its formatter renamed, then ours."""
    theirs = COPYBUTTON_FUNCS.read_text(encoding="utf-8")
    theirs, renamed = re.subn(
        r"^export function formatCopyText\(",
        "function copybuttonFormatCopyText(",
        theirs,
        flags=re.MULTILINE,
    )
    if renamed != 1:  # a new sphinx-copybutton: look before trusting it
        raise RuntimeError(f"formatCopyText not found in {COPYBUTTON_FUNCS}")
    theirs = theirs.replace("export function", "function")
    return theirs + "\n" + DOCTEST_JS.read_text(encoding="utf-8")


def _use_doctest_format(app: Sphinx, config: Any) -> None:
    config.html_context["copybutton_format_func"] = format_function()


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_copybutton")
    # After sphinx_copybutton's own config-inited handler, which sets it.
    app.connect("config-inited", _use_doctest_format, priority=900)
    return {
        "version": "1",
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
