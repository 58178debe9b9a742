"""The book's index, generated when Sphinx reads each chapter.

The chapters carry few ``{index}`` entries of their own; the rest are made
here, by rules, so that the index covers the book without index markup in
the prose. A chapter is any document under a part (``runtime/``, ``oop/``,
``typing_system/``) or the foreword; the part pages, the landing page and
the edition page are not indexed.

Rules, applied to every chapter:

1. **Section topics.** A section's entries are the curated topics that
   ``[sections]`` in ``book/index-terms.toml`` gives for its title ("In a
   FastAPI application" under "Reference counting" becomes "reference
   counting; in a FastAPI application": ``{parent}`` is the enclosing
   section's topic; an entry in backticks is code), at the section's
   start. A title is never an entry by itself (the test suite requires
   every section to be listed).
2. **Code terms.** Every inline code literal of the prose (``nodes.literal``,
   also inside cross-references) that names a Python object is an entry in
   mono, at its first use in each section, just after it (the page where
   the name ends, which prints its last part). A literal names an object
   if it is a dotted name, optionally followed by ``()`` or a subscript
   (``Generic[T]`` is ``Generic``), and it is a keyword that ``keywords``
   lists (the others, ``if``, ``for``, ``in``, are syntax), a builtin, a
   standard-library module or a name under one (a module is not called:
   ``json()`` is a method), contains an underscore, a dot or a capital
   letter, or is listed as ``kind = "code"`` in the terms file. An
   attribute of an instance (``app.dependency_overrides``: the head is a
   lower-case name that is neither a module nor a library) is indexed by
   the attribute (``dependency_overrides``) when that has an underscore or
   a capital. Not entries: one-letter names, ``examples.*`` and
   ``bookkit.*`` (the book's own machinery), the terms file's ``exclude``
   list, the names a listing imports (the prose says which matter), and
   names defined only in src/examples or a chapter's doctests
   (:func:`example_only_names`) unless ``topics`` lists them.
3. **Curated terms.** Each ``[[term]]`` of the terms file is an entry at its
   first occurrence in each section, found in the prose as the term itself
   or one of its ``match`` phrases (whole words, across the source's
   lines; a phrase with a capital as written, a lower-case one in any
   case; ``exact``: only the phrases). An occurrence inside one of its
   ``unless`` phrases (its words in another sense: "the book's
   repository") or inside a longer term's phrase ("dependency" in
   "dependency injection") is not one. ``kind`` is ``roman`` (the default)
   or ``code``; ``parent`` makes it a sub-entry; ``see`` makes it a
   cross-reference only, ``see_also`` adds some. How many times the
   section names each entry of rules 2 and 3 is kept for rule 5.
4. **No autodoc noise.** Index entries that autodoc makes for the book's
   own modules (``examples.*``) are removed.
5. **The edit** (:func:`edit`, over the whole book once it is read):
   singular and plural forms are one entry, and so are an attribute on an
   instance and on its class (``request.app`` is ``Request.app``);
   ``typing.TypedDict`` is a *see* to ``TypedDict`` unless the two would
   print side by side (``dis.dis`` is ``dis``); each *see* is printed once
   and its entry has no pages. A chapter's exercises give a locator only
   to an entry that the chapters do not discuss, and a section about an
   entry indexes it once, at its start. A line with more than
   :data:`MAX_LOCATORS` pages keeps the sections that discuss the entry
   most (:data:`MIN_MENTIONS`: a passing mention in a section about
   something else gives no locator); a line with no such section (every
   section names the entry once) keeps its first pages. Pages are never
   grouped under sub-entries made from other topics ("thread pool:
   Callable", print review R11) or from chapters ("typing: in x", QB4).
   A main entry with a single sub-entry has its pages on its own line
   (CMS 15.76).

In print (LaTeX) entries are set in roman; an entry (or sub-entry) that is
a code term of rule 2 or 3, anywhere in the book, is set in mono.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import importlib.util
import keyword
import re
import sys
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.typing import ExtensionMetadata
from sphinx.writers.latex import LaTeXTranslator

TERMS_FILE = "index-terms.toml"
#: The title of a chapter's exercises (with their solutions and the
#: chapter's key points).
EXERCISES = "Exercises"
#: Documents under these folders, and the foreword, are chapters.
CHAPTER_ROOTS = ("runtime/", "oop/", "typing_system/", "foreword")

_NAME = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)"
    r"(?:\(\)|\[[^\]]*\])?$"
)
_OWN = ("examples.", "bookkit.")
#: Top-level packages whose dotted names stay whole in the index.
LIBRARIES = frozenset(
    {"fastapi", "starlette", "pydantic", "pydantic_core", "sqlalchemy",
     "uvicorn", "gunicorn", "httpx", "anyio", "annotated_types"}
)  # fmt: skip


@dataclass(frozen=True)
class Term:
    """A curated entry: its text, how it is set and found."""

    name: str
    kind: str = "roman"
    parent: str = ""
    match: tuple[str, ...] = ()
    see: str = ""
    see_also: tuple[str, ...] = ()
    #: Phrases in which the term's words have another sense ("the book's
    #: repository" is no repository of the code): an occurrence inside one
    #: is not the term.
    unless: tuple[str, ...] = ()
    #: Only the ``match`` phrases find the term, not its name (a sense of
    #: "strict mode" that only some phrases show).
    exact: bool = False

    @property
    def entry(self) -> str:
        return f"{self.parent}; {self.name}" if self.parent else self.name

    @property
    def phrases(self) -> tuple[str, ...]:
        """What finds the term in the prose."""
        return self.match if self.exact else (self.name, *self.match)

    def pattern(self) -> re.Pattern[str]:
        """Where the prose uses the term: a lower-case phrase in any case
        (a sentence may start with it), a phrase with a capital as written,
        so that ``Optional`` never finds the English word "optional"."""
        return _phrases_pattern(self.phrases)

    def unless_pattern(self) -> re.Pattern[str] | None:
        return _phrases_pattern(self.unless) if self.unless else None


def _phrases_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Whole words: a lower-case phrase in any case, one with a capital as
    written; a plural ending is allowed. Quotes are plain (:data:`_QUOTES`
    makes the prose's so before a search)."""
    ordered = sorted({p.translate(_QUOTES) for p in phrases}, key=len)
    alternatives = [
        # a phrase may break across the source's lines
        (words if p != p.lower() else f"(?i:{words})")
        for p in reversed(ordered)
        if (words := r"\s+".join(re.escape(w) for w in p.split()))
    ]
    return re.compile(
        r"(?<![\w.])(?:" + "|".join(alternatives) + r")(?:s|es)?(?![\w])"
    )


