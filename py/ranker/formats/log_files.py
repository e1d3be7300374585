"""Which log a folder's new answers go to, and how they get there without losing a row.

A folder is shared: while the page is open, another program may append rows to votes.csv, put
an older copy back, cut it short, leave its last row without a line break, or delete
`.image-ranker/` altogether. So no append is made at a remembered offset on trust. Before each
write the writer looks at the file again (its size, and its last bytes as they were when last
seen: `TAIL_BYTES`); rows another writer appended since are read and kept; a file that is not
the one last seen is read again whole; a file that is gone is written again from every answer
the page holds. After each write the file is looked at once more, and the answers count as
saved only when their bytes are there. Nothing is written past the end of a file, so a file
is never padded, and no byte of it is written over: a last row without a line break gets one,
and a file that cannot take rows at all (not a votes log, a quote never closed, a folder where
the file should be) is left as it is while new answers go to the next log beside it
(`votes-2.csv`, `votes-3.csv`, ...), read together with it.

A folder ranked from several devices over a sync service has a log per device
(`votes/<judge>-<device>.csv`, `device_log`): a page writes only its own, once it sees another
(`LogFiles.team`), and reads every log, the copies sync services make included (`is_log`),
following each from where it last looked.

Pure logic, without I/O: `LogFiles.open` and `LogFiles.flush` are generators that yield the
reads and writes they need (`List`, `Read`, `Look`, `Write`) and are sent what the folder
answered, so that the same code runs in the page (which moves the bytes through the File System Access API)
and in CPython tests that let other writers change the folder between any two steps.
"""

import re
from collections.abc import Generator, Iterable
from dataclasses import dataclass, field

from ..log import Vote
from .csv_rows import LINE_END, to_csv
from .in_force import replay
from .problems import Problem
from .votes_csv import (
    VOTES_HEADER,
    VotesFile,
    fits,
    format_votes,
    read_votes,
    votes_header,
    write_votes,
)

LOG = "votes.csv"
TAIL_BYTES = 256
"""How much of a log's end is compared to tell that it is still the file last seen: a row is
about 100 bytes, and a copy put back or a file rewritten by another program differs there."""
ATTEMPTS = 6
"""Looks, reads and writes of one flush before it gives up until the next flush: only another
writer changing the file between every look and write needs more than two."""
NOT_A_FILE = "not a file"
"""What a read or look is answered with when a folder stands where the log should be."""


VOTES_FOLDER = "votes"
"""`.image-ranker/votes/`: one log per judge and device (`device_log`)."""
NAME_CHARS = 40
"""The most characters a judge's or device's name keeps in a file name: with the rest of the
name, well under the 255 bytes every file system allows, in any script."""
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{kind}{n}" for kind in ("com", "lpt") for n in range(10)
}


def safe_name(text: str) -> str:
    """A judge's or device's name as a part of a file name that every file system and sync
    service takes: no path separator, control character or character Windows refuses, no
    dot or space at either end, not a name Windows reserves, at most `NAME_CHARS` long."""
    name = _UNSAFE.sub("_", text)[:NAME_CHARS].strip(" .") or "_"
    return f"{name}_" if name.lower() in _RESERVED else name


def device_log(judge: str, device: str) -> str:
    """The log one judge writes on one device: no other device ever writes it, so a sync
    service never sees it changed in two places."""
    return f"{VOTES_FOLDER}/{safe_name(judge)}-{safe_name(device)}.csv"


def log_name(number: int, own: str = LOG) -> str:
    """votes.csv, then votes-2.csv, votes-3.csv, ... (or a device's log, then the same name
    with -2, -3, ...): each begun when the one before cannot take new rows safely, and kept
    byte for byte."""
    return own if number == 1 else f"{own.removesuffix('.csv')}-{number}.csv"


def log_number(name: str, own: str = LOG) -> int | None:
    """The number of a log's file name (`log_name` the other way), None for another file."""
    if name == own:
        return 1
    stem = own.removesuffix(".csv")
    number = name.removeprefix(f"{stem}-").removesuffix(".csv")
    if name == f"{stem}-{number}.csv" and number.isdigit() and number == str(int(number)):
        return int(number) if int(number) > 1 else None
    return None


