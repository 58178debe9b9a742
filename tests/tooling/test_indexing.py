"""bookkit.indexing's rules on made-up text, without a build (print
review PE4: the index was generated, not edited)."""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes

from bookkit import indexing
from bookkit.listings import BOOK


def section(text: str) -> nodes.section:
    paragraph = nodes.paragraph("", "", nodes.Text(text))
    return nodes.section("", nodes.title("", "Made up"), paragraph)


def found(term: indexing.Term, text: str) -> str | None:
    hit = indexing._find_text(section(text), term.pattern())
    return None if hit is None else str(hit[0])[hit[1] :]


def test_a_code_like_phrase_matches_only_as_written() -> None:
    # PE4: ``match = ["Optional"]`` found "a supported, still optional
    # build" (p. 18) and "the rule ... is optional" (p. 114).
    term = indexing.Term("Optional", kind="code")
    assert found(term, "a supported, still optional build") is None
    assert found(term, "The rule is optional.") is None
    assert found(term, "Here Optional means None is allowed.") == (
        "Optional means None is allowed."
    )
    # The unsafe variant: the old, case-insensitive pattern did match.
    old = re.compile(r"(?<![\w.])(?:Optional)(?![\w])", re.IGNORECASE)
    assert old.search("a supported, still optional build")


def test_a_lower_case_phrase_matches_at_a_sentence_start() -> None:
    term = indexing.Term("closure", match=("cell variable",))
    assert found(term, "Closures keep their cells.") == (
        "Closures keep their cells."
    )
    assert found(term, "A Cell variable here.") == "Cell variable here."


def test_a_mixed_term_keeps_each_phrase_its_own_case() -> None:
    term = indexing.Term("MRO", match=("method resolution order",))
    assert found(term, "The Method resolution order is C3.")
    assert found(term, "the mro attribute") is None


def test_an_uncurated_section_title_is_no_entry() -> None:
    terms = indexing.Terms(sections={"Literal: a closed set": ["`Literal`"]})
    assert indexing.section_entries("More of the toolbox", "", terms) == []
    assert indexing.section_entries("Literal: a closed set", "", terms) == [
        "Literal"
    ]
    assert indexing.section_code(terms) == {"Literal"}


def test_a_name_defined_only_in_the_examples_is_no_entry(
    tmp_path: Path,
) -> None:
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "shop.py").write_text(
        "from pydantic import BaseModel\n"
        "class AccountOut(BaseModel):\n"
        "    model_config = {}\n"
        "    def __init__(self) -> None:\n"
        "        self._issued_to = 1\n"
        "def leaky_charge(isinstance: int) -> None: ...\n",
        encoding="utf-8",
    )
    book = tmp_path / "book"
    book.mkdir()
    (book / "c.md").write_text(
        "```{doctest}\n>>> class EditSlot[T]:\n...     pass\n```\n",
        encoding="utf-8",
    )
    local = indexing.example_only_names(examples, book)
    assert {"AccountOut", "leaky_charge", "_issued_to", "EditSlot"} <= local
    assert {"shop", "BaseModel", "model_config", "__init__"} & local == {
        "shop"
    }
    assert "isinstance" not in local
    terms = indexing.Terms(topics=frozenset({"leaky_charge"}))
    assert indexing.code_term("AccountOut", terms, local) is None
    assert indexing.code_term("self._issued_to", terms, local) is None
    assert indexing.code_term("AccountOut.model_dump", terms, local) is None
    assert indexing.code_term("leaky_charge", terms, local) == "leaky_charge"
    assert indexing.code_term("BaseModel", terms, local) == "BaseModel"
    # without the examples' names the same literal was an entry
    assert indexing.code_term("AccountOut", terms) == "AccountOut"


def test_a_code_term_with_a_parent_is_its_sub_entry() -> None:
    terms = indexing.Terms(
        terms=[
            indexing.Term("--strict", "code", "mypy", match=("mypy --strict",))
        ]
    )
    assert indexing.code_term("mypy --strict", terms) == "mypy; --strict"


def single(value: str, tid: str, main: str = "") -> indexing.Entry:
    return ("single", value, tid, main, None)


def printed(edited: dict[indexing.Ident, list[indexing.Entry]]) -> list[str]:
    return sorted(
        f"{kind} {value}"
        for entries in edited.values()
        for kind, value, *_ in entries
    )


def test_the_global_pass_merges_forms_and_sends_see_entries() -> None:
    raw = {
        "a": [
            single("closure", "t1"),
            single("closures; dependency built by", "t2", "main"),
            single("closure; cell", "t7"),
            single("typing.TypedDict", "c3"),
            ("see", "method resolution order; MRO", "t4", "", None),
            single("method resolution order", "t5"),
            single("MRO", "t6"),
        ],
        "b": [
            single("TypedDict", "c1"),
            ("see", "method resolution order; MRO", "t2", "", None),
        ],
    }
    edited = indexing.edit(
        raw, ["a", "b"], {"TypedDict", "typing.TypedDict"}, {"closure"}
    )
    assert printed(edited) == [
        "see method resolution order; MRO",
        "see typing.TypedDict; TypedDict",
        "single MRO",
        "single TypedDict",
        "single TypedDict",
        "single closure",
        "single closure; cell",
        "single closure; dependency built by",
    ]


