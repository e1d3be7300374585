"""Kendall's tau for tests, by counting pairs: slow but obviously right."""

from collections.abc import Sequence
from itertools import combinations


def kendall_tau(ranking: Sequence[str], quality: dict[str, float]) -> float:
    score = 0
    for better, worse in combinations(ranking, 2):
        score += 1 if quality[better] > quality[worse] else -1
    pairs = len(ranking) * (len(ranking) - 1) // 2
    return score / pairs