@dataclass
class Terms:
    """What ``book/index-terms.toml`` says."""

    terms: list[Term] = field(default_factory=list)
    sections: dict[str, list[str]] = field(default_factory=dict)
    exclude: frozenset[str] = frozenset()
    #: Names defined in src/examples that the prose discusses as topics.
    topics: frozenset[str] = frozenset()
    #: Keywords that the prose discusses; any other keyword in inline code
    #: is syntax (``if``, ``for``, ``in``), not an entry.
    keywords: frozenset[str] = frozenset()

    @property
    def code(self) -> frozenset[str]:
        return frozenset(self.code_entries)

    @cached_property
    def blockers(self) -> dict[str, list[re.Pattern[str]]]:
        """Each term's entry -> what hides it (:func:`_blockers`)."""
        return _blockers(self)

    @property
    def code_entries(self) -> dict[str, str]:
        """Inline code that is a curated code term -> its entry."""
        found: dict[str, str] = {}
        for term in self.terms:
            if term.kind == "code":
                for phrase in (term.name, *term.match):
                    found[phrase] = term.entry
        return found


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
        if raw.get("exact") and not raw.get("match"):
            raise ValueError(f"{path}: {raw['name']!r}: exact without match")
        terms.append(
            Term(
                name=raw["name"],
                kind=kind,
                parent=raw.get("parent", ""),
                match=tuple(raw.get("match", ())),
                see=raw.get("see", ""),
                see_also=tuple(raw.get("see_also", ())),
                unless=tuple(raw.get("unless", ())),
                exact=bool(raw.get("exact", False)),
            )
        )
    sections = {
        title: [value] if isinstance(value, str) else list(value)
        for title, value in data.get("sections", {}).items()
    }
    return Terms(
        terms,
        sections,
        frozenset(data.get("exclude", ())),
        frozenset(data.get("topics", ())),
        frozenset(data.get("keywords", ())),
    )


def is_chapter(docname: str) -> bool:
    return docname.startswith(CHAPTER_ROOTS) and not docname.endswith("/index")


def _defined_and_imported(tree: ast.AST) -> tuple[set[str], set[str]]:
    """The names a module defines (functions, classes, names it binds,
    ``self.x`` attributes) and the modules it imports."""
    defined: set[str] = set()
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(
            node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
        ):
            defined.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            defined.add(node.id)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id in {"self", "cls"}
        ):
            defined.add(node.attr)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
        elif isinstance(node, ast.alias) and node.asname:
            defined.add(node.asname)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and not (node.level or node.module.startswith(_OWN))
        ):
            modules.add(node.module)
    return defined, modules


