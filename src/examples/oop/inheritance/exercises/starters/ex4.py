"""Exercise 1.2.2-4: cooperative ``__init__`` methods.

Keep the classes; write their ``__init__`` and ``settings`` methods.
"""


class Client:
    """A client of a remote service."""

    def settings(self) -> dict[str, object]:
        """Every layer's settings, merged."""
        raise NotImplementedError("exercise 1.2.2-4")


class WithRetries(Client):
    """Retries a failed call."""


class WithTimeout(Client):
    """Gives up on a slow call."""


class PaymentClient(WithRetries, WithTimeout):
    """The client the payment endpoints depend on."""