def is_log(name: str) -> bool:
    """A file whose answers count: any .csv in `votes/` (a device's log, or a sync service's
    copy of one), and in `.image-ranker/` itself votes.csv and every name a sync service or
    an older version gives it (`votes-2.csv`, `votes (conflicted copy 2026-12-06).csv`,
    `votes (1).csv`, `votes.sync-conflict-20261206-101010-ABCDEFG.csv`, `votes 2.csv`)."""
    folder, _, base = name.rpartition("/")
    lower = base.lower()
    if not lower.endswith(".csv") or lower.startswith("."):
        return False
    return folder == VOTES_FOLDER or (not folder and lower.startswith("votes"))


@dataclass(frozen=True)
class List:
    """List the names in `.image-ranker/`: answer them, or None when it does not exist."""


@dataclass(frozen=True)
class Read:
    """Read the whole log: answer its bytes, None when it (or its folder) does not exist, or
    `NOT_A_FILE`."""

    name: str


@dataclass(frozen=True)
class Look:
    """Look at the log's end: answer `Seen`, None when it does not exist, or `NOT_A_FILE`."""

    name: str
    start: int


@dataclass(frozen=True)
class Seen:
    """The log's size now, and its bytes from the `Look`'s start to its end."""

    size: int
    data: bytes


@dataclass(frozen=True)
class Write:
    """Write `text` after the first `keep` bytes of the log, atomically, if the file still is
    the one last seen as the write begins: `expect` bytes long (a file that does not exist has
    size 0), ending in the bytes `tail`. Answer True once written, False when it was not (another
    writer got there first)."""

    name: str
    keep: int
    text: str
    expect: int
    tail: bytes = b""
    votes: tuple[Vote, ...] = field(default=(), compare=False)  # the answers it puts on disk


Step = List | Read | Look | Write


@dataclass
class _End:
    """A log's end as last seen: its size, its last bytes, the line its next row starts on,
    and how it ends: after a complete row, in a row without a line break yet (`open_row`, its
    text), or inside a quoted field."""

    size: int
    tail: bytes
    line: int
    open_row: str = ""
    in_quote: bool = False

    @property
    def start(self) -> int:
        return self.size - len(self.tail)


@dataclass
class _Other:
    """A log another device (or program, or an older version) writes, as last seen: its end,
    its header (rows it grows by are read with it) and its answers."""

    end: _End
    header: tuple[str, ...] | None  # None: not a votes log (read whole again if it changes)
    votes: set[Vote]


