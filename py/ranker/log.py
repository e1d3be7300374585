"""The vote log: what the person answered, in order. It is the source of truth; ratings are
derived from it, so a `Vote` holds everything needed to replay a session exactly."""

from collections.abc import Iterable, Iterator
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
BEST_OF = "best of"
ORDER_OF = "order of"


@dataclass(frozen=True, slots=True)
class Vote:
    """One answer. `left`/`right` are the items as they were shown, so position bias can be
    studied later; `outcome` says which side won (or draw, skip, undo). `question` is what the
    person was asked: each question has its own ranking. An `undo` row takes back the latest
    answer in force of the same judge and question, so merged logs of several judges replay
    as each judge meant.

    One answer about a set of k images (best of k, or their full order) is written as the
    pairs it implies, each with `outcome` "left" (left preferred) and `set_kind` "best of k" /
    "order of k"; the rows of one answer share time, judge, question and set_kind, and are
    replayed as one answer (see `answers`). Pair answers have an empty `set_kind`."""

    time: str
    left: str
    right: str
    outcome: str
    strategy: str
    judge: str = DEFAULT_JUDGE
    question: str = DEFAULT_QUESTION
    set_kind: str = ""

    @property
    def winner(self) -> str | None:
        return {LEFT: self.left, RIGHT: self.right}.get(self.outcome)

    @property
    def loser(self) -> str | None:
        return {LEFT: self.right, RIGHT: self.left}.get(self.outcome)


def now_iso() -> str:
    """ISO 8601 UTC with milliseconds, the timestamp format of votes.csv."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def answers(votes: Iterable[Vote]) -> Iterator[tuple[Vote, ...]]:
    """The log's rows grouped into answers: one row for a pair answer or an undo, the
    consecutive rows of one set answer together."""
    pending: list[Vote] = []
    for vote in votes:
        if pending and not _same_set_answer(pending[0], vote):
            yield tuple(pending)
            pending = []
        if vote.set_kind and vote.outcome == LEFT:
            pending.append(vote)
        else:
            yield (vote,)
    if pending:
        yield tuple(pending)


def _same_set_answer(first: Vote, vote: Vote) -> bool:
    return vote.outcome == LEFT and (vote.time, vote.judge, vote.question, vote.set_kind) == (
        first.time,
        first.judge,
        first.question,
        first.set_kind,
    )
