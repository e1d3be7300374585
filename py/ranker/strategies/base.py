"""What a strategy sees of the ranker, and what it must provide."""

import heapq
from collections.abc import Callable
from dataclasses import dataclass, replace
from random import Random
from typing import Protocol

_SET_CANDIDATES = 64


@dataclass(frozen=True, slots=True)
class Beliefs:
    """The ranker's state as a strategy needs it, by item index.

    `active` lists the items that may be asked about; `mu` and `sigma` are the posteriors of
    all items, shared with the ratings (read them, never write); `blocked` holds pairs (as
    frozensets) that must not be asked now: the pair just answered, and pairs recently skipped;
    `uncompared` the active items without a win, loss or draw yet; `wins` and `losses` every
    item's tallies. With groups ("compare within each subfolder / prompt"), `group` gives each
    item's group number and `members` the active items of every group that has two or more:
    pairs never cross groups, and items alone in their group are not in `active`.
    """

    active: list[int]
    mu: list[float]
    sigma: list[float]
    uncompared: set[int]
    pair_counts: dict[frozenset[int], int]
    blocked: set[frozenset[int]]
    beta: float
    wins: list[int]
    losses: list[int]
    group: list[int] | None = None
    members: list[list[int]] | None = None

    def same_group(self, i: int, j: int) -> bool:
        return self.group is None or self.group[i] == self.group[j]

    def members_of(self, i: int) -> list[int]:
        """The active items of i's group (all active items without groups)."""
        if self.members is None or self.group is None:
            return self.active
        return next(m for m in self.members if self.group[m[0]] == self.group[i])


class Strategy(Protocol):
    name: str

    def choose(self, beliefs: Beliefs, rng: Random) -> tuple[int, int] | None:
        """Two distinct active items to ask about next, or None if no pair is allowed."""
        ...

    def choose_set(self, beliefs: Beliefs, rng: Random, k: int) -> tuple[int, ...] | None:
        """Up to k distinct active items of one group to show at once, or None."""
        ...


def grow_set(
    beliefs: Beliefs,
    pair: tuple[int, int] | None,
    k: int,
    value: Callable[[int, int], float],
) -> tuple[int, ...] | None:
    """Adds to `pair` the items of its group that add the most `value` (summed over the
    items already chosen), one at a time, until there are k. Only the items nearest the pair
    in mean are scored: far ones cannot be misordered with it, and a large folder stays
    cheap. An item that would put a blocked pair in the set (one just answered or skipped)
    is taken only when no other is left, so a skipped set does not come straight back."""
    if pair is None:
        return None
    chosen = list(pair)
    mu, blocked = beliefs.mu, beliefs.blocked
    centre = (mu[pair[0]] + mu[pair[1]]) / 2.0
    group = heapq.nsmallest(
        _SET_CANDIDATES, beliefs.members_of(pair[0]), key=lambda i: abs(mu[i] - centre)
    )
    while len(chosen) < k:
        best, best_rank = None, (False, -1.0)
        for i in group:
            if i not in chosen:
                repeats = any(frozenset((i, j)) in blocked for j in chosen)
                rank = (not repeats, sum(value(i, j) for j in chosen))
                if rank > best_rank:
                    best, best_rank = i, rank
        if best is None:
            break
        chosen.append(best)
    return tuple(chosen)


def one_group(beliefs: Beliefs, rng: Random) -> Beliefs:
    """The beliefs restricted to one group, drawn in proportion to its number of pairs, so
    that a strategy written for a single ranking spreads its questions like uniform pairs
    would across groups. Without groups, the beliefs as they are."""
    if beliefs.members is None:
        return beliefs
    weights = [len(m) * (len(m) - 1) for m in beliefs.members]
    return one_group_of(beliefs, rng.choices(beliefs.members, weights)[0])


def one_group_of(beliefs: Beliefs, members: list[int]) -> Beliefs:
    inside = set(members)
    return replace(
        beliefs, active=members, uncompared=beliefs.uncompared & inside, group=None, members=None
    )


def any_allowed_pair(beliefs: Beliefs, rng: Random) -> tuple[int, int] | None:
    """A uniformly random allowed pair, or None when every pair is blocked."""
    if beliefs.members is not None:
        groups = list(beliefs.members)
        while groups:
            weights = [len(m) * (len(m) - 1) for m in groups]
            chosen = rng.choices(range(len(groups)), weights)[0]
            pair = any_allowed_pair(one_group_of(beliefs, groups[chosen]), rng)
            if pair is not None:
                return pair
            del groups[chosen]
        return None
    active = beliefs.active
    n = len(active)
    if n < 2:
        return None
    for _ in range(64):
        i, j = rng.sample(active, 2)
        if frozenset((i, j)) not in beliefs.blocked:
            return i, j
    allowed = [
        (i, j)
        for x, i in enumerate(active)
        for j in active[x + 1 :]
        if frozenset((i, j)) not in beliefs.blocked
    ]
    return rng.choice(allowed) if allowed else None
