"""A team ranking one folder from several computers over a sync service: each device writes
only its own log, every log (conflict copies and older names included) is read, and each
answer counts once."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ranker import Ranker, Vote
from ranker.formats import format_votes, read_votes, write_votes
from ranker.formats.in_force import replay
from ranker.formats.log_files import (
    NAME_CHARS,
    List,
    LogFiles,
    Look,
    Read,
    Write,
    device_log,
    is_log,
    safe_name,
)
from ranker.formats.log_summary import arrived_note
from ranker.log import UNDO, new_answer_id

from .test_log_files import FOLDER, HEADER, Disk, run, unchanged

ITEMS = [f"img {n}.png" for n in range(6)]


def mine(n: int, device: str = "aaaa", judge: str = "ann", outcome: str = "left") -> Vote:
    stamp = f"2026-12-06T10:{n // 60 % 60:02d}:{n % 60:02d}.000Z"
    left, right = ITEMS[n % 6], ITEMS[(n + 1) % 6]
    return Vote(stamp, left, right, outcome, "smart", judge, device=device, id=new_answer_id())


def legacy(n: int, judge: str = "me") -> Vote:
    stamp = f"2026-01-01T00:{n // 60 % 60:02d}:{n % 60:02d}.000Z"
    return Vote(stamp, ITEMS[n % 6], ITEMS[(n + 2) % 6], "left", "smart", judge)


def undo_of(vote: Vote, n: int) -> Vote:
    stamp = f"2026-12-06T11:{n // 60 % 60:02d}:{n % 60:02d}.000Z"
    return Vote(
        stamp,
        vote.left,
        vote.right,
        UNDO,
        "smart",
        vote.judge,
        device=vote.device,
        id=new_answer_id(),
    )


def device_logs(disk: Disk, judge: str, device: str) -> LogFiles:
    logs = LogFiles(device_log(judge, device))
    run(logs.open(), disk, unchanged)
    return logs


def flush(logs: LogFiles, disk: Disk, votes: list[Vote] = ()) -> object:
    logs.hold(votes)
    return run(logs.flush(), disk, unchanged)


# file names ------------------------------------------------------------------------------------


def test_names_are_safe_on_every_file_system() -> None:
    hostile = ["../../etc", "a/b\\c", "CON", "nul", "com1", "x\0y\n", " .hidden. ", "", "é" * 300]
    for name in hostile:
        safe = safe_name(name)
        assert safe and len(safe) <= NAME_CHARS
        assert not set(safe) & set('/\\<>:"|?*\0\n')
        assert safe.lower() not in {"con", "nul", "com1"}
        assert safe[0] not in " ." and safe[-1] not in " ."
    assert device_log("ben", "1a2b3c4d") == "votes/ben-1a2b3c4d.csv"
    assert device_log("../x", "d").count("/") == 1


def test_every_name_a_sync_service_gives_a_log_is_read() -> None:
    for name in [
        "votes.csv",
        "votes-2.csv",
        "votes (conflicted copy 2026-12-06).csv",
        "votes (Ben's conflicted copy 2026-12-06).csv",
        "votes (1).csv",
        "votes-DESKTOP-ABC.csv",
        "votes.sync-conflict-20261206-101010-ABCDEFG.csv",
        "votes 2.csv",
        "votes/ben-1a2b.csv",
        "votes/ben-1a2b.sync-conflict-20261206-101010-ABCDEFG.csv",
    ]:
        assert is_log(name), name
    for name in ["rankings.csv", "preferences.jsonl", "votes/._ben.csv", "votes.csv.crswap"]:
        assert not is_log(name), name


# the device's own log, and the old votes.csv -----------------------------------------------------


def test_an_old_folder_is_read_and_its_votes_csv_never_written_again() -> None:
    old = write_votes([legacy(n) for n in range(4)]).encode()
    disk = Disk({"votes.csv": old, "votes-2.csv": write_votes([legacy(9)]).encode()})
    logs = LogFiles(device_log("ann", "aaaa"))
    opened = run(logs.open(), disk, unchanged)
    assert opened.votes == [legacy(n) for n in range(4)] + [legacy(9)]
    assert any("votes.csv and the others' logs are read" in note for note in opened.notes)
    new = [mine(n) for n in range(3)]
    assert flush(logs, disk, new)
    assert disk.files["votes.csv"] == old
    assert read_votes(disk.files["votes/ann-aaaa.csv"]).votes == new
    header = disk.files["votes/ann-aaaa.csv"].split(b"\r\n")[0]
    assert header == b"timestamp,left,right,outcome,judge,strategy,device,id"


def test_a_row_in_a_log_and_its_conflict_copies_counts_once() -> None:
    shared = [legacy(n) for n in range(3)]
    ben = [mine(n, device="bbbb", judge="ben") for n in range(3)]
    disk = Disk(
        {
            "votes.csv": write_votes(shared).encode(),
            "votes (conflicted copy 2026-12-06).csv": write_votes([*shared, legacy(7)]).encode(),
            "votes (1).csv": write_votes(shared[:2]).encode(),
            "votes/ben-bbbb.csv": write_votes(ben).encode(),
            "votes/ben-bbbb (1).csv": write_votes(ben[:2]).encode(),
        }
    )
    opened = run(LogFiles(device_log("ann", "aaaa")).open(), disk, unchanged)
    assert sorted(opened.votes, key=lambda v: v.time) == sorted(
        [*shared, legacy(7), *ben], key=lambda v: v.time
    )


def test_two_answers_alike_but_for_their_id_are_two() -> None:
    first = mine(1)
    second = Vote(**{**{f: getattr(first, f) for f in first.__slots__}, "id": new_answer_id()})
    disk = Disk({"votes/ann-aaaa.csv": write_votes([first, second]).encode()})
    opened = run(LogFiles(device_log("ben", "bbbb")).open(), disk, unchanged)
    assert opened.votes == [first, second]
    assert len(replay(opened.votes).in_force) == 2


# answers arriving while the page is open -----------------------------------------------------------


def test_another_devices_new_rows_are_read_from_its_end_only() -> None:
    ben = [mine(n, device="bbbb", judge="ben") for n in range(6)]
    disk = Disk({"votes/ben-bbbb.csv": write_votes(ben[:3]).encode()})
    logs = device_logs(disk, "ann", "aaaa")
    disk.files["votes/ben-bbbb.csv"] += format_votes(ben[3:], read_votes_header(disk)).encode()
    disk.files["votes/cid-cccc.csv"] = write_votes([mine(9, device="cccc", judge="cid")]).encode()
    steps: list[object] = []
    assert run(logs.flush(), disk, steps.append)
    assert Read("votes/ben-bbbb.csv") not in steps, "a log that grew is read from its end"
    assert any(isinstance(s, Look) and s.name == "votes/ben-bbbb.csv" for s in steps)
    assert List() in steps and Read("votes/cid-cccc.csv") in steps, "a new log is read whole"
    assert logs.arrived == [*ben[3:], mine_like(disk, "votes/cid-cccc.csv")]
    assert arrived_note(logs.arrived) == "3 answers from ben, 1 answer from cid came in."
    assert not any(isinstance(s, Write) for s in steps), "nothing of its own to write"


def read_votes_header(disk: Disk) -> tuple[str, ...]:
    header = read_votes(disk.files["votes/ben-bbbb.csv"]).header
    assert header is not None
    return header


def mine_like(disk: Disk, name: str) -> Vote:
    (vote,) = read_votes(disk.files[name]).votes
    return vote


def test_answers_only_a_vanished_log_held_are_written_to_this_devices_log() -> None:
    ben = [mine(n, device="bbbb", judge="ben") for n in range(3)]
    disk = Disk({"votes/ben-bbbb (conflicted copy).csv": write_votes(ben).encode()})
    logs = device_logs(disk, "ann", "aaaa")
    assert flush(logs, disk, [mine(7)])
    del disk.files["votes/ben-bbbb (conflicted copy).csv"]
    assert flush(logs, disk)
    assert set(ben) <= set(read_votes(disk.files["votes/ann-aaaa.csv"]).votes)
    assert set(disk.files) == {"votes/ann-aaaa.csv"}


# undo across devices ------------------------------------------------------------------------------


def test_undo_takes_back_the_latest_answer_of_its_own_device() -> None:
    on_a, on_b = mine(1, device="aaaa", judge="ben"), mine(2, device="bbbb", judge="ben")
    later_on_a = mine(3, device="aaaa", judge="ben")
    log = [on_b, on_a, undo_of(on_b, 1), later_on_a]
    assert [answer[0] for answer in replay(log).in_force] == [on_a, later_on_a]
    desk = Ranker(ITEMS, seed=1, judge="ben")
    desk.device = "bbbb"
    own = desk.vote(ITEMS[0], ITEMS[1])
    assert own.device == "bbbb" and own.id
    desk.take_in([on_a])  # the laptop's answer, arrived after the desk's own
    assert desk.undo() == own
    assert [answer[0] for answer in replay([*desk.votes]).in_force] == [on_a]


# every interleaving of answers, syncs, conflict copies and undos ---------------------------------

DEVICES = ("aaaa", "bbbb", "cccc")
EVENTS = st.lists(
    st.tuples(
        st.sampled_from(["answer", "undo", "old-version", "sync", "stale", "flush"]),
        st.integers(0, len(DEVICES) - 1),
        st.integers(0, len(DEVICES) - 1),
        st.integers(0, 5),
    ),
    min_size=1,
    max_size=40,
)


def judge(device: str) -> str:
    """Ann ranks on two computers, Ben on one."""
    return "ben" if device == "cccc" else "ann"


class Team:
    """Devices, each with its own copy of the folder's `.image-ranker/`, and a sync service
    between them that copies files, keeps both versions of a file changed in two places (a
    conflict copy), never merges one, and may put back an older version of a file."""

    def __init__(self, shared: bytes) -> None:
        self.disks = {d: Disk({"votes.csv": shared}) for d in DEVICES}
        self.history: dict[str, list[bytes]] = {}
        self.logs = {d: LogFiles(team=device_log(judge(d), d)) for d in DEVICES}
        for device, logs in self.logs.items():
            run(logs.open(), self.disks[device], unchanged)
        first = read_votes(shared).votes
        self.stacks: dict[str, list[Vote]] = {d: [] for d in DEVICES} | {"old": first}
        self.given: list[Vote] = list(first)
        self.count = 0
        self.conflicts = 0

    def answer(self, device: str) -> None:
        self.count += 1
        vote = mine(self.count, device=device, judge=judge(device))
        self.stacks[device].append(vote)
        self.give(device, vote)

    def undo(self, device: str) -> None:
        if self.stacks[device]:
            self.count += 1
            self.give(device, undo_of(self.stacks[device].pop(), self.count))

    def give(self, device: str, vote: Vote) -> None:
        self.given.append(vote)
        self.logs[device].hold([vote])
        self.flush(device)

    def old_version(self, device: str) -> None:
        """A version before devices, on this computer, appending to votes.csv; the page open
        beside it looks at the folder next (an older copy put back before any page saw the
        rows would lose them: nothing holds them anywhere)."""
        self.count += 1
        vote = legacy(self.count, judge="old")
        self.given.append(vote)
        self.stacks["old"].append(vote)
        disk = self.disks[device]
        data = bytes(disk.files["votes.csv"])
        header = read_votes(data).header or ()  # it appends with the file's columns
        disk.files["votes.csv"] = data + format_votes([vote], tuple(header)).encode()
        self.flush(device)

    def flush(self, device: str) -> None:
        logs = self.logs[device]

        def only_its_own(step: object) -> None:
            own = logs.own.removesuffix(".csv")
            assert not isinstance(step, Write) or step.name.startswith(own), step.name
            assert logs.own in ("votes.csv", logs.team)

        run(self.logs[device].flush(), self.disks[device], only_its_own)

    def sync(self, source: str, target: str, stale: int | None = None) -> None:
        copy_from, copy_to = self.disks[source].files, self.disks[target].files
        for name, data in sorted(copy_from.items()):
            assert isinstance(data, bytes)
            self.history.setdefault(name, []).append(data)
            if stale is not None:
                versions = self.history[name]
                data = versions[stale % len(versions)]
            there = copy_to.get(name)
            if there is None or there == data or data.startswith(there) or stale is not None:
                copy_to[name] = data
            elif not there.startswith(data):  # changed in two places: both kept
                self.conflicts += 1
                stem = name.removesuffix(".csv")
                copy_to[f"{stem} (conflicted copy {self.conflicts}).csv"] = data


@settings(max_examples=300, deadline=None, derandomize=True)
@given(EVENTS)
def test_every_device_counts_every_answer_once_once_all_files_arrived(events) -> None:
    team = Team(write_votes([legacy(0, judge="old")]).encode())
    for event, first, second, stale in events:
        device, other = DEVICES[first], DEVICES[second]
        if event == "answer":
            team.answer(device)
        elif event == "undo":
            team.undo(device)
        elif event == "old-version":
            team.old_version(device)
        elif event == "flush":
            team.flush(device)
        elif device != other:
            team.sync(device, other, stale if event == "stale" else None)
    for _round in range(2):  # every device saves what it holds, and every file gets everywhere
        for device in DEVICES:
            team.flush(device)
        for source in DEVICES:
            for target in DEVICES:
                if source != target:
                    team.sync(source, target)
    seen = {}
    for device in DEVICES:
        votes = run(LogFiles(device_log("x", device)).open(), team.disks[device], unchanged).votes
        assert sorted(votes, key=repr) == sorted(team.given, key=repr), "lost or counted twice"
        seen[device] = {answer for answer in replay(votes).in_force}
    expected = {(vote,) for stack in team.stacks.values() for vote in stack}
    assert all(in_force == expected for in_force in seen.values())


def test_the_header_a_device_log_begins_with_reads_without_device_rows_too() -> None:
    disk = Disk({"votes/ann-aaaa.csv": (HEADER.rstrip("\r\n") + ",device,id\r\n").encode()})
    logs = device_logs(disk, "ann", "aaaa")
    given = [legacy(1), mine(2)]
    assert flush(logs, disk, given)
    assert read_votes(disk.files["votes/ann-aaaa.csv"]).votes == given


def test_a_page_writes_votes_csv_alone_and_its_own_log_once_another_device_shows() -> None:
    disk = Disk()
    logs = LogFiles(team=device_log("ann", "aaaa"))
    run(logs.open(), disk, unchanged)
    first = legacy(1)
    assert flush(logs, disk, [first]) and not logs.in_team
    assert set(disk.files) == {"votes.csv"}
    ben = legacy(2, judge="ben")
    disk.files["votes (Ben's conflicted copy 2026-12-06).csv"] = write_votes([ben]).encode()
    assert flush(logs, disk) and logs.in_team
    later = mine(3)
    assert flush(logs, disk, [later])
    assert read_votes(disk.files["votes.csv"]).votes == [first]
    assert read_votes(disk.files["votes/ann-aaaa.csv"]).votes == [later]
    assert logs.arrived == [ben]
    assert any("ranked from several devices" in notice for notice in logs.notices)


def test_an_empty_votes_folder_makes_a_page_write_its_own_log_from_the_first_answer() -> None:
    disk = Disk({"votes": FOLDER})
    logs = LogFiles(team=device_log("ann", "aaaa"))
    run(logs.open(), disk, unchanged)
    assert logs.in_team
    assert flush(logs, disk, [mine(1)])
    assert set(disk.files) == {"votes", "votes/ann-aaaa.csv"}


def test_an_undo_in_a_log_that_shows_later_may_take_back_a_row_of_another_log() -> None:
    """Ben's answer reached this page's log (written again here when a copy of his log went);
    his log, back, holds his undo of it: the undo comes in, and takes the answer back."""
    his = mine(1, device="bbbb", judge="ben")
    disk = Disk({"votes/ann-aaaa.csv": write_votes([his]).encode()})
    logs = device_logs(disk, "ann", "aaaa")
    undo = undo_of(his, 2)
    disk.files["votes/ben-bbbb.csv"] = write_votes([undo]).encode()
    assert flush(logs, disk)
    assert logs.arrived == [undo]
    assert replay([his, *logs.arrived]).in_force == []
