"""Image Ranker's engine: ranks items from a person's pairwise answers with as few questions as
possible. Pure Python (standard library + trueskill), so it runs unchanged in CPython and in
the browser under Pyodide."""

from .errors import (
    InvalidItemError,
    InvalidVoteError,
    NothingToUndoError,
    RankerError,
    RemovedItemError,
    UnknownItemError,
    UnknownStrategyError,
)
from .log import DEFAULT_JUDGE, DEFAULT_QUESTION, Vote
from .ranker import Ranker, Standing
from .strategies import STRATEGIES

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_JUDGE",
    "DEFAULT_QUESTION",
    "STRATEGIES",
    "InvalidItemError",
    "InvalidVoteError",
    "NothingToUndoError",
    "Ranker",
    "RankerError",
    "RemovedItemError",
    "Standing",
    "UnknownItemError",
    "UnknownStrategyError",
    "Vote",
    "__version__",
]
