"""The original Flask app's history: absolute paths matched to the folder by their longest
common suffix, every row kept in order with its duplicates, what cannot be matched named."""

import csv
import io
from datetime import UTC, datetime

import pytest

from ranker import Ranker
from ranker.formats import (
    import_flask_history,
    is_flask_history,
    merge_votes,
    read_votes,
    write_votes,
)

ITEMS = [
    "shoot/day1/IMG_1.jpg",
    "shoot/day2/IMG_1.jpg",
    "shoot/day1/IMG_2.jpg",
    "b.png",
    "Mixed/Case.PNG",
    "twin/x.png",
    "other/twin/x.png",
    'a, "quoted".png',
]


def history(*rows: tuple[str, str]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # as the original app writes it
    writer.writerow(["Winner", "Loser"])
    writer.writerows(rows)
    return buffer.getvalue()


def test_rows_become_votes_in_order_with_duplicates_and_fixed_times() -> None:
    text = history(
        ("/home/me/shoot/day1/IMG_1.jpg", "/home/me/shoot/day1/IMG_2.jpg"),
        ("/home/me/shoot/day1/IMG_1.jpg", "/home/me/shoot/day1/IMG_2.jpg"),
        ("C:\\Users\\me\\shoot\\day2\\IMG_1.jpg", "/elsewhere/b.png"),
        ("/home/me/gone.jpg", "/home/me/shoot/day1/IMG_2.jpg"),
        ('/mnt/pics/a, "quoted".png', "/mnt/pics/b.png"),
    )
    result = import_flask_history(text, ITEMS)
    assert [(v.left, v.right, v.outcome) for v in result.votes] == [
        ("shoot/day1/IMG_1.jpg", "shoot/day1/IMG_2.jpg", "left"),
        ("shoot/day1/IMG_1.jpg", "shoot/day1/IMG_2.jpg", "left"),
        ("shoot/day2/IMG_1.jpg", "b.png", "left"),
        ('a, "quoted".png', "b.png", "left"),
    ]
    assert [v.time for v in result.votes] == [
        "1970-01-01T00:00:00.000Z",
        "1970-01-01T00:00:00.001Z",
        "1970-01-01T00:00:00.002Z",
        "1970-01-01T00:00:00.004Z",
    ]
    assert {(v.judge, v.strategy) for v in result.votes} == {("imported", "imported")}
    assert (result.unmatched, result.ambiguous, result.left_out) == (["/home/me/gone.jpg"], [], 1)
    assert result.problems == []
    log = read_votes(write_votes(result.votes)).votes
    assert log == result.votes
    assert Ranker.from_votes(ITEMS, log).standings()[0].id == "shoot/day1/IMG_1.jpg"


def test_importing_the_same_history_again_adds_nothing_and_a_longer_one_only_its_tail() -> None:
    first = [("/p/shoot/day1/IMG_1.jpg", "/p/b.png"), ("/p/b.png", "/p/shoot/day1/IMG_2.jpg")]
    log = import_flask_history(history(*first), ITEMS, judge="me").votes
    again = import_flask_history(history(*first), ITEMS, judge="me").votes
    assert merge_votes(log, again) == []
    later = import_flask_history(history(*first, first[0]), ITEMS, judge="me").votes
    assert merge_votes(log, later) == [later[2]]
    assert later[2].judge == "me"


def test_a_base_time_can_be_given() -> None:
    base = datetime(2024, 5, 1, 12, tzinfo=UTC)
    votes = import_flask_history(history(("/b.png", "/IMG_2.jpg")), ITEMS, base=base).votes
    assert votes[0].time == "2024-05-01T12:00:00.000Z"


def test_the_longest_suffix_wins_and_a_tie_is_ambiguous() -> None:
    text = history(
        ("/x/IMG_1.jpg", "/y/b.png"),  # day1 or day2: ambiguous
        ("/z/other/twin/x.png", "/y/b.png"),  # three components beat two
        ("/z/twin/x.png", "/y/b.png"),  # two each (twin/x.png): ambiguous
        ("/q/mixed/case.png", "/y/b.png"),  # only without case
        ("/q/MIXED/Case.PNG", "/y/b.png"),  # the file name with case, the folder without
        ("/q/nothing.png", "/y/b.png"),
    )
    result = import_flask_history(text, ITEMS)
    assert [v.left for v in result.votes] == [
        "other/twin/x.png",
        "Mixed/Case.PNG",
        "Mixed/Case.PNG",
    ]
    assert result.ambiguous == ["/x/IMG_1.jpg", "/z/twin/x.png"]
    assert result.unmatched == ["/q/nothing.png"]
    assert result.left_out == 3


def test_case_sensitive_agreement_breaks_a_tie_without_case() -> None:
    items = ["A/pic.png", "a/pic.png"]
    result = import_flask_history(history(("/m/a/pic.png", "/m/A/pic.png")), items)
    assert [(v.left, v.right) for v in result.votes] == [("a/pic.png", "A/pic.png")]


def test_removed_rows_name_the_images_once() -> None:
    text = history(
        ("None", "/home/me/b.png"),
        ("/home/me/shoot/day1/IMG_1.jpg", "/home/me/shoot/day1/IMG_2.jpg"),
        ("None", "/home/me/b.png"),
        ("None", "/home/me/gone.png"),
    )
    result = import_flask_history(text, ITEMS)
    assert result.removed == ["b.png"]
    assert len(result.votes) == 1 and result.votes[0].time.endswith(".001Z")
    assert result.unmatched == ["/home/me/gone.png"]


def test_a_bad_file_or_row_is_reported() -> None:
    assert [p.message for p in import_flask_history("a,b\r\n", ITEMS).problems] == [
        "not the original app's history (header Winner,Loser)"
    ]
    text = '\ufeffWinner,Loser\n/p/b.png\n\n/p/b.png,/p/IMG_2.jpg\n/p/b.png,"/p/open'
    result = import_flask_history(text, ITEMS)
    assert [(p.line, p.message) for p in result.problems] == [
        (2, "not a Winner,Loser row"),
        (5, "not a Winner,Loser row"),
    ]
    assert [(v.left, v.right) for v in result.votes] == [("b.png", "shoot/day1/IMG_2.jpg")]
    assert result.left_out == 2


@pytest.mark.parametrize(
    "header",
    ["Winner,Loser", '"Winner","Loser"', "winner, loser", '\ufeffWinner , "Loser"', "WINNER,LOSER"],
)
def test_the_history_is_known_by_its_header_quoted_spaced_or_in_any_case(header: str) -> None:
    text = f"{header}\r\n/a/x.png,/a/y.png\r\n"
    assert is_flask_history(text)
    assert [(v.left, v.right) for v in import_flask_history(text, ["x.png", "y.png"]).votes] == [
        ("x.png", "y.png")
    ]


@pytest.mark.parametrize("text", ["timestamp,left,right\r\n", "Winner\r\n", "", "Loser,Winner\r\n"])
def test_other_files_are_not_taken_for_the_history(text: str) -> None:
    assert not is_flask_history(text)
