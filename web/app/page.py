"""The page: the parts of the page put together. Each part does one job (choosing a folder,
the keys, the compare view, the ranking view and its large view, saving's banner, downloads,
loading a log, settings); this module holds what they share: the session of the folder being
ranked, and the loop of one answer (key -> session -> next question). Views: start, listing,
message, ask (whether a folder is the one kept before), compare, ranking (<main data-view>)."""

import asyncio
from collections.abc import Callable
from itertools import islice

from pyodide.ffi import create_once_callable, create_proxy, to_js
from pyscript import document, window

from ranker import NothingToUndoError, RemovedItemError
from ranker.engine import Engine
from ranker.groups import ALONE
from ranker.log import REMOVE, is_removal
from ranker.unshown import set_apart

from . import banner, prompt_panel, settings
from .bridge import files
from .compare import CompareView, show_progress
from .dom import after_paint, by_id, element, message, on, plural, set_view, spawn, view
from .downloads import Downloads
from .folder_choice import FolderChoice
from .images import ImageCache
from .judges_table import show_judges
from .keys import ANSWERS, action_of, pan_of
from .log_import import autosaves_to_offer, import_autosaves, load_log
from .prompts import PromptReader
from .ranking_view import RankingView
from .save_banner import SaveBanner
from .session import Session
from .settling import settle_for, settle_in_slices
from .slices import answering
from .top_five import TopFive
from .touch import Touch
from .viewer import Viewer
from .which_folder import WhichFolder

PROGRESS_DELAY_S = 0.15
RANKING_AT_ONCE_S = 0.05  # settling the ranking takes longer: say so, and go on in slices
TOP_FIVE_S = 0.02  # settling for the strip of the top five, between answers
PROMPTS_AFTER_S = 1.0  # the first question's images are read first, the other files after


