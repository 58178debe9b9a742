"""The handouts' two editions: the student's has no solutions.

Built once per session by ``make handouts`` (slow: eight PDFs).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdf
import pytest
from sphinx.util import docname_join

from bookkit import edition as book_edition
from bookkit import frontmatter, handouts, latex
from bookkit.listings import BOOK
from bookkit.sphinxext import SOLUTIONS_TITLE
from tests.tooling.test_outputs import outline, pdf_text
from tests.tooling.test_pdf import JUSTIFIED_HOLE_OPENERS

pytestmark = pytest.mark.slow

_SOLUTION = re.compile(r"^(`{5,})\{solution\}.*?^\1$", re.M | re.S)
_DOCTEST = re.compile(r"^```\{doctest\}\n(.*?)^```$", re.M | re.S)


def exercise_files(doc: str) -> list[Path]:
    """The exercise files of the chapters in handout ``doc``."""
    part = doc.removesuffix("/index")
    return sorted((BOOK / part).glob("*.exercises.md")) if "/" in doc else []


def outside_solutions() -> str:
    """The book's text with every solution cut out."""
    return "\n".join(
        _SOLUTION.sub("", p.read_text(encoding="utf-8"))
        for p in sorted(BOOK.rglob("*.md"))
    )


def solution_outputs(path: Path) -> list[str]:
    """Lines that only a solution prints: its doctests' outputs (those
    that the book also prints elsewhere do not count)."""
    elsewhere = outside_solutions()
    found = []
    for solution in _SOLUTION.finditer(path.read_text(encoding="utf-8")):
        for block in _DOCTEST.findall(solution[0]):
            for line in block.splitlines():
                line = line.strip()
                if (
                    len(line) >= 8
                    and not line.startswith((">>>", "...", "Traceback"))
                    and "..." not in line
                    and line not in elsewhere
                ):
                    found.append(line)
    return found


def flat(text: str) -> str:
    return " ".join(text.split())


def handout_pdf(handouts_build: Path, doc: str, edition: str) -> Path:
    """Where ``make handouts`` puts one edition of one part's handout."""
    return handouts_build / "handouts" / f"{handouts.target(doc, edition)}.pdf"


@pytest.fixture(scope="module")
def texts(handouts_build: Path) -> dict[tuple[str, str], str]:
    return {
        (doc, edition): pdf_text(handout_pdf(handouts_build, doc, edition))
        for doc in handouts.starts()
        for edition in handouts.EDITIONS
    }


def test_every_handout_has_a_student_and_an_instructor_edition(
    handouts_build: Path,
) -> None:
    names = sorted(p.name for p in (handouts_build / "handouts").glob("*.pdf"))
    assert names == sorted(
        f"{handouts.target(doc, edition)}.pdf"
        for doc in handouts.starts()
        for edition in handouts.EDITIONS
    )


@pytest.mark.parametrize("doc", handouts.starts())
def test_the_title_page_names_the_edition(
    doc: str, handouts_build: Path
) -> None:
    for edition in handouts.EDITIONS:
        pdf = handout_pdf(handouts_build, doc, edition)
        title_page = flat(pdf_text(pdf, 1, 1))
        assert f"{edition} edition" in title_page
        assert handouts.title_of(doc) in title_page
        # PE16: the edition on a line of its own, never broken across two
        lines = [line.strip() for line in pdf_text(pdf, 1, 1).splitlines()]
        assert f"({edition} edition)" in lines, lines


@pytest.mark.parametrize("doc", handouts.starts())
def test_page_2_gives_the_book_the_licence_and_what_verified_it(
    doc: str, handouts_build: Path
) -> None:
    # Print review QB6: the licence and verification line that conf.py put
    # in each handout's author field were never printed (the title page
    # does not print the author); page 2 states them, as the book's verso
    # does, from the same stamp (bookkit.edition.stamp).
    for edition in handouts.EDITIONS:
        page = flat(pdf_text(handout_pdf(handouts_build, doc, edition), 2, 2))
        assert f"A handout from the book: {handouts.title_of(doc)}" in page
        assert "Creative Commons Attribution-ShareAlike 4.0" in page
        assert re.search(
            r"Verification\. (Draft: the build of this copy ran its doctest "
            r"blocks on CPython 3\.\d+\.\d+|Every listing of this edition "
            r"was verified on CPython 3\.11\.\d+)",
            page,
        ), page


