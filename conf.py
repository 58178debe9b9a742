"""Sphinx configuration for *The Python underneath FastAPI*.

Chapters live in ``book/``; the example code in ``src/examples/``.  Every
builder runs with ``-n -W --keep-going`` (see the Makefile): a warning or an
unresolved reference fails the build.
"""

from __future__ import annotations

from pathlib import Path

from bookkit import frontmatter, handouts, indexing, policy, sphinxext

ROOT = Path(__file__).resolve().parent
policy.check_supported()  # a clear error on an interpreter the book does not cover

# Title, author, licence: one source for every format (bookkit.frontmatter).
project = frontmatter.TITLE
author = frontmatter.AUTHOR
copyright = (  # noqa: A001 - Sphinx's name
    f"{frontmatter.YEAR}, {frontmatter.AUTHOR}; licensed under "
    f"{frontmatter.LICENCE_SHORT}"
)
release = version = frontmatter.RELEASE
language = "en"

root_doc = "index"
# A chapter's exercises, solutions and key points live in
# <chapter>.exercises.md, which the chapter pulls in with one {include}.
exclude_patterns: list[str] = ["**/*.exercises.md"]

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx_autodoc_typehints",
    "sphinx.ext.intersphinx",
    "sphinx_copybutton",
    "bookkit.copybutton",  # a copied doctest runs in the REPL (the file)
    "bookkit.sphinxext",  # doctest with the book's policy and version labels
    "bookkit.quiet",  # no myst config dump, no misleading LaTeX hint
    "bookkit.indexing",  # the index, from section titles, code and terms
    "sphinx_exercise",  # numbered exercises and their solutions
    "sphinx_togglebutton",  # HTML: a solution is folded under its exercise
]

# -- Exercises --------------------------------------------------------------
# One source, two handout editions (`make handouts`): `-t student` prints
# the exercises without their solutions, `-t instructor` with them and with
# the chapters' teaching notes (```{only} instructor```). The book prints
# the solutions; its HTML folds each one under its exercise.
EDITION = handouts.edition_of(tags.has)  # type: ignore[name-defined]  # noqa: F821
hide_solutions = tags.has("handouts") and EDITION == "student"  # type: ignore[name-defined]  # noqa: F821
# The book's PDF prints every solution in a back-matter appendix
# ("Solutions to the exercises", linked both ways with pages); a handout
# keeps each under its exercise, where an instructor reads it with the
# exercise it answers (bookkit.sphinxext.SolutionsInAnAppendix).
book_solutions_appendix = not tags.has("handouts")  # type: ignore[name-defined]  # noqa: F821
# A handout's reference to another part names the book's part and section;
# its first page says how to read it (bookkit.sphinxext: CrossHandout-
# References, HandoutFrontPage).
book_handout_edition = EDITION if tags.has("handouts") else ""  # type: ignore[name-defined]  # noqa: F821

# -- MyST -------------------------------------------------------------------
myst_heading_anchors = 3
# No rule before the footnotes: in print they are footnotes, and the rule
# was left alone at the end of the two chapters that have them (QA3).
myst_footnote_transition = False

# -- Listings ---------------------------------------------------------------
# One policy for both runners (Sphinx's doctest builder and pytest):
# see src/bookkit/policy.py.
doctest_default_flags = policy.DOCTEST_FLAGS
doctest_global_setup = policy.GLOBAL_SETUP
doctest_test_doctest_blocks = "default"
doctest_show_successes = False
highlight_language = "python3"
# WCAG AA contrast on screen (every token >= 4.5:1 on its background), and
# dark enough to print in greyscale; from accessible-pygments (furo's own
# dependency, pinned in pyproject.toml).
pygments_style = "a11y-light"
pygments_dark_style = "a11y-dark"

# -- Autodoc ----------------------------------------------------------------
# Types are shown once, in the signature; sphinx-autodoc-typehints formats
# them the same way on every Python (unions always as X | Y).
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": False}
typehints_use_signature = True
typehints_use_signature_return = True
typehints_document_rtype = False
always_use_bars_union = True
typehints_fully_qualified = False

