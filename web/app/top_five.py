"""The current top five as a strip of small thumbnails beside the progress line, best first:
the ranking kept in view while comparing, as the original app had it under the pair. Blind
mode hides it (styles.css), and so does a narrow screen, where the images need the room.
Thumbnails are made small (images.thumbnail) and released when an image leaves the five."""

import asyncio

from .dom import by_id, element
from .images import release_thumbnail, thumbnail

COUNT = 5
SIDE = 80  # px: twice the thumbnail's size on screen (.top-five img)


class TopFive:
    def __init__(self) -> None:
        self._folder = None
        self._shown: list[str] = []
        self._thumbs: dict[str, asyncio.Task] = {}

    def show_folder(self, folder) -> None:
        self.clear()
        self._folder = folder

    def clear(self) -> None:
        for task in self._thumbs.values():
            release_thumbnail(task)
        self._thumbs.clear()
        self._shown = []
        strip = by_id("top-five")
        strip.replaceChildren()
        strip.hidden = True
        self._folder = None

    def update(self, best: list[str]) -> None:
        """Redraws the strip when the five (or their order) changed."""
        best = best[:COUNT]
        if best == self._shown or self._folder is None:
            return
        self._shown = best
        for path in [p for p in self._thumbs if p not in best]:
            release_thumbnail(self._thumbs.pop(path))
        items = []
        for rank, path in enumerate(best, 1):
            image = element("img")
            image.alt = ""
            image.title = f"{rank}. {path}"
            item = element("li")
            item.append(image)
            items.append(item)
            if path not in self._thumbs:
                self._thumbs[path] = asyncio.ensure_future(thumbnail(self._folder, path, SIDE))
            asyncio.ensure_future(_fill(self._thumbs[path], image))
        strip = by_id("top-five")
        strip.replaceChildren(*items)
        strip.hidden = len(best) < 2


async def _fill(task: asyncio.Task, image) -> None:
    made = await task
    if made:
        image.src = made.url
