"""The book's front matter: who wrote it, its licence, where its code is.

One place for the facts every format prints (title page, copyright page,
PDF and EPUB metadata, the HTML download of the example code), so they
cannot disagree.  :func:`configure` runs at Sphinx's ``config-inited``
(after ``-D`` overrides), when the verification records of this build are
known, and writes the PDF's title page and its verso (the copyright page).
"""

from __future__ import annotations

import html
import io
import os
import re
import subprocess
import time
import uuid
import zipfile
from pathlib import Path
from typing import Any, NamedTuple

import sphinx
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError

from bookkit import edition
from bookkit.listings import EXAMPLES, ROOT

TITLE = "The Python underneath FastAPI"
SUBTITLE = (
    "How the interpreter, classes and type hints carry a FastAPI application"
)
AUTHOR = f"The contributors to {TITLE}"
YEAR = "2026"
RELEASE = "2026.11"
EDITION = f"{RELEASE} edition"
#: Under the edition on the title page of a build that is not a release.
DRAFT = "Draft \u2013 not a release"
LICENCE = "Creative Commons Attribution-ShareAlike 4.0 International"
LICENCE_SHORT = "CC BY-SA 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
#: The PDF's typefaces: conf.py's fontpkg and the colophon both use these.
#: One code face (print review PE10): Inconsolata, inline (scaled to
#: Pagella's x-height) and in listings, where it is narrow enough (half an
#: em a character) for 79 columns to fit the 345 pt text block at CODE_PT.
FONTS = {
    "main": "TeX Gyre Pagella",
    "sans": "TeX Gyre Heros",
    "mono": "Inconsolata",
    "code": "Inconsolata",
}
#: The listings' type size and leading (conf.py's fvset): 79 columns of
#: Inconsolata at 8.5 pt are 335.75 pt, inside the frame on the 345 pt block.
CODE_PT = 8.5
CODE_LEADING_PT = 10.5
EXAMPLES_ZIP = "examples.zip"
#: The EPUB's identifier: fixed for an edition (readers and libraries key
#: books by it), new for the next one.
EPUB_IDENTIFIER = "urn:uuid:" + str(
    uuid.uuid5(uuid.NAMESPACE_URL, f"python-underneath-fastapi/{RELEASE}")
)
DESCRIPTION = (
    "A printable, tested book about the parts of Python that FastAPI "
    "stands on: how the interpreter runs your code, how classes and "
    "composition shape an application, and how type hints become "
    "validation and documentation in a FastAPI application."
)


def tex(text: str) -> str:
    """Plain text made safe for LaTeX."""
    specials = {
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "{": r"\{",
        "}": r"\}",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
        "\\": r"\textbackslash{}",
    }
    return "".join(specials.get(char, char) for char in text)


def colophon(commit: str, dirty: bool) -> str:
    where = f"commit {commit[:12]}" if commit else "a tree outside git"
    return (
        f"Set in {FONTS['main']} (text), {FONTS['sans']} (headings) and "
        f"{FONTS['code']} (code, inline and in listings) with XeLaTeX; "
        f"built with Sphinx {sphinx.__version__} from {where}"
        + (" with uncommitted changes" if dirty else "")
        + "."
    )


def copyright_page(stamp: str, commit: str, dirty: bool, part: str) -> str:
    """The LaTeX of the title verso (book) or page 2 (a handout)."""
    book = rf"\emph{{{tex(TITLE)}}}"
    lines = [
        r"\begingroup\small\raggedright\parindent=0pt\parskip=0.7\baselineskip",
        r"\null\vfill",
        # ``part`` is LaTeX (it names the handout's \@title)
        rf"{book}, {tex(EDITION)}." + (f" {part}" if part else ""),
        "",
        rf"\copyright{{}} {YEAR} the contributors to {book}.",
        "",
        rf"This work is licensed under the {tex(LICENCE)} licence "
        rf"({tex(LICENCE_SHORT)}): \url{{{LICENCE_URL}}}. You may copy, "
        "share and adapt it, also commercially, provided you give credit, "
        "say what you changed, and share your adaptation under the same "
        "licence.",
        "",
        # A handout's stamp counts its own chapters (handout_stamps).
        r"\textbf{Verification.} "
        + (r"\csname bookstamp@\jobname\endcsname" if part else tex(stamp)),
        "",
        r"\textbf{Example code.} The modules the listings run are in the "
        r"folder \texttt{src/examples/} of the book's source repository, "
        "from which this copy was built"
        + (f" (commit {tex(commit[:12])})" if commit else "")
        + f"; the HTML edition of this copy offers them as a download, "
        rf"\texttt{{{tex(EXAMPLES_ZIP)}}}.",
        "",
        r"\textbf{Numbering.} Chapter numbers follow the course: 1.2.3 is "
        "the third chapter of Part II.",
        "",
        rf"\textbf{{Colophon.}} {tex(colophon(commit, dirty))}",
        r"\par\endgroup",
    ]
    return "\n".join(lines)


