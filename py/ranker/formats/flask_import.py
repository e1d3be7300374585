"""The original Flask app's comparison history (`comparisons.csv`,
`comparisons_autosave_<date>.csv`): header `Winner,Loser`, absolute paths (POSIX or Windows),
and `None,<path>` rows for images the person removed.

Its paths are matched to this folder's relative paths by the longest common suffix of path
components, so the folder may have moved, or been chosen one level up or down, since: the
image whose path shares the most trailing components wins; case-sensitive agreement counts
first and case-insensitive agreement breaks ties (the file name must agree at least without
case); a tie between images is ambiguous and matches nothing. Every row keeps its place and
its duplicates (the original app's own import lost both).

The file has no times. Row i (0-based, counting every row after the header) gets
`base + i` milliseconds, by default from 1970-01-01T00:00:00.000Z: the rows keep their
order, sort before any real answer, and importing the same history twice (or an autosave
that extends an earlier one) gives identical rows, which a merge counts once."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from ..log import LEFT, Vote
from .csv_rows import Row, rows
from .problems import Problem

IMPORTED = "imported"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SEPARATORS = re.compile(r"[\\/]")


@dataclass
class FlaskImport:
    """`votes`: one per comparison whose two images were found, in file order. `removed`: the
    images its `None` rows removed. `unmatched` / `ambiguous`: the paths (as written in the
    file, each once) that matched no image / several. `left_out`: comparison rows not turned
    into votes. `problems`: rows that could not be read, by line."""

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
    matcher = _SuffixMatcher(items, result)
    for index, row in enumerate(all_rows):
        if row.error or row.unclosed or len(row.fields) < 2:
            if row.fields or row.error or row.unclosed:
                result.problems.append(Problem(row.line, "not a Winner,Loser row"))
                result.left_out += 1
            continue
        winner, loser = (matcher.match(path) for path in row.fields[:2])
        if row.fields[0].strip() == "None":
            if loser is not None and loser not in result.removed:
                result.removed.append(loser)
            continue
        if winner is None or loser is None or winner == loser:
            result.left_out += 1
            continue
        time = (base + timedelta(milliseconds=index)).astimezone(UTC)
        stamp = time.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        result.votes.append(Vote(stamp, winner, loser, LEFT, IMPORTED, judge))
    return result


class _SuffixMatcher:
    def __init__(self, items: Iterable[str], result: FlaskImport) -> None:
        self._by_name: dict[str, list[tuple[str, list[str]]]] = {}
        for item in items:
            parts = item.split("/")
            self._by_name.setdefault(parts[-1].lower(), []).append((item, parts))
        self._found: dict[str, str | None] = {"None": None}
        self._result = result

    def match(self, path: str) -> str | None:
        if path not in self._found:
            self._found[path] = self._best(path)
        return self._found[path]

    def _best(self, path: str) -> str | None:
        parts = [part for part in _SEPARATORS.split(path) if part]
        scored = sorted(
            (
                (
                    _common_suffix(parts, item_parts, str),
                    _common_suffix(parts, item_parts, str.lower),
                ),
                item,
            )
            for item, item_parts in self._by_name.get(parts[-1].lower() if parts else "", [])
        )
        if not scored:
            self._result.unmatched.append(path)
            return None
        if len(scored) > 1 and scored[-1][0] == scored[-2][0]:
            self._result.ambiguous.append(path)
            return None
        return scored[-1][1]


def _common_suffix(a: list[str], b: list[str], key) -> int:
    count = 0
    while count < min(len(a), len(b)) and key(a[-1 - count]) == key(b[-1 - count]):
        count += 1
    return count
