"""Export for the original app: its two files, with its headers, its paths and its scale, and a
history that comes back through the import as the same answers and removals."""

import csv
import io

import trueskill

from ranker import Ranker, Vote
from ranker.formats import (
    OriginalPaths,
    PathResolver,
    import_flask_history,
    write_flask_comparisons,
    write_flask_rankings,
)
from ranker.log import DEFAULT_QUESTION

ITEMS = ["a.png", "b.png", "sub/c.png", "d.png", "e.png"]


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def session() -> Ranker:
    ranker = Ranker(ITEMS, seed=1)
    ranker.vote("a.png", "b.png")
    ranker.vote("sub/c.png", "a.png")
    ranker.draw("b.png", "d.png")  # the original app has no draws
    ranker.skip("d.png", "e.png")
    ranker.vote("e.png", "d.png")
    ranker.undo()  # e over d is taken back
    ranker.choose("a.png", ["a.png", "b.png", "d.png", "e.png"])  # best of 4: three pairs
    ranker.remove_item("e.png")
    ranker.remove_item("b.png")
    ranker.restore_item("b.png")
    return ranker


def test_the_history_holds_each_preference_in_force_then_the_removals() -> None:
    ranker = session()
    paths = OriginalPaths(PathResolver(ITEMS))
    text = write_flask_comparisons(ranker.votes, DEFAULT_QUESTION, paths)
    assert text.startswith("Winner,Loser\r\n")
    assert cells(text) == [
        ["Winner", "Loser"],
        ["a.png", "b.png"],
        ["sub/c.png", "a.png"],
        ["a.png", "b.png"],
        ["a.png", "d.png"],
        ["a.png", "e.png"],
        ["None", "e.png"],
    ]
    assert write_flask_comparisons(ranker.votes, "Another question?", paths).count("\n") == 2


def test_the_history_comes_back_through_the_import_as_the_same_preferences() -> None:
    ranker = session()
    paths = OriginalPaths(PathResolver(ITEMS))
    text = write_flask_comparisons(ranker.votes, DEFAULT_QUESTION, paths)
    back = import_flask_history(text, ITEMS, judge="me")
    assert (back.unmatched, back.problems, back.left_out) == ([], [], 0)
    again = Ranker.from_votes(ITEMS, PathResolver(ITEMS).votes(back.votes))
    assert again.removed == ["e.png"]
    # the best of 4 comes back as the three pairs it implies, and the draw not at all
    assert (ranker.answered, again.answered) == (4, 5)
    wins = {s.id: s.wins for s in again.standings()}
    assert wins == {s.id: s.wins for s in ranker.standings()}


def test_paths_go_back_as_the_original_app_wrote_them() -> None:
    history = (
        "Winner,Loser\r\n"
        "C:\\Users\\me\\pics\\a.png,C:\\Users\\me\\pics\\sub\\c.png\r\n"
        "C:\\Users\\me\\pics\\gone.png,C:\\Users\\me\\pics\\a.png\r\n"
        "None,C:\\Users\\me\\pics\\d.png\r\n"
    )
    imported = import_flask_history(history, ITEMS, judge="me").votes
    resolver = PathResolver(ITEMS)
    ranker = Ranker.from_votes(ITEMS, resolver.votes(imported), seed=1)
    ranker.vote("sub/c.png", "b.png")
    paths = OriginalPaths(resolver)
    assert paths("sub/c.png") == "C:\\Users\\me\\pics\\sub\\c.png"
    log = resolver.votes([*imported, ranker.votes[-1]])
    assert cells(write_flask_comparisons(log, DEFAULT_QUESTION, paths)) == [
        ["Winner", "Loser"],
        ["C:\\Users\\me\\pics\\a.png", "C:\\Users\\me\\pics\\sub\\c.png"],
        ["C:\\Users\\me\\pics\\gone.png", "C:\\Users\\me\\pics\\a.png"],
        ["C:\\Users\\me\\pics\\sub\\c.png", "C:\\Users\\me\\pics\\b.png"],
        ["None", "C:\\Users\\me\\pics\\d.png"],
    ]


def test_a_folder_the_original_app_never_saw_keeps_its_relative_paths() -> None:
    paths = OriginalPaths(PathResolver(ITEMS))
    assert paths("sub/c.png") == "sub/c.png"
    assert paths("/already/absolute.png") == "/already/absolute.png"


def test_the_rankings_use_the_original_apps_header_and_scale() -> None:
    ranker = Ranker(ITEMS[:2], seed=1)
    ranker.vote("a.png", "b.png")
    resolver = PathResolver(ITEMS)
    resolver.vote(Vote("t", "/home/me/x/a.png", "b.png", "left", "imported"))
    rows = cells(write_flask_rankings(ranker.standings(), OriginalPaths(resolver)))
    assert rows[0] == ["Image", "ELO", "Uncertainty", "Upvotes", "Downvotes"]
    best = ranker.standings()[0]
    assert rows[1] == [
        "/home/me/x/a.png",
        str(round(best.mu - 25, 2)),
        str(round(best.sigma, 2)),
        "1",
        "0",
    ]
    # one answer, as the original app rates it from its prior (mean 0, sigma 8.33)
    winner, _ = trueskill.rate_1vs1(trueskill.Rating(0.0, 8.33), trueskill.Rating(0.0, 8.33))
    assert abs(float(rows[1][1]) - winner.mu) < 0.3
