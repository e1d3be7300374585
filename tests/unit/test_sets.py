"""Best-of-k and full-order answers: one answer, one factor, logged as the pairs it implies."""

import math
import random

import pytest

from ranker import InvalidVoteError, Ranker, RemovedItemError
from ranker.groups import by_folder
from ranker.log import Vote, answers
from ranker.model import BEST, WIN, JointRatings, RatingModel

ITEMS = [f"{g}/{n}.png" for g in ("a", "b") for n in range(6)]


def fresh(n: int, model: RatingModel | None = None) -> JointRatings:
    ratings = JointRatings(model or RatingModel())
    for _ in range(n):
        ratings.add_item()
    return ratings


def test_best_of_two_is_exactly_a_pair_answer() -> None:
    pair, best_of_two = fresh(2), fresh(2)
    pair.add_answer(0, 1, WIN)
    best_of_two.add_set_answer((0, 1), BEST)
    assert best_of_two.mean == pytest.approx(pair.mean, abs=1e-12)
    assert best_of_two.sd == pytest.approx(pair.sd, abs=1e-12)


def test_best_of_three_matches_the_exact_posterior_and_counts_less_than_two_pairs() -> None:
    """Brute force: sample qualities from the prior and performances around them, keep the
    draws where item 0's performance beat the others' by the draw margin (the answer), and
    compare the kept draws' moments with the one-factor estimate."""
    model = RatingModel(lapse=0.0)
    set_answer = fresh(3, model)
    set_answer.add_set_answer((0, 1, 2), BEST)
    rng = random.Random(4)
    margin = model.draw_margin
    kept = []
    for _ in range(300_000):
        x = [rng.gauss(model.mu, model.sigma) for _ in range(3)]
        p = [q + rng.gauss(0.0, model.beta) for q in x]
        if p[0] - p[1] > margin and p[0] - p[2] > margin:
            kept.append(x)
    for i in range(3):
        mean = sum(x[i] for x in kept) / len(kept)
        sd = math.sqrt(sum((x[i] - mean) ** 2 for x in kept) / len(kept))
        assert set_answer.mean[i] == pytest.approx(mean, abs=0.15)
        assert set_answer.sd[i] == pytest.approx(sd, abs=0.15)
    as_pairs = fresh(3, model)
    as_pairs.add_answer(0, 1, WIN)
    as_pairs.add_answer(0, 2, WIN)
    as_pairs.sweep_until_converged(1e-12)
    assert set_answer.mean[0] - model.mu < as_pairs.mean[0] - model.mu
    assert set_answer.sd[0] > as_pairs.sd[0]


def test_a_set_answer_is_logged_as_its_pairs_and_replays_exactly() -> None:
    ranker = Ranker(ITEMS, seed=2)
    shown = ranker.next_set(4)
    assert shown is not None and len(set(shown)) == 4
    assert ranker.next_set(4) == shown
    rows = ranker.choose(shown[2], shown)
    assert [(row.left, row.right) for row in rows] == [
        (shown[2], other) for other in shown if other != shown[2]
    ]
    assert {(row.outcome, row.set_kind) for row in rows} == {("left", "best of 4")}
    ordered = ranker.next_set(3)
    ranker.order(ordered)
    assert len(ranker.votes) == 3 + 3
    assert [len(answer) for answer in answers(ranker.votes)] == [3, 3]
    replayed = Ranker.from_votes(ITEMS, ranker.votes, seed=2)
    for original, again in zip(ranker.standings(), replayed.standings(), strict=True):
        assert (original.id, original.wins, original.losses) == (again.id, again.wins, again.losses)
        assert original.mu == pytest.approx(again.mu, abs=1e-6)
    best = next(s for s in ranker.standings() if s.id == shown[2])
    assert best.wins >= 3  # it beat the three others it was shown with


def test_set_answers_given_within_one_millisecond_replay_as_separate_answers() -> None:
    """A script answering in a loop stamps several set answers alike: their row counts keep
    them apart."""
    moment = "2026-01-01T00:00:00.000Z"
    ranker = Ranker(ITEMS, seed=6)
    for _ in range(4):
        shown = ranker.next_set(4)
        ranker.choose(shown[1], shown, time=moment)
    ranker.skip_set(ranker.next_set(3), time=moment)
    ranker.order(ranker.next_set(3), time=moment)
    ranker.order(ranker.next_set(3), time=moment)
    assert [len(answer) for answer in answers(ranker.votes)] == [3, 3, 3, 3, 2, 3, 3]
    replayed = Ranker.from_votes(ITEMS, ranker.votes, seed=6)
    assert [(s.id, s.wins, s.losses) for s in replayed.standings()] == [
        (s.id, s.wins, s.losses) for s in ranker.standings()
    ]
    assert [s.mu for s in replayed.standings()] == pytest.approx(
        [s.mu for s in ranker.standings()], abs=1e-6
    )


