"""Sphinx extension: the book's listing rules, applied by the build.

* ``{doctest}`` blocks with ``:pyversion:`` are validated against the
  supported versions and shown with a visible label ("Python 3.14 and
  later"), so a printed page says which interpreter produced the output.
* Doctests in autodoc'd docstrings run in their module's namespace (as
  ``pytest --doctest-modules`` runs them), not in the chapter's.
* The doctest builder runs every listing with warnings turned into errors
  and with the option flags and global setup of :mod:`bookkit.policy`.
"""

from __future__ import annotations

import datetime
import doctest
import hashlib
import html
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
import warnings
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.ext.doctest import DocTestBuilder, DoctestDirective, TestGroup
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata
from sphinx.writers.latex import LaTeXTranslator

from bookkit import edition, frontmatter, listings, policy

_DOCSTRING_OF = re.compile(r":docstring of (?P<name>[\w.]+)$")


class VersionedDoctest(DoctestDirective):
    """``doctest`` whose ``:pyversion:`` is checked and shown as a label."""

    def run(self) -> list[nodes.Node]:
        spec = self.options.get("pyversion")
        label = None
        if spec is not None:
            try:
                label = policy.version_label(str(spec))
            except policy.PyVersionError as exc:
                raise self.error(str(exc)) from None
        result = super().run()
        # Report failures at the example's own line, as pytest does, rather
        # than at the opening fence: the builder adds the example's offset
        # to node.line.
        for node in result:
            # MyST gives a 0-based fence line and a relative content offset.
            node.line = self.lineno + self.content_offset + 1
        if label is None:
            return result
        # A label other pages (the edition page) can link to, which an edit
        # elsewhere in the chapter does not change (print review m14).
        target = listing_id(
            self.env.docname, str(spec), "\n".join(self.content)
        )
        if target in self.state.document.ids:
            raise self.error(
                "the same listing with the same :pyversion: is already on "
                "this page: one of them is enough"
            )
        caption = VersionLabel(
            "", "", nodes.strong(label, label), classes=["pyversion-label"]
        )
        caption["ids"].append(f"{target}-label")
        # In print, keep the label on the page of its listing (the space
        # check is KeepListingsWhole's, sized to the listing).
        keep = nodes.raw("", "", format="latex", classes=["book-keep"])
        # Sphinx's LaTeX writer gives a container no label: add one, so the
        # edition table's links and page references reach the listing.
        anchor = nodes.raw(
            "",
            r"\phantomsection\label{\detokenize{"
            + f"{self.env.docname}:{target}"
            + "}}",
            format="latex",
        )
        for node in result:
            if isinstance(node, nodes.Element):
                node["book_listing"] = target
        container = VersionedListing(
            "", keep, anchor, caption, *result, classes=["pyversion"]
        )
        container["ids"].append(target)
        container["names"].append(target)
        self.state.document.note_explicit_target(container)
        self.set_source_info(container)
        return [container]


def _count(number: int, noun: str) -> str:
    """``1 block``, ``2 blocks``."""
    return f"{number} {noun}" + ("" if number == 1 else "s")


def listing_id(docname: str, spec: str, body: str) -> str:
    """The label of a version-labelled listing, ``listing-runtime-cpython-``
    and eight hex digits of a hash of its ``:pyversion:`` and its code: a
    link to it survives an edit anywhere else in the chapter, and one to a
    listing whose code has changed fails the build's reference check."""
    # The versions it is shown for, however the option spells them.
    shown = policy.version_label(spec)
    digest = hashlib.sha256(f"{shown}\n{body.strip()}".encode()).hexdigest()
    page = re.sub(r"[^a-z0-9]+", "-", docname.lower())
    return f"listing-{page}-{digest[:8]}"


class VersionedListing(nodes.container):
    """A listing shown for some Python versions and its label: in HTML and
    the EPUB a ``<figure>`` whose ``<figcaption>`` is the label, so a
    screen reader names the code by its versions (print review m16)."""


class VersionLabel(nodes.paragraph):
    """The label of a ``VersionedListing``."""


def _visit_versioned_listing(self: Any, node: nodes.Element) -> None:
    # Chromium names a figure only from aria-labelledby, not from its
    # figcaption (independent web review, W6).
    label = f"{node['ids'][0]}-label"
    self.body.append(
        self.starttag(node, "figure", **{"aria-labelledby": label})
    )


def _depart_versioned_listing(self: Any, node: nodes.Element) -> None:
    self.body.append("</figure>\n")


def _visit_version_label(self: Any, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "figcaption", ""))


def _depart_version_label(self: Any, node: nodes.Element) -> None:
    self.body.append("</figcaption>\n")


def _module_of(dotted: str) -> str | None:
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        name = ".".join(parts[:end])
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    return None


def _framed_docstring_of(node: nodes.Node) -> str | None:
    """The module whose framed docstring (frame_module_docstring) holds node."""
    parent = node.parent
    while parent is not None:
        if (
            isinstance(parent, nodes.admonition)
            and "docstring" in parent["classes"]
            and isinstance(parent[0], nodes.title)
        ):
            return parent[0].astext().removeprefix("Docstring of ").strip()
        parent = parent.parent
    return None


def group_docstring_doctests(app: Sphinx, doctree: nodes.document) -> None:
    """Give each docstring doctest its module's namespace as doctest group."""
    modules: set[str] = set()
    for block in doctree.findall(nodes.doctest_block):
        match = _DOCSTRING_OF.search(block.source or "")
        name = match["name"] if match else _framed_docstring_of(block)
        if name is None:
            continue
        module = _module_of(name)
        if module is None:  # pragma: no cover - autodoc already failed loudly
            continue
        block["groups"] = [module]
        modules.add(module)
    for module in sorted(modules):
        code = (
            "import importlib as _importlib\n"
            f"globals().update(vars(_importlib.import_module({module!r})))"
        )
        setup = nodes.comment(
            code, code, testnodetype="testsetup", groups=[module]
        )
        doctree.append(setup)


def frame_module_docstring(
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: object,
    lines: list[str],
) -> None:
    """Set an autodoc'd module docstring apart from the author's prose.

    The docstring becomes an admonition titled "Docstring of <module>", so a
    reader sees where the chapter's text ends and the module's begins.
    """
    if what != "module" or not lines:
        return
    body = [f"   {line}" if line.strip() else "" for line in lines]
    lines[:] = [
        f".. admonition:: Docstring of ``{name}``",
        "   :class: docstring",
        "",
        *body,
    ]


class PartsAsLatexParts(SphinxPostTransform):
    """In the PDF, make each part page a LaTeX ``\\part`` and its chapters chapters.

    Sphinx gives every document of the root toctree the same level, so either
    the foreword would be a part or the parts would be chapters. A part's
    index page (``<part>/index``) becomes a ``\\part`` heading followed by its
    introduction, and the chapters it lists move up one level beside the
    foreword.

    In the book (not a handout), the main matter starts with the first
    part: its folios are arabic from 1, and the foreword's go on in roman
    from the contents' (print review M6; conf.py keeps the contents from
    switching to arabic).
    """

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        first = not self.app.tags.has("handouts")
        for start in list(self.document.findall(addnodes.start_of_file)):
            if not str(start["docname"]).endswith("/index"):
                continue
            # Sphinx moves a document's children into start_of_file without
            # re-parenting them, so search the list, not the parent links.
            index, section = next(
                (i, child)
                for i, child in enumerate(start.children)
                if isinstance(child, nodes.section)
            )
            title = section[0].astext()
            docname = str(start["docname"])
            # The labels Sphinx would give the document and its title, so
            # {doc} references to a part link (and print its page).
            # Once each: another transform may already have given the title
            # the document's label, and LaTeX warns on a label set twice.
            labels = list(
                dict.fromkeys(
                    [f"{docname}::doc"]
                    + [f"{docname}:{ident}" for ident in section["ids"]]
                )
            )
            # The part page (print review PE14): "Part II" over the part's
            # name, in the headings' face, no folio (conf.py's
            # \bookparttitle); the contents and the outline get the title.
            number, colon, name = title.partition(": ")
            shown = (
                rf"\bookparttitle{{{frontmatter.tex(number)}}}"
                rf"{{{frontmatter.tex(name)}}}"
                if colon
                else rf"\bookparttitle{{}}{{{frontmatter.tex(title)}}}"
            )
            part = (
                rf"\part[{{{frontmatter.tex(title)}}}]{{{shown}}}"
                + "".join(
                    rf"\label{{\detokenize{{{label}}}}}" for label in labels
                )
            )
            if first:
                # page 1 is a recto in two-sided print (\bookrectopage)
                part = r"\bookrectopage\pagenumbering{arabic}" + part
                first = False
            heading = nodes.raw("", part, format="latex")
            start[index : index + 1] = [heading, *section.children[1:]]


#: A module's docstring box of up to this many lines (its text, and its
#: listings with their frames) is never split.
DOCSTRING_WHOLE_LINES = 16

#: A listing this long or shorter is never split across pages; a longer one
#: starts only where at least this many of its lines fit.
WHOLE_LINES = 15


#: A listing's line in print (conf.py's fvset: 10.5 pt leading), a line of
#: text (11 pt type on 13.6 pt), and a listing's frame with the space
#: around it.
CODE_LINE_PT = frontmatter.CODE_LEADING_PT
TEXT_LINE_PT = 13.6
FRAME_PT = 24.0


#: A listing longer than WHOLE_LINES may start where this many of its
#: lines fit: asking for WHOLE_LINES left holes of up to 15 lines at the
#: foot of pages (print review PE2).
START_LINES = 6


def _start_lines(lines: int) -> int:
    # A box (exercise, solution, key points) is set between rules, not in a
    # frame (conf.py's sphinxnote): a listing in it breaks like any other.
    return lines if lines <= WHOLE_LINES else START_LINES


def _space_check(lines: int, extra: int = 0) -> nodes.raw:
    """Room for ``lines`` of a listing (all of a short one, START_LINES of
    a long one) and ``extra`` lines of text before it."""
    need = _start_lines(lines) * CODE_LINE_PT + FRAME_PT + extra * TEXT_LINE_PT
    return nodes.raw("", rf"\bookneedspace{{{need:.1f}pt}}", format="latex")


