"""Images about to be shown: read from the folder only then, decoded ahead so that the next
pair appears without a flicker, and released (object URLs revoked) once out of use, so a long
session's memory stays bounded. How each is shown is ranker.display's choice: a raster image
only once its header gave a size within the limit, and under a raster type; an SVG drawn into
a PNG first."""

import asyncio
from collections import OrderedDict
from dataclasses import dataclass

from pyscript import window

from ranker.display import UNDECODABLE, decodes_alone, is_svg, raster_type, refusal, svg_side
from ranker.image_size import ImageSize, size_reader

from .bridge import files
from .file_reads import FileReads

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
        return await load_image(self._folder, path)


async def load_image(folder, path: str) -> Loaded:
    """The image as the page shows it, decoded; or why it is not shown."""
    try:
        file = await folder.file(path)
    except Exception as error:  # gone from the folder since it was listed
        return Loaded(path, None, error=f"could not be read ({_js_message(error)})")
    if is_svg(path):
        side = svg_side(window.screen.width, window.screen.height, window.devicePixelRatio)
        try:
            raster = await files.rasterisedSvg(file, side)
        except Exception:
            return Loaded(path, None, size=file.size, error=UNDECODABLE)
        return Loaded(path, raster.url, raster.width, raster.height, file.size)
    refused = refusal(await header_size(file))
    if refused:
        return Loaded(path, None, size=file.size, error=refused)
    url = files.rasterUrl(file, raster_type(path))
    try:
        size = await files.decodedImage(url)
    except Exception:
        return Loaded(path, url, size=file.size, error=UNDECODABLE)
    return Loaded(path, url, size.width, size.height, file.size)


_ONE_LARGE_DECODE = asyncio.Lock()


async def thumbnail(folder, path: str, side: int) -> str | None:
    """A small image for the ranking view (an object URL of a PNG or WebP), or None. Made
    from the whole decoded image, so large ones are made one at a time (ranker.display)."""
    try:
        file = await folder.file(path)
        if is_svg(path):
            return (await files.rasterisedSvg(file, side)).url
        size = await header_size(file)
        if size is None or refusal(size):
            return None
        if not decodes_alone(size):
            return await files.thumbnail(file, side)
        async with _ONE_LARGE_DECODE:
            return await files.thumbnail(file, side)
    except Exception:  # gone, or not decodable: the row has no thumbnail
        return None


def release_thumbnail(task: asyncio.Task) -> None:
    """A thumbnail's object URL is revoked once made (at once if it is already)."""
    if not task.done():
        task.add_done_callback(release_thumbnail)
    elif not task.cancelled() and task.result():
        window.URL.revokeObjectURL(task.result())


async def header_size(file) -> ImageSize | None:
    """The size its header gives, read a slice at a time (see ranker.image_size)."""
    return await FileReads(file).drive(size_reader())


def _js_message(error: Exception) -> str:
    return str(getattr(error, "message", "") or error)


def human_size(size: int) -> str:
    amount = float(size)
    for unit in ("bytes", "KB", "MB"):
        if amount < 1024:
            return f"{size:,} {unit}" if unit == "bytes" else f"{amount:.1f} {unit}"
        amount /= 1024
    return f"{amount:.1f} GB"
