"""The three ways of choosing questions: each does its job, all are deterministic given the
seed and the answers, and the person may switch between them at any time without losing the
log or the ratings."""

import math
import random
from collections import Counter
from itertools import combinations
from statistics import mean

import pytest

from ranker import STRATEGIES, Ranker
from ranker.strategies.elimination import expected_improvement

from .kendall import kendall_tau
from .sessions import answer, hidden_qualities, play

ITEMS = [f"img{i:02d}.png" for i in range(12)]


def test_the_three_strategies_and_the_default() -> None:
    assert set(STRATEGIES) == {"smart", "random", "elimination"}
    assert Ranker(ITEMS).strategy == "smart"
    for name in STRATEGIES:
        assert Ranker(ITEMS, strategy=name).strategy == name


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_same_seed_and_answers_ask_the_same_questions(strategy: str) -> None:
    first = Ranker(ITEMS, strategy=strategy, seed=11)
    second = Ranker(ITEMS, strategy=strategy, seed=11)
    play(first, random.Random(5), 60)
    play(second, random.Random(5), 60)
    assert [(v.left, v.right, v.outcome) for v in first.votes] == [
        (v.left, v.right, v.outcome) for v in second.votes
    ]
    assert first.next_pair() == second.next_pair()
    other = Ranker(ITEMS, strategy=strategy, seed=12)
    play(other, random.Random(5), 60)
    assert [(v.left, v.right) for v in other.votes] != [(v.left, v.right) for v in first.votes]


def test_switching_strategy_keeps_the_log_and_the_ratings() -> None:
    rng = random.Random(3)
    quality = hidden_qualities(ITEMS, rng)
    ranker = Ranker(ITEMS, strategy="elimination", seed=9)
    answer(ranker, quality, rng, 10)
    before, votes = ranker.standings(), ranker.votes
    ranker.strategy = "smart"
    assert ranker.strategy == "smart"
    assert ranker.standings() == before and ranker.votes == votes
    answer(ranker, quality, rng, 5)
    ranker.strategy = "random"
    answer(ranker, quality, rng, 3)
    ranker.undo()
    expected = ["elimination"] * 10 + ["smart"] * 5 + ["random"] * 4
    assert [v.strategy for v in ranker.votes] == expected
    assert [v.outcome for v in ranker.votes].count("undo") == 1
    assert sum(s.comparisons for s in ranker.standings()) == 2 * 17


def test_random_asks_every_pair_about_equally_often() -> None:
    items = ITEMS[:6]
    ranker = Ranker(items, strategy="random", seed=4)
    asked: Counter = Counter()
    for _ in range(300):
        pair = ranker.next_pair()
        asked[frozenset(pair)] += 1
        ranker.vote(*pair)
    assert set(asked) == {frozenset(pair) for pair in combinations(items, 2)}
    assert min(asked.values()) >= 8 and max(asked.values()) <= 35


@pytest.mark.parametrize("seed", range(5))
def test_elimination_finds_the_best_in_one_and_a_half_answers_per_item(seed: int) -> None:
    """With a judge who rarely errs, 1.5 N answers are enough to put the true best on top."""
    items = [f"{i:02d}.png" for i in range(20)]
    rng = random.Random(seed)
    quality = hidden_qualities(items, rng)
    ranker = Ranker(items, strategy="elimination", seed=seed)
    answer(ranker, quality, rng, 30, noise=0.1)
    assert ranker.ranking()[0] == max(items, key=quality.__getitem__)


def test_elimination_starts_with_a_knockout_that_leaves_one_item_unbeaten() -> None:
    """16 images: rounds of 8, 4, 2 and 1 questions between items that have not lost, each
    between two of the same round, then one item is unbeaten (here the best: this judge never
    errs)."""
    items = [f"{i:02d}.png" for i in range(16)]
    quality = {item: float(i) for i, item in enumerate(items)}
    ranker = Ranker(items, strategy="elimination", seed=3)
    wins = dict.fromkeys(items, 0)
    beaten: set[str] = set()
    for _ in range(15):
        left, right = ranker.next_pair()
        assert not {left, right} & beaten and wins[left] == wins[right]
        winner, loser = sorted((left, right), key=quality.__getitem__, reverse=True)
        ranker.vote(winner, loser)
        wins[winner] += 1
        beaten.add(loser)
    assert sorted(wins.values(), reverse=True)[:5] == [4, 3, 2, 2, 1]
    assert set(items) - beaten == {"15.png"}
    assert ranker.ranking()[0] == "15.png"
    assert "15.png" in ranker.next_pair()