def where(
    topic: str = "", mentions: int = 1, exercises: bool = False
) -> indexing.Where:
    return indexing.Where((topic,) if topic else (), mentions, exercises)


def test_no_line_gets_more_than_8_locators() -> None:
    raw = {
        doc: [single("typing", f"c{i}") for i in range(6)]
        + [single("typing; annotations", f"s{i}") for i in range(10)]
        + [single("typing", "m", "main")]
        for doc in ("x", "y")
    }
    # the sections of c0 and c1 name typing three times, the others once
    made = {
        doc: {
            f"c{i}": where(f"topic {i}", 3 if i < 2 else 1) for i in range(6)
        }
        for doc in ("x", "y")
    }
    edited = indexing.edit(raw, ["x", "y"], {"typing"}, set(), made)
    lines = printed(edited)
    # print review QB4: the heavy line kept its passing mentions under one
    # sub-entry per chapter ("typing; in x"); it keeps the sections about
    # it and those that discuss it, on its own line
    assert lines.count("single typing") == 6
    assert not [line for line in lines if line.startswith("single typing; in")]
    assert lines.count("single typing; annotations") == 8


def test_the_bar_rises_until_a_heavy_line_fits() -> None:
    # 12 sections name "thread" 2 to 13 times: the 8 that name it most stay
    raw = {"x": [single("thread", f"t{i}") for i in range(12)]}
    made = {"x": {f"t{i}": where(f"topic {i}", 2 + i) for i in range(12)}}
    edited = indexing.edit(raw, ["x"], set(), set(), made)
    kept = sorted(tid for (_, _, _, tid), new in edited.items() if new)
    assert kept == sorted(f"t{i}" for i in range(4, 12))


def test_a_heavy_entry_is_never_split_under_other_topics() -> None:
    # Every section names "thread pool" once. Print review R11: its pages
    # went under sub-entries named after each section's topic ("thread
    # pool: Callable", "thread pool: Self"), which tell a reader nothing;
    # QB4 had found sub-entries per chapter ("typing: in x"). With no
    # section that discusses it, the line keeps its first 8 pages.
    topics = [
        "GIL", "GIL; in a FastAPI process", "def", "descriptor", "Self",
        "Callable", "mixin; separate input and output models",
        "weak reference; breaking cycles", "inheritance; in a FastAPI application",
    ]  # fmt: skip
    raw = {"x": [single("thread pool", f"t{i}") for i in range(len(topics))]}
    made = {"x": {f"t{i}": where(t) for i, t in enumerate(topics)}}
    edited = indexing.edit(raw, ["x"], {"def"}, set(), made)
    lines = printed(edited)
    assert lines == ["single thread pool"] * 8
    kept = sorted(tid for (_, _, _, tid), new in edited.items() if new)
    assert kept == [f"t{i}" for i in range(8)]
    # One section that discusses it (names it twice): only that one stays.
    made["x"]["t5"] = where("Callable", 2)
    edited = indexing.edit(raw, ["x"], {"def"}, set(), made)
    kept = sorted(tid for (_, _, _, tid), new in edited.items() if new)
    assert kept == ["t5"]
    assert printed(edited) == ["single thread pool"]


def test_exercises_index_only_what_the_chapters_do_not_discuss() -> None:
    raw = {
        "x": [
            single("repository", "t1"),
            single("repository", "t2"),
            single("WeakMethod", "c3"),
        ]
    }
    made = {
        "x": {
            "t1": where("composition"),
            "t2": where(exercises=True),
            "c3": where(exercises=True),
        }
    }
    lines = printed(indexing.edit(raw, ["x"], set(), set(), made))
    assert lines == ["single WeakMethod", "single repository"]


def test_a_section_about_an_entry_gives_it_no_second_locator() -> None:
    raw = {
        "x": [
            single("Any; why to avoid it", "h1", "main"),
            single("Any", "c2"),
            single("Any", "c3"),
        ]
    }
    made = {
        "x": {"c2": where("Any; why to avoid it"), "c3": where("variance")}
    }
    lines = printed(indexing.edit(raw, ["x"], {"Any"}, set(), made))
    # and the lone sub-entry joins the main line (CMS 15.76)
    assert lines == ["single Any", "single Any"]


def test_a_lone_sub_entry_joins_its_main_line() -> None:
    # QB4: about 33 entries had a single sub-entry ("identity / and value")
    raw = {
        "x": [
            single("identity; and value", "h1", "main"),
            single("identity", "t2"),
            single("GIL; in a FastAPI process", "h3", "main"),
            single("GIL; what it guarantees", "i4"),
        ]
    }
    lines = printed(indexing.edit(raw, ["x"], set(), set()))
    assert lines == [
        "single GIL; in a FastAPI process",
        "single GIL; what it guarantees",
        "single identity",
        "single identity",
    ]


