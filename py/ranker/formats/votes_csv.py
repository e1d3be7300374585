"""votes.csv: the append-only log of every answer, the source of truth of a folder's ranking.

Header `timestamp,left,right,outcome,judge,strategy`, exactly, for as long as the answers
need nothing more. Two columns are appended when an answer needs them, and only then:
`question` (the question asked, when it is not the default one) and `set` (for the pairs one
answer about several images implies, its kind, e.g. "best of 4"). A log without them reads
as the default question and pair answers. `device` and `id` (which device wrote the row, and
the row's random id: `ranker.log.Vote`) are appended together once a row has them; a row
without them (written before devices) reads with both empty. Columns are found by name, so
a file with its columns in another order, or with columns this version does not know, reads
too.

The text is kept exactly as written (a timestamp is not normalised), so reading a file and
writing its votes again gives the same rows. A cell a spreadsheet would run as a formula (a
path, judge or question starting with `=`, `+`, `-`, `@`, ...) is written with a leading
apostrophe that reading takes off again (`csv_rows.formula_safe`).

Besides answers, the log holds the images the person took out of the ranking: a `remove` or
`restore` row names one image, in `left`, with `right` empty; an `undo` row with `right` empty
takes back its judge's latest remove or restore (`ranker.removals`). A version before these
rows reports them as rows it cannot use and keeps them."""

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter

from ..log import DEFAULT_JUDGE, DEFAULT_QUESTION, OUTCOMES, REMOVE, RESTORE, UNDO, Vote
from .csv_rows import Row, formula_safe, rows, to_csv, unescape
from .in_force import replay
from .problems import Problem
from .rankings_csv import RANKINGS_HEADER

VOTES_HEADER = ("timestamp", "left", "right", "outcome", "judge", "strategy")
OPTIONAL_COLUMNS = ("question", "set", "device", "id")
_BOM = "\ufeff"
_NOT_TEXT = re.compile("[\ud800-\udfff]")  # where bytes that are not UTF-8 were decoded


@dataclass
class VotesFile:
    """A votes.csv as read. `votes`: the rows it could use, in file order, undo rows that
    could not be replayed left out. `problems`: what it could not use, by line.

    `header`: its columns, or None when the file is not a votes log at all. `appendable`:
    whether rows may be appended to the file. `complete_chars` characters (`complete_bytes` in
    UTF-8) of the text read end its last complete row; a row the file ends in the middle of is
    left out of `votes` and reported, and `in_quote` says it ends inside a quoted field (a
    line break appended there would not end it). When `appendable` is False (not a votes
    log, or a quote opened in the middle of the file that is never closed, which would
    swallow every row appended after it) the file must be kept as it is and a new log started
    beside it."""

    votes: list[Vote] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    header: tuple[str, ...] | None = VOTES_HEADER
    complete_chars: int = 0
    complete_bytes: int = 0
    appendable: bool = True
    in_quote: bool = False

    @property
    def judges(self) -> list[str]:
        return sorted({vote.judge for vote in self.votes})


def votes_header(votes: Iterable[Vote], header: tuple[str, ...] = VOTES_HEADER) -> tuple[str, ...]:
    """`header`, with the optional columns these votes need and it lacks appended."""
    needed = set()
    for vote in votes:
        if vote.question != DEFAULT_QUESTION:
            needed.add("question")
        if vote.set_kind:
            needed.add("set")
        if vote.device or vote.id:
            needed.update(("device", "id"))
    present = _normalised(header)
    return tuple(header) + tuple(
        name for name in OPTIONAL_COLUMNS if name in needed and name not in present
    )


def fits(votes: Iterable[Vote], header: tuple[str, ...]) -> bool:
    """Whether rows appended to a file with this header hold every field of these votes."""
    return votes_header(votes, header) == tuple(header)


def write_votes(votes: list[Vote]) -> str:
    """A whole votes.csv: the header these votes need, then one row per vote."""
    header = votes_header(votes)
    return to_csv([list(header)]) + format_votes(votes, header)


class GrowingVotesCsv:
    """`write_votes` of a list of votes that only grows, formatting only the votes added since
    the last call. A tab that cannot write the folder (no folder access in this browser, or
    another tab writes it) keeps every answer in its journal, rewritten at each answer: all
    of it formatted anew would grow the answer's own task with every answer given."""

    def __init__(self) -> None:
        self._header: tuple[str, ...] = ()
        self._text = ""
        self._count = 0

    def text(self, votes: list[Vote]) -> str:
        """`write_votes(votes)`, for votes that begin with those of the last call."""
        new = votes[self._count :]
        if not self._text or not fits(new, self._header):  # the first, or a wider header
            self._header = votes_header(votes)
            self._text, new = to_csv([list(self._header)]), votes
        if new:
            self._text += format_votes(new, self._header)
        self._count = len(votes)
        return self._text