class Page:
    def __init__(self) -> None:
        self.files = files
        self.session: Session | None = None
        self.images: ImageCache | None = None
        self.folders = FolderChoice(self.files, self.open_folder)
        self.which = WhichFolder(self.files)
        self.compare = CompareView(self.remove_image)
        self.ranking = RankingView(self.open_viewer, self.remove_image, self.restore_image)
        self.viewer = Viewer()
        self.top_five = TopFive()
        self.touch = Touch(
            self.tap_side,
            lambda kind: spawn(self.answer(kind)),
            self.compare.toggle_zoom,
            self.compare.zoomed,
        )
        self.downloads = Downloads(self.files, lambda: self.session)
        self.save_banner = SaveBanner(self.downloads.votes)
        self.pair: tuple[str, ...] | None = None
        self.busy = False
        self.prompts: PromptReader | None = None
        self._notes_said = False  # the prompts the reading left out were said once
        self._progress: asyncio.Task | None = None
        self._arrivals = 0  # the saver's count of answers from other devices, as last shown
        window.imageRankerAnswerTimes = to_js([])
        window.imageRankerWasmBytes = create_proxy(_wasm_bytes)

    # start ---------------------------------------------------------------------------------------

    def start(self) -> None:
        banner.wire()
        settings.wire(self.on_settings)
        self.folders.wire()
        self.which.wire()
        self.downloads.wire()
        on(by_id("message-back"), "click", lambda _e: self.back())
        on(document, "keydown", self.on_key)
        on(by_id("to-ranking"), "click", lambda _e: self.toggle_ranking())
        on(by_id("to-compare"), "click", lambda _e: spawn(self.show_compare()))
        on(by_id("show-help"), "click", lambda _e: self.help(True))
        on(by_id("help-close"), "click", lambda _e: self.help(False))
        on(by_id("help"), "close", lambda _e: self.help(False))
        on(by_id("viewer"), "click", lambda _e: self.viewer.close())
        on(by_id("viewer"), "close", lambda _e: self.viewer.close())
        on(by_id("group-select"), "change", lambda _e: self.show_ranking())
        on(by_id("load-votes"), "change", lambda e: spawn(self.load_log(e.target)))
        on(by_id("import-votes"), "change", lambda e: spawn(self.load_log(e.target)))
        for kind in ("left", "right", "draw", "skip"):
            on(by_id(f"answer-{kind}"), "click", lambda _e, kind=kind: spawn(self.answer(kind)))
        on(by_id("answer-undo"), "click", lambda _e: spawn(self.undo()))
        for index, side in enumerate(("left", "right", "third", "fourth")):
            frame = by_id(f"side-{side}").querySelector(".frame")
            on(frame, "click", lambda _e, index=index: self.choose_side(index))
        on(by_id("answer-zoom"), "click", lambda _e: self.compare.toggle_zoom())
        on(by_id("answer-full"), "click", lambda _e: self.compare.toggle_full())
        on(by_id("leave-full"), "click", lambda _e: self.compare.toggle_full(False))
        on(document, "keyup", self.on_key_up)
        on(document, "fullscreenchange", lambda _e: self.compare.browser_full_screen_left())
        on(window, "blur", lambda _e: self.compare.flicker(False))
        self.touch.wire()

    async def open_folder(self, folder) -> None:
        set_view("listing")
        by_id("listing-text").textContent = f"Reading “{folder.name}”…"
        await asyncio.sleep(0)
        if not await self.which.recognise(folder):
            return  # another folder was chosen while the person was asked about this one
        self.close_session()
        opened = await Session.open(
            folder,
            settings.strategy(),
            settings.judge(),
            self.on_save_state,
            settings.question(),
            device=settings.device(),
        )
        if opened.session is None:
            message(opened.title, opened.report)
            return
        self.session = opened.session
        self.images = ImageCache(folder)
        self.ranking.show_folder(folder)
        self.top_five.show_folder(folder)
        by_id("folder-name").textContent = folder.name
        for button_id in ("to-ranking", "to-compare", "show-settings"):
            by_id(button_id).hidden = False
        report = opened.report
        if not folder.canWrite:
            report += (
                " This browser cannot write into the folder: answers are kept in this browser; "
                "download votes.csv, rankings.csv, preferences.jsonl and images.jsonl from Settings."
            )
        banner.show(report, kind="info")
        self.prompts = PromptReader(folder, self.session.listing.images, self._prompts_read)
        self._notes_said = False
        self.session.prompts = self.ranking.prompts = self.prompts.prompts
        self.session.image_facts = self.prompts.facts
        await self.compare_within(settings.within())
        self.show_question()
        self.on_save_state()
        await self.show_compare()
        _focus_compare()
        window.requestAnimationFrame(create_once_callable(_record_first_pair))
        self.prompts.read_all(after_s=PROMPTS_AFTER_S)
        spawn(self._settle_when_idle())
        spawn(self._offer_autosaves(self.session))

    async def compare_within(self, within: str) -> None:
        """Grouping by prompt needs every prompt before a question can be asked: the
        listing view says so while they are read, and the page then says how many images
        have none (they are not compared while grouping by prompt)."""
        session, prompts = self.session, self.prompts
        if session is None or prompts is None:
            return
        if within == "prompt" and not prompts.done:
            set_view("listing")
            self._prompts_read()
            await prompts.read_all()
        session.set_within(within)
        if within == "prompt":
            without = sum(not prompts.prompts.get(path) for path in session.listing.images)
            if without:
                one = without == 1
                banner.add(
                    f"{plural(without, 'image')} of {len(session.listing.images):,} "
                    f"{'has' if one else 'have'} no prompt: while comparing within each "
                    f"prompt, {'it is' if one else 'they are'} left out of the questions."
                )

    async def _settle_when_idle(self) -> None:
        """A resumed log is replayed roughly first (the first pair sooner); the joint
        estimate is finished here in short steps, between the person's answers."""
        if self.session is not None:
            await settle_in_slices(self._ranker_of(self.session))

    async def _offer_autosaves(self, session: Session) -> None:
        """The original app's own histories in the folder, offered for import when they hold
        rows the log lacks."""
        paths = await autosaves_to_offer(session)
        if not paths or session is not self.session:
            return
        named = ", ".join(paths[:2]) + (f" and {len(paths) - 2:,} more" if len(paths) > 2 else "")
        banner.offer(
            f"The original app's history is in this folder ({named}).",
            "Import it",
            lambda: spawn(self._import_autosaves(session, paths)),
        )

    async def _import_autosaves(self, session: Session, paths: list[str]) -> None:
        said = await import_autosaves(session, paths)
        if session is self.session:
            await self._after_log_change(said)

    def _ranker_of(self, session: Session) -> Callable[[], Engine | None]:
        """`session`'s ranker for as long as it is the page's, for work that outlives a call."""
        return lambda: session.ranker if session is self.session else None

    def close_session(self) -> None:
        if self.session is not None:
            self.session.close()
        if self.prompts is not None:
            self.prompts.stop()
        if self.images is not None:
            self.images.clear()
        self.ranking.clear()
        self.top_five.clear()
        self.session = self.images = None
        self.pair = None

    def back(self) -> None:
        set_view("compare" if self.session else "start")
        spawn(self.folders.show_recent())

    # comparing --------------------------------------------------------------------------------

    async def show_compare(self) -> None:
        if self.session is None:
            return
        set_view("compare")
        await self.show_next(None)

    async def show_next(
        self, started: float | None, journaled: asyncio.Future | None = None
    ) -> None:
        """The next question; after an answer, not before the answer is in the journal (a
        failed journal write is reported by itself and does not stop the person)."""
        session, images = self.session, self.images
        if session is None or images is None:
            return
        ranker = session.ranker
        shown = ranker.next_set(4) if settings.mode() == "best4" else ranker.next_pair()
        if shown is None:
            message("Nothing left to compare", "Fewer than two images are left in the ranking.")
            return
        loading = asyncio.gather(*(images.get(path) for path in shown))
        if journaled is not None:
            await asyncio.wait([journaled])
        loaded = await loading
        if session is not self.session:
            return
        for image in loaded:
            session.shown(image.path, image.error is None)
        self.pair = shown
        images.pin(shown)
        self.compare.show(*loaded)
        spawn(self._read_ahead(shown))
        spawn(self._show_prompt(shown))
        if started is not None:
            window.requestAnimationFrame(create_once_callable(lambda now: _record_time(started)))
        self.schedule_progress()

    async def _read_ahead(self, shown: tuple[str, ...]) -> None:
        """Decodes the images of the likely next question, once the frame that shows this one
        is drawn: guessing it is a second choice of a question, 15 ms at 10,000 images, which
        held back the frame when done before it."""
        await after_paint()
        if self.pair == shown and self.session is not None and self.images is not None:
            self.images.prefetch(self.session.ranker.likely_next())

    async def _show_prompt(self, shown: tuple[str, ...]) -> None:
        """The prompts of the images on screen (blind mode hides names and origins, not
        prompts)."""
        if self.prompts is None:
            return
        generations = [await self.prompts.get(path) for path in shown]
        if self.pair == shown:
            prompt_panel.show(generations, settings.blind())

    def _prompts_read(self) -> None:
        reader, session = self.prompts, self.session
        if reader is not None and reader.done and session is not None and not self._notes_said:
            self._notes_said = True
            if reader.notes:
                more = len(reader.notes) - 2
                said = "; ".join(reader.notes[:2]) + (f"; and {more:,} more" if more > 0 else "")
                banner.add(f"Some prompts were left out: {said}.")
            spawn(session.write_images(reader.facts()))
        if view() == "listing" and session is not None and reader is not None:
            by_id("listing-text").textContent = (
                f"Reading the prompts… {len(reader.prompts):,} of "
                f"{len(session.listing.images):,} images"
            )

    def schedule_progress(self) -> None:
        if self._progress is not None and not self._progress.done():
            self._progress.cancel()
        self._progress = asyncio.ensure_future(self._show_progress())

    async def _show_progress(self) -> None:
        await asyncio.sleep(PROGRESS_DELAY_S)
        if self.session is None:
            return
        ranker = self.session.ranker
        confidence = ranker.confidence()
        to_go = ranker.answers_to_go(0.9, confidence=confidence)
        others = sum(r.answered for r in self.session.rankers.values() if r is not ranker)
        show_progress(confidence, to_go, ranker.answered, len(ranker.items), others)
        self._show_top_five()

    def _show_top_five(self) -> None:
        """The five best so far (of the group on screen, with groups), once there is an answer
        and if the ranking is settled enough to read at once: else the strip keeps the last
        five until it is."""
        session = self.session
        if session is None or settings.blind():
            return
        if not session.ranker.answered:  # a question not yet answered has no best
            self.top_five.update([])
            return
        if not settle_for(session.ranker, TOP_FIVE_S):
            return
        grouped = session.groups()
        group = grouped.get(self.pair[0]) if grouped and self.pair else None
        best = islice(session.ranker.iter_standings(group), 5)
        self.top_five.update([standing.id for standing in best])

    async def answer(self, kind: str, started: float | None = None) -> None:
        if self.busy or self.session is None or self.pair is None or view() != "compare":
            return
        started = window.performance.now() if started is None else started
        shown = self.pair
        if len(shown) > 2 and kind in ("left", "right", "draw"):
            return  # best of 4 is answered with 1-4 (or a click)
        if kind != "skip" and self.compare.unshowable():
            banner.show(
                "An image here cannot be shown, so nothing can be said about it: skip it (X: "
                "it leaves the ranking) or press Space (can't say).",
                kind="info",
            )
            return
        self.busy = True
        try:
            with answering():
                if kind.isdigit():
                    if int(kind) > len(shown):
                        return
                    self.session.choose(shown[int(kind) - 1], shown)
                elif kind == "skip" and len(shown) > 2:
                    self.session.skip_set(shown)
                else:
                    self.session.answer(kind, shown[0], shown[1])
                await self.show_next(started, self.session.journaled)
        except RemovedItemError:  # removed meanwhile (another tab or device): ask again
            banner.show("An image of that question was removed from the ranking.", kind="info")
            await self.show_next(None)
        finally:
            self.busy = False

    def tap_side(self, side: int) -> None:
        """A tap on an image chooses it: in a pair, as the arrow key of its side."""
        if self.pair is not None and len(self.pair) == 2:
            spawn(self.answer(("left", "right")[side]))
        else:
            self.choose_side(side)

    def choose_side(self, side: int) -> None:
        """A click or tap on an image of best of 4 chooses it."""
        if self.pair is not None and len(self.pair) > 2:
            spawn(self.answer(str(side + 1)))

    async def undo(self) -> None:
        if self.busy or self.session is None:
            return
        self.busy = True
        try:
            try:
                taken_back = self.session.undo()
            except NothingToUndoError:
                banner.show("There is no answer to undo.", kind="info")
                return
            if is_removal(taken_back):
                path = self._named(taken_back.left, "The image")
                back = "back in" if taken_back.outcome == REMOVE else "out of"
                banner.show(f"{path} is {back} the ranking.", kind="info")
            if view() == "ranking":
                self.show_ranking()
            else:
                await self.show_next(window.performance.now(), self.session.journaled)
        finally:
            self.busy = False

    def remove_image(self, path: str) -> None:
        """From the compare view (any image, or "Skip this image" for one that cannot be
        shown) or the ranking view: out of the ranking, in the log; the file is untouched."""
        if self.session is None or self.busy or path not in self.session.ranker.items:
            return
        self.session.remove_image(path)
        banner.show(
            f"{self._named(path, 'The image')} is removed from the ranking (the file is "
            "untouched). Undo (Backspace) brings it back, and so does Restore in the ranking "
            "view.",
            kind="info",
        )
        self._after_removal()

    def restore_image(self, path: str) -> None:
        if self.session is None or self.busy or path not in self.session.ranker.removed:
            return
        self.session.restore_image(path)
        banner.show(f"{self._named(path, 'The image')} is back in the ranking.", kind="info")
        self._after_removal()

    def _after_removal(self) -> None:
        if view() == "ranking":
            self.show_ranking()
        else:
            spawn(self.show_next(None))

    def skip_unshowable(self) -> None:
        """X: the image on screen that cannot be shown leaves the ranking."""
        path = self.compare.unshowable()
        if path is not None and view() == "compare":
            self.remove_image(path)

    @staticmethod
    def _named(path: str, unnamed: str) -> str:
        return unnamed if settings.blind() else f"“{path}”"  # blind mode hides names

    # keys --------------------------------------------------------------------------------------

    def on_key(self, event) -> None:
        if self._pan_key(event):
            return
        action = action_of(event)
        if action is None:
            return
        if action == "escape":
            self.escape()
            return
        if action == "help":
            event.preventDefault()
            self.help(not by_id("help").open)
            return
        if self.session is None or by_id("help").open or view() == "ask":
            return
        if view() == "ranking" and action in ANSWERS:
            return  # the arrows, Space and the digits scroll the ranking, as in any list
        event.preventDefault()
        if view() == "compare" and self._compare_key(event, action):
            return
        if event.repeat and (action in ANSWERS or action == "undo"):
            return  # a held key answers (or undoes) once, not at the key repeat rate
        if action in ANSWERS:
            spawn(self.answer(action, event.timeStamp))  # timed from the press: a wait counts
        elif action == "undo":
            spawn(self.undo())
        elif action == "zoom" and view() == "compare":
            self.compare.toggle_zoom()
        elif action == "skip-image":
            self.skip_unshowable()
        elif action == "prompt" and view() == "compare":
            prompt_panel.toggle()
        elif action == "ranking":
            self.toggle_ranking()

    def _compare_key(self, event, action: str) -> bool:
        """The compare view's own keys: F is full screen, and C held shows the right image in
        the left one's place. True if the key was one of those."""
        if action == "full":
            self.compare.toggle_full()
            return True
        if action == "flicker":
            self.compare.flicker(True)
            return True
        return False

    def _pan_key(self, event) -> bool:
        """In zoom the arrow keys pan the images (all together); they do not answer."""
        step = pan_of(event)
        if step is None or view() != "compare" or not self.compare.zoomed():
            return False
        if by_id("help").open:
            return False
        event.preventDefault()
        self.compare.pan(*step)
        return True

    def on_key_up(self, event) -> None:
        if action_of(event) == "flicker":
            self.compare.flicker(False)

    def help(self, show: bool) -> None:
        """Help is a modal <dialog>: the focus stays in it while it is open, and goes back to
        where it was when it closes."""
        dialog = by_id("help")
        if show and not dialog.open:
            dialog.showModal()
            by_id("help-close").focus()
            dialog.scrollTop = 0  # its title in view: a long help scrolls to its Close button
        elif not show and dialog.open:
            dialog.close()

    def escape(self) -> None:
        """Esc closes what is open, the one on top first: help, the large image, zoom, full
        screen, the whole prompt, then Settings. One press, one panel."""
        panels = (
            (lambda: by_id("help").open, lambda: self.help(False)),
            (lambda: by_id("viewer").open, self.viewer.close),
            (
                lambda: by_id("pair").classList.contains("zoomed"),
                lambda: self.compare.toggle_zoom(False),
            ),
            (
                lambda: document.documentElement.classList.contains("full"),
                lambda: self.compare.toggle_full(False),
            ),
            (lambda: by_id("prompt").open, prompt_panel.close),
            (settings.is_open, settings.close),
        )
        for is_open, close in panels:
            if is_open():
                close()
                return

    # ranking view ------------------------------------------------------------------------------

    def toggle_ranking(self) -> None:
        if self.session is None:
            return
        if view() == "ranking":
            spawn(self.show_compare())
            _focus_compare()
            return
        self.compare.toggle_full(False)
        set_view("ranking")
        self.show_ranking()
        by_id("ranking-list").focus()

    def show_ranking(self) -> None:
        """The whole ranking, or with groups one group's (each group is its own ranking).
        Reading it settles the ratings; on a long log that takes a while, done here in slices
        between frames, so the page says so rather than freezing."""
        session = self.session
        if session is None:
            return
        if settle_for(session.ranker, RANKING_AT_ONCE_S):
            self._draw_ranking()
            return
        by_id("ranking-count").textContent = "Settling the ranking…"
        spawn(self._draw_ranking_when_settled(session))

    async def _draw_ranking_when_settled(self, session: Session) -> None:
        if await settle_in_slices(self._ranker_of(session), pause_s=0.0) and view() == "ranking":
            self._draw_ranking()

    def _draw_ranking(self) -> None:
        if self.session is None:
            return
        ranker = self.session.ranker
        select = by_id("group-select")
        groups = ranker.groups if self.session.within != "folder" else {}
        groups = {name: items for name, items in groups.items() if not name.startswith(ALONE)}
        chosen = select.value if select.value in groups else None
        select.replaceChildren(element("option", "", "All images"))
        select.firstChild.value = ""
        for name, members in groups.items():
            if len(members) > 1:
                percent = round(100 * ranker.confidence(name))
                label = f"{name} ({len(members):,}, {percent}% settled)"
            else:
                label = f"{name} (1 image: not compared)"
            option = element("option", "", label)
            option.value = name
            select.append(option)
        select.value = chosen or ""
        select.hidden = not groups
        grouped = self.session.groups()
        removed = [
            path
            for path in ranker.removed
            if chosen is None or grouped is None or grouped.get(path, "") == chosen
        ]
        self.ranking.update(
            list(set_apart(ranker.standings(chosen), self.session.unshown)), removed
        )
        show_judges(ranker.judges())

    def open_viewer(self, path: str) -> None:
        if self.session is not None:
            spawn(self.viewer.open(self.session.folder, path))

    def on_save_state(self) -> None:
        if self.session is not None:
            self.save_banner.show(self.session)
            if self.session.saver.arrivals != self._arrivals:  # other devices' answers
                self._arrivals = self.session.saver.arrivals
                self.schedule_progress()

    async def load_log(self, input_element) -> None:
        if self.session is None:
            return
        said = await load_log(self.session, input_element)
        if said is not None:
            await self._after_log_change(said)

    async def _after_log_change(self, said: str) -> None:
        """The view redrawn from the merged log before the banner says what changed: a person
        who reads "removed" and answers at once never answers a question of a removed image."""
        if view() == "ranking":
            self.show_ranking()
        else:
            self.pair = None
            await self.show_next(None)
        banner.show(said, kind="info")

    # settings ------------------------------------------------------------------------------------

    def on_settings(self, name: str, value) -> None:
        if self.session is None:
            return
        if name == "strategy":
            self.session.ranker.strategy = value
            if view() == "compare" and not self.busy:
                spawn(self.show_next(None))
        elif name == "judge":
            self.session.set_judge(value)
        elif name in ("question", "within"):
            if name == "question":
                self.session.set_question(value)
            spawn(self._regroup(value if name == "within" else self.session.within))
        elif name == "mode" and view() == "compare" and not self.busy:
            spawn(self.show_next(None))

    async def _regroup(self, within: str) -> None:
        showing = view()
        session = self.session
        await self.compare_within(within)
        if session is not self.session:
            return
        self.show_question()
        if showing == "ranking":
            self.show_ranking()
        elif not self.busy:
            await self.show_compare()

    def show_question(self) -> None:
        if self.session is not None:
            by_id("question").textContent = self.session.ranker.question


def _focus_compare() -> None:
    """The focus goes where the person now is: on the compare view, not on the button that
    opened the folder (Enter would open the picker again in the middle of a session)."""
    by_id("compare").focus(to_js({"preventScroll": True}))


def _record_time(started: float) -> None:
    """Answer key to the frame that shows the next pair: the figure bench/page.py reads."""
    window.imageRankerAnswerTimes.push(window.performance.now() - started)


def _record_first_pair(_now) -> None:
    """When the first pair of a folder is on screen: the figure bench/page.py reads."""
    window.imageRankerFirstPairAt = window.performance.now()


def _wasm_bytes() -> int:
    """The size of the Python runtime's memory (the Wasm heap): a figure bench/browser.py
    reads, as the JS heap it gets from the browser does not include it."""
    import pyodide_js  # noqa: PLC0415 - the JS side of the running Pyodide

    return pyodide_js._module.HEAP8.length
