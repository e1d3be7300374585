"""The ranking view: every image with its rank, a small thumbnail, its score with an
uncertainty bar, its counts and a button that removes it from the ranking; after them the
images that could not be shown (no rank), then those removed, each with Restore. Only the
rows on screen exist in the page (a virtualised list), and thumbnails are made small and only
for those rows, so 10,000 images stay fast. One view for the page's life, given each folder
opened: its listeners are added once."""

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pyodide.ffi import create_proxy, to_js
from pyscript import window

from ranker import Standing
from ranker.display import PREVIEW_MARK
from ranker.raw_preview import is_raw
from ranker.ties import plain_score, rank_text, shared_ranks

from .bridge import files
from .dom import by_id, element, on
from .images import Thumbnail, release_thumbnail, thumbnail

ROW = 56  # px, kept in step with .ranking-row in styles.css
OVERSCAN = 6
THUMBS = 200  # thumbnails kept; older ones are released
THUMB_SIDE = 96  # px: twice the thumbnail's size on screen (.ranking-row .thumb)


@dataclass(frozen=True)
class Removed:
    """A row of an image removed from the ranking."""

    id: str


Row = Standing | Removed


class RankingView:
    def __init__(
        self,
        on_open: Callable[[str], None],
        on_remove: Callable[[str], None],
        on_restore: Callable[[str], None],
    ) -> None:
        self._folder = None
        self._on_open = on_open
        self._actions = {"remove": on_remove, "restore": on_restore}
        self.prompts: dict[str, str | None] = {}
        self._all: list[Row] = []
        self._ranked = 0  # rows of `_all` that are standings, the rest are removed images
        self._shown: list[Row] = []
        self._rank_of: dict[str, tuple[int, bool] | None] = {}  # id -> (rank, tied)
        self._ranks: list[tuple[int, bool] | None] = []  # the shown rank of each row of _shown
        self._rows: dict[int, Any] = {}  # row index -> its element (a JsProxy)
        self._thumbs: OrderedDict[str, asyncio.Task] = OrderedDict()
        self._low = self._high = 0.0
        self._list = by_id("ranking-list")
        self._render_proxy = create_proxy(self._render)  # kept: JS calls it as rows scroll in
        self._visible = files.watchVisibleRows(self._list, ROW, OVERSCAN, self._render_proxy)
        on(self._list, "click", self._open_row)
        on(self._list, "keydown", self._key_on_row)
        on(by_id("filter"), "input", lambda _e: self._filter())

    def show_folder(self, folder) -> None:
        """The folder whose images the view lists from now on (after `clear`)."""
        self._folder = folder

    def update(self, standings: list[Standing], removed: Sequence[str] = ()) -> None:
        self._all = [*standings, *map(Removed, removed)]
        self._ranked = len(standings)
        # Ties are found among all ranked rows: a filtered row keeps its rank.
        self._rank_of = dict(zip((s.id for s in standings), shared_ranks(standings), strict=True))
        if standings:
            self._low = min(s.mu - s.sigma for s in standings)
            self._high = max(s.mu + s.sigma for s in standings)
        self._filter()

    def _filter(self) -> None:
        needle = by_id("filter").value.strip().lower()
        self._shown = [s for s in self._all if needle in s.id.lower()] if needle else self._all
        self._ranks = [self._rank_of.get(row.id) for row in self._shown]
        removed = len(self._all) - self._ranked
        out = f" · {removed:,} removed" if removed else ""
        by_id("ranking-count").textContent = (
            f"{len(self._shown):,} of {len(self._all):,} images"
            if needle
            else f"{self._ranked:,} images{out}"
        )
        by_id("ranking-spacer").style.height = f"{len(self._shown) * ROW}px"
        for row in self._rows.values():
            row.remove()
        self._rows.clear()
        self._visible.setCount(len(self._shown))

    def _render(self, first: int, last: int) -> None:
        """Rows `first` to `last` (exclusive) in the page, no others: called by
        watchVisibleRows (web/visible-rows.js) only when that range changes, so scrolling
        within a row costs no Python. Rows stay in the page in their order, so Tab goes
        through them as they are seen; a focused row scrolled away gives the focus to the
        list, not to the page's body."""
        for index in [i for i in self._rows if not first <= i < last]:
            row = self._rows.pop(index)
            if row.contains(window.document.activeElement):
                self._list.focus(to_js({"preventScroll": True}))
            row.remove()
        for index in range(first, last):
            if index not in self._rows:
                self._place(index)

    def _place(self, index: int):
        """Row `index` made and put in the page in its order among the rows drawn."""
        below = min((i for i in self._rows if i > index), default=None)
        row = self._row(self._shown[index], index)
        row.style.transform = f"translateY({index * ROW}px)"
        if below is not None:
            self._list.insertBefore(row, self._rows[below])
        else:
            self._list.append(row)
        self._rows[index] = row
        return row

    def _row(self, standing: Row, index: int):
        row = element("div", "ranking-row")
        row.setAttribute("role", "listitem")
        row.setAttribute("aria-posinset", str(index + 1))  # a screen reader's "12 of 300"
        row.setAttribute("aria-setsize", str(len(self._shown)))
        row.tabIndex = 0
        row.dataset.path = standing.id
        row.dataset.index = str(index)
        rank = getattr(standing, "rank", None)
        shown = self._ranks[index]
        row.append(element("span", "rank", "–" if shown is None else rank_text(*shown)))
        if shown is not None and shown[1]:
            row.lastChild.title = "Tied: the answers cannot tell these images apart"
        thumb = element("img", "thumb")
        thumb.alt = ""
        row.append(thumb)
        name = element("span", "name", standing.id)
        if is_raw(standing.id):
            text, label = PREVIEW_MARK  # until its thumbnail says it has no preview
            mark = element("span", "preview-mark", text)
            mark.setAttribute("aria-label", label)
            name.prepend(mark)
        prompt = self.prompts.get(standing.id)
        if prompt:
            name.append(element("span", "row-prompt", prompt))
        row.append(name)
        row.title = standing.id
        asyncio.ensure_future(self._thumb(self._folder, standing.id, thumb))
        if isinstance(standing, Removed):
            row.classList.add("removed")
            row.append(element("span", "score-text", "removed from the ranking"))
            row.append(element("span", "count"), element("span", "wld"))
            row.append(_action("restore", "Restore", standing.id))
            return row
        if rank is None:  # could never be shown here: its numbers rank nothing
            row.append(element("span", "score-text row-note", "could not be shown: not ranked"))
            row.append(
                element("span", "count", f"{standing.comparisons:,}"), element("span", "wld")
            )
            row.append(_action("remove", "Remove", standing.id))
            return row
        score = element("span", "score")
        bar = element("span", "spread")
        span = max(1e-9, self._high - self._low)
        left = (standing.mu - standing.sigma - self._low) / span * 100
        width = 2 * standing.sigma / span * 100
        bar.style.left = f"{left:.1f}%"
        bar.style.width = f"{width:.1f}%"
        mark = element("span", "mu")
        mark.style.left = f"{(standing.mu - self._low) / span * 100:.1f}%"
        bar_box = element("span", "bar-box")
        bar_box.append(bar, mark)
        score.append(bar_box)
        words = element("span", "score-text", plain_score(standing.score))
        words.append(
            element(
                "span",
                "score-numbers",
                f" · {standing.score:.1f} (μ {standing.mu:.1f} ± {standing.sigma:.1f})",
            )
        )
        score.append(words)
        row.append(score)
        row.append(element("span", "count", f"{standing.comparisons:,}"))
        row.append(
            element("span", "wld", f"{standing.wins} / {standing.losses} / {standing.draws}")
        )
        row.append(_action("remove", "Remove", standing.id))
        return row

    def _open_row(self, event) -> None:
        """One listener for every row (rows come and go as the list scrolls): a button does
        its action, a click elsewhere on a row opens the image."""
        button = event.target.closest("button[data-action]")  # JS null is falsy, not None
        row = event.target.closest(".ranking-row")
        if button and row:
            self._actions[str(button.dataset.action)](str(row.dataset.path))
        elif row:
            self._on_open(row.dataset.path)

    def _key_on_row(self, event) -> None:
        """Enter or Space opens a row's image; the up and down arrows go to the row above or
        below, scrolled into view; drawn at once if the list has not drawn it yet (keys
        pressed faster than the list redraws as it scrolls each move one row)."""
        if not event.target.classList.contains("ranking-row"):
            return
        if event.key in ("Enter", " "):
            event.preventDefault()
            event.stopPropagation()
            self._on_open(event.target.dataset.path)
        elif event.key in ("ArrowDown", "ArrowUp"):
            event.preventDefault()
            event.stopPropagation()
            step = 1 if event.key == "ArrowDown" else -1
            index = int(event.target.dataset.index) + step
            if 0 <= index < len(self._shown):
                (self._rows.get(index) or self._place(index)).focus()

    async def _thumb(self, folder, path: str, image) -> None:
        if folder is not self._folder:
            return  # a row of a folder closed since: not made, not cached for the next
        task = self._thumbs.get(path)
        if task is None:
            task = asyncio.ensure_future(self._make_thumb(folder, path))
            self._thumbs[path] = task
            while len(self._thumbs) > THUMBS:
                release_thumbnail(self._thumbs.popitem(last=False)[1])
        self._thumbs.move_to_end(path)
        made = await task
        if made:
            image.src = made.url
            mark = image.parentElement and image.parentElement.querySelector(".preview-mark")
            if mark and made.mark:
                mark.textContent, label = made.mark
                mark.setAttribute("aria-label", label)

    async def _make_thumb(self, folder, path: str) -> Thumbnail | None:
        return await thumbnail(folder, path, THUMB_SIDE)

    def clear(self) -> None:
        """Forgets the folder: its rows, its filter and its thumbnails (a thumbnail still
        being made is released when it is done)."""
        self._folder = None
        self.prompts = {}
        self._all = self._shown = []
        self._ranks = []
        self._rank_of = {}
        for row in self._rows.values():
            row.remove()
        self._rows.clear()
        by_id("filter").value = ""
        by_id("ranking-spacer").style.height = "0px"
        self._list.scrollTop = 0
        self._visible.setCount(0)
        for task in self._thumbs.values():
            release_thumbnail(task)
        self._thumbs.clear()


def _action(action: str, label: str, path: str):
    button = element("button", "row-action", label)
    button.type = "button"
    button.dataset.action = action
    button.setAttribute("aria-label", f"{label} {path}")
    return button
