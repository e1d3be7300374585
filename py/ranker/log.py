"""The vote log: what the person answered, in order. It is the source of truth; ratings are
derived from it, so a `Vote` holds everything needed to replay a session exactly."""

from dataclasses import dataclass
from datetime import UTC, datetime

LEFT = "left"
RIGHT = "right"
DRAW = "draw"
SKIP = "skip"
UNDO = "undo"

OUTCOMES = (LEFT, RIGHT, DRAW, SKIP, UNDO)
DEFAULT_JUDGE = "me"
DEFAULT_QUESTION = "Which image is better?"


@dataclass(frozen=True, slots=True)
class Vote:
    """One answer. `left`/`right` are the items as they were shown, so position bias can be
    studied later; `outcome` says which side won (or draw, skip, undo). `question` is what the
    person was asked: each question has its own ranking. An `undo` row takes back the latest
    answer in force of the same judge and question, so merged logs of several judges replay
    as each judge meant."""

    time: str
    left: str
    right: str
    outcome: str
    strategy: str
    judge: str = DEFAULT_JUDGE
    question: str = DEFAULT_QUESTION

    @property
    def winner(self) -> str | None:
        return {LEFT: self.left, RIGHT: self.right}.get(self.outcome)

    @property
    def loser(self) -> str | None:
        return {LEFT: self.right, RIGHT: self.left}.get(self.outcome)


def now_iso() -> str:
    """ISO 8601 UTC with milliseconds, the timestamp format of votes.csv."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
