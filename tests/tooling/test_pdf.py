"""The printed book's typography, index, metadata and pagination, read from
the built PDF (pypdf, poppler's pdftotext) and LaTeX's own files."""

from __future__ import annotations

import datetime
import itertools
import re
import statistics
import subprocess
from pathlib import Path

import pypdf
import pytest

from bookkit import frontmatter, handouts, indexing, latex, sphinxext
from bookkit.listings import BOOK

pytestmark = pytest.mark.slow

PDF_NAME = "python-underneath-fastapi"


def built(book_build: Path, suffix: str) -> Path:
    return book_build / "latex" / f"{PDF_NAME}{suffix}"


def every_pdf(book_build: Path, handouts_build: Path) -> list[Path]:
    """The book's PDF and every handout's."""
    return [
        built(book_build, ".pdf"),
        *sorted((handouts_build / "handouts").glob("*.pdf")),
    ]


# ------------------------------------------------------ face and measure


def test_the_text_is_set_in_the_book_face_with_the_code_in_mono(
    book_build: Path,
) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(built(book_build, ".pdf"))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = {row.split()[0].split("+")[-1] for row in fonts.splitlines()[2:]}
    main = frontmatter.FONTS["main"].replace(" ", "")
    code = frontmatter.FONTS["code"].replace(" ", "")
    assert frontmatter.FONTS["mono"] == frontmatter.FONTS["code"]
    assert {f"{main}-Regular", f"{main}-Italic", f"{main}-Bold"} <= {
        name.removesuffix("-Identity-H") for name in names
    }
    assert code in {name.removesuffix("-Identity-H") for name in names}
    # One code face (print review PE10): inline code was DejaVu Sans Mono,
    # listings Inconsolata, two faces that differ in width, zero and weight.
    assert not any(name.startswith("DejaVu") for name in names), names


def test_inline_code_is_the_listings_face_at_the_text_x_height(
    book_build: Path,
) -> None:
    # Inline code is Inconsolata scaled to Pagella's x-height (fontspec's
    # Scale=MatchLowercase): 11.3 pt beside the text's 11 pt, Inconsolata's
    # x-height being the smaller; far more than the listings' 8.5 pt.
    sizes = latex.font_sizes(
        built(book_build, ".pdf"), frontmatter.FONTS["code"]
    )
    inline = {size: n for size, n in sizes.items() if 10 <= size <= 12}
    assert sum(inline.values()) > 5_000, sizes
    size = max(inline, key=inline.__getitem__)
    assert 10.5 <= size <= 11.8, sizes


def test_inline_code_is_never_hyphenated(book_build: Path) -> None:
    """No hyphen that the source does not have ends a line of inline code
    (print review QA1: 44 such breaks, "utc-/now()", "De-/pends", when the
    mono face kept TeX's hyphen character; the same check finds those 44 in
    that build). A hyphen of the code itself may end a line."""
    tex = built(book_build, ".tex")
    assert "HyphenChar=None" in tex.read_text(encoding="utf-8")
    assert latex.hyphenated_code(built(book_build, ".pdf"), tex) == []


def test_no_line_ends_inside_code_after_a_hyphen(book_build: Path) -> None:
    """Inline code does not break after "-": that split "->" and options
    ("python -" / "O", "--" / "preload"; print review QB1)."""
    pdf = built(book_build, ".pdf")
    assert latex.code_lines_ending_in_a_hyphen(pdf) == []


def test_hyphenated_code_is_found(tmp_path: Path) -> None:
    """The check above can fail: it tells a hyphen TeX added from one the
    code has, by the inline code of the .tex."""
    tex = tmp_path / "book.tex"
    tex.write_text(
        r"\sphinxcode{\sphinxupquote{utcnow()}} and "
        r"\sphinxcode{\sphinxupquote{\sphinxhyphen{}\sphinxhyphen{}enable\sphinxhyphen{}jit}}"
    )
    codes = latex._inline_codes(tex.read_text())
    assert codes == {"utcnow()", "--enable-jit"}


def test_running_text_has_a_book_measure(book_build: Path) -> None:
    # 65-75 characters a line (print review M9: DejaVu at 453 pt gave 92).
    pdf, log = built(book_build, ".pdf"), built(book_build, ".log")
    lengths = latex.measure(pdf, log)
    assert len(lengths) > 1000, "too few full lines found: is BOOK-LAYOUT set?"
    assert 65 <= statistics.median(lengths) <= 75, statistics.median(lengths)


#: Sphinx's frame around a listing: a 0.4 pt rule and 3 pt of padding on
#: each side (sphinxsetup's verbatimborder and verbatimsep defaults).
FRAME_PT = 2 * (0.4 + 3)


def test_listings_are_set_at_8_pt_or_more_and_79_columns_fit(
    book_build: Path,
) -> None:
    # Print review: code at 7 pt was too small to read in print. conf.py's
    # fvset sets the size, and every character of the listings' face in the
    # PDF is at that size (none at a smaller one).
    tex = built(book_build, ".tex").read_text(encoding="utf-8")
    fvset = re.search(
        r"\\fvset\{fontfamily=bookcode,fontsize=\{\\fontsize\{([\d.]+)pt\}",
        tex,
    )
    assert fvset is not None
    assert float(fvset[1]) == frontmatter.CODE_PT >= 8
    pdf, log = built(book_build, ".pdf"), built(book_build, ".log")
    sizes = latex.font_sizes(pdf, frontmatter.FONTS["code"])
    # the listings use the face; inline code uses it too (PE10), larger
    assert sizes.get(frontmatter.CODE_PT, 0) > 50_000, sizes
    assert min(sizes) >= 8, sizes
    # 79 columns, measured on the PDF's code rows, fit inside the frame on
    # the text block (the margin check finds any line that does not).
    block = latex.text_block(log)
    assert block is not None
    advance = latex.code_advance(pdf) * 72.27 / 72  # PDF points to TeX's
    # Inconsolata is half an em wide: 4 pt a character at 8 pt
    assert advance >= 0.5 * 8, advance
    assert 79 * advance + FRAME_PT <= block[1], (advance, block)


def test_no_code_line_runs_past_the_narrower_text_block(
    book_build: Path,
) -> None:
    pdf, log = built(book_build, ".pdf"), built(book_build, ".log")
    assert latex.check_margins(pdf, log) == []
    assert latex.check_log(log) == []


def test_no_chapter_title_is_set_in_upper_case(book_build: Path) -> None:
    # fncychap's Bjarne style upper-cased chapter titles, code names too
    # ("__INIT__"); conf.py's \ChTitleAsIs sets them as written.
    text = " ".join(latex.pdftotext(built(book_build, ".pdf")).split())
    titles = [
        re.sub(r"[`*]", "", match[1]).strip()
        for path in sorted(BOOK.rglob("*.md"))
        if path != BOOK / "index.md"
        and (match := re.search(r"^# (.+)$", path.read_text("utf-8"), re.M))
    ]
    shouted = [t for t in titles if t != t.upper() and t.upper() in text]
    assert len(titles) > 10
    assert shouted == []


def pdf_text(pdf: Path) -> str:
    """The PDF's text (pdftotext), its whitespace runs made one space."""
    return " ".join(latex.pdftotext(pdf).split())


