"""Exercises 1.2.2-1 and -2's module; the answers are doctests."""

from examples.oop.inheritance.exercises import predict


def test_each_layer_runs_once_in_mro_order() -> None:
    assert predict.Service().layers() == [
        "Service",
        "Cached",
        "Logged",
        "Base",
    ]
    assert predict.Cached().layers() == ["Cached", "Base"]
    assert predict.Logged().layers() == ["Logged", "Base"]


def test_the_first_matching_clause_wins() -> None:
    assert predict.classify(predict.NotFoundError()) == "app error"
    assert predict.classify(ValueError()) == "other"