def _listing_head_pt(lines: int) -> float:
    """The room a listing needs on the page where it starts: all of a short
    one, the first START_LINES of a long one, with its frame."""
    return _start_lines(lines) * CODE_LINE_PT + FRAME_PT


#: A split listing keeps this many printed (non-blank) lines on the page
#: where it starts, and this many on the page where it ends.
HEAD_LINES = 3
TAIL_LINES = 4
#: In an interactive session (a doctest) a page breaks only before a
#: ``>>>`` prompt, so that no call is parted from its output (print review
#: R2), or inside a run of input or output lines this long or longer,
#: keeping SEGMENT_KEEP of its lines on each side.
SEGMENT_SPLITS = 7
SEGMENT_KEEP = 3


def _kept_ends(text: str) -> tuple[int, int]:
    """How many of a listing's lines, counted from its start and from its
    end, hold its first HEAD_LINES and its last TAIL_LINES non-blank lines:
    a blank line prints nothing, so it does not count towards them."""
    lines = text.split("\n")

    def reach(ordered: list[str], wanted: int) -> int:
        seen = 0
        for count, line in enumerate(ordered, 1):
            seen += bool(line.strip())
            if seen == wanted:
                return count
        return len(ordered)

    return reach(lines, HEAD_LINES), reach(lines[::-1], TAIL_LINES)


def _session_segments(lines: list[str]) -> list[tuple[int, int, str]]:
    """An interactive session's runs of lines, as (first index, length,
    ``"input"`` or ``"output"``): a ``>>>`` line and the ``...`` lines after
    it are input; what follows until the next prompt is its output."""
    segments: list[tuple[int, int, str]] = []
    for index, line in enumerate(lines):
        continues = line.startswith("...") and bool(segments)
        if line.startswith(">>>") or (
            continues and segments[-1][2] == "input"
        ):
            kind = "input"
        else:
            kind = "output"
        if segments and segments[-1][2] == kind and not line.startswith(">>>"):
            first, length, _ = segments[-1]
            segments[-1] = (first, length + 1, kind)
        else:
            segments.append((index, 1, kind))
    return segments


def listing_breaks(text: str) -> list[int]:
    """The lines of a listing (counted from 1) before which a page may
    break: none among its first three and last four printed lines
    (:func:`_kept_ends`), and in an interactive session only before a
    prompt or inside a long run of input or output (SEGMENT_SPLITS)."""
    lines = text.split("\n")
    head, tail = _kept_ends(text)
    allowed = set(range(head + 1, len(lines) - tail + 1))
    if not any(line.startswith(">>>") for line in lines):
        return sorted(allowed)
    session: set[int] = set()
    for first, length, kind in _session_segments(lines):
        if kind == "input" and lines[first].startswith(">>>"):
            session.add(first + 1)
        if length >= SEGMENT_SPLITS:
            session.update(
                range(
                    first + SEGMENT_KEEP + 1, first + length - SEGMENT_KEEP + 2
                )
            )
    return sorted(allowed & session)


#: The text that may end a box after its last listing and is printed on
#: that listing's page: a page that opened with a box's last line or two
#: parted them from the rest of the box (print review R1). Three lines or
#: more may go over alone: keeping three with the listing left holes of
#: 11-14 lines (print review of 868f255, M2).
BOX_TAIL_LINES = 2
#: The space between a listing and the text after it, with the box's
#: closing rule (conf.py's sphinxnote).
BOX_END_PT = 12.0


