"""What a log holds, in the words the page uses when it resumes a folder: "resumed 1,234
answers by 2 judges; 3 images no longer in the folder". Images the log names that the folder
no longer has stay in the log (the engine keeps them as removed items): their answers are
kept, and come back into the ranking if the images do."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..log import Vote, answers
from .in_force import answers_in_force


@dataclass(frozen=True, slots=True)
class LogSummary:
    answers: int  # answers in force (not taken back); a set answer counts once
    judges: tuple[str, ...]  # judges of those answers, in name order
    missing: tuple[str, ...]  # paths the log names that are not in the folder, first seen first


def paths_not_in_folder(votes: Iterable[Vote], items: Iterable[str]) -> list[str]:
    present = set(items)
    missing: dict[str, None] = {}
    for vote in votes:
        for path in (vote.left, vote.right):
            if path and path not in present:
                missing[path] = None
    return list(missing)


def summarize_log(votes: Iterable[Vote], items: Iterable[str]) -> LogSummary:
    votes = list(votes)
    in_force = answers_in_force(votes)
    judges = tuple(sorted({answer[0].judge for answer in in_force}))
    return LogSummary(len(in_force), judges, tuple(paths_not_in_folder(votes, items)))


def arrived_note(votes: Iterable[Vote]) -> str:
    """What the page says, quietly, of answers that came in from other devices while it was
    open: "12 answers from ben, 1 answer from ann came in." (a set answer counts once)."""
    counts = Counter(answer[0].judge for answer in answers(votes))
    said = [
        f"{n:,} answer{'' if n == 1 else 's'} from {judge}" for judge, n in counts.most_common()
    ]
    return f"{', '.join(said)} came in." if said else ""
