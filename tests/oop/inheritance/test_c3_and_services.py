"""Tests for src/examples/oop/inheritance/c3.py and services.py."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from examples.oop.inheritance.c3 import linearize, merge, order_for
from examples.oop.inheritance.services import (
    Service,
    Shop,
    WithCache,
    WithDatabase,
)
from examples.typing_system.checker import run_pyright
from tests.oop.checker import CASES, corrected, mypy, mypy_with
from tests.pyright_check import pyright


class A: ...


class B(A): ...


class C(A): ...


class D(B, C): ...


class E(C, B): ...


class F(D, WithCache): ...


@pytest.mark.parametrize(
    "cls", [object, A, D, E, F, Shop, int, bool, KeyError, Service]
)
def test_linearize_agrees_with_cpython(cls: type) -> None:
    assert linearize(cls) == list(cls.__mro__)


@pytest.mark.parametrize(
    "bases", [(Service, WithCache), (A, B), (D, E), (object, A)]
)
def test_impossible_orders_fail_in_both(bases: tuple[type, ...]) -> None:
    with pytest.raises(TypeError, match="no consistent order; stuck at"):
        order_for(bases)
    with pytest.raises(TypeError, match="consistent method resolution"):
        type("Broken", bases, {})


def test_the_error_names_each_stuck_class_once() -> None:
    with pytest.raises(TypeError) as caught:
        order_for((Service, WithCache))
    assert (
        str(caught.value)
        == "no consistent order; stuck at: Service, WithCache"
    )


def test_merge_of_nothing_is_empty() -> None:
    assert merge([[], []]) == []


def shop() -> Shop:
    return Shop(name="shop", database_url="sqlite:///s.db", cache_size=4)


def test_one_call_runs_every_init_once() -> None:
    assert vars(shop()) == {
        "database_url": "sqlite:///s.db",
        "cache_size": 4,
        "name": "shop",
    }
    assert Shop.__mro__ == (Shop, WithDatabase, WithCache, Service, object)


def test_super_is_the_next_class_in_the_instances_mro() -> None:
    instance = shop()
    assert super(WithDatabase, instance).health.__qualname__ == (
        "WithCache.health"
    )
    assert instance.health() == {
        "service": "shop",
        "cache": "4 entries",
        "database": "sqlite",
    }
    alone = WithDatabase(name="db", database_url="postgresql://h:5432/d")
    assert alone.health() == {"service": "db", "database": "postgresql"}
    assert WithCache(name="c", cache_size=1).health()["cache"] == "1 entries"


def test_missing_keyword_is_reported_at_the_call() -> None:
    kwargs: dict[str, Any] = {"name": "s", "database_url": "sqlite://"}
    with pytest.raises(TypeError, match="'cache_size'"):
        Shop(**kwargs)


def test_mypy_rejects_an_override_with_another_return_type(
    tmp_path: Path,
) -> None:
    case = "incompatible_override.py"
    assert mypy(CASES / case) == [
        '7: error: Return type "list[str]" of "health" incompatible with '
        'return type "dict[str, str]" in supertype '
        '"examples.oop.inheritance.services.Service"  [override]'
    ]
    fixed = corrected(
        case,
        "    def health(self) -> list[str]:\n        return [self.name]\n",
        "    def health(self) -> dict[str, str]:\n"
        '        return {**super().health(), "listed": "yes"}\n',
        tmp_path,
    )
    assert mypy(fixed) == []


def test_mypy_enforces_override_markers(tmp_path: Path) -> None:
    case = CASES / "missing_override.py"
    wrong_name = (
        '14: error: Method "healthz" is marked as an override, but no base '
        "method was found with this name  [misc]"
    )
    assert mypy_with(case) == [wrong_name]
    assert mypy_with(case, "--enable-error-code", "explicit-override") == [
        wrong_name,
        '17: error: Method "health" is not using @override but is '
        'overriding a method in class "examples.oop.inheritance.services.'
        'Service"  [explicit-override]',
    ]
    fixed = corrected(
        "missing_override.py",
        "    @override\n    def healthz(self) -> dict[str, str]:\n"
        "        return {}\n\n    def health",
        "    @override\n    def health",
        tmp_path,
    )
    assert mypy_with(fixed, "--enable-error-code", "explicit-override") == []


FINAL_CASE = "final_override.py"
WITHOUT_THE_SUBCLASSES = (
    "\n\nclass Quiet(Audited):\n"
    "    def health(self) -> dict[str, str]:\n"
    "        return {}\n"
    "\n\nclass Patched(AuditedShop):\n"
    "    pass\n"
)


def test_mypy_rejects_overriding_what_is_final(tmp_path: Path) -> None:
    assert mypy(CASES / FINAL_CASE) == [
        '21: error: Cannot override final attribute "health" (previously '
        'declared in base class "Audited")  [misc]',
        '25: error: Cannot inherit from final class "AuditedShop"  [misc]',
    ]
    fixed = corrected(FINAL_CASE, WITHOUT_THE_SUBCLASSES, "", tmp_path)
    assert mypy(fixed) == []


def test_pyright_rejects_overriding_what_is_final(tmp_path: Path) -> None:
    found = run_pyright(str(CASES / FINAL_CASE))
    assert [(d.line, d.code, d.message) for d in found] == [
        (
            21,
            "reportIncompatibleMethodOverride",
            'Method "health" cannot override final method defined in '
            'class "Audited"',
        ),
        (
            25,
            "reportGeneralTypeIssues",
            'Base class "AuditedShop" is marked final and cannot be '
            "subclassed",
        ),
    ]
    fixed = corrected(FINAL_CASE, WITHOUT_THE_SUBCLASSES, "", tmp_path)
    assert pyright(fixed) == []


def test_final_is_only_a_marker_at_run_time() -> None:
    # Imported by name: mypy would report the case's errors in this file.
    case = importlib.import_module("examples.oop.mypy_cases.final_override")
    assert case.Audited.health.__final__ is True
    assert case.AuditedShop.__final__ is True
    assert case.Quiet(name="q").health() == {}
    assert issubclass(case.Patched, case.AuditedShop)