def _box_tail_lines(listing: nodes.Element) -> int:
    """The lines of text after ``listing`` to the end of the box (an
    admonition) that holds it, if they are BOX_TAIL_LINES or fewer and
    all paragraphs; else 0. The listing may be inside a container of the
    box (with its version label, or the box's content)."""
    after: list[nodes.Node] = []
    node: nodes.Element = listing
    while not isinstance(node, nodes.Admonition):
        parent = node.parent
        if parent is None:
            return 0  # no box holds it
        assert isinstance(parent, nodes.Element)
        after += parent.children[parent.index(node) + 1 :]
        node = parent
    text = [
        n
        for n in after
        if not isinstance(n, nodes.target | nodes.raw | addnodes.index)
    ]
    if not text or not all(isinstance(n, nodes.paragraph) for n in text):
        return 0
    lines = sum(len(n.astext()) // 70 + 1 for n in text)
    return lines if lines <= BOX_TAIL_LINES else 0


_AFTER = re.compile(r"\\gdef\\booklistingafter\{[\d.]+pt\}")


def _listing_after(lines: int) -> str:
    """``\\booklistingafter`` for ``lines`` of a box's text after a listing."""
    height = lines * TEXT_LINE_PT + BOX_END_PT if lines else 0.0
    return rf"\gdef\booklistingafter{{{height:.1f}pt}}"


def _refresh_box_tail(box: nodes.Element) -> None:
    """After text is added to the end of ``box``: the height its last
    listing keeps room for (set by KeepListingsWhole) counts that text, and
    so do the checks before a short listing (the space check before it or
    its box, and the lead-in's \\bookkeepwithlisting)."""
    blocks = [
        node
        for node in box.findall(nodes.Element)
        if isinstance(node, nodes.literal_block | nodes.doctest_block)
    ]
    if not blocks:
        return
    block = blocks[-1]
    # the raw nodes before the listing, up to the one before its box
    raws: list[nodes.raw] = []
    node: nodes.Node = block
    while node is not box.parent and node.parent is not None:
        parent = node.parent
        if node not in parent.children:
            break  # a box that was moved (a solution, before its appendix)
        for sibling in reversed(parent.children[: parent.index(node)]):
            if isinstance(sibling, nodes.raw):
                raws.append(sibling)
            elif isinstance(sibling, nodes.Element) and any(
                True for _ in sibling.findall(nodes.literal_block)
            ):
                break  # the listing before, with its own checks
        node = parent
    lines = _box_tail_lines(block)
    grown = 0.0
    for raw in raws:
        if found := _AFTER.search(raw.astext()):
            grown = _height(_listing_after(lines)) - _height(found[0])
            text = _AFTER.sub(lambda _: _listing_after(lines), raw.astext())
            raw.children = [nodes.Text(text)]
            break
    if not grown or block.astext().count("\n") + 1 > WHOLE_LINES:
        return  # a long listing breaks: its checks are for its start only
    for pattern in (_NEED, _KEEP):
        for raw in raws:
            if need := pattern.search(raw.astext()):
                name = (
                    "bookneedspace"
                    if pattern is _NEED
                    else "bookkeepwithlisting"
                )
                text = pattern.sub(
                    rf"\\{name}{{{float(need[1]) + grown:.1f}pt}}",
                    raw.astext(),
                )
                raw.children = [nodes.Text(text)]
                break


_NEED = re.compile(r"\\bookneedspace\{([\d.]+)pt\}")
_KEEP = re.compile(r"\\bookkeepwithlisting\{([\d.]+)pt\}")


def _height(macro: str) -> float:
    """The height in points that a ``\\gdef\\booklistingafter`` sets."""
    return float(macro.split("{")[-1].removesuffix("pt}"))


def _lead_in(listing: nodes.Element) -> nodes.Element | None:
    """The paragraph (or list item) just before ``listing`` if it ends with
    a colon."""
    parent = listing.parent
    if parent is None:
        return None
    before = parent.children[: parent.index(listing)]
    for node in reversed(before):
        if isinstance(node, nodes.target | addnodes.index):
            continue  # labels and index entries print nothing
        if not node.astext().rstrip().endswith(":"):
            return None
        if isinstance(node, nodes.paragraph):
            return node
        if isinstance(node, nodes.bullet_list | nodes.enumerated_list):
            # a list whose last item introduces the listing: that item
            last = node.children[-1]
            return last if isinstance(last, nodes.list_item) else None
        return None
    return None


#: The last lines of a lead-in that the space check before it makes room
#: for (with the listing's head).
LEAD_IN_LINES = 2
#: The room a section or subsection title takes with the space around it.
HEADING_PT = 3 * TEXT_LINE_PT


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def _prints_nothing(node: nodes.Node) -> bool:
    if isinstance(node, nodes.target | addnodes.index):
        return True
    text = node.astext() if isinstance(node, nodes.raw) else "x"
    return (
        text.startswith((r"\gdef\booklisting", r"\bookneedspace"))
        or text.startswith(r"\phantomsection\label")
        or not text.strip()
    )


def _before_its_heading(
    check: nodes.raw, placed: set[int], stay: tuple[type, ...] = ()
) -> None:
    """Move a space check that would follow a section's or a box's title
    (nothing printed between them) to before the section or the box,
    grown by the title's room.

    After a title, ``\bookneedspace``'s ``\newpage`` would leave the title
    alone at the foot of the page (print review PE1: 19 pages), and inside
    a box it cannot move the box's title. Before a chapter the check is
    harmless: the chapter starts a page anyway. A check never leaves a
    node of a type in ``stay``.
    """
    node: nodes.Node = check
    target: nodes.Element | None = None
    need = float(check.astext().split("{")[1].split("pt")[0])
    while True:
        parent = node.parent
        if (
            not isinstance(parent, nodes.Element)
            or not any(child is node for child in parent.children)
            or isinstance(parent, stay)
        ):
            break
        before = parent.children[: parent.index(node)]
        titled = isinstance(parent, nodes.section | nodes.Admonition)
        rest = [
            n for n in before if not (titled and isinstance(n, nodes.title))
        ]
        if not all(_prints_nothing(n) for n in rest):
            break
        if titled and len(rest) < len(before):
            need += HEADING_PT
            target = parent
        elif isinstance(parent, nodes.Admonition):
            break  # a box without a title
        elif not isinstance(
            parent, nodes.section | nodes.container | nodes.compound
        ):
            break  # (sphinx-exercise wraps a solution's body in a section)
        node = parent
    if target is None or id(target) not in placed:
        return  # (a document's top section is not re-parented: keep it)
    outer = target.parent
    assert isinstance(outer, nodes.Element)
    check.parent.remove(check)
    check[0] = nodes.Text(rf"\bookneedspace{{{need:.1f}pt}}")
    outer.insert(outer.index(target), check)


def _index_at_the_start(block: nodes.Element) -> None:
    r"""Move the index entries of the names a listing imports (bookkit.
    indexing puts them after it) to just before it, so that a listing split
    across pages is indexed on the page where it starts, which prints its
    imports (print review PE3: after it, they took its last page).

    Their anchors and ``\index`` writes are whatsits: a page break after
    them and before the listing would carry the page the entries name
    away from it, so TeX may break before them (``\addpenalty``, which is
    void after a title or a lead-in) and not after (``\nobreak``, and
    ``\@nobreak`` so the listing's list adds no breakpoint of its own).
    """
    parent = block.parent
    assert isinstance(parent, nodes.Element)
    at = parent.index(block) + 1
    moved: list[nodes.Node] = []
    while at < len(parent.children):
        node = parent.children[at]
        anchor = isinstance(node, nodes.target) and any(
            str(i).startswith("book-index-l") for i in node["ids"]
        )
        if not (anchor or (isinstance(node, addnodes.index) and moved)):
            break
        moved.append(node)
        at += 1
    if not moved:
        return
    for node in moved:
        parent.remove(node)
    start = parent.index(block)
    parent[start:start] = [
        nodes.raw("", r"\addpenalty{-51}", format="latex"),
        *moved,
        nodes.raw(
            "", r"\nobreak\csname @nobreaktrue\endcsname", format="latex"
        ),
    ]


class TrimIncludedListings(SphinxPostTransform):
    """An included listing never begins or ends with blank lines.

    ``:start-after:`` and ``:end-before:`` cut a module between its
    top-level definitions, so the blank lines that PEP 8 puts there printed
    as empty lines inside the listing's frame (print review: a handout's
    starter opened with two).  A listing whose lines are numbered keeps its
    leading ones, so that its numbers stay right (the test of the built
    book finds them: choose its first line with ``:start-at:``).
    """

    default_priority = 405

    def run(self, **kwargs: object) -> None:
        for block in list(self.document.findall(nodes.literal_block)):
            if not str(block.get("source", "")).endswith(".py"):
                continue  # only literalinclude's listings of modules
            text = block.astext()
            if block.rawsource != text:
                continue  # not a plain listing
            trimmed = text.rstrip("\n")
            if not block.get("linenos"):
                trimmed = trimmed.lstrip("\n")
            if trimmed == text or not trimmed:
                continue
            block.rawsource = trimmed
            block[:] = [nodes.Text(trimmed)]


class KeepListingsWhole(SphinxPostTransform):
    """In the PDF, never split a short listing, nor start a long one low.

    Before every code block this puts ``\bookneedspace`` (conf.py's
    preamble: a page break if less room is left, with no penalty, unlike
    ``needspace``'s, which would leave holes), sized to the block's lines
    up to :data:`WHOLE_LINES`; before a version label, the label's line is
    added so the label stays with its listing. A lead-in paragraph ending
    in ":" gets the check instead, and the listing follows it with no page
    break. Each listing also tells the preamble its length
    (``\booklistinglines``) and the lines before which it may break
    (:func:`listing_breaks`), and, when it is followed by the last few
    lines of a box, their height (``\booklistingafter``), so that they
    are printed on its page (:func:`_box_tail_lines`).
    """

    default_priority = 410
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        blocks: list[nodes.Element] = [
            *self.document.findall(nodes.literal_block),
            *self.document.findall(nodes.doctest_block),
        ]
        checks: list[nodes.raw] = []
        for block in blocks:
            lines = block.astext().count("\n") + 1
            parent = block.parent
            assert isinstance(parent, nodes.Element)
            keep = [
                child
                for child in parent.children
                if isinstance(child, nodes.raw)
                and "book-keep" in child["classes"]
            ]
            extra = 1 if keep else 0  # a version label's line
            lead_in = _lead_in(parent if keep else block)
            # The listing's length and the lines before which its page may
            # break, for the preamble's \FV@ListProcessLine@iv.
            breaks = ",".join(map(str, listing_breaks(block.astext())))
            after = _box_tail_lines(block)
            parent.insert(
                parent.index(block),
                nodes.raw(
                    "",
                    rf"\gdef\booklistinglines{{{lines}}}"
                    rf"\gdef\booklistingbreaks{{,{breaks},}}"
                    + _listing_after(after),
                    format="latex",
                ),
            )
            keep_after = 0.0
            if lines <= WHOLE_LINES and after:
                extra += after + 1  # and the closing rule (BOX_END_PT)
                keep_after = _height(_listing_after(after))
            if lead_in is not None:
                # A sentence ending in ":" introduces the listing: the space
                # check goes before it, sized for its last two lines (TeX
                # may break inside a longer lead-in: \bookkeepwithlisting
                # below) and the listing's head, and no page break comes
                # between them. Sized for all of a long lead-in, it broke
                # the page with room to spare (print review PE2).
                text_lines = len(lead_in.astext()) // 70 + 1
                if text_lines > LEAD_IN_LINES + 1:
                    # TeX may break inside it: \bookkeepwithlisting keeps
                    # its last lines with the listing, so only its first
                    # lines need room here.
                    check = _space_check(0, extra=extra + LEAD_IN_LINES + 1)
                else:
                    check = _space_check(lines, extra=extra + 1 + text_lines)
                lead_in.parent.insert(lead_in.parent.index(lead_in), check)
                checks.append(check)
                if isinstance(lead_in, nodes.list_item):
                    # The list's end would add \@endparpenalty, a good
                    # breakpoint, between the item and its listing.
                    lead_in += nodes.raw(
                        "",
                        r"\csname @endparpenalty\endcsname=10000\relax",
                        format="latex",
                    )
                # The check before a long lead-in cannot know where its
                # last line will fall, and framed.sty breaks the page
                # itself, whatever \nopagebreak says, when too little room
                # is left for the listing's first lines: so the preamble's
                # \bookkeepwithlisting puts an invisible box as tall as
                # the listing's first lines right after the lead-in, which
                # TeX's page builder must fit with the lead-in's last lines
                # (it then takes the box's height back).
                here: nodes.Node = nodes.raw(
                    "",
                    rf"\bookkeepwithlisting"
                    rf"{{{_listing_head_pt(lines) + keep_after:.1f}pt}}",
                    format="latex",
                )
            else:
                here = _space_check(lines, extra=extra)
                checks.append(here)
            if keep:  # a version label: keep it with its listing
                keep[0].replace_self(here)
            else:
                parent.insert(parent.index(block), here)
            _index_at_the_start(block)
        # A chapter's key-points box (its exercises file) is printed whole:
        # its points, each as many lines as its text takes (about 62
        # characters a line beside the bullet), its title and its rules
        # (about 4 lines of space: conf.py's sphinxnote).
        for box in list(self.document.findall(nodes.admonition)):
            if "key-points" not in box["classes"] or box.parent is None:
                continue
            lines = sum(
                len(item.astext()) // 62 + 1
                for item in box.findall(nodes.list_item)
            )
            parent = box.parent
            check = _space_check(0, extra=lines + 5)
            parent.insert(parent.index(box), check)
            checks.append(check)
        # A module's docstring box (frame_module_docstring) of up to
        # DOCSTRING_WHOLE_LINES lines is printed whole: a 9-line one split
        # 4/5 in the foreword's handout (production review, finding 8).
        # Its paragraphs take about 68 characters a line, with half a
        # line between blocks, and its title and rules about 5 lines.
        for box in list(self.document.findall(nodes.admonition)):
            if "docstring" not in box["classes"] or box.parent is None:
                continue
            body = [
                child
                for child in box.children[1:]
                if not isinstance(child, nodes.raw)
            ]
            if not all(
                isinstance(
                    child,
                    nodes.paragraph
                    | nodes.literal_block
                    | nodes.doctest_block,
                )
                for child in body
            ):
                continue  # a list or a table inside: not sized here
            # A listing: its lines and its frame (about 2 lines).
            lines = sum(
                len(child.astext()) // 68 + 1
                if isinstance(child, nodes.paragraph)
                else len(child.astext().splitlines()) + 2
                for child in body
            )
            lines += (len(body) - 1) // 2
            if lines > DOCSTRING_WHOLE_LINES:
                continue
            parent = box.parent
            if _lead_in(box) is not None:
                # Its lead-in ("... one of those tests:") goes with it,
                # not left at the foot of the page (verification review).
                need = (lines + 5) * TEXT_LINE_PT
                parent.insert(
                    parent.index(box),
                    nodes.raw(
                        "",
                        rf"\bookkeepwithlisting{{{need:.1f}pt}}",
                        format="latex",
                    ),
                )
                continue
            check = _space_check(0, extra=lines + 5)
            parent.insert(parent.index(box), check)
            checks.append(check)
        # A box's last paragraph of one or two lines ("Solution in the
        # appendix: ...", "Run make exercise-check ...") is not carried
        # over alone with the closing rule: no break before it. A longer
        # one leaves at least three lines on the next page, not two apart
        # from the rest of the box (print review R1; e-TeX's
        # \widowpenalties: before its last line, before its last two).
        boxes = self.document.findall(
            lambda n: isinstance(n, nodes.Admonition)
        )
        for admonition in list(boxes):
            assert isinstance(admonition, nodes.Element)
            # (a solution's content is in a section of its own)
            holder: nodes.Element = admonition
            last = holder.children[-1] if holder.children else None
            while isinstance(last, nodes.section | nodes.container) and last:
                holder, last = last, last.children[-1]
            if not isinstance(last, nodes.paragraph):
                continue
            at = len(holder.children) - 1
            alone = len(holder.children) > (2 if holder is admonition else 1)
            if len(last.astext()) <= 140 and alone:
                holder.insert(
                    at, nodes.raw("", r"\nopagebreak", format="latex")
                )
            else:
                holder.insert(
                    at,
                    nodes.raw(
                        "",
                        r"\widowpenalties 3 10000 10000 0\relax",
                        format="latex",
                    ),
                )
        # The sections and boxes in the tree LaTeX is written from (``placed``)
        placed = {
            id(node)
            for node in self.document.findall(
                lambda n: isinstance(n, nodes.section | nodes.Admonition)
            )
        }
        # A solution that moves to the appendix later keeps its checks:
        # SolutionsInAnAppendix places them.
        stay: tuple[type, ...] = ()
        if self.config.book_solutions_appendix:
            from sphinx_exercise.nodes import (  # type: ignore[import-untyped]
                solution_node,
            )

            stay = (solution_node,)
        for check in checks:
            _before_its_heading(check, placed, stay)


class EditionAtTheRoot(SphinxPostTransform):
    """In the PDF outline, the back matter is not part of the last part."""

    default_priority = 420
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for start in self.document.findall(addnodes.start_of_file):
            if str(start["docname"]) in BACK_MATTER:
                start.insert(
                    0,
                    nodes.raw(
                        "", r"\bookmarksetup{startatroot}", format="latex"
                    ),
                )


#: Root documents that follow the parts (the generated edition page).
BACK_MATTER = frozenset({"edition"})


def _edition_is_always_outdated(
    app: Sphinx,
    env: object,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """The edition page reads files outside the book: reread it every build."""
    return [
        doc for doc in app.env.found_docs if _has_edition_results(app, doc)
    ]


def _has_edition_results(app: Sphinx, docname: str) -> bool:
    return "{edition-results}" in Path(app.env.doc2path(docname)).read_text(
        "utf-8"
    )


_TOCTREE = re.compile(r"^```\{toctree\}\n(?P<body>.*?)^```", re.M | re.S)


def document_order(srcdir: Path) -> list[Path]:
    """The book's chapter files in reading order: the toctrees from the
    root, depth first; files no toctree names follow, sorted."""
    order: list[Path] = []

    def visit(docname: str) -> None:
        path = srcdir / f"{docname}.md"
        if path in order or not path.is_file():
            return
        order.append(path)
        folder = PurePosixPath(docname).parent
        for match in _TOCTREE.finditer(path.read_text(encoding="utf-8")):
            for line in match["body"].splitlines():
                entry = line.strip()
                if not entry or entry.startswith(":"):
                    continue
                if entry.endswith(">") and "<" in entry:
                    entry = entry[entry.rindex("<") + 1 : -1]
                child = (
                    entry.lstrip("/")
                    if entry.startswith("/")
                    else (folder / entry).as_posix()
                )
                visit(child)

    visit("index")
    return order + [p for p in listings.chapters(srcdir) if p not in order]


def _table(
    headers: list[str],
    rows: list[list[nodes.Node | str]],
    widths: list[int] | None = None,
    caption: str = "",
) -> list[nodes.Node]:
    """A table with a caption, whose cells are set ragged-right in print
    too: Sphinx 9 sets every cell in a varwidth box, which restores
    justified paragraphs, so each cell's paragraph starts with its own
    \\raggedright (the column's does not reach inside)."""
    total = sum(widths) if widths else 0
    columns = (
        "".join(
            rf">{{\raggedright\arraybackslash}}\X{{{w}}}{{{total}}}"
            for w in widths
        )
        if widths
        else "L" * len(headers)
    )
    spec = addnodes.tabular_col_spec()
    spec["spec"] = "{" + columns + "}"
    table = nodes.table(
        classes=["edition"] + (["colwidths-given"] if widths else [])
    )
    if caption:
        table += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(headers))
    table += group
    group += [nodes.colspec(colwidth=w) for w in widths or [1] * len(headers)]
    head = nodes.thead()
    group += head
    body = nodes.tbody()
    group += body
    parts: list[tuple[nodes.Element, list[list[nodes.Node | str]]]] = [
        (head, [list[nodes.Node | str](headers)]),
        (body, rows),
    ]
    for part, part_rows in parts:
        for cells in part_rows:
            row = nodes.row()
            for cell in cells:
                entry = nodes.entry()
                content = nodes.Text(cell) if isinstance(cell, str) else cell
                ragged = nodes.raw("", r"\raggedright{}", format="latex")
                entry += nodes.paragraph("", "", ragged, content)
                row += entry
            part += row
    return [spec, table]


_HEADING = re.compile(r"^(?P<level>#{1,3}) +(?P<title>.+?)\s*$")
_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|:{3,})")
_ROLE = re.compile(r"\{[\w:-]+\}`(?P<text>[^`<]*?)\s*(?:<[^>]*>)?`")


