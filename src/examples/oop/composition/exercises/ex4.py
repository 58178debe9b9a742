"""Solution to exercise 1.2.3-4: a part a test can replace."""

from typing import Annotated, Protocol

from fastapi import Body, Depends, FastAPI


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


OUTBOX = OutboxNotifier()


def get_notifier() -> Notifier:
    """The notifier the endpoints use; tests override this function."""
    return OUTBOX


def create_app() -> FastAPI:
    """``POST /orders`` places an order and notifies about it."""
    app = FastAPI(title="Orders")
    items: list[str] = []

    @app.post("/orders", status_code=201)
    async def place(
        item: Annotated[str, Body(embed=True)],
        notifier: Annotated[Notifier, Depends(get_notifier)],
    ) -> dict[str, int | str]:
        items.append(item)
        notifier.notify(f"order {len(items)}: {item}")
        return {"id": len(items), "item": item}

    return app
