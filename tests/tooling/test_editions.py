"""The editions machinery: results, the report, the update tool, the page."""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import pytest

from bookkit import doctests, editions, policy, update
from bookkit.listings import ROOT
from bookkit.sphinxext import listing_id

from .test_runners import make_book, run_pytest, sphinx

CURRENT = f"{sys.version_info[0]}.{sys.version_info[1]}"


def noxfile_constant(name: str) -> object:
    tree = ast.parse((ROOT / "noxfile.py").read_text())
    assigned = next(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(getattr(t, "id", "") == name for t in node.targets)
    )
    return ast.literal_eval(assigned)


def test_nox_sessions_cover_exactly_the_supported_versions() -> None:
    versions = noxfile_constant("SUPPORTED")
    assert versions == [f"{a}.{b}" for a, b in policy.SUPPORTED]
    assert noxfile_constant("SHARED_PYTHON") == editions.SHARED_PYTHON


def test_an_unprovisionable_version_is_reported_not_verified(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(editions, "host_interpreter", lambda minor: None)
    monkeypatch.setattr(
        editions, "unstable_root_usable", lambda: "not root: needs root"
    )
    status = editions.run(["3.14", "3.15"], tmp_path, jobs=1)
    assert status == 1
    for minor in ("3.14", "3.15"):
        record = json.loads((tmp_path / f"{minor}.json").read_text())
        assert record["status"] == "not verified"
        assert record["reason"] == "not root: needs root"
        assert record["listings"]["passed"] == 0
    assert json.loads((tmp_path / "shared.json").read_text())["status"] == (
        "not verified"
    )
    out = capsys.readouterr().out
    assert "Python 3.14: NOT VERIFIED: not root: needs root" in out
    assert "3 of 3 sessions not verified or failing" in out


def test_merge_doctest_settles_the_status(tmp_path: Path) -> None:
    results = tmp_path / "3.13.json"
    record = editions.new_results()
    record["listings"]["passed"] = 12
    results.write_text(json.dumps(record))
    output = tmp_path / "output.txt"
    output.write_text(
        "Doctest summary\n===============\n   30 tests\n    0 failures in tests\n"
        "    0 failures in setup code\n    0 failures in cleanup code\n"
    )
    assert editions.merge_doctest(results, output) == 0
    merged = json.loads(results.read_text())
    assert merged["status"] == "verified"
    assert merged["sphinx_doctest"] == {"tests": 30, "failures": 0}
    output.write_text(
        output.read_text().replace(
            "0 failures in tests", "2 failures in tests"
        )
    )
    assert editions.merge_doctest(results, output) == 1
    assert json.loads(results.read_text())["status"] == "failed"


def test_a_missing_doctest_summary_fails_the_version(tmp_path: Path) -> None:
    results = tmp_path / "3.12.json"
    record = editions.new_results()
    record["listings"]["passed"] = 3
    results.write_text(json.dumps(record))
    assert editions.merge_doctest(results, tmp_path / "absent.txt") == 1
    assert "did not finish" in json.loads(results.read_text())["reason"]


def test_results_name_each_failing_listing_with_a_diff(
    pytester: pytest.Pytester,
) -> None:
    from .test_runners import CHAPTER

    make_book(pytester.path, chapter=CHAPTER)
    out = pytester.path / "results.json"
    run_pytest(pytester, f"--book-results={out}").assert_outcomes(
        passed=1, failed=1
    )
    record = json.loads(out.read_text())
    assert record["minor"] == CURRENT
    assert record["python"] == sys.version.replace("\n", " ")
    assert record["listings"] == {
        "passed": 1,
        "failed": 1,
        "skipped": 0,
        "version_specific": 0,
    }
    [failure] = record["failures"]
    assert failure["where"] == "book/chapter.md:13"
    assert "-WRONG\n+80\n" in failure["diff"]
    assert "book/chapter.md:14 (book)" in failure["diff"]


def test_update_rewrites_a_changed_output_from_a_real_run(
    tmp_path: Path,
) -> None:
    from .test_runners import CHAPTER

    book = make_book(tmp_path, chapter=CHAPTER)
    chapter = book / "chapter.md"
    message = update.update(chapter, 13)
    assert "output rewritten" in message
    # An unversioned block is shown for every Python: the others are named.
    assert message.endswith(
        ", so it is not yet checked on "
        + ", ".join(
            f"{a}.{b}"
            for a, b in policy.SUPPORTED
            if (a, b) != sys.version_info[:2]
        )
        + ": run make editions"
    )
    text = chapter.read_text()
    assert ">>> total * 2\n80\n```" in text
    assert text == CHAPTER.replace("WRONG", "80")
    assert "unchanged" in update.update(chapter, 13)


SPLIT_ME = """\
# Split

```{doctest}
>>> import sys
>>> sys.version_info >= (3, 0)
False
```
"""


@pytest.mark.skipif(
    CURRENT == "3.11",
    reason="3.11 is the oldest supported: nothing to split off",
)
def test_update_splits_a_listing_at_a_new_version(tmp_path: Path) -> None:
    chapter = make_book(tmp_path, split=SPLIT_ME) / "split.md"
    message = update.update(chapter, 3, split_at=CURRENT)
    assert "kept for Python" in message
    blocks = doctests.doctest_blocks(chapter)
    assert [doctests.spec_of(b) for b in blocks] == [
        f"<{CURRENT}",
        f">={CURRENT}",
    ]
    assert blocks[0].body.endswith(
        "False\n"
    )  # the old output, for old versions
    assert blocks[1].body.endswith("True\n")  # this run's output
    assert not doctests.run_with_context(chapter, blocks[1].line).failed


@pytest.mark.skipif(
    CURRENT == "3.15",
    reason="3.15 is the newest supported: no newer split point",
)
def test_update_refuses_a_split_this_python_does_not_cover(
    tmp_path: Path,
) -> None:
    chapter = make_book(tmp_path, split=SPLIT_ME) / "split.md"
    newer = f"3.{sys.version_info[1] + 1}"
    with pytest.raises(update.UpdateError, match="is later than VERSION="):
        update.update(chapter, 3, split_at=newer)
    assert chapter.read_text() == SPLIT_ME


def build_with_results(book: Path, results: Path, out: Path) -> str:
    """Build the HTML of ``book`` reading edition results from ``results``.

    The records are made here, from this work tree's commit; an edition
    page counts a record only if it comes from a clean commit and the
    build too (bookkit.edition.same_sources), so with uncommitted changes
    the page could only say that they were made from other sources.
    """
    verified = [
        path
        for path in results.glob("*.json")
        if json.loads(path.read_text()).get("status") == "verified"
    ]
    if verified and editions.new_results()["dirty"]:
        pytest.skip(
            "the work tree has uncommitted changes, and an edition page "
            "counts only results made from a clean commit "
            "(bookkit.edition.same_sources): commit, then run this test"
        )
    done = sphinx(book, "html", out, "-D", f"book_editions_dir={results}")
    assert done.returncode == 0, done.stderr
    return (out / "edition.html").read_text()


def test_edition_page_is_unverified_without_results(tmp_path: Path) -> None:
    book = make_book(
        tmp_path, edition="# About\n\n```{edition-results}\n```\n"
    )
    empty = tmp_path / "editions"
    empty.mkdir()
    page = build_with_results(book, empty, tmp_path / "out")
    assert "This edition is unverified" in page
    assert "CPython" not in page


def test_edition_page_reports_the_results_it_finds(tmp_path: Path) -> None:
    versioned = '# V\n\n```{doctest}\n:pyversion: ">=3.14"\n\n>>> 1\n1\n```\n'
    book = make_book(
        tmp_path, v=versioned, edition="# About\n\n```{edition-results}\n```\n"
    )
    results = tmp_path / "editions"
    results.mkdir()
    for minor, status in (("3.14", "verified"), ("3.15", "verified")):
        record = editions.new_results()
        record.update(
            minor=minor, python=f"{minor}.9 (main) [GCC]", status=status
        )
        record["listings"]["passed"] = 7
        (results / f"{minor}.json").write_text(json.dumps(record))
    (results / "3.11.json").write_text(
        json.dumps(editions.not_verified("3.11", "no interpreter"))
    )
    page = build_with_results(book, results, tmp_path / "out")
    assert (
        "make editions ran the listings of this edition on 2 of the 5 "
        "supported Python versions"
    ) in page
    # No shared.json: the page cannot say the edition is verified.
    assert "have no results, so this edition is not verified" in page
    assert "CPython 3.14.9 (main) [GCC]" in page
    assert "not verified: no interpreter" in page
    target = listing_id("v", ">=3.14", ">>> 1\n1")
    assert f'href="v.html#{target}"' in page
    assert "<p>3.14 and later</p>" in page


def test_report_names_the_version_and_chapter_line_of_a_broken_listing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for minor in ("3.13", "3.14"):
        record = editions.new_results()
        record.update(
            minor=minor, python=f"{minor}.1 (main)", status="verified"
        )
        record["listings"]["passed"] = 5
        (tmp_path / f"{minor}.json").write_text(json.dumps(record))
    broken = json.loads((tmp_path / "3.14.json").read_text())
    broken["status"] = "failed"
    broken["listings"]["failed"] = 1
    broken["failures"] = [
        {
            "test": "book/runtime/cpython.md::line 120",
            "where": "book/runtime/cpython.md:120",
            "diff": "--- a\n+++ b\n-LOAD_FAST\n+LOAD_FAST_BORROW\n",
        }
    ]
    (tmp_path / "3.14.json").write_text(json.dumps(broken))
    assert editions.report(tmp_path, ["3.13", "3.14"]) == 1
    out = capsys.readouterr().out
    assert "- Python 3.13: VERIFIED -- 3.13.1" in out
    assert "- Python 3.14: FAILED -- 3.14.1" in out
    assert "3.14 FAILED at book/runtime/cpython.md:120:" in out
    assert "    +LOAD_FAST_BORROW" in out
    assert (
        (tmp_path / "report.md")
        .read_text()
        .endswith("    +LOAD_FAST_BORROW\n")
    )


@pytest.mark.parametrize("status", ["verified", "failed"])
def test_edition_page_reads_the_shared_checks(
    tmp_path: Path, status: str
) -> None:
    book = make_book(
        tmp_path, edition="# About\n\n```{edition-results}\n```\n"
    )
    results = tmp_path / "editions"
    results.mkdir()
    record = editions.new_results()
    record.update(minor="3.14", python="3.14.9 (main)", status="verified")
    record["units"] = {"total": 22, "cached": 21, "run": 1}
    (results / "3.14.json").write_text(json.dumps(record))
    shared = editions.new_results()
    shared.update(
        minor="3.13",
        python="3.13.0 (main)",
        status=status,
        reason="" if status == "verified" else "pytest stopped",
        scope="shared",
    )
    (results / "shared.json").write_text(json.dumps(shared))
    page = build_with_results(book, results, tmp_path / "out")
    if status == "verified":
        assert "ran once, on CPython 3.13.0, and passed." in page
        assert "not verified" not in page.split("The shared checks")[1]
    else:
        assert "failed (pytest stopped), so this edition is not" in page
    # The page never says how many chapters came from the cache, so a cached
    # run and a full run build the same page; it says what the cache keys on.
    assert "21 of 22" not in page
    assert "a chapter whose inputs did not change" in page


def test_a_cached_run_builds_the_same_edition_page(tmp_path: Path) -> None:
    """Two result sets that differ only in how many chapters came from the
    cache build byte-identical pages (issue 14)."""
    book = make_book(
        tmp_path, edition="# About\n\n```{edition-results}\n```\n"
    )
    pages = []
    for name, cached in (("full", 0), ("cached", 21)):
        results = tmp_path / name
        results.mkdir()
        for minor, scope in (("3.14", "version"), ("3.13", "shared")):
            record = editions.new_results()
            record.update(
                minor=minor, python=f"{minor}.9 (main)", status="verified"
            )
            record["units"] = {
                "total": 22,
                "cached": cached,
                "run": 22 - cached,
            }
            if scope == "shared":
                record["scope"] = "shared"
                target = results / "shared.json"
            else:
                target = results / f"{minor}.json"
            target.write_text(json.dumps(record))
        pages.append(build_with_results(book, results, tmp_path / f"o-{name}"))
    assert "ran once, on CPython 3.13.9, and passed." in pages[0]
    assert pages[0] == pages[1]