def maketitle(
    stamp: str, commit: str, dirty: bool, handout: bool, release: bool
) -> str:
    """``latex_elements['maketitle']``: title page, then its verso."""
    if handout:
        # The handout's own title (\@title) is its part; the book is named.
        # The edition goes on a line of its own, smaller (print review
        # PE16: "(student / edition)" broke across lines): \bookshorttitle
        # is the title without it (handout_titles).
        heading = (
            r"{\Huge\bfseries \ifcsname bookshorttitle@\jobname\endcsname"
            r"\csname bookshorttitle@\jobname\endcsname\else\@title\fi\par}"
            r"\ifcsname bookedition@\jobname\endcsname\vspace{0.6em}"
            r"{\LARGE\csname bookedition@\jobname\endcsname\par}\fi"
            r"\vspace{1.5em}"
            rf"{{\Large From \emph{{{tex(TITLE)}}}\par}}"
        )
        part = r"A handout from the book: \@title."
    else:
        heading = (
            rf"{{\Huge\bfseries {tex(TITLE)}\par}}\vspace{{1em}}"
            rf"{{\Large {tex(SUBTITLE)}\par}}"
        )
        part = ""
    return "\n".join(
        [
            r"\makeatletter",
            r"\let\sphinxrestorepageanchorsetting\relax",
            r"\ifHy@pageanchor\def\sphinxrestorepageanchorsetting"
            r"{\Hy@pageanchortrue}\fi",
            r"\hypersetup{pageanchor=false}",
            # Page labels (PE9): the title page and its verso are i and ii,
            # the contents go on from iii, so no label repeats ("go to
            # page 1" opens the first page of text). LaTeX's titlepage
            # resets the page counter to 1 in a one-sided document (the
            # handouts), and \sphinxtableofcontents restarts roman at i.
            r"\pagenumbering{roman}",
            r"\begin{titlepage}\centering\sffamily",
            r"\null\vspace{0.16\textheight}",
            heading,
            r"\vspace{2.5em}",
            rf"{{\large {tex(EDITION)}\par}}",
            "" if release else rf"\vspace{{0.5em}}{{\large {tex(DRAFT)}\par}}",
            r"\vfill",
            rf"{{\large The contributors to \emph{{{tex(TITLE)}}}\par}}",
            r"\vspace{0.08\textheight}",
            r"\end{titlepage}",
            r"\setcounter{page}{2}",
            r"\thispagestyle{empty}",
            copyright_page(stamp, commit, dirty, part),
            r"\clearpage",
            r"\if@openright\cleardoublepage\else\clearpage\fi",
            r"\xdef\bookcontentspage{\the\value{page}}",
            r"\g@addto@macro\sphinxtableofcontentshook"
            r"{\setcounter{page}{\bookcontentspage}}",
            r"\sphinxrestorepageanchorsetting",
            r"\makeatother",
        ]
    )


KEYWORDS = "Python, FastAPI, CPython, type hints"


class PdfFacts(NamedTuple):
    """What one PDF's document information dictionary and XMP packet both
    say (print review PE8: validators require the two to agree)."""

    job: str  # the .tex name without its suffix: LaTeX's \\jobname
    title: str
    created: int  # seconds since the epoch, UTC
    creator: str
    producer: str
    document_id: str
    instance_id: str


def build_epoch() -> int:
    """The build's date: ``SOURCE_DATE_EPOCH`` (the Makefile sets it to the
    last commit's time, so a rebuild is byte-identical), else now."""
    return int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())