# -- References -------------------------------------------------------------
# The standard library resolves against the inventory of Python 3.15's docs,
# kept in the repository (taken from Debian's python3.15-doc package by
# `make python-inventory`): a build never touches the network. Third-party
# libraries publish no offline inventory; their names stay plain text.
PYTHON_INVENTORY = ROOT / "src" / "bookkit" / "inventories" / "python-3.15.inv"
intersphinx_mapping = {
    "python": ("https://docs.python.org/3.15", str(PYTHON_INVENTORY)),
}
intersphinx_timeout = 1
nitpick_ignore_regex = [
    (
        r"py:.*",
        r"(fastapi|starlette|pydantic|pydantic_core|sqlalchemy|httpx|anyio)(\..*)?",
    ),
]

# -- HTML -------------------------------------------------------------------
html_theme = "furo"
html_title = project
html_static_path = ["src/bookkit/static"]
# Code that scrolls sideways can take keyboard focus (see the file).
html_js_files = [("book.js", {"priority": 900})]
# The version label of a listing is its caption (see the file).
html_css_files = ["book.css"]
html_last_updated_fmt = None
html_copy_source = False
html_domain_indices = False
html_show_sourcelink = False
# Copy buttons copy the code, not the prompts or the shown output. A block
# with ">>>" prompts is copied as doctest reads it (bookkit.copybutton: no
# regular expression can), so this one only serves "$ " shell sessions.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

