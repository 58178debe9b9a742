"""A wrong answer to exercise 1.2.3-4: the endpoint makes its notifier."""

from typing import Annotated, Protocol

from fastapi import Body, FastAPI


class Notifier(Protocol):
    """Tells someone about an order."""

    def notify(self, text: str) -> None: ...


class OutboxNotifier:
    """Keeps the messages for a mail job to send."""

    def __init__(self) -> None:
        self.outbox: list[str] = []

    def notify(self, text: str) -> None:
        """Queue ``text``."""
        self.outbox.append(text)


def get_notifier() -> Notifier:
    """Declared, but the endpoint never asks FastAPI for it."""
    return OutboxNotifier()


def create_app() -> FastAPI:
    """``POST /orders`` places an order and notifies about it."""
    app = FastAPI(title="Orders")
    items: list[str] = []

    @app.post("/orders", status_code=201)
    async def place(
        item: Annotated[str, Body(embed=True)],
    ) -> dict[str, int | str]:
        items.append(item)
        OutboxNotifier().notify(f"order {len(items)}: {item}")
        return {"id": len(items), "item": item}

    return app
