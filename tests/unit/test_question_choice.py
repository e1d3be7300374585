"""Questions that must not come back too soon, nor change under the person's eyes."""

import pytest

from ranker import Ranker


def test_elimination_does_not_ask_a_skipped_pair_again_at_once() -> None:
    ranker = Ranker([str(i) for i in range(6)], strategy="elimination", seed=21)
    pair = ranker.next_pair()
    ranker.skip(*pair)
    assert set(ranker.next_pair()) != set(pair)


def test_skips_blocking_everything_still_never_repeat_the_last_pair() -> None:
    ranker = Ranker(["a", "b", "c"], strategy="random", seed=0)
    ranker.skip(*ranker.next_pair())
    ranker.skip(*ranker.next_pair())
    third = ranker.next_pair()
    ranker.vote(*third)
    assert set(ranker.next_pair()) != set(third)


def test_reading_the_ranking_does_not_change_the_question_on_screen() -> None:
    ranker = Ranker(list("abcde"), seed=0)
    for _ in range(5):
        ranker.vote(*ranker.next_pair())
    shown = ranker.next_pair()
    ranker.standings()
    ranker.confidence()
    assert ranker.next_pair() == shown


@pytest.mark.parametrize("seed", range(5))
def test_a_replayed_session_shows_the_pair_on_the_same_sides(seed: int) -> None:
    items = list("abcd")
    live = Ranker(items, seed=seed)
    for _ in range(9):
        live.vote(*live.next_pair())
        live.settle()
    replayed = Ranker.from_votes(items, live.votes, seed=seed)
    live_pair, replayed_pair = live.next_pair(), replayed.next_pair()
    if set(live_pair) == set(replayed_pair):
        assert live_pair == replayed_pair


@pytest.mark.parametrize("n", [25, 101])
def test_with_an_odd_number_of_images_every_one_is_seen_in_the_first_round(n: int) -> None:
    ranker = Ranker([f"{i}" for i in range(n)], seed=3)
    seen = set()
    for _ in range(n // 2 + 1):
        pair = ranker.next_pair()
        seen.update(pair)
        ranker.vote(*pair)
    assert len(seen) == n
