"""Bytecode of any other magic is not for this Python, later ones too.

A later CPython writes a higher version number into the magic; the header
must still say the running interpreter would refuse it, as importlib
does for any magic but its own.
"""

from __future__ import annotations

import importlib.util
import struct

import pytest

from examples.runtime.cpython.pyc import PycHeader

OWN = int.from_bytes(importlib.util.MAGIC_NUMBER[:2], "little")


@pytest.mark.parametrize("number", [OWN - 1, OWN + 1, OWN + 256])
def test_only_this_pythons_magic_is_accepted(number: int) -> None:
    magic = struct.pack("<H", number) + b"\r\n"
    assert not PycHeader(magic, 0, 0, 0, None).for_this_python
    own = PycHeader(importlib.util.MAGIC_NUMBER, 0, 0, 0, None)
    assert own.for_this_python
