"""The progress line over the images: early on it says the count to go cannot yet follow the
person (it is a typical judge's count, about twice what a consistent person needs), then
gives the count; the answers it counts are the question's own."""

import random
import re

from ranker import Ranker
from ranker.progress import answers_count, progress_line

from .sessions import answer, hidden_qualities

ITEMS = [f"img{i:02d}.png" for i in range(20)]


def line_after(count: int) -> str:
    rng = random.Random(3)
    ranker = Ranker(ITEMS, seed=3)
    answer(ranker, hidden_qualities(ITEMS, rng), rng, count)
    confidence = ranker.confidence()
    to_go = ranker.answers_to_go(0.9, confidence=confidence)
    return progress_line(confidence, to_go, ranker.answered, len(ITEMS))


def test_at_the_start_it_is_still_learning_and_says_until_when():
    line = line_after(0)
    assert not re.search(r"~[\d,]+ answers to go", line)
    assert "still learning how consistent you are" in line
    assert "~40 answers until it can tell" in line  # two answers per image
    assert line.endswith("0 answers to this question")


def test_a_few_answers_in_the_wait_for_an_estimate_shrinks():
    line = line_after(25)
    assert "~15 answers until it can tell" in line
    assert "25 answers to this question" in line


def test_after_two_rounds_the_count_to_go_follows_the_person():
    line = line_after(40)
    assert "still learning" not in line
    assert re.search(r"~[\d,]+ answers to go", line) or "settled enough to trust" in line
    assert line.endswith("40 answers to this question")


def test_a_settled_ranking_says_so_however_early():
    assert progress_line(0.95, 0, 3, 20) == (
        "Ranking about 95% settled, settled enough to trust · 3 answers to this question"
    )


def test_a_new_question_says_why_it_has_no_answers():
    line = progress_line(0.0, 300, 0, 20, other_answers=57)
    assert line.endswith(
        "0 answers to this question yet (your 57 answers to other questions rank those)"
    )
    assert "yet" not in progress_line(0.0, 300, 0, 20)


def test_the_count_is_per_question_and_singular_for_one():
    assert answers_count(1) == "1 answer to this question"
    assert answers_count(1234) == "1,234 answers to this question"
