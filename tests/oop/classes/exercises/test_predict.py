"""Exercises 1.2.1-1 and -2's module; the answers are doctests."""

from examples.oop.classes.exercises import predict


def test_hits_count_per_instance() -> None:
    counter = predict.Counter()
    counter.hit()
    assert (counter.count, predict.Counter.count) == (1, 0)


def test_the_vault_compares_its_secret() -> None:
    vault = predict.Vault("k")
    assert vault.matches("k")
    assert not vault.matches("x")
