"""The original Flask app's history: every row kept in order with its duplicates and its paths
as written, those paths matched to the folder by their longest common suffix, what cannot be
matched named and counted once its image is here, removals read as remove rows."""

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from ranker import Ranker, Vote
from ranker.formats import (
    PathResolver,
    import_flask_history,
    is_flask_autosave,
    is_flask_history,
    merge_votes,
    read_votes,
    write_votes,
)

T0 = "2026-01-01T00:00:00.000Z"

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


def test_rows_become_votes_in_order_with_duplicates_fixed_times_and_their_paths() -> None:
    text = history(
        ("/home/me/shoot/day1/IMG_1.jpg", "/home/me/shoot/day1/IMG_2.jpg"),
        ("/home/me/shoot/day1/IMG_1.jpg", "/home/me/shoot/day1/IMG_2.jpg"),
        ("C:\\Users\\me\\shoot\\day2\\IMG_1.jpg", "/elsewhere/b.png"),
        ("/home/me/gone.jpg", "/home/me/shoot/day1/IMG_2.jpg"),
        ('/mnt/pics/a, "quoted".png', "/mnt/pics/b.png"),
    )
    result = import_flask_history(text, ITEMS)
    assert [(v.left, v.right, v.outcome) for v in result.votes] == [
        ("/home/me/shoot/day1/IMG_1.jpg", "/home/me/shoot/day1/IMG_2.jpg", "left"),
        ("/home/me/shoot/day1/IMG_1.jpg", "/home/me/shoot/day1/IMG_2.jpg", "left"),
        ("C:\\Users\\me\\shoot\\day2\\IMG_1.jpg", "/elsewhere/b.png", "left"),
        ("/home/me/gone.jpg", "/home/me/shoot/day1/IMG_2.jpg", "left"),
        ('/mnt/pics/a, "quoted".png', "/mnt/pics/b.png", "left"),
    ]
    assert [v.time for v in result.votes] == [f"1970-01-01T00:00:00.00{ms}Z" for ms in range(5)]
    assert {(v.judge, v.strategy) for v in result.votes} == {("imported", "imported")}
    assert (result.unmatched, result.ambiguous, result.left_out) == (["/home/me/gone.jpg"], [], 0)
    assert result.problems == []
    log = read_votes(write_votes(result.votes)).votes
    assert log == result.votes
    matched = PathResolver(ITEMS).votes(log)
    assert [(v.left, v.right) for v in matched] == [
        ("shoot/day1/IMG_1.jpg", "shoot/day1/IMG_2.jpg"),
        ("shoot/day1/IMG_1.jpg", "shoot/day1/IMG_2.jpg"),
        ("shoot/day2/IMG_1.jpg", "b.png"),
        ("/home/me/gone.jpg", "shoot/day1/IMG_2.jpg"),
        ('a, "quoted".png', "b.png"),
    ]
    assert Ranker.from_votes(ITEMS, matched).standings()[0].id == "shoot/day1/IMG_1.jpg"


def test_rows_of_an_image_not_here_count_once_it_is() -> None:
    text = history(("/p/gone.jpg", "/p/b.png"), ("/p/gone.jpg", "/p/shoot/day1/IMG_2.jpg"))
    log = import_flask_history(text, ITEMS).votes
    without = Ranker.from_votes(ITEMS, PathResolver(ITEMS).votes(log))
    assert "gone.jpg" not in without.items and without.answered == 2
    here = [*ITEMS, "new/gone.jpg"]
    ranker = Ranker.from_votes(here, PathResolver(here).votes(log))
    best = ranker.standings()[0]
    assert (best.id, best.wins) == ("new/gone.jpg", 2)


def test_importing_the_same_history_again_adds_nothing_and_a_longer_one_only_its_tail() -> None:
    first = [("/p/shoot/day1/IMG_1.jpg", "/p/b.png"), ("/p/b.png", "/p/shoot/day1/IMG_2.jpg")]
    log = import_flask_history(history(*first), ITEMS, judge="me").votes
    again = import_flask_history(history(*first), ITEMS, judge="me").votes
    assert merge_votes(log, again) == []
    later = import_flask_history(history(*first, first[0]), ITEMS, judge="me").votes
    assert merge_votes(log, later) == [later[2]]
    assert later[2].judge == "me"


def test_a_history_an_earlier_version_imported_with_the_folders_paths_is_not_counted_twice():
    rows = [("/p/shoot/day1/IMG_1.jpg", "/p/b.png"), ("/p/gone.png", "/p/b.png")]
    raw = import_flask_history(history(*rows), ITEMS, judge="me").votes
    earlier = [replace(raw[0], left="shoot/day1/IMG_1.jpg", right="b.png")]  # as 0.1.0 wrote it
    resolver = PathResolver(ITEMS)
    assert merge_votes(earlier, raw) == raw
    assert merge_votes(earlier, raw, same=resolver.vote) == [raw[1]]


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
    assert [v.left for v in PathResolver(ITEMS).votes(result.votes)] == [
        "/x/IMG_1.jpg",
        "other/twin/x.png",
        "/z/twin/x.png",
        "Mixed/Case.PNG",
        "Mixed/Case.PNG",
        "/q/nothing.png",
    ]
    assert result.ambiguous == ["/x/IMG_1.jpg", "/z/twin/x.png"]
    assert result.unmatched == ["/q/nothing.png"]
    assert result.left_out == 0


