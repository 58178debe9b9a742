"""Rejected by mypy: an override that changes what the method returns."""

from examples.oop.inheritance.services import Service


class Listed(Service):
    def health(self) -> list[str]:
        return [self.name]
