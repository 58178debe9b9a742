"""Tests for src/examples/typing_system/advanced_types/variance.py.

Listing: examples.typing_system.mypy_cases.variance_lists (checked by both
type checkers, never run); the PEP 695 classes of the chapter's ">=3.12"
doctest, checked here by both type checkers.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from examples.typing_system.advanced_types import variance
from examples.typing_system.advanced_types.ids import Order, OrderId, UserId
from examples.typing_system.checker import ROOT, run_mypy, run_pyright
from tests.mypy_check import mypy
from tests.pyright_check import pyright

CHAPTER = ROOT / "book/typing_system/advanced_types.md"


def an_order() -> Order:
    return Order(id=OrderId(7), owner=UserId(1))


def test_a_sequence_of_orders_is_dumped() -> None:
    assert variance.dump_all([an_order()]) == [{"id": 7, "owner": 1}]
    assert variance.dump_list([an_order()]) == [{"id": 7, "owner": 1}]
    assert variance.dump_all((an_order(),)) == [{"id": 7, "owner": 1}]


def test_a_list_of_models_lets_a_bare_model_in() -> None:
    orders = [an_order()]
    variance.add_placeholder(orders)  # type: ignore[arg-type]
    assert [type(order) for order in orders] == [Order, variance.Placeholder]
    with pytest.raises(
        AttributeError, match="'Placeholder' object has no attribute 'id'"
    ):
        orders[-1].id  # noqa: B018 - the missing attribute is the point


def test_a_formatter_of_models_formats_orders() -> None:
    assert variance.label_orders([an_order()], variance.kind) == ["Order"]
    assert variance.label_orders([an_order()], variance.order_number) == [
        "order 7"
    ]
    assert variance.label_models([an_order()], variance.kind) == ["Order"]
    with pytest.raises(AttributeError, match="no attribute 'id'"):
        variance.label_models(
            [variance.Placeholder()],
            variance.order_number,  # type: ignore[arg-type]
        )


def test_the_page_and_the_slot_work() -> None:
    assert variance.Page([1, 2]).first() == 1
    slot = variance.Slot(1)
    slot.replace(2)
    assert slot.value == 2
    assert variance.T_co.__covariant__
    assert not variance.T.__covariant__
    assert not variance.T.__contravariant__


def test_both_checkers_refuse_the_invariant_uses() -> None:
    case = "mypy_cases/variance_lists.py"
    assert [(d.line, d.code) for d in run_mypy(case)] == [
        (21, "arg-type"),
        (21, None),
        (21, None),
        (22, "arg-type"),
        (22, None),
        (22, None),
        (27, "assignment"),
        (33, "arg-type"),
    ]
    verdicts = run_pyright(case)
    assert [(d.line, d.code) for d in verdicts] == [
        (21, "reportArgumentType"),
        (22, "reportArgumentType"),
        (27, "reportAssignmentType"),
        (33, "reportArgumentType"),
    ]
    fix = 'Consider switching from "list" to "Sequence" which is covariant'
    assert [verdict.message.splitlines()[-1].strip() for verdict in verdicts][
        :3
    ] == [
        fix,
        fix,
        'Type parameter "T@Slot" is invariant, but "Order" is '
        'not the same as "BaseModel"',
    ]
    # line 32: Callable is contravariant in its parameters, so a formatter
    # of any model is accepted where one of orders is expected.


COVARIANT_PARAMETER = """\
from typing import Generic, TypeVar

T_co = TypeVar("T_co", covariant=True)


class Page(Generic[T_co]):
    def __init__(self, item: T_co) -> None:
        self.item = item

    def replace(self, item: T_co) -> None:
        print(item)
"""


def test_both_checkers_refuse_a_covariant_parameter(tmp_path: Path) -> None:
    path = tmp_path / "covariant_parameter.py"
    path.write_text(COVARIANT_PARAMETER)
    assert mypy(path) == [
        "10: error: Cannot use a covariant type variable as a parameter  "
        "[misc]"
    ]
    assert pyright(path) == ["10: error [reportGeneralTypeIssues]"]


UNCHECKED = """\
from typing import Generic, TypeVar

from pydantic import BaseModel