def format_votes(votes: list[Vote], header: tuple[str, ...] = VOTES_HEADER) -> str:
    """The rows to append to a file with `header`, one column per name in it ("" for a name
    this version does not know). Raises ValueError when the header cannot hold a field of the
    votes (see `fits`): a field is never dropped silently."""
    if not fits(votes, header):
        raise ValueError(f"a votes.csv with columns {','.join(header)} cannot hold these votes")
    names = _normalised(header)
    return to_csv([[formula_safe(_field(vote, name)) for name in names] for vote in votes])


def _field(vote: Vote, name: str) -> str:
    values = {
        "timestamp": vote.time,
        "left": vote.left,
        "right": vote.right,
        "outcome": vote.outcome,
        "judge": vote.judge,
        "strategy": vote.strategy,
        "question": vote.question,
        "set": vote.set_kind,
        "device": vote.device,
        "id": vote.id,
    }
    return values.get(name, "")


def _normalised(header: Iterable[str]) -> tuple[str, ...]:
    return tuple(name.removeprefix(_BOM).strip().lower() for name in header)


def read_votes(data: str | bytes, fragment: bool = False) -> VotesFile:
    """Every usable row of a votes.csv; never raises on bad content.

    Give it the file's bytes: then `complete_bytes` counts exactly the bytes on disk, a byte
    order mark and bytes that are not UTF-8 included (a browser's `Blob.text()` drops the
    one and replaces the others, which would move the append point). Text is read too, for
    files that are known to be clean UTF-8 without a byte order mark.

    With `fragment`, the text is only a part of a log (the page's journal of answers not yet
    on disk): an undo row in it may take back an answer the file already holds, so undo rows
    are kept for the replay of the whole log to judge instead of being left out here."""
    if isinstance(data, bytes):
        text, errors = data.decode("utf-8", "surrogateescape"), "surrogateescape"
    else:
        text, errors = data, "surrogatepass"
    result = VotesFile()
    all_rows = rows(text)
    first = next((row for row in all_rows if not _blank(row)), None)
    if first is None:
        return result
    names = _normalised(first.fields)
    message = _foreign(names)
    if message is None:
        result.header = tuple(name.removeprefix(_BOM).strip() for name in first.fields)
        result.complete_chars = first.end if first.complete else 0
    elif _headerless(first):
        result.problems.append(
            Problem(first.line, f"no header line: read as {','.join(VOTES_HEADER)}")
        )
        all_rows, names = itertools.chain([first], all_rows), VOTES_HEADER
    else:
        result.problems.append(Problem(0, message))
        result.header, result.appendable = None, False
        return result
    check_text = _NOT_TEXT.search(text) is not None
    _read_rows(all_rows, names, result, check_text=check_text, fragment=fragment)
    result.complete_bytes = len(text[: result.complete_chars].encode("utf-8", errors))
    return result


def _read_rows(
    all_rows: Iterator[Row],
    names: tuple[str, ...],
    out: VotesFile,
    check_text: bool,
    fragment: bool,
) -> None:
    cells_of = _vote_cells(names)
    found: list[tuple[Vote, int]] = []
    cut: Row | None = None  # the first row the file ends in the middle of
    after_cut = False  # complete rows after it: a quote opened mid-file, never closed
    tail_problems: list[Problem] = []
    for row in all_rows:
        if not row.complete or row.unclosed:
            if cut is None:
                cut, out.complete_chars = row, row.start
            else:
                tail_problems.append(Problem(row.line, "the file ends in the middle of this row"))
            continue
        if cut is None:
            out.complete_chars = row.end
        else:
            after_cut = True
        if _blank(row):
            continue
        problem: str | None
        if row.error:
            problem = f"not a CSV row: {row.error}"
        elif check_text and any(_NOT_TEXT.search(cell) for cell in row.fields):
            problem = "bytes that are not UTF-8 text"
        elif len(row.fields) != len(names):
            problem = f"{len(row.fields)} fields where the header has {len(names)}"
        else:
            vote, problem = _vote(cells_of(row.fields))
            if vote is not None:
                found.append((vote, row.line))
                continue
        out.problems.append(Problem(row.line, problem or "not a vote"))
    if cut is not None:
        out.problems.append(Problem(cut.line, _cut_message(cut, after_cut)))
        out.in_quote = cut.unclosed
    if after_cut:
        out.problems.extend(tail_problems)
        out.appendable = False
    line_of = {id(vote): line for vote, line in found}
    stray = [] if fragment else replay(vote for vote, _ in found).stray_undos
    for vote, reason in stray:
        out.problems.append(Problem(line_of[id(vote)], f"an undo that cannot apply: {reason}"))
    left_out = {id(vote) for vote, _ in stray}
    out.votes = [vote for vote, _ in found if id(vote) not in left_out]
    out.problems.sort(key=lambda problem: problem.line)


