"""Values that may be missing: ``X | None`` and narrowing."""

EMAILS: dict[str, int] = {"ada@example.com": 1, "grace@example.com": 2}


def find_user_id(email: str | None = None) -> int | None:
    """The id registered for ``email``, or ``None``.

    ``email`` may be ``None``; the ``if`` narrows it to ``str`` before
    any string method is used.
    """
    if email is None:
        return None
    return EMAILS.get(email.strip().lower())
