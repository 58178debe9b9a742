"""The built book: HTML, PDF, EPUB and handouts are complete and print well."""

from __future__ import annotations

import filecmp
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pypdf
import pytest
from sphinx import __version__ as sphinx_version

from bookkit import frontmatter, handouts, latex
from tests.tooling.test_runners import make_book, sphinx

pytestmark = pytest.mark.slow

PDF_NAME = "python-underneath-fastapi"


def pdf_text(pdf: Path, first: int = 1, last: int | None = None) -> str:
    args = ["-layout", "-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    return latex.pdftotext(pdf, *args)


def outline(pdf: Path) -> list[object]:
    """The PDF's bookmarks as nested lists of titles."""

    def walk(items: Sequence[object]) -> list[object]:
        result: list[object] = []
        for item in items:
            if isinstance(item, list):
                result.append(walk(item))
            else:
                assert isinstance(item, pypdf.generic.Destination)
                result.append(item.title)
        return result

    return walk(pypdf.PdfReader(pdf).outline)


# ------------------------------------------------------------------- PDF


def test_pdf_log_has_no_missing_glyph_overfull_box_or_bad_reference(
    book_build: Path,
) -> None:
    log = book_build / "latex" / f"{PDF_NAME}.log"
    assert latex.check_log(log) == []
    assert "Missing character" not in log.read_text(errors="replace")


def test_pdf_embeds_every_font(book_build: Path) -> None:
    pdf = book_build / "latex" / f"{PDF_NAME}.pdf"
    rows = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert rows, "pdffonts found no fonts"
    assert all(row.split()[-5] == "yes" for row in rows), rows
    assert latex.check_fonts(pdf) == []


def test_pdf_outline_follows_parts_and_chapters(book_build: Path) -> None:
    tree = outline(book_build / "latex" / f"{PDF_NAME}.pdf")
    top = [entry for entry in tree if isinstance(entry, str)]
    assert top == [
        "Foreword: the Python that FastAPI reads",
        "Part I: The Python runtime",
        "Part II: Object-oriented Python",
        "Part III: The typing system",
        "Solutions to the exercises",  # back matter (test_handouts.py)
        "About this edition",
        "Index",
    ]
    part_one = tree[tree.index("Part I: The Python runtime") + 1]
    assert isinstance(part_one, list)
    chapters = [entry for entry in part_one if isinstance(entry, str)]
    assert chapters == [
        "1.1.1 CPython, the reference interpreter",
        "1.1.2 The execution model",
        "1.1.3 Memory management",
    ]


def test_pdf_has_an_index_with_the_books_entries(book_build: Path) -> None:
    pdf = book_build / "latex" / f"{PDF_NAME}.pdf"
    pages = len(pypdf.PdfReader(pdf).pages)
    tail = pdf_text(pdf, first=max(1, pages - 2))
    assert "INDEX" in tail.upper()
    assert "type hints" in tail
    assert "thread pool" in tail


def test_pdf_shows_version_labels(book_build: Path) -> None:
    text = pdf_text(book_build / "latex" / f"{PDF_NAME}.pdf")
    assert "Python 3.11\N{EN DASH}3.13" in text
    assert "Python 3.14 and later" in text


def test_pdf_title_page_names_the_book_its_edition_and_contributors(
    book_build: Path,
) -> None:
    pdf = book_build / "latex" / f"{PDF_NAME}.pdf"
    title = " ".join(pdf_text(pdf, 1, 1).split())
    assert frontmatter.TITLE in title
    assert frontmatter.SUBTITLE in title
    assert frontmatter.EDITION in title
    assert frontmatter.AUTHOR in title
    assert "Release" not in title
    assert frontmatter.DRAFT in title  # the test build is not a release
    reader = pypdf.PdfReader(pdf)
    assert reader.metadata is not None
    assert reader.metadata.author == frontmatter.AUTHOR
    assert str(reader.root_object["/Lang"]) == "en"


def test_pdf_copyright_page_gives_licence_stamp_code_and_colophon(
    book_build: Path,
) -> None:
    pdf = book_build / "latex" / f"{PDF_NAME}.pdf"
    verso = " ".join(pdf_text(pdf, 2, 2).split())
    assert frontmatter.LICENCE in verso
    assert frontmatter.LICENCE_URL in verso
    # The stamp names the interpreter whose run this build made (a draft:
    # `make release` stamps all five).
    record = json.loads((book_build / "editions" / "local.json").read_text())
    assert f"CPython {record['python'].split()[0]} only" in verso
    assert record["commit"][:12] in verso
    assert "src/examples/" in verso
    assert frontmatter.EXAMPLES_ZIP in verso
    assert f"Sphinx {sphinx_version}" in verso
    assert frontmatter.FONTS["main"] in verso
    assert frontmatter.FONTS["code"] in verso


def test_pdf_has_no_dead_internal_link(book_build: Path) -> None:
    log = (book_build / "latex" / f"{PDF_NAME}.log").read_text(
        errors="replace"
    )
    assert "Hyper reference" not in log
    assert "undefined" not in log.replace("undefined references", "")
    reader = pypdf.PdfReader(book_build / "latex" / f"{PDF_NAME}.pdf")
    names = set(reader.named_destinations)
    links = dead = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            dest = annot.get("/Dest")
            if action is not None and action.get("/S") == "/GoTo":
                dest = action["/D"]
            if dest is None:
                continue  # an external URI
            links += 1
            if isinstance(dest, (str, bytes)) and str(dest) not in names:
                dead += 1
    # Every \hyperref Sphinx wrote (and the contents and index) is a link
    # annotation whose target exists.
    tex = (book_build / "latex" / f"{PDF_NAME}.tex").read_text()
    assert links >= tex.count("\\hyperref[") > 50
    assert dead == 0


def test_pdf_cross_references_print_their_page(book_build: Path) -> None:
    text = " ".join(pdf_text(book_build / "latex" / f"{PDF_NAME}.pdf").split())
    assert re.search(r"Part III \(page \d+\)", text)
    assert re.search(r"chapter 1\.1\.3 \(page \d+\)", text, re.I)


def test_edition_page_states_this_builds_run_never_unverified(
    book_build: Path,
) -> None:
    record = json.loads((book_build / "editions" / "local.json").read_text())
    assert record["status"] == "passed"
    for page in (
        book_build / "html" / "edition.html",
        book_build / "latex" / f"{PDF_NAME}.tex",
    ):
        text = " ".join(page.read_text().split())
        assert "unverified" not in text
        assert f"CPython {record['python'].split()[0]}" in text
        # Print review QB7: the build ran doctest blocks, and says so.
        run = record["blocks"]["run"]
        assert (
            f"{run} doctest blocks" in text  # the verso's stamp
            or f"interpreter: {run} blocks of" in text  # the edition page
        ), page.name
        assert ".md, line" not in text


def test_pdf_running_heads_name_chapter_and_section_not_release(
    book_build: Path,
) -> None:
    pdf = book_build / "latex" / f"{PDF_NAME}.pdf"
    text = pdf_text(pdf)
    # Sphinx's "Release 0.1" line; a docstring may say "Release what ...".
    assert f"Release {frontmatter.RELEASE}" not in text
    pages = text.split("\f")
    heads = [
        page.strip().splitlines()[0].strip() for page in pages if page.strip()
    ]
    assert "1.1.1 CPython, the reference interpreter" in heads
    assert "The compilation pipeline and bytecode" in heads


def test_pdf_has_no_blank_or_one_line_page(book_build: Path) -> None:
    pdf = book_build / "latex" / f"{PDF_NAME}.pdf"
    pages = pdf_text(pdf).split("\f")[:-1]
    sparse = []
    # The foreword, front matter in roman folios too, opens on the first
    # page headed by its title (the contents only list it).
    foreword = next(
        number
        for number, page in enumerate(pages, 1)
        if page.strip() and page.split()[0] == "Foreword:"
    )
    for number, page in enumerate(pages, 1):
        lines = [
            line
            for line in page.splitlines()
            if line.strip() and not line.strip().isdigit()
        ]
        # A running head and a line or two of text is a page wasted; a
        # part page is its title and its introduction.
        part_page = bool(lines) and lines[0].strip().startswith("Part ")
        # The contents' last page may hold only its last entries: front
        # matter (a roman folio) after the page that opens the contents.
        folio = page.strip().splitlines()[-1].strip() if page.strip() else ""
        contents_tail = (
            bool(re.fullmatch(r"[ivxl]+", folio))
            and number < foreword
            and any(
                "CONTENTS" in earlier.upper()
                for earlier in pages[: number - 1]
            )
        )
        # The verso that ends the front matter may be blank: page 1 is a
        # recto (print review of 868f255, B1).
        blank_verso = (
            not page.strip()
            and number % 2 == 0
            and number < len(pages)
            and pages[number].strip().startswith("Part I")
        )
        if (
            len(lines) < (2 if part_page else 4)
            and not contents_tail
            and not blank_verso
        ):
            sparse.append((number, lines))
    assert sparse == []


def verbatims(tex: str) -> list[tuple[str, int]]:
    """Each code block of the .tex: what precedes it, and its lines."""
    begin, end = "\\begin{sphinxVerbatim}", "\\end{sphinxVerbatim}"
    pieces = tex.split(begin)
    return [
        (
            # only what lies between the previous block and this one
            pieces[i - 1].rsplit(end, 1)[-1],
            pieces[i].split(end)[0].strip("\n").count("\n"),
        )
        for i in range(1, len(pieces))
    ]


def test_pdf_listings_are_kept_whole_and_never_start_low(
    book_build: Path,
) -> None:
    tex = (book_build / "latex" / f"{PDF_NAME}.tex").read_text()
    assert "\\widowpenalty=10000 \\clubpenalty=10000" in tex
    assert "\\needspace" not in tex  # its -100 penalty leaves holes (M5)
    blocks = verbatims(tex)
    assert len(blocks) > 300
    for before, lines in blocks:
        check = re.findall(
            r"\\book(?:needspace|keepwithlisting)\{([\d.]+)pt\}", before
        )
        assert check, before[-300:]
        # (KeepListingsWhole's count of the listing's lines, if it gave one)
        told = re.findall(r"\\gdef\\booklistinglines\{(\d+)\}", before)
        lines = int(told[-1]) if told else lines
        # a short listing needs all its lines (10 pt each, plus frame, plus
        # any version label); a long one at least 6 of them (PE2: asking
        # for 15 left holes). After a lead-in, \bookkeepwithlisting asks.
        assert (
            max(map(float, check)) >= (lines if lines <= 15 else 6) * 10 + 20
        )
    # Sphinx marks every split listing "continued from previous page": only
    # listings longer than 15 lines may be split.
    splits = pdf_text(book_build / "latex" / f"{PDF_NAME}.pdf").count(
        "continued from previous page"
    )
    assert splits <= sum(1 for _, lines in blocks if lines > 15)


# ------------------------------------------------------------------ HTML


def test_html_offers_the_example_code_as_a_download(book_build: Path) -> None:
    html = book_build / "html"
    assert (
        'href="_downloads/examples.zip"' in (html / "index.html").read_text()
    )
    with zipfile.ZipFile(html / "_downloads" / "examples.zip") as archive:
        names = archive.namelist()
    assert "examples/foreword/orders.py" in names
    assert not any("__pycache__" in name for name in names)


def test_html_uses_no_external_assets(book_build: Path) -> None:
    html = book_build / "html"
    external = re.compile(r"""(?:src|href)=["']https?://""")
    offenders = []
    for page in html.rglob("*.html"):
        for line in page.read_text(encoding="utf-8").splitlines():
            if external.search(line) and (
                "<script" in line or "<link" in line
            ):
                offenders.append(
                    f"{page.relative_to(html)}: {line.strip()[:100]}"
                )
    assert not offenders, offenders
    css = "\n".join(p.read_text() for p in (html / "_static").rglob("*.css"))
    assert "@import url(http" not in css
    assert "fonts.googleapis" not in css


def test_html_copy_buttons_strip_prompts(book_build: Path) -> None:
    script = (book_build / "html" / "_static" / "copybutton.js").read_text()
    assert r">>> |\\.\\.\\. |\\$ " in script
    assert (
        "copybutton.js" in (book_build / "html" / "foreword.html").read_text()
    )


def test_the_autodoc_docstring_is_set_apart_from_the_prose(
    book_build: Path,
) -> None:
    page = (book_build / "html" / "foreword.html").read_text()
    assert 'class="docstring admonition"' in page
    assert "Docstring of <code" in page
    tex = (book_build / "latex" / f"{PDF_NAME}.tex").read_text()
    assert "Docstring of" in tex


def test_html_links_the_standard_library_to_the_python_docs(
    book_build: Path,
) -> None:
    page = (book_build / "html" / "foreword.html").read_text()
    assert "https://docs.python.org/3.15/library/" in page


# ------------------------------------------------------------------ EPUB


def test_epub_contains_every_chapter(book_build: Path) -> None:
    epub = book_build / "epub" / f"{PDF_NAME}.epub"
    with zipfile.ZipFile(epub) as archive:
        names = set(archive.namelist())
        assert archive.read("mimetype") == b"application/epub+zip"
    for chapter in ("foreword", "runtime/cpython", "typing_system/index"):
        assert f"{chapter}.xhtml" in names


def test_epub_names_the_contributors_and_describes_the_book(
    book_build: Path,
) -> None:
    epub = book_build / "epub" / f"{PDF_NAME}.epub"
    with zipfile.ZipFile(epub) as archive:
        opf = archive.read("content.opf").decode()
    assert f"<dc:creator>{frontmatter.AUTHOR}</dc:creator>" in opf
    assert f"<dc:publisher>{frontmatter.AUTHOR}</dc:publisher>" in opf
    assert frontmatter.DESCRIPTION in opf
    assert frontmatter.LICENCE_SHORT in opf
    assert "The book's authors" not in opf
    assert "unknown" not in opf
    assert f'id="bookid">{frontmatter.EPUB_IDENTIFIER}</dc:identifier>' in opf
    assert "<dc:language>en</dc:language>" in opf


def ncx_and_opf_identifiers(epub: Path) -> tuple[str, str]:
    """toc.ncx's dtb:uid, and the OPF identifier its package names."""
    with zipfile.ZipFile(epub) as archive:
        ncx = archive.read("toc.ncx").decode()
        opf = archive.read("content.opf").decode()
    uid = re.search(r'<meta name="dtb:uid" content="([^"]*)"', ncx)
    unique = re.search(r'unique-identifier="([^"]*)"', opf)
    assert uid
    assert unique
    ident = re.search(
        rf'<dc:identifier id="{unique[1]}">([^<]*)</dc:identifier>', opf
    )
    assert ident
    return uid[1], ident[1]


def test_epub_ncx_uid_is_the_opf_identifier(tmp_path: Path) -> None:
    # epubcheck's NCX-001: Sphinx's template writes epub_uid ("bookid").
    book = make_book(tmp_path, chapter="# A chapter\n\nText.\n")
    built = sphinx(
        book, "epub", tmp_path / "epub", "-d", str(tmp_path / "doctrees")
    )
    assert built.returncode == 0, built.stderr
    epub = next((tmp_path / "epub").glob("*.epub"))
    uid, identifier = ncx_and_opf_identifiers(epub)
    assert uid == identifier == frontmatter.EPUB_IDENTIFIER


def test_the_books_epub_ncx_uid_is_its_opf_identifier(
    book_build: Path,
) -> None:
    epub = book_build / "epub" / f"{PDF_NAME}.epub"
    uid, identifier = ncx_and_opf_identifiers(epub)
    assert uid == identifier == frontmatter.EPUB_IDENTIFIER


# --------------------------------------------------------------- handouts


def test_handouts_one_pdf_per_part_each_with_its_title_page(
    handouts_build: Path,
) -> None:
    builddir = handouts_build
    for doc in handouts.starts():
        for edition in handouts.EDITIONS:  # tests/tooling/test_handouts.py
            pdf = (
                builddir / "handouts" / f"{handouts.target(doc, edition)}.pdf"
            )
            assert pdf.is_file(), pdf
            title_page = " ".join(pdf_text(pdf, 1, 1).split())
            assert handouts.title_of(doc) in title_page
            assert f"From {frontmatter.TITLE}" in title_page
            assert frontmatter.EDITION in title_page
            assert "The book's authors" not in title_page
            verso = " ".join(pdf_text(pdf, 2, 2).split())
            assert frontmatter.LICENCE_SHORT in verso
            assert "Verification." in verso
            assert (
                f"A handout from the book: {handouts.title_of(doc)} "
                f"({edition} edition)."
            ) in verso
            assert "\\" not in verso  # no LaTeX printed as text
            # the first page after the contents keeps no "CONTENTS" head
            pages = pdf_text(pdf).split("\f")
            first = next(
                i for i, page in enumerate(pages) if "CONTENTS" in page.upper()
            )
            after = pages[first + 1]  # the contents fit on one page
            assert "CONTENTS" not in after.upper(), after[:200]
    assert len(list((builddir / "handouts").glob("*.pdf"))) == 8


# ----------------------------------------------------------- reproducible


def differences(cmp: filecmp.dircmp[str], prefix: str = "") -> list[str]:
    """Every file that differs, or exists on one side only, recursively."""
    found = [
        prefix + n for n in cmp.diff_files + cmp.left_only + cmp.right_only
    ]
    for name, sub in cmp.subdirs.items():
        found += differences(sub, f"{prefix}{name}/")
    return found


def test_two_clean_builds_are_byte_identical(
    second_build: tuple[Path, Path],
) -> None:
    first, second = second_build
    # Only LaTeX's own bookkeeping (logs with run times) may differ.
    bookkeeping = (".log", ".fls", ".fdb_latexmk", ".ilg")
    for kind in ("html", "latex"):
        differing = differences(filecmp.dircmp(first / kind, second / kind))
        differing = [d for d in differing if not d.endswith(bookkeeping)]
        assert not differing, f"{kind} differs between two builds: {differing}"
    pdf = f"latex/{PDF_NAME}.pdf"
    assert (first / pdf).read_bytes() == (second / pdf).read_bytes()


# ------------------------------------------------- the checks fail loudly


PROBE_INDEX = "# Probe\n\nA line of prose.\n\n{body}\n"


def build_probe(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    """Build a one-page book with the book's configuration into a PDF."""
    book = tmp_path / "book"
    book.mkdir()
    (book / "index.md").write_text(
        PROBE_INDEX.format(body=body), encoding="utf-8"
    )
    out = tmp_path / "latex"
    built = sphinx(book, "latex", out)
    assert built.returncode == 0, built.stderr
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "bookkit.latex",
            "--book",
            str(book),
            str(out),
            PDF_NAME,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_glyph_without_a_font_fails_naming_the_chapter_line(
    tmp_path: Path,
) -> None:
    result = build_probe(tmp_path, "Done \N{WHITE HEAVY CHECK MARK} here.")
    assert result.returncode == 1
    assert (
        "missing glyph '\N{WHITE HEAVY CHECK MARK}' (U+2705)" in result.stderr
    )
    assert "book/index.md:5" in result.stderr
    assert not (tmp_path / "latex" / f"{PDF_NAME}.pdf").exists()


def test_a_code_line_too_wide_for_the_page_fails_naming_the_chapter_line(
    tmp_path: Path,
) -> None:
    wide = "x" * 70
    body = f"```{{doctest}}\n>>> '{wide}' + '{wide}'\n'{wide}{wide}'\n```"
    result = build_probe(tmp_path, body)
    assert result.returncode == 1
    assert "text runs into the margin on page" in result.stderr
    assert "book/index.md:6" in result.stderr
