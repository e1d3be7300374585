"""For the original Flask app ("Export for the original app"): its comparison history and its
rankings, made from this folder's log, so that a person can go back to it.

`comparisons.csv`, header `Winner,Loser`: every answer in force that prefers an image (a best
of 4 gives the three pairs it implies), oldest first, then `None,<path>` for each image taken
out of the ranking (the original app writes its removals so, and its import removes them).
Draws and skips have no row: the original app has neither. `image_rankings.csv`, header
`Image,ELO,Uncertainty,Upvotes,Downvotes`: the standings, best first, as the original app
exports them (two decimals).

ELO is the posterior mean less 25 (`ELO_OFFSET`), Uncertainty its sigma: the original app
rates with trueskill's `rate_1vs1` (beta 25/6, as here) from a prior of mean 0 and sigma
8.33, and this engine's prior has mean 25 and the same sigma, so the same answers land on
the same scale there as here. Upvotes and Downvotes are the answers won and lost.

Paths: the original app matches them exactly to the absolute paths of its images. A path the
log keeps as the original app wrote it is written back so; a path of this folder is written
after the folder's place on disk as those paths tell it (`PathResolver.base`, with their
separator), and as it is (relative to the folder) when nothing tells it. The cells are
written as the original app writes them, without the apostrophe that keeps this app's own
CSV files formula-safe: the original app would take it for part of the path."""

from collections.abc import Iterable

from ..log import LEFT, RIGHT, Vote
from ..model import MU
from ..ranker import Standing
from .csv_rows import to_csv
from .in_force import replay
from .original_paths import PathResolver, is_absolute

COMPARISONS_HEADER = ("Winner", "Loser")
RANKINGS_HEADER = ("Image", "ELO", "Uncertainty", "Upvotes", "Downvotes")
ELO_OFFSET = MU


class OriginalPaths:
    """The original app's path of each path of a log (see the module's docstring)."""

    def __init__(self, resolver: PathResolver) -> None:
        self._base = resolver.base()

    def __call__(self, path: str) -> str:
        if self._base is None or is_absolute(path):
            return path
        separator = "\\" if self._base.endswith("\\") else "/"
        return self._base + path.replace("/", separator)


def write_flask_comparisons(votes: Iterable[Vote], question: str, paths: OriginalPaths) -> str:
    """The history of the answers to `question` (each question is its own ranking) and of
    the removals, from a log whose original-app paths are matched (`PathResolver.votes`)."""
    log = replay(votes)
    records = [list(COMPARISONS_HEADER)]
    for answer in log.in_force:
        for vote in answer:
            if vote.question == question and vote.outcome in (LEFT, RIGHT):
                records.append([paths(vote.winner or ""), paths(vote.loser or "")])
    records.extend(["None", paths(path)] for path in log.removed)
    return to_csv(records)


def write_flask_rankings(standings: Iterable[Standing], paths: OriginalPaths) -> str:
    records = [list(RANKINGS_HEADER)]
    records.extend(
        [
            paths(s.id),
            str(round(s.mu - ELO_OFFSET, 2)),
            str(round(s.sigma, 2)),
            str(s.wins),
            str(s.losses),
        ]
        for s in standings
    )
    return to_csv(records)