def test_elimination_in_sets_of_four_is_a_knockout_too() -> None:
    """16 images, best of 4: four sets of the first round, then the four winners meet, and
    one image is unbeaten after five answers (this judge never errs)."""
    items = [f"{i:02d}.png" for i in range(16)]
    quality = {item: float(i) for i, item in enumerate(items)}
    ranker = Ranker(items, strategy="elimination", seed=6)
    beaten: set[str] = set()
    for _ in range(5):
        shown = ranker.next_set(4)
        assert len(shown) == 4 and not set(shown) & beaten
        best = max(shown, key=quality.__getitem__)
        ranker.choose(best, shown)
        beaten.update(set(shown) - {best})
    assert set(items) - beaten == {"15.png"}
    assert ranker.ranking()[0] == "15.png" and "15.png" in ranker.next_set(4)


@pytest.mark.parametrize("k", [2, 4])
def test_the_knockouts_next_question_is_known_before_the_answer(k: int) -> None:
    """likely_next (what the page decodes ahead) is the question that follows, while the
    knockout has images enough to leave those of the pending answer out."""
    items = [f"{i:02d}.png" for i in range(32)]
    quality = {item: float(i) for i, item in enumerate(items)}
    ranker = Ranker(items, strategy="elimination", seed=7)
    shown = ranker.next_set(k)
    unbeaten = set(items)
    while len(unbeaten) > 2 * k:
        guess = ranker.likely_next()
        best = max(shown, key=quality.__getitem__)
        ranker.choose(best, shown)
        unbeaten -= set(shown) - {best}
        shown = ranker.next_set(k)
        assert set(guess) == set(shown)


def test_after_the_knockout_the_leader_meets_the_likeliest_challengers() -> None:
    """The item on top meets the one with the largest expected improvement over it (but not
    the one it has just met), and a best-of-k question shows it beside the next k - 1."""
    items = [f"{i:02d}.png" for i in range(16)]
    rng = random.Random(2)
    quality = hidden_qualities(items, rng)
    ranker = Ranker(items, strategy="elimination", seed=4)
    answer(ranker, quality, rng, 15 + 6)
    standings = ranker.standings()
    leader = standings[0]
    improvement = {
        s.id: expected_improvement(s.mu - leader.mu, s.sigma**2 + leader.sigma**2)
        for s in standings[1:]
    }
    likeliest = sorted(improvement, key=improvement.__getitem__, reverse=True)
    assert improvement[likeliest[2]] > improvement[likeliest[3]]
    last = ranker.votes[-1]
    fresh = [i for i in likeliest if {leader.id, i} != {last.left, last.right}]
    assert len(fresh) < len(likeliest)
    assert set(ranker.next_pair()) == {leader.id, fresh[0]}
    assert set(ranker.next_set(4)) == {leader.id, *fresh[:3]}


def test_expected_improvement_weighs_the_chance_and_the_doubt() -> None:
    assert expected_improvement(0.0, 1.0) == pytest.approx(1 / (2 * math.pi) ** 0.5)
    assert expected_improvement(5.0, 0.01) == pytest.approx(5.0)
    assert expected_improvement(-8.0, 1.0) < 1e-15
    assert expected_improvement(-1.0, 1.0) < expected_improvement(-0.5, 1.0)
    assert expected_improvement(-1.0, 1.0) < expected_improvement(-1.0, 4.0)


def test_smart_orders_better_than_random_pairs_for_the_same_answers() -> None:
    """80 answers about 20 images (s = 0.5): the mean Kendall tau over four judges."""
    items = [f"{i:02d}.png" for i in range(20)]
    taus: dict[str, list[float]] = {"smart": [], "random": []}
    for strategy, scores in taus.items():
        for seed in range(4):
            rng = random.Random(seed)
            quality = hidden_qualities(items, rng)
            ranker = Ranker(items, strategy=strategy, seed=seed)
            answer(ranker, quality, rng, 80)
            scores.append(kendall_tau(ranker.ranking(), quality))
    assert mean(taus["smart"]) > mean(taus["random"]) + 0.05
