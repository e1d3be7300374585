"""The joint estimate finished in slices (see `slices`).

Reading the ranking (`Ranker.standings`) settles the ratings first, and on a long log that is
long work: at 1,000 images with 10,000 answers, a third of a second in CPython and a second
or two in Pyodide, which in one go froze the page every few seconds while the person answered
(when rankings.csv was rewritten). Here it is done a slice at a time; answers given meanwhile
simply become part of what is settled.
"""

import asyncio
import time
from collections.abc import Callable

from ranker.engine import Engine

from .slices import IDLE_PAUSE_S, SLICE_S, is_answering


def settle_for(ranker: Engine, seconds: float) -> bool:
    """Settles for about `seconds` at the most (in whole steps); True once settled."""
    deadline = time.perf_counter() + seconds
    while not ranker.settle(1):
        if time.perf_counter() >= deadline:
            return False
    return True


async def settle_in_slices(
    ranker: Callable[[], Engine | None], pause_s: float = IDLE_PAUSE_S
) -> bool:
    """Settles `ranker()`, read again at every slice (the page may switch rankings or close
    the folder meanwhile). True once the ranker then current is settled, False if it became
    None. A pause of 0 still hands the browser every frame, for a person waiting on it."""
    while (current := ranker()) is not None:
        if not is_answering() and settle_for(current, SLICE_S):
            return True
        await asyncio.sleep(pause_s if not is_answering() else IDLE_PAUSE_S)
    return False