# -- LaTeX / PDF --------------------------------------------------------------
latex_engine = "xelatex"
# The foreword and the chapters are LaTeX chapters, the parts LaTeX parts
# (bookkit.sphinxext.PartsAsLatexParts); titles carry the course notes'
# numbers (1.1.1, ...), so LaTeX adds no numbers of its own.
latex_toplevel_sectioning = "chapter"
latex_use_xindy = True
latex_show_urls = "no"
# A printed cross-reference says where to turn: "Part III (page 97)".
latex_show_pagerefs = True
latex_domain_indices = False  # the general index is enough for print
latex_elements = {
    "papersize": "a4paper",
    # A book face at a book measure: 11 pt TeX Gyre Pagella on a 345 pt
    # text block gives about 70 characters a line (tested on the PDF:
    # tests/tooling/test_pdf.py). One code face, Inconsolata, for inline
    # code and listings (print review PE10): inline, fontspec scales it to
    # Pagella's x-height (Scale=MatchLowercase); listings are set at 8.5 pt
    # (fvset below), where a 79-column line fits the block with its frame.
    # Every glyph the book prints is in these faces: the build fails on any
    # "Missing character" (src/bookkit/latex.py).
    "pointsize": "11pt",
    "fontpkg": rf"""
\setmainfont{{{frontmatter.FONTS["main"]}}}
\setsansfont{{{frontmatter.FONTS["sans"]}}}
% Debian's Inconsolata has one weight and no italic: the few bold or
% italic code spans (code in a heading, a highlighter's bold token) are
% emboldened and slanted from it, rather than set in another face.
% HyphenChar=None: TeX never hyphenates inline code (a reader would copy
% "utc-now()"); it breaks only where the preamble below allows, with no
% hyphen added (print review QA1).
\setmonofont{{{frontmatter.FONTS["mono"]}}}[Scale=MatchLowercase, HyphenChar=None,
  BoldFont={{{frontmatter.FONTS["mono"]}}}, BoldFeatures={{FakeBold=1.5}},
  ItalicFont={{{frontmatter.FONTS["mono"]}}}, ItalicFeatures={{FakeSlant=0.2}},
  BoldItalicFont={{{frontmatter.FONTS["mono"]}}},
  BoldItalicFeatures={{FakeBold=1.5, FakeSlant=0.2}}]
% Listings (fvset's fontfamily): the same face, unscaled, at CODE_PT.
\newfontfamily\bookcodefont{{{frontmatter.FONTS["code"]}}}[NFSSFamily=bookcode,
  BoldFont={{{frontmatter.FONTS["code"]}}}, BoldFeatures={{FakeBold=1.5}},
  ItalicFont={{{frontmatter.FONTS["code"]}}}, ItalicFeatures={{FakeSlant=0.2}},
  BoldItalicFont={{{frontmatter.FONTS["code"]}}},
  BoldItalicFeatures={{FakeBold=1.5, FakeSlant=0.2}}]
""",
    # Listings in Inconsolata at 8.5 pt: 79 columns are 335.75 pt.
    "fvset": rf"\fvset{{fontfamily=bookcode,fontsize={{\fontsize"
    rf"{{{frontmatter.CODE_PT}pt}}{{{frontmatter.CODE_LEADING_PT}pt}}"
    r"\selectfont}}",
    # /Lang, XMP metadata, the title page and its verso: added by
    # bookkit.frontmatter when Sphinx starts (they depend on -D options).
    # Long code lines are not wrapped: one that does not fit is an overfull
    # box, and the build fails on it instead of printing broken code.
    # Equal margins of an A4 page around the 345 pt text block.
    "sphinxsetup": "verbatimwrapslines=false, verbatimforcewraps=false, "
    "hmargin=125.14pt",
    # The index is a top-level entry of the PDF's outline, not part of Part III.
    "printindex": r"\bookmarksetup{startatroot}\footnotesize\raggedright\printindex",
    # BOOK-LAYOUT tells src/bookkit/latex.py where the text block ends, so it
    # can find any word of the PDF that runs into the margin.
    "preamble": r"""
\setcounter{secnumdepth}{-2}
\usepackage{bookmark}
% No widows or orphans: a paragraph's first or last line never sits alone.
\widowpenalty=10000 \clubpenalty=10000 \displaywidowpenalty=10000
% A page break before a listing if less than #1 is left, and no penalty
% otherwise (needspace's -100 would make TeX break early and leave holes):
% bookkit.sphinxext.KeepListingsWhole puts one before every listing.  When
% the page is already over-full, TeX is about to break it anyway (carrying
% the last lines over): a \newpage then would strand those lines alone.
% The first page of the main matter is a recto in two-sided print (its
% folio odd, outside on the right): the front matter ends on a verso,
% left blank if need be (print review of 868f255, B1: page 1 was a verso,
% so every folio and running head of the main matter fell in the gutter).
\makeatletter
\newcommand\bookrectopage{\clearpage\if@twoside\ifodd\c@page\else
  \null\thispagestyle{empty}\newpage\fi\fi}
\makeatother
\newcommand\bookneedspace[1]{\par\ifdim\pagegoal<\maxdimen
  \ifdim\dimexpr\pagegoal-\pagetotal\relax>0pt
  \ifdim\dimexpr\pagegoal-\pagetotal\relax<#1\relax\newpage\fi\fi\fi}
% After a lead-in (a sentence ending in ":"), its listing follows with no
% page break: #1 is the room the listing needs on its first page
% (KeepListingsWhole).  \nopagebreak alone does not hold: framed.sty,
% which draws the listing's frame, measures the room left itself and breaks
% the page when the listing's first lines do not fit, so a long lead-in
% whose last line fell low on the page was left at its foot.  Here an
% invisible box of height #1 follows the lead-in with no break between
% them; at the breakpoint after it TeX's page builder sees whether the box
% fits, and if not breaks the page inside the lead-in (its last two lines
% go over with the box: \widowpenalty).  The box's height is then taken
% back, so the listing starts where it would have.  \@nobreaktrue: the
% list that fancyvrb opens would add its \@beginparpenalty, a breakpoint.
\makeatletter
\newcommand\bookkeepwithlisting[1]{\par\nopagebreak
  \dimen@\prevdepth\nointerlineskip\vbox to #1{}\penalty9999
  \vskip-#1\relax\prevdepth\dimen@\@nobreaktrue}
\makeatother
% A listing splits across pages only before the lines KeepListingsWhole
% lists in \booklistingbreaks (bookkit.sphinxext.listing_breaks): never
% among its first three and last four printed lines (\clubpenalty and
% \widowpenalty guard only the first and the last one), and in an
% interactive session only before a ">>>" prompt or inside a long run of
% input or output, so no call is parted from its output (print review R2).
% fancyvrb puts \interlinepenalty between lines; the penalty placed while
% line k is read precedes line k-1.  framed.sty splits the listing with
% \vsplit, which takes the last allowed break that fits.
% A listing KeepListingsWhole did not see (\booklistingbreaks is \relax,
% as after each listing) may break before any line but its first and last.
\global\let\booklistingbreaks\relax
\AfterEndEnvironment{sphinxVerbatim}{\global\let\booklistingbreaks\relax
  \gdef\booklistingafter{0pt}}
% The last lines of a box after its last listing (\booklistingafter high,
% set by KeepListingsWhole) are printed on the listing's page: framed.sty,
% which places the listing, counts that much less room on the page, so it
% carries the listing (or its last lines) over with them instead of
% leaving them alone at the top of the next page (print review R1).
\gdef\booklistingafter{0pt}
\usepackage{etoolbox}
\makeatletter
\patchcmd\fb@put@frame{\advance\dimen@-\pagetotal}
  {\advance\dimen@-\pagetotal\advance\dimen@-\booklistingafter\relax}{}
  {\PackageError{book}{framed.sty has changed: \string\fb@put@frame\space
    could not be patched (conf.py)}{}}
\makeatother
\makeatletter
\def\FV@ListProcessLine@iv#1{%
  \ifx\booklistingbreaks\relax\in@true\else
    \edef\book@tempa{\noexpand\in@
      {,\the\numexpr\value{FancyVerbLine}-1\relax,}{\booklistingbreaks}}%
    \book@tempa\fi
  \ifin@\penalty\interlinepenalty\else\penalty10000 \fi
  \box\@tempboxa
  \setbox\@tempboxa=\FV@ListProcessLine{#1}}
\makeatother
% Loose lines in justified text (print review PE11): long inline code
% could not break. Sphinx breaks inline code after . , ; ? ! / already
% (inlineliteralwraps); here also after _ (not inside a run of them, as
% in "__", nor before the \mbox{\_} in which Sphinx sets a name's last _:
% "__init_/_" broke so), with no hyphen added; and TeX may stretch a line's spaces by up
% to 1.5em before it leaves an underfull one. Not after -: that split "->"
% and options such as "-O" and "--preload" (print review QB1).
\makeatletter
\let\book@upquote\sphinxupquote
\def\book@underscore{\textunderscore\futurelet\book@next\book@usbreak}
\def\book@usbreak{\ifx\book@next\_\else\ifx\book@next\mbox\else
  \allowbreak\fi\fi}
\protected\def\sphinxupquote#1{{\let\_\book@underscore\book@upquote{#1}}}
\makeatother
\emergencystretch=1.5em
% The boxes (a chapter's exercises, their solutions, its key points: every
% admonition of the book is a "note") are set between two rules, with the
% title in bold, not in a frame.  In a frame (framed.sty, as Sphinx's
% sphinxheavybox draws it) a listing cannot be split: Sphinx guesses from
% the page as it was before the box whether the listing fits and, if so,
% sets it in an unbreakable minipage, so a solution's listing ran 45 pt
% past the folio of a handout (print review QB2); and a frame hides the
% page from the checks before a listing (\bookneedspace), which then had
% to ask for its first 15 lines and left holes (QA2, QA11, QB8).  Between
% rules a listing is set, checked and split as in the running text.
\makeatletter
% The opening rule is heavier than the closing one, so that two boxes in a
% row do not frame an empty band.  The title is set ragged, unhyphenated.
% Inside a box, the end of a list is no breakpoint (\@endparpenalty).  The
% closing rule is a leader, that is glue: where a page breaks right before
% it (after the listing that ends a box, where framed.sty puts a
% \penalty-30), it is discarded at the top of the next page instead of
% standing there alone (production review, finding 1).  Forbidding that
% break left lead-ins stranded at the foot of pages instead.  bookkit.latex.box_rules reads the two weights back from the PDF.
\renewenvironment{sphinxnote}[1]{\par
  \bookneedspace{5\baselineskip}\vspace{.5\baselineskip}%
  \noindent{\color{sphinxnoteBorderColor}\rule{\linewidth}{1.2pt}}%
  \par\nobreak\vspace{.25\baselineskip}\nobreak
  {\raggedright\hyphenpenalty\@M\exhyphenpenalty\@M\frenchspacing
  \noindent{\py@HeaderFamily\bfseries #1}\par}\nobreak\@afterheading
  \@endparpenalty\@M}
  {\par\nobreak\vspace{.1\baselineskip}\nobreak
  \leaders\hrule\@height.5pt\vskip.5pt\relax
  \vspace{.5\baselineskip}}
\makeatother
% Room for the running head's 11 pt line (fancyhdr warns on every page
% otherwise, and the build fails on the warning: bookkit.latex).
\setlength{\headheight}{14pt}
% Running heads locate the reader: chapter on the left, section on the
% right, folios outside; no "Release".
\makeatletter
\fancypagestyle{normal}{%
  \fancyhf{}%
  \fancyhead[LE]{{\py@HeaderFamily\small\nouppercase{\leftmark}}}%
  \fancyhead[RO]{{\py@HeaderFamily\small\nouppercase{\rightmark}}}%
  \fancyfoot[LE,RO]{{\py@HeaderFamily\thepage}}%
  \renewcommand{\headrulewidth}{0.4pt}%
  \renewcommand{\footrulewidth}{0pt}}
% Until a chapter's first section, the recto head names the chapter: a
% chapter with no sections (About this edition) had empty recto heads under
% a head rule (print review R8).
\renewcommand\chaptermark[1]{\markboth{#1}{#1}}
\fancypagestyle{plain}{%
  \fancyhf{}\fancyfoot[LE,RO]{{\py@HeaderFamily\thepage}}%
  \renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0pt}}
% A part's introduction is printed on its part page, under the title,
% instead of alone on a page of its own (the next chapter starts a page).
\def\@endpart{\par\vspace{3\baselineskip}}
% The part page's title (print review PE14): in the chapter heads' sans
% face, "Part II" on a line above the part's name, and no folio on the
% page (bookkit.sphinxext.PartsAsLatexParts).
\newcommand\bookparttitle[2]{\thispagestyle{empty}\py@HeaderFamily
  \ifx\relax#1\relax\else#1\par\vskip 0.5em\fi #2}
\makeatother
% The contents (print review m6): a page of the contents breaks before a
% part's or a chapter's entry, not among a chapter's sections, so no
% chapter's last entries are carried alone onto the next page. The break
% before the entry comes with a \vfil (cancelled when there is no break),
% so it costs less than any break that fills the page; none comes right
% after a heading or a part's entry (\if@nobreak).
\makeatletter
\def\book@tocbreak{\if@nobreak\else
  \vskip\z@\@plus1fil\penalty-\@highpenalty\vskip\z@\@plus-1fil\fi}
\g@addto@macro\sphinxtableofcontentshook{%
  \let\book@l@part\l@part \def\l@part{\book@tocbreak\book@l@part}%
  \let\book@l@chapter\l@chapter
  \def\l@chapter{\book@tocbreak\book@l@chapter}}
\makeatother
% The contents, without the \pagenumbering{arabic} that Sphinx's ends with
% (conf.py's tableofcontents, for the book only).
\makeatletter
\newcommand\booktableofcontents{\begingroup
  \let\book@pagenumbering\pagenumbering
  \def\pagenumbering##1{\def\book@tempa{##1}\def\book@tempb{arabic}%
    \ifx\book@tempa\book@tempb\else\book@pagenumbering{##1}\fi}%
  \sphinxtableofcontents\endgroup}
\makeatother
% A listing's frame lies within the text block (print review PE15): Sphinx
% hangs its border and padding (3.4 pt a side) into both margins, so that
% the code lines up with the text (\spx@verb@FrameCommand in
% sphinxlatexliterals.sty, which framed.sty measures).  Without the two
% \hskip's back, framed.sty narrows the code by the frame's width: 79
% columns at 8.5 pt still fit (bookkit.latex.check_frames checks the PDF).
\makeatletter
\long\def\spx@verb@FrameCommand #1#2#3{%
  \hskip\@totalleftmargin
  \spx@verb@fcolorbox {#1}{#2}{#3}%
  \hskip-\linewidth \hskip-\@totalleftmargin \hskip\columnwidth}
\makeatother
% Room for three-digit page numbers in the table of contents.
\makeatletter\renewcommand{\@pnumwidth}{2.2em}\makeatother
% The index: roman entries, code terms in mono (bookkit.indexing).
"""
    + indexing.LATEX_PREAMBLE
    + r"""
\AtBeginDocument{\typeout{BOOK-LAYOUT:
  left=\the\dimexpr 1in+\hoffset+\oddsidemargin\relax\space width=\the\textwidth
  \space foot=\the\dimexpr 1in+\voffset+\topmargin+\headheight+\headsep+\textheight\relax}}
""",
    "fncychap": r"\usepackage[Bjarne]{fncychap}",
}
# No heading in upper case, in the book and the handouts: a title may hold
# code (M7's "DEF OR ASYNC DEF"; "__INIT__" is not Python), and a book face
# sets titles as written. fncychap's Bjarne style upper-cases them.
latex_elements["preamble"] += "\n\\ChTitleAsIs\n"
latex_documents = [
    ("index", "python-underneath-fastapi.tex", project, author, "manual"),
]
# The book and the handouts are printed: links (the contents, the index's
# pages, cross-references) in black, not in a blue that prints as pale
# grey (print review m5, PE16); they still work in the PDF.
latex_elements["sphinxsetup"] += (
    ", InnerLinkColor={rgb}{0,0,0}, OuterLinkColor={rgb}{0,0,0}"
    # Headings in black, as the text: Sphinx's dark blue printed as a grey
    # lighter than the body (print review R14).
    ", TitleColor={rgb}{0,0,0}"
)
# Chapters open on the next page, not the next right-hand one: no blank
# versos in a book meant to be read on screen and printed double-sided.
latex_elements["extraclassoptions"] = "openany"
# The foreword is front matter (print review M6): Sphinx's contents end
# with \pagenumbering{arabic}, which \booktableofcontents (the preamble)
# leaves out, so the foreword's folios go on in roman; the first part starts
# arabic at 1 (bookkit.sphinxext.PartsAsLatexParts).
latex_elements["tableofcontents"] = r"\booktableofcontents"
if tags.has("handouts"):  # type: ignore[name-defined]  # noqa: F821 - Sphinx's
    # `make handouts`: one PDF per part (and the foreword), for printing as
    # course material, each with its own title page; no blank pages.
    latex_documents = handouts.latex_documents(author, EDITION)
    latex_elements["extraclassoptions"] = "openany,oneside"
    # The part's introduction follows the contents: no "CONTENTS" head on it.
    # Its first page has no running head, so no empty head rule either
    # (print review PE14): the plain style, a folio only.
    latex_elements["tableofcontents"] = (
        r"\sphinxtableofcontents\markboth{}{}\thispagestyle{plain}"
    )


# -- EPUB -------------------------------------------------------------------
epub_basename = "python-underneath-fastapi"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_description = frontmatter.DESCRIPTION
epub_contributor = author
epub_identifier = frontmatter.EPUB_IDENTIFIER
epub_scheme = "uuid"
epub_uid = "bookid"
epub_language = language
epub_show_urls = "no"
epub_exclude_files = [
    "search.html",
    *(f"_static/{name}" for name in sorted(sphinxext.EPUB_UNUSED)),
]
# A cover generated at build time from the title and edition
# (bookkit.sphinxext.cover_svg), shown by src/bookkit/templates/book-cover.html.
templates_path = ["src/bookkit/templates"]
epub_cover = ("_static/book-cover.svg", "book-cover.html")
# Code wraps instead of being clipped (M13).
epub_css_files = ["book-epub.css"]
