"""A model's ``__init__``, as the checkers see it: the field types."""

import datetime as dt

from examples.typing_system.advanced_types.receives import Reading

now = dt.datetime.now(dt.UTC)
Reading(sensor=7, taken_at=now)
Reading(sensor="7", taken_at=now)
