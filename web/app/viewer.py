"""The large view of one image, opened from the ranking. It loads the image as the compare
view does (an SVG drawn into pixels, a huge image refused) and says under it what kept it
from being shown."""

from pyscript import window

from .dom import by_id
from .images import load_image


class Viewer:
    def __init__(self) -> None:
        self._url: str | None = None

    async def open(self, folder, path: str) -> None:
        self.close()
        loaded = await load_image(folder, path)
        self._url = loaded.url
        image = by_id("viewer-img")
        image.hidden = loaded.error is not None
        if loaded.error:
            image.removeAttribute("src")
        else:
            image.src = loaded.url
        image.alt = path
        by_id("viewer-name").textContent = f"{path} {loaded.error}" if loaded.error else path
        if not by_id("viewer").open:
            by_id("viewer").showModal()  # a modal <dialog>: the focus is back on the row after

    def close(self) -> None:
        if by_id("viewer").open:
            by_id("viewer").close()
        if self._url:
            window.URL.revokeObjectURL(self._url)
            self._url = None