def _public_names(modules: Iterable[str]) -> set[str]:
    """Every name the interpreter, these modules and their classes
    define (what a name in the book may also be, outside the examples)."""
    names = set(dir(builtins)) | set(dir(object)) | set(dir(type))
    names |= set(keyword.kwlist) | set(sys.stdlib_module_names)
    for module_name in sorted(set(modules) | LIBRARIES):
        try:
            module = importlib.import_module(module_name)
        except Exception:  # noqa: S112 - a module this Python lacks
            continue
        names.update(module_name.split("."))
        for name in dir(module):
            names.add(name)
            value = getattr(module, name, None)
            if isinstance(value, type):
                names.update(dir(value))
    return names


_PROMPT = re.compile(r"^\s*(?:>>>|\.\.\.)(?: |$)")


def _doctest_sources(text: str) -> Iterator[str]:
    """The code of each run of ``>>>``/``...`` lines of a chapter."""
    run: list[str] = []
    for line in [*text.splitlines(), ""]:
        if _PROMPT.match(line):
            run.append(_PROMPT.sub("", line, count=1))
        elif run:
            yield "\n".join(run)
            run = []


_DEFINITION = re.compile(r"^\s*(?:class|def|async def) (\w+)", re.M)


def _parsed(source: str) -> ast.AST:
    """The module; when this Python cannot parse it (``class C[T]:`` on
    3.11), just its ``class`` and ``def`` statements."""
    try:
        return ast.parse(source)
    except SyntaxError:
        return ast.parse(
            "\n".join(f"def {n}(): pass" for n in _DEFINITION.findall(source))
        )


def _trees(examples: Path, book: Path | None) -> Iterator[ast.AST]:
    for path in sorted(examples.rglob("*.py")):
        yield _parsed(path.read_text(encoding="utf-8"))
    for path in sorted(book.rglob("*.md")) if book else []:
        for source in _doctest_sources(path.read_text(encoding="utf-8")):
            yield _parsed(source)


def example_only_names(
    examples: Path, book: Path | None = None
) -> frozenset[str]:
    """Names defined in the book's example modules (``src/examples``), or
    in a chapter's doctests (``book``), and nowhere else: not a builtin,
    keyword, dunder, module, nor a name of a module the examples import or
    of one of its classes. ``AccountOut``, ``leaky_charge`` and
    ``_private`` are; ``__init__``, ``BaseModel`` and ``model_config`` are
    not."""
    defined: set[str] = set()
    modules: set[str] = set()
    for tree in _trees(examples, book):
        names, imported = _defined_and_imported(tree)
        defined |= names
        modules |= imported
    # the example modules themselves (``factory_plain``)
    defined |= {path.stem for path in examples.rglob("*.py")}
    public = _public_names(modules)
    return frozenset(
        name
        for name in defined
        if name not in public
        and not (name.startswith("__") and name.endswith("__"))
    )


_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


def section_entries(title: str, parent: str, terms: Terms) -> list[str]:
    """The index entries of a section titled ``title``."""
    # Sphinx has made the title's quotes typographic by now (its smart
    # quotes run at priority 750); the terms file uses plain ones.
    title = title.translate(_QUOTES)
    override = terms.sections.get(title, [])
    return [
        entry.replace("{parent}", parent).replace("`", "")
        for entry in override
    ]


def section_code(terms: Terms) -> set[str]:
    """The section topics written in backticks: code, set in mono."""
    return {
        entry.split(";")[0].strip().strip("`")
        for entries in terms.sections.values()
        for entry in entries
        if entry.split(";")[0].strip().startswith("`")
    }


def parent_topic(title: str, terms: Terms) -> str:
    """The main entry of a section titled ``title`` ("" if it has none)."""
    entries = section_entries(title, "", terms)
    return entries[0].split(";")[0].strip() if entries else ""