def producer() -> str:
    """What xdvipdfmx writes as the PDF's /Producer ("xdvipdfmx
    (20211117)"); the XMP packet says the same, and so the build sets it
    in both."""
    try:
        out = subprocess.run(
            ["xdvipdfmx", "--version"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    except OSError:
        out = ""
    found = re.search(r"Version (\d+)", out)
    return f"xdvipdfmx ({found[1]})" if found else "xdvipdfmx"


def pdf_facts(
    job: str, title: str, commit: str, dirty: bool, epoch: int, made_by: str
) -> PdfFacts:
    """The metadata of the PDF ``job``: the book's title, or a handout's
    own followed by the book's ("Part II: ... (student edition) - The
    Python underneath FastAPI"). The document ID is one per PDF and
    edition; the instance ID changes with the commit and the date, and
    both are the same on a rebuild of the same tree."""
    full = TITLE if title == TITLE else f"{title} \u2013 {TITLE}"
    name = f"python-underneath-fastapi/{RELEASE}/{job}"
    instance = f"{name}/{commit}/{int(dirty)}/{epoch}"
    return PdfFacts(
        job=job,
        title=full,
        created=epoch,
        creator=f"Sphinx {sphinx.__version__} with XeLaTeX and hyperref",
        producer=made_by,
        document_id=f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}",
        instance_id=f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, instance)}",
    )


def xmp_packet(facts: PdfFacts) -> str:
    """The PDF's XMP metadata: title, author, language, licence (M15), and
    the dates, tools and IDs of the document information (PE8).

    The same facts as the document information dictionary, in the form
    that PDF/UA and archive tools read (Dublin Core, XMP, XMP Media
    Management and XMP Rights).
    """

    def xml(text: str) -> str:
        return html.escape(text, quote=True)

    date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(facts.created))
    return "".join(
        [
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
            '<rdf:Description rdf:about=""',
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
            ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
            ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
            ' xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"',
            ' xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/">',
            "<dc:format>application/pdf</dc:format>",
            "<dc:title><rdf:Alt>",
            f'<rdf:li xml:lang="x-default">{xml(facts.title)}</rdf:li>',
            "</rdf:Alt></dc:title>",
            f"<dc:creator><rdf:Seq><rdf:li>{xml(AUTHOR)}</rdf:li>",
            "</rdf:Seq></dc:creator>",
            "<dc:description><rdf:Alt>",
            f'<rdf:li xml:lang="x-default">{xml(SUBTITLE)}</rdf:li>',
            "</rdf:Alt></dc:description>",
            "<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>",
            "<dc:rights><rdf:Alt>",
            f'<rdf:li xml:lang="x-default">{xml(RIGHTS)}</rdf:li>',
            "</rdf:Alt></dc:rights>",
            f"<pdf:Keywords>{xml(KEYWORDS)}</pdf:Keywords>",
            f"<pdf:Producer>{xml(facts.producer)}</pdf:Producer>",
            f"<xmp:CreateDate>{date}</xmp:CreateDate>",
            f"<xmp:ModifyDate>{date}</xmp:ModifyDate>",
            f"<xmp:MetadataDate>{date}</xmp:MetadataDate>",
            f"<xmp:CreatorTool>{xml(facts.creator)}</xmp:CreatorTool>",
            f"<xmpMM:DocumentID>{facts.document_id}</xmpMM:DocumentID>",
            f"<xmpMM:InstanceID>{facts.instance_id}</xmpMM:InstanceID>",
            "<xmpRights:Marked>True</xmpRights:Marked>",
            f"<xmpRights:WebStatement>{xml(LICENCE_URL)}"
            "</xmpRights:WebStatement>",
            "</rdf:Description>",
            "</rdf:RDF>",
            "</x:xmpmeta>",
            '<?xpacket end="w"?>',
        ]
    )


#: The licence statement of the XMP metadata.
RIGHTS = (
    f"\u00a9 {YEAR} {AUTHOR}. Licensed under the {LICENCE} licence "
    f"({LICENCE_SHORT}): {LICENCE_URL}"
)