def test_a_command_in_the_text_breaks_only_between_its_words(
    book_build: Path, handouts_build: Path
) -> None:
    # Print review QA5: "ATTEMPT=my_" ended a line and "answer.py" began
    # the next (inline code breaks after "_" and "."), so a reader could not
    # tell whether to type a space (bookkit.sphinxext.CommandsBreakOnlyAtSpaces).
    pdfs = every_pdf(book_build, handouts_build)
    seen = 0
    for pdf in pdfs:
        text = latex.pdftotext(pdf)
        for match in re.finditer(r"\b(EXERCISE|ATTEMPT)=(\S*)(\s)", text):
            seen += 1
            # "without ATTEMPT= the checks run on the starter": the bare
            # name, followed by a space, not a line's end.
            whole = re.fullmatch(r"\d\.\d\.\d-\d|my_answer\.py\.?", match[2])
            bare = match[2] == "" and match[3] == " "
            assert whole or bare, (
                pdf.name,
                match[0],
                text[match.end() : match.end() + 20],
            )
    assert seen > 40


def test_no_page_ends_with_a_lead_in(
    book_build: Path, handouts_build: Path
) -> None:
    # Print review R4: "The traps:" ended f. 50 and its list began f. 51;
    # the listing rule (check_pagination) saw only lead-ins to code.
    pdfs = every_pdf(book_build, handouts_build)
    found = []
    for pdf in pdfs:
        pages = latex.page_layout(pdf)
        for number, (page, after) in enumerate(itertools.pairwise(pages), 1):
            if not (page.rows and after.rows):
                continue
            last, first = page.rows[-1], after.rows[0]
            # A colon inside a paragraph may end a line: a lead-in is
            # followed by what it announces, a list or a listing.
            announced = first.kind == "code" or re.match(
                r"(•|\d+\.) ", first.text
            )
            lead_in = last.kind == "text" and last.text.rstrip().endswith(":")
            if lead_in and announced:
                found.append((pdf.name, number, last.text[-40:]))
    assert found == []


def test_a_page_reference_never_starts_a_line(
    book_build: Path, handouts_build: Path
) -> None:
    # Print review R12: 22 solution titles had "(page 28)" alone on their
    # second line; a page reference is tied to what it follows.
    pdfs = every_pdf(book_build, handouts_build)
    found = []
    for pdf in pdfs:
        table = False  # the edition table's narrow cells may break there
        for number, page in enumerate(latex.page_layout(pdf), 1):
            for row in page.rows:
                if row.kind == "heading":
                    table = row.text.strip() == "About this edition"
                if row.text.lstrip().startswith("(page ") and not table:
                    found.append((pdf.name, number, row.text[:40]))
    assert found == []
    # In the text; a table's cell keeps the break.
    tex = built(book_build, ".tex").read_text(encoding="utf-8")
    assert tex.count(r"~(\autopageref*{") > 100


def test_no_line_of_text_starts_with_punctuation(
    book_build: Path, handouts_build: Path
) -> None:
    # Print review R10: ". This book is built ..." began a line on f. ix:
    # inline code broke after its last character ("src/examples/"). (Inline
    # code may break inside itself, after "." or ",": "..}" may start one.)
    pdfs = every_pdf(book_build, handouts_build)
    found = [
        (pdf.name, number, row.text[:40])
        for pdf in pdfs
        for number, page in enumerate(latex.page_layout(pdf), 1)
        for row in page.rows
        if row.kind == "text" and re.match(r"[.;:] ", row.text.lstrip())
    ]
    assert found == []


def test_a_page_reference_in_parentheses_follows_a_comma(
    book_build: Path,
) -> None:
    # Print review PE13: "(chapter 1.1.3 (page 53))", 10 times on the
    # build of 881d6d1. Inside parentheses the page follows a comma,
    # "(chapter 1.1.3, page 53)" (bookkit.sphinxext.PagerefsInParentheses).
    text = pdf_text(built(book_build, ".pdf"))
    assert re.findall(r"\(page [0-9]+\)\)", text) == []
    assert len(re.findall(r", page [0-9]+\)", text)) >= 5
    assert len(re.findall(r" \(page [0-9]+\)", text)) > 100  # the others


# ------------------------------------------------------------------ index
_ITEM = re.compile(r"^\s*\\(?P<level>item|subitem|subsubitem) (?P<text>.*)$")


def plain(latex_text: str) -> str:
    """An index line's entry as printed, without its page numbers."""
    text = latex_text.split(", \\hyperpage")[0].split(", \\spxpagem")[0]
    text = text.split(", \\see")[0]
    text = re.sub(r"\\spxextra\{([^}]*)\}", r" (\1)", text)
    text = text.split("\\hyperpage")[0]
    for command in (r"\allowbreak{}", r"\bookindexcode", r"\spxentry"):
        text = text.replace(command, "")
    text = text.replace(r"\sphinxhyphen{}", "-").replace(r"\_", "_")
    text = re.sub(r"\\textbar\{\}", "|", text)
    return text.replace("{", "").replace("}", "").strip().rstrip(",")


def index_entries(ind: Path) -> list[tuple[str, str]]:
    """(main, sub) for every line of the index; sub is "" for a main one."""
    entries: list[tuple[str, str]] = []
    main = ""
    for line in ind.read_text(encoding="utf-8").splitlines():
        if match := _ITEM.match(line):
            text = plain(match["text"])
            if match["level"] == "item":
                main = text
                entries.append((main, ""))
            else:
                entries.append((main, text))
    return entries


def chapter_sections(book: Path) -> list[tuple[str, str]]:
    """(title, parent title) of every section of every chapter."""
    found = []
    for path in sorted(book.rglob("*.md")):
        docname = path.relative_to(book).with_suffix("").as_posix()
        if not indexing.is_chapter(docname) or ".exercises" in docname:
            continue
        stack: list[str] = []
        fenced = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("```", "~~~")):
                fenced = not fenced
            match = re.match(r"^(#{1,6}) (.*)$", line)
            if fenced or not match:
                continue
            level, title = len(match[1]), match[2].replace("`", "")
            stack = stack[: level - 1]
            found.append((title, stack[-1] if stack else ""))
            stack += [""] * (level - 1 - len(stack)) + [title]
    return found


def test_the_index_has_at_least_400_entries(book_build: Path) -> None:
    entries = index_entries(built(book_build, ".ind"))
    assert len(entries) >= 400, len(entries)


def forms(name: str) -> set[str]:
    """An entry's name and its forms without a plural ending (the index
    keeps one form of "closure" and "closures")."""
    found = {name}
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", "")):
        if name.endswith(suffix):
            found.add(name[: -len(suffix)] + replacement)
    return found


def test_every_section_topic_is_in_the_index(book_build: Path) -> None:
    entries = set(index_entries(built(book_build, ".ind")))
    mains = {main for main, _ in entries}
    terms = indexing.load_terms(BOOK / indexing.TERMS_FILE)
    sections = chapter_sections(BOOK)
    assert len(sections) > 100
    # Every section has a curated topic: a term a reader looks up.
    assert [t for t, _ in sections if not terms.sections.get(t)] == []
    # a lone sub-entry is printed on its main entry's line (CMS 15.76)
    with_subs = {main for main, sub in entries if sub}
    missing = []
    for title, parent in sections:
        for entry in indexing.section_entries(
            title,
            indexing.parent_topic(parent, terms) if parent else "",
            terms,
        ):
            main, _, sub = (part.strip() for part in entry.partition(";"))
            if not any(
                (form, sub) in entries
                or (form in mains and not (sub and form in with_subs))
                for form in forms(main)
            ):
                missing.append(f"{title!r}: {entry!r}")
    assert missing == []