def code_term(
    text: str, terms: Terms, local: frozenset[str] = frozenset()
) -> str | None:
    """Rule 2: the entry for an inline literal, or None if it is not one.

    ``local`` are the names defined only in src/examples
    (:func:`example_only_names`): a literal made of one is not an entry.
    """
    text = text.strip()
    if text in terms.code_entries:
        return terms.code_entries[text]
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
    if name not in terms.topics and any(
        part in local and part not in terms.topics for part in name.split(".")
    ):
        return None
    if keyword.iskeyword(name) and name not in terms.keywords:
        # ``if``, ``for``, ``in``: syntax the prose names in passing
        return None
    if (
        text.endswith("()")
        and name in sys.stdlib_module_names
        and not hasattr(builtins, name)
    ):
        # ``json()``, ``select()``: a module is not called; this is a
        # method or a library's function of the same name
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
        self.local = _local_names(self.env)
        _where(self.env)[docname] = {}
        code: set[str] = set()
        counter = iter(range(1, 1_000_000))
        for section in list(self.document.findall(nodes.section)):
            self._section(section, docname, terms, code, counter)
        # The global pass (``edit``) rewrites entries by document.
        for node in self.document.findall(addnodes.index):
            node["book_docname"] = docname
        codes = _code_terms(self.env)
        codes[docname] = (
            code
            | {t.name for t in terms.terms if t.kind == "code"}
            | section_code(terms)
        )

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
        exercises = any(
            isinstance(s, nodes.section)
            and (t := s.next_node(nodes.title)) is not None
            and t.astext() == EXERCISES
            for s in _ancestors(section)
        )
        where = Where(tuple(entries), 0, exercises)
        self._own_entries(section, terms, code, counter, docname, where)

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
        docname: str,
        where: Where,
    ) -> None:
        """Rules 2 and 3 in the section's own text."""
        title = section.next_node(nodes.title)
        assert title is not None
        code.update(
            name.split(";")[-1].strip()
            for literal in title.findall(nodes.literal)
            if (name := code_term(literal.astext(), terms, self.local))
        )
        # Code literals and curated terms: first use in this section's own
        # text (not in its subsections, which index their own). A
        # listing's import lines are not entries: the prose says which
        # names matter. How often the section names each is kept for the
        # global pass (a heavy entry drops the sections that name it once).
        recorded = _where(self.env)[docname]
        literals: dict[str, list[nodes.literal]] = {}
        for literal in _own(section, nodes.literal):
            name = code_term(literal.astext(), terms, self.local)
            if name is not None:
                literals.setdefault(name, []).append(literal)
        seen: set[str] = set(literals)
        for name, found_literals in literals.items():
            code.add(name.split(";")[-1].strip())
            number = next(counter)
            _insert_after(found_literals[0], name, number)
            recorded[f"book-index-c{number}"] = where._replace(
                mentions=len(found_literals)
            )
        blockers = terms.blockers
        for term in terms.terms:
            if term.entry in seen:
                continue
            found = _find_text(section, term.pattern(), blockers[term.entry])
            if found is None:
                continue
            seen.add(term.entry)
            text, start, mentions = found
            number = next(counter)
            _split_at(text, start, term, number)
            recorded[f"book-index-t{number}"] = where._replace(
                mentions=mentions
            )


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    """The node and the nodes that contain it."""
    current: nodes.Node | None = node
    while current is not None:
        yield current
        current = current.parent


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


def _index(entries: list[tuple[str, str, str, str, None]]) -> addnodes.index:
    node = addnodes.index(entries=entries)
    node["inline"] = False
    return node


def _insert_after(node: nodes.Node, entry: str, number: int) -> None:
    """An index entry for ``entry`` just after ``node`` (a literal): the
    page it names is the one where the name ends, so a name broken across
    a page break (``collections.abc.`` / ``Iterable``, indexed as
    ``Iterable``) is indexed where its last part is printed."""
    anchor: nodes.Node = node
    # A literal inside a cross-reference: the entry goes after the reference.
    while isinstance(anchor.parent, addnodes.pending_xref | nodes.reference):
        anchor = anchor.parent
    parent = anchor.parent
    assert parent is not None
    target_id = f"book-index-c{number}"
    index = addnodes.index(entries=[("single", entry, target_id, "", None)])
    index["inline"] = True
    at = parent.index(anchor) + 1
    parent.insert(at, index)
    parent.insert(at, nodes.target("", "", ids=[target_id]))


def _paragraph_text(
    paragraph: nodes.paragraph,
) -> tuple[str, list[tuple[int, nodes.Text, bool]]]:
    """A paragraph's text, its lines joined (MyST makes a Text node of each
    source line), with quotes made plain, and where each Text node starts
    in it and whether it is code (inline literal)."""
    parts: list[str] = []
    starts: list[tuple[int, nodes.Text, bool]] = []
    at = 0
    for text in paragraph.findall(nodes.Text):
        if any(isinstance(a, addnodes.index) for a in _ancestors(text)):
            continue
        code = any(isinstance(a, nodes.literal) for a in _ancestors(text))
        value = str(text).translate(_QUOTES)
        starts.append((at, text, code))
        parts.append(value)
        at += len(value)
    return "".join(parts), starts


def _find_text(
    section: nodes.section,
    pattern: re.Pattern[str],
    blockers: Iterable[re.Pattern[str]] = (),
) -> tuple[nodes.Text, int, int] | None:
    """The first place in the section's own text where ``pattern`` finds
    the term (a Text node and the offset in it), and how many times the
    text names it. A match in code, or inside a match of one of
    ``blockers`` (a longer term that contains it, a phrase of another
    sense), does not count."""
    first: tuple[nodes.Text, int] | None = None
    mentions = 0
    for paragraph in _own(section, nodes.paragraph):
        value, starts = _paragraph_text(paragraph)
        spans: list[tuple[int, int]] | None = None
        for match in pattern.finditer(value):
            inside = [
                (at, text, code)
                for at, text, code in starts
                if at <= match.start() < at + len(text)
                or at < match.end() <= at + len(text)
            ]
            if any(code for *_, code in inside):
                continue
            if spans is None:
                spans = [
                    other.span()
                    for blocker in blockers
                    for other in blocker.finditer(value)
                ]
            if any(a <= match.start() and match.end() <= b for a, b in spans):
                continue
            mentions += 1
            if first is None:
                at, text, _ = inside[0]
                first = (text, match.start() - at)
    return None if first is None else (*first, mentions)


