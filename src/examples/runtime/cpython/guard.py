"""An authorisation check must not be an ``assert``: ``python -O`` drops it.

The ``x-role`` header stands in for real authentication here.
"""

from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, status

app = FastAPI(title="Guard")

Role = Annotated[str, Header()]


@app.delete("/assert/orders/{order_id}")
def delete_with_assert(
    order_id: int, x_role: Role = "guest"
) -> dict[str, int]:
    """Wrong: the check disappears when Python runs with ``-O``."""
    assert x_role == "admin", "admins only"
    return {"deleted": order_id}


@app.delete("/checked/orders/{order_id}")
def delete_checked(order_id: int, x_role: Role = "guest") -> dict[str, int]:
    """Right: an ordinary ``if`` that answers 403 Forbidden."""
    if x_role != "admin":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admins only")
    return {"deleted": order_id}
