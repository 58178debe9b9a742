"""Exercises 1.1.2-1 and -2's module; the answers are doctests."""

import pytest

from examples.runtime.execution_model.exercises import predict


def test_every_greeter_sees_the_last_name() -> None:
    assert [greet() for greet in predict.greeters()] == ["hello cy"] * 3


def test_the_visit_count_is_a_local_name() -> None:
    with pytest.raises(UnboundLocalError):
        predict.count_visit()