def plain_heading(text: str) -> str:
    """A MyST heading as the reader sees it: no roles, no backticks."""
    return _ROLE.sub(lambda m: m["text"], text).replace("`", "")


def headings_at(path: Path, line: int) -> tuple[str, str]:
    """The chapter title and the section a line of a chapter falls in."""
    chapter = section = ""
    fence = ""
    for number, text in enumerate(
        path.read_text(encoding="utf-8").splitlines(), 1
    ):
        if number >= line:
            break
        if match := _FENCE.match(text):
            if not fence:
                fence = match["fence"]
            elif (
                match["fence"].startswith(fence)
                and not text.strip()[len(match["fence"]) :].strip()
            ):
                fence = ""
            continue
        if fence or not (match := _HEADING.match(text)):
            continue
        if len(match["level"]) == 1:
            chapter, section = plain_heading(match["title"]), ""
        else:
            section = plain_heading(match["title"])
    return chapter, section


class EditionResults(SphinxDirective):
    """The "About this edition" content, made from verification records.

    It states only what the records say (see :mod:`bookkit.edition`): first
    what the build of this copy ran, then what ``make editions`` verified on
    each supported Python, then every listing whose output differs between
    Python versions, with a link to it and where it is.  In a release build
    (``-D book_release=1``) it fails unless every version was verified.
    """

    def run(self) -> list[nodes.Node]:
        outdir = Path(
            self.config.book_editions_dir
            or listings.ROOT / "_build" / "editions"
        )
        found = edition.load_editions(outdir)
        local = edition.load_local(outdir)
        shared_path = outdir / "shared.json"
        shared = (
            json.loads(shared_path.read_text())
            if shared_path.is_file()
            else None
        )
        if self.config.book_release:
            problems = edition.release_problems(found)
            if shared is None or shared.get("status") != "verified":
                problems.append(
                    "the shared checks (shared.json) are not verified"
                )
            if problems:
                raise self.error(
                    "a release needs every supported Python verified: "
                    + "; ".join(problems)
                )
        # Only results made from this copy's sources count (print review
        # QB3): a result left by an earlier commit is named, not counted.
        found_any = bool(found)
        found, elsewhere = edition.from_these_sources(found, local)
        result: list[nodes.Node] = [
            *self._this_build(local, found_any),
            *self._verification(found),
        ]
        if elsewhere:
            text = edition.not_counted(elsewhere) + " on this page."
            result.append(nodes.paragraph(text, text))
        result += [
            *self._shared(found, shared),
            *self._versioned(found, local),
        ]
        return result

    def _this_build(
        self, local: dict[str, Any] | None, found_any: bool
    ) -> list[nodes.Node]:
        if local is None:
            if found_any:
                return []
            text = (
                "This edition is unverified: when it was built, no verification "
                "results existed. (make editions runs every listing on each "
                "supported Python and records the results this page reports.)"
            )
            return [nodes.paragraph(text, text)]
        blocks = local["blocks"]
        commit = str(local["commit"])[:12]
        text = (
            f"This copy was built on {local['date']}"
            + (f" from commit {commit}" if commit else "")
            + (" with uncommitted changes" if local.get("dirty") else "")
            + f" by CPython {edition.micro(local)}. Before building it, the build "
            "ran the interactive sessions of the book (its doctest blocks) on "
            "that "
            f"interpreter: {_count(blocks['run'], 'block')} of "
            f"{_count(local['examples']['tried'], 'example')}, "
            + (
                (
                    "all of which passed."
                    if blocks["run"] > 1
                    else "which passed."
                )
                if local["status"] == "passed"
                else f"of which {blocks['failed']} failed."
            )
        )
        if blocks["skipped"]:
            text += (
                f" {_count(blocks['skipped'], 'block')} "
                + (
                    "shows the output of other Python versions and was"
                    if blocks["skipped"] == 1
                    else "show the output of other Python versions and were"
                )
                + " not run by this build."
            )
        text += (
            " A listing that shows a module of src/examples is checked by "
            "the tests of that module (make test, make editions), not by "
            "this step."
        )
        return [nodes.paragraph(text, text)]

    def _verification(self, found: dict[str, Any]) -> list[nodes.Node]:
        if not found:
            text = (
                "No run of make editions is recorded for this copy, so it was "
                "checked on no other Python version: it is a draft, not a "
                "release. (make release runs every listing on each supported "
                "Python, and builds the book only if all of them pass.)"
            )
            return [nodes.paragraph(text, text)]
        verified = [r for r in found.values() if r["status"] == "verified"]
        dates = sorted({r["date"] for r in found.values() if r["python"]})
        commits = sorted(
            {r["commit"][:12] for r in found.values() if r["commit"]}
        )
        intro = (
            f"make editions ran the listings of this edition on "
            f"{len(verified)} of the {len(policy.SUPPORTED)} supported Python "
            "versions"
            + (f" on {' and '.join(dates)}" if dates else "")
            + (f", from commit {', '.join(commits)}" if commits else "")
            + "."
        )
        if any(r["dirty"] for r in found.values()):
            intro += " The working tree had uncommitted changes."
        rows: list[list[nodes.Node | str]] = []
        for name in edition.minors():
            record = found.get(name)
            if record is None:
                rows.append([name, "-", "-", "not verified: no results"])
                continue
            counts = record["listings"]
            status = record["status"]
            if status == "not verified":
                status = f"not verified: {record['reason']}"
            rows.append(
                [
                    edition.micro(record) or name,
                    str(counts["passed"]),
                    str(counts["version_specific"]),
                    status,
                ]
            )
        headers = [
            "Python",
            "listings passed",
            "version-specific",
            "result",
        ]
        items = nodes.bullet_list()
        for record in found.values():
            if record["python"]:
                text = f"CPython {record['python']}"
                items += nodes.list_item("", nodes.paragraph(text, text))
        strings = nodes.paragraph(
            "", "The interpreters, exactly as they describe themselves:"
        )
        return [
            nodes.paragraph(intro, intro),
            *_table(headers, rows, caption="make editions, by Python version"),
            strings,
            items,
        ]

    def _shared(
        self, found: dict[str, Any], shared: dict[str, Any] | None
    ) -> list[nodes.Node]:
        """The shared checks (shared.json) and the cache, in plain words:
        without verified shared checks the edition is not verified."""
        if not found:
            return []
        if shared is None:
            text = (
                "The shared checks (the build's own tests, the listings that "
                "show a type checker's verdict, Sphinx's doctest builder) have no "
                "results, so this edition is not verified."
            )
        elif shared["status"] != "verified":
            reason = f" ({shared['reason']})" if shared.get("reason") else ""
            text = (
                "The shared checks (the build's own tests, the listings that "
                "show a type checker's verdict, Sphinx's doctest builder) "
                f"{shared['status']}{reason}, so this edition is not "
                "verified."
            )
        else:
            python = (shared.get("python") or "").split()[:1] or ["?"]
            text = (
                "The shared checks (the build's own tests, the listings that "
                "show a type checker's verdict, Sphinx's doctest builder) ran once, on "
                f"CPython {python[0]}, and passed."
            )
        # The same words whether a chapter's results were run now or kept
        # from an earlier run with the same inputs: the page a cached run
        # builds is byte-identical to a full run's (issue 14). How many
        # chapters came from the cache is in `make editions`' report and in
        # each version's JSON ("units"), not on the page.
        text += (
            " Each chapter's results are keyed by everything it depends on "
            "(its text, the code it imports, the pinned packages, the "
            "interpreter's exact version): a chapter whose inputs did not "
            "change since an earlier run keeps that run's results."
        )
        return [nodes.paragraph(text, text)]

    def _versioned(
        self, found: dict[str, Any], local: dict[str, Any] | None
    ) -> list[nodes.Node]:
        ran_here = set(local["listings_passed"]) if local else set()
        here = str(local["minor"]) if local else ""
        rows: list[list[nodes.Node | str]] = []
        for path in document_order(Path(self.env.srcdir)):
            docname = (
                path.relative_to(self.env.srcdir).with_suffix("").as_posix()
            )
            for block in listings.blocks(path):
                spec = block.options.get("pyversion")
                if block.kind is not listings.Kind.DOCTEST or spec is None:
                    continue
                target = listing_id(docname, str(spec), block.body)
                covered = [
                    f"{a}.{b}" for a, b in policy.covered_minors(str(spec))
                ]
                checked = [
                    m
                    for m in covered
                    if found.get(m, {}).get("status") == "verified"
                    or (m == here and target in ran_here)
                ]
                chapter, section = headings_at(path, block.line)
                text = section or chapter
                # The chapter by its number (1.1.1), or the first words of
                # an unnumbered title (Foreword): print review PE12, the
                # full title, repeated on every row, wrapped to three lines.
                number = re.match(r"\d+(?:\.\d+)+(?= )", chapter)
                chapter = number[0] if number else chapter.split(":")[0]
                ref = addnodes.pending_xref(
                    "",
                    nodes.inline(text, text),
                    refdomain="std",
                    reftype="ref",
                    reftarget=target,
                    refexplicit=True,
                    refwarn=True,
                )
                ref["refdoc"] = self.env.docname
                rows.append(
                    [
                        chapter,
                        ref,
                        policy.version_label(str(spec)).removeprefix(
                            "Python "
                        ),
                        ", ".join(checked) or "none",
                    ]
                )
        text = (
            "Listings whose output differs between Python versions, each shown "
            "once per range of versions and checked on the versions it names "
            "(by chapter and section; in print, with the listing's page):"
        )
        return [
            nodes.paragraph(text, text),
            *_table(
                ["chapter", "section", "shown for Python", "verified on"],
                rows,
                [2, 5, 3, 3],
                caption="Version-specific listings and the versions they "
                "were verified on",
            ),
        ]


