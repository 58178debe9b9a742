"""The book's index, generated when Sphinx reads each chapter.

The chapters carry few ``{index}`` entries of their own; the rest are made
here, by rules, so that the index covers the book without index markup in
the prose. A chapter is any document under a part (``runtime/``, ``oop/``,
``typing_system/``) or the foreword; the part pages, the landing page and
the edition page are not indexed.

Rules, applied to every chapter:

1. **Section topics.** Every section title is an entry, at the section's
   start. Its topic is the title without its chapter number, without a
   leading article ("The", "A", "An") and without a trailing version
   qualifier ("(Python 3.12 and later)"). ``[sections]`` in
   ``book/index-terms.toml`` replaces the topic of a title that does not
   name one by itself ("In a FastAPI application" under "Reference
   counting" becomes "reference counting; in a FastAPI application":
   ``{parent}`` is the enclosing section's topic).
2. **Code terms.** Every inline code literal of the prose (``nodes.literal``,
   also inside cross-references) that names a Python object is an entry in
   mono, at its first use in each section. A literal names an object if it
   is a dotted name, optionally followed by ``()`` or a subscript
   (``Generic[T]`` is ``Generic``), and it is a keyword, a builtin, a
   standard-library module or a name under one, contains an underscore, a
   dot or a capital letter, or is listed as ``kind = "code"`` in the terms
   file. An attribute of an instance (``app.dependency_overrides``: the
   head is a lower-case name that is neither a module nor a library) is
   indexed by the attribute (``dependency_overrides``) when that has an
   underscore or a capital. Each name a listing imports (``from fastapi
   import Depends`` gives ``fastapi`` and ``Depends``) is an entry too, just
   after the listing. One-letter names, ``examples.*`` and ``bookkit.*``
   (the book's own machinery) and the terms file's ``exclude`` list are
   not entries.
3. **Curated terms.** Each ``[[term]]`` of the terms file is an entry at its
   first occurrence in each section, found case-insensitively in the prose
   as the term itself or one of its ``match`` phrases (whole words).
   ``kind`` is ``roman`` (the default) or ``code``; ``parent`` makes it a
   sub-entry; ``see`` and ``see_also`` add cross-references.
4. **No autodoc noise.** Index entries that autodoc makes for the book's
   own modules (``examples.*``) are removed.

In print (LaTeX) entries are set in roman; an entry (or sub-entry) that is
a code term of rule 2 or 3, anywhere in the book, is set in mono.
"""

from __future__ import annotations

import builtins
import keyword
import re
import sys
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.typing import ExtensionMetadata
from sphinx.writers.latex import LaTeXTranslator

TERMS_FILE = "index-terms.toml"
#: Documents under these folders, and the foreword, are chapters.
CHAPTER_ROOTS = ("runtime/", "oop/", "typing_system/", "foreword")

_NAME = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)"
    r"(?:\(\)|\[[^\]]*\])?$"
)
_NUMBER = re.compile(r"^\d+(?:\.\d+)*\s+")
_VERSION = re.compile(r"\s*\(Python 3\.\d+(?: and later)?\)$")
_ARTICLE = re.compile(r"^(?:The|A|An)\s+")
_OWN = ("examples.", "bookkit.")
#: Top-level packages whose dotted names stay whole in the index.
LIBRARIES = frozenset(
    {"fastapi", "starlette", "pydantic", "pydantic_core", "sqlalchemy",
     "uvicorn", "gunicorn", "httpx", "anyio", "annotated_types"}
)  # fmt: skip
_IMPORT = re.compile(
    r"^(?:>>> |\.\.\. )?\s*(?:from (?P<module>[\w.]+) import (?P<names>.+)"
    r"|import (?P<modules>[\w., ]+))$",
    re.M,
)