def test_no_section_title_is_an_entry(book_build: Path) -> None:
    # Print review PE4: "literal: a closed set of values", "self and
    # overloads: ...", "more of the toolbox" were entries: the titles,
    # without their numbers, lower-cased.
    mains = {main for main, _ in index_entries(built(book_build, ".ind"))}
    titles = []
    for title, _ in chapter_sections(BOOK):
        topic = re.sub(r"^\d+(?:\.\d+)*\s+", "", title)
        topic = re.sub(r"\s*\(Python 3\.\d+(?: and later)?\)$", "", topic)
        topic = re.sub(r"^(?:The|A|An)\s+", "", topic)
        titles += [topic, topic[:1].lower() + topic[1:]]
    terms = indexing.load_terms(BOOK / indexing.TERMS_FILE)
    curated = {
        entry.strip("`").split(";")[0].strip()
        for entries in terms.sections.values()
        for entry in entries
    } | {term.name for term in terms.terms}
    printed = [t for t in titles if t in mains and t not in curated]
    assert printed == []
    assert "literal: a closed set of values" not in mains
    assert not [m for m in mains if ": " in m]


def test_the_index_has_the_topics_a_reader_looks_up(book_build: Path) -> None:
    # The review's list of missing topics (print review M8).
    mains = {main for main, _ in index_entries(built(book_build, ".ind"))}
    wanted = {
        "Annotated", "Literal", "Any", "Optional", "late binding",
        "event loop", "TestClient", "BaseModel", "ClassVar", "isinstance",
        "dis", "dependency_overrides", "dataclasses.dataclass",
    }  # fmt: skip
    assert wanted - mains == set()


def test_code_terms_are_mono_and_the_rest_roman(book_build: Path) -> None:
    ind = built(book_build, ".ind").read_text(encoding="utf-8")
    tex = built(book_build, ".tex").read_text(encoding="utf-8")
    assert r"\renewcommand{\sphinxstyleindexentry}[1]{#1}" in tex
    for code in ("BaseModel", "isinstance", "ClassVar", "Annotated"):
        assert rf"\item \spxentry{{\bookindexcode{{{code}}}}}" in ind, code
    for roman in ("closure", "late binding", "event loop", "reference cycle"):
        assert rf"\item \spxentry{{{roman}}}" in ind, roman
    assert r"\bookindexcode{closure" not in ind


def test_the_index_has_no_autodoc_entries(book_build: Path) -> None:
    entries = index_entries(built(book_build, ".ind"))
    noise = [
        (main, sub)
        for main, sub in entries
        if main.startswith(("examples.", "bookkit."))
        or sub.startswith(("examples.", "bookkit."))
        or main == "module"
    ]
    assert noise == []


def test_code_index_locators_name_the_page_that_prints_the_name(
    book_build: Path,
) -> None:
    # Print review PE3: the entries for a listing's imports followed the
    # listing, so a split listing was indexed on its last page. On the
    # build of 881d6d1, 94 locators of code terms named a page (pdftotext)
    # that does not print the term; with the entries before the listing,
    # 4. Those left are inline names in the prose: the entry goes before
    # the name, and a name that starts a page's last line and is broken
    # (inspect.signature, collections.abc.Iterable) or lands overleaf
    # sends the locator a page early. At most 8 are let through.
    pdf = built(book_build, ".pdf")
    misplaced = latex.misplaced_index_locators(pdf, built(book_build, ".ind"))
    assert len(misplaced) <= 8, misplaced


def test_no_entry_comes_from_an_import_line_or_the_examples(
    book_build: Path,
) -> None:
    # Print review PE4: every import line was indexed (``book-index-l``
    # entries after a listing), and 121 entries were names defined only
    # in src/examples (AccountOut, leaky_charge, hits_lock, _private).
    tex = built(book_build, ".tex").read_text(encoding="utf-8")
    assert "book-index-l" not in tex
    terms = indexing.load_terms(BOOK / indexing.TERMS_FILE)
    local = indexing.example_only_names(BOOK.parent / "src" / "examples", BOOK)
    assert {"AccountOut", "leaky_charge", "hits_lock"} <= local
    found = [
        name
        for main, sub, _, _, code in index_lines(built(book_build, ".ind"))
        for name in (main, sub)
        if code and name in local and name not in terms.topics
    ]
    assert found == []


def index_lines(ind: Path) -> list[tuple[str, str, int, bool, bool]]:
    """(main, sub, number of locators, is a *see*, is code) of each index
    line."""
    lines = []
    main = ""
    for line in ind.read_text(encoding="utf-8").splitlines():
        if match := _ITEM.match(line):
            text = plain(match["text"])
            if match["level"] == "item":
                main, sub = text, ""
            else:
                sub = text
            see = r"\see{" in line or r"\seealso{" in line
            code = r"\bookindexcode{" in line.split(r"\hyperpage")[0]
            lines.append((main, sub, line.count(r"\hyperpage{"), see, code))
    return lines


def test_no_index_line_has_more_than_8_locators(book_build: Path) -> None:
    # Print review PE4: typing 28, pydantic 27, TestClient 25 pages.
    lines = index_lines(built(book_build, ".ind"))
    heavy = [(m, s, n) for m, s, n, *_ in lines if n > indexing.MAX_LOCATORS]
    assert heavy == []
    # Print review QB4: 226 of 348 sub-entries were the chapters' names
    # ("classes (1.2.1)") under which a heavy entry listed its pages; R11:
    # their replacement, sub-entries named after other sections' topics
    # ("thread pool: Callable", "query parameter: Enum"). A heavy entry
    # keeps the sections that discuss it, or its first pages.
    assert not [s for m, s, *_ in lines if s.endswith(")") and "(1." in s]
    split = {"thread pool", "query parameter", "base class"}
    assert [(m, s) for m, s, *_ in lines if m in split and s] == []
    assert {m for m, s, n, *_ in lines if m in split and n} == split


def test_a_see_to_a_code_term_names_it_in_mono(book_build: Path) -> None:
    # The print review of 868f255 (m3): "enum.IntEnum, see IntEnum", "see
    # also Depends": the targets of cross-references were set in roman,
    # the entries they name in mono.
    ind = built(book_build, ".ind").read_text(encoding="utf-8")
    code = {m for m, s, _, _, c in index_lines(built(book_build, ".ind")) if c}
    targets = re.findall(r"\\(see|seealso)\{((?:[^{}]|\{[^{}]*\})*)\}", ind)
    assert len(targets) > 10
    for kind, target in targets:
        if plain(target) in code:
            assert target.startswith(r"\bookindexcode{"), (kind, target)
    assert any(t.startswith(r"\bookindexcode{") for _, t in targets)


