"""Strings that are not, or are not known to be, a Status."""

from examples.typing_system.advanced_types.literals import (
    Account,
    Status,
    parse_status,
    set_status,
)

account = Account("ada")
set_status(account, "active")
set_status(account, "deleted")

choice = "inactive"
set_status(account, choice)

set_status(account, parse_status(choice))

annotated: Status = "inactive"
set_status(account, annotated)