def _git(*args: str) -> str:
    result = subprocess.run(
        ["git", *args],
        cwd=listings.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() if result.returncode == 0 else ""


def _per_doc(blocks: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """The blocks run, skipped and failed, by document."""
    return {
        doc: {
            "run": sum(1 for b in blocks if b["doc"] == doc and b["ran"]),
            "skipped": sum(
                1 for b in blocks if b["doc"] == doc and not b["ran"]
            ),
            "failed": sum(
                1
                for b in blocks
                if b["doc"] == doc and b["ran"] and not b["passed"]
            ),
        }
        for doc in sorted({b["doc"] for b in blocks})
    }


class StrictDocTestBuilder(DocTestBuilder):
    """The doctest builder, with every warning raised as an error.

    With ``-D book_record_build=1`` (every book build's first step, see the
    Makefile) it also records what it ran, for the edition page and the
    title verso: ``<book_editions_dir>/local.json``.
    """

    def init(self) -> None:
        super().init()
        # This build's own mypy cache (bookkit.policy), ended in finish().
        self._book_end_mypy_cache = policy.start_mypy_cache()
        self._book_doc = ""
        self._book_listing_at: dict[tuple[str, int | None], str] = {}
        # Blocks inside an exercise's solution: a student handout does not
        # print them, so its verso does not count them (print review R6).
        self._book_in_solution: set[tuple[str, int | None]] = set()
        self._book_blocks: list[dict[str, Any]] = []

    def test_doc(self, docname: str, doctree: nodes.Node) -> bool:
        self._book_doc = docname
        for node in doctree.findall(nodes.Element):
            if "book_listing" in node:
                key = (
                    self.get_filename_for_node(node, docname),
                    self.get_line_number(node),
                )
                self._book_listing_at[key] = node["book_listing"]
        from sphinx_exercise.nodes import solution_node

        for solution in doctree.findall(solution_node):
            for node in solution.findall(nodes.literal_block):
                self._book_in_solution.add(
                    (
                        self.get_filename_for_node(node, docname),
                        self.get_line_number(node),
                    )
                )
        return super().test_doc(docname, doctree)

    def test_group(self, group: TestGroup) -> bool:
        with warnings.catch_warnings():
            warnings.simplefilter(policy.WARNINGS_ACTION)  # type: ignore[arg-type]
            passed = super().test_group(group)
        for code in group.tests:
            first = code[0]
            self._book_blocks.append(
                {
                    "doc": self._book_doc,
                    "listing": self._book_listing_at.get(
                        (first.filename, first.lineno)
                    ),
                    "ran": not first.options.get(doctest.SKIP, False),
                    "passed": passed,
                    "solution": (first.filename, first.lineno)
                    in self._book_in_solution,
                }
            )
        return passed

    def finish(self) -> None:
        super().finish()
        self._book_end_mypy_cache()
        if not self.config.book_record_build:
            return
        ran = [b for b in self._book_blocks if b["ran"]]
        failed = [b for b in ran if not b["passed"]]
        failures = (
            self.total_failures + self.setup_failures + self.cleanup_failures
        )
        record = {
            "format": 1,
            "minor": f"{sys.version_info[0]}.{sys.version_info[1]}",
            "python": sys.version.replace("\n", " "),
            "implementation": sys.implementation.name,
            "date": datetime.datetime.now(datetime.UTC).date().isoformat(),
            "commit": _git("rev-parse", "HEAD"),
            "dirty": bool(
                _git("status", "--porcelain", "--untracked-files=no")
            ),
            "status": "failed" if failures or failed else "passed",
            "blocks": {
                "run": len(ran),
                "skipped": len(self._book_blocks) - len(ran),
                "failed": len(failed),
            },
            "examples": {"tried": self.total_tries, "failed": failures},
            # Per document, for a handout's verso (print review QB5), and
            # of those the blocks in solutions (a student handout has none).
            "docs": _per_doc(self._book_blocks),
            "solutions": _per_doc(
                [b for b in self._book_blocks if b["solution"]]
            ),
            "listings_passed": sorted(
                {b["listing"] for b in ran if b["listing"] and b["passed"]}
            ),
        }
        outdir = Path(
            self.config.book_editions_dir
            or listings.ROOT / "_build" / "editions"
        )
        outdir.mkdir(parents=True, exist_ok=True)
        (outdir / edition.LOCAL).write_text(
            json.dumps(record, indent=2) + "\n", encoding="utf-8"
        )


#: EPUB Accessibility 1.1 discovery metadata (schema.org), and the
#: conformance the book claims.  The claim is the contributors' own, from
#: automated checks only: axe-core in Chromium on every content document
#: and epubcheck (tests/tooling/test_browser.py, test_epub.py).
EPUB_ACCESSIBILITY = (
    ("schema:accessMode", "textual"),
    ("schema:accessMode", "visual"),  # the cover
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "alternativeText"),
    ("schema:accessibilityFeature", "index"),
    ("schema:accessibilityHazard", "none"),
    (
        "schema:accessibilitySummary",
        "Text with headings for every chapter and section, a table of "
        "contents, an index, and code listings as text that wraps on "
        "narrow screens. The only image is the cover, which has a text "
        "alternative. Checked by the contributors with automated tools "
        "only (axe-core on every content document, and epubcheck); it "
        "has not had a manual audit.",
    ),
    # No dcterms:conformsTo / a11y:certifiedBy: a conformance claim needs
    # the manual audit that the summary says this EPUB has not had.
)
#: The generated cover (conf.py's epub_cover names it).
EPUB_COVER = "_static/book-cover.svg"
#: Files the HTML needs and the EPUB does not: the copy button's (no script
#: runs in it) and the search page's and the basic theme's icons.
EPUB_UNUSED = frozenset(
    {
        "copybutton.css",
        "copy-button.svg",
        "check-solid.svg",
        "file.png",
        "plus.png",
        "minus.png",
        # The HTML's own stylesheets: the EPUB's pages link epub.css and
        # book-epub.css (independent web review, W12).
        "basic.css",
        "book.css",
        # sphinx-togglebutton's: no page of the EPUB folds anything.
        "togglebutton.css",
    }
)


def cover_svg() -> str:
    """The cover: title, subtitle, edition and authors, as SVG text."""

    def text(y: int, size: int, line: str, weight: str = "normal") -> str:
        return (
            f'<text x="60" y="{y}" font-size="{size}" '
            f'font-weight="{weight}">{html.escape(line)}</text>'
        )

    lines = [
        *(
            text(230 + 84 * i, 72, line, "bold")
            for i, line in enumerate(textwrap.wrap(frontmatter.TITLE, 12))
        ),
        *(
            text(520 + 40 * i, 30, line)
            for i, line in enumerate(textwrap.wrap(frontmatter.SUBTITLE, 30))
        ),
        text(760, 30, frontmatter.EDITION),
        *(
            text(810 + 34 * i, 24, line)
            for i, line in enumerate(textwrap.wrap(frontmatter.AUTHOR, 40))
        ),
    ]
    label = f"{frontmatter.TITLE}, {frontmatter.EDITION}"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        'width="600" height="900" viewBox="0 0 600 900" role="img" '
        'aria-labelledby="cover-title">\n'
        f'<title id="cover-title">{html.escape(label)}</title>\n'
        '<rect width="600" height="900" fill="#1c3a57"/>\n'
        '<rect x="60" y="440" width="480" height="6" fill="#f2c14e"/>\n'
        '<g fill="#ffffff" font-family="DejaVu Serif, Georgia, serif">\n'
        + "\n".join(lines)
        + "\n</g>\n</svg>\n"
    )


