"""votes.csv: any log written reads back as the same rows and replays to the same standings;
a bad, cut-short or foreign file is reported line by line, its valid rows are used, and the
append point never lies inside a row."""

import csv
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ranker import Ranker, Vote
from ranker.formats import (
    RANKINGS_HEADER,
    VOTES_HEADER,
    GrowingVotesCsv,
    fits,
    format_votes,
    read_votes,
    votes_header,
    write_votes,
)
from ranker.formats.csv_rows import unescape

from .test_formats_data import HOSTILE, PATHS, T0, played, vote_lists

HEADER = "timestamp,left,right,outcome,judge,strategy\r\n"
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # a lone CR ends a line too, as editors show it
QUICK = settings(derandomize=True, deadline=None, max_examples=60)


def vote(left: str = "a", right: str = "b", outcome: str = "left", **more) -> Vote:
    return Vote(T0, left, right, outcome, "smart", **more)


@QUICK
@given(paths=st.lists(PATHS, min_size=2, max_size=6, unique=True), seed=st.integers(0, 10**6))
def test_a_played_log_round_trips_and_replays_to_the_same_standings(paths, seed) -> None:
    ranker = played(paths, seed)
    text = write_votes(list(ranker.votes))
    read = read_votes(text)
    assert read.problems == []
    assert read.votes == list(ranker.votes)
    assert (read.complete_chars, read.appendable) == (len(text), True)
    assert write_votes(read.votes) == text
    replayed = Ranker.from_votes(paths, read.votes, seed=seed).standings()
    assert replayed == Ranker.from_votes(paths, ranker.votes, seed=seed).standings()
    live = ranker.standings()
    assert [s.id for s in replayed] == [s.id for s in live]
    assert [s.mu for s in replayed] == pytest.approx([s.mu for s in live], abs=1e-6)


@QUICK
@given(votes=vote_lists())
def test_any_rows_round_trip_exactly(votes: list[Vote]) -> None:
    text = write_votes(votes)
    read = read_votes(text)
    assert read.problems == []
    assert read.votes == votes
    assert read.header == votes_header(votes)
    assert read.complete_bytes == len(text.encode("utf-8"))


def test_the_header_is_the_six_columns_and_lines_end_in_crlf() -> None:
    assert write_votes([vote()]) == HEADER + f"{T0},a,b,left,me,smart\r\n"
    assert write_votes([]) == HEADER


def test_question_and_set_columns_are_appended_only_when_an_answer_needs_them() -> None:
    asked = vote(question="Which is sharper?")
    in_set = vote(set_kind="best of 3")
    assert votes_header([vote(), asked]) == (*VOTES_HEADER, "question")
    assert votes_header([in_set]) == (*VOTES_HEADER, "set")
    assert votes_header([in_set, asked]) == (*VOTES_HEADER, "question", "set")
    assert write_votes([vote(), asked]).splitlines() == [
        "timestamp,left,right,outcome,judge,strategy,question",
        f"{T0},a,b,left,me,smart,Which image is better?",
        f"{T0},a,b,left,me,smart,Which is sharper?",
    ]


def test_rows_for_an_old_header_keep_its_columns_and_never_drop_a_field() -> None:
    old = ("Timestamp", "LEFT", "right", "outcome", "judge", "strategy", "note")
    assert format_votes([vote()], old) == f"{T0},a,b,left,me,smart,\r\n"
    asked = vote(question="Which is sharper?")
    assert fits([vote()], old) and not fits([asked], old)
    with pytest.raises(ValueError, match="cannot hold"):
        format_votes([asked], old)
    wider = votes_header([asked], old)
    assert wider == (*old, "question")
    assert format_votes([asked], wider) == f"{T0},a,b,left,me,smart,,Which is sharper?\r\n"


def test_columns_are_found_by_name_in_any_order_with_unknown_ones() -> None:
    text = (
        "\ufeffJudge,outcome,right,left,strategy,note,timestamp\r\n"
        f"ann,right,b,a,random,whatever,{T0}\r\n"
    )
    read = read_votes(text)
    assert read.problems == []
    assert read.votes == [Vote(T0, "a", "b", "right", "random", "ann")]
    assert read.header == ("Judge", "outcome", "right", "left", "strategy", "note", "timestamp")
    appended = text + format_votes([vote(judge="bob")], read.header)
    assert read_votes(appended).votes == [*read.votes, vote(judge="bob")]


def test_an_old_log_without_question_reads_as_the_default_question() -> None:
    read = read_votes(HEADER + f"{T0},a,b,draw,ann,smart\r\n")
    assert read.votes == [Vote(T0, "a", "b", "draw", "smart", "ann")]
    assert read.votes[0].question == "Which image is better?" and read.votes[0].set_kind == ""