@dataclass
class Opened:
    """What the folder's logs held when opened: every answer read, what could not be read
    (each as the page says it), and notes on which logs are in use."""

    votes: list[Vote] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class LogFiles:
    """The logs of one folder as this page writes them: `own` (with the logs begun after it
    when it could not take rows) is the only file it writes; every other log (`is_log`) is
    read and followed as it grows. `arrived` collects the answers other writers added since
    the folder was opened, for the page to take in; `notices`, what the page should say once
    (a log gone and written again, rows another program appended that could not be read, a
    new log begun)."""

    def __init__(self, own: str = LOG, team: str | None = None) -> None:
        self.own = own
        self.team = team
        """This page's log once the folder is ranked from several devices (`device_log`); None:
        it writes `own` whatever else the folder holds."""
        self.number = 1
        self.header: tuple[str, ...] = VOTES_HEADER
        self.clean = True  # the log read without problems: widening its header loses nothing
        self.arrived: list[Vote] = []
        self.notices: list[str] = []
        self._end: _End | None = None  # None: to be read whole before the next write
        self._rows: list[Vote] = []  # the current log's answers, in file order
        self._beside: set[Vote] = set()  # in the logs kept beside it
        self._kept: dict[str, _End] = {}  # those logs' ends, as read
        self._others: dict[str, _Other] = {}  # the logs others write, as last seen
        self._several = False  # the folder has more than one log
        self._on_disk: set[Vote] = set()
        self._held: dict[Vote, None] = {}  # every answer the page holds, in order
        self._missing: dict[Vote, None] = {}  # held, and in no log as last seen

    @property
    def log(self) -> str:
        return log_name(self.number, self.own)

    @property
    def in_team(self) -> bool:
        """This page writes its own log in `votes/`: its rows carry the device and an id."""
        return self.own != LOG

    def join(self, team: str) -> None:
        """The page's log among the team's (the judge's name changed): written from now on
        if the folder is ranked as a team already; the logs are read again before the next
        write, the one left among them."""
        self.team = team
        if self.in_team and team != self.own:
            self.own, self.number, self._end = team, 1, None

    def _team_note(self) -> str:
        return (
            f"This folder is ranked from several devices: {LOG} and the others' logs are "
            f"read, and this device's answers go to {self.log}."
        )

    def _is_others(self, name: str) -> bool:
        """A log whose answers count but that this page does not write: another device's, a
        sync service's copy, an older version's."""
        return is_log(name) and not log_number(name, self.own)

    def _joins_team(self, listed: list[str]) -> bool:
        """The folder holds a log besides this page's (another device's, a sync service's
        conflict copy), or a `votes/` folder made to say so: from now on the page writes a log
        no other device writes."""
        if self.team is None or self.own == self.team:
            return False
        return any(name == VOTES_FOLDER or self._is_others(name) for name in listed)

    def holds_on_disk(self, vote: Vote) -> bool:
        return vote in self._on_disk

    # opening ---------------------------------------------------------------------------------

    def open(self) -> Generator[Step, object, Opened]:
        """Reads votes.csv and the logs begun beside it, and picks the one to append to: the
        last, if it can take rows, else a new one after it."""
        opened = yield from self._read_logs()
        self.hold(opened.votes)
        return opened

    def _read_logs(self) -> Generator[Step, object, Opened]:
        """Every log, read whole; the one to append to is the last that can take rows, and not
        one before the log in use (a log left because it could not take rows stays left)."""
        opened = Opened()
        names = yield List()
        listed = names if isinstance(names, list) else []
        if self.team is not None and self._joins_team(listed):
            self.own, self.number = self.team, 1
        numbers = sorted(n for n in (log_number(name, self.own) for name in listed) if n)
        others = sorted(
            (name for name in listed if self._is_others(name)),
            key=_reading_order,
        )
        self._several = len(numbers) + len(others) > 1
        reads: list[tuple[int, object, VotesFile]] = []
        for number in numbers:
            data = yield Read(log_name(number, self.own))
            if data is not None:  # gone since listed
                reads.append((number, data, self._read(data, log_name(number, self.own))))
        last = reads[-1] if reads else None
        current = None
        if last is not None and last[2].appendable and last[0] >= self.number:
            current = reads.pop()
        named = len(reads) + (current is not None) + len(others) > 1  # problems name their file
        self._beside, self._kept, self._others = set(), {}, {}
        for number, data, read in reads:  # each kept byte for byte
            name = log_name(number, self.own)
            opened.problems.extend(_said(read.problems, name if named else None))
            opened.votes.extend(read.votes)
            self._beside.update(read.votes)
            if isinstance(data, bytes):
                self._kept[name] = _seen(data, len(data), 1, b"", None, 0)
        for name in others:
            data = yield Read(name)
            if data is not None:  # gone since listed
                read = self._follow_whole(name, data, alone=not self._several)
                opened.problems.extend(_said(read.problems, name))
                opened.votes.extend(read.votes)
        if current is None:
            self.number = max(self.number, reads[-1][0] + 1 if reads else 1)
            self._adopt(None, None)
        else:
            self.number, data, read = current
            opened.problems.extend(_said(read.problems, self.log if named else None))
            opened.votes.extend(read.votes)
            self._adopt(data, read)
        opened.votes = list(dict.fromkeys(opened.votes))  # an answer in two logs is one answer
        if self._several:  # undo rows judged over every log: one may undo a row of another
            stray = replay(opened.votes).stray_undos
            left_out = {id(vote) for vote, _reason in stray}
            opened.votes = [vote for vote in opened.votes if id(vote) not in left_out]
            opened.problems.extend(f"an undo that cannot apply: {reason}" for _v, reason in stray)
        if reads:
            kept = [log_name(number, self.own) for number, _data, _file in reads]
            opened.notes.append(_beside_note(kept, self.log, appending=current is not None))
        if LOG in self._others:
            opened.notes.append(self._team_note())
        return opened

    def _read(self, data: object, name: str) -> VotesFile:
        """A log as read: its undo rows judged with it alone while it is the only one."""
        return _read(data, name, fragment=self._several)

    def _follow_whole(self, name: str, data: object, alone: bool = False) -> VotesFile:
        """Another's log, read whole: its answers count, and it is followed from its end. Its
        undo rows are judged with it alone only when it is the folder's one log (`alone`):
        else one may take back an answer in another log."""
        read = _read(data, name, fragment=not alone)
        if isinstance(data, bytes):
            end = _seen(data, len(data), 1, data, read, 0)
            self._others[name] = _Other(end, read.header, set(read.votes))
        else:
            self._others.pop(name, None)
        return read

    def hold(self, votes: Iterable[Vote]) -> None:
        """Answers the page holds (given here, read, or from another tab): each is written
        to a log once, and written again if its log loses it."""
        for vote in votes:
            if vote not in self._held:
                self._held[vote] = None
                if vote not in self._on_disk:
                    self._missing[vote] = None

    # writing ---------------------------------------------------------------------------------

    def flush(self) -> Generator[Step, object, bool]:
        """Writes every answer held that is not on disk. True once the log was seen to hold
        them all; False when another writer kept changing the file. A write that raises (the
        page's I/O failed) leaves the answers held, and the next flush reads the log first."""
        for _attempt in range(ATTEMPTS):
            if self._end is None:
                yield from self._read_again()
            elif not self._take_end((yield Look(self.log, self._end.start))):
                self._end = None
                continue
            if self._missing and not (yield from self._write_missing()):
                continue
            if not (yield from self._kept_unchanged()):
                self._end = None
                continue
            yield from self._follow()
            if self._end is not None and not self._missing:  # None: the page joined a team
                return True
        return False

    def _follow(self) -> Generator[Step, object, None]:
        """The logs others write, looked at again (the page does so every few seconds too): a
        new one is read whole; one that grew, only from where it was last seen; one replaced
        or cut short is read whole again; one gone no longer counts, and what only it held is
        written to this page's log next. Answers not seen before are taken in."""
        names = yield List()
        listed = names if isinstance(names, list) else []
        if self.team is not None and self._joins_team(listed):
            self.own, self.number, self._end = self.team, 1, None  # all read before a write
            self.notices.append(self._team_note())
            return
        found = {name for name in listed if self._is_others(name)}
        lost = False
        for name in sorted(found | self._others.keys(), key=_reading_order):
            other = self._others.get(name)
            if other is not None:
                seen = yield Look(name, other.end.start)
                if isinstance(seen, Seen) and self._grew(name, other, seen):
                    continue
            data = (yield Read(name)) if name in found or other is not None else None
            if data is None:
                self._others.pop(name, None)
                lost = lost or other is not None
                continue
            read = self._follow_whole(name, data)
            fresh = [vote for vote in read.votes if vote not in self._held]
            if fresh:
                self.notices.extend(
                    f"{name}, {problem} (kept as it is)." for problem in read.problems
                )
            self._now_on_disk(read.votes)
            self._arrive(fresh)
            lost = lost or (other is not None and not other.votes <= set(read.votes))
        if lost:
            self._recount()

    def _grew(self, name: str, other: _Other, seen: Seen) -> bool:
        """As `_take_end`, for another's log: True if it is the file last seen, perhaps with
        rows appended since (taken in here)."""
        end = other.end
        if not _continues(seen, end):
            return False
        extra = seen.data[len(end.tail) :]
        if not extra:
            return True
        if end.size == 0 or end.open_row or end.in_quote or other.header is None:
            return False
        header = to_csv([list(other.header)]).encode()
        read = read_votes(header + extra, fragment=True)
        self.notices.extend(
            f"{name}, {Problem(p.line - 2 + end.line, p.message)} (kept as it is)."
            for p in read.problems
            if p.line
        )
        other.votes.update(read.votes)
        self._now_on_disk(read.votes)
        self._arrive(read.votes)
        other.end = _seen(end.tail + extra, seen.size, end.line, extra, read, len(header))
        return True

    def _elsewhere(self) -> set[Vote]:
        return set().union(*(other.votes for other in self._others.values()))

    def _recount(self) -> None:
        """Which answers held are on disk, counted again after a log of another's went."""
        self._on_disk = self._beside | set(self._rows) | self._elsewhere()
        self._missing = {vote: None for vote in self._held if vote not in self._on_disk}

    def _write_missing(self) -> Generator[Step, object, bool]:
        """One write of the missing answers, and a look that it is on disk: True when the log
        was seen to hold every answer."""
        before = self._end
        write = None if before is None else self._write(before)
        if before is None or write is None:  # a new log was begun beside: it is read first
            return False
        self._end = None  # unknown until the write is seen on disk
        if not (yield write):
            return False
        after = _after(before, write)
        seen = yield Look(self.log, after.start)
        if not _continues(seen, after):
            return False
        self._end = after
        self._rows = [*self._rows, *write.votes] if write.keep else list(write.votes)
        if not write.keep:  # written whole: rows appended next follow its header
            self.header, self.clean = votes_header(write.votes), True
        self._now_on_disk(write.votes)
        if not self._take_end(seen):
            self._end = None
            return False
        return not self._missing

    def _kept_unchanged(self) -> Generator[Step, object, bool]:
        """The logs kept beside the one in use still end as they did when read: their answers
        count as on disk only while they are there."""
        for name, end in self._kept.items():
            seen = yield Look(name, end.start)
            if not (isinstance(seen, Seen) and seen.size == end.size and seen.data == end.tail):
                return False
        return True

    def _write(self, end: _End) -> Write | None:
        batch = list(self._missing)
        if end.in_quote:
            self._begin_beside(
                f"{self.log} ends inside a quoted field, where a new row would be read as part "
                "of that field: it is kept as it is"
            )
            return None
        if not end.tail.strip() and end.size <= TAIL_BYTES:  # empty, or blank lines only
            return Write(self.log, 0, write_votes(batch), end.size, end.tail, tuple(batch))
        if fits(batch, self.header):
            completion, rest = _completion(end.open_row, batch, self.header)
            text = completion + format_votes(rest, self.header)
            return Write(self.log, end.size, text, end.size, end.tail, tuple(batch))
        if self.clean and not end.open_row:  # the wider header, and every row kept
            everything = self._rows + batch
            text = write_votes(everything)
            return Write(self.log, 0, text, end.size, end.tail, tuple(everything))
        self._begin_beside(
            f"{self.log} has rows that could not be read and no column for this answer: it "
            "is kept as it is"
        )
        return None

    def _begin_beside(self, why: str) -> None:
        """The log cannot take rows: it is kept as it is, and the next one is begun, read
        before the first write (it may exist already)."""
        self.number += 1
        self._end = None
        self.notices.append(f"{why}, and new answers go to {self.log} beside it.")

    # what the folder answered -----------------------------------------------------------------

    def _read_again(self) -> Generator[Step, object, None]:
        """The log is not the file last seen (or a write's outcome is unknown): every log is
        read again, and whatever the page holds that none of them has is written next."""
        log, rows = self.log, set(self._rows)
        opened = yield from self._read_logs()
        fresh = [vote for vote in opened.votes if vote not in self._held]
        emptied = self._end is not None and self._end.size == 0
        if emptied and rows and self.log == log:
            self.notices.append(
                f".image-ranker/{self.log} was gone or emptied: it is written again with "
                "every answer this page holds."
            )
        elif self.log != log:
            self.notices.extend(opened.notes)
        if fresh:
            self.notices.extend(f"{problem} (kept as it is)." for problem in opened.problems)
        self._arrive(fresh)

    def _take_end(self, seen: object) -> bool:
        """The log's end as seen now: True if it is the file last seen, perhaps with rows
        appended since (taken in here). A log still not begun is as last seen."""
        end = self._end
        if seen is None and end is not None and end.size == 0:
            return True
        if end is None or not isinstance(seen, Seen) or not _continues(seen, end):
            return False
        extra = seen.data[len(end.tail) :]
        if not extra:
            return True
        if end.size == 0 or end.open_row or end.in_quote:
            return False  # a file where there was none, or bytes on a row cut short: read whole
        header = to_csv([list(self.header)]).encode()
        read = read_votes(header + extra, fragment=True)
        self._note([Problem(p.line - 2 + end.line, p.message) for p in read.problems if p.line])
        self.clean = self.clean and not read.problems
        fresh = [vote for vote in read.votes if vote not in self._on_disk]
        self._rows.extend(fresh)
        self._now_on_disk(fresh)
        self._arrive(fresh)
        self._end = _seen(end.tail + extra, seen.size, end.line, extra, read, len(header))
        return True

    def _adopt(self, data: object, read: VotesFile | None) -> None:
        """The log as read whole (None: it does not exist) is the one appended to."""
        data = data if isinstance(data, bytes) else b""
        self.header = (read.header if read else None) or VOTES_HEADER
        self.clean = read is None or not read.problems
        self._rows = list(read.votes) if read else []
        self._recount()
        self._end = _seen(data, len(data), 1, data, read, 0)

    def _now_on_disk(self, votes: Iterable[Vote]) -> None:
        for vote in votes:
            self._on_disk.add(vote)
            self._missing.pop(vote, None)

    def _arrive(self, votes: Iterable[Vote]) -> None:
        """Answers another writer put in the log: held from now on, like the page's own."""
        fresh = [vote for vote in votes if vote not in self._held]
        self.arrived.extend(fresh)
        self.hold(fresh)

    def _note(self, problems: list[Problem]) -> None:
        """Rows another writer added that could not be read: said once, and kept."""
        self.notices.extend(f"{self.log}, {problem} (kept as it is)." for problem in problems)


