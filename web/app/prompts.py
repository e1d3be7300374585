"""Each image's prompt, read in the background from the file's first bytes or a caption file
(`ranker.metadata`), so that the compare view can show it and "compare within each prompt"
can group by it without the person doing anything.

The first question comes first: the images it shows are read on demand, and the reading of
every other file starts only once the person is looking at it (unless grouping by prompt
needs every prompt before any question can be asked)."""

import asyncio
from collections.abc import Callable

from pyodide.ffi import to_js
from pyscript import window

from ranker.metadata import CAPTION_BYTES, HEAD_BYTES, read_caption, read_prompt, sidecar

BATCH = 16  # files read between pauses, so answering stays responsive
PAUSE_S = 0.01


class PromptReader:
    def __init__(self, folder, images: list[str], on_batch: Callable[[], None]) -> None:
        self._folder = folder
        self._images = images
        self._files = set(folder.paths)
        self._on_batch = on_batch
        self.prompts: dict[str, str | None] = {}
        self.notes: list[str] = []
        self._captions: dict[str, str | None] = {}
        self.done = False
        self._stopped = False
        self._now = asyncio.Event()
        self._reading: asyncio.Future | None = None

    def stop(self) -> None:
        """Another folder was chosen: the background reading ends."""
        self._stopped = True

    async def get(self, path: str) -> str | None:
        if path not in self.prompts:
            self.prompts[path] = await self._read(path)
        return self.prompts[path]

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
        for start in range(0, len(self._images), BATCH):
            if self._stopped:
                return
            for path in self._images[start : start + BATCH]:
                await self.get(path)
            self._on_batch()
            await asyncio.sleep(PAUSE_S)
        self.done = True
        self._on_batch()
        _record_reading(window.performance.now() - started, self.prompts)

    async def _read(self, path: str) -> str | None:
        try:
            file = await self._folder.file(path)
            head = (await file.slice(0, HEAD_BYTES).arrayBuffer()).to_bytes()
        except Exception:  # gone since listed: the compare view says so when it is shown
            return None
        found = read_prompt(bytes(head))
        self.notes.extend(f"{path}: {note}" for note in found.notes)
        if found.text:
            return found.text
        caption = sidecar(path, self._files)
        if caption is None:
            return None
        if caption not in self._captions:
            self._captions[caption] = await self._read_caption(caption)
        return self._captions[caption]

    async def _read_caption(self, path: str) -> str | None:
        """A caption file, read once however many images share it (a `prompt.txt`), and no
        more of it than `read_caption` needs to see it is too large."""
        try:
            file = await self._folder.file(path)
            data = (await file.slice(0, CAPTION_BYTES + 1).arrayBuffer()).to_bytes()
        except Exception:
            return None
        found = read_caption(bytes(data))
        self.notes.extend(f"{path}: {note}" for note in found.notes)
        return found.text


def _record_reading(ms: float, prompts: dict[str, str | None]) -> None:
    """How long reading every prompt took: the figure bench/prompts.py reads."""
    found = sum(prompt is not None for prompt in prompts.values())
    read = {"ms": ms, "files": len(prompts), "found": found}
    window.imageRankerPromptsRead = to_js(read, dict_converter=window.Object.fromEntries)
