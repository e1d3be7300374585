"""The page: turns clicks, keys, drops and files into calls of the session and the engine, and
draws what they return. Views: start, listing, message, compare, ranking (<main data-view>)."""

import asyncio
from collections.abc import Callable

from pyodide.ffi import create_once_callable, create_proxy, to_js
from pyscript import document, window

from ranker import NothingToUndoError, Ranker
from ranker.formats import (
    import_flask_history,
    is_flask_history,
    judge_agreement,
    merge_votes,
    paths_not_in_folder,
    read_votes,
    write_rankings,
    write_rankings_json,
    write_votes,
)

from . import banner, settings
from .bridge import files
from .compare import CompareView, show_progress
from .dom import after_paint, by_id, element, message, on, plural, set_view, spawn, view
from .images import ImageCache, load_image
from .prompts import PromptReader
from .ranking_view import RankingView
from .session import UNREAD, Session
from .settling import settle_for, settle_in_slices
from .slices import answering, pieces_in_slices

PROGRESS_DELAY_S = 0.15
RANKING_AT_ONCE_S = 0.05  # settling the ranking takes longer: say so, and go on in slices
PROMPTS_AFTER_S = 1.0  # the first question's images are read first, the other files after
KEYS = {
    "ArrowLeft": "left",
    "a": "left",
    "ArrowRight": "right",
    "d": "right",
    "ArrowDown": "draw",
    "s": "draw",
    " ": "skip",
    "Backspace": "undo",
    "z": "zoom",
    "r": "ranking",
    "?": "help",
    "Escape": "escape",
    "1": "1",
    "2": "2",
    "3": "3",
    "4": "4",
}
ANSWERS = ("left", "right", "draw", "skip", "1", "2", "3", "4")


