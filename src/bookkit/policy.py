"""The book's one declared policy for running listings.

Every runner -- Sphinx's doctest builder (``make doctest``) and the pytest
plugin that runs the chapters (``make test``) -- takes its rules from here, so
the two cannot drift apart.

Normalization policy
    Listings print nothing that varies between runs: no object addresses,
    no ``id()`` values, no temporary paths, no wall-clock times, no ``set``
    reprs of strings (their order follows the hash seed), no
    ``gc.get_count()``.  Where a varying token cannot be avoided, the
    listing shows ``...`` in its place (doctest's ELLIPSIS); that is the only
    normalization.  Whitespace is compared exactly and exception messages are
    compared in full, because both change between CPython versions and the
    book must notice when they do.

Warnings policy
    Every listing runs with all warnings turned into errors, so a
    DeprecationWarning on any supported version fails the listing on the day
    a new Python arrives.

Type-checker cache policy
    The listings that show mypy's verdict run ``mypy`` with its cache on.
    Each run of the listings -- a test run, a book build -- gives mypy an
    empty cache folder of its own (``MYPY_CACHE_DIR``), which runs nested in
    it share, and removes it when it ends (or, if it fails, when its process
    exits): a verdict is never read from an earlier run's cache, and within
    a run a check for the same target version and options reuses what an
    earlier one analysed (:func:`start_mypy_cache`).  mypy trusts a file
    whose size and modification time (in whole seconds) are unchanged, so a
    test never rewrites a checked file at the same path: it writes each
    corrected copy once, to a new temporary folder.

Version policy
    The book supports the CPython minor versions in ``SUPPORTED``.  A
    listing whose output differs between versions carries a ``:pyversion:``
    specifier (the option of ``sphinx.ext.doctest``); it runs only where the
    specifier matches and is labelled in the book with the versions it covers.
"""

from __future__ import annotations

import atexit
import doctest
import os
import shutil
import sys
import tempfile
from collections.abc import Callable

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

#: Option flags for every doctest in the book, in both runners.
DOCTEST_FLAGS: int = doctest.ELLIPSIS | doctest.DONT_ACCEPT_TRUE_FOR_1

#: Set while a run of the listings has its own mypy cache: the folder.
RUN_MYPY_CACHE = "BOOK_RUN_MYPY_CACHE"


def start_mypy_cache() -> Callable[[], None]:
    """Give mypy an empty cache folder for this run; return what ends it.

    A run started inside another (a build that a test starts) uses the
    enclosing run's folder, if it still exists, and leaves it in place.
    Ending an outermost run removes the folder and restores
    ``MYPY_CACHE_DIR``; a run that fails before it ends has the folder
    removed when its process exits.
    """
    enclosing = os.environ.get(RUN_MYPY_CACHE)
    if enclosing and os.path.isdir(enclosing):
        os.environ["MYPY_CACHE_DIR"] = enclosing
        return lambda: None
    folder = tempfile.mkdtemp(prefix="book-mypy-cache-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    saved = os.environ.get("MYPY_CACHE_DIR")
    os.environ[RUN_MYPY_CACHE] = os.environ["MYPY_CACHE_DIR"] = folder

    def end() -> None:
        os.environ.pop(RUN_MYPY_CACHE, None)
        if saved is None:
            os.environ.pop("MYPY_CACHE_DIR", None)
        else:
            os.environ["MYPY_CACHE_DIR"] = saved
        shutil.rmtree(folder, ignore_errors=True)

    return end


#: The warnings filter action applied while listings run.
WARNINGS_ACTION = "error"

#: The CPython minor versions this edition supports, oldest first.
SUPPORTED: tuple[tuple[int, int], ...] = (
    (3, 11),
    (3, 12),
    (3, 13),
    (3, 14),
    (3, 15),
)


class PyVersionError(ValueError):
    """A ``:pyversion:`` specifier that the book cannot use."""


def running_version() -> str:
    """The running interpreter's version as ``major.minor.micro``."""
    return ".".join(str(part) for part in sys.version_info[:3])


def check_supported(minor: tuple[int, int] | None = None) -> None:
    """Fail with a clear message on an interpreter the book does not support."""
    if minor is None:
        minor = (sys.version_info[0], sys.version_info[1])
    if minor not in SUPPORTED:
        names = ", ".join(f"{a}.{b}" for a, b in SUPPORTED)
        raise RuntimeError(
            f"Python {minor[0]}.{minor[1]} is not supported by this book; "
            f"use one of: {names} (a new version is added to SUPPORTED in "
            "src/bookkit/policy.py, as the README describes)"
        )


def covered_minors(spec: str) -> list[tuple[int, int]]:
    """The supported minor versions a ``:pyversion:`` specifier selects.

    Specifiers name minor versions only (``>=3.14``, ``<3.13``,
    ``==3.12.*``); a micro version would make the label lie about
    the releases that were actually checked.
    """
    try:
        specifiers = SpecifierSet(spec)
    except InvalidSpecifier as exc:
        raise PyVersionError(f"invalid :pyversion: {spec!r}: {exc}") from None
    for specifier in specifiers:
        if specifier.version.count(
            "."
        ) != 1 and not specifier.version.endswith(".*"):
            raise PyVersionError(
                f":pyversion: {spec!r} must name minor versions such as 3.14, "
                f"not {specifier.version!r}"
            )
    return [
        minor
        for minor in SUPPORTED
        # a .0 release stands for the whole minor version
        if Version(f"{minor[0]}.{minor[1]}.0") in specifiers
    ]


def version_label(spec: str) -> str:
    """Human label for a ``:pyversion:`` specifier, e.g. ``Python 3.11\N{EN DASH}3.13``.

    Raises :class:`PyVersionError` when the specifier selects no supported
    version (the listing would never run) or every supported version (the
    label would be noise).
    """
    minors = covered_minors(spec)
    if not minors:
        raise PyVersionError(
            f":pyversion: {spec!r} selects no supported Python"
        )
    if minors == list(SUPPORTED):
        raise PyVersionError(
            f":pyversion: {spec!r} selects every supported Python; drop the option"
        )
    indexes = [SUPPORTED.index(m) for m in minors]
    if indexes != list(range(indexes[0], indexes[-1] + 1)):
        raise PyVersionError(
            f":pyversion: {spec!r} selects a non-contiguous range"
        )
    first, last = minors[0], minors[-1]
    first_name, last_name = f"{first[0]}.{first[1]}", f"{last[0]}.{last[1]}"
    open_ended = Version("99.0") in SpecifierSet(spec)
    if open_ended:
        return f"Python {first_name} and later"
    if first == last:
        return f"Python {first_name}"
    return f"Python {first_name}\N{EN DASH}{last_name}"


def runs_here(spec: str | None) -> bool:
    """Whether a listing with this ``:pyversion:`` runs on this interpreter."""
    if spec is None:
        return True
    return Version(running_version()) in SpecifierSet(spec)


#: Code run first in every doctest namespace, by both runners: listings
#: behave as they would typed into ``python`` (so classes they define print as
#: ``__main__.Name``).  Everything else a listing needs, it imports itself.
GLOBAL_SETUP = "__name__ = '__main__'"
