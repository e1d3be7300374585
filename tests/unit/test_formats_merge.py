"""Import votes: another judge's log merges in once, each judge's undo keeps its meaning, and
the page can say how often judges agree and which images the folder lost."""

import random

from ranker import Ranker, Vote
from ranker.formats import (
    Agreement,
    judge_agreement,
    merge_votes,
    paths_not_in_folder,
    read_votes,
    summarize_log,
    write_votes,
)

ITEMS = ["a", "b", "c", "d", "e", "f"]


def at(ms: int, left: str, right: str, outcome: str, judge: str = "ann", **more) -> Vote:
    return Vote(f"2026-01-01T00:00:00.{ms:03d}Z", left, right, outcome, "smart", judge, **more)


def session(judge: str, seed: int) -> list[Vote]:
    """Answers a second apart: rows of one judge are never identical (same time and pair),
    as a person's are not."""
    ranker = Ranker(ITEMS, seed=seed, judge=judge)
    rng = random.Random(seed)
    for step in range(25):
        time = f"2026-01-01T00:{step:02d}:{seed:02d}.000Z"
        pair = ranker.next_pair()
        if step % 6 == 5:
            ranker.undo(time=time)
        elif rng.random() < 0.8:
            ranker.vote(*pair, time=time)
        else:
            ranker.draw(*pair, time=time)
    return list(ranker.votes)


def test_merge_adds_their_new_rows_once_in_their_order() -> None:
    ours = [at(1, "a", "b", "left"), at(2, "b", "c", "left")]
    theirs = [
        at(1, "a", "b", "left"),  # already ours
        at(3, "c", "d", "right", "bob"),
        at(3, "c", "d", "right", "bob"),  # twice in their file
        at(1, "a", "b", "left", "bob"),  # same answer, another judge: a new row
        at(0, "e", "f", "left", "bob"),  # older than ours: still appended, not sorted in
    ]
    assert merge_votes(ours, theirs) == [theirs[1], theirs[3], theirs[4]]
    assert merge_votes(ours, ours) == []


def test_a_merged_log_replays_each_judges_undos_as_they_meant() -> None:
    ann, bob = session("ann", 1), session("bob", 2)
    merged = ann + merge_votes(ann, bob)
    assert len(merged) == len(ann) + len(bob)
    read = read_votes(write_votes(merged))
    assert read.problems == [] and read.votes == merged
    joint = Ranker.from_votes(ITEMS, merged, seed=0)
    interleaved = Ranker.from_votes(ITEMS, _interleave(ann, bob), seed=0)
    assert [s.id for s in joint.standings()] == [s.id for s in interleaved.standings()]
    counts = {s.id: (s.wins, s.losses, s.draws) for s in joint.standings()}
    alone = [Ranker.from_votes(ITEMS, log, seed=0).standings() for log in (ann, bob)]
    for item in ITEMS:
        assert counts[item] == tuple(
            sum(getattr(s, k) for one in alone for s in one if s.id == item)
            for k in ("wins", "losses", "draws")
        )


def _interleave(first: list[Vote], second: list[Vote]) -> list[Vote]:
    merged = []
    for pair in zip(first, second):
        merged.extend(pair)
    return merged + first[len(second) :] + second[len(first) :]


def test_judge_agreement_counts_pairs_both_preferred_an_image_of() -> None:
    votes = [
        at(1, "a", "b", "left", "ann"),
        at(2, "b", "a", "right", "bob"),  # agrees: a over b, shown the other way round
        at(3, "c", "d", "left", "ann"),
        at(4, "c", "d", "right", "bob"),  # disagrees
        at(5, "a", "d", "left", "ann"),  # only ann
        at(6, "e", "f", "left", "ann"),
        at(7, "e", "f", "draw", "bob"),  # a draw is no preference
        at(8, "b", "c", "left", "ann"),
        at(9, "b", "c", "right", "bob"),
        at(10, "b", "c", "undo", "bob"),  # taken back
        at(11, "a", "c", "left", "ann"),
        at(12, "a", "c", "right", "bob", question="Which is sharper?"),  # another question
        at(13, "c", "d", "left", "cy"),
    ]
    agreement = judge_agreement(votes)
    assert agreement == {
        ("ann", "bob"): Agreement(2, 1),
        ("ann", "cy"): Agreement(1, 1),
        ("bob", "cy"): Agreement(1, 0),
    }
    assert agreement[("ann", "bob")].fraction == 0.5
    assert (
        judge_agreement(votes[:2] + [at(20, "e", "f", "left", "cy")])[("ann", "cy")].fraction
        is None
    )


def test_a_judges_latest_answer_about_a_pair_counts() -> None:
    votes = [
        at(1, "a", "b", "left", "ann"),
        at(2, "a", "b", "right", "ann"),  # changed her mind
        at(3, "a", "b", "right", "bob"),
    ]
    assert judge_agreement(votes) == {("ann", "bob"): Agreement(1, 1)}


def test_the_summary_names_answers_judges_and_images_gone_from_the_folder() -> None:
    votes = [
        at(1, "a", "gone.png", "left", "ann"),
        at(2, "b", "c", "left", "bob"),
        at(3, "b", "c", "undo", "bob"),
        at(4, "old/x.png", "a", "skip", "ann"),
    ]
    assert paths_not_in_folder(votes, ["a", "b", "c"]) == ["gone.png", "old/x.png"]
    summary = summarize_log(votes, ["a", "b", "c"])
    assert (summary.answers, summary.judges, summary.missing) == (
        2,
        ("ann",),
        ("gone.png", "old/x.png"),
    )
    assert paths_not_in_folder(votes, ["a", "b", "c", "gone.png", "old/x.png"]) == []