def test_forms_of_one_name_are_one_entry_without_a_see() -> None:
    # QB4: "Request.app" and "request.app", "Engine.dispose" and
    # "engine.dispose" were two entries; "dis.dis, see dis" and "test
    # client, see TestClient" pointed at the next line
    raw = {
        "x": [
            single("Request.app", "c1"),
            single("request.app", "c2"),
            single("dis.dis", "c3"),
            single("dis", "c4"),
            ("see", "test client; TestClient", "t5", "", None),
            single("TestClient", "t6"),
            single("typing.Any", "c7"),
            single("Any", "c8"),
        ]
    }
    code = {"Request.app", "request.app", "dis.dis", "dis", "TestClient"}
    code |= {"typing.Any", "Any"}
    lines = printed(indexing.edit(raw, ["x"], code, set()))
    assert lines == [
        "see typing.Any; Any",
        "single Any",
        "single Any",
        "single Request.app",
        "single Request.app",
        "single TestClient",
        "single dis",
        "single dis",
    ]


def text_section(*lines: str) -> nodes.section:
    """A section whose paragraph has a Text node per line, as MyST makes
    it."""
    paragraph = nodes.paragraph(
        "", "", *[nodes.Text(line + "\n") for line in lines]
    )
    return nodes.section("", nodes.title("", "Made up"), paragraph)


def test_a_phrase_of_another_sense_or_a_longer_term_hides_a_term() -> None:
    terms = indexing.Terms(
        terms=[
            indexing.Term("repository", unless=("book's repository",)),
            indexing.Term("dependency", match=("dependencies",)),
            indexing.Term("dependency injection"),
            indexing.Term("pydantic", "roman", "strict mode", ("strict",),
                          exact=True),
            indexing.Term("pyright", "roman", "strict mode",
                          ("pyright 1.1.414 in strict mode",), exact=True),
        ]
    )  # fmt: skip

    def first(entry: str, *lines: str) -> tuple[str, int] | None:
        term = next(t for t in terms.terms if t.entry == entry)
        hit = indexing._find_text(
            text_section(*lines), term.pattern(), terms.blockers[entry]
        )
        return None if hit is None else (str(hit[0])[hit[1] :], hit[2])

    # QB4: the exercises' "from the book's repository" were 11 locators of
    # "repository"; smart quotes are plain for the search
    assert (
        first("repository", "run it from the book\u2019s repository") is None
    )
    assert first(
        "repository", "the book\u2019s", "repository, then a repository"
    ) == ("repository\n", 1)
    # "dependency" inside "dependency injection" is the longer term's
    assert first("dependency", "FastAPI's dependency injection") is None
    assert first("dependency injection", "FastAPI's dependency injection")
    # "strict mode" of pyright, across the source's lines, is not pydantic's
    lines = ("pyright 1.1.414", "in strict mode rejects it")
    assert first("strict mode; pydantic", *lines) is None
    assert first("strict mode; pyright", *lines) == ("pyright 1.1.414\n", 1)
    assert first("strict mode; pydantic", "Strict mode refuses") == (
        "Strict mode refuses\n",
        1,
    )
    # the unsafe variant: the old search, one Text node at a time
    old = re.compile(r"(?<![\w.])(?:(?i:strict mode))(?![\w])")
    assert old.search(lines[1])


def test_keywords_are_entries_only_where_the_prose_discusses_them() -> None:
    # QB4: ``if``, ``for``, ``in`` were entries wherever the prose wrote them
    terms = indexing.Terms(keywords=frozenset({"global", "None"}))
    assert indexing.code_term("if", terms) is None
    assert indexing.code_term("in", terms) is None
    assert indexing.code_term("True", terms) is None
    assert indexing.code_term("global", terms) == "global"
    assert indexing.code_term("None", terms) == "None"
    assert indexing.code_term("if", indexing.Terms()) is None
    # a builtin is still an entry, and so is a module, but not one called:
    # ``json()`` is a method, ``select()`` SQLAlchemy's
    assert indexing.code_term("isinstance()", terms) == "isinstance"
    assert indexing.code_term("json", terms) == "json"
    assert indexing.code_term("json()", terms) is None
    assert indexing.code_term("select()", terms) is None


def test_a_code_entry_names_the_page_where_the_name_ends() -> None:
    # QB4: "collections.abc." ended p. 215 and "Iterable" began p. 216, and
    # the entry before the name gave Iterable p. 215
    literal = nodes.literal("", "collections.abc.Iterable")
    paragraph = nodes.paragraph("", "", nodes.Text("as a "), literal)
    indexing._insert_after(literal, "collections.abc.Iterable", 1)
    kinds = [type(node).__name__ for node in paragraph.children]
    assert kinds == ["Text", "literal", "target", "index"]


def test_every_section_of_the_book_has_a_curated_topic() -> None:
    terms = indexing.load_terms(BOOK / indexing.TERMS_FILE)
    assert terms.sections
    assert "optional" not in {t.name for t in terms.terms}
