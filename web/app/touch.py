"""Touch on the compare view: a tap on an image chooses it, a swipe answers, a long press or
a pinch zooms both images together (what each touch means: ranker.gestures). The page marks
itself touched at the first touch, which hides the keyboard hints. In zoom a finger pans the
images, so only a long press or a pinch (to leave zoom) is taken there."""

from collections.abc import Callable
from math import hypot

from pyscript import document, window

from ranker.gestures import LONG_PRESS, TAP, gesture, pinch

from .dom import by_id, on


class Touch:
    def __init__(
        self,
        tap: Callable[[int], None],
        answer: Callable[[str], object],
        zoom: Callable[[bool | None], object],
        zoomed: Callable[[], bool],
    ) -> None:
        self._tap, self._answer, self._zoom, self._zoomed = tap, answer, zoom, zoomed
        self._start: tuple[float, float, float] | None = None
        self._side: int | None = None
        self._spread: float | None = None

    def wire(self) -> None:
        on(document, "touchstart", lambda _e: document.documentElement.classList.add("touch"))
        pair = by_id("pair")
        on(pair, "touchstart", self._down)
        on(pair, "touchend", self._up)
        on(pair, "contextmenu", lambda e: e.preventDefault() if self._start else None)

    def _down(self, event) -> None:
        touches = event.touches
        if touches.length >= 2:
            self._start = None
            self._spread = _distance(touches)
            return
        point = touches[0]
        self._start = (point.clientX, point.clientY, window.performance.now())
        frame = event.target.closest(".frame")
        figure = frame and frame.closest(".side")
        sides = list(by_id("pair").children)
        self._side = sides.index(figure) if figure else None

    def _up(self, event) -> None:
        if self._spread is not None:
            if event.touches.length < 2 and event.changedTouches.length:
                zoom_in = pinch(self._spread, _distance(event.touches, event.changedTouches))
                self._spread = None
                if zoom_in is not None:
                    event.preventDefault()
                    self._zoom(zoom_in)
            return
        if self._start is None or event.touches.length:
            return
        x, y, t = self._start
        self._start = None
        point = event.changedTouches[0]
        seconds = (window.performance.now() - t) / 1000
        meant = gesture(point.clientX - x, point.clientY - y, seconds)
        if meant == LONG_PRESS:
            event.preventDefault()
            self._zoom(None)
        elif self._zoomed() or meant is None:
            return
        elif meant == TAP:
            if self._side is not None:
                event.preventDefault()  # no click after it: best of 4 answers clicks too
                self._tap(self._side)
        else:
            event.preventDefault()
            self._answer(meant)


def _distance(touches, ended=None) -> float:
    """The distance between the first two fingers (one may just have been lifted)."""
    points = [touches[i] for i in range(touches.length)]
    if ended is not None:
        points += [ended[i] for i in range(ended.length)]
    if len(points) < 2:
        return 0.0
    a, b = points[0], points[1]
    return hypot(a.clientX - b.clientX, a.clientY - b.clientY)
