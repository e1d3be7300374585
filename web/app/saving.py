"""Nothing a person answered is ever lost: every answer goes into this browser's journal
(IndexedDB) at once and into the folder's `.image-ranker/votes.csv` within a second, by an
atomic write that keeps the file's existing bytes and appends after its last complete row.
When writing fails the answers stay in the journal, and the next successful write (or the
next visit) takes them in; only one tab per folder writes (a Web Lock), the others' answers
reach the file through the journal."""

import asyncio
import itertools
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field

from pyodide.ffi import create_proxy
from pyscript import window

from ranker import Ranker, Vote
from ranker.formats import (
    VOTES_HEADER,
    GrowingVotesCsv,
    Problem,
    VotesFile,
    format_votes,
    pick_a_pic_lines,
    preference_lines,
    rankings_lines,
    read_votes,
    votes_header,
    write_votes,
)
from ranker.formats.votes_csv import fits

from .dom import spawn
from .settling import settle_in_slices
from .slices import pieces_in_slices

LOG = "votes.csv"
FLUSH_DELAY_S = 0.3
EXPORTS_EVERY_S = 3.0
TRAINING_FILES = ("preferences.jsonl", "pick-a-pic.jsonl")
TAB = window.crypto.randomUUID()


def log_name(number: int) -> str:
    """votes.csv, then votes-2.csv, votes-3.csv, ...: a log that cannot take new rows safely
    (not a votes log, a quote never closed, or unreadable rows when an answer needs a column
    its header lacks) is kept byte for byte, and the next one is begun beside it."""
    return LOG if number == 1 else f"votes-{number}.csv"


def _beside_note(kept: list[str], log: str, appending: bool) -> str:
    """What the page says on opening a folder whose answers are not all in one log."""
    names = " and ".join(kept)
    as_it_was = "as it was" if len(kept) == 1 else "as they were"
    if appending:
        return f"New answers go to {log}, read together with {names} (kept {as_it_was})."
    *before, last = kept
    together = f", read together with {' and '.join(before)}" if before else ""
    return (
        f"{last} cannot take new rows safely and is left as it is; new answers go to "
        f"{log}{together}."
    )


def _said(problems: list[Problem], log: str | None) -> list[str]:
    """Problems as the page reports them, after the file's name when there are several logs."""
    if log is None:
        return [str(problem) for problem in problems]
    return [f"{log}, {problem}" if problem.line else f"{log}: {problem}" for problem in problems]


@dataclass
class Found:
    """What a folder held: its log, the answers only the journal had, what could not be read."""

    votes: list[Vote] = field(default_factory=list)
    from_journal: int = 0
    problems: list[str] = field(default_factory=list)  # each as the page says it
    notes: list[str] = field(default_factory=list)


