"""Classes that do not have what the Cacheable protocol asks for."""

from examples.typing_system.structural_typing.protocols import (
    UserDTO,
    cache_object,
)


class SessionToken:
    def cache_key(self) -> str:
        return "session:1"


class Order:
    def cache_key(self) -> int:
        return 17

    def to_dict(self) -> dict[str, object]:
        return {"id": 17}


store: dict[str, dict[str, object]] = {}
cache_object(UserDTO(1, "Ada"), store)
cache_object(SessionToken(), store)
cache_object(Order(), store)
