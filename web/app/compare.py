"""The compare view: two images (or four, in best of 4) as large as the window allows, what
is known about each underneath (hidden in blind mode, and "enlarged" when the window draws it
larger than its pixels) with a button that removes it from the ranking, a placeholder for an
image that cannot be shown (then only "Skip this image" and "Can't say" answer), zoom to 100%
with all images panning together (arrow keys pan), full screen, and flicker (the right image
in the left one's place while a key is held)."""

from pyodide.ffi import create_once_callable, create_proxy
from pyscript import document, window

from ranker.layout import ROW, best_of_four_layout
from ranker.progress import answers_count, progress_line

from .dom import by_id, on
from .images import Loaded, human_size

SIDES = ("left", "right", "third", "fourth")


def _make_sides() -> None:
    """The four sides' figures, cloned from the page's one template: their markup is written
    once, not four times by hand. The last two are shown for best of 4 only."""
    template = by_id("side-template").content.firstElementChild
    pair = by_id("pair")
    for n, side in enumerate(SIDES):
        figure = template.cloneNode(True)
        figure.id = f"side-{side}"
        figure.hidden = n >= 2
        figure.querySelector("img").id = f"img-{side}"
        pair.appendChild(figure)


def _reach_frames(zoomed: bool) -> None:
    """Zoomed, each frame scrolls: Tab reaches it, so that it can be scrolled by keyboard
    (axe's scrollable-region-focusable); unzoomed it is no stop of its own."""
    for side in SIDES:
        frame = by_id(f"side-{side}").querySelector(".frame")
        if zoomed:
            frame.tabIndex = 0
        else:
            frame.removeAttribute("tabindex")


DECIDING = ("answer-left", "answer-right", "answer-draw")  # need every image seen


# The browser's full screen, asked for with the page's: refused (no gesture, an iframe, a
# browser without it), the page's own still hides the chrome.
_refused = create_proxy(lambda _error: None)


