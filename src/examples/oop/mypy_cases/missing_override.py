"""Rejected by mypy: an override decorator on a method that overrides nothing.

With ``--enable-error-code explicit-override``, mypy also rejects the
override that lacks the decorator.
"""

from typing_extensions import override

from examples.oop.inheritance.services import Service


class Renamed(Service):
    @override
    def healthz(self) -> dict[str, str]:
        return {}

    def health(self) -> dict[str, str]:
        return super().health()