def test_singular_plural_and_prefixed_forms_are_one_entry(
    book_build: Path,
) -> None:
    # Print review PE4: closure / closures, mixin / mixins, method /
    # methods, TypedDict / typing.TypedDict were separate entries.
    # A code name and a word are two entries (``class`` and "classes",
    # ``sys.modules`` and "modules").
    lines = index_lines(built(book_build, ".ind"))
    see = {m for m, s, _, is_see, _ in lines if is_see and not s}
    for kind in (True, False):
        mains = {m for m, s, _, _, c in lines if not s and c is kind} - see
        plural = [
            (m, n)
            for m in mains
            for n in mains
            if m != n and (n in {m + "s", m + "es"} or n == m[:-1] + "ies")
        ]
        assert plural == []
        prefixed = [
            m for m in mains if "." in m and m.rsplit(".", 1)[1] in mains
        ]
        assert not [m for m in prefixed if not _is_module(m)]
    assert "typing.TypedDict" in see
    assert any(m == "mypy" and s == "--strict" for m, s, *_ in lines)


def _is_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError, AttributeError):
        return False


def test_a_see_entry_has_no_pages(book_build: Path) -> None:
    # Print review PE4: "method resolution order, 96-98, see MRO".
    ind = built(book_build, ".ind").read_text(encoding="utf-8")
    both = [
        line
        for line in ind.splitlines()
        if r"\see{" in line and r"\hyperpage{" in line
    ]
    assert both == []
    lines = index_lines(built(book_build, ".ind"))
    assert ("method resolution order", "", 0, True, False) in lines
    assert any(m == "MRO" and n > 0 for m, s, n, *_ in lines if not s)
    assert r"\seealso{" in ind


def test_no_index_entry_has_a_lone_sub_entry(book_build: Path) -> None:
    # Print review QB4 (CMS 15.76): 33 entries had one sub-entry
    # ("identity / and value, 53"); its pages go on the main line.
    subs: dict[str, list[str]] = {}
    for main, sub, _, see, _ in index_lines(built(book_build, ".ind")):
        if sub and not see:
            subs.setdefault(main, []).append(sub)
    assert [(m, found) for m, found in subs.items() if len(found) == 1] == []


def test_no_index_see_points_at_the_next_line(book_build: Path) -> None:
    # Print review QB4: "dis.dis, see dis", "test client, see TestClient":
    # the two are one entry.
    ind = built(book_build, ".ind").read_text(encoding="utf-8")
    see = re.compile(r"^\s*\\item (?P<entry>.*?), \\see\{(?P<target>[^}]*)\}")
    pairs = [
        (plain(match["entry"]), plain(match["target"]))
        for line in ind.splitlines()
        if (match := see.match(line))
    ]
    assert ("global interpreter lock", "GIL") in pairs
    assert [(a, b) for a, b in pairs if indexing._near(a, b)] == []


def test_keywords_written_as_syntax_are_no_index_entries(
    book_build: Path,
) -> None:
    # Print review QB4: ``if``, ``for``, ``in`` were entries wherever the
    # prose wrote them; ``is`` is the topic of "Identity is not value".
    lines = index_lines(built(book_build, ".ind"))
    code = {main for main, sub, _, _, is_code in lines if is_code and not sub}
    syntax = {"if", "for", "in", "with", "try", "True", "False", "async"}
    assert code & syntax == set()
    assert {"is", "global", "nonlocal", "def", "None"} <= code


def test_an_attribute_is_one_index_entry_on_an_instance_and_its_class(
    book_build: Path,
) -> None:
    # Print review QB4: Request.app and request.app, Engine.dispose and
    # engine.dispose were two entries each.
    mains = {m for m, s, *_ in index_lines(built(book_build, ".ind")) if not s}
    folded = [m for m in mains if m != m.lower() and m.lower() in mains]
    dotted = [m for m in folded if "." in m]
    assert dotted == []
    assert "Request.app" in mains


def page_texts(pdf: Path) -> list[str]:
    """Each page's text: whitespace made one space, words broken at a
    line's end joined, quotes plain."""
    text = latex.pdftotext(pdf)
    return [
        " ".join(re.sub(r"-\n(?=[a-z])", "", page).split()).translate(
            indexing._QUOTES
        )
        for page in text.split("\f")
    ]


def test_a_term_is_not_indexed_where_its_words_mean_something_else(
    book_build: Path,
) -> None:
    # Print review QB4: "repository" had 11 pages for "the book's
    # repository", "immutability" two for frozen modules, "validation,
    # strict mode" five for the type checkers' strict modes. Each page of
    # a term that has another sense (its unless phrases, or a longer term
    # that contains it) prints the term outside them.
    terms = indexing.load_terms(BOOK / indexing.TERMS_FILE)
    pdf = built(book_build, ".pdf")
    labels = list(pypdf.PdfReader(pdf).page_labels)
    last = {label: number for number, label in enumerate(labels)}
    pages = page_texts(pdf)
    senses = {
        t.entry: t
        for t in terms.terms
        if terms.blockers[t.entry] and not t.see
    }
    item = re.compile(r"^\s*\\(?P<level>item|subitem) (?P<text>.*)$")
    main, wrong, checked = "", [], 0
    for line in built(book_build, ".ind").read_text("utf-8").splitlines():
        if (match := item.match(line)) is None:
            continue
        name = plain(match["text"])
        main = name if match["level"] == "item" else main
        term = senses.get(
            name if match["level"] == "item" else f"{main}; {name}"
        )
        if term is None:
            continue
        for page in re.findall(r"(?<!spxpagem\{)\\hyperpage\{([^}]*)\}", line):
            text = pages[last[page.split(r"\textendash{}")[0]]]
            spans = [
                other.span()
                for blocker in terms.blockers[term.entry]
                for other in blocker.finditer(text)
            ]
            checked += 1
            if not any(
                not any(a <= m.start() and m.end() <= b for a, b in spans)
                for m in term.pattern().finditer(text)
            ):
                wrong.append(f"{term.entry}, {page}")
    assert checked > 30
    assert wrong == []


def test_index_page_ranges_have_a_dash(book_build: Path) -> None:
    ind = built(book_build, ".ind").read_text(encoding="utf-8")
    # Sphinx's xindy style printed "200203" for pages 200 to 203.
    assert re.search(r"\d\}\\hyperpage", ind) is None
    assert "}\\textendash{}\\hyperpage{" in ind


# ------------------------------------------------------ XMP and language


