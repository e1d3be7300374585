"""What each image was generated from (prompt, negative prompt, seed, model...), read in the
background from the file itself (`ranker.metadata`, a slice at a time, never the whole file)
or from a caption file, so that the compare view can show it, "compare within each prompt"
can group by it, and `.image-ranker/images.jsonl` can list it, without the person doing
anything.

The first question comes first: the images it shows are read on demand, and the reading of
every other file starts only once the person is looking at it (unless grouping by prompt
needs every prompt before any question can be asked). The reading gives the page back its
thread every few milliseconds, so answering stays responsive while a thousand files are read."""

import asyncio
from collections.abc import Callable, Iterator

from pyodide.ffi import to_js
from pyscript import window

from ranker.formats.images_jsonl import ImageFacts
from ranker.image_size import ImageSize, size_reader
from ranker.metadata import CAPTION_BYTES, generation_reader, read_caption, sidecar
from ranker.metadata.generation import Generation

from .file_reads import FileReads

SLICE_MS = 12.0
"""Reading work done between two pauses: well under a frame, so no task of the page's comes
near 50 ms (one file's graph is parsed at once; `bench prompts` measures the longest task)."""
PAUSE_S = 0.0
READERS = 8
"""Files read at once: each slice of a file takes the browser a few milliseconds to hand over
(about 3 ms in headless Chromium), which reading one file after another spends waiting."""


class PromptReader:
    def __init__(self, folder, images: list[str], on_batch: Callable[[], None]) -> None:
        self._folder = folder
        self._images = images
        self._files = set(folder.paths)
        self._on_batch = on_batch
        self.generations: dict[str, Generation | None] = {}
        self.prompts: dict[str, str | None] = {}
        """Each image's prompt, for grouping and the training files (shared with them)."""
        self.sizes: dict[str, ImageSize | None] = {}
        self.notes: list[str] = []
        self._captions: dict[str, asyncio.Future] = {}
        self._reads: dict[str, asyncio.Future] = {}
        self._sliced = 0.0
        self.done = False
        self._stopped = False
        self._now = asyncio.Event()
        self._reading: asyncio.Future | None = None

    def stop(self) -> None:
        """Another folder was chosen: the background reading ends."""
        self._stopped = True

    async def get(self, path: str) -> Generation | None:
        """The file's record, read once: a path asked for while it is being read (shown on
        screen while the background reading has it) waits for that reading."""
        if path not in self._reads:
            self._reads[path] = asyncio.ensure_future(self._read_into(path))
        return await self._reads[path]

    async def _read_into(self, path: str) -> Generation | None:
        generation = await self._read(path)
        self.generations[path] = generation
        self.prompts[path] = generation.prompt if generation else None
        return generation

    def facts(self) -> list[ImageFacts]:
        """What images.jsonl lists: every image read."""
        return [(path, made, self.sizes.get(path)) for path, made in self.generations.items()]

    def read_all(self, after_s: float = 0.0) -> asyncio.Future:
        """Every prompt, read once: a later call shares the same reading, and a call with
        no delay (grouping by prompt was chosen) ends the wait of an earlier one."""
        if after_s <= 0:
            self._now.set()
        if self._reading is None:
            self._reading = asyncio.ensure_future(self._read_all(after_s))
        return self._reading

    async def _read_all(self, after_s: float) -> None:
        try:
            await asyncio.wait_for(self._now.wait(), after_s)
        except TimeoutError:
            pass
        started = window.performance.now()
        self._sliced = started
        waiting = iter(self._images)  # shared: each reader takes the next path
        await asyncio.gather(*(self._read_each(waiting) for _ in range(READERS)))
        if self._stopped:
            return
        self.done = True
        self._on_batch()
        _record_reading(started, window.performance.now(), self.prompts)

    async def _read_each(self, waiting: Iterator[str]) -> None:
        for path in waiting:
            if self._stopped:
                return
            await self.get(path)
            if window.performance.now() - self._sliced > SLICE_MS:
                self._on_batch()
                await asyncio.sleep(PAUSE_S)
                self._sliced = window.performance.now()

    async def _read(self, path: str) -> Generation | None:
        try:
            reads = FileReads(await self._folder.file(path))
            found = await reads.drive(generation_reader())
            self.sizes[path] = await reads.drive(size_reader())
        except Exception:  # gone since listed: the compare view says so when it is shown
            return None
        self.notes.extend(f"{path}: {note}" for note in found.notes)
        if found.prompt:
            return found
        caption = sidecar(path, self._files)
        if caption is None:
            return found
        if caption not in self._captions:
            self._captions[caption] = asyncio.ensure_future(self._read_caption(caption))
        return await self._captions[caption] or found

    async def _read_caption(self, path: str) -> Generation | None:
        """A caption file, read once however many images share it (a `prompt.txt`), and no
        more of it than `read_caption` needs to see it is too large."""
        try:
            data = await FileReads(await self._folder.file(path)).bytes_at(0, CAPTION_BYTES + 1)
        except Exception:
            return None
        found = read_caption(data)
        self.notes.extend(f"{path}: {note}" for note in found.notes)
        return found if found.prompt else None


def _record_reading(started: float, ended: float, prompts: dict[str, str | None]) -> None:
    """When reading every file started and how long it took: the figures bench prompts reads."""
    found = sum(prompt is not None for prompt in prompts.values())
    read = {"start": started, "ms": ended - started, "files": len(prompts), "found": found}
    window.imageRankerPromptsRead = to_js(read, dict_converter=window.Object.fromEntries)