@dataclass(frozen=True)
class Term:
    """A curated entry: its text, how it is set and found."""

    name: str
    kind: str = "roman"
    parent: str = ""
    match: tuple[str, ...] = ()
    see: str = ""
    see_also: tuple[str, ...] = ()

    @property
    def entry(self) -> str:
        return f"{self.parent}; {self.name}" if self.parent else self.name

    def pattern(self) -> re.Pattern[str]:
        phrases = sorted({self.name, *self.match}, key=len, reverse=True)
        return re.compile(
            r"(?<![\w.])(?:"
            + "|".join(re.escape(p) for p in phrases)
            + r")(?:s|es)?(?![\w])",
            re.IGNORECASE,
        )


@dataclass
class Terms:
    """What ``book/index-terms.toml`` says."""

    terms: list[Term] = field(default_factory=list)
    sections: dict[str, list[str]] = field(default_factory=dict)
    exclude: frozenset[str] = frozenset()

    @property
    def code(self) -> frozenset[str]:
        return frozenset(t.name for t in self.terms if t.kind == "code")


def load_terms(path: Path) -> Terms:
    """Read the terms file (an absent file gives no curated terms)."""
    if not path.exists():
        return Terms()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    terms = []
    for raw in data.get("term", []):
        kind = raw.get("kind", "roman")
        if kind not in {"roman", "code"}:
            raise ValueError(f"{path}: {raw['name']!r}: kind is {kind!r}")
        terms.append(
            Term(
                name=raw["name"],
                kind=kind,
                parent=raw.get("parent", ""),
                match=tuple(raw.get("match", ())),
                see=raw.get("see", ""),
                see_also=tuple(raw.get("see_also", ())),
            )
        )
    sections = {
        title: [value] if isinstance(value, str) else list(value)
        for title, value in data.get("sections", {}).items()
    }
    return Terms(terms, sections, frozenset(data.get("exclude", ())))


def is_chapter(docname: str) -> bool:
    return docname.startswith(CHAPTER_ROOTS) and not docname.endswith("/index")


def topic_of(title: str) -> str:
    """Rule 1's default: a section title as an index topic."""
    topic = _VERSION.sub("", _NUMBER.sub("", title.strip()))
    topic = _ARTICLE.sub("", topic)
    first, _, rest = topic.partition(" ")
    # "Classes" -> "classes", but "CPython", "FastAPI", "TypedDict" and
    # "ABCs" keep their capitals.
    if first[:1].isupper() and first[1:].islower():
        first = first.lower()
    return f"{first} {rest}".strip()


_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


def section_entries(title: str, parent: str, terms: Terms) -> list[str]:
    """The index entries of a section titled ``title``."""
    # Sphinx has made the title's quotes typographic by now (its smart
    # quotes run at priority 750); the terms file uses plain ones.
    title = title.translate(_QUOTES)
    override = terms.sections.get(title)
    if override is None:
        return [topic_of(title)]
    return [entry.replace("{parent}", parent) for entry in override]


def parent_topic(title: str, terms: Terms) -> str:
    """The main entry of a section titled ``title`` ("" if it has none)."""
    entries = section_entries(title, "", terms)
    return entries[0].split(";")[0].strip() if entries else ""


def code_term(text: str, terms: Terms) -> str | None:
    """Rule 2: the entry for an inline literal, or None if it is not one."""
    text = text.strip()
    if text in terms.code:
        return text
    match = _NAME.match(text)
    if match is None:
        return None
    name = match["name"]
    base = name.split(".")[0]
    if (
        len(name) < 2
        or name in terms.exclude
        or name.startswith(_OWN)
        or name == "examples"
    ):
        return None
    head, _, attribute = name.partition(".")
    if (
        attribute
        and head.islower()
        and head not in sys.stdlib_module_names
        and head not in LIBRARIES
        and ("_" in attribute or not attribute.islower())
    ):
        # ``app.dependency_overrides``: an attribute of an instance is
        # looked up by the attribute's name.
        return attribute
    if (
        "." in name
        or "_" in name
        or any(char.isupper() for char in name)
        or keyword.iskeyword(name)
        or hasattr(builtins, name)
        or base in sys.stdlib_module_names
    ):
        return name
    return None