def check_xmp(pdf: Path, title: str = frontmatter.TITLE) -> None:
    reader = pypdf.PdfReader(pdf)
    root = reader.trailer["/Root"].get_object()
    assert isinstance(root, pypdf.generic.DictionaryObject)
    assert str(root["/Lang"]) == "en"
    # PE6: the viewer shows the title (tagging is blocked on TeX Live 2022)
    prefs = root["/ViewerPreferences"].get_object()
    assert isinstance(prefs, pypdf.generic.DictionaryObject)
    assert prefs.get("/DisplayDocTitle") == pypdf.generic.BooleanObject(True)
    xmp = reader.xmp_metadata
    assert xmp is not None, f"{pdf.name} has no XMP metadata"
    assert xmp.dc_title == {"x-default": title}
    assert xmp.dc_creator == [frontmatter.AUTHOR]
    assert xmp.dc_language == ["en"]
    assert xmp.dc_rights is not None
    rights = xmp.dc_rights["x-default"]
    assert frontmatter.LICENCE_SHORT in rights
    assert frontmatter.LICENCE_URL in rights
    # The document information dictionary says the same (PE8: PDF/A and
    # PDF/UA validators require the two to agree): title, author, dates,
    # the creating tool and the producer.
    info = reader.metadata
    assert info is not None
    assert info.title == title
    assert info.author == frontmatter.AUTHOR
    assert info.creation_date is not None
    assert info.modification_date == info.creation_date
    created = info.creation_date.astimezone(datetime.UTC).replace(tzinfo=None)
    for date in (
        xmp.xmp_create_date,
        xmp.xmp_modify_date,
        xmp.xmp_metadata_date,
    ):
        assert date == created, (date, created)
    assert info.creator
    assert xmp.xmp_creator_tool == info.creator
    assert "Sphinx" in info.creator
    assert info.producer
    assert xmp.pdf_producer == info.producer
    assert info.producer.startswith("xdvipdfmx")
    for uid in (xmp.xmpmm_document_id, xmp.xmpmm_instance_id):
        assert uid is not None
        assert re.fullmatch(r"uuid:[0-9a-f-]{36}", uid), uid


def test_the_pdf_has_xmp_metadata_and_a_language(book_build: Path) -> None:
    check_xmp(built(book_build, ".pdf"))


def test_each_handout_has_xmp_metadata_and_a_language(
    handouts_build: Path,
) -> None:
    # PE8: each handout has its own title, not the book's: "Part II:
    # Object-oriented Python (student edition) - The Python underneath
    # FastAPI" in the viewer's title bar and an LMS file list.
    pdfs = sorted((handouts_build / "handouts").glob("*.pdf"))
    assert len(pdfs) == 2 * len(handouts.starts())
    ids = set()
    for doc in handouts.starts():
        for edition in handouts.EDITIONS:
            pdf = (
                handouts_build
                / "handouts"
                / (handouts.target(doc, edition) + ".pdf")
            )
            title = (
                f"{handouts.title_of(doc)} ({edition} edition) "
                f"\u2013 {frontmatter.TITLE}"
            )
            check_xmp(pdf, title)
            xmp = pypdf.PdfReader(pdf).xmp_metadata
            assert xmp is not None
            ids.add(xmp.xmpmm_document_id)
    assert len(ids) == len(pdfs)  # one document ID a handout


