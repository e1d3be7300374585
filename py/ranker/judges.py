"""What the log says of each judge in a team: how much they answered, how often they agree with
the others, and with themselves when a pair comes back (see `repeats`).

Everything here is counted from the answers in force (undone ones are left out, skips say
nothing). A set answer counts once as an answer, and each pair it implies is a verdict on that
pair, as a pair answer is. For self-consistency "equal" is a verdict like the others; for
agreement a judge's latest preference about a pair counts, and a draw is no preference, as in
the agreement the page notes on importing a log (`formats.merge.judge_agreement`).
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .log import DRAW, LEFT, RIGHT, Vote

_EQUAL = ""


@dataclass(frozen=True, slots=True)
class JudgeRow:
    """One judge. `shared_pairs`: pairs about which this judge and at least one other stated
    a preference; `agreement`: the share of (this judge, other judge) preferences on those
    pairs that are the same, None without any; `repeats`: answers to a pair the judge had
    answered before; `self_consistency`: the share of those that repeat the judge's previous answer, None
    without repeats; `reliability`: the eta the model fitted (the chance the judge answers by
    the true order), None when the model does not weigh judges (a judge alone)."""

    judge: str
    answers: int
    shared_pairs: int
    agreement: float | None
    repeats: int
    self_consistency: float | None
    reliability: float | None


def judge_rows(
    answers: Iterable[Sequence[Vote]], reliability: Mapping[str, float] | None = None
) -> list[JudgeRow]:
    """The judges of `answers` (each one answer's rows, in log order), most answers first."""
    counts: Counter[str] = Counter()
    verdicts: dict[str, dict[frozenset[str], list[str]]] = {}
    for answer in answers:
        decided = [row for row in answer if row.outcome in (LEFT, RIGHT, DRAW)]
        if not decided:
            continue
        judge = decided[0].judge
        counts[judge] += 1
        by_pair = verdicts.setdefault(judge, {})
        for row in decided:
            by_pair.setdefault(frozenset((row.left, row.right)), []).append(row.winner or _EQUAL)
    preferred: dict[frozenset[str], dict[str, str]] = {}  # pair -> judge -> preference
    for judge, pairs in verdicts.items():
        for pair, given in pairs.items():
            if preference := _preference(given):
                preferred.setdefault(pair, {})[judge] = preference
    table = []
    for judge, pairs in verdicts.items():
        repeats = consistent = shared = couples = agreeing = 0
        for pair, given in pairs.items():
            repeats += len(given) - 1
            consistent += sum(a == b for a, b in zip(given, given[1:]))
            by_judge = preferred.get(pair, {})
            mine = by_judge.get(judge)
            if mine and len(by_judge) > 1:
                shared += 1
                couples += len(by_judge) - 1
                agreeing += sum(v == mine for other, v in by_judge.items() if other != judge)
        table.append(
            JudgeRow(
                judge,
                counts[judge],
                shared,
                agreeing / couples if couples else None,
                repeats,
                consistent / repeats if repeats else None,
                (reliability or {}).get(judge),
            )
        )
    table.sort(key=lambda row: (-row.answers, row.judge))
    return table


def _preference(given: list[str]) -> str:
    """The latest image preferred, "" if the judge only said "equal"."""
    return next((v for v in reversed(given) if v != _EQUAL), _EQUAL)


JUDGE_COLUMNS = ("Judge", "Answers", "Agreement", "Self-consistency", "Reliability")


def judge_cells(row: JudgeRow) -> tuple[str, ...]:
    """The row as the page's judges table shows it (`JUDGE_COLUMNS`): each share with the
    count it rests on, so 100% of 2 is not read as 100% of 200; "–" for nothing to go on."""
    agreement = (
        "–" if row.agreement is None else f"{row.agreement:.0%} of {_pairs(row.shared_pairs)}"
    )
    consistency = (
        "–"
        if row.self_consistency is None
        else f"{row.self_consistency:.0%} of {_plural(row.repeats, 'repeat')}"
    )
    reliability = "–" if row.reliability is None else f"{row.reliability:.2f}"
    return (row.judge, f"{row.answers:,}", agreement, consistency, reliability)


def _pairs(count: int) -> str:
    return _plural(count, "shared pair")


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"
