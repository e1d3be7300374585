"""The joint estimate finished in slices of a few milliseconds, with the page's frames between.

Reading the ranking (`Ranker.standings`) settles the ratings first, and on a long log that is
long work: at 1,000 images with 10,000 answers, a third of a second in CPython and a second
or two in Pyodide, which in one go froze the page every few seconds while the person answered
(when rankings.csv was rewritten). Here it is done a slice at a time; answers given meanwhile
simply become part of what is settled.
"""

import asyncio
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ranker import Ranker

SLICE_S = 0.008  # half a frame of work, then the browser's turn
IDLE_PAUSE_S = 0.02
"""The pause between slices of work nobody waits for (exports, a resumed log): the page stays
fluid and the processor mostly idle."""


_answering = 0


@contextmanager
def answering() -> Iterator[None]:
    """While the page takes an answer in and shows the next question, no slice runs: the
    person's answer goes first (a slice between its steps would delay the next pair)."""
    global _answering
    _answering += 1
    try:
        yield
    finally:
        _answering -= 1


def settle_for(ranker: Ranker, seconds: float) -> bool:
    """Settles for about `seconds` at the most (in whole steps); True once settled."""
    deadline = time.perf_counter() + seconds
    while not ranker.settle(1):
        if time.perf_counter() >= deadline:
            return False
    return True


async def settle_in_slices(
    ranker: Callable[[], Ranker | None], pause_s: float = IDLE_PAUSE_S
) -> bool:
    """Settles `ranker()`, read again at every slice (the page may switch rankings or close
    the folder meanwhile). True once the ranker then current is settled, False if it became
    None. A pause of 0 still hands the browser every frame, for a person waiting on it."""
    while (current := ranker()) is not None:
        if not _answering and settle_for(current, SLICE_S):
            return True
        await asyncio.sleep(pause_s if not _answering else IDLE_PAUSE_S)
    return False