def pdf_metadata(documents: list[PdfFacts]) -> str:
    """Preamble: the PDF's language (/Lang), document information and XMP.

    One Sphinx run writes several PDFs (the handouts) from one preamble, so
    each PDF's title and packet are defined under its ``\\jobname`` and
    picked by it. The dates go into the information dictionary through
    xdvipdfmx's ``pdf:docinfo`` special, from the same value as the XMP.
    The XMP packet goes into the catalogue as ``/Metadata`` through
    xdvipdfmx's ``pdf:stream`` special on the first page (hyperxmp 2020
    wrote no packet under XeTeX). Its ``#`` characters are read with
    catcode 12 so that TeX takes them as text.
    """
    first = (
        documents[0]
        if documents
        else pdf_facts(TITLE, TITLE, "", False, build_epoch(), producer())
    )
    date = time.strftime("D:%Y%m%d%H%M%SZ", time.gmtime(first.created))
    lines = [r"\begingroup\catcode`\#=12\relax"]
    for facts in documents:
        lines += [
            rf"\expandafter\gdef\csname booktitle@{facts.job}\endcsname"
            rf"{{{tex(facts.title)}}}",
            rf"\expandafter\gdef\csname bookxmp@{facts.job}\endcsname"
            "{" + xmp_packet(facts) + "}",
        ]
    lines += [
        r"\endgroup",
        r"\ifcsname booktitle@\jobname\endcsname\expandafter\let"
        r"\expandafter\booktitle\csname booktitle@\jobname\endcsname"
        rf"\else\def\booktitle{{{tex(TITLE)}}}\fi",
        r"\hypersetup{",
        rf"  pdfauthor={{{tex(AUTHOR)}}},",
        r"  pdftitle={\booktitle},",
        r"  pdflang={en},",
        # A viewer's title bar shows the title, not the file name
        # (/ViewerPreferences /DisplayDocTitle, PDF/UA; print review PE6).
        r"  pdfdisplaydoctitle=true,",
        rf"  pdfsubject={{{tex(SUBTITLE)}}},",
        rf"  pdfkeywords={{{KEYWORDS}}},",
        rf"  pdfcreator={{{tex(first.creator)}}},",
        rf"  pdfproducer={{{tex(first.producer)}}},",
        "}",
        r"\AddToHook{shipout/firstpage}{\special{pdf:docinfo <</CreationDate "
        rf"({date}) /ModDate ({date})>>}}"
        r"\ifcsname bookxmp@\jobname\endcsname\special{pdf:stream @bookxmp "
        r"(\csname bookxmp@\jobname\endcsname) <</Type/Metadata/Subtype/XML>>}"
        r"\special{pdf:put @catalog <</Metadata @bookxmp>>}\fi}",
    ]
    return "\n".join(lines)


_EDITION_SUFFIX = re.compile(r"^(?P<title>.*) (?P<edition>\(\w+ edition\))$")


def handout_stamps(stamps: list[tuple[str, str]]) -> str:
    """Preamble: each handout's verification sentence under its
    ``\\jobname`` (``bookstamp@...``), for its page 2."""
    return "\n".join(
        rf"\expandafter\gdef\csname bookstamp@{job}\endcsname{{{tex(text)}}}"
        for job, text in stamps
    )


def handout_titles(documents: list[tuple[str, str]]) -> str:
    """Preamble: each handout's title without its edition, and the
    edition, under its ``\\jobname`` (``bookshorttitle@...``,
    ``bookedition@...``), for its title page."""
    lines = []
    for job, title in documents:
        match = _EDITION_SUFFIX.match(title)
        if match is None:
            continue
        for key, value in (
            ("bookshorttitle", match["title"]),
            ("bookedition", match["edition"]),
        ):
            lines.append(
                rf"\expandafter\gdef\csname {key}@{job}\endcsname"
                rf"{{{tex(value)}}}"
            )
    return "\n".join(lines)


def configure(app: Sphinx, config: Any) -> None:
    """``config-inited``: the title page and verso of this build's PDF."""
    outdir = Path(config.book_editions_dir or ROOT / "_build" / "editions")
    if config.book_release:
        problems = edition.release_problems(edition.load_editions(outdir))
        if problems:
            raise ConfigError(
                "a release needs every supported Python verified: "
                + "; ".join(problems)
            )
    stamp = edition.stamp(outdir, release=bool(config.book_release))
    commit, dirty = edition.head(), edition.dirty()
    handout = app.tags.has("handouts")
    elements = dict(config.latex_elements)
    elements["maketitle"] = maketitle(
        stamp, commit, dirty, handout, release=bool(config.book_release)
    )
    epoch, made_by = build_epoch(), producer()
    documents = [
        pdf_facts(
            str(tex_name).removesuffix(".tex"),
            str(title),
            commit,
            dirty,
            epoch,
            made_by,
        )
        for _, tex_name, title, *_ in config.latex_documents
    ]
    elements["preamble"] = (
        elements.get("preamble", "")
        + "\n"
        + pdf_metadata(documents)
        + "\n"
        + (
            handout_titles(
                [
                    (d.job, t)
                    for d, (_, _, t, *_) in zip(
                        documents, config.latex_documents, strict=True
                    )
                ]
            )
            + "\n"
            + handout_stamps(
                [
                    (d.job, _handout_stamp(outdir, config, start))
                    for d, (start, *_) in zip(
                        documents, config.latex_documents, strict=True
                    )
                ]
            )
            if handout
            else ""
        )
        + "\n"
    )
    config.latex_elements = elements


