"""Exercises 1.1.3-1 and -2's module; the answers are doctests."""

from examples.runtime.memory.exercises import predict


def test_the_copy_shares_the_tags_list() -> None:
    template: dict[str, list[str]] = {"tags": []}
    order = predict.new_order(template)
    assert order["tags"] is template["tags"] == ["new"]


def test_a_request_closes() -> None:
    request = predict.Request()
    assert request.on_end == [request.close]
    request.close()
