"""A wrong answer to exercise 1.2.2-4: each class calls its parent."""

from typing import Any


class Client:
    """A client of a remote service."""

    def __init__(self, *, name: str, **rest: Any) -> None:
        self.name = name

    def settings(self) -> dict[str, object]:
        """Every layer's settings, merged."""
        return {"name": self.name}


class WithRetries(Client):
    """Calls ``Client.__init__`` by name: ``WithTimeout``'s never runs."""

    def __init__(self, *, retries: int, **rest: Any) -> None:
        Client.__init__(self, **rest)
        self.retries = retries

    def settings(self) -> dict[str, object]:
        """Every layer's settings, merged."""
        return {**Client.settings(self), "retries": self.retries}


class WithTimeout(Client):
    """Gives up on a slow call."""

    def __init__(self, *, timeout: float, **rest: Any) -> None:
        Client.__init__(self, **rest)
        self.timeout = timeout

    def settings(self) -> dict[str, object]:
        """Every layer's settings, merged."""
        return {**Client.settings(self), "timeout": self.timeout}


class PaymentClient(WithRetries, WithTimeout):
    """The client the payment endpoints depend on."""
