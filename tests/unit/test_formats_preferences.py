"""preferences.jsonl (and the Pick-a-Pic rows): exactly the decisive answers in force, one
JSON object a line, the same keys on every line."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ranker import Ranker, Vote
from ranker.formats import (
    answers_in_force,
    pick_a_pic_rows,
    preference_rows,
    read_votes,
    write_preferences,
    write_votes,
)

from .test_formats_data import PATHS, T0, played

KEYS = {"chosen", "rejected", "tie", "judge", "timestamp", "question", "set"}


def at(ms: int, left: str, right: str, outcome: str, judge: str = "me") -> Vote:
    return Vote(f"2026-01-01T00:00:00.{ms:03d}Z", left, right, outcome, "smart", judge)


def lines(text: str) -> list[dict]:
    assert text.endswith("\n") or text == ""
    return [json.loads(line) for line in text.split("\n")[:-1]]


def test_undone_answers_and_skips_are_left_out_and_draws_flagged() -> None:
    votes = [
        at(1, "a", "b", "left"),
        at(2, "c", "d", "right"),
        at(3, "c", "d", "undo"),
        at(4, "a", "c", "skip"),
        at(5, "b", "c", "draw"),
        at(6, "d", "a", "right", "bob"),
        at(7, 'x,"y"\n', "日本", "right", "zoë"),
    ]
    rows = lines(write_preferences(votes))
    assert all(row.pop("question") == "Which image is better?" for row in rows)
    assert all(row.pop("set") == "" for row in rows)
    assert rows == [
        {"chosen": "a", "rejected": "b", "tie": False, "judge": "me", "timestamp": votes[0].time},
        {"chosen": "b", "rejected": "c", "tie": True, "judge": "me", "timestamp": votes[4].time},
        {"chosen": "a", "rejected": "d", "tie": False, "judge": "bob", "timestamp": votes[5].time},
        {
            "chosen": "日本",
            "rejected": 'x,"y"\n',
            "tie": False,
            "judge": "zoë",
            "timestamp": votes[6].time,
        },
    ]
    assert "日本" in write_preferences(votes)  # UTF-8, not \u escapes


def test_an_undo_takes_back_its_own_judges_latest_answer() -> None:
    votes = [
        at(1, "a", "b", "left", "ann"),
        at(2, "c", "d", "left", "bob"),
        at(3, "a", "b", "undo", "ann"),  # ann's latest, though bob answered after it
    ]
    assert [(r["chosen"], r["judge"]) for r in preference_rows(votes)] == [("c", "bob")]


@settings(derandomize=True, deadline=None, max_examples=30)
@given(paths=st.lists(PATHS, min_size=2, max_size=5, unique=True), seed=st.integers(0, 10**6))
def test_the_file_holds_exactly_the_engines_answers_in_force(paths, seed) -> None:
    ranker = played(paths, seed)
    rows = lines(write_preferences(read_votes(write_votes(list(ranker.votes))).votes))
    assert all(set(row) == KEYS for row in rows)
    decisive = [v for a in answers_in_force(ranker.votes) for v in a if v.outcome != "skip"]
    assert [(r["chosen"], r["rejected"], r["tie"]) for r in rows] == [
        (v.winner or v.left, v.loser or v.right, v.outcome == "draw") for v in decisive
    ]
    standings = {s.id: s for s in ranker.standings()}
    for item in paths:  # the counts the engine shows agree with the file
        wins = sum(r["chosen"] == item and not r["tie"] for r in rows)
        draws = sum(item in (r["chosen"], r["rejected"]) and r["tie"] for r in rows)
        assert (standings[item].wins, standings[item].draws) == (wins, draws)


def test_set_answers_give_their_pairs_marked_as_one_set_and_undo_takes_all() -> None:
    ranker = Ranker(["a", "b", "c", "d"], seed=3)
    shown = ranker.next_set(4)
    ranker.choose(shown[1], shown)
    rows = preference_rows(ranker.votes, prompts={"a": "a fox"}, groups={})
    assert sorted(r["rejected"] for r in rows) == sorted(set(shown) - {shown[1]})
    assert {(r["chosen"], r["set"], r["timestamp"], r["group"]) for r in rows} == {
        (shown[1], "best of 4", ranker.votes[0].time, "")
    }
    assert {r["prompt"] for r in rows} == {""}  # "a" alone has a prompt: none is shared
    assert [(r["chosen_prompt"], r["rejected_prompt"]) for r in rows] == [
        ("a fox" if r["chosen"] == "a" else "", "a fox" if r["rejected"] == "a" else "")
        for r in rows
    ]
    assert pick_a_pic_rows(ranker.votes) == []  # no caption known: not a pick-a-pic row
    picks = pick_a_pic_rows(ranker.votes, prompts=dict.fromkeys("abcd", "a fox"))
    assert {(p["image_0"], p["label_0"], p["label_1"]) for p in picks} == {(shown[1], 1.0, 0.0)}
    assert {(p["set"], p["timestamp"]) for p in picks} == {("best of 4", ranker.votes[0].time)}
    ranker.undo()
    assert preference_rows(ranker.votes) == []


def test_pick_a_pic_labels_follow_the_side_shown() -> None:
    votes = [at(1, "a", "b", "left"), at(2, "b", "c", "right"), at(3, "c", "d", "draw")]
    fox = "a red fox"
    picks = pick_a_pic_rows(votes, prompts={"a": fox, "b": fox, "c": fox, "d": fox})
    assert [(p["image_0"], p["image_1"], p["label_0"], p["label_1"]) for p in picks] == [
        ("a", "b", 1.0, 0.0),
        ("b", "c", 0.0, 1.0),
        ("c", "d", 0.5, 0.5),
    ]
    assert [p["caption"] for p in picks] == [fox, fox, fox]


def test_a_pair_is_captioned_only_with_the_prompt_both_images_share() -> None:
    """One image with a prompt and one without were once saved with that prompt for both."""
    prompts = {"a": "glass flower blossom", "b": None, "c": "glass  flower\nblossom", "d": "a fox"}
    votes = [at(1, "a", "b", "left"), at(2, "a", "c", "right"), at(3, "a", "d", "left")]
    rows = preference_rows(votes, prompts=prompts)
    assert [(r["prompt"], r["chosen_prompt"], r["rejected_prompt"]) for r in rows] == [
        ("", "glass flower blossom", ""),
        ("glass flower blossom", "glass  flower\nblossom", "glass flower blossom"),
        ("", "glass flower blossom", "a fox"),
    ]
    picks = pick_a_pic_rows(votes, prompts=prompts)
    assert [(p["image_0"], p["image_1"], p["caption"]) for p in picks] == [
        ("a", "c", "glass flower blossom")
    ]


def test_an_empty_log_is_an_empty_file() -> None:
    assert write_preferences([]) == ""
    assert write_preferences([Vote(T0, "a", "b", "skip", "smart")]) == ""
