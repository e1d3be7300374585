"""The files of `.image-ranker/`: what is written reads back exactly, and a bad or foreign
file is reported line by line without losing its valid rows."""

import json
import random
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ranker import Ranker, Vote
from ranker.formats import (
    RANKINGS_HEADER,
    format_votes,
    import_flask_history,
    judge_agreement,
    merge_votes,
    pick_a_pic_rows,
    preference_rows,
    read_rankings,
    read_votes,
    write_preferences,
    write_rankings,
    write_rankings_json,
    write_votes,
)

HOSTILE = [
    "a,b.png",
    'say "hi".png',
    "line\nbreak.png",
    "=1+2.png",
    "+x.png",
    "-y.png",
    "@z.png",
    "\tt.png",
    "\rr.png",
    "'quoted.png",
    "日本/写真 1.JPG",
    "<img src=x>.png",
]
PATHS = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12)
T0 = "2026-01-01T00:00:00.000Z"


def played(items: list[str], seed: int, answers: int = 30) -> Ranker:
    ranker = Ranker(items, seed=seed)
    rng = random.Random(seed)
    for _ in range(answers):
        pair = ranker.next_pair()
        move = rng.random()
        if move < 0.6:
            ranker.vote(*pair)
        elif move < 0.75:
            ranker.draw(*pair)
        elif move < 0.85:
            ranker.skip(*pair)
        elif ranker.votes:
            ranker.undo()
    return ranker


@settings(derandomize=True, max_examples=40, deadline=None)
@given(paths=st.lists(PATHS, min_size=2, max_size=6, unique=True), seed=st.integers(0, 1000))
def test_any_log_round_trips_with_the_same_standings(paths: list[str], seed: int) -> None:
    ranker = played(paths, seed)
    text = write_votes(list(ranker.votes))
    read = read_votes(text)
    assert read.problems == [] and read.votes == list(ranker.votes)
    assert read.complete_chars == len(text)
    replayed = Ranker.from_votes(paths, read.votes, seed=seed)
    again, original = replayed.standings(), ranker.standings()
    assert [s.id for s in again] == [s.id for s in original]
    assert [s.mu for s in again] == pytest.approx([s.mu for s in original], abs=1e-6)


@settings(derandomize=True, max_examples=40, deadline=None)
@given(paths=st.lists(PATHS, min_size=2, max_size=6, unique=True))
def test_rankings_csv_round_trips_any_name(paths: list[str]) -> None:
    standings = played(paths, 1, 10).standings()
    read = read_rankings(write_rankings(standings))
    assert read.problems == []
    assert [s.id for s in read.standings] == [s.id for s in standings]
    for a, b in zip(read.standings, standings, strict=True):
        assert (a.rank, a.comparisons, a.wins, a.losses, a.draws) == (
            b.rank,
            b.comparisons,
            b.wins,
            b.losses,
            b.draws,
        )
        assert a.mu == pytest.approx(b.mu, abs=1e-4)


def test_rankings_csv_is_formula_safe() -> None:
    text = write_rankings(played(HOSTILE, 2).standings())
    assert text.startswith(",".join(RANKINGS_HEADER) + "\r\n")
    cells = [line.split(",")[1] for line in text.split("\r\n")[1:] if line[:1].isdigit()]
    assert "'=1+2.png" in cells and "'+x.png" in cells and "'-y.png" in cells
    assert "'@z.png" in cells and "''quoted.png" in cells
    assert not any(cell[:1] in "=+-@" for cell in cells)


def test_votes_header_and_line_endings() -> None:
    text = write_votes([Vote(T0, "a", "b", "left", "smart")])
    assert text == (
        "timestamp,left,right,outcome,judge,strategy,question,set\r\n"
        f"{T0},a,b,left,me,smart,Which image is better?,\r\n"
    )


def test_an_old_six_column_log_reads_as_the_default_question() -> None:
    read = read_votes(f"timestamp,left,right,outcome,judge,strategy\n{T0},a,b,right,ann,random\n")
    assert read.votes == [Vote(T0, "a", "b", "right", "random", "ann")]
    assert read.header == ("timestamp", "left", "right", "outcome", "judge", "strategy")
    assert format_votes(read.votes, read.header) == f"{T0},a,b,right,ann,random\r\n"


def test_bad_rows_are_reported_by_line_and_the_rest_kept() -> None:
    text = (
        "timestamp,left,right,outcome,judge,strategy\n"  # 1
        f"{T0},a,b,left,me,smart\n"  # 2 good
        f"yesterday,a,b,left,me,smart\n"  # 3 bad timestamp
        f'{T0},"multi\nline.png",b,left,me,smart\n'  # 4-5 good, spans two lines
        f"{T0},a,b,maybe,me,smart\n"  # 6 unknown outcome
        f"{T0},a,b\n"  # 7 too few fields
        f"{T0},,b,left,me,smart\n"  # 8 empty path
        "2026-01-01T00:00:00,a,b,left,me,smart\n"  # 9 no zone
        f"{T0},c,d,right,me,sm"  # 10 cut short
    )
    read = read_votes(text)
    assert [v.left for v in read.votes] == ["a", "multi\nline.png"]
    assert [(p.line, p.message.split()[0]) for p in read.problems] == [
        (3, "unreadable"),
        (6, "unknown"),
        (7, "3"),
        (8, "an"),
        (9, "timestamp"),
        (10, "the"),
    ]
    assert text[: read.complete_chars].endswith("me,smart\n")
    assert read.complete_chars == text.index(f"{T0},c,d")
    assert read.complete_bytes == len(text[: read.complete_chars].encode())


