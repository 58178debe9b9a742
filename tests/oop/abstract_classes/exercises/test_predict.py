"""Exercises 1.2.5-1 and -2's module; the answers are doctests."""

import pytest

from examples.oop.abstract_classes.exercises import predict


def test_the_incomplete_class_cannot_be_instantiated() -> None:
    with pytest.raises(TypeError, match="abstract"):
        predict.Half()  # type: ignore[abstract]
