"""Arguments checked one by one against the callable's parameters."""

import anyio.to_thread

from examples.typing_system.advanced_types.variadic import (
    checksum,
    logged_call,
)


async def calls() -> None:
    logged_call(checksum, b"orders", 2)
    logged_call(checksum, "orders", 2)
    logged_call(checksum, b"orders")
    await anyio.to_thread.run_sync(checksum, b"orders", rounds=2)
