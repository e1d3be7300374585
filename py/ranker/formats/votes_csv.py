"""votes.csv: the append-only log of every answer, the source of truth of a folder's ranking.

Header `timestamp,left,right,outcome,judge,strategy,question,set`: the first six as the log
has always had them, then the question asked and, for an answer about several images at once,
its kind ("best of 4"). A log with only the first six columns reads as the default question
and pair answers. Columns are found by name, so a file with columns in another order, or with
more columns, reads too.
"""

from dataclasses import dataclass, field
from datetime import datetime

from ..log import DEFAULT_JUDGE, DEFAULT_QUESTION, OUTCOMES, Vote
from .csv_rows import rows, to_csv
from .problems import Problem
from .rankings_csv import RANKINGS_HEADER

VOTES_HEADER = ("timestamp", "left", "right", "outcome", "judge", "strategy", "question", "set")
REQUIRED = VOTES_HEADER[:4]


@dataclass
class VotesFile:
    """A votes.csv as read: the rows it could use, what it could not, and where the file's
    last complete row ends (`complete_chars`, `complete_bytes` in UTF-8), after which new rows
    can be appended without touching a cut-short tail. `header` is None when the file is not
    a votes log at all (then nothing may be appended to it)."""

    votes: list[Vote] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    header: tuple[str, ...] | None = VOTES_HEADER
    complete_chars: int = 0
    complete_bytes: int = 0

    @property
    def judges(self) -> list[str]:
        return sorted({vote.judge for vote in self.votes})


def write_votes(votes: list[Vote]) -> str:
    """A whole votes.csv: the header, then one row per vote."""
    return to_csv([list(VOTES_HEADER)]) + format_votes(votes)


def format_votes(votes: list[Vote], header: tuple[str, ...] = VOTES_HEADER) -> str:
    """Rows to append to a file with `header` (one of its columns per field it knows)."""
    return to_csv([[_field(vote, column) for column in header] for vote in votes])


def _field(vote: Vote, column: str) -> str:
    values = {
        "timestamp": vote.time,
        "left": vote.left,
        "right": vote.right,
        "outcome": vote.outcome,
        "judge": vote.judge,
        "strategy": vote.strategy,
        "question": vote.question,
        "set": vote.set_kind,
    }
    return values.get(column, "")


def fits(votes: list[Vote], header: tuple[str, ...]) -> bool:
    """Whether a file with `header` can hold these votes without losing a field."""
    for vote in votes:
        if vote.question != DEFAULT_QUESTION and "question" not in header:
            return False
        if vote.set_kind and "set" not in header:
            return False
    return True


def read_votes(text: str) -> VotesFile:
    text = text.removeprefix("\ufeff")
    result = VotesFile(header=None)
    rows_iter = rows(text)
    first = next(rows_iter, None)
    if first is None:
        result.header = VOTES_HEADER
        return result
    header = tuple(name.strip().lower() for name in first.fields)
    message = _foreign(header)
    if message:
        result.problems.append(Problem(0, message))
        return result
    result.header = tuple(name.strip() for name in first.fields)
    result.complete_chars = first.end if first.complete else 0
    column = {name: index for index, name in enumerate(header)}
    for row in rows_iter:
        if not row.complete:
            result.problems.append(
                Problem(row.line, "the file ends in the middle of this row (left out)")
            )
            break
        result.complete_chars = row.end
        if not any(cell.strip() for cell in row.fields):
            continue
        vote, problem = _vote(row.fields, column)
        if problem:
            result.problems.append(Problem(row.line, problem))
        else:
            result.votes.append(vote)
    result.complete_bytes = len(text[: result.complete_chars].encode("utf-8"))
    return result


def _foreign(header: tuple[str, ...]) -> str | None:
    if all(name in header for name in REQUIRED):
        return None
    if header[: len(RANKINGS_HEADER)] == RANKINGS_HEADER:
        return "this is a rankings.csv (the standings), not a votes log"
    if header[:2] == ("winner", "loser"):
        return (
            "this is the original Image Ranker's comparison history (Winner,Loser): "
            "bring it in with Import votes"
        )
    shown = ",".join(header)[:80]
    return f"not a votes log: its header is “{shown}”, expected {','.join(VOTES_HEADER[:6])}"


def _vote(fields: list[str], column: dict[str, int]) -> tuple[Vote | None, str | None]:
    def get(name: str, default: str = "") -> str:
        index = column.get(name)
        return fields[index] if index is not None and index < len(fields) else default

    if len(fields) < len(column):
        return None, f"{len(fields)} fields where the header has {len(column)}"
    time = get("timestamp").strip()
    try:
        parsed = datetime.fromisoformat(time.replace("Z", "+00:00"))
    except ValueError:
        return None, f"unreadable timestamp {time!r}"
    if parsed.tzinfo is None:
        return None, f"timestamp {time!r} has no time zone (expected UTC, ending in Z)"
    outcome = get("outcome").strip()
    if outcome not in OUTCOMES:
        return None, f"unknown outcome {outcome!r} (expected one of {', '.join(OUTCOMES)})"
    left, right = get("left"), get("right")
    if not left or not right:
        return None, "an empty path"
    if left == right:
        return None, f"an image compared with itself: {left!r}"
    return (
        Vote(
            time,
            left,
            right,
            outcome,
            get("strategy"),
            get("judge") or DEFAULT_JUDGE,
            get("question") or DEFAULT_QUESTION,
            get("set"),
        ),
        None,
    )
