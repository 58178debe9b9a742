"""mypy's verdicts on the listings of chapter 1.3.3.

Each case is checked together with its corrected version (the chapter's
module); the diagnostics must be exactly these, all in the case file.
Listings: examples.typing_system.mypy_cases.protocol_mismatch,
examples.typing_system.mypy_cases.typeddict_keys,
examples.typing_system.mypy_cases.readonly_key,
examples.typing_system.mypy_cases.closed_typeddict,
examples.typing_system.mypy_cases.state_any,
examples.typing_system.mypy_cases.override_shape.
"""

from __future__ import annotations

import pytest

from examples.typing_system.checker import Diagnostic, run_mypy


def test_a_class_without_a_protocol_member_is_rejected() -> None:
    case = "protocol_mismatch.py"
    assert run_mypy(
        f"mypy_cases/{case}", "structural_typing/protocols.py"
    ) == [
        Diagnostic(
            case,
            24,
            "error",
            'Argument 1 to "cache_object" has incompatible type '
            '"SessionToken"; expected "Cacheable"',
            "arg-type",
        ),
        Diagnostic(
            case,
            24,
            "note",
            '"SessionToken" is missing following "Cacheable" protocol member:',
        ),
        Diagnostic(case, 24, "note", "    to_dict"),
        Diagnostic(
            case,
            25,
            "error",
            'Argument 1 to "cache_object" has incompatible type "Order"; '
            'expected "Cacheable"',
            "arg-type",
        ),
        Diagnostic(
            case, 25, "note", 'Following member(s) of "Order" have conflicts:'
        ),
        Diagnostic(case, 25, "note", "    Expected:"),
        Diagnostic(case, 25, "note", "        def cache_key(self) -> str"),
        Diagnostic(case, 25, "note", "    Got:"),
        Diagnostic(case, 25, "note", "        def cache_key(self) -> int"),
    ]


def test_app_state_is_unchecked_but_an_annotated_variable_is() -> None:
    case = "state_any.py"
    assert run_mypy(
        f"mypy_cases/{case}", "structural_typing/cache_api.py"
    ) == [
        Diagnostic(
            case,
            15,
            "error",
            "Incompatible types in assignment (expression has type "
            '"BrokenCache", variable has type "Cache")',
            "assignment",
        ),
        Diagnostic(
            case,
            15,
            "note",
            '"BrokenCache" is missing following "Cache" protocol member:',
        ),
        Diagnostic(case, 15, "note", "    set"),
    ]  # and nothing for line 14, which stores it in app.state


def test_wrong_keys_and_values_of_a_typed_dict_are_rejected() -> None:
    diagnostics = run_mypy(
        "mypy_cases/typeddict_keys.py", "structural_typing/typed_dicts.py"
    )
    assert [(d.line, d.severity, d.code) for d in diagnostics] == [
        (9, "error", "typeddict-item"),
        (9, "error", "typeddict-unknown-key"),
        (10, "error", "typeddict-item"),
        (15, "error", "typeddict-item"),
        (15, "note", None),
        (16, "error", "typeddict-item"),
    ]  # and nothing for line 17, which reads a key that may be missing
    assert {d.file for d in diagnostics} == {"typeddict_keys.py"}
    assert (
        diagnostics[1].message == 'Extra key "emial" for TypedDict "UserRow"'
    )
    assert diagnostics[4].message == 'Did you mean "email"?'


def test_a_read_only_key_cannot_be_assigned() -> None:
    assert run_mypy(
        "mypy_cases/readonly_key.py",
        "structural_typing/typed_dicts.py",
        python_version="3.13",
    ) == [
        Diagnostic(
            "readonly_key.py",
            13,
            "error",
            'ReadOnly TypedDict key "version" TypedDict is mutated',
            "typeddict-readonly-mutated",
        )
    ]


@pytest.mark.parametrize("version", ["3.11", "3.12"])
def test_read_only_is_not_in_typing_before_3_13(version: str) -> None:
    diagnostics = run_mypy(
        "mypy_cases/readonly_key.py", python_version=version
    )
    assert [(d.line, d.severity, d.code) for d in diagnostics] == [
        (3, "error", "attr-defined"),
        (3, "note", None),
        (3, "note", None),
    ]
    assert (
        diagnostics[0].message == 'Module "typing" has no attribute "ReadOnly"'
    )


def test_a_closed_typed_dict_refuses_a_wider_one() -> None:
    assert run_mypy(
        "mypy_cases/closed_typeddict.py", "structural_typing/typed_dicts.py"
    ) == [
        Diagnostic(
            "closed_typeddict.py",
            27,
            "error",
            'Argument 1 to "draw" has incompatible type "Point3D"; '
            'expected "Point"',
            "arg-type",
        ),
        Diagnostic(
            "closed_typeddict.py",
            30,
            "error",
            'Unexpected keyword argument "extra_items" for "__init_subclass__"'
            ' of "TypedDict"',
            "call-arg",
        ),
    ]


def test_an_override_is_checked_only_through_an_annotation() -> None:
    case = "override_shape.py"
    assert run_mypy(
        f"mypy_cases/{case}", "structural_typing/cache_api.py"
    ) == [
        Diagnostic(
            case,
            16,
            "error",
            'Incompatible return value type (got "GetOnly", expected "Cache")',
            "return-value",
        ),
        Diagnostic(
            case,
            16,
            "note",
            '"GetOnly" is missing following "Cache" protocol member:',
        ),
        Diagnostic(case, 16, "note", "    set"),
    ]  # and nothing for line 20, where the class itself is installed