# helpers ---------------------------------------------------------------------------------------


def _reading_order(name: str) -> tuple[bool, int, str]:
    """Older logs first: votes.csv, votes-2.csv, ..., the other names of `.image-ranker/`
    (copies of them), then the devices' logs."""
    return (name.startswith(f"{VOTES_FOLDER}/"), log_number(name) or 1 << 30, name)


def _read(data: object, name: str, fragment: bool = False) -> VotesFile:
    if not isinstance(data, bytes):  # NOT_A_FILE
        return VotesFile(
            problems=[Problem(0, f".image-ranker/{name} is a folder, not a file")],
            header=None,
            appendable=False,
        )
    return read_votes(data, fragment=fragment)


def _seen(
    tail_of: bytes, size: int, line: int, new: bytes, read: VotesFile | None, skip: int
) -> _End:
    """The log's end after `new` bytes were read (as `read`, which began `skip` bytes before
    them, at a header put in front): its tail, the line its next row starts on, and whether
    its last row is open or inside a quote."""
    line += new.count(b"\n") + new.count(b"\r") - new.count(b"\r\n")
    open_row, in_quote = "", False
    if read is not None and read.complete_bytes - skip < len(new):
        in_quote = read.in_quote
        if not in_quote:
            open_row = new[max(read.complete_bytes - skip, 0) :].decode("utf-8", "surrogateescape")
            line -= open_row.count("\n") + open_row.count("\r") - open_row.count("\r\n")
    return _End(size, tail_of[-TAIL_BYTES:], line, open_row, in_quote)


