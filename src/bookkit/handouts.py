"""The handouts: one standalone PDF for the foreword and for each part.

The list is read from the book's own structure (the root toctree of
``book/index.md``), so a new part gets a handout without any other change.
``conf.py`` turns it into ``latex_documents`` when Sphinx runs with
``-t handouts``; ``python -m bookkit.handouts EDITION`` prints the LaTeX
names for the Makefile.

Each handout comes in two editions from the same source (``EDITIONS``):
the *student* edition (``-t handouts -t student``) prints the exercises
without their solutions; the *instructor* edition (``-t handouts -t
instructor``) prints every solution and the chapters' teaching notes
(``{only} instructor`` blocks).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from bookkit import policy
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


#: The editions of every handout: what each prints beyond the chapters.
EDITIONS = {
    "student": "exercises without solutions",
    "instructor": "exercises with solutions, and teaching notes",
}


def edition_of(has_tag: Callable[[str], bool]) -> str:
    """The edition Sphinx's tags ask for: ``-t instructor``, else student."""
    return "instructor" if has_tag("instructor") else "student"


def target(docname: str, edition: str | None = None) -> str:
    """``runtime/index`` -> ``handout-runtime-student``; no edition, no
    suffix (``foreword`` -> ``handout-foreword``)."""
    name = "handout-" + docname.removesuffix("/index").replace("/", "-")
    return name if edition is None else f"{name}-{edition}"


def latex_documents(
    author: str, edition: str = "student"
) -> list[tuple[str, str, str, str, str]]:
    """Sphinx ``latex_documents`` entries, one per handout of ``edition``."""
    if edition not in EDITIONS:
        raise ValueError(f"no handout edition {edition!r}")
    return [
        (
            doc,
            f"{target(doc, edition)}.tex",
            f"{title_of(doc)} ({edition} edition)",
            author,
            "manual",
        )
        for doc in starts()
    ]


#: The licence every handout states on its title page.
LICENCE = "Licence: CC BY-SA 4.0 (creativecommons.org/licenses/by-sa/4.0)"


def stamp(editions_dir: Path) -> str:
    """One line saying which Pythons ``make editions`` verified it on."""
    verified, dates = [], set()
    for major, minor in policy.SUPPORTED:
        path = editions_dir / f"{major}.{minor}.json"
        if not path.is_file():
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("status") == "verified" and record.get("python"):
            verified.append(str(record["python"]).split()[0])
            dates.add(str(record["date"]))
    if not verified:
        return (
            "Unverified: no make editions results existed when it was built."
        )
    return (
        f"Verified on CPython {', '.join(verified)}"
        f" ({' and '.join(sorted(dates))})."
    )


def title_page_author(project: str, author: str, editions_dir: Path) -> str:
    """The author field of a handout's title page: book, licence, stamp.

    Sphinx sets it in a one-column tabular, so ``\\cr`` ends a line
    (Sphinx rewrites a double backslash); the PDF's metadata gets the
    plain ``author``.
    """
    shown = (
        rf"\emph{{{project}}}\cr\normalsize {author}\cr"
        rf"\small {LICENCE}\cr\small {stamp(editions_dir)}"
    )
    return rf"\texorpdfstring{{{shown}}}{{{author}}}"


if __name__ == "__main__":
    chosen = sys.argv[1] if len(sys.argv) > 1 else "student"
    sys.stdout.write(" ".join(target(doc, chosen) for doc in starts()) + "\n")
