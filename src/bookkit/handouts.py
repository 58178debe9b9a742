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


def start_of(docname: str, book: Path = BOOK) -> str | None:
    """The handout a document is printed in: its part's index, or itself
    (the foreword); ``None`` for back matter (the edition page)."""
    for start in starts(book):
        folder = start.removesuffix("index")
        if docname == start or (
            folder.endswith("/") and docname.startswith(folder)
        ):
            return start
    return None


def part_name(start: str, book: Path = BOOK) -> str:
    """``oop/index`` -> ``Part II``; the foreword -> ``the foreword``."""
    title = title_of(start, book)
    if start.endswith("/index"):
        return title.split(":")[0].strip()
    return "the foreword"


def outside_reference(
    target: str, section: str | None, book: Path = BOOK
) -> str:
    """How a handout names a place in a document it does not contain:
    ``see Part II of the book, section “1.2.3 Composition”`` (curly
    quotes, as the book's text has: print review R9)."""
    start = start_of(target, book)
    if start is None:
        return (
            f"see the book\u2019s page “{section or title_of(target, book)}”"
        )
    if not start.endswith("/index"):
        where = "see the book\u2019s foreword"
        return f"{where}, section “{section}”" if section else where
    where = f"see {part_name(start, book)} of the book"
    if target == start and not section:
        return where
    return f"{where}, section “{section or title_of(target, book)}”"


_CHECK = re.compile(r"make exercise-check EXERCISE=(?P<id>[\d.]+-\d+)")


def chapters_of(start: str, book: Path = BOOK) -> list[str]:
    """The chapters a part's handout prints, in order (none: the foreword)."""
    if not start.endswith("/index"):
        return []
    folder = start.removesuffix("index")
    match = _TOCTREE.search((book / f"{start}.md").read_text(encoding="utf-8"))
    if match is None:
        return []
    return [
        folder + line.strip()
        for line in match["body"].splitlines()
        if line.strip() and not line.lstrip().startswith(":")
    ]


def example_check(start: str, book: Path = BOOK) -> str | None:
    """The first exercise number a chapter of this handout tells students
    to check (``1.1.1-3``), for the "How to read this handout" box."""
    for chapter in chapters_of(start, book):
        path = book / f"{chapter}.exercises.md"
        if path.is_file() and (
            found := _CHECK.search(path.read_text("utf-8"))
        ):
            return found["id"]
    return None


def how_to_read(start: str, edition: str, book: Path = BOOK) -> list[str]:
    """The points of a handout's "How to read this handout" box: plain
    text in which ````code```` marks literal text; a line after the first
    is a command, printed on a line of its own."""
    first, last = policy.SUPPORTED[0], policy.SUPPORTED[-1]
    versions = f"CPython {first[0]}.{first[1]} to {last[0]}.{last[1]}"
    chapters = chapters_of(start, book)
    if chapters:
        numbers = [title_of(c, book).split()[0] for c in chapters]
        what = (
            f"What is in it: chapters {', '.join(numbers)} of the book, each "
            "ending with its exercises and a key-points box. "
        )
        what += (
            "This student edition prints the exercises without their "
            "solutions."
            if edition == "student"
            else "This instructor edition prints each exercise's worked "
            "solution under it, and each chapter's teaching notes."
        )
    else:
        what = (
            "What is in it: the book's foreword, which shows once, running, "
            "each use FastAPI makes of Python that the parts explain; it has "
            "no exercises (each chapter of the parts ends with them)."
        )
    points = [
        what,
        "Listings: the book's build runs every listing, and the back of the "
        "title page says on which interpreters this copy's were verified. After a ``>>>`` "
        'prompt come the lines the run printed. A label such as "Python '
        '3.14 and later" says which versions an output is shown for; an '
        "unlabelled listing's output holds on every version the book "
        f"covers, {versions}.",
    ]
    folder = start.removesuffix("/index")
    code = (
        f"Code: the modules the listings show are in ``src/examples/"
        f"{folder}/`` of the book's source repository"
    )
    check = example_check(start, book)
    if check is None:
        points.append(code + ".")
        return points
    points.append(
        code + "; an exercise's starter file is in ``src/examples/"
        f"{folder}/<chapter>/exercises/starters/``."
    )
    points.append(
        "Checks: exercise numbers name the chapter (1.1.2-3 is chapter "
        "1.1.2's third exercise). To check your answer to a write-the-code "
        "exercise, copy its starter to a file of your own, fill it in, and "
        "run, from the repository (without ``ATTEMPT=`` the checks run on "
        "the book's solution):"
        f"\nmake exercise-check EXERCISE={check} ATTEMPT=my_answer.py"
    )
    return points


if __name__ == "__main__":
    chosen = sys.argv[1] if len(sys.argv) > 1 else "student"
    sys.stdout.write(" ".join(target(doc, chosen) for doc in starts()) + "\n")
