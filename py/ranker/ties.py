"""Ties and a plain-language score for the ranking view.

The standings list every image in one order, so images the answers cannot tell apart (two
never compared, or compared as equal) would still read as 1, 2, 3, ..., ordered by name. The
view shows them as ties instead: they share the rank of the first of them ("=3").

The rule, on the TrueSkill posteriors: going down the list, an image ties with the first
image of the current tie when the posterior probability that this first one is really better,
Phi((mu_first - mu) / sqrt(sigma_first^2 + sigma^2)), is below `TELL_APART`: 2/3, that is,
until the answers make the first at least twice as likely to be better as not. Each image is
measured against the first of its tie, not its neighbour, so a tie cannot creep down a long
list of small steps. `rankings.csv` keeps its `rank` column as the row's place (1, 2, 3, ...):
a program that sorts by it reads the same order as before; the shared ranks are the view's.
"""

import math
from collections.abc import Sequence

from .normal import ppf
from .ranker import Standing

TELL_APART = 2 / 3
"""The probability that one image is better than another from which the view ranks them apart.
With a simulated judge (noise 0.5, as tests/unit/sessions.py) of 20 images, 175 answers in,
it leaves 14 distinct ranks: ties where the answers say little, not everywhere."""
_Z = ppf(TELL_APART)


def shared_ranks(standings: Sequence[Standing]) -> list[tuple[int, bool] | None]:
    """Each row's shown rank and whether it is tied with another row, in the order given
    (best first); None for a row without a rank (an image set apart)."""
    shown: list[tuple[int, bool] | None] = []
    first: Standing | None = None
    first_at = first_rank = size = 0
    for place, standing in enumerate(standings):
        if standing.rank is None:
            shown.append(None)
            continue
        if first is None or first.mu - standing.mu >= _Z * math.hypot(first.sigma, standing.sigma):
            _mark_tie(shown, first_at, size)
            first, first_at, first_rank, size = standing, place, standing.rank, 0
        size += 1
        shown.append((first_rank, False))
    _mark_tie(shown, first_at, size)
    return shown


def _mark_tie(shown: list[tuple[int, bool] | None], start: int, size: int) -> None:
    """The `size` ranked rows from `start` on share a rank: marked tied when there are two or
    more of them (rows set apart, between them, keep None)."""
    if size < 2:
        return
    for place in range(start, len(shown)):
        row = shown[place]
        if row is not None:
            shown[place] = (row[0], True)


def rank_text(rank: int, tied: bool) -> str:
    """ "3", or "=3" for a rank shared with other images."""
    return f"={rank:,}" if tied else f"{rank:,}"


def plain_score(score: float) -> str:
    """The score (the estimated quality percentile, 0-100) in words: "top 10%" above the
    middle, "bottom 20%" below it; never "top 0%"."""
    if score >= 50:
        return f"top {max(1, round(100 - score))}%"
    return f"bottom {max(1, round(score))}%"
