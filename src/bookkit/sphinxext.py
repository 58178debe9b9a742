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

import importlib
import re
import warnings

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.ext.doctest import DocTestBuilder, DoctestDirective, TestGroup
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.typing import ExtensionMetadata

from bookkit import policy

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
        caption = nodes.paragraph(
            "", "", nodes.strong(label, label), classes=["pyversion-label"]
        )
        container = nodes.container(
            "", caption, *result, classes=["pyversion"]
        )
        self.set_source_info(container)
        return [container]


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


class StrictDocTestBuilder(DocTestBuilder):
    """The doctest builder, with every warning raised as an error."""

    def test_group(self, group: TestGroup) -> bool:
        with warnings.catch_warnings():
            warnings.simplefilter(policy.WARNINGS_ACTION)  # type: ignore[arg-type]
            return super().test_group(group)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx.ext.doctest")
    app.add_directive("doctest", VersionedDoctest, override=True)
    app.add_builder(StrictDocTestBuilder, override=True)
    app.connect("doctree-read", group_docstring_doctests)
    app.add_post_transform(PartsAsLatexParts)
    return {
        "version": "1",
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
