"""What a reader could not use, and where."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """`line` is the 1-based line of the file where the row starts (0: the file as a whole)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message
