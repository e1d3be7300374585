"""Long work done a slice of a few milliseconds at a time, with the page's frames between.

On a long log some work takes far longer than a frame in Pyodide: settling the ranking (a
second or two at 1,000 images and 10,000 answers) and writing the preference files (a third
of a second each at 50,000 answers). Done in one go, it froze the page while the person
answered. Here it is done a slice at a time, and never while an answer is being taken in.
"""

import asyncio
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from pyodide.ffi import JsProxy
from pyscript import window

SLICE_S = 0.008  # half a frame of work, then the browser's turn
IDLE_PAUSE_S = 0.02
"""The pause between slices of work nobody waits for (exports, a resumed log): the page stays
fluid and the processor mostly idle."""
_PARTS_PER_CLOCK = 64  # parts joined between looks at the clock

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


def is_answering() -> bool:
    return _answering > 0


async def pieces_in_slices(parts: Iterable[str], pause_s: float = IDLE_PAUSE_S) -> JsProxy:
    """The text `parts` make (a file of one line per answer), as a JS array of pieces of one
    slice each, which `writeApp` and `download` take as they take a string: made into one
    JS string, a long log's preference file (10 MB at 50,000 answers) held the page for
    100 ms while it was copied and encoded."""
    pending = iter(parts)
    pieces = window.Array.new()
    while True:
        if not is_answering():
            deadline = time.perf_counter() + SLICE_S
            piece: list[str] = []
            while time.perf_counter() < deadline:
                batch = list(islice(pending, _PARTS_PER_CLOCK))
                piece.extend(batch)
                if len(batch) < _PARTS_PER_CLOCK:
                    pieces.push("".join(piece))
                    return pieces
            pieces.push("".join(piece))
        await asyncio.sleep(pause_s)
