"""The handouts: one standalone PDF for the foreword and for each part.

The list is read from the book's own structure (the root toctree of
``book/index.md``), so a new part gets a handout without any other change.
``conf.py`` turns it into ``latex_documents`` when Sphinx runs with
``-t handouts``; ``python -m bookkit.handouts`` prints the LaTeX names for
the Makefile.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from bookkit.listings import BOOK

_TOCTREE = re.compile(r"^```\{toctree\}\n(?P<body>.*?)^```", re.M | re.S)


def title_of(docname: str, book: Path = BOOK) -> str:
    """The first heading of a chapter file: the handout's title."""
    text = (book / f"{docname}.md").read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", text, re.M)
    if match is None:
        raise ValueError(f"book/{docname}.md has no '# ' title")
    return match[1].strip()


#: Root toctree entries that are back matter, not course material.
BACK_MATTER = frozenset({"edition"})


def starts(book: Path = BOOK) -> list[str]:
    """The documents that start a handout: the root toctree's entries."""
    match = _TOCTREE.search((book / "index.md").read_text(encoding="utf-8"))
    if match is None:
        raise ValueError("book/index.md has no toctree")
    return [
        line.strip()
        for line in match["body"].splitlines()
        if line.strip()
        and not line.lstrip().startswith(":")
        and line.strip() not in BACK_MATTER
    ]


def target(docname: str) -> str:
    """``runtime/index`` -> ``handout-runtime``; ``foreword`` -> itself."""
    return "handout-" + docname.removesuffix("/index").replace("/", "-")


def latex_documents(author: str) -> list[tuple[str, str, str, str, str]]:
    """Sphinx ``latex_documents`` entries, one per handout."""
    return [
        (doc, f"{target(doc)}.tex", title_of(doc), author, "manual")
        for doc in starts()
    ]


if __name__ == "__main__":
    sys.stdout.write(" ".join(target(doc) for doc in starts()) + "\n")