def _cut_message(cut: Row, after_cut: bool) -> str:
    if after_cut:
        return (
            "a quote opened on this line is never closed: the lines after it were read on "
            "their own, and new answers cannot be appended to this file"
        )
    if cut.unclosed:
        return "the file ends inside a quoted field of this row: the row is left out"
    return "the file ends in the middle of this row (no line break after it): it is left out"


def _blank(row: Row) -> bool:
    return row.complete and not row.error and not any(f.strip() for f in row.fields)


def _headerless(first: Row) -> bool:
    """A log someone wrote without the header line: its first row reads as a vote."""
    if not first.complete or first.error or len(first.fields) != len(VOTES_HEADER):
        return False
    return _vote(_vote_cells(VOTES_HEADER)(first.fields))[0] is not None


def _foreign(names: tuple[str, ...]) -> str | None:
    if all(name in names for name in VOTES_HEADER):
        doubled = sorted({name for name in VOTES_HEADER if names.count(name) > 1})
        return f"the header names {', '.join(doubled)} twice: not a votes log" if doubled else None
    if names[: len(RANKINGS_HEADER)] == RANKINGS_HEADER:
        return "this is a rankings.csv, not a votes log"
    if names[:2] == ("winner", "loser"):
        return (
            "this is the original Image Ranker's comparison history (Winner,Loser), not a "
            "votes log: bring it in with Import votes"
        )
    shown = ",".join(names)[:80]
    return f"not a votes log: its header is “{shown}”, expected {','.join(VOTES_HEADER)}"


_VOTE_CELLS = (
    "timestamp",
    "outcome",
    "left",
    "right",
    "strategy",
    "judge",
    "question",
    "set",
    "device",
    "id",
)


def _vote_cells(names: tuple[str, ...]) -> Callable[[list[str]], tuple[str, ...]]:
    """The cells of a row that make a vote, in `_vote`'s order. The columns are looked up
    once per file, not by name for every cell of every row: a long log has tens of thousands
    of rows. A column the header lacks (an optional one) reads as empty."""
    column = {name: index for index, name in enumerate(names)}
    empty = len(names)  # a missing column is read from an empty cell put after the row's own
    at = [column.get(name, empty) for name in _VOTE_CELLS]
    cells = itemgetter(*at)
    if empty not in at:
        return cells
    return lambda fields: cells([*fields, ""])


def _vote(cells: tuple[str, ...]) -> tuple[Vote | None, str | None]:
    time, outcome, left, right, strategy, judge, question, set_kind, device, id_ = cells
    time = time.strip()
    try:
        parsed = datetime.fromisoformat(time.replace("Z", "+00:00"))
    except ValueError:
        return None, f"unreadable timestamp {time!r} (expected ISO 8601 UTC)"
    if parsed.tzinfo is None:
        return None, f"timestamp {time!r} has no time zone (expected UTC, ending in Z)"
    outcome = outcome.strip()
    if outcome not in OUTCOMES:
        return None, f"unknown outcome {outcome!r} (expected one of {', '.join(OUTCOMES)})"
    texts = (left, right, strategy, judge, question, set_kind)
    if "'" in (left[:1], right[:1], strategy[:1], judge[:1], question[:1], set_kind[:1]):
        left, right, strategy, judge, question, set_kind = map(unescape, texts)
    if outcome in (REMOVE, RESTORE) and right:
        return None, f"a {outcome} row names one image, in left (right is empty)"
    if not left or not (right or outcome in (REMOVE, RESTORE, UNDO)):
        return None, "an empty path"
    if left == right:
        return None, f"an image compared with itself: {left!r}"
    vote = Vote(
        time,
        left,
        right,
        outcome,
        strategy,
        judge or DEFAULT_JUDGE,
        question or DEFAULT_QUESTION,
        set_kind,
        unescape(device),
        unescape(id_),
    )
    return vote, None
