"""Bringing another person's votes.csv into this folder's log ("Import votes"), and how often
judges agree.

Merging appends: their rows that our log lacks go after ours, in their order, so the file
only grows and each judge's rows keep the order they were given in. That order is what undo
rows need (an undo takes back the latest answer in force of its own judge and question), and
ratings do not depend on the order of answers, so nothing is gained by sorting by time. Two
people who both kept the default judge name "me" are one judge to the log: give judges
distinct names before merging."""

from collections.abc import Callable, Iterable
from itertools import combinations
from typing import NamedTuple

from ..log import LEFT, RIGHT, Vote
from .in_force import answers_in_force


def merge_votes(
    ours: Iterable[Vote], theirs: Iterable[Vote], same: Callable[[Vote], Vote] | None = None
) -> list[Vote]:
    """The rows to append: theirs that are not already in our log, in their order. A row
    identical in every field, the timestamp to the millisecond included, is the same answer
    (a person does not answer the same pair twice in one millisecond): counted once, also
    when their file holds it twice. With `same`, rows that it makes identical are the same
    answer too: `PathResolver.vote` makes a row with the original app's paths the same as one
    an earlier version imported with the folder's paths."""
    key = same or (lambda vote: vote)
    seen = {key(vote) for vote in ours}
    new = []
    for vote in theirs:
        if key(vote) not in seen:
            seen.add(key(vote))
            new.append(vote)
    return new


class Agreement(NamedTuple):
    pairs: int  # pairs both judges answered decisively (one image preferred), same question
    agreed: int  # of those, pairs where both preferred the same image

    @property
    def fraction(self) -> float | None:
        return self.agreed / self.pairs if self.pairs else None


def judge_agreement(votes: Iterable[Vote]) -> dict[tuple[str, str], Agreement]:
    """For every two judges (in name order), how often they preferred the same image of a
    pair both answered. A judge's latest answer in force about a pair counts; a draw or skip
    is no preference, so a pair one of them last drew or skipped is not counted."""
    latest: dict[str, dict[tuple[str, frozenset[str]], str | None]] = {}
    for answer in answers_in_force(votes):
        for vote in answer:
            winner = vote.winner if vote.outcome in (LEFT, RIGHT) else None
            pair = (vote.question, frozenset((vote.left, vote.right)))
            latest.setdefault(vote.judge, {})[pair] = winner
    result = {}
    for a, b in combinations(sorted(latest), 2):
        both = [
            pair
            for pair in latest[a].keys() & latest[b].keys()
            if latest[a][pair] is not None and latest[b][pair] is not None
        ]
        agreed = sum(latest[a][pair] == latest[b][pair] for pair in both)
        result[(a, b)] = Agreement(len(both), agreed)
    return result