def _own_entry(entry: tuple[Any, ...]) -> bool:
    """An autodoc entry for one of the book's own modules (rule 4)."""
    text = str(entry[1])
    return any(
        part.strip().startswith(_OWN) or part.strip() == "examples"
        for part in re.split(r"[;(]", text)
    )


class GenerateIndex(SphinxTransform):
    """Rules 1-4 on a chapter's doctree.

    It runs just before Sphinx's domains collect the index entries of the
    document (``SphinxDomains``, priority 850), so the HTML's general index
    and the PDF's index get the same entries. (``doctree-read`` comes too
    late for the HTML: it is emitted at priority 880.)
    """

    default_priority = 845

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.current_document.docname
        for node in list(self.document.findall(addnodes.index)):
            node["entries"] = [e for e in node["entries"] if not _own_entry(e)]
            if not node["entries"]:
                node.parent.remove(node)
        if not is_chapter(docname):
            return
        terms = _terms(self.env)
        code: set[str] = set()
        counter = iter(range(1, 1_000_000))
        for section in list(self.document.findall(nodes.section)):
            self._section(section, docname, terms, code, counter)
        codes = _code_terms(self.env)
        codes[docname] = code | {
            t.name for t in terms.terms if t.kind == "code"
        }

    def _section(
        self,
        section: nodes.section,
        docname: str,
        terms: Terms,
        code: set[str],
        counter: Iterator[int],
    ) -> None:
        title = section.next_node(nodes.title)
        if title is None:
            return
        parent_section = section.parent
        parent = ""
        while parent_section is not None and not isinstance(
            parent_section, nodes.section
        ):
            parent_section = parent_section.parent
        if isinstance(parent_section, nodes.section):
            parent_title = parent_section.next_node(nodes.title)
            if parent_title is not None:
                parent = parent_topic(parent_title.astext(), terms)
        entries = section_entries(title.astext(), parent, terms)
        if entries:
            self._head(section, title, entries, next(counter))
        self._own_entries(section, terms, code, counter)

    def _head(
        self,
        section: nodes.section,
        title: nodes.title,
        entries: list[str],
        number: int,
    ) -> None:
        """Rule 1: the section's topics, main entries, at its start."""
        target_id = f"book-index-{number}"
        index = _index(
            [("single", e, target_id, "main", None) for e in entries]
        )
        at = section.index(title) + 1
        first = section[at] if at < len(section) else None
        if isinstance(first, nodes.paragraph):
            # Inline, at the start of the first paragraph: an \index between
            # the heading and the text would let a page break in after it.
            index["inline"] = True
            first.insert(0, index)
            first.insert(0, nodes.target("", "", ids=[target_id]))
        else:
            section.insert(at, index)
            section.insert(at, nodes.target("", "", ids=[target_id]))

    def _own_entries(
        self,
        section: nodes.section,
        terms: Terms,
        code: set[str],
        counter: Iterator[int],
    ) -> None:
        """Rules 2 and 3 in the section's own text."""
        title = section.next_node(nodes.title)
        assert title is not None
        code.update(
            name
            for literal in title.findall(nodes.literal)
            if (name := code_term(literal.astext(), terms))
        )
        # Code literals and curated terms: first use in this section's own
        # text (not in its subsections, which index their own).
        seen: set[str] = set()
        for literal in _own(section, nodes.literal):
            name = code_term(literal.astext(), terms)
            if name is None or name in seen:
                continue
            seen.add(name)
            code.add(name)
            _insert_before(literal, name, next(counter))
        for block in _own_blocks(section):
            for name in imported_names(block.astext()):
                if name in seen or name in terms.exclude:
                    continue
                seen.add(name)
                code.add(name)
                _insert_after(block, name, next(counter))
        for term in terms.terms:
            if term.entry in seen:
                continue
            found = _find_text(section, term.pattern())
            if found is None:
                continue
            seen.add(term.entry)
            text, start = found
            _split_at(text, start, term, next(counter))