def test_every_bad_row_is_reported_by_its_line_and_the_valid_rows_are_kept() -> None:
    text = (
        "timestamp,left,right,outcome,judge,strategy\n"  # 1
        f"{T0},a,b,left,me,smart\n"  # 2 good
        "yesterday,a,b,left,me,smart\n"  # 3 unparseable timestamp
        f'{T0},"multi\nline.png",b,left,me,smart\n'  # 4-5 good, one row on two lines
        f"{T0},a,b,maybe,me,smart\n"  # 6 unknown outcome
        f"{T0},a,b\n"  # 7 too few fields
        f"{T0},a,b,left,me,smart,extra\n"  # 8 too many fields
        f"{T0},,b,left,me,smart\n"  # 9 empty path
        "2026-01-01T00:00:00,a,b,left,me,smart\n"  # 10 no time zone
        f'{T0},a,"b"x,left,me,smart\n'  # 11 not CSV
        f"{T0},c,c,left,me,smart\n"  # 12 an image against itself
        "\n"  # 13 blank: ignored
        f"{T0},c,d,right,me,smart\n"  # 14 good
    )
    read = read_votes(text)
    assert [(v.left, v.right) for v in read.votes] == [
        ("a", "b"),
        ("multi\nline.png", "b"),
        ("c", "d"),
    ]
    assert [(p.line, p.message) for p in read.problems] == [
        (3, "unreadable timestamp 'yesterday' (expected ISO 8601 UTC)"),
        (
            6,
            "unknown outcome 'maybe' (expected one of left, right, draw, skip, undo, remove, "
            "restore)",
        ),
        (7, "3 fields where the header has 6"),
        (8, "7 fields where the header has 6"),
        (9, "an empty path"),
        (10, "timestamp '2026-01-01T00:00:00' has no time zone (expected UTC, ending in Z)"),
        (11, "not a CSV row: ',' expected after '\"'"),
        (12, "an image compared with itself: 'c'"),
    ]
    assert (
        str(read.problems[0]) == "line 3: unreadable timestamp 'yesterday' (expected ISO 8601 UTC)"
    )
    assert (read.complete_chars, read.appendable) == (len(text), True)


def test_a_last_line_without_line_break_is_left_out_and_appended_over() -> None:
    good = HEADER + f"{T0},a,b,left,me,smart\r\n"
    text = good + f"{T0},c,d,right,me,sma"
    read = read_votes(text)
    assert read.votes == [vote()]
    assert [(p.line, p.message) for p in read.problems] == [
        (3, "the file ends in the middle of this row (no line break after it): it is left out")
    ]
    assert (read.complete_chars, read.complete_bytes, read.appendable) == (
        len(good),
        len(good),
        True,
    )
    again = text[: read.complete_chars] + format_votes([vote("c", "d")])
    assert read_votes(again).votes == [vote(), vote("c", "d")]
    assert read_votes(again).problems == []


def test_a_quote_left_open_at_the_end_is_a_cut_short_row_even_over_several_lines() -> None:
    good = HEADER + f"{T0},a,b,left,me,smart\r\n"
    for tail in (f'{T0},"open', f'{T0},"two\r\nlines', f'{T0},"ends with a break\r\n'):
        read = read_votes(good + tail)
        assert read.votes == [vote()], tail
        assert [(p.line, p.message) for p in read.problems] == [
            (3, "the file ends inside a quoted field of this row: the row is left out")
        ]
        assert (read.complete_chars, read.appendable) == (len(good), True)


def test_a_quote_never_closed_in_the_middle_keeps_the_rows_after_it_and_the_file() -> None:
    text = (
        HEADER
        + f"{T0},a,b,left,me,smart\r\n"
        + f'{T0},"stray,b,left,me,smart\r\n'
        + f"{T0},c,d,right,me,smart\r\n"
        + f"{T0},c,d,sideways,me,smart\r\n"
    )
    read = read_votes(text)
    assert read.votes == [vote(), vote("c", "d", "right")]
    assert [p.line for p in read.problems] == [3, 5]
    assert "never closed" in read.problems[0].message
    assert not read.appendable


def test_after_a_quote_never_closed_each_line_is_read_on_its_own_once() -> None:
    """A crafted log of many lines that each open a quote: every line is one problem, and
    the good rows among them still read (the text is not read again from each such line)."""
    crafted = 'a",,"\r\n' * 4000
    text = HEADER + f'{T0},"stray,b,left,me,smart\r\n' + crafted + f"{T0},c,d,right,me,smart\r\n"
    read = read_votes(text)
    assert read.votes == [vote("c", "d", "right")]
    assert len(read.problems) == 1 + 4000
    assert not read.appendable


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            ",".join(RANKINGS_HEADER) + "\r\n1,a.png,50.0,25.0,8.3,0,0,0,0\r\n",
            "this is a rankings.csv, not a votes log",
        ),
        (
            "Winner,Loser\r\n/x/a.png,/x/b.png\r\n",
            "this is the original Image Ranker's comparison history (Winner,Loser), not a "
            "votes log: bring it in with Import votes",
        ),
        (
            "name,size\r\na,1\r\n",
            "not a votes log: its header is “name,size”, expected "
            "timestamp,left,right,outcome,judge,strategy",
        ),
        (
            "timestamp,left,left,right,outcome,judge,strategy\r\n",
            "the header names left twice: not a votes log",
        ),
    ],
)
def test_a_foreign_file_is_named_and_never_appended_to(text: str, message: str) -> None:
    read = read_votes(text)
    assert read.votes == [] and read.header is None and not read.appendable
    assert [(p.line, p.message) for p in read.problems] == [(0, message)]
    assert str(read.problems[0]) == message


