"""Each call of the overloaded get_user gets the return type of its match."""

import sqlite3
from typing import reveal_type

from examples.typing_system.advanced_types.queries import get_user


def show(db: sqlite3.Connection, missing_ok: bool) -> None:
    reveal_type(get_user(db, 1))
    reveal_type(get_user(db, 1, missing_ok=True))
    print(get_user(db, 1, missing_ok=True).name)
    get_user(db, 1, missing_ok=missing_ok)
    get_user(db, 1, missing_ok=False)