def test_case_sensitive_agreement_breaks_a_tie_without_case() -> None:
    items = ["A/pic.png", "a/pic.png"]
    votes = import_flask_history(history(("/m/a/pic.png", "/m/A/pic.png")), items).votes
    assert [(v.left, v.right) for v in PathResolver(items).votes(votes)] == [
        ("a/pic.png", "A/pic.png")
    ]


def test_two_paths_that_match_one_image_are_left_as_written() -> None:
    votes = import_flask_history(history(("/one/b.png", "/two/b.png")), ITEMS).votes
    assert PathResolver(ITEMS).votes(votes) == votes


def test_only_the_original_apps_paths_are_matched() -> None:
    """A relative path of another log names an image of the folder exactly: an image gone
    from the folder is not replaced by another of the same name."""
    ours = Vote(T0, "old/b.png", "shoot/day1/IMG_2.jpg", "left", "smart")
    assert PathResolver(ITEMS).vote(ours) == ours
    absolute = replace(ours, left="/somewhere/old/b.png")
    assert PathResolver(ITEMS).vote(absolute).left == "b.png"
    imported = replace(ours, strategy="imported")  # the original app run in its own folder
    assert PathResolver(ITEMS).vote(imported).left == "b.png"


def test_removed_rows_become_removes_kept_when_their_image_is_not_here() -> None:
    text = history(
        ("None", "/home/me/b.png"),
        ("/home/me/shoot/day1/IMG_1.jpg", "/home/me/shoot/day1/IMG_2.jpg"),
        ("None", "/home/me/b.png"),
        ("None", "/home/me/gone.png"),
    )
    result = import_flask_history(text, ITEMS)
    assert result.removed == ["/home/me/b.png", "/home/me/gone.png"]
    assert [(v.outcome, v.left, v.right) for v in result.votes] == [
        ("remove", "/home/me/b.png", ""),
        ("left", "/home/me/shoot/day1/IMG_1.jpg", "/home/me/shoot/day1/IMG_2.jpg"),
        ("remove", "/home/me/b.png", ""),
        ("remove", "/home/me/gone.png", ""),
    ]
    assert result.votes[1].time.endswith(".001Z")
    assert result.unmatched == ["/home/me/gone.png"]
    assert read_votes(write_votes(result.votes)).votes == result.votes
    ranker = Ranker.from_votes(ITEMS, PathResolver(ITEMS).votes(result.votes))
    assert "b.png" not in ranker.items and ranker.removed == ["b.png"]
    here = [*ITEMS, "gone.png"]
    assert Ranker.from_votes(here, PathResolver(here).votes(result.votes)).removed == [
        "b.png",
        "gone.png",
    ]


def test_the_original_apps_autosaves_are_known_by_name() -> None:
    assert is_flask_autosave("comparisons_autosave_2024-09-13.csv")
    assert is_flask_autosave("sub/comparisons_autosave.csv")
    assert not is_flask_autosave("image_rankings_autosave_2024-09-13.csv")
    assert not is_flask_autosave("comparisons_autosave_2024.txt")


def test_a_bad_file_or_row_is_reported() -> None:
    assert [p.message for p in import_flask_history("a,b\r\n", ITEMS).problems] == [
        "not the original app's history (header Winner,Loser)"
    ]
    text = '\ufeffWinner,Loser\n/p/b.png\n\n/p/b.png,/p/IMG_2.jpg\n/p/b.png,/p/b.png\n/p/b.png,"/p/open'
    result = import_flask_history(text, ITEMS)
    assert [(p.line, p.message) for p in result.problems] == [
        (2, "not a Winner,Loser row"),
        (6, "not a Winner,Loser row"),
    ]
    assert [(v.left, v.right) for v in result.votes] == [("/p/b.png", "/p/IMG_2.jpg")]
    assert result.left_out == 3


@pytest.mark.parametrize(
    "header",
    ["Winner,Loser", '"Winner","Loser"', "winner, loser", '\ufeffWinner , "Loser"', "WINNER,LOSER"],
)
def test_the_history_is_known_by_its_header_quoted_spaced_or_in_any_case(header: str) -> None:
    text = f"{header}\r\n/a/x.png,/a/y.png\r\n"
    assert is_flask_history(text)
    votes = import_flask_history(text, ["x.png", "y.png"]).votes
    assert [(v.left, v.right) for v in PathResolver(["x.png", "y.png"]).votes(votes)] == [
        ("x.png", "y.png")
    ]


@pytest.mark.parametrize("text", ["timestamp,left,right\r\n", "Winner\r\n", "", "Loser,Winner\r\n"])
def test_other_files_are_not_taken_for_the_history(text: str) -> None:
    assert not is_flask_history(text)
