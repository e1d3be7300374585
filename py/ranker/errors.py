"""Errors the engine raises: one base class, so callers can catch every engine error at once."""


class RankerError(Exception):
    """Base of every error the engine raises on purpose."""


class UnknownItemError(RankerError, KeyError):
    """An id that was never given to the ranker."""

    def __str__(self) -> str:
        return f"unknown item: {self.args[0]!r}"


class InvalidItemError(RankerError, TypeError):
    """An item id that is not a string (ids are the images' relative paths). Also a
    `TypeError` on purpose: it is an argument of the wrong type, not a bad answer."""


class RemovedItemError(RankerError):
    """An answer about an item that was removed from the ranking (its history is kept)."""


class InvalidVoteError(RankerError, ValueError):
    """An answer that cannot be recorded: an item against itself, an unknown outcome."""


class NothingToUndoError(RankerError):
    """`undo()` with no answer left to take back."""


class UnknownStrategyError(RankerError, ValueError):
    """A strategy name the engine does not know."""