def _blockers(terms: Terms) -> dict[str, list[re.Pattern[str]]]:
    """For each curated term, the patterns whose matches hide it: its own
    ``unless`` phrases and every other term with a longer phrase that
    contains one of its phrases ("dependency" is not an entry inside
    "dependency injection", nor "base class" inside "abstract base
    class")."""
    found: dict[str, list[re.Pattern[str]]] = {}
    for term in terms.terms:
        patterns = [p] if (p := term.unless_pattern()) else []
        mine = [phrase.lower() for phrase in term.phrases]
        for other in terms.terms:
            if other.entry == term.entry:
                continue
            longer = [
                phrase
                for phrase in other.phrases
                if any(
                    len(phrase) > len(own)
                    and re.search(rf"(?<!\w){re.escape(own)}", phrase.lower())
                    for own in mine
                )
            ]
            if longer:
                patterns.append(_phrases_pattern(longer))
        found[term.entry] = patterns
    return found


def _split_at(text: nodes.Text, start: int, term: Term, number: int) -> None:
    """Put the curated term's entry (and its cross-references) at ``start``."""
    parent = text.parent
    assert parent is not None
    target_id = f"book-index-t{number}"
    entries: list[tuple[str, str, str, str, None]] = [
        ("single", term.entry, target_id, "", None)
    ]
    if term.see:
        # A term that sends the reader elsewhere has no pages of its own.
        entries = [("see", f"{term.entry}; {term.see}", target_id, "", None)]
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


class Where(NamedTuple):
    """Where a generated entry was made: the topics of its section
    (:func:`section_entries`), how many times the section's own text
    names the entry, and whether it is in a chapter's exercises."""

    topics: tuple[str, ...]
    mentions: int
    exercises: bool


def _where(env: BuildEnvironment) -> dict[str, dict[str, Where]]:
    """docname -> target id -> :class:`Where`, for the entries that rules
    2 and 3 made."""
    if not hasattr(env, "book_index_where"):
        env.book_index_where = {}  # type: ignore[attr-defined]
    where: dict[str, dict[str, Where]] = env.book_index_where  # type: ignore[attr-defined]
    return where


def _terms(env: BuildEnvironment) -> Terms:
    cached: Terms | None = getattr(env, "book_index_terms", None)
    if cached is None:
        cached = load_terms(Path(env.srcdir) / TERMS_FILE)
        env.book_index_terms = cached  # type: ignore[attr-defined]
    return cached


def _local_names(env: BuildEnvironment) -> frozenset[str]:
    cached: frozenset[str] | None = getattr(env, "book_local_names", None)
    if cached is None:
        examples = Path(env.srcdir).parent / "src" / "examples"
        cached = example_only_names(examples, Path(env.srcdir))
        env.book_local_names = cached  # type: ignore[attr-defined]
    return cached


# ------------------------------------------------------ the global pass
Entry = tuple[str, str, str, str, str | None]
#: (docname, type, value, target id) of a raw entry
Ident = tuple[str, str, str, str]
#: The most locators an index line may carry.
MAX_LOCATORS = 8
_CHAPTER_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\s+")


def _chapter_key(env: BuildEnvironment, docname: str) -> tuple[int, ...]:
    """The book's order: the foreword, then by chapter number."""
    title = env.titles[docname].astext() if docname in env.titles else ""
    if match := _CHAPTER_NUMBER.match(title):
        return tuple(int(n) for n in match[1].split("."))
    return (0,)


def _plural_merges(mains: set[str], preferred: set[str]) -> dict[str, str]:
    """Singular and plural forms of one entry -> the one form to keep: a
    curated term's name if one is, else the singular."""
    merged: dict[str, str] = {}
    for name in sorted(mains):
        for suffix, replacement in (("ies", "y"), ("es", ""), ("s", "")):
            if not name.endswith(suffix):
                continue
            single = name[: -len(suffix)] + replacement
            if single in mains and single != name:
                keep = (
                    name
                    if name in preferred and single not in preferred
                    else single
                )
                merged[name if keep == single else single] = keep
                break
    # a chain (a -> b -> c) ends at its last form
    for name, keep in list(merged.items()):
        while keep in merged and merged[keep] != keep:
            keep = merged[keep]
        merged[name] = keep
    return merged


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError, AttributeError):
        return False


