"""The journal the writing tab reads: every tab's entry, each answer once, undo rows kept."""

from ranker import Vote
from ranker.formats import write_votes
from ranker.formats.journal import journal_votes

T = "2026-01-01T00:00:0{}.000Z"


def test_an_answer_in_two_entries_is_one_answer_and_undo_rows_are_kept() -> None:
    mine = [Vote(T.format(1), "a.png", "b.png", "left", "smart")]
    undo = Vote(T.format(2), "a.png", "b.png", "undo", "smart")
    theirs = [Vote(T.format(3), "c.png", "d.png", "right", "smart", "ben")]
    entries = [write_votes(mine), write_votes([*mine, undo]), write_votes(theirs)]
    assert journal_votes(entries) == [*mine, undo, *theirs]


def test_an_empty_or_broken_entry_gives_nothing_and_stops_nothing() -> None:
    good = [Vote(T.format(4), "a.png", "b.png", "draw", "smart")]
    assert journal_votes(["", "not,a,log\r\n", write_votes(good)]) == good
