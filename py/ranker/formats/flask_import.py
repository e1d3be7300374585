"""The original Flask app's comparison history (`comparisons.csv`,
`comparisons_autosave_<date>.csv`): header `Winner,Loser`, its paths (absolute, POSIX or
Windows), and `None,<path>` rows for images the person removed.

Every row becomes a row of the log, with its paths as the file wrote them (`original_paths`
matches them to the folder's images each time the folder is opened): a comparison as a vote
the winner (`left`) won, a `None` row as a `remove` of its image (`ranker.removals`). So rows
whose images are not in the folder are kept, and count once the images are here. Every row
keeps its place and its duplicates (the original app's own import lost both).

The file has no times. Row i (0-based, counting every row after the header) gets
`base + i` milliseconds, by default from 1970-01-01T00:00:00.000Z: the rows keep their
order, sort before any real answer, and importing the same history twice (or an autosave
that extends an earlier one) gives identical rows, which a merge counts once."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from ..log import LEFT, REMOVE, Vote
from .csv_rows import Row, rows
from .original_paths import IMPORTED, PathResolver
from .problems import Problem

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NONE = "None"


@dataclass
class FlaskImport:
    """`votes`: one per readable row, in file order, paths as written. `removed`: the paths
    its `None` rows remove, each once. `unmatched` / `ambiguous`: the paths (as written in the
    file, each once) that match no image / several images of `items` now: their rows are kept
    all the same. `left_out`: rows not turned into votes (not two cells, or an image against
    itself). `problems`: rows that could not be read, by line."""

    votes: list[Vote] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    left_out: int = 0
    problems: list[Problem] = field(default_factory=list)


def is_flask_history(text: str) -> bool:
    """Whether a file is the original app's history: its header's first two cells say Winner
    and Loser, in any case, quoted or with spaces around them (as a spreadsheet that saved it
    again may write them)."""
    return _header_names(next(rows(text), None))[:2] == ["winner", "loser"]


def is_flask_autosave(path: str) -> bool:
    """The original app's own history, as it saves it beside the images it ranks."""
    name = path.rsplit("/", 1)[-1]
    return name.startswith("comparisons_autosave") and name.lower().endswith(".csv")


def _header_names(header: Row | None) -> list[str]:
    if header is None:
        return []
    return [
        name.removeprefix("\ufeff").strip().strip('"').strip().lower() for name in header.fields
    ]


def import_flask_history(
    text: str, items: Iterable[str], judge: str = IMPORTED, base: datetime = EPOCH
) -> FlaskImport:
    result = FlaskImport()
    all_rows = rows(text)
    names = _header_names(next(all_rows, None))
    if names[:2] != ["winner", "loser"]:
        result.problems.append(Problem(0, "not the original app's history (header Winner,Loser)"))
        return result
    resolver = PathResolver(items)
    for index, row in enumerate(all_rows):
        if row.error or row.unclosed or len(row.fields) < 2:
            if row.fields or row.error or row.unclosed:
                result.problems.append(Problem(row.line, "not a Winner,Loser row"))
                result.left_out += 1
            continue
        winner, loser = row.fields[:2]
        removal = winner.strip() == _NONE
        if not loser or loser == winner or (not removal and not winner):
            result.left_out += 1
            continue
        time = (base + timedelta(milliseconds=index)).astimezone(UTC)
        stamp = time.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        if removal:
            vote = Vote(stamp, loser, "", REMOVE, IMPORTED, judge)
            if loser not in result.removed:
                result.removed.append(loser)
        else:
            vote = Vote(stamp, winner, loser, LEFT, IMPORTED, judge)
        result.votes.append(vote)
        resolver.vote(vote)
    result.unmatched = resolver.unmatched
    result.ambiguous = resolver.ambiguous
    return result
