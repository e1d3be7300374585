"""rankings.csv and rankings.json: every name reads back exactly, no cell a spreadsheet would
run as a formula, numbers as numbers."""

import csv
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ranker import Ranker, Standing
from ranker.formats import (
    RANKINGS_HEADER,
    Problem,
    rankings_lines,
    read_rankings,
    write_rankings,
    write_rankings_json,
)
from ranker.formats.rankings_csv import formula_safe, unescape
from ranker.unshown import set_apart

from .test_formats_data import HOSTILE, PATHS, played

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@settings(derandomize=True, deadline=None, max_examples=300)
@given(text=st.one_of(PATHS, st.text()))
def test_escaping_undoes_exactly_and_no_escaped_text_starts_a_formula(text: str) -> None:
    safe = formula_safe(text)
    assert unescape(safe) == text
    assert not safe.startswith(FORMULA_STARTS)
    assert safe == text or safe == "'" + text


@settings(derandomize=True, deadline=None, max_examples=40)
@given(paths=st.lists(PATHS, min_size=2, max_size=6, unique=True), seed=st.integers(0, 10**6))
def test_rankings_csv_reads_back_the_same_standings(paths: list[str], seed: int) -> None:
    standings = played(paths, seed, answers=10).standings()
    read = read_rankings(write_rankings(standings))
    assert read.problems == []
    assert read.standings == standings


def test_rankings_csv_has_the_header_and_no_formula_cell() -> None:
    standings = played(HOSTILE, 2).standings()
    text = write_rankings(standings)
    assert text.startswith("rank,path,score,mu,sigma,comparisons,wins,losses,draws\r\n")
    rows = cells(text)
    assert tuple(rows[0]) == RANKINGS_HEADER
    paths = {row[1] for row in rows[1:]}
    assert {"'=1+2.png", "'+x.png", "'-y.png", "'@z.png", "'\tt.png", "'\rr.png"} <= paths
    assert {"''quoted.png", "'''two.png", "''=sum.png", "'\0nul.png", "a,b.png"} <= paths
    assert not any(row[1].startswith(FORMULA_STARTS) for row in rows[1:])
    assert [row[1] for row in rows[1:]] == [formula_safe(s.id) for s in standings]


def test_rankings_lines_are_the_file_one_record_at_a_time() -> None:
    """What a page joins between frames: each part is exactly one whole record (a name
    with a line break in it included), and together they are the file."""
    standings = played(HOSTILE, 3).standings()
    parts = list(rankings_lines(iter(standings)))
    assert "".join(parts) == write_rankings(standings)
    assert len(parts) == len(standings) + 1
    assert [cells(part) for part in parts] == [[row] for row in cells(write_rankings(standings))]


def test_numbers_are_plain_numbers_even_when_negative() -> None:
    standing = Standing(1, "-3.2.png", 12.5, -3.2, 0.75, 4, 1, 2, 1)
    row = cells(write_rankings([standing]))[1]
    assert row == ["1", "'-3.2.png", "12.5", "-3.2", "0.75", "4", "1", "2", "1"]


def test_a_bad_rankings_csv_is_reported_by_line() -> None:
    text = (
        "rank,path,score,mu,sigma,comparisons,wins,losses,draws\r\n"
        "1,a.png,90.0,30.1,2.0,3,3,0,0\r\n"
        "2,b.png,fifty,25.0,2.0,3,1,2,0\r\n"
        "3,c.png,10.0\r\n"
        "4,d.png,5.0,20.0,2.0,3,0,3,0"
    )
    read = read_rankings(text)
    assert read.standings == [Standing(1, "a.png", 90.0, 30.1, 2.0, 3, 3, 0, 0)]
    assert [p.line for p in read.problems] == [3, 4, 5]
    assert read.problems[0].message == "not a number: could not convert string to float: 'fifty'"
    assert read_rankings("timestamp,left\r\n").problems == [
        Problem(0, f"not a rankings.csv (expected the header {','.join(RANKINGS_HEADER)})")
    ]


def test_rankings_json_holds_every_item_with_its_numbers() -> None:
    ranker = played(HOSTILE, 4)
    standings = ranker.standings()
    document = json.loads(write_rankings_json(standings, "Which is sharper?", ["me", "ann"]))
    assert {k: document[k] for k in ("format", "version", "question", "judges")} == {
        "format": "image-ranker-rankings",
        "version": 1,
        "question": "Which is sharper?",
        "judges": ["ann", "me"],
    }
    assert [Standing(**{"id": i.pop("id"), **i}) for i in document["items"]] == standings
    assert [item["id"] for item in json.loads(write_rankings_json(standings))["items"]] == [
        s.id for s in standings
    ]


def test_images_never_shown_are_listed_after_the_ranked_ones_without_a_rank() -> None:
    ranker = Ranker(["a.png", "b.png", "broken.png", "c.png"], seed=1)
    ranker.vote("broken.png", "a.png")  # an answer given where it could be shown
    ranker.vote("a.png", "b.png")
    ranker.vote("b.png", "c.png")
    apart = list(set_apart(ranker.iter_standings(), {"broken.png"}))
    assert [(s.rank, s.id) for s in apart] == [
        (1, "a.png"),
        (2, "b.png"),
        (3, "c.png"),
        (None, "broken.png"),
    ]
    text = write_rankings(apart)
    assert cells(text)[0] == list(RANKINGS_HEADER)
    assert [row[:2] for row in cells(text)[1:]] == [
        ["1", "a.png"],
        ["2", "b.png"],
        ["3", "c.png"],
        ["", "broken.png"],
    ]
    assert read_rankings(text).standings == apart
    assert json.loads(write_rankings_json(apart))["items"][-1]["rank"] is None
    assert list(set_apart(ranker.iter_standings(), ())) == ranker.standings()
