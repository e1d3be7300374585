"""likely_next: what a page decodes ahead. Exact for random pairs, no change to the ranker."""

import random

from ranker import Ranker

ITEMS = [f"{i}.png" for i in range(30)]


def test_random_pairs_are_predicted_exactly_and_nothing_changes() -> None:
    ranker = Ranker(ITEMS, strategy="random", seed=4)
    rng = random.Random(1)
    for _ in range(50):
        pair = ranker.next_pair()
        before = (ranker.votes, ranker.standings())
        guess = ranker.likely_next()
        assert (ranker.votes, ranker.standings()) == before
        assert ranker.next_pair() == pair
        ranker.vote(*pair) if rng.random() < 0.5 else ranker.vote(pair[1], pair[0])
        assert set(ranker.next_pair()) == set(guess)


def test_smart_and_sets_predict_images_of_the_group() -> None:
    ranker = Ranker(ITEMS, seed=5)
    assert ranker.likely_next() == ()
    shown = ranker.next_set(4)
    guess = ranker.likely_next()
    assert len(guess) == 4 and set(guess) <= set(ITEMS)
    ranker.choose(shown[0], shown)
    pair = ranker.next_pair()
    assert len(ranker.likely_next()) == 2 and ranker.next_pair() == pair