class Page:
    def __init__(self) -> None:
        self.files = files
        self.session: Session | None = None
        self.images: ImageCache | None = None
        self.compare = CompareView(self.set_aside)
        self.ranking = RankingView(self.open_viewer)
        self.pair: tuple[str, ...] | None = None
        self.busy = False
        self.prompts: PromptReader | None = None
        self._notes_said = False  # the prompts the reading left out were said once
        self._progress: asyncio.Task | None = None
        self._viewer_url = None
        self._save_banner = False  # the banner shows a saving problem (hidden once it is over)
        window.imageRankerAnswerTimes = to_js([])
        window.imageRankerWasmBytes = create_proxy(_wasm_bytes)

    # start ---------------------------------------------------------------------------------------

    def start(self) -> None:
        banner.wire()
        settings.wire(self.on_settings)
        on(by_id("choose-folder"), "click", lambda _e: spawn(self.choose_folder()))
        on(by_id("folder-input"), "change", lambda e: self.from_upload(e.target.files))
        on(by_id("message-back"), "click", lambda _e: self.back())
        on(document, "keydown", self.on_key)
        on(document, "dragover", lambda e: e.preventDefault())
        on(document, "drop", self.on_drop)
        on(by_id("to-ranking"), "click", lambda _e: self.toggle_ranking())
        on(by_id("to-compare"), "click", lambda _e: spawn(self.show_compare()))
        on(by_id("show-help"), "click", lambda _e: self.help(True))
        on(by_id("help-close"), "click", lambda _e: self.help(False))
        on(by_id("viewer"), "click", lambda _e: self.close_viewer())
        for kind in ("left", "right", "draw", "skip"):
            on(by_id(f"answer-{kind}"), "click", lambda _e, kind=kind: spawn(self.answer(kind)))
        on(by_id("answer-undo"), "click", lambda _e: spawn(self.undo()))
        for index, side in enumerate(("left", "right", "third", "fourth")):
            frame = by_id(f"side-{side}").querySelector(".frame")
            on(frame, "click", lambda _e, index=index: self.choose_side(index))
        on(by_id("answer-zoom"), "click", lambda _e: self.compare.toggle_zoom())
        self.wire_files()
        if not self.files.canPickFolders():
            by_id("fallback-note").hidden = False
            by_id("fallback-pick").hidden = False
            by_id("drop-hint").hidden = True  # a dropped folder needs getAsFileSystemHandle
        spawn(self.show_recent())

    async def show_recent(self) -> None:
        if not self.files.canPickFolders():
            return
        box = by_id("recent")
        box.replaceChildren()
        for record in (await self.files.recentFolders()).to_py():
            button = element("button", "recent-folder", f"Continue with {record['name']}")
            folder_id = record["id"]
            on(button, "click", lambda _e, folder_id=folder_id: spawn(self.reopen(folder_id)))
            box.append(button)

    # choosing a folder -----------------------------------------------------------------------

    async def choose_folder(self) -> None:
        if not self.files.canPickFolders():
            by_id("folder-input").click()
            return
        try:
            folder = await self.files.pickFolder(self._listing_progress())
        except Exception as error:
            if _name(error) == "AbortError":  # the person closed the picker
                return
            self.no_folder(error)
            return
        await self.open_folder(folder)

    async def reopen(self, folder_id: str) -> None:
        try:
            folder = await self.files.reopenFolder(folder_id, self._listing_progress())
        except Exception as error:
            self.no_folder(error)
            return
        if folder is not None:
            await self.open_folder(folder)

    def from_upload(self, file_list) -> None:
        if file_list.length:
            spawn(self.open_folder(self.files.Folder.fromFileList(file_list)))

    def on_drop(self, event) -> None:
        event.preventDefault()
        items = event.dataTransfer.items
        if not items or not self.files.canPickFolders():
            return
        promise = self.files.folderFromDrop(items, self._listing_progress())
        spawn(self._dropped(promise))

    async def _dropped(self, promise) -> None:
        try:
            folder = await promise
        except Exception as error:
            self.no_folder(error)
            return
        if folder is None:
            message("Not a folder", "Drop a folder (not single files) to rank its images.")
        else:
            await self.open_folder(folder)

    def _listing_progress(self):
        """The listing view from the walk's first call on, not before: a person who closes
        the picker (or refuses permission) stays in the view they were in."""

        def progress(count):
            set_view("listing")
            found = f" {int(count):,} files" if count else ""
            by_id("listing-text").textContent = f"Listing the folder…{found}"

        proxy = create_proxy(progress)
        return proxy

    def no_folder(self, error) -> None:
        if _name(error) in ("NotAllowedError", "SecurityError"):
            message(
                "No permission to use that folder",
                "The browser did not let the page read and write that folder. Choose it "
                "again and allow access, or choose another folder.",
            )
        else:
            message("The folder could not be opened", _text(error))

    async def open_folder(self, folder) -> None:
        set_view("listing")
        by_id("listing-text").textContent = f"Reading “{folder.name}”…"
        await asyncio.sleep(0)
        self.close_session()
        opened = await Session.open(
            folder, settings.strategy(), settings.judge(), self.on_save_state, settings.question()
        )
        if opened.session is None:
            message(opened.title, opened.report)
            return
        self.session = opened.session
        self.images = ImageCache(folder)
        self.ranking.show_folder(folder)
        by_id("folder-name").textContent = folder.name
        for button_id in ("to-ranking", "to-compare", "show-settings"):
            by_id(button_id).hidden = False
        report = opened.report
        if not folder.canWrite:
            report += (
                " This browser cannot write into the folder: answers are kept in this browser; "
                "download votes.csv, rankings.csv and preferences.jsonl from Settings."
            )
        banner.show(report, kind="info")
        self.prompts = PromptReader(folder, self.session.listing.images, self._prompts_read)
        self._notes_said = False
        self.session.prompts = self.ranking.prompts = self.prompts.prompts
        await self.compare_within(settings.within())
        self.show_question()
        self.on_save_state()
        await self.show_compare()
        window.requestAnimationFrame(create_once_callable(_record_first_pair))
        self.prompts.read_all(after_s=PROMPTS_AFTER_S)
        spawn(self._settle_when_idle())

    async def compare_within(self, within: str) -> None:
        """Grouping by prompt needs every prompt before a question can be asked: the
        listing view says so while they are read."""
        if within == "prompt" and not self.prompts.done:
            set_view("listing")
            self._prompts_read()
            await self.prompts.read_all()
        self.session.set_within(within)

    async def _settle_when_idle(self) -> None:
        """A resumed log is replayed roughly first (the first pair sooner); the joint
        estimate is finished here in short steps, between the person's answers."""
        await settle_in_slices(self._ranker_of(self.session))

    def _ranker_of(self, session: Session) -> Callable[[], Ranker | None]:
        """`session`'s ranker for as long as it is the page's, for work that outlives a call."""
        return lambda: session.ranker if session is self.session else None

    def close_session(self) -> None:
        if self.session is not None:
            self._release_folder(self.session.saver)
        if self.prompts is not None:
            self.prompts.stop()
        if self.images is not None:
            self.images.clear()
        self.ranking.clear()
        self.session = self.images = None
        self.pair = None

    def _release_folder(self, saver) -> None:
        """The folder's lock goes with the session, so that another tab (or this one, on
        opening it again) can write the folder. The closed saver stops writing first: what
        it had not written yet is in the journal, which the folder's next writer takes in."""
        if saver.close():
            self.files.releaseFolder(saver.folder_key)

    def back(self) -> None:
        set_view("compare" if self.session else "start")
        spawn(self.show_recent())

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
        session = self.session
        ranker = session.ranker
        shown = ranker.next_set(4) if settings.mode() == "best4" else ranker.next_pair()
        if shown is None:
            message("Nothing left to compare", "Fewer than two images are left in the ranking.")
            return
        loading = asyncio.gather(*(self.images.get(path) for path in shown))
        if journaled is not None:
            await asyncio.wait([journaled])
        loaded = await loading
        if session is not self.session:
            return
        self.pair = shown
        self.images.pin(shown)
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
        if self.pair == shown and self.session is not None:
            self.images.prefetch(self.session.ranker.likely_next())

    async def _show_prompt(self, shown: tuple[str, ...]) -> None:
        """The prompt above the images (blind mode hides names, not prompts)."""
        if self.prompts is None:
            return
        texts = [await self.prompts.get(path) for path in shown]
        if self.pair != shown:
            return
        known = list(dict.fromkeys(text for text in texts if text))
        element_ = by_id("prompt")
        element_.hidden = not known
        element_.textContent = known[0] if len(known) == 1 else " | ".join(known)

    def _prompts_read(self) -> None:
        reader = self.prompts
        if reader is not None and reader.done and reader.notes and not self._notes_said:
            self._notes_said = True
            more = len(reader.notes) - 2
            said = "; ".join(reader.notes[:2]) + (f"; and {more:,} more" if more > 0 else "")
            banner.show(f"Some prompts were left out: {said}.", kind="info")
        if view() == "listing" and self.session is not None:
            by_id("listing-text").textContent = (
                f"Reading the prompts… {len(self.prompts.prompts):,} of "
                f"{len(self.session.listing.images):,} images"
            )

    def schedule_progress(self) -> None:
        if self._progress is not None and not self._progress.done():
            self._progress.cancel()
        self._progress = asyncio.ensure_future(self._show_progress())

    async def _show_progress(self) -> None:
        await asyncio.sleep(PROGRESS_DELAY_S)
        ranker = self.session.ranker
        confidence = ranker.confidence()
        to_go = ranker.answers_to_go(0.9, confidence=confidence)
        show_progress(confidence, to_go, ranker.answered)

    async def answer(self, kind: str, started: float | None = None) -> None:
        if self.busy or self.session is None or self.pair is None or view() != "compare":
            return
        started = window.performance.now() if started is None else started
        shown = self.pair
        if len(shown) > 2 and kind in ("left", "right", "draw"):
            return  # best of 4 is answered with 1-4 (or a click)
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
                await self.show_next(started, self.session.saver.journaled)
        finally:
            self.busy = False

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
                self.session.undo()
            except NothingToUndoError:
                banner.show("There is no answer to undo.", kind="info")
                return
            if view() == "ranking":
                self.show_ranking()
            else:
                await self.show_next(window.performance.now(), self.session.saver.journaled)
        finally:
            self.busy = False

    def set_aside(self, path: str) -> None:
        if self.session is None:
            return
        self.session.set_aside(path)
        self.images.forget(path)
        named = "The image" if settings.blind() else f"“{path}”"  # blind mode hides names
        banner.show(f"{named} is left out of the ranking (the file is untouched).", kind="info")
        spawn(self.show_next(None))

    # keys --------------------------------------------------------------------------------------

    def on_key(self, event) -> None:
        target = event.target
        if target.tagName in ("INPUT", "SELECT", "TEXTAREA") and event.key != "Escape":
            return
        if event.altKey or event.metaKey:
            return
        key = event.key if len(event.key) > 1 else event.key.lower()
        action = (
            "undo" if event.ctrlKey and key == "z" else (None if event.ctrlKey else KEYS.get(key))
        )
        if event.key == "?":
            action = "help"
        if action is None:
            return
        if action == "escape":
            self.help(False)
            self.close_viewer()
            self.compare.toggle_zoom(False)
            return
        if action == "help":
            event.preventDefault()
            self.help(by_id("help").hidden)
            return
        if self.session is None or not by_id("help").hidden:
            return
        event.preventDefault()
        if event.repeat and (action in ANSWERS or action == "undo"):
            return  # a held key answers (or undoes) once, not at the key repeat rate
        if action in ANSWERS:
            spawn(self.answer(action, event.timeStamp))  # timed from the press: a wait counts
        elif action == "undo":
            spawn(self.undo())
        elif action == "zoom" and view() == "compare":
            self.compare.toggle_zoom()
        elif action == "ranking":
            self.toggle_ranking()

    def help(self, show: bool) -> None:
        by_id("help").hidden = not show
        if show:
            by_id("help-close").focus()

    # ranking view ------------------------------------------------------------------------------

    def toggle_ranking(self) -> None:
        if self.session is None:
            return
        if view() == "ranking":
            spawn(self.show_compare())
            return
        set_view("ranking")
        self.show_ranking()
        by_id("ranking-list").focus()

    def show_ranking(self) -> None:
        """The whole ranking, or with groups one group's (each group is its own ranking).
        Reading it settles the ratings; on a long log that takes a while, done here in slices
        between frames, so the page says so rather than freezing."""
        session = self.session
        if settle_for(session.ranker, RANKING_AT_ONCE_S):
            self._draw_ranking()
            return
        by_id("ranking-count").textContent = "Settling the ranking…"
        spawn(self._draw_ranking_when_settled(session))

    async def _draw_ranking_when_settled(self, session: Session) -> None:
        if await settle_in_slices(self._ranker_of(session), pause_s=0.0) and view() == "ranking":
            self._draw_ranking()

    def _draw_ranking(self) -> None:
        ranker = self.session.ranker
        select = by_id("group-select")
        groups = ranker.groups if self.session.within != "folder" else {}
        groups = {name: items for name, items in groups.items() if not name.startswith(UNREAD)}
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
        self.ranking.update(ranker.standings(chosen))

    def open_viewer(self, path: str) -> None:
        spawn(self._open_viewer(path))

    async def _open_viewer(self, path: str) -> None:
        """The image large, loaded as the compare view loads it (an SVG drawn into pixels, a
        huge image refused); what keeps it from being shown is said under it."""
        self.close_viewer()
        loaded = await load_image(self.session.folder, path)
        self._viewer_url = loaded.url
        image = by_id("viewer-img")
        image.hidden = loaded.error is not None
        if loaded.error:
            image.removeAttribute("src")
        else:
            image.src = loaded.url
        image.alt = path
        by_id("viewer-name").textContent = f"{path} {loaded.error}" if loaded.error else path
        by_id("viewer").hidden = False

    def close_viewer(self) -> None:
        by_id("viewer").hidden = True
        if self._viewer_url:
            window.URL.revokeObjectURL(self._viewer_url)
            self._viewer_url = None

    # saving and files ---------------------------------------------------------------------------

    def on_save_state(self) -> None:
        if self.session is None:
            return
        saver = self.session.saver
        by_id("save-status").textContent = saver.state()
        if saver.failed:
            banner.show(
                f"Your answers could not be written to .image-ranker/{saver.log}: "
                f"{saver.failed}. They are kept in this browser; nothing is lost.",
                retry=lambda: spawn(self._retry_saving(saver)),
                download=self.download_votes,
            )
        elif saver.exports_failed:
            banner.show(
                f"Could not update {saver.exports_failed}. Your answers are saved in "
                f"{saver.log}; the exports are written again after the next answer.",
                retry=lambda: spawn(saver.write_exports()),
            )
        elif saver.notice:
            banner.show(saver.notice, kind="info")
            saver.notice = None
        elif self._save_banner:
            banner.hide()
        self._save_banner = bool(saver.failed or saver.exports_failed)

    async def _retry_saving(self, saver) -> None:
        """A revoked permission is the usual reason a write fails: Retry asks for it again
        before writing (a refusal leaves the answers in this browser, as before)."""
        try:
            await saver.folder.askToWrite()
        except Exception as error:  # the browser refused to ask: the write says why
            window.console.warn("Write permission not asked again:", error)
        await saver.flush()

    def wire_files(self) -> None:
        on(by_id("download-votes"), "click", lambda _e: self.download_votes())
        on(by_id("download-rankings"), "click", lambda _e: self._download("rankings"))
        on(by_id("download-preferences"), "click", lambda _e: self._download("preferences"))
        on(by_id("download-json"), "click", lambda _e: self._download("json"))
        on(by_id("download-pick-a-pic"), "click", lambda _e: self._download("pick-a-pic"))
        on(by_id("group-select"), "change", lambda _e: self.show_ranking())
        on(by_id("load-votes"), "change", lambda e: spawn(self.load_votes(e.target)))
        on(by_id("import-votes"), "change", lambda e: spawn(self.load_votes(e.target)))

    def download_votes(self) -> None:
        if self.session is not None:
            self.files.download("votes.csv", write_votes(self.session.saver.all_votes))

    def _download(self, what: str) -> None:
        if self.session is not None:
            spawn(self._download_when_settled(what, self.session))

    async def _download_when_settled(self, what: str, session: Session) -> None:
        """The rankings are settled first, and the preference files written, in slices (on a
        long log either would freeze the page)."""
        ranked = what in ("rankings", "json")
        if ranked and not await settle_in_slices(self._ranker_of(session), pause_s=0.0):
            return
        ranker = session.ranker
        if what == "rankings":
            self.files.download("rankings.csv", write_rankings(ranker.standings()))
        elif what in ("preferences", "pick-a-pic"):
            name = f"{what}.jsonl"
            text = await pieces_in_slices(session.saver.training_lines(name), pause_s=0.0)
            self.files.download(name, text, "application/jsonl")
        else:
            judges = sorted({v.judge for v in session.saver.all_votes})
            text = write_rankings_json(ranker.standings(), ranker.question, judges)
            self.files.download("rankings.json", text, "application/json")

    async def load_votes(self, input_element) -> None:
        """Load votes.csv (resume from a downloaded log) or Import votes (another judge's
        votes.csv, or the original app's comparison history): rows not yet in the log are
        appended to it, and the ranking is replayed from the whole log."""
        if self.session is None or not input_element.files.length:
            return
        file = input_element.files.item(0)
        text = await file.text()
        input_element.value = ""
        saver = self.session.saver
        notes = []
        removed: list[str] = []
        if is_flask_history(text):
            imported = import_flask_history(text, self.session.ranker.items, settings.judge())
            theirs, removed = imported.votes, imported.removed
            if imported.unmatched:
                notes.append(f"{plural(len(imported.unmatched), 'path')} matched no image here")
            if imported.ambiguous:
                notes.append(f"{plural(len(imported.ambiguous), 'path')} matched several images")
            problems = imported.problems
        else:
            read = read_votes(text)
            theirs, problems = read.votes, read.problems
            missing = paths_not_in_folder(theirs, self.session.listing.images)
            if missing:
                listed = ", ".join(f"“{path}”" for path in missing[:3])
                listed += ", …" if len(missing) > 3 else ""
                named = "" if settings.blind() else f" ({listed})"  # blind mode hides names
                notes.append(
                    f"{plural(len(missing), 'path')} not in this folder{named}: their answers "
                    "are kept in the log and left out of the ranking"
                )
        new = merge_votes(saver.all_votes, theirs)
        if new:
            saver.record(new)
            self.session.replace_log(saver.all_votes)
        removed = [path for path in removed if path in self.session.ranker.items]
        if removed:  # after the replay, which starts again from the folder's images
            self.session.ranker.remove(removed)
            notes.append(f"{plural(len(removed), 'image')} left out, as in that history")
        notes.extend(str(problem) for problem in problems[:5])
        summary = f"{file.name}: {plural(len(new), 'new answer')} added"
        if len(theirs) > len(new):
            summary += f", {plural(len(theirs) - len(new), 'answer')} already in the log"
        agreement = [
            f"{a} and {b} agree on {agree} of {both} pairs both answered"
            for (a, b), (both, agree) in judge_agreement(saver.all_votes).items()
            if both
        ]
        banner.show(". ".join([summary, *notes, *agreement]) + ".", kind="info")
        if view() == "ranking":
            self.show_ranking()
        else:
            await self.show_next(None)

    # settings ------------------------------------------------------------------------------------

    def on_settings(self, name: str, value) -> None:
        if self.session is None:
            return
        if name == "strategy":
            self.session.ranker.strategy = value
            if view() == "compare" and not self.busy:
                spawn(self.show_next(None))
        elif name == "judge":
            self.session.ranker.judge = value
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
        by_id("question").textContent = self.session.ranker.question


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


def _name(error) -> str:
    return str(getattr(error, "name", "") or type(error).__name__)


def _text(error) -> str:
    return str(getattr(error, "message", "") or error)