T_co = TypeVar("T_co", covariant=True)


class Page(Generic[T_co]):
    def __new__(cls, item: T_co) -> "Page[T_co]":
        return super().__new__(cls)

    def __init__(self, item: T_co) -> None:
        self.item = item

    def extend(self, more: list[T_co]) -> None:
        print(more)

    def __post_init__(self, item: T_co) -> None:
        print(item)

    def __swap(self, item: T_co) -> None:
        print(item)


class Order(BaseModel):
    id: int


class Placeholder(BaseModel):
    note: str = "not loaded yet"


def swap(models: Page[BaseModel]) -> None:
    models.item = Placeholder()


page = Page(Order(id=7))
swap(page)
print(page.item.id)
"""


def test_both_checkers_leave_unchecked_in_a_covariant_class(
    tmp_path: Path,
) -> None:
    """__new__ is exempt for both; mypy also exempts __post_init__ and a
    name-mangled method; neither looks inside list[T_co] or at a public
    attribute, and that hole fails at run time."""
    path = tmp_path / "unchecked.py"
    path.write_text(UNCHECKED)
    assert mypy(path) == []
    assert pyright(path) == [
        "18: error [reportGeneralTypeIssues]",  # __post_init__
        "21: error [reportUnusedFunction]",
        "21: error [reportGeneralTypeIssues]",  # __swap
    ]
    ran = subprocess.run(
        [sys.executable, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.stderr.splitlines()[-1] == (
        "AttributeError: 'Placeholder' object has no attribute 'id'"
    )


def pep_695_listing() -> str:
    """The source of the chapter's doctest that defines ReadPage."""
    blocks = re.findall(r"```\{doctest\}\n(.*?)```", CHAPTER.read_text(), re.S)
    [block] = [block for block in blocks if "class ReadPage[T]" in block]
    definitions = block.split(">>> [T] = ")[0]  # the rest is run-time only
    return "".join(
        line[4:] + "\n"
        for line in definitions.splitlines()
        if line.startswith((">>> ", "... "))
    )


USES = """
from pydantic import BaseModel


class Order(BaseModel):
    id: int


def calls(page: ReadPage[Order], slot: EditSlot[Order]) -> None:
    models: ReadPage[BaseModel] = page
    anything: EditSlot[BaseModel] = slot
    print(models, anything)
"""


def inferred(tmp_path: Path, public: bool = False) -> tuple[Path, list[int]]:
    """The chapter's PEP 695 classes and their uses, and the refused lines;
    ``public`` renames ReadPage's ``_items`` to ``items``."""
    source = pep_695_listing() + USES
    if public:
        assert source.count("self._items") == 2
        source = source.replace("self._items", "self.items")
    path = tmp_path / "inferred.py"
    path.write_text(source)
    lines = source.splitlines()
    refused = [
        lines.index(use) + 1
        for use in (
            "    models: ReadPage[BaseModel] = page",
            "    anything: EditSlot[BaseModel] = slot",
        )
    ]
    return path, refused if public else refused[1:]


@pytest.mark.parametrize("public", [False, True])
def test_both_checkers_infer_pep_695_variance_pyright(
    tmp_path: Path, public: bool
) -> None:
    """With ``items`` public, ReadPage is invariant too: the underscore is
    what makes it covariant."""
    path, refused = inferred(tmp_path, public)
    assert pyright(path, python_version="3.12") == [
        f"{line}: error [reportAssignmentType]" for line in refused
    ]


@pytest.mark.parametrize("public", [False, True])
def test_both_checkers_infer_pep_695_variance_mypy(
    tmp_path: Path, public: bool
) -> None:
    """mypy 2.4 parses 3.12 syntax with its own parser on any interpreter
    (not with the running Python's ``ast``), so this is a shared check."""
    path, refused = inferred(tmp_path, public)
    assert mypy(path, python_version="3.12") == [
        f"{line}: error: Incompatible types in assignment (expression has "
        f'type "{name}[Order]", variable has type "{name}[BaseModel]")  '
        "[assignment]"
        for line, name in zip(
            refused, ["ReadPage", "EditSlot"][-len(refused) :], strict=True
        )
    ]
