"""A builder whose methods return the base class loses the subclass."""

from typing import reveal_type

from examples.typing_system.advanced_types.queries import UserSelect


class Select:
    def limit(self, count: int) -> "Select":
        return self


class ActiveSelect(Select):
    def active(self) -> "ActiveSelect":
        return self


reveal_type(UserSelect().limit(10))
query = ActiveSelect().limit(10).active()
