"""Any switches the checker off; object keeps it on."""

import json
from typing import Any


def user_name(text: str) -> str:
    data = json.loads(text)  # json.loads returns Any
    return data["user"]["name"]


def user_name_quiet(text: str) -> str:
    name: str = json.loads(text)["user"]["name"]
    return name


def shout(value: Any) -> None:
    print(value.upper())


def shout_object(value: object) -> None:
    print(value.upper())


shout(42)
