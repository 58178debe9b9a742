"""A dependency built by a closure: ``require_role("admin")``.

The ``x-token`` header and the table of users stand in for real
authentication.
"""

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, status
from pydantic import BaseModel


class User(BaseModel):
    """Who is calling, and which roles they hold."""

    name: str
    roles: frozenset[str]


USERS_BY_TOKEN = {
    "token-ada": User(name="ada", roles=frozenset({"admin", "staff"})),
    "token-bob": User(name="bob", roles=frozenset({"staff"})),
}


async def current_user(x_token: Annotated[str, Header()]) -> User:
    """The user a token belongs to, or 401 Unauthorized."""
    user = USERS_BY_TOKEN.get(x_token)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown token")
    return user


CurrentUser = Annotated[User, Depends(current_user)]
RoleCheck = Callable[[User], Coroutine[Any, Any, User]]


def require_role(role: str) -> RoleCheck:
    """Build a dependency that lets only holders of ``role`` through."""

    async def check_role(user: CurrentUser) -> User:
        if role not in user.roles:  # ``role`` lives in the closure's cell
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"needs {role}")
        return user

    return check_role


app = FastAPI(title="Roles")


@app.get("/reports")
async def list_reports(
    user: Annotated[User, Depends(require_role("staff"))],
) -> dict[str, str]:
    """Any member of staff may read the reports."""
    return {"reader": user.name}


@app.delete("/reports/{report_id}")
async def delete_report(
    report_id: int, user: Annotated[User, Depends(require_role("admin"))]
) -> dict[str, int | str]:
    """Only an admin may delete one."""
    return {"deleted": report_id, "by": user.name}