def _handout_stamp(outdir: Path, config: Any, start: str) -> str:
    """The stamp of the handout that starts at ``start``: the blocks of its
    part's index and chapters (the foreword's: its own)."""
    from bookkit import handouts

    docs = {start, *handouts.chapters_of(start)}
    # A student handout prints no solution (conf.py's hide_solutions).
    solutions = not getattr(config, "hide_solutions", False)
    try:
        return edition.stamp(
            outdir, bool(config.book_release), docs, solutions
        )
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def examples_zip() -> bytes:
    """``src/examples`` as a zip, the same bytes for the same sources."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(EXAMPLES.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            name = path.relative_to(EXAMPLES.parent).as_posix()
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


#: The other formats, by builder folder, that the HTML offers when the
#: same ``make`` command built them (m15).
FORMATS = (
    ("latex", "python-underneath-fastapi.pdf", "a PDF, for printing"),
    ("epub", "python-underneath-fastapi.epub", "an EPUB, for e-readers"),
)


def built_alongside(app: Sphinx) -> list[tuple[Path, str]]:
    """The PDF and EPUB that this command built before the HTML.

    The Makefile builds the HTML last when ``latexpdf`` or ``epub`` are
    asked for too.  A file counts only if it is newer than this command's
    doctest record (``local.json``, written first by every ``make``
    build), so an older PDF left in the build folder is never offered
    as this copy's.
    """
    outdir = Path(app.config.book_editions_dir or ROOT / "_build" / "editions")
    record = outdir / edition.LOCAL
    if not record.exists():
        return []
    build = Path(app.outdir).parent
    found = []
    for folder, name, what in FORMATS:
        path = build / folder / name
        if path.exists() and path.stat().st_mtime > record.stat().st_mtime:
            found.append((path, what))
    return found


def landing_page_is_always_outdated(
    app: Sphinx,
    env: object,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """``env-get-outdated``: the landing page's download links depend on
    what else this command built, so it is written anew every build."""
    return [app.config.root_doc]


def write_examples(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: the HTML offers the example code as a download,
    and the PDF and EPUB built alongside it."""
    if exception is None and app.builder.name == "html":
        target = Path(app.outdir) / "_downloads" / EXAMPLES_ZIP
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(examples_zip())
        offered = {path.name for path, _ in built_alongside(app)}
        for path, _ in built_alongside(app):
            (target.parent / path.name).write_bytes(path.read_bytes())
        # A PDF or EPUB that an earlier command put here, and this one did
        # not build, is not this copy's: it goes (web review W13).
        for _, name, _ in FORMATS:
            if name not in offered:
                (target.parent / name).unlink(missing_ok=True)


def epub_rights(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the EPUB's landing page states the copyright,
    the licence and the edition, as the PDF's verso does (independent web
    review, W4: the EPUB had them only in its package metadata)."""
    if app.builder.name != "epub" or docname != app.config.root_doc:
        return
    section = next(iter(doctree.findall(nodes.section)))
    licence = nodes.reference("", LICENCE_URL, refuri=LICENCE_URL)
    section.insert(
        1,
        nodes.paragraph(
            "",
            f"{EDITION}. \u00a9 {YEAR} {AUTHOR}. Licensed under the "
            f"{LICENCE} licence ({LICENCE_SHORT}): ",
            licence,
            nodes.Text(
                ". The page About this edition, at the end, says what this "
                "copy was verified with."
            ),
        ),
    )


def link_examples(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the HTML landing page links the example code."""
    if app.builder.name != "html" or docname != app.config.root_doc:
        return
    link = nodes.reference(
        "", EXAMPLES_ZIP, refuri=f"_downloads/{EXAMPLES_ZIP}", internal=False
    )
    paragraph = nodes.paragraph(
        "",
        "The example code of this copy, the folder ",
        nodes.literal("src/examples/", "src/examples/"),
        nodes.Text(" that the listings run, is a download: "),
        link,
        nodes.Text("."),
    )
    section = next(iter(doctree.findall(nodes.section)))
    at = next(
        (
            i
            for i, child in enumerate(section.children)
            if isinstance(child, nodes.compound)  # the toctree's wrapper
        ),
        len(section.children),
    )
    section.insert(at, paragraph)
    formats = built_alongside(app)
    if formats:
        others = nodes.paragraph("", "This copy is also ")
        for i, (path, what) in enumerate(formats):
            if i:
                others += nodes.Text(" and ")
            others += nodes.Text(f"{what}: ")
            others += nodes.reference(
                "", path.name, refuri=f"_downloads/{path.name}", internal=False
            )
        others += nodes.Text(".")
        section.insert(at + 1, others)
