"""Exercises 1.3.2-1 and -2's module; the answers are doctests."""

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from examples.typing_system.advanced_types.exercises import predict


def test_a_nullable_field_is_still_required() -> None:
    assert predict.Contact(name="ada", phone=None).phone is None
    with pytest.raises(ValidationError, match="phone"):
        predict.Contact.model_validate({"name": "ada"})


def test_only_the_literal_values_pass() -> None:
    client = TestClient(predict.app)
    assert client.get("/users").json() == {"order": "asc"}
    assert client.get("/users?order=ASC").status_code == 422
