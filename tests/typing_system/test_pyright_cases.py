"""pyright's verdicts on every listing Part III says a checker rejects.

The mypy verdicts are asserted in each chapter's ``test_mypy_cases``; these
are pyright's (strict mode), run in one process per Python version. Where
the two disagree, the chapter says which checker reports what; those
diagnostics are asserted here with their message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from examples.typing_system.checker import PART, Diagnostic, run_pyright

CASES = sorted(
    path.relative_to(PART).as_posix()
    for path in (PART / "mypy_cases").glob("*.py")
)

#: (file, line, rule) of every diagnostic pyright reports at --pythonversion
#: 3.11; ``None`` for a reveal_type's information.
EXPECTED = [
    # 1.3.2: Any is silent to pyright even in strict mode at line 9, where
    # mypy's --strict (warn_return_any) reports no-any-return.
    ("any_escape.py", 22, "reportUnknownMemberType"),
    ("any_escape.py", 22, "reportUnknownArgumentType"),
    ("any_escape.py", 22, "reportAttributeAccessIssue"),
    # 1.3.3: pyright implements PEP 728's extra_items=, so line 30 passes.
    ("bound_misuse.py", 12, "reportArgumentType"),
    ("bound_misuse.py", 13, "reportArgumentType"),
    ("bound_misuse.py", 14, "reportCallIssue"),
    # 1.3.2: Callable[..., T] checks no argument, so line 22 passes.
    ("callback_misuse.py", 21, "reportArgumentType"),
    ("callback_misuse.py", 23, "reportArgumentType"),
    ("closed_typeddict.py", 27, "reportArgumentType"),
    ("container_items.py", 3, "reportAssignmentType"),
    ("container_items.py", 4, "reportAssignmentType"),
    ("container_items.py", 5, "reportAssignmentType"),
    ("container_items.py", 6, "reportAssignmentType"),
    # 1.3.2: through a module object pyright checks only that the
    # attribute exists, not its type or Final (line 6), but refuses a
    # from-imported Final name rebound (line 7).
    ("final_paths.py", 4, "reportUnusedImport"),
    ("final_paths.py", 7, "reportConstantRedefinition"),
    ("final_paths.py", 7, "reportGeneralTypeIssues"),
    ("forgotten_status.py", 14, "reportArgumentType"),
    ("generic_mismatch.py", 7, None),
    ("generic_mismatch.py", 8, None),
    ("generic_mismatch.py", 9, None),
    ("generic_mismatch.py", 12, "reportAssignmentType"),
    # 1.3.2: a Final module attribute assigned from outside; mypy reports
    # line 13, pyright does not.
    ("id_mixup.py", 8, "reportArgumentType"),
    ("id_mixup.py", 9, "reportArgumentType"),
    ("id_mixup.py", 10, "reportAttributeAccessIssue"),
    ("implicit_optional.py", 9, "reportArgumentType"),
    ("list_alias.py", 7, None),
    ("list_alias.py", 8, None),
    # 1.3.2: pyright narrows `choice = "inactive"` to its literal: line 15
    # passes, where mypy infers str and reports arg-type.
    ("literal_status.py", 12, "reportArgumentType"),
    ("model_init.py", 9, "reportArgumentType"),
    ("optional_narrowing.py", 7, "reportOptionalMemberAccess"),
    # 1.3.2: with a plain bool or an explicit False, pyright names the last
    # overload's parameter; mypy reports call-overload.
    ("overload_get.py", 10, None),
    ("overload_get.py", 11, None),
    ("overload_get.py", 12, "reportOptionalMemberAccess"),
    ("overload_get.py", 13, "reportArgumentType"),
    ("overload_get.py", 14, "reportArgumentType"),
    # 1.3.3: dependency_overrides takes any callable; only line 16 is checked.
    ("override_shape.py", 16, "reportReturnType"),
    ("protocol_mismatch.py", 24, "reportArgumentType"),
    ("protocol_mismatch.py", 25, "reportArgumentType"),
    # typing.ReadOnly does not exist before 3.13 (see the 3.13 test).
    ("readonly_key.py", 3, "reportAttributeAccessIssue"),
    ("readonly_key.py", 3, "reportUnknownVariableType"),
    ("self_lost.py", 18, None),
    ("self_lost.py", 19, "reportUnknownVariableType"),
    ("self_lost.py", 19, "reportUnknownMemberType"),
    ("self_lost.py", 19, "reportAttributeAccessIssue"),
    ("state_any.py", 15, "reportAssignmentType"),
    ("typeddict_keys.py", 9, "reportAssignmentType"),
    ("typeddict_keys.py", 10, "reportAssignmentType"),
    ("typeddict_keys.py", 15, "reportGeneralTypeIssues"),
    ("typeddict_keys.py", 15, "reportUnknownArgumentType"),
    ("typeddict_keys.py", 16, "reportGeneralTypeIssues"),
    # 1.3.3: a NotRequired key read without a check; mypy is silent.
    ("typeddict_keys.py", 17, "reportTypedDictNotRequiredAccess"),
    ("typeform_reveal.py", 15, None),
    ("typeform_reveal.py", 16, "reportArgumentType"),
    # 1.3.2: pyright solves Ts from the callable and blames the
    # arguments; mypy solves it from the arguments and blames the callable.
    ("variadic_args.py", 13, "reportArgumentType"),
    ("variadic_args.py", 14, "reportArgumentType"),
    ("variadic_args.py", 15, "reportCallIssue"),
    ("variance_lists.py", 21, "reportArgumentType"),
    ("variance_lists.py", 22, "reportArgumentType"),
    ("variance_lists.py", 27, "reportAssignmentType"),
    ("variance_lists.py", 33, "reportArgumentType"),
    ("wrong_argument.py", 8, "reportArgumentType"),
]


@pytest.fixture(scope="module")
def verdicts() -> list[Diagnostic]:
    return run_pyright(*CASES)


def test_every_case_is_listed() -> None:
    assert {file for file, _, _ in EXPECTED} == {
        Path(case).name for case in CASES
    }


def test_pyright_reports_exactly_these_lines_and_rules(
    verdicts: list[Diagnostic],
) -> None:
    assert [(d.file, d.line, d.code) for d in verdicts] == EXPECTED
    assert {d.severity for d in verdicts if d.code is None} == {"information"}
    assert {d.severity for d in verdicts if d.code} == {"error"}


def test_pyright_reveals_the_literals_mypy_widens(
    verdicts: list[Diagnostic],
) -> None:
    revealed = [d.message for d in verdicts if d.file == "generic_mismatch.py"]
    # mypy reveals "int" for first((1, 2)); pyright keeps the literals.
    assert revealed[:3] == [
        'Type of "first(["a", "b"])" is "str"',
        'Type of "first((1, 2))" is "Literal[1, 2]"',
        'Type of "ApiResponse([1.5]).data" is "list[float]"',
    ]


def test_pyright_reports_a_not_required_key_read_without_a_check(
    verdicts: list[Diagnostic],
) -> None:
    [message] = [
        d.message
        for d in verdicts
        if d.code == "reportTypedDictNotRequiredAccess"
    ]
    assert message == (
        "Could not access item in TypedDict\n"
        '  "email" is not a required key in "UserPatch", so access may '
        "result in runtime exception"
    )


def test_pyright_protects_a_readonly_key_from_python_3_13() -> None:
    verdicts = run_pyright("mypy_cases/readonly_key.py", python_version="3.13")
    assert [(d.line, d.code, d.message) for d in verdicts] == [
        (
            13,
            "reportTypedDictNotRequiredAccess",
            "Could not assign item in TypedDict\n"
            '  "version" is a read-only key in "ServerInfo"',
        )
    ]