def test_undo_takes_back_the_whole_set_answer_and_asks_it_again() -> None:
    ranker = Ranker(ITEMS, seed=3)
    ranker.vote(*ranker.next_pair())
    before = ranker.standings()
    shown = ranker.next_set(4)
    ranker.choose(shown[0], shown)
    taken_back = ranker.undo()
    assert taken_back.left == shown[0] and taken_back.set_kind == "best of 4"
    assert ranker.votes[-1].outcome == "undo" and ranker.votes[-1].set_kind == "best of 4"
    after = ranker.standings()
    assert [s.id for s in after] == [s.id for s in before]
    assert [s.mu for s in after] == pytest.approx([s.mu for s in before], abs=1e-6)
    assert set(ranker.next_set(4)) == set(shown)
    replayed = Ranker.from_votes(ITEMS, ranker.votes, seed=3)
    assert [s.mu for s in replayed.standings()] == pytest.approx([s.mu for s in after], abs=1e-6)


def test_a_skipped_set_teaches_nothing_and_the_next_set_is_another() -> None:
    ranker = Ranker(ITEMS, seed=5)
    for _ in range(6):
        shown = ranker.next_set(4)
        ranker.choose(shown[0], shown)
    before = ranker.standings()
    shown = ranker.next_set(4)
    rows = ranker.skip_set(shown)
    assert [(row.left, row.right) for row in rows] == [(shown[0], other) for other in shown[1:]]
    assert {(row.outcome, row.set_kind) for row in rows} == {("skip", "best of 4")}
    assert [len(answer) for answer in answers(ranker.votes)][-1] == 3
    assert [(s.id, s.mu, s.comparisons) for s in ranker.standings()] == [
        (s.id, s.mu, s.comparisons) for s in before
    ]
    assert ranker.answered == 6
    ranker.settle()  # as a replay leaves it, so both choose from the same ratings
    following = ranker.next_set(4)
    pairs = {frozenset((a, b)) for a in shown for b in shown if a != b}
    assert not {frozenset((a, b)) for a in following for b in following if a != b} & pairs
    replayed = Ranker.from_votes(ITEMS, ranker.votes, seed=5)
    assert replayed.next_set(4) == following
    ranker.undo()
    assert set(ranker.next_set(4)) == set(shown)
    assert ranker.skip_set(list(shown[:2]))[0].set_kind == ""


def test_sets_stay_within_groups_and_shrink_to_the_group() -> None:
    items = ITEMS + ["c/x.png", "c/y.png"]
    groups = by_folder(items)
    for strategy in ("smart", "random", "elimination"):
        ranker = Ranker(items, strategy=strategy, seed=5, groups=groups)
        rng = random.Random(1)
        sizes = set()
        for _ in range(40):
            shown = ranker.next_set(4)
            assert len({groups[item] for item in shown}) == 1
            sizes.add(len(shown))
            ranker.choose(rng.choice(shown), shown)
        assert sizes <= {2, 4} and 4 in sizes


def test_set_answers_reject_bad_input() -> None:
    ranker = Ranker(ITEMS, seed=1)
    with pytest.raises(InvalidVoteError):
        ranker.next_set(5)
    with pytest.raises(InvalidVoteError):
        ranker.choose(ITEMS[0], ITEMS[1:4])
    with pytest.raises(InvalidVoteError):
        ranker.choose(ITEMS[0], [ITEMS[0], ITEMS[0], ITEMS[1]])
    ranker.remove([ITEMS[3]])
    with pytest.raises(RemovedItemError):
        ranker.choose(ITEMS[0], ITEMS[:4])
    with pytest.raises(InvalidVoteError):
        ranker.skip_set([ITEMS[0], ITEMS[1], ITEMS[0]])
    with pytest.raises(RemovedItemError):
        ranker.skip_set(ITEMS[:4])


def test_merged_rows_of_two_judges_at_one_moment_stay_separate_answers() -> None:
    stamp = "2026-01-01T00:00:00.000Z"
    mine = [Vote(stamp, "a", o, "left", "smart", "me", set_kind="best of 3") for o in "bc"]
    theirs = [Vote(stamp, "b", o, "left", "smart", "bob", set_kind="best of 3") for o in "ac"]
    grouped = list(answers(mine + theirs))
    assert [len(answer) for answer in grouped] == [2, 2]


def test_after_a_skipped_set_of_the_only_images_left_the_same_images_are_asked_again() -> None:
    """Can't say about the only four images that can be asked (one other cannot be shown):
    the next question is not none, as for pairs."""
    ranker = Ranker(ITEMS[:5], seed=2)
    ranker.hold_back([ITEMS[4]])
    shown = ranker.next_set(4)
    ranker.skip_set(shown)
    assert sorted(ranker.next_set(4) or ()) == sorted(shown)
