"""Appends to a shared folder's log: no answer lost, none written twice, whatever another
writer does to `.image-ranker/` between any two of the page's reads and writes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Generator

from hypothesis import given, settings
from hypothesis import strategies as st

from ranker import Vote
from ranker.formats import format_votes, read_votes, write_votes
from ranker.formats.log_files import NOT_A_FILE, List, LogFiles, Look, Read, Seen, Write

FOLDER = "a folder"  # stands where a file should be


def vote(n: int, judge: str = "me", question: str = "Which image is better?") -> Vote:
    """Answer number n: a time of its own, so that no two answers are equal."""
    stamp = f"2026-01-01T00:{n // 60 % 60:02d}:{n % 60:02d}.{n // 3600:03d}Z"
    return Vote(
        stamp, f"img {n % 7}.png", f"=img {n % 5 + 7}.png", "left", "smart", judge, question
    )


class Disk:
    """A folder's `.image-ranker/` as bytes, answering the steps of `LogFiles` as the page
    does. Every write is checked to keep what the file held: an append keeps every byte, a
    rewrite every answer, and nothing is ever padded."""

    def __init__(self, files: dict[str, bytes | str] | None = None) -> None:
        self.files: dict[str, bytes | str] = dict(files or {})
        self.writes = 0

    def answer(self, step: List | Read | Look | Write) -> object:
        if isinstance(step, List):
            return list(self.files) or None
        data = self.files.get(step.name)
        if isinstance(step, Read):
            return NOT_A_FILE if data == FOLDER else data
        if isinstance(step, Look):
            if data is None or data == FOLDER:
                return None if data is None else NOT_A_FILE
            return Seen(len(data), data[step.start :])
        if data == FOLDER:
            raise OSError("TypeMismatchError")
        before = data or b""
        if len(before) != step.expect or not before.endswith(step.tail):
            return False
        after = before[: step.keep] + step.text.encode("utf-8", "surrogateescape")
        assert b"\0" not in after[len(before) :]
        if step.keep:
            assert step.keep == len(before) and after.startswith(before)
        else:
            lost = Counter(read_votes(before).votes) - Counter(read_votes(after).votes)
            assert not lost, f"a rewrite dropped {lost}"
        self.files[step.name] = after
        self.writes += 1
        return True


def run(steps: Generator, disk: Disk, between: Callable[[object], None]) -> object:
    """Drives a generator of `LogFiles` against the disk, letting `between` change the folder
    before each of its steps is answered. A write that fails ends the flush, as in the page
    (which says so and flushes again later)."""
    answer = None
    try:
        while True:
            step = steps.send(answer)
            between(step)
            answer = disk.answer(step)
    except StopIteration as done:
        return done.value
    except OSError:
        steps.close()
        return False


def unchanged(_step: object) -> None:
    """No other writer."""


def opened(disk: Disk) -> LogFiles:
    logs = LogFiles()
    run(logs.open(), disk, unchanged)
    return logs


def answer(logs: LogFiles, disk: Disk, votes: list[Vote], between=unchanged) -> object:
    logs.hold(votes)
    return run(logs.flush(), disk, between)


HEADER = "timestamp,left,right,outcome,judge,strategy\r\n"


def test_rows_another_writer_appended_are_kept_and_taken_in() -> None:
    disk = Disk()
    logs = opened(disk)
    assert answer(logs, disk, [vote(1), vote(2)])
    theirs = [vote(3, judge="ben"), vote(4, judge="ben")]
    disk.files["votes.csv"] += format_votes(theirs).encode()
    assert answer(logs, disk, [vote(5)])
    assert read_votes(disk.files["votes.csv"]).votes == [vote(1), vote(2), *theirs, vote(5)]
    assert logs.arrived == theirs


def test_a_deleted_folder_is_written_again_from_every_answer_held() -> None:
    disk = Disk()
    logs = opened(disk)
    answer(logs, disk, [vote(n) for n in range(5)])
    disk.files.clear()
    assert answer(logs, disk, [vote(5)])
    data = disk.files["votes.csv"]
    assert data.startswith(HEADER.encode()) and b"\0" not in data
    assert read_votes(data).votes == [vote(n) for n in range(6)]
    assert any("was gone" in notice for notice in logs.notices)


def test_a_shorter_copy_put_back_gets_the_missing_answers_and_no_padding() -> None:
    disk = Disk()
    logs = opened(disk)
    answer(logs, disk, [vote(n) for n in range(3)])
    copy = disk.files["votes.csv"]
    answer(logs, disk, [vote(n) for n in range(3, 8)])
    disk.files["votes.csv"] = copy
    assert answer(logs, disk, [vote(8)])
    votes = read_votes(disk.files["votes.csv"]).votes
    assert sorted(votes, key=lambda v: v.time) == [vote(n) for n in range(9)]
    assert b"\0" not in disk.files["votes.csv"]


def test_a_last_row_without_a_line_break_is_completed_not_written_over() -> None:
    theirs = vote(1, judge="ben")
    disk = Disk({"votes.csv": (HEADER + format_votes([theirs]).rstrip("\r\n")).encode()})
    logs = opened(disk)
    assert answer(logs, disk, [vote(2)])
    assert read_votes(disk.files["votes.csv"]).votes == [theirs, vote(2)]


def test_a_row_of_ours_cut_short_is_completed_with_its_own_text() -> None:
    disk = Disk()
    logs = opened(disk)
    answer(logs, disk, [vote(1), vote(2)])
    disk.files["votes.csv"] = disk.files["votes.csv"][:-9]  # "...,me,sm" of the second row
    assert answer(logs, disk, [vote(3)])
    assert read_votes(disk.files["votes.csv"]).votes == [vote(1), vote(2), vote(3)]
    assert read_votes(disk.files["votes.csv"]).problems == []


def test_a_last_row_with_a_stray_quote_is_kept_and_answers_go_beside() -> None:
    crafted = (HEADER + '2026-01-01T00:00:00.000Z,"a.png,b.png,left,ben,smart').encode()
    disk = Disk({"votes.csv": crafted})
    logs = opened(disk)
    assert answer(logs, disk, [vote(1)])
    assert disk.files["votes.csv"] == crafted
    assert read_votes(disk.files["votes-2.csv"]).votes == [vote(1)]
    assert any("quoted field" in notice for notice in logs.notices)


def test_a_folder_where_the_log_should_be_is_left_and_the_next_log_begun() -> None:
    disk = Disk({"votes.csv": FOLDER})
    logs = opened(disk)
    assert logs.log == "votes-2.csv"
    assert answer(logs, disk, [vote(1)])
    assert disk.files["votes.csv"] == FOLDER
    assert read_votes(disk.files["votes-2.csv"]).votes == [vote(1)]


def test_a_wider_header_rewrites_a_clean_log_with_every_row_of_every_writer() -> None:
    disk = Disk()
    logs = opened(disk)
    answer(logs, disk, [vote(1)])
    disk.files["votes.csv"] += format_votes([vote(2, judge="ben")]).encode()
    assert answer(logs, disk, [vote(3, question="Which is sharper?")])
    read = read_votes(disk.files["votes.csv"])
    assert read.header[-1] == "question"
    assert read.votes == [vote(1), vote(2, judge="ben"), vote(3, question="Which is sharper?")]


def test_a_write_is_not_saved_until_it_is_seen_on_disk() -> None:
    disk = Disk()
    logs = opened(disk)
    answer(logs, disk, [vote(1)])
    copy = disk.files["votes.csv"]
    put_back = []

    def put_the_old_copy_back_once_written(step: object) -> None:
        if isinstance(step, Look) and disk.writes == 2 and not put_back:
            put_back.append(step)
            disk.files["votes.csv"] = copy

    assert answer(logs, disk, [vote(2)], put_the_old_copy_back_once_written)
    assert put_back and disk.writes == 3
    assert read_votes(disk.files["votes.csv"]).votes == [vote(1), vote(2)]


def test_an_append_that_finds_the_file_grown_since_it_looked_writes_nothing_over() -> None:
    disk = Disk()
    logs = opened(disk)
    answer(logs, disk, [vote(1)])
    theirs = vote(2, judge="ben")
    grown = []

    def grow_just_before_the_write(step: object) -> None:
        if isinstance(step, Write) and not grown:
            grown.append(step)
            disk.files["votes.csv"] += format_votes([theirs]).encode()

    assert answer(logs, disk, [vote(3)], grow_just_before_the_write)
    assert grown
    assert read_votes(disk.files["votes.csv"]).votes == [vote(1), theirs, vote(3)]
    assert logs.arrived == [theirs]


# every interleaving ------------------------------------------------------------------------

OTHERS = st.sampled_from(
    [
        "append",  # another writer's rows
        "append-unterminated",  # the same, without the last line break
        "append-garbage",  # a row that is not a vote
        "append-open-quote",  # a quote never closed
        "truncate",
        "delete-log",
        "delete-folder",
        "restore-copy",  # an older copy of the log put back
        "folder-in-place",  # a folder where the log is
        "other-page",  # this app in another browser, answering and saving
        "nothing",
    ]
)


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(
    st.lists(st.tuples(st.integers(0, 3), st.lists(OTHERS, max_size=4)), min_size=1, max_size=8),
    st.randoms(use_true_random=False),
)
def test_no_answer_is_lost_or_written_twice_whatever_other_writers_do(rounds, rng) -> None:
    disk = Disk()
    logs = opened(disk)
    ours: list[Vote] = []
    copies: dict[str, list[bytes]] = {}
    counter = iter(range(10**6))
    pending: list[str] = []
    other_page = LogFiles()
    other_page_votes: list[Vote] = []

    def other_writer(_step: object) -> None:
        if not pending:
            return
        what, name = pending.pop(0), logs.log
        data = disk.files.get(name)
        text = data if isinstance(data, bytes) else None
        if text is not None:
            copies.setdefault(name, []).append(text)
        if what.startswith("append") and data != FOLDER:
            base = text if text is not None else HEADER.encode()
            theirs = vote(next(counter) + 10_000, judge="ben")
            rows = {
                "append": format_votes([theirs]),
                "append-unterminated": format_votes([theirs]).rstrip("\r\n"),
                "append-garbage": "this is not, a vote\r\n",
                "append-open-quote": 'x,"never closed\r\n',
            }[what]
            disk.files[name] = base + rows.encode()
        elif what == "truncate" and text:
            disk.files[name] = text[: rng.randrange(len(text))]
        elif what == "delete-log":
            disk.files.pop(name, None)
        elif what == "delete-folder":
            disk.files.clear()
        elif what == "restore-copy" and copies.get(name):
            disk.files[name] = rng.choice(copies[name])
        elif what == "folder-in-place":
            disk.files[name] = FOLDER
        elif what == "other-page":
            if not other_page_votes:
                run(other_page.open(), disk, unchanged)
            other_page_votes.append(vote(next(counter) + 20_000, judge="ann"))
            answer(other_page, disk, other_page_votes[-1:])

    for answers, others in rounds:
        new = [vote(next(counter)) for _ in range(answers)]
        ours.extend(new)
        pending[:] = list(others)
        answer(logs, disk, new, other_writer)
    pending.clear()
    assert answer(logs, disk, []), "with no other writer, a flush saves everything"

    for name, data in disk.files.items():
        if isinstance(data, bytes):
            doubled = Counter(read_votes(data).votes) - Counter(set(read_votes(data).votes))
            assert not doubled, f"{name} holds an answer twice: {doubled}"
    again = LogFiles()
    found = run(again.open(), disk, unchanged).votes
    assert set(ours) <= set(found), "an answer of this page was lost"
    assert set(logs.arrived) <= set(found), "an answer taken in from another writer was lost"
    assert answer(other_page, disk, []) or not other_page_votes
    assert set(other_page_votes) <= set(run(LogFiles().open(), disk, unchanged).votes)


def test_a_log_written_by_this_module_reads_back_as_written() -> None:
    votes = [vote(n) for n in range(20)]
    disk = Disk()
    logs = opened(disk)
    for start in range(0, 20, 3):
        assert answer(logs, disk, votes[start : start + 3])
    assert disk.files["votes.csv"] == write_votes(votes).encode()


def test_rows_after_a_first_write_with_a_wider_header_follow_that_header() -> None:
    """A new log begun by an answer to another question has the question column: the answers
    after it get a cell there too, rather than a row one field short."""
    disk = Disk()
    logs = opened(disk)
    asked = [vote(1, question="Which is sharper?"), vote(2)]
    for one in asked:
        assert answer(logs, disk, [one])
    read = read_votes(disk.files["votes.csv"])
    assert (read.votes, read.problems) == (asked, [])
