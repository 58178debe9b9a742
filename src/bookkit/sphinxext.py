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

import hashlib
import importlib
import json
import re
import warnings
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.ext.doctest import DocTestBuilder, DoctestDirective, TestGroup
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from bookkit import listings, policy

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
        # A label other pages (the edition page) can link to.
        target = listing_id(self.env.docname, self.lineno)  # the fence line
        caption = nodes.paragraph(
            "", "", nodes.strong(label, label), classes=["pyversion-label"]
        )
        # In print, keep the label on the page of its listing.
        keep = nodes.raw("", r"\needspace{6\baselineskip}", format="latex")
        container = nodes.container(
            "", keep, caption, *result, classes=["pyversion"]
        )
        container["ids"].append(target)
        container["names"].append(target)
        self.state.document.note_explicit_target(container)
        self.set_source_info(container)
        return [container]


def listing_id(docname: str, line: int) -> str:
    """The label of a version-labelled listing: ``listing-runtime-cpython-42``."""
    return (
        "listing-" + re.sub(r"[^a-z0-9]+", "-", docname.lower()) + f"-{line}"
    )


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


def group_docstring_doctests(app: Sphinx, doctree: nodes.document) -> None:
    """Give each docstring doctest its module's namespace as doctest group."""
    modules: set[str] = set()
    for block in doctree.findall(nodes.doctest_block):
        match = _DOCSTRING_OF.search(block.source or "")
        if match is None:
            continue
        module = _module_of(match["name"])
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


def _latex_escape(text: str) -> str:
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


class PartsAsLatexParts(SphinxPostTransform):
    """In the PDF, make each part page a LaTeX ``\\part`` and its chapters chapters.

    Sphinx gives every document of the root toctree the same level, so either
    the foreword would be a part or the parts would be chapters. A part's
    index page (``<part>/index``) becomes a ``\\part`` heading followed by its
    introduction, and the chapters it lists move up one level beside the
    foreword.
    """

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
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
            part = rf"\part{{{_latex_escape(title)}}}"
            heading = nodes.raw("", part, format="latex")
            start[index : index + 1] = [heading, *section.children[1:]]


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


def _table(
    headers: list[str],
    rows: list[list[nodes.Node | str]],
    widths: list[int] | None = None,
) -> nodes.table:
    table = nodes.table(
        classes=["edition"] + (["colwidths-given"] if widths else [])
    )
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
                entry += nodes.paragraph("", "", content)
                row += entry
            part += row
    return table


