"""What a handout prints about the book it comes from (fast: no build)."""

from __future__ import annotations

from bookkit import handouts


def test_a_reference_outside_a_handout_names_the_part_and_section() -> None:
    assert (
        handouts.outside_reference("typing_system/index", None)
        == "see Part III of the book"
    )
    assert handouts.outside_reference("oop/composition", None) == (
        "see Part II of the book, section “1.2.3 Composition”"
    )
    assert handouts.outside_reference("runtime/memory", "Stack and heap") == (
        "see Part I of the book, section “Stack and heap”"
    )
    assert handouts.outside_reference("foreword", None) == (
        "see the book\u2019s foreword"
    )
    assert handouts.outside_reference("foreword", "def or async def") == (
        "see the book\u2019s foreword, section “def or async def”"
    )
    assert handouts.outside_reference("edition", None) == (
        "see the book\u2019s page “About this edition”"
    )


def test_each_document_belongs_to_one_handout() -> None:
    assert handouts.start_of("runtime/cpython") == "runtime/index"
    assert handouts.start_of("runtime/index") == "runtime/index"
    assert handouts.start_of("foreword") == "foreword"
    assert handouts.start_of("edition") is None
    assert handouts.chapters_of("foreword") == []
    assert handouts.chapters_of("runtime/index") == [
        "runtime/cpython",
        "runtime/execution_model",
        "runtime/memory",
    ]


def test_the_how_to_read_box_fits_the_edition_and_the_handout() -> None:
    student = " ".join(handouts.how_to_read("runtime/index", "student"))
    teacher = " ".join(handouts.how_to_read("runtime/index", "instructor"))
    foreword = " ".join(handouts.how_to_read("foreword", "student"))
    assert "without their solutions" in student
    assert "without their solutions" not in teacher
    assert "teaching notes" in teacher
    check = handouts.example_check("runtime/index")
    assert check == "1.1.1-3"
    assert f"\nmake exercise-check EXERCISE={check} ATTEMPT=" in student
    assert "src/examples/runtime/" in student
    assert handouts.example_check("foreword") is None
    assert "exercise-check" not in foreword
    assert "no exercises" in foreword
    assert "CPython 3.11 to 3.15" in foreword
