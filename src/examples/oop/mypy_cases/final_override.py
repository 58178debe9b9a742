"""Rejected by mypy and pyright: a final method overridden, a final class
subclassed. Python itself creates both classes."""

from typing import final

from examples.oop.inheritance.services import Service


class Audited(Service):
    @final
    def health(self) -> dict[str, str]:
        return {**super().health(), "audited": "yes"}


@final
class AuditedShop(Audited):
    pass


class Quiet(Audited):
    def health(self) -> dict[str, str]:
        return {}


class Patched(AuditedShop):
    pass