def test_page_2_counts_the_doctest_blocks_of_its_own_handout(
    handouts_build: Path,
) -> None:
    """Print review QB5: a draft handout's verso counts the blocks of the
    chapters it prints, from the build's record, not the whole book's; a
    student handout's, without the solutions it does not print (R6). The
    count is that of the doctest blocks its .tex prints."""
    local = json.loads(
        (handouts_build / "editions" / book_edition.LOCAL).read_text()
    )
    prompt = re.compile(
        r"\\begin\{sphinxVerbatim\}[^\n]*\n\\PYG\{g\+gp\}"
        r"\{\\PYGZgt\{\}\\PYGZgt\{\}\\PYGZgt\{\}"
    )
    for doc in handouts.starts():
        docs = {doc, *handouts.chapters_of(doc)}
        for edition in handouts.EDITIONS:
            counts = book_edition.blocks_of(
                local, docs, solutions=edition == "instructor"
            )
            run = counts["run"]
            assert 0 < run < local["blocks"]["run"], doc
            page = flat(
                pdf_text(handout_pdf(handouts_build, doc, edition), 2, 2)
            )
            assert f"({run} doctest blocks in this handout, " in page, page
            assert f"({local['blocks']['run']} doctest blocks" not in page
            tex = next(
                (handouts_build / "handouts" / edition).glob(
                    f"{handouts.target(doc, edition)}.tex"
                )
            ).read_text(encoding="utf-8")
            printed = len(prompt.findall(tex))
            assert printed == run + counts["skipped"], (doc, edition, printed)


def test_a_handouts_first_page_has_no_empty_running_head(
    handouts_build: Path,
) -> None:
    # Print review PE14: p. 1 (the part's introduction) had a head rule
    # with nothing above it; it has the plain style, a folio only.
    texs = sorted((handouts_build / "handouts").glob("*/*.tex"))
    assert len(texs) == 2 * len(handouts.starts())
    for tex in texs:
        text = tex.read_text(encoding="utf-8")
        contents = text.index("\n" + r"\sphinxtableofcontents") + 1
        assert text.startswith(
            r"\sphinxtableofcontents\markboth{}{}\thispagestyle{plain}",
            contents,
        ), tex.name


@pytest.mark.parametrize("doc", handouts.starts())
def test_only_the_instructor_edition_prints_solutions_and_notes(
    doc: str, texts: dict[tuple[str, str], str]
) -> None:
    student, instructor = texts[doc, "student"], texts[doc, "instructor"]
    outputs = [o for p in exercise_files(doc) for o in solution_outputs(p)]
    chapters = len(exercise_files(doc))
    # The instructor edition is the variant that must show them: it proves
    # that the strings looked for are the ones a solution prints.
    for output in outputs:
        assert output in instructor, output
        assert output not in student, output
    assert student.count("Solution to Exercise") == 0
    assert "Teaching notes" not in student
    assert instructor.count("Teaching notes") == chapters
    assert instructor.count("Solution to Exercise") >= 4 * chapters


@pytest.mark.parametrize("doc", handouts.starts())
def test_both_editions_print_the_exercises_and_key_points(
    doc: str, texts: dict[tuple[str, str], str]
) -> None:
    for path in exercise_files(doc):
        ids = re.findall(r"\{exercise\} (\S+)", path.read_text())
        for edition in handouts.EDITIONS:
            for exercise in ids:
                assert f"Exercise {exercise}. " in flat(texts[doc, edition])
        # Print review QA4: "Exercise (1.2.1-3 Write a repr)" before
        # bookkit.sphinxext.ExerciseTitles.
        assert "Exercise (" not in flat(texts[doc, edition])
    for edition in handouts.EDITIONS:
        assert texts[doc, edition].count("Key points") == len(
            exercise_files(doc)
        )


