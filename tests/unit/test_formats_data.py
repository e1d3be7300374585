"""What the test_formats_* modules share (hostile file names, hypothesis strategies for paths
and votes, a played session whose log has every kind of row), and a check that the path
strategy really produces the names the round-trip tests claim to cover."""

import random
from datetime import UTC

from hypothesis import HealthCheck, find, settings
from hypothesis import strategies as st

from ranker import NothingToUndoError, Ranker, Vote

T0 = "2026-01-01T00:00:00.000Z"

# names a CSV writer or a spreadsheet could get wrong
HOSTILE = [
    "a,b.png",
    'say "hi".png',
    "line\nbreak.png",
    "cr\r\nlf.png",
    "=1+2.png",
    "+x.png",
    "-y.png",
    "@z.png",
    "\tt.png",
    "\rr.png",
    "'quoted.png",
    "'=sum.png",
    "''two.png",
    "\0nul.png",
    " spaced .png",
    "日本/写真 1.JPG",
    "<img src=x>.png",
]

_TRICKY = st.sampled_from([",", '"', "\r", "\n", "\r\n", "'", "=", "+", "-", "@", "\t", "\0", " "])
_CHARS = st.lists(st.one_of(_TRICKY, st.characters(exclude_categories=["Cs"])), max_size=8).map(
    "".join
)
PATHS = st.builds(
    str.__add__,
    st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", "\0", "'", "'=", "''", '"', "\n"]),
    _CHARS,
).filter(bool)

_TIMES = st.datetimes(timezones=st.just(UTC)).map(
    lambda t: t.isoformat(timespec="milliseconds").replace("+00:00", "Z")
)


@st.composite
def vote_lists(draw, max_size: int = 12) -> list[Vote]:
    """Any rows a log can hold except undo rows (whose meaning depends on the rows before)."""
    paths = draw(st.lists(PATHS, min_size=2, max_size=5, unique=True))
    votes = []
    for _ in range(draw(st.integers(0, max_size))):
        left, right = draw(st.permutations(paths))[:2]
        votes.append(
            Vote(
                draw(_TIMES),
                left,
                right,
                draw(st.sampled_from(["left", "right", "draw", "skip"])),
                draw(st.sampled_from(["smart", "random", "", "=cmd"])),
                draw(st.sampled_from(["me", "ann", "=bob", 'zoë, "z"\n'])),
                draw(st.sampled_from(["Which image is better?", "Which is sharper?", "a,\nb"])),
                draw(st.sampled_from(["", "", "best of 3"])),
            )
        )
    return votes


def played(items: list[str], seed: int, answers: int = 30) -> Ranker:
    """A session of votes, draws, skips and undos."""
    ranker = Ranker(items, seed=seed)
    rng = random.Random(seed)
    for _ in range(answers):
        pair = ranker.next_pair()
        move = rng.random()
        if move < 0.55:
            ranker.vote(*pair)
        elif move < 0.65:
            ranker.vote(pair[1], pair[0])
        elif move < 0.75:
            ranker.draw(*pair)
        elif move < 0.85:
            ranker.skip(*pair)
        else:
            try:
                ranker.undo()
            except NothingToUndoError:
                pass
    return ranker


def test_the_path_strategy_reaches_every_hostile_start_and_character() -> None:
    quiet = settings(database=None, suppress_health_check=list(HealthCheck), max_examples=5000)
    for start in ["=", "+", "-", "@", "\t", "\r", "\0", "'", "'=", '"', "\n"]:
        assert find(PATHS, lambda p, s=start: p.startswith(s), settings=quiet).startswith(start)
    for inside in [",", '"', "\r\n", "\n"]:
        assert inside in find(PATHS, lambda p, c=inside: c in p[1:], settings=quiet)[1:]
    assert find(PATHS, lambda p: any(ord(c) > 0xFFFF for c in p), settings=quiet)
