"""Read the 16-byte header at the start of every ``.pyc`` file (PEP 552).

=======  ======================================================
bytes    meaning
=======  ======================================================
0--3     magic number: two bytes of version, then ``\\r\\n``
4--7     flags: bit 0 set for a hash-based ``.pyc``
8--11    source modification time (timestamp-based ``.pyc``)
12--15   source size in bytes (timestamp-based ``.pyc``)
8--15    SipHash of the source (hash-based ``.pyc``)
=======  ======================================================
"""

import struct
from dataclasses import dataclass
from importlib.util import MAGIC_NUMBER

#: Flags bit 0: the ``.pyc`` is checked against the source's hash.
HASH_BASED = 0b01
#: Flags bit 1 (hash-based only): check the hash on every import.
CHECK_SOURCE = 0b10


@dataclass(frozen=True)
class PycHeader:
    """The fields of a ``.pyc`` header."""

    magic: bytes
    flags: int
    source_mtime: int | None
    source_size: int | None
    source_hash: bytes | None

    @property
    def version_number(self) -> int:
        """The number in the magic's first two bytes (little-endian)."""
        return int.from_bytes(self.magic[:2], "little")

    @property
    def for_this_python(self) -> bool:
        """Whether the running interpreter would accept this bytecode."""
        return self.magic == MAGIC_NUMBER


def read_header(data: bytes) -> PycHeader:
    """Parse the first 16 bytes of a ``.pyc`` file."""
    magic, flags = struct.unpack_from("<4sI", data, 0)
    if flags & HASH_BASED:
        (source_hash,) = struct.unpack_from("<8s", data, 8)
        return PycHeader(magic, flags, None, None, source_hash)
    mtime, size = struct.unpack_from("<II", data, 8)
    return PycHeader(magic, flags, mtime, size, None)
