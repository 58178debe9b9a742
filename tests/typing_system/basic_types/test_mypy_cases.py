"""mypy's verdicts on the listings of chapter 1.3.1.

Each case file is checked together with its corrected version, and the
diagnostics must be exactly the expected ones: the corrected file adds none.
Listings: examples.typing_system.mypy_cases.wrong_argument,
examples.typing_system.mypy_cases.container_items,
examples.typing_system.mypy_cases.list_alias.
"""

from __future__ import annotations

from examples.typing_system.checker import Diagnostic, run_mypy


def test_a_str_argument_for_a_float_parameter_is_rejected() -> None:
    assert run_mypy(
        "mypy_cases/wrong_argument.py", "basic_types/pricing.py"
    ) == [
        Diagnostic(
            "wrong_argument.py",
            8,
            "error",
            'Argument 1 to "line_total" has incompatible type "str"; '
            'expected "float"',
            "arg-type",
        )
    ]


def test_collection_contents_are_checked() -> None:
    diagnostics = run_mypy(
        "mypy_cases/container_items.py", "basic_types/containers.py"
    )
    assert [(d.file, d.line, d.severity, d.code) for d in diagnostics] == [
        ("container_items.py", 3, "error", "list-item"),
        ("container_items.py", 4, "error", "dict-item"),
        ("container_items.py", 5, "error", "assignment"),
        ("container_items.py", 6, "error", "assignment"),
    ]
    assert diagnostics[0].message == (
        'List item 1 has incompatible type "int"; expected "str"'
    )


def test_typing_list_and_list_are_one_type() -> None:
    assert run_mypy("mypy_cases/list_alias.py") == [
        Diagnostic("list_alias.py", 7, "note", 'Revealed type is "list[str]"'),
        Diagnostic("list_alias.py", 8, "note", 'Revealed type is "list[str]"'),
    ]