def _own(section: nodes.section, kind: type[nodes.Node]) -> Iterable[Any]:
    """Nodes of ``kind`` in the section but not in a nested section, nor in
    a code block, a title or an ``{only}`` block (the instructors' teaching
    notes: a build without the tag drops them, and an entry there would
    point at nothing, which epubcheck refuses)."""
    for node in list(section.findall(kind)):
        ancestor = node.parent
        inside = False
        while ancestor is not None and ancestor is not section:
            if isinstance(
                ancestor,
                nodes.section
                | nodes.title
                | nodes.literal_block
                | addnodes.desc
                | addnodes.only,
            ):
                inside = True
                break
            ancestor = ancestor.parent
        if not inside:
            yield node


def imported_names(code: str) -> list[str]:
    """Rule 2b: what a listing imports (``from M import A`` gives M and A),
    except the book's own example modules."""
    names = []
    for match in _IMPORT.finditer(code):
        if match["module"]:
            module = match["module"]
            if module.startswith((*_OWN, ".", "__future__")):
                continue
            names.append(module)
            imported = match["names"].strip().strip("()\\").split(",")
            names += [
                part.split(" as ")[0].strip()
                for part in imported
                if part.strip() and part.strip() != "*"
            ]
        else:
            names += [
                part.split(" as ")[0].strip()
                for part in match["modules"].split(",")
                if not part.strip().startswith(_OWN)
            ]
    return [name for name in names if _NAME.match(name) and len(name) > 1]


def _own_blocks(section: nodes.section) -> Iterable[nodes.Element]:
    """The section's own code blocks (not a nested section's)."""
    for block in list(section.findall(nodes.literal_block)) + list(
        section.findall(nodes.doctest_block)
    ):
        ancestor = block.parent
        hidden = False
        while ancestor is not None and not isinstance(ancestor, nodes.section):
            hidden = hidden or isinstance(ancestor, addnodes.only)
            ancestor = ancestor.parent
        if ancestor is section and not hidden:
            yield block


def _insert_after(block: nodes.Element, entry: str, number: int) -> None:
    """An index entry for ``entry`` just after a code block."""
    parent = block.parent
    assert parent is not None
    target_id = f"book-index-l{number}"
    at = parent.index(block) + 1
    parent.insert(at, _index([("single", entry, target_id, "", None)]))
    parent.insert(at, nodes.target("", "", ids=[target_id]))


def _index(entries: list[tuple[str, str, str, str, None]]) -> addnodes.index:
    node = addnodes.index(entries=entries)
    node["inline"] = False
    return node


def _insert_before(node: nodes.Node, entry: str, number: int) -> None:
    """An index entry for ``entry`` where ``node`` is (a literal)."""
    anchor: nodes.Node = node
    # A literal inside a cross-reference: the entry goes before the reference.
    while isinstance(anchor.parent, addnodes.pending_xref | nodes.reference):
        anchor = anchor.parent
    parent = anchor.parent
    assert parent is not None
    target_id = f"book-index-c{number}"
    index = addnodes.index(entries=[("single", entry, target_id, "", None)])
    index["inline"] = True
    at = parent.index(anchor)
    parent.insert(at, index)
    parent.insert(at, nodes.target("", "", ids=[target_id]))


def _find_text(
    section: nodes.section, pattern: re.Pattern[str]
) -> tuple[nodes.Text, int] | None:
    for paragraph in _own(section, nodes.paragraph):
        for text in paragraph.findall(nodes.Text):
            if isinstance(text.parent, nodes.literal | addnodes.index):
                continue
            if match := pattern.search(str(text)):
                return text, match.start()
    return None


