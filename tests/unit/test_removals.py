"""Removing an image from the ranking and bringing it back: a `remove` / `restore` row in the
log, kept out after a replay and for every question, undone like an answer, and never losing
an answer, whatever the order of answers, removals, restores and undos."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ranker import (
    InvalidVoteError,
    NothingToUndoError,
    Ranker,
    RemovedItemError,
    UnknownItemError,
    Vote,
)
from ranker.formats import read_votes, write_votes
from ranker.formats.in_force import replay
from ranker.removals import Removals

ITEMS = ["a.png", "b.png", "c.png", "d.png"]
T0 = "2026-01-01T00:00:00.000Z"


def test_a_removed_image_leaves_the_ranking_and_the_questions_and_keeps_its_answers() -> None:
    ranker = Ranker(ITEMS, seed=1)
    ranker.vote("a.png", "b.png")
    ranker.vote("b.png", "c.png")
    row = ranker.remove_item("b.png", time=T0)
    assert row == Vote(T0, "b.png", "", "remove", "smart")
    assert ranker.items == ["a.png", "c.png", "d.png"]
    assert ranker.removed == ["b.png"]
    assert "b.png" not in ranker.ranking()
    for _ in range(10):
        pair = ranker.next_pair()
        assert pair is not None and "b.png" not in pair
        ranker.skip(*pair)
    assert ranker.answered == 2  # both answers about b.png still count
    assert ranker.ranking().index("a.png") < ranker.ranking().index("c.png")
    with pytest.raises(RemovedItemError):
        ranker.vote("b.png", "d.png")
    with pytest.raises(RemovedItemError):
        ranker.remove_item("b.png")


def test_a_restored_image_comes_back_with_its_answers() -> None:
    ranker = Ranker(ITEMS, seed=1)
    ranker.vote("a.png", "b.png")
    ranker.remove_item("a.png")
    ranker.restore_item("a.png", time=T0)
    assert ranker.votes[-1] == Vote(T0, "a.png", "", "restore", "smart")
    assert ranker.removed == [] and "a.png" in ranker.items
    best = ranker.standings()[0]
    assert (best.id, best.wins) == ("a.png", 1)
    with pytest.raises(InvalidVoteError):
        ranker.restore_item("a.png")
    with pytest.raises(UnknownItemError):
        ranker.remove_item("nowhere.png")


def test_undo_takes_back_answers_and_removals_in_the_order_they_were_made() -> None:
    ranker = Ranker(ITEMS, seed=1)
    ranker.vote("a.png", "b.png")
    ranker.remove_item("c.png")
    ranker.vote("b.png", "d.png")
    assert ranker.undo().outcome == "left"  # b over d
    assert ranker.removed == ["c.png"]
    taken_back = ranker.undo()
    assert (taken_back.outcome, taken_back.left) == ("remove", "c.png")
    assert ranker.votes[-1].outcome == "undo" and ranker.votes[-1].right == ""
    assert ranker.removed == [] and "c.png" in ranker.items
    assert (ranker.undo().left, ranker.answered) == ("a.png", 0)
    with pytest.raises(NothingToUndoError):
        ranker.undo()


def test_undoing_a_restore_takes_the_image_out_again() -> None:
    ranker = Ranker(ITEMS, seed=1)
    ranker.remove_item("a.png")
    ranker.restore_item("a.png")
    assert ranker.undo().outcome == "restore"
    assert ranker.removed == ["a.png"]


def test_a_replay_keeps_removals_for_every_question_and_undoes_them_as_they_were() -> None:
    ranker = Ranker(ITEMS, seed=1, question="Which is sharper?")
    ranker.vote("a.png", "b.png")
    ranker.remove_item("b.png")
    ranker.remove_item("c.png")
    ranker.undo()  # c comes back
    again = Ranker.from_votes(ITEMS, ranker.votes, question="Which is sharper?")
    assert (again.removed, again.items, again.answered) == (["b.png"], ranker.items, 1)
    other = Ranker.from_votes(ITEMS, ranker.votes)  # the default question: no answers, the
    assert (other.removed, other.answered) == (["b.png"], 0)  # same removals
    log = read_votes(write_votes(list(ranker.votes)))
    assert log.problems == [] and log.votes == list(ranker.votes)
    assert replay(log.votes).removed == ["b.png"]


def test_another_devices_removal_drops_the_question_on_offer() -> None:
    ranker = Ranker(ITEMS[:3], seed=1)
    pair = ranker.next_pair()
    assert pair is not None
    ranker.take_in([Vote(T0, pair[0], "", "remove", "smart", "bob")])
    assert pair[0] in ranker.removed
    assert pair[0] not in (ranker.next_pair() or ())


def test_an_image_gone_from_the_folder_is_not_listed_as_removed_until_it_is_back() -> None:
    ranker = Ranker(ITEMS, seed=1)
    ranker.remove_item("a.png")
    ranker.remove(["a.png"])
    assert ranker.removed == []
    ranker.add(["a.png"])
    assert ranker.removed == ["a.png"] and "a.png" not in ranker.items


def test_an_image_held_back_is_not_asked_about_and_stays_in_the_ranking() -> None:
    ranker = Ranker(ITEMS[:3], seed=1)
    ranker.hold_back(["a.png"])
    for _ in range(6):
        pair = ranker.next_pair()
        assert pair is not None and "a.png" not in pair
        ranker.vote(*pair)
    assert "a.png" in ranker.ranking()
    ranker.hold_back(["b.png"])
    assert ranker.next_pair() is None


def test_removal_rows_read_and_are_checked() -> None:
    text = (
        "timestamp,left,right,outcome,judge,strategy\r\n"
        f"{T0},a.png,b.png,left,me,smart\r\n"
        f"{T0},a.png,,remove,me,smart\r\n"
        f"{T0},a.png,b.png,remove,me,smart\r\n"  # a remove names one image
        f"{T0},,,restore,me,smart\r\n"  # no image at all
        f"{T0},a.png,,undo,me,smart\r\n"  # takes back the remove
        f"{T0},a.png,,undo,me,smart\r\n"  # nothing left to take back
        f"{T0},c.png,,undo,bob,smart\r\n"  # bob removed nothing
    )
    read = read_votes(text)
    assert [(v.outcome, v.left, v.right) for v in read.votes] == [
        ("left", "a.png", "b.png"),
        ("remove", "a.png", ""),
        ("undo", "a.png", ""),
    ]
    assert [(p.line, p.message) for p in read.problems] == [
        (4, "a remove row names one image, in left (right is empty)"),
        (5, "an empty path"),
        (7, "an undo that cannot apply: 'me' has no remove or restore left to undo"),
        (8, "an undo that cannot apply: 'bob' has no remove or restore left to undo"),
    ]
    assert Ranker.from_votes(ITEMS, read.votes).removed == []


def test_an_undo_must_name_the_image_it_takes_back() -> None:
    removals = Removals()
    removals.apply(Vote(T0, "a.png", "", "remove", "smart"), 0)
    wrong = Vote(T0, "b.png", "", "undo", "smart")
    assert removals.check(wrong) == (
        "it undoes a remove or restore of 'b.png', but the latest of 'me' is about 'a.png'"
    )
    with pytest.raises(ValueError):
        removals.apply(wrong, 1)
    assert removals.removed == ["a.png"]


def test_an_image_is_out_while_the_latest_row_naming_it_of_any_judge_is_a_remove() -> None:
    log = [
        Vote(T0, "a.png", "", "remove", "smart", "me"),
        Vote(T0, "a.png", "", "restore", "smart", "bob"),
        Vote(T0, "b.png", "", "remove", "smart", "bob"),
        Vote(T0, "a.png", "", "remove", "smart", "me"),
        Vote(T0, "b.png", "", "undo", "smart", "bob"),
    ]
    assert replay(log).removed == ["a.png"]
    assert Ranker.from_votes(ITEMS, log).removed == ["a.png"]


ACTIONS = st.lists(
    st.tuples(st.sampled_from(["vote", "remove", "restore", "undo"]), st.integers(0, 3)),
    min_size=1,
    max_size=40,
)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(actions=ACTIONS)
def test_no_interleaving_of_answers_removals_and_undos_loses_an_answer(actions) -> None:
    """A ledger of what the person did (answers and removals on one undo stack) against the
    engine, its replay, and the log written and read back."""
    ranker = Ranker(ITEMS, seed=3)
    done: list[tuple[str, str]] = []  # (kind, image) in force, oldest first
    for action, which in actions:
        item = ITEMS[which]
        removed = item in ranker.removed
        if action == "vote" and len(ranker.items) >= 2:
            pair = ranker.next_pair()
            if pair is not None:
                ranker.vote(*pair)
                done.append(("answer", ""))
        elif action == "remove" and not removed:
            ranker.remove_item(item)
            done.append(("remove", item))
        elif action == "restore" and removed:
            ranker.restore_item(item)
            done.append(("restore", item))
        elif action == "undo" and done:
            ranker.undo()
            done.pop()
    latest = {image: kind for kind, image in done if image}
    expected_removed = {image for image, kind in latest.items() if kind == "remove"}
    answers = sum(kind == "answer" for kind, _ in done)
    assert (set(ranker.removed), ranker.answered) == (expected_removed, answers)
    read = read_votes(write_votes(list(ranker.votes)))
    assert read.problems == [] and read.votes == list(ranker.votes)
    log = replay(read.votes)
    assert (len(log.in_force), set(log.removed)) == (answers, expected_removed)
    again = Ranker.from_votes(ITEMS, read.votes, seed=3)
    assert (set(again.removed), again.items, again.answered) == (
        expected_removed,
        ranker.items,
        answers,
    )
