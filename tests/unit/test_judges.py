"""Judges of a team: counts from the log, reliability in the model, repeat questions,
judges.csv."""

import random
from dataclasses import replace

import pytest

from ranker import Ranker, Vote
from ranker.formats import JUDGES_HEADER, Problem, judges_lines, read_judges
from ranker.judges import JudgeRow, judge_cells, judge_rows
from ranker.log import answers
from ranker.repeats import GAP, RATE, repeat_pair

from .sessions import assert_same_standings, hidden_qualities, prefers_left

ITEMS = [f"{i:02d}.png" for i in range(30)]


def row(n: int, left: str, right: str, outcome: str, judge: str) -> Vote:
    return Vote(f"2026-01-01T00:00:{n:02d}.000Z", left, right, outcome, "smart", judge)


def table(votes: list[Vote]) -> dict[str, JudgeRow]:
    return {r.judge: r for r in judge_rows(answers(votes))}


def test_agreement_and_self_consistency_are_counted_from_a_small_log() -> None:
    votes = [
        row(1, "a", "b", "left", "ann"),  # ann: a > b
        row(2, "a", "b", "right", "ben"),  # ben: b > a (disagrees)
        row(3, "a", "b", "left", "cat"),  # cat: a > b (agrees with ann)
        row(4, "c", "d", "left", "ann"),  # ann: c > d
        row(5, "d", "c", "right", "ben"),  # ben: c > d, shown the other way (agrees)
        row(6, "c", "d", "left", "ann"),  # ann repeats c > d: consistent
        row(7, "a", "b", "right", "ann"),  # ann repeats a, b the other way: inconsistent
        row(8, "e", "f", "draw", "ann"),  # a draw: an answer, no preference
        row(9, "e", "f", "left", "ben"),
        row(10, "g", "h", "skip", "ben"),  # a skip says nothing
    ]
    judges = table(votes)
    ann, ben, cat = judges["ann"], judges["ben"], judges["cat"]
    assert (ann.answers, ben.answers, cat.answers) == (5, 3, 1)
    # ann's latest preference on a, b is now b: ben agrees, cat does not; on c, d ben agrees
    assert (ann.shared_pairs, ann.agreement) == (2, pytest.approx(2 / 3))
    assert (ann.repeats, ann.self_consistency) == (2, 0.5)
    # ben: a, b agrees with ann (b), not with cat (a); c, d agrees with ann; e, f ann drew
    assert (ben.shared_pairs, ben.agreement) == (2, pytest.approx(2 / 3))
    assert (ben.repeats, ben.self_consistency) == (0, None)
    assert (cat.shared_pairs, cat.agreement) == (1, 0.0)
    assert [r.judge for r in judge_rows(answers(votes))] == ["ann", "ben", "cat"]


def test_undone_answers_and_set_answers_are_counted_as_the_ranker_holds_them() -> None:
    ranker = Ranker(["a", "b", "c", "d"], seed=1, judge="ann")
    ranker.vote("a", "b")
    ranker.vote("b", "a")
    ranker.undo()  # ann's second answer is taken back: no repeat left
    ranker.choose("c", ["a", "b", "c"])  # one answer, pairs c > a and c > b
    ranker.judge = "ben"
    ranker.vote("c", "a")
    judges = {r.judge: r for r in ranker.judges()}
    assert judges["ann"].answers == 2
    assert judges["ann"].repeats == 0
    assert (judges["ben"].shared_pairs, judges["ben"].agreement) == (1, 1.0)


def team_session(seed: int, reliability: bool = True) -> Ranker:
    """Three careful judges and one who tosses a coin, taking turns."""
    rng = random.Random(seed)
    quality = hidden_qualities(ITEMS, rng)
    ranker = Ranker(ITEMS, seed=seed, judge_reliability=reliability)
    for n in range(400):
        ranker.judge = ("ann", "ben", "cat", "coin")[n % 4]
        pair = ranker.next_pair()
        assert pair is not None
        left, right = pair
        if ranker.judge == "coin":
            prefers = rng.random() < 0.5
        else:
            prefers = rng.random() < prefers_left(quality, left, right, 0.5)
        ranker.vote(left, right) if prefers else ranker.vote(right, left)
    return ranker


def test_a_judge_who_answers_at_random_is_found_unreliable_and_the_careful_ones_reliable() -> None:
    judges = {r.judge: r for r in team_session(3).judges()}
    assert judges["coin"].reliability is not None and judges["coin"].reliability < 0.8
    for careful in ("ann", "ben", "cat"):
        reliability = judges[careful].reliability
        assert reliability is not None and reliability > 0.9


def test_a_random_judges_answers_move_the_ratings_less_once_weighed() -> None:
    votes = team_session(4).votes
    without_coin = [v for v in votes if v.judge != "coin"]
    full = Ranker.from_votes(ITEMS, votes, seed=4)
    rest = Ranker.from_votes(ITEMS, without_coin, seed=4)
    trusting = Ranker.from_votes(ITEMS, votes, seed=4, judge_reliability=False)
    moved = sum(abs(a.mu - b.mu) for a, b in zip(_by_id(full), _by_id(rest), strict=True))
    moved_alike = sum(abs(a.mu - b.mu) for a, b in zip(_by_id(trusting), _by_id(rest), strict=True))
    assert moved < moved_alike / 2


def _by_id(ranker: Ranker) -> list:
    return sorted(ranker.standings(), key=lambda s: s.id)


