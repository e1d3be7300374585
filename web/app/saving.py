"""Nothing a person answered is ever lost: every answer goes into this browser's journal
(IndexedDB) at once and into the folder's log within a second: `.image-ranker/votes.csv`
while this device ranks the folder alone, its own `.image-ranker/votes/<judge>-<device>.csv`
once other devices write there too. Which log, and how an append is checked against what
another program did to the file meanwhile, is decided by `ranker.formats.log_files` (pure
Python, tested in CPython): this module only moves the bytes it asks for. Every `FOLLOW_S`
the other logs are looked at again (only their new ends are read), so that answers given on
another computer of the team, brought by a sync service, come into the ranking. When writing
fails the answers stay in the journal, and the next successful write (or the next visit)
takes them in; only one tab per folder writes (a Web Lock), the others' answers reach the
file through the journal."""

import asyncio
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass, field
from typing import TypeVar

from pyodide.ffi import create_proxy, to_js
from pyscript import window

from ranker import Vote
from ranker.formats import GrowingVotesCsv, answers_in_force
from ranker.formats.journal import journal_votes
from ranker.formats.log_files import (
    NOT_A_FILE,
    List,
    LogFiles,
    Look,
    Read,
    Seen,
    Step,
    Write,
    device_log,
)
from ranker.formats.log_summary import arrived_note

from .bridge import files
from .dom import spawn
from .errors import described

T = TypeVar("T")
FLUSH_DELAY_S = 0.3
RETRY_S = 2.0  # after a flush that found the log changing under every look and write
FOLLOW_S = 4.0  # how often other devices' logs are looked at: their answers in within ~10 s
TAB = window.crypto.randomUUID()


@dataclass(frozen=True)
class SaveState:
    """What the page says about saving: the status line, a failed write of the log or of an
    export, a notice to say once, and the log in use."""

    status: str
    failed: str | None
    exports_failed: str | None
    notice: str | None
    log: str
    arrived: str = ""  # the latest answers that came in from other devices, said quietly


@dataclass
class Found:
    """What a folder held: its log, the answers only the journal had, what could not be read."""

    votes: list[Vote] = field(default_factory=list)
    from_journal: int = 0  # answers in force that only the journal had
    problems: list[str] = field(default_factory=list)  # each as the page says it
    notes: list[str] = field(default_factory=list)


