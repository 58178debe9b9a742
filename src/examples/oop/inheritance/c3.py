"""The C3 linearization, written out: how Python orders a class's bases.

>>> class A: ...
>>> class B(A): ...
>>> [c.__name__ for c in linearize(B)]
['B', 'A', 'object']
"""

from __future__ import annotations


def merge(sequences: list[list[type]]) -> list[type]:
    """Merge linearizations, keeping every order that any of them states."""
    result: list[type] = []
    pending = [seq for seq in sequences if seq]
    while pending:
        for seq in pending:
            head = seq[0]
            # A good head is not waiting behind anything in another list.
            if not any(head in other[1:] for other in pending):
                break
        else:
            heads = ", ".join(dict.fromkeys(s[0].__name__ for s in pending))
            raise TypeError(f"no consistent order; stuck at: {heads}")
        result.append(head)
        pending = [
            rest
            for rest in (seq[1:] if seq[0] is head else seq for seq in pending)
            if rest
        ]
    return result


def linearize(cls: type) -> list[type]:
    """A class's MRO computed from its bases; equals ``cls.__mro__``."""
    if cls is object:
        return [object]
    return [cls, *order_for(cls.__bases__)]


def order_for(bases: tuple[type, ...]) -> list[type]:
    """What follows a class with these bases in its MRO."""
    return merge([linearize(base) for base in bases] + [list(bases)])