def test_a_judge_alone_is_not_weighed_and_not_asked_repeats() -> None:
    rng = random.Random(2)
    quality = hidden_qualities(ITEMS, rng)
    rankers = [Ranker(ITEMS, seed=2), Ranker(ITEMS, seed=2, judge_reliability=False)]
    for _ in range(150):
        pairs = [ranker.next_pair() for ranker in rankers]
        assert pairs[0] == pairs[1] and pairs[0] is not None
        left, right = pairs[0]
        prefers = rng.random() < prefers_left(quality, left, right, 0.5)
        for ranker in rankers:
            ranker.vote(left, right) if prefers else ranker.vote(right, left)
    assert_same_standings(rankers[0].standings(), rankers[1].standings(), tolerance=0.0)
    (me,) = rankers[0].judges()
    assert me.reliability is None
    assert me.shared_pairs == 0 and me.agreement is None


def test_repeats_are_asked_at_about_the_rate_promised() -> None:
    items = [f"{i:03d}.png" for i in range(300)]
    ranker = Ranker(items, strategy="random", seed=7)
    rng = random.Random(7)
    for n in range(2000):
        ranker.judge = ("ann", "ben")[n % 2]
        pair = ranker.next_pair()
        assert pair is not None
        ranker.vote(*pair) if rng.random() < 0.5 else ranker.vote(pair[1], pair[0])
    repeats = sum(judge.repeats for judge in ranker.judges())
    # uniform pairs of 300 images by themselves give a judge the same pair about 11 times
    # in 1,000 answers each; the repeat questions add about 3% of 2,000
    assert RATE * 2000 * 0.6 < repeats < RATE * 2000 * 1.4 + 11


def history(pairs: list[tuple[str, int, int]]) -> list[tuple[str, frozenset[int], bool]]:
    return [(judge, frozenset((i, j)), True) for judge, i, j in pairs]


def test_a_repeat_comes_at_the_rate_and_never_back_to_back() -> None:
    old = [("ann", 0, 1), ("ben", 2, 3), ("ann", 4, 5)]
    recent = [("ann", 10 + k, 11 + k) for k in range(GAP)]
    asked = [
        repeat_pair(history(old + recent), "ann", lambda _pair: True, random.Random(n))
        for n in range(4000)
    ]
    chosen = [pair for pair in asked if pair is not None]
    assert RATE * 0.8 < len(chosen) / len(asked) < RATE * 1.2
    assert set(chosen) == {frozenset((0, 1)), frozenset((4, 5))}  # ann's, old enough
    too_recent = history(old[:1] + recent[1:])  # (0, 1) is only GAP - 1 answers back
    after_a_repeat = history([*old, *recent, ("ann", 4, 5)])  # the last was itself a repeat
    not_decided = [("ann", frozenset((0, 1)), False), *history(recent)]
    for case in (too_recent, after_a_repeat, not_decided):
        for n in range(400):
            assert repeat_pair(case, "ann", lambda _pair: True, random.Random(n)) is None
    for n in range(400):
        allowed = repeat_pair(
            history(old + recent), "ann", lambda pair: 0 not in pair, random.Random(n)
        )
        assert allowed in (None, frozenset((4, 5)))


def test_a_team_replayed_gives_the_standings_it_had_live() -> None:
    live = team_session(5)
    replayed = Ranker.from_votes(ITEMS, live.votes, seed=5)
    assert_same_standings(live.standings(), replayed.standings(), tolerance=1e-6)
    for a, b in zip(live.judges(), replayed.judges(), strict=True):
        assert replace(a, reliability=None) == replace(b, reliability=None)
        assert a.reliability is not None
        assert a.reliability == pytest.approx(b.reliability, abs=1e-6)


def test_judges_csv_round_trips_and_escapes_formulas() -> None:
    judges = [
        JudgeRow("=HYPERLINK(1)", 12, 3, 2 / 3, 1, 1.0, 0.93),
        JudgeRow("'quoted", 5, 0, None, 0, None, 0.5),
        JudgeRow("ann, with a comma", 1, 0, None, 0, None, None),
    ]
    text = "".join(judges_lines(judges))
    lines = text.split("\r\n")
    assert lines[0] == ",".join(JUDGES_HEADER)
    assert lines[1].startswith("'=HYPERLINK(1),12,3,")
    assert lines[2].startswith("''quoted,5,0,,0,,0.5")
    assert lines[3] == '"ann, with a comma",1,0,,0,,'
    back = read_judges(text)
    assert back.problems == []
    assert back.judges == judges


def test_judges_csv_reports_bad_rows_and_keeps_the_good_ones() -> None:
    text = ",".join(JUDGES_HEADER) + "\r\nann,x,0,,0,,\r\nben,3,0,,0,,0.9\r\nshort\r\n"
    result = read_judges(text)
    assert [j.judge for j in result.judges] == ["ben"]
    assert [p.line for p in result.problems] == [2, 4]
    assert read_judges("path,score\r\n").problems == [
        Problem(0, f"not a judges.csv (expected the header {','.join(JUDGES_HEADER)})")
    ]


def test_the_page_cells_give_each_share_with_its_count() -> None:
    cells = judge_cells(JudgeRow("ann", 1200, 40, 0.875, 1, 1.0, 0.934))
    assert cells == ("ann", "1,200", "88% of 40 shared pairs", "100% of 1 repeat", "0.93")
    assert judge_cells(JudgeRow("ben", 3, 0, None, 0, None, None))[2:] == ("–", "–", "–")
