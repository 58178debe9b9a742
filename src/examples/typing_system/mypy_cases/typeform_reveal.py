"""What the checkers infer through TypeForm (typing_extensions before 3.15)."""

from typing import TypeVar, reveal_type

from pydantic import TypeAdapter
from typing_extensions import TypeForm

T = TypeVar("T")


def validate_as(form: TypeForm[T], data: object) -> T:
    return TypeAdapter(form).validate_python(data)


reveal_type(validate_as(int | None, "5"))
validate_as(list[int], "[1]").append("2")
