"""Assigning another module's Final name, and rebinding an imported one."""

from examples.typing_system.advanced_types import ids
from examples.typing_system.advanced_types.ids import MAX_PAGE

ids.MAX_PAGE = "many"
MAX_PAGE = 1000  # noqa: F811 - the rebinding is the point
