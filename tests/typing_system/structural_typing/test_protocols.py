"""Tests for src/examples/typing_system/structural_typing/protocols.py."""

from __future__ import annotations

from unittest.mock import Mock

from examples.typing_system.structural_typing.protocols import (
    Cacheable,
    UserDTO,
    cache_object,
)


def test_a_class_satisfies_the_protocol_without_naming_it() -> None:
    assert Cacheable not in UserDTO.__mro__
    assert isinstance(UserDTO(1, "Ada"), Cacheable)


def test_cache_object_stores_under_the_objects_key() -> None:
    store: dict[str, dict[str, object]] = {}
    assert cache_object(UserDTO(7, "Grace"), store) == "user:7"
    assert store == {"user:7": {"id": 7, "name": "Grace"}}


def test_isinstance_checks_names_not_signatures() -> None:
    class Impostor:
        cache_key = 42

        def to_dict(self, verbose: bool) -> str:
            return "not a dict"

    class Partial:
        def cache_key(self) -> str:
            return "k"

    assert isinstance(Impostor(), Cacheable)
    assert not isinstance(Partial(), Cacheable)
    assert Impostor().to_dict(verbose=True) == "not a dict"
    assert Partial().cache_key() == "k"


def test_a_mock_with_a_spec_passes_on_every_version() -> None:
    assert isinstance(Mock(spec=UserDTO), Cacheable)