def _split_at(text: nodes.Text, start: int, term: Term, number: int) -> None:
    """Put the curated term's entry (and its cross-references) at ``start``."""
    parent = text.parent
    assert parent is not None
    target_id = f"book-index-t{number}"
    entries: list[tuple[str, str, str, str, None]] = [
        ("single", term.entry, target_id, "", None)
    ]
    if term.see:
        entries.append(
            ("see", f"{term.entry}; {term.see}", target_id, "", None)
        )
    entries += [
        ("seealso", f"{term.entry}; {other}", target_id, "", None)
        for other in term.see_also
    ]
    index = addnodes.index(entries=entries)
    index["inline"] = True
    value = str(text)
    at = parent.index(text)
    parent.replace(text, nodes.Text(value[:start]))
    for offset, node in enumerate(
        [
            nodes.target("", "", ids=[target_id]),
            index,
            nodes.Text(value[start:]),
        ],
        1,
    ):
        parent.insert(at + offset, node)


def _terms(env: BuildEnvironment) -> Terms:
    cached: Terms | None = getattr(env, "book_index_terms", None)
    if cached is None:
        cached = load_terms(Path(env.srcdir) / TERMS_FILE)
        env.book_index_terms = cached  # type: ignore[attr-defined]
    return cached


def _code_terms(env: BuildEnvironment) -> dict[str, set[str]]:
    if not hasattr(env, "book_code_terms"):
        env.book_code_terms = {}  # type: ignore[attr-defined]
    codes: dict[str, set[str]] = env.book_code_terms  # type: ignore[attr-defined]
    return codes


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _code_terms(env).pop(docname, None)


def _merge(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: Any
) -> None:
    mine = _code_terms(env)
    for docname, names in getattr(other, "book_code_terms", {}).items():
        if docname in docnames:
            mine[docname] = names


def _forget_terms(app: Sphinx, env: BuildEnvironment, *args: Any) -> None:
    """The terms file is read afresh by each build."""
    if hasattr(env, "book_index_terms"):
        del env.book_index_terms


def _latex_escape(translator: LaTeXTranslator, value: str) -> str:
    """What Sphinx's ``visit_index`` makes of an entry's text."""
    value = translator.encode(value)
    value = value.replace(r"\{", r"\sphinxleftcurlybrace{}")
    value = value.replace(r"\}", r"\sphinxrightcurlybrace{}")
    value = value.replace('"', '""')
    value = value.replace("@", '"@')
    value = value.replace("!", '"!')
    return value.replace("|", r"\textbar{}")


def visit_index(translator: LaTeXTranslator, node: addnodes.index) -> None:
    """Sphinx's LaTeX index entries, with code terms in mono."""
    start = len(translator.body)
    try:
        LaTeXTranslator.visit_index(translator, node)
    except nodes.SkipNode:
        _set_code_in_mono(translator, start)
        raise
    _set_code_in_mono(translator, start)


def _set_code_in_mono(translator: LaTeXTranslator, start: int) -> None:
    env = translator.builder.env
    codes = set().union(*_code_terms(env).values())
    added = "".join(translator.body[start:])
    for name in sorted(codes, key=len, reverse=True):
        escaped = _latex_escape(translator, name)
        added = added.replace(
            "@" + r"\spxentry{" + escaped + "}",
            "@"
            + r"\spxentry{\bookindexcode{"
            # a long name may break after a dot or an underscore in the
            # narrow column (current_default_thread_limiter overflowed it)
            + escaped.replace(".", r".\allowbreak{}").replace(
                r"\_", r"\_\allowbreak{}"
            )
            + "}}",
        )
    del translator.body[start:]
    translator.body.append(added)


def depart_index(translator: LaTeXTranslator, node: addnodes.index) -> None:
    pass


#: The preamble's part: entries in roman, code terms in mono, and the
#: group before "A" named for what it holds.
LATEX_PREAMBLE = r"""
\renewcommand{\sphinxstyleindexentry}[1]{#1}
\newcommand{\bookindexcode}[1]{\texttt{#1}}
\renewcommand{\sphinxnonalphabeticalgroupname}{Symbols and numbers}
"""


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_transform(GenerateIndex)
    app.add_node(
        addnodes.index, override=True, latex=(visit_index, depart_index)
    )
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-before-read-docs", _forget_terms)
    return {
        "version": "1",
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
