"""Tests for src/examples/runtime/cpython/pyc.py."""

from __future__ import annotations

import importlib.util
import marshal
import os
import py_compile
import struct
from pathlib import Path

import pytest

from examples.runtime.cpython.pyc import (
    CHECK_SOURCE,
    HASH_BASED,
    PycHeader,
    read_header,
)

SOURCE = "PRICE = 21\nTOTAL = PRICE * 2\n"


def compile_to(
    tmp_path: Path, mode: py_compile.PycInvalidationMode
) -> tuple[Path, bytes]:
    source = tmp_path / "pricing.py"
    source.write_text(SOURCE)
    pyc = py_compile.compile(str(source), doraise=True, invalidation_mode=mode)
    assert pyc is not None  # None only when doraise=False and it failed
    return source, Path(pyc).read_bytes()


def test_timestamp_header_matches_the_source(tmp_path: Path) -> None:
    source, data = compile_to(
        tmp_path, py_compile.PycInvalidationMode.TIMESTAMP
    )
    header = read_header(data)
    assert header.for_this_python
    assert header.magic == importlib.util.MAGIC_NUMBER
    assert header.flags == 0
    assert header.source_mtime == int(source.stat().st_mtime) & 0xFFFFFFFF
    assert header.source_size == len(SOURCE) == 29
    assert header.source_hash is None


def test_times_after_2038_are_read_unsigned(tmp_path: Path) -> None:
    # The header stores the mtime as an unsigned 32-bit number: a file
    # touched after January 2038 must not read back as negative.
    source = tmp_path / "pricing.py"
    source.write_text(SOURCE)
    later = 2**31 + 5
    os.utime(source, (later, later))
    pyc = py_compile.compile(
        str(source),
        doraise=True,
        invalidation_mode=py_compile.PycInvalidationMode.TIMESTAMP,
    )
    assert pyc is not None
    header = read_header(Path(pyc).read_bytes())
    assert header.source_mtime == later


@pytest.mark.parametrize(
    ("mode", "flags"),
    [
        (py_compile.PycInvalidationMode.CHECKED_HASH, 0b11),
        (py_compile.PycInvalidationMode.UNCHECKED_HASH, 0b01),
    ],
)
def test_hash_based_header_holds_the_source_hash(
    tmp_path: Path, mode: py_compile.PycInvalidationMode, flags: int
) -> None:
    source, data = compile_to(tmp_path, mode)
    header = read_header(data)
    assert header.flags == flags
    assert bool(header.flags & HASH_BASED)
    assert bool(header.flags & CHECK_SOURCE) == (flags == 0b11)
    assert header.source_hash == importlib.util.source_hash(
        source.read_bytes()
    )
    assert header.source_mtime is None
    assert header.source_size is None
    assert header.magic == importlib.util.MAGIC_NUMBER
    assert header.for_this_python


def test_version_number_is_the_magics_first_two_bytes() -> None:
    magic = struct.pack("<H", 3666) + b"\r\n"
    header = PycHeader(magic, 0, 0, 0, None)
    assert header.version_number == 3666
    assert header.for_this_python == (magic == importlib.util.MAGIC_NUMBER)


def test_the_body_is_the_modules_code_object(tmp_path: Path) -> None:
    _, data = compile_to(tmp_path, py_compile.PycInvalidationMode.TIMESTAMP)
    code = marshal.loads(data[16:])  # our own bytes, just compiled
    namespace: dict[str, object] = {}
    exec(code, namespace)
    assert namespace["TOTAL"] == 42


def test_source_date_epoch_switches_py_compile_to_hashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    source = tmp_path / "pricing.py"
    source.write_text(SOURCE)
    pyc = py_compile.compile(str(source), doraise=True)
    assert pyc is not None
    assert read_header(Path(pyc).read_bytes()).flags == 0b11
