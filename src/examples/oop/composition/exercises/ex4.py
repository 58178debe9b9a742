"""Solution to exercise 1.2.3-4: a part a test can replace."""

from typing import Annotated, Protocol

from fastapi import Body, Depends, FastAPI, Request


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


def get_notifier(request: Request) -> Notifier:
    """The application's notifier; tests override this function."""
    notifier: Notifier = request.app.state.notifier
    return notifier


def create_app() -> FastAPI:
    """``POST /orders`` places an order and notifies about it."""
    app = FastAPI(title="Orders")
    app.state.notifier = OutboxNotifier()  # one per application, no global
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
