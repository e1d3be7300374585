"""judges.csv: what the log says of each judge of a team (see `ranker.judges`), for people who
open it in a spreadsheet. Written with rankings.csv when the answers to the question shown
come from two judges or more.

Columns: `judge` (the name in votes.csv), `answers` (answers in force that say something),
`shared_pairs` (pairs this judge and another both stated a preference about), `agreement` (the
share of those preferences the other judges share), `repeats` (answers to a pair the judge had
answered before), `self_consistency` (the share of repeats that gave the same answer again),
`reliability` (the chance, fitted by the model, that the judge answers by the true order:
0.5 is a coin, and such a judge's answers move nothing). A share without anything to rest on
is empty. A judge's name is text, escaped against spreadsheet formulas as in rankings.csv.
"""

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..judges import JudgeRow
from .csv_rows import csv_lines, formula_safe, headed_rows, unescape
from .problems import Problem

JUDGES_HEADER = (
    "judge",
    "answers",
    "shared_pairs",
    "agreement",
    "repeats",
    "self_consistency",
    "reliability",
)


def judges_lines(judges: Iterable[JudgeRow]) -> Iterator[str]:
    """The file a line at a time."""
    records = (_record(j) for j in judges)
    return csv_lines(itertools.chain([list(JUDGES_HEADER)], records))


def _record(j: JudgeRow) -> list[str]:
    return [
        formula_safe(j.judge),
        str(j.answers),
        str(j.shared_pairs),
        _share(j.agreement),
        str(j.repeats),
        _share(j.self_consistency),
        _share(j.reliability),
    ]


def _share(value: float | None) -> str:
    return "" if value is None else repr(value)


@dataclass
class JudgesFile:
    judges: list[JudgeRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_judges(text: str) -> JudgesFile:
    """The rows a judges.csv holds (columns found by name), and what it could not use, by
    line. Never raises on bad content."""
    result = JudgesFile()
    headed = headed_rows(text, JUDGES_HEADER, "judges.csv")
    if isinstance(headed, Problem):
        result.problems.append(headed)
        return result
    width, column = headed.width, headed.column
    for row in headed.rows:
        if row.error or not row.complete or len(row.fields) != width:
            result.problems.append(Problem(row.line, "not a complete row of the header's fields"))
            continue
        judge, answers, shared, agreement, repeats, consistency, reliability = (
            row.fields[index] for index in column
        )
        try:
            result.judges.append(
                JudgeRow(
                    unescape(judge),
                    int(answers),
                    int(shared),
                    _read_share(agreement),
                    int(repeats),
                    _read_share(consistency),
                    _read_share(reliability),
                )
            )
        except ValueError as error:
            result.problems.append(Problem(row.line, f"not a number: {error}"))
    return result


def _read_share(text: str) -> float | None:
    return float(text) if text.strip() else None
