"""Repeat questions: in a team, about 3% of the questions ask a judge again a pair they already
decided, later, among other questions, so that they do not notice. The repeat is an ordinary
answer in the log; the same pair answered twice by the same judge is what self-consistency is
counted from (see `judges`).

A repeat is never back to back: the pair was answered at least `GAP` of the judge's answers
ago, and the judge's previous answer was not itself a repeat. Each pair is repeated once.
"""

from collections.abc import Callable, Iterable
from random import Random

RATE = 0.03
GAP = 10


def repeat_pair(
    history: Iterable[tuple[str, frozenset[int], bool]],
    judge: str,
    allowed: Callable[[frozenset[int]], bool],
    rng: Random,
) -> frozenset[int] | None:
    """A pair to ask `judge` again, or None (most of the time). `history` holds the answers in
    force in log order, as (judge, pair, decided), read only when the coin says repeat;
    decided answers (a preference) can be repeated; `allowed` says whether a pair may be
    asked now (its images shown, not blocked).
    O(answers) when the coin says repeat (one question in 33), O(1) otherwise."""
    if rng.random() >= RATE:
        return None
    own = [(pair, decided) for who, pair, decided in history if who == judge]
    times: dict[frozenset[int], int] = {}
    for pair, _ in own:
        times[pair] = times.get(pair, 0) + 1
    if own and times[own[-1][0]] > 1:
        return None  # the judge's previous answer was a repeat
    candidates = sorted(
        (
            pair
            for pair, decided in own[: len(own) - GAP]
            if decided and times[pair] == 1 and allowed(pair)
        ),
        key=sorted,
    )
    return rng.choice(candidates) if candidates else None
