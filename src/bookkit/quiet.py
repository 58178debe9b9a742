"""Keep Sphinx's console to what a reader of the build needs.

Two messages are dropped on every build:

- myst-parser's dump of its whole configuration (``myst v5.2.0:
  MdParserConfig(...)``, about 1,000 characters), logged at INFO level by
  ``myst_parser.sphinx_ext.main.create_myst_config``;
- the LaTeX builder's closing hint "Run 'make' in that directory ...
  (use `make latexpdf' here ...)": it is wrong for this Makefile, whose
  ``latexpdf`` and ``handouts`` targets run the PDF step themselves.

Warnings and errors are untouched.
"""

from __future__ import annotations

import logging

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

#: The logger myst-parser's configuration dump goes to (Sphinx's loggers
#: live under the "sphinx." namespace).
MYST_LOGGER = "sphinx.myst_parser.sphinx_ext.main"


class _DropMystConfig(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (
            record.levelno == logging.INFO and "myst v" in str(record.msg)
        )


def _short_epilog(app: Sphinx) -> None:
    if app.builder.name == "latex":
        # Sphinx declares it a ClassVar; a run has one builder.
        app.builder.epilog = "The LaTeX files are in %(outdir)s."  # type: ignore[misc]


def setup(app: Sphinx) -> ExtensionMetadata:
    logger = logging.getLogger(MYST_LOGGER)
    if not any(isinstance(f, _DropMystConfig) for f in logger.filters):
        logger.addFilter(_DropMystConfig())
    app.connect("builder-inited", _short_epilog)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
