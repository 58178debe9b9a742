"""Dictionaries that do not match their TypedDict."""

from examples.typing_system.structural_typing.typed_dicts import (
    NewUser,
    UserPatch,
    UserRow,
)

row: UserRow = {"id": 1, "name": "Ada", "emial": "ada@example.com"}
partial: UserRow = {"id": 2, "name": "Grace"}
new: NewUser = {"name": "Linus"}
patch: UserPatch = {}

user: UserRow = {"id": 3, "name": "Guido", "email": "guido@example.com"}
print(user["emial"])
user["id"] = "4"
print(patch["email"])
