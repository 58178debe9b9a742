"""The edition page and the release gate say exactly what was verified."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bookkit import edition, editions, frontmatter, listings
from bookkit.listings import ROOT
from bookkit.sphinxext import headings_at, listing_id

from .test_runners import SPLIT, VERSIONED, make_book, sphinx

EDITION = "# About\n\n```{edition-results}\n```\n"


def record_and_build(tmp_path: Path) -> tuple[Path, str]:
    """Run the probe book's doctests as a build does, then build its HTML."""
    book = make_book(tmp_path, versions=VERSIONED, edition=EDITION)
    results = tmp_path / "editions"
    options = ("-D", f"book_editions_dir={results}")
    ran = sphinx(
        book, "doctest", tmp_path / "doctest", *options, "-D",
        "book_record_build=1",
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    built = sphinx(book, "html", tmp_path / "html", *options)
    assert built.returncode == 0, built.stderr
    return results, (tmp_path / "html" / "edition.html").read_text()


#: From 3.13, doctest counts a skipped example as tried (the other
#: version's block is skipped here), so the examples tried are 2 or 4.
TRIED = 2 if sys.version_info < (3, 13) else 4


def test_a_build_records_the_doctest_run_it_made(tmp_path: Path) -> None:
    results, _ = record_and_build(tmp_path)
    record = json.loads((results / edition.LOCAL).read_text())
    assert record["python"] == sys.version.replace("\n", " ")
    assert record["status"] == "passed"
    # VERSIONED has one block for the versions before SPLIT, one after:
    # exactly one of them runs here.
    assert record["blocks"] == {"run": 1, "skipped": 1, "failed": 0}
    assert record["examples"] == {"tried": TRIED, "failed": 0}
    here = 3 if sys.version_info < (3, int(SPLIT.split(".")[1])) else 11
    (block,) = [
        b
        for b in listings.blocks(results.parent / "book" / "versions.md")
        if b.line == here
    ]
    spec = str(block.options["pyversion"])
    assert record["listings_passed"] == [
        listing_id("versions", spec, block.body)
    ]


def test_the_page_states_what_this_build_ran_and_never_unverified(
    tmp_path: Path,
) -> None:
    _, page = record_and_build(tmp_path)
    assert "unverified" not in page
    python = sys.version.split()[0]
    # Print review R14: the version, not sys.version's build date and
    # compiler ("3.11.7 (main, May  9 2026, 07:35:25) [GCC 12.2.0]").
    assert f"by CPython {python}. " in page
    # Print review QB7: the build runs doctest blocks, and says so.
    assert (
        "ran the interactive sessions of the book (its doctest blocks) on "
        f"that interpreter: 1 block of {TRIED} examples, which passed." in page
    )
    assert (
        "1 block shows the output of other Python versions and was not run "
        "by this build." in page
    )
    assert "listings (" not in page
    assert "it is a draft, not a release" in page
    minor = f"{sys.version_info[0]}.{sys.version_info[1]}"
    # The listing this build ran is verified on this version; the other not.
    assert f"<p>{minor}</p>" in page
    assert "<p>none</p>" in page


def test_the_page_names_listings_by_chapter_and_section(
    tmp_path: Path,
) -> None:
    chapter = (
        "# 1.1.1 A chapter\n\n## The `dis` module\n\n```{doctest}\n"
        ':pyversion: ">=3.14"\n\n>>> 1\n1\n```\n'
    )
    book = make_book(tmp_path, chapter=chapter, edition=EDITION)
    assert headings_at(book / "chapter.md", 5) == (
        "1.1.1 A chapter",
        "The dis module",
    )
    built = sphinx(book, "html", tmp_path / "html")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "html" / "edition.html").read_text()
    # Print review PE12: the chapter by its number, the versions without
    # "Python" on every row, and a caption that names the table.
    assert "<p>1.1.1</p>" in page
    assert "The dis module" in page
    assert "<p>3.14 and later</p>" in page
    assert ".md, line" not in page
    assert (
        "Version-specific listings and the versions they were verified on"
        in page
    )


def verified(minor: str) -> dict[str, object]:
    record = editions.new_results()
    record.update(
        minor=minor,
        python=f"{minor}.4 (main) [GCC]",
        status="verified",
        commit=edition.head(),
        dirty=False,
    )
    return record


def write_results(outdir: Path, minors: list[str]) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    for minor in minors:
        (outdir / f"{minor}.json").write_text(json.dumps(verified(minor)))


