"""Exercise 1.2.4-2's module; the answer is a doctest."""

import pytest
from pydantic import ValidationError

from examples.oop.mixins.exercises import predict


def test_the_default_model_drops_unknown_keys() -> None:
    body = {"name": "ada", "is_admin": True}
    assert predict.SignUp.model_validate(body).model_dump() == {"name": "ada"}
    with pytest.raises(ValidationError):
        predict.StrictSignUp.model_validate(body)
