"""rankings.csv: the current standings, for people who open it in a spreadsheet.

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, tab or carriage return as a
formula, and a file name can start with any of them. Such text fields get a leading
apostrophe (OWASP's advice for CSV injection); so does text that already starts with one,
so reading strips exactly one and every name round-trips. Numbers are written as numbers.
"""

from dataclasses import dataclass

from ..ranker import Standing
from .csv_rows import rows, to_csv
from .problems import Problem

RANKINGS_HEADER = ("rank", "path", "score", "mu", "sigma", "comparisons", "wins", "losses", "draws")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def formula_safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def unescape(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def write_rankings(standings: list[Standing]) -> str:
    records = [list(RANKINGS_HEADER)]
    for s in standings:
        records.append(
            [
                str(s.rank),
                formula_safe(s.id),
                f"{s.score:.2f}",
                f"{s.mu:.4f}",
                f"{s.sigma:.4f}",
                str(s.comparisons),
                str(s.wins),
                str(s.losses),
                str(s.draws),
            ]
        )
    return to_csv(records)


@dataclass
class RankingsFile:
    standings: list[Standing]
    problems: list[Problem]


def read_rankings(text: str) -> RankingsFile:
    result = RankingsFile([], [])
    all_rows = rows(text.removeprefix("\ufeff"))
    first = next(all_rows, None)
    if first is None or tuple(first.fields) != RANKINGS_HEADER:
        result.problems.append(
            Problem(0, f"not a rankings.csv (expected {','.join(RANKINGS_HEADER)})")
        )
        return result
    for row in all_rows:
        if not row.complete or len(row.fields) != len(RANKINGS_HEADER):
            result.problems.append(Problem(row.line, "incomplete row"))
            continue
        rank, path, score, mu, sigma, comparisons, wins, losses, draws = row.fields
        try:
            result.standings.append(
                Standing(
                    int(rank),
                    unescape(path),
                    float(score),
                    float(mu),
                    float(sigma),
                    int(comparisons),
                    int(wins),
                    int(losses),
                    int(draws),
                )
            )
        except ValueError as error:
            result.problems.append(Problem(row.line, f"unreadable number: {error}"))
    return result
