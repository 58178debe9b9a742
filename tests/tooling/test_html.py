"""The HTML book: accessible code colours, keyboard-reachable code."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

#: Runs the book's script against stand-in <pre> elements (not a browser:
#: node has no layout, so each element says how wide it is).
FOCUS = """
const fs = require("fs");
const listeners = {};
const pres = JSON.parse(process.argv[2]).map(([scroll, client, label]) => ({
  scrollWidth: scroll, clientWidth: client, attrs: {},
  setAttribute(k, v) { this.attrs[k] = v; },
  getAttribute(k) { return k in this.attrs ? this.attrs[k] : null; },
  removeAttribute(k) { delete this.attrs[k]; },
  // In a version-labelled figure (label), or not.
  closest: () => (label ? { getAttribute: () => label } : null),
}));
globalThis.document = {
  querySelectorAll: () => pres,
  addEventListener: (name, fn) => { listeners[name] = fn; },
};
globalThis.window = { addEventListener: (name, fn) => { listeners[name] = fn; } };
eval(fs.readFileSync(process.argv[1], "utf8"));
listeners.DOMContentLoaded();
const first = pres.map((p) => ({ ...p.attrs }));
pres[0].scrollWidth = pres[0].clientWidth;  // the window got wider
listeners.resize();
process.stdout.write(JSON.stringify([first, pres.map((p) => p.attrs)]));
"""


def test_code_that_scrolls_sideways_takes_keyboard_focus(
    book_build: Path,
) -> None:
    node = shutil.which("node")
    assert node is not None, "node is needed to run the book's script"
    script = book_build / "html" / "_static" / "book.js"
    result = subprocess.run(
        [
            node,
            "-e",
            FOCUS,
            str(script),
            json.dumps(
                [[900, 390], [300, 390], [900, 390, "listing-x-label"]]
            ),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded, resized = json.loads(result.stdout)
    # A group, not a landmark (independent web review, W8), named by its
    # version label where it has one.
    group = {"tabindex": "0", "role": "group", "aria-label": "code listing"}
    labelled = {
        "tabindex": "0",
        "role": "group",
        "aria-labelledby": "listing-x-label",
    }
    assert loaded == [group, {}, labelled]
    assert resized == [{}, {}, labelled]


def test_every_page_loads_the_book_script(book_build: Path) -> None:
    html = book_build / "html"
    pages = [p for p in html.rglob("*.html") if "_static" not in p.parts]
    assert pages
    for page in pages:
        assert "_static/book.js" in page.read_text(), page


def test_html_code_colours_are_the_accessible_styles(book_build: Path) -> None:
    css = (book_build / "html" / "_static" / "pygments.css").read_text()
    assert "#eeffcc" not in css  # the 'sphinx' style's lime background
    # a11y-light's comment colour (#515151 on #f2f2f2, 7.2:1)
    assert "#515151" in css.lower()


def test_the_landing_page_says_search_excerpts_need_a_server(
    book_build: Path,
) -> None:
    # Print review m11: from file:// the search lists titles but no
    # excerpts. Sphinx's searchtools.js fetches each result's page for its
    # excerpt (fetch(requestUrl), Sphinx 9.0), and Chromium refuses fetch()
    # of file URLs; the landing page tells the reader how to serve it.
    index = (book_build / "html" / "index.html").read_text()
    text = " ".join(re.sub(r"<[^>]+>", "", index).split())
    assert "python -m http.server --directory _build/html" in text
    script = (book_build / "html" / "_static" / "searchtools.js").read_text()
    assert "fetch(requestUrl)" in script


def test_the_landing_page_offers_the_pdf_and_epub_built_with_it(
    book_build: Path,
) -> None:
    # book_build is `make html latexpdf epub`: the HTML is built last (m15).
    html = book_build / "html"
    index = (html / "index.html").read_text()
    for folder, name in (
        ("latex", "python-underneath-fastapi.pdf"),
        ("epub", "python-underneath-fastapi.epub"),
    ):
        assert f'href="_downloads/{name}"' in index
        offered = html / "_downloads" / name
        assert (
            offered.read_bytes() == (book_build / folder / name).read_bytes()
        )


def test_an_older_pdf_in_the_build_folder_is_not_offered(
    tmp_path: Path,
) -> None:
    from types import SimpleNamespace

    from bookkit import frontmatter

    editions = tmp_path / "editions"
    editions.mkdir()
    pdf = tmp_path / "latex" / "python-underneath-fastapi.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF")
    record = editions / "local.json"
    record.write_text("{}")
    os.utime(pdf, (1_000_000, 1_000_000))  # built before this command
    app = SimpleNamespace(
        outdir=str(tmp_path / "html"),
        config=SimpleNamespace(book_editions_dir=str(editions)),
    )
    assert frontmatter.built_alongside(app) == []  # type: ignore[arg-type]
    os.utime(pdf)  # built by this command, after its doctest record
    os.utime(record, (1_000_000, 1_000_000))
    assert frontmatter.built_alongside(app) == [  # type: ignore[arg-type]
        (pdf, "a PDF, for printing")
    ]
    record.unlink()  # no record: a bare sphinx-build, nothing is offered
    assert frontmatter.built_alongside(app) == []  # type: ignore[arg-type]
    # One that an earlier command copied into the HTML's downloads goes
    # (web review W13: a stale PDF and EPUB stayed there, unlinked).
    app.builder = SimpleNamespace(name="html")
    record.write_text("{}")
    os.utime(pdf, (1_000_000, 1_000_000))
    stale = tmp_path / "html" / "_downloads" / pdf.name
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"%PDF old")
    frontmatter.write_examples(app, None)  # type: ignore[arg-type]
    assert not stale.exists()
    assert (stale.parent / frontmatter.EXAMPLES_ZIP).is_file()
    os.utime(pdf)  # this command's: copied
    os.utime(record, (1_000_000, 1_000_000))
    frontmatter.write_examples(app, None)  # type: ignore[arg-type]
    assert stale.read_bytes() == b"%PDF"


def test_a_change_of_the_tooling_rewrites_every_page(tmp_path: Path) -> None:
    """After a change to bookkit, an incremental HTML or EPUB build
    rewrites every page, not only those whose sources changed: the
    tooling's digest is one of their config values (Sphinx's .buildinfo).
    Without it, `make epub` after `make doctest` had re-read the doctrees
    kept 15 pages of the old markup (epubcheck RSC-007)."""
    from bookkit import sphinxext

    from .test_runners import make_book, sphinx

    book = make_book(tmp_path, a="# A\n\nText.\n", b="# B\n\nText.\n")
    out = tmp_path / "html"
    digest = sphinxext._tooling_digest()
    for value, rewritten in (
        (digest, None),
        (digest, False),
        (digest + 1, True),
    ):
        page = out / "a.html"
        before = page.stat().st_mtime_ns if page.exists() else 0
        os.utime(book / "a.md", ns=(1, 1))  # older than any page
        built = sphinx(book, "html", out, "-D", f"book_tooling_digest={value}")
        assert built.returncode == 0, built.stderr
        if rewritten is not None:
            assert (page.stat().st_mtime_ns != before) is rewritten, value