def test_a_log_without_its_header_line_is_read_by_position() -> None:
    read = read_votes(f"{T0},a,b,left,me,smart\r\n{T0},b,c,right,ann,smart\r\n")
    assert read.votes == [vote(), vote("b", "c", "right", judge="ann")]
    assert [(p.line, p.message) for p in read.problems] == [
        (1, "no header line: read as timestamp,left,right,outcome,judge,strategy")
    ]
    assert read.header == VOTES_HEADER and read.appendable


def test_an_empty_file_is_an_empty_log() -> None:
    for text in ("", "\r\n", HEADER):
        read = read_votes(text)
        assert (read.votes, read.problems, read.header, read.appendable) == (
            [],
            [],
            VOTES_HEADER,
            True,
        )
    assert read_votes(HEADER).complete_chars == len(HEADER)


def test_offsets_count_a_byte_order_mark_and_multibyte_names() -> None:
    text = "\ufeff" + HEADER + f"{T0},日本.png,b,left,me,smart\r\n" + f"{T0},x,y,le"
    for data in (text, text.encode("utf-8")):
        read = read_votes(data)
        assert read.header == VOTES_HEADER and read.votes == [vote("日本.png")]
        kept = text[: read.complete_chars]
        assert kept.endswith("smart\r\n")
        assert read.complete_bytes == len(kept.encode("utf-8")) == len(kept) + 2 + 2 * 2


def test_bytes_that_are_not_utf8_are_a_bad_row_and_counted_exactly() -> None:
    data = (HEADER + f"{T0},a,b,left,me,smart\r\n").encode() + (
        f"{T0},caf\xe9.png,b,left,me,smart\r\n".encode("latin-1")  # one byte, not UTF-8
        + f"{T0},c,d,left,me,smart\r\n{T0},e,f".encode()
    )
    read = read_votes(data)
    assert read.votes == [vote(), vote("c", "d")]
    assert [(p.line, p.message) for p in read.problems] == [
        (3, "bytes that are not UTF-8 text"),
        (5, "the file ends in the middle of this row (no line break after it): it is left out"),
    ]
    assert data[read.complete_bytes :] == f"{T0},e,f".encode()


def test_undo_rows_that_cannot_apply_are_reported_and_left_out() -> None:
    text = write_votes(
        [
            vote("a", "b"),  # 2
            vote("c", "d", "undo"),  # 3: the latest answer is a/b, not c/d
            vote("a", "b", "undo", judge="ann"),  # 4: ann answered nothing
            vote("b", "a", "undo"),  # 5: takes back a/b
            vote("a", "b", "undo"),  # 6: nothing left
        ]
    )
    read = read_votes(text)
    assert read.votes == [vote("a", "b"), vote("b", "a", "undo")]
    assert [p.line for p in read.problems] == [3, 4, 6]
    assert all(p.message.startswith("an undo that cannot apply") for p in read.problems)
    Ranker.from_votes(["a", "b", "c", "d"], read.votes)  # replays without error


def test_a_fragment_keeps_its_undo_rows_for_the_whole_log_to_replay() -> None:
    """The page's journal holds only the answers not yet on disk: an undo there takes back
    an answer the file already has, so it must survive being read on its own."""
    on_disk = [vote("a", "b"), vote("c", "d")]
    journal = write_votes([vote("c", "d", "undo")])
    assert read_votes(journal).votes == []
    kept = read_votes(journal, fragment=True)
    assert kept.votes == [vote("c", "d", "undo")] and not kept.problems
    replayed = Ranker.from_votes(["a", "b", "c", "d"], on_disk + kept.votes)
    assert replayed.answered == 1


def test_an_undo_after_a_row_left_out_does_not_take_back_the_answer_before() -> None:
    text = HEADER + (
        f"{T0},a,b,left,me,smart\r\n"
        f"yesterday,c,d,left,me,smart\r\n"  # left out
        f"{T0},c,d,undo,me,smart\r\n"  # meant for the row left out
    )
    read = read_votes(text)
    assert read.votes == [vote()]
    assert [p.line for p in read.problems] == [3, 4]