def epub_landmarks() -> str:
    """nav.xhtml's ``landmarks`` nav: cover, contents, body matter."""
    from bookkit import handouts

    body = next(s for s in handouts.starts() if s.endswith("/index"))
    marks = [
        ("cover", "epub-cover.xhtml", "Cover"),
        # The landing page, which lists the contents: a link must reach a
        # page of the spine (epubcheck RSC-011), and nav.xhtml is not one.
        ("toc", "index.xhtml", "Contents"),
        ("bodymatter", f"{body}.xhtml", handouts.title_of(body)),
        ("index", "genindex.xhtml", "Index"),
    ]
    items = "".join(
        f'\n        <li><a epub:type="{kind}" href="{href}">'
        f"{html.escape(title)}</a></li>"
        for kind, href, title in marks
    )
    return (
        '\n    <nav epub:type="landmarks" id="landmarks" hidden="hidden">'
        "\n      <h2>Landmarks</h2>\n      <ol>"
        + items
        + "\n      </ol>\n    </nav>"
    )


class IdentifiedEpubBuilder(Epub3Builder):
    """The EPUB builder, with what epubcheck and EPUB Accessibility ask.

    - toc.ncx names the book by its identifier: Sphinx's template prints
      ``epub_uid`` (the XML id of the OPF's ``dc:identifier``, "bookid")
      as ``dtb:uid``, which must be the identifier itself (epubcheck
      NCX-001).
    - Every content document says its language (``lang`` and
      ``xml:lang``; Sphinx's EPUB ``<html>`` tag has neither).
    - The cover is generated (``EPUB_COVER``) and marked ``cover-image``.
    - content.opf carries ``EPUB_ACCESSIBILITY``.
    - It ships none of ``EPUB_UNUSED``, and its own epub.css names no
      image of them (print review m19).
    - nav.xhtml has a ``landmarks`` nav (print review m18): the cover, the
      contents (the landing page's), and where the body matter starts
      (the first part; the foreword is front matter, as in the PDF).
    """

    @property
    def html_tag(self) -> str:  # type: ignore[override]
        lang = html.escape(self.config.epub_language)
        return (
            '<html xmlns="http://www.w3.org/1999/xhtml" '
            'xmlns:epub="http://www.idpf.org/2007/ops" '
            f'lang="{lang}" xml:lang="{lang}">'
        )

    def toc_metadata(self, level: int, navpoints: list[Any]) -> dict[str, Any]:
        metadata = super().toc_metadata(level, navpoints)
        metadata["uid"] = html.escape(self.config.epub_identifier)
        return metadata

    def add_css_file(self, filename: str, **kwargs: Any) -> None:
        # The EPUB runs no script, so no copy button (print review m19).
        # Sphinx adds an extension's stylesheets here, at init and again
        # before writing.
        if PurePosixPath(filename).name not in EPUB_UNUSED:
            super().add_css_file(filename, **kwargs)

    def build_navigation_doc(self) -> None:
        super().build_navigation_doc()
        nav = Path(self.outdir) / "nav.xhtml"
        text = nav.read_text(encoding="utf-8")
        assert "\n  </body>" in text, "Sphinx's nav.xhtml has changed"
        text = text.replace("\n  </body>", epub_landmarks() + "\n  </body>", 1)
        nav.write_text(text, encoding="utf-8")

    def build_content(self) -> None:
        # Left by an earlier build, Sphinx would list the cover page twice
        # in the spine (epubcheck RSC-005).
        (Path(self.outdir) / self.coverpage_name).unlink(missing_ok=True)
        # sphinx-exercise 1.2.1 copies its stylesheet at build-finished,
        # after the EPUB is zipped: every page linked a missing file
        # (epubcheck RSC-007) unless an earlier build had left it there.
        if "sphinx_exercise" in self.config.extensions:
            import sphinx_exercise  # type: ignore[import-untyped]

            css = Path(sphinx_exercise.__file__).parent / "assets" / "html"
            static = Path(self.outdir) / "_static"
            static.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(css / "exercise.css", static / "exercise.css")
        # The search page is not in the EPUB; its icon is the only image
        # epub.css names.
        css = Path(self.outdir) / "_static" / "epub.css"
        rule = "    background-image: url(file.png);\n"
        if css.is_file() and rule in (text := css.read_text(encoding="utf-8")):
            css.write_text(text.replace(rule, ""), encoding="utf-8")
        cover = Path(self.outdir) / EPUB_COVER
        cover.parent.mkdir(parents=True, exist_ok=True)
        cover.write_text(cover_svg(), encoding="utf-8")
        super().build_content()
        opf = Path(self.outdir) / "content.opf"
        text = opf.read_text(encoding="utf-8")
        metas = "".join(
            f'\n    <meta property="{name}">{html.escape(value)}</meta>'
            for name, value in EPUB_ACCESSIBILITY
        )
        text = text.replace("\n  </metadata>", metas + "\n  </metadata>", 1)
        item = f'href="{EPUB_COVER}" '
        assert text.count(item) == 1, "the cover is not in the manifest"
        text = re.sub(
            rf'(<item id="[^"]*" {re.escape(item)}media-type="[^"]*")',
            r'\1 properties="cover-image"',
            text,
        )
        opf.write_text(text, encoding="utf-8")

    def build_epub(self) -> None:
        """Sphinx's zip, with every entry dated SOURCE_DATE_EPOCH instead of
        its file's mtime: two builds of one commit give the same bytes."""
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
        stamp = time.gmtime(max(epoch, 315532800))[:6]
        outdir = Path(self.outdir)
        names = [
            ("mimetype", zipfile.ZIP_STORED),
            *(
                (name, zipfile.ZIP_DEFLATED)
                for name in (
                    "META-INF/container.xml",
                    "content.opf",
                    "toc.ncx",
                )
            ),
            *((name, zipfile.ZIP_DEFLATED) for name in self.files),
        ]
        target = outdir / f"{self.config.epub_basename}.epub"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as epub:
            for name, compression in names:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = compression
                info.external_attr = 0o644 << 16
                epub.writestr(info, (outdir / name).read_bytes())


_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\n?')