def _continues(seen: object, end: _End) -> bool:
    """The file is at least as long as when last seen, and ends there as it did."""
    return (
        isinstance(seen, Seen) and seen.size >= end.size and seen.data[: len(end.tail)] == end.tail
    )


def _after(before: _End, write: Write) -> _End:
    """The log's end once `write` is on disk (a write completes an open row, and ends in a
    line break)."""
    data = write.text.encode("utf-8", "surrogateescape")
    kept, line = (before.tail, before.line) if write.keep else (b"", 1)
    return _End(write.keep + len(data), (kept + data)[-TAIL_BYTES:], line + data.count(b"\r\n"))


def _completion(
    open_row: str, batch: list[Vote], header: tuple[str, ...]
) -> tuple[str, list[Vote]]:
    """What goes before the new rows when the log's last row has no line break, and the rows
    still to write after it. A row of this page's cut short (a copy of the log put back in
    the middle of a write) is completed with the rest of its own text, so that it reads as the
    answer it was rather than as a second, truncated one; any other row gets its line break."""
    if not open_row:
        return "", batch
    for vote in batch:
        whole = format_votes([vote], header)
        if whole.startswith(open_row) and len(whole) > len(open_row):
            return whole[len(open_row) :], [other for other in batch if other is not vote]
    return LINE_END, batch


def _said(problems: list[Problem], log: str | None) -> list[str]:
    """Problems as the page reports them, after the file's name when there are several logs."""
    if log is None:
        return [str(problem) for problem in problems]
    return [f"{log}, {problem}" if problem.line else f"{log}: {problem}" for problem in problems]


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
