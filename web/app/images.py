"""Images about to be shown: read from the folder only then, decoded ahead so that the next
pair appears without a flicker, and released (object URLs revoked) once out of use, so a long
session's memory stays bounded."""

import asyncio
from collections import OrderedDict
from dataclasses import dataclass

from pyscript import window

LIMIT = 12  # the pair on screen, the next candidates, and a little history for undo


@dataclass
class Loaded:
    path: str
    url: str | None
    width: int = 0
    height: int = 0
    size: int = 0
    error: str | None = None


class ImageCache:
    def __init__(self, folder) -> None:
        self._folder = folder
        self._files = window.imageRankerFiles
        self._tasks: OrderedDict[str, asyncio.Task] = OrderedDict()
        self._pinned: set[str] = set()

    def get(self, path: str) -> asyncio.Task:
        task = self._tasks.get(path)
        if task is None:
            task = asyncio.ensure_future(self._load(path))
            self._tasks[path] = task
        self._tasks.move_to_end(path)
        self._trim()
        return task

    def prefetch(self, paths) -> None:
        for path in paths:
            self.get(path)

    def pin(self, paths) -> None:
        """The images on screen: never released while shown."""
        self._pinned = set(paths)

    def forget(self, path: str) -> None:
        task = self._tasks.pop(path, None)
        if task is not None:
            self._release(task)

    def clear(self) -> None:
        for task in self._tasks.values():
            self._release(task)
        self._tasks.clear()

    def _trim(self) -> None:
        while len(self._tasks) > LIMIT:
            victim = next((p for p in self._tasks if p not in self._pinned), None)
            if victim is None:
                return
            self._release(self._tasks.pop(victim))

    def _release(self, task: asyncio.Task) -> None:
        if task.done() and not task.cancelled() and task.result().url:
            window.URL.revokeObjectURL(task.result().url)
        elif not task.done():
            task.add_done_callback(self._release)

    async def _load(self, path: str) -> Loaded:
        try:
            file = await self._folder.file(path)
        except Exception as error:  # gone from the folder since it was listed
            return Loaded(path, None, error=f"could not be read ({_js_message(error)})")
        url = window.URL.createObjectURL(file)
        try:
            size = await self._files.decodedImage(url)
        except Exception:
            return Loaded(path, url, size=file.size, error="could not be decoded")
        return Loaded(path, url, size.width, size.height, file.size)


def _js_message(error: Exception) -> str:
    return str(getattr(error, "message", "") or error)


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if size < 1024:
            return f"{size:,} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"
