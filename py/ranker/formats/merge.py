"""Bringing another person's votes.csv into this folder's log, and how much judges agree."""

from collections.abc import Iterable
from itertools import combinations

from ..log import DRAW, LEFT, RIGHT, Vote
from .preferences import answers_in_force


def merge_votes(ours: list[Vote], theirs: Iterable[Vote]) -> list[Vote]:
    """Their rows that are not already in our log (a row identical in every field, time
    included, is the same answer), in their order: appended, our log stays as it was."""
    seen = set(ours)
    new = []
    for vote in theirs:
        if vote not in seen:
            seen.add(vote)
            new.append(vote)
    return new


def judge_agreement(votes: Iterable[Vote]) -> dict[tuple[str, str], tuple[int, int]]:
    """For each two judges: (pairs both answered decisively, pairs where they agree), each
    judge's latest answer about a pair counting."""
    latest: dict[str, dict[frozenset[str], str | None]] = {}
    for answer in answers_in_force(votes):
        for vote in answer:
            if vote.outcome in (LEFT, RIGHT, DRAW):
                winner = None if vote.outcome == DRAW else vote.winner
                latest.setdefault(vote.judge, {})[frozenset((vote.left, vote.right))] = winner
    result = {}
    for a, b in combinations(sorted(latest), 2):
        shared = latest[a].keys() & latest[b].keys()
        decided = [p for p in shared if latest[a][p] is not None and latest[b][p] is not None]
        agree = sum(latest[a][p] == latest[b][p] for p in decided)
        result[(a, b)] = (len(decided), agree)
    return result
