"""Misuse raises the package's own exception types, all subclasses of `RankerError`, and
leaves the log and the standings as they were. `UnknownItemError` is also a `KeyError` on
purpose (it is a failed look-up), so every test asserts the `RankerError` base too: a caller
catching `RankerError` must never see a bare KeyError escape."""

import pytest

import ranker as package
from ranker import (
    STRATEGIES,
    InvalidItemError,
    InvalidVoteError,
    NothingToUndoError,
    Ranker,
    RankerError,
    RemovedItemError,
    UnknownItemError,
    UnknownStrategyError,
    Vote,
)

ANSWERS = ["vote", "draw", "skip"]


def session() -> Ranker:
    ranker = Ranker(["a", "b", "c", "gone"], seed=1)
    ranker.vote("a", "b")
    ranker.draw("gone", "c")
    ranker.remove(["gone"])
    return ranker


def assert_untouched(ranker: Ranker, votes: tuple, standings: list) -> None:
    assert ranker.votes == votes
    assert ranker.standings() == standings


def test_every_error_is_a_ranker_error_exported_by_the_package() -> None:
    errors = (
        UnknownItemError,
        RemovedItemError,
        InvalidItemError,
        InvalidVoteError,
        NothingToUndoError,
        UnknownStrategyError,
    )
    for error in errors:
        assert issubclass(error, RankerError)
        assert getattr(package, error.__name__) is error


@pytest.mark.parametrize("call", ANSWERS)
@pytest.mark.parametrize("bad", ["nope", "", "A", None, ["a"], 3])
def test_an_unknown_id_raises_unknown_item_error(call: str, bad: object) -> None:
    ranker = session()
    votes, standings = ranker.votes, ranker.standings()
    for args in ((bad, "a"), ("a", bad)):
        with pytest.raises(UnknownItemError) as raised:
            getattr(ranker, call)(*args)
        assert isinstance(raised.value, RankerError)
        assert repr(bad) in str(raised.value)
    assert_untouched(ranker, votes, standings)


def test_removing_an_unknown_id_raises_unknown_item_error() -> None:
    ranker = session()
    with pytest.raises(UnknownItemError) as raised:
        ranker.remove(["nope"])
    assert isinstance(raised.value, RankerError)
    assert ranker.items == ["a", "b", "c"]


@pytest.mark.parametrize("batch", [["a", "nope"], ("b", "c", None), iter(["c", "a", "x"])])
def test_a_removal_with_one_unknown_id_removes_nothing(batch: object) -> None:
    ranker = session()
    offered = ranker.next_pair()
    with pytest.raises(UnknownItemError):
        ranker.remove(batch)
    assert ranker.items == ["a", "b", "c"]
    assert ranker.next_pair() == offered


@pytest.mark.parametrize("call", ANSWERS)
def test_an_answer_about_a_removed_item_raises_removed_item_error(call: str) -> None:
    ranker = session()
    votes, standings = ranker.votes, ranker.standings()
    for args in (("gone", "a"), ("a", "gone")):
        with pytest.raises(RemovedItemError) as raised:
            getattr(ranker, call)(*args)
        assert isinstance(raised.value, RankerError)
        assert "gone" in str(raised.value)
    assert_untouched(ranker, votes, standings)


@pytest.mark.parametrize("call", ANSWERS)
def test_an_item_compared_with_itself_raises_invalid_vote_error(call: str) -> None:
    ranker = session()
    votes, standings = ranker.votes, ranker.standings()
    with pytest.raises(InvalidVoteError) as raised:
        getattr(ranker, call)("a", "a")
    assert isinstance(raised.value, RankerError)
    assert_untouched(ranker, votes, standings)


def test_ids_that_are_not_strings_raise_invalid_item_error() -> None:
    with pytest.raises(InvalidItemError) as raised:
        Ranker(["a", 2])
    assert isinstance(raised.value, RankerError)
    assert isinstance(raised.value, TypeError)
    ranker = session()
    with pytest.raises(InvalidItemError):
        ranker.add([b"bytes.png"])
    assert ranker.items == ["a", "b", "c"]


@pytest.mark.parametrize("batch", [["new.png", 2], ("gone", None), iter(["new.png", "gone", b"x"])])
def test_an_addition_with_one_bad_id_adds_nothing(batch: object) -> None:
    """Neither a new item nor a removed one coming back joins when another id of the same call
    is refused."""
    ranker = session()
    votes, standings = ranker.votes, ranker.standings()
    with pytest.raises(InvalidItemError):
        ranker.add(batch)
    assert ranker.items == ["a", "b", "c"]
    assert_untouched(ranker, votes, standings)
    with pytest.raises(UnknownItemError):
        ranker.remove(["new.png"])


def test_an_unknown_strategy_raises_unknown_strategy_error() -> None:
    with pytest.raises(UnknownStrategyError) as raised:
        Ranker(["a", "b"], strategy="bubble")
    assert isinstance(raised.value, RankerError)
    for name in STRATEGIES:
        assert name in str(raised.value)
    ranker = session()
    with pytest.raises(UnknownStrategyError):
        ranker.strategy = "Smart"
    assert ranker.strategy == "smart"
    with pytest.raises(UnknownStrategyError):
        Ranker.from_votes(["a", "b"], [], strategy="")


def test_a_log_row_that_cannot_be_replayed_raises_a_ranker_error() -> None:
    time = "2025-01-01T00:00:00.000Z"
    with pytest.raises(InvalidVoteError):
        Ranker.from_votes(["a", "b"], [Vote(time, "a", "b", "won", "smart")])
    with pytest.raises(InvalidVoteError):
        Ranker.from_votes(["a", "b"], [Vote(time, "a", "a", "left", "smart")])


def test_undo_with_nothing_to_take_back_raises_nothing_to_undo_error() -> None:
    with pytest.raises(NothingToUndoError) as raised:
        Ranker(["a", "b"]).undo()
    assert isinstance(raised.value, RankerError)