def test_an_open_quote_at_the_end_is_a_cut_short_row() -> None:
    text = f'timestamp,left,right,outcome,judge,strategy\n{T0},a,b,left,me,smart\n{T0},"open'
    read = read_votes(text)
    assert len(read.votes) == 1
    assert read.problems[0].line == 3
    assert read.complete_chars == text.index(f'{T0},"open')


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (",".join(RANKINGS_HEADER) + "\n1,a.png,50,25,8,0,0,0,0\n", "rankings.csv"),
        ("Winner,Loser\n/x/a.png,/x/b.png\n", "original Image Ranker"),
        ("name,size\na,1\n", "not a votes log"),
    ],
)
def test_foreign_files_are_recognised(text: str, says: str) -> None:
    read = read_votes(text)
    assert read.votes == [] and read.header is None
    assert says in read.problems[0].message


def test_preferences_leave_out_undone_answers_and_skips_and_flag_ties() -> None:
    votes = [
        Vote(T0, "a", "b", "left", "smart"),
        Vote(T0, "c", "d", "right", "smart"),
        Vote(T0, "c", "d", "undo", "smart"),
        Vote(T0, "a", "c", "skip", "smart"),
        Vote(T0, "b", "c", "draw", "smart"),
        Vote(T0, "d", "a", "right", "smart", "bob"),
    ]
    rows = [json.loads(line) for line in write_preferences(votes).splitlines()]
    assert [(r["chosen"], r["rejected"], r.get("tie", False)) for r in rows] == [
        ("a", "b", False),
        ("b", "c", True),
        ("a", "d", False),
    ]
    assert rows[2]["judge"] == "bob" and rows[0]["timestamp"] == T0


def test_set_answers_export_their_pairs_marked_as_one_set() -> None:
    ranker = Ranker(["a", "b", "c", "d"], seed=3)
    shown = ranker.next_set(4)
    ranker.choose(shown[1], shown)
    rows = preference_rows(ranker.votes, prompts={"a": "a fox"}, groups={})
    assert [r["chosen"] for r in rows] == [shown[1]] * 3
    assert {r["set"] for r in rows} == {"best of 4"} and len({r["timestamp"] for r in rows}) == 1
    picks = pick_a_pic_rows(ranker.votes)
    assert {(p["label_0"], p["label_1"]) for p in picks} == {(1.0, 0.0)}


def test_merge_counts_identical_rows_once_and_keeps_order() -> None:
    ours = [Vote(T0, "a", "b", "left", "smart")]
    theirs = [
        Vote(T0, "a", "b", "left", "smart"),
        Vote(T0, "b", "c", "left", "smart", "bob"),
        Vote(T0, "b", "c", "left", "smart", "bob"),
    ]
    assert merge_votes(ours, theirs) == [theirs[1]]


def test_judge_agreement_counts_pairs_both_answered() -> None:
    votes = [
        Vote(T0, "a", "b", "left", "smart", "ann"),
        Vote(T0, "b", "a", "right", "smart", "bob"),  # agrees: a over b
        Vote(T0, "c", "d", "left", "smart", "ann"),
        Vote(T0, "c", "d", "right", "smart", "bob"),  # disagrees
        Vote(T0, "a", "d", "left", "smart", "ann"),  # only ann
    ]
    assert judge_agreement(votes) == {("ann", "bob"): (2, 1)}


def test_flask_history_matches_by_longest_suffix_keeps_order_and_duplicates() -> None:
    items = ["shoot/day1/IMG_1.jpg", "shoot/day2/IMG_1.jpg", "shoot/day1/IMG_2.jpg", "b.png"]
    text = (
        "Winner,Loser\n"
        "/home/me/shoot/day1/IMG_1.jpg,/home/me/shoot/day1/IMG_2.jpg\n"
        "/home/me/shoot/day1/IMG_1.jpg,/home/me/shoot/day1/IMG_2.jpg\n"
        "C:\\Users\\me\\shoot\\day2\\IMG_1.jpg,/elsewhere/b.png\n"
        "/home/me/gone.jpg,/home/me/shoot/day1/IMG_2.jpg\n"
        "/x/IMG_1.jpg,/y/b.png\n"
        "None,/home/me/b.png\n"
    )
    now = datetime(2026, 1, 1, tzinfo=UTC)
    result = import_flask_history(text, items, now=now)
    assert [(v.left, v.right) for v in result.votes] == [
        ("shoot/day1/IMG_1.jpg", "shoot/day1/IMG_2.jpg"),
        ("shoot/day1/IMG_1.jpg", "shoot/day1/IMG_2.jpg"),
        ("shoot/day2/IMG_1.jpg", "b.png"),
    ]
    assert [v.time for v in result.votes] == [
        "2026-01-01T00:00:00.000Z",
        "2026-01-01T00:00:00.001Z",
        "2026-01-01T00:00:00.002Z",
    ]
    assert result.unmatched == ["/home/me/gone.jpg"]
    assert result.ambiguous == ["/x/IMG_1.jpg"]
    assert result.removed == ["b.png"]


def test_rankings_json_holds_every_item() -> None:
    ranker = played(HOSTILE, 4)
    document = json.loads(write_rankings_json(ranker.standings(), ranker.question, ["me"]))
    assert document["format"] == "image-ranker-rankings"
    assert [item["id"] for item in document["items"]] == ranker.ranking()
    assert set(document["items"][0]) == {
        "id",
        "rank",
        "score",
        "mu",
        "sigma",
        "comparisons",
        "wins",
        "losses",
        "draws",
    }