class Saver:
    def __init__(self, folder, on_state, judge: str, device: str) -> None:
        self.folder = folder
        self.files = files
        self.key = f"{folder.id}:{TAB}"
        self.folder_key = str(folder.id)  # which_folder.py set it
        self.device = device
        self.logs = LogFiles(team=device_log(judge, device))
        self.arrived = ""
        self.arrivals = 0  # answers that came in from other devices since the folder opened
        self.all_votes: list[Vote] = []
        self._known: set[Vote] = set()  # all_votes, for lookups
        self.pending: list[Vote] = []  # this tab's answers not yet seen on disk
        self._journal_text = GrowingVotesCsv()
        self._journal_of: list[Vote] = self.pending  # the list whose text it holds
        self.writer = False
        self.closed = False  # the page moved on to another folder: this saver never writes
        self.failed: str | None = None
        self.notice: str | None = None  # something the page says once (then sets to None)
        self._on_state = on_state
        self._take_in: Callable[[list[Vote]], None] = lambda votes: None
        self._on_saved: Callable[[], None] = lambda: None
        self._on_device: Callable[[str], None] = lambda device: None
        self._flush: asyncio.Future | None = None
        self._journal_read: dict = {}  # tab key -> the rows its journal entry held when read
        self._others_waiting = False  # another tab answered since its journal was last read
        self.journaled: asyncio.Future | None = None  # the latest answer's journal write
        self._journaled_votes: list[Vote] = []  # what that write puts in this tab's entry

    def connect(
        self,
        take_in: Callable[[list[Vote]], None],
        on_saved: Callable[[], None],
        on_device: Callable[[str], None],
    ) -> None:
        """What the saver tells its session: answers that another tab or program added to the
        log (to take into the ranking), that the log on disk holds every answer (the exports
        follow it), and the device its answers are from once the folder is ranked as a team."""
        self._take_in, self._on_saved, self._on_device = take_in, on_saved, on_device
        on_device(self.row_device)

    @property
    def row_device(self) -> str:
        """The device this page's rows name: none while it writes votes.csv alone."""
        return self.device if self.logs.in_team else ""

    @property
    def log(self) -> str:
        return self.logs.log

    # opening ----------------------------------------------------------------------------------

    async def open(self) -> Found:
        found = Found()
        if self.folder.canWrite:
            self.writer = bool(await self.files.lockFolder(self.folder_key))
            self.files.onJournalChange(self.folder_key, create_proxy(self._others_answered))
            if not self.writer:
                found.notes.append(
                    "This folder is open in another tab: that tab writes its files; answers "
                    "given here are kept in this browser and reach the folder through it."
                )
            opened = await self._run(self.logs.open())
            found.votes, found.problems = opened.votes, opened.problems
            found.notes.extend(opened.notes)
        journal = await self._journal()
        fresh = [vote for vote in journal if not self.logs.holds_on_disk(vote)]
        found.votes.extend(fresh)
        kept = set(fresh)
        found.from_journal = sum(
            any(vote in kept for vote in answer) for answer in answers_in_force(found.votes)
        )
        self._add(found.votes)
        self.logs.hold(fresh)
        self.pending = fresh
        if fresh:
            self._schedule()
        spawn(self._follow())
        return found

    def write_as(self, judge: str) -> None:
        """The person changed their name: this device's answers go to that judge's log."""
        self.logs.join(device_log(judge, self.device))

    async def _follow(self) -> None:
        """Looks for other devices' answers every `FOLLOW_S` while the folder is open, by a
        flush (which follows every log from where it was last seen) when none is running."""
        while not self.closed:
            await asyncio.sleep(FOLLOW_S)
            if self.writer and not self.failed and (self._flush is None or self._flush.done()):
                self._flush = spawn(self.flush())

    async def _run(self, steps: Generator[Step, object, T]) -> T:
        """Carries out the reads and writes one of `LogFiles`' generators asks for, sending
        back what the folder answered, and returns what it returns. A step that fails raises
        here, and the generator is closed: the next flush starts from a fresh read."""
        answer = None
        try:
            while True:
                answer = await self._do(steps.send(answer))
        except StopIteration as done:
            return done.value
        finally:
            steps.close()

    async def _do(self, step: Step) -> object:
        folder = self.folder
        try:
            if isinstance(step, List):
                names = await folder.listApp()
                return None if names is None else [str(name) for name in names]
            if isinstance(step, Read):
                data = await folder.readApp(step.name)
                return None if data is None else bytes(data.to_bytes())
            if isinstance(step, Look):
                seen = await folder.peekApp(step.name, step.start)
                return None if seen is None else Seen(int(seen.size), bytes(seen.data.to_bytes()))
        except Exception as error:
            if str(getattr(error, "name", "")) == "TypeMismatchError":
                return NOT_A_FILE
            raise
        if isinstance(step, Write):
            started = window.performance.now()
            tail = to_js(step.tail)
            written = await folder.writeApp(step.name, step.text, step.keep, step.expect, tail)
            window.imageRankerLastFlushMs = window.performance.now() - started
            return bool(written)
        raise TypeError(f"not a step: {step!r}")

    async def _journal(self) -> list[Vote]:
        """Every tab's journal of this folder, each answer once; what each entry held is kept
        (`_journal_read`), so that the entry is dropped only while it holds just that."""
        entries = await self.files.journalEntries(self.folder_key)
        self._journal_read = {str(entry.id): entry.rows for entry in entries}
        return journal_votes(str(text) for entry in entries for text in entry.rows)

    def _add(self, votes: list[Vote]) -> list[Vote]:
        """Answers this page now holds; returns those it did not hold yet."""
        fresh = [vote for vote in votes if vote not in self._known]
        self._known.update(fresh)
        self.all_votes.extend(fresh)
        return fresh

    # answering --------------------------------------------------------------------------------

    def record(self, votes: list[Vote]) -> None:
        """The journal write starts here, in the same task as the answer: the browser has it
        before the next pair is drawn, so a tab killed after that keeps the answer."""
        self._add(votes)
        self.logs.hold(votes)
        self.pending.extend(votes)
        self.journaled = spawn(self._write_journal())
        self._on_state()
        self._schedule()

    def _write_journal(self) -> Awaitable[None]:
        if self._journal_of is not self.pending:  # a write took some: pending was replaced
            self._journal_text, self._journal_of = GrowingVotesCsv(), self.pending
        mine = [self._journal_text.text(self.pending)] if self.pending else []
        self._journaled_votes = list(self.pending)
        return self.files.setJournal(self.key, self.folder_key, to_js(mine))

    def _schedule(self) -> None:
        if self._flush is None or self._flush.done():
            self._flush = spawn(self._flush_soon())

    async def _flush_soon(self) -> None:
        """Flushes until nothing is pending: answers given during a write, here or in
        another tab, go in the next."""
        await asyncio.sleep(FLUSH_DELAY_S)
        while True:
            saved = await self.flush()
            if self.failed or not self.writer:  # Retry, or the writer's tab, flushes next
                return
            if saved and not (self.pending or self._others_waiting):
                return
            await asyncio.sleep(FLUSH_DELAY_S if saved else RETRY_S)

    def _others_answered(self) -> None:
        if self.writer:
            self._others_waiting = True
            self._schedule()
        elif not self.closed:
            spawn(self._forget_written())

    async def _forget_written(self) -> None:
        """Another tab writes the folder, and drops this tab's journal entry only once the
        file holds every answer in it (`dropJournal`). Once the entry is gone, and this tab
        has not written it since, those answers are on disk: pending starts over, so the entry
        does not grow with every answer for the tab's life, read whole at each of the
        writer's writes."""
        journaled, written = self.journaled, self._journaled_votes
        if journaled is None or not written:
            return
        await asyncio.wait([journaled])
        if journaled.cancelled() or journaled.exception() is not None:
            return  # the entry may never have held these answers
        entries = await self.files.journalEntries(self.folder_key)
        if self.journaled is not journaled or any(str(e.id) == self.key for e in entries):
            return
        done = set(written)
        self.pending = [vote for vote in self.pending if vote not in done]

    async def flush(self) -> bool:
        """Writes what is pending; True when the folder's file was seen to hold every answer.
        A tab that is not the writer tries to become it first: the writer's tab may have
        closed (the log grew under that tab: the next write looks at the file before it
        appends, as always)."""
        if self.folder.canWrite and not self.writer and not self.closed:
            self.writer = bool(await self.files.lockFolder(self.folder_key))
        if not (self.folder.canWrite and self.writer):
            self._on_state()
            return not self.pending
        self._others_waiting = False
        others = self._add(await self._journal())
        self.logs.hold(others)
        wrote = bool(self.pending)
        try:
            saved = await self._run(self.logs.flush())
        except Exception as error:
            self.failed = described(error)
            self._on_state()
            return False
        self._on_device(self.row_device)
        arrived = self._add(self.logs.arrived)
        self.logs.arrived.clear()
        if others or arrived:
            self._take_in(others + arrived)
        from_others = [vote for vote in arrived if vote.device != self.device]
        if from_others and self.logs.in_team:  # other computers' answers: said quietly
            self.arrived = arrived_note(from_others)
            self.arrivals += len(from_others)
        if self.logs.notices:
            self.notice = " ".join(self.logs.notices)
            self.logs.notices.clear()
        self.pending = [vote for vote in self.pending if not self.logs.holds_on_disk(vote)]
        if not saved:
            self._on_state()
            return False
        self.failed = None
        for key, rows in self._journal_read.items():
            if key != self.key:  # another tab's answers, now in the file
                await self.files.dropJournal(key, self.folder_key, rows)
        if wrote:
            await self._write_journal()
        if wrote or others or arrived:
            self._on_saved()
        self._on_state()
        return True

    def close(self) -> None:
        """The folder is closed in this tab: no more writes from here (what is not written
        yet is in the journal, which the folder's next writer takes in), and the folder's
        lock, taken when it opened, is let go, so that another tab (or this one, on opening
        the folder again) can write it."""
        was_writer, self.writer, self.closed = self.writer, False, True
        if self._flush is not None and not self._flush.done():
            self._flush.cancel()
        if was_writer:
            self.files.releaseFolder(self.folder_key)

    def take_state(self, exports_failed: str | None) -> SaveState:
        """The state to show, with what the exports said; a notice is given once."""
        notice, self.notice = self.notice, None
        return SaveState(self.state(), self.failed, exports_failed, notice, self.log, self.arrived)

    async def retry(self) -> None:
        """A revoked permission is the usual reason a write fails: Retry asks for it again
        before writing (a refusal leaves the answers in this browser, as before)."""
        try:
            await self.folder.askToWrite()
        except Exception as error:  # the browser refused to ask: the write says why
            window.console.warn("Write permission not asked again:", error)
        await self.flush()

    def state(self) -> str:
        if self.failed:
            return f"Not saved: {self.failed}"
        if not self.folder.canWrite:
            return "Answers kept in this browser (download to save)"
        if not self.writer:
            return "Another tab saves this folder"
        if self.pending:
            return "Saving…"
        return f"Saved to .image-ranker/{self.log}"