def _prefix_merges(code_mains: set[str]) -> dict[str, str]:
    """``typing.TypedDict`` -> ``TypedDict`` when both are entries (the
    dotted one becomes a *see*); a module (``collections.abc``) stays."""
    return {
        name: name.rsplit(".", 1)[1]
        for name in sorted(code_mains)
        if "." in name
        and name.rsplit(".", 1)[1] in code_mains
        and not _is_module(name)
    }


def _case_merges(code_mains: set[str]) -> dict[str, str]:
    """``request.app`` -> ``Request.app``: an attribute read on an
    instance and on its class is one entry, the class-qualified one."""
    qualified = {
        (name.split(".", 1)[0].lower(), name.split(".", 1)[1]): name
        for name in code_mains
        if "." in name and name[:1].isupper()
    }
    return {
        name: qualified[key]
        for name in sorted(code_mains)
        if "." in name
        and name[:1].islower()
        and (key := (name.split(".", 1)[0], name.split(".", 1)[1]))
        in qualified
    }


def _near(name: str, target: str) -> bool:
    """Whether a *see* from ``name`` to ``target`` would point at the
    line next to it: ``dis.dis`` and ``dis``, ``abc.ABC`` and ``ABC``,
    "test client" and ``TestClient``."""
    module, _, rest = name.rpartition(".")
    if module and rest == target and module.lower() == target.lower():
        return True
    letters = re.compile(r"[^a-z0-9]")
    return letters.sub("", name.lower()) == letters.sub("", target.lower())


#: A heavy entry (more than MAX_LOCATORS pages) keeps the sections that
#: discuss it most: those about it, and those that name it at least
#: MIN_MENTIONS times, the bar rising until its line fits; a passing
#: mention in a section about something else gives no locator. An entry
#: with no such section (its own sub-entries included) has no discussion
#: to send the reader to, as when every section names it once: its line
#: keeps its first pages.
MIN_MENTIONS = 2


