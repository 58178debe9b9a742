"""mypy's verdicts on the listings of chapter 1.3.2.

Each case is checked together with its corrected version (the chapter's
module); the diagnostics must be exactly these, all in the case file.
Listings: examples.typing_system.mypy_cases.optional_narrowing,
examples.typing_system.mypy_cases.literal_status,
examples.typing_system.mypy_cases.any_escape,
examples.typing_system.mypy_cases.generic_mismatch.
"""

from __future__ import annotations

from examples.typing_system.checker import Diagnostic, run_mypy

STATUS = "\"Literal['active', 'inactive', 'pending']\""


def test_a_possibly_missing_value_must_be_narrowed() -> None:
    assert run_mypy(
        "mypy_cases/optional_narrowing.py", "advanced_types/optional.py"
    ) == [
        Diagnostic(
            "optional_narrowing.py",
            7,
            "error",
            'Item "None" of "str | None" has no attribute "strip"',
            "union-attr",
        )
    ]


def test_strings_outside_the_literal_are_rejected() -> None:
    assert run_mypy(
        "mypy_cases/literal_status.py", "advanced_types/literals.py"
    ) == [
        Diagnostic(
            "literal_status.py",
            12,
            "error",
            'Argument 2 to "set_status" has incompatible type '
            f"\"Literal['deleted']\"; expected {STATUS}",
            "arg-type",
        ),
        Diagnostic(
            "literal_status.py",
            15,
            "error",
            'Argument 2 to "set_status" has incompatible type "str"; '
            f"expected {STATUS}",
            "arg-type",
        ),
    ]  # and nothing for lines 17 and 20: the argument is known a Status


def test_any_is_silent_where_object_is_checked() -> None:
    assert run_mypy(
        "mypy_cases/any_escape.py", "advanced_types/payloads.py"
    ) == [
        Diagnostic(
            "any_escape.py",
            9,
            "error",
            'Returning Any from function declared to return "str"',
            "no-any-return",
        ),
        Diagnostic(
            "any_escape.py",
            22,
            "error",
            '"object" has no attribute "upper"',
            "attr-defined",
        ),
    ]


def test_type_variables_are_inferred_and_enforced() -> None:
    assert run_mypy(
        "mypy_cases/generic_mismatch.py", "advanced_types/generics.py"
    ) == [
        Diagnostic("generic_mismatch.py", 7, "note", 'Revealed type is "str"'),
        Diagnostic("generic_mismatch.py", 8, "note", 'Revealed type is "int"'),
        Diagnostic(
            "generic_mismatch.py", 9, "note", 'Revealed type is "list[float]"'
        ),
        Diagnostic(
            "generic_mismatch.py",
            12,
            "error",
            'Argument 1 to "ApiResponse" has incompatible type "str"; '
            'expected "int"',
            "arg-type",
        ),
    ]


def test_a_type_form_carries_its_type_through() -> None:
    # Both checkers accept typing_extensions.TypeForm (PEP 747) at 3.11.
    assert [
        (d.line, d.code, d.message)
        for d in run_mypy("mypy_cases/typeform_reveal.py")
    ] == [
        (15, None, 'Revealed type is "int | None"'),
        (
            16,
            "arg-type",
            'Argument 1 to "append" of "list" has incompatible type "str"; '
            'expected "int"',
        ),
    ]
