"""Turn a database error into a log message that names no bound value.

>>> from sqlalchemy.exc import IntegrityError
>>> class UniqueViolation(Exception): ...
>>> error = IntegrityError(
...     "INSERT INTO users VALUES (%(token)s)",
...     {"token": "tok-s3cret"},
...     UniqueViolation("DETAIL:  Key (token)=(tok-s3cret) already exists."),
...     hide_parameters=True,
... )
>>> db_failure(error)
'db failed: UniqueViolation in INSERT INTO users VALUES (%(token)s)'
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError


def db_failure(e: DBAPIError) -> str:
    """Name the driver's error class and the statement, never str(e).

    str(e) includes the driver's message, and a database's message can
    quote the values (PostgreSQL's DETAIL line does). The statement holds
    only placeholders, as long as every value is a bound parameter.
    """
    return f"db failed: {type(e.orig).__name__} in {e.statement}"
