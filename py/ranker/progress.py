"""What the compare view says of the ranking's progress, in words a person can trust.

The count of answers to go follows the person only once every image has been answered about
a couple of times (see `confidence.answers_to_go`): before that it is the typical count of a
typical judge, and a consistent person settles in about half of it. So early on the page says
it is still learning how consistent the person is, and how many answers until it can tell.
Each question has its own ranking, so the answers counted are this question's, and a question
not yet answered says that answers to the other questions do not rank it.
"""

import math

from .confidence import FIRST_ROUNDS


def answers_count(answers: int) -> str:
    """The answers that rank the question on screen (each question has its own ranking)."""
    return f"{answers:,} answer{'' if answers == 1 else 's'} to this question"


def progress_line(
    confidence: float, to_go: int, answers: int, items: int, other_answers: int = 0
) -> str:
    """The line over the images: how settled, how far to go (or that it cannot yet tell),
    and how many answers this question has."""
    percent = round(100 * max(0.0, confidence))
    settled = f"Ranking about {percent}% settled"
    until_estimate = math.ceil(FIRST_ROUNDS * items) - answers
    if not to_go:
        more = ", settled enough to trust"
    elif until_estimate > 0:
        more = (
            f" · still learning how consistent you are (~{until_estimate:,} answers until "
            "it can tell how many are left)"
        )
    else:
        more = f", ~{to_go:,} answers to go"
    count = answers_count(answers)
    if answers == 0 and other_answers > 0:
        count += f" yet (your {other_answers:,} answers to other questions rank those)"
    return f"{settled}{more} · {count}"