def edit(
    raw: dict[str, list[Entry]],
    order: list[str],
    code: set[str],
    preferred: set[str],
    where: dict[str, dict[str, Where]] | None = None,
) -> dict[tuple[str, str, str, str], list[Entry]]:
    """The edited index: for each raw entry (docname, type, value, target
    id), what the index prints for it (nothing, or one entry).

    - singular and plural forms are one entry (:func:`_plural_merges`);
      a module-prefixed code name is a *see* to the bare name, unless the
      two would print side by side (``dis.dis`` is ``dis``); an
      attribute of an instance is its class's (``request.app`` is
      ``Request.app``);
    - a *see* is printed once, and a main entry that has one has no pages;
    - a chapter's exercises (``where``: the generated entries' sections)
      give a locator only to an entry that has no page elsewhere;
    - no line has more than ``MAX_LOCATORS`` locators: a heavy main
      entry keeps the sections that discuss it most (:data:`MIN_MENTIONS`)
      if it has any, and a line still too heavy keeps its first pages;
    - a main entry with a single sub-entry has its pages on its own line
      (CMS 15.76: a lone subentry is avoided).
    """
    where = where or {}
    singles: set[str] = set()
    for docname in order:
        for kind, value, *_ in raw.get(docname, []):
            if kind == "single":
                singles.add(value.split(";")[0].strip())
    code_mains = {m for m in singles if m in code}
    plural = _plural_merges(singles - code_mains, preferred)
    prefixed = _prefix_merges(code_mains)
    cased = _case_merges(code_mains)

    def canon(main: str) -> str:
        main = cased.get(main, main)
        return prefixed.get(main, plural.get(main, main))

    # first pass: rewrite names; collect the mains that have a *see*

    staged: list[tuple[Ident, str, Where | None, list[Entry]]] = []
    see_done: set[str] = set()
    see_mains: set[str] = set()

    def see(value: str) -> bool:
        """Whether this *see* (or *see also*) is the first of its kind."""
        if value in see_done:
            return False
        see_done.add(value)
        return True

    for docname in order:
        for entry in raw.get(docname, []):
            kind, value, tid, main, key = entry
            ident = (docname, kind, value, tid)
            head, _, rest = (p.strip() for p in value.partition(";"))
            new: list[Entry] = []
            if kind in {"see", "seealso"}:
                value = f"{canon(head)}; {rest}"
                if not _near(head, rest) and see(value):
                    new.append((kind, value, tid, main, key))
                    if kind == "see":
                        see_mains.add(canon(head))
            elif kind == "single":
                target = prefixed.get(head, "")
                if (
                    target
                    and not _near(head, target)
                    and see(f"{head}; {target}")
                ):
                    see_mains.add(head)
                    new.append(("see", f"{head}; {target}", tid, "", key))
                value = canon(head) + (f"; {rest}" if rest else "")
                new.append((kind, value, tid, main, key))
            else:
                new.append(entry)
            staged.append(
                (ident, docname, where.get(docname, {}).get(tid), new)
            )

    def singles_of(
        lines: list[tuple[Ident, str, Where | None, list[Entry]]],
    ) -> Iterator[tuple[str, Where | None, Entry]]:
        for _, docname, made, new in lines:
            for entry in new:
                if entry[0] == "single":
                    yield docname, made, entry

    # exercises: only for what the chapters do not discuss
    discussed = {
        value.split(";")[0].strip()
        for _, made, (_, value, *_) in singles_of(staged)
        if made is None or not made.exercises
    }
    for _, _, made, new in staged:
        if made is not None and made.exercises:
            new[:] = [
                e
                for e in new
                if e[0] != "single"
                or e[1].split(";")[0].strip() not in discussed
            ]

    # a section about an entry indexes it at its start: no second locator
    for _, _, made, new in staged:
        if made is None:
            continue
        about = {
            canon(head.strip()) + (f"; {sub.strip()}" if sub.strip() else "")
            for head, _, sub in (t.partition(";") for t in made.topics)
        }
        new[:] = [
            e
            for e in new
            if e[0] != "single"
            or not (
                e[1] in about
                or (
                    ";" not in e[1]
                    and any(a.split(";")[0] == e[1] for a in about)
                )
            )
        ]

    def main_count() -> dict[str, int]:
        count: dict[str, int] = {}
        for _, _, (_, value, *_) in singles_of(staged):
            if ";" not in value:
                count[value] = count.get(value, 0) + 1
        return count

    # heavy entries: the sections that discuss them most, if any
    def mentions(entry: Entry, made: Where | None) -> int:
        """How strongly a main-line locator discusses its entry (a section
        about it, or an entry written in the chapter: always kept)."""
        return made.mentions if made is not None and not entry[3] else 1 << 30

    own_sections: dict[str, int] = {}
    for _, _, (_, value, _, main, _) in singles_of(staged):
        if main and ";" in value:
            head = value.split(";")[0].strip()
            own_sections[head] = own_sections.get(head, 0) + 1
    strength: dict[str, list[int]] = {}
    for _, made, entry in singles_of(staged):
        if ";" not in entry[1]:
            strength.setdefault(entry[1], []).append(mentions(entry, made))
    bar: dict[str, int] = {}
    for name, found in strength.items():
        if len(found) <= MAX_LOCATORS:
            continue
        least = MIN_MENTIONS
        while (
            sum(n >= least for n in found) > MAX_LOCATORS and least < 1 << 30
        ):
            least = min(n for n in found if n >= least) + 1
        strong = sum(n >= least for n in found)
        if strong + own_sections.get(name, 0) >= 1:
            bar[name] = least
    for _, _, made, new in staged:
        new[:] = [
            e
            for e in new
            if not (
                e[0] == "single"
                and e[1] in bar
                and mentions(e, made) < bar[e[1]]
            )
        ]

    # a lone sub-entry joins its main entry's line
    count = main_count()
    subs: dict[str, dict[str, int]] = {}
    for _, _, (_, value, *_) in singles_of(staged):
        head, _, sub = (p.strip() for p in value.partition(";"))
        if sub:
            subs.setdefault(head, {})
            subs[head][sub] = subs[head].get(sub, 0) + 1
    lone = {
        f"{head}; {sub}": head
        for head, found in subs.items()
        for sub, n in found.items()
        if len(found) == 1 and count.get(head, 0) + n <= MAX_LOCATORS
    }
    for _, _, _, new in staged:
        new[:] = [
            (e[0], lone.get(e[1], e[1]), *e[2:]) if e[0] == "single" else e
            for e in new
        ]

    # second pass: no pages beside a *see*; no line heavier than the cap
    used: dict[str, int] = {}
    result: dict[Ident, list[Entry]] = {}
    for ident, _, _, new in staged:
        kept = result.setdefault(ident, [])
        for kind, value, tid, main, key in new:
            if kind == "single":
                if value.split(";")[0].strip() in see_mains:
                    continue
                used[value] = used.get(value, 0) + 1
                if used[value] > MAX_LOCATORS:
                    continue
            kept.append((kind, value, tid, main, key))
    return result


def _raw(env: BuildEnvironment) -> dict[str, list[Entry]]:
    if not hasattr(env, "book_index_raw"):
        env.book_index_raw = {}  # type: ignore[attr-defined]
    raw: dict[str, list[Entry]] = env.book_index_raw  # type: ignore[attr-defined]
    return raw


