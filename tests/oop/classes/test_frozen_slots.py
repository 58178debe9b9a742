"""Which error a frozen, slotted dataclass raises for an unknown attribute.

CPython gh-105936 was fixed in bug-fix releases, so the error depends on
the patch release. The table holds the releases this book was checked on;
any other release is skipped rather than guessed.
"""

from __future__ import annotations

import sys
from dataclasses import FrozenInstanceError, dataclass

import pytest

CHECKED: dict[tuple[int, int, int], type[Exception]] = {
    (3, 11, 7): TypeError,
    (3, 12, 1): TypeError,
    (3, 13, 0): TypeError,
    (3, 14, 10): FrozenInstanceError,
    (3, 15, 2): FrozenInstanceError,
}
OLD_WORDS = "super(type, obj): obj must be an instance or subtype of type"
NEW_WORDS = (
    "super(type, obj): obj (instance of Money) is not an instance or"
    " subtype of type (Money)."
)
#: The message the chapter quotes, for each checked release.
MESSAGES: dict[tuple[int, int, int], tuple[str, str]] = {
    (3, 11, 7): (OLD_WORDS, OLD_WORDS),
    (3, 12, 1): (OLD_WORDS, OLD_WORDS),
    (3, 13, 0): (NEW_WORDS, NEW_WORDS),
    (3, 14, 10): (
        "cannot assign to field 'colour'",
        "cannot delete field 'colour'",
    ),
    (3, 15, 2): (
        "cannot assign to field 'colour'",
        "cannot delete field 'colour'",
    ),
}


@dataclass(frozen=True, slots=True)
class Money:
    amount: int


def test_the_error_of_this_release() -> None:
    release = sys.version_info[:3]
    if release not in CHECKED:
        pytest.skip(f"{release} is not one of the releases the book names")
    with pytest.raises(CHECKED[release]) as caught:
        Money(1).colour = "red"  # type: ignore[attr-defined]
    assert type(caught.value) is CHECKED[release]
    assert not hasattr(Money(1), "colour")


def test_deleting_fails_the_same_way_with_its_words() -> None:
    release = sys.version_info[:3]
    if release not in CHECKED:
        pytest.skip(f"{release} is not one of the releases the book names")
    set_words, del_words = MESSAGES[release]
    with pytest.raises(CHECKED[release]) as caught:
        Money(1).colour = "red"  # type: ignore[attr-defined]
    assert str(caught.value) == set_words
    with pytest.raises(CHECKED[release]) as caught:
        del Money(1).colour  # type: ignore[attr-defined]
    assert type(caught.value) is CHECKED[release]
    assert str(caught.value) == del_words
