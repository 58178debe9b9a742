"""Calls that Python runs and mypy checks: one of them is rejected."""

from examples.typing_system.basic_types.pricing import line_total

# [call]
print(line_total(2.5, 4))  # as intended
print(line_total(2, True))  # an int is a float, a bool is an int
print(line_total("2.5", 4))  # a str is not a float
# [end call]
