"""bytes_per_object rounds the average to the nearest byte.

Objects of 48 and 49 bytes, one in four of the smaller size, average
48.75 bytes: the nearest byte is 49, where truncating would give 48.
Run on 3.11.7, 3.12.1, 3.13.0, 3.14.10 and 3.15.2: 49 on each.
"""

from __future__ import annotations

import itertools
import sys

from examples.runtime.memory.sizes import bytes_per_object


def test_the_average_is_rounded_not_truncated() -> None:
    assert (sys.getsizeof(bytes(15)), sys.getsizeof(bytes(16))) == (48, 49)
    lengths = itertools.cycle([15, 16, 16, 16])
    assert bytes_per_object(lambda: bytes(next(lengths))) == 49