class EditionResults(SphinxDirective):
    """The "About this edition" content, made from ``make editions`` results.

    It states only what result files say; with none it says the edition is
    unverified.  It also lists every listing whose output differs between
    Python versions, with a link to it.
    """

    def run(self) -> list[nodes.Node]:
        outdir = Path(
            self.config.book_editions_dir
            or listings.ROOT / "_build" / "editions"
        )
        found = {}
        for minor in policy.SUPPORTED:
            name = f"{minor[0]}.{minor[1]}"
            path = outdir / f"{name}.json"
            if path.is_file():
                found[name] = json.loads(path.read_text())
        shared_path = outdir / "shared.json"
        shared = (
            json.loads(shared_path.read_text())
            if shared_path.is_file()
            else None
        )
        result: list[nodes.Node] = [
            *self._verification(found),
            *self._shared(found, shared),
            *self._versioned(found),
        ]
        return result

    def _verification(self, found: dict[str, Any]) -> list[nodes.Node]:
        if not found:
            text = (
                "This edition is unverified: when it was built, no verification "
                "results existed. (make editions runs every listing on each "
                "supported Python and records the results this page reports.)"
            )
            return [nodes.paragraph(text, text)]
        verified = [r for r in found.values() if r["status"] == "verified"]
        dates = sorted({r["date"] for r in found.values() if r["python"]})
        commits = sorted(
            {r["commit"][:12] for r in found.values() if r["commit"]}
        )
        intro = (
            f"The listings of this edition were run on {len(verified)} of the "
            f"{len(policy.SUPPORTED)} supported Python versions"
            + (f" on {' and '.join(dates)}" if dates else "")
            + (f", from commit {', '.join(commits)}" if commits else "")
            + "."
        )
        if any(r["dirty"] for r in found.values()):
            intro += " The working tree had uncommitted changes."
        rows: list[list[nodes.Node | str]] = []
        for name in (f"{a}.{b}" for a, b in policy.SUPPORTED):
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
                    record["python"].split()[0] if record["python"] else name,
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
            _table(headers, rows),
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
                "show mypy's verdict, Sphinx's doctest builder) have no "
                "results, so this edition is not verified."
            )
        elif shared["status"] != "verified":
            reason = f" ({shared['reason']})" if shared.get("reason") else ""
            text = (
                "The shared checks (the build's own tests, the listings that "
                "show mypy's verdict, Sphinx's doctest builder) "
                f"{shared['status']}{reason}, so this edition is not "
                "verified."
            )
        else:
            python = (shared.get("python") or "").split()[:1] or ["?"]
            text = (
                "The shared checks (the build's own tests, the listings that "
                "show mypy's verdict, Sphinx's doctest builder) ran once, on "
                f"CPython {python[0]}, and passed."
            )
        reused = [
            f"Python {name}: {r['units']['cached']} of {r['units']['total']}"
            for name, r in found.items()
            if r.get("units", {}).get("cached")
        ]
        if reused:
            text += (
                " Some chapters' results come from the cache of an earlier "
                "run with the same inputs, not from the run of that date ("
                + "; ".join(reused)
                + " chapters)."
            )
        return [nodes.paragraph(text, text)]

    def _versioned(self, found: dict[str, Any]) -> list[nodes.Node]:
        rows: list[list[nodes.Node | str]] = []
        for path in listings.chapters(Path(self.env.srcdir)):
            docname = (
                path.relative_to(self.env.srcdir).with_suffix("").as_posix()
            )
            for block in listings.blocks(path):
                spec = block.options.get("pyversion")
                if block.kind is not listings.Kind.DOCTEST or spec is None:
                    continue
                covered = [
                    f"{a}.{b}" for a, b in policy.covered_minors(str(spec))
                ]
                checked = [
                    m
                    for m in covered
                    if found.get(m, {}).get("status") == "verified"
                ]
                text = f"{docname}.md, line {block.line}"
                ref = addnodes.pending_xref(
                    "",
                    nodes.inline(text, text),
                    refdomain="std",
                    reftype="ref",
                    reftarget=listing_id(docname, block.line),
                    refexplicit=True,
                    refwarn=True,
                )
                ref["refdoc"] = self.env.docname
                rows.append(
                    [
                        ref,
                        policy.version_label(str(spec)),
                        ", ".join(checked) or "none",
                    ]
                )
        text = (
            "Listings whose output differs between Python versions, each shown "
            "once per range of versions and checked on the versions it names:"
        )
        return [
            nodes.paragraph(text, text),
            _table(["listing", "shown for", "verified on"], rows, [2, 1, 1]),
        ]


class StrictDocTestBuilder(DocTestBuilder):
    """The doctest builder, with every warning raised as an error."""

    def test_group(self, group: TestGroup) -> bool:
        with warnings.catch_warnings():
            warnings.simplefilter(policy.WARNINGS_ACTION)  # type: ignore[arg-type]
            return super().test_group(group)


def _tooling_digest() -> int:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return int(digest.hexdigest()[:12], 16)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value(
        "book_editions_dir", "", "env", types=frozenset({str})
    )
    app.add_directive("edition-results", EditionResults)
    app.connect("env-get-outdated", _edition_is_always_outdated)
    app.setup_extension("sphinx.ext.doctest")
    app.add_directive("doctest", VersionedDoctest, override=True)
    app.add_builder(StrictDocTestBuilder, override=True)
    app.connect("doctree-read", group_docstring_doctests)
    app.add_post_transform(PartsAsLatexParts)
    return {
        "version": "1",
        # Any change to the book's tooling rereads every page: the doctrees
        # carry what this extension put into them.
        "env_version": _tooling_digest(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