def _record(app: Sphinx, doctree: nodes.document) -> None:
    """A chapter's entries as the rules made them (``doctree-read`` comes
    after the index domain collected them)."""
    env = app.env
    docname = env.current_document.docname
    if is_chapter(docname):
        raw = env.domains.index_domain.entries.get(docname, [])
        _raw(env)[docname] = list(raw)


def _edit(app: Sphinx, env: BuildEnvironment) -> None:
    """The global pass, on every chapter's entries (``env-updated``): the
    index domain (the HTML's index) and the LaTeX writer use its result."""
    terms = _terms(env)
    raw = _raw(env)
    order = sorted(raw, key=lambda d: (_chapter_key(env, d), d))
    code = set().union(*_code_terms(env).values())
    preferred = {t.entry for t in terms.terms}
    edited = edit(raw, order, code, preferred, _where(env))
    env.book_index_edit = edited  # type: ignore[attr-defined]
    entries = env.domains.index_domain.entries
    for docname in order:
        entries[docname] = [
            new
            for kind, value, tid, main, key in raw[docname]
            for new in edited.get((docname, kind, value, tid), [])
        ]


def edited_entries(env: BuildEnvironment, node: addnodes.index) -> list[Entry]:
    """What the global pass made of an index node's entries."""
    edited = getattr(env, "book_index_edit", None)
    docname = node.get("book_docname")
    if edited is None or docname is None:
        return list(node["entries"])
    return [
        new
        for kind, value, tid, main, key in node["entries"]
        for new in edited.get(
            (docname, kind, value, tid), [(kind, value, tid, main, key)]
        )
    ]


def _code_terms(env: BuildEnvironment) -> dict[str, set[str]]:
    if not hasattr(env, "book_code_terms"):
        env.book_code_terms = {}  # type: ignore[attr-defined]
    codes: dict[str, set[str]] = env.book_code_terms  # type: ignore[attr-defined]
    return codes


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _code_terms(env).pop(docname, None)
    _raw(env).pop(docname, None)
    _where(env).pop(docname, None)


def _merge(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: Any
) -> None:
    mine = _code_terms(env)
    for docname, names in getattr(other, "book_code_terms", {}).items():
        if docname in docnames:
            mine[docname] = names
    raw = _raw(env)
    for docname, found in getattr(other, "book_index_raw", {}).items():
        if docname in docnames:
            raw[docname] = found
    where = _where(env)
    for docname, made in getattr(other, "book_index_where", {}).items():
        if docname in docnames:
            where[docname] = made


def _forget_terms(app: Sphinx, env: BuildEnvironment, *args: Any) -> None:
    """The terms file is read afresh by each build."""
    for name in ("book_index_terms", "book_local_names"):
        if hasattr(env, name):
            delattr(env, name)


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
    node["entries"] = edited_entries(translator.builder.env, node)
    node["book_docname"] = None
    crossrefs = [e[0] for e in node["entries"] if e[0] in {"see", "seealso"}]
    try:
        LaTeXTranslator.visit_index(translator, node)
    except nodes.SkipNode:
        _set_code_in_mono(translator, start, crossrefs)
        raise
    _set_code_in_mono(translator, start, crossrefs)


def _set_code_in_mono(
    translator: LaTeXTranslator, start: int, crossrefs: list[str]
) -> None:
    env = translator.builder.env
    codes = set().union(*_code_terms(env).values())
    added = "".join(translator.body[start:])
    # Sphinx writes a *see also* as a *see*; xindy's makeindex module has
    # a class for each (``\seealso`` prints "see also").
    pieces = added.split("|see{")
    added = pieces[0] + "".join(
        ("|seealso{" if kind == "seealso" else "|see{") + piece
        for kind, piece in zip(crossrefs, pieces[1:], strict=True)
    )
    for name in sorted(codes, key=len, reverse=True):
        escaped = _latex_escape(translator, name)
        # a long name may break after a dot or an underscore in the
        # narrow column (current_default_thread_limiter overflowed it)
        mono = r"\bookindexcode{" + escaped.replace(
            ".", r".\allowbreak{}"
        ).replace(r"\_", r"\_\allowbreak{}")
        added = added.replace(
            "@" + r"\spxentry{" + escaped + "}",
            "@" + r"\spxentry{" + mono + "}}",
        )
        # a sub-entry named for a section's topic: "Depends, wiring with"
        added = added.replace(
            "@" + r"\spxentry{" + escaped + ", ",
            "@" + r"\spxentry{" + mono + "}, ",
        )
        # the target of a *see* or a *see also* ("enum.IntEnum, see
        # IntEnum": print review of 868f255, m3)
        for kind in ("|see{", "|seealso{"):
            added = added.replace(kind + escaped + "}", kind + mono + "}}")
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
    app.connect("doctree-read", _record)
    app.connect("env-updated", _edit)
    return {
        "version": "1",
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