def test_the_metadata_dates_are_the_builds_and_reproducible(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The date comes from SOURCE_DATE_EPOCH (the Makefile's: the last
    # commit's time), so a rebuild writes the same bytes; the IDs are
    # derived, not random.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764620000")
    assert frontmatter.build_epoch() == 1764620000

    def facts() -> frontmatter.PdfFacts:
        return frontmatter.pdf_facts(
            "handout-oop-student", "Part II (student edition)", "abc",
            False, frontmatter.build_epoch(), "xdvipdfmx (1)",
        )  # fmt: skip

    assert frontmatter.pdf_metadata([facts()]) == frontmatter.pdf_metadata(
        [facts()]
    )
    packet = frontmatter.xmp_packet(facts())
    assert "<xmp:CreateDate>2025-12-01T20:13:20Z</xmp:CreateDate>" in packet
    assert "(D:20251201201320Z)" in frontmatter.pdf_metadata([facts()])
    other = frontmatter.pdf_facts(
        "handout-oop-student", "Part II (student edition)", "abd", False,
        1764620000, "xdvipdfmx (1)",
    )  # fmt: skip
    assert other.document_id == facts().document_id
    assert other.instance_id != facts().instance_id


def page_labels(pdf: Path) -> list[str]:
    return list(pypdf.PdfReader(pdf).page_labels)


def test_no_page_label_repeats(book_build: Path, handouts_build: Path) -> None:
    # Print review PE9: the book labelled its title and verso "1" and "2",
    # then i-iii, then 1, 2, ... again; the handouts labelled both the
    # title and the verso "1". Now they are i and ii, and the contents go
    # on from iii.
    pdfs = every_pdf(book_build, handouts_build)
    assert len(pdfs) > 1
    for pdf in pdfs:
        labels = page_labels(pdf)
        repeated = sorted({x for x in labels if labels.count(x) > 1})
        assert repeated == [], (pdf.name, repeated)
        assert labels[:3] == ["i", "ii", "iii"], (pdf.name, labels[:5])
        assert "1" in labels


# ------------------------------------------------------------- pagination


def test_listings_keep_their_tails_and_their_lead_ins(
    book_build: Path,
) -> None:
    # Before the fix: 74 lead-ins at the foot of a page with the listing
    # overleaf, and listings carrying 2 lines overleaf (print review M3).
    # The check also fails a page whose last row is a section title: on
    # the build of 881d6d1 it found the 19 pages of print review PE1 (the
    # space check before a listing followed the title and broke the page
    # after it); KeepListingsWhole now puts that check before the title.
    pdf = built(book_build, ".pdf")
    assert latex.check_pagination(pdf) == []


#: The only holes the hole gate lets through: a chapter's key-points box
#: is set whole (KeepListingsWhole), so the page before it may end early.
#: (Exercises and solutions were let through too, 5 pages, while their
#: boxes were frames: a listing in a frame asked for 15 lines of room, or
#: Sphinx set it in an unbreakable minipage. They are set between rules
#: now, conf.py's sphinxnote, and their listings break like any other.)
JUSTIFIED_HOLE_OPENERS = ("Key points",)


def test_no_page_inside_a_chapter_ends_with_a_hole(book_build: Path) -> None:
    # Print review PE2: on the build of 881d6d1 the gate found the 16 pages
    # the review lists but one (p. 170, a two-line lead-in and an 11-line
    # listing that the 119 pt hole could not hold: justified by the rule)
    # and the 7 of PE1's pages that also ended early: 22 holes of 8-15
    # lines, from space checks sized for a whole lead-in and for 15 lines
    # of a long listing.
    pdf = built(book_build, ".pdf")
    pages = latex.page_layout(pdf)
    holes = []
    for problem in latex.check_holes(pdf):
        number = int(problem.split()[1].rstrip(":"))
        opener = pages[number].rows[0].text
        if not opener.startswith(JUSTIFIED_HOLE_OPENERS):
            holes.append(problem)
    assert holes == []


def test_nothing_is_set_below_the_foot_of_a_page(
    book_build: Path, handouts_build: Path
) -> None:
    # Print review QB2: in the oop handout's instructor edition a
    # solution's listing ran 45 pt past the folio of p. 24 (Sphinx set it
    # in an unbreakable minipage inside the solution's frame). The build
    # checks every PDF so (bookkit.latex.main); so does this test.
    pdfs = every_pdf(book_build, handouts_build)
    assert len(pdfs) == 1 + 2 * len(handouts.starts())
    for pdf in pdfs:
        log = next(
            pdf.parent.glob(f"*/{pdf.stem}.log"), pdf.with_suffix(".log")
        )
        assert latex.check_foot(pdf, log) == [], pdf.name


def test_the_foot_check_sees_a_box_past_the_foot(tmp_path: Path) -> None:
    # The unsafe variant: an unbreakable box (60 lines) taller than a page
    # is moved to a page of its own (p. 3) and still runs past its foot;
    # the check names that page and the lines below the foot.
    lines = r"\\".join(f"line {n}" for n in range(1, 61))
    (tmp_path / "box.tex").write_text(
        "\\documentclass{article}\\usepackage[a4paper]{geometry}\n"
        r"\AtBeginDocument{\typeout{BOOK-LAYOUT: left=0pt width=0pt foot="
        r"\the\dimexpr 1in+\voffset+\topmargin+\headheight+\headsep"
        r"+\textheight\relax}}" + "\n"
        r"\begin{document}First page.\par\newpage Text.\par\vspace{8cm}"
        r"\noindent\begin{minipage}{\linewidth}"
        + lines
        + r"\end{minipage}\end{document}"
        + "\n"
    )
    subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "box.tex"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    problems = latex.check_foot(tmp_path / "box.pdf", tmp_path / "box.log")
    assert problems, "the box past the foot was not found"
    assert all(p.startswith("page 3: 'line ") for p in problems), problems


def test_no_frame_or_rule_reaches_into_a_margin(
    book_build: Path, handouts_build: Path
) -> None:
    # Print review PE15: listing frames ran up to 3 pt into the margin,
    # and no check looked at anything but text. The build checks every
    # PDF's painted paths (bookkit.latex.main); so does this test.
    pdfs = every_pdf(book_build, handouts_build)
    paths = 0
    for pdf in pdfs:
        log = next(
            pdf.parent.glob(f"*/{pdf.stem}.log"), pdf.with_suffix(".log")
        )
        paths += sum(len(page) for page in latex.painted_paths(pdf))
        assert latex.check_frames(pdf, log) == [], pdf.name
    assert paths > 1000  # frames, rules and backgrounds are seen


def test_the_frame_check_sees_a_rule_in_the_margin(tmp_path: Path) -> None:
    # The unsafe variant: a full-width rule moved 3 pt to the left, and a
    # framed box 2 pt wider than the text block.
    (tmp_path / "frames.tex").write_text(
        "\\documentclass{article}\\usepackage[a4paper]{geometry}\n"
        r"\AtBeginDocument{\typeout{BOOK-LAYOUT: left=\the\dimexpr 1in"
        r"+\hoffset+\oddsidemargin\relax\space width=\the\textwidth"
        r"\space foot=0pt}}" + "\n"
        r"\begin{document}\pagestyle{empty}\noindent\rule{\linewidth}{1pt}"
        r"\par\noindent\hspace*{-3pt}\rule{\linewidth}{1pt}\newpage"
        r"\noindent\fboxsep=0pt\fboxrule=1pt\fbox{\parbox{\linewidth}{x}}"
        r"\end{document}" + "\n"
    )
    subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "frames.tex"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    problems = latex.check_frames(
        tmp_path / "frames.pdf", tmp_path / "frames.log"
    )
    assert problems[0].startswith("page 1: "), problems
    assert "reaches 3.0pt into the left margin" in problems[0], problems
    assert len(problems) > 1, problems
    for problem in problems[1:]:  # the box's rules, drawn one by one
        assert problem.startswith("page 2: "), problems
        assert "into the right margin" in problem, problems


SESSION = """\
>>> from fastapi.testclient import TestClient
>>> client = TestClient(app)
>>> client.post("/recursive/1", json=loop).status_code
500
>>> class OpenPatch(TokenPatch):
...     model_config = ConfigDict(extra="allow")
>>> OpenPatch(token="t", admin=True).model_extra
{'admin': True}
>>> Invoice.__annotations__
Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
  File "<stdin>", line 1, in <module>
  File "<stdin>", line 1, in <module>
  File "<stdin>", line 1, in <module>
  File "<stdin>", line 1, in <module>
NameError: name 'Invoice' is not defined
>>> print("done")
done"""


def test_a_session_may_break_only_before_a_prompt_or_inside_a_long_run() -> (
    None
):
    # Print review R2: sessions split between a call and its output (book
    # pp. 33, 197, 233 of 5376521) and inside a two-line class (p. 86).
    lines = SESSION.split("\n")
    breaks = sphinxext.listing_breaks(SESSION)
    # Prompts, but not among the first three lines or the last four: lines
    # 5, 7 and 9 open examples; 13 and 14 are inside the traceback, three
    # of its lines on each side; 17 (the last example) is in the tail.
    assert breaks == [5, 7, 9, 13, 14], [lines[j - 1] for j in breaks]
    # A listing of code, not a session: any line outside its ends.
    code = "\n".join(f"x{n} = {n}" for n in range(1, 11))
    assert sphinxext.listing_breaks(code) == [4, 5, 6]
    # Blank lines do not count towards the ends.
    assert sphinxext.listing_breaks("a\n\nb\nc\nd\ne\nf\ng\nh") == [5]


def test_no_session_parts_a_call_from_its_output(
    book_build: Path, handouts_build: Path
) -> None:
    # Print review R2: on the build of 5376521 the check found the book's
    # pages 33, 86, 107, 142, 197, 233 and 236. A session may break only
    # before a prompt or inside a long run (bookkit.sphinxext).
    seen = 0
    for pdf in every_pdf(book_build, handouts_build):
        pages = latex.page_rows(pdf)
        for number, page in enumerate(pages, 1):
            following = pages[number] if number < len(pages) else []
            problem = latex.session_break(page, following)
            assert problem is None, (pdf.name, number, problem)
            seen += bool(
                page
                and "continues on next page" in page[-1][1]
                and any(t.startswith(">>>") for _, t in following[1:4])
            )
    assert seen >= 3  # split sessions are seen: they break at a prompt


def test_the_session_check_sees_a_call_parted_from_its_output() -> None:
    # The unsafe variants, as poppler reads a split session's rows.
    def rows(*texts: str) -> list[tuple[str, str]]:
        return [("code", text) for text in texts]

    foot = [("text", "(continues on next page)")]
    head = [("text", "(continued from previous page)")]
    call = rows(">>> a = 1", ">>> client.post('/x').status_code")
    assert "parted from its output" in str(
        latex.session_break(call + foot, head + rows("500", ">>> b"))
    )
    klass = rows(">>> a = 1", ">>> class OpenPatch(TokenPatch):")
    problem = latex.session_break(
        klass + foot, head + rows("...     x = 1", ">>> b")
    )
    assert "run of input with 1 line(s) of it before and 1 after" in str(
        problem
    )
    trace = rows(">>> f()", "Traceback", "  a", "  b", "  c")
    assert latex.session_break(trace + foot, head + rows("  d", "E", ">>> b"))
    assert latex.session_break(trace + foot, head + rows("  d", ">>> b"))
    # Where the session may break: before a prompt, inside a long run.
    assert latex.session_break(call + foot, head + rows(">>> b")) is None
    assert (
        latex.session_break(trace + foot, head + rows("  d", "  e", "  f"))
        is None
    )
    # A listing of code is not a session.
    assert latex.session_break(rows("x = 1") + foot, head + rows("y")) is None


def test_a_boxs_last_lines_are_kept_with_its_last_listing() -> None:
    # Print review R1: a box's last line or two ("Solution in the
    # appendix: ...", added to the box after the listings' checks were
    # sized) opened the next page alone. The listing keeps room for them
    # (\\booklistingafter, which framed.sty's room is reduced by), and the
    # checks before a short listing and its lead-in grow with them.
    from docutils import nodes

    section = nodes.section()
    section += nodes.raw("", r"\bookneedspace{134.0pt}", format="latex")
    box = nodes.admonition()
    section += box
    content = nodes.container()  # the box's content, as sphinx-exercise's
    box += content
    content += nodes.paragraph("", "Here is a check written with assert:")
    content += nodes.raw("", r"\gdef\booklistingafter{25.6pt}", format="latex")
    content += nodes.raw("", r"\bookkeepwithlisting{105.2pt}", format="latex")
    content += nodes.literal_block("a\nb\nc\nd", "a\nb\nc\nd")
    content += nodes.paragraph("", "x" * 60)  # one line
    box += nodes.paragraph(
        "", "Solution in the appendix: Solution to 1.1.1-1."
    )
    sphinxext._refresh_box_tail(box)
    assert [raw.astext() for raw in section.findall(nodes.raw)] == [
        r"\bookneedspace{147.6pt}",
        r"\gdef\booklistingafter{39.2pt}",  # 2 lines and the closing rule
        r"\bookkeepwithlisting{118.8pt}",
    ]
    # A longer tail breaks as any paragraph does: no room is kept for it.
    box += nodes.paragraph("", "y" * 100)
    sphinxext._refresh_box_tail(box)
    assert r"\gdef\booklistingafter{0.0pt}" in section.astext()
    # A listing that no box holds keeps no room after it.
    alone = nodes.literal_block("a", "a")
    nodes.section("", alone, nodes.paragraph("", "After."))
    assert sphinxext._box_tail_lines(alone) == 0


def test_no_page_opens_with_a_boxs_closing_rule_or_ends_with_its_opening(
    book_build: Path, handouts_build: Path
) -> None:
    # Production review of the ruled boxes (finding 1): in two handouts a
    # box's closing rule went overleaf alone, above the next box's opening
    # rule (a break at the end of the box's last listing, \\@endparpenalty).
    pdfs = every_pdf(book_build, handouts_build)
    rules = 0
    for pdf in pdfs:
        rules += sum(len(page) for page in latex.box_rules(pdf))
        assert latex.check_box_rules(pdf) == [], pdf.name
    assert rules > 400  # the rules are seen: about two per box


def test_a_short_docstring_box_is_printed_whole(
    book_build: Path, handouts_build: Path
) -> None:
    # Production review, finding 8: the foreword handout's 9-line
    # docstring box split 4/5 across pages. A docstring box of up to
    # DOCSTRING_WHOLE_LINES lines closes on the page its title opens.
    pdfs = every_pdf(book_build, handouts_build)
    boxes = 0
    for pdf in pdfs:
        rules = latex.box_rules(pdf)
        for number, page in enumerate(latex.page_layout(pdf)):
            for row in page.rows:
                if not row.text.startswith("Docstring of"):
                    continue
                boxes += 1
                closes = [
                    top
                    for kind, top in rules[number]
                    if kind == "close" and top > row.bottom
                ]
                assert closes, (pdf.name, number + 1, row.text)
    assert boxes >= 1 + 2  # the book and both foreword handouts


def test_the_box_rule_check_sees_a_rule_alone(tmp_path: Path) -> None:
    # The unsafe variants: a closing rule at the top of page 2, and an
    # opening rule at the foot of page 1.
    (tmp_path / "rules.tex").write_text(
        "\\documentclass{article}\\usepackage[a4paper]{geometry}\n"
        r"\begin{document}\pagestyle{empty}Text.\par\vspace*{\fill}"
        r"\noindent\rule{\linewidth}{1.2pt}\newpage"
        r"\noindent\rule{\linewidth}{.5pt}\par Text.\par\newpage "
        r"The box's last line.\par\noindent\rule{\linewidth}{.5pt}\par "
        r"Text after the box.\par\end{document}" + "\n"
    )
    subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "rules.tex"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    assert latex.check_box_rules(tmp_path / "rules.pdf") == [
        "page 1: a box's opening rule ends the page",
        "page 2: a box's closing rule opens the page",
        "page 3: a box's last 1 line(s) open the page, apart from the box: "
        "'The box\u2019s last line.'",
    ]


def test_no_included_listing_starts_or_ends_with_a_blank_line(
    book_build: Path,
) -> None:
    # 12 listings cut from a module by :start-after: began with one or two
    # blank lines, printed inside the frame, and 31 cut by :end-before:
    # ended with them (the blank lines between top-level definitions);
    # TrimIncludedListings takes them off.
    tex = built(book_build, ".tex").read_text(encoding="utf-8")
    blocks = re.findall(
        r"\\begin\{sphinxVerbatim\}(?:\[[^\]]*\])?\n(.*?)\\end\{sphinxVerbatim\}",
        tex,
        re.S,
    )
    assert len(blocks) > 500
    blank_ends = [
        b[:60] for b in blocks if b.startswith("\n") or b.endswith("\n\n")
    ]
    assert blank_ends == []


def test_the_hole_gate_measures_the_pages(book_build: Path) -> None:
    # The gate reads the layout: the foot it measures from is low on the
    # page, most pages end within 8 lines of it (\raggedbottom), and it
    # tells headings from text (so that PE1's check can see them).
    pages = latex.page_layout(built(book_build, ".pdf"))
    ends = [
        page.rows[-1].bottom
        for page, following in itertools.pairwise(pages)
        if page.headed and page.rows and following.headed  # not a chapter end
    ]
    foot = sorted(ends)[len(ends) // 2]
    assert foot > 0.8 * pages[10].height
    near = [end for end in ends if foot - end <= latex.HOLE_LINES * 13.6]
    assert len(near) > 0.9 * len(ends)
    headings = [r for p in pages for r in p.rows if r.kind == "heading"]
    assert len(headings) > 100


def test_the_pagination_check_sees_listings_and_their_breaks(
    book_build: Path,
) -> None:
    # The check reads the layout right: it finds code rows on many pages,
    # and the split listings (marked "continued") that it inspects.
    pages = latex.page_rows(built(book_build, ".pdf"))
    with_code = [page for page in pages if any(k == "code" for k, _ in page)]
    assert len(with_code) > len(pages) // 2
    continued = [
        page for page in pages if page and page[0][1].startswith("(continued")
    ]
    assert continued
    tex = built(book_build, ".tex").read_text(encoding="utf-8")
    assert r"\gdef\booklistinglines{" in tex
    assert r"\bookkeepwithlisting{" in tex
    assert r"\gdef\booklistingbreaks{," in tex


def test_links_and_headings_print_black(
    book_build: Path, handouts_build: Path
) -> None:
    # Print review m5 (PE16): the book's links, contents entries and index
    # pages were blue, pale grey in print; the handouts' already black.
    texs = sorted((handouts_build / "handouts").glob("*/*.tex"))
    assert texs
    for tex in [built(book_build, ".tex"), *texs]:
        text = tex.read_text(encoding="utf-8")
        assert "InnerLinkColor={rgb}{0,0,0}" in text, tex.name
        assert "OuterLinkColor={rgb}{0,0,0}" in text, tex.name
        # print review R14: the headings were Sphinx's dark blue
        assert "TitleColor={rgb}{0,0,0}" in text, tex.name


# ----------------------------------------------------- part pages, contents


def fonts_of(page: pypdf.PageObject, needle: str) -> set[str]:
    """The fonts in which ``page`` sets text that contains ``needle``."""
    fonts: set[str] = set()

    def visit(
        text: str,
        cm: object,
        tm: object,
        font: dict[str, object] | None,
        size: float,
    ) -> None:
        if needle in text:
            fonts.add(str((font or {}).get("/BaseFont", "")))

    page.extract_text(visitor_text=visit)
    return fonts


def test_part_pages_are_set_like_the_chapter_heads_without_a_folio(
    book_build: Path,
) -> None:
    # Print review PE14: the part title was Pagella Bold, centred, with a
    # folio, and "Part II: Object-oriented / Python" broke before its last
    # word. Now "Part II" stands over the part's name, in the heads' sans
    # face (conf.py's \bookparttitle), and the page has no folio.
    tex = built(book_build, ".tex").read_text(encoding="utf-8")
    parts = re.findall(r"\\part\[\{([^}]*)\}\]\{\\bookparttitle\{", tex)
    assert len(parts) == len(handouts.starts()) - 1, parts
    pages = latex.page_layout(built(book_build, ".pdf"))
    reader = pypdf.PdfReader(built(book_build, ".pdf"))
    for title in parts:
        number, _, name = title.partition(": ")
        found = [
            i
            for i, page in enumerate(pages)
            if len(page.rows) > 1
            and page.rows[0].text == number
            and page.rows[1].text == name
        ]
        assert len(found) == 1, (title, found)
        assert not pages[found[0]].numbered, title
        fonts = fonts_of(reader.pages[found[0]], number)
        assert fonts, title
        assert all("Heros-Bold" in f for f in fonts), fonts


_TOC_ENTRY = re.compile(
    r"^\\contentsline \{(?P<kind>part|chapter)\}\{(?P<title>.*)\}"
    r"\{(?P<page>[^{}]*)\}\{[^{}]*\}%?$",
    re.M,
)


def test_a_chapter_without_sections_names_itself_on_every_page(
    book_build: Path,
) -> None:
    # Print review R8: the recto heads of "About this edition" (no
    # sections) were empty under the head rule.
    pages = latex.pdftotext(built(book_build, ".pdf"), "-layout").split("\f")
    heads = [
        p.strip().splitlines()[0].strip() if p.strip() else "" for p in pages
    ]
    first = heads.index("About this edition")
    last = next(i for i in range(first, len(heads)) if heads[i] == "Index")
    assert last - first >= 3
    for number in range(first + 1, last):
        assert heads[number].startswith("About this edition"), (
            number,
            heads[number],
        )


def test_the_foreword_is_front_matter_and_part_one_opens_page_1(
    book_build: Path,
) -> None:
    # Print review M6: the foreword was numbered in arabic as main matter.
    # Its folios are roman now, going on from the contents'; Part I is
    # page 1, and every page before it has a roman label.
    toc = built(book_build, ".toc").read_text(encoding="utf-8")
    entries = [
        (m["kind"], m["title"], m["page"]) for m in _TOC_ENTRY.finditer(toc)
    ]
    (kind, title, foreword), (part_kind, _, part_page) = entries[:2]
    assert kind == "chapter", entries[:2]
    assert "Foreword" in title, entries[:2]
    assert re.fullmatch(r"[ivxl]+", foreword), entries[0]
    assert part_kind == "part", entries[1]
    assert part_page == "1", entries[1]
    labels = page_labels(built(book_build, ".pdf"))
    first = labels.index("1")
    assert all(re.fullmatch(r"[ivxl]+", x) for x in labels[:first]), labels
    assert all(x.isdigit() for x in labels[first:]), labels[first:]
    assert labels.index(foreword) < first
    # Print review of 868f255, B1: page 1 was the 12th sheet side, a verso,
    # so in two-sided print every folio and head fell in the gutter. Every
    # numbered page's folio now has the parity of its place in the PDF (a
    # blank verso ends the front matter if need be).
    assert first % 2 == 0, first  # (0-based: the 13th side, a recto)
    for index, label in enumerate(labels[first:], first):
        assert int(label) % 2 == (index + 1) % 2, (index, label)
    # The foreword's pages print their roman folio.
    pages = latex.pdftotext(built(book_build, ".pdf"), "-layout").split("\f")
    start = labels.index(foreword)
    for number in range(start + 1, first - 1):
        lines = [x.strip() for x in pages[number].splitlines() if x.strip()]
        assert lines[-1] == labels[number], (number, lines[-1:])


def test_no_contents_page_starts_inside_a_chapter(book_build: Path) -> None:
    # Print review m6: a contents page opened with the last entry of a
    # chapter ("Exercises ... 93"), another inside chapter 1.3.2. A page of
    # the contents now breaks before a chapter's (or a part's) entry.
    toc = built(book_build, ".toc").read_text(encoding="utf-8")
    heads = [
        " ".join(re.sub(r"\\[a-zA-Z]+|[{}]", " ", title).split())[:20]
        for title in re.findall(
            r"\\contentsline \{(?:part|chapter)\}\{(.*)\}\{[^{}]*\}\{[^{}]*\}%?$",
            toc,
            re.M,
        )
    ]
    assert len(heads) > 10
    pdf = built(book_build, ".pdf")
    labels = page_labels(pdf)
    pages = latex.page_layout(pdf)
    # The contents' pages after its first: from iv to the foreword's first
    # page, front matter too (roman).
    foreword = next(
        m["page"] for m in _TOC_ENTRY.finditer(toc) if m["kind"] == "chapter"
    )
    contents = [
        page
        for label, page in zip(
            labels[3 : labels.index(foreword)],
            pages[3 : labels.index(foreword)],
            strict=True,
        )
        if page.rows
    ]
    assert contents
    assert labels[3] == "iv"
    for page in contents:
        first = " ".join(page.rows[0].text.split())
        assert any(first.startswith(head) for head in heads), first


def test_few_loose_lines_in_the_body_text(book_build: Path) -> None:
    # Print review PE11: 21 pages of loose, rivered lines in justified
    # text, from long inline code that could not break. With breaks after
    # "-" and "_" in inline code (Sphinx already breaks after ".") and
    # \emergencystretch, the log's "Underfull \hbox (badness 10000) in
    # paragraph" before the edition table fell from 25 to 10; without the
    # break after "-", which split "->" and options (QB1), it is 17.
    tex = built(book_build, ".tex").read_text(encoding="utf-8")
    assert r"\emergencystretch=1.5em" in tex
    lines = tex.splitlines()
    edition = next(
        number
        for number, line in enumerate(lines, 1)
        if line.startswith(r"\chapter") and "About this edition" in line
    )
    log = built(book_build, ".log").read_text(errors="replace")
    loose = [
        int(match[1])
        for match in re.finditer(
            r"Underfull \\hbox \(badness 10000\) in paragraph at lines "
            r"(\d+)--\d+",
            log,
        )
        if int(match[1]) < edition
    ]
    assert len(loose) <= 18, loose
