"""The original Flask app's comparison history (`comparisons.csv`,
`comparisons_autosave_<date>.csv`): header `Winner,Loser`, absolute paths, and `None,<path>`
rows for images the person removed. Its paths are matched to this folder's relative paths by
the longest common suffix of path components, so the folder may have moved since; every row
keeps its place and its duplicates (the original app's own import lost both)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from ..log import DEFAULT_JUDGE, LEFT, Vote
from .csv_rows import rows
from .problems import Problem

IMPORTED = "flask-import"


@dataclass
class FlaskImport:
    votes: list[Vote] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def import_flask_history(
    text: str, items: Iterable[str], judge: str = DEFAULT_JUDGE, now: datetime | None = None
) -> FlaskImport:
    """Votes for the rows whose two paths match images of the folder. The file has no times:
    the rows get the import's time plus one millisecond per row, which keeps their order."""
    result = FlaskImport()
    matcher = _SuffixMatcher(items)
    start = (now or datetime.now(UTC)).replace(microsecond=0)
    all_rows = rows(text.removeprefix("\ufeff"))
    header = next(all_rows, None)
    if header is None or [f.strip().lower() for f in header.fields[:2]] != ["winner", "loser"]:
        result.problems.append(Problem(0, "not the original app's history (header Winner,Loser)"))
        return result
    for index, row in enumerate(all_rows):
        if not row.complete or len(row.fields) < 2:
            result.problems.append(Problem(row.line, "incomplete row"))
            continue
        winner, loser = row.fields[0].strip(), row.fields[1].strip()
        if winner == "None":
            match = matcher.match(loser, result)
            if match:
                result.removed.append(match)
            continue
        left, right = matcher.match(winner, result), matcher.match(loser, result)
        if left is None or right is None or left == right:
            if left is not None and left == right:
                result.problems.append(Problem(row.line, "an image compared with itself"))
            continue
        stamp = start + timedelta(milliseconds=index)
        time = stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        result.votes.append(Vote(time, left, right, LEFT, IMPORTED, judge))
    return result


class _SuffixMatcher:
    def __init__(self, items: Iterable[str]) -> None:
        self._by_name: dict[str, list[tuple[str, list[str]]]] = {}
        for item in items:
            parts = item.split("/")
            self._by_name.setdefault(parts[-1].lower(), []).append((item, parts))
        self._cache: dict[str, str | None] = {}

    def match(self, path: str, result: FlaskImport) -> str | None:
        if path in self._cache:
            return self._cache[path]
        parts = [p for p in re.split(r"[\\/]", path) if p]
        found = self._best(parts) if parts else None
        if found is _AMBIGUOUS:
            result.ambiguous.append(path)
            found = None
        elif found is None:
            result.unmatched.append(path)
        self._cache[path] = found
        return found

    def _best(self, parts: list[str]):
        candidates = self._by_name.get(parts[-1].lower(), [])
        scored = []
        for item, item_parts in candidates:
            exact = _common_suffix(parts, item_parts, str)
            folded = _common_suffix(parts, item_parts, str.lower)
            scored.append(((exact == len(item_parts), folded, exact), item))
        if not scored:
            return None
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            return _AMBIGUOUS
        return scored[0][1]


_AMBIGUOUS = object()


def _common_suffix(a: list[str], b: list[str], key) -> int:
    count = 0
    while count < min(len(a), len(b)) and key(a[-1 - count]) == key(b[-1 - count]):
        count += 1
    return count
