"""Optional and ``Literal`` query parameters in FastAPI."""

from fastapi import FastAPI
from pydantic import BaseModel

from examples.typing_system.advanced_types.literals import Status

app = FastAPI(title="Accounts")


class AccountOut(BaseModel):
    """An account as the API shows it; ``email`` may be missing."""

    name: str
    email: str | None
    status: Status


ACCOUNTS = [
    AccountOut(name="ada", email="ada@example.com", status="active"),
    AccountOut(name="grace", email=None, status="pending"),
    AccountOut(name="linus", email="linus@example.com", status="inactive"),
]


@app.get("/accounts")
def list_accounts(status: Status | None = None) -> list[AccountOut]:
    """All accounts, or those with one status: the filter is optional."""
    return [a for a in ACCOUNTS if status is None or a.status == status]


@app.get("/accounts/search")
def search_accounts(name: str | None) -> list[AccountOut]:
    """``str | None`` without a default: the parameter is still required."""
    return [a for a in ACCOUNTS if name is None or name in a.name]