def test_release_check_fails_when_one_version_is_missing(
    tmp_path: Path,
) -> None:
    builddir = tmp_path / "_build"
    all_five = edition.minors()
    write_results(builddir / "editions", [m for m in all_five if m != "3.13"])
    check = ["make", "--no-print-directory", "release-check"]
    failed = subprocess.run(
        [*check, f"BUILDDIR={builddir}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode != 0
    assert "not a release: Python 3.13: no results" in failed.stderr
    write_results(builddir / "editions", all_five)
    passed = subprocess.run(
        [*check, f"BUILDDIR={builddir}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert passed.returncode == 0, passed.stderr
    assert "CPython 3.11.4, 3.12.4, 3.13.4, 3.14.4, 3.15.4" in passed.stdout


def test_release_needs_every_version_verified_at_this_commit() -> None:
    found = {m: verified(m) for m in edition.minors()}
    assert edition.release_problems(found) == []
    found["3.14"]["status"] = "failed"
    found["3.12"]["commit"] = "0" * 40
    found["3.15"]["dirty"] = True
    assert edition.release_problems(found) == [
        f"Python 3.12: verified at commit {'0' * 12}, "
        f"not at {edition.head()[:12]}",
        "Python 3.14: failed",
        "Python 3.15: verified with uncommitted changes",
    ]


def test_a_release_build_fails_without_every_version(tmp_path: Path) -> None:
    book = make_book(tmp_path, edition=EDITION)
    results = tmp_path / "editions"
    write_results(results, ["3.11", "3.12", "3.13", "3.14"])
    built = sphinx(
        book, "html", tmp_path / "html", "-D", f"book_editions_dir={results}",
        "-D", "book_release=1",
    )  # fmt: skip
    assert built.returncode != 0
    assert "Python 3.15: no results" in built.stderr


def test_make_release_runs_editions_then_the_gate_then_every_format() -> None:
    plan = subprocess.run(
        ["make", "-n", "--no-print-directory", "release"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    editions_at = plan.index("bookkit.editions run")
    gate_at = plan.index("bookkit.edition check")
    release_at = plan.index("book_release=1")
    assert editions_at < gate_at < release_at
    for builder in ("-b html", "-b latex", "-b epub", "-t handouts"):
        assert builder in plan[release_at:]


def test_a_release_pdf_carries_the_stamp_on_its_title_verso(
    tmp_path: Path,
) -> None:
    book = make_book(tmp_path, edition=EDITION)
    results = tmp_path / "editions"
    write_results(results, edition.minors())
    options = ("-D", f"book_editions_dir={results}", "-D", "book_release=1")
    # Without verified shared checks (shared.json) a release is refused.
    refused = sphinx(book, "latex", tmp_path / "refused", *options)
    assert refused.returncode != 0
    assert "the shared checks (shared.json) are not verified" in refused.stderr
    shared = {**verified("3.13"), "scope": "shared"}
    (results / "shared.json").write_text(json.dumps(shared))
    built = sphinx(book, "latex", tmp_path / "latex", *options)
    assert built.returncode == 0, built.stderr
    tex = " ".join(
        next((tmp_path / "latex").glob("*.tex")).read_text().split()
    )
    verso = tex[tex.index(r"\end{titlepage}") :]
    assert (
        "Every listing of this edition was verified on CPython 3.11.4, "
        "3.12.4, 3.13.4, 3.14.4, 3.15.4"
    ) in verso
    assert edition.head()[:12] in verso
    assert verso.index("verified on CPython") < verso.index("tableofcontents")


def _local(commit: str) -> dict[str, Any]:
    """The record of a build's doctest run: 183 run, 35 for other versions."""
    return {
        "commit": commit,
        "python": "3.11.7 (main) [GCC]",
        "date": "2026-12-01",
        "status": "passed",
        "blocks": {"run": 183, "skipped": 35, "failed": 0},
        "docs": {
            "a": {"run": 180, "skipped": 34, "failed": 0},
            "b": {"run": 3, "skipped": 1, "failed": 0},
        },
        "solutions": {"b": {"run": 2, "skipped": 0, "failed": 0}},
    }


def test_the_draft_stamp_says_the_other_versions_listings_were_not_run() -> (
    None
):
    local = _local("0" * 40)
    stamp = edition.draft_stamp(local, {})
    assert "ran its doctest blocks on CPython 3.11.7 only," in stamp
    assert "(183 doctest blocks, all passed)" in stamp
    assert (
        "The 35 doctest blocks shown for other versions were not run by "
        "this build."
    ) in stamp


def test_a_handouts_draft_stamp_counts_its_own_documents() -> None:
    """Print review QB5: a handout's verso counts the blocks of the
    documents it prints, not the whole book's."""
    stamp = edition.draft_stamp(_local("0" * 40), {}, docs={"b"})
    assert "(3 doctest blocks in this handout, all passed)" in stamp
    assert (
        "The 1 doctest block in this handout shown for other versions was "
        "not run by this build."
    ) in stamp
    assert "183" not in stamp
    # A student handout prints no solution: its 2 blocks are not counted.
    student = edition.draft_stamp(
        _local("0" * 40), {}, docs={"b"}, solutions=False
    )
    assert "(1 doctest block in this handout, all passed)" in student
    old = {k: v for k, v in _local("0" * 40).items() if k != "docs"}
    with pytest.raises(ValueError, match="no per-document counts"):
        edition.draft_stamp(old, {}, docs={"b"})


def _verified(minor: str, commit: str, dirty: bool = False) -> dict[str, Any]:
    return {
        "status": "verified",
        "python": f"{minor}.9 (main) [GCC]",
        "commit": commit,
        "dirty": dirty,
        "date": "2026-12-01",
    }


def test_the_draft_stamp_counts_only_runs_from_the_same_sources() -> None:
    """A make editions result from another commit, or from a tree with
    uncommitted changes, never reads as verifying this copy."""
    local = _local("a" * 40)
    found = {
        "3.11": _verified("3.11", "a" * 40),
        "3.12": _verified("3.12", "b" * 40),
        "3.13": _verified("3.13", "a" * 40, dirty=True),
    }
    stamp = edition.draft_stamp(local, found)
    assert "verified it on CPython 3.11.9." in stamp
    assert "3.12.9" not in stamp
    assert "3.13.9" not in stamp
    assert "2 make editions results were made from other sources" in stamp
    assert " only," not in stamp
    # The same results from an older commit: none is counted.
    older = edition.draft_stamp({**local, "commit": "c" * 40}, found)
    assert "verified it" not in older
    assert "3 make editions results were made from other sources" in older
    assert "3.11.7 only," in older


def test_the_edition_page_names_both_sources_of_its_figures() -> None:
    text = " ".join((ROOT / "book" / "edition.md").read_text().split())
    assert "Every listing" not in text
    assert (
        "Each build runs every listing that applies to its Python; "
        "`make editions` runs the rest on the other versions"
    ) in text
    assert "this copy's own build ran comes from that build's doctest run" in (
        text
    )


def test_the_title_page_of_a_draft_says_it_is_not_a_release() -> None:
    draft = frontmatter.maketitle("stamp", "0" * 40, False, False, False)
    release = frontmatter.maketitle("stamp", "0" * 40, False, False, True)
    notice = frontmatter.tex(frontmatter.DRAFT)
    edition_at = draft.index(frontmatter.tex(frontmatter.EDITION))
    assert edition_at < draft.index(notice) < draft.index(r"\end{titlepage}")
    assert notice not in release


def test_the_edition_table_lists_listings_in_reading_order_ragged_right(
    tmp_path: Path,
) -> None:
    def chapter(title: str) -> str:
        return (
            f"# {title}\n\n```{{doctest}}\n"
            ':pyversion: ">=3.14"\n\n>>> 1\n1\n```\n'
        )

    # The toctree reads zeta before alpha: the table must, too.
    book = make_book(
        tmp_path, zeta=chapter("Zeta"), alpha=chapter("Alpha"),
        edition=EDITION,
    )  # fmt: skip
    built = sphinx(book, "html", tmp_path / "html")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "html" / "edition.html").read_text()
    table = page[page.rindex("<table") :]
    assert table.index("Zeta") < table.index("Alpha")
    built = sphinx(book, "latex", tmp_path / "latex")
    assert built.returncode == 0, built.stderr
    tex = next((tmp_path / "latex").glob("*.tex")).read_text()
    assert r">{\raggedright\arraybackslash}\X{5}{13}" in tex
    # Sphinx sets every cell in a varwidth box, whose paragraphs are
    # justified whatever the column says: each cell is ragged itself.
    found = re.search(
        r"\\begin\{(longtable|tabulary|tabular)\}.*?\\end\{\1\}", tex, re.S
    )
    assert found, tex[-3000:]
    table = found[0]
    cells = table.count(r"\begin{varwidth}")
    assert cells >= 8
    assert (
        table.count(r"\sphinxAtStartPar" + "\n" + r"\raggedright{}") == cells
    )


def test_the_page_does_not_count_a_result_from_another_commit(
    tmp_path: Path,
) -> None:
    """A make editions result left by an older commit is named as not
    counted; it verifies nothing on the page (print review QB3)."""
    chapter = (
        "# 1.1.1 A chapter\n\n## Versions\n\n```{doctest}\n"
        ':pyversion: ">=3.14"\n\n>>> 1\n1\n```\n'
    )
    book = make_book(tmp_path, chapter=chapter, edition=EDITION)
    results = tmp_path / "editions"
    write_results(results, ["3.14"])
    stale = {**verified("3.15"), "commit": "0" * 40}
    (results / "3.15.json").write_text(json.dumps(stale))
    # This copy's own record names its sources (at HEAD, clean), whatever
    # state the working tree of the test run is in.
    local = {
        "minor": "3.11",
        "python": "3.11.7 (main) [GCC]",
        "date": "2026-12-01",
        "commit": edition.head(),
        "dirty": False,
        "status": "passed",
        "blocks": {"run": 1, "skipped": 1, "failed": 0},
        "examples": {"tried": 1, "failed": 0},
        "listings_passed": [],
    }
    (results / "local.json").write_text(json.dumps(local))
    built = sphinx(
        book, "html", tmp_path / "html", "-D", f"book_editions_dir={results}"
    )
    assert built.returncode == 0, built.stderr
    page = " ".join(
        re.sub(
            r"<[^>]+>", " ", (tmp_path / "html" / "edition.html").read_text()
        ).split()
    )
    assert "1 make editions result was made from other sources" in page
    assert "on 1 of the 5 supported Python versions" in page
    assert "0" * 12 not in page


LABELLED = '# L\n\n```{doctest}\n:pyversion: ">=3.14"\n\n>>> 1 + 1\n2\n```\n'


def test_a_listings_anchor_survives_an_edit_above_it_and_names_its_code(
    tmp_path: Path,
) -> None:
    """Print review m14 and m16: the anchor of a version-labelled listing
    comes from its code, not its line, and in HTML the listing is a figure
    whose caption is its version label."""
    target = listing_id("l", ">=3.14", ">>> 1 + 1\n2")
    pages = []
    for name, text in (
        ("first", LABELLED),
        ("edited", LABELLED.replace("# L\n", "# L\n\nA new paragraph.\n")),
    ):
        book = make_book(tmp_path / name, l=text)
        built = sphinx(book, "html", tmp_path / name / "html")
        assert built.returncode == 0, built.stderr
        pages.append((tmp_path / name / "html" / "l.html").read_text())
    for page in pages:
        figure = re.search(
            r'<figure aria-labelledby="([^"]*)" class="([^"]*)" id="([^"]*)">',
            page,
        )
        assert figure, page
        assert "pyversion" in figure.group(2).split()
        assert figure.group(3) == target
        # Chromium names a figure from aria-labelledby only (web review W6).
        assert figure.group(1) == f"{target}-label"
        assert re.search(
            rf'<figcaption class="pyversion-label" id="{target}-label">'
            r"<strong>Python 3\.14 and later</strong></figcaption>",
            page,
        ), page
    # The option's spelling does not change the id (web review W10).
    assert listing_id("l", ">= 3.14", ">>> 1 + 1\n2") == target
    changed = LABELLED.replace("1 + 1\n2", "2 + 2\n4")
    book = make_book(tmp_path / "changed", l=changed)
    built = sphinx(book, "html", tmp_path / "changed" / "html")
    assert built.returncode == 0, built.stderr
    assert target not in (tmp_path / "changed" / "html" / "l.html").read_text()


def test_the_same_labelled_listing_twice_on_a_page_is_an_error(
    tmp_path: Path,
) -> None:
    book = make_book(tmp_path, l=LABELLED + "\n" + LABELLED.split("\n", 2)[2])
    built = sphinx(book, "html", tmp_path / "html")
    assert built.returncode != 0
    assert "l.md:" in built.stderr
    assert "the same listing with the same :pyversion:" in built.stderr