def one_viewport(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: the page's metadata without the viewport
    meta that docutils' HTML5 writer adds, for the theme's layout (Furo's
    and the EPUB's) has its own: every page had two (print review m19)."""
    if "metatags" in context:
        context["metatags"] = _VIEWPORT.sub("", context["metatags"])


def unique_ids(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Number the repeats of an id within a page (HTML and EPUB).

    sphinx-exercise 1.2.1 gives every exercise's section the id
    "exercise-content" and every solution's "solution-content", so a
    chapter with two exercises has duplicate ids: invalid HTML, and
    epubcheck's RSC-005 error.  The first keeps its id; later ones get
    "-2", "-3"... (nothing links to them).
    """
    if app.builder.format != "html":
        return
    seen: dict[str, int] = {}
    for node in doctree.findall(nodes.Element):
        ids: list[str] = node.get("ids", [])
        for i, name in enumerate(ids):
            seen[name] = count = seen.get(name, 0) + 1
            if count > 1:
                ids[i] = f"{name}-{count}"


def _tooling_digest() -> int:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return int(digest.hexdigest()[:12], 16)


def label_exercises_for_latex(app: Any, doctree: nodes.Node, _: str) -> None:
    """Give each exercise the LaTeX label its solution links to.

    sphinx-exercise 1.2.1 labels an exercise ``exercise:<label>`` in LaTeX,
    but a solution's title links to ``<docname>:<label>``, Sphinx's usual
    form, which nothing defines: every "Solution to" link of the PDF was
    dead.  A raw LaTeX label in that form, just before the exercise, mends
    it (the PDF's link check finds a destination for every link).
    """
    if app.builder.format != "latex":
        return
    from sphinx_exercise.nodes import (
        exercise_enumerable_node,
        exercise_node,
    )

    registry = getattr(app.env, "sphinx_exercise_registry", {})
    kinds = (exercise_node, exercise_enumerable_node)
    for node in list(doctree.findall(lambda n: isinstance(n, kinds))):
        assert isinstance(node, nodes.Element)  # both kinds are Elements
        label = node.get("label")
        entry = registry.get(label) if label else None
        if entry is None or node.parent is None:
            continue
        target = f"{entry.get('docname')}:{label}"
        raw = rf"\phantomsection\label{{\detokenize{{{target}}}}}"
        node.parent.insert(
            node.parent.index(node), nodes.raw("", raw, format="latex")
        )
        # The label before the box stays behind when the box starts a new
        # page: the page links print ("(page N)") use one inside the box.
        node.insert(1, _box_label(str(entry.get("docname")), str(label)))
    # A solution's title links to its exercise: to the label in its box.
    from sphinx_exercise.nodes import solution_node

    for solution in doctree.findall(solution_node):
        for ref in solution[0].findall(nodes.reference):
            uri = str(ref.get("refuri", ""))
            if uri.startswith("%") and uri.endswith(
                "#" + str(solution["target_label"])
            ):
                ref["refuri"] = uri + "-box"


def _exercise_kinds() -> tuple[type[nodes.Element], ...]:
    from sphinx_exercise.nodes import (
        exercise_enumerable_node,
        exercise_node,
    )

    return (exercise_node, exercise_enumerable_node)


def _link(docname: str, label: str, text: str) -> nodes.reference:
    """A link to ``label`` in ``docname``; in print it adds "(page N)"."""
    return nodes.reference(
        "", text, internal=True, refuri=f"%{docname}#{label}"
    )


def _box_label(docname: str, label: str) -> nodes.raw:
    """A LaTeX label inside an exercise's or solution's box: its page is the
    box's, even when the box starts a new page (the label sphinx-exercise
    sets just before the box stays on the page before)."""
    target = f"{docname}:{label}-box"
    return nodes.raw(
        "",
        rf"\phantomsection\label{{\detokenize{{{target}}}}}",
        format="latex",
    )


#: The title of the book PDF's back-matter appendix of solutions.
SOLUTIONS_TITLE = "Solutions to the exercises"


#: An exercise's number, at the start of its title: "1.2.1-3 ...".
_EXERCISE_NUMBER = re.compile(r"^(\d+\.\d+\.\d+-\d+) ")


class ExerciseTitles(SphinxPostTransform):
    """Titles read "Exercise 1.2.1-3. Write a repr", not "Exercise (1.2.1-3
    Write a repr)".

    sphinx-exercise puts the title of an unnumbered exercise (the book
    numbers its exercises itself: ``1.2.1-3 ...``) in parentheses after
    "Exercise", in the exercise's title and in its solution's (print review
    QA4). After its post-transforms (priorities 20-22) the parentheses are
    Text nodes of their own around the title: they are taken off, and the
    number is followed by a full stop.
    """

    default_priority = 25

    def run(self, **kwargs: object) -> None:
        from sphinx_exercise.nodes import (
            exercise_enumerable_node,
            exercise_node,
            solution_node,
        )

        boxes = (exercise_node, exercise_enumerable_node, solution_node)
        for title in list(self.document.findall(nodes.title)):
            if not isinstance(title.parent, boxes):
                continue
            texts = list(title.findall(nodes.Text))
            for index, text in enumerate(texts[:-1]):
                after = texts[index + 1]
                number = _EXERCISE_NUMBER.match(str(after))
                if str(text) != " (" or number is None:
                    continue
                closings = [t for t in texts[index + 2 :] if str(t) == ")"]
                if not closings:
                    continue
                _replace_text(text, " ")
                _replace_text(
                    after, f"{number[1]}. {str(after)[number.end() :]}"
                )
                _replace_text(closings[-1], "")
                break


def _replace_text(text: nodes.Text, new: str) -> None:
    parent = text.parent
    assert parent is not None
    parent.replace(text, nodes.Text(new))


class SolutionsInAnAppendix(SphinxPostTransform):
    """In the book's PDF, every solution moves to a back-matter appendix.

    The appendix ("Solutions to the exercises") follows the last part,
    before the back matter, one section per chapter. Each exercise ends
    with a link to its solution and each solution with a link back, both
    with their page ("(page N)", ``latex_show_pagerefs``); the solution's
    title links to its exercise too (sphinx-exercise). Handouts set
    ``book_solutions_appendix = False``: their solutions stay in place.
    """

    default_priority = 430
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        if not self.config.book_solutions_appendix:
            return
        from sphinx_exercise.nodes import solution_node

        solutions = list(self.document.findall(solution_node))
        if not solutions:
            return
        exercises = {
            node.get("label"): node
            for node in self.document.findall(
                lambda n: isinstance(n, _exercise_kinds())
            )
            if isinstance(node, nodes.Element)
        }
        by_chapter: dict[str, list[nodes.Element]] = {}
        for solution in solutions:
            docname = str(solution["docname"])
            label, exercise_label = solution["label"], solution["target_label"]
            number = str(exercise_label).removeprefix("ex-")
            assert solution.parent is not None
            solution.parent.remove(solution)
            by_chapter.setdefault(docname, []).append(solution)
            exercise = exercises.get(exercise_label)
            if exercise is not None:
                # One line: kept with what comes before it in the box.
                exercise += nodes.raw("", r"\nopagebreak", format="latex")
                exercise += nodes.paragraph(
                    "",
                    "",
                    nodes.Text("Solution in the appendix: "),
                    _link(docname, f"{label}-box", f"Solution to {number}"),
                    nodes.Text("."),
                    classes=["solution-link"],
                )
            solution.insert(1, _box_label(docname, label))
            solution += nodes.raw("", r"\nopagebreak", format="latex")
            solution += nodes.paragraph(
                "",
                "",
                _link(
                    docname,
                    f"{exercise_label}-box",
                    f"Back to exercise {number}",
                ),
                nodes.Text("."),
                classes=["exercise-link"],
            )
            if exercise is not None:
                _refresh_box_tail(exercise)
        appendix = nodes.section(ids=["solutions-to-the-exercises"])
        appendix += nodes.title(SOLUTIONS_TITLE, SOLUTIONS_TITLE)
        intro = (
            "The worked solution of every exercise, chapter by chapter. Each "
            "one's title links back to its exercise; the checks a student "
            "runs on a write-the-code exercise are in "
            "tests/<part>/<chapter>/exercises/ of the book's repository."
        )
        appendix += nodes.paragraph(intro, intro)
        for docname, found in by_chapter.items():
            title = self.env.titles[docname].astext()
            slug = re.sub(r"[^a-z0-9]+", "-", docname.lower())
            chapter = nodes.section(ids=[f"solutions-{slug}"])
            chapter += nodes.title(title, title)
            chapter.extend(found)
            appendix += addnodes.start_of_file("", chapter, docname=docname)
        starts = list(self.document.findall(addnodes.start_of_file))
        back = [s for s in starts if str(s["docname"]) in BACK_MATTER]
        anchor = back[0] if back else starts[-1]
        parent = anchor.parent
        assert isinstance(parent, nodes.Element)
        at = parent.index(anchor) + (0 if back else 1)
        root = nodes.raw("", r"\bookmarksetup{startatroot}", format="latex")
        parent[at:at] = [root, appendix]
        for found in by_chapter.values():
            for solution in found:
                _refresh_box_tail(solution)  # it ends with "Back to ..." now
        # A chapter's first solution may open with a listing: its space
        # check now follows the chapter's heading (KeepListingsWhole ran
        # before the move), so it goes before the heading (PE1).
        placed = {
            id(node)
            for node in appendix.findall(
                lambda n: isinstance(n, nodes.section | nodes.Admonition)
            )
        }
        for check in list(appendix.findall(nodes.raw)):
            if check.astext().startswith(r"\bookneedspace"):
                _before_its_heading(check, placed)


class CrossHandoutReferences(SphinxPostTransform):
    """In a handout, a reference to a document it lacks names the book.

    Sphinx would print only the link's text ("Part III"): the reader of a
    handout is told where to turn instead, "Part III (see Part III of the
    book)" or "chapter 1.2.3 (see Part II of the book, section '1.2.3
    ...')". Runs before Sphinx resolves references (priority 10).
    """

    default_priority = 5
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        if not self.config.book_handout_edition:
            return
        from sphinx.util import docname_join

        from bookkit import handouts

        included = set(getattr(self.app.builder, "docnames", ()))
        std = self.env.domains.standard_domain
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("refdomain") != "std":
                continue
            kind, target = node.get("reftype"), str(node.get("reftarget"))
            section: str | None = None
            if kind == "doc":
                docname = docname_join(str(node.get("refdoc")), target)
            elif kind == "ref" and target in std.labels:
                docname, _, section = std.labels[target]
            else:
                continue
            if docname in included or docname not in self.env.titles:
                continue
            title = self.env.titles[docname].astext()
            # Without text of its own a reference prints its target's
            # name: a section's, or the document's title.
            text = (
                node.astext()
                if node.get("refexplicit")
                else (section or title)
            )
            where = handouts.outside_reference(docname, section or None)
            shown = f"{text} of the book"
            number = re.match(r"\d+(?:\.\d+)+", title)
            bare = text.strip().strip('\u201c\u201d"')  # (a quoted name)
            if bare in {section, title} or (
                number and number[0] in text and not section
            ):
                # The link's text is already the section's or the
                # chapter's name: the part is enough, not the name again
                # (print review R9: "1.3.3 Structural typing (see Part III
                # of the book, section '1.3.3 Structural typing')").
                start = handouts.start_of(docname)
                where = handouts.outside_reference(start or docname, None)
            if where == f"see the book\u2019s {bare}":
                pass  # "the foreword of the book", not "(see the book's
                # foreword)" after it (print review of 868f255, m2)
            elif where != f"see {text} of the book":
                shown = f"{text} ({where})"
            node.replace_self(nodes.inline(shown, shown, classes=["outside"]))


def _depth_before(paragraph: nodes.Element, target: nodes.Node) -> int:
    """How many parentheses are open in ``paragraph``'s text before
    ``target`` (code and raw LaTeX do not count)."""
    depth = 0
    for text in paragraph.findall(nodes.Text):
        above = _ancestors(text)
        if target in above:
            return depth
        if any(isinstance(node, nodes.literal | nodes.raw) for node in above):
            continue
        for char in text.astext():
            if char == "(":
                depth += 1
            elif char == ")":
                depth = max(0, depth - 1)
    return depth


class LeadInsKeepTheirLists(SphinxPostTransform):
    """LaTeX: a paragraph that ends in ":" and is followed by a list (the
    list it announces) is never left at a page's foot: no break after it,
    nor at the list's start (print review R4, "The traps:" alone at the
    foot of a page). ``\\@nobreaktrue`` keeps the list from adding its
    ``\\@beginparpenalty``, a breakpoint, as bookkeepwithlisting does
    for listings."""

    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            parent = paragraph.parent
            if parent is None or not paragraph.astext().rstrip().endswith(":"):
                continue
            index = parent.index(paragraph)
            following = parent[index + 1] if index + 1 < len(parent) else None
            if not isinstance(
                following, nodes.bullet_list | nodes.enumerated_list
            ):
                continue
            parent.insert(
                index + 1,
                nodes.raw(
                    "",
                    r"\par\nopagebreak\csname @nobreaktrue\endcsname",
                    format="latex",
                ),
            )


#: Inline code that is a command a reader types: it breaks only at spaces.
_COMMAND = re.compile(r"^(make|python|python3|uv|pip) ")
#: The characters inline code may break after (Sphinx's inlineliteralwraps,
#: and "_" in conf.py's preamble).
_BREAKS_AFTER = frozenset("./,;?!_")


class CommandsBreakOnlyAtSpaces(SphinxPostTransform):
    """LaTeX: a command in inline code (``make exercise-check
    EXERCISE=1.3.1-3 ATTEMPT=my_answer.py``) breaks only between its words.

    The preamble lets inline code break after ``_`` and Sphinx after ``.``
    (print review PE11), which split ``ATTEMPT=my_`` from ``answer.py`` at a
    line's end, so that a reader could not tell whether to type a space
    (print review QA5).  Each word of a command is set in an ``\\mbox``.
    No other inline code breaks after its last character.
    """

    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for literal in list(self.document.findall(nodes.literal)):
            text = literal.astext()
            if len(literal.children) != 1:
                continue
            if not isinstance(literal[0], nodes.Text):
                continue
            if not _COMMAND.match(text):
                # No break after a literal's last character: Sphinx's
                # breaks after "/" or "." there sent the full stop that
                # follows the literal to the start of the next line
                # (print review R10: "src/examples/" and ". This ...").
                if len(text) > 1 and text[-1] in _BREAKS_AFTER:
                    del literal[:]
                    literal.extend(
                        [
                            nodes.Text(text[:-1]),
                            nodes.raw("", r"\mbox{", format="latex"),
                            nodes.Text(text[-1]),
                            nodes.raw("", "}", format="latex"),
                        ]
                    )
                continue
            children: list[nodes.Node] = []
            for i, word in enumerate(text.split(" ")):
                if i:
                    children.append(nodes.Text(" "))
                children += [
                    nodes.raw("", r"\mbox{", format="latex"),
                    nodes.Text(word),
                    nodes.raw("", "}", format="latex"),
                ]
            del literal[:]
            literal.extend(children)


class PagerefsInParentheses(SphinxPostTransform):
    """LaTeX: a cross-reference that sits inside parentheses gets its page
    after a comma, "(chapter 1.1.3, page 53)", not in a second pair,
    "(chapter 1.1.3 (page 53))" (print review PE13).

    Sphinx's writer appends " (\\autopageref*{...})" to every internal
    reference (``latex_show_pagerefs``); this marks the references inside
    parentheses and :func:`depart_reference` rewrites their suffix.
    """

    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for reference in self.document.findall(nodes.reference):
            paragraph = reference.parent
            while paragraph is not None and not isinstance(
                paragraph, nodes.paragraph
            ):
                paragraph = paragraph.parent
            if paragraph is not None and _depth_before(paragraph, reference):
                reference["book_in_parentheses"] = True


_PAGEREF_SUFFIX = re.compile(r"^\}\}\} \((\\autopageref\*\{.*\})\)$", re.S)


def depart_reference(translator: Any, node: nodes.Element) -> None:
    """Sphinx's ``depart_reference``, with ", page N" for a reference
    marked by :class:`PagerefsInParentheses`, and "(page N)" tied to the
    reference (a tie, not a space): 22 solution titles had "(page 28)"
    alone on their second line (print review R12)."""
    match = _PAGEREF_SUFFIX.match(translator.context[-1])
    in_a_cell = any(isinstance(n, nodes.entry) for n in _ancestors(node))
    if match and node.get("book_in_parentheses"):
        translator.context[-1] = "}}}, " + match[1]
    elif match and not in_a_cell:  # a narrow column may need the break
        translator.context[-1] = "}}}~(" + match[1] + ")"
    LaTeXTranslator.depart_reference(translator, node)


class HandoutFrontPage(SphinxPostTransform):
    """A handout's first content page: "How to read this handout".

    The box (bookkit.handouts.how_to_read) follows the part's introduction,
    so the introduction no longer stands alone on a page (M17). The
    foreword's handout is laid out as one chapter with sections (M7): its
    top section is wrapped in one whose title LaTeX takes as the
    document's title, so the foreword is a chapter, not the document.
    """

    default_priority = 440
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        edition = str(self.config.book_handout_edition)
        if not edition:
            return
        from bookkit import handouts

        start = str(self.document.get("docname") or self.env.docname)
        if start not in handouts.starts():
            return
        top = next(
            (
                (i, child)
                for i, child in enumerate(self.document.children)
                if isinstance(child, nodes.section)
            ),
            None,
        )
        if top is None:  # pragma: no cover - every handout has a title
            return
        index, section = top
        box = nodes.admonition(classes=["how-to-read"])
        heading = "How to read this handout"
        box += nodes.title(heading, heading)
        items = nodes.bullet_list()
        for point in handouts.how_to_read(start, edition):
            text, _, command = point.partition("\n")
            item = nodes.list_item()
            paragraph = nodes.paragraph()
            for i, piece in enumerate(text.split("``")):
                if i % 2:  # a path or command: never broken at a line end
                    paragraph += nodes.raw("", r"\mbox{", format="latex")
                    paragraph += nodes.literal(piece, piece)
                    paragraph += nodes.raw("", "}", format="latex")
                else:
                    paragraph += nodes.Text(piece)
            item += paragraph
            if command:  # a command line, set apart (never broken)
                item += nodes.literal_block(command, command, language="text")
            items += item
        box += items
        # The box must fit on the first page under the part's title and
        # introduction (11 pt type on the book's measure filled it): its
        # text is set a size smaller, ragged right with no hyphenation, so
        # no word of it ("in-structor") and no path is split at a line end.
        compact = nodes.raw(
            "",
            r"\begingroup\small\raggedright\hyphenpenalty=10000"
            r"\exhyphenpenalty=10000\relax",
            format="latex",
        )
        framed = nodes.container(
            "", compact, box, nodes.raw("", r"\par\endgroup", format="latex")
        )
        if start.endswith("/index"):
            # after the part's introduction, before its chapters
            at = next(
                (
                    i
                    for i, child in enumerate(section.children)
                    if i and not isinstance(child, nodes.paragraph)
                ),
                len(section.children),
            )
            section.insert(at, framed)
            return
        section.insert(1, framed)
        title = section[0].astext()
        outer = nodes.section("", nodes.title(title, title), section)
        self.document[index] = outer


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value(
        "book_editions_dir", "", "env", types=frozenset({str})
    )
    # Set by the Makefile: record the doctest run (every build's first
    # step), and refuse a release whose versions are not all verified.
    app.add_config_value(
        "book_record_build", False, "", types=frozenset({bool})
    )
    app.add_config_value("book_release", False, "env", types=frozenset({bool}))
    # conf.py: the book's PDF prints solutions in an appendix; a handout
    # build names its edition (both read only when the PDF is written).
    app.add_config_value(
        "book_solutions_appendix", False, "", types=frozenset({bool})
    )
    app.add_config_value(
        "book_handout_edition", "", "", types=frozenset({str})
    )
    # The HTML and EPUB builders rewrite every page when a config value of
    # theirs changes (Sphinx's .buildinfo), not when this extension does:
    # after `make doctest` re-read the shared doctrees, `make html` wrote
    # only the pages whose sources had changed, and the rest kept the old
    # tooling's markup. This value is the tooling's digest, set by no one.
    app.add_config_value(
        "book_tooling_digest",
        _tooling_digest(),
        "html",
        types=frozenset({int}),
    )
    app.add_directive("edition-results", EditionResults)
    app.connect("env-get-outdated", _edition_is_always_outdated)
    app.setup_extension("sphinx.ext.doctest")
    app.setup_extension("sphinx.ext.autodoc")
    app.connect("autodoc-process-docstring", frame_module_docstring)
    app.add_directive("doctest", VersionedDoctest, override=True)
    # HTML and the EPUB (format html); other writers fall back to the
    # container's and the paragraph's visitors (Sphinx looks up the MRO).
    app.add_node(
        VersionedListing,
        html=(_visit_versioned_listing, _depart_versioned_listing),
    )
    app.add_node(
        VersionLabel, html=(_visit_version_label, _depart_version_label)
    )
    app.add_builder(StrictDocTestBuilder, override=True)
    app.add_builder(IdentifiedEpubBuilder, override=True)
    app.connect("doctree-read", group_docstring_doctests)
    app.add_post_transform(PartsAsLatexParts)
    app.add_post_transform(TrimIncludedListings)
    app.add_post_transform(ExerciseTitles)
    app.add_post_transform(KeepListingsWhole)
    app.add_post_transform(EditionAtTheRoot)
    app.add_post_transform(SolutionsInAnAppendix)
    app.add_post_transform(CrossHandoutReferences)
    app.add_post_transform(HandoutFrontPage)
    app.add_post_transform(PagerefsInParentheses)
    app.add_post_transform(CommandsBreakOnlyAtSpaces)
    app.add_post_transform(LeadInsKeepTheirLists)
    app.add_node(
        nodes.reference,
        override=True,
        latex=(LaTeXTranslator.visit_reference, depart_reference),
    )
    app.connect("config-inited", frontmatter.configure)
    app.connect("build-finished", frontmatter.write_examples)
    app.connect("doctree-resolved", frontmatter.link_examples)
    app.connect("doctree-resolved", frontmatter.epub_rights)
    app.connect(
        "env-get-outdated", frontmatter.landing_page_is_always_outdated
    )
    app.connect("doctree-resolved", label_exercises_for_latex)
    app.connect("doctree-resolved", unique_ids)
    app.connect("html-page-context", one_viewport)
    return {
        "version": "1",
        # Any change to the book's tooling rereads every page: the doctrees
        # carry what this extension put into them.
        "env_version": _tooling_digest(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
