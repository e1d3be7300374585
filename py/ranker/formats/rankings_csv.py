"""rankings.csv: the current standings, best first, for people who open it in a spreadsheet.

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, tab, carriage return or NUL
as a formula (OWASP's CSV injection; ASVS 1.2.10), and a file name can start with any of
them. Such a path is written with a leading apostrophe, which spreadsheets show as text and
hide (see `csv_rows.formula_safe`), and reads back as it was. An image kept apart from the
ranks (one the browser could never show: `unshown.set_apart`) has an empty rank and comes
after the ranked ones. Only the path is text: the other
columns are numbers, written as Python writes them (the shortest text that reads back as the
same float), so a negative mu such as -3.2 is a number to a spreadsheet too, not a formula.
"""

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..ranker import Standing
from .csv_rows import csv_lines, formula_safe, headed_rows, unescape
from .problems import Problem

RANKINGS_HEADER = ("rank", "path", "score", "mu", "sigma", "comparisons", "wins", "losses", "draws")


def write_rankings(standings: Iterable[Standing]) -> str:
    """The whole file, in the order given (the engine's standings are best first)."""
    return "".join(rankings_lines(standings))


def rankings_lines(standings: Iterable[Standing]) -> Iterator[str]:
    """The file a line at a time, made as it is read: a page joins the lines between frames
    (at 10,000 images the whole file at once would hold a frame)."""
    records = (_record(s) for s in standings)
    return csv_lines(itertools.chain([list(RANKINGS_HEADER)], records))


def _record(s: Standing) -> list[str]:
    numbers = (s.score, s.mu, s.sigma, s.comparisons, s.wins, s.losses, s.draws)
    rank = "" if s.rank is None else str(s.rank)
    return [rank, formula_safe(s.id), *map(repr, numbers)]


@dataclass
class RankingsFile:
    standings: list[Standing] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_rankings(text: str) -> RankingsFile:
    """The standings a rankings.csv holds (columns found by name), and what it could not
    use, by line. Never raises on bad content."""
    result = RankingsFile()
    headed = headed_rows(text, RANKINGS_HEADER, "rankings.csv")
    if isinstance(headed, Problem):
        result.problems.append(headed)
        return result
    width, column = headed.width, headed.column
    for row in headed.rows:
        if row.error:
            result.problems.append(Problem(row.line, f"not a CSV row: {row.error}"))
        elif not row.complete:
            result.problems.append(Problem(row.line, "the file ends in the middle of this row"))
        elif not any(cell.strip() for cell in row.fields):
            continue
        elif len(row.fields) != width:
            result.problems.append(
                Problem(row.line, f"{len(row.fields)} fields where the header has {width}")
            )
        else:
            rank, path, *numbers = (row.fields[index] for index in column)
            try:
                score, mu, sigma = (float(number) for number in numbers[:3])
                counts = [int(number) for number in numbers[3:]]
                place = int(rank) if rank.strip() else None
                standing = Standing(place, unescape(path), score, mu, sigma, *counts)
            except ValueError as error:
                result.problems.append(Problem(row.line, f"not a number: {error}"))
            else:
                result.standings.append(standing)
    return result
