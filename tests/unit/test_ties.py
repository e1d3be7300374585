"""Ties in the ranking view: images the answers cannot tell apart share a rank, and the score
in words."""

import random

from ranker import Ranker, Standing
from ranker.formats import read_rankings, write_rankings
from ranker.ties import plain_score, rank_text, shared_ranks
from ranker.unshown import set_apart

from .sessions import answer, hidden_qualities


def standing(place: int, mu: float, sigma: float, name: str = "") -> Standing:
    return Standing(place, name or f"img{place}", 50.0, mu, sigma, 0, 0, 0, 0)


def test_images_never_compared_all_share_the_first_rank():
    ranker = Ranker([f"photo {n}.jpg" for n in range(6)])
    assert shared_ranks(ranker.standings()) == [(1, True)] * 6


def test_a_draw_ties_two_images_and_a_clear_winner_stands_alone():
    ranker = Ranker(["a.jpg", "b.jpg", "c.jpg"])
    ranker.draw("b.jpg", "c.jpg")
    for _ in range(6):
        ranker.vote("a.jpg", "b.jpg")
        ranker.vote("a.jpg", "c.jpg")
    standings = ranker.standings()
    assert standings[0].id == "a.jpg"
    assert shared_ranks(standings) == [(1, False), (2, True), (2, True)]
    assert [rank_text(*shown) for shown in shared_ranks(standings)] == ["1", "=2", "=2"]


def test_images_far_apart_for_their_uncertainty_keep_their_own_ranks():
    rows = [standing(1, 40.0, 1.0), standing(2, 30.0, 1.0), standing(3, 20.0, 1.0)]
    assert shared_ranks(rows) == [(1, False), (2, False), (3, False)]


def test_a_tie_is_measured_from_its_first_image_and_does_not_creep_down_the_list():
    # Each step (0.25) is too small to tell neighbours apart at sigma 1 (P = 0.57), but the
    # fourth is 0.75 below the first: P(first better) = Phi(0.75 / sqrt 2) = 0.70.
    rows = [standing(n + 1, 30.0 - 0.25 * n, 1.0) for n in range(4)]
    assert shared_ranks(rows) == [(1, True), (1, True), (1, True), (4, False)]


def test_an_image_set_apart_has_no_rank_and_does_not_break_a_tie():
    ranker = Ranker(["a.jpg", "b.jpg", "broken.jpg"])
    rows = list(set_apart(ranker.standings(), {"broken.jpg"}))
    assert [row.id for row in rows] == ["a.jpg", "b.jpg", "broken.jpg"]
    assert shared_ranks(rows) == [(1, True), (1, True), None]


def test_ties_become_fewer_as_a_consistent_judge_answers():
    items = [f"img{n:02d}.png" for n in range(20)]
    rng = random.Random(7)
    quality = hidden_qualities(items, rng)
    ranker = Ranker(items, seed=7)
    distinct = []
    for _ in range(4):
        answer(ranker, quality, rng, 50, noise=0.2)
        distinct.append(len({rank for rank, _ in filter(None, shared_ranks(ranker.standings()))}))
    assert distinct == sorted(distinct)
    assert 1 < distinct[0] < distinct[-1] <= 20


def test_rankings_csv_keeps_each_rows_place_as_its_rank():
    ranker = Ranker(["c.jpg", "a.jpg", "b.jpg"])
    text = write_rankings(ranker.standings())
    assert [s.rank for s in read_rankings(text).standings] == [1, 2, 3]


def test_the_score_in_words():
    assert plain_score(90.0) == "top 10%"
    assert plain_score(99.9) == "top 1%"
    assert plain_score(50.0) == "top 50%"
    assert plain_score(20.4) == "bottom 20%"
    assert plain_score(0.01) == "bottom 1%"
    assert rank_text(1234, True) == "=1,234"
