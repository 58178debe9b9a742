"""typing.List and list name the same type for mypy."""

from typing import List, reveal_type  # noqa: UP035

old_style: List[str] = ["fastapi"]  # noqa: UP006
new_style: list[str] = old_style
reveal_type(old_style)
reveal_type(new_style)
