"""Annotated functions and variables: Python records the hints, no more."""

# [variables]
user_id: int = 42
price: float = 9.99
username: str = "alice"
is_active: bool = True
nickname: str  # annotated only: no variable is created
# [end variables]


def line_total(price: float, quantity: int) -> float:
    """The price of ``quantity`` items at ``price`` each."""
    return price * quantity


def total_from_text(price_text: str, quantity: int) -> float:
    """Convert text first, as FastAPI does at the request boundary."""
    return line_total(float(price_text), quantity)
