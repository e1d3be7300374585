"""The vote log: what the person answered, in order. It is the source of truth; ratings are
derived from it, so a `Vote` holds everything needed to replay a session exactly."""

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

LEFT = "left"
RIGHT = "right"
DRAW = "draw"
SKIP = "skip"
UNDO = "undo"
REMOVE = "remove"
RESTORE = "restore"

OUTCOMES = (LEFT, RIGHT, DRAW, SKIP, UNDO, REMOVE, RESTORE)
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
    "order of k"; a best of k the person skipped is written the same way with `outcome`
    "skip". The rows of one answer share time, outcome, judge, question and set_kind, and are
    replayed as one answer (see `answers`). Pair answers have an empty `set_kind`.

    A `remove` / `restore` row takes the image in `left` out of the ranking / brings it back
    (`right` is empty): the person's choice, which holds for every question; the image's
    answers stay in the log. An `undo` row with an empty `right` takes back its judge's latest
    remove or restore still in force (see `removals`).

    `device` and `id` give an answer its identity when several devices write logs of one
    folder (each its own file, copied around by a sync service): the device that wrote the
    row, and a random id of the row, so that a row found in a file and in its conflict copy is
    one answer while two answers alike in every other field stay two. An undo row takes back
    only answers of its own device ("" for the rows of a version before devices, which keep
    the old rule among themselves)."""

    time: str
    left: str
    right: str
    outcome: str
    strategy: str
    judge: str = DEFAULT_JUDGE
    question: str = DEFAULT_QUESTION
    set_kind: str = ""
    device: str = ""
    id: str = ""

    @property
    def winner(self) -> str | None:
        return {LEFT: self.left, RIGHT: self.right}.get(self.outcome)

    @property
    def loser(self) -> str | None:
        return {LEFT: self.right, RIGHT: self.left}.get(self.outcome)


def is_removal(vote: Vote) -> bool:
    """A row about one image's place in the ranking (remove, restore, or the undo of one),
    not an answer about images."""
    return vote.outcome in (REMOVE, RESTORE) or (vote.outcome == UNDO and not vote.right)


def now_iso() -> str:
    """ISO 8601 UTC with milliseconds, the timestamp format of votes.csv."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_answer_id() -> str:
    """A row's id: 48 random bits, unique among one device's rows for any log a person makes."""
    return secrets.token_hex(6)


def answers(votes: Iterable[Vote]) -> Iterator[tuple[Vote, ...]]:
    """The log's rows grouped into answers: one row for a pair answer or an undo, the
    consecutive rows of one set answer together. A set answer has as many rows as its kind
    says, so two answered within the same millisecond (a script's loop) stay two."""
    pending: list[Vote] = []
    for vote in votes:
        if pending and (
            not _same_set_answer(pending[0], vote)
            or len(pending) == _rows_of_set(pending[0].set_kind)
        ):
            yield tuple(pending)
            pending = []
        if vote.set_kind and vote.outcome in (LEFT, SKIP):
            pending.append(vote)
        else:
            yield (vote,)
    if pending:
        yield tuple(pending)


def _rows_of_set(set_kind: str) -> int | None:
    """How many rows one answer of this kind writes: k - 1 for a best of k (the best against
    each other one), k (k - 1) / 2 for an order of k; None for a kind this version does not
    know (such rows are grouped by their shared fields alone)."""
    kind, _, size = set_kind.rpartition(" ")
    if not size.isdigit():
        return None
    k = int(size)
    if kind == BEST_OF:
        return k - 1
    if kind == ORDER_OF:
        return k * (k - 1) // 2
    return None


def _same_set_answer(first: Vote, vote: Vote) -> bool:
    return (vote.outcome, vote.time, vote.judge, vote.question, vote.set_kind, vote.device) == (
        first.outcome,
        first.time,
        first.judge,
        first.question,
        first.set_kind,
        first.device,
    )
