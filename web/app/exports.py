"""rankings.csv, judges.csv (with two judges or more) and the preference files in
`.image-ranker/`: they follow the log, written by
the tab that writes the log, at most every few seconds and once more after the last answer,
so that they end up current. They are made in slices (see `slices`): on a long log the
ranking takes a while to settle and the preference files to write, which the log must not
wait for."""

import asyncio
from collections.abc import Callable, Collection, Iterator

from pyscript import window

from ranker import Vote
from ranker.engine import Engine
from ranker.formats import (
    image_lines,
    judges_lines,
    pick_a_pic_lines,
    preference_lines,
    rankings_lines,
)
from ranker.formats.images_jsonl import ImageFacts
from ranker.unshown import set_apart

from .dom import spawn
from .errors import described
from .settling import settle_in_slices
from .slices import pieces_in_slices

EXPORTS_EVERY_S = 3.0
TRAINING_FILES = ("preferences.jsonl", "pick-a-pic.jsonl")
IMAGES_FILE = "images.jsonl"
JUDGES_FILE = "judges.csv"


class Exports:
    def __init__(
        self,
        folder,
        ranker: Callable[[], Engine],
        votes: Callable[[], list[Vote]],
        context: Callable[[], dict],
        on_state: Callable[[], None],
        unshown: Callable[[], Collection[str]],
    ) -> None:
        self._folder = folder
        self._ranker = ranker  # the ranking now shown
        self._votes = votes  # every answer of the log
        self._context = context  # prompts and groups, for the training files
        self._on_state = on_state
        self._unshown = unshown  # images the page could never show: not ranked
        self.failed: str | None = None  # which file could not be written, and why
        self._closed = False
        self._at = 0.0
        self._again = False
        self._writing: asyncio.Future | None = None

    def due(self) -> None:
        """The log has new answers on disk: the exports follow within EXPORTS_EVERY_S."""
        self._again = True
        if self._writing is None or self._writing.done():
            self._writing = spawn(self._write_while_due())

    def close(self) -> None:
        self._closed = True
        if self._writing is not None and not self._writing.done():
            self._writing.cancel()

    async def _write_while_due(self) -> None:
        while self._again and not self._closed:
            wait = self._at + EXPORTS_EVERY_S - window.performance.now() / 1000.0
            if wait > 0:
                await asyncio.sleep(wait)
            self._at = window.performance.now() / 1000.0
            await self.write()

    async def write(self) -> None:
        """The exports of the log as it is once the ranking is settled: answers saved while
        it settled are in them, so they ask for no other round. A file open elsewhere
        (rankings.csv in a spreadsheet locks it on some systems) must not stop the log: the
        failure is reported, and the next write tries again."""
        ranker = self._ranker
        if not await settle_in_slices(lambda: None if self._closed else ranker()):
            return
        self._again = False
        answers = len(self._votes())  # those the files below are made of
        standings = set_apart(ranker().iter_standings(), set(self._unshown()))
        exports = {"rankings.csv": rankings_lines(standings)}
        judges = ranker().judges()
        if len(judges) > 1:
            exports[JUDGES_FILE] = judges_lines(judges)
        exports.update((name, self.lines(name)) for name in TRAINING_FILES)
        failed = []
        for name, lines in exports.items():
            try:
                await self._folder.writeApp(name, await pieces_in_slices(lines))
            except Exception as error:
                failed.append(f"{name}: {described(error)}")
        self.failed = "; ".join(failed) or None
        window.imageRankerExportedAnswers = answers  # for bench resume
        self._on_state()

    async def write_images(self, facts: list[ImageFacts]) -> None:
        """images.jsonl, written anew each time a folder's files were all read: so it lists
        the images the folder holds now, with what their files say now."""
        try:
            await self._folder.writeApp(IMAGES_FILE, await pieces_in_slices(image_lines(facts)))
        except Exception as error:
            self.failed = f"{IMAGES_FILE}: {described(error)}"
            self._on_state()

    def lines(self, name: str) -> Iterator[str]:
        """The lines of one of the `TRAINING_FILES`, from the answers given so far."""
        votes, context = list(self._votes()), self._context()
        if name == "preferences.jsonl":
            return preference_lines(votes, **context)
        return pick_a_pic_lines(votes, context.get("prompts"))
