"""Solution to exercise 1.2.2-4: cooperative ``__init__`` methods."""

from typing import Any


class Client:
    """A client of a remote service."""

    def __init__(self, *, name: str, **rest: Any) -> None:
        super().__init__(**rest)
        self.name = name

    def settings(self) -> dict[str, object]:
        """Every layer's settings, merged."""
        return {"name": self.name}


class WithRetries(Client):
    """Retries a failed call."""

    def __init__(self, *, retries: int, **rest: Any) -> None:
        super().__init__(**rest)
        self.retries = retries

    def settings(self) -> dict[str, object]:
        """Every layer's settings, merged."""
        return {**super().settings(), "retries": self.retries}


class WithTimeout(Client):
    """Gives up on a slow call."""

    def __init__(self, *, timeout: float, **rest: Any) -> None:
        super().__init__(**rest)
        self.timeout = timeout

    def settings(self) -> dict[str, object]:
        """Every layer's settings, merged."""
        return {**super().settings(), "timeout": self.timeout}


class PaymentClient(WithRetries, WithTimeout):
    """The client the payment endpoints depend on."""
