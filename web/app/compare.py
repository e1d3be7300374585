"""The compare view: two images (or four, in best of 4) as large as the window allows, what
is known about each underneath (hidden in blind mode) with a button that removes it from the
ranking, a placeholder for an image that cannot be shown (then only "Skip this image" and
"Can't say" answer), and zoom to 100% with all images panning together."""

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


DECIDING = ("answer-left", "answer-right", "answer-draw")  # need every image seen


class CompareView:
    def __init__(self, on_remove) -> None:
        self._on_remove = on_remove
        self._paths = dict.fromkeys(SIDES, "")
        self._shown = 2
        self._unshowable: str | None = None
        self._echoes: dict[str, tuple[float, float]] = {}
        _make_sides()
        for side in SIDES:
            figure = by_id(f"side-{side}")
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
                figure.querySelector(".meta").textContent = ""
            else:
                image.src = loaded.url
                image.hidden = False
                broken.hidden = True
                meta = f"{loaded.width} × {loaded.height} px · {human_size(loaded.size)}"
                figure.querySelector(".meta").textContent = meta
            figure.querySelector(".preview-mark").hidden = not loaded.preview or bool(loaded.error)
            figure.querySelector(".name").textContent = loaded.path
            figure.querySelector(".frame").scrollTo(0, 0)

    def unshowable(self) -> str | None:
        """An image on screen that cannot be shown: nothing about this question can be
        answered but "skip this image" and "can't say"."""
        return self._unshowable

    def toggle_zoom(self, on_: bool | None = None) -> bool:
        pair = by_id("pair")
        zoomed = not pair.classList.contains("zoomed") if on_ is None else on_
        pair.classList.toggle("zoomed", zoomed)
        by_id("answer-zoom").setAttribute("aria-pressed", "true" if zoomed else "false")
        if zoomed:
            for side in SIDES[: self._shown]:  # start at the centre of each image
                frame = by_id(f"side-{side}").querySelector(".frame")
                frame.scrollTo(
                    (frame.scrollWidth - frame.clientWidth) / 2,
                    (frame.scrollHeight - frame.clientHeight) / 2,
                )
        return zoomed

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


def show_progress(confidence: float, to_go: int, answers: int) -> None:
    percent = round(100 * max(0.0, confidence))
    by_id("meter-fill").style.width = f"{percent}%"
    by_id("meter-fill").parentElement.setAttribute("aria-valuenow", str(percent))
    settled = f"Ranking about {percent}% settled"
    more = f", ~{to_go:,} answers to go" if to_go else ", settled enough to trust"
    given = f"{answers:,} answer{'' if answers == 1 else 's'} given"
    by_id("progress-text").textContent = f"{settled}{more} · {given}"
    by_id("answers-count").textContent = given