def pages_of(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``."""
    return pdf_text(pdf).split("\f")[:-1]


def folio(page: str) -> str:
    """The page number printed at the foot of a page."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def start_page(pdf: Path, title: str) -> int:
    """The 0-based page on which the outline entry ``title`` starts."""
    reader = pypdf.PdfReader(pdf)

    def find(items: list[object]) -> int | None:
        for item in items:
            if isinstance(item, list):
                found = find(item)
                if found is not None:
                    return found
            elif (
                isinstance(item, pypdf.generic.Destination)
                and item.title == title
            ):
                return reader.get_destination_page_number(item)
        return None

    page = find(list(reader.outline))
    assert page is not None, f"no outline entry {title!r}"
    return page


def solution_count() -> int:
    return sum(
        len(_SOLUTION.findall(p.read_text(encoding="utf-8")))
        for p in BOOK.glob("*/*.exercises.md")
    )


def test_the_book_pdf_prints_solutions_in_an_appendix(
    book_build: Path,
) -> None:
    pdf = book_build / "latex" / "python-underneath-fastapi.pdf"
    pages = pages_of(pdf)
    first = start_page(pdf, SOLUTIONS_TITLE)
    end = start_page(pdf, "About this edition")
    assert first < end
    body = flat("\n".join(pages[:first]))
    appendix = flat("\n".join(pages[first:end]))
    # No solution in the chapters, every solution in the appendix.
    assert body.count("Solution to Exercise") == 0
    assert appendix.count("Solution to Exercise") == solution_count() > 40
    outputs = [
        o for p in BOOK.glob("*/*.exercises.md") for o in solution_outputs(p)
    ]
    assert outputs
    for output in outputs:
        assert output in appendix, output
        assert output not in body, output
    # Each exercise links to its solution's page, and each solution back
    # to its exercise's page: the page printed holds what it names.
    by_folio = {folio(page): page for page in pages}
    there = re.findall(
        r"Solution in the appendix: Solution to (\S+) \(page (\d+)\)", body
    )
    back = re.findall(r"Back to exercise (\S+) \(page (\d+)\)", appendix)
    assert len(there) == len(back) == solution_count()
    for number, page in there:
        assert int(page) > int(folio(pages[first - 1]))
        assert f"Solution to Exercise {number}. " in flat(by_folio[page])
    titles = re.findall(
        r"Solution to Exercise (\S+)\. .*? \(page (\d+)\)", appendix
    )
    assert len(titles) == solution_count()
    for number, page in back + titles:
        assert f"Exercise {number}. " in flat(by_folio[page]), (number, page)
    # Every link of the PDF resolves (the appendix's too).
    log = book_build / "latex" / "python-underneath-fastapi.log"
    assert latex.check_log(log) == []
    assert "Hyper reference" not in log.read_text(errors="replace")


def test_the_book_html_folds_each_solution_under_its_exercise(
    book_build: Path,
) -> None:
    for path in BOOK.glob("*/*.exercises.md"):
        chapter = (
            path.relative_to(BOOK).as_posix().removesuffix(".exercises.md")
        )
        html = (book_build / "html" / f"{chapter}.html").read_text()
        count = len(_SOLUTION.findall(path.read_text(encoding="utf-8")))
        assert html.count("solution dropdown") == count, chapter
        assert "Exercise (" not in html, chapter
        assert "Solutions to the exercises" not in html


def test_the_book_prints_solutions_but_no_teaching_notes(
    book_build: Path,
) -> None:
    text = pdf_text(book_build / "latex" / "python-underneath-fastapi.pdf")
    assert "Teaching notes" not in text
    assert text.count("Key points") == len(list(BOOK.glob("*/*.exercises.md")))


def test_the_instructor_edition_keeps_each_solution_under_its_exercise(
    texts: dict[tuple[str, str], str],
) -> None:
    for doc in handouts.starts():
        text = flat(texts[doc, "instructor"])
        assert "Solution in the appendix" not in text
        assert SOLUTIONS_TITLE not in text
        for path in exercise_files(doc):
            for number in re.findall(r"\{exercise\} (\S+)", path.read_text()):
                exercise = text.index(f"Exercise {number}. ")
                solution = text.index(f"Solution to Exercise {number}. ")
                assert exercise < solution


# ------------------------------------------------- standing alone


def body(text: str) -> str:
    """The pages' text without each page's first and last line (running
    head and folio), so that a phrase broken across a page break (even a
    word hyphenated there) reads on."""
    kept = []
    for page in text.split("\f"):
        lines = [line for line in page.splitlines() if line.strip()]
        kept.extend(lines[1:-1])
    return "\n".join(kept)


def squash(text: str) -> str:
    """Text without spaces or hyphens: a line break or a hyphenation
    cannot hide a phrase."""
    return re.sub(r"[\s\-\u2010\u2011]+", "", text)


_DOC_REF = re.compile(r"\{doc\}`(?P<text>[^`<]*?)\s*(?:<(?P<target>[^>]*)>)?`")


def outside_references(doc: str) -> list[tuple[str, str]]:
    """(the reference's text, what follows it) for each {doc} reference of
    handout ``doc`` to a document it does not print."""
    included = {doc, *handouts.chapters_of(doc)}
    found = []
    for source in sorted(included):
        for path in [BOOK / f"{source}.md", BOOK / f"{source}.exercises.md"]:
            if not path.is_file():
                continue
            for match in _DOC_REF.finditer(path.read_text(encoding="utf-8")):
                target = match["target"] or match["text"]
                docname = docname_join(source, target)
                if docname in included:
                    continue
                text = (
                    match["text"]
                    if match["target"]
                    else handouts.title_of(docname)
                )
                # A reference whose text is its chapter's title, or holds
                # its number ("chapter 1.3.3"), names only the part: not
                # the chapter twice (print review R9).
                start = handouts.start_of(docname) or docname
                title = handouts.title_of(docname)
                number = re.match(r"\d+(?:\.\d+)+", title)
                named = text == title or bool(number and number[0] in text)
                shown_as = start if named else docname
                found.append(
                    (text, handouts.outside_reference(shown_as, None))
                )
    return found


def test_a_reference_to_a_section_outside_the_handout_names_that_section(
    texts: dict[tuple[str, str], str],
) -> None:
    # The verification review: basic_types.md's {ref} to the foreword's
    # section printed, in the Part III handouts, "the foreword's section
    # Foreword: the Python that FastAPI reads" (its document's title).
    for edition in handouts.EDITIONS:
        text = squash(body(texts["typing_system/index", edition]))
        # The print review of 868f255 (m2): "the foreword's section
        # Examples that are tests (see the book's foreword)" named the
        # foreword twice, and "the Foreword: the Python that FastAPI reads
        # (see the book's foreword) ("yes" to True)" stacked parentheses.
        assert (
            squash(
                "shown in \u201cExamples that are tests\u201d "
                "(see the book\u2019s foreword)"
            )
            in text
        ), edition
        assert squash("in the foreword of the book,") in text, edition
        assert "foreword\u2019s section" not in text
        assert "section Foreword:" not in text


def test_a_reference_to_another_part_names_the_books_part_and_section(
    texts: dict[tuple[str, str], str],
) -> None:
    seen = 0
    for doc in handouts.starts():
        for edition in handouts.EDITIONS:
            text = squash(body(texts[doc, edition]))
            assert "??" not in texts[doc, edition]
            for shown, where in outside_references(doc):
                if where in (
                    f"see {shown} of the book",
                    f"see the book\u2019s {shown}",
                ):
                    expected = f"{shown} of the book"
                else:
                    expected = f"{shown} ({where})"
                assert squash(expected) in text, (doc, edition, expected)
                seen += 1
    # A reference by a chapter's number ("chapter 1.3.3") names the part
    # once; a section's name is tested by the test above.
    assert any(
        re.search(r"\d+\.\d+\.\d+", shown) and where.startswith("see Part")
        for d in handouts.starts()
        for shown, where in outside_references(d)
    )
    assert seen > 10


def test_the_handout_logs_have_no_undefined_reference(
    handouts_build: Path,
) -> None:
    for edition in handouts.EDITIONS:
        for doc in handouts.starts():
            name = handouts.target(doc, edition)
            log = handouts_build / "handouts" / edition / f"{name}.log"
            assert latex.check_log(log) == [], name
            assert "Hyper reference" not in log.read_text(errors="replace")


def test_the_foreword_handout_is_one_chapter_with_sections(
    handouts_build: Path, texts: dict[tuple[str, str], str]
) -> None:
    title = handouts.title_of("foreword")
    for edition in handouts.EDITIONS:
        pdf = (
            handouts_build
            / "handouts"
            / f"{handouts.target('foreword', edition)}.pdf"
        )
        tree = outline(pdf)
        top = [entry for entry in tree if isinstance(entry, str)]
        assert top == [title, "Index"]
        sections = tree[1]
        assert isinstance(sections, list)
        assert "def or async def" in sections
        text = texts["foreword", edition]
        assert "DEF OR ASYNC DEF" not in text
        assert "def or async def" in text


@pytest.mark.parametrize("doc", handouts.starts())
def test_no_heading_is_set_in_upper_case(
    doc: str, texts: dict[tuple[str, str], str]
) -> None:
    for edition in handouts.EDITIONS:
        text = texts[doc, edition]
        for chapter in [doc, *handouts.chapters_of(doc)]:
            title = handouts.title_of(chapter)
            assert title.upper() not in text, title
        assert "CONTENTS" not in text
        # m9: the running heads name chapter and section, not the release
        assert f"Release {frontmatter.RELEASE}" not in text


def first_content_page(pdf: Path) -> str:
    """The page numbered 1: the first after the title page and contents."""
    return flat(next(page for page in pages_of(pdf) if folio(page) == "1"))


@pytest.mark.parametrize("doc", handouts.starts())
def test_the_first_page_says_how_to_read_the_handout(
    doc: str, handouts_build: Path
) -> None:
    for edition in handouts.EDITIONS:
        pdf = handout_pdf(handouts_build, doc, edition)
        page = first_content_page(pdf)
        assert "How to read this handout" in page
        assert f"src/examples/{doc.removesuffix('/index')}/" in page
        # PE7: the verification statement is on the title's verso, whose
        # label is not "2" (printed page 2 is chapter text).
        assert "back of the title page says on which interpreters" in page
        assert "page 2" not in page
        check = handouts.example_check(doc)
        if doc.endswith("/index"):
            assert check is not None
            assert f"make exercise-check EXERCISE={check} ATTEMPT=" in page
            assert f"This {edition} edition" in page
            # M17: the part's introduction does not stand alone on a page
            assert len(page.split()) > 100
        else:
            assert check is None
            assert "no exercises" in page


def test_handout_pages_keep_headings_lead_ins_and_listings_with_no_hole(
    handouts_build: Path,
) -> None:
    # Print review PE1: 18 pages of the student handouts (and as many of
    # the instructor's) ended with a section title whose text was
    # overleaf, on the build of 881d6d1. QA10: a starter's lead-in
    # ("Starter:") was left at the foot of a page, its listing overleaf,
    # and QA11/QB8: pages ended early before an exercise or a solution
    # (a listing in a framed box asked for 15 lines of room). The boxes
    # are set between rules now (conf.py's sphinxnote), so the book's whole
    # pagination check and its hole gate hold for every handout.
    pdfs = sorted((handouts_build / "handouts").glob("*.pdf"))
    assert len(pdfs) == 2 * len(handouts.starts())
    for pdf in pdfs:
        assert latex.check_pagination(pdf) == [], pdf.name
        pages = latex.page_layout(pdf)
        holes = [
            problem
            for problem in latex.check_holes(pdf)
            if not pages[int(problem.split()[1].rstrip(":"))]
            .rows[0]
            .text.startswith(JUSTIFIED_HOLE_OPENERS)
        ]
        assert holes == [], pdf.name
