"""Exercises 1.2.2-1 and 1.2.2-2: the MRO and ``except`` clauses."""

# pyright: reportUnusedExcept=false
# The mistake is the exercise; pyright reports it, so this file
# switches that one rule off.


class Base:
    """The root of the diamond."""

    def layers(self) -> list[str]:
        """The classes whose ``layers`` ran, in order."""
        return ["Base"]


class Cached(Base):
    """Adds a cache."""

    def layers(self) -> list[str]:
        """The classes whose ``layers`` ran, in order."""
        return ["Cached", *super().layers()]


class Logged(Base):
    """Adds logging."""

    def layers(self) -> list[str]:
        """The classes whose ``layers`` ran, in order."""
        return ["Logged", *super().layers()]


class Service(Cached, Logged):
    """Both."""

    def layers(self) -> list[str]:
        """The classes whose ``layers`` ran, in order."""
        return ["Service", *super().layers()]


class AppError(Exception):
    """Any error the application reports."""


class NotFoundError(AppError):
    """Something asked for does not exist."""


def classify(error: Exception) -> str:
    """Which clause catches ``error``."""
    try:
        raise error
    except AppError:
        return "app error"
    except NotFoundError:  # pragma: no cover - never reached: the exercise
        return "not found"
    except Exception:
        return "other"