@settings(derandomize=True, deadline=None, max_examples=25)
@given(
    paths=st.lists(PATHS, min_size=2, max_size=4, unique=True),
    seed=st.integers(0, 10**6),
    data=st.data(),
)
def test_a_log_cut_anywhere_keeps_its_whole_rows_and_takes_appends(paths, seed, data) -> None:
    log = list(played(paths, seed, answers=12).votes)
    text = write_votes(log)
    header_end = text.index("\r\n") + 2
    cut = data.draw(st.integers(header_end, len(text)), label="cut")
    row_ends = []  # where each row's text ends: a row is whole once its "\r" is in
    offset = header_end
    for one in log:
        offset += len(format_votes([one]))
        row_ends.append(offset - 1)
    whole = sum(end <= cut for end in row_ends)
    read = read_votes(text[:cut])
    assert read.votes == log[:whole]
    assert read.appendable
    assert len(read.problems) <= 1
    start_of_next = header_end + len(format_votes(log[:whole]))
    if read.problems:
        assert read.problems[0].line == 1 + len(LINE_BREAK.findall(text[:start_of_next]))
        assert read.complete_chars == start_of_next
    else:
        assert read.complete_chars == cut
    more = [vote(paths[0], paths[1], judge="bob")]
    again = read_votes(text[:cut][: read.complete_chars] + format_votes(more))
    assert again.problems == [] and again.votes == log[:whole] + more


def test_rows_are_rfc_4180_for_other_csv_readers() -> None:
    text = write_votes([vote(path, "b") for path in HOSTILE])
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert [unescape(record[1]) for record in records[1:]] == HOSTILE
    assert all(len(record) == 6 for record in records)


def test_no_cell_starts_a_spreadsheet_formula_and_every_text_reads_back() -> None:
    texts = ["=cmd|' /C calc'!A0", "+1", "-2.png", "@SUM(A1)", "\tx", "'quoted", "''two", "ok"]
    votes = [vote(text, f"b{i}", judge=text, question=text) for i, text in enumerate(texts)]
    text = write_votes(votes)
    for record in list(csv.reader(io.StringIO(text, newline="")))[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for cell in record)
    assert read_votes(text).votes == votes


def test_a_name_with_an_apostrophe_in_a_log_written_before_escaping_reads_as_it_was() -> None:
    old = "timestamp,left,right,outcome,judge,strategy\r\n" + (
        "2026-01-01T00:00:00.000Z,'quoted.png,b.png,left,me,smart\r\n"
    )
    assert [(v.left, v.right) for v in read_votes(old).votes] == [("'quoted.png", "b.png")]


@settings(derandomize=True, deadline=None, max_examples=25)
@given(
    paths=st.lists(PATHS, min_size=2, max_size=4, unique=True),
    seed=st.integers(0, 10**6),
    data=st.data(),
)
def test_a_file_cut_at_any_byte_keeps_its_whole_rows_and_the_bytes_before(paths, seed, data):
    log = list(played(paths, seed, answers=8).votes)
    raw = write_votes(log).encode("utf-8")
    header_end = raw.index(b"\r\n") + 2
    cut = data.draw(st.integers(header_end, len(raw)), label="cut")
    ends = [header_end + len(format_votes(log[: i + 1]).encode()) - 1 for i in range(len(log))]
    whole = sum(end <= cut for end in ends)
    read = read_votes(raw[:cut])
    assert read.votes == log[:whole]
    # A cut inside a quoted path holding a line break reads as a quote never closed: such a
    # file is kept as it is and new answers go beside it (LogFiles), so it is not appendable.
    cut_row = raw[read.complete_bytes : cut]
    open_across_lines = cut_row.count(b'"') % 2 == 1 and bool(set(cut_row) & set(b"\r\n"))
    assert read.appendable or open_across_lines
    assert read.complete_bytes in (cut, header_end + len(format_votes(log[:whole]).encode()))
    more = format_votes([vote(paths[0], paths[1], judge="bob")]).encode()
    again = read_votes(raw[: read.complete_bytes] + more)
    assert again.problems == [] and again.votes == [
        *log[:whole],
        vote(paths[0], paths[1], judge="bob"),
    ]


@QUICK
@given(vote_lists(), st.lists(st.integers(1, 4), max_size=6))
def test_a_growing_list_is_written_as_write_votes_writes_it_whole(votes, batches) -> None:
    """Answers arrive one or a few at a time, some needing a column the earlier ones did
    not (another question, a best-of-k set): the text is write_votes' at every length."""
    growing, kept, given_so_far = GrowingVotesCsv(), [], 0
    for size in [*batches, len(votes)]:
        kept.extend(votes[given_so_far : given_so_far + size])
        given_so_far += size
        assert growing.text(kept) == write_votes(kept)
