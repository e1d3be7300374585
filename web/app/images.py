"""Images about to be shown: read from the folder only then, decoded ahead so that the next
pair appears without a flicker, and released (object URLs revoked) once out of use, so a long
session's memory stays bounded. How each is shown is ranker.display's choice: a raster image
only once its header gave a size within the limit, and under a raster type; an SVG drawn into
a PNG first; a camera RAW through the JPEG preview its camera embedded (ranker.raw_preview),
turned upright as the RAW says, or, when it holds none a browser decodes, from its raw data by
LibRaw in the decode worker (sized by LibRaw first, and refused as any image is)."""

import asyncio
from collections import OrderedDict
from dataclasses import dataclass

from pyodide.ffi import to_js
from pyscript import window

from ranker.display import (
    PREVIEW_MARK,
    RAW_DATA_MARK,
    RAW_DECODER,
    RAW_UNDECODABLE,
    UNDECODABLE,
    decode_side,
    decodes_alone,
    display_side,
    is_svg,
    raster_type,
    raw_refusal,
    refusal,
    svg_side,
    worker_decoder,
)
from ranker.image_size import ImageSize, size_reader
from ranker.raw_preview import is_raw, oriented_head, preview_reader

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
    mark: tuple[str, str] | None = None  # a camera RAW's: PREVIEW_MARK or RAW_DATA_MARK


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
        side = svg_side(*_screen())
        try:
            raster = await files.rasterisedSvg(file, side)
        except Exception:
            return Loaded(path, None, size=file.size, error=UNDECODABLE)
        return Loaded(path, raster.url, raster.width, raster.height, file.size)
    shown, decoder, size, refused = await _decodable(file, path)
    mark = _mark(path, decoder)
    undecodable = RAW_UNDECODABLE if decoder == RAW_DECODER else UNDECODABLE
    if refused or size is None:
        return Loaded(path, None, size=file.size, error=refused or undecodable, mark=mark)
    shrink = decode_side(size, display_side(*_screen()))
    if decoder or shrink:
        try:
            decoded = await files.workerDecoded(shown, decoder or "", shrink or 0)
        except Exception:
            return Loaded(path, None, size=file.size, error=undecodable, mark=mark)
        return Loaded(path, decoded.url, decoded.width, decoded.height, file.size, mark=mark)
    url = files.rasterUrl(shown, raster_type(path))
    try:
        size = await files.decodedImage(url)
    except Exception:
        return Loaded(path, url, size=file.size, error=UNDECODABLE, mark=mark)
    return Loaded(path, url, size.width, size.height, file.size, mark=mark)


def _mark(path: str, decoder: str | None) -> tuple[str, str] | None:
    if not is_raw(path):
        return None
    return RAW_DATA_MARK if decoder == RAW_DECODER else PREVIEW_MARK


async def _decodable(file, path: str) -> tuple[object, str | None, ImageSize | None, str | None]:
    """What is decoded to show a (raster) file, the worker's decoder for it (None: the
    browser's), its size, and why it is refused (None: it is not): a camera RAW's preview, or
    the RAW itself for LibRaw when it has none; any other file as it is."""
    decoder = worker_decoder(path)
    if is_raw(path):
        preview = await raw_preview(file)
        if preview is None:
            return await _raw_data(file)
        file = preview
    size = await header_size(file)
    return file, decoder, size, refusal(size)


async def _raw_data(file) -> tuple[object, str, ImageSize | None, str | None]:
    """A RAW without a usable preview, for LibRaw: its size as LibRaw reads it in the RAW's
    header, asked of the decode worker (a file LibRaw does not read has none)."""
    refused = raw_refusal(file.size)
    if refused:
        return file, RAW_DECODER, None, refused
    try:
        measured = await files.workerMeasured(file, RAW_DECODER)
    except Exception:
        return file, RAW_DECODER, None, RAW_UNDECODABLE
    size = ImageSize(measured.width, measured.height)
    return file, RAW_DECODER, size, refusal(size)


async def raw_preview(file):
    """A camera RAW's embedded JPEG preview as a Blob the helpers take as a file (a slice of
    the RAW, with the RAW's orientation put in front of it when the JPEG has none of its
    own), or None if it holds none a browser decodes."""
    preview = await FileReads(file).drive(preview_reader())
    if preview is None:
        return None
    head = None
    if not preview.own_orientation and preview.orientation != 1:
        head = to_js(oriented_head(preview.orientation))
    return files.rawPreview(file, preview.offset, preview.length, head)


_ONE_LARGE_DECODE = asyncio.Lock()


@dataclass(frozen=True)
class Thumbnail:
    url: str  # an object URL of a PNG or WebP
    mark: tuple[str, str] | None = None  # a camera RAW's, as Loaded.mark


async def thumbnail(folder, path: str, side: int) -> Thumbnail | None:
    """A small image for the ranking view, or None. Made from the whole decoded image, so
    large ones are made one at a time (ranker.display)."""
    try:
        file = await folder.file(path)
        if is_svg(path):
            return Thumbnail((await files.rasterisedSvg(file, side)).url)
        shown, decoder, size, refused = await _decodable(file, path)
        if size is None or refused:
            return None
        if not decodes_alone(size):
            return Thumbnail(await _thumbnail(shown, decoder, side), _mark(path, decoder))
        async with _ONE_LARGE_DECODE:
            return Thumbnail(await _thumbnail(shown, decoder, side), _mark(path, decoder))
    except Exception:  # gone, or not decodable: the row has no thumbnail
        return None


async def _thumbnail(file, decoder: str | None, side: int) -> str:
    """By the browser, or by the decode worker for a format the browser may not decode."""
    if decoder:
        return (await files.workerDecoded(file, decoder, side)).url
    return await files.thumbnail(file, side)


def release_thumbnail(task: asyncio.Task) -> None:
    """A thumbnail's object URL is revoked once made (at once if it is already)."""
    if not task.done():
        task.add_done_callback(release_thumbnail)
    elif not task.cancelled() and task.result():
        window.URL.revokeObjectURL(task.result().url)


async def header_size(file) -> ImageSize | None:
    """The size its header gives, read a slice at a time (see ranker.image_size)."""
    return await FileReads(file).drive(size_reader())


def _screen() -> tuple[float, float, float]:
    return window.screen.width, window.screen.height, window.devicePixelRatio


def _js_message(error: Exception) -> str:
    return str(getattr(error, "message", "") or error)


def human_size(size: int) -> str:
    amount = float(size)
    for unit in ("bytes", "KB", "MB"):
        if amount < 1024:
            return f"{size:,} {unit}" if unit == "bytes" else f"{amount:.1f} {unit}"
        amount /= 1024
    return f"{amount:.1f} GB"