class Saver:
    def __init__(self, folder, on_state) -> None:
        self.folder = folder
        self.files = window.imageRankerFiles
        self.key = f"{folder.id or 'upload:' + folder.name}:{TAB}"
        self.folder_key = folder.id or f"upload:{folder.name}"
        self.log_number = 1  # the log this tab appends to: votes.csv, or votes-N.csv beside it
        self.header = VOTES_HEADER
        self.keep_bytes = 0
        self.on_disk: set[Vote] = set()
        self.elsewhere: set[Vote] = set()  # in a votes.csv this page may not append to
        self.all_votes: list[Vote] = []
        self.pending: list[Vote] = []
        self._journal_text = GrowingVotesCsv()
        self._journal_of: list[Vote] = self.pending  # the list whose text it holds
        self.writer = False
        self.closed = False  # the page moved on to another folder: this saver never writes
        self.clean = True  # the log read without problems: widening its header loses nothing
        self.failed: str | None = None
        self.exports_failed: str | None = None
        self.notice: str | None = None  # something the page says once (then sets to None)
        self._on_state = on_state
        self._flush: asyncio.Task | None = None
        self._journal_read: dict = {}  # tab key -> the rows its journal entry held when read
        self._others_waiting = False  # another tab answered since its journal was last read
        self._exports_at = 0.0
        self._exporting: asyncio.Task | None = None
        self._export_again = False
        self.journaled: asyncio.Future | None = None  # the latest answer's journal write
        self._journaled_votes: list[Vote] = []  # what that write puts in this tab's entry
        self.current_ranker: Callable[[], Ranker] | None = None  # set by the session
        self.context = dict  # set by the page: () -> prompts and groups for the exports

    @property
    def log(self) -> str:
        return log_name(self.log_number)

    # opening ----------------------------------------------------------------------------------

    async def open(self) -> Found:
        found = Found()
        if self.folder.canWrite:
            self.writer = bool(await self.files.lockFolder(self.folder_key))
            self.files.onJournalChange(self.folder_key, create_proxy(self._others_answered))
            if not self.writer:
                found.notes.append(
                    "This folder is open in another tab: that tab writes its files; answers "
                    "given here are kept in this browser and reach votes.csv through it."
                )
            logs = await self._read_logs()
            current = logs.pop() if logs and logs[-1][1].appendable else None
            if current is not None:
                self.log_number = current[0]
            elif logs:  # none of them can take new rows: the next one is begun
                self.log_number = logs[-1][0] + 1
            named = len(logs) + (current is not None) > 1  # problems say which file they are in
            for number, read in logs:  # each kept byte for byte, read with the log appended to
                found.problems.extend(_said(read.problems, log_name(number) if named else None))
                found.votes.extend(read.votes)
                self.on_disk.update(read.votes)
                self.elsewhere.update(read.votes)
            if current is not None:
                found.problems.extend(_said(current[1].problems, self.log if named else None))
                found.votes.extend(self._adopt(current[1]))
            if logs:
                kept = [log_name(number) for number, _ in logs]
                found.notes.append(_beside_note(kept, self.log, appending=current is not None))
        journal = await self._journal()
        fresh = [vote for vote in journal if vote not in self.on_disk]
        found.from_journal = len(fresh)
        found.votes.extend(fresh)
        self.all_votes = list(found.votes)
        self.pending = fresh
        if fresh:
            self._schedule()
        return found

    async def _read_logs(self) -> list[tuple[int, VotesFile]]:
        """The logs that exist, by number: votes.csv, then the logs begun beside it, each when
        the one before could not take new rows (votes-2.csv, votes-3.csv, ...)."""
        logs = []
        for number in itertools.count(1):
            read = await self._read(log_name(number))
            if read is not None:
                logs.append((number, read))
            elif number > 1:
                return logs

    async def _read(self, name: str):
        data = await self.folder.readApp(name)
        return None if data is None else read_votes(data.to_bytes())

    async def _journal(self) -> list[Vote]:
        """Every tab's journal of this folder, each answer once; what each entry held is kept
        (`_journal_read`), so that the entry is dropped only while it holds just that."""
        votes: list[Vote] = []
        seen: set[Vote] = set()
        self._journal_read = {}
        for entry in await self.files.journalEntries(self.folder_key):
            self._journal_read[str(entry.id)] = entry.rows
            for text in entry.rows:
                for vote in read_votes(str(text), fragment=True).votes:
                    if vote not in seen:
                        seen.add(vote)
                        votes.append(vote)
        return votes

    # answering --------------------------------------------------------------------------------

    def record(self, votes: list[Vote]) -> None:
        """The journal write starts here, in the same task as the answer: the browser has it
        before the next pair is drawn, so a tab killed after that keeps the answer."""
        self.all_votes.extend(votes)
        self.pending.extend(votes)
        self.journaled = spawn(self._write_journal())
        self._on_state()
        self._schedule()

    def _write_journal(self) -> Awaitable[None]:
        from pyodide.ffi import to_js  # noqa: PLC0415 - browser only

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
        while await self.flush() and (self.pending or self._others_waiting):
            await asyncio.sleep(FLUSH_DELAY_S)

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
        self.on_disk.update(written)
        self.pending = [v for v in self.pending if v not in self.on_disk]

    async def flush(self) -> bool:
        """Writes what is pending; True when the folder's file holds every answer. A tab that
        is not the writer tries to become it first: the writer's tab may have closed."""
        if self.folder.canWrite and not self.writer and not self.closed:
            self.writer = bool(await self.files.lockFolder(self.folder_key))
            if self.writer:
                await self._read_again()
        if not (self.folder.canWrite and self.writer):
            self._on_state()
            return not self.pending
        self._others_waiting = False
        others = [v for v in await self._journal() if v not in self.on_disk]
        batch = list(dict.fromkeys(self.pending + others))
        if not batch:
            return True
        if self.keep_bytes and not fits(batch, self.header) and not self.clean:
            self._start_log_beside()
        try:
            if self.keep_bytes and fits(batch, self.header):
                text, keep = format_votes(batch, self.header), self.keep_bytes
            else:  # a new file, or a clean log whose header cannot hold these answers' fields
                kept = [v for v in self.all_votes if v in self.on_disk and v not in self.elsewhere]
                written = kept + batch
                text, keep = write_votes(written), 0
                self.header = votes_header(written)
            started = window.performance.now()
            await self.folder.writeApp(self.log, text, keep)
            window.imageRankerLastFlushMs = window.performance.now() - started
        except Exception as error:
            self.failed = _describe(error)
            self._on_state()
            return False
        self.keep_bytes = keep + len(text.encode("utf-8"))
        self.on_disk.update(batch)
        for vote in others:
            if vote not in self.all_votes:
                self.all_votes.append(vote)
        self.pending = [v for v in self.pending if v not in self.on_disk]
        self.failed = None
        for key, rows in self._journal_read.items():
            if key != self.key:  # another tab's answers, now in the file
                await self.files.dropJournal(key, self.folder_key, rows)
        await self._write_journal()
        self._exports()
        self._on_state()
        return True

    async def _read_again(self) -> None:
        """This tab has just become the writer: the log grew under the tab that wrote it
        until now, so the append point and what is on disk are read anew before any write
        (an append at the old point would write over that tab's rows)."""
        read = await self._read(self.log)
        if read is None:
            return
        known = set(self.all_votes)
        self.all_votes.extend(v for v in self._adopt(read) if v not in known)
        self.pending = [v for v in self.pending if v not in self.on_disk]

    def _adopt(self, read) -> list[Vote]:
        """The log as read becomes the one this tab appends to (its header, its append point,
        whether it read cleanly); returns its votes that were not known to be on disk."""
        self.header, self.clean = read.header or VOTES_HEADER, not read.problems
        self.keep_bytes = read.complete_bytes
        fresh = [v for v in read.votes if v not in self.on_disk]
        self.on_disk.update(read.votes)
        return fresh

    def _start_log_beside(self) -> None:
        """The answers need a column the log's header lacks, and the log has rows this
        version could not read: rewriting it with a wider header would drop them, so it is
        kept byte for byte and a new log begins beside it (read together with it)."""
        full = self.log
        self.elsewhere.update(self.on_disk)
        self.log_number += 1
        self.keep_bytes, self.header, self.clean = 0, VOTES_HEADER, True
        self.notice = (
            f"{full} has rows that could not be read and no column for this answer: it is "
            f"kept as it is, and new answers go to {self.log} beside it."
        )

    def _exports(self) -> None:
        """rankings.csv and the preference files follow the log: at most every few seconds,
        and once more after the last answer, so they end up current. They are written by a
        task of their own, in slices (see `slices`): on a long log the ranking takes a
        while to settle and the preference files to write, which the log must not wait for."""
        if self.current_ranker is None:
            return
        self._export_again = True
        if self._exporting is None or self._exporting.done():
            self._exporting = spawn(self._export_while_due())

    async def _export_while_due(self) -> None:
        while self._export_again and self.writer and not self.closed:
            wait = self._exports_at + EXPORTS_EVERY_S - window.performance.now() / 1000.0
            if wait > 0:
                await asyncio.sleep(wait)
            self._exports_at = window.performance.now() / 1000.0
            await self.write_exports()

    async def write_exports(self) -> None:
        """The exports of the log as it is once the ranking is settled: answers flushed while
        it settled are in them, so they ask for no other round. A file open elsewhere
        (rankings.csv in a spreadsheet locks it on some systems) must not stop the log: the
        failure is reported, and the next write tries again."""
        ranker = self.current_ranker
        if ranker is None or not await settle_in_slices(lambda: None if self.closed else ranker()):
            return
        self._export_again = False
        answers = len(self.all_votes)  # those the files below are made of
        exports = {"rankings.csv": rankings_lines(ranker().iter_standings())}
        exports.update((name, self.training_lines(name)) for name in TRAINING_FILES)
        failed = []
        for name, lines in exports.items():
            try:
                await self.folder.writeApp(name, await pieces_in_slices(lines))
            except Exception as error:
                failed.append(f"{name}: {_describe(error)}")
        self.exports_failed = "; ".join(failed) or None
        window.imageRankerExportedAnswers = answers  # for bench resume
        self._on_state()

    def training_lines(self, name: str) -> Iterator[str]:
        """The lines of one of the `TRAINING_FILES`, from the answers given so far."""
        votes, context = list(self.all_votes), self.context()
        if name == "preferences.jsonl":
            return preference_lines(votes, **context)
        return pick_a_pic_lines(votes, context.get("prompts"))

    def close(self) -> bool:
        """The folder is closed in this tab: no more writes from here (what is not written
        yet is in the journal, which the folder's next writer takes in). True if this tab
        was the folder's writer, whose lock must now be let go."""
        was_writer, self.writer, self.closed = self.writer, False, True
        for task in (self._flush, self._exporting):
            if task is not None and not task.done():
                task.cancel()
        return was_writer

    def state(self) -> str:
        if self.failed:
            return f"Not saved: {self.failed}"
        if not self.folder.canWrite:
            return f"{len(self.all_votes):,} answers kept in this browser (download to save)"
        if not self.writer:
            return "Another tab saves this folder"
        if self.pending:
            return "Saving…"
        return f"Saved to .image-ranker/{self.log}"


def _describe(error: Exception) -> str:
    name = str(getattr(error, "name", "") or type(error).__name__)
    text = str(getattr(error, "message", "") or error)
    reasons = {
        "NotAllowedError": "the browser may not write into this folder (permission)",
        "NoModificationAllowedError": "the folder or file is read-only or locked",
        "QuotaExceededError": "the disk is full",
        "InvalidStateError": "the file changed or is in use",
    }
    return f"{reasons.get(name, name)} ({text})"