class CompareView:
    def __init__(self, on_remove) -> None:
        self._on_remove = on_remove
        self._paths = dict.fromkeys(SIDES, "")
        self._shown = 2
        self._unshowable: str | None = None
        self._echoes: dict[str, tuple[float, float]] = {}
        self._sizes: dict[str, tuple[int, int]] = {}
        _make_sides()
        on(window, "resize", lambda _e: self._fit())
        for side in SIDES:
            figure = by_id(f"side-{side}")
            on(figure.querySelector("img"), "load", lambda _e: self._fit())
            for button in figure.querySelectorAll(".skip-image, .remove-image"):
                on(button, "click", lambda event, side=side: self._remove(event, side))
            on(figure.querySelector(".frame"), "scroll", lambda _e, side=side: self._pan(side))

    def _remove(self, event, side: str) -> None:
        """The button lets go of the focus: the next image takes its place under it, and a
        key meant for the next question must not press it."""
        event.currentTarget.blur()
        self._on_remove(self._paths[side])

    def show(self, *images: Loaded) -> None:
        """Two images side by side, or up to four in a grid (numbered 1-4 by their keys)."""
        self._shown = len(images)
        quad = len(images) > 2
        by_id("pair").classList.toggle("quad", quad)
        by_id("compare").classList.toggle("quad", quad)
        for side in SIDES[2:]:
            by_id(f"side-{side}").hidden = side not in SIDES[: len(images)]
        self._unshowable = next((image.path for image in images if image.error), None)
        for button_id in DECIDING:
            by_id(button_id).disabled = self._unshowable is not None
        for side, loaded in zip(SIDES, images, strict=False):
            self._paths[side] = loaded.path
            figure = by_id(f"side-{side}")
            image = by_id(f"img-{side}")
            broken = figure.querySelector(".broken")
            image.alt = loaded.path
            if loaded.error:
                image.removeAttribute("src")
                image.hidden = True
                broken.hidden = False
                broken.querySelector(".broken-path").textContent = loaded.path
                broken.querySelector(".broken-error").textContent = loaded.error
                figure.querySelector(".meta").replaceChildren()
                self._sizes.pop(side, None)
            else:
                image.src = loaded.url
                image.hidden = False
                broken.hidden = True
                meta = f"{loaded.width} × {loaded.height} px · {human_size(loaded.size)}"
                figure.querySelector(".meta").textContent = meta
                self._sizes[side] = (loaded.width, loaded.height)
            mark = figure.querySelector(".preview-mark")
            mark.hidden = loaded.mark is None or bool(loaded.error)
            if loaded.mark is not None:
                mark.textContent, label = loaded.mark
                mark.setAttribute("aria-label", label)
            figure.querySelector(".name").textContent = loaded.path
            figure.querySelector(".frame").scrollTo(0, 0)
        self._fit()

    def _fit(self) -> None:
        """Best of 4's row or grid (ranker.layout), then whether each image is drawn larger
        than its pixels: it is said under it, not done silently."""
        pair = by_id("pair")
        shown = [side for side in SIDES[: self._shown] if side in self._sizes]
        if self._shown > 2:
            pair.classList.remove("row")
            caption = by_id("side-left").querySelector("figcaption").offsetHeight
            gap = float(window.getComputedStyle(pair).rowGap.replace("px", "") or 0)
            aspects = [w / h for w, h in (self._sizes[s] for s in shown) if w and h]
            box = pair.getBoundingClientRect()
            layout = best_of_four_layout(aspects, box.width, box.height, gap, caption)
            pair.classList.toggle("row", layout == ROW)
        for side in shown:
            self._say_enlarged(side)

    def _say_enlarged(self, side: str) -> None:
        figure = by_id(f"side-{side}")
        width, height = self._sizes[side]
        frame = figure.querySelector(".frame").getBoundingClientRect()
        zoomed = by_id("pair").classList.contains("zoomed")
        scale = 1.0 if zoomed else min(frame.width / width, frame.height / height)
        scale *= window.devicePixelRatio or 1
        meta = figure.querySelector(".meta")
        note = meta.querySelector(".enlarged")  # JS null is falsy, not None
        if scale > 1.05:
            if not note:
                note = document.createElement("span")
                note.className = "enlarged"
                meta.append(note)
            note.textContent = f" · enlarged ×{scale:.1f}"
        elif note:
            note.remove()

    def unshowable(self) -> str | None:
        """An image on screen that cannot be shown: nothing about this question can be
        answered but "skip this image" and "can't say"."""
        return self._unshowable

    def toggle_zoom(self, on_: bool | None = None) -> bool:
        pair = by_id("pair")
        zoomed = not pair.classList.contains("zoomed") if on_ is None else on_
        pair.classList.toggle("zoomed", zoomed)
        by_id("answer-zoom").setAttribute("aria-pressed", "true" if zoomed else "false")
        by_id("zoom-state").hidden = not zoomed
        self._fit()
        _reach_frames(zoomed)
        if zoomed:
            for side in SIDES[: self._shown]:  # start at the centre of each image
                frame = by_id(f"side-{side}").querySelector(".frame")
                frame.scrollTo(
                    (frame.scrollWidth - frame.clientWidth) / 2,
                    (frame.scrollHeight - frame.clientHeight) / 2,
                )
        return zoomed

    def zoomed(self) -> bool:
        return bool(by_id("pair").classList.contains("zoomed"))

    def pan(self, dx: int, dy: int) -> None:
        """An arrow key in zoom: the first image larger than its frame moves a fifth of the
        frame, the others follow (linked panning)."""
        frames = [by_id(f"side-{side}").querySelector(".frame") for side in SIDES[: self._shown]]
        for frame in frames:
            if frame.scrollWidth > frame.clientWidth or frame.scrollHeight > frame.clientHeight:
                frame.scrollBy(dx * frame.clientWidth / 5, dy * frame.clientHeight / 5)
                return

    def flicker(self, on_: bool) -> None:
        """While held: the right image in the left one's place (pairs only)."""
        by_id("pair").classList.toggle("flicker", on_ and self._shown == 2)

    def toggle_full(self, on_: bool | None = None) -> bool:
        """Full screen: the page shows the images only; keys and gestures still answer."""
        root = document.documentElement
        full = not root.classList.contains("full") if on_ is None else on_
        root.classList.toggle("full", full)
        by_id("answer-full").setAttribute("aria-pressed", "true" if full else "false")
        if full and document.fullscreenEnabled and not document.fullscreenElement:
            document.documentElement.requestFullscreen().catch(_refused)
        elif not full and document.fullscreenElement:
            document.exitFullscreen().catch(_refused)
        window.requestAnimationFrame(create_once_callable(lambda _now: self._fit()))
        return full

    def browser_full_screen_left(self) -> None:
        """The browser left its full screen (its own Esc, or a swipe on a phone): so does
        the page."""
        if not document.fullscreenElement:
            self.toggle_full(False)

    def _pan(self, source: str) -> None:
        """Linked panning: the other images show the same place, in proportion.

        Setting a frame's scroll position fires its scroll event a frame later; that echo must
        not be taken for the person panning it, or it drags the others back to where it was.
        """
        if not by_id("pair").classList.contains("zoomed"):
            return
        src = by_id(f"side-{source}").querySelector(".frame")
        here = (src.scrollLeft, src.scrollTop)
        if self._echoes.pop(source, None) == here:
            return
        fx = here[0] / max(1, src.scrollWidth - src.clientWidth)
        fy = here[1] / max(1, src.scrollHeight - src.clientHeight)
        for other in SIDES[: self._shown]:
            if other != source:
                dst = by_id(f"side-{other}").querySelector(".frame")
                before = (dst.scrollLeft, dst.scrollTop)
                dst.scrollLeft = fx * (dst.scrollWidth - dst.clientWidth)
                dst.scrollTop = fy * (dst.scrollHeight - dst.clientHeight)
                after = (dst.scrollLeft, dst.scrollTop)
                if after != before:
                    self._echoes[other] = after


def show_progress(
    confidence: float, to_go: int, answers: int, items: int, other_answers: int
) -> None:
    """The bar and the line over the images (wording: ranker.progress), and the count in the
    footer, which is the question's own."""
    percent = round(100 * max(0.0, confidence))
    by_id("meter-fill").style.width = f"{percent}%"
    by_id("meter-fill").parentElement.setAttribute("aria-valuenow", str(percent))
    line = progress_line(confidence, to_go, answers, items, other_answers)
    by_id("progress-text").textContent = line
    by_id("answers-count").textContent = answers_count(answers)
